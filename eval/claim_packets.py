"""Per-event reading packets for writing blind claims (``eval/data/claims_guide.md``): for each BASIL event of a
split, one text file with its three articles (outlet, title, date, body) and the claims already written for it, so a
reader who never sees the code writes new ones. The ``dev2`` and ``test2`` sets were written from such packets.

    python eval/claim_packets.py --split test --out /tmp/packets     # event00.txt ... and GUIDE.md

A reader gets GUIDE.md and a range of event files, and appends JSON lines to a file of their own with an id prefix of
their own; the lines are checked with ``tests/eval/test_basil_claim_files.py`` once they are added as a claim file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "bench"))

from _common import _basil_source  # noqa: E402
from basil_claims import EVENT_SPLIT, FILES  # noqa: E402
from splits import BASIL_ARTICLES, basil_events  # noqa: E402

GUIDE = HERE / "data" / "claims_guide.md"


def written_claims(split: str) -> dict[str, list[str]]:
    """The claims already written for each event of an event split, from every claim file scored on it."""
    claims: dict[str, list[str]] = {}
    for name, event_split in EVENT_SPLIT.items():
        if event_split != split:
            continue
        for file in FILES[name]:
            for line in (HERE / "data" / file).read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    claims.setdefault(row["event"], []).append(row["claim"])
    return claims


def packet(event: str, paths: dict[str, Path], claims: list[str]) -> str:
    """One event's packet: its three articles, then the claims already written for it."""
    parts = [f"EVENT {event}\n"]
    for outlet in (1, 2, 3):
        source = _basil_source(paths[f"{event}_{outlet}"])
        if source is None:
            raise SystemExit(f"event {event}: article {outlet} has no text")
        header = (
            f"SOURCE {source.id} (outlet: {source.outlet}; title: {source.title}; date: {source.published_at or ''})"
        )
        parts.append(f"===== {header} =====\n{source.title}\n\n{source.text}\n")
    written = "\n".join(f"- {claim}" for claim in claims)
    parts.append(f"===== CLAIMS ALREADY WRITTEN FOR THIS EVENT (do not repeat these facts) =====\n{written}\n")
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", required=True, choices=["dev", "seen", "test"], help="the events' split")
    parser.add_argument("--out", required=True, type=Path, help="directory for event files and GUIDE.md")
    parser.add_argument("--articles", type=Path, default=BASIL_ARTICLES, help="BASIL articles directory")
    args = parser.parse_args()
    if not args.articles.is_dir():
        parser.error(f"{args.articles} is absent: the packets need the BASIL articles of ../shared/data")
    events = sorted(e for e, s in basil_events(args.articles).items() if s == args.split)
    paths = {p.stem: p for p in args.articles.glob("*/*.json")}
    claims = written_claims(args.split)
    args.out.mkdir(parents=True, exist_ok=True)
    for number, event in enumerate(events):
        (args.out / f"event{number:02d}.txt").write_text(packet(event, paths, claims.get(event, [])), encoding="utf-8")
    guide = GUIDE.read_text(encoding="utf-8")
    reader_part = guide[guide.index("You are") :]  # the reader gets the guide, not how it was used
    (args.out / "GUIDE.md").write_text("# Writing blind claims about news events (guide)\n\n" + reader_part, "utf-8")
    print(f"{len(events)} event packets and GUIDE.md in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
