"""A source that states a claim across two sentences, a detail in one and the rest in another (factcheck.together),
through check_claim with the real embedder and the trained verifier. Sentences written for these tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from factcheck.check_candidates import Candidate
from factcheck.claims import create_extractor
from factcheck.claims.model import StatementClaim
from factcheck.config import VerifierModelConfig
from factcheck.embedding import Embedder
from factcheck.records import Sentence
from factcheck.source_verdicts import Evidence, SourceVerdict
from factcheck.together import stated_together
from factcheck.trained_verdict import TrainedReader
from tests.factcheck.test_check import RecordingVerifier, check_one_source

CLAIM = "The Kastavian parliament voted 97-12 to close the old ferry terminal."
TALLY = "The final tally was 97-12."
ARGUED = "Deputies argued for three hours before the vote."


def source(decision: str) -> str:
    return f"The Kastavian parliament voted on Tuesday to {decision}. {ARGUED} {TALLY}"


CLOSED = source("close the old ferry terminal at Lake Oren")


def test_a_detail_and_the_rest_in_two_sentences_agree_with_both_as_evidence(tmp_path: Path, embedder: Embedder) -> None:
    (found,) = check_one_source(tmp_path, embedder, CLOSED, CLAIM).sources
    assert found.verdict == "agree"
    agreeing = [e for e in found.evidence if e.verdict == "agree"]
    assert [e.sentence for e in agreeing] == [TALLY, CLOSED.split(". ")[0] + "."]
    assert "97-12 tally" in found.reason and "another of its sentences states the rest" in found.reason
    assert "states the rest of the claim" in agreeing[1].reason
    assert all(e.sentence != ARGUED for e in agreeing)


def test_a_detail_beside_another_decision_stays_a_detail(tmp_path: Path, embedder: Embedder) -> None:
    """The verifier reads the tally with a vote on something else as not stating the claim. (It does read "voted
    to keep the terminal open" as stating "voted to close it", alone or with the tally, as the rest of the checker
    does: an opposite told by an adjective is beyond the 22M-parameter verifier.)"""
    (found,) = check_one_source(
        tmp_path, embedder, source("rename the harbour square after a local poet"), CLAIM
    ).sources
    assert found.verdict == "unverified"
    assert found.evidence[0].sentence == TALLY and found.evidence[0].verdict == "agree"  # the detail was read
    assert found.reason.startswith("the source confirms only a detail")


def test_the_reading_can_be_turned_off(tmp_path: Path, embedder: Embedder) -> None:
    off = replace(VerifierModelConfig(), agree_detailed=1.0)
    (found,) = check_one_source(tmp_path, embedder, CLOSED, CLAIM, off).sources
    assert found.evidence[0].sentence == TALLY
    assert found.verdict == "unverified"


def test_every_source_is_read_in_one_bounded_batch() -> None:
    """One passage per source (the detail's sentence with its closest other, in the article's order), at most
    ``detailed_pairs`` in one check, the first sources first."""
    recording = RecordingVerifier(lambda passage, _: 0.9 if "ferry" in passage else 0.1)
    reader = TrainedReader(replace(VerifierModelConfig(), detailed_pairs=3), verifier=recording)  # type: ignore[arg-type]
    ferry = f"They voted to close the ferry terminal. {TALLY}"
    found = reader.stated_together(CLAIM, [f"{ARGUED} {TALLY}", ferry, ferry, ferry])
    assert found == [False, True, True, False]  # the fourth is beyond the bound
    (batch,) = recording.calls
    assert batch == [(f"{ARGUED} {TALLY}", CLAIM), (ferry, CLAIM), (ferry, CLAIM)]


def test_a_sentence_about_other_people_is_not_the_rest_of_the_claim() -> None:
    """The verifier reads two sentences as one telling and lends one person's act to another ("House Minority
    Leader X tweeted about the restaurant" joined with "Rep. Y showed her support ... when she tweeted": BASIL
    training claims): a sentence that names people, none of them the claim's, is not read as the rest. A sentence
    naming no one, the claim's own people or only whoever it is credited to still is. Plumbing: the verifier is a
    stand-in that reads every passage as stating the claim; the sentences' people are read by the real extractor."""
    claim = "Mayor Ana Vasko tweeted her support for the Lindhaven ferry plan."
    detail = "Mayor Ana Vasko spoke about the ferry on Monday."
    rests = [
        "Deputy Mayor Tomas Brenko showed his support for the ferry plan when he tweeted a photo.",
        "The plan was backed in a tweet that afternoon at Lake Oren.",
        "Ms Vasko backed the ferry plan in a tweet that afternoon.",
        "The tweet backing the ferry plan was welcome news, Deputy Mayor Tomas Brenko said.",
    ]
    extractor = create_extractor("spacy")
    (claim_claims,) = extractor.extract([claim])
    statements = [c for c in claim_claims if isinstance(c, StatementClaim)]
    results, all_judged = [], []
    for rest in rests:
        sentences = [Sentence(0, "s", 0, 0, len(detail), detail), Sentence(1, "s", 1, 60, 60 + len(rest), rest)]
        claims = extractor.extract([detail, rest])
        judged = [(Candidate(s, 0.6 - 0.1 * s.position, c), []) for s, c in zip(sentences, claims, strict=True)]
        evidence = tuple(
            Evidence("s", s.text, s.start, s.end, 0.6, verdict, "")
            for s, verdict in zip(sentences, ("agree", "unverified"), strict=True)
        )
        results.append(SourceVerdict("s", "unverified", evidence, ""))
        all_judged.append(judged)
    recording = RecordingVerifier(lambda passage, _: 0.95)
    reader = TrainedReader(VerifierModelConfig(), verifier=recording)  # type: ignore[arg-type]
    found = stated_together(results, [True] * 4, claim, reader, all_judged, statements)
    assert [r.verdict for r in found] == ["unverified", "agree", "agree", "agree"]
    (batch,) = recording.calls
    assert [passage for passage, _ in batch] == [f"{detail} {rest}" for rest in rests[1:]]
