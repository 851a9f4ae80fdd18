"""The verdict stage, pluggable by name: the default ``typed`` verifier compares typed claims and falls back to
meaning similarity with polarity and key-term checks. A local NLI cross-encoder can be registered as another
verifier (``register_verifier``) without touching retrieval or aggregation.

Thresholds of the free-form fallback, and how they were chosen, are in docs/evaluation.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol

from factcheck.claims.act_compare import compare_acts
from factcheck.claims.compare import AGREE, CONFLICT, RESTATEMENT_SIMILARITY, Judgement, compare, said_by
from factcheck.claims.lexicon import MONTH_FORMS, NEGATORS, WEAK_VERBS, WEEKDAYS, opposite, opposite_acts, same_verb
from factcheck.claims.model import (
    ANCHOR_PREFIXES,
    Claim,
    PlaceClaim,
    RoleClaim,
    StatementClaim,
    TimeClaim,
    statement_of,
)
from factcheck.claims.names import fold_key, same_person, speaker_keys, surname_forms
from factcheck.claims.stance_compare import STANCE_SIMILARITY, compare_stances, named
from factcheck.claims.syntax import same_attribution
from factcheck.claims.times import dated_years
from factcheck.errors import ConfigError

#: A restatement: at least this similar, same polarity, and every name and number of the claim present.
FREE_FORM_AGREE_SIMILARITY = RESTATEMENT_SIMILARITY
#: ... and at least this share of the claim's other content words (lemmas) in the source sentence.
FREE_FORM_COVERAGE = 0.6
#: A denial: at least this similar, opposite polarity, same main verb, same people.
FREE_FORM_NEGATION_SIMILARITY = 0.60
# Below this similarity the free-form reading decides nothing (each of its rules needs at least its own).
_FREE_FORM_FLOOR = min(FREE_FORM_AGREE_SIMILARITY, FREE_FORM_NEGATION_SIMILARITY, STANCE_SIMILARITY)
#: Places and times are compared only between sentences about the same event, at least this similar.
EVENT_SIMILARITY = 0.30
#: ... and a conflicting place or time needs sentences at least this similar, with the same names in them.
EVENT_CONFLICT_SIMILARITY = 0.45
# Words that mark one occasion among several ("the next round", "the second time", "their latest attempt"),
# read from the text as written (an ordinal may be tagged as a number).
_OTHER_OCCASION = frozenset({"next", "previous", "second", "third", "round", "last", "latest", "another", "again"})
_WEEKDAY_NAMES = frozenset(WEEKDAYS)
# Days and months are the times a time conflict compares, never names of the occasion ("on April 26" / "on March 26")
_CALENDAR_NAMES = _WEEKDAY_NAMES | MONTH_FORMS
_CAPITALISED = re.compile(r"\b[A-Z][\w'-]+")


class Verifier(Protocol):
    def judge(
        self,
        claim_text: str,
        parts: Sequence[Claim],
        statements: Sequence[StatementClaim],
        sentence: str,
        sentence_claims: Sequence[Claim],
        similarity: float,
    ) -> list[Judgement]:
        """Judgements of the claim against one source sentence (empty when nothing is comparable)."""
        ...


class TypedVerifier:
    def judge(
        self,
        claim_text: str,
        parts: Sequence[Claim],
        statements: Sequence[StatementClaim],
        sentence: str,
        sentence_claims: Sequence[Claim],
        similarity: float,
    ) -> list[Judgement]:
        evidence_statement = statement_of(sentence_claims)
        judgements = [
            judgement
            for part in parts
            for evidence in sentence_claims
            if (judgement := compare(part, evidence, similarity=similarity, event_similarity=EVENT_SIMILARITY))
            and same_event(judgement, statements, evidence_statement, similarity)
        ]
        judgements += [
            judgement
            for part in parts
            if isinstance(part, RoleClaim)
            and not any(j.claim is part for j in judgements)
            and (judgement := role_held_by_another(part, sentence_claims)) is not None
        ]
        if evidence_statement is not None:
            for statement in statements:
                free = free_form(statement, evidence_statement, similarity)
                if free is not None:
                    judgements.append(free)
        order = {CONFLICT: 0, AGREE: 1}
        return sorted(judgements, key=lambda j: order.get(j.verdict, 2))


def role_held_by_another(claim: RoleClaim, sentence_claims: Sequence[Claim]) -> Judgement | None:
    """A sentence that gives the claimed role to someone else and another role to the claimed person
    ("Defence minister Andrei Belousov, General Staff chief Valery Gerasimov ...") contradicts "Gerasimov is
    defence minister", even when it names no country: both posts are listed side by side, in one government."""
    roles = [c for c in sentence_claims if isinstance(c, RoleClaim) and not c.negated]
    holder = next((c for c in roles if c.role == claim.role and not same_person(c.person, claim.person)), None)
    own = next((c for c in roles if same_person(c.person, claim.person) and c.role != claim.role), None)
    if holder is None or own is None or claim.negated:
        return None
    parties = {c.party for c in (claim, holder, own) if c.party is not None}
    if len(parties) > 1 or same_attribution(claim.attribution, holder.attribution) is False:
        return None  # posts in different governments, or claims of different speakers
    reason = (
        f"claim says {claim.person.display} is {claim.role}; source names {holder.person.display} as "
        f"{holder.role} and {own.person.display} as {own.role}{said_by(holder)}"
    )
    return Judgement(CONFLICT, reason, claim, holder)


def same_event(
    judgement: Judgement, statements: Sequence[StatementClaim], evidence: StatementClaim | None, similarity: float
) -> bool:
    """A conflict needs the same story: sentences at least EVENT_CONFLICT_SIMILARITY alike (a corpus holds many
    events, and "40 people killed" in one is no contradiction of "12 killed" in another). A place or time
    conflict also needs the same people and parties named."""
    if judgement.verdict != CONFLICT:
        return True
    if similarity < EVENT_CONFLICT_SIMILARITY:
        return False
    if not isinstance(judgement.claim, PlaceClaim | TimeClaim):
        return True
    if evidence is None:
        return False
    claim_terms = {t for s in statements for t in s.terms}
    evidence_terms = set(evidence.terms)
    people = {t for t in claim_terms if t.startswith("person:")}
    names = {t for t in claim_terms if t.startswith("name:") and t[5:] not in _CALENDAR_NAMES}
    evidence_names = {t for t in evidence_terms if t.startswith("name:") and t[5:] not in _CALENDAR_NAMES}
    # A person may stand in the source as a bare name ("Trump's campaign said he would ..."): keyed as a person;
    # or as a capitalised word the tagger did not read as a name at all (at the start of a sentence, often).
    evidence_people = (
        {t for t in evidence_terms if t.startswith("person:")}
        | {"person:" + fold_key(t[5:]) for t in evidence_terms if t.startswith("name:")}
        | {"person:" + fold_key(word.lower()) for word in _CAPITALISED.findall(evidence.text)}
    )
    if not people <= evidence_people:
        return False  # someone else's meeting
    # A year that dates something ("in November 2011", "named deputy director in 2016") is a time, compared as
    # times are, not a mark of another occasion ("the 2022 talks").
    texts = (*(s.text for s in statements), evidence.text)
    compared = {f"num:{year}" for text in texts for year in dated_years(text)}
    marks = _occasion_marks(" ".join(s.text for s in statements)) | {
        t for t in claim_terms if is_year_term(t) and t not in compared
    }
    evidence_marks = _occasion_marks(evidence.text) | {
        t for t in evidence_terms if is_year_term(t) and t not in compared
    }
    if not marks <= evidence_marks or {t for t in evidence_marks if is_year_term(t)} - marks:
        return False  # "the next round", "the 2022 talks": another occasion, on either side
    # Named organisations must meet when both sentences name any (countries are often only the place); a name
    # one side uses as a modifier may be a person the other names ("a Trump press conference" / "with Trump").
    claim_keys = {form for t in names for form in _name_forms(t)}
    evidence_keys = {form for t in evidence_names | evidence_people for form in _name_forms(t)}
    return not (names and evidence_names and not claim_keys & evidence_keys)


@lru_cache(maxsize=65536)
def _name_forms(term: str) -> frozenset[str]:
    """A name term's word as keyed for a person and as keyed for a single proper noun ("Kellerman" -> kellerm)."""
    return frozenset(fold_key(form) for form in surname_forms(term.split(":", 1)[1]))


def _occasion_marks(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower())) & _OTHER_OCCASION


def _other_year(claim: StatementClaim, evidence: StatementClaim) -> bool:
    """Whether the source dates what it tells by a year the claim does not give ("endorsed Mitt Romney in 2008"
    against "endorsed Perry on Tuesday"): another occasion, whoever did what to whom."""
    years = {t for t in evidence.terms if is_year_term(t)}
    return bool(years) and not years & set(claim.terms)


def is_year_term(term: str) -> bool:
    """Whether a statement's term is a year ("num:2010")."""
    return term.startswith("num:") and len(term) == 8 and term[4:6] in {"19", "20"}


def free_form(claim: StatementClaim, evidence: StatementClaim, similarity: float) -> Judgement | None:
    """Meaning similarity plus polarity and key terms; stays silent (None) rather than guess."""
    act = compare_acts(claim, evidence, similarity)  # who did what to whom: its own similarity floor
    if act is not None and not (act.verdict == CONFLICT and _other_year(claim, evidence)):
        return act
    if similarity < _FREE_FORM_FLOOR:
        return None
    claim_anchors = {t for t in claim.terms if t.startswith(ANCHOR_PREFIXES)}
    evidence_terms = set(evidence.terms)
    people = {t for t in claim_anchors if t.startswith("person:")}
    stance = compare_stances(claim, evidence, similarity)
    if stance is not None:
        return stance
    turned = _opposite_action(claim, evidence, similarity)
    if turned is not None:
        return turned
    quoted = _reported_speech(claim, evidence, similarity)
    if quoted is not None:
        return quoted
    if claim.negated != evidence.negated:
        # Who the claim says spoke need not be named by the source: "the Kremlin said X" is denied by a sentence
        # where the Kremlin's spokesman says not-X. The people the statement is about must be there.
        speakers = speaker_terms(claim)
        subjects = people - speakers
        predicate, evidence_predicate = _predicate(claim), _predicate(evidence)
        # A source that affirms must assert the act itself: naming it ("alleged shadow banning") asserts nothing,
        # nor does a passive that gives no doer ("a photo was sent from his account") against a denial that he did
        # The claim's act named in a denying sentence is denied there only where the sentence's own verb says
        # nothing of its own ("had no plans to travel"), not where it denies another act ("refused to apologize
        # ..., even saying he wished ...")
        same_event = predicate not in WEAK_VERBS and (
            (same_verb(predicate, evidence_predicate) and not (claim.negated and evidence.agentless))
            or (predicate in evidence_terms and not claim.negated and evidence_predicate in WEAK_VERBS)
        )
        # The side that does not deny must not deny anything either: "I am pro-life and I am not pro-gay
        # marriage" reads as positive by its first clause, but its "not" may be the very denial the claim makes.
        affirming = evidence.text if claim.negated else claim.text
        if any(_plain(q) in _plain(evidence.text) for q in _quotes(claim.text)):
            return None  # a source quoting the claim's words is not denying them
        # ... and a claim about its own speaker ("Petrak said he would resign") is denied by that speaker, not by
        # another person who denies the same act of their own
        others = {t for t in evidence_terms if t.startswith("person:")} | speaker_terms(evidence)
        own_act = not subjects and bool(speakers) and bool(others) and not speakers & others
        # ... nor by another doer's act: "Fox says Mexico will not pay" denies nothing of "Fox said Trump should pay"
        another_doer = bool(claim.doer) and bool(evidence.doer) and claim.doer != evidence.doer
        if (
            similarity >= FREE_FORM_NEGATION_SIMILARITY
            and same_event
            and subjects <= evidence_terms
            and not own_act
            and not another_doer
            and not _negators(affirming)
            and _same_object(claim, evidence, predicate)
        ):
            said = (
                ("is not" if evidence.negated else "is")
                if claim.complement
                else ("does not" if evidence.negated else "does")
            )
            return Judgement(
                CONFLICT,
                f"source says the opposite: it {said} {predicate} (similarity {similarity:.2f}){said_by(evidence)}",
                None,
                evidence,
            )
        return None
    content = {t for t in claim.terms if ":" not in t}
    covered = len(content & evidence_terms) / len(content) if content else 1.0
    quotes = _quotes(claim.text)
    if quotes and similarity >= FREE_FORM_NEGATION_SIMILARITY and people <= evidence_terms:
        evidence_text = _plain(evidence.text)
        if all(_plain(q) in evidence_text for q in quotes):
            return Judgement(
                AGREE,
                f"source has the same words: \u201c{quotes[0]}\u201d (similarity {similarity:.2f})",
                None,
                evidence,
            )
    if _negators(claim.text) and not _negators(evidence.text):
        return None  # "a member, but not the head": a negation in the claim that the source never makes
    # Places may be written as "the city" in the source; names, people and figures may not go missing.
    places = {t for t in claim_anchors if t.startswith("place:")}
    other_places = {t for t in evidence_terms if t.startswith("place:")} - places
    required = claim_anchors - places if not other_places else claim_anchors
    # Days are judged by the typed time parts (or, for the day of a saying, only describe): not required here.
    required = {t for t in required if t.removeprefix("name:") not in _WEEKDAY_NAMES}
    if similarity >= FREE_FORM_AGREE_SIMILARITY and required <= evidence_terms and covered >= FREE_FORM_COVERAGE:
        return Judgement(
            AGREE, f"source restates the claim (similarity {similarity:.2f}, same names and figures)", None, evidence
        )
    return None


def _opposite_action(claim: StatementClaim, evidence: StatementClaim, similarity: float) -> Judgement | None:
    """The same thing done the other way: "inflation rose to 3.2 percent" against "fell to 3.2 percent", a rate
    "cut" against "raised", a proposal "accepted" against "dismissed" (opposites from the shared lexicon)."""
    if claim.negated != evidence.negated or similarity < FREE_FORM_NEGATION_SIMILARITY or not claim.verb:
        return None
    evidence_verbs = [evidence.verb, *(t for t in evidence.terms if ":" not in t)]
    other = next((v for v in evidence_verbs if opposite(claim.verb, v)), None)
    ours = claim.verb
    if other is None or claim.verb in evidence_verbs:
        # or an act the claim names by a noun, the same verb telling it ("tweeted her support for the plan" /
        # "tweeted about her opposition to the plan")
        if not same_verb(claim.verb, evidence.verb):
            return None
        mine = [t for t in claim.terms if ":" not in t and t not in evidence_verbs and t != claim.verb]
        theirs = [t for t in evidence_verbs[1:] if t not in claim.terms]
        ours, other = next(((a, b) for a in mine for b in theirs if opposite_acts(a, b)), ("", None))
        if other is None:
            return None
    people = {t for t in claim.terms if t.startswith("person:")} - speaker_terms(claim)
    if not people <= set(evidence.terms) or not _same_object(claim, evidence, ours):
        return None
    return Judgement(
        CONFLICT,
        f"source says the opposite: \u201c{other}\u201d where the claim says \u201c{ours}\u201d "
        f"(similarity {similarity:.2f}){said_by(evidence)}",
        None,
        evidence,
    )


def _same_object(claim: StatementClaim, evidence: StatementClaim, predicate: str) -> bool:
    """A denial must be of the same thing: every place, party and figure of the claim is in the source, and
    when the claim names anything besides its verb and its people, the source shares a word of it ("had not
    served in Vietnam" is no denial of "served in the Marine reserves")."""
    evidence_terms = set(evidence.terms)
    things = {t for t in claim.terms if t.startswith(("place:", "party:", "num:"))}
    if not things <= evidence_terms:
        return False
    objects = {t for t in claim.terms if ":" not in t} - {predicate, claim.verb}
    # a word may be a name the tagger read as a name on one side only ("trump")
    return not objects or any(o in evidence_terms or named(o, evidence.terms) for o in objects)


def _reported_speech(claim: StatementClaim, evidence: StatementClaim, similarity: float) -> Judgement | None:
    """What the claim reports someone said ("Sheekey said he had never met Trump") given in the source as their
    own quoted words ("“I've never met Donald Trump,” said Kevin Sheekey"): the same speaker, every content word
    and person of the claim in the source (the speaker's own words aside), and a denial on both sides or on
    neither. The verifier reads a quotation against reported speech as unrelated."""
    if similarity < FREE_FORM_NEGATION_SIMILARITY or claim.attribution is None or evidence.attribution is None:
        return None
    quotes = _quotes(evidence.text)
    if not quotes or same_attribution(claim.attribution, evidence.attribution) is not True:
        return None
    speaker_words = {w.lower() for w in re.findall(r"\w+", claim.attribution.text)}
    content = {t for t in claim.terms if ":" not in t and t not in speaker_words} - {claim.verb}
    # every person, place, party and other name of the claim besides the speaker ("the Senate Intelligence
    # Committee" is not told by a sentence about the Judiciary Committee)
    speaker = speaker_keys(claim.attribution.text)
    names = {t for t in claim.terms if t.startswith(ANCHOR_PREFIXES) and t.split(":", 1)[1] not in speaker}
    evidence_terms = set(evidence.terms)
    if (
        not content
        or not content <= evidence_terms
        or not all(named(n.split(":", 1)[1], evidence.terms) for n in names)
    ):
        return None
    if _negators(claim.text) != any(_negators(q) for q in quotes):
        return None
    # the quotation that carries most of the claim's words, not a programme's title quoted beside it
    quoted = max(quotes, key=lambda q: len(content & set(re.findall(r"\w+", q.lower()))))
    reason = f"source quotes {evidence.attribution.text}: “{quoted}” (similarity {similarity:.2f})"
    return Judgement(AGREE, reason, None, evidence)


def _predicate(statement: StatementClaim) -> str:
    """What a sentence asserts, for telling a denial of it: the main verb, or a copula's adjective."""
    return statement.complement if statement.verb == "be" and statement.complement else statement.verb


def speaker_terms(claim: StatementClaim) -> set[str]:
    """The person terms of whoever a statement is credited to ("President Obama said ...": person:obama)."""
    if claim.attribution is None:
        return set()
    return {f"person:{key}" for key in speaker_keys(claim.attribution.text)}


_QUOTED = re.compile(r"[\"\u201c\u2018']([^\"\u201d\u2019']{3,200})[\"\u201d\u2019']")


def _quotes(text: str) -> list[str]:
    """Quoted phrases of two words or more: the surest key terms a claim can carry."""
    return [q.strip() for q in _QUOTED.findall(text) if len(q.split()) >= 2]


# "without" denies an act only before one ("left without paying"); "even without him" denies nothing
_NEGATOR = re.compile(
    r"\b(?:" + "|".join(sorted(w for w in NEGATORS if w.isalpha() and w != "without")) + r")\b|n't\b"
    r"|\bwithout\s+\w+ing\b",
    re.IGNORECASE,
)


def _negators(text: str) -> bool:
    return _NEGATOR.search(text) is not None


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


_VERIFIERS: dict[str, Callable[[], Verifier]] = {"typed": TypedVerifier}


def register_verifier(name: str, factory: Callable[[], Verifier]) -> None:
    _VERIFIERS[name] = factory


def create_verifier(name: str) -> Verifier:
    try:
        return _VERIFIERS[name]()
    except KeyError:
        raise ConfigError(f"unknown verifier {name!r}; choose one of {', '.join(sorted(_VERIFIERS))}") from None
