"""Scoring the verdicts on a probe set: accuracy and per-verdict precision, recall and F1.

A probe is one JSON object per line: ``claim``, ``sources`` (ids), ``expected`` (overall verdict) and
``expected_sources`` (verdict per source); ``id``, ``category`` and ``note`` are carried into the report.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.check import CheckResult, check_claim
from factcheck.corpus import Corpus
from factcheck.errors import InvalidInputError, NotFoundError

VERDICTS = ("agree", "conflict", "mixed", "unverified")


@dataclass(frozen=True)
class Probe:
    id: str
    claim: str
    sources: tuple[str, ...]
    expected: str
    expected_sources: dict[str, str]
    category: str = ""
    note: str = ""


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class Outcome:
    probe: Probe
    verdict: str
    source_verdicts: dict[str, str]
    reasons: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class EvaluationReport:
    outcomes: tuple[Outcome, ...]
    accuracy: float
    per_verdict: dict[str, Scores]
    source_accuracy: float
    per_source_verdict: dict[str, Scores]
    per_category: dict[str, tuple[int, int]]  # category -> (correct, total)

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict != o.probe.expected]


def load_probes(path: Path) -> list[Probe]:
    probes = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            probe = Probe(
                id=str(data.get("id", f"line-{number}")),
                claim=data["claim"],
                sources=tuple(data["sources"]),
                expected=data["expected"],
                expected_sources=dict(data.get("expected_sources", {})),
                category=data.get("category", ""),
                note=data.get("note", ""),
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InvalidInputError(f"{path}:{number}: not a probe ({exc})") from exc
        if probe.expected not in VERDICTS:
            raise InvalidInputError(f"{path}:{number}: unknown verdict {probe.expected!r}")
        probes.append(probe)
    return probes


def evaluate(
    corpus: Corpus, probes: Sequence[Probe], *, on_probe: Callable[[Outcome], object] | None = None
) -> EvaluationReport:
    missing = sorted({s for p in probes for s in p.sources} - {s.id for s in corpus.list_sources()})
    if missing:
        raise NotFoundError(f"the probes name sources that are not ingested: {', '.join(missing)}")
    outcomes = []
    for probe in probes:
        result: CheckResult = check_claim(corpus, probe.claim, source_ids=list(probe.sources))
        outcome = Outcome(
            probe,
            result.verdict,
            {s.source_id: s.verdict for s in result.sources},
            {s.source_id: (s.evidence[0].reason if s.evidence else "") for s in result.sources},
        )
        outcomes.append(outcome)
        if on_probe is not None:
            on_probe(outcome)
    pairs = [(o.probe.expected, o.verdict) for o in outcomes]
    source_pairs = [
        (expected, o.source_verdicts.get(source, "unverified"))
        for o in outcomes
        for source, expected in o.probe.expected_sources.items()
    ]
    per_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        per_category[o.probe.category][0] += o.verdict == o.probe.expected
        per_category[o.probe.category][1] += 1
    return EvaluationReport(
        outcomes=tuple(outcomes),
        accuracy=_accuracy(pairs),
        per_verdict=_per_verdict(pairs),
        source_accuracy=_accuracy(source_pairs),
        per_source_verdict=_per_verdict(source_pairs),
        per_category={k: (v[0], v[1]) for k, v in sorted(per_category.items())},
    )


def _accuracy(pairs: list[tuple[str, str]]) -> float:
    return sum(e == p for e, p in pairs) / len(pairs) if pairs else 0.0


def _per_verdict(pairs: list[tuple[str, str]]) -> dict[str, Scores]:
    expected, predicted = Counter(e for e, _ in pairs), Counter(p for _, p in pairs)
    hits = Counter(e for e, p in pairs if e == p)
    scores = {}
    for verdict in VERDICTS:
        precision = hits[verdict] / predicted[verdict] if predicted[verdict] else 0.0
        recall = hits[verdict] / expected[verdict] if expected[verdict] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[verdict] = Scores(round(precision, 4), round(recall, 4), round(f1, 4), expected[verdict])
    return scores


def format_report(report: EvaluationReport, *, show_errors: bool = False) -> str:
    lines = [
        f"probes: {len(report.outcomes)}   accuracy: {report.accuracy:.3f}   "
        f"per-source accuracy: {report.source_accuracy:.3f}",
        "",
        "verdict       precision  recall     f1  support",
    ]
    for verdict, s in report.per_verdict.items():
        lines.append(f"{verdict:<12}  {s.precision:>9.3f}  {s.recall:>6.3f}  {s.f1:>5.3f}  {s.support:>7}")
    lines += ["", "category            correct"]
    lines += [f"{c or '-':<18}  {ok:>3}/{n:<3}" for c, (ok, n) in report.per_category.items()]
    if show_errors and report.errors:
        lines += ["", "errors:"]
        for o in report.errors:
            lines.append(
                f"  {o.probe.id} [{o.probe.category}] expected {o.probe.expected}, got {o.verdict}: {o.probe.claim}"
            )
            for source, expected in o.probe.expected_sources.items():
                got = o.source_verdicts.get(source)
                if got != expected:
                    lines.append(f"      {source}: expected {expected}, got {got}: {o.reasons.get(source, '')}")
    return "\n".join(lines)


def evaluation_json(report: EvaluationReport) -> dict[str, object]:
    return {
        "probes": len(report.outcomes),
        "accuracy": report.accuracy,
        "source_accuracy": report.source_accuracy,
        "per_verdict": {k: vars(v) for k, v in report.per_verdict.items()},
        "per_source_verdict": {k: vars(v) for k, v in report.per_source_verdict.items()},
        "per_category": {k: {"correct": ok, "total": n} for k, (ok, n) in report.per_category.items()},
        "errors": [
            {"id": o.probe.id, "claim": o.probe.claim, "expected": o.probe.expected, "got": o.verdict}
            for o in report.errors
        ],
    }
