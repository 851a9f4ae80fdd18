"""The figure, day or place a sentence gives where the claim gives its own, found by the words around each
(``factcheck.value_spans.differing_values``), as one more restatement of the claim to read (``factcheck.restated``);
and whether a sentence names another person, place or organisation in the claim's place.

The typed restatement pairs a value of the claim with every value of the same kind in a sentence, and leaves out a
sentence that counts something else beside the claim's counted thing or does not give the claim's places: it is
safe, and it misses what real outlets write of one fact in other words ("The council initially offered $1.6 million
for road repairs" / "The council countered initially with $1.3 million for road repairs", once read as counting the
council; "Rep. Tomas Brenko of Michigan" / "Representative Tomas Brenko, Republican of Ohio", where the typed
reading places no event). Here the pair is the likeliest of the values each text gives that the other does not (the
most words around them in common) that are of one kind: two figures or times the typed reading may pair, a day of
the week, a month or a year against one of its field where the typed reading dated one of them to nothing, two
countries or two places below a country that the gazetteer puts apart, named as places and after the same word. A
sentence that writes no word of another of the claim's names tells another fact and is not read. Each such
restatement conflicts only where the verifier also reads the claim as written as contradicted by the sentence.

A sentence naming another person, place or organisation after the word the claim's stands after
(``names_another``) states another fact however close the rest: ``source_verdicts`` lets neither a typed detail it
confirms nor the verifier's reading of it as stating the claim carry the claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from factcheck.claims.gazetteer import APART, country_key, is_known_place, place_relation
from factcheck.claims.lexicon import MONTHS, WEEKDAYS
from factcheck.claims.model import Claim, PlaceClaim, QuantityClaim, StatementClaim, TimeClaim, statement_of
from factcheck.claims.names import fold_key, party_key, person_name, same_person
from factcheck.claims.syntax import same_attribution
from factcheck.restated_names import may_be_one
from factcheck.substitution import Substitution, names_met
from factcheck.value_spans import Difference, differing_values, names_missing

Span = tuple[int, int]
_WORD = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")


def other_values(
    claim: str,
    parts: Sequence[Claim],
    statement: StatementClaim | None,
    claim_terms: set[str],
    candidates: Sequence[tuple[int, Sequence[Claim]]],
    in_article: Callable[[int, str], bool] | None,
    pairable: Callable[[Claim, Claim, Sequence[Claim]], bool],
) -> list[Substitution]:
    """For each candidate sentence (index, typed claims), the claim rewritten with the value the sentence gives in
    place of the claim's, where the two are figures or times the typed reading may pair (``pairable(part, value,
    sentence claims)``: ``restated``'s test, passed in as that module reads this one) or places apart, the sentence
    gives the claim's other names, and the value is asserted or denied and attributed as the claim's is. Each is read
    as stated only where the claim as written is also read as contradicted."""
    found: list[Substitution] = []
    for index, claims in candidates:
        evidence = statement_of(claims)
        if evidence is None:
            continue
        # of the values each gives that the other does not, the likeliest pair of one kind ("of Michigan" is told
        # otherwise by "of Ohio", not by "Republican", though "Brenko, Republican of Ohio" stands closer)
        paired = (
            (d.claim_span, d.sentence_span, pair)
            for d in differing_values(claim, evidence.text)
            if (pair := _pair(claim, parts, statement, claims, evidence, d, pairable)) is not None
        )
        found_pair = next(paired, None)
        if found_pair is None:
            continue
        claim_span, sentence_span, (part, value) = found_pair
        if names_missing(claim, evidence.text, claim_span):
            continue  # a sentence without another of the claim's names tells another fact, not this one otherwise
        if value.negated != part.negated or same_attribution(part.attribution, value.attribution) is False:
            continue
        if not names_met(claim_terms, claims, index, in_article, part):
            continue
        told = evidence.text[sentence_span[0] : sentence_span[1]]
        rewritten = claim[: claim_span[0]] + told + claim[claim_span[1] :]
        found.append(Substitution(index, part, value, rewritten, contradicted_only=True))
    return found


def _pair(
    claim: str,
    parts: Sequence[Claim],
    statement: StatementClaim | None,
    claims: Sequence[Claim],
    evidence: StatementClaim,
    difference: Difference,
    pairable: Callable[[Claim, Claim, Sequence[Claim]], bool],
) -> tuple[Claim, Claim] | None:
    """The claim's value and the sentence's at a difference, where the two are of one kind."""
    claim_span, sentence_span = difference.claim_span, difference.sentence_span
    return (
        _typed(parts, claims, claim_span, sentence_span, pairable)
        or _calendar(claim, parts, statement, claims, evidence, claim_span, sentence_span)
        or _place_pair(claim, statement, evidence, claim_span, sentence_span)
    )


def _typed(
    parts: Sequence[Claim],
    claims: Sequence[Claim],
    claim_span: Span,
    sentence_span: Span,
    pairable: Callable[[Claim, Claim, Sequence[Claim]], bool],
) -> tuple[Claim, Claim] | None:
    """The claim's figure or time that holds its differing words and the sentence's that holds the other's, when
    the two may be paired ("48 years old" is no "21-year veteran": an age, a span)."""
    part = _holding(parts, claim_span)
    value = _holding(claims, sentence_span)
    if part is None or value is None or type(part) is not type(value):
        return None
    return (part, value) if pairable(part, value, claims) else None


def _calendar(
    claim: str,
    parts: Sequence[Claim],
    statement: StatementClaim | None,
    claims: Sequence[Claim],
    evidence: StatementClaim,
    claim_span: Span,
    sentence_span: Span,
) -> tuple[Claim, Claim] | None:
    """Two days of the week, two months or two years, where the typed reading dated one of them to nothing ("in
    March" / "referring to Ana Vasko telling the council in January", "Tuesday's caucus", "tax returns going back to
    1987"): each the time its text holds, else the bare time it writes, asserted or denied as its sentence is."""
    held_part, held_value = _holding(parts, claim_span), _holding(claims, sentence_span)
    if held_part is not None and held_value is not None:
        return None  # both read by the typed values: theirs to pair
    ours, theirs = claim[claim_span[0] : claim_span[1]], evidence.text[sentence_span[0] : sentence_span[1]]
    kind, other = _calendar_field(ours), _calendar_field(theirs)
    if kind is None or other is None or kind[0] != other[0] or kind[1] == other[1]:
        return None
    part = held_part or _time(ours, claim_span[0], kind, statement)
    value = held_value or _time(theirs, sentence_span[0], other, evidence)
    return (part, value) if isinstance(part, TimeClaim) and isinstance(value, TimeClaim) else None


def _calendar_field(text: str) -> tuple[str, int] | None:
    """The field of a time a word writes alone, and its value: ("weekday", 1) for "Tuesday", ("month", 3) for
    "March", ("year", 1987)."""
    word = text.strip(".").lower()
    if word in WEEKDAYS:
        return "weekday", WEEKDAYS.index(word)
    if word in MONTHS:
        return "month", MONTHS.index(word) + 1
    return ("year", int(word)) if _YEAR.fullmatch(word) else None


def _time(text: str, start: int, field: tuple[str, int], said: StatementClaim | None) -> TimeClaim:
    """A bare time as written at ``start``, asserted or denied as the sentence that holds it is. Whose saying it is
    the typed reading does not know (the sentence's speaker may be another clause's: "Jensen tried to explain
    Sunday that ... Ana Vasko telling ... in January"): none is given, and the verifier's two readings decide."""
    negated = said.negated if said is not None else False
    name, value = field
    return TimeClaim(
        start=start,
        end=start + len(text),
        text=text,
        attribution=None,
        negated=negated,
        weekday=value if name == "weekday" else None,
        month=value if name == "month" else None,
        year=value if name == "year" else None,
    )


def _holding(claims: Sequence[Claim], span: Span) -> Claim | None:
    return next(
        (c for c in claims if isinstance(c, (QuantityClaim, TimeClaim)) and c.start <= span[0] and span[1] <= c.end),
        None,
    )


def _place_pair(
    claim: str, statement: StatementClaim | None, evidence: StatementClaim, claim_span: Span, sentence_span: Span
) -> tuple[Claim, Claim] | None:
    """Two places of one level the data puts apart: two countries, or two regions or cities ("Michigan" / "Ohio",
    "Oslo" / "Stockholm"); not a country against a city, which may hold it."""
    ours = claim[claim_span[0] : claim_span[1]].rstrip(".")
    theirs = evidence.text[sentence_span[0] : sentence_span[1]].rstrip(".")
    if not (_named_place(ours, statement) and _named_place(theirs, evidence)):
        return None  # the recogniser read a person or a body there ("Clinton's physician"), whatever towns share it
    if _word_before(claim, claim_span[0]) != _word_before(evidence.text, sentence_span[0]):
        return None  # "running in Iowa" / "Rick Perry of Texas": the place of something else
    countries = country_key(ours), country_key(theirs)
    if None not in countries:
        apart = countries[0] != countries[1]
    elif countries == (None, None) and is_known_place(ours) and is_known_place(theirs):
        apart = place_relation(ours, theirs) == APART
    else:
        return None
    if not apart:
        return None
    return _place(ours, claim_span[0], statement), _place(theirs, sentence_span[0], evidence)


def _named_place(name: str, statement: StatementClaim | None) -> bool:
    """Whether the sentence's terms hold the name as a place or a country (``claims.statements``)."""
    keys = {party_key(name), party_key(name, capitals=False)}
    return statement is not None and any(
        f"{kind}:{key}" in statement.terms for kind in ("place", "party") for key in keys
    )


def _word_before(text: str, start: int) -> str:
    """The word just before a value ("of" in "Brenko of Michigan", "s" in "the bureau's Denver office")."""
    words = _WORD.findall(text[:start])
    return words[-1].lower() if words else ""


def _place(name: str, start: int, said: StatementClaim | None) -> PlaceClaim:
    """A place as written at ``start``, said (or denied) as the sentence that holds it is."""
    return PlaceClaim(
        start=start,
        end=start + len(name),
        text=name,
        attribution=said.attribution if said is not None else None,
        negated=said.negated if said is not None else False,
        place=name,
        place_key=party_key(name, capitals=False),
        is_country=country_key(name) is not None,
    )


def names_another(claim: str, statement: StatementClaim | None, evidence: StatementClaim) -> bool:
    """Whether a sentence names another person, place or organisation where the claim names its own, after the same
    word ("former mayors dating back to Mark Jensen" / "... dating back to Ana Vasko", "testified
    before the House" / "testified before the Senate"): a detail it confirms beside it ("In October") is
    of another fact."""
    for difference in differing_values(claim, evidence.text):
        claim_span, sentence_span = difference.claim_span, difference.sentence_span
        if _place_pair(claim, statement, evidence, claim_span, sentence_span) is not None:
            return True
        if _word_before(claim, claim_span[0]) != _word_before(evidence.text, sentence_span[0]):
            continue  # "chief of staff Ana Vasko" / "Mayor Ivo Petrak": no name told in its place
        if statement is not None and _other_body(
            claim[claim_span[0] : claim_span[1]],
            evidence.text[sentence_span[0] : sentence_span[1]],
            statement,
            evidence,
        ):
            return True
        ours = person_name(claim[claim_span[0] : claim_span[1]])
        theirs = person_name(evidence.text[sentence_span[0] : sentence_span[1]])
        if (
            statement is not None
            and ours is not None
            and theirs is not None
            and f"person:{fold_key(ours.surname)}" in statement.terms
            and f"person:{fold_key(theirs.surname)}" in evidence.terms
            and not same_person(ours, theirs)
        ):
            return True
    return False


def _other_body(ours: str, theirs: str, statement: StatementClaim, evidence: StatementClaim) -> bool:
    """Two organisations as the recogniser reads them, each written whole in its text's span, that may not be one
    (``restated_names.may_be_one``: "the House" / "the Senate", not "ATF" / "Bureau of Alcohol, ...")."""
    if ours not in statement.bodies or theirs not in evidence.bodies:
        return False
    return not may_be_one(ours, theirs)
