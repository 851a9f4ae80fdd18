"""Where an event happens: 'talks in Istanbul', 'flew to Ankara', 'a meeting with business executives in Doha'.

The event is the one the place attaches to: the verb of its clause ("announced ... in Livingston"), or an event
noun ("talks in Istanbul"), read through support and framing verbs ("held talks", "talks are set to begin"). Which
words name events, and under which keys two wordings of one event meet, is WordNet's
(:mod:`factcheck.claims.occasions`): "Zelensky flew to Ankara" is a journey, and never the talks in Istanbul.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from factcheck.claims.gazetteer import is_country
from factcheck.claims.model import Attribution, PlaceClaim
from factcheck.claims.names import party_key
from factcheck.claims.occasions import (
    ASPECT_VERBS,
    FRAMING_VERBS,
    JOURNEY,
    SPEECH_VERBS,
    SUPPORT_VERBS,
    Occasion,
    is_talks,
    noun_act,
    noun_occasion,
    verb_occasion,
)
from factcheck.claims.syntax import entity_at, is_negated
from factcheck.claims.wordnet import is_person_noun, is_place_noun, lemmas, lexname, senses


def place_claims(sentence: Span, attribution: Attribution | None) -> list[PlaceClaim]:
    claims: list[PlaceClaim] = []
    for entity in sentence.ents:
        if entity.label_ not in {"GPE", "LOC", "FAC"}:
            continue
        preposition = entity.root.head
        if preposition.lower_ == "of" and is_place_noun(preposition.head.lemma_.lower()):
            preposition = preposition.head.head  # "in the Turkish city of Antalya", "in his hometown of Velmar"
        where = _where_clause(entity.root)
        if where is not None:  # "in Ankara, where he flew on Thursday": the place of the clause's event
            found = [(event_for(where), where)]
            start, end = entity.start_char - sentence.start_char, where.idx + len(where) - sentence.start_char
        elif preposition.dep_ == "prep" and preposition.lower_ in {"in", "at", "to"}:
            found = _events_of_attachment(preposition)
            start, end = preposition.idx - sentence.start_char, entity.end_char - sentence.start_char
        else:
            continue
        for event, anchor in found:
            if event is None:
                continue
            if is_negated(anchor) and _denies_something_else(anchor, preposition):
                continue  # "had not served in the army in Strenna": the denial may be of the army, not the place
            claims.append(
                PlaceClaim(
                    start=start,
                    end=end,
                    text=sentence.text[start:end],
                    attribution=attribution,
                    negated=is_negated(anchor),
                    event=event.label,
                    place=entity.text,
                    place_key=party_key(entity.text, capitals=False),
                    is_country=is_country(entity.text),
                    embedded=embedded_at(anchor),
                    participants=_participants(anchor),
                    event_keys=_journey_place_keys(anchor) if event.is_journey else tuple(sorted(event.keys)),
                )
            )
    return claims


def _denies_something_else(anchor: Token, preposition: Token) -> bool:
    """Whether a denied event has another complement (an object, another prepositional phrase) than its place:
    the denial may then be of that, and says nothing of where the event happened."""
    return any(
        child.dep_ in {"dobj", "attr", "dative"} or (child.dep_ == "prep" and child.i != preposition.i)
        for child in anchor.children
    )


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
        if noun.pos_ != "NOUN" or noun_occasion(noun.lower_) is None:
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


def _events_of_attachment(preposition: Token) -> list[tuple[Occasion | None, Token]]:
    """The events a place phrase attaches to, each with the token that names it. A place may hang from the
    people at the event ("a meeting with business executives in Doha": the meeting is in Doha), from the place
    where it happens ("welcomed him at the presidential palace in Ankara"), or from what a journey goes to
    ("heading to a gathering of officials in Albania": the gathering is in Albania, and the journey goes there);
    the search goes up through such phrases. Journeys go "to" a place; other events happen "in" or "at" one."""
    node, via = preposition.head, preposition.lower_
    event = event_for(node)
    for _ in range(3):
        # a place may hang from how long the act lasted ("worked for 2 years in Yemen", as the parser may read it)
        lasted = node.head.lower_ == "for" and "noun.time" in lexname(node.lemma_.lower(), "n")
        if (
            event is not None
            or node.dep_ != "pobj"
            or (node.head.lower_ not in {"with", "in", "at", "of", "to"} and not lasted)
        ):
            break
        outer = node.head.head
        # through the people at an event to the event; through the place of an act to the act (not through the
        # place of a thing: "their meeting at the palace in Ankara" may be any meeting of theirs)
        if not (outer.pos_ == "VERB" or (outer.pos_ == "NOUN" and node.head.lower_ in {"with", "of", "to"})):
            break
        node, via = outer, node.head.lower_ if node.head.lower_ in {"in", "at", "to"} else via
        event = event_for(node)
    if event is None or (via == "to") != event.is_journey:
        return []
    found: list[tuple[Occasion | None, Token]] = [(event, node)]
    if not event.is_journey and node.dep_ == "pobj" and node.head.lower_ == "to":
        journey = event_for(node.head.head)
        if journey is not None and journey.is_journey:
            found.append((journey, node.head.head))
    return found


def is_saying(verb: Token) -> bool:
    """A verb of saying used for what was said ("said on Wednesday that", "told reporters in Strenna"), not for
    an act with a thing for its object ("announced his bid in Livingston")."""
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in SPEECH_VERBS or _misparsed_talks(verb):
        return False
    if any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children):
        return True
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return thing is None or thing.pos_ != "NOUN" or is_person_noun(thing.lower_) or verb.lemma_.lower() == "say"


def _noun_event(noun: Token) -> Occasion | None:
    """The event a noun names, read with the noun before it when WordNet has the two as one ("a press
    conference" is a communication, not a meeting)."""
    if noun.pos_ != "NOUN" and not _misparsed_talks(noun):
        return None
    before = noun.doc[noun.i - 1] if noun.i > 0 else None
    if before is not None and before.dep_ == "compound" and before.head.i == noun.i and before.pos_ == "NOUN":
        pair = f"{before.lower_}_{noun.lower_}"
        if lemmas(pair, "n"):
            return noun_occasion(pair)
    # "during an appearance": what "during" takes happens, whatever the noun's commonest sense; so does what "at"
    # takes where one of its senses is a happening WordNet files as an event ("at a fund-raiser", "at a rally"),
    # not only an act ("at his office": the office is also a function)
    word = _hyphened(noun)
    framed = noun.dep_ == "pobj" and (
        noun.head.lower_ == "during" or (noun.head.lower_ == "at" and "noun.event" in lexname(word, "n"))
    )
    event = noun_occasion(word, framed=framed)
    if event is not None and before is not None and before.dep_ == "compound" and before.lower_.endswith("ing"):
        # "a sentencing hearing", "the signing ceremony": held for an act, whose name a source may give alone
        # ("the sentencing was set for June 28")
        act = noun_occasion(before.lower_, framed=True)
        return event | act if act is not None else event
    return event


def _hyphened(noun: Token) -> str:
    """A noun as written, with the word the tokenizer split off before its hyphen where WordNet knows the whole
    ("fund-raiser": fundraiser); else the noun alone."""
    doc = noun.doc
    if noun.i >= 2 and doc[noun.i - 1].text == "-" and not doc[noun.i - 1].whitespace_:
        first = doc[noun.i - 2]
        whole = f"{first.lower_}-{noun.lower_}"
        if not first.whitespace_ and first.head.i == noun.i and lemmas(whole, "n"):
            return whole
    return noun.lower_


def _misparsed_talks(token: Token) -> bool:
    """ "the ceasefire talks open at 10am" is sometimes parsed with "talks" as the verb: no "to" or "with" follows
    it, as it would when someone talks to journalists."""
    return (
        token.lower_ == "talks" and token.pos_ == "VERB" and not any(c.lower_ in {"to", "with"} for c in token.children)
    )


def _named_by(token: Token) -> Occasion | None:
    """The event a word names by itself: an event noun, or a verb that is neither saying, support nor frame."""
    if (noun := _noun_event(token)) is not None or token.pos_ not in {"VERB", "AUX"}:
        return noun
    lemma = token.lemma_.lower()
    if lemma in SUPPORT_VERBS | FRAMING_VERBS or is_saying(token) or _counts(token):
        return None
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), "")
    event = verb_occasion(lemma, particle)
    if event is not None and event.is_journey and _passive(token):
        return None  # "a team headed by the minister": led, not a journey
    # "set to sit down at 10 a.m. for talks", "gathered in Velmar for a meeting": the event the act is for names
    # what happens, and either wording may meet a source's
    purpose = _purpose(token)
    if purpose is not None:
        return purpose | event if event is not None else purpose
    return event


def _purpose(verb: Token) -> Occasion | None:
    """The event noun a verb of coming together or taking a place is done for ("sit down for talks", "gathered for a
    meeting", "arrived for the summit": WordNet's motion and contact verbs, intransitive here); not the reason of
    another act ("apologized for his remarks", "was jailed for the killing", "thanked her for the meeting")."""
    if _passive(verb) or _acts_on_a_thing(verb):  # done to something, or undergone: not intransitive
        return None
    used = senses(verb.lemma_.lower(), "v", attested=True)
    if not used or used[0].lexname not in {"verb.motion", "verb.contact"}:
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if noun is not None and noun.pos_ == "NOUN" and (occasion := _noun_event(noun)) is not None:
                return occasion
    return None


def _acts_on_a_thing(verb: Token) -> bool:
    """Whether a verb is used transitively, on a thing that names no event: "opened the dams", "the dams were
    opened" (the talks that "open at 10am" are carried instead)."""
    return any(c.dep_ in {"dobj", "nsubjpass"} for c in verb.children)


def _a_thing_begins(verb: Token) -> bool:
    """Whether an intransitive verb of beginning or ending tells of its subject, a body or a thing that names no event
    ("Velmar Foods began in the 1940s", "the restaurant opened in 1946": its founding, its opening). Not of a person
    ("he started on Monday": at what, the sentence does not say)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" or subject.ent_type_ in {"PERSON", "DATE", "TIME"}:
        return False
    return not (subject.pos_ == "NOUN" and is_person_noun(subject.lemma_))


def _passive(verb: Token) -> bool:
    return any(c.dep_ in {"auxpass", "agent"} for c in verb.children) or (verb.dep_ == "acl" and verb.tag_ == "VBN")


def _counts(verb: Token) -> bool:
    """A verb whose subject or object is counted ("1,200 people were evacuated on Wednesday night", "killed
    12,000 civilians in Ukraine") tells a figure: its day and place are the figure's scope, compared as figures
    are, not an event of their own. A number standing for people already named ("the two played golf in 2007")
    counts nothing new: the year is the playing's."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and (
            (child.like_num and not _names_again(child))
            or any(c.dep_ in {"nummod", "quantmod"} or (c.like_num and not _age_of(c, child)) for c in child.children)
        ):
            return True
    return False


def _age_of(number: Token, person: Token) -> bool:
    """A number set beside a name is the person's age ("Ivo Petrak, 75, met the mayor"), no count."""
    return number.dep_ == "appos" and person.ent_type_ == "PERSON"


def _names_again(number: Token) -> bool:
    """A number used as a noun with a definite article: "the two", "the three of them"."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in number.children)


def _carried(verb: Token) -> Occasion | None:
    """The event noun a support or framing verb carries: its object or subject ("held talks", "the talks
    begin", "the meeting took place"), or the noun its clause qualifies ("negotiations that were held"; "a
    restart of negotiations that were held": what the qualified noun is of)."""
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass", "nsubj", "attr"} and (event := _noun_event(child)) is not None:
            return event
    if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ == "NOUN":
        if (event := _noun_event(verb.head)) is not None:
            return event
        of = next((c for c in verb.head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return _noun_event(noun) if noun is not None else None
    return None


def event_for(token: Token) -> Occasion | None:
    """The event a place or time attaches to at ``token``: the word itself (a verb or an event noun), the noun a
    support or framing verb carries, or the noun that a clause opened by such a verb qualifies. A participle
    without a subject of its own adds to its clause's event ("sent a letter requesting an interview on Monday":
    the sending) or to its noun's ("a letter sent on Tuesday": the letter and the sending); a thing that is the
    object of an act is where the act happens too ("announced his bid in Livingston")."""
    event = _named_by(token)
    lemma = token.lemma_.lower()
    if event is None and token.pos_ in {"VERB", "AUX"} and lemma in SUPPORT_VERBS | FRAMING_VERBS:
        event = _carried(token)
        if event is None and lemma in ASPECT_VERBS and (_acts_on_a_thing(token) or _a_thing_begins(token)):
            # "the dams were opened", "ended the blockade", "Velmar Foods began in the 1940s": an act of its own
            event = verb_occasion(lemma)
    if event is None:
        return None
    if token.pos_ == "VERB" and not event.is_journey:
        # An act told by its object ("filed a lawsuit" / "was sued", "submitted his resignation" / "resigned")
        thing = next((c for c in token.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        act = noun_act(thing.lower_) if thing is not None else None
        if act is not None:
            event = event | act
    participle = token.tag_ in {"VBG", "VBN"} and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
    other = _named_by(token.head) if participle or (token.dep_ == "dobj" and token.pos_ == "NOUN") else None
    if other is None or other.is_journey or event.is_journey:
        return event
    if participle and token.dep_ == "advcl":
        # "sent his letter, requesting an interview, on Monday": the day of the sending; a perfect participle tells
        # an act before the clause's ("Having spent his life in the United States, he worked in Yemen")
        return event if any(c.dep_ == "aux" and c.lower_ == "having" for c in token.children) else other
    return event | other if (participle and token.dep_ == "acl") or token.dep_ == "dobj" else event


def journey_keys(anchor: Token) -> tuple[str, ...]:
    """The keys of a journey's day: one person's journeys are told apart by where they go ("flew to Ankara on
    Thursday" is not "heading on Friday to a gathering in Albania"); a journey whose destination the sentence
    does not give meets only another such."""
    place = _where_of(anchor)
    for child in anchor.children if place is None else ():
        if child.dep_ == "prep" and child.lower_ in {"to", "in", "at", "for"}:
            place = next((t for t in child.subtree if t.ent_type_ in {"GPE", "LOC", "FAC"}), None)
            if place is not None:
                break
    if place is None:
        return (JOURNEY,)
    entity = entity_at(place)
    return (f"{JOURNEY}:{party_key(entity.text if entity is not None else place.text, capitals=False)}",)


def _journey_place_keys(anchor: Token) -> tuple[str, ...]:
    """The keys of a journey's destination: a journey made is not one still to come ("flew to Ankara" / "is
    heading to Albania": one person's two journeys, not two accounts of one)."""
    return (f"{JOURNEY}:{'made' if tense_of(anchor) == 'past' else 'ahead'}",)


def _where_of(verb: Token) -> Token | None:
    """The place a "where" clause qualifies ("in Ankara, where he flew")."""
    if verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
        return verb.head if verb.head.ent_type_ in {"GPE", "LOC", "FAC"} else None
    return None


class OccasionWords:
    """One word for the ways of naming an event that WordNet's keys join, for comparing what two stances are
    about (:mod:`factcheck.claims.stance_compare` reads it as ``EVENT_WORDS``): talks, negotiations, a meeting,
    a summit -> "talks"; a journey -> "travel"; any other word stands for itself. Computed, not listed."""

    def get(self, word: str, default: str) -> str:
        plural = f"{word}s"  # a lemma's plural may be a lemma of its own: "talk" / "talks"
        for occasion in (noun_occasion(word), noun_occasion(plural) if plural in lemmas(plural, "n") else None):
            if occasion is not None and occasion.is_journey:
                return "travel"
            if occasion is not None and is_talks(occasion):
                return "talks"
        occasion = verb_occasion(word)
        if occasion is not None and (occasion.is_journey or is_talks(occasion)):
            return "travel" if occasion.is_journey else "talks"
        return default


EVENT_WORDS = OccasionWords()


# Verbs that put what they frame ahead in time, whatever their own tense ("were due to meet on Friday").
_AHEAD_VERBS = frozenset("set due schedule expect plan prepare intend aim hope".split())


def tense_of(token: Token) -> str | None:
    """'past' or 'future' for the verb a date hangs from, when its form says so; None when it does not."""
    node = token
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            break
        node = node.head
    for _ in range(3):
        # A gerund hanging from another verb ("told reporters before leaving", "left after meeting him") is told
        # in that verb's tense.
        if node.tag_ != "VBG" or node.dep_ not in {"pcomp", "advcl"}:
            break
        governing = node.head.head if node.dep_ == "pcomp" else node.head
        if governing.pos_ not in {"VERB", "AUX"} or governing.i == node.i:
            break
        node = governing
    chain = [node]
    while chain[-1].dep_ in {"xcomp", "ccomp"} and chain[-1].head.i != chain[-1].i and len(chain) < 6:
        chain.append(chain[-1].head)
    if any(n.lemma_.lower() in _AHEAD_VERBS for n in chain):
        return "future"
    auxiliaries = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" and a.lemma_.lower() in {"will", "shall", "would"} for a in auxiliaries):
        return "future"
    if node.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_.lower() == "have" for a in auxiliaries):
        return "past"
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
