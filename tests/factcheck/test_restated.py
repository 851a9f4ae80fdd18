"""A source that states the claim with another figure or day (factcheck.restated): which rewritten claims are read,
and the verdicts the trained verifier gives through check_claim. Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from factcheck import Config, Corpus, SourceInput
from factcheck.article_context import ArticleContext, ContextName
from factcheck.check import check_claim
from factcheck.claims import Claim, PlaceClaim, StatementClaim
from factcheck.config import VerifierModelConfig
from factcheck.embedding import Embedder
from factcheck.restated import Substitution, substitutions
from factcheck.trained_verdict import TrainedReader
from tests.factcheck.claims.test_extract import claims_of
from tests.factcheck.test_check import RecordingVerifier, check_one_source

CLAIM = "Mayor Ivo Petrak addressed the Velmar city council on Monday."
ANOTHER_DAY = "Velmar Mayor Ivo Petrak told the city council on Tuesday evening that the budget would be cut."


def rewritten(claim: str, *sentences: str) -> list[Substitution]:
    (claim_claims,) = claims_of(claim)
    parts = [c for c in claim_claims if not isinstance(c, StatementClaim)]
    statements = [c for c in claim_claims if isinstance(c, StatementClaim)]
    candidates: list[tuple[int, list[Claim]]] = list(enumerate(claims_of(*sentences)))
    return substitutions(claim, parts, statements, candidates)


def test_the_claims_day_is_replaced_by_the_sentences_own() -> None:
    (found,) = rewritten(CLAIM, ANOTHER_DAY)
    assert (found.part.text, found.value.text) == ("Monday", "Tuesday evening")  # the part of the day goes with it
    assert found.claim == "Mayor Ivo Petrak addressed the Velmar city council on Tuesday evening."


def test_figures_and_years_are_replaced_only_by_values_told_alike() -> None:
    (found,) = rewritten(
        "The Velmar council approved a 30-day moratorium on new permits in 2023.",
        "The Velmar council approved a 45-day moratorium on new permits in 2023, the clerk said.",
    )
    assert (found.part.text, found.value.text) == ("30-day", "45-day")
    # a weekday is not replaced by a year, nor a year by a month and year
    assert rewritten(CLAIM, "Velmar Mayor Ivo Petrak told the city council in 2021 that the budget would be cut.") == []
    assert (
        rewritten(
            "Ivo Petrak sent his resignation letter to the Velmar council in 2019.",
            "Ivo Petrak sent his resignation letter to the Velmar council in March 2019.",
        )
        == []
    )


def test_a_sentence_that_also_gives_the_claims_value_or_names_others_is_not_read() -> None:
    # two days of one kind: the sentence may tell two facts ("on Monday, and again on Tuesday")
    both = (
        "Velmar Mayor Ivo Petrak told the city council on Monday, and again on Tuesday, that the budget would be cut."
    )
    assert rewritten(CLAIM, both) == []
    # another person, another place
    assert (
        rewritten(CLAIM, "Mayor Ana Roal told the Velmar city council on Tuesday that the budget would be cut.") == []
    )
    assert rewritten(CLAIM, "Mayor Ivo Petrak addressed the Kastavia city council on Tuesday.") == []


def test_a_sentence_writing_the_claims_place_in_a_clause_the_typed_reading_leaves_is_not_read() -> None:
    claim = "Ana Vasko was born in Portugal and raised by her grandmother."
    told = "Born to a teacher in Portugal, Ana Vasko moved with her grandmother to the mainland U.S. at age 9."
    assert rewritten(claim, told) == []


def test_a_body_read_as_a_person_in_the_claim_is_met_where_the_sentence_writes_it() -> None:
    claim = "The Velmar Farmers Coalition began a separate $15 million TV campaign aimed at rural voters."
    (claim_claims,) = claims_of(claim)
    (statement,) = [c for c in claim_claims if isinstance(c, StatementClaim)]
    assert "person:coalytyon" in statement.terms  # the recogniser's reading this test is about
    told = (
        "Meanwhile, the Velmar Farmers Coalition has launched a separate $5 million TV advertising blitz aimed at "
        "rural voters."
    )
    (found,) = rewritten(claim, told)
    assert (found.part.text, found.value.text) == ("$15 million", "$5 million")
    # a sentence naming someone else is not met by the body's words
    other = "Ana Vasko said the Velmar Farmers Coalition has launched a $5 million TV blitz aimed at rural voters."
    assert rewritten(claim, other) == []


def test_a_source_telling_the_fact_on_another_day_conflicts_and_says_which(tmp_path: Path, embedder: Embedder) -> None:
    result = check_one_source(tmp_path, embedder, ANOTHER_DAY, CLAIM)
    (source,) = result.sources
    assert source.verdict == "conflict"
    deciding = source.evidence[0]
    assert deciding.sentence == ANOTHER_DAY
    assert "claim says Monday; source says Tuesday evening" in deciding.reason
    assert deciding.highlight_start is not None and deciding.highlight_end is not None
    highlighted = ANOTHER_DAY[deciding.highlight_start - deciding.start : deciding.highlight_end - deciding.start]
    assert highlighted == "Tuesday evening"


def test_the_same_day_or_another_mayor_is_no_conflict(tmp_path: Path, embedder: Embedder) -> None:
    same_day = ANOTHER_DAY.replace("Tuesday", "Monday")
    other_mayor = ANOTHER_DAY.replace("Ivo Petrak", "Ana Roal")
    for number, text in enumerate((same_day, other_mayor)):
        (source,) = check_one_source(tmp_path / str(number), embedder, text, CLAIM).sources
        assert source.evidence and source.evidence[0].sentence == text  # the sentence was read
        assert source.verdict != "conflict", text


def test_a_year_and_a_month_and_year_told_otherwise_conflict(tmp_path: Path, embedder: Embedder) -> None:
    cases = [
        (
            "Ivo Petrak sent his resignation letter to the council in 2019.",
            "Petrak's letter of resignation reached the Velmar council in 2021, according to the clerk.",
            "claim says 2019; source says 2021",
        ),
        (
            "The Velmar council adopted the new budget in March 2023.",
            "In March 2024, the Velmar council approved the new budget 7-2.",
            "claim says March 2023; source says March 2024, and otherwise states the claim",
        ),
    ]
    for number, (claim, text, reason) in enumerate(cases):
        (source,) = check_one_source(tmp_path / str(number), embedder, text, claim).sources
        assert source.verdict == "conflict", claim
        assert reason in source.evidence[0].reason


def test_one_vote_told_with_other_words_and_another_month_conflicts(tmp_path: Path, embedder: Embedder) -> None:
    claim = "The Velmar council approved the new budget by a vote of 7 to 2 in March 2023."
    text = "In March 2024, the Velmar council passed the new budget 7-2."
    (source,) = check_one_source(tmp_path, embedder, text, claim).sources
    assert source.evidence[0].sentence == text
    assert source.verdict == "conflict"


def test_the_same_day_at_hours_that_cannot_meet_is_another_time(tmp_path: Path, embedder: Embedder) -> None:
    """ "on Monday evening" against a sentence telling the same act on Monday morning (the part of the day beside
    the day, or in a phrase of its own): the same weekday, another time; the same part of the day is no conflict."""
    claim = "Mayor Ivo Petrak addressed the Velmar city council on Monday evening."
    (found,) = rewritten(claim, ANOTHER_DAY.replace("Tuesday evening", "Monday morning"))
    assert (found.part.text, found.value.text) == ("Monday evening", "Monday morning")
    apart = "Velmar Mayor Ivo Petrak addressed the city council on Monday in an early-morning session."
    (found,) = rewritten(claim, apart)
    assert found.claim == "Mayor Ivo Petrak addressed the Velmar city council on Monday morning."
    (source,) = check_one_source(tmp_path / "apart", embedder, apart, claim).sources
    assert source.evidence[0].sentence == apart
    assert source.verdict == "conflict"
    assert "Monday evening; source says Monday, in the morning" in source.evidence[0].reason
    same = apart.replace("early-morning", "evening")
    assert rewritten(claim, same) == []
    (source,) = check_one_source(tmp_path / "same", embedder, same, claim).sources
    assert source.evidence and source.evidence[0].sentence == same  # the sentence was read
    assert source.verdict != "conflict"


def test_a_month_alone_is_replaced_by_a_month_alone_only() -> None:
    claim = "Ana Vasko launched her campaign for the Velmar council in June."
    (found,) = rewritten(claim, "Ana Vasko declared in July that she would run for the Velmar council.")
    assert (found.part.text, found.value.text) == ("June", "July")
    # a month of a given year may be the claim's June: not told alike
    assert rewritten(claim, "Ana Vasko declared in July 2013 that she would run for the Velmar council.") == []


def test_a_body_written_with_dotted_initials_is_the_same_name() -> None:
    claim = "Ana Vasko left the KNA in 2008 to run for the Velmar council."
    (found,) = rewritten(claim, "Ana Vasko left the K.N.A. in 2006 to run for the Velmar council, aides said.")
    assert (found.part.text, found.value.text) == ("2008", "2006")
    # and where the sentence leaves the body to its article, the article's dotted form names it
    told = "Ana Vasko left in 2006 to run for the Velmar council."
    assert rewritten(claim, told) == []
    article = ArticleContext((), lambda evidence: f"Ana Vasko worked at the K.N.A. for years. {told}")
    assert not article.left_to_article(told, "kna")  # no context name of a claim: nothing is left to the article
    named = ArticleContext(
        (ContextName(0, "the K.N.A.", "kna", "the group"),), lambda evidence: f"The K.N.A. hired her. {told}"
    )
    assert named.left_to_article(told, "kna")


def test_the_reading_can_be_turned_off(tmp_path: Path, embedder: Embedder) -> None:
    off = replace(VerifierModelConfig(), conflict_restated=1.0, conflict_restated_contradicted=1.0)
    (source,) = check_one_source(tmp_path, embedder, ANOTHER_DAY, CLAIM, off).sources
    assert source.evidence[0].sentence == ANOTHER_DAY
    assert source.verdict == "unverified"


def test_every_source_is_read_in_one_batch() -> None:
    (claim_claims,) = claims_of(CLAIM)
    parts = [c for c in claim_claims if not isinstance(c, StatementClaim)]
    statements = [c for c in claim_claims if isinstance(c, StatementClaim)]
    wednesday = ANOTHER_DAY.replace("Tuesday", "Wednesday")
    sources = [
        [(0, ANOTHER_DAY, claims_of(ANOTHER_DAY)[0])],
        [],  # nothing close enough
        [(3, wednesday, claims_of(wednesday)[0])],
    ]
    verifier = RecordingVerifier(lambda _, claim: 0.95 if "Tuesday" in claim else 0.1)
    reader = TrainedReader(VerifierModelConfig(), verifier=verifier)  # type: ignore[arg-type]
    found = reader.restatements(CLAIM, parts, statements, sources)
    # the two rewritten claims, and the claim as written against each of their sentences
    assert len(verifier.calls) == 1 and len(verifier.calls[0]) == 4
    assert sorted(claim for _, claim in verifier.calls[0][2:]) == [CLAIM, CLAIM]
    first, nothing, low = found
    assert first is not None and first.substitution.index == 0 and first.entailment > 0.9
    assert nothing is None and low is None  # "Wednesday" read below the threshold


class _ContradictingVerifier:
    """Plumbing only: the claim as written contradicted at ``contradicted``, any rewritten claim entailed at
    ``stated``."""

    def __init__(self, stated: float, contradicted: float) -> None:
        self.stated, self.contradicted = stated, contradicted

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        rows = [
            [0.0, 1.0 - self.contradicted, self.contradicted] if claim == CLAIM else [self.stated, 1 - self.stated, 0]
            for _, claim in pairs
        ]
        return np.array(rows, dtype=np.float32).reshape(len(pairs), 3)


@pytest.mark.parametrize(
    ("stated", "contradicted", "settings", "found"),
    [
        (0.80, 0.0, {}, True),  # stated alone above conflict_restated
        (0.60, 0.0, {}, False),
        (0.60, 0.70, {}, True),  # both readings more likely than not
        (0.40, 0.90, {}, False),
        (0.60, 0.70, {"conflict_restated_contradicted": 1.0}, False),  # turned off
        (0.80, 0.0, {"conflict_restated": 1.0}, False),
        (0.60, 0.70, {"conflict_restated": 1.0}, True),  # each reading is its own setting
    ],
)
def test_a_sentence_contradicting_the_claim_needs_less_of_the_rewritten_one(
    stated: float, contradicted: float, settings: dict[str, float], found: bool
) -> None:
    (claim_claims,) = claims_of(CLAIM)
    parts = [c for c in claim_claims if not isinstance(c, StatementClaim)]
    statements = [c for c in claim_claims if isinstance(c, StatementClaim)]
    config = replace(VerifierModelConfig(), **settings)
    reader = TrainedReader(config, verifier=_ContradictingVerifier(stated, contradicted))  # type: ignore[arg-type]
    (result,) = reader.restatements(CLAIM, parts, statements, [[(0, ANOTHER_DAY, claims_of(ANOTHER_DAY)[0])]])
    assert (result is not None) is found
    if result is not None:
        assert result.substitution.value.text == "Tuesday evening" and result.entailment == pytest.approx(stated)


def test_a_restatement_read_below_its_own_threshold_conflicts_where_the_claim_is_contradicted(
    tmp_path: Path, embedder: Embedder
) -> None:
    # the real verifier reads the rewritten claim below ``conflict_restated`` (0.75) and the claim as written as
    # more likely contradicted than not: the two readings together decide
    conflicts_only_with_the_reading(
        tmp_path,
        embedder,
        "The Velmar strike lasted about one hour.",
        "Workers walked out for three hours on Monday, the Velmar union said.",
        "claim says about one hour; source says three hours",
        replace(VerifierModelConfig(), conflict_restated_contradicted=1.0),
    )


def conflicts_only_with_the_reading(
    tmp_path: Path, embedder: Embedder, claim: str, told: str, reason: str, off: VerifierModelConfig
) -> None:
    """``told`` conflicts with ``claim`` for ``reason`` with the default settings, and not with ``off``; the same
    sentence is read either way."""
    (source,) = check_one_source(tmp_path / "on", embedder, told, claim).sources
    assert source.evidence[0].sentence == told
    assert source.verdict == "conflict"
    assert reason in source.evidence[0].reason
    (alone,) = check_one_source(tmp_path / "off", embedder, told, claim, off).sources
    assert alone.evidence[0].sentence == told
    assert alone.verdict != "conflict"


def test_a_place_is_replaced_only_by_one_apart_from_it() -> None:
    claim = "After the vote, Mayor Ivo Petrak flew to Denver for a conference."
    (found,) = rewritten(claim, "After the vote, Mayor Ivo Petrak flew to Cleveland for a conference, aides said.")
    assert (found.part.text, found.value.text) == ("to Denver", "to Cleveland")
    assert found.claim == "After the vote, Mayor Ivo Petrak flew to Cleveland for a conference."
    # the state Denver lies in may be where the same journey went: not another place
    assert rewritten(claim, "After the vote, Mayor Ivo Petrak flew to Colorado for a conference, aides said.") == []


TRIP = "Mayor Ivo Petrak spoke to reporters before leaving for a trip to Lisbon."


def test_a_place_inside_a_phrase_is_replaced_even_when_the_sentence_keys_it_by_its_country() -> None:
    # "to Lisbon" hangs inside "before leaving for a trip": not a part the claim asserts, still a detail it gives;
    # the sentence's terms key a capital by its country ("portugal"), which the sentence does not name
    (found,) = rewritten(
        TRIP, "Velmar Mayor Ivo Petrak spoke to reporters on Monday before leaving for a trip to Madrid."
    )
    assert (found.part.text, found.value.text) == ("to Lisbon", "to Madrid")
    assert found.claim == "Mayor Ivo Petrak spoke to reporters before leaving for a trip to Madrid."


def test_a_trip_told_to_another_city_conflicts_and_the_same_trip_does_not(tmp_path: Path, embedder: Embedder) -> None:
    told = "Velmar Mayor Ivo Petrak spoke to reporters on Monday before leaving for a trip to {}."
    (source,) = check_one_source(tmp_path / "porto", embedder, told.format("Porto"), TRIP).sources
    assert source.verdict == "conflict"
    assert "claim says to Lisbon; source says to Porto, and otherwise states the claim" in source.evidence[0].reason
    # the same city, a country (told otherwise: not a city against a city), another mayor
    for name, text in [
        ("same", told.format("Lisbon")),
        ("country", told.format("Spain")),
        ("other", "Mayor Ana Roal spoke to reporters on Monday before leaving for a trip to Madrid."),
    ]:
        (source,) = check_one_source(tmp_path / name, embedder, text, TRIP).sources
        assert source.evidence and source.evidence[0].sentence == text  # the sentence was read
        assert source.verdict != "conflict", text


def test_the_day_of_a_saying_is_replaced_only_by_another_day_of_saying() -> None:
    """ "told reporters on Tuesday" is not restated by a sentence whose only day is that of what it reports beside
    the saying ("after the audit was released Sunday"); another day of the saying is."""
    claim = "Mayor Ivo Petrak told reporters on Tuesday that the budget would be cut."
    beside = "Mayor Ivo Petrak told reporters that the budget would be cut after the city audit was released Sunday."
    assert rewritten(claim, beside) == []
    (found,) = rewritten(claim, "Mayor Ivo Petrak told reporters on Sunday that the budget would be cut.")
    assert (found.part.text, found.value.text) == ("Tuesday", "Sunday")


def test_how_long_an_event_lasted_is_replaced_only_by_how_long_one_lasted() -> None:
    claim = "The Velmar announcement came 35 days into the strike."
    span_of_a_thing = "Velmar announced a plan that will keep the schools open for three weeks while talks go on."
    assert rewritten(claim, span_of_a_thing) == []
    (found,) = rewritten("The Velmar council met for 30 minutes.", "The Velmar council met for 45 minutes on Monday.")
    assert (found.part.text, found.value.text) == ("30 minutes", "45 minutes")


def test_a_count_of_one_happening_is_replaced_only_by_a_count_of_the_same() -> None:
    claim = "Dozens of people died in the floods in Velmar."
    # 1,200 people evacuated is not a death toll told otherwise
    assert rewritten(claim, "More than 1,200 people were evacuated from low-lying parts of Velmar.") == []
    (found,) = rewritten(claim, "More than 300 people died in the floods in Velmar, officials said.")
    assert (found.part.text, found.value.text) == ("Dozens", "More than 300")
    # what else happens to the thing counted is the verifier's to read: "held" and "sent" are both read
    (found,) = rewritten(
        "Ana Vasko's office held about 9,000 letters.", "Ana Vasko's office sent about 6,000 letters, a clerk said."
    )
    assert (found.part.text, found.value.text) == ("about 9,000", "about 6,000")


def test_a_figure_beside_the_claims_counted_thing_counts_something_else() -> None:
    claim = "Ana Vasko's office held about 9,000 letters."
    # the sentence writes letters apart from its figure: one device is no count of letters
    beside = "Ana Vasko said it was easier to carry just one device for her work and for her personal letters."
    assert rewritten(claim, beside) == []
    # a sentence that never writes "letters" may count them in other words: the verifier reads that
    (found,) = rewritten(claim, "Ana Vasko's office held about 6,000 pieces of mail, a clerk said.")
    assert (found.part.text, found.value.text) == ("about 9,000", "about 6,000")


PLAN = "Velmar Holdings' plan would extend the market permits of about 500 traders."
PLAN_TOLD = "The plan would give a three-year extension of market permits to 300 traders who sell in the old town."


def test_a_name_the_sentence_leaves_to_its_article_is_met_there() -> None:
    """ "The plan would give ... to 300 traders" restates a claim about Velmar Holdings' plan only in an article
    that names Velmar Holdings: the name is left to context, as a news sentence leaves it."""
    written: list[tuple[int, str]] = []

    def in_article(index: int, stem: str) -> bool:
        written.append((index, stem))
        return stem in {"velmar", "holding"}

    (claim_claims,) = claims_of(PLAN)
    parts = [c for c in claim_claims if not isinstance(c, StatementClaim)]
    statements = [c for c in claim_claims if isinstance(c, StatementClaim)]
    candidates: list[tuple[int, list[Claim]]] = [(4, claims_of(PLAN_TOLD)[0])]
    assert substitutions(PLAN, parts, statements, candidates) == []  # no article to look in
    (found,) = substitutions(PLAN, parts, statements, candidates, in_article)
    assert (found.index, found.part.text, found.value.text) == (4, "about 500", "300")
    assert written and all(index == 4 for index, _ in written)
    assert {stem for _, stem in written} == {"velmar", "holding"}  # the names the sentence does not write
    assert substitutions(PLAN, parts, statements, candidates, lambda index, stem: stem == "velmar") == []


def test_a_figure_told_otherwise_where_the_article_names_the_owner_conflicts(
    tmp_path: Path, embedder: Embedder
) -> None:
    named = f"Velmar Holdings unveiled its harbour market plan on Monday. {PLAN_TOLD}"
    (source,) = check_one_source(tmp_path / "named", embedder, named, PLAN).sources
    assert source.evidence[0].sentence == PLAN_TOLD
    assert source.verdict == "conflict"
    assert "claim says about 500; source says 300, and otherwise states the claim" in source.evidence[0].reason
    # an article that never names the firm may be about another firm's plan
    unnamed = f"The city unveiled its harbour market plan on Monday. {PLAN_TOLD}"
    (source,) = check_one_source(tmp_path / "unnamed", embedder, unnamed, PLAN).sources
    assert source.evidence and source.evidence[0].sentence == PLAN_TOLD  # the sentence was read
    assert source.verdict == "unverified"


FINAL = "The 2027 Velmar Cup final is scheduled to be played in Tempe."
GLENDALE = "Hotels were also worried, with the Velmar Cup final set to be held in Glendale, Ariz. in 2027."


def test_a_place_the_sentence_only_names_is_a_value_of_its_own_kind() -> None:
    # the typed reading places no event in Glendale ("set to be held" carries a final, no event noun): the place
    # is still a value the claim's may be replaced by, marked as only named
    assert not [c for c in claims_of(GLENDALE)[0] if isinstance(c, PlaceClaim)]
    (found,) = rewritten(FINAL, GLENDALE)
    assert (found.part.text, found.value.text, found.contradicted_only) == ("in Tempe", "in Glendale", True)
    assert found.claim == "The 2027 Velmar Cup final is scheduled to be played in Glendale."
    # not a name without a preposition of place, a name the data does not know as a place, the claim's own place,
    # nor the state that holds it
    for sentence in (
        "Hotels were also worried about the Velmar Cup final, Glendale officials said.",
        "Hotels were also worried, with the Velmar Cup final set to be held in Dravenia in 2027.",
        "Hotels were also worried, with the Velmar Cup final set to be held in Tempe in 2027, not in Glendale.",
        "Hotels were also worried, with the Velmar Cup final set to be held in Arizona in 2027.",
    ):
        assert rewritten(FINAL, sentence) == [], sentence


def test_a_place_only_named_conflicts_only_where_the_claim_is_also_contradicted(
    tmp_path: Path, embedder: Embedder
) -> None:
    (source,) = check_one_source(tmp_path / "held", embedder, GLENDALE, FINAL).sources
    assert source.evidence[0].sentence == GLENDALE
    assert source.verdict == "conflict"
    assert "claim says in Tempe; source says in Glendale" in source.evidence[0].reason
    # the verifier reads "played in Phoenix" as stated by a sentence about hotels in Phoenix, and the claim as
    # written as not contradicted: a place named beside the event is not where it happens
    hotels = "Hotels in Phoenix were also worried about the Velmar Cup final in 2027."
    (beside,) = check_one_source(tmp_path / "beside", embedder, hotels, FINAL).sources
    assert beside.evidence[0].sentence == hotels
    assert beside.verdict == "unverified"


ENDORSED = "Ivo Petrak endorsed Ana Vasko for the Velmar council seat."
BRENKO = "Ivo Petrak, who endorsed Tomas Brenko for the Velmar council seat, said he had no regrets."


def people_rewritten(claim: str, sentence: str, writes: bool | None) -> list[Substitution]:
    (claim_claims,) = claims_of(claim)
    parts = [c for c in claim_claims if not isinstance(c, StatementClaim)]
    statements = [c for c in claim_claims if isinstance(c, StatementClaim)]
    return substitutions(claim, parts, statements, [(0, claims_of(sentence)[0])], None, lambda _, word: writes)


def test_a_person_is_replaced_by_another_only_where_the_article_never_names_them() -> None:
    (found,) = people_rewritten(ENDORSED, BRENKO, writes=False)
    assert (found.part.text, found.value.text, found.contradicted_only) == ("Ana Vasko", "Tomas Brenko", True)
    assert found.claim == "Ivo Petrak endorsed Tomas Brenko for the Velmar council seat."
    # an article that names Ana Vasko may tell of both endorsements; an unknown article tells nothing
    assert people_rewritten(ENDORSED, BRENKO, writes=True) == []
    assert people_rewritten(ENDORSED, BRENKO, writes=None) == []
    # a sentence naming the claim's person too; and the claim's own people, however the claim keys them
    both = "Ivo Petrak, who endorsed Tomas Brenko and Ana Vasko for the Velmar council seats, had no regrets."
    assert people_rewritten(ENDORSED, both, writes=False) == []
    (voicemail,) = people_rewritten(
        "Ivo Petrak's angry voicemail was left for Ana Vasko.",
        "Ivo Petrak apologized for the angry voicemail he left for councillor Tomas Brenko on Friday.",
        writes=False,
    )
    assert (voicemail.part.text, voicemail.value.text) == ("Ana Vasko", "Tomas Brenko")
    # nor a sentence telling another act of another person: the verifier reads "endorsed Tomas Brenko in a video
    # message" as stating "met Tomas Brenko"
    video = "Ivo Petrak endorsed Tomas Brenko for the Velmar council seat in a video message."
    assert people_rewritten("Ivo Petrak met Ana Vasko on the harbour.", video, writes=False) == []


def test_another_person_conflicts_where_the_verifier_reads_both_ways(tmp_path: Path, embedder: Embedder) -> None:
    # with both readings' thresholds at 1 the rewritten claim is never read
    conflicts_only_with_the_reading(
        tmp_path,
        embedder,
        "Ivo Petrak met Ana Vasko on the harbour.",
        "Ivo Petrak met Tomas Brenko on the harbour, aides said.",
        "claim says Ana Vasko; source says Tomas Brenko",
        replace(VerifierModelConfig(), conflict_restated=1.0, conflict_restated_contradicted=1.0),
    )


def test_a_check_over_many_sources_reads_at_most_max_pairs_sentences_for_restatement(
    tmp_path: Path, embedder: Embedder
) -> None:
    # five outlets each give the meeting another day; a check reads the closest sentences only, as the verifier's
    # first reading does (the cost of a check over a large corpus is bounded)
    days = ["Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    texts = {
        f"outlet-{n}": f"Velmar Mayor Ivo Petrak told the city council on {day} evening that the budget would be cut."
        for n, day in enumerate(days)
    }
    verdicts = {}
    for name, config in (("default", VerifierModelConfig()), ("two", replace(VerifierModelConfig(), max_pairs=2))):
        with Corpus.open(Config(data_dir=tmp_path / name, verifier_model=config), embedder=embedder) as corpus:
            for source_id, text in texts.items():
                corpus.ingest(SourceInput(id=source_id, text=text))
            result = check_claim(corpus, CLAIM)
        verdicts[name] = sorted(s.verdict for s in result.sources)
    assert verdicts["default"] == ["conflict"] * 5
    assert verdicts["two"] == ["conflict", "conflict", "unverified", "unverified", "unverified"]


def test_a_period_is_replaced_by_another_period_only() -> None:
    claim = "Ana Vasko served on the Velmar council from 1997 until 2009."
    (found,) = rewritten(claim, "Ana Vasko, a lawyer, held the Velmar council seat from 1996 to 2008.")
    assert (found.part.text, found.value.text) == ("from 1997 until 2009", "from 1996 to 2008")
    # a year alone is no period, nor the same period written otherwise another value
    assert rewritten(claim, "Ana Vasko, a lawyer, won the Velmar council seat in 1996.") == []
    assert rewritten(claim, "Ana Vasko, a lawyer, held the Velmar council seat from 1997 to 2009.") == []


def test_a_rank_is_replaced_by_another_rank_of_the_same_thing() -> None:
    """No typed reading counts ranks ("the 17th district", "an eighth term"): the claim is read with the sentence's."""
    claim = "Ivo Petrak represented Kastavia's 17th Congressional District."
    (found,) = rewritten(claim, "Mr. Petrak, who represented the 27th District of Kastavia, will not run again.")
    assert (found.part.text, found.value.text) == ("17th", "27th")
    assert found.claim == "Ivo Petrak represented Kastavia's 27th Congressional District."
    (term,) = rewritten("Ana Vasko intends to run for an eighth term.", "Ana Vasko plans to seek a seventh term.")
    assert term.claim == "Ana Vasko intends to run for a seventh term."
    # the same rank, a rank of something else, or another person's: nothing to replace
    assert rewritten(claim, "Ivo Petrak represented the 17th District of Kastavia for a decade.") == []
    assert rewritten(claim, "Ivo Petrak was the 27th speaker of the Kastavia assembly.") == []
    assert rewritten(claim, "Ana Vasko represented the 27th District of Kastavia.") == []


def test_a_source_ranking_the_thing_otherwise_conflicts(tmp_path: Path, embedder: Embedder) -> None:
    text = "Mr. Petrak, who represented the 27th District of Kastavia, will not run again, his office said."
    (source,) = check_one_source(
        tmp_path, embedder, text, "Ivo Petrak represented Kastavia's 17th Congressional District."
    ).sources
    assert source.evidence and source.evidence[0].sentence == text
    assert source.verdict == "conflict"
    assert "claim says 17th; source says 27th" in source.evidence[0].reason
    same = check_one_source(
        tmp_path / "same", embedder, text, "Ivo Petrak represented Kastavia's 27th Congressional District."
    ).sources[0]
    assert same.evidence and same.evidence[0].sentence == text
    assert same.verdict != "conflict"


def test_a_word_is_replaced_by_the_opposite_word_the_sentence_writes_beside_the_same_thing() -> None:
    """The verifier reads past an opposite word ("older" / "younger"): the claim is read with the sentence's."""
    claim = "Mirela Vasko is Ana Vasko's older sister."
    (found,) = rewritten(claim, "Mirela Vasko, the younger sister of Ana Vasko, spoke at the Velmar rally.")
    assert (found.part.text, found.value.text) == ("older", "younger")
    assert found.claim == "Mirela Vasko is Ana Vasko's younger sister."
    (rose,) = rewritten(
        "Velmar's jobless rate rose to 6 percent in March.", "Velmar's jobless rate fell to 6 percent in March."
    )
    assert rose.claim == "Velmar's jobless rate fell to 6 percent in March."
    # the opposite word beside something else, the claim's own word beside it, or a claim that denies: not read
    assert rewritten(claim, "Mirela Vasko, Ana Vasko's sister, sold the younger horses at the Velmar fair.") == []
    assert rewritten(claim, "Mirela Vasko, the older sister of Ana Vasko, not the younger one, spoke.") == []
    denied = "Mirela Vasko is not Ana Vasko's older sister."
    assert rewritten(denied, "Mirela Vasko is Ana Vasko's younger sister.") == []
    # nor a sentence that denies: "don't come out the right way" is "come out the wrong way"
    words = "Ivo Petrak said his words sometimes come out the wrong way."
    assert rewritten(words, "Ivo Petrak said his words sometimes don't come out the right way.") == []


def test_a_source_writing_the_opposite_word_conflicts_and_says_which(tmp_path: Path, embedder: Embedder) -> None:
    text = "Mirela Vasko, the younger sister of Ana Vasko, spoke at the Velmar rally on Friday."
    claim = "Mirela Vasko is Ana Vasko's older sister."
    (source,) = check_one_source(tmp_path, embedder, text, claim).sources
    assert source.evidence and source.evidence[0].sentence == text
    assert source.verdict == "conflict"
    assert "claim says older; source says younger" in source.evidence[0].reason
    same = check_one_source(tmp_path / "same", embedder, text, claim.replace("older", "younger")).sources[0]
    assert same.evidence and same.evidence[0].sentence == text
    assert same.verdict == "agree"


FOUNDER = "Ana Vasko is a founder of the Lindhaven Rowing Club."
OTHER_CLUB = "Ana Vasko, a founder of the Strenna Rowing Club, spoke first at the regatta."


def test_an_organisation_is_replaced_by_another_only_where_the_article_never_writes_it() -> None:
    (found,) = people_rewritten(FOUNDER, OTHER_CLUB, writes=False)
    assert (found.part.text, found.value.text, found.contradicted_only) == (
        "Lindhaven Rowing Club",
        "Strenna Rowing Club",
        True,
    )
    assert found.claim == "Ana Vasko is a founder of the Strenna Rowing Club."
    # an article that writes "Lindhaven" may tell of both clubs; an unknown article tells nothing
    assert people_rewritten(FOUNDER, OTHER_CLUB, writes=True) == []
    assert people_rewritten(FOUNDER, OTHER_CLUB, writes=None) == []
    # nor a sentence naming the claim's club too, or none at all
    both = "Ana Vasko, a founder of the Strenna Rowing Club and the Lindhaven Rowing Club, spoke first."
    assert people_rewritten(FOUNDER, both, writes=False) == []
    assert people_rewritten(FOUNDER, "Ana Vasko, a founder of the club, spoke first.", writes=False) == []


def test_another_organisation_conflicts_where_the_verifier_reads_both_ways(tmp_path: Path, embedder: Embedder) -> None:
    conflicts_only_with_the_reading(
        tmp_path,
        embedder,
        FOUNDER,
        OTHER_CLUB,
        "claim says Lindhaven Rowing Club; source says Strenna Rowing Club",
        replace(VerifierModelConfig(), conflict_restated=1.0, conflict_restated_contradicted=1.0),
    )


def test_a_founding_told_in_another_decade_conflicts(tmp_path: Path, embedder: Embedder) -> None:
    """ "got its start in the 1960s" against "where Velmar Foods began in the 1940s": one founding, two decades."""
    (source,) = check_one_source(
        tmp_path,
        embedder,
        "The company is based in Strenna, where Velmar Foods began in the 1940s.",
        "Velmar Foods got its start in Strenna in the 1960s.",
    ).sources
    assert source.verdict == "conflict" and "1940s" in source.reason, source.reason
    assert source.evidence[0].sentence.startswith("The company is based in Strenna")


@pytest.mark.parametrize(
    ("claim", "sentence", "values"),
    [
        # "money" says only that the sum is money: the sentence's sum, counted as what it went for, is paired
        (
            "Velmar and Strenna negotiated $20 million in road money in exchange for a ferry route.",
            "Last year, Velmar and Strenna negotiated $25 million in road money for a ferry route.",
            ("$20 million", "$25 million"),
        ),
        # the claim's counted noun inside the sentence's own phrase for the sum counts the same thing
        (
            "The Velmar council approved a $3.5 million settlement for the fishermen.",
            "The Velmar council approved a $4.5 million settlement payment to the fishermen.",
            ("$3.5 million", "$4.5 million"),
        ),
    ],
)
def test_a_sum_of_money_or_of_the_claims_noun_is_no_count_of_something_else(
    claim: str, sentence: str, values: tuple[str, str]
) -> None:
    typed = [s for s in rewritten(claim, sentence) if not s.contradicted_only]
    assert [(s.part.text, s.value.text) for s in typed] == [values]
