"""The one-letter party marks of US reporting after a name: "Rep. Drew Gattine (D)", "Rep. Stephen Fincher
(R-Tenn.)", "Sen. John McCain, R-Ariz., said". A mark says two things about the person it follows: the party
(the letter) and the state they represent (the abbreviation, read through the ``us`` package). Its words are
neither names nor places of their own: "Tenn." is no person and "R" no name, which every reading of the sentence
has to know (its people, its parties, its terms).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from factcheck.claims.gazetteer import countries_containing, us_state
from factcheck.claims.model import INDEPENDENT

#: The word a mark's letter stands for.
MARK_WORDS = {"D": "Democrat", "R": "Republican", "I": INDEPENDENT}
_MARK = re.compile(
    r"\(\s*(?P<letter>[DRI])(?:\s*-\s*(?P<region>[A-Z][A-Za-z. ]{1,20}?))?\s*\)"  # "(D)", "(R-Ariz.)"
    r"|,\s*(?P<letter2>[DRI])-(?P<region2>[A-Z][A-Za-z. ]{1,20}?)\s*(?=[,;)]|$)"  # ", R-Ariz.," or at the end
)


@dataclass(frozen=True)
class PartyMark:
    """A mark in a sentence: where it stands (offsets in the sentence's text, the mark without the comma or
    space around it), where its letter and state stand, what it says."""

    start: int
    end: int
    inner_start: int  # the letter
    inner_end: int  # the end of the state, or of the letter
    letter: str
    region_text: str  # as written: "Tenn."; "" for "(D)"
    region: str  # the state's name: "Tennessee"; "" when none is given or the data does not know it

    @property
    def party_word(self) -> str:
        return MARK_WORDS[self.letter]


def party_marks(sentence: Span) -> list[PartyMark]:
    """Every party mark of the sentence, read once per sentence. A mark whose region is neither a state (the ``us``
    data) nor a US place the gazetteer knows is none ("(R-Xyz)"; "(I-95)" cannot match at all)."""
    key = f"factcheck.party_marks:{sentence.start}:{sentence.end}"
    found = sentence.doc.user_data.get(key)
    if found is None:
        found = tuple(_marks(sentence.text))
        sentence.doc.user_data[key] = found
    return list(found)


def _marks(text: str) -> list[PartyMark]:
    marks = []
    for match in _MARK.finditer(text):
        group = "letter" if match.group("letter") else "letter2"
        region_group = "region" if group == "letter" else "region2"
        region_text = (match.group(region_group) or "").strip()
        region = us_state(region_text) if region_text else ""
        if region is None:
            if "united states" not in countries_containing(region_text):
                continue
            region = ""  # a state legislator's city ("D-Phoenix"): the party, and a place never set against a state
        start = match.start() if text[match.start()] == "(" else match.start(group)
        inner_end = match.end(region_group) if region_text else match.end(group)
        end = match.end() if text[match.start()] == "(" else match.end(region_group)
        marks.append(
            PartyMark(
                start=start,
                end=end,
                inner_start=match.start(group),
                inner_end=inner_end,
                letter=match.group(group),
                region_text=region_text,
                region=region,
            )
        )
    return marks


def mark_after(sentence: Span, offset: int) -> PartyMark | None:
    """The mark that follows a sentence offset (the end of a name), past a space or the comma before it."""
    rest = sentence.text[offset:]
    skipped = len(rest) - len(rest.lstrip(" ,"))
    return next((m for m in party_marks(sentence) if m.start == offset + skipped), None)


def mark_tokens(sentence: Span) -> frozenset[int]:
    """Indices of the tokens that are a mark's letter, hyphen or state."""
    spans = [(m.inner_start, m.inner_end) for m in party_marks(sentence)]
    if not spans:
        return frozenset()
    base = sentence.start_char
    return frozenset(
        t.i
        for t in sentence
        if any(start <= t.idx - base < end for start, end in spans) and t.text not in {"(", ")", ","}
    )
