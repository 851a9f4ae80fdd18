"""Vote tallies and scores: "voted 97-1", "a 348-77 vote", "the final tally was 97-1", "won 3-1", and a vote
written with "to" ("by a vote of 7 to 2", "voted 97 to 1", "a 7-to-2 vote").

A tally is two counts written winner first. Read as a quantity claim (``counted`` "tally") whose value is the pair,
it agrees with the same pair wherever a source gives it (two different votes of one story with the very same
tally are rare), and conflicts only with another pair for the same body ("the Senate voted 97-1" / "the Senate
vote was 98-1"): a story about two votes (the Senate's and the House's) gives two tallies that are no conflict.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from factcheck.claims.model import Attribution, QuantityClaim
from factcheck.claims.numbers import Amount, Interval

TALLY = "tally"
# Two counts of up to three digits joined by a hyphen or dash, or by "to" ("7 to 2", "7-to-2"), not part of a date,
# a range of years, money or a longer figure ("1989-2013", "$3-4 million", "9/11", "20-30%", "7-1,000"); a comma
# after the pair is the sentence's ("by a vote of 228 to 191, with ..."). Joined by "to" they are a tally only where
# a vote is named around them ("rose from 9 to 7" is a change, "a 3-to-1 ratio" a ratio).
_PAIR = re.compile(
    r"(?<![\d,.$\u20ac\u00a3/-])(\d{1,3})(\s*[-\u2013]\s*|\s+to\s+|-to-)(\d{1,3})"
    r"(?![\d%/-]|,\d|\s*(?:percent|per cent)\b)"
)
_VOTE_WORDS = frozenset({"vote", "tally", "ballot"})
# How a tally stands in a sentence: "voted 97-1" (npadvmod), "a 97-1 vote" (nummod), "the tally was 97-1" (attr).
_TALLY_DEPS = frozenset({"npadvmod", "nummod", "attr", "dobj", "pobj", "appos"})


def tally_claims(sentence: Span, attribution: Attribution | None) -> list[QuantityClaim]:
    claims: list[QuantityClaim] = []
    for match in _PAIR.finditer(sentence.text):
        won, lost = int(match.group(1)), int(match.group(3))
        if won <= lost:
            continue  # "40-50 people": a range, written low to high; a tally is written winner first
        first = next((t for t in sentence if t.idx - sentence.start_char == match.start(1)), None)
        if first is None or first.ent_type_ == "DATE":
            continue
        if "to" in match.group(2):
            # the parser hangs "7 to 2" on its last count ("7" and "to" modify "2"): the phrase stands where that does
            first = first.head if first.dep_ == "quantmod" else first
            if not _names_a_vote(first):
                continue
        if first.dep_ not in _TALLY_DEPS:
            continue
        claims.append(
            pair_claim(match, attribution, f"{won}-{lost}", (won, lost), TALLY, TALLY, _body(sentence, first))
        )
    return claims


def pair_claim(
    match: re.Match[str],
    attribution: Attribution | None,
    written: str,
    pair: tuple[float, float],
    kind: str,
    counted_text: str,
    group: str | None,
    modifiers: tuple[str, ...] = (),
) -> QuantityClaim:
    """Two numbers read as one exact figure of ``kind`` (a tally, the shares of two sides): equal exactly when both
    numbers are (``pair_of`` gives them back)."""
    value = float(pair[0] * 1000 + pair[1])
    return QuantityClaim(
        start=match.start(),
        end=match.end(),
        text=match.group(0),
        attribution=attribution,
        amount=Amount(written, match.start(), match.end(), Interval(value, value), value, "exact", kind),
        counted=kind,
        counted_text=counted_text,
        group=group,
        modifiers=modifiers,
    )


def pair_of(claim: QuantityClaim) -> tuple[float, float]:
    """The two numbers of a figure ``pair_claim`` made (each below 1,000)."""
    value = claim.amount.anchor or 0.0
    return value // 1000, round(value % 1000, 6)


def _names_a_vote(token: Token) -> bool:
    """Whether a vote is named where the pair stands: "voted 97 to 1", "by a vote of 7 to 2", "a 7-to-2 vote"."""
    near = [token.head, token.head.head, *token.children]
    return any(t.lemma_.lower() in _VOTE_WORDS for t in near)


def _body(sentence: Span, token: Token) -> str | None:
    """Who voted or played, as one word: the subject of the verb ("The Senate voted 97-1"), what the tally's vote
    is by or in ("a 97-1 vote in the Senate"), or the owner of a tally that is the subject ("The House vote ...
    was 348-77"): its last proper noun, else its noun ("senate", "house", "assembly")."""
    head = token.head
    phrase = None
    if token.dep_ == "nummod":  # "a 97-1 vote in the Senate"
        phrase = next(
            (
                g
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in {"in", "by", "of"}
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
    if phrase is None and (token.dep_ != "nummod" or head.dep_ == "pobj"):
        # "approved the budget by a vote of 7 to 2", "passed the plan by a 228-181 vote": the pair stands in a
        # phrase of the verb whose subject voted
        for _ in range(4):
            if head.pos_ in {"VERB", "AUX"} or head.dep_ == "ROOT":
                break
            head = head.head
        phrase = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if phrase is None or phrase.pos_ == "PRON":
        return None
    words = [c for c in phrase.children if c.dep_ in {"compound", "amod"} and c.i < phrase.i] + [phrase]
    proper = [w for w in words if w.pos_ == "PROPN"]
    if proper:
        return proper[-1].lower_
    # "The final tally was 97-1": a subject the tally is (attr of "be") names the vote, not who voted
    return None if token.dep_ == "attr" else phrase.lower_
