"""Where a sentence gives another figure or another name than a claim, as character spans of each.

A contradiction the trained verifier reads is shown to the journalist by the words it most likely sits on. Two
tellings order their words freely ("amends a 1986 law" / "which ... has hired a phalanx of lobbyists to combat,
addresses a 1976 law"), so a word-by-word alignment of the two often pairs the wrong stretches; a figure or a name
one side gives and the other does not is found wherever it stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.fuzz import ratio
from spacy.lang.en.stop_words import STOP_WORDS

from factcheck.claims.names import HONORIFICS
from factcheck.claims.numbers import parse_number

#: Names at least this alike (rapidfuzz ratio) are one name spelled two ways ("Zelenskiy" / "Zelensky").
SPELLING_VARIANT = 80

_WORD = re.compile(r"\S+")
_EDGE = ".,;:!?\"'()\u2018\u2019\u201c\u201d"
# a figure as written, with its thousands separators and decimals ("1,000", "5.7")
_FIGURE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)*[^\W_]*|[^\W_]+")
_TOKEN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)  # asked of every word of every pair a check or a report reads
def is_figure(word: str) -> bool:
    """A figure: digits, or a number word however inflected ("five", "tens", "hundreds", "a dozen")."""
    lower = word.lower()
    if any(ch.isdigit() for ch in lower):
        return True
    # Three letters at least: "a", "m" and "k" are read as numbers only after digits ("$5m").
    return len(lower) >= 3 and (
        parse_number(lower) is not None or parse_number(lower.removesuffix("s")) is not None or lower in _DOZENS
    )


_DOZENS = frozenset({"dozen", "dozens", "score", "scores"})


@dataclass(frozen=True)
class Run:
    """Capitalised words in a row, as written, and where they stand."""

    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # of each word

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True)
class Difference:
    """A value the sentence gives (``sentence_span``) where the claim gives another (``claim_span``)."""

    sentence_span: tuple[int, int]
    claim_span: tuple[int, int]


def name_runs(text: str) -> list[Run]:
    """Runs of capitalised words (honorifics and function words left out: "The" opening a sentence), as written;
    a comma, semicolon or colon after a word ends its run ("Gowdy, Clinton")."""
    runs: list[Run] = []
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        raw = match.group()
        word = raw.strip(_EDGE)
        token = word.removesuffix("'s").removesuffix("\u2019s")
        capital = token[:1].isupper() and token.lower() not in HONORIFICS and token.lower() not in STOP_WORDS
        if capital:
            start = match.start() + len(raw) - len(raw.lstrip(_EDGE))
            end = start + len(token)
            if "." in token and text[end : end + 1] == ".":
                end += 1  # a dotted abbreviation keeps its last period: "U.N.", not "U.N"
            words.append(token)
            spans.append((start, end))
        elif words:
            runs.append(Run(tuple(words), tuple(spans)))
            words, spans = [], []
        if capital and raw[-1:] in ",;:":
            runs.append(Run(tuple(words), tuple(spans)))
            words, spans = [], []
    if words:
        runs.append(Run(tuple(words), tuple(spans)))
    return runs


def one_name(a: tuple[str, ...] | list[str], b: tuple[str, ...] | list[str]) -> bool:
    """Two names of as many words, each spelled alike ("Zelenskiy" / "Zelensky")."""
    return len(a) == len(b) and all(ratio(x.lower(), y.lower()) >= SPELLING_VARIANT for x, y in zip(a, b, strict=True))


def differing_value(claim: str, sentence: str) -> Difference | None:
    """A figure the sentence gives that the claim does not, beside one the claim gives that the sentence does not
    ("1976" where the claim says "1986"); else such a name ("China" where the claim says "North Korea"); of several,
    the two whose neighbouring words the two texts share most ("blood pressure was 100/65" for "blood pressure
    was 120/80", not the "21" of "March 21"). None when the two give the same figures and names."""
    return next(iter(differing_values(claim, sentence)), None)


def differing_values(claim: str, sentence: str) -> list[Difference]:
    """Every pair ``differing_value`` chooses from, the likeliest first: the figures the two texts do not share, else
    their names."""
    pairs = _figure_pairs(claim, sentence) or _name_pairs(claim, sentence)
    # in the claim's order, then the sentence's: of equally good pairs the first (a stable sort)
    ranked = sorted(pairs, key=lambda pair: -_likeness(sentence, claim, pair))
    return [Difference(*pair) for pair in ranked]


Pair = tuple[tuple[int, int], tuple[int, int]]  # (span in the sentence, span in the claim)


def _figure_pairs(claim: str, sentence: str) -> list[Pair]:
    ours, theirs = _figures_at(claim), _figures_at(sentence)
    in_claim, in_sentence = {value for value, _ in ours}, {value for value, _ in theirs}
    mine = [span for value, span in ours if value not in in_sentence]
    other = [span for value, span in theirs if value not in in_claim]
    return [(o, m) for m in mine for o in other]


def _name_pairs(claim: str, sentence: str) -> list[Pair]:
    claim_runs, sentence_runs = name_runs(claim), name_runs(sentence)
    claim_names, sentence_names = _words_of(claim_runs), _words_of(sentence_runs)
    missing = [
        _unnamed_edges(r, sentence_names)
        for r in claim_runs
        if unmatched(r.words, sentence_names) and not _opening(r, claim)
    ]
    added = [
        _unnamed_edges(r, claim_names)
        for r in sentence_runs
        if unmatched(r.words, claim_names) and not _opening(r, sentence)
    ]
    return [((o.start, o.end), (m.start, m.end)) for m in missing for o in added]


def names_missing(claim: str, sentence: str, left_out: tuple[int, int]) -> bool:
    """Whether the claim writes a name outside ``left_out`` that the sentence writes no word of, however spelled
    ("Ivo Petrak endorsed Ana Vasko in the 2016 race" / "Ivo Petrak endorsed Tomas Brenko in 2008"; "Ana
    Vasko" is written by "Ms. Vasko")."""
    written = _words_of(name_runs(sentence))
    return any(
        all(unmatched([word], written) for word in run.words)
        and not _opening(run, claim)
        and (run.end <= left_out[0] or run.start >= left_out[1])
        for run in name_runs(claim)
    )


def _words_of(runs: list[Run]) -> list[str]:
    return [w for run in runs for w in run.words]


def _unnamed_edges(run: Run, named: list[str]) -> Run:
    """A name without the words at either end that the other text names anywhere, however spelled: "Nixon" of
    "Nixon White House" where the other writes "Johnson White House", "National Security Adviser" of "National
    Security Adviser Susan Rice" where it writes "U.N. Ambassador Susan Rice" (a title between)."""
    words, spans = list(run.words), list(run.spans)
    while len(words) > 1 and not unmatched([words[-1]], named):
        words, spans = words[:-1], spans[:-1]
    while len(words) > 1 and not unmatched([words[0]], named):
        words, spans = words[1:], spans[1:]
    return Run(tuple(words), tuple(spans))


_NEIGHBOURS = 4  # words on each side of a value that say what it is of


def _likeness(sentence: str, claim: str, pair: Pair) -> float:
    """How alike the words around two values are: a word both have beside their value counts most ("was 120" /
    "was 100"), one further off less (the product of the two distances)."""
    ours, theirs = _around(claim, pair[1]), _around(sentence, pair[0])
    return sum(1.0 / (theirs[w] * ours[w]) for w in ours.keys() & theirs.keys())


def _around(text: str, span: tuple[int, int]) -> dict[str, int]:
    """The words near a span and how far each is (1: next to it)."""
    before = _TOKEN.findall(text[: span[0]])[-_NEIGHBOURS:]
    after = _TOKEN.findall(text[span[1] :])[:_NEIGHBOURS]
    near: dict[str, int] = {}
    for distance, word in [*enumerate(reversed(before), 1), *enumerate(after, 1)]:
        near[word.lower()] = min(distance, near.get(word.lower(), distance))
    return near


def _figures_at(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Each figure of a text (digits, number words), read without separators or a plural "s", and its span."""
    return [
        (m.group().replace(",", "").lower().removesuffix("s"), (m.start(), m.end()))
        for m in _FIGURE.finditer(text)
        if is_figure(m.group())
    ]


def unmatched(names: Sequence[str], others: Sequence[str]) -> bool:
    """Whether some word of ``names`` matches no word of ``others``, however spelled ("Zelenskiy" / "Zelensky")."""
    return any(all(ratio(n.lower(), o.lower()) < SPELLING_VARIANT for o in others) for n in names)


def _opening(run: Run, text: str) -> bool:
    """A single capitalised word opening the text: capitalised whatever it is ("Controversial Maine Gov. ...")."""
    return len(run.words) == 1 and not text[: run.start].strip(_EDGE + " ")
