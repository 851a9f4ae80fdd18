"""Where the story-grouping thresholds come from (factcheck/stories.py), measured on BASIL.

BASIL (``../shared/data/basil``) tells each event in three outlets (files ``<event>_1/2/3.json``); the events
are split by ``eval/splits.py`` into ``seen``, ``dev`` and ``test``. The thresholds were chosen on ``seen`` and
``dev`` only (``--sweep`` prints the grid, and never reads a ``test`` article); the default run prints, for the
shipped ``StoryConfig``, each split grouped on its own:

* same-story pairs linked: pairs of one event's outlets that end up in one group, of all such pairs;
* cross-story pairs linked: pairs of different events put in one group (should be 0);
* exact groups: events whose outlets form exactly one group with nothing else in it.

It is printed once with publication dates and once with dates ignored (``max_days_apart=None``), the case of
sources without a date.

    python eval/calibrate_stories.py [--sweep] [--data-dir DIR] [--threads N]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import _basil_source
from splits import BASIL_ARTICLES, basil_events

from factcheck import Config, Corpus, EmbedderConfig
from factcheck.stories import StoryConfig, group_stories


def event_of(source_id: str) -> str:
    return source_id.removeprefix("basil-").rsplit("_", 1)[0]


def measure(groups: Sequence[tuple[str, ...]]) -> tuple[int, int, int, int, int]:
    """(same-story pairs linked, same-story pairs, cross-story pairs linked, exact groups, events)."""
    group_of = {source_id: n for n, group in enumerate(groups) for source_id in group}
    members: dict[str, set[str]] = defaultdict(set)
    for source_id in group_of:
        members[event_of(source_id)].add(source_id)
    same = linked = cross = 0
    for a, b in itertools.combinations(sorted(group_of), 2):
        together = group_of[a] == group_of[b]
        if event_of(a) == event_of(b):
            same += 1
            linked += together
        else:
            cross += together
    exact = sum(1 for ids in members.values() if set(groups[group_of[min(ids)]]) == ids)
    return linked, same, cross, exact, len(members)


def line(label: str, figures: tuple[int, int, int, int, int]) -> str:
    linked, same, cross, exact, events = figures
    return (
        f"{label:24} same-story pairs linked {linked}/{same} ({linked / same:.1%}); cross-story pairs linked "
        f"{cross}; exact groups {exact}/{events} ({exact / events:.1%})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="grid over the thresholds on seen+dev events only")
    parser.add_argument("--data-dir", type=Path, help="keep the ingested corpus here (reused when run again)")
    parser.add_argument("--threads", type=int, default=1, help="embedder threads (default 1: a shared machine)")
    args = parser.parse_args()
    splits = basil_events()
    if not splits:
        print(f"error: no BASIL articles in {BASIL_ARTICLES} (the data lives in ../shared/data/basil)", file=sys.stderr)
        return 1
    wanted = ("seen", "dev") if args.sweep else ("seen", "dev", "test")
    paths = [p for p in sorted(BASIL_ARTICLES.glob("*/*.json")) if splits[p.stem.rsplit("_", 1)[0]] in wanted]
    sources = [s for s in map(_basil_source, paths) if s is not None]
    with tempfile.TemporaryDirectory() as scratch:
        config = Config(data_dir=args.data_dir or Path(scratch), embedder=EmbedderConfig(threads=args.threads))
        with Corpus.open(config) as corpus:
            started = time.perf_counter()
            list(corpus.ingest_many(sources))
            elapsed = time.perf_counter() - started
            print(f"{len(sources)} BASIL articles ({', '.join(wanted)} events) ready in {elapsed:.0f} s")
            by_split: dict[str, list[str]] = defaultdict(list)
            for source in sources:
                by_split[splits[event_of(source.id)]].append(source.id)
            tuning = by_split["seen"] + by_split["dev"]
            if args.sweep:
                sweep(corpus, tuning)
                return 0
            base = StoryConfig()
            print(f"config: {base}")
            for label, story_config in (("", base), ("dates ignored, ", replace(base, max_days_apart=None))):
                for name, ids in (("seen+dev", tuning), ("dev", by_split["dev"]), ("test", by_split["test"])):
                    started = time.perf_counter()
                    groups = group_stories(corpus, ids, story_config)
                    elapsed = time.perf_counter() - started
                    print(line(f"{label}{name}:", measure(groups)) + f" [{elapsed:.1f} s]")
    return 0


def sweep(corpus: Corpus, ids: list[str]) -> None:
    """Exact groups / cross-story pairs linked on seen+dev, over a grid (the plateau matters, not the peak)."""
    thresholds = [round(0.45 + 0.025 * k, 3) for k in range(10)]
    print("name_weight dated_bonus days |", " ".join(f"{t:>8}" for t in thresholds))
    for name_weight, bonus, days in itertools.product((0.0, 0.5, 1.0), (0.0, 0.05), (3, 4, 7, None)):
        cells = []
        for threshold in thresholds:
            config = StoryConfig(
                name_weight=name_weight, dated_bonus=bonus, max_days_apart=days, link_threshold=threshold
            )
            _, _, cross, exact, _ = measure(group_stories(corpus, ids, config))
            cells.append(f"{exact:>4}/{cross:<3}")
        print(f"{name_weight:11} {bonus:11} {days!s:>4} |", " ".join(cells))


if __name__ == "__main__":
    raise SystemExit(main())
