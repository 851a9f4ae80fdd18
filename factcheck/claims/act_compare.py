"""Comparing the acts of two sentences (:mod:`factcheck.claims.acts`): the same act done to the same thing by
someone else ("Justice Clarence Thomas administered the oath" against "Chief Justice John Roberts administered
the oath"), by the same doer to someone else ("endorsed Barack Obama" against "endorsed John McCain"), or with
the doer and the one done to swapped ("Dravenia invaded Kastavia" against "Kastavia invaded Dravenia"; not for what
two do together, ``lexicon.RECIPROCAL_VERBS``).

Two acts are one when their verbs are the same or synonyms in WordNet, both or neither is denied, and neither
names a recipient the other does not match ("the oath to Trump" is not "the oath to Pence"). The sentences must
be about the same story (``ACT_SIMILARITY``); the names say who did it.
"""

from __future__ import annotations

import re

from factcheck.claims import wordnet
from factcheck.claims.acts import Act
from factcheck.claims.gazetteer import is_country
from factcheck.claims.judgement import AGREE, CONFLICT, Judgement, said_by
from factcheck.claims.lexicon import RECIPROCAL_VERBS, same_verb
from factcheck.claims.model import Claim, StatementClaim
from factcheck.claims.names import party_key, person_name, same_person

#: Sentences at least this alike may decide each other's acts: the same story (the event-conflict threshold of
#: places and times, ``verify.EVENT_CONFLICT_SIMILARITY``).
ACT_SIMILARITY = 0.45
#: The owner a name may be written with, up to four words and its possessive (either apostrophe): "Congress's ".
_OWNER = re.compile(r"^\S+(?: \S+){0,3}?['\u2019]s ")


def compare_acts(claim: StatementClaim, evidence: StatementClaim, similarity: float) -> Judgement | None:
    if similarity < ACT_SIMILARITY or not claim.acts or not evidence.acts:
        return None
    found: list[Judgement] = []
    for ours in map(Act.decode, claim.acts):
        for theirs in map(Act.decode, evidence.acts):
            decided = _verdict(ours, theirs)
            if decided is None:
                continue
            verdict, firm = decided
            said, says = claim.text[ours.start : ours.end], evidence.text[theirs.start : theirs.end]
            if verdict == CONFLICT and not firm and _listed_in(ours.doer_text, says):
                verdict = AGREE  # "A, B and C filed briefs" / "the chamber and companies including A, B and C filed"
            elif verdict == CONFLICT and not firm and _listed_in(theirs.doer_text, said):
                continue  # the source names one of the claim's several doers: it says nothing of the others
            reason = (
                f"claim says \u201c{said}\u201d; source says \u201c{says}\u201d (similarity {similarity:.2f})"
                f"{said_by(evidence)}"
            )
            found.append(Judgement(verdict, reason, None, Claim(start=theirs.start, end=theirs.end, text=says), firm))
    return min(found, key=lambda j: j.verdict != CONFLICT, default=None)


def _verdict(ours: Act, theirs: Act) -> tuple[str, bool] | None:
    """The verdict, and whether it is firm (a swap of doer and the one done to, which the verifier misreads)."""
    if ours.negated != theirs.negated or not same_verb(ours.verb, theirs.verb):
        return None
    if ours.recipient and theirs.recipient and ours.recipient != theirs.recipient:
        return None
    if ours.whose != theirs.whose:
        return None  # Kastavia's delegation is not Dravenia's; "the delegation" may be either
    same_doer, same_target = _same_name(ours.doer_text, theirs.doer_text), _same_target(ours, theirs)
    if same_doer and same_target:
        return AGREE, False
    if same_target and not (ours.named or ours.own or theirs.own):
        return CONFLICT, False  # the oath administered by someone else; not "his tax returns", nor "endorsed Clinton"
    if same_doer and ours.named and theirs.named:
        return CONFLICT, False  # endorsed someone else
    if _swapped(ours, theirs):
        return CONFLICT, True  # the one who did it is the one it was done to ("Dravenia invaded Kastavia")
    return None


def _swapped(ours: Act, theirs: Act) -> bool:
    """Two named parties, each the other's doer and the one done to, by a verb that is no thing two do together."""
    if not (ours.named and theirs.named) or ours.verb in RECIPROCAL_VERBS or theirs.verb in RECIPROCAL_VERBS:
        return False
    if _same_name(ours.doer_text, ours.target_text):
        return False
    return _same_name(ours.doer_text, theirs.target_text) and _same_name(ours.target_text, theirs.doer_text)


def _same_target(a: Act, b: Act) -> bool:
    if a.named or b.named:
        return a.named and b.named and _same_name(a.target_text, b.target_text)
    return a.target == b.target or wordnet.synonyms(a.target, b.target, "n")


def _same_name(a: str, b: str) -> bool:
    """One person or organisation however written ("Zelensky" / "Mr Zelenskiy", "Ivo Sarkan" / "Dr Ivo Sarkan"):
    the entity recogniser labels the same name a person in one sentence and an organisation in the next, so
    names are compared as written, not by their labels."""
    person_a, person_b = person_name(a), person_name(b)
    if person_a is not None and person_b is not None and same_person(person_a, person_b):
        return True
    if party_key(a) == party_key(b):
        return True
    short, long = sorted((_bare(a), _bare(b)), key=len)
    # A body named with its owner: "Congress's Office of Compliance" / "the Office of Compliance"
    owned = _OWNER.sub("", long, count=1)
    if owned != long and party_key(_bare(owned)) == party_key(short):
        return True
    # A body named short and in full: "the House" / "the House of Representatives", "the Senate" / "the U.S. Senate"
    head, of, _ = long.partition(" of ")
    if of and party_key(head) == party_key(short):
        return True
    before, _, last = long.rpartition(" ")
    return bool(before) and party_key(last) == party_key(short) and is_country(before)


def _listed_in(doer: str, act: str) -> bool:
    """Whether a doer is one of several that a telling of the act lists ("Bank of America" in "major corporations
    including Bank of America, General Electric and Microsoft submitted briefs"): an act's doer is the first of a
    list, and the others did it too."""
    found = re.search(r"\b" + re.escape(_bare(doer)) + r"\b", act)
    if found is None or found.start() == 0:
        return False
    return re.search(r",|\band\b|\bincluding\b", act[: found.start()]) is not None


def _bare(name: str) -> str:
    words = name.split()
    return " ".join(words[1:] if words[:1] in (["the"], ["The"]) else words)
