"""Small readings of a spaCy parse shared by the claim extractors: who said it, negation, parties, scope."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from factcheck.claims.gazetteer import country_key
from factcheck.claims.lexicon import NEGATORS, NUMBER_WORDS, REJECTING_VERBS
from factcheck.claims.model import Attribution
from factcheck.claims.names import party_key, person_name, surname_forms
from factcheck.claims.party_marks import mark_tokens
from factcheck.claims.political import organisation_side, party_of
from factcheck.claims.wordnet import is_group_noun, is_person_noun, lexname

REPORTING_VERBS = frozenset(
    "say tell report estimate announce confirm claim state add insist warn note write accuse deny".split()
)
_ACCORDING = re.compile(
    r"\b(?i:according to)\s+((?:the\s+)?[\w.\-']+(?:\s+(?:of\s+)?[\w.\-']+){0,5}?)"
    r"(?=[,;.]|\s+(?:and|but|which|who|on|in)\b|$)"
)
_DAILY = re.compile(
    r"\b(?:(?:in|over|during|within)\s+(?:the\s+)?(?:past|last|previous|preceding)\s+"
    r"(?:day|24\s*hours|twenty-four hours)"
    r"|in\s+(?:a|one)\s+single\s+day|in\s+(?:a|one)\s+day\b|in\s+the\s+24\s*hours|\b24\s*hours\s+to\b"
    r"|per\s+day|a\s+day\b|daily|yesterday|overnight\s+toll)",
    re.IGNORECASE,
)
_CUMULATIVE = re.compile(
    r"\b(?:since\s+(?:the\s+)?(?:start|beginning|outbreak|war|invasion|\w+\s+\d{1,2}\b|\d{4}|\w+)|so\s+far|in\s+total"
    r"|to\s+date|in\s+all|overall|cumulative|altogether)",
    re.IGNORECASE,
)


#: Subjects of a reporting verb that name no speaker: a pronoun the sentence alone cannot resolve, or a relative
#: pronoun ("a tweet that accused ...": the clause tells what the tweet did).
_NO_SPEAKER = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})


# Words opening a clause of time, cause or condition: what its reporting verb says stays in that clause
_TIME_OR_CAUSE = frozenset({"when", "after", "before", "while", "because", "since", "until", "if", "once", "whenever"})


def attribution_with_reach(sentence: Span, anchor: Token | None = None) -> tuple[Attribution | None, int]:
    """The source a sentence attributes its content to ('according to X', or the subject of 'X said') and the
    offset in the sentence from which it holds: 0, or where a
    reporting verb coordinated with a clause of the writer's own begins ("12 of the 19 were Kastavian, but the
    government denies any role, and inquiries found no link": the parser may hang "found" on "denies", and the
    figures before "but" are the writer's all the same)."""
    match = _ACCORDING.search(sentence.text)
    if match:
        text = match.group(1).strip().rstrip(".")
        return Attribution(text=text, key=_attribution_key(text)), 0
    # The innermost reporting verb first: in "a source told Fox News that Cornyn has told Akin that the $5 million
    # would be withdrawn" what was said is Cornyn's, as the source reports it (of verbs as deep, the first).
    # and a verb denying what its object states ("Petrak dismissed the claim that he had lied"): the denial is his
    reporting = [
        t
        for t in sentence
        if (t.lemma_ in REPORTING_VERBS and t.pos_ == "VERB")
        or (t.dep_ == "ROOT" and proposition_denied(t) is not None)
    ]
    for token in sorted(reporting, key=lambda t: -sum(1 for _ in t.ancestors)):
        if anchor is not None and anchor.i != token.i and not _governs(token, anchor) and token.dep_ != "ROOT":
            continue
        if token.dep_ == "conj" and token.head.lemma_ not in REPORTING_VERBS and not _reports_a_clause(token):
            continue  # "12 of the 19 were Kastavian, but Kastavia denies any role": the denial's clause only
        if token.dep_ == "relcl" and not _reports_a_clause(token):
            continue  # "to sell the compromise Mr. Obama announced": the clause names a thing, nobody speaks
        if _in_a_clause_of_time_or_cause(token) and (anchor is None or not _governs(token, anchor)):
            continue  # "When Mr. Shulman said he had, Mr. Jordan produced records": Shulman speaks only there
        subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and token.dep_ == "relcl" and subject.lower_ in _RELATIVE_SPEAKERS:
            subject = _named_antecedent(token.head)  # "Ivo Petrak, who said 40 people died": Petrak says it
        if subject is None or subject.lower_ in _NO_SPEAKER or "Ind" in subject.morph.get("PronType", []):
            continue  # a pronoun, or an indefinite one ("anyone", "someone"): no speaker a reader can be told
        # The subject's name and what qualifies it ("the Kastavian Red Cross", "authorities in five regions"),
        # not clauses hanging off it ("Mr Zelensky, speaking to reporters in Ankara where he flew ...").
        words = [t for t in subject.subtree if t.i <= subject.i and t.dep_ != "punct" and not t.is_space]
        for child in subject.children:
            if child.dep_ == "prep" and child.i > subject.i and child.lower_ in {"of", "for", "in", "at"}:
                if _home_of_a_person(subject, child):
                    continue  # "Rep. Ana Vasko of Ohio said": Vasko speaks, wherever the outlet says she is from
                words.extend(t for t in child.subtree if t.dep_ != "punct")
        words.sort(key=lambda t: t.i)
        # "the ministry" is the ministry; "both countries" keep their "both"
        article = words[0] if words[0].dep_ == "det" and words[0].lower_ in {"the", "a", "an"} else None
        text = " ".join(t.text for t in words if t is not article)
        text = re.sub(r"\s+(['\u2019]s)\b", r"\1", text)  # "the bureau's office", however the apostrophe is typed
        named, person = entity_at(subject), person_name(text)
        reach = 0
        if token.dep_ == "conj" and token.head.lemma_ not in REPORTING_VERBS and token.head.i < token.i:
            reach = min(t.idx for t in token.subtree) - sentence.start_char
        if (named_in_apposition := _person_in_apposition(subject, text)) is not None:
            # "The lieutenant governor, Kim Guadagno, denied ...": the speaker is the person the title names
            return named_in_apposition, reach
        if len(words) == 1 and named is not None and named.label_ == "PERSON" and person is not None:
            # a surname said alone ("Ortiz said"), keyed as the person the entity recogniser takes it for
            return Attribution(text=text, key="person:" + person.surname), reach
        return Attribution(text=text, key=_attribution_key(text)), reach
    return None, 0


def _home_of_a_person(subject: Token, prep: Token) -> bool:
    """Whether a phrase after a named speaker says where the person is from ("Senator Ana Vasko of Ohio"), not which
    body the speaker is part of ("the head of the Red Cross", "authorities in five regions")."""
    named = entity_at(subject)
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    placed = entity_at(place) if place is not None else None
    return named is not None and named.label_ == "PERSON" and placed is not None and placed.label_ == "GPE"


#: Relative pronouns that stand for the speaker their clause hangs on.
_RELATIVE_SPEAKERS = frozenset({"who", "which", "that"})
#: Entity labels of a speaker a relative clause may report ("the Velmar Times, which estimated ...").
_SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _named_antecedent(noun: Token) -> Token | None:
    """The noun a reporting relative clause hangs on, when it names who speaks: a name ("Ivo Petrak, who said"), a
    noun a name qualifies ("the Velmar Times magazine, which estimated") or one naming a person or a body ("the
    ministry, which said"). Not a thing ("a tweet that accused ...": the clause tells what the tweet did)."""
    named = entity_at(noun)
    if named is not None and named.label_ in _SPEAKER_ENTITIES:
        return noun
    qualifiers = (entity_at(t) for t in noun.subtree if t.i < noun.i and t.dep_ in {"compound", "amod", "nmod"})
    if any(e is not None and e.label_ in _SPEAKER_ENTITIES for e in qualifiers):
        return noun
    return noun if is_person_noun(noun.lemma_) or is_group_noun(noun.lemma_) else None


def proposition_denied(root: Token) -> Token | None:
    """The verb of a clause a denying verb's object states ("rejected the notion that the party should expand its
    tent", "dismissed the claim that he had lied"): the object a word for something said or thought (WordNet's
    nouns of communication or cognition), its clause the content the sentence denies."""
    if root.lemma_.lower() not in REJECTING_VERBS or root.pos_ != "VERB":
        return None
    for noun in (c for c in root.children if c.dep_ in {"dobj", "nsubjpass"} and c.pos_ == "NOUN"):
        clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp"} and c.pos_ in {"VERB", "AUX"}), None)
        if clause is None or not any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
            continue
        if lexname(noun.lemma_.lower(), "n") & _PROPOSITIONS:
            return clause
    return None


#: WordNet's noun files of what may be said or thought ("notion", "idea", "claim", "suggestion", "report").
_PROPOSITIONS = frozenset({"noun.cognition", "noun.communication"})


def _person_in_apposition(subject: Token, title: str) -> Attribution | None:
    """The person a speaker's title names beside it ("the lieutenant governor, Kim Guadagno,"): told with the title,
    keyed as the person."""
    for child in subject.children:
        entity = entity_at(child) if child.dep_ == "appos" else None
        if entity is not None and entity.label_ == "PERSON" and (person := person_name(entity.text)) is not None:
            return Attribution(text=f"{title}, {entity.text}", key="person:" + person.surname)
    return None


def _in_a_clause_of_time_or_cause(verb: Token) -> bool:
    """Whether a verb heads a clause that says when or why the main clause holds ("when he said", "after she said",
    "because they said"), not how it is attributed ("as Obama said, ...")."""
    return verb.dep_ == "advcl" and any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in _TIME_OR_CAUSE and c.i < verb.i for c in verb.children
    )


def _reports_a_clause(verb: Token) -> bool:
    """Whether a reporting verb reports a clause ("said that 14 people died"), not a thing ("denies any role")."""
    return any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children)


def _attribution_key(text: str) -> str:
    cleaned = re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.IGNORECASE)
    if cleaned[:1].isupper() and len(cleaned.split()) <= 4:
        person = person_name(cleaned)
        if person is not None and len(cleaned.split()) >= 2 and all(w[:1].isupper() for w in cleaned.split()):
            organisation_words = {"ministry", "office", "cross", "nations", "union", "council", "agency", "service"}
            if not organisation_words & {w.lower() for w in cleaned.split()}:
                return "person:" + person.surname
    words = cleaned.split()
    if len(words) > 1:  # "Israel's military" and "the Israeli military": one speaker
        return " ".join(
            key
            if word[:1].isupper() and (key := country_key(word)) is not None
            else party_key(word)
            if word[:1].isupper() and word.lower().endswith(("'s", "\u2019s"))
            else word.lower()
            for word in words
        )
    return party_key(cleaned)


def same_attribution(a: Attribution | None, b: Attribution | None) -> bool | None:
    """True/False when both are stated; None when either is unstated (the comparison may go ahead)."""
    if a is None or b is None:
        return None
    if a.key == b.key or _singular(a.key) == _singular(b.key):
        return True
    if a.key.startswith("person:") or b.key.startswith("person:"):
        # "Mr Peskov" and "Kremlin spokesman Dmitry Peskov" (a title before the name keeps the whole text as key);
        # a surname said alone ("Sarkan said") is keyed as any single proper noun is, its ending folded.
        return bool(_last_word_forms(a.key) & _last_word_forms(b.key))
    words_a, words_b = set(_singular(a.key).split()), set(_singular(b.key).split())
    if words_a <= words_b or words_b <= words_a:
        return True
    # "local authorities" and "authorities in five eastern regions": the same kind of body, no rival party.
    bodies_a, bodies_b = words_a & _BODIES, words_b & _BODIES
    parties_a, parties_b = _parties(words_a), _parties(words_b)
    return bool(bodies_a & bodies_b) and not (parties_a and parties_b and not parties_a & parties_b)


def _last_word_forms(key: str) -> set[str]:
    """The last word of a speaker's key, in the forms a surname takes (``surname_forms``)."""
    return {form for word in key.split(":")[-1].split()[-1:] for form in surname_forms(word)}


def entity_at(token: Token) -> Span | None:
    """The named entity a token is part of, if any."""
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _singular(key: str) -> str:
    """'officials' and 'Officials' (read as 'official' at the start of a sentence) are one speaker."""
    return " ".join(
        w[:-3] + "y"
        if len(w) > 4 and w.endswith("ies")
        else w[:-1]
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss")
        else w
        for w in key.split()
    )


_BODIES = frozenset("authority official ministry office police military army government agency".split())
# Words that say where or how widely a body works, not whose it is.
_SCOPE = frozenset("local regional national provincial federal state eastern western northern southern central".split())


def _parties(words: set[str]) -> set[str]:
    """The words of a speaker's name that say whose body it is ("russia" in "russia official")."""
    return {w for w in words - _BODIES - _SCOPE if w not in STOP_WORDS and w not in NUMBER_WORDS and not w.isdigit()}


def _governs(head: Token, token: Token) -> bool:
    while token.head.i != token.i:
        if token.head.i == head.i:
            return True
        token = token.head
    return False


def is_negated(token: Token) -> bool:
    """Negation on the clause of ``token``: 'had no plans to travel', 'did not attend', 'never met'."""
    node: Token | None = token
    for _ in range(4):
        if node is None:
            break
        for child in node.children:
            if child.dep_ == "neg" or (child.lower_ in NEGATORS and child.dep_ in {"det", "advmod", "neg"}):
                return True
            if child.dep_ in {"dobj", "attr", "nsubj", "nsubjpass"} and any(
                grandchild.dep_ == "det" and grandchild.lower_ in {"no", "none", "neither"}
                for grandchild in child.children
            ):
                return True  # "had no plans to travel", "no agreement was reached"
        if node.dep_ in {"ROOT", "ccomp"} or node.head.i == node.i:
            break
        node = node.head if node.dep_ in {"xcomp", "acl", "dobj", "aux", "prep", "pobj"} else None
    return False


#: How many of each period a year holds: a figure told per week, month or year ("1.43 million cables every month")
#: is a rate, compared with another period's as a yearly one.
RATE_PERIODS = {"weekly": 52, "monthly": 12, "yearly": 1}
_RATE = re.compile(
    r"\b(?:every|each|per)\s+(week|month|year)\b|\b(weekly|monthly|annually|yearly)\b"
    # "a month" right after a figure and what it counts ("$5,000 a month", "100 letters a year"), not a length of
    # time ("a year ago", "spent a year in prison")
    r"|\d(?:[\d,.]*\d)?(?:\s+(?:million|billion|thousand))?(?:\s+[a-z]+)?\s+a\s+(week|month|year)\b"
    r"(?!\s+(?:ago|later|earlier|before|after)\b)",
    re.IGNORECASE,
)
_RATE_NAMES = {"week": "weekly", "month": "monthly", "year": "yearly", "annually": "yearly"}


def scope_of(sentence_text: str) -> str:
    if _DAILY.search(sentence_text):
        return "daily"
    rates = {_RATE_NAMES.get(word, word) for m in _RATE.finditer(sentence_text) for word in m.groups() if word}
    if len(rates) == 1:
        return rates.pop()  # one period for the sentence's figures; two ("$5 a week, $200 a year") tell none
    if _CUMULATIVE.search(sentence_text):
        return "cumulative"
    return "unknown"


def parties_in(sentence: Span, *, political: bool = True) -> list[str]:
    """Distinct parties (countries, nationalities, organisations known as sides) named in a sentence; without
    ``political``, not the political parties ("Republican", "GOP")."""
    keys: list[str] = []
    marked = mark_tokens(sentence)  # the state of "(R-Tenn.)" is whom a person represents, no side of the news
    for entity in sentence.ents:
        if (not political and party_of(entity.text) is not None) or entity.start in marked:
            continue
        side = organisation_side(entity.text) if entity.label_ == "ORG" else None
        if entity.label_ in {"GPE", "NORP"} or side is not None:
            key = side or party_key(entity.text)
            if key not in keys:
                keys.append(key)
    return keys
