"""How far the trained verifier could take the BASIL claims: for each outlet judgement, its best reading over every
sentence of the outlet's article (not only the candidates a check reads), by the expected verdict.

    python eval/verifier_oracle.py --split dev|seen|train[,...] [--data-dir DIR] [--model-dir DIR]

A missed agreement whose article has no sentence read at P(entailment) >= 0.5 is the verifier's to learn, not
retrieval's or a threshold's. Counts per band of the best P(entailment) and P(contradiction), and, to compare two
verifiers without thresholds, how well each best reading ranks the judgements (ROC AUC: the best entailment,
agreements against the rest; the best contradiction, conflicts against the rest and against agreements). Tuning
splits only: it reads the articles' every sentence with the claims' expected verdicts.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "bench"))
sys.path.insert(0, str(HERE))

from basil_claims import load  # noqa: E402

from factcheck import Config, Corpus, EmbedderConfig  # noqa: E402
from factcheck.embedding_onnx import ONNX_EMBEDDER  # noqa: E402
from factcheck.name_forms import as_named_in  # noqa: E402
from factcheck.pair_verifier import CONTRADICTION, ENTAILMENT, shared_verifier  # noqa: E402

BANDS = (0.5, 0.8, 0.95)
SPLITS = ("dev", "seen", "train")


def band(p: float) -> str:
    return next((f"<{b}" for b in BANDS if p < b), f">={BANDS[-1]}")


def roc_auc(scores: list[float], positive: list[bool]) -> float:
    """The chance that a positive scores above a negative (ties count half): the Mann-Whitney statistic."""
    pos = [s for s, p in zip(scores, positive, strict=True) if p]
    neg = [s for s, p in zip(scores, positive, strict=True) if not p]
    if not pos or not neg:
        return float("nan")
    above = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return above / (len(pos) * len(neg))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", help=f"one of {', '.join(SPLITS)}, or several: dev,seen,train")
    parser.add_argument(
        "--data-dir", help="a data directory eval/basil_claims.py filled (default build/eval/basil-{split})"
    )
    parser.add_argument("--model-dir", type=Path, default=None, help="another verifier (default: models/verifier/)")
    args = parser.parse_args()
    splits = args.split.split(",")
    if unknown := [s for s in splits if s not in SPLITS]:
        parser.error(f"unknown split {unknown[0]!r}; one of {', '.join(SPLITS)}")
    verifier = shared_verifier(args.model_dir)
    best: dict[str, list[tuple[float, float]]] = {}
    for split in splits:
        data_dir = Path((args.data_dir or "build/eval/basil-{split}").format(split=split))
        if not (data_dir / "factcheck.sqlite3").exists():
            print(f"error: {data_dir} is empty: run eval/basil_claims.py --split {split} --data-dir {data_dir}")
            return 1
        with Corpus.open(Config(data_dir=data_dir, embedder=EmbedderConfig(name=ONNX_EMBEDDER))) as corpus:
            for probe in load(split):
                for source_id, expected in probe.expected_sources.items():
                    texts = [s.text for s in corpus._storage.source_sentences(source_id)]
                    rows = verifier.probabilities([(t, as_named_in(probe.claim, t)) for t in texts])
                    best.setdefault(expected, []).append(
                        (float(rows[:, ENTAILMENT].max()), float(rows[:, CONTRADICTION].max()))
                    )
    judged = [(expected, e, c) for expected, readings in best.items() for e, c in readings]
    answered = [(expected, e, c) for expected, e, c in judged if expected in ("agree", "conflict")]
    print(
        f"ROC AUC over {len(judged)} judgements: best E, agree vs the rest "
        f"{roc_auc([e for _, e, _ in judged], [x == 'agree' for x, _, _ in judged]):.3f}; best C, conflict vs the rest "
        f"{roc_auc([c for _, _, c in judged], [x == 'conflict' for x, _, _ in judged]):.3f}, conflict vs agree "
        f"{roc_auc([c for _, _, c in answered], [x == 'conflict' for x, _, _ in answered]):.3f}"
    )
    for expected, readings in sorted(best.items()):
        entail = Counter(band(e) for e, _ in readings)
        contra = Counter(band(c) for _, c in readings)
        print(f"{expected:<10} {len(readings):>4}  best E {dict(sorted(entail.items()))}")
        print(f"{'':<10} {'':>4}  best C {dict(sorted(contra.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
