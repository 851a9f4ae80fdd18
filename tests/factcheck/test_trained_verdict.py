"""How the trained verifier's readings combine with the typed verdict (pure logic, hand-made readings)."""

from __future__ import annotations

from dataclasses import replace

from factcheck.claims.compare import AGREE, CONFLICT, UNVERIFIED
from factcheck.config import VerifierModelConfig
from factcheck.trained_verdict import Reading, TrainedDecision, decide, explain, merge

CONFIG = VerifierModelConfig(agree=0.8, conflict=0.85, conflict_similarity=0.5, overrule=0.9, veto=0.9)


def reading(index: int, similarity: float, entailment: float, contradiction: float) -> Reading:
    return Reading(index, similarity, entailment, contradiction)


def test_the_verifier_decides_when_typed_comparison_does_not() -> None:
    readings = [reading(0, 0.8, 0.93, 0.02), reading(1, 0.6, 0.1, 0.2)]
    merged = merge(UNVERIFIED, readings, [], [], CONFIG)
    assert merged is not None
    decision, changed = merged
    assert decision.verdict == AGREE and decision.reading == readings[0] and changed == [0]


def test_nothing_confident_leaves_the_source_unverified() -> None:
    readings = [reading(0, 0.8, 0.6, 0.3), reading(1, 0.7, 0.2, 0.7)]
    assert merge(UNVERIFIED, readings, [], [], CONFIG) is None
    assert decide(readings, CONFIG).verdict == UNVERIFIED


def test_sentences_held_by_typed_comparison_only_agree_at_agree_typed_and_never_conflict() -> None:
    # Sentence 0 holds typed claims of the claim's kinds, none comparable: its reading may only agree.
    readings = [reading(0, 0.8, 0.86, 0.0), reading(1, 0.6, 0.1, 0.2)]
    strict = replace(CONFIG, agree_typed=0.9)
    assert merge(UNVERIFIED, readings, [], [], strict, frozenset({0})) is None  # 0.86 < agree_typed
    lenient = VerifierModelConfig(agree=0.8, agree_typed=0.85)
    merged = merge(UNVERIFIED, readings, [], [], lenient, frozenset({0}))
    assert merged is not None and merged[0].verdict == AGREE and merged[1] == [0]
    contradicting = [reading(0, 0.8, 0.0, 0.99)]
    assert merge(UNVERIFIED, contradicting, [], [], lenient, frozenset({0})) is None
    # Where the typed comparison read the claim's figure and found it neither confirmed nor ruled out ("more than
    # 1,200 evacuated" against "tens of thousands"), that is its answer: the verifier does not agree there.
    assert merge(UNVERIFIED, readings, [], [], lenient, frozenset({0}), frozenset({0})) is None


def test_a_sentence_stating_the_claims_figures_agrees_at_agree_stated() -> None:
    readings = [reading(0, 0.8, 0.9, 0.0)]
    config = VerifierModelConfig(agree_typed=0.99, agree_stated=0.85)
    assert merge(UNVERIFIED, readings, [], [], config, frozenset({0})) is None  # 0.9 < agree_typed
    merged = merge(UNVERIFIED, readings, [], [], config, frozenset({0}), stated=frozenset({0}))
    assert merged is not None and merged[0].verdict == AGREE and merged[1] == [0]
    # still not where the typed comparison read the figure and found it undecided
    assert merge(UNVERIFIED, readings, [], [], config, frozenset({0}), frozenset({0}), stated=frozenset({0})) is None


def test_a_contradiction_needs_the_same_story() -> None:
    """A confident contradiction of a loosely similar sentence (another story) decides nothing."""
    far = [reading(0, 0.4, 0.01, 0.97)]
    assert decide(far, CONFIG).verdict == UNVERIFIED
    near = [reading(0, 0.7, 0.01, 0.97)]
    assert decide(near, CONFIG).verdict == CONFLICT


def test_two_sentences_pulling_both_ways_go_to_the_surer_reading() -> None:
    readings = [reading(0, 0.8, 0.85, 0.05), reading(1, 0.75, 0.02, 0.97)]
    decision = decide(readings, CONFIG)
    assert decision.verdict == CONFLICT and decision.reading == readings[1]


def test_a_confident_contradiction_overrules_a_typed_agreement_of_the_same_sentence() -> None:
    readings = [reading(0, 0.6, 0.02, 0.95)]
    merged = merge(AGREE, readings, [0], [], CONFIG)
    assert merged is not None and merged[0].verdict == CONFLICT and merged[1] == [0]
    assert merge(AGREE, [reading(0, 0.6, 0.1, 0.85)], [0], [], CONFIG) is None  # below overrule: typed stands


def test_a_typed_conflict_is_withdrawn_only_when_every_conflicting_sentence_is_read_as_stating_the_claim() -> None:
    merged = merge(CONFLICT, [reading(0, 0.9, 0.95, 0.01)], [], [0], CONFIG)
    assert merged is not None and merged[0].verdict == AGREE
    assert merge(CONFLICT, [reading(0, 0.9, 0.95, 0.01), reading(1, 0.8, 0.3, 0.2)], [], [0, 1], CONFIG) is None
    assert merge(CONFLICT, [reading(0, 0.9, 0.95, 0.01)], [], [0, 2], CONFIG) is None  # sentence 2 was not read


def test_the_reason_names_the_differing_words_and_the_highlight_points_at_them() -> None:
    claim = "Israel's military said 40 rockets were fired."
    sentence = "The Israeli military said 60 rockets were fired from Gaza."
    told = explain(TrainedDecision(CONFLICT, reading(0, 0.85, 0.01, 0.97)), claim, sentence)
    assert told.highlight is not None
    assert sentence[told.highlight[0] : told.highlight[1]] == "60"
    assert "\u201c60\u201d where the claim says \u201c40\u201d" in told.reason and "0.97" in told.reason


def test_an_agreement_quotes_the_source_words_that_carry_the_claim() -> None:
    claim = "Donald Trump was sworn in as the 45th president."
    sentence = "Donald John Trump was inaugurated as the 45th president of the United States on Friday."
    told = explain(TrainedDecision(AGREE, reading(0, 0.79, 0.94, 0.01)), claim, sentence)
    assert told.highlight is not None
    quoted = sentence[told.highlight[0] : told.highlight[1]]
    assert quoted.startswith("Donald") and "45th president" in quoted
    assert "entailment 0.94" in told.reason


def test_a_sentence_whose_details_the_typed_comparison_confirmed_agrees_when_it_states_the_claim() -> None:
    # "was sworn in ... on Friday" against "was inaugurated ... on Friday": the day agrees, the verifier reads the rest
    config = VerifierModelConfig(agree_typed=0.99, agree_confirmed=0.9)
    readings = [reading(0, 0.7, 0.93, 0.02)]
    assert merge(UNVERIFIED, readings, [0], [], config, frozenset({0})) is None  # details alone: not enough
    merged = merge(UNVERIFIED, readings, [0], [], config, frozenset({0}), confirmed=frozenset({0}))
    assert merged is not None and merged[0].verdict == AGREE and merged[1] == [0]
    # ... not below the threshold, and never on a sentence whose details were not all confirmed
    assert (
        merge(UNVERIFIED, [reading(0, 0.7, 0.85, 0.02)], [0], [], config, frozenset({0}), confirmed=frozenset({0}))
        is None
    )
    assert merge(UNVERIFIED, readings, [0], [], config, frozenset({0}), confirmed=frozenset({1})) is None


def test_an_agreement_sharing_a_word_or_two_with_the_claim_quotes_no_fragment() -> None:
    """ "source states the claim in its words: “Vasko”" told a journalist nothing: where the sentence shares fewer
    than three content words with the claim, the reason says the verifier read the whole sentence, and no words are
    highlighted as if they carried the claim."""
    claim = "Ana Vasko is the older sister of Mara Vasko."
    sentence = "As the elder of the two, Vasko has long spoken for the family, her aides say."
    told = explain(TrainedDecision(AGREE, reading(0, 0.48, 0.71, 0.01)), claim, sentence)
    assert told.highlight is None
    assert "reads the sentence as stating the claim (entailment 0.71" in told.reason
    assert "\u201c" not in told.reason
    # a claim of filler words only (the API's fuzzing found it) quotes nothing either, and does not fail
    told = explain(TrainedDecision(AGREE, reading(0, 0.48, 0.71, 0.01)), "It was the one.", sentence)
    assert told.highlight is None
