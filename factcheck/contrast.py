"""Where two tellings of a fact differ, and whether a contradiction can sit there.

The trained verifier reads close paraphrases ("flown" / "been flying", "UN" / "United Nations") as
contradictions far too often; a contradiction needs something to sit on: another figure, another name (not a
spelling variant or an abbreviation), a denial, a word with the opposite meaning (``factcheck.claims.lexicon``:
"rose" / "dropped", "high" / "low"), or another role ("deputy" / "chief spokesman", a "pilot" / a "nurse": nouns
naming a person in WordNet, neither a synonym nor a kind of the other). These checks are plain text comparisons,
shared by the claim check and the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from spacy.lang.en.stop_words import STOP_WORDS

from factcheck.claims import wordnet
from factcheck.claims.lexicon import (
    DAY_PART_NAMES,
    DAY_PARTS,
    NEGATIVE_IMPLICATIVES,
    NEGATORS,
    NUMBER_WORDS,
    opposite,
    stretches_meet,
)
from factcheck.claims.names import HONORIFICS
from factcheck.claims.numbers import Amount, find_amounts, parse_number
from factcheck.value_spans import is_figure, name_runs, one_name, unmatched

_TOKEN = re.compile(r"[^\W_]+")
# "don't" / "do not", "won't" / "will not": one denial in two spellings (the stems spaCy splits the irregular ones into)
_CONTRACTED = re.compile(r"\b(\w+)n['\u2019]t\b", re.IGNORECASE)
_IRREGULAR = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}


def _uncontracted(text: str) -> str:
    return _CONTRACTED.sub(lambda m: _IRREGULAR.get(m.group(1).lower(), m.group(1)) + " not", text)


#: A figure is read whole with its decimals ("$5.7 billion" is not "$7.5 billion", which the digits alone would be).
_FIGURE_TOKEN = re.compile(r"\d+(?:\.\d+)+[^\W_]*|[^\W_]+")


def same_words(a: str, b: str) -> bool:
    """The same content words in the same order: only punctuation, quote marks, case, contractions, a figure's
    spelling or function words differ ("I'd" and "I would", "can't" and "cannot", "ten" and "10", "1,000" and
    "1000", "Mr" and "Mr."), which no contradiction rests on. A denial is no function word here ("has not
    confirmed" / "has confirmed"), nor is a figure ("two" / "three": spaCy lists small number words as stop words)."""
    words_a, words_b = _compared_words(a), _compared_words(b)
    if sum(w in _NEGATORS for w in words_a) != sum(w in _NEGATORS for w in words_b):
        return False  # "has not confirmed" / "has confirmed"
    matcher = SequenceMatcher(a=words_a, b=words_b, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op != "equal" and any(
            w.isdigit() or (w not in STOP_WORDS and len(w) > 1) for w in words_a[a0:a1] + words_b[b0:b1]
        ):
            return False
    return True


_CANNOT = re.compile(r"\bcannot\b", re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


def _compared_words(text: str) -> list[str]:
    """A text's words as ``same_words`` compares them: denials written out, figures as digits without separators."""
    plain = _THOUSANDS.sub("", _CANNOT.sub("can not", _uncontracted(text))).lower()
    return [str(NUMBER_WORDS[w]) if w in NUMBER_WORDS else w for w in _TOKEN.findall(plain)]


_NEGATORS = frozenset(w for w in NEGATORS if w.isalpha()) | {"t"}  # "t" of "didn't" split at "'"


def _denial(word: str) -> bool:
    """A word that denies: a negator, or a verb denying the act it governs ("refused" to apologize)."""
    return word in _NEGATORS or _implicative(word)


def _implicative(word: str) -> bool:
    """A verb denying the act it governs, or "yet" of "has yet to" ("has yet to release": not released)."""
    return word == "yet" or any(lemma in NEGATIVE_IMPLICATIVES for lemma in wordnet.lemmas(word, "v"))


_GOVERNED = re.compile(r"\b([^\W_]+) to ([^\W_]+)")


def _implied_denials(text: str) -> set[str]:
    """The acts a text denies by a verb governing them ("refused to apologize": apologize), as written."""
    return {m.group(2).lower() for m in _GOVERNED.finditer(text) if _implicative(m.group(1).lower())}


def _changes(a: str, b: str) -> tuple[list[tuple[list[str], list[str], list[str], list[str]]], int]:
    """The stretches where two sentences differ (words of each side, lower case and as written), and how many of
    them touch a content word or a negation."""
    tokens_a, tokens_b = _TOKEN.findall(_uncontracted(a)), _TOKEN.findall(_uncontracted(b))
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


def _opposed(change: tuple[list[str], list[str], list[str], list[str]]) -> bool:
    """A word of one side says the opposite of a word of the other ("rose" / "dropped", "high" / "low"); function
    words ("in" / "out", "take" / "give") are left out, they oppose each other in too many idioms."""
    words_a = [w for w in change[0] if w not in STOP_WORDS]
    words_b = [w for w in change[1] if w not in STOP_WORDS]
    return any(opposite(x, y) for x in words_a for y in words_b)


def _other_role(change: tuple[list[str], list[str], list[str], list[str]]) -> bool:
    """Each side names a person by a role (a noun whose commonest sense is a person in WordNet, not a name), and
    no role of one side is a synonym or a kind of one of the other ("pilot" / "nurse", "deputy" / "chief"; not
    "lawyer" / "attorney", nor "specialist" / "expert" or "director" / "leader": the general word may tell the
    particular one)."""
    changed_a, changed_b, names_a, names_b = change
    names = {n.lower() for n in names_a + names_b}
    roles_a, roles_b = (
        [w for w in changed if w not in STOP_WORDS and w not in names and wordnet.is_person_noun(w)]
        for changed in (changed_a, changed_b)
    )
    # synonyms in any part of speech: "yanks" / "jerks" are two persons in WordNet, and one act in the sentence
    return bool(roles_a and roles_b) and not any(
        wordnet.synonyms(x, y) or wordnet.kind_of(x, y) for x in roles_a for y in roles_b
    )


def _contrast(
    change: tuple[list[str], list[str], list[str], list[str]],
    all_a: list[str],
    all_b: list[str],
    same_figures: bool = False,
    implied: tuple[set[str], set[str]] = (set(), set()),
) -> bool:
    """A change that can make two tellings disagree: a denial, another figure (not the same figures in other units
    or words: ``same_figures``), an opposite word, another role, another name (not a spelling variant or an
    abbreviation of the same one)."""
    changed_a, changed_b, names_a, names_b = change
    # a verb denying its act denies here only the act it governs, told by the other side ("refused to apologize" /
    # "apologized"; not "declined to say" / "worsened", nor a "failed" mission)
    denies_a = bool(_NEGATORS & set(changed_a)) or (
        any(map(_implicative, changed_a)) and any(_one_stem(w, v) for w in changed_b for v in implied[0])
    )
    denies_b = bool(_NEGATORS & set(changed_b)) or (
        any(map(_implicative, changed_b)) and any(_one_stem(w, v) for w in changed_a for v in implied[1])
    )
    if denies_a != denies_b and (
        _denied_alike(changed_a, changed_b) if denies_a else _denied_alike(changed_b, changed_a)
    ):
        return True
    if denies_a and denies_b:
        return True
    if not changed_a or not changed_b:
        return False  # said by one side only: more or less detail, not another value
    if any(map(is_figure, changed_a + changed_b)) and not same_figures:
        return True
    # a denial and an opposite word say the same ("did not attend" / "skipped")
    if (_opposed(change) and denies_a == denies_b) or _other_role(change):
        return True
    names_a = [n for n in names_a if n.lower() not in HONORIFICS]
    names_b = [n for n in names_b if n.lower() not in HONORIFICS]
    if not names_a or not names_b or _abbreviates(names_a, names_b):
        return False
    # Another name on each side: one that matches no name of the other side, however spelled.
    return unmatched(names_a, all_b) and unmatched(names_b, all_a)


def _denied_alike(denying: list[str], other: list[str]) -> bool:
    """Whether one side denies what the other tells in the same words ("has not confirmed" / "has confirmed",
    "did not attend" / "attended"). A denial of other words may say the same as the other side ("not allowed to
    drive" / "barred from driving", "did not attend" / "skipped"): no contradiction can sit on it."""
    content = [w for w in denying if w not in STOP_WORDS and not _denial(w) and len(w) > 1]
    return all(any(_one_stem(w, o) for o in other) for w in content)


def _one_stem(a: str, b: str) -> bool:
    """Two forms of one word, roughly ("attend" / "attended", "drive" / "driving")."""
    shared = min(len(a), len(b), 5)
    return a == b or (shared >= 4 and a[:shared] == b[:shared])


def figures_differ(sentence: str, claim: str) -> bool:
    """Whether the claim gives a figure the sentence, which gives figures of its own, does not ("hundreds of
    thousands" against "tens of thousands displaced"): an agreement cannot rest on such a pair (figures are the
    typed comparison's to read). Compared as words, wherever they stand: two tellings order their words freely."""
    figures_of_sentence = _figures(sentence)
    return bool(figures_of_sentence) and not _figures(claim) <= figures_of_sentence


def told_otherwise(sentence: str, claim: str) -> bool:
    """Whether the sentence gives, in so many words, another figure, another part of the day, an opposite word or
    another name of the same frame than the claim: no verifier agreement can rest on such a sentence."""
    return (
        figures_differ(sentence, claim)
        or hours_differ(sentence, claim)
        or words_opposed(sentence, claim)
        or names_swapped(sentence, claim)
    )


def _words_of_runs(text: str) -> list[list[str]]:
    return [list(run.words) for run in name_runs(text)]


def names_swapped(sentence: str, claim: str) -> bool:
    """Whether the claim gives a name of several words the sentence does not, and the sentence a name of as many
    words that differs from it only inside ("the Senate Intelligence Committee" against "the Senate Judiciary
    Committee", "Bill Clinton" against "Hillary Clinton"): another body or person of the same frame, which the
    verifier reads past (entailment 0.98). Words spelled alike are one name ("Zelenskiy" / "Zelensky")."""
    claim_runs = _words_of_runs(claim)
    written = [run for run in claim_runs if len(run) >= 2]
    if not written:
        return False
    runs = _words_of_runs(sentence)
    theirs = [run for run in runs if len(run) >= 2]
    # a word either side writes anywhere is no swap ("Bill and Hillary Clinton" against "Bill Clinton")
    in_sentence = {w.lower() for run in runs for w in run}
    in_claim = {w.lower() for run in claim_runs for w in run}
    for ours in written:
        if any(one_name(ours, other) for other in theirs):
            continue
        for other in theirs:
            if len(other) != len(ours):
                continue
            pairs = list(zip(ours, other, strict=True))
            alike = [one_name([a], [b]) for a, b in pairs]
            changed = [(a, b) for (a, b), same in zip(pairs, alike, strict=True) if not same]
            if (
                any(alike)
                and changed
                and all(a.lower() not in in_sentence and b.lower() not in in_claim for a, b in changed)
            ):
                return True
    return False


def opposed_words(sentence: str, claim: str) -> list[tuple[re.Match[str], re.Match[str]]]:
    """The words of the claim and of the sentence that say opposite things ("older" / "younger", "rose" / "fell"),
    as (claim word, sentence word) matches: a word of each side the other lacks, opposed in WordNet or the
    lexicon's table; function words are left out ("in" / "out")."""
    claim_words = {m.group().lower() for m in _TOKEN.finditer(claim)}
    sentence_words = {m.group().lower() for m in _TOKEN.finditer(sentence)}
    ours = [m for m in _TOKEN.finditer(claim) if _content(m.group()) and m.group().lower() not in sentence_words]
    theirs = [m for m in _TOKEN.finditer(sentence) if _content(m.group()) and m.group().lower() not in claim_words]
    return [(x, y) for x in ours for y in theirs if opposite(x.group().lower(), y.group().lower())]


def denies(text: str) -> bool:
    """Whether a text holds a word of denial ("not", "never", "didn't", "refused")."""
    return any(map(_denial, _TOKEN.findall(text.lower())))


def _content(word: str) -> bool:
    return word.lower() not in STOP_WORDS


def words_opposed(sentence: str, claim: str) -> bool:
    """Whether the sentence says with an opposite word what the claim says ("the younger sister" against "older
    sister", "fell" against "rose"). The verifier reads past such a word; an agreement cannot rest on it."""
    return bool(opposed_words(sentence, claim))


def hours_differ(sentence: str, claim: str) -> bool:
    """Whether the claim gives a part of the day ("on Thursday evening") and the sentence another that cannot meet
    it ("in an early-morning tweet"): the verifier reads past such a word, and the typed comparison of times reads
    a part of the day only beside its day."""
    ours, theirs = _day_parts(claim), _day_parts(sentence)
    return bool(ours and theirs) and not stretches_meet(ours, theirs)


def _day_parts(text: str) -> list[tuple[int, int]]:
    return [span for w in _TOKEN.findall(text.lower()) if w in DAY_PART_NAMES for span in DAY_PARTS[w]]


def figures_unstated(sentence: str, claim: str) -> bool:
    """Whether the claim gives a count or amount the sentence does not state at all ("tens of thousands of people
    were evacuated" against "people were evacuated overnight"): the trained verifier reads such a pair as
    entailment, but nothing in the sentence confirms the figure. Years are left to the typed comparison of times
    (a telling often leaves the year to its context), and the value one to the other words it is ("one of")."""
    stated = _figures(sentence)
    return any(f not in stated and not _year_or_one(f) for f in _figures(claim))


def figures_stated(sentence: str, claim: str) -> bool:
    """Whether the claim gives figures (years included, the value one not) and the sentence states every one of
    them ("137 town hall meetings" in "a run of 137 town-hall-style meetings"): the values are confirmed as
    words even where the typed comparison finds no slot the two share (the counted thing named otherwise)."""
    claimed = {f for f in _figures(claim) if parse_number(f) != 1}
    return bool(claimed) and claimed <= _figures(sentence)


def _year_or_one(figure: str) -> bool:
    if figure.isdigit() and len(figure) == 4 and figure[:2] in ("19", "20"):
        return True
    return parse_number(figure) == 1


def _figures(text: str) -> set[str]:
    # Thousands separators dropped first, so "1,200" is one word, as "1200" is; a number written in two words
    # joined by a hyphen ("Twenty-three") is the one figure it writes, as "23" is.
    text = _HYPHENED_NUMBER.sub(_as_digits, text.replace(",", ""))
    return {_figure_key(w) for w in _FIGURE_TOKEN.findall(text) if is_figure(w)}


_HYPHENED_NUMBER = re.compile(r"\b([a-z]+)-([a-z]+)\b", re.IGNORECASE)


def _as_digits(match: re.Match[str]) -> str:
    value = parse_number(match.group().lower())
    number_words = all(parse_number(part.lower()) is not None for part in match.groups())
    return str(int(value)) if number_words and value is not None and value == int(value) else match.group()


def _figure_key(word: str) -> str:
    """A figure as compared: a number word as its digits ("five" / "5"), a plural without its "s" ("1990s")."""
    plain = word.replace(",", "").lower()
    return str(NUMBER_WORDS[plain]) if plain in NUMBER_WORDS else plain.removesuffix("s")


def _names(text: str) -> list[str]:
    """Every capitalised word but the first (however the sentence starts), honorifics left out."""
    return [t for t in _TOKEN.findall(text)[1:] if t[:1].isupper() and t.lower() not in HONORIFICS]


def has_contrast(a: str, b: str) -> bool:
    """Whether a sentence and a claim differ somewhere a contradiction can sit (see ``_contrast``)."""
    contrasts, _ = _contrasts(a, b)
    return any(contrasts)


def can_contradict(a: str, b: str) -> bool:
    """Two close sentences are read for a contradiction only when they are one telling with things changed, and
    every change is another figure, another name, another role, a denial, or a word with the opposite meaning. Other
    rewordings ("flown" / "been flying", "Dravenia's team" / "Dravenia is represented by a team") and phrases
    only one of them has ("Mr.", "he added", "because ...") are how outlets write the same fact; two tellings in
    their own words differ in many places, and the verifier reads such pairs as contradictions far too often."""
    contrasts, count = _contrasts(a, b)
    if count >= 2 and _other_named_subject(a, b):
        return False  # "The new Velmar Phone has a 5.5-inch screen" / "The new Velmar Tab has a 12-inch screen"
    # several changes, each of them another value and none a rewording: the same telling with several facts
    # changed ("said Steve Emerson ... British PM David Cameron" / "said Daniel Pipes ... British Home Secretary"),
    # or one change of direction told twice ("rose to an all-time high" / "dropped to an all-time low")
    return count >= 1 and all(contrasts)


def _other_named_subject(a: str, b: str) -> bool:
    """Whether two tellings open on different names (their first words, where English puts the subject: "The new
    Velmar Phone has" / "The new Velmar Tab has"): with another change beside it, each tells its own thing's fact,
    not one fact two ways."""
    words_a, words_b = _TOKEN.findall(a)[:4], _TOKEN.findall(b)[:4]
    matcher = SequenceMatcher(a=[w.lower() for w in words_a], b=[w.lower() for w in words_b], autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "replace":
            return bool(_subject_names(words_a[a0:a1]) and _subject_names(words_b[b0:b1]))
    return False


# a capitalised word that is no name: a sentence's first function word or a title
_NOT_SUBJECT_NAMES = STOP_WORDS | HONORIFICS


def _subject_names(words: list[str]) -> list[str]:
    # a capitalised word that is a name: not a function word, a title or a figure ("Two boats")
    return [w for w in words if w[:1].isupper() and w.lower() not in _NOT_SUBJECT_NAMES and not is_figure(w)]


def _contrasts(a: str, b: str) -> tuple[Iterator[bool], int]:
    """Whether each change between two tellings is one a contradiction can sit on (read lazily, in order), and how
    many changes touch a content word or a negation."""
    changes, count = _changes(a, b)
    all_a, all_b = _names(a), _names(b)
    same, implied = _figures_alike(a, b, changes), (_implied_denials(a), _implied_denials(b))
    return (_contrast(change, all_a, all_b, same, implied) for change in changes), count


def _figures_alike(a: str, b: str, changes: list[tuple[list[str], list[str], list[str], list[str]]]) -> bool:
    """``_same_figures``, read only where a change touches a figure (a check reads a dozen sentence pairs)."""
    return any(map(is_figure, (w for change in changes for w in change[0] + change[1]))) and _same_figures(a, b)


# a figure as written, with its thousands separators ("1,000"), for its place in the text
_WRITTEN_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)*[^\W_]*|[^\W_]+")


def _same_figures(a: str, b: str) -> bool:
    """Whether two tellings give the same figures, however written: each figure of one has one of the same kind
    and value in the other ("132 miles" / "about 212 kilometres", "four" / "4")."""
    amounts_a, amounts_b = find_amounts(a), find_amounts(b)

    def met(x: Amount, others: list[Amount]) -> bool:
        # the value as written, to the rounding of a conversion (132 miles is 212.4 km): "more than 80" and "more
        # than 60" overlap, yet they are two figures
        return any(
            x.dimension == y.dimension
            and x.anchor is not None
            and y.anchor is not None
            and abs(x.anchor - y.anchor) <= 0.01 * max(abs(x.anchor), abs(y.anchor))
            for y in others
        )

    def within(text: str, amounts: list[Amount], other: str) -> bool:
        # every figure the other side does not write is part of an amount read here: a year, a day of the month or
        # a clock time is none ("in 2012" / "in 2013" beside the same "40 people" are two figures)
        theirs = _figures(other)
        return all(
            any(x.start <= m.start() < x.end for x in amounts)
            for m in _WRITTEN_FIGURE.finditer(text)
            if is_figure(m.group()) and _figure_key(m.group()) not in theirs
        )

    return (
        bool(amounts_a)
        and all(met(x, amounts_b) for x in amounts_a)
        and all(met(y, amounts_a) for y in amounts_b)
        and within(a, amounts_a, b)
        and within(b, amounts_b, a)
    )


def _abbreviates(a: list[str], b: list[str]) -> bool:
    """ "UN" and "United Nations": one side is the other's initials."""
    initials_a, initials_b = "".join(w[0] for w in a).upper(), "".join(w[0] for w in b).upper()
    return any(w.upper() == initials_b for w in a) or any(w.upper() == initials_a for w in b)
