"""Score factcheck's verdicts on the Emergent claim/headline stance data (Ferreira and Vlachos, 2016).

Each article headline is ingested as a one-sentence source; each claim is checked against its own
headlines only. Verdicts map to stances: agree -> for, conflict -> against, unverified -> observing (mixed
cannot occur with one sentence). factcheck is not trained on this data and was not tuned on it.

    python eval/emergent.py [--csv PATH] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from factcheck import Config, Corpus, SourceInput
from factcheck.check import check_claim

DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared/data/emergent/url-versions-2015-06-14-clean.csv"
STANCE = {"agree": "for", "conflict": "against", "unverified": "observing", "mixed": "observing"}
LABELS = ("for", "against", "observing")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pairs (for a quick look)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.csv.is_file():
        print(f"error: {args.csv} not found (the Emergent data lives in ../shared/data/emergent)", file=sys.stderr)
        return 1
    rows = list(csv.DictReader(args.csv.open(encoding="utf-8")))[: args.limit]
    started = time.perf_counter()
    pairs: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as data_dir, Corpus.open(Config(data_dir=Path(data_dir))) as corpus:
        list(corpus.ingest_many(SourceInput(id=f"h{row['id']}", text=row["articleHeadline"]) for row in rows))
        for row in rows:
            result = check_claim(corpus, row["claimHeadline"], source_ids=[f"h{row['id']}"])
            pairs.append((row["articleHeadlineStance"], STANCE[result.verdict]))
    seconds = time.perf_counter() - started
    report = _report(pairs, seconds)
    print(json.dumps(report, indent=2) if args.json else _format(report))
    return 0


def _report(pairs: list[tuple[str, str]], seconds: float) -> dict[str, object]:
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for gold, predicted in pairs:
        confusion[gold][predicted] += 1
    per_label = {}
    for label in LABELS:
        tp = confusion[label][label]
        predicted = sum(confusion[g][label] for g in LABELS)
        gold = sum(confusion[label].values())
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "support": gold,
            "predicted": predicted,
        }
    majority = max(Counter(g for g, _ in pairs).values()) / len(pairs)
    return {
        "pairs": len(pairs),
        "accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 4),
        "majority_class_accuracy": round(majority, 4),
        "per_label": per_label,
        "confusion": {g: dict(confusion[g]) for g in LABELS},
        "seconds": round(seconds, 1),
    }


def _format(report: dict[str, object]) -> str:
    lines = [
        f"pairs {report['pairs']}  accuracy {report['accuracy']}  "
        f"(majority class {report['majority_class_accuracy']})  {report['seconds']} s",
        "",
    ]
    lines.append("stance     precision  recall  f1     support  predicted")
    for label, s in report["per_label"].items():  # type: ignore[attr-defined]
        lines.append(
            f"{label:<10} {s['precision']:>9}  {s['recall']:>6}  {s['f1']:<5}  {s['support']:>7}  {s['predicted']:>9}"
        )
    lines += ["", "confusion (gold -> predicted): " + json.dumps(report["confusion"])]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
