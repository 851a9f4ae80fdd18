"""The whole-sentence reading used when no typed claim decides: main verb, polarity, key terms."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from factcheck.claims.acts import acts_of
from factcheck.claims.bodies import as_written as _as_written
from factcheck.claims.gazetteer import is_country, us_state
from factcheck.claims.lexicon import DENYING_VERBS, NEGATIVE_IMPLICATIVES, noun_lemma
from factcheck.claims.model import Attribution, StatementClaim
from factcheck.claims.names import HONORIFICS, fold_key, is_given_name, party_key, person_name
from factcheck.claims.party_marks import mark_tokens, party_marks
from factcheck.claims.people import person_spans
from factcheck.claims.referents import Referent
from factcheck.claims.stances import stances_of
from factcheck.claims.syntax import REPORTING_VERBS, is_negated, proposition_denied
from factcheck.claims.wordnet import lemmas, synsets

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
_WEAK_VERBS = frozenset({"be", "have", "do", "say", "tell", "make", "take", "get", "go", "come", "give", "add"})

# A decade as written ("1990s", "1990's"); a lone year is a number already.
_DECADE = re.compile(r"(\d{3}0)['\u2019]?s")


def statement_claim(
    sentence: Span, attribution: Attribution | None, referent: Referent | None = None
) -> StatementClaim:
    main = _main_verb(sentence)
    implicative = None
    if main is not None and (act := _implied_act(main)) is not None:
        implicative, main = main, act
    terms: set[str] = set()
    people = person_spans(sentence)
    in_names = {t.i for span in people for t in span}
    named = [span.text for span in people] + ([referent.name] if referent is not None else [])
    terms.update(key for key in map(_person_key, named) if key)
    # A place or a party of several words is one name ("New Jersey", "Coast Province"), keyed whole: its words
    # alone are other names ("Jersey" is a country of its own).
    wholes = {
        token.i: entity
        for entity in sentence.ents
        if entity.label_ in _PLACE_LABELS and len(entity) > 1 and entity.root.pos_ == "PROPN"
        for token in entity
    }
    # "(R-Tenn.)" after a name: the person's party and state, written as a sentence would write them in words
    marked = mark_tokens(sentence)
    for mark in party_marks(sentence):
        terms.add("party:" + party_key(mark.party_word.capitalize()))
        if mark.region:
            terms.add("place:" + party_key(mark.region, capitals=False))
    for token in sentence:
        if token.i in in_names or token.i in marked or (implicative is not None and token.i == implicative.i):
            continue  # a verb denying its act is the statement's polarity, no term of it ("refused")
        if token.i in wholes:
            entity = wholes[token.i]
            if token.i == entity.root.i:
                country = is_country(entity.text)
                prefix = "party:" if entity.label_ == "NORP" or (entity.label_ == "GPE" and country) else "place:"
                terms.add(prefix + party_key(entity.text))
            continue
        if (
            token.is_stop
            or token.pos_ not in _CONTENT_POS
            or token.ent_type_ == "PERSON"
            or (token.lower_.rstrip(".") in HONORIFICS)
            or _given_name_left_out(token)
        ):
            continue
        if token.pos_ == "VERB" and token.lemma_.lower() in _WEAK_VERBS | REPORTING_VERBS:
            continue
        if token.text[:1].isdigit() and (decade := _decade_at(token)) is not None:
            terms.add(f"num:{decade.group(1)}s")  # "the 1990s", "the 1990's": a figure to find, not a word
        elif token.like_num:
            terms.add("num:" + re.sub(r"[,\s]", "", token.lower_))
        elif token.pos_ == "PROPN" or token.ent_type_ in {"NORP", "GPE"}:
            # Parties ("Ukrainian", "Ukraine", "Russia") meet under one name; cities and other places are kept
            # apart, so that a meeting in another city is still the same meeting of the same parties.
            place = token.ent_type_ in {"LOC", "FAC"} or (
                token.ent_type_ == "GPE" and token.pos_ == "PROPN" and not is_country(token.text)
            )  # "Ukrainian" tagged GPE is an adjective: a party, not a place
            party = token.ent_type_ == "NORP" or (token.ent_type_ == "GPE" and not place)
            prefix = "place:" if place else "party:" if party else "name:"
            # a state as a dateline abbreviates it ("Md.") is the state a sentence names in full ("Maryland")
            terms.add(prefix + party_key((us_state(token.text) if place else None) or token.text))
        else:
            terms.add(noun_lemma(token.lower_, token.lemma_.lower(), token.tag_))
    return StatementClaim(
        start=0,
        end=len(sentence.text),
        text=sentence.text,
        attribution=attribution,
        negated=main is not None and _denied(sentence, main, implicative),
        verb=_verb(main) if main is not None else "",
        terms=tuple(sorted(terms)),
        stances=stances_of(sentence),
        acts=acts_of(sentence, referent),
        referent=referent.name if referent is not None else "",
        referent_start=referent.start if referent is not None else -1,
        referent_end=referent.end if referent is not None else -1,
        # "he was not surprised": the adjective carries what is asserted, the copula only its polarity
        complement=next((c.lemma_.lower() for c in main.children if c.dep_ == "acomp"), "") if main is not None else "",
        agentless=main is not None
        and any(c.dep_ == "auxpass" for c in main.children)
        and not any(c.dep_ == "agent" for c in main.children),
        bodies=tuple(_as_written(e) for e in sentence.ents if e.label_ == "ORG"),
        doer=_doer(main),
    )


def _doer(main: Token | None) -> str:
    """Who does the main verb's act: a named person as the terms key them, or a place, country or party as
    "party:<key>" ("Mexico will not pay": party:mexico); "" for any other subject."""
    subject = next((c for c in main.children if c.dep_ == "nsubj"), None) if main is not None else None
    if subject is None or subject.ent_type_ not in {"PERSON", "GPE", "NORP"}:
        return ""
    entity = next((e for e in subject.doc.ents if e.start <= subject.i < e.end), None)
    text = entity.text if entity is not None else subject.text
    return _person_key(text) if subject.ent_type_ == "PERSON" else "party:" + party_key(text)


def _person_key(text: str) -> str:
    """A person's term, "person:<surname key>"; "" where the text reads as no person's name."""
    name = person_name(text)
    return "person:" + fold_key(name.surname) if name is not None else ""


def _decade_at(token: Token) -> re.Match[str] | None:
    """A decade a token writes, alone ("1990s") or with the "'s" the tokenizer splits off ("1990's")."""
    after = token.nbor().text if token.i + 1 < len(token.doc) else ""
    return _DECADE.fullmatch(token.text) or _DECADE.fullmatch(token.text + after)


def _implied_act(main: Token) -> Token | None:
    """The act a verb denying it governs ("Braley refused to apologize", "the bill failed to pass": Karttunen's
    negative implicatives; "Apple has yet to release the kit"): what the sentence tells is that act, denied."""
    yet = main.lemma_.lower() in ("have", "be") and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in main.children)
    if main.lemma_.lower() not in NEGATIVE_IMPLICATIVES and not yet:
        return None
    return next((c for c in main.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}), None)


def _denied(sentence: Span, main: Token, implicative: Token | None = None) -> bool:
    """The polarity of what the sentence asserts: its main clause's own negation, turned by a reporting verb that
    denies it ("Twitter denied that it shadow bans users" says it does not; "did not deny" says nothing either way,
    so the clause's own polarity stands), or by a verb that denies the act it governs ("refused to apologize"
    denies it, "did not fail to pass" tells it)."""
    if implicative is not None:
        # the act's own negation only ("refused to not pay"): ``is_negated`` climbs to the implicative's
        return _denied(sentence, implicative) != (not any(c.dep_ == "neg" for c in main.children))
    root = sentence.root
    proposed = proposition_denied(root)
    denies = root.lemma_.lower() in DENYING_VERBS or (proposed is not None and proposed.i == main.i)
    if main.i != root.i and denies and not is_negated(root):
        return not is_negated(main)
    return is_negated(main)


def _main_verb(sentence: Span):  # type: ignore[no-untyped-def]
    """The verb that carries the content: past a reporting verb ('Peskov said that Putin had no plans'), or any verb
    of saying before a clause ("LePage declared that he would not step down", "vowed he would stay": WordNet's
    verbs of communication, whatever the tuning texts used)."""
    root = sentence.root
    if (proposed := proposition_denied(root)) is not None:
        return proposed  # "Beck rejected the notion that the party should expand its tent": the expanding, denied
    if (shared := _shared_act(root)) is not None:
        return shared
    if root.lemma_.lower() in REPORTING_VERBS:
        return next((c for c in root.children if c.dep_ in {"ccomp", "xcomp"}), root)
    if root.pos_ == "VERB" and _tells(root.lemma_.lower()):
        return next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}), root)
    return root


def _shared_act(root: Token) -> Token | None:
    """The act of "X is not the only official to use a private email" (or "... who used"): denying that X alone did
    it tells that X did it, so the sentence's content is the act, not denied; None for any other sentence."""
    if root.lemma_.lower() != "be" or not any(c.dep_ == "neg" for c in root.children):
        return None
    attribute = next((c for c in root.children if c.dep_ == "attr"), None)
    if attribute is None or not any(c.lower_ == "only" for c in attribute.children):
        return None
    return next((c for c in attribute.children if c.dep_ in {"acl", "relcl"} and c.pos_ in {"VERB", "AUX"}), None)


def _verb(main: Token) -> str:
    """The main verb's lemma, with its particle where WordNet has the phrasal verb ("step_down", "drop_out"): the
    particle may carry the meaning ("step down" is to resign)."""
    lemma = str(main.lemma_.lower())
    particle = next((c.lower_ for c in main.children if c.dep_ == "prt"), None)
    if particle is not None and lemmas(f"{lemma}_{particle}", "v"):
        return f"{lemma}_{particle}"
    return lemma


def _tells(verb: str) -> bool:
    """Whether a verb's commonest sense is one of communication ("declare", "vow", "insist")."""
    found = synsets(verb, "v")
    return bool(found) and found[0].lexname == "verb.communication"


def _given_name_left_out(token: Token) -> bool:
    """A given name right before a name the recogniser tags as a person without it ("Ana" of "Ana Vasko", tagged
    "Vasko"): part of the person's name, no name of its own a sentence must write."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.pos_ == "PROPN"
        and following is not None
        and following.ent_type_ == "PERSON"
        and following.ent_iob_ == "B"
        and is_given_name(token.lower_)
    )
