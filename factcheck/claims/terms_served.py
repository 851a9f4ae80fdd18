"""How many terms a named person has served: "Etheridge is a six-term congressman", "Mr. Etheridge, a seven-term
House member,", "the three-term senator, Ana Roal".

US reporting gives a politician's terms in office as often as their age, and outlets disagree on them as they do on
ages. The count is a figure about one person: a quantity claim whose slot is that person (``counted`` "term",
``group`` "terms of <surname>"), compared only with the terms of the same person. A number before "-term" that
describes no named person ("a two-term limit") is left to the ordinary figure reading.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from factcheck.claims.ages import person_at, subject_person
from factcheck.claims.model import Attribution, QuantityClaim
from factcheck.claims.names import fold_key, person_name
from factcheck.claims.numbers import Amount
from factcheck.claims.referents import Referent

TERM = "term"
_TERM_AFTER = re.compile(r"-term\b", re.IGNORECASE)


def terms_claim(
    sentence: Span,
    amount: Amount,
    tokens: list[Token],
    attribution: Attribution | None,
    referent: Referent | None = None,
) -> QuantityClaim | None:
    """The terms a figure written "<number>-term" gives a named person, or the person a described subject refers
    to ("The seven-term congressman apologized", after a sentence about Etheridge: ``claims.referents``), or None."""
    if amount.dimension is not None or amount.anchor is None or amount.qualifier != "exact":
        return None
    written = _TERM_AFTER.match(sentence.text, amount.end)
    if written is None:
        return None
    term = next((t for t in tokens[-1].doc[tokens[-1].i + 1 : tokens[-1].i + 3] if t.lower_ == TERM), None)
    if term is None:
        return None
    person = _person_described(term.head)
    name = person_name(person.text) if person is not None else None
    if name is None and referent is not None and referent.start <= term.head.idx - sentence.start_char < referent.end:
        name = person_name(referent.name)
    if name is None:
        return None
    return QuantityClaim(
        start=amount.start,
        end=written.end(),
        text=sentence.text[amount.start : written.end()],
        attribution=attribution,
        amount=amount,
        counted=TERM,
        counted_text=name.display,
        group=f"terms of {fold_key(name.surname)}",
    )


def _person_described(noun: Token) -> Span | None:
    """The named person a noun with "<number>-term" describes: the noun itself ("the six-term Etheridge"), its
    apposition either way ("a seven-term House member, Bob Etheridge"; "Etheridge, a seven-term House member"), or
    the subject it is said of ("Etheridge is a six-term congressman")."""
    found = person_at(noun)
    if found is None:
        found = next((p for c in noun.children if c.dep_ == "appos" and (p := person_at(c)) is not None), None)
    if found is None and noun.dep_ == "appos":
        found = person_at(noun.head)
    if found is None and noun.dep_ == "attr":
        found = subject_person(noun.head)
    return found
