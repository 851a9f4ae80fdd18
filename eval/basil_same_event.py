"""False-conflict rate on real reporting: BASIL articles checked against the other outlets of the same event.

BASIL (``../shared/data/basil``) holds one news event told by three outlets (files ``<event>_1/2/3.json``).
Every sentence of five words or more of each article is checked as a claim against the other two articles of
its event, and every ``conflict`` or ``mixed`` source verdict is listed with its reason, for a reader to judge.
Outlets do disagree now and then, but most such verdicts are wrong: three tellings of one event mostly agree.
The batch report over all the articles (many events together) is built too, and its conflict topics counted.

    python eval/basil_same_event.py [--articles N] [--json]

Nothing is written to the project: sentences are printed from the data directory, never stored.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from _common import BASIL_DIR, load_basil

from factcheck import Config, Corpus, EmbedderConfig
from factcheck.check import check_claim
from factcheck.embedding_onnx import ONNX_EMBEDDER
from factcheck.report import build_report

MIN_WORDS = 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150, help="the first N articles by path (default 150)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not any(BASIL_DIR.glob("*/*.json")):
        print(f"error: no BASIL articles in {BASIL_DIR} (the data lives in ../shared/data/basil)", file=sys.stderr)
        return 1
    sources, note = load_basil(BASIL_DIR, args.articles)
    started = time.perf_counter()
    found: list[dict[str, object]] = []
    checked = 0
    with tempfile.TemporaryDirectory() as data_dir:
        config = Config(data_dir=Path(data_dir), embedder=EmbedderConfig(name=ONNX_EMBEDDER))
        with Corpus.open(config) as corpus:
            list(corpus.ingest_many(sources))
            events: dict[str, list[str]] = defaultdict(list)
            for source_id in corpus.source_ids():
                events[source_id.rsplit("_", 1)[0]].append(source_id)
            for members in events.values():
                for source_id in members:
                    others = [m for m in members if m != source_id]
                    if not others:
                        continue
                    for sentence in corpus._storage.source_sentences(source_id):
                        if len(sentence.text.split()) < MIN_WORDS:
                            continue
                        checked += 1
                        result = check_claim(corpus, sentence.text, source_ids=others)
                        for verdict in result.sources:
                            if verdict.verdict in {"conflict", "mixed"}:
                                found.append(
                                    {
                                        "claim_source": source_id,
                                        "claim": sentence.text,
                                        "source": verdict.source_id,
                                        "verdict": verdict.verdict,
                                        "reason": verdict.reason,
                                    }
                                )
            report = build_report(corpus)
    summary = {
        "data": note,
        "sentences_checked": checked,
        "conflicting_source_verdicts": len(found),
        "report_topics": report.summary,
        "seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        print(json.dumps({"summary": summary, "conflicts": found}, indent=2))
    else:
        print(json.dumps(summary))
        for item in found:
            print(f"- {item['verdict']}: {item['reason']}\n    claim ({item['claim_source']}): {item['claim']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
