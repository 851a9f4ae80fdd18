"""The uniform mean of verifiers trained from one start (train/soup.py)."""

from __future__ import annotations

from typing import Any

import pytest
import torch

from train.soup import SoupError, interpolate, soup


def checkpoint(weight: float, *, seed: int = 13, width: int = 2, step: int = 10) -> dict[str, Any]:
    model = {
        "head.weight": torch.full((width,), weight),
        "embeddings.position_ids": torch.arange(4),
    }
    return {"model": model, "args": {"seed": seed, "epochs": 2.0}, "data": {"fnc1": 5}, "step": step}


def test_the_soup_is_the_mean_of_the_weights_with_integer_buffers_kept() -> None:
    result = soup([checkpoint(1.0, step=10), checkpoint(2.0, step=20), checkpoint(6.0, step=30)])
    assert torch.equal(result["model"]["head.weight"], torch.full((2,), 3.0))
    assert result["model"]["head.weight"].dtype == torch.float32
    assert torch.equal(result["model"]["embeddings.position_ids"], torch.arange(4))
    assert result["args"] == {"seed": 13, "soup_of": 3}
    assert [m["steps"] for m in result["data"]["members"]] == [10, 20, 30]
    assert result["step"] == 60


@pytest.mark.parametrize(
    ("states", "message"),
    [
        ([checkpoint(1.0)], "at least two"),
        ([checkpoint(1.0), checkpoint(2.0, seed=7)], "different seeded heads or checkpoints"),
        ([checkpoint(1.0), checkpoint(2.0, width=3)], "different weights"),
    ],
)
def test_checkpoints_that_cannot_be_averaged_are_refused(states: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(SoupError, match=message):
        soup(states)


def test_second_stage_runs_from_one_checkpoint_make_a_soup_whatever_their_seeds() -> None:
    """``--init``: the runs share their start (the checkpoint), the seed only orders their data."""
    first, second = checkpoint(1.0, seed=13), checkpoint(3.0, seed=14)
    for state in (first, second):
        state["args"]["init"] = "build/verifier-soup/final.pt"
        state["from"] = {"args": {"seed": 13, "soup_of": 4}}
    result = soup([first, second])
    assert torch.equal(result["model"]["head.weight"], torch.full((2,), 2.0))
    assert result["args"] == {"seed": 13, "soup_of": 2, "init": "build/verifier-soup/final.pt"}
    assert result["from"] == {"args": {"seed": 13, "soup_of": 4}}
    other = checkpoint(3.0, seed=14)
    other["args"]["init"] = "build/another/final.pt"
    with pytest.raises(SoupError, match="different seeded heads or checkpoints"):
        soup([first, other])


def test_a_stage_moved_part_of_the_way_from_its_start() -> None:
    start, stage = checkpoint(1.0), checkpoint(5.0, step=30)
    result = interpolate(start, stage, 0.75)
    assert torch.equal(result["model"]["head.weight"], torch.full((2,), 4.0))
    assert torch.equal(result["model"]["embeddings.position_ids"], torch.arange(4))
    assert result["args"]["interpolated"] == 0.75 and result["step"] == 30
    with pytest.raises(SoupError, match="weight"):
        interpolate(start, stage, 0.0)
    with pytest.raises(SoupError, match="different weights"):
        interpolate(start, checkpoint(5.0, width=3), 0.5)
