"""How far the trained verifier could take the BASIL claims: for each outlet judgement, its best reading over every
sentence of the outlet's article (not only the candidates a check reads), by the expected verdict.

    python eval/verifier_oracle.py --split dev|seen [--data-dir DIR]

A missed agreement whose article has no sentence read at P(entailment) >= 0.5 is the verifier's to learn, not
retrieval's or a threshold's. Counts per band of the best P(entailment) and P(contradiction). Tuning splits only:
it reads the articles' every sentence with the claims' expected verdicts.
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


def band(p: float) -> str:
    return next((f"<{b}" for b in BANDS if p < b), f">={BANDS[-1]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "seen"), default="dev")
    parser.add_argument("--data-dir", type=Path, help="a data directory eval/basil_claims.py filled for the split")
    args = parser.parse_args()
    data_dir = args.data_dir or Path("build/eval") / f"basil-{args.split}"
    if not (data_dir / "factcheck.sqlite3").exists():
        print(f"error: {data_dir} is empty: run eval/basil_claims.py --split {args.split} --data-dir {data_dir}")
        return 1
    verifier = shared_verifier()
    best: dict[str, list[tuple[float, float]]] = {}
    with Corpus.open(Config(data_dir=data_dir, embedder=EmbedderConfig(name=ONNX_EMBEDDER))) as corpus:
        for probe in load(args.split):
            for source_id, expected in probe.expected_sources.items():
                texts = [s.text for s in corpus._storage.source_sentences(source_id)]
                rows = verifier.probabilities([(t, as_named_in(probe.claim, t)) for t in texts])
                best.setdefault(expected, []).append(
                    (float(rows[:, ENTAILMENT].max()), float(rows[:, CONTRADICTION].max()))
                )
    for expected, readings in sorted(best.items()):
        entail = Counter(band(e) for e, _ in readings)
        contra = Counter(band(c) for _, c in readings)
        print(f"{expected:<10} {len(readings):>4}  best E {dict(sorted(entail.items()))}")
        print(f"{'':<10} {'':>4}  best C {dict(sorted(contra.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
