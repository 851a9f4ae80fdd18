"""Vector indexes behind a small protocol, picked by name (``auto``, ``flat``, ``hnsw``, ``ivf``, ``ivf_sq8``)."""

from factcheck.index import auto as _auto  # noqa: F401  (registers the ``auto`` kind)
from factcheck.index import faiss_index as _faiss_index  # noqa: F401  (registers the FAISS backends)
from factcheck.index.base import VectorIndex, create_index, index_kinds, load_index, register_index

__all__ = ["VectorIndex", "create_index", "index_kinds", "load_index", "register_index"]
