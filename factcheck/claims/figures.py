"""Quantity claims: a figure, what it counts, what happened to it, and its time window."""

from __future__ import annotations

from spacy.tokens import Span, Token

from factcheck.claims.ages import age_claim, followed_by_old
from factcheck.claims.durations import (
    FREQUENCY_WORDS,
    amount_head,
    for_how_long,
    happening,
    how_often,
    met_in,
    of_object,
    once_more,
    place_of_stay,
    since_last,
    spends_time,
    time_owner,
    times_claim,
    whose_time,
)
from factcheck.claims.figure_names import docket_number, name_number, named_owner
from factcheck.claims.lexicon import ADDED_WORDS, MISSING_WORDS, PRICE_VERBS, noun_lemma
from factcheck.claims.model import DURATION, Attribution, QuantityClaim
from factcheck.claims.names import party_key
from factcheck.claims.numbers import UNIT_WORDS, Amount, find_amounts
from factcheck.claims.prices import money_purpose, price_subject, price_verb, sought_in
from factcheck.claims.referents import Referent
from factcheck.claims.shares import is_whole_of_share, share_of
from factcheck.claims.side_shares import side_share_claims
from factcheck.claims.syntax import RATE_PERIODS, REPORTING_VERBS, is_negated, scope_of
from factcheck.claims.tallies import tally_claims
from factcheck.claims.terms_served import terms_claim
from factcheck.claims.wordnet import is_person_noun

# What happened to the things counted, by lemma; nouns such as "deaths" carry their event with them.
_EVENTS = {
    "kill": "killed",
    "die": "killed",
    "dead": "killed",
    "death": "killed",
    "perish": "killed",
    "toll": "killed",
    "evacuate": "evacuated",
    "evacuation": "evacuated",
    "displace": "displaced",
    "flee": "displaced",
    "injure": "injured",
    "wound": "injured",
    "hurt": "injured",
    "miss": "missing",
    "missing": "missing",
    "unaccounted": "missing",
    "arrest": "detained",
    "detain": "detained",
    "rescue": "rescued",
    "include": "include",
    "comprise": "include",
    "fly": "flown",
    "deploy": "deployed",
    # Putting people into posts: outlets use these verbs interchangeably ("named four officials as experts").
    "appoint": "appointed",
    "name": "appointed",
    "nominate": "appointed",
    "designate": "appointed",
}
_COUNTED = {
    "people": "people",
    "person": "people",
    "persons": "people",
    "individual": "people",
    "death": "people",
    "civilian": "civilians",
    "resident": "residents",
    "soldier": "soldiers",
    "troop": "soldiers",
    "serviceman": "soldiers",
    "child": "children",
    "kid": "children",
    "official": "officials",
    "villager": "villagers",
    "truce": "ceasefire",
    "armistice": "ceasefire",
    "talk": "talks",
    "negotiation": "talks",
    "helicopter": "helicopters",
    "village": "villages",
    "km": "km",
}
# Nouns a figure can attach to that name no countable fact: counting them only makes noise in reports.
_NOT_COUNTED = frozenset(
    "chance time way thing point term reason step sign kind sort lot bit part half one fact case thanks".split()
)
_HUMAN_EVENTS = frozenset({"killed", "evacuated", "displaced", "injured", "missing", "detained", "rescued"})
_NOUN_EVENTS = {"death": "killed", "evacuee": "evacuated", "casualty": "casualties", "fatality": "killed"}
# Words beside a counted noun that say nothing of what is counted: determiners, "more" (read by ``_added``), and
# words that only say a figure is a sum ("a combined 78,000 votes" is "a total of 78,000 votes").
_IGNORED_MODIFIERS = frozenset(
    {"other", "more", "further", "additional", "least", "some", "the", "a", "an", "both"}
    | {"combined", "total", "overall"}
)


def figure_claims(
    sentence: Span, attribution: Attribution | None, group: str | None = None, referent: Referent | None = None
) -> list[QuantityClaim]:
    claims: list[QuantityClaim] = []
    scope = scope_of(sentence.text)
    for amount in find_amounts(sentence.text):
        tokens = [t for t in sentence if amount.start <= t.idx - sentence.start_char < amount.end]
        if not tokens or not _is_figure(tokens, amount):
            continue
        if attribution is not None and amount.text in attribution.text:
            continue  # "authorities in five eastern regions said": the five describes the source, it is no figure
        if is_whole_of_share(tokens):
            continue  # "300 out of 400 soldiers": the 400 is what the 300 is a share of, no count of the act
        if (terms := terms_claim(sentence, amount, tokens, attribution, referent)) is not None:
            claims.append(terms)  # "a six-term congressman": how many terms a named person has served
            continue
        if (age := age_claim(sentence, amount, tokens, attribution)) is not None:
            claims.append(age)  # "Lauten, 16,", "Lauten is 16 years old": a person's age, not a count
            continue
        if name_number(tokens, amount) or docket_number(sentence.text, amount):
            continue  # "the new iPhone 6", "a Boeing 737", "Chapter 11", "No. 10-277": a number in a name is no count
        if amount.dimension == "duration" and followed_by_old(tokens):
            continue  # "a 15-year-old girl, and a six-year-old girl": the age of someone unnamed says who, no figure
        counted_token = _counted_token(tokens, amount)
        if counted_token is not None and how_often(counted_token) and amount.anchor is not None:
            claims.append(times_claim(amount, counted_token, attribution))  # "appeared three times on the show"
            continue
        if amount.dimension == "duration" and amount.unit == "day" and amount.anchor == 1.0:
            continue  # "24 hours", "a day": a time window, not a figure
        # "Ana Roal and Ivo Sarkan met for over an hour": how long the event lasted, whoever (named, or a pronoun
        # or a person noun) took part in it
        lasted = (
            amount.dimension == "duration"
            and for_how_long(tokens)
            and counted_token is not None
            and (
                counted_token.ent_type_ == "PERSON"
                or counted_token.pos_ in {"PRON", "PROPN"}
                or is_person_noun(counted_token.lower_)
                or happening(counted_token) is not None
            )
        ) or (
            # "a 16-minute address", "a three-hour meeting": the length of the event the noun names
            amount.dimension == "duration"
            and counted_token is not None
            and amount_head(tokens).head.i == counted_token.i
            and happening(counted_token) is not None
        )
        if not lasted and (
            counted_token is not None
            and (
                counted_token.ent_type_ == "PERSON"
                # a sum is of what it bought, whatever that is ("$1 million in broadcast television time")
                or (counted_token.lemma_.lower() in _NOT_COUNTED and amount.dimension != "money")
            )
        ):
            continue  # a number beside a name that is no age; "two chances", "one way": nothing to contradict
        counted, modifiers = (DURATION, ()) if lasted else _describe(counted_token, tokens)
        counted_text = None if lasted else _written(counted_token, tokens) if counted else None
        if counted and amount.dimension == "duration" and since_last(tokens):
            counted = f"{counted} since the last"  # "the first talks in three years": not how long they took
        # a figure hyphened to its noun sizes that thing whatever the verb does with it ("the 168-member committee
        # will elect"); the verb still says whose it is ("The Velmar Phone has a 5.5-inch screen")
        verb_event = _event_of(counted_token) if counted_token is not None else None
        sized = counted_token is not None and _sizes_its_noun(counted_token)
        event = None if sized else verb_event
        if lasted:
            # what went on that long: "Vasko, who served 12 years, retired"; "the meeting lasted an hour": the meeting
            event = happening(counted_token) or happening(met_in(counted_token)) or _event_of(tokens[-1])
        # how long something lasted is denied by its own verb ("the meeting, which lasted an hour" inside "he gave
        # no sign" is no denial of the hour); a count by the verb of what it counts
        denier = tokens[-1].head if lasted else counted_token.head if counted_token is not None else None
        # "six years in the reserves": how long was spent there, whatever verb says it ("served", "spent",
        # "followed by"); not where an event took that long ("met for 31 minutes in the palace"), nor the gap "the
        # first talks in three years in Istanbul" measures
        stay = place_of_stay(tokens) if amount.dimension == "duration" and not since_last(tokens) else None
        if stay is not None and (not lasted or spends_time(event)):
            counted, modifiers, counted_text, event = DURATION, (stay,), None, None
        if amount.dimension == "money" and (priced := price_verb(tokens)) is not None:
            event = priced  # "the wall, which he said Mexico would pay for, would cost $8 billion": its cost
        if counted_token is not None and counted_token.lemma_.lower() in _NOUN_EVENTS:
            event = _NOUN_EVENTS[counted_token.lemma_.lower()]  # "14 deaths were recorded": the noun says it
        if event is None and counted_token is not None and _said_missing(counted_token):
            event = "missing"
        claims.append(
            QuantityClaim(
                start=amount.start,
                end=amount.end,
                text=amount.text,
                attribution=attribution,
                negated=denier is not None and is_negated(denier),
                amount=amount,
                counted=counted,
                modifiers=modifiers,
                event=event,
                # a sum per period is a rate ("earns $5,000 a week"); a daily or cumulative window is a count's
                scope=scope
                if amount.dimension in (None, "duration") or (amount.dimension == "money" and scope in RATE_PERIODS)
                else "unknown",
                group=group
                if event == "include"
                else whose_time(time_owner(tokens, counted_token, lasted))
                or named_owner(counted_token, verb_event if sized else event),
                counted_text=counted_text,
            )
        )
    claims.extend(
        times_claim(once_more(token, sentence), token, attribution)
        for token in sentence
        if token.lower_ in FREQUENCY_WORDS and how_often(token)
    )
    claims.extend(tally_claims(sentence, attribution))  # "voted 97-1": no figure of find_amounts
    claims.extend(side_share_claims(sentence, attribution))  # "led Obama 47 percent to 45 percent": no count
    return claims


def _said_missing(counted: Token) -> bool:
    """Whether the counted people are said to be missing, as their describing word or what is predicated of them
    ("12 missing hikers", "12 people are missing", "12 remain unaccounted for", "were reported missing"), not
    anywhere in the sentence ("300 residents were housed while rescuers searched for the missing")."""
    near = [*counted.children, counted.head, *counted.head.children] if counted.dep_.startswith("nsubj") else []
    near = near or list(counted.children)
    return any(t.lower_ in MISSING_WORDS and t.dep_ in {"amod", "acomp", "oprd", "ROOT", "conj"} for t in near)


def _is_figure(tokens: list[Token], amount: Amount) -> bool:
    """Drop 'one of the', 'the first', pronoun uses of numbers; keep measures and vague magnitudes."""
    if amount.qualifier == "vague" or amount.dimension is not None:
        return True
    # "a dozen", "two dozen": the parser tags "dozen" a noun; it is the figure's last number word all the same
    number = next((t for t in reversed(tokens) if t.like_num or t.pos_ == "NUM" or t.lower_ == "dozen"), None)
    if number is None:
        return False
    if number.lower_ == "one" and number.dep_ != "nummod":
        return False
    return number.dep_ in {
        "nummod",
        "quantmod",
        "dobj",
        "nsubj",
        "nsubjpass",
        "pobj",
        "attr",
        "appos",
        "conj",
        "compound",
        "npadvmod",
        "ROOT",
    }


def _counted_token(tokens: list[Token], amount: Amount) -> Token | None:
    inside = {t.i for t in tokens}
    head = amount_head(tokens)
    if (share := share_of(tokens)) is not None:
        return share  # "killed 300 out of 400 soldiers": 300 soldiers
    # "$9,587.64 worth of children's furniture": what the money bought
    worth = next((c for c in head.children if c.lower_ == "worth"), None)
    if worth is not None and (bought := of_object(worth)) is not None:
        return bought
    # "tens of thousands of soldiers", "dozens of villages", "50 of our members": the noun after "of"
    noun = of_object(head)
    vague = amount.qualifier == "vague" or head.lower_ in {"thousands", "hundreds", "millions", "dozens", "scores"}
    if noun is not None and (vague or (head.pos_ == "NUM" and noun.pos_ == "NOUN")):
        return noun
    if noun is not None and amount.dimension == "percent" and noun.pos_ == "NOUN":
        return noun  # "45 percent of Republican primary voters": a share of the voters
    if noun is not None and amount.dimension == "duration" and noun.pos_ == "NOUN" and head.dep_ in _THE_THING:
        # "released 20 years of tax returns", "held three hours of talks": the span is the thing acted on; "after
        # three years of talks" only sets a time
        return noun
    for token in tokens:  # "along the 1,000km (620-mile) front line" is parsed as "km" with "line" in apposition
        for child in token.children:
            if child.i not in inside and child.dep_ == "appos" and child.pos_ == "NOUN":
                return child
    clause = next(iter(sought_in(head)), None) if amount.dimension == "money" else None
    if clause is not None and (sought := money_purpose(clause, head)) is not None:
        return sought  # "in exchange for the $5 million she has sought for a bridge": the bridge
    target = head.head if head.head.i not in inside else head
    if target.lower_ in UNIT_WORDS and target.head.i != target.i:
        target = target.head
    if target.pos_ == "ADJ" and target.head.i != target.i:  # "the front line is 1,000 km long"
        target = target.head
    if target.pos_ in {"NOUN", "PROPN"} and target.i not in inside:
        return target
    if target.pos_ == "ADP":
        target = target.head
        if target.pos_ in {"NOUN", "PROPN"}:
            return target
        if target.pos_ == "VERB" and amount.dimension == "money" and (purpose := money_purpose(target, head)):
            return purpose  # "countered with $1.3 million for road repairs": what the money is for
        if target.pos_ == "VERB":  # "hold talks in three years": the verb's object is what is measured
            by_role = {c.dep_: c for c in reversed(list(target.children))}
            obj = by_role.get("dobj") or by_role.get("nsubjpass") or by_role.get("nsubj")  # the object first
            if obj is not None:
                return _antecedent(obj)
    if target.pos_ == "VERB" and amount.dimension == "money" and target.lemma_.lower() in PRICE_VERBS:
        subject = next((c for c in target.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.i not in inside:
            priced = _antecedent(subject)  # "a wall, which he estimates would cost $8 billion": the wall's price
            if priced.pos_ in {"NOUN", "PROPN"} and priced.ent_type_ != "PERSON":
                return priced
    price = price_subject(head) if amount.dimension == "money" else None
    if price is not None and (priced_thing := of_object(price)) is not None:
        return priced_thing  # "the cost of the package would be $500 million": the package's price
    if target.pos_ in {"VERB", "AUX"} and amount.dimension == "money" and head.dep_ in {"dobj", "attr", "npadvmod"}:
        # "the Clintons paid $43 million in federal taxes", "he spent $750,000 on personal items": the money is
        # what is measured and the subject only holds it; what it went to, when said, names the figure.
        return money_purpose(target, head)
    if target.pos_ in {"VERB", "AUX"}:
        subject = next((c for c in target.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.i not in inside:
            return _antecedent(subject)
        if head.dep_ in {"nsubj", "nsubjpass"} and _EVENTS.get(target.lemma_.lower()) in _HUMAN_EVENTS:
            return head  # "tens of thousands have been displaced": people, unnamed
    return None


# How a phrase stands when it is the thing a verb acts on or says something of, not a time set beside the verb.
_THE_THING = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})


def _antecedent(token: Token) -> Token:
    """'a front line that stretches 1,000 miles': the relative pronoun stands for the noun it follows, also
    through a verb the clause reports it under ('the wall, which he estimates would cost $8 billion')."""
    if token.lower_ not in {"that", "which", "who"}:
        return token
    clause = token.head
    while clause.dep_ in {"ccomp", "xcomp"} and clause.head.i != clause.i:
        clause = clause.head
    return clause.head if clause.dep_ == "relcl" else token


def _describe(token: Token | None, amount_tokens: list[Token]) -> tuple[str | None, tuple[str, ...]]:
    if token is None:
        return None, ()
    lemma = noun_lemma(token.lower_, token.lemma_.lower(), token.tag_)
    inside = {t.i for t in amount_tokens}
    if token.i in inside:
        return "people", ()  # the figure stands alone as the subject of a human event
    counted = _COUNTED.get(lemma, lemma)
    # "another four airstrikes": a determiner before the figure saying it counts some on top of others
    modifiers = [c.lower_ for c in token.children if c.dep_ == "det" and c.lower_ in ADDED_WORDS]
    for child in token.children:
        if (
            child.i in inside
            or child.dep_ not in {"amod", "compound", "nmod"}
            or child.i > token.i
            or child.pos_ == "NUM"
        ):
            continue
        if child.lower_ in _IGNORED_MODIFIERS or child.like_num or child.pos_ == "NUM":
            continue
        if any(t.i in inside for t in child.subtree):
            continue
        written = "".join(t.text_with_ws for t in child.subtree).strip().lower()  # "lower-level", not "level"
        word = party_key(child.text) if child.ent_type_ in {"NORP", "GPE"} else written
        modifiers.append(word)
    return counted, tuple(sorted(set(modifiers)))


def _written(token: Token | None, amount_tokens: list[Token]) -> str | None:
    """What is counted as the sentence words it: 'Ukrainian civilians', 'front line', 'senior officials'."""
    if token is None or token.i in {t.i for t in amount_tokens}:
        return None
    inside = {t.i for t in amount_tokens}
    words = [
        t
        for c in token.children
        if c.dep_ in {"amod", "compound"} and c.i < token.i and c.i not in inside and not c.like_num
        for t in c.subtree
        if t.i not in inside
    ]
    return " ".join(t.text for t in sorted([*words, token], key=lambda t: t.i))


def event_word(lemma: str) -> str:
    """The event a figure records when its verb is ``lemma`` ("died" -> "killed", "fled" -> "displaced")."""
    return _EVENTS.get(lemma, lemma)


def _sizes_its_noun(counted: Token) -> bool:
    """A figure joined to its noun by a hyphen before another noun ("the 168-member committee", "a 12-person jury"):
    how big that thing is, whatever the sentence's verb does with it ("will elect a chairman")."""
    doc, head = counted.doc, counted.head
    hyphened = counted.i >= 2 and doc[counted.i - 1].text == "-" and doc[counted.i - 2].like_num
    return hyphened and head.pos_ == "NOUN" and head.i > counted.i and counted.dep_ in {"amod", "compound", "nmod"}


def _event_of(token: Token) -> str | None:
    for child in token.children:  # "29 people injured", "the people missing"
        if child.dep_ in {"amod", "acl", "relcl"} and child.lemma_.lower() in _EVENTS:
            return _EVENTS[child.lemma_.lower()]
    node = token
    for _ in range(6):
        if node.pos_ in {"VERB", "ADJ"} or (node.pos_ == "AUX" and node.dep_ == "ROOT"):
            lemma = node.lemma_.lower()
            if lemma in _EVENTS:
                return _EVENTS[lemma]
            if node.pos_ == "VERB" and lemma in REPORTING_VERBS:
                return None  # "authorities reported 29 people": the reporting is not what happened to them
            if node.pos_ == "VERB":
                for child in node.children:  # "remain missing", "were unaccounted for"
                    if child.dep_ in {"acomp", "oprd"} and child.lemma_.lower() in _EVENTS:
                        return _EVENTS[child.lemma_.lower()]
                return lemma
        if node.head.i == node.i:
            break
        node = node.head
    return None
