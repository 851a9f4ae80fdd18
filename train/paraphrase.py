"""Meaning-preserving rewrites of a news sentence that change its form more than its words: the voice of the main
verb (active <-> passive), contractions, and an organisation's name <-> the acronym the same article uses for it.

They feed the verifier's news pairs (``train/news_pairs.py``, ``PairMaker(paraphrase=True)``): as claims a sentence
entails, and as the evidence side of contradictions, so that a changed form is no sign of either label (the
first verifier read "UN" / "United Nations" and "I'd" / "I would" as contradictions: every near-copy it saw that
was not word for word the sentence was one). Each rewrite returns ``None`` where it cannot be made safely.
"""

from __future__ import annotations

import re
from functools import cache

from factcheck.claims import wordnet

_OBJECT_CASE = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them", "you": "you", "it": "it"}
_SUBJECT_CASE = {v: k for k, v in _OBJECT_CASE.items() if k != "i"} | {"me": "I"}
_BE = {  # (tense of the active verb, plural patient) -> the passive's "be"
    ("VBD", False): "was",
    ("VBD", True): "were",
    ("VBZ", False): "is",
    ("VBZ", True): "are",
    ("VBP", False): "is",
    ("VBP", True): "are",
}
_PASSIVE_AUX = {"was": ("VBD", False), "were": ("VBD", True), "is": ("VBZ", False), "are": ("VBP", True)}
_APOSTROPHE = "['\u2019]"  # straight or typographic
# Only contractions with one reading: "'s" (is / has / possessive) and "'d" (would / had) are left alone.
_NOT = ("is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "could", "should", "would")
_CONTRACTED_NOT = re.compile(rf"\b({'|'.join(_NOT)})n{_APOSTROPHE}t\b", re.IGNORECASE)
_SPELLED_NOT = re.compile(rf"\b({'|'.join(_NOT)}) not\b", re.IGNORECASE)
_IRREGULAR_NOT = (
    (re.compile(rf"\bwon{_APOSTROPHE}t\b"), "will not"),
    (re.compile(rf"\bcan{_APOSTROPHE}t\b"), "cannot"),
)
_CONTRACTED_VERB = re.compile(rf"\b(I|you|we|they|he|she)({_APOSTROPHE})(m|re|ll|ve)\b", re.IGNORECASE)
_SPELLED_VERB = {"m": "am", "re": "are", "ll": "will", "ve": "have"}


def _plural(token) -> bool:  # type: ignore[no-untyped-def]
    if token.lower_ in ("we", "they", "you", "i"):
        return token.lower_ != "i"
    return token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children)


def _span(token) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    tokens = list(token.subtree)
    return tokens[0].i, tokens[-1].i


def _text(sent, first: int, last: int) -> str:  # type: ignore[no-untyped-def]
    doc = sent.doc
    return doc[first : last + 1].text


def _as_object(sent, token, first: int, last: int) -> str:  # type: ignore[no-untyped-def]
    if first == last and token.lower_ in _OBJECT_CASE:
        return _OBJECT_CASE[token.lower_]
    text = _text(sent, first, last)
    at_start = first == sent.start and token.pos_ != "PROPN" and sent.doc[first].pos_ != "PROPN"
    return text[0].lower() + text[1:] if at_start and not text[:2].isupper() else text


def _as_subject(sent, token, first: int, last: int) -> str:  # type: ignore[no-untyped-def]
    if first == last and token.lower_ in _SUBJECT_CASE:
        return _SUBJECT_CASE[token.lower_]
    return _text(sent, first, last)


def _capitalised(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


@cache
def _stative(lemma: str) -> bool:
    """A verb whose commonest sense is a state ("have", "cost", "resemble"): its passive is no English."""
    senses = wordnet.synsets(lemma, "v")
    return not senses or senses[0].lexname in ("verb.stative", "verb.possession", "verb.perception")


def inflected(lemma: str, tag: str) -> str | None:
    """``lemma`` in the form of Penn tag ``tag`` ("approve", "VBN" -> "approved")."""
    from lemminflect import getInflection

    forms = getInflection(lemma, tag)
    return forms[0] if forms else None


def passive(sent) -> str | None:  # type: ignore[no-untyped-def]
    """ "The council approved the plan on Monday." -> "The plan was approved by the council on Monday."."""
    root = sent.root
    if root.pos_ != "VERB" or root.tag_ not in ("VBD", "VBZ", "VBP") or _stative(root.lemma_.lower()):
        return None
    children = list(root.children)
    if any(c.dep_ in ("aux", "auxpass", "neg", "prt", "dative", "nsubjpass", "expl", "conj") for c in children):
        return None  # a second verb ("blocked roads and burned tires") would lose its subject
    subjects = [c for c in children if c.dep_ == "nsubj"]
    objects = [c for c in children if c.dep_ == "dobj"]
    if len(subjects) != 1 or len(objects) != 1:
        return None
    subject, obj = subjects[0], objects[0]
    s_first, s_last = _span(subject)
    o_first, o_last = _span(obj)
    if s_last + 1 != root.i or o_first != root.i + 1 or obj.lower_ in ("who", "whom", "which", "what", "that"):
        return None
    if subject.lower_ in ("who", "which", "that", "what", "it", "there") and s_first == s_last:
        return None  # "It took firemen an hour to ..." has no doer to name
    if obj.lower_ in ("it", "this", "that") and o_first == o_last:
        return None
    participle = inflected(root.lemma_.lower(), "VBN")
    if participle is None:
        return None
    patient = _as_subject(sent, obj, o_first, o_last)
    be = "am" if patient == "I" and root.tag_ != "VBD" else _BE[(root.tag_, _plural(obj))]
    doc = sent.doc
    before = doc[sent.start : s_first].text_with_ws
    after = doc[o_last + 1 : sent.end].text
    agent = _as_object(sent, subject, s_first, s_last)
    head = patient if before else _capitalised(patient)
    joiner = "" if not after or after[0] in ".,;:!?" else " "
    return f"{before}{head} {be} {participle} by {agent}{joiner}{after}"


def active(sent) -> str | None:  # type: ignore[no-untyped-def]
    """ "The plan was approved by the council on Monday." -> "The council approved the plan on Monday."."""
    root = sent.root
    if root.pos_ != "VERB" or root.tag_ != "VBN":
        return None
    children = list(root.children)
    auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
    subjects = [c for c in children if c.dep_ == "nsubjpass"]
    agents = [c for c in children if c.dep_ == "agent"]
    if len(auxes) != 1 or auxes[0].dep_ != "auxpass" or auxes[0].lower_ not in _PASSIVE_AUX:
        return None
    if len(subjects) != 1 or len(agents) != 1 or any(c.dep_ in ("neg", "prt", "dative", "conj") for c in children):
        return None
    aux, subject, agent = auxes[0], subjects[0], agents[0]
    objects = [c for c in agent.children if c.dep_ == "pobj"]
    if len(objects) != 1:
        return None
    doer = objects[0]
    s_first, s_last = _span(subject)
    a_first, a_last = _span(agent)
    if s_last + 1 != aux.i or aux.i + 1 != root.i or a_first <= root.i:
        return None
    if subject.lower_ in ("who", "which", "that", "what") or doer.lower_ in ("whom", "which", "who"):
        return None
    tense = _PASSIVE_AUX[aux.lower_][0]
    if tense != "VBD":
        tense = "VBP" if _plural(doer) else "VBZ"
    verb = inflected(root.lemma_.lower(), tense)
    if verb is None:
        return None
    doc = sent.doc
    before = doc[sent.start : s_first].text_with_ws
    between = doc[root.i + 1 : a_first].text_with_ws
    after = doc[a_last + 1 : sent.end].text
    d_first, d_last = _span(doer)
    new_subject = _as_subject(sent, doer, d_first, d_last)
    new_object = _as_object(sent, subject, s_first, s_last)
    head = new_subject if before else _capitalised(new_subject)
    middle = (" " + between.strip()) if between.strip() else ""
    joiner = "" if not after or after[0] in ".,;:!?" else " "
    return f"{before}{head} {verb} {new_object}{middle}{joiner}{after}"


def contractions(text: str) -> str | None:
    """ "did not" <-> "didn't", "won't" -> "will not", "they're" -> "they are" (the first such form found)."""
    for pattern, spelled in _IRREGULAR_NOT:
        if pattern.search(text):
            return pattern.sub(spelled, text, count=1)
    match = _CONTRACTED_NOT.search(text)
    if match:
        return text[: match.start()] + match.group(1) + " not" + text[match.end() :]
    match = _CONTRACTED_VERB.search(text)
    if match:
        return text[: match.start()] + f"{match.group(1)} {_SPELLED_VERB[match.group(3).lower()]}" + text[match.end() :]
    match = _SPELLED_NOT.search(text)
    if match:
        return text[: match.start()] + match.group(1) + "n't" + text[match.end() :]
    return None


def acronym_pairs(doc) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(full name, acronym) for each organisation or place of ``doc`` whose capitalised words' initials the same
    article also uses as a word ("United Nations" / "UN" or "U.N.")."""
    words = set(re.findall(r"\b[A-Z](?:\.?[A-Z])+\.?", doc.text))
    found: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "GPE", "NORP", "FAC", "LOC"):
            continue
        name = re.sub(r"^(?:the|The) ", "", ent.text)
        capitals = [w for w in name.split() if w[:1].isupper()]
        if len(capitals) < 2 or len(capitals) != len([w for w in name.split() if w.lower() not in _GLUE]):
            continue
        initials = "".join(w[0] for w in capitals)
        for form in (initials, ".".join(initials) + "."):
            if form in words and name not in found:
                found[name] = form
    return list(found.items())


_GLUE = frozenset({"of", "the", "and", "for", "on", "in", "&"})


def acronym(sent, text: str) -> str | None:  # type: ignore[no-untyped-def]
    """The first name of ``text`` that has an acronym in the article written the other way."""
    for name, short in acronym_pairs(sent.doc):
        if name in text:
            return text.replace(name, short, 1)
        match = re.search(rf"(?<![\w.]){re.escape(short)}(?![\w])", text)
        if match:
            return text[: match.start()] + name + text[match.end() :]
    return None
