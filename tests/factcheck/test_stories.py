"""Story grouping (factcheck/stories.py) with the real embedder, extractor and corpus."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from factcheck import Corpus, SourceInput
from factcheck.records import normalize_text
from factcheck.sources import read_path
from factcheck.stories import StoryConfig, group_stories

ROOT = Path(__file__).resolve().parents[2]
BASIL_ARTICLES = ROOT.parent / "shared" / "data" / "basil" / "articles"
#: The first BASIL test events by id, grouped by the shared test. Chosen before any result was seen, they happen
#: to hold all three misses of the whole test split (eval/calibrate_stories.py: 26 of 29 events exact, 83/87
#: same-story pairs linked, 6 cross-story pairs): the Arkansas and Indiana religious-freedom-law events, three
#: days apart, merge (less one Arkansas angle piece), and one outlet's piece on the Scalise shooting stands
#: apart. Measured on these 10: 7 exact, 26/30 same-story pairs, 6 cross-story pairs; the floors leave one
#: event (three pairs) of slack for other machines' floating point.
BASIL_EVENTS = 10
BASIL_EXACT_FLOOR = 6
BASIL_LINKED_FLOOR = 24
BASIL_CROSS_CEILING = 9

# Two unrelated fictional events, each told by two outlets in their own words, published the same week as the
# example articles (so dates cannot separate them) and naming the same countries (so names cannot either).
OTHER_EVENTS: dict[str, list[tuple[str, date | None, str]]] = {
    "fire": [
        (
            "brennick-courier-fire",
            date(2026, 3, 12),
            "A fire tore through the Halvard textile mill in the Osterland port of Brennick on Wednesday night, "
            "destroying two warehouses. Firefighters needed nine hours to bring the blaze under control. Three "
            "night-shift workers were taken to hospital with smoke inhalation, and all were released by morning. "
            "The mill's owner said the fire started in a dye store and spread along the roof. Police said they "
            "had found nothing to suggest arson. About 300 people work at the mill, which makes wool cloth for "
            "export. The harbour road was closed until Thursday afternoon.",
        ),
        (
            "osterland-post-fire",
            date(2026, 3, 13),
            "Brennick's biggest employer counted the cost on Thursday after flames gutted part of the Halvard "
            "mill overnight. It took firefighters until dawn to put out the blaze, which destroyed two "
            "storage buildings full of dyed wool. Three workers who breathed in smoke were treated in hospital "
            "and sent home. Investigators believe the fire began among chemicals in a dye room; police have "
            "ruled out foul play for now. The company, which employs some 300 people, said production would "
            "restart next week. Traffic on the port road was diverted for most of the day.",
        ),
    ],
    "rates": [
        (
            "kastavia-finance-rates",
            date(2026, 3, 13),
            "The National Bank of Kastavia raised its main interest rate to 7.5 percent on Friday, its third "
            "increase this year. Governor Ilse Marrow said inflation of 9 percent in February was too high and "
            "that food prices were still climbing. The decision was unanimous. Banks are expected to pass the "
            "increase on to mortgage holders within weeks. The Kastavian crown rose against the euro after the "
            "announcement. Economists had expected a smaller rise of a quarter point.",
        ),
        (
            "markets-wire-rates",
            None,
            "Kastavia's central bank lifted borrowing costs by half a point to 7.5 percent, surprising analysts "
            "who had forecast a quarter-point move. Bank governor Ilse Marrow pointed to annual inflation of 9 "
            "percent and rising food costs. It is the third rate rise of the year, and all members of the "
            "board voted for it. The crown strengthened after the news. Home owners with variable mortgages are "
            "likely to see higher payments soon.",
        ),
    ],
}


def test_example_outlets_and_two_other_events_form_one_group_each(corpus: Corpus, examples_dir: Path) -> None:
    examples = [
        s
        for p in sorted(examples_dir.iterdir())
        for s in read_path(p, max_file_bytes=1 << 20, max_source_chars=1 << 20)
    ]
    assert len(examples) == 3 and all(isinstance(s, SourceInput) for s in examples)
    others = [
        SourceInput(id=source_id, text=text, published_at=published)
        for articles in OTHER_EVENTS.values()
        for source_id, published, text in articles
    ]
    list(corpus.ingest_many([*examples, *others]))  # type: ignore[list-item]
    expected = sorted(
        [tuple(sorted(s.id for s in examples if isinstance(s, SourceInput)))]
        + [tuple(sorted(source_id for source_id, _, _ in articles)) for articles in OTHER_EVENTS.values()]
    )
    assert group_stories(corpus, corpus.source_ids()) == expected
    # Without dates, the content alone still tells the three events apart.
    assert group_stories(corpus, corpus.source_ids(), StoryConfig(max_days_apart=None)) == expected
    # A subset is grouped on its own, in the documented order.
    fire = [source_id for source_id, _, _ in OTHER_EVENTS["fire"]]
    assert group_stories(corpus, ["markets-wire-rates", *fire]) == [tuple(sorted(fire)), ("markets-wire-rates",)]


def _basil_source(path: Path) -> SourceInput | None:
    """As bench/_common.py reads a BASIL article (kept here so the tests do not import the bench scripts)."""
    record = json.loads(path.read_text(encoding="utf-8"))

    def paragraph(value: object) -> str:
        if isinstance(value, list):
            return " ".join(p for p in map(paragraph, value) if p)
        return value.strip() if isinstance(value, str) else ""

    text = normalize_text("\n\n".join(p for p in map(paragraph, record.get("body-paragraphs") or []) if p))
    if not text:
        return None
    published = record.get("date")
    return SourceInput(
        id=f"basil-{path.stem}",
        text=text,
        outlet=record.get("source") or None,
        published_at=date.fromisoformat(str(published)[:10]) if published else None,
    )


@pytest.mark.shared
def test_basil_test_events_form_one_group_each(corpus: Corpus) -> None:
    if not BASIL_ARTICLES.is_dir():
        pytest.skip(f"{BASIL_ARTICLES} is absent (../shared ships with the development machines, not with a clone)")
    sys.path.insert(0, str(ROOT / "eval"))
    from splits import basil_events

    events = sorted(event for event, split in basil_events(BASIL_ARTICLES).items() if split == "test")[:BASIL_EVENTS]
    paths = [p for p in sorted(BASIL_ARTICLES.glob("*/*.json")) if p.stem.rsplit("_", 1)[0] in events]
    sources = [s for s in map(_basil_source, paths) if s is not None]
    list(corpus.ingest_many(sources))
    members: dict[str, set[str]] = defaultdict(set)
    for source in sources:
        members[source.id.removeprefix("basil-").rsplit("_", 1)[0]].add(source.id)
    groups = group_stories(corpus, [s.id for s in sources])
    assert sorted(i for g in groups for i in g) == sorted(s.id for s in sources)  # a partition
    group_of = {source_id: n for n, group in enumerate(groups) for source_id in group}
    event_of = {source_id: event for event, ids in members.items() for source_id in ids}
    pairs = list(combinations(sorted(group_of), 2))
    linked = sum(group_of[a] == group_of[b] for a, b in pairs if event_of[a] == event_of[b])
    cross = sum(group_of[a] == group_of[b] for a, b in pairs if event_of[a] != event_of[b])
    exact = [event for event, ids in members.items() if set(groups[group_of[min(ids)]]) == ids]
    assert len(exact) >= BASIL_EXACT_FLOOR, groups
    assert linked >= BASIL_LINKED_FLOOR, groups
    assert cross <= BASIL_CROSS_CEILING, groups
