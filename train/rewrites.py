"""Rewrites of a news sentence for the verifier's training pairs (``train/news_pairs.py``): the changes that
contradict it (a figure or a date changed, a span replaced) and those that keep its meaning (number words, surname
only, attribution moved, exact unit conversions, a phrase or a clause set off by commas left out, voice and
contractions), with the verb inflection they need. Pure functions of a parsed sentence (spaCy) and its text.
"""

from __future__ import annotations

import random
import re

from factcheck.claims import wordnet
from factcheck.claims.lexicon import MONTHS, NUMBER_WORDS, ORDINAL_WORDS, WEEKDAYS
from factcheck.claims.names import COURTESY_TITLES, GENERATIONAL_SUFFIXES
from train import paraphrase

_WEEKDAYS = tuple(day.capitalize() for day in WEEKDAYS)
_MONTHS = tuple(month.capitalize() for month in MONTHS)
_DIGIT_WORDS = {str(v): w for w, v in NUMBER_WORDS.items() if 1 < v <= 12}
_WORD_DIGITS = {w: str(v) for w, v in NUMBER_WORDS.items() if 1 < v <= 12}
# The whole figure: "25,000 miles" is not "000 miles" (a bare \b after the comma made "25,about 0.0 kilometres").
_MILES = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?) (miles|kilometers|kilometres|km)\b")
_APPROXIMATE_BEFORE = re.compile(r"\b(?:about|around|roughly|some|approximately|nearly|almost)\s+$", re.IGNORECASE)
_SAID_AT_END = re.compile(
    r"^(?P<body>[A-Z].{20,}?),[\"”]? (?P<who>(?:[A-Z][\w.'-]*\s?){1,4}|(?:the |a )?[a-z][\w ]{2,30}) (?:said|says)\.$"
)
_SAID_AT_START = re.compile(r"^(?P<who>(?:[A-Z][\w.'-]*\s?){1,4}) (?:said|says) (?:that )?(?P<body>[a-z].{20,})$")


def replace_span(sentence: str, start: int, end: int, new: str) -> str:
    return sentence[:start] + new + sentence[end:]


def changed_number(text: str, rng: random.Random) -> str | None:
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if match is None:
        return None
    raw = match.group()
    value = float(raw.replace(",", ""))
    if 1900 <= value <= 2030 and "," not in raw and "." not in raw:
        new_value = value + rng.choice((-3, -2, -1, 1, 2))
    elif value < 20 and "." not in raw:
        new_value = value + rng.choice((-3, -2, -1, 1, 2, 3, 5))
        if new_value <= 0:
            new_value = value + 4
    else:
        new_value = value * rng.choice((0.5, 0.6, 0.7, 0.8, 1.25, 1.5, 2.0, 3.0))
    if "." in raw:
        new = f"{new_value:.{len(raw.split('.')[1])}f}"
    else:
        new = f"{round(new_value):,}" if "," in raw else str(round(new_value))
    if new == raw:
        return None
    return text[: match.start()] + new + text[match.end() :]


def changed_date(text: str, rng: random.Random) -> str | None:
    for names in (_WEEKDAYS, _MONTHS):
        for name in names:
            if re.search(rf"\b{name}\b", text):
                other = rng.choice([n for n in names if n != name])
                return re.sub(rf"\b{name}\b", other, text, count=1)
    return changed_number(text, rng)


def change_between(text: str, changed: str) -> tuple[int, int, str]:
    """Where ``changed`` differs from ``text``: (start, end) in ``text`` and what stands there instead."""
    prefix = next(
        (i for i, (a, b) in enumerate(zip(text, changed, strict=False)) if a != b), min(len(text), len(changed))
    )
    suffix = 0
    while suffix < min(len(text), len(changed)) - prefix and text[-1 - suffix] == changed[-1 - suffix]:
        suffix += 1
    return prefix, len(text) - suffix, changed[prefix : len(changed) - suffix]


def _voice_changed(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    if claim != sent.text:  # the parse is of the sentence as written
        return None
    return paraphrase.passive(sent) or paraphrase.active(sent)


def _contracted(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    return paraphrase.contractions(claim)


FORM_REWRITES = [_voice_changed, _contracted, paraphrase.acronym]
# Prepositions of what two parties do together: swapping them changes nothing ("talks with"; the verbs are
# lexicon.RECIPROCAL_VERBS).
TOGETHER_PREPOSITIONS = frozenset({"with", "between", "among", "alongside", "against", "and"})


def titled_span(sent, ent) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """An entity's offsets in its sentence with the courtesy title before it ("Mr. Fox")."""
    start = ent.start_char - sent.start_char
    before = sent.doc[ent.start - 1] if ent.start > sent.start else None
    if before is not None and before.lower_.rstrip(".") in COURTESY_TITLES:
        start = before.idx - sent.start_char
    return start, ent.end_char - sent.start_char


def droppable(sent) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """A trailing prepositional phrase or an apposition whose removal leaves a true, shorter sentence."""
    root = sent.root
    for child in reversed(list(root.children)):
        if child.dep_ == "prep" and child.i > root.i and _circumstance(child):
            tokens = list(child.subtree)
            if len(tokens) >= 2 and tokens[-1].i + 1 < sent.end and sent.doc[tokens[-1].i + 1].is_punct:
                return tokens[0].idx - sent.start_char, tokens[-1].idx + len(tokens[-1].text) - sent.start_char
    for token in sent:
        if token.dep_ == "appos":
            tokens = list(token.subtree)
            first, last = tokens[0], tokens[-1]
            if (
                first.i > sent.start
                and sent.doc[first.i - 1].text == ","
                and last.i + 1 < sent.end
                and sent.doc[last.i + 1].text == ","
            ):
                return first.idx - 2 - sent.start_char, last.idx + len(last.text) + 1 - sent.start_char
    return None


def drop_spans(sent) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Every stretch whose removal leaves a true, shorter sentence: the phrase ``droppable`` finds, and relative or
    adverbial clauses set off by commas ("Smith, who chairs the panel, said ..." -> "Smith said ...")."""
    spans = [s for s in [droppable(sent)] if s is not None]
    for token in sent:
        if token.dep_ not in ("relcl", "advcl") or token.head.i < sent.start:
            continue
        tokens = list(token.subtree)
        first, last = tokens[0], tokens[-1]
        before = sent.doc[first.i - 1] if first.i > sent.start else None
        after = sent.doc[last.i + 1] if last.i + 1 < sent.end else None
        if before is not None and before.text == "," and after is not None and after.text in (",", "."):
            # "Smith, who chairs the panel, said" -> "Smith said"; "a loss, which ... ." -> "a loss."
            end = after.idx + 1 if after.text == "," else last.idx + len(last.text)
            spans.append((before.idx - sent.start_char, end - sent.start_char))
        elif before is None and after is not None and after.text == "," and token.dep_ == "advcl":
            # "After the talks collapsed, ..." -> drop with the comma after it
            spans.append((0, after.idx + 1 - sent.start_char))
    return sorted(set(spans))


def same_stem(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


_PRONOUNS = frozenset("i you he she it we they this that there who".split())


def _circumstance(prep) -> bool:  # type: ignore[no-untyped-def]
    """A phrase of time, place or attribution that a sentence keeps its claim without."""
    if prep.lower_ == "according":
        return True
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and objects[0].ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC")


def tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r"[,;:]+([.!?])", r"\1", text)
    return " ".join(text.split())


def number_words(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    for token in re.finditer(r"\b([A-Za-z]+|\d+)\b", claim):
        word = token.group()
        # a digit inside a figure, a clock time, a date or a range is no number of its own ("2:10 pm", "2.5",
        # "1/2", "2011-12")
        after, before = claim[token.end() : token.end() + 1], claim[max(0, token.start() - 4) : token.start()]
        following = re.match(r"-(\w+)|\s+(hundred|thousand|million|billion)\b", claim[token.end() :])
        joined = following.group(1) if following else None  # the word a hyphen joins to this one
        if re.search(r"-$|\bNo\. $", before) or (following and following.group(2)) or joined in NUMBER_WORDS:
            continue  # part of a number ("eighty-four", "five hundred", "2011-12") or a rank ("No. 3")
        if word in _DIGIT_WORDS and not re.match(r"[\d.,:/]", after) and not re.search(r"[\d.,:/$]$", before):
            return claim[: token.start()] + _DIGIT_WORDS[word] + claim[token.end() :]
        # a fraction is written in words or as one figure ("two-thirds", never "2-thirds")
        if joined is not None and (joined.lower().removesuffix("s") in ORDINAL_WORDS or joined == "half"):
            continue
        if word.lower() in _WORD_DIGITS and word.islower():
            return claim[: token.start()] + _WORD_DIGITS[word.lower()] + claim[token.end() :]
    match = re.search(r"\b(\d+) percent\b", claim)
    if match:
        return claim[: match.start()] + f"{match.group(1)}%" + claim[match.end() :]
    return None


def surname_only(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    for ent in sent.ents:
        # the surname, not a generational suffix after it ("Robert S. Mueller III" -> "Mueller")
        parts = [p for p in ent.text.split() if p.lower().rstrip(".,") not in GENERATIONAL_SUFFIXES]
        if ent.label_ == "PERSON" and len(parts) >= 2 and ent.text in claim and parts[-1][0].isupper():
            return claim.replace(ent.text, parts[-1], 1)
    return None


def attribution_moved(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    match = _SAID_AT_END.match(claim)
    if match and match.group("who").strip().lower() not in _PRONOUNS:
        body = match.group("body").strip('"“” ')
        return f"According to {match.group('who').strip()}, {body[0].lower() + body[1:]}."
    match = _SAID_AT_START.match(claim)
    if match and match.group("who").strip().lower() not in _PRONOUNS:
        return f"According to {match.group('who').strip()}, {match.group('body')}"
    return None


def unit_converted(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    match = _MILES.search(claim)
    if match is None:
        return None
    value, unit = float(match.group(1).replace(",", "")), match.group(2)
    if unit == "miles":
        converted = f"{value * 1.609344:,.0f} kilometres" if value >= 10 else f"{value * 1.609344:.1f} kilometres"
    else:
        converted = f"{value / 1.609344:,.0f} miles" if value >= 10 else f"{value / 1.609344:.1f} miles"
    before = claim[: match.start()]
    if not _APPROXIMATE_BEFORE.search(before):  # a figure already said to be approximate keeps its one word
        converted = f"about {converted}"
    return before + converted + claim[match.end() :]


_IRREGULAR_PAST = {
    "raise": "raised",
    "cut": "cut",
    "win": "won",
    "lose": "lost",
    "rise": "rose",
    "fall": "fell",
    "buy": "bought",
    "sell": "sold",
    "begin": "began",
    "end": "ended",
    "leave": "left",
    "find": "found",
    "deny": "denied",
    "hold": "held",
    "drop": "dropped",
    "stop": "stopped",
    "shut": "shut",
    "send": "sent",
    "keep": "kept",
    "give": "gave",
    "take": "took",
    "spend": "spent",
    "go": "went",
    "come": "came",
    "see": "saw",
    "get": "got",
    "make": "made",
    "say": "said",
    "tell": "told",
}
_IRREGULAR_PARTICIPLE = {
    "rise": "risen",
    "fall": "fallen",
    "win": "won",
    "lose": "lost",
    "begin": "begun",
    "give": "given",
    "take": "taken",
    "go": "gone",
    "see": "seen",
    "get": "gotten",
    "shut": "shut",
    "cut": "cut",
    "hold": "held",
    "find": "found",
    "sell": "sold",
    "buy": "bought",
    "leave": "left",
    "keep": "kept",
    "send": "sent",
    "spend": "spent",
    "come": "come",
    "make": "made",
    "say": "said",
    "tell": "told",
}


def _listed(lemma: str, suffix: str) -> str | None:
    """The form WordNet's exception list writes for the lemma with this ending ("admitted", "stopping")."""
    return next((f for f in wordnet.exception_forms(lemma, "v") if f.endswith(suffix)), None)


def _consonant_y(lemma: str) -> bool:
    """A lemma ending in a consonant and "y", whose "y" turns to "i" before an ending ("supply": "supplied")."""
    return lemma.endswith("y") and lemma[-2:-1] not in "aeiou"


def _regular_past(lemma: str) -> str:
    listed = _listed(lemma, "ed")
    if listed is not None:
        return listed
    if lemma.endswith("e"):
        return lemma + "d"
    if _consonant_y(lemma):
        return lemma[:-1] + "ied"
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma) and len(lemma) <= 4:
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def with_s(word: str) -> str:
    """The regular "-s" form of a verb's third person or a noun's plural: "supplies", "taxes", "talks"."""
    if _consonant_y(word):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s")


def inflect_lemma(lemma: str, tag: str) -> str | None:
    if tag == "VBD":
        return _IRREGULAR_PAST.get(lemma, _regular_past(lemma))
    if tag == "VBN":
        return _IRREGULAR_PARTICIPLE.get(lemma, _IRREGULAR_PAST.get(lemma, _regular_past(lemma)))
    if tag == "VBZ":
        return with_s(lemma)
    if tag in ("VBP", "VB"):
        return lemma
    if tag == "VBG":
        listed = _listed(lemma, "ing")
        if listed is not None:
            return listed
        return (lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma) + "ing"
    return None


def inflect(token, tag: str) -> str | None:  # type: ignore[no-untyped-def]
    return inflect_lemma(token.lemma_.lower(), tag)
