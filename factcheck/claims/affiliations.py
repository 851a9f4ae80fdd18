"""Which political party a named person belongs to, as news states it in passing: a party before the name ("GOP
Gov. Rick Scott", "Democratic state Rep. Drew Gattine"), in apposition or after "is" ("Kenneth Fredette, a
Republican,", "Elijah E. Cummings, Democrat of Maryland"), as the label something was done under ("won the
mayoralty as a Republican") or as the one-letter mark of US reporting ("Rep. Drew Gattine (D)", "R-Ariz.").

Parties are read through WordNet (:mod:`factcheck.claims.political`), so "GOP", "Republican" and "Republicans"
are one party.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from factcheck.claims.gazetteer import countries_containing, is_country, us_state
from factcheck.claims.lexicon import PAST_TENURE
from factcheck.claims.model import INDEPENDENT, AffiliationClaim, Attribution
from factcheck.claims.names import PersonName, person_name
from factcheck.claims.party_marks import mark_after
from factcheck.claims.people import copula, person_spans
from factcheck.claims.political import party_of
from factcheck.claims.syntax import entity_at


def affiliation_claims(sentence: Span, attribution: Attribution | None) -> list[AffiliationClaim]:
    claims: list[AffiliationClaim] = []
    for entity in person_spans(sentence):
        name = person_name(entity.text)
        if name is None:
            continue
        found = [_before(entity, name) or _described(entity, name), _as_a(entity, name), _mark(entity, name)]
        claims.extend(replace(claim, attribution=attribution) for claim in found if claim is not None)
    return claims


def _party_noun(token: Token) -> tuple[str, str] | None:
    """A noun that says which party someone is ("a Democrat", "an independent")."""
    if token.lower_ == INDEPENDENT and token.pos_ == "NOUN":
        return INDEPENDENT, "independent"
    return party_of(token.text) if token.pos_ in {"NOUN", "PROPN"} else None


def _before(entity: Span, name: PersonName) -> AffiliationClaim | None:
    """'GOP Gov. Rick Scott', 'Democratic state Rep. Drew Gattine', 'former Republican Sen. X'."""
    doc = entity.doc
    index = entity.start - 1
    window: list[Token] = []
    while index >= entity.sent.start:
        token = doc[index]
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"} and token.text != ".":
            break
        window.insert(0, token)
        index -= 1
    for position, token in enumerate(window):
        follower = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if follower is not None and follower.text == "-":
            continue  # "Republican-led", "Democratic-controlled": says what something is led by
        party = party_of(token.text)
        if party is None:
            continue
        tenure = ""
        if (index >= entity.sent.start and doc[index].lower_ in PAST_TENURE) or any(
            t.lower_ in PAST_TENURE for t in window[:position]
        ):
            # "former Republican X" left the party; "Former Democratic Sen. X" held a post of it before
            tenure = "former" if position == len(window) - 1 else "past"
        elif _ex(token):
            tenure = "former"
        return _claim(entity, name, party, token, tenure, titled=True)
    return None


def _ex(token: Token) -> bool:
    """'ex-Republican': the party left."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in PAST_TENURE


def _described(entity: Span, name: PersonName) -> AffiliationClaim | None:
    """'Kenneth Fredette, a Republican,', 'Cummings, Democrat of Maryland', 'X is a Democrat', 'Rick Scott,
    Florida's Republican governor,'."""
    root = entity.root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    verb = copula(entity)
    predicates = []
    if verb is not None:
        predicates = [c for c in verb.children if c.dep_ in {"nsubj", "attr"} and c.i != root.i and c.tag_ != "WP"]
        # "X is a Republican" says it of X; "X, who is a Republican, said" describes X
        main = verb.dep_ == "ROOT" and root.head.i == verb.i
    nouns += predicates
    for noun in nouns:
        if entity.start <= noun.i < entity.end:
            continue
        words = [c for c in noun.children if c.i < noun.i and c.dep_ in {"amod", "compound"}]
        former = any(c.lower_ in PAST_TENURE for c in noun.children if c.i < noun.i) or _ex(noun)
        # "X was a Republican" tells the past; "X, a Republican, was among those who voted" describes X as the
        # writer does now, whatever the tense of what X did
        told_before = noun in predicates and verb is not None and verb.tag_ == "VBD"
        party = _party_noun(noun)
        if party is not None:
            tenure = "former" if former else "past" if told_before else ""
            claim = _claim(entity, name, party, noun, tenure)
            if noun in predicates and main:
                claim = replace(claim, predicate=True)
            return _in_region(claim, noun, entity)
        for word in words:
            if (party := party_of(word.text)) is not None:  # "Florida's Republican governor"
                return _claim(entity, name, party, word, "past" if former or told_before else "")
    return None


def _in_region(claim: AffiliationClaim, noun: Token, entity: Span) -> AffiliationClaim:
    """'Democrat of Maryland', 'a Republican from Ohio', 'a Virginia Republican': where the person is from or
    which state they represent."""
    places = [
        place
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}
        for place in prep.children
        if place.dep_ == "pobj"
    ]
    places += [c for c in noun.children if c.i < noun.i and c.dep_ in {"compound", "amod", "nmod"}]
    for place in places:
        if place.ent_type_ != "GPE":
            continue
        span = entity_at(place)
        text = span.text if span is not None else place.text
        if not countries_containing(text) and not is_country(text):
            continue  # only places a gazetteer knows, so "Md." is never read against "Maryland"
        base = entity.sent.start_char
        first, last = (span.start_char, span.end_char) if span is not None else (place.idx, place.idx + len(place))
        start, end = min(claim.start, first - base), max(claim.end, last - base)
        # a state or a country is compared; a city is shown but never set against a state ("Phoenix", "Ariz.")
        state = us_state(text)
        region = (state or (text if is_country(text) else "")).lower()
        return replace(claim, start=start, end=end, text=entity.sent.text[start:end], region=region, region_text=text)
    return claim


def _as_a(entity: Span, name: PersonName) -> AffiliationClaim | None:
    """'Bloomberg won New York's mayoralty as a Republican in 2001', '... Bloomberg, a former Democrat who won it
    as a Republican': the party something was done under."""
    root = entity.root
    verbs = [root.head] if root.dep_ in {"nsubj", "nsubjpass"} and root.head.pos_ in {"VERB", "AUX"} else []
    for noun in (root, *(c for c in root.children if c.dep_ == "appos")):
        verbs += [c for c in noun.children if c.dep_ == "relcl" and any(w.tag_ == "WP" for w in c.children)]
    for verb in verbs:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                label = next((c for c in prep.children if c.dep_ == "pobj"), None)
                party = _party_noun(label) if label is not None else None
                if label is not None and party is not None:
                    return replace(_claim(entity, name, party, label, ""), event=verb.lemma_.lower())
    return None


def _mark(entity: Span, name: PersonName) -> AffiliationClaim | None:
    """'Rep. Drew Gattine (D)', 'Sen. John McCain, R-Ariz.,': the party and the state the person represents."""
    sentence = entity.sent
    mark = mark_after(sentence, entity.end_char - sentence.start_char)
    if mark is None:
        return None
    word = mark.party_word
    party = (INDEPENDENT, "independent") if word == INDEPENDENT else party_of(word)
    if party is None:
        return None
    start = entity.start_char - sentence.start_char
    return AffiliationClaim(
        start=start,
        end=mark.end,
        text=sentence.text[start : mark.end],
        person=name,
        party=party[0],
        party_name=party[1],
        party_text=sentence.text[mark.start : mark.end],
        region=mark.region.lower(),
        region_text=mark.region_text,
    )


def _claim(
    entity: Span, name: PersonName, party: tuple[str, str], word: Token, tenure: str, *, titled: bool = False
) -> AffiliationClaim:
    base = entity.sent.start_char
    start = min(entity.start_char, word.idx) - base
    end = max(entity.end_char, word.idx + len(word)) - base
    return AffiliationClaim(
        start=start,
        end=end,
        text=entity.sent.text[start:end],
        person=name,
        party=party[0],
        party_name=party[1],
        party_text=word.text,
        tenure=tenure,
        titled=titled,
    )
