"""The threshold-free ranking measure of ``eval/verifier_oracle.py``."""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))

from verifier_oracle import roc_auc


def test_roc_auc_is_the_chance_a_positive_ranks_above_a_negative() -> None:
    assert roc_auc([0.9, 0.8, 0.1, 0.2], [True, True, False, False]) == 1.0
    assert roc_auc([0.1, 0.2, 0.9, 0.8], [True, True, False, False]) == 0.0
    # one of the four positive-negative pairs out of order, one tied: (2 + 0.5) / 4
    assert roc_auc([0.9, 0.5, 0.7, 0.5], [True, True, False, False]) == 0.625
    assert math.isnan(roc_auc([0.3, 0.4], [True, True]))
