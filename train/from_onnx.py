"""A training checkpoint rebuilt from the shipped int8 verifier, so a new stage can start from the model users run.

    python -m train.from_onnx [--model models/verifier/verifier.int8.onnx] [--out build/verifier-shipped/final.pt]

The fp32 checkpoints the shipped model was exported from live in ``build/`` and are not committed; retraining them
takes about four hours here (models/verifier/MODEL_CARD.md). The int8 file holds every weight: each quantised
matrix is ``(q - zero_point) * scale`` (per output channel for MatMul, one scale for an embedding table), and the
MatMul that reads it names the module it came from in its output (``/encoder/encoder/layer.0/attention/self/query/
MatMul_output_0_output_quantized``). The rebuilt model computes what the shipped file computes, up to the activations'
dynamic quantisation at run time; ``main`` prints the largest difference of probabilities on a few pairs.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import numpy as np
import torch

from factcheck.pair_verifier import MODEL_FILE, SPEC_FILE, default_verifier_dir
from train.verifier import ROOT, build_model

_MATMUL_OUTPUT = re.compile(r"^/(.+)/MatMul_output_0_output_quantized$")
_HEAD_OUTPUT = "logits_MatMul_output_quantized"


def _dequantised(initialisers: dict[str, np.ndarray], stem: str) -> np.ndarray:
    q = initialisers[f"{stem}_quantized"].astype(np.float32)
    zero = initialisers[f"{stem}_zero_point"].astype(np.float32)
    scale = initialisers[f"{stem}_scale"].astype(np.float32)
    return (q - zero) * scale  # a scalar scale broadcasts; a per-channel one runs along the last (output) axis


def state_from_onnx(path: Path) -> dict[str, torch.Tensor]:
    """The ``PairClassifier`` state dict the int8 ONNX file at ``path`` holds (weights dequantised)."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    initialisers = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    state: dict[str, np.ndarray] = {}
    for name, value in initialisers.items():
        if name.endswith(("_quantized", "_scale", "_zero_point")):
            continue
        state[name] = value  # biases and LayerNorm parameters are stored as they were trained
    for name in initialisers:
        if name.endswith("_quantized") and name.startswith("encoder.embeddings."):
            stem = name.removesuffix("_quantized")
            state[stem] = _dequantised(initialisers, stem)
    for node in graph.node:
        if node.op_type != "MatMulInteger":
            continue
        stem = node.input[1].removesuffix("_quantized")
        output = node.output[0]
        if output == _HEAD_OUTPUT:
            module = "head"
        else:
            match = _MATMUL_OUTPUT.match(output)
            if match is None:
                raise ValueError(f"{path}: cannot tell which module the MatMul writing {output!r} belongs to")
            module = match.group(1).replace("/", ".")
        # ONNX multiplies x @ W with W stored (in, out); torch's Linear keeps (out, in).
        state[f"{module}.weight"] = _dequantised(initialisers, stem).T
    return {name: torch.from_numpy(np.array(value, dtype=np.float32)) for name, value in state.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=default_verifier_dir() / MODEL_FILE)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "verifier-shipped" / "final.pt")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    model, tokenizer = build_model(args.seed)
    state = state_from_onnx(args.model)
    expected = model.state_dict()
    # The pooler's dense layer is never read (mean pooling), so the export folded it away; it keeps its start weights.
    unread = {"encoder.embeddings.position_ids", "encoder.pooler.dense.weight", "encoder.pooler.dense.bias"}
    missing = sorted(set(expected) - set(state) - unread)
    unknown = sorted(set(state) - set(expected))
    if missing or unknown:
        raise SystemExit(f"the ONNX file does not match the model: missing {missing}, unknown {unknown}")
    model.load_state_dict(state, strict=False)
    model.eval()
    from factcheck.pair_verifier import PairVerifier
    from train.export_verifier import _CHECK_PAIRS

    with torch.no_grad():
        encoded = tokenizer(
            [p for p, _ in _CHECK_PAIRS], [h for _, h in _CHECK_PAIRS], padding=True, return_tensors="pt"
        )
        rebuilt = torch.softmax(model(**encoded), -1).numpy()
    shipped = PairVerifier(args.model.parent).probabilities(_CHECK_PAIRS)
    print(f"rebuilt vs shipped probabilities on the check pairs: max difference {np.abs(rebuilt - shipped).max():.3f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model_path = args.model.resolve()
    shown = model_path.relative_to(ROOT) if model_path.is_relative_to(ROOT) else model_path
    args_record = {"seed": args.seed, "from_onnx": str(shown)}
    # how the shipped file was made, so a stage trained from it keeps its lineage in verifier.json
    spec = args.model.parent / SPEC_FILE
    made = json.loads(spec.read_text(encoding="utf-8")).get("training") if spec.exists() else None
    torch.save({"model": model.state_dict(), "args": args_record, "data": {}, "step": 0, "from": made}, args.out)
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
