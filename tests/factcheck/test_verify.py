"""The verdict stage is pluggable by name: a registered verifier replaces the typed one by configuration."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from factcheck import Config, ConfigError, Corpus, SourceInput
from factcheck.check import check_claim
from factcheck.claims import Judgement, create_extractor
from factcheck.claims.lexicon import opposite_acts
from factcheck.claims.model import Claim, StatementClaim
from factcheck.config import VerifierModelConfig
from factcheck.embedding import Embedder
from factcheck.verify import create_verifier, register_verifier


class AlwaysConflict:
    """Stands in for a local NLI cross-encoder: says every related sentence contradicts the claim."""

    def judge(
        self,
        claim_text: str,
        parts: Sequence[Claim],
        statements: Sequence[StatementClaim],
        sentence: str,
        sentence_claims: Sequence[Claim],
        similarity: float,
    ) -> list[Judgement]:
        return [Judgement("conflict", f"the stand-in model contradicts: {sentence}", None, None)]


def test_a_registered_verifier_is_chosen_by_configuration(tmp_path: Path, embedder: Embedder) -> None:
    register_verifier("always-conflict", AlwaysConflict)
    # The trained verifier off: this is about which verifier the name picks, not about how the trained one may
    # overrule another's conflict on a sentence that is the claim word for word.
    config = Config(data_dir=tmp_path, verifier="always-conflict", verifier_model=VerifierModelConfig(enabled=False))
    with Corpus.open(config, embedder=embedder) as corpus:
        corpus.ingest(SourceInput(id="a", text="The talks open on Friday in Lindhaven."))
        result = check_claim(corpus, "The talks open on Friday in Lindhaven.")
    assert result.verdict == "conflict"
    assert result.sources[0].evidence[0].reason.startswith("the stand-in model contradicts")


def test_unknown_verifier() -> None:
    with pytest.raises(ConfigError, match="unknown verifier 'nli'"):
        create_verifier("nli")


# The typed verifier's sentence-level rules, on sentences written for these tests (real spaCy extraction; the
# similarity the retrieval stage would give is passed in, so each rule is tested at and below its gate).

EXTRACTOR = create_extractor("spacy")
TYPED = create_verifier("typed")


def judge(claim: str, sentence: str, similarity: float) -> list[Judgement]:
    (claim_claims,), (sentence_claims,) = EXTRACTOR.extract([claim]), EXTRACTOR.extract([sentence])
    parts = [c for c in claim_claims if not isinstance(c, StatementClaim) and not getattr(c, "embedded", False)]
    statements = [c for c in claim_claims if isinstance(c, StatementClaim)]
    return TYPED.judge(claim, parts, statements, sentence, sentence_claims, similarity)


def verdicts(judgements: list[Judgement]) -> set[str]:
    return {j.verdict for j in judgements}


def test_opposite_stances_of_the_same_side_on_the_same_thing_conflict() -> None:
    claim = "Dravenia accepted Kastavia's proposal to hold the talks in Velmar."
    source = "Dravenia rejected Kastavia's proposal to hold the talks in Velmar, diplomats said."
    (conflict,) = [j for j in judge(claim, source, 0.8) if j.verdict == "conflict"]
    assert "\u201caccepted\u201d" in conflict.reason and "\u201crejected\u201d" in conflict.reason
    assert conflict.evidence is not None  # the highlight: the source's own word
    assert source[conflict.evidence.start : conflict.evidence.end] == "rejected"
    assert "conflict" not in verdicts(judge(claim, source, 0.5))  # not the same story: below the gate


def test_a_stance_of_another_side_or_on_another_thing_does_not_conflict() -> None:
    source = "Dravenia rejected Kastavia's proposal to hold the talks in Velmar."
    assert "conflict" not in verdicts(judge("Kastavia accepted the proposal to hold the talks in Velmar.", source, 0.8))
    assert "conflict" not in verdicts(
        judge("Dravenia accepted the ceasefire plan.", "Dravenia rejected the prisoner swap.", 0.8)
    )


def test_a_denial_by_the_speakers_spokesman_conflicts_with_what_the_speaker_is_said_to_have_said() -> None:
    claim = "The ministry said Ms Vasko plans to visit Strenna this week."
    source = "Spokesman Teodor Vrana said Ms Vasko has no plans to visit Strenna this week."
    assert "conflict" in verdicts(judge(claim, source, 0.75))
    other = "Spokesman Teodor Vrana said Mr Orlen has no plans to visit Strenna this week."
    assert "conflict" not in verdicts(judge(claim, other, 0.75))  # someone else's plans


def test_a_denial_reported_by_a_denying_verb_is_a_denial() -> None:
    """ "Velmar Bank denied that it charges the fee" says what "said that it does not charge" says; a sentence that
    only names the act ("the alleged fee charging") asserts nothing the denial could contradict."""
    claim = "Velmar Bank has denied that it charges the transfer fee."
    said = "Velmar Bank said that it does not charge the transfer fee to its customers."
    assert "conflict" not in verdicts(judge(claim, said, 0.85))
    assert "conflict" in verdicts(judge(claim, "Velmar Bank charges the transfer fee to its customers.", 0.85))
    named = "Velmar Bank faced complaints about charges for transfers, the alleged fee charging."
    assert "conflict" not in verdicts(judge(claim, named, 0.85))
    # a passive that gives no doer says nothing of who charged it
    agentless = "The transfer fee was charged to customers of Velmar Bank last year."
    assert "conflict" not in verdicts(judge(claim, agentless, 0.85))
    assert "conflict" in verdicts(judge(claim, "The transfer fee was charged by Velmar Bank last year.", 0.85))
    assert verdicts(judge(claim, said, 0.85))  # the sentence was read, and judged


def test_a_denial_told_by_any_verb_of_saying_and_in_other_words_is_a_denial() -> None:
    """A verb of saying before a clause passes to the clause, whatever verb it is (WordNet's verbs of
    communication: "declared", "vowed"), and one act in two words is one act ("step down" is to resign)."""
    claim = "Mayor Ivo Petrak announced that he would resign."
    for source in (
        "Mayor Ivo Petrak declared on Monday that he would not step down.",
        "Mayor Ivo Petrak vowed on Monday that he would not resign.",
    ):
        (conflict,) = [j for j in judge(claim, source, 0.8) if j.verdict == "conflict"]
        assert "source says the opposite" in conflict.reason
    # another act, or another person's, is no denial of this one
    assert "conflict" not in verdicts(judge(claim, "Mayor Ivo Petrak declared that he would not step aside.", 0.8))
    other = "Councillor Ana Vasko declared on Monday that she would not step down."
    assert "conflict" not in verdicts(judge(claim, other, 0.8))
    assert verdicts(judge(claim, "Mayor Ivo Petrak announced on Monday that he would step down.", 0.8)) == {"agree"}


def test_a_verb_denying_the_act_it_governs_is_a_denial_of_that_act() -> None:
    """ "Refused to apologize" says he did not apologize (a negative implicative), and "did not fail to pass" that
    it passed; a denial of another act in the sentence denies nothing of the claim's ("refused to apologize, even
    saying he wished ...")."""
    claim = "Mayor Ivo Petrak refused to apologize for his remarks about Ana Vasko."
    (conflict,) = [
        j
        for j in judge(claim, "Mayor Ivo Petrak apologized to Ana Vasko for the remarks on Tuesday.", 0.8)
        if j.verdict == "conflict"
    ]
    assert "source says the opposite" in conflict.reason
    passed = "The Velmar council's budget did not fail to pass on Monday."
    assert "conflict" not in verdicts(judge("The Velmar council's budget passed on Monday.", passed, 0.8))
    assert "conflict" in verdicts(
        judge(
            "The Velmar council's budget passed on Monday.",
            "The Velmar council's budget failed to pass on Monday.",
            0.8,
        )
    )
    released = "The Velmar council has already released the harbour plans."
    assert "conflict" in verdicts(judge("The Velmar council has yet to release the harbour plans.", released, 0.8))
    wished = "Mayor Ivo Petrak refused to apologize, even saying he wished he could fight Ana Vasko in a duel."
    judged = judge("Mayor Ivo Petrak said he wished he could fight Ana Vasko in a duel.", wished, 0.8)
    assert judged and "conflict" not in verdicts(judged)


def test_an_act_of_another_year_is_another_occasion() -> None:
    """The same doer endorsing someone else conflicts, unless the source dates that act by a year the claim does
    not give ("endorsed Ines Varga in 2008": another race)."""
    claim = "Senator Lena Ortiz endorsed Marek Vasko on Tuesday."
    assert "conflict" in verdicts(judge(claim, "Senator Lena Ortiz endorsed Ines Varga on Tuesday.", 0.8))
    assert "conflict" not in verdicts(judge(claim, "Senator Lena Ortiz endorsed Ines Varga in 2008.", 0.8))


def test_a_role_listed_as_held_by_someone_else_conflicts() -> None:
    claim = "Lidia Marek is Kastavia's interior minister."
    source = "Interior minister Mirela Vasko, army chief Lidia Marek and three other officials attended."
    (conflict,) = [j for j in judge(claim, source, 0.6) if j.verdict == "conflict"]
    assert "Mirela Vasko as interior minister" in conflict.reason and "Lidia Marek as army chief" in conflict.reason
    rivals = "Dravenian interior minister Ana Rusu met Kastavian army chief Lidia Marek."
    assert "conflict" not in verdicts(judge(claim, rivals, 0.6))  # posts in two governments


def test_meetings_of_different_people_are_different_meetings() -> None:
    claim = "Mr Vrana spoke at a meeting with aid agencies in Velmar."
    assert "conflict" not in verdicts(
        judge(claim, "Mr Vrana was in Strenna, where he was attending a Nordic foreign ministers meeting.", 0.6)
    )
    assert "conflict" in verdicts(judge(claim, "Mr Vrana spoke at a meeting with aid agencies in Strenna.", 0.9))


def test_the_day_of_a_saying_conflicts_only_for_the_same_fact_from_the_same_speaker() -> None:
    claim = "On Tuesday, Mr Vrana said Kastavia would seek a humanitarian corridor."
    source = "Mr Vrana said on Wednesday that Kastavia would seek a humanitarian corridor."
    (conflict,) = [j for j in judge(claim, source, 0.9) if j.verdict == "conflict"]
    assert "Tuesday" in conflict.reason and "Wednesday" in conflict.reason
    assert "conflict" not in verdicts(judge(claim, source, 0.65))  # merely alike: perhaps another saying
    other = "Ms Vasko said on Wednesday that Kastavia would seek a humanitarian corridor."
    assert "conflict" not in verdicts(judge(claim, other, 0.9))  # another speaker


def test_the_day_of_a_saying_must_be_confirmed_like_any_other_day(tmp_path: Path, embedder: Embedder) -> None:
    """A source that restates what was said but not when leaves the claim's day unverified (as for events)."""
    texts = {
        "no-day": "Mr Vrana said Kastavia would seek a humanitarian corridor across the front line.",
        "same-day": "On Wednesday, Mr Vrana said Kastavia would seek a humanitarian corridor across the front line.",
    }
    claim = "Mr Vrana said on Wednesday that Kastavia would seek a humanitarian corridor across the front line."
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        for source_id, text in texts.items():
            corpus.ingest(SourceInput(id=source_id, text=text))
        result = check_claim(corpus, claim)
    verdicts_by_source = {s.source_id: s.verdict for s in result.sources}
    assert verdicts_by_source == {"no-day": "unverified", "same-day": "agree"}


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # "is" and "is not" say nothing of the same thing by themselves
        (
            "Ms Vasko is not the right candidate for the post.",
            "Ms Vasko is the candidate of the Unity Party for the post.",
        ),
        # the affirming side denies something too: its "not" may be the very denial the claim makes
        (
            '"I am not in favour of the corridor," Mr Vrana said.',
            '"I am in favour of the talks and I am not in favour of the corridor," Mr Vrana said.',
        ),
        # a source quoting the claim's words is not denying them
        (
            "\u201cAs minister, I will end the blockade of Velmar,\u201d Mr Vrana says.",
            "\u201cI am not ashamed of it. As minister, I will end the blockade of Velmar,\u201d Mr Vrana said.",
        ),
        # another object: not the army but the navy reserve
        (
            "Mr Orlen had not served in the army in Strenna.",
            "Mr Orlen served in the navy reserve in Strenna for six years.",
        ),
    ],
)
def test_a_denial_must_deny_the_same_thing(claim: str, source: str) -> None:
    assert "conflict" not in verdicts(judge(claim, source, 0.75))


def test_a_denied_adjective_is_a_denial() -> None:
    claim = "Mr Vrana said he was surprised that Dravenia walked out of the talks."
    source = "Mr Vrana said he was not surprised that Dravenia walked out of the talks."
    (conflict,) = [j for j in judge(claim, source, 0.9) if j.verdict == "conflict"]
    assert "is not surprised" in conflict.reason


def test_another_occasion_is_not_a_conflicting_day() -> None:
    claim = "Thursday's meeting was the second time in a week that Mr Vrana and Mr Orlen met."
    source = "Mr Vrana and Mr Orlen met on Sunday for the first time in weeks."
    assert "conflict" not in verdicts(judge(claim, source, 0.75))
    assert "conflict" in verdicts(judge("Mr Vrana and Mr Orlen met on Thursday.", source, 0.75))


def test_the_year_a_time_gives_is_its_value_not_another_occasion() -> None:
    source = "Mr Orlen was elected chairman of the Kastavian Fishing Council in November 2013."
    judged = judge("Mr Orlen was elected chairman of the Kastavian Fishing Council in November 2011.", source, 0.9)
    (conflict,) = [j for j in judged if j.verdict == "conflict"]
    assert "November 2011" in conflict.reason and "November 2013" in conflict.reason
    assert "conflict" not in verdicts(judge("Mr Orlen was elected chairman in November 2013.", source, 0.9))
    # Another year named beside the time still marks another occasion ("the 2009 council", an earlier one).
    other = "Mr Orlen was elected chairman of the 2009 Kastavian Fishing Council in November 2011."
    assert "conflict" not in verdicts(judge(other, source, 0.9))


def test_a_year_dating_another_event_of_the_sentence_marks_no_other_occasion() -> None:
    source = "Mr Orlen, who joined the council in 1996 and chaired it for a decade, was named its head in 2016."
    judged = judge("Mr Orlen joined the council in 2006.", source, 0.8)
    assert [j.reason for j in judged if j.verdict == "conflict"] == ["claim says in 2006; source says 1996"]


def test_a_person_named_only_as_a_bare_name_is_still_that_person() -> None:
    # "Dalton's campaign said he would ..." names Dalton through his campaign: his speech is still his.
    claim = "Mr Dalton was scheduled to give a speech in Ohio on Monday."
    source = "Dalton's campaign said he would be delivering a speech in New Hampshire on Monday about the economy."
    assert "conflict" in verdicts(judge(claim, source, 0.65))
    assert "conflict" not in verdicts(judge(claim.replace("Mr Dalton", "Mr Harper"), source, 0.65))


def test_a_person_the_tagger_misses_is_still_that_person() -> None:
    # "Trump" opening a sentence is read as the word, not a name: the capitalised surname still names him, and
    # his rally in a city of another state conflicts.
    source = "Trump originally was planning to hold a rally Tuesday in Manchester, N.H., about trade."
    (source_claims,) = EXTRACTOR.extract([source])
    assert not any(t.startswith("person:") for c in source_claims for t in getattr(c, "terms", ()))
    judged = judge("Trump was to hold a rally in Iowa on Tuesday.", source, 0.65)
    assert "conflict" in verdicts(judged)
    assert any("Iowa" in j.reason and "Manchester" in j.reason for j in judged if j.verdict == "conflict")
    assert "conflict" not in verdicts(judge("Ida Harper was to hold a rally in Iowa on Tuesday.", source, 0.65))


def test_a_name_used_as_a_modifier_is_met_by_that_person() -> None:
    # "a Kellerman press conference" reads the name as an organisation's; the source names the person, and an
    # organisation too (Fusion): the two still meet on Kellerman. Another organisation alone is another occasion.
    source = "Quist, a Fusion anchor, confronted Kellerman during a press conference in Iowa."
    for name in ("Kellerman", "Blackwood"):
        claim = f"Mara Quist was once removed from a {name} press conference in Ohio."
        assert any(t.startswith("name:") for c in EXTRACTOR.extract([claim])[0] for t in getattr(c, "terms", ()))
        judged = judge(claim, source.replace("Kellerman", name), 0.65)
        assert "conflict" in verdicts(judged)
        assert any("Iowa" in j.reason for j in judged if j.verdict == "conflict")
        assert "conflict" not in verdicts(judge(claim, source.replace("Kellerman", "Harper"), 0.65))


def test_confirmed_details_and_a_restated_event_agree(tmp_path: Path, embedder: Embedder) -> None:
    """The day agrees by type; the trained verifier reads whether the sentence also states what happened."""
    texts = {
        "inaugurated": "Mara Lindqvist was inaugurated as governor of Coast Province on Friday, promising to "
        "rebuild the harbour.",
        "resigned": "Mara Lindqvist resigned as governor of Coast Province on Friday, promising to rebuild the "
        "harbour.",
    }
    claim = "Mara Lindqvist was sworn in as governor on Friday."
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        for source_id, text in texts.items():
            corpus.ingest(SourceInput(id=source_id, text=text, published_at=date(2026, 3, 8)))
        result = check_claim(corpus, claim)
    by_source = {s.source_id: s for s in result.sources}
    assert {k: s.verdict for k, s in by_source.items()} == {"inaugurated": "agree", "resigned": "unverified"}
    (evidence, *_) = by_source["inaugurated"].evidence
    assert evidence.verdict == "agree" and "inaugurated" in evidence.sentence
    # another event on that day stays open, and the sentence read is the one shown
    assert "resigned" in by_source["resigned"].evidence[0].sentence


def test_a_source_confirming_only_a_detail_says_so(tmp_path: Path, embedder: Embedder) -> None:
    text = "President Ana Roal formally endorsed Mara Quist in a video message posted on Thursday."
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        corpus.ingest(SourceInput(id="video", text=text, published_at=date(2026, 3, 8)))
        (source,) = check_claim(corpus, "President Ana Roal met with Ivo Sarkan on Thursday.").sources
    # The title matches; the meeting is nowhere: unverified, and the reason says what matched and what did not.
    assert source.verdict == "unverified"
    assert source.evidence[0].verdict == "agree" and "endorsed" in source.evidence[0].sentence
    assert source.reason.startswith("the source confirms only a detail (claim says Ana Roal is president")
    assert source.reason.endswith("no sentence states the rest of the claim")


def test_a_post_held_since_a_date_needs_the_date(tmp_path: Path, embedder: Embedder) -> None:
    # the post agrees by type; the claim's date is read by no typed part, so the post alone does not confirm it
    texts = {
        "post": "Governor Mara Lindqvist opened the new harbour bridge on Friday.",
        "dated": "Mara Lindqvist has served as governor of Coast Province since January 2019.",
    }
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        for source_id, text in texts.items():
            corpus.ingest(SourceInput(id=source_id, text=text, published_at=date(2026, 3, 8)))
        dated = check_claim(corpus, "Mara Lindqvist has been governor of Coast Province since January 2019.")
        plain = check_claim(corpus, "Mara Lindqvist is the governor.", source_ids=["post"])
    by_source = {s.source_id: s for s in dated.sources}
    assert by_source["post"].verdict == "unverified"
    assert by_source["post"].evidence[0].verdict == "agree"  # the post was read, and agrees
    assert "harbour bridge" in by_source["post"].evidence[0].sentence
    assert by_source["dated"].verdict == "agree" and "2019" in by_source["dated"].evidence[0].sentence
    assert plain.sources[0].verdict == "agree"  # without a date the post is the claim


@pytest.mark.parametrize(
    ("claim", "source", "agrees"),
    [
        # what the claim reports said, given in the source as the speaker's own quoted words
        (
            "Mayor Ivo Petrak said he would never sell the harbour.",
            "\u201cI will never sell the harbour,\u201d Mr. Petrak said.",
            True,
        ),
        # the denial on one side only
        (
            "Mayor Ivo Petrak said he would sell the harbour.",
            "\u201cI will never sell the harbour,\u201d Mr. Petrak said.",
            False,
        ),
        # another speaker's words
        (
            "Mayor Ivo Petrak said he would never sell the harbour.",
            "\u201cWe will never sell the harbour,\u201d Ms. Vasko said.",
            False,
        ),
        # a word of the claim the quotation does not have
        (
            "Mayor Ivo Petrak said he would never sell the airport.",
            "\u201cI will never sell the harbour,\u201d Mr. Petrak said.",
            False,
        ),
        # a name of the claim the source does not have: another body's words, beside a programme's quoted title
        (
            "Ivo Petrak said the Kastavian Harbour Board would never sell the harbour.",
            "Ivo Petrak, who sits on the Dravenian Harbour Board, said on \u201cMorning Desk\u201d that the board"
            ' would "never sell the harbour."',
            False,
        ),
    ],
)
def test_reported_speech_agrees_with_the_speakers_quoted_words(claim: str, source: str, agrees: bool) -> None:
    found = [j for j in judge(claim, source, 0.7) if j.claim is None and j.verdict == "agree"]
    assert bool(found) is agrees
    if agrees:
        assert "source quotes Mr. Petrak" in found[0].reason
    assert not [j for j in judge(claim, source, 0.55) if "source quotes" in j.reason]  # below the gate


def test_a_stance_whose_taker_the_claim_does_not_name_is_not_the_sources_named_takers() -> None:
    """ "The representatives were ready to meet" names no taker; "Petrak spurned a call to meet" is Petrak's stance,
    not theirs, unless the claim names Petrak."""
    spurned = "Talks are set for Monday, but hopes remained dim after Ivo Petrak spurned a call to meet Ana Vasko."
    ready = "The head of the delegation, Tomas Brenko, said the representatives were ready to meet Ana Vasko."
    assert "conflict" not in verdicts(judge(ready, spurned, 0.7))
    assert verdicts(judge(ready, spurned, 0.7)) <= {"unverified"}
    # the same taker named on both sides still decides
    assert "conflict" in verdicts(judge("Ivo Petrak was ready to meet Ana Vasko.", spurned, 0.7))


def test_a_post_owned_by_a_pronoun_is_owned_by_no_one_the_sentence_names() -> None:
    """ "Petrak's chief of staff, Tomas Brenko, and his policy director, Ana Vasko": "his" names no other owner, so
    the sentence gives the claimed post to someone else and another post to the claimed person."""
    source = "Petrak's chief of staff, Tomas Brenko, and his policy director, Ana Vasko, were also in attendance."
    (conflict,) = [
        j
        for j in judge("Ana Vasko, Petrak's chief of staff, attended the meeting.", source, 0.8)
        if j.verdict == "conflict"
    ]
    # one chief of staff per principal: the source names another holder of the claimed post
    assert "Tomas Brenko" in conflict.reason and "chief of staff" in conflict.reason
    assert "conflict" not in verdicts(
        judge("Tomas Brenko, Petrak's chief of staff, attended the meeting.", source, 0.8)
    )


def test_without_and_a_noun_denies_nothing() -> None:
    """ "expected the council to hold the vote even without him" affirms; "does not expect the council to go ahead
    with the vote" denies it. "Without" denies an act only before one ("left without paying")."""
    claim = "Ivo Petrak said he expected the Velmar council to hold the vote even without him."
    source = "Ivo Petrak said he does not expect the Velmar council to go ahead with the vote now that he is out."
    (conflict,) = [j for j in judge(claim, source, 0.84) if j.verdict == "conflict"]
    assert "source says the opposite" in conflict.reason
    paying = "Ivo Petrak said he expected the Velmar council to hold the vote without paying its members."
    assert "conflict" not in verdicts(judge(paying, source, 0.84))


def test_the_months_of_two_dates_are_the_times_compared_not_names_of_another_occasion() -> None:
    claim = "The Harbour Authority post was offered to Ivo Petrak on April 26, 2009."
    # the month is what differs; "April" and "March" are no organisations the two sentences fail to share
    assert verdicts(judge(claim, "The offer for that post was made on March 26, 2009 to Ivo Petrak.", 0.8)) == {
        "conflict"
    }
    assert verdicts(judge(claim, "The offer for that post was made on April 26, 2009 to Ivo Petrak.", 0.8)) == {"agree"}
    # a body the claim names and the sentence replaces by another still marks another occasion
    assert "conflict" not in verdicts(
        judge(claim, "The Velmar Council post was offered to Ivo Petrak on March 26, 2009.", 0.8)
    )


def test_a_decade_is_a_figure_a_restatement_must_give() -> None:
    """ "since the 1990s" against "since the 1980s": the sentence restates every other word, but a decade is a figure
    (however its "'s" is written), so the restatement does not agree; the same decade still does."""
    claim = "Ivo Petrak has toyed with running for mayor several times since the 1990s."
    other = "Mr. Petrak has flirted with running for mayor several times since the 1980s."
    assert "agree" not in verdicts(judge(claim, other, 0.85))
    for same in (other.replace("1980s", "1990s"), other.replace("1980s", "1990's")):
        assert verdicts(judge(claim, same, 0.85)) == {"agree"}, same


def test_a_proposition_rejected_is_denied_by_whoever_rejects_it() -> None:
    """ "Ivo Petrak dismissed the claim that he had lied to the council" denies the lying, as "denied that he had
    lied" does, in his voice; "rejected the notion that the party should expand its tent" is no restatement of
    "urged the party to broaden its tent". A proposal rejected is a stance, not a clause denied."""
    for told in (
        "Ivo Petrak dismissed the claim that he had lied to the council.",
        "Ivo Petrak denied that he had lied to the council.",
    ):
        (conflict,) = [j for j in judge("Ivo Petrak lied to the council.", told, 0.88) if j.verdict == "conflict"]
        assert "does not lie" in conflict.reason and "according to Ivo Petrak" in conflict.reason, told
    urged = "Ana Vasko urged the Velmar party to broaden its tent to include farmers."
    rejected = "Ana Vasko rejected the notion that the Velmar party should expand its tent to include farmers."
    assert "agree" not in verdicts(judge(urged, rejected, 0.83))
    (claims,) = EXTRACTOR.extract(["Ivo Petrak rejected the proposal to expand the port."])
    (statement,) = [c for c in claims if isinstance(c, StatementClaim)]
    assert (statement.verb, statement.negated) == ("reject", False)


@pytest.mark.parametrize(
    ("claim", "source", "ours", "theirs"),
    [
        (
            "Council member Ana Vasko tweeted her support for the Lindhaven ferry plan.",
            "Council member Ana Vasko tweeted about her opposition to the Lindhaven ferry plan on Monday.",
            "support",
            "opposition",
        ),
        (
            "The Velmar council voted its approval of the harbour budget.",
            "The Velmar council voted its rejection of the harbour budget.",
            "approval",
            "rejection",
        ),
    ],
)
def test_an_act_named_by_opposite_nouns_is_the_opposite(claim: str, source: str, ours: str, theirs: str) -> None:
    """The same verb telling opposite acts, each named by a noun WordNet derives from opposite verbs: the free-form
    reading read "her opposition to the plan" as restating "her support for the plan" (similarity 0.84)."""
    (conflict,) = [j for j in judge(claim, source, 0.84) if j.verdict == "conflict"]
    assert f"\u201c{theirs}\u201d where the claim says \u201c{ours}\u201d" in conflict.reason
    assert "agree" not in verdicts(judge(claim, source, 0.84))


def test_nouns_opposite_only_in_a_rare_sense_or_as_adjectives_are_no_opposite_acts() -> None:
    """ "delete" is WordNet's antonym of "record" only as wiping a tape; "federal" of "confederate" as adjectives."""
    source = "Ms Vasko asked for a review of which emails were personal and which were government records."
    assert "conflict" not in verdicts(judge("Ms Vasko asked for a review of the deletion of the emails.", source, 0.7))
    assert opposite_acts("support", "opposition") and opposite_acts("approval", "disapproval")
    assert not opposite_acts("deletion", "record") and not opposite_acts("federal", "southern")
    assert not opposite_acts("support", "attack")


def test_an_age_told_aside_describes_the_person_and_decides_nothing_else(tmp_path: Path, embedder: Embedder) -> None:
    text = "Ana Vasko, 22, a student at Strenna College, said she came to the rally with her brother."
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        corpus.ingest(SourceInput(id="rally", text=text))
        (aside,) = check_claim(corpus, "Ana Vasko, 22, is a student at Velmar University.").sources
        (told,) = check_claim(corpus, "Ana Vasko is 22 years old.").sources
    # the age is read and confirmed, but where she studies is the claim's fact: not an agreement
    assert aside.verdict == "unverified"
    assert aside.evidence[0].sentence == text and aside.evidence[0].verdict == "agree"
    assert aside.reason.startswith("the source confirms only a detail (claim says Vasko aged 22")
    # an age that is all the claim says is decided by it
    assert told.verdict == "agree" and "aged 22" in told.reason
