"""The ``auto`` index: exact (``flat``) for small corpora, the configured approximate kind for large ones.

Below ``auto_threshold`` live vectors exact search is fast enough and loses nothing; from the threshold on
it costs time in proportion to the corpus (docs/benchmarks.md, "Index at scale"), so ``auto_kind`` takes
over. The switch is a rebuild: ``needs_rebuild`` turns true when the corpus crosses the threshold, and the
corpus then rebuilds the index from the vectors stored in the database, adding them all at once, which
builds the approximate index directly. Going back to ``flat`` waits until the corpus falls below half the
threshold, so a corpus hovering around it is not rebuilt over and over.

The file records ``auto`` as its kind and the structure in use; a file whose structure the current
settings would not choose (threshold or ``auto_kind`` changed) is refused on load, so it is rebuilt.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.config import IndexConfig
from factcheck.errors import ConfigError, StorageError
from factcheck.index.base import Ids, Matrix, register_index
from factcheck.index.faiss_index import KINDS, FaissIndex, read_faiss_file

AUTO = "auto"


class AutoIndex:
    """Delegates to a :class:`FaissIndex` whose structure is chosen by the number of live vectors."""

    kind = AUTO

    def __init__(self, config: IndexConfig, dimension: int, inner: FaissIndex | None = None) -> None:
        if config.auto_kind not in KINDS:
            raise ConfigError(f"unknown index auto_kind {config.auto_kind!r}; choose one of {', '.join(KINDS)}")
        self.dimension = dimension
        self._config = config
        self._inner = inner if inner is not None else FaissIndex("flat", dimension, config)

    @property
    def structure(self) -> str:
        """The kind of index in use now: ``flat`` or ``auto_kind``."""
        return self._inner.kind

    def wanted_structure(self) -> str:
        """The structure the settings choose for the current size (with the hysteresis described above)."""
        size, threshold = len(self), self._config.auto_threshold
        if self.structure == "flat" or self.structure != self._config.auto_kind:
            return self._config.auto_kind if size >= threshold else "flat"
        return "flat" if size < threshold // 2 else self._config.auto_kind

    def __len__(self) -> int:
        return len(self._inner)

    def add(self, ids: Ids, vectors: Matrix) -> None:
        # An empty index given a whole corpus at once (a rebuild) starts with the structure that corpus needs.
        if len(self._inner) == 0 and self.structure == "flat" and len(ids) >= self._config.auto_threshold:
            self._inner = FaissIndex(self._config.auto_kind, self.dimension, self._config)
        self._inner.add(ids, vectors)

    def remove(self, ids: Ids) -> None:
        self._inner.remove(ids)

    def search(self, queries: Matrix, k: int) -> tuple[Matrix, Ids]:
        return self._inner.search(queries, k)

    def ids(self) -> Ids:
        return self._inner.ids()

    def needs_rebuild(self) -> bool:
        return self._inner.needs_rebuild() or self.wanted_structure() != self.structure

    def set_search_params(self, *, ef_search: int | None = None, nprobe: int | None = None) -> None:
        self._inner.set_search_params(ef_search=ef_search, nprobe=nprobe)

    def save(self, path: Path) -> None:
        self._inner.save(path, file_kind=AUTO)


def create_auto_index(config: IndexConfig, dimension: int) -> AutoIndex:
    return AutoIndex(config, dimension)


def load_auto_index(config: IndexConfig, path: Path) -> AutoIndex:
    inner = read_faiss_file(config, path)
    index = AutoIndex(config, inner.dimension, inner)
    wanted = index.wanted_structure()
    if wanted != index.structure:
        raise StorageError(
            f"index file {path} holds a {index.structure!r} index of {len(index)} vectors; the auto settings "
            f"choose {wanted!r} (threshold {config.auto_threshold})"
        )
    return index


register_index(AUTO, create_auto_index, load_auto_index)
