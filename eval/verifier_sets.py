"""Score the trained claim verifier alone on NLI / fact-verification sets it never trained on.

    python eval/verifier_sets.py [--model-dir DIR] [--limit N] [--only SET ...] [--threads N] [--json]
    python eval/verifier_sets.py --model-dir /tmp/verifier-ckpt --limit 1000 --threads 1   # while developing
    python eval/verifier_sets.py                          # the shipped models/verifier/, every set in full

The verifier (``factcheck.pair_verifier``) trained on LingNLI train+val minus every premise of MNLI dev-matched,
SNLI dev, SNLI-CAD train, ConjNLI adversarial train, a sample of Breaking NLI, FEVER-Symmetric v0.1 and news
pairs from the FNC-1 bodies of the ``train`` split (``train/datasets.py``, ``train/verifier.py``). Scored here,
all from ``../shared/data/nli`` (formats in its INVENTORY.md): MNLI dev-matched (the headline; 3-way), SNLI test
(e-SNLI's tokenised copy, lightly detokenised; 3-way), FEVER-Symmetric v0.2 dev and test (claim vs. its evidence
sentence, SUPPORTS/REFUTES, 2-way), ANLI R1-R3 test (3-way; by round in --json), ConjNLI dev (3-way), HealthVer
test (COVID claims vs. abstract passages; Supports/Neutral/Refutes read as entailment/neutral/contradiction),
SciTail test and RTE (SuperGLUE train+val; both 2-way entailment / not-entailment), and news pairs that
``train/news_pairs.py`` writes (seed 13, every sentence) from the FNC-1 bodies of the ``dev`` and ``test`` splits
of ``eval/splits.py``, which no model saw (and, as ``news-fnc1-test-reworded``, the test split's pairs made with
``paraphrase=True``: voice, contractions and acronyms changed, ``train/paraphrase.py``; as
``news-fnc1-test-people``, with ``people=True``: people named in full as their article names them, two parties
swapped; as ``news-fnc1-test-subfacts``, with ``subfacts=True``: half the claims one fact of their sentence told on
its own, ``train/subfacts.py``). None of these sets was used in training, and the script checks: it
loads the training sets through ``train.datasets`` (plus the news-pair cache in build/verifier/ if present), drops
every pair whose normalised (premise, hypothesis) occurs there and reports how many it dropped; FEVER-Symmetric
v0.2 repeats about two thirds of v0.1's pairs, so only its remaining third is scored. Kept pairs whose premise
(or claim) alone appears in training are counted, with the accuracy without them: FNC-1 repeats wire copy under
different Body IDs, so ~16-19% of dev/test sentences also occur in train-split bodies. Two-way scoring: for
entailment / not-entailment sets (SciTail, RTE) the prediction is "entailment" when that column is the 3-way
argmax and "not-entailment" otherwise (neutral and contradiction merged); for SUPPORTS/REFUTES (FEVER) gold maps
to entailment / contradiction and the prediction is the larger of those two columns, neutral ignored (how often
neutral would have won is reported as ``neutral_argmax``). ``--limit N`` scores a seeded random sample of N rows
per set (for news: a sample of the first 1.1N + 10 pairs generated, so only as many articles are parsed as
needed). Nothing is cached or written.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # `train` when run as a script
sys.path.insert(0, str(ROOT / "eval"))  # `splits`

NLI_DIR = ROOT.parent / "shared" / "data" / "nli"
# the training runs' own generated pairs (read only)
NEWS_CACHE_GLOBS = ("build/verifier/news_train_seed*.jsonl", "build/verifier/lexical_seed*.jsonl")
NEWS_SEED = 13
SAMPLE_SEED = 0
BATCH = 256
THREE_WAY = ("entailment", "neutral", "contradiction")
SHORT = {"entailment": "E", "neutral": "N", "contradiction": "C", "not-entailment": "notE"}


@dataclass(frozen=True)
class Example:
    premise: str
    hypothesis: str
    label: int  # an index into the set's labels
    tag: str = ""


@dataclass(frozen=True)
class EvalSet:
    name: str
    scheme: str  # "3-way", "E/notE" or "E/C"
    read: Callable[[int | None], list[Example]]  # the limit is only used by generated sets

    @property
    def labels(self) -> tuple[str, ...]:
        return {"3-way": THREE_WAY, "E/notE": ("entailment", "not-entailment"), "E/C": ("entailment", "contradiction")}[
            self.scheme
        ]


# -- reading ---------------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(text.split())


def _detokenise(text: str) -> str:
    """Undo PTB-style tokenisation (e-SNLI, FEVER): "a man 's hat , `` he '' ( ok ) ." -> "a man's hat, "he" (ok).\""""
    for token, char in (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-COLON-", ":")):
        text = text.replace(token, char)
    text = re.sub(r"``\s*", '"', text)
    text = re.sub(r"\s*''", '"', text)
    text = re.sub(r" (n't|'s|'re|'ve|'m|'ll|'d)\b", r"\1", text)
    text = re.sub(r" ([.,;:!?)\]])", r"\1", text)
    text = re.sub(r"([(\[]) ", r"\1", text)
    return _clean(text)


def _jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _label_index(value: str, names: dict[str, int], path: Path) -> int | None:
    value = value.strip().lower()
    if value in names:
        return names[value]
    if value in ("", "-"):  # no gold label (annotators disagreed)
        return None
    raise ValueError(f"unknown label {value!r} in {path.name}")


_NLI3 = {"entailment": 0, "neutral": 1, "contradiction": 2}
_NLI2 = {"entailment": 0, "not_entailment": 1}


def _generative_nli(relative: str, names: dict[str, int]) -> Callable[[int | None], list[Example]]:
    def read(_: int | None) -> list[Example]:
        path = NLI_DIR / relative
        rows = []
        for row in _jsonl(path):
            label = _label_index(row["label"], names, path)
            if label is not None:
                rows.append(Example(_clean(row["premise"]), _clean(row["hypothesis"]), label, row.get("tag") or ""))
        return rows

    return read


def _snli_test(_: int | None) -> list[Example]:
    folder = NLI_DIR / "esnli"
    columns = [(folder / f"{n}.test").read_text(encoding="utf-8").splitlines() for n in ("s1", "s2", "labels")]
    if len({len(c) for c in columns}) != 1:
        raise ValueError(f"e-SNLI test files differ in length: {[len(c) for c in columns]}")
    rows = []
    for premise, hypothesis, value in zip(*columns, strict=True):
        label = _label_index(value, _NLI3, folder / "labels.test")
        if label is not None:
            rows.append(Example(_detokenise(premise), _detokenise(hypothesis), label))
    return rows


def _fever_symmetric(split: str) -> Callable[[int | None], list[Example]]:
    def read(_: int | None) -> list[Example]:
        path = NLI_DIR / "fever_symmetric" / f"symmetric_v0.2_fever_symmetric_{split}.jsonl"
        names = {"supports": 0, "refutes": 1}
        return [
            Example(_detokenise(row["evidence"]), _detokenise(row["claim"]), label)
            for row in _jsonl(path)
            if (label := _label_index(row["label"], names, path)) is not None
        ]

    return read


def _conjnli_dev(_: int | None) -> list[Example]:
    path = NLI_DIR / "conjnli" / "conj_dev.tsv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [
            Example(_clean(row["Premise"]), _clean(row["Hypothesis"]), label)
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            if (label := _label_index(row["Label"], _NLI3, path)) is not None
        ]


def _healthver_test(_: int | None) -> list[Example]:
    path = NLI_DIR / "healthver" / "healthver_test.csv"
    names = {"supports": 0, "neutral": 1, "refutes": 2}
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Example(_clean(row["evidence"]), _clean(row["claim"]), label)
            for row in csv.DictReader(f)
            if (label := _label_index(row["label"], names, path)) is not None
        ]


def _made_from_bodies(split: str, make: Callable[[list[Any]], Iterable[Any]]) -> Callable[[int | None], list[Example]]:
    """Pairs the project's generator ``make`` writes from the split's FNC-1 bodies, read as far as ``limit`` needs."""

    def read(limit: int | None) -> list[Example]:
        from splits import fnc_body_split

        from train.news_pairs import read_bodies

        bodies = [b for b in read_bodies() if fnc_body_split(b.body_id) == split]
        wanted = None if limit is None else limit + limit // 10 + 10  # room for pairs the leak check drops
        return [Example(p.premise, p.hypothesis, p.label) for p in itertools.islice(make(bodies), wanted)]

    return read


def _news(
    split: str, *, paraphrase: bool = False, people: bool = False, subfacts: bool = False
) -> Callable[[int | None], list[Example]]:
    def make(bodies: list[Any]) -> Iterable[Any]:
        from train.news_pairs import PairMaker

        return PairMaker(NEWS_SEED, paraphrase=paraphrase, people=people, subfacts=subfacts).pairs(bodies)

    return _made_from_bodies(split, make)


def _lexical(split: str) -> Callable[[int | None], list[Example]]:
    """Minimal pairs of one word changed or left out (``train/lexical.py``) of the split's FNC-1 bodies."""

    def make(bodies: list[Any]) -> Iterable[Any]:
        from train.lexical import lexical_pairs

        return lexical_pairs(bodies, NEWS_SEED, per_sentence=1.0)

    return _made_from_bodies(split, make)


SETS = (
    EvalSet("mnli-dev-m", "3-way", _generative_nli("mnli/mnli_dev_matched.generative-nli.jsonl", _NLI3)),
    EvalSet("snli-test", "3-way", _snli_test),
    EvalSet("fever-sym-v0.2-dev", "E/C", _fever_symmetric("dev")),
    EvalSet("fever-sym-v0.2-test", "E/C", _fever_symmetric("test")),
    EvalSet("anli-test", "3-way", _generative_nli("anli/anli_test_r1r2r3.generative-nli.jsonl", _NLI3)),
    EvalSet("conjnli-dev", "3-way", _conjnli_dev),
    EvalSet("healthver-test", "3-way", _healthver_test),
    EvalSet("scitail-test", "E/notE", _generative_nli("scitail/scitail_test.generative-nli.jsonl", _NLI2)),
    EvalSet("rte", "E/notE", _generative_nli("rte/rte_test.generative-nli.jsonl", _NLI2)),
    EvalSet("news-fnc1-dev", "3-way", _news("dev")),
    EvalSet("news-fnc1-test", "3-way", _news("test")),
    EvalSet("news-fnc1-test-reworded", "3-way", _news("test", paraphrase=True)),
    EvalSet("news-fnc1-test-people", "3-way", _news("test", people=True)),
    EvalSet("news-fnc1-test-subfacts", "3-way", _news("test", subfacts=True)),
    EvalSet("news-fnc1-test-lexical", "3-way", _lexical("test")),
)


# -- the training data, to prove the sets unseen ----------------------------------------------------------------


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _detokenise(text).lower())


Seen = tuple[set[tuple[str, str]], set[str], set[str]]


def training_keys() -> tuple[Seen, str]:
    """Normalised (premise, hypothesis) pairs, premises and hypotheses of everything the verifier trained on."""
    from train.datasets import TRAINING_SETS, load_nli

    pairs = [(p.premise, p.hypothesis) for p in load_nli(list(TRAINING_SETS))]
    sources = list(TRAINING_SETS)
    for cache in sorted(c for pattern in NEWS_CACHE_GLOBS for c in ROOT.glob(pattern)):
        pairs += [(row["premise"], row["hypothesis"]) for row in _jsonl(cache)]
        sources.append(cache.name)
    keys = {(_key(a), _key(b)) for a, b in pairs}
    note = f"{len(keys)} distinct training pairs from {', '.join(sources)}"
    return (keys, {a for a, _ in keys}, {b for _, b in keys}), note


# -- scoring ---------------------------------------------------------------------------------------------------


def predict(scheme: str, probs: npt.NDArray[np.float32]) -> npt.NDArray[np.int64]:
    if scheme == "3-way":
        chosen = probs.argmax(axis=1)
    elif scheme == "E/notE":
        chosen = probs.argmax(axis=1) != 0
    else:
        chosen = probs[:, 2] > probs[:, 0]  # E/C: the neutral column is ignored
    return np.asarray(chosen, dtype=np.int64)


def metrics(gold: npt.NDArray[np.int64], pred: npt.NDArray[np.int64], labels: tuple[str, ...]) -> dict[str, Any]:
    per_label: dict[str, dict[str, float | int | None]] = {}
    f1s = []
    for index, name in enumerate(labels):
        tp = int(((pred == index) & (gold == index)).sum())
        predicted, support = int((pred == index).sum()), int((gold == index).sum())
        precision = tp / predicted if predicted else None
        recall = tp / support if support else None
        f1 = 2 * tp / (predicted + support) if predicted + support else 0.0
        f1s.append(f1)
        per_label[name] = {"precision": precision, "recall": recall, "f1": f1, "support": support}
    majority, count = Counter(gold.tolist()).most_common(1)[0]
    return {
        "accuracy": float((gold == pred).mean()),
        "macro_f1": float(np.mean(f1s)),
        "majority_label": labels[majority],
        "majority_baseline": count / len(gold),
        "per_label": per_label,
        "confusion": [[int(((gold == g) & (pred == p)).sum()) for p in range(len(labels))] for g in range(len(labels))],
    }


def evaluate(verifier: Any, eval_set: EvalSet, limit: int | None, seen: Seen | None) -> dict[str, Any]:
    started = time.monotonic()
    examples = eval_set.read(limit)
    total = len(examples)
    result: dict[str, Any] = {"scheme": eval_set.scheme, "rows_in_file": total}
    if seen is not None:
        examples = [e for e in examples if (_key(e.premise), _key(e.hypothesis)) not in seen[0]]
        result["dropped_seen_pairs"] = total - len(examples)
    if limit is not None and len(examples) > limit:
        chosen = sorted(random.Random(SAMPLE_SEED).sample(range(len(examples)), limit))
        examples = [examples[i] for i in chosen]
    seen_premise = np.zeros(len(examples), dtype=bool)
    if seen is not None:  # kept, but worth knowing: the same premise (or claim) with another partner in training
        seen_premise = np.asarray([_key(e.premise) in seen[1] for e in examples], dtype=bool)
        result["scored_with_seen_premise"] = int(seen_premise.sum())
        result["scored_with_seen_hypothesis"] = sum(_key(e.hypothesis) in seen[2] for e in examples)
    result["read_seconds"] = time.monotonic() - started
    started = time.monotonic()
    probs = np.concatenate(
        [
            verifier.probabilities([(e.premise, e.hypothesis) for e in examples[i : i + BATCH]])
            for i in range(0, len(examples), BATCH)
        ]
    )
    seconds = time.monotonic() - started
    gold = np.asarray([e.label for e in examples], dtype=np.int64)
    pred = predict(eval_set.scheme, probs)
    result |= {"rows": len(examples), "score_seconds": seconds, "pairs_per_second": len(examples) / seconds}
    result |= metrics(gold, pred, eval_set.labels)
    if seen_premise.any() and not seen_premise.all():
        result["accuracy_unseen_premise"] = float((gold == pred)[~seen_premise].mean())
    if eval_set.scheme != "3-way":
        result["neutral_argmax"] = float((probs.argmax(axis=1) == 1).mean())
    tags = sorted({e.tag for e in examples} - {""})
    if len(tags) > 1:
        is_tag = np.asarray([e.tag for e in examples])
        result["accuracy_by_tag"] = {
            t: {"rows": int((is_tag == t).sum()), "accuracy": float((gold == pred)[is_tag == t].mean())} for t in tags
        }
    return result


# -- output ----------------------------------------------------------------------------------------------------


def _f(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"[1:] if value < 1 else f"{value:.2f}"


def table(results: dict[str, dict[str, Any]], skipped: dict[str, str]) -> str:
    header = (
        f"{'set':<20} {'way':<6} {'rows':>5} {'acc':>5} {'major':>5} {'mF1':>5}  "
        f"{'per-label P/R':<36} {'drop':>5} {'pair/s':>6}"
    )
    lines = [header, "-" * len(header)]
    for name, r in results.items():
        per = " ".join(f"{SHORT[k]} {_f(v['precision'])}/{_f(v['recall'])}" for k, v in r["per_label"].items())
        lines.append(
            f"{name:<20} {r['scheme']:<6} {r['rows']:>5} {_f(r['accuracy']):>5} {_f(r['majority_baseline']):>5} "
            f"{_f(r['macro_f1']):>5}  {per:<36} {r.get('dropped_seen_pairs', '?'):>5} {r['pairs_per_second']:>6.1f}"
        )
    lines.append("")
    lines.append(
        "acc: accuracy (2-way sets: E/notE = entailment argmax vs the rest; E/C = P(entailment) vs P(contradiction), "
        "neutral ignored); major: majority-class baseline; mF1: macro F1; drop: pairs removed as seen in training."
    )
    for name, r in results.items():
        notes = [f"majority label {r['majority_label']}"]
        if r.get("scored_with_seen_premise") or r.get("scored_with_seen_hypothesis"):
            notes.append(
                f"{r['scored_with_seen_premise']} scored rows share the premise, "
                f"{r['scored_with_seen_hypothesis']} the hypothesis with some training pair"
                + (
                    f" (acc without the first: {r['accuracy_unseen_premise']:.3f})"
                    if "accuracy_unseen_premise" in r
                    else ""
                )
            )
        if "neutral_argmax" in r:
            notes.append(f"neutral would be the 3-way argmax for {r['neutral_argmax']:.1%}")
        if "accuracy_by_tag" in r:
            notes.append(
                "by tag " + ", ".join(f"{t} {v['accuracy']:.3f} ({v['rows']})" for t, v in r["accuracy_by_tag"].items())
            )
        notes.append(f"read {r['read_seconds']:.1f}s, scored {r['score_seconds']:.1f}s")
        lines.append(f"  {name}: " + "; ".join(notes))
    for name, reason in skipped.items():
        lines.append(f"  SKIPPED {name}: {reason}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=None, help="default: models/verifier/ of the checkout")
    parser.add_argument("--limit", type=int, default=None, help="at most N rows per set (seeded sample)")
    parser.add_argument("--only", action="append", choices=[s.name for s in SETS], help="score only these sets")
    parser.add_argument("--threads", type=int, default=None, help="scoring threads (default: every core)")
    parser.add_argument("--no-leak-check", action="store_true", help="do not load the training sets to drop overlaps")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args()

    from factcheck.errors import ConfigError
    from factcheck.pair_verifier import LABELS, PairVerifier, default_verifier_dir

    assert tuple(LABELS) == THREE_WAY, LABELS
    started = time.monotonic()
    model_dir = args.model_dir or default_verifier_dir()
    try:
        verifier = PairVerifier(model_dir, threads=args.threads)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    seen: Seen | None = None
    leak_note = "not checked (--no-leak-check)"
    if not args.no_leak_check:
        seen, leak_note = training_keys()
    print(f"leak check: {leak_note}", file=sys.stderr)
    results: dict[str, dict[str, Any]] = {}
    skipped: dict[str, str] = {}
    for eval_set in SETS:
        if args.only and eval_set.name not in args.only:
            continue
        try:
            results[eval_set.name] = evaluate(verifier, eval_set, args.limit, seen)
        except (OSError, ValueError, KeyError, ImportError) as exc:
            skipped[eval_set.name] = f"{type(exc).__name__}: {exc}"
            print(f"{eval_set.name}: skipped ({skipped[eval_set.name]})", file=sys.stderr)
            continue
        r = results[eval_set.name]
        print(
            f"{eval_set.name}: {r['rows']} rows, acc {r['accuracy']:.3f}, {r['pairs_per_second']:.1f} pairs/s",
            file=sys.stderr,
            flush=True,
        )
    seconds = time.monotonic() - started
    if args.json:
        out = {
            "model_dir": str(model_dir),
            "limit": args.limit,
            "leak_check": leak_note,
            "seconds": seconds,
            "sets": results,
            "skipped": skipped,
        }
        print(json.dumps(out, indent=2))
    else:
        print(f"verifier {model_dir}; limit {args.limit or 'none'}; leak check: {leak_note}")
        print(table(results, skipped))
        print(f"total {seconds:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
