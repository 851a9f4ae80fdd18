"""Dev/test splits of the real-news data, fixed before any result was looked at (2026-12-03).

* BASIL events: the first 150 articles by path (50 events) were read while writing the rules of earlier sessions
  (``eval/basil_same_event.py``), so they are neither dev nor test. The other events are split by a hash of
  their triplet id: about 40% ``dev`` (thresholds and rules may be tuned on them), the rest ``test`` (only
  reported).
* FNC-1 bodies: split by a hash of the Body ID: 80% ``train`` (the verifier's generated news pairs), 10% ``dev``,
  10% ``test`` (generated pairs and planted edits that no model or rule saw).

The split depends only on ids, never on content, so it is the same on every machine.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
BASIL_ARTICLES = SHARED_DIR / "data" / "basil" / "articles"
FNC_BODIES = SHARED_DIR / "data" / "fnc-1-train" / "train_bodies.csv"
#: Articles read by earlier sessions' rule writing (``eval/basil_same_event.py`` default).
BASIL_SEEN_ARTICLES = 150

Split = Literal["seen", "dev", "test"]


def _bucket(key: str, salt: str) -> int:
    """A stable number in 0..99 for an id."""
    return int.from_bytes(hashlib.sha256(f"{salt}:{key}".encode()).digest()[:4], "big") % 100


def basil_events(directory: Path = BASIL_ARTICLES) -> dict[str, Split]:
    """Every BASIL event (triplet id) with its split."""
    paths = sorted(directory.glob("*/*.json"))
    seen = {p.stem.rsplit("_", 1)[0] for p in paths[:BASIL_SEEN_ARTICLES]}
    events: dict[str, Split] = {}
    for path in paths:
        event = path.stem.rsplit("_", 1)[0]
        if event in events:
            continue
        events[event] = "seen" if event in seen else ("dev" if _bucket(event, "basil") < 40 else "test")
    return events


def fnc_body_split(body_id: int | str) -> Literal["train", "dev", "test"]:
    bucket = _bucket(str(body_id), "fnc1")
    return "dev" if bucket < 10 else "test" if bucket < 20 else "train"
