"""The ingest engine protocol and its registry: how sources are split, embedded, claim-extracted and stored.

``local`` (the default) is :meth:`Corpus.ingest_many` in this process. ``ray`` runs the same steps as a Ray Data
pipeline on a local or remote Ray cluster (:mod:`factcheck.engines.ray_engine`, imported only when chosen: Ray is
the optional ``factcheck[ray]`` dependency) and stores what it prepared through the same corpus, so both engines
store the same data. Engines are picked by name, like embedders and indexes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from factcheck.errors import ConfigError

if TYPE_CHECKING:
    from factcheck.corpus import Corpus, IngestFailure
    from factcheck.records import IngestResult, SourceInput

LOCAL_ENGINE = "local"
RAY_ENGINE = "ray"


@dataclass(frozen=True)
class EngineConfig:
    """Which engine to build, and how the ``ray`` engine sizes its work (the ``local`` engine reads only ``name``).

    ``address`` None starts a Ray instance in this process with ``num_cpus`` CPUs (None: all); otherwise the engine
    connects to that cluster (``HOST:6379``, or ``auto`` on a node of it). ``embed_actors`` and
    ``extract_actors`` fix the size of each actor pool (one model, or one spaCy pipeline, per actor, one CPU each);
    None lets Ray Data scale each pool between 1 and the cluster's CPUs less one. A batch is ``batch_sources``
    sources (every sentence of a source goes through the same actor call, as the local engine extracts a source's
    claims in one call); ``window_sources`` sources are read and sent to the cluster at a time (bounding the
    driver's memory: each window's results are stored before the next window is read).
    """

    name: str = LOCAL_ENGINE
    address: str | None = None
    num_cpus: int | None = None
    embed_actors: int | None = None
    extract_actors: int | None = None
    batch_sources: int = 16
    window_sources: int = 2000

    def __post_init__(self) -> None:
        for what in ("num_cpus", "embed_actors", "extract_actors"):
            value = getattr(self, what)
            if value is not None and value < 1:
                raise ConfigError(f"engine {what} must be >= 1, got {value}")
        if self.batch_sources < 1 or self.window_sources < 1:
            raise ConfigError(
                f"engine batch_sources and window_sources must be >= 1, got {self.batch_sources}, {self.window_sources}"
            )
        if self.address is not None and self.num_cpus is not None:
            raise ConfigError("num_cpus sizes a Ray instance started here; a cluster at an address has its own CPUs")


@runtime_checkable
class IngestEngine(Protocol):
    def ingest_many(self, corpus: Corpus, sources: Iterable[SourceInput]) -> Iterator[IngestResult | IngestFailure]:
        """Store sources in ``corpus``; yield one outcome per source, in input order, as it is stored (as
        :meth:`Corpus.ingest_many` does)."""
        ...

    def close(self) -> None:
        """Release what the engine started (a Ray instance); the corpus stays open."""
        ...


class LocalEngine:
    """Everything in this process: :meth:`Corpus.ingest_many`."""

    def ingest_many(self, corpus: Corpus, sources: Iterable[SourceInput]) -> Iterator[IngestResult | IngestFailure]:
        return corpus.ingest_many(sources)

    def close(self) -> None:
        pass


def _ray_engine(config: EngineConfig) -> IngestEngine:
    try:
        from factcheck.engines.ray_engine import RayEngine
    except ImportError as exc:
        if exc.name is None or exc.name.split(".")[0] not in {"ray", "pyarrow", "pandas"}:
            raise
        raise ConfigError(
            f"the ray engine needs Ray Data, an optional dependency that is not installed ({exc}): "
            "pip install 'factcheck[ray]'"
        ) from None
    return RayEngine(config)


EngineFactory = Callable[[EngineConfig], IngestEngine]
_ENGINES: dict[str, EngineFactory] = {LOCAL_ENGINE: lambda config: LocalEngine(), RAY_ENGINE: _ray_engine}


def register_engine(name: str, factory: EngineFactory) -> None:
    """Make an ingest engine available to :func:`create_engine` under ``name``."""
    _ENGINES[name] = factory


def engine_names() -> list[str]:
    return sorted(_ENGINES)


def create_engine(config: EngineConfig) -> IngestEngine:
    try:
        factory = _ENGINES[config.name]
    except KeyError:
        raise ConfigError(f"unknown ingest engine {config.name!r}; choose one of {', '.join(engine_names())}") from None
    return factory(config)
