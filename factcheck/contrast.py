"""Where two tellings of a fact differ, and whether a contradiction can sit there.

The trained verifier reads close paraphrases ("flown" / "been flying", "UN" / "United Nations") as
contradictions far too often; a contradiction needs something to sit on: another figure, another name (not a
spelling variant or an abbreviation), a denial, or a verb with the opposite meaning
(``factcheck.claims.lexicon``). These checks are plain text comparisons, shared by the claim check and the report.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from rapidfuzz.fuzz import ratio
from spacy.lang.en.stop_words import STOP_WORDS

from factcheck.claims.lexicon import opposite
from factcheck.claims.names import HONORIFICS

_TOKEN = re.compile(r"[^\W_]+")


def same_words(a: str, b: str) -> bool:
    """The same content words in the same order: only punctuation, quote marks, case, contractions or function
    words differ ("I'd" and "I would", "Mr" and "Mr."), which no contradiction rests on."""
    words_a, words_b = _TOKEN.findall(a.lower()), _TOKEN.findall(b.lower())
    matcher = SequenceMatcher(a=words_a, b=words_b, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op != "equal" and any(w not in STOP_WORDS and len(w) > 1 for w in words_a[a0:a1] + words_b[b0:b1]):
            return False
    return True


_NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "none", "t"})  # "t" of "didn't" split at "'"
#: Names at least this alike (rapidfuzz ratio) are one name spelled two ways ("Zelenskiy" / "Zelensky").
_SPELLING_VARIANT = 80


def _changes(a: str, b: str) -> tuple[list[tuple[list[str], list[str], list[str], list[str]]], int]:
    """The stretches where two sentences differ (words of each side, lower case and as written), and how many of
    them touch a content word or a negation."""
    tokens_a, tokens_b = _TOKEN.findall(a), _TOKEN.findall(b)
    words_a, words_b = [w.lower() for w in tokens_a], [w.lower() for w in tokens_b]
    matcher = SequenceMatcher(a=words_a, b=words_b, autojunk=False)
    changes = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        if any(w not in STOP_WORDS or w in _NEGATORS for w in words_a[a0:a1] + words_b[b0:b1]):
            # words as written, minus a sentence's first word (capitalised whatever it is)
            names_a = [t for t, i in zip(tokens_a[a0:a1], range(a0, a1), strict=True) if t[:1].isupper() and i > 0]
            names_b = [t for t, i in zip(tokens_b[b0:b1], range(b0, b1), strict=True) if t[:1].isupper() and i > 0]
            changes.append((words_a[a0:a1], words_b[b0:b1], names_a, names_b))
    return changes, len(changes)


def _contrast(change: tuple[list[str], list[str], list[str], list[str]], all_a: list[str], all_b: list[str]) -> bool:
    """A change that can make two tellings disagree: a denial, another figure, an opposite verb, another name
    (not a spelling variant or an abbreviation of the same one)."""
    changed_a, changed_b, names_a, names_b = change
    if _NEGATORS & set(changed_a + changed_b):
        return True
    if not changed_a or not changed_b:
        return False  # said by one side only: more or less detail, not another value
    if any(ch.isdigit() for w in changed_a + changed_b for ch in w):
        return True
    if any(opposite(x, y) for x in changed_a for y in changed_b):
        return True
    names_a = [n for n in names_a if n.lower() not in HONORIFICS]
    names_b = [n for n in names_b if n.lower() not in HONORIFICS]
    if not names_a or not names_b or _abbreviates(names_a, names_b):
        return False
    # Another name on each side: one that matches no name of the other side, however spelled.
    return _unmatched(names_a, all_b) and _unmatched(names_b, all_a)


def _unmatched(names: list[str], others: list[str]) -> bool:
    return any(all(ratio(n.lower(), o.lower()) < _SPELLING_VARIANT for o in others) for n in names)


def _names(text: str) -> list[str]:
    """Every capitalised word but the first (however the sentence starts), honorifics left out."""
    return [t for t in _TOKEN.findall(text)[1:] if t[:1].isupper() and t.lower() not in HONORIFICS]


def has_contrast(a: str, b: str) -> bool:
    """Whether a sentence and a claim differ somewhere a contradiction can sit (see ``_contrast``)."""
    changes, _ = _changes(a, b)
    all_a, all_b = _names(a), _names(b)
    return any(_contrast(change, all_a, all_b) for change in changes)


def can_contradict(a: str, b: str) -> bool:
    """Two close sentences are read for a contradiction only when they are one telling with one thing changed,
    and the change is another figure, another name, a denial, or a verb with the opposite meaning. Other
    rewordings ("flown" / "been flying", "Dravenia's team" / "Dravenia is represented by a team") and phrases
    only one of them has ("Mr.", "he added", "because ...") are how outlets write the same fact; two tellings in
    their own words differ in many places, and the verifier reads such pairs as contradictions far too often."""
    changes, count = _changes(a, b)
    return count == 1 and _contrast(changes[0], _names(a), _names(b))


def _abbreviates(a: list[str], b: list[str]) -> bool:
    """ "UN" and "United Nations": one side is the other's initials."""
    initials_a, initials_b = "".join(w[0] for w in a).upper(), "".join(w[0] for w in b).upper()
    return any(w.upper() == initials_b for w in a) or any(w.upper() == initials_a for w in b)
