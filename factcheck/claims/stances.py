"""Stances a sentence takes towards something: accepting or refusing it, attending or staying away, confirming
or denying it.

Outlets often report the same fact with opposite words rather than with a "not": "Putin spurned the offer"
against "Putin accepted the offer", "absent from the talks" against "took part in the talks", "ruled out a
pause" against "ready to discuss a pause". Each word below carries a kind and a polarity; a negation on its
clause flips the polarity ("did not accept" is a refusal). The list is deliberately short: only verbs and
adjectives whose opposite is unambiguous in news copy.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from factcheck.claims.names import fold_key
from factcheck.claims.syntax import is_negated

ACCEPT, ATTEND, CONFIRM = "accept", "attend", "confirm"

# lemma -> (kind, polarity), for single words (verbs, or adjectives where marked in _ADJECTIVES)
_WORDS: dict[str, tuple[str, bool]] = {
    "accept": (ACCEPT, True),
    "approve": (ACCEPT, True),
    "endorse": (ACCEPT, True),
    "reject": (ACCEPT, False),
    "spurn": (ACCEPT, False),
    "decline": (ACCEPT, False),
    "refuse": (ACCEPT, False),
    "rebuff": (ACCEPT, False),
    "snub": (ACCEPT, False),
    "veto": (ACCEPT, False),
    "welcome": (ACCEPT, True),  # "welcomed the proposal"
    "attend": (ATTEND, True),
    "miss": (ATTEND, False),  # "will miss the talks" (as a verb: "missing people" is not a stance)
    "participate": (ATTEND, True),
    "boycott": (ATTEND, False),
    "skip": (ATTEND, False),
    "confirm": (CONFIRM, True),
    "acknowledge": (CONFIRM, True),
    "deny": (CONFIRM, False),
    "refute": (CONFIRM, False),
}
_ADJECTIVES: dict[str, tuple[str, bool]] = {
    "ready": (ACCEPT, True),  # "ready to discuss a pause"
    "willing": (ACCEPT, True),
    "unwilling": (ACCEPT, False),
    "present": (ATTEND, True),  # "present at the talks"
    "absent": (ATTEND, False),  # "absent from the talks"
}
# verb lemma -> {particle or object: (kind, polarity)}: words that take their meaning from a partner
_PHRASES: dict[str, dict[str, tuple[str, bool]]] = {
    "rule": {"out": (ACCEPT, False)},  # "ruled out any pause"
    "turn": {"down": (ACCEPT, False)},  # "turned down the offer"
    "take": {"part": (ATTEND, True)},  # "took part in the talks"
    "stay": {"away": (ATTEND, False)},  # "stayed away from the talks"
}

#: Words that carry a stance; they are not what the stance is about.
STANCE_WORDS = frozenset([*_WORDS, *_ADJECTIVES, *_PHRASES, "agree", "part", "out", "down", "away"])


def stances_of(sentence: Span) -> tuple[str, ...]:
    found: set[str] = set()
    for token in sentence:
        reading = _reading(token)
        if reading is None:
            continue
        kind, positive = reading
        refusal = _governing_refusal(token)
        if refusal is not None and _negated(refusal):
            continue  # "did not refuse to attend": a double negative, left unread
        negated = _negated(token)
        if negated and not positive:
            continue  # "did not reject the offer" is not an acceptance
        if negated != (refusal is not None):
            positive = not positive  # "did not accept"; "refused to attend", "denied that he would attend"
        holders = ",".join(sorted(_holders(token)))
        words = _words(token)
        if refusal is not None:
            words = f"{refusal.text} {'to' if token.dep_ == 'xcomp' else '...'} {words}"
        # where it is written in the sentence, for the evidence highlight: the stance word (or the refusal)
        first = refusal if refusal is not None else token
        start, end = first.idx - sentence.start_char, token.idx + len(token) - sentence.start_char
        found.add(f"{kind}:{'+' if positive else '-'}:{words}:{holders}:{start}:{end}")
    return tuple(sorted(found))


def stance_key(stance: str) -> str:
    """'accept:-' of 'accept:-:spurned:putyn'."""
    return ":".join(stance.split(":")[:2])


def stance_words(stance: str) -> str:
    """'spurned' of 'accept:-:spurned:putyn'."""
    return stance.split(":")[2]


def stance_holders(stance: str) -> set[str]:
    """Who takes the stance, as keys ({'putyn'} of 'accept:-:spurned:putyn'); empty when unknown ("he")."""
    return {key for key in stance.split(":")[3].split(",") if key}


def stance_span(stance: str) -> tuple[int, int] | None:
    """Offsets of the stance's words in its sentence ((start, end) of 'accept:-:spurned:putyn:120:127')."""
    fields = stance.split(":")
    return (int(fields[4]), int(fields[5])) if len(fields) >= 6 else None


def holder_key(text: str) -> str:
    """The key of a person's surname or a party's name, as stance holders are written."""
    return fold_key(text.split()[-1].lower()) if text.split() else ""


def _holders(token: Token) -> set[str]:
    """Who takes the stance: the subject of the verb (through "refused to attend"), or of the copula an
    adjective complements ("Dravenia was ready", "absent from the talks were Lavrov and Ushakov")."""
    node = token
    while node.dep_ in {"xcomp", "acomp"} and node.head.i != node.i:
        node = node.head
    # The subject, or the agent of a passive ("turned down by Dravenia"); a passive subject is what is refused.
    subjects = [c for c in node.children if c.dep_ == "nsubj" or (c.dep_ == "attr" and c.i > node.i)]
    subjects += [p for agent in node.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"]
    keys: set[str] = set()
    for subject in subjects:
        for holder in (subject, *subject.conjuncts):
            if holder.pos_ == "PROPN" or holder.ent_type_ in {"PERSON", "GPE", "NORP", "ORG"}:
                keys.add(holder_key(holder.text))
    return keys


def _words(token: Token) -> str:
    """The stance as written: 'spurned', 'ruled out', 'took part', 'absent'; with its negation if any."""
    words = [token]
    if token.lemma_.lower() in _PHRASES:
        words += [c for c in token.children if c.lower_ in _PHRASES[token.lemma_.lower()]]
    words += [c for c in token.children if c.dep_ == "neg"]
    if token.dep_ == "acomp":
        words += [c for c in token.head.children if c.dep_ == "neg"]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _negated(token: Token) -> bool:
    # "was not ready": the negation sits on the copula the adjective complements
    return is_negated(token) or (token.dep_ == "acomp" and is_negated(token.head))


def _governing_refusal(token: Token) -> Token | None:
    """The refusal or denial whose complement holds the token ("refused to attend", "denied that ... attend")."""
    node = token
    while node.dep_ in {"xcomp", "ccomp"} and node.head.i != node.i:
        node = node.head
        reading = _reading(node)
        if reading is not None:
            return node if not reading[1] else None
    return None


def _reading(token: Token) -> tuple[str, bool] | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        if lemma in _PHRASES:
            for child in token.children:
                if child.dep_ in {"prt", "dobj", "advmod"} and child.lower_ in _PHRASES[lemma]:
                    return _PHRASES[lemma][child.lower_]
            return None
        if lemma == "agree":  # "agreed to the proposal", "agreed to hold talks"; not "agreed that ..."
            to = any(c.dep_ in {"prep", "aux"} and c.lower_ == "to" for c in token.children)
            return (ACCEPT, True) if to or any(c.dep_ == "xcomp" for c in token.children) else None
        return _WORDS.get(lemma)
    if token.pos_ == "ADJ":
        return _ADJECTIVES.get(lemma)
    return None
