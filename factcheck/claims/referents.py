"""Whom "he" or "she" means: the person a sentence's pronoun subject refers back to.

News copy names a person once and goes on with "He was the fourth person charged ...", "She sued him in 2014".
Read alone, such a sentence names no one: it cannot confirm or contradict a claim about Flynn, and the trained
verifier reads "He" against "Flynn" as another person. The referent is the person named as the subject of a
recent sentence of the same article (the commonest antecedent of a subject pronoun in news), when no honorific
says otherwise ("Mrs. Clinton" is no "he"). It is recorded with the sentence's statement; the evidence shown is
always the sentence as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from factcheck.claims.people import person_spans

_PRONOUNS = {"he": "m", "she": "f"}
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m", "lady": "f"}
#: Sentences a named subject stays the referent of a pronoun without being named again.
_REACH = 2


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

    def resolve(self, sentence: Span) -> Referent | None:
        """The referent of the sentence's pronoun subject, if it has one and a recent sentence named someone."""
        pronoun = _pronoun_subject(sentence)
        if pronoun is None or self.name is None or self.age > _REACH:
            return None
        if self.gender is not None and self.gender != _PRONOUNS[pronoun.lower_]:
            return None
        start = pronoun.idx - sentence.start_char
        return Referent(self.name, start, start + len(pronoun))

    def read(self, sentence: Span) -> None:
        """Take the sentence's named subject as the referent of what follows."""
        named = _named_subject(sentence)
        if named is not None:
            self.name, self.gender = named
            self.age = 0
        else:
            self.age += 1


def _pronoun_subject(sentence: Span) -> Token | None:
    root = sentence.root
    return next(
        (c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in _PRONOUNS),
        None,
    )


def _named_subject(sentence: Span) -> tuple[str, str | None] | None:
    """The person named as the subject of the sentence's main verb (or of the verb it reports), with the gender
    an honorific before the name gives."""
    root = sentence.root
    verbs = [root, *(c for c in root.children if c.dep_ == "ccomp")]
    subjects = [c for v in verbs for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for span in person_spans(sentence):
        if any(span.start <= s.i < span.end for s in subjects):
            before = sentence.doc[span.start - 1].lower_.rstrip(".") if span.start > sentence.start else ""
            return span.text, _HONORIFIC_GENDER.get(before) or _HONORIFIC_GENDER.get(span[0].lower_.rstrip("."))
    return None


def spelled_out(text: str, referent: Referent | None) -> str:
    """The sentence with its pronoun subject replaced by the person it refers to, for readers of the sentence
    alone ("Flynn was the fourth person charged ...")."""
    if referent is None:
        return text
    return text[: referent.start] + referent.name + text[referent.end :]
