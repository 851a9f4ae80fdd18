"""The news pairs the verifier is trained on: shortened claims keep what makes them right or wrong."""

from __future__ import annotations

import pytest

from train import paraphrase
from train.news_pairs import PairMaker
from train.rewrites import drop_spans, tidy

SENTENCE = (
    "Senator John Smith, who chairs the finance panel, said on Tuesday that the bill would cut taxes by "
    "$3 billion in Ohio."
)


@pytest.fixture(scope="module")
def maker() -> PairMaker:
    return PairMaker(5, abstractive=True)


def test_clauses_set_off_by_commas_can_be_left_out(maker: PairMaker) -> None:
    sentence = next(iter(maker._nlp(SENTENCE).sents))
    shortened = {tidy(SENTENCE[:a] + SENTENCE[b:]) for a, b in drop_spans(sentence)}
    assert "Senator John Smith said on Tuesday that the bill would cut taxes by $3 billion in Ohio." in shortened
    other = "After the talks collapsed in Geneva, Russian officials said 40 soldiers had been killed."
    sentence = next(iter(maker._nlp(other).sents))
    assert [tidy(other[:a] + other[b:]) for a, b in drop_spans(sentence)] == [
        "Russian officials said 40 soldiers had been killed."
    ]


def test_a_shortened_contradiction_keeps_its_change(maker: PairMaker) -> None:
    sentence = next(iter(maker._nlp(SENTENCE).sents))
    entities = {"MONEY": ["$8 million"], "DATE": ["Friday"], "PERSON": ["Mary Jones"]}
    shortened = 0
    for _ in range(40):
        made = maker._contradiction(sentence, [sentence], entities)
        assert made is not None
        premise, claim = made
        assert premise == SENTENCE and claim != SENTENCE
        # the claim is the sentence with one thing changed, perhaps without the clause that does not hold it
        assert any(word in claim for word in ("$8 million", "Friday", "Mary Jones", "not", "$")), claim
        if "who chairs" not in claim:
            shortened += 1
            assert claim.startswith("Senator") and ", said" not in claim
    assert 5 <= shortened <= 35  # about half of them


def test_the_held_out_sets_are_made_as_before() -> None:
    """Without ``abstractive`` the generator makes the pairs the held-out news sets were built with."""
    plain = PairMaker(5)
    sentence = next(iter(plain._nlp(SENTENCE).sents))
    for _ in range(20):
        made = plain._contradiction(sentence, [sentence], {"MONEY": ["$8 million"], "DATE": ["Friday"]})
        assert made is not None and "who chairs the finance panel" in made[1]


@pytest.mark.parametrize(
    ("sentence", "rewritten"),
    [
        ("The council approved the plan on Monday.", "The plan was approved by the council on Monday."),
        ("On Tuesday, the rebels seized the airport.", "On Tuesday, the airport was seized by the rebels."),
        ("The senators rejected the proposal.", "The proposal was rejected by the senators."),
        ("The plan was approved by the council on Monday.", "The council approved the plan on Monday."),
        ("The bill was signed by him on Friday.", "He signed the bill on Friday."),
    ],
)
def test_the_voice_of_the_main_verb_changes(maker: PairMaker, sentence: str, rewritten: str) -> None:
    parsed = next(iter(maker._nlp(sentence).sents))
    assert (paraphrase.passive(parsed) or paraphrase.active(parsed)) == rewritten


@pytest.mark.parametrize(
    "sentence",
    [
        "Protesters blocked roads and burned tires.",  # the second verb would lose its subject
        "It took firemen over an hour to put out the blaze.",  # no doer to name
        "The company has three factories.",  # a state, not an act
        "The minister did not comment on the plan.",  # a denial is left as it is
    ],
)
def test_no_voice_change_where_it_would_change_the_meaning_or_the_english(maker: PairMaker, sentence: str) -> None:
    parsed = next(iter(maker._nlp(sentence).sents))
    assert paraphrase.passive(parsed) is None and paraphrase.active(parsed) is None


def test_contractions_and_acronyms_are_rewritten_both_ways(maker: PairMaker) -> None:
    assert paraphrase.contractions("Smith didn't attend.") == "Smith did not attend."
    assert paraphrase.contractions("The minister did not comment.") == "The minister didn't comment."
    assert paraphrase.contractions("They won't leave.") == "They will not leave."
    assert paraphrase.contractions("He's here, I'd say.") is None  # 's and 'd have two readings each
    doc = maker._nlp("The United Nations said 40 people died. The UN called for calm.")
    first, second = list(doc.sents)
    assert paraphrase.acronym(first, first.text) == "The UN said 40 people died."
    assert paraphrase.acronym(second, second.text) == "The United Nations called for calm."


def test_paraphrased_pairs_keep_their_labels() -> None:
    """A reworded evidence sentence still holds the fact the contradiction changed; the plain maker never rewords."""
    reworded = PairMaker(3, paraphrase=True)
    sentence = next(iter(reworded._nlp("The council approved the plan on Monday in Velmar.").sents))
    evidence = {
        reworded._contradiction(sentence, [sentence], {"DATE": ["Friday"], "GPE": ["Kastavia"]})[0] for _ in range(30)
    }  # type: ignore[index]
    assert evidence == {sentence.text, "The plan was approved by the council on Monday in Velmar."}
    plain = PairMaker(3)
    assert {plain._contradiction(sentence, [sentence], {"DATE": ["Friday"]})[0] for _ in range(30)} == {sentence.text}  # type: ignore[index]


def test_people_are_named_in_full_as_their_article_names_them() -> None:
    maker = PairMaker(3, people=True)
    doc = maker._nlp(
        "Ivo Petrak spoke in Velmar on Thursday. Mirela Vasko called on Mr. Petrak to apologize for his remarks."
    )
    maker._full_names = {"Petrak": ["Ivo Petrak"], "Vasko": ["Mirela Vasko"]}
    second = list(doc.sents)[1]
    assert maker._named_in_full(second, second.text) == (
        "Mirela Vasko called on Ivo Petrak to apologize for his remarks."
    )
    # two people of one surname in the article: a family, so no one is named in full
    maker._full_names = {"Petrak": ["Ivo Petrak", "Anna Petrak"]}
    assert maker._named_in_full(second, second.text) is None


def test_two_parties_swap_between_doer_and_done_to_but_not_in_what_they_do_together() -> None:
    maker = PairMaker(3, people=True)
    sentence = next(iter(maker._nlp("Kastavia invaded Dravenia in 2014.").sents))
    assert maker._swap_parties(sentence, {}) == "Dravenia invaded Kastavia in 2014."
    together = next(iter(maker._nlp("Kastavia signed a treaty with Dravenia in 2014.").sents))
    assert maker._swap_parties(together, {}) is None


def test_the_people_rewrites_are_off_unless_asked_for() -> None:
    plain = PairMaker(3)
    sentence = next(iter(plain._nlp("Mirela Vasko called on Mr. Petrak to apologize for his remarks.").sents))
    plain._full_names = {"Petrak": ["Ivo Petrak"]}
    for _ in range(30):
        made = plain._entailment(sentence, [sentence], {})
        assert made is None or "Ivo Petrak" not in made[1]


def test_a_readers_claim_is_changed_in_one_fact_taken_from_the_story(maker: PairMaker) -> None:
    articles = [
        "Mayor Ines Varga of Velmar opened the new bridge on Tuesday. Ivo Petrak, her deputy, was there too.",
        "The bridge in Velmar cost $40 million, Varga said.",
    ]
    claim = "Ines Varga opened the bridge on Tuesday."
    changes = {maker.changed_claim(claim, articles) for _ in range(20)}
    assert None not in changes and claim not in changes
    # one fact changed (here the day, or the act denied), the rest of the claim as the reader wrote it
    assert all(c.startswith("Ines Varga ") and "bridge" in c for c in changes if c)
    assert any("Tuesday" not in c for c in changes if c)
