"""Which words name an event, and the keys under which two outlets' wordings of one event meet (WordNet).

An event is named by a verb ("announced", "met", "sent") or by a noun whose commonest sense WordNet files as an
act, an event, a communication or a phenomenon ("announcement", "talks", "vote", "flood"), or as a gathering of
people ("meeting"; "summit" has a meeting among its senses). Its *keys* are WordNet synsets: the senses of the
verb that are seen in use, or those of the noun together with the verbs WordNet derives them from (its ``+``
pointers: "announcement" -> announce, "meeting" -> meet, "talks" -> negotiate). A word with no derived form of
its own is met through what it is a kind of ("summit" -> meeting, "swear in" -> inaugurate), and any kind of
meeting as a meeting ("confer" -> conference -> meeting). Two wordings name the same event when their keys meet:
"announced" / "made an announcement", "met" / "a meeting", "burst" / "broke" (its banks: a shared sense).

A journey (a kind of WordNet's travelling, arriving or leaving: "flew", "arrived", "visited", "a trip") has the
key ``travel`` whatever verb tells it, and never meets talks; :mod:`factcheck.claims.events` tells one person's
journeys apart. The lists below are English, not any article's: each says why WordNet does not give it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from factcheck.claims import wordnet
from factcheck.claims.syntax import REPORTING_VERBS

#: The event of a journey: one key for every way of telling it.
JOURNEY = "travel"
_EVENT_LEXNAMES = frozenset({"noun.act", "noun.event", "noun.communication", "noun.phenomenon"})

#: Verbs of saying: a day or place attached to them is when or where something was said, not an event of its own
#: ("talk" and "speak" to someone are saying too; "talks" between sides are read as a noun).
SPEECH_VERBS = REPORTING_VERBS | {"speak", "talk"}
#: Support ("light") verbs: with an event noun for object, the noun names the event ("made an announcement",
#: "held talks", "gave a speech", "attended a meeting"); WordNet lists their many senses, not this use.
SUPPORT_VERBS = frozenset("make give hold take have host attend stage conduct deliver launch".split())
#: Verbs that only frame an event named by their subject or object, carrying tense, aspect or plans ("the talks
#: are set to begin", "talks open at 10am", "the meeting took place"): the event is searched on through them.
#: Of these, the verbs of an event's phase, which are acts of their own when done to a thing ("opened the dams").
ASPECT_VERBS = frozenset("begin start open resume continue end".split())
FRAMING_VERBS = ASPECT_VERBS | frozenset("be set due schedule expect plan get go come".split())


@dataclass(frozen=True)
class Occasion:
    """An event as a sentence names it: a word for reasons ("announcement", "meeting", "travel") and its keys
    (WordNet synset ids such as "v00965871", or ``travel``)."""

    label: str
    keys: frozenset[str]

    @property
    def is_journey(self) -> bool:
        return JOURNEY in self.keys

    def __or__(self, other: Occasion) -> Occasion:
        """One event told by two words ("a letter sent on Tuesday", "announced his bid in Livingston"): either
        wording may meet a source's."""
        return Occasion(self.label, self.keys | other.keys)


def _first(lemma: str, pos: str) -> tuple[str, int]:
    sense = wordnet.senses(lemma, pos)[0]
    return sense.pos, sense.offset


@cache
def _journeys() -> frozenset[tuple[str, int]]:
    """The senses of travelling, arriving and leaving: a journey is any of them or a kind of one."""
    return frozenset({(s.pos, s.offset) for s in wordnet.senses("travel", "v")} | {_first("arrive", "v")}) | {
        _first("leave", "v")
    }


@cache
def _gathering() -> tuple[str, int]:
    return _first("gathering", "n")  # WordNet files gatherings of people under groups, not acts


@cache
def _meeting() -> tuple[str, int]:
    return _first("meeting", "n")


@cache
def _joined_keys() -> frozenset[str]:
    # Talks are held at meetings: news names one diplomatic occasion "talks" or "a meeting" ("the two sides meet
    # on Friday" / "talks on Friday"), but WordNet files negotiation under communication and a meeting under
    # groups, with no pointer between them. Their keys are joined here, and nowhere else.
    senses = (wordnet.synset(*_first("negotiation", "n")), wordnet.synset(*_meeting()))
    return frozenset(key for sense in senses for key in _noun_sense_keys(sense))


def _noun_sense_keys(sense: wordnet.Synset) -> set[str]:
    """A noun sense and the verbs it is derived from; a noun with no verb of its own (a summit) is met through
    what it is a kind of (a meeting) and that one's verbs; any kind of meeting (a conference, a convention) is
    met as a meeting too."""
    verbs = wordnet.related(sense, "+", "v")
    keys = {wordnet.synset_id(sense), *(wordnet.synset_id(v) for v in verbs)}
    if not verbs:
        for broader in wordnet.related(sense, "@", "n"):
            keys |= {wordnet.synset_id(broader), *(wordnet.synset_id(v) for v in wordnet.related(broader, "+", "v"))}
    if sense.lexname == "noun.group" and _kind_of(sense, _meeting()):
        keys.add(wordnet.synset_id(wordnet.synset(*_meeting())))
    return keys


def _verb_sense_keys(sense: wordnet.Synset) -> set[str]:
    """A verb sense, and the meeting when a noun derived from it is a kind of meeting ("confer" -> conference,
    "convene" -> convention); as for nouns, a verb with no noun of its own ("swear in") is met through what it
    is a kind of (inaugurate)."""
    keys = {wordnet.synset_id(sense)}
    nouns = wordnet.related(sense, "+", "n")
    if any(n.lexname == "noun.group" and _kind_of(n, _meeting()) for n in nouns):
        keys.add(wordnet.synset_id(wordnet.synset(*_meeting())))
    if not nouns:
        keys |= {wordnet.synset_id(broader) for broader in wordnet.related(sense, "@", "v")}
    return keys


def _is_journey(sense: wordnet.Synset) -> bool:
    journeys = _journeys()
    return (sense.pos, sense.offset) in journeys or bool(wordnet.ancestors(sense.pos, sense.offset) & journeys)


def _kind_of(sense: wordnet.Synset, anchor: tuple[str, int]) -> bool:
    return (sense.pos, sense.offset) == anchor or anchor in wordnet.ancestors(sense.pos, sense.offset)


def _is_event_sense(sense: wordnet.Synset) -> bool:
    return sense.lexname in _EVENT_LEXNAMES or (sense.lexname == "noun.group" and _kind_of(sense, _gathering()))


def _joined(keys: set[str]) -> frozenset[str]:
    joined = _joined_keys()
    return frozenset(keys | joined if keys & joined else keys)


@lru_cache(maxsize=16384)
def noun_occasion(word: str, *, framed: bool = False) -> Occasion | None:
    """The event a noun names, or None when its commonest sense is no event ("home", "plant", "afternoon") and
    none of its senses is a meeting. ``framed``: the sentence frames the noun as something that happens ("during an
    appearance"), so any of its event senses will do."""
    lemma = next(iter(wordnet.lemmas(word, "n")), None)
    if lemma is None:
        verb = _gerund_verb(word)  # "the sentencing", a verbal noun WordNet lists only as its verb: that act
        return verb_occasion(verb) if verb is not None else None
    every = wordnet.senses(lemma, "n")
    if not framed and not _is_event_sense(every[0]) and not any(_kind_of(s, _meeting()) for s in every):
        return None
    if not any(_is_event_sense(s) for s in every):
        return None
    used = [s for s in wordnet.senses(lemma, "n", attested=True) if _is_event_sense(s)]
    events = used or [s for s in every if _is_event_sense(s)]
    if any(_is_journey(v) for v in wordnet.related(events[0], "+", "v")):
        return Occasion(JOURNEY, frozenset({JOURNEY}))  # "a trip", "the visit", "his arrival"
    keys: set[str] = set()
    for sense in events:
        keys |= _noun_sense_keys(sense)
    return Occasion(lemma.replace("_", " "), _joined(keys))


def _gerund_verb(word: str) -> str | None:
    """The verb an "-ing" noun is made from, when WordNet knows it as a verb: "sentencing" -> "sentence", "rerunning"
    -> "rerun"."""
    if not word.endswith("ing") or len(word) < 6:
        return None
    stem = word[:-3]
    forms = (stem, stem + "e", stem[:-1]) if stem[-1:] == stem[-2:-1] else (stem, stem + "e")
    return next((form for form in forms if wordnet.lemmas(form, "v")), None)


@lru_cache(maxsize=16384)
def noun_act(word: str) -> Occasion | None:
    """The act an event noun names, as the verbs WordNet derives its commonest event sense from ("a lawsuit" ->
    sue, "his resignation" -> resign, "a statement" -> state), or None for a noun with no such verb ("the bill",
    "a letter"): what is done to a bill (passed, signed, vetoed) is many acts, not one."""
    lemma = next(iter(wordnet.lemmas(word, "n")), None)
    if lemma is None or noun_occasion(word) is None:
        return None
    used = [s for s in wordnet.senses(lemma, "n", attested=True) if _is_event_sense(s)]
    first = (used or [s for s in wordnet.senses(lemma, "n") if _is_event_sense(s)])[:1]
    verbs = [v for sense in first for v in wordnet.related(sense, "+", "v")]
    if not verbs or any(_is_journey(v) for v in verbs):
        return None
    return Occasion(lemma.replace("_", " "), _joined({key for v in verbs for key in _verb_sense_keys(v)}))


@lru_cache(maxsize=16384)
def verb_occasion(lemma: str, particle: str = "") -> Occasion | None:
    """The event a verb names (with its particle when WordNet has the pair: "swear in", "step down"), or None
    for a verb WordNet does not know."""
    phrasal = f"{lemma}_{particle}" if particle else ""
    base = next(iter(wordnet.lemmas(lemma, "v")), None)
    name = phrasal if phrasal and wordnet.senses(phrasal, "v") else base
    if name is None:
        return None
    used = wordnet.senses(name, "v", attested=True)
    if _is_journey(used[0]):
        return Occasion(JOURNEY, frozenset({JOURNEY}))
    return Occasion(_noun_for(name, used), _joined({key for s in used for key in _verb_sense_keys(s)}))


def _noun_for(verb: str, senses: tuple[wordnet.Synset, ...]) -> str:
    """A word for reasons: the event noun WordNet derives from the verb that is spelled most like it ("meet" ->
    meeting, "announce" -> announcement), else the verb itself."""
    derived = (n for s in senses for n in wordnet.related(s, "+", "n") if _is_event_sense(n))
    nouns = dict.fromkeys(w for n in derived for w in n.words)
    head = verb.split("_")[0]

    def shared(word: str) -> int:
        return next((i for i, (a, b) in enumerate(zip(word, head, strict=False)) if a != b), min(len(word), len(head)))

    best = max(nouns, key=shared, default="")  # the first of the commonest senses' nouns among equals
    return best.replace("_", " ") if best and shared(best) >= min(4, len(head)) else verb.replace("_", " ")


def is_talks(occasion: Occasion) -> bool:
    """Whether an event is the joined occasion of talks and meetings."""
    return not occasion.keys.isdisjoint(_joined_keys())


def same_occasion(a: frozenset[str] | tuple[str, ...], b: frozenset[str] | tuple[str, ...]) -> bool:
    """Whether two events' keys meet."""
    return not set(a).isdisjoint(b)


def same_happening(a: str | None, b: str | None) -> bool:
    """Whether two events named by a word each ("meet" and "meeting", "talk" and "talks") are one, as WordNet
    joins their senses; a journey is never one with anything else."""
    if a == b:
        return True
    if not a or not b:
        return False
    first, second = (verb_occasion(w) or noun_occasion(w) for w in (a, b))
    if first is None or second is None or JOURNEY in (first.label, second.label):
        return False
    return same_occasion(first.keys, second.keys)


def event_verb(event: str, singular: str, plural: str) -> str:
    """The verb form that agrees with an event's display word: "the talks take place", "the meeting takes place"
    (the plural event words end in s: talks, negotiations)."""
    return plural if event.endswith("s") and not event.endswith("ss") else singular
