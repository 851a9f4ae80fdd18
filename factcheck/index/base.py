"""The vector index protocol and its registry: backends are picked by name from configuration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from factcheck.config import IndexConfig
from factcheck.errors import ConfigError

Ids = npt.NDArray[np.int64]
Matrix = npt.NDArray[np.float32]


@runtime_checkable
class VectorIndex(Protocol):
    """Stable integer ids (the sentence ids) mapped to normalized vectors; scores are inner products."""

    kind: str
    dimension: int

    def __len__(self) -> int:
        """Number of live (searchable) vectors."""
        ...

    def add(self, ids: Ids, vectors: Matrix) -> None: ...

    def remove(self, ids: Ids) -> None:
        """Remove ids; ids that are not present are ignored."""
        ...

    def search(self, queries: Matrix, k: int) -> tuple[Matrix, Ids]:
        """Top-k per query, best first; missing slots have id -1."""
        ...

    def ids(self) -> Ids:
        """All live ids, in no particular order."""
        ...

    def needs_rebuild(self) -> bool:
        """True when rebuilding from all vectors would restore quality (stale training, many deletions)."""
        ...

    def save(self, path: Path) -> None:
        """Write atomically: a crash leaves either the old file or the new one."""
        ...


IndexFactory = Callable[[IndexConfig, int], VectorIndex]
IndexLoader = Callable[[IndexConfig, Path], VectorIndex]
_FACTORIES: dict[str, tuple[IndexFactory, IndexLoader]] = {}


def register_index(name: str, factory: IndexFactory, loader: IndexLoader) -> None:
    """Make an index backend available under ``name`` (the ``index.kind`` setting)."""
    _FACTORIES[name] = (factory, loader)


def index_kinds() -> list[str]:
    return sorted(_FACTORIES)


def _lookup(kind: str) -> tuple[IndexFactory, IndexLoader]:
    try:
        return _FACTORIES[kind]
    except KeyError:
        raise ConfigError(f"unknown index kind {kind!r}; choose one of {', '.join(index_kinds())}") from None


def create_index(config: IndexConfig, dimension: int) -> VectorIndex:
    return _lookup(config.kind)[0](config, dimension)


def load_index(config: IndexConfig, path: Path) -> VectorIndex:
    return _lookup(config.kind)[1](config, path)
