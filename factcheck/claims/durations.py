"""How long and how often: a duration's owner and event, and how many times something happened.

The readings of a figure that is a span of time ("served 12 years", "met for over an hour", "the first talks in three
years") or a frequency ("appeared three times", "twice"), shared by the figure reader (``factcheck.claims.figures``):
whose time a duration is, which happening it measures, and whether it counts a span of something else.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from factcheck.claims import wordnet
from factcheck.claims.model import TIMES, Attribution, QuantityClaim
from factcheck.claims.names import person_name
from factcheck.claims.numbers import UNIT_WORDS, Amount, Interval
from factcheck.claims.occasions import JOURNEY, noun_occasion
from factcheck.claims.syntax import entity_at, is_negated

# Adverbs that say how many times: "appeared twice on the show" (not "once", which mostly means "formerly").
FREQUENCY_WORDS = {"twice": 2.0, "thrice": 3.0}


def how_often(token: Token) -> bool:
    """'three times' or 'twice' saying how often the verb's event happened, not a multiple ('twice as many',
    'three times the size', 'three times more')."""
    # "had been there three times": "be" as the main verb tells visits as any verb tells its event
    head = token.head
    main_verb = head.pos_ == "VERB" or (head.pos_ == "AUX" and head.dep_ != "aux")
    if not main_verb or token.dep_ not in {"npadvmod", "advmod"}:
        return False
    if token.lower_ not in FREQUENCY_WORDS and token.lemma_.lower() != "time":
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is None or following.lower_ not in {"as", "the", "more", "less", "that", "over"}


def once_more(token: Token, sentence: Span) -> Amount:
    value = FREQUENCY_WORDS[token.lower_]
    start = token.idx - sentence.start_char
    return Amount(token.text, start, start + len(token.text), Interval(value, value), value, "exact")


def times_claim(amount: Amount, token: Token, attribution: Attribution | None) -> QuantityClaim:
    """How many times the verb's event happened: its slot is the event ("appear"), counted "times"."""
    verb = token.head
    return QuantityClaim(
        start=amount.start,
        end=amount.end,
        text=amount.text,
        attribution=attribution,
        negated=is_negated(verb),
        amount=amount if amount.dimension is None else replace(amount, dimension=None, unit=None),
        counted=TIMES,
        event=verb.lemma_.lower(),
        counted_text=TIMES,
    )


def whose_time(person: Token | None) -> str | None:
    """Whose time a duration is when one named person spent it ("Vasko served 12 years"): another person's
    term is another figure. People who spent it together ("Roal and Sarkan met for an hour") are any of them."""
    if person is None or person.dep_ == "conj" or any(c.dep_ == "conj" for c in person.children):
        return None
    entity = entity_at(person)
    # a surname alone the small parser leaves untagged ("Brat beat Cantor with 52 percent"): a name all the same
    alone = person.pos_ == "PROPN" and entity is None and person.text[:1].isupper() and not person.text.isupper()
    if person.ent_type_ != "PERSON" and not alone:
        return None
    name = person_name(entity.text if entity is not None else person.text)
    return f"person:{name.surname}" if name is not None else None


_NAMED_THINGS = frozenset({"PERSON", "GPE", "NORP", "FAC", "LOC", "PRODUCT"})  # not ORG: "Inaugural Address"


def happening(subject: Token | None) -> str | None:
    """The event a noun names when it is what lasted ("the meeting lasted over an hour", "the talks took three
    hours"): its name, compared with the verbs of other durations through WordNet."""
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"} or subject.ent_type_ in _NAMED_THINGS:
        return None  # a capitalised event ("the Inaugural Address") is one, a person or a country is not
    occasion = noun_occasion(subject.lemma_.lower())
    return occasion.label if occasion is not None and occasion.label != JOURNEY else None


def met_in(person: Token | None) -> Token | None:
    """The event noun a person is the partner of ("the meeting with Mr. Roal, which lasted an hour": the parser may
    hang the clause on the partner's name)."""
    if person is None or person.dep_ != "pobj" or person.head.lower_ != "with":
        return None
    return person.head.head


def since_last(tokens: list[Token]) -> bool:
    """A span after "in" on a noun said to be the first, last or most of something ("the first talks in three
    years", "the worst drought in 50 years"): the time since the last such, not a length of the noun."""
    prep = amount_head(tokens).head
    if prep.lower_ != "in" or prep.dep_ != "prep":
        return False
    # the phrase hangs on the noun, or on the verb whose object the noun is ("held the first talks in three years")
    nouns = [prep.head, *(c for c in prep.head.children if c.dep_ in {"dobj", "attr", "nsubj", "nsubjpass"})]
    return any(c.lower_ in {"first", "last"} or c.tag_ in {"JJS", "RBS"} for noun in nouns for c in noun.children)


def time_owner(tokens: list[Token], counted: Token | None, lasted: bool) -> Token | None:
    """Who spent a duration: the person counted when it is how long their event lasted; the verb's subject when
    it is a span of something ("Lind released 20 years of tax returns": Petrak's eight years are another's)."""
    if lasted:
        return counted
    head = amount_head(tokens)
    spanned = of_object(head)
    if tokens[-1].lower_ not in UNIT_WORDS or counted is None or spanned is None or spanned.i != counted.i:
        return None
    verb = head.head
    while verb.pos_ in {"ADP", "ADV"} and verb.head.i != verb.i:  # "released a statement along with 8 years of"
        verb = verb.head
    if verb.pos_ != "VERB":
        return None
    # the subject nearest the verb: a dateline ("WASHINGTON - ...") may be parsed as a subject too
    subject = next((c for c in reversed(list(verb.children)) if c.dep_ == "nsubj"), None)
    if subject is not None and subject.ent_type_ != "PERSON":  # "Petrak's campaign released eight years of ..."
        return next((c for c in subject.children if c.dep_ == "poss" and c.ent_type_ == "PERSON"), subject)
    return subject


def for_how_long(tokens: list[Token]) -> bool:
    """'met for over an hour', 'waited for three hours', 'served 12 years', 'spent three years in prison': the
    duration is how long the verb's event went on (not '20 years of tax returns', '21-year veteran')."""
    unit = tokens[-1]
    if any(c.lower_ == "of" for c in unit.children):
        return False
    said_of_verb = unit.dep_ in {"npadvmod", "dobj"} and unit.head.pos_ == "VERB"
    return said_of_verb or (unit.dep_ == "pobj" and unit.head.lower_ == "for")


def amount_head(tokens: list[Token]) -> Token:
    """The word of a figure's words that the rest of the sentence hangs on ("million" of "about $8 million")."""
    inside = {t.i for t in tokens}
    outer = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    # a qualifier the parser hung elsewhere ("covers up to 1.6 million women" read as "cover up"): the number decides
    number = next((t for t in outer if t.like_num or t.pos_ == "NUM"), None)
    return number or next(iter(outer), tokens[-1])


def of_object(token: Token) -> Token | None:
    """The noun of an "of" phrase on ``token`` ("thousands of soldiers" -> soldiers)."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


#: Prepositions that say where a span of time was spent ("six years in the reserves", "a month at the camp").
_STAY_PREPOSITIONS = frozenset({"in", "on", "at"})


def place_of_stay(tokens: list[Token]) -> str | None:
    """Where a span of time was spent, written right after it ("six months on Paris Island and six years in the
    reserves", "12 years in the Senate"): the two spans are different facts, and "ten years in the reserves" is
    another value of the second. Not a time ("two hours in the morning"), nor a place no one in particular could
    name again ("three years in a row")."""
    last = tokens[-1]
    if last.i + 1 >= last.sent.end:
        return None
    prep = last.doc[last.i + 1]
    if prep.lower_ not in _STAY_PREPOSITIONS or prep.dep_ != "prep":
        return None
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if place is None or place.pos_ not in {"NOUN", "PROPN"}:
        return None
    senses = wordnet.synsets(place.lemma_.lower(), "n")
    if senses and senses[0].lexname == "noun.time":
        return None
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in place.children):
        return None  # "in a row", "in a week": no particular place two sources could both name
    words = [t for t in place.subtree if t.i <= place.i and t.dep_ not in {"det", "poss", "case", "punct"}]
    return " ".join(t.lemma_.lower() if t.pos_ == "NOUN" else t.text.lower() for t in words)


def spends_time(event: str | None) -> bool:
    """Whether a span's event tells time spent somewhere rather than an event that took it: no verb, or a verb whose
    commonest sense is a state in WordNet ("spend", "serve", "live", "wait"), not "meet" or "talk"."""
    lemma = next(iter(wordnet.lemmas(event, "v")), None) if event else None
    if lemma is None:
        return True  # no verb tells it ("six years in the reserves" after a noun): the place says what it was
    used = wordnet.senses(lemma, "v", attested=True)
    return not used or used[0].lexname == "verb.stative"
