"""Whom "he" or "she" means, or "the congressman": the person a sentence's pronoun subject refers back to.

News copy names a person once and goes on with "He was the fourth person charged ...", "She sued him in 2014".
Read alone, such a sentence names no one: it cannot confirm or contradict a claim about Flynn, and the trained
verifier reads "He" against "Flynn" as another person. The referent is the person named as the subject of a
recent sentence of the same article (the commonest antecedent of a subject pronoun in news), when no honorific
says otherwise ("Mrs. Clinton" is no "he"). It is recorded with the sentence's statement; the evidence shown is
always the sentence as written.

A subject written as a description of one person ("The Republican congressman is facing a 5 p.m. deadline", "the
former governor said") refers back the same way, to the person named as the subject of the sentence just before
(news copy varies its references: "Akin ... The congressman ..."), and is read as the description with the name
("Republican congressman Todd Akin is facing ...").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from factcheck.claims import wordnet
from factcheck.claims.people import person_spans

_PRONOUNS = {"he": "m", "she": "f"}
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m", "lady": "f"}
#: Sentences a named subject stays the referent of a pronoun without being named again.
_REACH = 2
#: ... and of a description: only the sentence right after it (a description may mean another holder of the post).
_DESCRIPTION_REACH = 0
#: Names that say whose post a description gives ("the Velmar spokesman"); a party or a figure does not.
_OWNERS = frozenset({"PERSON", "ORG", "GPE", "FAC", "LOC"})


@dataclass(frozen=True)
class Referent:
    name: str  # the person as named ("Michael Flynn")
    start: int  # the pronoun's offsets in the sentence
    end: int


@dataclass
class Antecedents:
    """The person last named as a subject in an article read in order, and how many sentences ago."""

    name: str | None = None
    gender: str | None = None
    age: int = 0
    # the other people the sentence naming the subject names, each with the gender an honorific gives
    others: tuple[tuple[str, str | None], ...] = ()

    def resolve(self, sentence: Span) -> Referent | None:
        """The referent of the sentence's pronoun subject, if it has one and a recent sentence named someone."""
        pronoun = _pronoun_subject(sentence)
        if pronoun is None:
            described = _described_subject(sentence)
            if described is None or self.name is None or self.age > _DESCRIPTION_REACH:
                return None
            start = described.start_char - sentence.start_char
            return Referent(self.name, start, start + len(described.text))
        if self.name is None or self.age > _REACH:
            return None
        name, gender = self.name, _PRONOUNS[pronoun.lower_]
        if self.gender is not None and self.gender != gender:
            # "Mr. Farenthold had been accused ... by Lauren Greene. She sued him": the subject is ruled out, and
            # the one other person that sentence names, if no honorific rules her out too, is meant
            others = [n for n, g in self.others if g in (None, gender)]
            if len(self.others) != 1 or len(others) != 1:
                return None
            name = others[0]
        start = pronoun.idx - sentence.start_char
        return Referent(name, start, start + len(pronoun))

    def read(self, sentence: Span) -> None:
        """Take the sentence's named subject as the referent of what follows."""
        named = _named_subject(sentence)
        if named is not None:
            self.name, self.gender = named
            self.age = 0
            self.others = tuple(
                (span.text, _gender_before(sentence, span)) for span in person_spans(sentence) if span.text != self.name
            )
        else:
            self.age += 1


def _pronoun_subject(sentence: Span) -> Token | None:
    root = sentence.root
    return next(
        (c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in _PRONOUNS),
        None,
    )


def _described_subject(sentence: Span) -> Span | None:
    """The subject of the main verb when it describes one person by a noun after "the" ("The Republican
    congressman", "the former governor"), with no name in it: its words from "the" to the noun."""
    root = sentence.root
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ != "NOUN" or subject.tag_ != "NN" or not wordnet.is_person_noun(subject.lower_):
        return None
    first = subject.left_edge
    if first.lower_ != "the" or subject.right_edge.i != subject.i:
        return None  # "the congressman from Missouri", "the man who ...": another person may be meant
    if any(
        t.ent_type_ in _OWNERS or (t.pos_ == "PROPN" and t.ent_type_ != "NORP")
        for t in sentence.doc[first.i : subject.i]
    ):
        return None  # a name inside ("the Velmar spokesman") says whose post it is
    return sentence.doc[first.i : subject.i + 1]


def _named_subject(sentence: Span) -> tuple[str, str | None] | None:
    """The person named as the subject of the sentence's main verb (or of the verb it reports), with the gender
    an honorific before the name gives."""
    root = sentence.root
    verbs = [root, *(c for c in root.children if c.dep_ == "ccomp")]
    subjects = [c for v in verbs for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for span in person_spans(sentence):
        if any(span.start <= s.i < span.end for s in subjects):
            return span.text, _gender_before(sentence, span)
    return None


def _gender_before(sentence: Span, span: Span) -> str | None:
    """The gender an honorific before a name (or opening it) gives: "Mr. Farenthold", "Mrs. Clinton"."""
    before = sentence.doc[span.start - 1].lower_.rstrip(".") if span.start > sentence.start else ""
    return _HONORIFIC_GENDER.get(before) or _HONORIFIC_GENDER.get(span[0].lower_.rstrip("."))


def spelled_out(text: str, referent: Referent | None) -> str:
    """The sentence with its pronoun subject replaced by the person it refers to, for readers of the sentence
    alone ("Flynn was the fourth person charged ..."), or its description followed by the name ("Republican
    congressman Todd Akin is facing ...")."""
    if referent is None:
        return text
    written = text[referent.start : referent.end]
    if written.lower() in _PRONOUNS:
        return text[: referent.start] + referent.name + text[referent.end :]
    described = written.split(" ", 1)[1] if " " in written else written  # "The Republican congressman"
    return text[: referent.start] + f"{described} {referent.name}" + text[referent.end :]
