"""ONNX Runtime embedder: the packaged all-MiniLM-L6-v2 exported offline to ONNX with int8 weights.

Runs with onnxruntime and tokenizers only: this module never imports torch, transformers or
sentence-transformers (the export in :mod:`factcheck.onnx_export` does, once, in another process).

Each sentence is run on its own, without padding. Dynamic quantization picks one int8 scale per activation
tensor, so in a padded batch a sentence's vector would depend on the other sentences in the batch (cosine down
to 0.95 between a sentence embedded alone and inside a batch of 64, measured on BASIL). One sentence per run
makes every vector a function of its text alone, keeps query and indexed vectors comparable, and computes no
padding. The parallelism is across sentences: ``threads`` workers each run whole sentences on one core. Splitting
one short sentence's small matrix products over several threads made them wait on each other (and spin),
which halved throughput whenever the cores were shared with other processes.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factcheck.config import EmbedderConfig
from factcheck.errors import ConfigError
from factcheck.onnx_export import (
    ARTIFACT_FILE,
    INPUT_NAMES,
    OUTPUT_NAME,
    TOKENIZER_FILE,
    is_current,
    read_export_info,
)

Vectors = npt.NDArray[np.float32]

#: The registry name of this embedder (``Config.embedder.name`` / ``FACTCHECK_EMBEDDER``).
ONNX_EMBEDDER = "minilm-onnx-int8"
ONNX_DIR_NAME = "all-MiniLM-L6-v2-int8"

log = logging.getLogger(__name__)


def default_onnx_dir() -> Path:
    """Where the export lives by default: ``models/onnx/`` of the checkout (gitignored; made by make install)."""
    root = Path(__file__).resolve().parent.parent
    if not (root / "models" / "manifest.json").is_file():
        raise ConfigError(
            "factcheck is not running from a checkout, so the ONNX model has no default place: export it with "
            "`factcheck export-onnx --out DIR` and set the embedder's model_path (FACTCHECK_MODEL_PATH) to DIR"
        )
    return root / "models" / "onnx" / ONNX_DIR_NAME


def mean_pool_normalize(hidden: npt.NDArray[Any], mask: npt.NDArray[Any]) -> Vectors:
    """sentence-transformers' mean pooling then Normalize: (batch, tokens, dim) hidden states -> unit rows."""
    weights = mask.astype(np.float32)[..., None]
    summed = (hidden.astype(np.float32) * weights).sum(axis=1)
    pooled = summed / np.maximum(weights.sum(axis=1), 1e-9)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return np.ascontiguousarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)


def single_thread_session(path: Path, what: str) -> Any:
    """An onnxruntime CPU session on one core: one input per call, inputs run in parallel threads (see the module
    doc), so no call's result depends on what else runs. ``what`` names the model in the error."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    try:
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped errors for unreadable models
        raise ConfigError(f"cannot load {what} in {path.parent}: {exc}") from exc


class OnnxInt8Embedder:
    """The int8 ONNX export on onnxruntime's CPU provider; ``model_path`` is an export directory.

    With ``model_path`` None the export in :func:`default_onnx_dir` is used, made on first use (in a child
    process, so this one never loads torch) when it is missing or was made by another recipe or model version.
    """

    def __init__(self, config: EmbedderConfig) -> None:
        directory = Path(config.model_path) if config.model_path else default_onnx_dir()
        info = read_export_info(directory)
        if config.model_path is None and not is_current(info):
            _export_in_child(directory, stale=info is not None)
            info = read_export_info(directory)
        if info is None:
            raise ConfigError(
                f"no ONNX export in {directory} (expected {ARTIFACT_FILE}, {TOKENIZER_FILE} and export.json); "
                f"make one with `factcheck export-onnx --out {directory}`"
            )
        from tokenizers import Tokenizer

        self._session = single_thread_session(directory / ARTIFACT_FILE, "the ONNX model")
        self._tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        # The tokenizer file pads and truncates to 128; sentence-transformers truncates at the model's
        # max_seq_length (256) and pads per batch, and we never pad.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=int(info["recipe"]["max_seq_length"]))
        self._dimension = int(info["dimension"])
        self._model_id = f"{info['name']}-r{info['recipe']['revision']}/{self._dimension}"
        workers = config.threads or len(os.sched_getaffinity(0))
        # InferenceSession.run is thread-safe and releases the GIL while it computes.
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="onnx-embed") if workers > 1 else None

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: Sequence[str]) -> Vectors:
        vectors = np.zeros((len(texts), self._dimension), dtype=np.float32)
        if not texts:
            return vectors
        token_ids = [encoding.ids for encoding in self._tokenizer.encode_batch(list(texts))]
        serial = self._pool is None or len(token_ids) == 1
        rows = map(self._embed, token_ids) if serial or self._pool is None else self._pool.map(self._embed, token_ids)
        for row, vector in enumerate(rows):
            vectors[row] = vector
        return vectors

    def _embed(self, token_ids: list[int]) -> Vectors:
        ids = np.asarray([token_ids], dtype=np.int64)
        mask = np.ones_like(ids)
        feed = dict(zip(INPUT_NAMES, (ids, mask, np.zeros_like(ids)), strict=True))
        vector: Vectors = mean_pool_normalize(self._session.run([OUTPUT_NAME], feed)[0], mask)[0]
        return vector


def _export_in_child(directory: Path, *, stale: bool) -> None:
    why = "was made by another recipe or model version" if stale else "is missing"
    log.warning("the ONNX int8 model in %s %s: exporting it now (once, about 20 s; needs torch)", directory, why)
    done = subprocess.run(
        [sys.executable, "-m", "factcheck.onnx_export", "--out", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-5:])
        raise ConfigError(f"exporting the ONNX model to {directory} failed: {tail}")
    log.info("%s", done.stdout.strip())
