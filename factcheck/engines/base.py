"""The engine protocols and their registries: where an ingest's and a report's costly work runs.

An ingest engine splits, embeds, claim-extracts and stores sources: ``local`` (the default) is
:meth:`Corpus.ingest_many` in this process; ``ray`` runs the same steps as a Ray Data pipeline on a local or remote
Ray cluster (:mod:`factcheck.engines.ray_engine`) and stores what it prepared through the same corpus, so both
engines store the same data. A report engine judges the partitions of a report's plan (``factcheck.report_plan``):
``local`` in this process, ``ray`` on a pool of Ray actors (:mod:`factcheck.engines.ray_report`); the driver plans
and merges, so both give the same report. The ray modules are imported only when chosen: Ray is the optional
``factcheck[ray]`` dependency. Engines are picked by name, like embedders and indexes.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from factcheck.errors import ConfigError
from factcheck.report_plan import Judged, Partition, judge

if TYPE_CHECKING:
    from factcheck.corpus import Corpus, IngestFailure
    from factcheck.records import IngestResult, SourceInput

LOCAL_ENGINE = "local"
RAY_ENGINE = "ray"
_CONNECT_SECONDS = 10.0


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

    For reports, ``report_actors`` fixes the number of judging actors (one verifier model and one CPU each; None:
    one per CPU of the cluster, at most one per partition), and a story's candidate pairs are judged in blocks of
    at most ``report_block_pairs``.
    """

    name: str = LOCAL_ENGINE
    address: str | None = None
    num_cpus: int | None = None
    embed_actors: int | None = None
    extract_actors: int | None = None
    batch_sources: int = 16
    window_sources: int = 2000
    report_actors: int | None = None
    report_block_pairs: int = 1000

    def __post_init__(self) -> None:
        for what in ("num_cpus", "embed_actors", "extract_actors", "report_actors"):
            value = getattr(self, what)
            if value is not None and value < 1:
                raise ConfigError(f"engine {what} must be >= 1, got {value}")
        if self.batch_sources < 1 or self.window_sources < 1:
            raise ConfigError(
                f"engine batch_sources and window_sources must be >= 1, got {self.batch_sources}, {self.window_sources}"
            )
        if self.report_block_pairs < 1:
            raise ConfigError(f"engine report_block_pairs must be >= 1, got {self.report_block_pairs}")
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
        _missing_ray(exc, "Ray Data")
        raise
    return RayEngine(config)


def _missing_ray(exc: ImportError, what: str) -> None:
    """One clear line when Ray (or what Ray Data needs) is not installed; any other ImportError is a bug, which
    the caller raises as it is."""
    if exc.name is not None and exc.name.split(".")[0] in {"ray", "pyarrow", "pandas"}:
        raise ConfigError(
            f"the ray engine needs {what}, an optional dependency that is not installed ({exc}): "
            "pip install 'factcheck[ray]'"
        ) from None


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


# -- report engines ------------------------------------------------------------------------------------------------
@runtime_checkable
class ReportEngine(Protocol):
    #: A story's candidate pairs go to :meth:`judge` in partitions of at most this many (None: a story at once).
    block_pairs: int | None

    def judge(self, partitions: Sequence[Partition]) -> Iterator[Judged]:
        """``factcheck.report_plan.judge`` of every partition, one result each, in any order."""
        ...

    def close(self) -> None:
        """Release what the engine started (actors, a Ray instance)."""
        ...


class LocalReportEngine:
    """Every partition in this process, in order, with the process's shared verifier."""

    #: A report's progress moves one partition at a time: small blocks keep its steps short (a block costs nothing).
    block_pairs: int | None = 32

    def judge(self, partitions: Sequence[Partition]) -> Iterator[Judged]:
        return map(judge, partitions)

    def close(self) -> None:
        pass


def _ray_report_engine(config: EngineConfig) -> ReportEngine:
    try:
        from factcheck.engines.ray_report import RayReportEngine
    except ImportError as exc:
        _missing_ray(exc, "Ray")
        raise
    return RayReportEngine(config)


ReportEngineFactory = Callable[[EngineConfig], ReportEngine]
_REPORT_ENGINES: dict[str, ReportEngineFactory] = {
    LOCAL_ENGINE: lambda config: LocalReportEngine(),
    RAY_ENGINE: _ray_report_engine,
}


def register_report_engine(name: str, factory: ReportEngineFactory) -> None:
    """Make a report engine available to :func:`create_report_engine` under ``name``."""
    _REPORT_ENGINES[name] = factory


def report_engine_names() -> list[str]:
    return sorted(_REPORT_ENGINES)


def create_report_engine(config: EngineConfig) -> ReportEngine:
    try:
        factory = _REPORT_ENGINES[config.name]
    except KeyError:
        raise ConfigError(
            f"unknown report engine {config.name!r}; choose one of {', '.join(report_engine_names())}"
        ) from None
    return factory(config)


# -- Ray, for the ray engines --------------------------------------------------------------------------------------
def connect_ray(config: EngineConfig) -> tuple[bool, int]:
    """Initialise Ray unless it already is (a test, an application that started it): whether this call started it
    (then the engine shuts it down when closed), and the cluster's CPUs. Needs Ray: only the ray engines call it."""
    import ray

    started = False
    if not ray.is_initialized():
        address = config.address
        try:
            if address is None:
                ray.init(num_cpus=config.num_cpus, include_dashboard=False, logging_level=logging.WARNING)
            else:
                check_listening(address)
                ray.init(address=address, logging_level=logging.WARNING)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"the Ray cluster at {address}" if address else "a local Ray instance"
            raise ConfigError(f"cannot start or reach {where}: {exc}") from None
        started = True
    resources: dict[str, float] = ray.cluster_resources()  # type: ignore[no-untyped-call]
    return started, max(1, int(resources.get("CPU", 1)))


def ray_failure_cause(exc: BaseException) -> str:
    """What a Ray error comes to, in one line: its last (a worker's traceback ends with its exception)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


def check_listening(address: str) -> None:
    """Fail in seconds where Ray would retry for minutes: something must accept connections at HOST:PORT."""
    target = address.removeprefix("ray://")
    host, _, port = target.rpartition(":")
    if not host or not port.isdigit():
        return  # "auto" (the cluster this machine is part of): Ray finds it, or says there is none, at once
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=_CONNECT_SECONDS):
            pass
    except OSError as exc:
        raise ConfigError(
            f"nothing answers at {address} ({exc.strerror or exc}): start the cluster (`ray start --head`) "
            "or give the address `ray start` printed"
        ) from None
