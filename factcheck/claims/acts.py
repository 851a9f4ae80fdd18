"""Who did what to whom: "Chief Justice John Roberts administered the oath", "Lieberman endorsed John McCain".

Outlets get the doer or the one done to wrong more often than the act itself: "Justice Clarence Thomas
administered the oath" against "the oath administered by Chief Justice John G. Roberts Jr.", "endorsed Barack
Obama" against "endorsed John McCain". An act is read where a verb has a named doer (a person or an organisation
as its subject, or after "by" in the passive) and something it was done to (a thing named by its noun, or a named
person or organisation). Acts travel inside the sentence's statement (``StatementClaim.acts``) as stances do:
they are a reading of the whole sentence, compared by :mod:`factcheck.claims.act_compare`, not a typed part a
source must confirm.

An act is stored as ``verb|doer key|doer|object key|object|named|own|whose|recipient key|start|end|negated``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from factcheck.claims.events import is_saying
from factcheck.claims.gazetteer import country_key
from factcheck.claims.names import fold_key, party_key, person_name
from factcheck.claims.referents import Referent
from factcheck.claims.syntax import entity_at, is_negated

_NAMED = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Verbs that carry no act of their own ("have", "make a statement", "take the oath"): what is done is in their
# object, and two tellings choose them freely.
_LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make", "take", "give", "go", "come", "let", "become", "seem"})
_SEPARATOR = "|"
_RELATIVE = frozenset({"which", "that", "who", "whom"})


@dataclass(frozen=True)
class Act:
    verb: str
    doer: str  # key: "name:roberts" (a surname, or a one-word name), or an organisation's name key
    doer_text: str
    target: str  # key of a named person or organisation, or the lemma of a thing ("oath")
    target_text: str
    named: bool  # the target is a named person or organisation
    own: bool  # the doer's own ("released his tax returns"): another doer does it to their own
    whose: str  # the names that say whose the thing is ("Kastavia's delegation", "the Kastavian delegation")
    recipient: str  # key of whom it was done for or to ("administered the oath to Trump"), or ""
    start: int  # offsets in the sentence of the words that say it (doer to object)
    end: int
    negated: bool

    def encode(self) -> str:
        fields = (
            self.verb,
            self.doer,
            self.doer_text,
            self.target,
            self.target_text,
            "1" if self.named else "0",
            "1" if self.own else "0",
            self.whose,
            self.recipient,
            str(self.start),
            str(self.end),
            "1" if self.negated else "0",
        )
        return _SEPARATOR.join(f.replace(_SEPARATOR, " ") for f in fields)

    @classmethod
    def decode(cls, text: str) -> Act:
        verb, doer, doer_text, target, target_text, named, own, whose, recipient, start, end, negated = text.split(
            _SEPARATOR
        )
        flags = named == "1", own == "1"
        return cls(
            verb, doer, doer_text, target, target_text, *flags, whose, recipient, int(start), int(end), negated == "1"
        )


def acts_of(sentence: Span, referent: Referent | None = None) -> tuple[str, ...]:
    """The acts of a sentence, encoded; a pronoun doer that refers to a person named before is that person."""
    found: list[str] = []
    for verb in sentence:
        if verb.pos_ != "VERB" or verb.lemma_.lower() in _LIGHT_VERBS or is_saying(verb):
            continue
        act = _act(sentence, verb, referent)
        if act is not None:
            found.append(act.encode())
    return tuple(dict.fromkeys(found))


def _act(sentence: Span, verb: Token, referent: Referent | None = None) -> Act | None:
    children = list(verb.children)
    doer: Token | None
    target: Token | None
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in children) or verb.dep_ == "acl":
        # "the oath was administered by Roberts", "the oath administered by Roberts"
        doer = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        target = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if target is None and verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            target = verb.head
    else:
        doer = next((c for c in children if c.dep_ == "nsubj"), None)
        target = next((c for c in children if c.dep_ == "dobj"), None)
    if target is not None and target.lower_ in _RELATIVE and verb.dep_ == "relcl":
        target = verb.head  # "the oath, which was administered by Roberts"
    if doer is None or target is None:
        return None
    doer_key, doer_text = _named_key(doer), _text_of(doer)
    if doer_key is None and referent is not None and referent.start <= doer.idx - sentence.start_char < referent.end:
        name = person_name(referent.name)  # "He endorsed John McCain", he being Lieberman (or "The senator ...")
        doer_key, doer_text = (f"name:{fold_key(name.surname)}", referent.name) if name is not None else (None, "")
    if doer_key is None:
        return None
    target_key = _named_key(target)
    if target_key is None and (target.pos_ != "NOUN" or target.ent_type_):
        return None  # a pronoun, a number or an unnamed proper noun: nothing to compare
    recipient = next(
        (
            _named_key(g) or ""
            for c in children
            if c.dep_ in {"prep", "dative"} and c.lower_ in {"to", "for"}
            for g in c.children
            if g.dep_ == "pobj"
        ),
        "",
    )
    doer_span, target_span = _span_of(doer), _span_of(target)
    start = min(doer_span[0], target_span[0], verb.idx) - sentence.start_char
    end = max(doer_span[1], target_span[1], verb.idx + len(verb)) - sentence.start_char
    return Act(
        verb=verb.lemma_.lower(),
        doer=doer_key,
        doer_text=doer_text,
        target=target_key or target.lemma_.lower(),
        target_text=_text_of(target),
        named=target_key is not None,
        own=any((c.dep_ == "poss" and c.pos_ == "PRON") or c.lower_ == "own" for c in target.children),
        whose="" if target_key else ",".join(sorted({_qualifier_key(c) for c in target.children if _qualifies(c)})),
        recipient=recipient,
        start=start,
        end=end,
        negated=is_negated(verb),
    )


def _named_key(token: Token) -> str | None:
    """The key of a named person or organisation, for a word of its name: a person's surname, folded, as a
    one-word name of any kind is keyed (the recogniser takes "Trump" for an organisation as often as for a
    person); an organisation's name of several words as parties are keyed ("the House")."""
    entity = entity_at(token)
    if entity is None or entity.label_ not in _NAMED:
        return None
    if entity.label_ == "PERSON" or len(entity) == 1:
        name = person_name(entity.text)
        return f"name:{fold_key(name.surname)}" if name is not None else None
    return f"name:{party_key(entity.text)}"


def _qualifies(token: Token) -> bool:
    """A name before a noun that says whose or which it is: "Kastavia's", "Kastavian", "the Senate committee"."""
    return token.dep_ in {"poss", "compound", "amod", "nmod"} and (token.pos_ == "PROPN" or token.ent_type_ in _NAMED)


def _qualifier_key(token: Token) -> str:
    return country_key(token.text) or party_key(token.text)


def _span_of(token: Token) -> tuple[int, int]:
    entity = entity_at(token)
    if entity is not None:
        return entity.start_char, entity.end_char
    return token.idx, token.idx + len(token)


def _text_of(token: Token) -> str:
    entity = entity_at(token)
    return entity.text if entity is not None else token.text
