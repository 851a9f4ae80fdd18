"""Group claims: who heads or belongs to a delegation or chairs a meeting.

"The Kastavian delegation is headed by Foreign Minister Pavel Ostrovsky" -> head of the Kastavian delegation;
"It also includes deputy defence minister Lidia Marek" -> member of the group the previous sentence named. The
people are those :func:`factcheck.claims.people.people_claims` found, by the index of their name's root token.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from factcheck.claims.lexicon import ROLE_HEADS
from factcheck.claims.model import Attribution, GroupClaim
from factcheck.claims.names import PersonName, party_key
from factcheck.claims.syntax import parties_in

#: Verbs (and their nouns) that say who heads or belongs to a group: "X heads the delegation", "it includes Y".
GROUP_VERBS = frozenset({"head", "lead", "include", "comprise", "chair"})

GROUP_NOUNS = {"delegation": "delegation", "team": "delegation", "side": "delegation", "mission": "delegation"}
# Events someone chairs or leads; they need no owning party ("will chair the opening session").
EVENT_GROUPS = {
    "session": "session",
    "talks": "talks",
    "talk": "talks",
    "meeting": "meeting",
    "summit": "summit",
    "negotiations": "talks",
    "conference": "conference",
}


def group_claims(
    sentence: Span,
    attribution: Attribution | None,
    holders: dict[int, tuple[PersonName, str, int]],
    previous_group: str | None,
) -> tuple[list[GroupClaim], str | None]:
    claims: list[GroupClaim] = []
    group_here: str | None = None
    for token in sentence:
        lemma = token.lemma_.lower()
        membership = lemma in {"part", "member"} and token.dep_ in {"attr", "appos"}
        if not membership and (lemma not in GROUP_VERBS or token.pos_ not in {"VERB", "NOUN"}):
            continue
        group_token, people = _membership(token) if membership else _group_and_people(token)
        group = _group_name(group_token, previous_group)
        if group is None:
            continue
        group_here = group
        relation = "member" if lemma in {"include", "comprise", "part", "member"} else "head"
        for person_token in people:
            holder = holders.get(person_token.i)
            if holder is None:  # "led by its foreign minister, Pavel Ostrovskiy": the name is in apposition
                holder = next(
                    (holders[c.i] for c in person_token.children if c.dep_ == "appos" and c.i in holders), None
                )
            if holder is None and person_token.lemma_.lower() in ROLE_HEADS:
                # "the head of the presidential office Andriy Yermak": the name sits inside the role phrase
                holder = next((holders[t.i] for t in person_token.subtree if t.i in holders), None)
            if holder is None:
                continue
            name, holder_text, start = holder
            end = start + len(holder_text)
            claims.append(
                GroupClaim(
                    start=start,
                    end=end,
                    text=sentence.text[start:end],
                    attribution=attribution,
                    group=group,
                    relation=relation,
                    person=name,
                    holder_text=holder_text,
                    group_text=_written_group(group_token),
                )
            )
    if group_here is None:
        group_here = next((g for t in sentence if (g := _group_name(t, None)) is not None), None)
    return claims, group_here


def _group_and_people(verb: Token) -> tuple[Token | None, list[Token]]:
    children = list(verb.children)
    if verb.pos_ == "NOUN":  # "The head of the Russian delegation, presidential aide Vladimir Medinsky"
        of = next((c for c in children if c.lower_ == "of"), None)
        group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return group, [c for c in children if c.dep_ == "appos"] + ([verb.head] if verb.dep_ == "appos" else [])
    agent = next((c for c in children if c.dep_ == "agent"), None)
    if agent is not None:  # passive: "X is headed by P", or "a team led by P" (acl)
        people = [c for c in agent.children if c.dep_ == "pobj"]
        subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
        group = subject if subject is not None else (verb.head if verb.dep_ == "acl" else None)
        return group, _with_conjuncts(people)
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if verb.lemma_.lower() in {"include", "comprise"}:
        if subject is not None and subject.lower_ in {"which", "that"} and verb.dep_ == "relcl":
            subject = verb.head
        return subject, _with_conjuncts([obj] if obj is not None else [])
    return obj, _with_conjuncts([subject] if subject is not None else [])  # "P will head X's delegation"


def _written_group(token: Token | None) -> str:
    if token is None or token.lower_ in {"it", "which", "they"}:
        return ""
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ not in {"punct"}]
    return " ".join(t.text for t in words).replace(" 's", "'s")


def _membership(noun: Token) -> tuple[Token | None, list[Token]]:
    """'X is part of / a member of Kastavia's delegation' and 'X, a member of the delegation'."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if noun.dep_ == "appos":
        return group, [noun.head]
    subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return group, _with_conjuncts([subject] if subject is not None else [])


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    found: list[Token] = []
    for token in tokens:
        found.append(token)
        found.extend(t for t in token.subtree if t.dep_ == "conj")
    return found


def _group_name(token: Token | None, previous_group: str | None) -> str | None:
    if token is None:
        return None
    noun = GROUP_NOUNS.get(token.lemma_.lower())
    if noun is None:
        if token.lower_ in {"it", "which", "they"} and previous_group is not None:
            return previous_group
        event = EVENT_GROUPS.get(token.lemma_.lower()) or EVENT_GROUPS.get(token.lower_)
        if event is not None and token.head.lemma_.lower() == "chair":
            qualifier = " ".join(c.lower_ for c in token.children if c.dep_ in {"amod", "compound"})
            return f"{qualifier} {event}".strip()
        return None
    owner = next(
        (
            c
            for c in token.children
            if c.dep_ == "poss" or c.ent_type_ in {"NORP", "GPE"} or (c.dep_ == "amod" and c.text[:1].isupper())
        ),
        None,
    )
    if owner is not None and owner.lower_ not in {"his", "her", "its", "their"}:
        return f"{party_key(owner.text)} {noun}"
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    if definite and previous_group is not None:
        return previous_group  # "the delegation" continues the group already in play
    parties = parties_in(token.sent)
    if len(parties) == 1:
        return f"{parties[0]} {noun}"  # "Dravenia is represented by a team led by ..."
    return None
