"""Another person or organisation named in place of the claim's (``factcheck.restated``): "LePage's voicemail was
left for Rep. Jeff McCabe" against "the voicemail he left for Democratic state Rep. Drew Gattine", "a founder of the
Greater Tucson Tea Party" against "a founder of the Greater Phoenix Tea Party". A sentence may tell of several people
and bodies, so each is read cautiously: only where the sentence does not name the claim's, its article never writes
it, and the verifier reads the claim as written as contradicted as well as the rewritten claim as stated
(``Substitution.contradicted_only``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from factcheck.claims.bodies import same_body
from factcheck.claims.model import Claim, StatementClaim, statement_of
from factcheck.claims.names import fold_key, party_key, person_name, same_person
from factcheck.claims.occasions import same_occasion, verb_occasion
from factcheck.name_forms import people_in, people_named
from factcheck.substitution import Substitution, names_met


def _tells_the_act(verbs: set[str], evidence: StatementClaim) -> bool:
    """Whether a sentence names what the claim says was done, in a word of its own or one WordNet joins with it: the
    verifier reads "endorsed Mara Quist in a video message" as stating "met with Mara Quist" (0.97), so another
    person is read only where the act is the sentence's too."""
    words = {evidence.verb, *(t for t in evidence.terms if ":" not in t)} - {""}
    if not verbs or verbs & words:
        return True
    # a verb WordNet joins with the claim's: its verb senses only ("council" is a kind of meeting, no act of one)
    acts = [occasion.keys for occasion in map(verb_occasion, words) if occasion is not None]
    return any(
        occasion is not None and any(same_occasion(occasion.keys, keys) for keys in acts)
        for occasion in map(verb_occasion, verbs)
    )


def other_people(
    claim: str,
    claim_terms: set[str],
    verbs: set[str],
    candidates: Sequence[tuple[int, Sequence[Claim]]],
    in_article: Callable[[int, str], bool] | None,
    article_writes: Callable[[int, str], bool | None],
) -> list[Substitution]:
    """The claim with one of its people replaced by another person a sentence names, where that sentence does not
    name the claim's person and its whole article never does ("LePage's voicemail was left for Rep. Jeff McCabe"
    against "the voicemail he left for Democratic state Rep. Drew Gattine", in an article that never names
    McCabe). An article that names the claim's person may tell of both (the meeting with Obama, and the one with
    Clinton); one that never does, and states the claim of someone else, tells another person."""
    everyone = people_in(claim)
    named = [
        (start, end, person) for start, end, person in everyone if "person:" + fold_key(person.surname) in claim_terms
    ]
    found: list[Substitution] = []
    for index, claims in candidates:
        evidence = statement_of(claims)
        if evidence is None:
            continue
        there = people_in(evidence.text)
        theirs = [
            (start, end, person)
            for start, end, person in there
            if "person:" + fold_key(person.surname) in evidence.terms
            and not any(same_person(person, ours) for _, _, ours in everyone)
        ]
        for start, end, person in named:
            written = claim[start:end]
            if any(same_person(person, other) for _, _, other in there):
                continue
            if not theirs or article_writes(index, written.split()[-1]) is not False:
                continue
            if not _tells_the_act(verbs, evidence):
                continue
            # the sentence gives the claim's other names, as for any restatement
            others = claim_terms - {"person:" + fold_key(person.surname)}
            if not names_met(others, claims, index, in_article):
                continue
            part = Claim(start, end, written)
            for their_start, their_end, _ in theirs:
                value = Claim(their_start, their_end, evidence.text[their_start:their_end])
                rewritten = claim[:start] + value.text + claim[end:]
                found.append(Substitution(index, part, value, rewritten, contradicted_only=True))
    return found


def other_bodies(
    claim: str,
    bodies: Sequence[str],
    claim_terms: set[str],
    candidates: Sequence[tuple[int, Sequence[Claim]]],
    in_article: Callable[[int, str], bool] | None,
    article_writes: Callable[[int, str], bool | None],
) -> list[Substitution]:
    """The claim with one of its organisations (as the entity recogniser reads them) replaced by another a sentence
    names, where that sentence names none that is the claim's and its article never writes the words that tell the
    two apart ("NBC News correspondent Ana Vasko" against "Ana Vasko of ABC News", in an article that never writes
    "NBC"). The sentence gives the claim's other names; unlike a person, a body need not do the claim's act (a post
    in it is told by a noun: "is a founder of" / "a founder of ..., spoke first"), and the verifier's two readings
    decide."""
    found: list[Substitution] = []
    for body in bodies:
        start = claim.find(body)
        if start < 0 or _a_person(body, claim):
            continue
        end = start + len(body)
        # the body's own words are what the sentence tells otherwise; its other names it must give
        keys = {prefix + party_key(word) for word in body.split() for prefix in ("name:", "place:", "party:")}
        others = claim_terms - keys
        for index, claims in candidates:
            evidence = statement_of(claims)
            if evidence is None or any(may_be_one(body, b) for b in evidence.bodies):
                continue
            theirs = [
                b
                for b in evidence.bodies
                if not any(may_be_one(ours, b) for ours in bodies) and not _a_person(b, evidence.text)
            ]
            if not theirs or not names_met(others, claims, index, in_article):
                continue
            for value in theirs:
                at = evidence.text.find(value)
                if at < 0 or not _never_written(body, value, index, article_writes):
                    continue
                rewritten = claim[:start] + value + claim[end:]
                part, told = Claim(start, end, body), Claim(at, at + len(value), value)
                found.append(Substitution(index, part, told, rewritten, contradicted_only=True))
    return found


def _a_person(body: str, text: str) -> bool:
    """Whether a name the recogniser read as an organisation is a person the text names with a given name or a title
    ("Her rival Ivo Petrak called on ...": tagged an organisation once)."""
    person = person_name(body)
    return person is not None and person.surname in people_named(text)


def _never_written(body: str, other: str, index: int, article_writes: Callable[[int, str], bool | None]) -> bool:
    """Whether the article of the candidate at ``index`` never writes a word that tells ``body`` from ``other``
    ("Tucson" of "Greater Tucson Tea Party" against "Greater Phoenix Tea Party")."""
    theirs = {word.lower() for word in other.split()}
    telling = [word for word in body.split() if word.lower() not in theirs and word[:1].isupper()]
    return bool(telling) and all(article_writes(index, word) is False for word in telling)


def may_be_one(a: str, b: str) -> bool:
    """Whether two names may be one organisation: the same body (``same_body``), or one a shortening of the other
    whose letters are initials of the other's words in order, some left out ("ATF" for "Bureau of Alcohol, Tobacco,
    Firearms and Explosives")."""
    return same_body(a, b) or _initials_of_some(a, b) or _initials_of_some(b, a)


def _initials_of_some(short: str, name: str) -> bool:
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    initials = iter(word[0] for word in re.findall(r"[A-Z][\w'\u2019-]*", name))
    return all(letter in initials for letter in letters)  # each letter found after the one before it
