"""What a sentence's article already says: names a claim gives that the sentence leaves to its context.

A news sentence names the people and bodies of its story once and then leaves them to the reader: "Gowdy set a
May 1 deadline for the interview" stands in an article about Hillary Clinton, and a journalist reads it as
stating "Trey Gowdy gave Hillary Clinton until May 1 to sit for the interview". The trained verifier reads the
sentence alone, so a name it does not find there is something the sentence does not say, and it reads the claim
as merely neutral (entailment 0.12). Where the sentence's own article names that person or body, the verifier
reads the claim with the name written as "the person" or "the group", as the sentence leaves it.

Only names that are context are read so: not the claim's subject (who did or said it is what a claim asserts;
"Gattine said LePage should resign" is not stated by a sentence in which LePage speaks), and not a name after
"in", "at" or "from" (where something happened is a fact to check, "a speech from the Oval Office"). Measured on
the BASIL dev and seen splits only (``docs/evaluation.md``): dev 0.767 -> 0.771 and seen 0.583 -> 0.603, agree
precision 0.992 and 0.910 -> 0.919; with subjects read so as well, agree precision fell to 0.950 and 0.881.

A name that only says which thing a common noun means ("drop out of the Harbour Council race") is context in the
same way: a sentence writing "withdraw from the race" in an article about that race leaves it to its article, and
the verifier reads the claim without it (``_qualifiers``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from factcheck.claims.names import ascii_fold, fold_key, person_name, spells_out, undotted
from factcheck.claims.ranks import with_indefinite
from factcheck.name_forms import people_named

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Entity labels a story names and then leaves to context, and how the verifier reads them when it does.
_STAND_INS = {"PERSON": "the person", "ORG": "the group"}
#: Prepositions whose object is where something happened: a fact to check, never context.
_LOCATIVE = frozenset({"in", "at", "from", "near", "inside", "outside", "on", "into", "across"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
# "the" before a name read as "the person" / "the group", and an apostrophe of a plural possessive ("the Clintons'").
_THE_BEFORE = re.compile(r"\b[Tt]he $")
_BARE_APOSTROPHE = re.compile(r"['\u2019](?!s\b)")
# A quotation mark opening a quote or a title ("on the show 'The Apprentice'", "to say 'radical Islam'"), and
# one closing it.
_OPENING = re.compile(r"(?:^|(?<=\s))['\"\u2018\u201c]")
_CLOSING = re.compile(r"['\"\u2019\u201d](?=\s|$|[.,;:?!])")
# Enough of a sentence to find its article by (``evidence_key``).
_TAIL = 40


@dataclass(frozen=True)
class ContextName:
    """A name of the claim an article may supply: where it stands in the claim and as written, the word it is found by
    (a surname, a body's last word), and the words the verifier reads in its place."""

    start: int
    text: str
    word: str
    stand_in: str


def context_names(doc: Doc | Span) -> tuple[ContextName, ...]:
    """The people and bodies a parsed claim (a document, or a sentence of one) names other than as its subject or as
    where something happened, and the names that only qualify a noun (``_qualifiers``); offsets from the claim's
    start."""
    offset: int = getattr(doc, "start_char", 0)  # a sentence of a document counts from its own start
    qualifiers = _qualifiers(doc, offset)
    qualifying = {q.start + i for q in qualifiers for i in range(len(q.text))}
    found = list(qualifiers)
    for entity in doc.ents:
        stand_in = _STAND_INS.get(entity.label_)
        token = entity.root
        if stand_in is None or any(t.idx - offset in qualifying for t in entity) or _qualifying(token):
            continue
        name = _name_words(entity)
        if name is None or _quoted(doc.text[: name.start_char - offset]) or _of_a_title(token) or _hyphened(name):
            continue  # an identifier ("SB 1062"), a quoted title ("'The Apprentice'"), "Secretary of State X"
        if _in_title(token):
            # "FBI Director Christopher Wray": which office the person holds, left to the article as a qualifier is
            found.append(ContextName(name.start_char - offset, name.text, _key(name[-1].text), ""))
            continue
        while token.dep_ == "conj" and token.head is not token:  # "Clinton and Obama kept ...": both subjects
            token = token.head
        if (token.dep_ in _SUBJECTS and _main_clause(token.head)) or (
            token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE
        ):
            continue
        word = _key(name[-1].text)
        if word:
            found.append(ContextName(name.start_char - offset, name.text, word, stand_in))
    return tuple(found)


def _main_clause(verb: Token) -> bool:
    """Whether a verb is the claim's own (its root, or one coordinated with it): its subject is who did or said what
    the claim asserts. The subject of a clause it reports or embeds ("Santorum said he accepts that President Obama
    is a Christian") is a name like any other, which a sentence may leave to its article ("the president")."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _name_words(entity: Span) -> Span | None:
    """An entity's words without a determiner before them or a possessive after them ("the George Washington
    Bridge", "Christie's": the stand-in takes the claim's own "the" and "'s"); None for an identifier with a digit
    ("SB 1062", "H.R. 5"), which is a fact to check, not a name to leave to the article."""
    start, end = entity.start, entity.end
    if entity[0].lower_ == "the":
        start += 1
    if end - start > 1 and entity.doc[end - 1].tag_ == "POS":
        end -= 1
    words = entity.doc[start:end]
    if not len(words) or any(ch.isdigit() for ch in words.text):
        return None
    return words


def _joined_by_hyphen(first: Token, second: Token) -> bool:
    return second.i == first.i + 2 and first.nbor().text == "-" and not first.whitespace_


def _hyphened(words: Span) -> bool:
    """Whether a name is joined by a hyphen to the word beside it ("an NBC-Wall Street Journal poll"): one
    compound name, read as written."""
    text = words.doc.text
    return text[words.start_char - 1 : words.start_char] == "-" or text[words.end_char : words.end_char + 1] == "-"


def _quoted(before: str) -> bool:
    """Whether a name stands inside a quotation the claim opened before it: words quoted are the quote's own."""
    opened = [m.end() for m in _OPENING.finditer(before)]
    return bool(opened) and _CLOSING.search(before, opened[-1]) is None


def _in_title(token: Token) -> bool:
    """Whether a name is part of the title before a person's name ("FBI Director Christopher Wray", "Senate
    Minority Leader Harry Reid"): the compound chain it heads reaches the person."""
    start = token
    while token.dep_ in ("compound", "nmod") and token.head is not token:
        token = token.head
    return token is not start and token.ent_type_ == "PERSON"


def _of_a_title(token: Token) -> bool:
    """A name after "of" in a title ("Secretary of State Colin Powell"): the office's name, left as written."""
    return token.dep_ == "pobj" and token.head.lower_ == "of" and _in_title(token.head.head)


def _qualifiers(doc: Doc | Span, offset: int) -> list[ContextName]:
    """Names written before a common noun to say which one it is ("the Harbour Council race", "the permanent
    Senate seat"): a sentence that leaves them out ("withdraw from the race", "seek the permanent office") leaves
    them to its article as it does a person named once, so where the article writes them the verifier reads the
    claim without them (their stand-in is nothing). Each name (an entity, or one proper noun) is read on its own.
    Not a place, a time or a figure ("the Boston law firm", "Tuesday night": facts to check, as after "in"), nor a
    nationality or party, which narrows what is meant ("tens of thousands of Russian soldiers" against "of
    soldiers on both sides"), nor any name before a counted noun. Before this, such a name was read as "the group"
    or "the person" in its place ("the Missouri the group race"). Measured on the BASIL dev and seen splits
    (docs/evaluation.md, session 26): dev 0.798 -> 0.803, seen alike; with nationalities, a seed probe was lost."""
    found = []
    for token in doc:
        if token.pos_ != "NOUN" or any(child.dep_ == "nummod" for child in token.children):
            continue  # a name before a counted noun sets what is counted ("12 Velmar workers"): scope, not context
        words = [
            word
            for child in token.lefts
            if child.dep_ in ("compound", "amod")
            for word in child.subtree
            if word.pos_ == "PROPN" and word.ent_type_ not in _FACT_ENTITIES
        ]
        names: list[list[Token]] = []
        for word in sorted(words, key=lambda t: t.i):
            # one run of proper nouns is one name, and so are names joined by a hyphen ("the Obama-Sanders meeting")
            if names and (names[-1][-1].i == word.i - 1 or _joined_by_hyphen(names[-1][-1], word)):
                names[-1].append(word)
            else:
                names.append([word])
        for name in names:
            span = token.doc[name[0].i : name[-1].i + 1]
            # a compound of names is read away when the sentence lacks its first ("Obama" of "Obama-Sanders")
            key = _key(name[0].text if "-" in span.text else name[-1].text)
            if key and not _hyphened(span):
                found.append(ContextName(name[0].idx - offset, span.text, key, ""))
    return found


def _qualifying(token: Token) -> bool:
    """Whether a name stands before a common noun to say which one it is: read away or kept, never a stand-in
    ("the Kastavia the group race")."""
    return token.dep_ in ("compound", "amod") and token.head.pos_ == "NOUN"


#: Entities that are facts of their own wherever they stand: times, figures and places ("Tuesday night", "the
#: Boston law firm": where a thing is, as after "in", is a fact to check).
_FACT_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT", "GPE", "LOC", "FAC"})


class ArticleContext:
    """The claim's context names, and where to find the article of a sentence the verifier reads, for one check."""

    def __init__(self, names: Sequence[ContextName], article_of: Callable[[str], str | None]) -> None:
        """``article_of`` gives the text of the article a sentence (or passage) comes from, or None; it is asked
        only for a sentence that leaves out a context name."""
        self._names = sorted(names, key=lambda n: -n.start)
        self._article_of = article_of

    def claim_for(self, claim: str, evidence: str) -> str:
        """``claim`` with each context name the evidence does not write, but its article does, read as its
        stand-in; the claim unchanged when the evidence's article is unknown. ``claim`` may be the check's claim
        with a figure, time or place rewritten (``factcheck.restated``): a name is found where it is written closest
        to where the check's claim has it."""
        sentence = _normalised(evidence)
        missing = [name for name in self._names if not _writes(sentence, evidence, name)]
        if not missing:
            return claim
        text = self._article_of(evidence)
        if text is None:
            return claim
        article = _normalised(text)
        for name in missing:
            if _writes(article, text, name):
                claim = _replaced(claim, name, _stand_in(name, text))
        return claim

    def article_writes(self, evidence: str, word: str) -> bool | None:
        """Whether the article of ``evidence`` writes ``word`` (a surname) anywhere; None when it is unknown."""
        text = self._article_of(evidence)
        return None if text is None else _has_word(_normalised(text), _key(word))

    def people_left_to_article(self, evidence: str) -> dict[str, str]:
        """The people of the claim that are context names the evidence does not write and its article does, keyed
        as typed claims key them, with the name as the claim writes it ({"person:yacxon": "Jackson"} for
        "Sentencing has been set for June 28" in an article about Jackson, against "Jackson's sentencing hearing");
        empty when the article is unknown."""
        sentence = _normalised(evidence)
        missing = [n for n in self._names if n.stand_in and not _writes(sentence, evidence, n)]
        text = self._article_of(evidence) if missing else None
        if text is None:
            return {}
        article = _normalised(text)
        return {f"person:{fold_key(n.word)}": n.text for n in missing if _writes(article, text, n)}

    def left_to_article(self, evidence: str, stem: str) -> bool:
        """Whether a word of the claim beginning with ``stem`` (a name as the typed claims key it: "holding",
        "fbi") belongs to one of its context names (a qualifier as well: "Senate" of "the Missouri Senate race"),
        and the article of ``evidence`` writes it; False when the article is unknown. Other names (the claim's
        subject, where something happened) are what the sentence itself must give."""
        pattern = _stem_pattern(stem)
        if not any(pattern.search(_normalised(name.text)) for name in self._names):
            return False
        text = self._article_of(evidence)
        return text is not None and pattern.search(_normalised(text)) is not None


def evidence_key(text: str) -> str:
    """What finds a sentence's article whichever way the verifier reads it: the end of its words (a pronoun subject
    spelled out changes its start; a passage of two sentences ends as its later one does)."""
    return _normalised(text)[-_TAIL:]


def _stand_in(name: ContextName, article: str) -> str:
    """How the verifier reads a context name: a body the parser took a person for is still "the group" unless the
    article names a person of that surname with a given name or a title ("Rep. Michael Grimm", "Mr. Grimm"): the
    small parser tags many surnames standing alone as organisations ("Grimm's campaign")."""
    if name.stand_in != _STAND_INS["ORG"] or " " in name.text:
        return name.stand_in
    person = person_name(name.text)
    return _STAND_INS["PERSON"] if person is not None and person.surname in people_named(article) else name.stand_in


def _replaced(claim: str, name: ContextName, stand_in: str) -> str:
    written = [m.start() for m in re.finditer(re.escape(name.text), claim)]
    if not written:
        return claim
    at = min(written, key=lambda start: abs(start - name.start))
    end = at + len(name.text)
    if not stand_in:  # a qualifier is left out, with the space after it ("an NBC poll": "a poll")
        end += len(claim[end:]) - len(claim[end:].lstrip(" "))
        return with_indefinite(claim[:at], claim[end:]) + claim[end:]
    if (the := _THE_BEFORE.search(claim[:at])) is not None:  # "left the FBI": "left the group", not "the the group"
        at = the.start()
        stand_in = the.group()[0] + stand_in[1:]
    if _BARE_APOSTROPHE.match(claim[end:]):  # "The Clintons' tax rate": "the person's"
        stand_in += "'s"
        end += 1
    return claim[:at] + stand_in + claim[end:]


def _key(word: str) -> str:
    return ascii_fold(_POSSESSIVE.sub("", word)).lower().strip(".,")


@lru_cache(maxsize=64)
def _normalised(text: str) -> str:
    return " ".join(undotted(ascii_fold(text)).lower().split())


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(word)}\b")


@lru_cache(maxsize=4096)
def _stem_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(stem)}")


def _has_word(text: str, word: str) -> bool:
    return _word_pattern(word).search(text) is not None


def _writes(normalised: str, text: str, name: ContextName) -> bool:
    """Whether a text writes a name's word, or spells out the name its initials abbreviate ("the Federal Bureau of
    Investigation" for "FBI")."""
    return _has_word(normalised, name.word) or spells_out(name.text, text)
