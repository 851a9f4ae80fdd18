"""The ``ray`` report engine: a report's partitions are judged by a pool of Ray actors, each holding the verifier.

The driver plans the report (reads the sources from its store, lists the candidate pairs of claims by story) and
merges the judgements into topics (``factcheck.report``); the actors only run ``factcheck.report_plan.judge``. A
partition travels with the items its pairs name, the story's sentences and vectors when the verifier reads them,
and the verifier's configuration, so the actors need neither the store nor the index::

    driver: make_plan -> partitions (by story; a story's pairs in blocks of at most report_block_pairs)
    actors: judge(partition) -> Judged        one trained verifier per actor, loaded when the actor starts
    driver: merge in the plan's order         the same report as the local engine

Each actor loads the verifier once, in its constructor, and keeps it for every partition it judges (the verifier
is cached per process and directory, so the readings of a partition find it loaded). The actors live as long as the
engine: one report on the command line, every report of a library user's engine. Judging is pure, so an actor
whose process dies is restarted and its partitions retried, and the driver takes one result per partition.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import ray
import ray.exceptions
from ray.util import ActorPool

from factcheck.config import VerifierModelConfig
from factcheck.engines.base import EngineConfig, connect_ray, ray_failure_cause
from factcheck.errors import FactcheckError
from factcheck.pair_verifier import shared_verifier
from factcheck.report_plan import Judged, Partition, judge

log = logging.getLogger(__name__)

#: An actor whose process dies (killed for memory, a native crash) is restarted, and its partition retried, this
#: many times; then the report fails. Retrying is safe: judging writes nothing.
ACTOR_RESTARTS = 3


@dataclass(frozen=True)
class ActorStats:
    """What a judging actor did: how often its process loaded the verifier, and when."""

    pid: int
    loads_at_start: int  # verifier models loaded by the time the actor was constructed
    loads: int  # verifier models loaded in the actor's process in all (one per directory: 1 when it works)
    partitions: int  # partitions it judged


class _Judge:
    """One Ray actor: the trained verifier loaded once, then ``judge`` for every partition sent to it."""

    def __init__(self, model: VerifierModelConfig) -> None:
        if model.enabled:
            # Called as factcheck.report_pairs.read_pairs calls it, so its readings find this one loaded.
            shared_verifier(model.model_dir)
        self._loads_at_start = shared_verifier.cache_info().misses
        self._partitions = 0

    def judge(self, partition: Partition) -> Judged:
        self._partitions += 1
        return judge(partition)

    def stats(self) -> ActorStats:
        loads = shared_verifier.cache_info().misses
        return ActorStats(os.getpid(), self._loads_at_start, loads, self._partitions)


class RayReportEngine:
    """Connects to (or starts) Ray on first use; :meth:`close` ends its actors, and shuts down only a Ray instance
    it started. After each report, :attr:`stats` holds what every actor did."""

    def __init__(self, config: EngineConfig) -> None:
        self._config = config
        self.block_pairs: int | None = config.report_block_pairs
        self._started = False
        self._actors: list[Any] = []
        self._model: VerifierModelConfig | None = None
        self.stats: list[ActorStats] = []

    def judge(self, partitions: Sequence[Partition]) -> Iterator[Judged]:
        if not partitions:
            return iter(())  # a report with nothing to judge never needs Ray
        return self._judge(list(partitions))

    def close(self) -> None:
        self._end_actors()
        if self._started:
            ray.shutdown()
            self._started = False

    def _judge(self, partitions: list[Partition]) -> Iterator[Judged]:
        actors = self._pool(partitions[0].model, len(partitions))
        # The costliest first, so the last to finish is a small one; the merge restores the plan's order.
        ordered = sorted(partitions, key=_cost, reverse=True)
        try:
            yield from ActorPool(actors).map_unordered(lambda actor, p: actor.judge.remote(p), ordered)
            self.stats = ray.get([actor.stats.remote() for actor in actors])
        except ray.exceptions.RayError as exc:
            raise FactcheckError(
                f"the Ray report failed ({type(exc).__name__}): {ray_failure_cause(exc)}; nothing was stored "
                "(Ray's logs: /tmp/ray/session_latest/logs)"
            ) from exc
        log.debug("report judged by %d actors: %s", len(actors), self.stats)

    def _pool(self, model: VerifierModelConfig, wanted: int) -> list[Any]:
        """The actors for ``model``: ``report_actors``, else one per CPU of the cluster but no more than there are
        partitions (an idle actor would load a model for nothing). A pool only grows while the engine lives."""
        if self._model != model:
            self._end_actors()
            self._model = model
        started, cpus = connect_ray(self._config)
        self._started = self._started or started
        size = self._config.report_actors or min(cpus, wanted)
        remote = ray.remote(num_cpus=1, max_restarts=ACTOR_RESTARTS, max_task_retries=ACTOR_RESTARTS)(_Judge)
        while len(self._actors) < size:
            self._actors.append(remote.remote(model))
        return self._actors

    def _end_actors(self) -> None:
        if self._actors and ray.is_initialized():
            for actor in self._actors:
                ray.kill(actor)
        self._actors = []


def _cost(partition: Partition) -> int:
    """A rough cost: typed pairs are cheap, the verifier's reading of a story grows with its sentences."""
    read = sum(len(s) for s in partition.text.sentences) * 8 if partition.text is not None else 0
    return len(partition.pairs) + read
