"""What a name says about a figure beside it: a number that is part of the name ("iPhone 6", "Chapter 11") is no
count, and what a named subject has ("The iPad Pro has a 12-inch screen") is that name's, no size of another's."""

from __future__ import annotations

import re

from spacy.tokens import Token

from factcheck.claims.names import party_key
from factcheck.claims.numbers import Amount


def name_number(tokens: list[Token], amount: Amount) -> bool:
    """Whether a bare number follows the proper name it belongs to ("iPhone 6", "Boeing 737", "Chapter 11", "Super
    Bowl 50"): English counts stand before what they count, so a number after a name is part of the name."""
    if amount.dimension is not None or amount.qualifier != "exact" or len(tokens) != 1:
        return False
    number = tokens[0]
    head = number.head
    named = head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.text[:1].isupper() and head.i > head.sent.start)
    return number.dep_ in {"nummod", "compound"} and head.i == number.i - 1 and named


def named_owner(counted: Token | None, event: str | None) -> str | None:
    """Who has what a figure measures, when a name says it ("The new iPhone 6 Plus has a 5.5-inch screen"): the
    size of one product is no size of another ("The iPad Pro has a 12-inch screen"). Only for "have" and a proper
    name: "the company has 5,000 employees" may be the same company as "Apple has 6,000"."""
    if counted is None or event != "have":
        return None
    verb = next((t for t in (counted.head, counted.head.head) if t.lemma_.lower() == "have"), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if subject is None or subject.pos_ != "PROPN":
        return None
    words = [t.text for t in subject.subtree if t.pos_ in {"PROPN", "NUM"} and t.dep_ in {"compound", "nummod"}]
    return party_key(" ".join([*words, subject.text]))


# A number written as a docket or file number: "No. 10-277", "Nos. 14-556": after "No." and joined by a hyphen to
# another number. ("the No. 2 Republican" is a rank, read as a figure for restatement.)
_NUMBERED = re.compile(r"\bNos?\.\s*$")
_JOINED = re.compile(r"^[-\u2013]\d")


def docket_number(text: str, amount: Amount) -> bool:
    """Whether a figure is the first part of a docket or file number ("Wal-Mart Stores v. Dukes, No. 10-277"): an
    identifier, no count of what follows it."""
    return bool(_NUMBERED.search(text[: amount.start]) and _JOINED.match(text[amount.end :]))
