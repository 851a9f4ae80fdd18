"""Out-of-sample verdicts on real multi-outlet news: blind claim judgements over held-out BASIL events.

The claims in ``eval/data/basil_claims_{dev,test_a,test_b}.jsonl`` were written by readers who saw only the
articles (never the code): for each claim, what each outlet's article says (agree / conflict / unverified /
mixed). Events are split by ``eval/splits.py`` before any result was seen; thresholds are tuned on ``dev`` and
``test`` is only reported. ``seen`` holds claims written the same way (session 20) for twelve of the events read
while the first rules were written (story grouping, never claims): more data to tune on, never an out-of-sample
figure; ``train`` the 380 claims four more readers wrote for the other 38 ``seen`` events (session 31,
``train/data/basil_claims.jsonl``), in sample as ``seen`` is; ``dev2`` 168 more claims on the dev events written the
same way in session 39 (``eval/data/basil_claims_dev2.jsonl``; run once before its errors were read, then tuned on:
use the dev data directory, ``--split dev2 --data-dir build/eval/basil-dev``); ``test2`` 232 more claims on the
test events written the same way in session 40 (``eval/data/basil_claims_test2.jsonl``): out of sample as ``test``
is, never read for errors (``--split test2 --data-dir build/eval/basil-test``).

    python eval/basil_claims.py --split test|test2|dev|dev2|seen|train [--errors] [--json] [--data-dir DIR]
    python eval/basil_claims.py --split dev,seen,train --data-dir 'build/eval/basil-{split}' --verifier agree=0.7

Several splits (comma-separated) are scored each on its own and pooled (``"pooled"``: every outlet verdict of
them together), each in its own data directory (``{split}`` in DIR names it): how thresholds are chosen on every
in-sample claim at once (docs/evaluation.md, "How each threshold was chosen").

The events' articles (all three outlets of every event in the split, many stories in one corpus) are ingested
into a temporary data directory (or DIR, reused when it already holds them), and each claim is checked against
its event's outlets. Scores are per outlet verdict (one claim gives three): accuracy, agree precision, conflict
precision and recall, and how often a claim the article does answer comes back unverified.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "bench"))
sys.path.insert(0, str(HERE))

from _common import _basil_source  # noqa: E402
from splits import BASIL_ARTICLES, basil_events  # noqa: E402
from verifier_settings import VERIFIER_HELP, verifier_settings  # noqa: E402

from factcheck import Config, Corpus, EmbedderConfig  # noqa: E402
from factcheck.embedding_onnx import ONNX_EMBEDDER  # noqa: E402
from factcheck.evaluate import Probe, evaluate  # noqa: E402

FILES = {
    "dev": ["basil_claims_dev.jsonl"],
    # events read while the first rules were written (``splits.py``): tuned on as dev is, never reported as test
    "seen": ["basil_claims_seen.jsonl"],
    "test": ["basil_claims_test_a.jsonl", "basil_claims_test_b.jsonl"],
    # the verifier's training claims (``train/data``): four more readers on the other 38 ``seen`` events; read for
    # rule errors since session 32, so in sample as ``seen`` is
    "train": ["../../train/data/basil_claims.jsonl"],
    # more claims on the dev events, written blind in session 39 (run once on the code of that day, then tuned on)
    "dev2": ["basil_claims_dev2.jsonl"],
    # more claims on the test events, written blind in session 40 the same way (``data/claims_guide.md``): never
    # read for errors, run once per setting as ``test`` is (use the test data directory)
    "test2": ["basil_claims_test2.jsonl"],
}
# The split of BASIL events each claim file's events come from (``eval/splits.py``).
EVENT_SPLIT = {"dev": "dev", "seen": "seen", "test": "test", "train": "seen", "dev2": "dev", "test2": "test"}


def overall(labels: list[str]) -> str:
    agree = any(v in ("agree", "mixed") for v in labels)
    conflict = any(v in ("conflict", "mixed") for v in labels)
    return "mixed" if agree and conflict else "conflict" if conflict else "agree" if agree else "unverified"


def load(split: str) -> list[Probe]:
    probes = []
    for name in FILES[split]:
        for line in (HERE / "data" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                probes.append(
                    Probe(
                        id=row["id"],
                        claim=row["claim"],
                        sources=tuple(row["sources"]),
                        expected=overall(list(row["expected_sources"].values())),
                        expected_sources=dict(row["expected_sources"]),
                        category=row.get("kind", ""),
                        note=row.get("note", ""),
                    )
                )
    return probes


def source_scores(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Per outlet verdict: the figures the issue's bar is set in."""
    n = len(pairs)
    predicted, expected = Counter(p for _, p in pairs), Counter(e for e, _ in pairs)
    hit = Counter(e for e, p in pairs if e == p)
    answerable = [(e, p) for e, p in pairs if e != "unverified"]
    return {
        "judgements": n,
        "accuracy": sum(e == p for e, p in pairs) / n,
        "agree_precision": hit["agree"] / predicted["agree"] if predicted["agree"] else 0.0,
        "agree_recall": hit["agree"] / expected["agree"] if expected["agree"] else 0.0,
        "conflict_precision": hit["conflict"] / predicted["conflict"] if predicted["conflict"] else 0.0,
        "conflict_recall": hit["conflict"] / expected["conflict"] if expected["conflict"] else 0.0,
        "answerable_unverified": sum(p == "unverified" for _, p in answerable) / len(answerable) if answerable else 0.0,
        "always_unverified_accuracy": expected["unverified"] / n,
        "predicted": dict(predicted),
        "expected": dict(expected),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", help=f"one of {', '.join(sorted(FILES))}, or several: dev,seen")
    parser.add_argument("--data-dir", help="reuse (or fill) this data directory; {split} in it names each split's")
    parser.add_argument("--errors", action="store_true", help="list every wrong outlet verdict with its reason")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verifier", action="append", default=[], metavar="FIELD=VALUE", help=VERIFIER_HELP)
    args = parser.parse_args()
    splits = args.split.split(",")
    if unknown := [s for s in splits if s not in FILES]:
        parser.error(f"unknown split {unknown[0]!r}; one of {', '.join(sorted(FILES))}")
    if len(splits) > 1 and args.data_dir is not None and "{split}" not in args.data_dir:
        parser.error("several splits need a data directory each: put {split} in --data-dir")
    if not any(BASIL_ARTICLES.glob("*/*.json")):
        print(f"error: no BASIL articles in {BASIL_ARTICLES} (../shared/data/basil)", file=sys.stderr)
        return 1
    pooled: list[tuple[str, str]] = []
    for split in splits:
        data_dir = Path(args.data_dir.format(split=split)) if args.data_dir else None
        pairs, errors = _score(split, data_dir, args)
        pooled += pairs
        if args.errors:
            print("\n".join(errors))
    if len(splits) > 1:
        scores = {k: round(v, 3) if isinstance(v, float) else v for k, v in source_scores(pooled).items()}
        print(json.dumps({"pooled": splits, **scores}, indent=2 if args.json else None))
    return 0


def _score(split: str, data_dir: Path | None, args: argparse.Namespace) -> tuple[list[tuple[str, str]], list[str]]:
    """One split's outlet verdicts (expected, got), its summary printed, and its wrong verdicts with reasons."""
    probes = load(split)
    split_of = basil_events()
    events = {p.sources[0].removeprefix("basil-").rsplit("_", 1)[0] for p in probes}
    assert all(split_of[e] == EVENT_SPLIT[split] for e in events), "a claim names an event of another split"
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        config = Config(
            data_dir=data_dir or Path(tmp),
            embedder=EmbedderConfig(name=ONNX_EMBEDDER),
            verifier_model=verifier_settings(args.verifier),
        )
        with Corpus.open(config) as corpus:
            have = set(corpus.source_ids())
            paths = [p for e in sorted(events) for p in sorted(BASIL_ARTICLES.glob(f"*/{e}_*.json"))]
            new = [s for s in map(_basil_source, paths) if s is not None and s.id not in have]
            if new:
                list(corpus.ingest_many(new))
            report = evaluate(corpus, probes)
    pairs = [
        (expected, o.source_verdicts.get(source, "unverified"))
        for o in report.outcomes
        for source, expected in o.probe.expected_sources.items()
    ]
    summary = {
        "split": split,
        "events": len(events),
        "claims": len(probes),
        **{k: round(v, 3) if isinstance(v, float) else v for k, v in source_scores(pairs).items()},
        "claim_accuracy": round(report.accuracy, 3),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(summary, indent=2 if args.json else None))
    errors = []
    for o in report.outcomes:
        for source, expected in o.probe.expected_sources.items():
            got = o.source_verdicts.get(source, "unverified")
            if got != expected:
                errors.append(f"- {o.probe.id} {source[-2:]} expected {expected}, got {got}: {o.probe.claim}")
                errors.append(f"      {o.reasons.get(source, '')}")
    return pairs, errors


if __name__ == "__main__":
    raise SystemExit(main())
