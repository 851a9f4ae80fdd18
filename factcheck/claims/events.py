"""Where an event happens: 'talks in Istanbul', 'flew to Ankara', 'a meeting with business executives in Doha'.

Only events that outlets pin to a place or a time (talks, meetings, summits, ceasefires, votes) are read, so
that 'Zelensky flew to Ankara' and 'talks in Istanbul' are never taken for the same event.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from factcheck.claims.gazetteer import is_country
from factcheck.claims.model import Attribution, PlaceClaim
from factcheck.claims.names import party_key
from factcheck.claims.syntax import is_negated

EVENT_WORDS = {
    "talk": "talks",
    "talks": "talks",
    "negotiation": "talks",
    "negotiations": "talks",
    "meeting": "talks",
    "meet": "talks",
    "summit": "talks",
    "session": "talks",
    "negotiate": "talks",
    "wait": "talks",
    "confer": "talks",
    "ceasefire": "ceasefire",
    "truce": "ceasefire",
    "vote": "vote",
    "election": "vote",
    "referendum": "vote",
    "attack": "attack",
    "strike": "attack",
    "explosion": "attack",
    "blast": "attack",
    # Journeys: who went where and when ("flew to Ankara on Thursday", "arrived on Wednesday").
    "fly": "travel",
    "arrive": "travel",
    "travel": "travel",
    "visit": "travel",
    "tour": "travel",
    "land": "travel",
    # A river bursting its banks (read with its object: see _phrasal_event).
    "overflow": "flood",
}
_PLACE_NOUNS = frozenset({"city", "town", "capital", "village", "region", "province", "port", "resort", "district"})
_EVENT_VERBS = frozenset(
    {"meet", "negotiate", "wait", "confer", "vote", "attack", "strike", "fly", "arrive", "travel", "visit", "land"}
    | {"tour", "overflow"}
)


def place_claims(sentence: Span, attribution: Attribution | None) -> list[PlaceClaim]:
    claims: list[PlaceClaim] = []
    for entity in sentence.ents:
        if entity.label_ not in {"GPE", "LOC", "FAC"}:
            continue
        preposition = entity.root.head
        if preposition.lower_ == "of" and preposition.head.lemma_.lower() in _PLACE_NOUNS:
            preposition = preposition.head.head  # "in the Turkish city of Antalya"
        where = _where_clause(entity.root)
        if where is not None:  # "in Ankara, where he flew on Thursday": the place of the clause's event
            event, anchor = event_for(where), where
            start, end = entity.start_char - sentence.start_char, where.idx + len(where) - sentence.start_char
        else:
            if preposition.dep_ != "prep" or preposition.lower_ not in {"in", "at", "to"}:
                continue
            event, anchor = _event_of_attachment(preposition.head)
            if (preposition.lower_ == "to") != (event == "travel"):
                continue  # journeys go "to" a place; talks happen "in" or "at" one
            start, end = preposition.idx - sentence.start_char, entity.end_char - sentence.start_char
        if event is None:
            continue
        claims.append(
            PlaceClaim(
                start=start,
                end=end,
                text=sentence.text[start:end],
                attribution=attribution,
                negated=is_negated(anchor),
                event=event,
                place=entity.text,
                place_key=party_key(entity.text, capitals=False),
                is_country=is_country(entity.text),
                embedded=embedded_at(anchor),
                participants=_participants(anchor),
            )
        )
    return claims


# People named as what an event is "of" or is "with", when they come as a compound ("a Nato foreign ministers
# meeting"): they tell one meeting from another.
_PARTICIPANT_NOUNS = frozenset(
    "minister leader official executive diplomat envoy delegate delegation negotiator president lawmaker "
    "general commander ambassador representative adviser advisor".split()
)


def _participants(anchor: Token) -> tuple[str, ...]:
    found: set[str] = set()
    events = [anchor, *[c for c in anchor.children if c.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj"}]]
    for noun in events:
        if noun.pos_ != "NOUN" or EVENT_WORDS.get(noun.lemma_.lower()) is None:
            continue
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in {"with", "between", "among"}:
                for member in child.children:
                    if member.dep_ == "pobj":
                        found |= {_participant_key(t) for t in (member, *member.conjuncts)}
            elif child.dep_ in {"compound", "nmod"} and (
                child.pos_ == "PROPN" or child.lemma_.lower() in _PARTICIPANT_NOUNS
            ):
                found.add(_participant_key(child))
    return tuple(sorted(found))


def _participant_key(token: Token) -> str:
    return party_key(token.text) if token.pos_ == "PROPN" else token.lemma_.lower()


def _where_clause(place: Token) -> Token | None:
    """The verb of a relative clause opened by "where" on the place ("Ankara, where he flew on Thursday")."""
    for child in place.children:
        if child.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in child.children):
            return child
    return None


def _event_of_attachment(head: Token) -> tuple[str | None, Token]:
    """The event a place phrase attaches to, and the token that names it. A place may hang from the people at
    the event ("a meeting with business executives in Doha": the meeting is in Doha)."""
    event = event_for(head)
    if event is None and head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.pos_ == "NOUN":
        meeting = head.head.head
        if (found := event_for(meeting)) is not None:
            return found, meeting
    return event, head


def _phrasal_event(token: Token) -> str | None:
    """Verbs that name an event only with their particle or object: "sit down" (talks), "burst its banks".

    ("heading to Albania" is a journey too, but a person's journeys are not yet told apart: reading it made the
    day of one journey contradict the day of another.)
    """
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    if lemma == "sit" and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
        return "talks"
    if lemma in {"burst", "breach", "break", "top"} and any(
        c.dep_ == "dobj" and c.lemma_.lower() in {"bank", "levee", "embankment", "dam"} for c in token.children
    ):
        return "flood"  # "the river burst its banks on Tuesday"
    return None


def event_for(token: Token) -> str | None:
    """The event a place or time attaches to: the word itself, its object, or the object of its verb."""
    for candidate in [token, *[c for c in token.children if c.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj"}]]:
        if (phrasal := _phrasal_event(candidate)) is not None:
            return phrasal
        event = EVENT_WORDS.get(candidate.lemma_.lower()) or EVENT_WORDS.get(candidate.lower_)
        # "talks to journalists" is speaking, not negotiating: most event words count only as nouns.
        # ("the ceasefire talks open at 10am" is sometimes parsed with "talks" as the verb: no "to" follows it)
        misparsed_noun = candidate.lower_ == "talks" and not any(c.lower_ in {"to", "with"} for c in candidate.children)
        if event is not None and (
            candidate.pos_ != "VERB" or candidate.lemma_.lower() in _EVENT_VERBS or misparsed_noun
        ):
            return event
    if token.dep_ in {"xcomp", "advcl", "acl", "relcl"} and (
        token.head.pos_ != "VERB" or token.head.lemma_ in _EVENT_VERBS
    ):
        event = EVENT_WORDS.get(token.head.lemma_.lower())
        if event is None and token.dep_ == "relcl" and token.head.pos_ == "NOUN":
            # "a restart of peace negotiations that were held in Istanbul": the clause may hang from the noun
            # that the event word complements
            of = next((c for c in token.head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            event = EVENT_WORDS.get(noun.lemma_.lower()) if noun is not None and noun.pos_ == "NOUN" else None
        return event
    return None


def embedded_at(attachment: Token) -> bool:
    """Deep inside the sentence: more than two steps below the root, not counting verb chains
    ('are set to hold', 'are due to begin') that only carry tense and mood."""
    depth, token = 0, attachment
    while token.head.i != token.i and depth < 10:
        if token.dep_ not in {"xcomp", "acomp", "aux", "auxpass", "ccomp"}:
            depth += 1
        token = token.head
    return depth > 2
