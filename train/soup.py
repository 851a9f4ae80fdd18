"""Average the weights of several verifiers trained from the same start (a uniform "model soup").

    python -m train.soup --out build/verifier-soup/final.pt build/verifier-people/final.pt \
        build/verifier-subfacts/final.pt ...

Every verifier of ``train.verifier`` starts from the same packaged MiniLM weights and the same seeded head, and the
recipes differ only in their news pairs (``--news-people``, ``--news-subfacts``, ``--news-paraphrase``) or their
length (``--epochs 3``). Models fine-tuned from one start stay in one basin of the loss, so their mean is a model
too, and one that reads unseen text better than each of them (Wortsman et al., 2022, "Model soups"): each recipe's
news pairs teach a different habit, and averaging keeps what they share. It costs nothing at run time: the soup is
one model of the same size, exported by ``train.export_verifier`` like any checkpoint.

The output holds the mean weights and, for the model card and ``verifier.json``, each member's arguments, data
counts and steps.

    python -m train.soup --start build/verifier-shipped/final.pt --weight 0.75 --out build/verifier-x/final.pt \
        build/verifier-stage/final.pt

With ``--start``, the output is one stage moved only part of the way from the checkpoint it began from (``--init``):
start + weight x (stage - start), the "WiSE-FT" interpolation (Wortsman et al., 2022, "Robust fine-tuning of
zero-shot models"). A short stage on a few hundred task pairs moves the verifier far; part of the way keeps more of
what it read well before (models/verifier/MODEL_CARD.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import torch


class SoupError(ValueError):
    """Checkpoints that cannot be averaged: not trained from the same start, or not alike in shape."""


def soup(states: list[dict[str, Any]]) -> dict[str, Any]:
    """The uniform mean of the checkpoints' model weights (integer buffers, such as position ids, kept from the
    first), with the members' training records."""
    if len(states) < 2:
        raise SoupError("a soup needs at least two checkpoints")
    # One start: the same seeded head, or the same checkpoint a second stage began from (``--init``: its seed then
    # orders the data only).
    starts = {str(state["args"].get("init") or state["args"]["seed"]) for state in states}
    if len(starts) != 1:
        raise SoupError(f"checkpoints start from different seeded heads or checkpoints: {sorted(starts)}")
    seeds = {int(state["args"]["seed"]) for state in states}
    first = states[0]["model"]
    for state in states[1:]:
        if state["model"].keys() != first.keys() or any(state["model"][k].shape != v.shape for k, v in first.items()):
            raise SoupError("checkpoints hold different weights (another model or head)")
    weights = {
        name: sum(state["model"][name] for state in states) / len(states) if value.is_floating_point() else value
        for name, value in first.items()
    }
    members = [{"args": state["args"], "pairs": state["data"], "steps": state["step"]} for state in states]
    init = states[0]["args"].get("init")
    return {
        "model": weights,
        "args": {"seed": min(seeds), "soup_of": len(states), **({"init": init} if init else {})},
        "data": {"members": members},
        "step": sum(int(state["step"]) for state in states),
        "from": states[0].get("from"),
    }


def interpolate(start: dict[str, Any], stage: dict[str, Any], weight: float) -> dict[str, Any]:
    """``start`` + ``weight`` x (``stage`` - ``start``) for the float weights; ``stage`` began from ``start``."""
    if not 0.0 < weight <= 1.0:
        raise SoupError(f"the weight of the stage must be in (0, 1], not {weight}")
    if stage["model"].keys() != start["model"].keys() or any(
        stage["model"][k].shape != v.shape for k, v in start["model"].items()
    ):
        raise SoupError("checkpoints hold different weights (another model or head)")
    weights = {
        name: start["model"][name] + weight * (value - start["model"][name]) if value.is_floating_point() else value
        for name, value in stage["model"].items()
    }
    return {**stage, "model": weights, "args": {**stage["args"], "interpolated": weight}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoints", type=Path, nargs="+", help="final.pt files of train.verifier")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--start", type=Path, help="interpolate one stage with the checkpoint it began from")
    parser.add_argument("--weight", type=float, default=1.0, help="with --start: how far towards the stage")
    args = parser.parse_args()
    states = [torch.load(path, map_location="cpu", weights_only=False) for path in args.checkpoints]
    if args.start is not None:
        if len(states) != 1:
            parser.error("--start takes one stage")
        start = torch.load(args.start, map_location="cpu", weights_only=False)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        torch.save(interpolate(start, states[0], args.weight), args.out)
        print(f"{args.out}: {args.start} moved {args.weight:g} of the way to {args.checkpoints[0]}")
        return 0
    for path, state in zip(args.checkpoints, states, strict=True):
        state["args"] = {**state["args"], "checkpoint": str(path)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(soup(states), args.out)
    print(f"{args.out}: mean of {len(states)} checkpoints")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
