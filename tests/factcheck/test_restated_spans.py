"""The value a sentence gives where the claim gives its own, found by the words around each
(factcheck.restated_spans): which rewritten claims are read, and the verdicts the trained verifier gives through
check_claim. Sentences written for these tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from factcheck.claims import Claim, StatementClaim
from factcheck.embedding import Embedder
from factcheck.restated import Substitution, substitutions
from factcheck.restated_spans import names_another
from tests.factcheck.claims.test_extract import claims_of
from tests.factcheck.test_check import check_one_source, read_in_one_source

CLAIM = "Representative Tomas Brenko of Michigan said he hoped the mayor would repay the money."
OTHER_STATE = (
    "Representative Tomas Brenko, Republican of Ohio, also said in a statement that he hoped the mayor would repay "
    "the money."
)


def rewritten(claim: str, sentence: str, *, by_words: bool = True) -> list[Substitution]:
    (claim_claims,) = claims_of(claim)
    parts = [c for c in claim_claims if not isinstance(c, StatementClaim)]
    statements = [c for c in claim_claims if isinstance(c, StatementClaim)]
    candidates: list[tuple[int, list[Claim]]] = [(0, claims_of(sentence)[0])]
    return substitutions(claim, parts, statements, candidates, by_words=by_words)


def assert_conflicts_on(tmp_path: Path, embedder: Embedder, text: str, claim: str, reason: str) -> None:
    """A claim checked against a source of one sentence: read, conflicting, and the reason names the two values."""
    source = read_in_one_source(tmp_path, embedder, text, claim)
    assert source.verdict == "conflict"
    assert reason in source.evidence[0].reason


def statement_of_text(text: str) -> StatementClaim:
    (claims,) = claims_of(text)
    return next(c for c in claims if isinstance(c, StatementClaim))


def test_a_place_the_sentence_gives_where_the_claim_gives_its_own_is_read_both_ways() -> None:
    # no event is placed in Michigan: the typed reading has no place to replace. "Republican" stands closer to the
    # words around "Michigan" than "Ohio" does, but it is no place
    (found,) = rewritten(CLAIM, OTHER_STATE)
    assert (found.part.text, found.value.text, found.contradicted_only) == ("Michigan", "Ohio", True)
    assert found.claim == "Representative Tomas Brenko of Ohio said he hoped the mayor would repay the money."
    # only where asked: a sentence is not kept from the verifier's agreement by such a value alone
    assert rewritten(CLAIM, OTHER_STATE, by_words=False) == []


def test_a_place_is_paired_only_with_a_place_of_its_level_in_the_same_slot() -> None:
    claim = "Ivo Petrak's new campaign ad is running in Iowa."
    for sentence in (
        # the place of something else: "of Texas" says where he governs, not where the ad runs
        "Gov. Ivo Petrak of Texas is broadcasting a new campaign ad that attacks his rivals.",
        # a country against a state, which the data cannot put apart
        "Ivo Petrak's new campaign ad is running in France, his aides said.",
        # the same state
        "Ivo Petrak's new campaign ad is running in Iowa and in Ohio.",
    ):
        assert rewritten(claim, sentence) == [], sentence
    # a name the recogniser reads as a person is no place, whatever towns bear it
    physician = "Mark Jensen, Clinton's physician, chairs the clinic."
    assert rewritten(physician, "Mark Jensen, Obama's physician, chairs the clinic.") == []


def test_a_figure_found_by_its_words_is_paired_only_with_one_told_alike() -> None:
    # an age is no span of years served
    assert rewritten("Tomas Brenko is 48 years old.", "Brenko, a 21-year veteran of the Velmar police, retired.") == []
    claim = "Mara Quist said 75 percent of the inspectors in her report were trained abroad."
    (found,) = rewritten(claim, "Quist's report showed that 90 percent of them were trained abroad, she said.")
    assert (found.part.text, found.value.text) == ("75 percent", "90 percent")


def test_a_state_told_otherwise_conflicts_and_the_same_state_does_not(tmp_path: Path, embedder: Embedder) -> None:
    assert_conflicts_on(tmp_path / "other", embedder, OTHER_STATE, CLAIM, "claim says Michigan; source says Ohio")
    same = OTHER_STATE.replace("Ohio", "Michigan")
    agreeing = read_in_one_source(tmp_path / "same", embedder, same, CLAIM)
    assert agreeing.verdict != "conflict"  # read, and not told otherwise


def test_a_sum_told_otherwise_in_other_words_conflicts(tmp_path: Path, embedder: Embedder) -> None:
    claim = "The Velmar council initially offered $1.6 million for general road repairs."
    sentence = "The Velmar council countered initially with $1.3 million for general road repairs, officials said."
    # a sum under a preposition counts what it is for (the repairs), not who offers it
    reason = "claim says $1.6 million general road repairs; source says $1.3 million"
    assert_conflicts_on(tmp_path, embedder, sentence, claim, reason)


def test_a_year_the_typed_reading_dates_to_nothing_is_paired_with_a_year() -> None:
    # "going back to 1987" dates no happening the typed reading knows
    returns = "Before this release, the Brenkos had made public their tax returns going back to 1987."
    (year,) = rewritten(returns, "The Brenkos have previously released their tax returns dating back to 1977.")
    assert (year.part.text, year.value.text, year.contradicted_only) == ("1987", "1977", True)
    # whose saying a bare year is the typed reading does not know: the sentence's speaker may be another clause's
    said = "The Brenkos have previously released their tax returns dating back to 1977, Ana Vasko said."
    (told,) = rewritten(returns, said)
    assert told.value.text == "1977" and told.value.attribution is None
    # a year is not paired with a month
    assert rewritten(returns, "The Brenkos have previously released their tax returns dating back to March.") == []


def test_a_sentence_without_another_of_the_claims_names_is_no_restatement() -> None:
    claim = "Ivo Petrak endorsed Ana Vasko in the 2016 race for mayor."
    # another year and another person: another endorsement, not this one told otherwise
    assert rewritten(claim, "Ivo Petrak endorsed Tomas Brenko in the 2008 race for mayor.") == []
    # a name written in part is written ("Ana Vasko" as "Ms. Vasko")
    (found,) = rewritten(claim, "Ivo Petrak endorsed Ms. Vasko in the 2008 race for mayor.")
    assert (found.part.text, found.value.text) == ("2016", "2008")


def test_a_body_the_recogniser_read_as_a_person_in_the_claim_is_met_where_the_sentence_writes_it() -> None:
    # "CNN announced" is read as a person, "CNN, which has hired Ms. Quist," not, and the sentence names Quist
    claim = "CNN announced on Tuesday that its New Year's Eve program would end."
    sentence = (
        "CNN, which has hired Ms. Quist to host New Year's Eve programming for a decade, announced on Wednesday "
        "that the program would end."
    )
    found = rewritten(claim, sentence)
    assert [(s.part.text, s.value.text) for s in found] == [("Tuesday", "Wednesday")]


def test_a_claim_naming_only_a_place_is_read_for_another_place(tmp_path: Path, embedder: Embedder) -> None:
    # no typed figure, time or place and no person: the claim's country is still a value a sentence may tell otherwise
    claim = "The gunman was the son of an immigrant from Pakistan."
    sentence = "The gunman was the son of an immigrant from Afghanistan, the police chief told reporters."
    assert_conflicts_on(tmp_path, embedder, sentence, claim, "claim says Pakistan; source says Afghanistan")


def test_a_detail_confirmed_beside_another_person_is_no_agreement(tmp_path: Path, embedder: Embedder) -> None:
    claim = "The city's October request for records went to former mayors dating back to Mark Jensen."
    told = "In October, the city asked former mayors dating back to Ana Vasko to provide any records they might have."
    statement, evidence = statement_of_text(claim), statement_of_text(told)
    assert names_another(claim, statement, evidence)
    assert not names_another(claim, statement, replace(evidence, text=told.replace("Ana Vasko", "Mark Jensen")))
    # a person named in another place of the sentence is no name told in the claim's
    elsewhere = "In October, Ana Vasko said the city asked former mayors to provide any records they might have."
    assert not names_another(claim, statement, replace(evidence, text=elsewhere))
    # the article names Jensen elsewhere, so no other person is read in his place: its "October" agrees, of another
    # request, and the verifier overlooks the name
    text = f"{told} Mark Jensen, a former mayor, did not respond to a request for comment."
    (source,) = check_one_source(tmp_path, embedder, text, claim).sources
    assert source.evidence[0].sentence == told
    assert source.verdict == "unverified"


def test_another_organisation_in_the_claims_place_is_named_another() -> None:
    claim = "Mark Jensen testified before the House that the mayor had asked him to end the audit."
    told = "Jensen testified before the Senate that the mayor had requested that he put an end to the audit."
    statement, evidence = statement_of_text(claim), statement_of_text(told)
    assert "House" in statement.bodies and "Senate" in evidence.bodies  # the recogniser's reading this is about
    assert names_another(claim, statement, evidence)
    assert not names_another(claim, statement, statement_of_text(told.replace("Senate", "House")))
