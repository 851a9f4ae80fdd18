"""The trained verifier as shipped: the committed file matches the manifest, and it reads pairs it never saw.

The pairs in ``PAIRS`` were written for this test (fictional news in the project's own words); none comes from a
training set. The floors sit below the measured level with a margin (int8 kernels differ between CPUs).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from factcheck.pair_verifier import LABELS, PairVerifier, default_verifier_dir, shared_verifier

MANIFEST = Path(__file__).resolve().parents[2] / "models" / "manifest.json"
E, N, C = 0, 1, 2
# Each sentence with a claim it entails, one it contradicts (one fact changed) and one it does not decide.
CASES: list[tuple[str, str, str, str]] = [
    (
        "The Halvard mill fire destroyed two warehouses in Brennick on Wednesday night.",
        "Two warehouses burned down in Brennick.",
        "The fire destroyed five warehouses in Brennick.",
        "The fire was started deliberately.",
    ),
    (
        "Finance minister Petra Ilic resigned on Monday after the budget vote failed.",
        "Ilic stepped down as finance minister.",
        "Petra Ilic refused to resign after the budget vote.",
        "Ilic will run for president next year.",
    ),
    (
        "Police arrested 14 people after clashes outside the stadium, a spokesman said.",
        "According to a spokesman, fourteen people were arrested.",
        "Police released 14 people after clashes outside the stadium.",
        "The match ended in a draw.",
    ),
    (
        "The central bank raised its main rate to 4.5 percent, its third increase this year.",
        "The central bank increased its main rate.",
        "The central bank cut its main rate to 4.5 percent.",
        "Inflation reached its highest level in a decade.",
    ),
    (
        "Mayor Tomas Reyes opened the new bridge over the Vell river on Saturday.",
        "The new bridge was opened by the mayor.",
        "Mayor Tomas Reyes closed the new bridge over the Vell river on Saturday.",
        "The bridge cost 30 million euros to build.",
    ),
    (
        "The company said its profit rose 12 percent to $3.2 billion in the second quarter.",
        "Profit climbed 12 percent in the second quarter.",
        "The company said its profit fell 12 percent in the second quarter.",
        "The company plans to cut 500 jobs.",
    ),
    (
        "Voters in Osterland approved the new constitution by a wide margin on Sunday.",
        "The new constitution was approved by Osterland's voters.",
        "Voters in Osterland rejected the new constitution on Sunday.",
        "Turnout was the lowest since independence.",
    ),
    (
        "The storm cut power to about 40,000 homes along the coast, the utility said.",
        "Around 40,000 homes lost power in the storm.",
        "The storm did not cut power to any homes along the coast.",
        "Two people died in the storm.",
    ),
]
PAIRS = [(s, claim, label) for s, *claims in CASES for claim, label in zip(claims, (E, C, N), strict=True)]
#: Measured on PAIRS with the committed model (see models/verifier/MODEL_CARD.md); the floor leaves room.
PAIRS_FLOOR = 17 / 24  # measured 22/24 (0.917; the verifier before the soup 21/24)


def test_the_committed_model_matches_the_manifest() -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    (entry,) = [m for m in manifest["models"] if m["name"] == "factcheck-verifier-minilm-l6-int8"]
    for name, expected in entry["files"].items():
        data = (default_verifier_dir() / name).read_bytes()
        assert len(data) == expected["bytes"], name
        assert hashlib.sha256(data).hexdigest() == expected["sha256"], name


def test_probabilities_are_a_distribution_and_a_pair_reads_the_same_alone_or_with_others() -> None:
    verifier = shared_verifier()
    pairs = [(p, h) for p, h, _ in PAIRS[:6]]
    together = verifier.probabilities(pairs)
    assert together.shape == (6, len(LABELS))
    np.testing.assert_allclose(together.sum(axis=1), 1.0, atol=1e-5)
    alone = np.vstack([verifier.probabilities([pair]) for pair in pairs])
    np.testing.assert_allclose(alone, together, atol=1e-6)
    assert verifier.probabilities([]).shape == (0, 3)


def test_an_overlong_pair_is_truncated_not_refused() -> None:
    claim = " ".join(["The minister said the budget would be balanced"] * 40)
    (row,) = shared_verifier().probabilities([("The minister resigned.", claim)])
    assert abs(float(row.sum()) - 1.0) < 1e-5


def test_it_reads_pairs_written_for_this_test() -> None:
    rows = shared_verifier().probabilities([(p, h) for p, h, _ in PAIRS])
    predicted = rows.argmax(axis=1)
    accuracy = float(np.mean(predicted == np.array([label for _, _, label in PAIRS])))
    print(f"verifier on {len(PAIRS)} own pairs: accuracy {accuracy:.3f}")
    assert accuracy >= PAIRS_FLOOR


def test_a_missing_model_directory_is_a_clear_error(tmp_path: Path) -> None:
    from factcheck.errors import ConfigError

    with pytest.raises(ConfigError, match=r"missing verifier\.int8\.onnx"):
        PairVerifier(tmp_path)
