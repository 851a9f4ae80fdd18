"""The shares two named sides hold, told as a pair: "Romney led Obama 47 percent to 45 percent", "a poll showed
Obama leading Romney, 49% to 44%", "Brat beat Cantor 55-45 percent".

English gives the two numbers in the order it names the two sides, whichever leads ("Obama trailed Romney 45
percent to 47 percent"), so each side's share is read from order alone, without a list of verbs of leading. The
pair is read as one quantity claim (``counted`` "shares") whose slot is the two sides, and whose value gives each
side its share: "Romney ahead of Obama 49 to 44" and "Obama leading Romney 49 to 44" are the same numbers for
other sides, a contradiction an editor sees at once. Two different pairs for the same sides conflict only where
both sentences name the same poll (its proper name, e.g. "Fox News") and the same place or none: one story often
quotes a national poll beside a state's, or last month's beside this week's.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from factcheck.claims.model import Attribution, QuantityClaim
from factcheck.claims.tallies import pair_claim

SHARES = "shares"
_PERCENT = r"\s*(?:%|percent\b|per\s+cent\b)"
_SHARE = r"(\d{1,2}(?:\.\d+)?)"
# "47 percent to 45 percent", "47% to 45%", "47 to 45 percent", "55-45 percent"; not part of a longer figure or
# a range of years, and not a change ("rose from 9 to 7 percent": "from" before it)
_PAIR = re.compile(
    rf"(?<![\d,.$/-]){_SHARE}(?:{_PERCENT})?(?:\s+to\s+|\s*[-\u2013]\s*){_SHARE}{_PERCENT}",
    re.IGNORECASE,
)
# A place a poll was taken in, written as a phrase of the sentence ("in Florida", "among Iowa voters")
_PLACE_WORDS = frozenset({"in", "among", "across"})
_OWNER_DEPS = frozenset({"compound", "nmod", "poss"})
# How many words may stand between the two sides ("Romney ahead of Obama") and between the second and the pair
# ("Obama in Florida, 49 percent")
_NEAR = 3


def side_share_claims(sentence: Span, attribution: Attribution | None) -> list[QuantityClaim]:
    claims: list[QuantityClaim] = []
    text = sentence.text
    for match in _PAIR.finditer(text):
        if re.search(r"\bfrom\s*$", text[: match.start()], re.IGNORECASE):
            continue  # "fell from 20 to 15 percent": a change of one share
        sides = _sides(sentence, match.start())
        if sides is None:
            continue
        shares = (float(match.group(1)), float(match.group(2)))
        keyed = sorted(zip((s.lower() for s in sides), shares, strict=True))  # the sides in a fixed order
        first, second = sides
        written = f"{first} {_number(shares[0])} percent, {second} {_number(shares[1])} percent"
        group = f"{keyed[0][0]}|{keyed[1][0]}"
        pair = (keyed[0][1], keyed[1][1])
        sides_text = f"{first} and {second}"
        claims.append(pair_claim(match, attribution, written, pair, SHARES, sides_text, group, _poll(sentence, sides)))
    return claims


def _number(share: float) -> str:
    return f"{share:g}"


def _sides(sentence: Span, end_char: int) -> tuple[str, str] | None:
    """The two sides named just before the pair, in the order written: two names (runs of proper nouns, keyed by
    their last word) a few words apart, the second a few words before the pair ("Romney ahead of Obama in Florida,
    49 percent"), leaving out an organisation ("a Fox News poll", "Congress"), a date, a name that owns a thing or
    describes one ("the Obama campaign", "a Democratic-controlled Congress"), and a place a phrase puts the poll in
    ("in Florida"). Roles in the parse are not trusted here: the small parser reads "Romney edging Obama" as one
    name modifying another."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for token in sentence:
        if token.idx - sentence.start_char >= end_char:
            break
        if _named(token):
            run.append(token)
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    end = next((t.i for t in sentence if t.idx - sentence.start_char >= end_char), sentence.end)
    sides = [r for r in runs if _side(r)]
    if len(sides) < 2:
        return None
    first, second = sides[-2], sides[-1]
    if end - second[-1].i - 1 > _NEAR or second[0].i - first[-1].i - 1 > _NEAR:
        return None
    if first[-1].lower_ == second[-1].lower_:
        return None
    return first[-1].text, second[-1].text


def _named(token: Token) -> bool:
    """A word of a name: a proper noun, or a word the recogniser puts in a person's name whatever its part of speech
    (an unfamiliar surname starting a sentence is tagged an adverb)."""
    return token.pos_ == "PROPN" or (token.ent_type_ == "PERSON" and token.is_title)


def _side(run: list[Token]) -> bool:
    last = run[-1]
    if any(t.ent_type_ in {"DATE", "TIME"} for t in run) or _organisation(last):
        return False
    following = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if following is not None and following.text in {"-", "/"}:
        return False  # "Democratic-controlled", "NBC/Wall Street Journal"
    if last.dep_ in _OWNER_DEPS and last.head.pos_ == "NOUN":
        return False  # "a Fox News poll": the name owns the noun
    return not (last.dep_ == "pobj" and last.head.lower_ in _PLACE_WORDS)


def _organisation(token: Token) -> bool:
    """Whether the recogniser reads the name as an organisation ("Congress", "NBC"); not where its organisation
    runs on into the pair itself ("Vasko 47 percent to": a misread name, not a body)."""
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return entity is not None and entity.label_ == "ORG" and all(_named(t) for t in entity)


def _poll(sentence: Span, sides: tuple[str, str]) -> tuple[str, ...]:
    """Which poll and where, as far as the sentence names them: the proper name before "poll" or "survey" ("a Fox
    News poll": "poll:news") and the place a phrase puts it in ("in Florida": "in:florida")."""
    marks: list[str] = []
    for token in sentence:
        if token.lemma_.lower() in {"poll", "survey"} and token.pos_ == "NOUN":
            owner = [c for c in token.children if c.dep_ in _OWNER_DEPS and c.pos_ == "PROPN"]
            if owner:
                marks.append(f"poll:{owner[-1].lower_}")
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in _PLACE_WORDS
            and token.pos_ == "PROPN"
            and token.text not in sides
        ):
            marks.append(f"in:{token.lower_}")
    return tuple(sorted(set(marks)))
