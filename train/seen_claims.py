"""Claim/evidence pairs from the readers' claims of BASIL's ``seen`` events: the task itself, labelled by people.

The generated pairs (``train/news_pairs.py``, ``train/cross_outlet.py``) are sentences rewritten by rule; the claims
of ``eval/data/basil_claims_seen.jsonl`` were written by readers who saw only the articles, as a user writes a
claim, and each names, for each outlet, whether its article agrees, conflicts or does not say, with a note quoting
the words that decide it. Only the ``seen`` split may train (its events were read while writing earlier sessions'
rules, so they were never out of sample); dev tunes and test reports, and neither is read here.

For an outlet that agrees or conflicts, the evidence is the article sentence that shares the most word 4-grams with
the note's quotations (at least ``min_shared``; an outlet whose deciding words the note does not quote gives no
pair): entailment or contradiction. For an outlet whose article does not say, the ``neutral_per_source`` sentences
closest to the claim (the packaged embedder) are neutral: a close sentence that does not answer the claim is what
the verifier must learn to leave alone. A claim with more than one reading ("mixed") gives no pair.

Readers' agreements are judged on the whole article, so an entailed pair may leave a detail to the article; trained
on them alone the verifier learnt to overlook a changed detail too (BASIL dev: 11 altered claims read as agreed, "was
cleared of wrongdoing" as stating "found he had committed wrongdoing"). With ``contradict``, each entailed pair also
gives the claim with one fact changed (a name, number or date swapped for another of the event's articles, else a
negation or the opposite verb: ``train/news_pairs.py``) against the same evidence, as a contradiction.

Deterministic: the same files give the same pairs.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from factcheck.segment import Segmenter
from train.datasets import Pair

ROOT = Path(__file__).resolve().parents[1]
SEEN_CLAIMS = ROOT / "eval" / "data" / "basil_claims_seen.jsonl"
_WORD = re.compile(r"[a-z0-9]+")
_LABELS = {"agree": 0, "unverified": 1, "conflict": 2}


@dataclass(frozen=True)
class SeenClaimSettings:
    min_shared: int = 2  # word 4-grams a sentence shares with the note's quotations to be the quoted evidence
    neutral_per_source: int = 2  # closest sentences of an article that does not answer the claim, read as neutral
    gram: int = 4
    # An agreement kept only where its sentence alone gives every number, date and time of the claim: readers judge
    # the whole article, and a sentence that leaves the claim's day or figure to the rest of it, read as entailing,
    # taught the verifier to overlook a changed detail. (Names too dropped half the agreements: written variously.)
    agree_states: bool = False


def _grams(text: str, n: int) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _quoted(note: str) -> str:
    """The note's quoted words ('...' or "..."), ellipses kept as breaks so no 4-gram runs across one."""
    pieces = re.findall(r"'([^']{8,}?)'(?=[\s;:,.)]|$)|\"([^\"]{8,}?)\"", note)
    return " | ".join(a or b for a, b in pieces).replace("...", " | ")


def articles(directory: Path) -> dict[str, str]:
    """Article text by source id (``basil-<file stem>``), as the evaluation ingests it (``bench/_common.py``)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from _common import _basil_source

    texts: dict[str, str] = {}
    for path in sorted(directory.glob("*/*.json")):
        source = _basil_source(path)
        if source is not None:
            texts[source.id] = source.text
    return texts


def seen_claim_pairs(
    rows: Sequence[dict[str, object]],
    texts: dict[str, str],
    encode: Callable[[list[str]], np.ndarray],
    settings: SeenClaimSettings = SeenClaimSettings(),
    contradict: Callable[[str, list[str]], str | None] | None = None,
) -> Iterator[Pair]:
    """``contradict(claim, the event's article texts)`` gives the claim with one fact changed, or None."""
    segmenter = Segmenter()
    sentences: dict[str, list[str]] = {}
    vectors: dict[str, np.ndarray] = {}  # each article's sentences are encoded once, for every claim about it
    for row in rows:
        claim = str(row["claim"])
        quoted = _grams(_quoted(str(row.get("note", ""))), settings.gram)
        expected = row["expected_sources"]
        assert isinstance(expected, dict)
        claim_vector: np.ndarray | None = None
        for source_id, label in sorted(expected.items()):
            if label not in _LABELS or source_id not in texts:
                continue
            if source_id not in sentences:
                sentences[source_id] = [s.text for s in segmenter.split(texts[source_id])]
            candidates = sentences[source_id]
            if not candidates:
                continue
            origin = f"seen-{row['id']}"
            if label == "unverified":
                if claim_vector is None:
                    claim_vector = encode([claim])[0]
                if source_id not in vectors:
                    vectors[source_id] = encode(candidates)
                closest = np.argsort(-(vectors[source_id] @ claim_vector))[: settings.neutral_per_source]
                for index in sorted(int(i) for i in closest):
                    yield Pair(candidates[index], claim, _LABELS[label], origin)
                continue
            shared = [len(_grams(s, settings.gram) & quoted) for s in candidates]
            best = max(range(len(candidates)), key=lambda i: (shared[i], -i))
            if shared[best] < settings.min_shared:
                continue
            if label == "agree" and settings.agree_states and not _states_all(candidates[best], claim):
                continue
            yield Pair(candidates[best], claim, _LABELS[label], origin)
            if label == "agree" and contradict is not None:
                changed = contradict(claim, [texts[s] for s in sorted(expected) if s in texts])
                if changed and changed != claim:
                    yield Pair(candidates[best], changed, _LABELS["conflict"], origin)


_NAMED = ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL")


def _states_all(evidence: str, claim: str) -> bool:
    """``evidence`` gives every number, date and time of ``claim`` as spaCy reads them (``cross_outlet._states``)."""
    from train.cross_outlet import _states

    ents = [
        (e.text.removeprefix("the ").removeprefix("The "), e.label_) for e in _nlp()(claim).ents if e.label_ in _NAMED
    ]
    return _states(evidence.replace("\u2019", "'"), ents, claim)


@functools.cache
def _nlp():  # type: ignore[no-untyped-def]
    import spacy

    from factcheck.claims.extract import SPACY_MODEL

    return spacy.load(SPACY_MODEL)


def load_seen(path: Path = SEEN_CLAIMS) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
