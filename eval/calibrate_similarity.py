"""Where the similarity thresholds of the verifier come from (see docs/evaluation.md).

The example articles tell the same facts in three outlets' words; tests/data/example_queries.json lists, for
12 facts, the sentence of each outlet that states it. Sentence pairs stating the same fact in two outlets
("same-fact") and pairs stating different facts ("different-fact") give two similarity distributions; the
thresholds are read off their percentiles, never off probe outcomes.

    python eval/calibrate_similarity.py
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np

from factcheck import EmbedderConfig, create_embedder

QUERIES = Path(__file__).resolve().parents[1] / "tests" / "data" / "example_queries.json"


def main() -> None:
    embedder = create_embedder(EmbedderConfig())
    groups = [list(case["expected"].values()) for case in json.loads(QUERIES.read_text())]
    vectors = [embedder.encode(group) for group in groups]
    same = [float(v[i] @ v[j]) for v in vectors for i, j in itertools.combinations(range(len(v)), 2)]
    different = [float(x) for a, b in itertools.combinations(vectors, 2) for x in (a @ b.T).ravel()]
    same_array, different_array = np.array(same), np.array(different)
    print(
        f"same-fact pairs: {len(same)}; percentiles 5/10/25/50: "
        f"{np.percentile(same_array, [5, 10, 25, 50]).round(3).tolist()}; min {same_array.min():.3f}"
    )
    print(
        f"different-fact pairs: {len(different)}; percentiles 50/90/95/99: "
        f"{np.percentile(different_array, [50, 90, 95, 99]).round(3).tolist()}; max {different_array.max():.3f}"
    )
    for threshold in (0.30, 0.45, 0.60, 0.70, 0.80):
        print(
            f"  {threshold:.2f}: keeps {np.mean(same_array >= threshold):.0%} of same-fact pairs, "
            f"lets through {np.mean(different_array >= threshold):.1%} of different-fact pairs"
        )


if __name__ == "__main__":
    main()
