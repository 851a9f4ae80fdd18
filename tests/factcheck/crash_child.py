"""Run by test_crash.py in a child process that SIGKILLs itself at a chosen point of a write.

Usage: python crash_child.py DATA_DIR MODE [DATABASE_URL], MODE one of after-commit, mid-transaction, after-delete;
with a DATABASE_URL the store is that PostgreSQL database (the data directory then holds the index only).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

from factcheck import Config, Corpus, SourceInput
from factcheck.index.faiss_index import FaissIndex

TALKS = SourceInput(
    id="talks",
    text="Negotiators meet at 10am on Friday in Lindhaven. The delegation is headed by the foreign minister.",
)
FLOODS = SourceInput(
    id="floods",
    text="At least 14 people died in the floods in the past day. More than 1,200 people were evacuated. "
    "Five army helicopters flew rescue missions.",
)


def die(*_: object, **__: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class DyingSpans(list):  # type: ignore[type-arg]
    """Yields one sentence to the INSERT loop, then the process is killed inside the open transaction."""

    def __iter__(self) -> Iterator[object]:
        items = list.__iter__(self)
        yield next(items)
        die()


def main() -> None:
    data_dir, mode = Path(sys.argv[1]), sys.argv[2]
    config = Config(data_dir=data_dir, database_url=sys.argv[3] if len(sys.argv) > 3 else None)
    with Corpus.open(config) as corpus:
        corpus.ingest(TALKS)
    corpus = Corpus.open(config)
    # The index file is written on close or once a minute, never per write: a kill after a commit finds the
    # index file behind the database (here: before any index save could run).
    if mode == "after-commit":
        FaissIndex.save = die  # type: ignore[method-assign]
        corpus.ingest(FLOODS)
        die()
    elif mode == "mid-transaction":
        spans = corpus._segmenter.split(FLOODS.text)
        vectors = corpus.embedder.encode([s.text for s in spans])
        corpus._storage.add_source(FLOODS, DyingSpans(spans), vectors)
    elif mode == "after-delete":
        corpus.ingest(FLOODS)
        FaissIndex.save = die  # type: ignore[method-assign]
        corpus.delete("talks")
        die()
        corpus.close()
    raise SystemExit(f"{mode}: the process should have been killed")


if __name__ == "__main__":
    main()
