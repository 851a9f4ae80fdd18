"""A claim's names written the way the evidence writes them, for the trained verifier to read.

News copy names a person in full once ("Former Mexican President Vicente Fox") and then by title and surname
("Mr. Fox"); a claim names them as its writer likes ("Vicente Fox", "Rep. Drew Gattine"). The trained verifier
learned contradictions from names swapped for others (``train/news_pairs.py``), so a claim naming someone in
words the sentence lacks reads as naming someone else: "Trump called on Vicente Fox to apologize ..." against
"Mr. Trump ... called on Mr. Fox to apologize ..." is a contradiction (0.84) until the claim says "Mr. Fox"
(entailment 0.90). Where the two name one person (``names.same_person``: the surnames match, given names agree
where both are written), the verifier reads the claim with the sentence's form of the name; a title the claim
gives ("Rep.", "President") stays, since a title can be what a claim asserts. The evidence shown and the
reasons quote the claim and the sentence as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from factcheck.claims.lexicon import CALENDAR_WORDS, WEEKDAYS
from factcheck.claims.names import (
    COURTESY_TITLES,
    GENERATIONAL_SUFFIXES,
    HONORIFICS,
    PersonName,
    expansion,
    is_given_name,
    person_name,
    same_person,
    undotted,
)
from factcheck.claims.wordnet import is_common_person_noun

# A run of capitalised words: names with initials ("Donald J. Trump"), inner capitals ("LePage", "McCabe"),
# apostrophes and hyphens ("O'Neal", "Smith-Jones"), and a possessive or a contraction kept off the name
# ("Clinton's", "Christie'll").
_WORD = r"[A-Z][\w'\u2019-]*\.?"
_RUN = re.compile(rf"{_WORD}(?:[ ]{_WORD})*")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|her|his|its|their|our|my|your)\s+$")
_CLITIC = re.compile(r"['\u2019](?:s|ll|d|ve|re)?\.?$")


@dataclass(frozen=True)
class _Name:
    start: int  # offsets of the name's words (after any title, before any possessive)
    end: int
    text: str
    person: PersonName
    titled: bool  # a title or honorific stands right before it
    courtesy: str  # the courtesy honorific right before it, as written ("Mr."), or ""


def _runs(text: str) -> list[list[tuple[int, str]]]:
    """The runs of capitalised words as (offset, word) lists, each cut after a word whose full stop ends a sentence
    rather than shortens the word ("Pennsylvania. Tomorrow he is going": a quote of several sentences is one
    segment): an initial, a title ("Gov."), a generational suffix or a dotted abbreviation ("U.S.") goes on."""
    runs = []
    for match in _RUN.finditer(text):
        run: list[tuple[int, str]] = []
        for word in re.finditer(r"\S+", match.group()):
            run.append((word.start() + match.start(), word.group()))
            core = word.group().rstrip(".").lower()
            if word.group().endswith(".") and not (
                len(core) == 1 or "." in core or core in HONORIFICS or core in GENERATIONAL_SUFFIXES
            ):
                runs.append(run)
                run = []
        if run:
            runs.append(run)
    return runs


def _names(text: str) -> list[_Name]:
    found = []
    for words in _runs(text):
        run_start = words[0][0]
        start_word = 0
        for i, (_, word) in enumerate(words):
            if word.lower().rstrip(".") in HONORIFICS or (_is_title(word) and i < len(words) - 2):
                start_word = i + 1  # the name follows the last title ("Former Mexican President Vicente Fox")
        opening = start_word
        while start_word < len(words) and (
            words[start_word][1].lower() in STOP_WORDS or words[start_word][1].lower().rstrip(",") in WEEKDAYS
        ):
            start_word += 1  # "After" opening a sentence, "Tuesday" in "on Tuesday Perry said": no part of a name
        if start_word >= len(words) or any(w.lower() == "the" for _, w in words[opening:start_word]):
            continue  # "The Sarkans", "The State Department": a family or a body, not a person
        if start_word == 0 and _DETERMINER_BEFORE.search(text[:run_start]):
            continue  # "her Senate campaign", "the Wyoming Senate": a person takes no determiner
        start = words[start_word][0]
        last_at, last = words[-1]
        end = last_at + len(_CLITIC.sub("", last))
        name_text = text[start:end].rstrip(".") if not re.search(r"\b[A-Z]\.$", text[start:end]) else text[start:end]
        end = start + len(name_text)
        person = person_name(name_text)
        if person is None or not person.surname or name_text.lower() in CALENDAR_WORDS:
            continue  # "in June", "on Friday": a month or a day alone is no person
        before = words[start_word - 1][1] if start_word > 0 else ""
        # a courtesy title of the sentence's is written with its name when the claim has no title
        courtesy = before if before.lower().rstrip(".") in COURTESY_TITLES else ""
        found.append(_Name(start, end, name_text, person, start_word > 0, courtesy))
    return found


@lru_cache(maxsize=4096)
def _is_title(word: str) -> bool:
    """A word of a title before a given name and a surname: a common noun for a kind of person that is no given
    name the data records ("Deputy Director Andrew McCabe", "Majority Leader Mitch McConnell"). Before a surname
    alone it may be a given name ("Hunter Biden"), and WordNet's people by name ("Bruce") are no titles."""
    lowered = word.lower().rstrip(".")
    return is_common_person_noun(lowered) and not is_given_name(lowered)


@lru_cache(maxsize=8192)
def people_in(text: str) -> tuple[tuple[int, int, PersonName], ...]:
    """The people ``text`` names, each with the offsets of its name's words (a title before it and a possessive
    after it left out): "Democratic state Rep. Jeff McCabe" gives "Jeff McCabe". A check asks it of its claim once
    for every source."""
    return tuple((name.start, name.end, name.person) for name in _names(text))


@lru_cache(maxsize=256)
def people_named(text: str) -> frozenset[str]:
    """The surnames of the people ``text`` names as people: with a given name or after a title ("Rep. Michael
    Grimm", "Mr. Grimm"), not a capitalised word alone, which may be a body or a place."""
    return frozenset(name.person.surname for name in _names(text) if name.person.given or name.titled)


def _two_people(names: list[_Name]) -> bool:
    """Whether names of one surname are two people: two given names, or "Mr." beside "Mrs." or "Ms."."""
    given = {n.person.given for n in names if n.person.given}
    courtesy = {n.courtesy.lower().rstrip(".") for n in names if n.courtesy}
    return len(given) > 1 or ("mr" in courtesy and bool(courtesy & {"mrs", "ms", "miss"}))


@lru_cache(maxsize=8192)
def as_named_in(claim: str, evidence: str) -> str:
    """``claim`` with each name that names a person of ``evidence`` written as ``evidence`` writes it."""
    theirs = _names(evidence)
    if not theirs:
        return claim
    pieces, at = [], 0
    for name in _names(claim):
        matches = [n for n in theirs if same_person(name.person, n.person)]
        if not name.person.given and _two_people(matches):
            continue  # "Trump" where the sentence names "Mr. Trump" and "Mrs. Trump": which one is not ours to say
        match = matches[0] if matches else None
        if match is None or match.text.isupper():  # a dateline's "LIVINGSTON" is a place, shouted
            continue
        written = match.text if name.titled or not match.courtesy else f"{match.courtesy} {match.text}"
        if written == name.text:
            continue
        pieces += [claim[at : name.start], written]
        at = name.end
    return "".join(pieces) + claim[at:] if pieces else claim


# A name written in capitals, dotted or not ("FBI", "F.B.I.", "NAACP").
_INITIALS = re.compile(r"\b(?:[A-Z]\.){3,8}|\b[A-Z]{3,8}\b")


@lru_cache(maxsize=8192)
def initials_as_in(claim: str, evidence: str) -> str:
    """``claim`` with each name it writes by its initials spelled out where ``evidence`` spells it out and never
    writes the initials ("FBI" read as "Federal Bureau of Investigation"): the verifier reads other letters for
    another body, as it reads another surname for another person."""
    written = undotted(evidence)
    pieces, at = [], 0
    for match in _INITIALS.finditer(claim):
        initials = match.group()
        if re.search(rf"\b{re.escape(undotted(initials))}\b", written):
            continue
        full = expansion(initials, evidence)
        if full is None:
            continue
        pieces += [claim[at : match.start()], full]
        at = match.end()
    return "".join(pieces) + claim[at:] if pieces else claim
