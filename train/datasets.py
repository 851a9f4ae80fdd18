"""The human-labelled NLI sets the verifier may train on, read from ``../shared/data/nli``.

Every pair is (premise, hypothesis, label) with the premise in the evidence slot and the hypothesis in the claim
slot, the way the verifier is asked at run time ("does this source sentence entail the claim?"). Labels:
0 entailment, 1 neutral, 2 contradiction. Each set carries its licence so the model card can list them; sets that
may not train a shipped model (ANLI, IMPPRES, SICK, MRPC) and the sets kept for out-of-sample evaluation
(MNLI dev-matched, SNLI test, FEVER-Symmetric v0.2 dev/test, ConjNLI dev) are not loaded here at all.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

NLI_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "nli"
LABELS = ("entailment", "neutral", "contradiction")
_LABEL_IDS = {name: i for i, name in enumerate(LABELS)}


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: int
    origin: str


@dataclass(frozen=True)
class TrainingSet:
    name: str
    licence: str
    read: Callable[[Path], Iterator[Pair]]


def _label(value: str) -> int | None:
    return _LABEL_IDS.get(value.strip().lower())


def _mnli_dev_premises(root: Path) -> set[str]:
    """Premises of MNLI dev-matched: LingNLI shares 608 of them, removed so MNLI dev-m stays unseen."""
    with (root / "mnli" / "mnli_dev_matched.generative-nli.jsonl").open(encoding="utf-8") as f:
        return {" ".join(json.loads(line)["premise"].split()) for line in f if line.strip()}


def _lingnli(root: Path) -> Iterator[Pair]:
    held_out = _mnli_dev_premises(root)
    for path in sorted((root / "lingnli").glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                label = _label(row.get("label", ""))
                if label is None or " ".join(row["premise"].split()) in held_out:
                    continue
                yield Pair(row["premise"], row["hypothesis"], label, "lingnli")


def _snli_dev(root: Path) -> Iterator[Pair]:
    with (root / "snli" / "snli_dev.generative-nli.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            label = _label(row.get("label", ""))
            if label is not None:
                yield Pair(row["premise"], row["hypothesis"], label, "snli-dev")


def _tsv(path: Path, premise: str, hypothesis: str, label: str, origin: str) -> Iterator[Pair]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            value = _label(row.get(label) or "")
            if value is not None and row.get(premise) and row.get(hypothesis):
                yield Pair(row[premise], row[hypothesis], value, origin)


def _snli_cad(root: Path) -> Iterator[Pair]:
    # Train split only (its premises come from SNLI train); CAD's test premises are SNLI test's.
    for name in ("original", "revised_combined"):
        yield from _tsv(root / "snli_cad" / f"cad_{name}_train.tsv", "sentence1", "sentence2", "gold_label", "snli-cad")


def _conjnli(root: Path) -> Iterator[Pair]:
    yield from _tsv(root / "conjnli" / "adversarial_train_15k.tsv", "Premise", "Hypothesis", "Label", "conjnli")


def _breaking_nli(root: Path) -> Iterator[Pair]:
    # 87% contradictions by one swapped word (colours, countries, numbers, antonyms): a sample keeps the balance.
    rows = []
    with (root / "breaking_nli" / "data" / "dataset.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            label = _label(row.get("gold_label", ""))
            if label is not None:
                rows.append(Pair(row["sentence1"], row["sentence2"], label, "breaking-nli"))
    random.Random(17).shuffle(rows)
    kept = [p for p in rows if p.label != 2] + [p for p in rows if p.label == 2][:2500]
    yield from kept


def _fever_symmetric(root: Path) -> Iterator[Pair]:
    # v0.1 only (claim/evidence, 2-way); v0.2 dev and test stay out for evaluation.
    for name in ("full", "generated"):
        with (root / "fever_symmetric" / f"symmetric_v0.1_fever_symmetric_{name}.jsonl").open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                label = {"SUPPORTS": 0, "REFUTES": 2}.get(row.get("label", ""))
                evidence = row.get("evidence_sentence") or row.get("evidence")
                if label is not None and evidence:
                    yield Pair(_detokenise(evidence), _detokenise(row["claim"]), label, "fever-symmetric")


def _detokenise(text: str) -> str:
    for token, char in (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-COLON-", ":")):
        text = text.replace(token, char)
    for before, after in ((" ,", ","), (" .", "."), ("( ", "("), (" )", ")"), (" 's", "'s"), (" :", ":"), (" ;", ";")):
        text = text.replace(before, after)
    return " ".join(text.split())


TRAINING_SETS: dict[str, TrainingSet] = {
    s.name: s
    for s in (
        TrainingSet("lingnli", "no licence file; MNLI premises (OANC free parts, CC BY-SA 3.0)", _lingnli),
        TrainingSet("snli-dev", "CC BY-SA 4.0", _snli_dev),
        TrainingSet("snli-cad", "Apache-2.0 (SNLI text CC BY-SA 4.0)", _snli_cad),
        TrainingSet("conjnli", "MIT", _conjnli),
        TrainingSet("breaking-nli", "CC BY-SA 4.0", _breaking_nli),
        TrainingSet("fever-symmetric", "CC BY-SA 3.0", _fever_symmetric),
    )
}


def load_nli(names: list[str], root: Path = NLI_DIR) -> list[Pair]:
    pairs: list[Pair] = []
    for name in names:
        pairs.extend(TRAINING_SETS[name].read(root))
    return pairs
