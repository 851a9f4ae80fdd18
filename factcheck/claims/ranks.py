"""Ranks a sentence gives ("the 17th Congressional District", "an eighth term"): what is ranked, and at which rank.

No typed claim counts ranks; the restatement reading (``factcheck.restated``) reads a claim with a sentence's rank
of the same thing in place of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from factcheck.claims.lexicon import ORDINAL_WORDS

# A rank and up to two words after it ("the 17th Congressional District", "an eighth term in 2016"): the words say
# what is ranked.
_ORDINAL = re.compile(
    r"\b(\d{1,4}(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS) + r")\b((?:[\s-]+[A-Za-z'\u2019]+){1,2})", re.IGNORECASE
)
_INDEFINITE = re.compile(r"\b([Aa]n?) $")


@dataclass(frozen=True)
class Rank:
    start: int
    end: int
    text: str
    rank: int
    ranked: frozenset[str]  # the content words after it, singular and lower case


def ranks(text: str) -> list[Rank]:
    """The ranks ``text`` gives, each with the words that say what it ranks (none: no rank)."""
    found = []
    for match in _ORDINAL.finditer(text):
        written = match.group(1)
        rank = int(written[:-2]) if written[0].isdigit() else ORDINAL_WORDS[written.lower()]
        words = {w.lower().removesuffix("s") for w in re.findall(r"[A-Za-z]+", match.group(2))} - STOP_WORDS
        if words:
            found.append(Rank(match.start(1), match.end(1), written, rank, frozenset(words)))
    return found


def with_indefinite(before: str, word: str) -> str:
    """``before`` (the text up to a word that replaces another: a rank, or what follows a name read away) with a
    closing "a" or "an" as ``word`` is spoken ("an eighth", "a seventh", "an 18th", "a poll"), in its own case."""
    match = _INDEFINITE.search(before)
    if match is None:
        return before
    spoken = word.lower().startswith(("a", "e", "i", "o", "8", "11th", "18th"))
    article = match.group(1)[0] + ("n" if spoken else "")
    return before[: match.start()] + article + " "
