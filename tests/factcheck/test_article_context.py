"""Names a claim gives that a sentence leaves to its article (factcheck.article_context): which names are context,
how the verifier reads them, and the verdict through check_claim with the real embedder and the trained verifier.
Sentences and articles written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.article_context import ArticleContext, ContextName, context_names, evidence_key
from factcheck.claims.extract import create_extractor
from factcheck.embedding import Embedder
from tests.factcheck.test_check import check_one_source

SENTENCE = "Petrak said the council would study the contracts before the vote."
NAMED = (
    f"Velmar, a shipping firm, won three harbour contracts last year. Councillor Ivo Petrak wants a review. {SENTENCE}"
)
UNNAMED = f"A shipping firm won three harbour contracts last year. Councillor Ivo Petrak wants a review. {SENTENCE}"


def names_of(claim: str) -> list[tuple[str, str]]:
    (doc,) = create_extractor("spacy").parse([claim])  # type: ignore[attr-defined]
    return [(n.text, n.stand_in) for n in context_names(doc)]


def test_a_name_beside_the_subject_is_context_but_the_subject_and_a_place_are_not() -> None:
    assert names_of("Ivo Petrak gave Ada Morrow until May 1 to sit for the interview.") == [
        ("Ada Morrow", "the person")
    ]
    # who did it, and both of two who did it, are what the claim asserts
    assert names_of("Ivo Petrak and Ada Morrow signed the letter.") == []
    # where it happened is a fact to check
    assert names_of("Ivo Petrak announced the deal at the Velmar Institute.") == []


def test_the_subject_of_a_reported_clause_is_context_but_the_speaker_is_not() -> None:
    # "he accepts that President Morrow is a Christian": the sentence may say "the president", leaving her name to
    # its article; who said it is what the claim asserts
    assert names_of("Ivo Petrak said he accepts that President Ada Morrow is a Christian.") == [
        ("Ada Morrow", "the person")
    ]


def test_a_name_that_only_says_which_thing_is_meant_is_context() -> None:
    # (the one called on to drop out is the subject of a clause the claim embeds: context as well)
    assert names_of("Ivo Petrak called for Ana Vasko to drop out of the Harbour Council race.") == [
        ("Harbour Council", ""),
        ("Ana Vasko", "the person"),
    ]
    # a place, a time or a figure before the noun is a fact to check, and a name there is never a stand-in
    assert names_of("Ivo Petrak called for Ana Vasko to drop out of the Kastavia Senate race.") == [
        ("Senate", ""),
        ("Ana Vasko", "the person"),
    ]
    assert names_of("Ana Vasko apologized for the image on Tuesday night.") == []
    # a nationality or party narrows what is meant ("Russian soldiers" of a war with two sides), and a name before
    # a counted noun sets what is counted: neither is context
    assert names_of("Ana Vasko is challenging the sitting Republican senator Tomas Brenko.") == [
        ("Tomas Brenko", "the person")
    ]
    assert names_of("Ana Vasko said 12 Velmar workers were hurt in the fire.") == []


def test_a_qualifier_the_sentence_leaves_out_is_read_away_only_where_its_article_writes_it() -> None:
    claim = "Ivo Petrak called for Ana Vasko to drop out of the Harbour Council race."
    (doc,) = create_extractor("spacy").parse([claim])  # type: ignore[attr-defined]
    sentence = "Petrak called on Vasko to withdraw from the race."
    context = ArticleContext(context_names(doc), lambda evidence: f"Vasko runs in the Harbour Council race. {evidence}")
    assert context.claim_for(claim, sentence) == "Ivo Petrak called for Ana Vasko to drop out of the race."
    # a sentence that writes the name reads the claim as it is
    council = "Petrak called on Vasko to withdraw from the Council race."
    assert context.claim_for(claim, council) == claim
    # an article that never writes it leaves the claim as it is
    elsewhere = ArticleContext(context_names(doc), lambda evidence: f"Vasko runs this year. {evidence}")
    assert elsewhere.claim_for(claim, sentence) == claim


def among(*articles: str) -> ArticleContext:
    """The context of one claim whose evidence comes from ``articles``, found by the sentence's end as a check does."""
    claim = "Ivo Petrak gave Ada Morrow until May 1 to sit for the interview."
    names = [ContextName(start=claim.index("Ada"), text="Ada Morrow", word="morrow", stand_in="the person")]
    return ArticleContext(
        names, lambda evidence: next((a for a in articles if evidence_key(evidence) in a.lower()), None)
    )


def test_a_name_the_sentence_lacks_is_read_as_its_stand_in_only_where_its_article_names_it() -> None:
    claim = "Ivo Petrak gave Ada Morrow until May 1 to sit for the interview."
    sentence = "Petrak set a May 1 deadline for the interview."
    about_her = f"Petrak asked Ada Morrow to testify. {sentence}"
    assert (
        among(about_her).claim_for(claim, sentence)
        == "Ivo Petrak gave the person until May 1 to sit for the interview."
    )
    # an article that never names her leaves the claim as it is, and so does a sentence that names her itself
    assert among(f"Petrak asked for testimony. {sentence}").claim_for(claim, sentence) == claim
    own = "Petrak gave Morrow until May 1."
    assert among(f"{about_her} {own}").claim_for(claim, own) == claim
    # the evidence's article is found by the sentence's end (a pronoun subject spelled out changes its start)
    spelled = "Ivo Petrak set a May 1 deadline for the interview."
    assert among(about_her).claim_for(claim, spelled).count("the person") == 1
    # a sentence of no known article leaves the claim as it is
    assert among(about_her).claim_for(claim, "Petrak spoke at length about the harbour.") == claim
    # the check's claim with a figure rewritten (factcheck.restated) still has the name where it was
    rewritten = claim.replace("May 1", "April 30")
    assert among(about_her).claim_for(rewritten, sentence).startswith("Ivo Petrak gave the person")


def test_a_name_in_a_title_an_identifier_or_a_quotation_is_no_stand_in() -> None:
    # the body of a title before a person's name says which office: read away like a qualifier
    assert names_of("KBI Director Ana Vasko ordered the review.") == [("KBI", "")]
    # "Secretary of State": the office's name, left as written
    assert names_of("Former Secretary of State Ana Vasko used a private email account.") == []
    # a bill's number is a fact to check; words quoted are the quote's own
    assert names_of("Governor Ana Vasko signed HB 2041 into law.") == []
    assert names_of("Ivo Petrak refused to say 'Velmar Holdings' on air.") == []
    assert names_of("Ivo Petrak refused to say Velmar Holdings on air.") == [("Velmar Holdings", "the group")]


def test_a_stand_in_takes_the_claims_own_article_and_possessive() -> None:
    def read(claim: str, name: ContextName, article: str, sentence: str = "It was sold in May.") -> str:
        return ArticleContext([name], lambda evidence: f"{article} {evidence}").claim_for(claim, sentence)

    harbour = ContextName(20, "Harbour Authority", "authority", "the group")
    assert (
        read("Ivo Petrak left the Harbour Authority in 2006.", harbour, "The Harbour Authority hired him.")
        == "Ivo Petrak left the group in 2006."
    )
    council = ContextName(3, "Ostrava Council", "council", "")
    assert read("An Ostrava Council poll found 45 percent.", council, "The Ostrava Council polled them.") == (
        "A poll found 45 percent."
    )
    vaskos = ContextName(4, "Vaskos", "vaskos", "the person")
    assert read("The Vaskos' boat was sold.", vaskos, "The Vaskos bought a boat.") == "The person's boat was sold."


def test_a_surname_the_parser_took_for_a_body_is_a_person_where_the_article_names_one() -> None:
    petrak = ContextName(0, "Petrak", "petrak", "the group")
    claim = "Petrak's campaign raised $11 million."
    context = ArticleContext([petrak], lambda evidence: f"Mayor Ivo Petrak is running again. {evidence}")
    assert context.claim_for(claim, "The campaign raised money.") == "the person's campaign raised $11 million."
    firm = ArticleContext([petrak], lambda evidence: f"Petrak Shipping backs the mayor. {evidence}")
    assert firm.claim_for(claim, "The campaign raised money.") == "the group's campaign raised $11 million."


def test_a_sentence_spelling_out_the_initials_writes_the_name() -> None:
    kbi = ContextName(20, "KBI", "kbi", "the group")
    claim = "Ivo Petrak left the KBI in 2006."
    context = ArticleContext([kbi], lambda evidence: f"The KBI hired him. {evidence}")
    assert context.claim_for(claim, "He left the Kastavian Bureau of Investigation in 2006.") == claim
    assert context.claim_for(claim, "He left in 2006.") == "Ivo Petrak left the group in 2006."
    # a surname is no initials, whatever words its letters begin ("Kay" is not "the Kastavian Army Yard")
    kay = ContextName(21, "Kay", "kay", "the person")
    met = ArticleContext([kay], lambda evidence: f"Mayor Ana Kay hired him. {evidence}")
    assert met.claim_for("Ivo Petrak met Ana Kay in 2006.", "He met her at the Kastavian Army Yard.") == (
        "Ivo Petrak met Ana the person in 2006."
    )


def test_a_firm_the_article_names_agrees_with_the_sentence_that_leaves_it_to_context(
    tmp_path: Path, embedder: Embedder
) -> None:
    (found,) = check_one_source(
        tmp_path, embedder, NAMED, "Ivo Petrak said the council would study Velmar's contracts before the vote."
    ).sources
    assert found.verdict == "agree"
    assert found.evidence[0].sentence == SENTENCE and found.evidence[0].verdict == "agree"
    assert "trained verifier: entailment" in found.evidence[0].reason


RACE = "Her rival Ivo Petrak called on Vasko to withdraw from the race on Tuesday."


@pytest.mark.parametrize(
    ("intro", "verdict"),
    [
        ("Ana Vasko is running in the Harbour Council race this year.", "agree"),
        ("Ana Vasko is running this year.", "unverified"),
    ],
)
def test_a_race_the_article_names_once_agrees_with_the_sentence_that_says_the_race(
    tmp_path: Path, embedder: Embedder, intro: str, verdict: str
) -> None:
    claim = "Ivo Petrak called for Ana Vasko to withdraw from the Harbour Council race."
    (found,) = check_one_source(tmp_path, embedder, f"{intro} {RACE}", claim).sources
    assert found.evidence[0].sentence == RACE  # the sentence was read
    assert found.verdict == verdict


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # the article never names the firm: the claim says something the source does not
        (UNNAMED, "Ivo Petrak said the council would study Velmar's contracts before the vote."),
        # the firm is named, but as the one who said it
        (NAMED, "Velmar said the council would study the contracts before the vote."),
    ],
)
def test_a_name_the_article_does_not_supply_is_not_agreed(
    tmp_path: Path, embedder: Embedder, text: str, claim: str
) -> None:
    (found,) = check_one_source(tmp_path, embedder, text, claim).sources
    assert found.evidence[0].sentence == SENTENCE  # the sentence was read
    assert found.verdict == "unverified"
