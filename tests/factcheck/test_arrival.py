"""Conflicts on arrival: a new source's facts that stored sources contradict, found when it is stored."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from factcheck import Corpus, SourceInput
from factcheck.arrival import ArrivalConfig, arrival_conflicts, arrivals_conflicts, closest_sources
from factcheck.errors import NotFoundError
from tests.factcheck.test_report_stories import _example_sources
from tests.factcheck.test_stories import OTHER_EVENTS, ROOT

FLOODS = ("harbor-daily", "northern-ledger", "radio-meridian")
OTHERS = [source_id for articles in OTHER_EVENTS.values() for source_id, _, _ in articles]

# Our own short telling of the floods story that repeats what the Northern Ledger reports and contradicts
# nothing it says.
AGREEING = SourceInput(
    id="velmar-bulletin",
    published_at=date(2026, 3, 12),
    text=(
        "Floodwater from the swollen Tessa River swept through the Kastavian border province of Velmar on "
        "Thursday. According to the UN, 63 people have died in the floods since March 1. The Kastavian Red "
        "Cross said 14 people died in the 24 hours to Thursday morning. More than 1,200 people were evacuated "
        "from low-lying districts of Velmar city overnight, and regional governor Tomas Orlen said dozens of "
        "villages had been cut off by the water."
    ),
)


@pytest.fixture
def stored(corpus: Corpus, examples_dir: Path) -> Corpus:
    """The three example articles of the floods story and other stories' articles, all stored."""
    list(corpus.ingest_many(_example_sources(examples_dir)))
    return corpus


def test_a_source_that_contradicts_a_stored_one_brings_that_conflict(stored: Corpus) -> None:
    found = arrival_conflicts(stored, "radio-meridian")
    # Compared with the other tellings of its story, never with another story's articles.
    assert set(found.compared) == {"harbor-daily", "northern-ledger"}
    assert found.topics, "no conflict found"
    for topic in found.topics:
        assert topic.status == "conflict"
        assert "radio-meridian" in {c.source_id for c in topic.claims}
        assert {c.source_id for c in topic.claims} <= set(FLOODS)
    # The known discrepancy of the examples: the UN toll, 63 against 81.
    toll = [t for t in found.topics if {"63", "81"} <= {c.text.split()[0] for c in t.claims}]
    assert toll, [(t.label, t.reason) for t in found.topics]
    assert "81" in toll[0].reason and "63" in toll[0].reason
    # and who heads Kastavia's delegation (the adviser, where the others name the foreign minister)
    assert any("delegation" in t.label and "Sarkan" in t.reason for t in found.topics), found.topics


def test_a_source_that_only_agrees_brings_no_conflict(corpus: Corpus, examples_dir: Path) -> None:
    # the stored story without the outlet that gives another toll
    list(corpus.ingest_many(s for s in _example_sources(examples_dir) if s.id != "radio-meridian"))
    corpus.ingest(AGREEING)
    found = arrival_conflicts(corpus, AGREEING.id)
    assert "northern-ledger" in found.compared  # it was read against its story
    assert not set(found.compared) & set(OTHERS)
    assert found.topics == (), [(t.label, t.reason) for t in found.topics]


def test_agreeing_with_one_outlet_is_contradicting_another(stored: Corpus) -> None:
    # The same article, with the outlet that counts 81 dead stored: the toll is a conflict it takes part in,
    # and only its pairs count (harbor-daily and northern-ledger's own disagreement is not its conflict).
    stored.ingest(AGREEING)
    found = arrival_conflicts(stored, AGREEING.id)
    assert found.topics, "the toll conflict was not found"
    for topic in found.topics:
        sources = {c.source_id for c in topic.claims}
        assert AGREEING.id in sources and "radio-meridian" in sources, (topic.label, topic.reason)


def test_new_sources_of_one_batch_share_their_conflict_topics(stored: Corpus) -> None:
    together = arrivals_conflicts(stored, ["radio-meridian", "harbor-daily"])
    alone = arrival_conflicts(stored, "radio-meridian")
    assert [a.source_id for a in together] == ["radio-meridian", "harbor-daily"]
    assert {t.label for t in together[0].topics} == {t.label for t in alone.topics}
    # the toll topic lists both new sources' values; it is one topic, named under each
    toll = [t for t in together[1].topics if any(c.text.startswith("81") for c in t.claims)]
    assert toll and toll[0] in together[0].topics


def test_a_source_of_its_own_story_is_compared_with_nothing(stored: Corpus) -> None:
    lone = OTHERS[0]
    story = next(ids for ids in OTHER_EVENTS.values() if lone in [i for i, _, _ in ids])
    assert set(closest_sources(stored, lone)) <= {i for i, _, _ in story}


def test_the_comparison_is_bounded(stored: Corpus) -> None:
    assert closest_sources(stored, "radio-meridian", ArrivalConfig(max_sources=1)) == [
        closest_sources(stored, "radio-meridian")[0]
    ]


def test_an_unknown_source_is_not_found(stored: Corpus) -> None:
    with pytest.raises(NotFoundError):
        arrival_conflicts(stored, "no-such-source")


#: Of the dev split's planted-edit articles (real FNC-1 bodies, ../shared), how many edited copies must bring a
#: conflict on an edited fact, and how many meaning-preserving copies may bring any. Measured on the 30 dev
#: articles (2026-12-05, session 20): 28/30 and 1/30 (12/12 and 0/12 on the first 12).
EDITED_FOUND_FLOOR = 25
REWRITES_FLAGGED_CEILING = 2


@pytest.mark.shared
def test_real_articles_with_changed_facts_bring_conflicts_and_rewrites_none(corpus: Corpus, shared_dir: Path) -> None:
    sys.path.insert(0, str(ROOT / "eval"))
    from planted_edits import apply_edits, load_articles

    articles = load_articles("dev")
    list(corpus.ingest_many([SourceInput(id=f"fnc-{a.body_id}", text=a.original) for a in articles]))
    found = flagged = rewrites = 0
    for article in articles:
        changed = [e for e in article.edits if e.changes_fact]
        kept = [e for e in article.edits if not e.changes_fact]
        for label, edits in (("edited", changed), ("rewritten", kept)):
            if not edits:
                continue
            source_id = f"fnc-{article.body_id}-{label}"
            text = apply_edits(article.body_id, article.original, edits)
            corpus.ingest(SourceInput(id=source_id, text=text))
            arrival = arrival_conflicts(corpus, source_id)
            assert arrival.compared and arrival.compared[0] == f"fnc-{article.body_id}", arrival.compared
            new_words = [e.replace for e in edits]
            if label == "edited":
                # a conflict whose new-source claim sits in a changed sentence
                found += any(
                    any(
                        c.source_id == source_id and any(words in c.sentence for words in new_words)
                        for c in topic.claims
                    )
                    for topic in arrival.topics
                )
            else:
                rewrites += 1
                flagged += bool(arrival.topics)
            corpus.delete(source_id)
    edited = sum(any(e.changes_fact for e in a.edits) for a in articles)
    print(f"edited copies with a conflict on a changed fact: {found}/{edited}; rewrites flagged {flagged}/{rewrites}")
    assert found >= EDITED_FOUND_FLOOR
    assert flagged <= REWRITES_FLAGGED_CEILING
