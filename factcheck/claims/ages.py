"""Ages of named people: "Ana Roal, 54,", "Ana Roal is 54 years old", "Ana Roal is 54", "the 54-year-old Roal", "At 54,
Roal ...".

News gives ages constantly and outlets do disagree on them. An age is a figure about one person, so it is read as
a quantity claim whose slot is that person (``counted`` "age", ``group`` "age of <surname>") and compared only with
ages of the same person (``compare``: same surname and, when both are written, the same given name).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from factcheck.claims.model import Attribution, QuantityClaim
from factcheck.claims.names import fold_key, person_name
from factcheck.claims.numbers import Amount, Interval
from factcheck.claims.people import person_spans

AGE = "age"
#: Two ages of one person this far apart may both be right: a birthday can fall between two articles.
BIRTHDAY_SLACK = 1.0


def age_claim(
    sentence: Span, amount: Amount, tokens: list[Token], attribution: Attribution | None
) -> QuantityClaim | None:
    """The age a figure gives a named person, or None when the figure is no age of a named person."""
    years = _years(amount, tokens)
    if years is None:
        return None
    person = _person_aged(tokens, amount)
    if person is None:
        return None
    name = person_name(person.text)
    if name is None:
        return None
    written = f"{years:g}"
    # the age of whoever the sentence quotes is the writer's description of them ("said Ana Vasko, 22, a student"),
    # not something they said
    if attribution is not None and attribution.key == f"person:{fold_key(name.surname)}":
        attribution = None
    return QuantityClaim(
        start=amount.start,
        end=amount.end,
        text=amount.text,
        attribution=attribution,
        amount=Amount(
            text=written,
            start=amount.start,
            end=amount.end,
            interval=Interval(years, years),
            anchor=years,
            qualifier="exact",
            dimension=AGE,
            unit="year",
        ),
        counted=AGE,
        counted_text=name.display,
        group=f"age of {fold_key(name.surname)}",
    )


def _years(amount: Amount, tokens: list[Token]) -> float | None:
    """The whole years of an age: a bare count in apposition ("Roal, 54,"), or "54 years old", "54-year-old"."""
    if amount.qualifier != "exact" or amount.anchor is None:
        return None
    if amount.dimension is None:
        value = amount.anchor
    elif amount.dimension == "duration" and "year" in amount.text.lower() and followed_by_old(tokens):
        value = float(round(amount.anchor / 365.25))
    else:
        return None
    return value if value.is_integer() and 0 < value < 125 else None


def followed_by_old(tokens: list[Token]) -> bool:
    """An age as written: "54 years old", "54-year-old"."""
    last = tokens[-1]
    following = [t for t in last.doc[last.i + 1 : last.i + 3] if t.text != "-"]
    return bool(following) and following[0].lower_ == "old"


def _person_aged(tokens: list[Token], amount: Amount) -> Span | None:
    """The named person the age belongs to, read from the parse."""
    number = tokens[-1]
    if amount.dimension is None:
        # "Roal, 54, said": digits set off by commas right after the name (the newsroom style for an age);
        # a number word or a figure elsewhere ("not a one defended Roal") is no age
        doc = number.doc
        at = _at_age(number)
        if at is not None and number.text.isdigit() and len(tokens) == 1:
            # "At 70, Trump became ...", "at age 70, Mr. Trump became ...": the age of the verb's subject
            return subject_person(at.head)
        if _said_of_a_subject(number) and number.text.isdigit() and len(tokens) == 1:
            # "Roal is 54", "Roal was 54 when she ...": a bare number said of a named person is their age
            return subject_person(number.head)
        if not number.text.isdigit() or len(tokens) != 1 or number.i < 2 or doc[number.i - 1].text != ",":
            return None
        if number.i + 1 < len(doc) and doc[number.i + 1].text not in {",", ".", ";", ")"}:
            return None
        person = person_at(doc[number.i - 2])
        return person if person is not None and person.end == number.i - 1 else None
    old = next((t for t in number.doc[number.i + 1 : number.i + 3] if t.lower_ == "old"), None)
    if old is None:
        return None
    if old.dep_ == "acomp":  # "Roal is 54 years old"
        return subject_person(old.head)
    # "the 54-year-old Roal", "a 54-year-old lawyer, Ana Roal": the noun the age describes, or its apposition
    noun = old.head if old.dep_ in {"amod", "compound"} else None
    if noun is None:
        return None
    found = person_at(noun)
    if found is None:
        found = next((p for c in noun.children if c.dep_ == "appos" and (p := person_at(c)) is not None), None)
    if found is None and noun.dep_ == "appos":
        found = person_at(noun.head)
    return found


def _said_of_a_subject(number: Token) -> bool:
    """A bare number that is what "be" says of its subject ("Roal is 54"), with nothing of its own ("one of 12",
    "54 percent" are other readings)."""
    return (
        number.dep_ in {"attr", "acomp"}
        and number.head.lemma_ == "be"
        and not any(c.dep_ != "punct" for c in number.children)
    )


def _at_age(number: Token) -> Token | None:
    """The "at" of "at 70" or "at age 70" that opens the sentence's clause, when the number stands there alone."""
    doc = number.doc
    before = [t.lower_ for t in doc[max(number.i - 2, 0) : number.i]]
    at = doc[number.i - 1] if before[-1:] == ["at"] else doc[number.i - 2] if before == ["at", "age"] else None
    if at is None or at.dep_ != "prep" or at.head.pos_ not in {"VERB", "AUX"} or at.i > at.head.i:
        # after its verb the age is of that happening, however long ago ("moved to the mainland at age 13"); opening
        # the clause it is the newsroom's way of giving the age now ("At 70, Trump became ...")
        return None
    following = doc[number.i + 1] if number.i + 1 < len(doc) else None
    return at if following is None or following.text in {",", "."} else None


def subject_person(verb: Token) -> Span | None:
    """The person's name that is the subject of ``verb`` ("Roal" of "Roal is 54"), if a person is its subject."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.lower_ == "who" and verb.dep_ == "relcl":
        return person_at(verb.head)  # "Roal, who is 54, said": the person the clause is about
    return person_at(subject) if subject is not None else None


def person_at(token: Token) -> Span | None:
    """The person's name the token is part of: a PERSON entity, or a name the small NER model left untagged
    where a person stands (``person_spans``)."""
    return next((span for span in person_spans(token.sent) if span.start <= token.i < span.end), None)
