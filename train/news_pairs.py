"""Claim/evidence pairs the project makes itself from real news sentences (FNC-1 bodies), FactCC-style.

For one sentence of an article (the evidence) it writes a claim that is
* contradicted: one named thing swapped for another of the same kind from the same article (person, place,
  organisation, nationality, date, number, amount, percentage), a number changed, a negation added or removed,
  or the main verb replaced by its opposite (``factcheck.claims.lexicon.OPPOSITE_VERBS``);
* entailed: the sentence rewritten without changing its meaning (digits and number words, surname only,
  attribution moved to "According to X, ...", a trailing phrase dropped, exact unit conversions), one or two
  rewrites at a time;
* neutral: another sentence of the same article sharing a name with it, or the sentence with a phrase the
  evidence lacks (the evidence is the shortened sentence and the claim the full one).

The rewrites themselves are in ``train/rewrites.py``, one fact told on its own in ``train/subfacts.py``. Which
bodies feed training and which are held out is fixed by ``eval/splits.py`` (by Body ID). Everything is seeded: the
same bodies give the same pairs.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck.claims.lexicon import OPPOSITE_VERBS, RECIPROCAL_VERBS
from train.datasets import Pair
from train.rewrites import (
    FORM_REWRITES,
    TOGETHER_PREPOSITIONS,
    attribution_moved,
    change_between,
    changed_date,
    changed_number,
    drop_spans,
    droppable,
    inflect,
    inflect_lemma,
    number_words,
    replace_span,
    same_stem,
    surname_only,
    tidy,
    titled_span,
    unit_converted,
)
from train.subfacts import render
from train.subfacts import subfacts as subfact_parts

FNC_BODIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "fnc-1-train" / "train_bodies.csv"
_SWAPPABLE = ("PERSON", "GPE", "ORG", "NORP", "DATE", "CARDINAL", "MONEY", "PERCENT", "LOC", "FAC", "QUANTITY")


@dataclass(frozen=True)
class Body:
    body_id: int
    text: str


def read_bodies(path: Path = FNC_BODIES) -> list[Body]:
    csv.field_size_limit(10**9)
    with path.open(encoding="utf-8", newline="") as f:
        return [Body(int(row["Body ID"]), row["articleBody"]) for row in csv.DictReader(f)]


def read_article(nlp, body: Body):  # type: ignore[no-untyped-def]
    """A body parsed (its first 20,000 characters, spaces normalised), and its sentences of 8 to 60 words: those the
    pairs are made from."""
    doc = nlp(" ".join(body.text.split())[:20000])
    return doc, [s for s in doc.sents if 8 <= sum(not t.is_punct for t in s) <= 60]


class PairMaker:
    """Reads articles with spaCy and writes pairs of each kind for their sentences."""

    def __init__(
        self,
        seed: int = 13,
        *,
        abstractive: bool = False,
        paraphrase: bool = False,
        people: bool = False,
        subfacts: bool = False,
    ) -> None:
        """``abstractive``: claims shortened the way people restate a fact (a phrase, apposition, relative or
        adverbial clause left out, chosen at random) for contradictions as much as for entailments, so that a
        claim shorter than its evidence is no sign of agreement (human claims are both shorter and sometimes
        wrong). ``paraphrase``: rewrites that change a sentence's form (``train/paraphrase.py``: voice,
        contractions, acronyms) among the entailed claims, and on the evidence side of some contradictions, so that
        a changed form is no sign of either label. ``people``: a person named in the claim as the article names
        them elsewhere ("Mr. Fox" -> "Vicente Fox", entailed), and two parties of the sentence swapped between
        doer and done-to ("Trump called on Fox" -> "Fox called on Trump", contradicted), so that a name written
        otherwise is no sign of another person and names in the same words are no sign of the same fact.
        ``subfacts``: half the pairs claim one fact of the sentence told on its own (``train/subfacts.py``: a
        predicate with its subject), entailed, contradicted by a change carried into it, or neutral (one fact of
        another sentence of the article), the shape of a reader's claim against a long sentence. All off, the
        pairs are those the held-out news sets were made with."""
        import spacy

        from factcheck.claims.extract import SPACY_MODEL

        self._nlp = spacy.load(SPACY_MODEL)
        self._rng = random.Random(seed)
        self._abstractive = abstractive
        self._paraphrase = paraphrase
        self._people = people
        self._subfacts = subfacts
        self._full_names: dict[str, list[str]] = {}  # the article's people named in full, by surname
        self._story_key: tuple[str, ...] = ()  # the articles ``changed_claim`` last read, and their named things
        self._story_entities: dict[str, list[str]] = {}

    def pairs(self, bodies: Iterable[Body], per_sentence: float = 1.0) -> Iterator[Pair]:
        for body in bodies:
            yield from self._article_pairs(body, per_sentence)

    def _article_pairs(self, body: Body, per_sentence: float) -> Iterator[Pair]:
        doc, sentences = read_article(self._nlp, body)
        entities: dict[str, list[str]] = {}
        for ent in doc.ents:
            if ent.label_ in _SWAPPABLE and ent.text not in entities.setdefault(ent.label_, []):
                entities[ent.label_].append(ent.text)
        origin = f"fnc1-{body.body_id}"
        self._full_names = {}
        for name in entities.get("PERSON", []):
            words = name.split()
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                self._full_names.setdefault(words[-1], []).append(name)
        for sent in sentences:
            if self._rng.random() > per_sentence:
                continue
            kind = self._rng.choices(("contradiction", "entailment", "neutral"), weights=(0.4, 0.35, 0.25))[0]
            makers = {"contradiction": self._contradiction, "entailment": self._entailment, "neutral": self._neutral}
            if self._subfacts and self._rng.random() < 0.5:
                makers = {
                    "contradiction": self._subfact_contradiction,
                    "entailment": self._subfact_entailment,
                    "neutral": self._subfact_neutral,
                }
            made = makers[kind](sent, sentences, entities)
            if made is not None:
                premise, hypothesis = made[0].strip(), made[1].strip()
                if premise.strip() != hypothesis.strip() or kind == "entailment":
                    yield Pair(premise, hypothesis, ("entailment", "neutral", "contradiction").index(kind), origin)

    # -- contradiction ---------------------------------------------------------------------------------------

    def _contradiction(self, sent, sentences, entities) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
        text = sent.text
        first = self._rng.choices((self._swap_entity, self._negate, self._opposite_verb), weights=(0.65, 0.15, 0.2))[0]
        if self._people and self._rng.random() < 0.2:
            first = self._swap_parties
        for option in (first, self._swap_entity, self._opposite_verb):
            claim = option(sent, entities)
            if claim and claim != text:
                claim = self._shortened_around_change(sent, claim) if self._abstractive else claim
                return self._reworded_evidence(sent), claim
        return None

    def _reworded_evidence(self, sent) -> str:  # type: ignore[no-untyped-def]
        """With ``paraphrase``, a third of the time the evidence in another form (its meaning kept, so the
        claim's change still contradicts it)."""
        if not self._paraphrase or self._rng.random() >= 1 / 3:
            return str(sent.text)
        for rewrite in self._rng.sample(FORM_REWRITES, len(FORM_REWRITES)):
            new = rewrite(sent, sent.text)
            if new and new != sent.text:
                return new
        return str(sent.text)

    def _shortened_around_change(self, sent, claim: str) -> str:  # type: ignore[no-untyped-def]
        """Half the time, ``claim`` (the sentence with one change) without a phrase that does not hold the change."""
        if self._rng.random() < 0.5:
            return claim
        text = sent.text
        prefix, changed_end, _ = change_between(text, claim)  # the change is text[prefix:changed_end]
        spans = [(a, b) for a, b in drop_spans(sent) if b <= prefix or a >= changed_end]
        if not spans:
            return claim
        start, end = self._rng.choice(spans)
        if end <= prefix:
            return tidy(claim[:start] + claim[end:])
        shift = len(claim) - len(text)
        return tidy(claim[: start + shift] + claim[end + shift :])

    def _swap_entity(self, sent, entities) -> str | None:  # type: ignore[no-untyped-def]
        ents = [e for e in sent.ents if e.label_ in _SWAPPABLE]
        if not ents:
            return None
        ent = self._rng.choice(ents)
        start, end = ent.start_char - sent.start_char, ent.end_char - sent.start_char
        others = [
            o
            for o in entities.get(ent.label_, [])
            if o.lower() not in ent.text.lower() and ent.text.lower() not in o.lower()
        ]
        if ent.label_ == "PERSON":
            surname = ent.text.split()[-1].lower()
            others = [o for o in others if not same_stem(o.split()[-1].lower(), surname)]
        if others and (ent.label_ not in ("CARDINAL", "MONEY", "PERCENT", "DATE") or self._rng.random() < 0.5):
            return replace_span(sent.text, start, end, self._rng.choice(others))
        if ent.label_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
            new = changed_number(ent.text, self._rng)
        elif ent.label_ == "DATE":
            new = changed_date(ent.text, self._rng)
        else:
            new = None
        return replace_span(sent.text, start, end, new) if new else None

    def _swap_parties(self, sent, entities) -> str | None:  # type: ignore[no-untyped-def]
        """Two named parties of one kind (people, organisations, countries) swapped between the doer and the one done
        to: the subject and the object of one verb (or the agent of a passive), never of a verb two parties do
        together ("met", "with")."""
        by_root = {e.root.i: e for e in sent.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")}
        for ent in by_root.values():
            verb = ent.root.head
            if ent.root.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ != "VERB" or verb.lemma_ in RECIPROCAL_VERBS:
                continue
            objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            objects += [
                g
                for c in verb.children
                if c.dep_ in ("prep", "agent") and c.lower_ not in TOGETHER_PREPOSITIONS
                for g in c.children
                if g.dep_ == "pobj"
            ]
            for obj in objects:
                other = by_root.get(obj.i)
                if other is None or other.label_ != ent.label_ or other.text.lower() == ent.text.lower():
                    continue
                (a0, a1), (b0, b1) = sorted((titled_span(sent, ent), titled_span(sent, other)))
                text = sent.text
                return text[:a0] + text[b0:b1] + text[a1:b0] + text[a0:a1] + text[b1:]
        return None

    def changed_claim(self, claim: str, articles: list[str]) -> str | None:
        """``claim`` with one fact changed: a named thing, number or date swapped for another of ``articles`` (the
        story's), else negated, else its verb replaced by the opposite; None when none applies."""
        key = tuple(articles)
        if key != self._story_key:
            self._story_key, self._story_entities = key, {}
            for doc in self._nlp.pipe(" ".join(a.split())[:20000] for a in articles):
                for ent in doc.ents:
                    if ent.label_ in _SWAPPABLE and ent.text not in self._story_entities.setdefault(ent.label_, []):
                        self._story_entities[ent.label_].append(ent.text)
        sent = next(iter(self._nlp(claim).sents))
        for change in (self._swap_entity, self._swap_entity, self._swap_entity, self._negate, self._opposite_verb):
            changed = change(sent, self._story_entities)
            if changed and changed != claim:
                return str(changed)
        return None

    def _negate(self, sent, entities) -> str | None:  # type: ignore[no-untyped-def]
        root = sent.root
        if root.pos_ not in ("VERB", "AUX"):
            return None
        negations = [c for c in root.children if c.dep_ == "neg"]
        if negations:  # remove the negation: "did not attend" -> "did attend" reads oddly; drop "not" and fix do
            neg = negations[0]
            aux = [c for c in root.children if c.dep_ == "aux" and c.i == neg.i - 1]
            text = sent.text
            a, b = neg.idx - sent.start_char, neg.idx - sent.start_char + len(neg.text_with_ws)
            if aux and aux[0].lower_ in ("did", "does", "do"):
                past = {"did": "VBD", "does": "VBZ", "do": "VBP"}[aux[0].lower_]
                verb = inflect(root, past)
                if verb is None:
                    return None
                a = aux[0].idx - sent.start_char
                b = root.idx - sent.start_char + len(root.text)
                return text[:a] + verb + text[b:]
            if neg.lower_ == "n't":
                return None
            return text[:a] + text[b:]
        aux = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i]
        text = sent.text
        if root.pos_ == "AUX" or root.lemma_ == "be":
            at = root.idx - sent.start_char + len(root.text)
            return text[:at] + " not" + text[at:]
        if aux:
            first = aux[0]
            at = first.idx - sent.start_char + len(first.text)
            return text[:at] + " not" + text[at:]
        do = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(root.tag_)
        if do is None:
            return None
        at = root.idx - sent.start_char
        return text[:at] + f"{do} not {root.lemma_}" + text[at + len(root.text) :]

    def _opposite_verb(self, sent, entities) -> str | None:  # type: ignore[no-untyped-def]
        heads = [sent.root, *sent.root.conjuncts]
        heads += [c for h in list(heads) for c in h.children if c.dep_ in ("xcomp", "ccomp")]
        for token in heads:
            if token.pos_ == "VERB" and token.lemma_.lower() in OPPOSITE_VERBS:
                opposite = self._rng.choice(OPPOSITE_VERBS[token.lemma_.lower()])
                form = inflect_lemma(opposite, token.tag_)
                if form:
                    start = token.idx - sent.start_char
                    return replace_span(sent.text, start, start + len(token.text), form)
        return None

    # -- entailment ------------------------------------------------------------------------------------------

    def _entailment(self, sent, sentences, entities) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
        claim = sent.text
        rewrites = [number_words, surname_only, attribution_moved, unit_converted, self._drop_phrase]
        if self._paraphrase:
            rewrites += FORM_REWRITES
        if self._people:
            rewrites.append(self._named_in_full)
        self._rng.shuffle(rewrites)
        done = 0
        for rewrite in rewrites:
            new = rewrite(sent, claim)
            if new and new != claim:
                claim = new
                done += 1
                if done == 2 or self._rng.random() < 0.5:
                    break
        if done == 0 and self._rng.random() > 0.15:
            return None
        return sent.text, claim

    def _named_in_full(self, sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
        """A person the sentence names by surname ("Fox", "Mr. Fox") named as the article names them in full."""
        for ent in sent.ents:
            words = ent.text.split()
            if ent.label_ != "PERSON" or len(words) != 1 or ent.text not in claim:
                continue
            full = self._full_names.get(words[0])
            if full is None or len(full) != 1 or full[0] in claim:  # two of one surname: a family, not one name
                continue
            start, end = titled_span(sent, ent)
            written = sent.text[start:end]
            if written in claim:
                return claim.replace(written, full[0], 1)
        return None

    def _drop_phrase(self, sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
        spans = drop_spans(sent) if self._abstractive else [s for s in [droppable(sent)] if s is not None]
        if not spans or claim != sent.text:
            return None
        start, end = self._rng.choice(spans)
        return tidy(sent.text[:start] + sent.text[end:])

    # -- one fact of the sentence told on its own (``subfacts``) ------------------------------------------------

    def _subfact_entailment(self, sent, sentences, entities) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
        found = subfact_parts(sent, self._rng)
        if not found:
            return None
        claim = render(sent.text, self._rng.choice(found))
        return (sent.text, claim) if claim else None

    def _subfact_contradiction(self, sent, sentences, entities) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
        found = subfact_parts(sent, self._rng)
        if not found:
            return None
        self._rng.shuffle(found)
        options = [self._swap_entity, self._swap_entity, self._opposite_verb, self._negate]
        self._rng.shuffle(options)
        text = sent.text
        for option in options:
            changed = option(sent, entities)
            if not changed or changed == text:
                continue
            change = change_between(text, changed)
            for subfact in found:
                claim = render(text, subfact, change)
                if claim is not None:
                    return text, claim
        return None

    def _subfact_neutral(self, sent, sentences, entities) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
        names = {e.text for e in sent.ents}
        others = [s for s in sentences if s is not sent and names & {e.text for e in s.ents}]
        self._rng.shuffle(others)
        for other in others[:3]:
            found = subfact_parts(other, self._rng)
            if found:
                claim = render(other.text, self._rng.choice(found))
                if claim and claim.rstrip(".").lower() not in sent.text.lower():
                    return sent.text, claim
        return None

    # -- neutral ---------------------------------------------------------------------------------------------

    def _neutral(self, sent, sentences, entities) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
        if self._rng.random() < 0.4:
            span = droppable(sent)
            if span is not None:  # evidence lacks what the claim adds
                start, end = span
                return tidy(sent.text[:start] + sent.text[end:]), sent.text
        names = {e.text for e in sent.ents}
        others = [s for s in sentences if s is not sent and names & {e.text for e in s.ents}]
        if not others:
            others = [s for s in sentences if s is not sent]
        if not others:
            return None
        return self._rng.choice(others).text, sent.text
