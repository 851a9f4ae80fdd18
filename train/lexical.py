"""One word of a news sentence changed or left out, for the verifier's news pairs (``PairMaker(lexical=True)``).

The other news pairs change one word only to contradict (a name, a number, a negation, an opposite verb), so the
verifier learned that any one-word difference contradicts: "takes power away from the elites" against "takes power
from the elites" read as a contradiction at 1.00, "gives it to the people" against "gives it to the American
people" at 0.99. These rewrites give it minimal pairs of every label:

- a word replaced by a synonym (a word of its commonest sense that itself means that sense first: "purchase" /
  "buy"), entailed;
- a classifying adjective left out of the claim (a nationality, or an adjective WordNet relates to a noun:
  "American people" / "people", "presidential race" / "race"), entailed;
- an adjective or adverb only in the claim ("gives it to the people" / "gives it to the American people", "left" /
  "left early"), neutral: the evidence does not say it;
- an adjective or adverb replaced by its commonest antonym ("successful" / "unsuccessful"), contradicted.

A sentence with a negation gives none of them: leaving a word out of a denied phrase does not keep its meaning.
Each rewrite returns ``None`` where it cannot be made safely.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from factcheck.claims import wordnet
from factcheck.claims.lexicon import NEGATORS, PAST_TENURE, TEMPORARY_TENURE, WEAK_VERBS
from train.datasets import Pair
from train.rewrites import inflect_lemma, replace_span, tidy, with_s

if TYPE_CHECKING:
    from train.news_pairs import Body

_POS = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}
# tags whose form a lemma can be put back into here (a comparative or a superlative is left alone)
_TAGS = {"NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ", "RB"}
_NOT_CLASSIFYING = PAST_TENURE | TEMPORARY_TENURE
# how often a synonym must be tagged in its sense in WordNet's corpus: "purchase" (buy) is, "criminate" (accuse) not
SYNONYM_MIN_COUNT = 3


def _denied(sent) -> bool:  # type: ignore[no-untyped-def]
    return any(t.dep_ == "neg" or t.lower_ in NEGATORS for t in sent)


def _plural(noun: str) -> str:
    listed = [f for f in wordnet.exception_forms(noun, "n") if f != noun]
    return listed[0] if listed else with_s(noun)


def _form(lemma: str, tag: str) -> str | None:
    if tag.startswith("VB"):
        return inflect_lemma(lemma, tag)
    if tag == "NNS":
        return _plural(lemma)
    return lemma


def _replaceable(token) -> bool:  # type: ignore[no-untyped-def]
    return (
        token.pos_ in _POS
        and token.tag_ in _TAGS
        and not token.ent_type_
        and not token.is_stop
        and token.text.isalpha()
        and token.text.islower()
        and token.lemma_.lower() not in WEAK_VERBS
        # a part of a hyphened compound ("open-source") is not a word of its own
        and (token.i + 1 >= len(token.doc) or token.nbor(1).text != "-")
        and (token.i == 0 or token.nbor(-1).text != "-")
    )


def _synonym(lemma: str, pos: str) -> str | None:
    """A word of the lemma's commonest sense whose own commonest sense it is and that is seen in that use, or None.
    Not for a noun naming a person: a title's commonest sense in WordNet's corpus is often not the news one
    ("minister" is first a member of the clergy)."""
    first = wordnet.senses(lemma, pos, attested=True)[:1]
    if not first or first[0].lexname == wordnet.PERSON:
        return None
    for word in first[0].words:
        if word == lemma or "_" in word or "-" in word or len(word) < 3 or word in lemma or lemma in word:
            continue
        common = wordnet.sense_count(word, first[0]) >= SYNONYM_MIN_COUNT
        if common and wordnet.senses(word, pos, attested=True)[:1] == first:
            return word
    return None


def synonym_swapped(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    """The sentence with one content word replaced by a synonym (entailed), or None."""
    if claim != sent.text or _denied(sent):
        return None
    for token in sent:
        if not _replaceable(token):
            continue
        word = _synonym(token.lemma_.lower(), _POS[token.pos_])
        form = _form(word, token.tag_) if word else None
        if form:
            start = token.idx - sent.start_char
            return replace_span(sent.text, start, start + len(token.text), form)
    return None


def classifying_adjective(sent) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """The span (with its following space) of an adjective that only classifies its noun: a nationality or an
    adjective WordNet relates to a noun ("presidential"), not one of tenure ("former", "acting")."""
    if _denied(sent):
        return None
    for token in sent:
        if token.dep_ != "amod" or token.head.pos_ != "NOUN" or token.lower_ in _NOT_CLASSIFYING:
            continue
        if not token.text.isalpha() or token.i + 1 != token.head.i:
            continue
        nationality = token.ent_type_ == "NORP"
        relational = token.tag_ == "JJ" and any(
            p.symbol == "\\" for s in wordnet.senses(token.lower_, "a")[:1] for p in s.pointers
        )
        if nationality or relational:
            start = token.idx - sent.start_char
            return start, start + len(token.text_with_ws)
    return None


def without_modifier(sent, rng: random.Random) -> str | None:  # type: ignore[no-untyped-def]
    """The sentence without one word that only adds to what it says (an adjective or an adverb modifying a noun, a
    verb or an adjective: "a new plan", "left early"), chosen at random: what the sentence says is then more than
    the shortened one tells (neutral), whichever way the word goes. Not a negation, a comparison ("more", "most"),
    a word of tenure ("former"), nor one of a name or a figure; "a" / "an" follows the next word. Not in a denied
    sentence: "did not approve the bridge" says it did not approve the costly one."""
    if _denied(sent):
        return None
    found = [
        t
        for t in sent
        if t.dep_ in ("amod", "advmod")
        and t.pos_ in ("ADJ", "ADV")
        and t.tag_ in ("JJ", "RB")
        and t.head.pos_ in ("NOUN", "VERB", "ADJ")
        and t.text.isalpha()
        and not t.ent_type_
        and t.lower_ not in NEGATORS | _NOT_CLASSIFYING
        and not list(t.children)
    ]
    if not found:
        return None
    token = rng.choice(found)
    start = token.idx - sent.start_char
    end = start + len(token.text_with_ws)
    text = sent.text[:start] + sent.text[end:]
    if token.i > sent.start and token.nbor(-1).lower_ in ("a", "an"):
        article = token.nbor(-1)
        a0 = article.idx - sent.start_char
        following = text[a0 + len(article.text) + 1 :][:1].lower()
        fixed = "an" if following in tuple("aeiou") else "a"
        fixed = fixed.capitalize() if article.text[0].isupper() else fixed
        text = text[:a0] + fixed + text[a0 + len(article.text) :]
    return tidy(text)


def antonym_swapped(sent) -> str | None:  # type: ignore[no-untyped-def]
    """The sentence with an adjective or adverb replaced by its commonest antonym (contradicted), or None."""
    if _denied(sent):
        return None
    for token in sent:
        if not _replaceable(token) or token.pos_ not in ("ADJ", "ADV"):
            continue
        pos = _POS[token.pos_]
        lemma = token.lemma_.lower()
        first = wordnet.senses(lemma, pos, attested=True)[:1]
        for pointer in (p for s in first for p in s.pointers if p.symbol == "!"):
            opposite = wordnet.synset(pointer.pos, pointer.offset).words[max(pointer.target, 1) - 1]
            if "_" not in opposite and wordnet.commonest_antonyms(lemma, opposite, pos):
                start = token.idx - sent.start_char
                return replace_span(sent.text, start, start + len(token.text), opposite)
    return None


def lexical_pair(sent, rng: random.Random) -> tuple[str, str, int] | None:  # type: ignore[no-untyped-def]
    """One minimal pair of the sentence, of a kind chosen at random among those it allows: (evidence, claim,
    label index: 0 entailment, 1 neutral, 2 contradiction), or None."""
    made: list[tuple[str, str, int]] = []
    synonym = synonym_swapped(sent, sent.text)
    if synonym:
        made.append((sent.text, synonym, 0))
    span = classifying_adjective(sent)
    if span is not None:
        made.append((sent.text, sent.text[: span[0]] + sent.text[span[1] :], 0))
    shorter = without_modifier(sent, rng)
    if shorter and shorter != sent.text:
        made.append((shorter, sent.text, 1))
    antonym = antonym_swapped(sent)
    if antonym:
        made.append((sent.text, antonym, 2))
    return rng.choice(made) if made else None


def lexical_pairs(bodies: Iterable[Body], seed: int, per_sentence: float) -> Iterator[Pair]:
    """Minimal pairs (``lexical_pair``) of a seeded share of the sentences of ``bodies``."""
    import spacy

    from factcheck.claims.extract import SPACY_MODEL
    from train.news_pairs import read_article

    nlp = spacy.load(SPACY_MODEL)
    rng = random.Random(seed)
    for body in bodies:
        for sent in read_article(nlp, body)[1]:
            if rng.random() > per_sentence:
                continue
            made = lexical_pair(sent, rng)
            if made is not None:
                yield Pair(made[0], made[1], made[2], f"lexical-{body.body_id}")
