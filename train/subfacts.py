"""One fact of a long news sentence, told as a short sentence of its own: the shape of a claim a reader writes.

Real claims restate one fact of a sentence that tells several ("Strzok linked to a fundraising page" from a
sentence about a new account, a statement and a link). The news pairs otherwise shorten a sentence by one phrase
at most, so the verifier learns little about a short claim read against a long sentence. A sub-fact keeps one
predicate of the parse with its subject, auxiliaries, negation and complements, and leaves out the rest:

* the main verb, or a verb coordinated with it ("... and linked to a page"), which shares its subject;
* a relative clause whose relative pronoun is its subject ("Flynn, who pleaded guilty on Friday, ...") with the
  noun it follows as subject;
* a participle clause hanging on the main verb ("..., saying he was saddened") told in the main verb's tense
  (``lemminflect``), with the main subject.

Clauses set off by commas inside the kept words are left out too, and each prepositional phrase of the
predicate is kept at random (``rng``), so one sentence gives several sub-facts. A conditional clause ("if ...")
or a clause under a reporting verb is never told on its own: what the sentence says there is not asserted.

A sub-fact is a list of pieces of its sentence (offsets within the sentence, with a replacement text for a verb
told in another tense), so a change made to the sentence (a name swapped, a figure changed) can be carried into
it: ``render(text, subfact, change)``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from train.paraphrase import inflected

#: A piece of a sentence: (start, end) offsets within it, and the text written in its place (None: as written).
Piece = tuple[int, int, "str | None"]

_COMPLEMENTS = frozenset({"dobj", "attr", "acomp", "dative", "prt", "oprd", "agent", "ccomp", "xcomp", "neg"})
_AUXILIARIES = frozenset({"aux", "auxpass", "neg"})
_SET_OFF = frozenset({"relcl", "appos", "advcl", "acl", "parataxis"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_CONDITIONS = frozenset({"if", "unless", "whether", "although", "though", "because", "while", "when"})
_MIN_WORDS = 4


@dataclass(frozen=True)
class Subfact:
    pieces: tuple[Piece, ...]


def subfacts(sent, rng: random.Random) -> list[Subfact]:  # type: ignore[no-untyped-def]
    """The sub-facts of a parsed sentence (a spaCy span), each at least four words and shorter than the sentence."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return []
    words = sum(not t.is_punct for t in sent)
    found: list[Subfact] = []
    main_subject = _subject_of(root)
    # (predicate, its subject when not its own, the form it is told in when not as written)
    candidates: list[tuple[object, list[int] | None, str | None]] = [(root, None, None)]
    for conj in root.conjuncts:
        if conj.pos_ == "VERB" and conj.i > root.i:
            candidates.append((conj, None, None))
    for child in root.children:
        if (
            child.dep_ == "advcl"
            and child.tag_ in ("VBG", "VBN")
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass") for c in child.children)
        ):
            candidates.append((child, main_subject, _past_like(child, root)))
            # "..., saying he was saddened and linking to a page": the second participle too
            for inner in child.subtree:
                if inner.dep_ == "conj" and inner.tag_ == "VBG" and not _subject_of_own(inner):
                    candidates.append((inner, main_subject, _past_like(inner, root)))
    for token in sent:
        if token.dep_ == "relcl" and token.pos_ in ("VERB", "AUX") and _asserted(token, root):
            pronoun = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if pronoun and pronoun[0].lower_ in _RELATIVE_PRONOUNS and token.head.pos_ in ("PROPN", "NOUN"):
                candidates.append((token, _noun_phrase(token.head), None))
    for verb, subject, told_as in candidates:
        subject_tokens = subject if subject is not None else _subject_of(verb)  # type: ignore[arg-type]
        if not subject_tokens:
            continue
        predicate = _predicate(verb, rng)
        tokens = sorted(set(subject_tokens) | set(predicate))
        pieces = _pieces(sent, tokens, {verb.i: told_as} if told_as else {})  # type: ignore[attr-defined]
        if not pieces:
            continue
        kept = sum(1 for i in tokens if not sent.doc[i].is_punct)
        if _MIN_WORDS <= kept <= words - 3:
            found.append(Subfact(tuple(pieces)))
    return found


def render(text: str, subfact: Subfact, change: tuple[int, int, str] | None = None) -> str | None:
    """The sub-fact as a sentence. ``change``: (start, end, new text) made to ``text``, the sentence; None when it
    falls outside the sub-fact's pieces or across one's edge (the sub-fact would not carry it)."""
    parts = []
    carried = change is None
    for start, end, replacement in subfact.pieces:
        written = text[start:end] if replacement is None else replacement
        if change is not None:
            a, b, new = change
            if a >= start and b <= end and replacement is None:
                written = text[start:a] + new + text[b:end]
                carried = True
            elif a < end and b > start:
                return None
        parts.append(written)
    if not carried:
        return None
    sentence = " ".join(parts)
    sentence = re.sub(r"\s+([,.;:!?%])", r"\1", sentence)
    sentence = re.sub(r"[,;:\s]+$", "", " ".join(sentence.split()))
    sentence = re.sub(r"^[,;:\s\"“”']+", "", sentence)
    if not sentence or not _balanced(sentence):
        return None
    return sentence[0].upper() + sentence[1:] + ("" if sentence.endswith((".", "!", "?")) else ".")


def _balanced(text: str) -> bool:
    """Quotation marks and brackets closed as opened (a piece cut from inside a quotation is no claim)."""
    return (
        text.count("\u201c") == text.count("\u201d")
        and text.count('"') % 2 == 0
        and text.count("(") == text.count(")")
        and text.count("[") == text.count("]")
    )


def _asserted(token, root) -> bool:  # type: ignore[no-untyped-def]
    """Whether a clause's words are the sentence's own assertion: not under a reporting verb or a condition."""
    head = token
    while head.i != root.i and head.head.i != head.i:
        if head.dep_ in ("ccomp", "xcomp", "csubj"):
            return False
        if head.dep_ == "advcl" and any(c.lower_ in _CONDITIONS for c in head.children if c.dep_ == "mark"):
            return False
        head = head.head
    return True


def _subject_of_own(verb) -> bool:  # type: ignore[no-untyped-def]
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _subject_of(verb) -> list[int]:  # type: ignore[no-untyped-def]
    """The verb's own subject, or, for a verb coordinated with another, the first one's."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return _noun_phrase(child)
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return _subject_of(verb.head)
    return []


def _noun_phrase(noun) -> list[int]:  # type: ignore[no-untyped-def]
    """A noun with its own words, without a clause or an apposition set off by commas."""
    return sorted(i for i in _without_set_off(noun) if not noun.doc[i].is_punct or noun.doc[i].text in ".'")


def _predicate(verb, rng: random.Random) -> list[int]:  # type: ignore[no-untyped-def]
    tokens = {verb.i}
    for child in verb.children:
        wanted = child.dep_ in _AUXILIARIES or child.dep_ in _COMPLEMENTS
        if wanted or (child.dep_ == "prep" and child.i > verb.i and rng.random() < 0.6):
            tokens |= _without_set_off(child)
    return sorted(tokens)


def _without_set_off(token) -> set[int]:  # type: ignore[no-untyped-def]
    """A token's subtree without the clauses and appositions set off by commas inside it, and without the verbs
    coordinated inside it (each is a sub-fact of its own)."""
    kept = {t.i for t in token.subtree}
    for inner in token.subtree:
        if inner.i != token.i and inner.dep_ == "conj" and inner.pos_ in ("VERB", "AUX"):
            kept -= {t.i for t in inner.subtree}
            kept -= {c.i for c in inner.head.children if c.dep_ == "cc" and c.i < inner.i}
        elif inner.i != token.i and inner.dep_ in _SET_OFF:
            first = min(t.i for t in inner.subtree)
            if first > 0 and inner.doc[first - 1].text in (",", "(", "\u2014", "\u2013"):
                kept -= {t.i for t in inner.subtree}
                kept.discard(first - 1)
    return kept


def _past_like(participle, root) -> str | None:  # type: ignore[no-untyped-def]
    """A participle told in its main verb's tense ("saying" -> "said" beside "launched")."""
    return inflected(participle.lemma_, root.tag_ if root.tag_ in ("VBD", "VBZ", "VBP") else "VBD")


def _pieces(sent, tokens: list[int], replaced: dict[int, str]) -> list[Piece]:  # type: ignore[no-untyped-def]
    """Runs of neighbouring tokens as offsets within the sentence; a replaced token is a piece of its own."""
    doc = sent.doc
    pieces: list[Piece] = []
    run: list[int] = []

    def close() -> None:
        if run:
            first, last = doc[run[0]], doc[run[-1]]
            pieces.append((first.idx - sent.start_char, last.idx + len(last.text) - sent.start_char, None))
            run.clear()

    for i in tokens:
        if i in replaced:
            close()
            token = doc[i]
            pieces.append((token.idx - sent.start_char, token.idx + len(token.text) - sent.start_char, replaced[i]))
        elif run and i == run[-1] + 1:
            run.append(i)
        else:
            close()
            run.append(i)
    close()
    return pieces
