"""The trained verifier's part of a verdict: which source sentences it reads, what it concludes, and how its
reading combines with the typed comparison.

Typed comparison decides and explains figures, roles, places and times where it reads them; the trained
verifier (``factcheck.pair_verifier``) reads the closest sentences of each source as a whole. It decides when
the typed reading decides nothing, overrules a typed agreement it reads as a contradiction with high confidence
("Former Prime Minister Boris Johnson" against "Boris Johnson is the prime minister"), and withdraws a typed
conflict it reads as stating the claim with high confidence ("10:00 local time (08:00 GMT)" against "10:00").
Every threshold is calibrated on in-sample claims about real news, never on the test split
(``eval/calibrate_verifier.py``, ``eval/basil_claims.py --split dev,seen,train``; docs/evaluation.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TypeVar

import numpy as np
import numpy.typing as npt
from rapidfuzz.fuzz import ratio

from factcheck.article_context import ArticleContext
from factcheck.claims.compare import AGREE, CONFLICT, UNVERIFIED
from factcheck.claims.model import Claim, StatementClaim
from factcheck.config import VerifierModelConfig
from factcheck.contrast import figures_unstated, has_contrast, told_otherwise
from factcheck.name_forms import as_named_in, initials_as_in
from factcheck.pair_verifier import CONTRADICTION, ENTAILMENT, PairVerifier, shared_verifier
from factcheck.restated import Restatement, substitutions
from factcheck.value_spans import differing_value

T = TypeVar("T")


@dataclass(frozen=True)
class Reading:
    """The verifier's probabilities for one (source sentence, claim) pair."""

    index: int  # position of the sentence among the source's candidates
    similarity: float
    entailment: float
    contradiction: float


@dataclass(frozen=True)
class TrainedDecision:
    verdict: str  # AGREE, CONFLICT or UNVERIFIED
    reading: Reading | None
    reason: str = ""
    highlight: tuple[int, int] | None = None  # offsets in the sentence of the words that decide it


class TrainedReader:
    """Reads the closest candidate sentences of a source with the trained verifier."""

    def __init__(
        self,
        config: VerifierModelConfig,
        verifier: PairVerifier | None = None,
        *,
        context: ArticleContext | None = None,
    ) -> None:
        self.config = config
        self._verifier = verifier or shared_verifier(config.model_dir)
        self._context = context

    def _probabilities(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        """The verifier's reading of (sentence, claim) pairs, each claim leaving to the sentence's article what the
        article names (``factcheck.article_context``) and naming people as its sentence does
        (``factcheck.name_forms``)."""
        return self._verifier.probabilities([(sentence, self._as_read(claim, sentence)) for sentence, claim in pairs])

    def _as_read(self, claim: str, sentence: str) -> str:
        if self._context is not None:
            claim = self._context.claim_for(claim, sentence)
        return initials_as_in(as_named_in(claim, sentence), sentence)

    def read(self, claim: str, sources: Sequence[Sequence[tuple[str, float]]]) -> list[list[Reading]]:
        """Readings for each source's candidate sentences (text, similarity): its ``config.candidates`` most
        similar at or above ``config.min_similarity``, and at most ``config.max_pairs`` in all, the most similar
        first (a check over many sources reads the sources whose sentences come closest), in one batch."""
        wanted: list[tuple[float, int, int]] = []
        for number, sentences in enumerate(sources):
            order = sorted(range(len(sentences)), key=lambda i: -sentences[i][1])
            chosen = [i for i in order if sentences[i][1] >= self.config.min_similarity][: self.config.candidates]
            wanted += [(sentences[i][1], number, i) for i in chosen]
        wanted = sorted(wanted, key=lambda w: (-w[0], w[1], w[2]))[: self.config.max_pairs]
        probabilities = self._probabilities([(sources[n][i][0], claim) for _, n, i in wanted])
        readings: list[list[Reading]] = [[] for _ in sources]
        for (similarity, number, index), row in zip(wanted, probabilities, strict=True):
            # A contradiction needs something to sit on: a figure, a name, a denial or an opposite verb where the
            # two differ; a paraphrase the verifier reads as contradicting is not one.
            sentence = sources[number][index][0]
            contradiction = float(row[CONTRADICTION]) if has_contrast(sentence, claim) else 0.0
            # Nor can a statement of the claim give another figure, or one the sentence never states: the verifier
            # reads "tens of thousands" as stating "hundreds of thousands", and "people were evacuated" as stating
            # "tens of thousands were evacuated" (the typed comparison decides figures).
            unstated = told_otherwise(sentence, claim) or figures_unstated(sentence, claim)
            entailment = 0.0 if unstated else float(row[ENTAILMENT])
            readings[number].append(Reading(index, similarity, entailment, contradiction))
        return readings

    def restatements(
        self,
        claim: str,
        parts: Sequence[Claim],
        statements: Sequence[StatementClaim],
        sources: Sequence[Sequence[tuple[int, str, Sequence[Claim]]]],
    ) -> list[Restatement | None]:
        """For each source's candidate sentences (index, text as read, typed claims): the sentence that best states
        the claim with one of its figures, times, places or people replaced by the sentence's own, if the verifier
        reads it so at P(entailment) >= ``config.conflict_restated``, or at ``config.conflict_restated_contradicted``
        where it also reads the claim as written as contradicted by that sentence at the same
        (``factcheck.restated``); every source in one batch."""
        threshold = self.config.conflict_restated
        if min(threshold, self.config.conflict_restated_contradicted) > 1.0 - 1e-9:
            return [None] * len(sources)
        texts = [{index: text for index, text, _ in found} for found in sources]
        rewritten = [
            substitutions(
                claim,
                parts,
                statements,
                [(i, c) for i, _, c in found],
                self._per_candidate(texts[n], ArticleContext.left_to_article),
                self._per_candidate(texts[n], ArticleContext.article_writes),
            )
            for n, found in enumerate(sources)
        ]
        pairs = [(texts[n][s.index], s.claim) for n, subs in enumerate(rewritten) for s in subs]
        # the claim itself against each sentence that gives another value: two readings that agree (the claim
        # contradicted as written, stated with the sentence's value) need less of each than either alone
        read = sorted({(n, s.index) for n, subs in enumerate(rewritten) for s in subs})
        both = self.config.conflict_restated_contradicted
        asked = pairs + ([(texts[n][index], claim) for n, index in read] if both < 1.0 - 1e-9 else [])
        probabilities = self._probabilities(asked) if asked else np.zeros((0, 3), dtype=np.float32)
        entailment = probabilities[: len(pairs), ENTAILMENT].tolist()
        contradicted = {
            key for key, row in zip(read, probabilities[len(pairs) :], strict=False) if row[CONTRADICTION] >= both
        }
        results: list[Restatement | None] = []
        offset = 0
        for n, subs in enumerate(rewritten):
            scored = list(zip(subs, entailment[offset : offset + len(subs)], strict=True))
            offset += len(subs)
            stated = [
                (s, p)
                for s, p in scored
                if (p >= threshold and not s.contradicted_only) or (p >= both and (n, s.index) in contradicted)
            ]
            best = max(stated, key=lambda pair: pair[1], default=None)
            results.append(Restatement(*best) if best is not None else None)
        return results

    def _per_candidate(
        self, texts: dict[int, str], ask: Callable[[ArticleContext, str, str], T]
    ) -> Callable[[int, str], T] | None:
        """``ask`` of the article of a candidate (by its index among ``texts``) and a word, when articles are known:
        whether it leaves a name of the claim to its article, which writes it (``ArticleContext.left_to_article``),
        or whether it writes a word at all (``ArticleContext.article_writes``)."""
        context = self._context
        if context is None:
            return None
        return lambda index, word: ask(context, texts[index], word)

    def stated_together(self, claim: str, passages: Sequence[str]) -> list[bool]:
        """For each source's passage (the sentence that confirms a detail of the claim joined with its closest other
        sentence, in the article's order): whether it states the whole claim at P(entailment) >=
        ``config.agree_detailed`` (``factcheck.together``). At most ``config.detailed_pairs`` passages are read, the
        first sources first (a check over many sources stays fast), in one batch."""
        threshold = self.config.agree_detailed
        read = list(passages[: self.config.detailed_pairs]) if threshold <= 1.0 - 1e-9 else []
        probabilities = self._probabilities([(passage, claim) for passage in read])
        found = [False] * len(passages)
        for number, (passage, row) in enumerate(zip(read, probabilities, strict=True)):
            # as for one sentence: the typed comparison decides figures, so a passage giving another is no statement
            found[number] = not told_otherwise(passage, claim) and float(row[ENTAILMENT]) >= threshold
        return found


def decide(readings: Sequence[Reading], config: VerifierModelConfig) -> TrainedDecision:
    """The verifier's own verdict for a source: its most confident agreeing or contradicting sentence."""
    agreeing = max(readings, key=lambda r: r.entailment, default=None)
    conflicting = max(
        (r for r in readings if r.similarity >= config.conflict_similarity), key=lambda r: r.contradiction, default=None
    )
    agree = agreeing is not None and agreeing.entailment >= config.agree
    conflict = conflicting is not None and conflicting.contradiction >= config.conflict
    if agree and conflict and agreeing is not None and conflicting is not None:
        # Two sentences of one source pull both ways: the surer reading decides.
        conflict = conflicting.contradiction > agreeing.entailment
        agree = not conflict
    if conflict:
        return TrainedDecision(CONFLICT, conflicting)
    if agree:
        return TrainedDecision(AGREE, agreeing)
    return TrainedDecision(UNVERIFIED, None)


def merge(
    typed: str,
    readings: Sequence[Reading],
    agreeing: Sequence[int],
    conflicting: Sequence[int],
    config: VerifierModelConfig,
    typed_only: frozenset[int] = frozenset(),
    undecided: frozenset[int] = frozenset(),
    confirmed: frozenset[int] = frozenset(),
    stated: frozenset[int] = frozenset(),
    opposed: frozenset[int] = frozenset(),
) -> tuple[TrainedDecision, list[int]] | None:
    """The trained decision that replaces the typed verdict of a source, with the candidates it changes, or None
    when the typed verdict stands. ``agreeing`` and ``conflicting`` are the candidates whose typed judgements
    agree or conflict; ``typed_only`` the candidates holding typed claims of a kind the claim has; ``undecided``
    the candidates where a typed comparison found the claim's figure, role, place or time compared and neither
    confirmed nor ruled out ("more than 1,200 evacuated" against "tens of thousands"), or that give one of them
    otherwise for a happening it did not match (``factcheck.restated`` reads those); ``confirmed`` those
    where it confirmed every part of the claim it compares and contradicted none; ``stated`` those stating every
    figure of the claim in words as a fact of their own (``sentence_tells.states_figures``)."""
    by_index = {r.index: r for r in readings}
    # Sentences holding typed claims of the kinds the claim has are the typed comparison's to decide: its "not
    # decided" there is a reading (another count, another speaker's figure), not a gap for the verifier to fill.
    free = [r for r in readings if r.index not in typed_only]
    if typed == UNVERIFIED:
        own = decide(free, config)
        if own.verdict != CONFLICT:
            # the claim's act told with the other polarity ("refused to apologize" / "apologized"): two readings
            # that agree need less of the verifier than its reading alone
            against = max(
                (r for r in readings if r.index in opposed and r.similarity >= config.conflict_similarity),
                key=lambda r: r.contradiction,
                default=None,
            )
            # as in ``decide``: a sentence read as stating the claim more surely still decides
            surer = own.reading is not None and against is not None and own.reading.entailment >= against.contradiction
            if against is not None and against.contradiction >= config.conflict_opposed and not surer:
                return TrainedDecision(CONFLICT, against), [against.index]
        if own.reading is None:
            # The typed comparison confirmed the details in a sentence ("on Friday"); the verifier reads whether
            # it also states what the claim says happened ("was sworn in" / "was inaugurated").
            stating = max((r for r in readings if r.index in confirmed), key=lambda r: r.entailment, default=None)
            if stating is not None and stating.entailment >= config.agree_confirmed:
                return TrainedDecision(AGREE, stating), [stating.index]
        if own.reading is None:
            # Nothing comparable was read where the claim's kinds of facts are: a sentence the verifier reads as
            # stating the whole claim ("a run of 137 town-hall-style meetings") still agrees, never conflicts.
            # Not where the typed comparison read the very fact and found it undecided: that is its answer. A
            # sentence that states every figure of the claim in words needs less confidence than one that does not
            # (the typed comparison found no slot the two share: the counted thing is named otherwise).
            held = max(
                (r for r in readings if r.index in typed_only and r.index not in undecided),
                key=lambda r: r.entailment,
                default=None,
            )
            needed = config.agree_stated if held is not None and held.index in stated else config.agree_typed
            if held is not None and held.entailment >= needed:
                own = TrainedDecision(AGREE, held)
        return (own, [own.reading.index]) if own.reading is not None else None
    if typed == AGREE:
        for index in agreeing:
            reading = by_index.get(index)
            if reading is not None and reading.contradiction >= config.overrule:
                return TrainedDecision(CONFLICT, reading), [index]
        strongest = max(
            (r for r in readings if r.similarity >= config.conflict_similarity),
            key=lambda r: r.contradiction,
            default=None,
        )
        entailed = any(by_index[i].entailment >= config.agree for i in agreeing if i in by_index)
        if strongest is not None and strongest.contradiction >= config.overrule and not entailed:
            return TrainedDecision(CONFLICT, strongest), [strongest.index]
        return None
    if typed == CONFLICT and conflicting:
        vetoed = [by_index.get(i) for i in conflicting]
        if all(r is not None and r.entailment >= config.veto for r in vetoed):
            first = vetoed[0]
            assert first is not None
            return TrainedDecision(AGREE, first), list(conflicting)
    return None


# -- reasons ---------------------------------------------------------------------------------------------------

_WORD = re.compile(r"[\w$%\u20ac\u00a3][\w.,'\u2019%-]*[\w%]|[\w$%\u20ac\u00a3]")
_FILLER = frozenset(
    "a an the of to in on at by for and or as is was were are be been has have had that this it its".split()
)


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower().strip(".,"), m.start(), m.end()) for m in _WORD.finditer(text)]


def _weight(claim_part: list[tuple[str, int, int]], source_part: list[tuple[str, int, int]]) -> float:
    """How likely a changed stretch is the contradiction itself: figures first, then changed content words; a
    spelling variant ("Israel's" / "Israeli") or a change of filler words weighs nothing."""
    claim_words = [w for w, _, _ in claim_part if w not in _FILLER]
    source_words = [w for w, _, _ in source_part if w not in _FILLER]
    if not source_words:
        return 0.0
    if claim_words and ratio(" ".join(claim_words), " ".join(source_words)) >= 75:
        return 0.0
    digits = any(any(ch.isdigit() for ch in w) for w in claim_words + source_words)
    return (3.0 if digits else 1.0) + (1.0 if claim_words else 0.0)


def explain(decision: TrainedDecision, claim: str, sentence: str, *, other: str = "the claim") -> TrainedDecision:
    """Add the reason a journalist reads and the offsets of the deciding words in the sentence (``other`` names
    what ``claim`` is: the claim checked, or the other source's sentence in a report)."""
    reading = decision.reading
    if reading is None:
        return decision
    claim_words, sentence_words = _words(claim), _words(sentence)
    matcher = SequenceMatcher(a=[w for w, _, _ in claim_words], b=[w for w, _, _ in sentence_words], autojunk=False)
    if decision.verdict == CONFLICT:
        contradicting = (
            f"the trained verifier reads the sentence as contradicting {other} (contradiction "
            f"{reading.contradiction:.2f}, similarity {reading.similarity:.2f})"
        )
        found = _contradicted_at(claim, sentence, claim_words, sentence_words, matcher)
        if found is None:
            return TrainedDecision(decision.verdict, reading, contradicting, None)
        (start, end), claimed = found
        where = f" where {other} says \u201c{claim[claimed[0] : claimed[1]]}\u201d" if claimed else ""
        reason = f"source says \u201c{sentence[start:end]}\u201d{where}: {contradicting}"
        return TrainedDecision(decision.verdict, reading, reason, (start, end))
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    content = [b for b in blocks if any(w not in _FILLER for w, _, _ in sentence_words[b.b : b.b + b.size])]
    shared = sum(w not in _FILLER for b in content for w, _, _ in sentence_words[b.b : b.b + b.size])
    # a word or two in common ("Cheney", "LePage said") is no quotation of the claim: the sentence as a whole is
    if content and shared >= min(3, sum(w not in _FILLER for w, _, _ in claim_words)):
        start, end = sentence_words[content[0].b][1], sentence_words[content[-1].b + content[-1].size - 1][2]
        shown = sentence[start:end] if end - start <= 160 else sentence[start : start + 157] + "..."
        reason = (
            f"source states the claim in its words: \u201c{shown}\u201d (trained verifier: entailment "
            f"{reading.entailment:.2f}, similarity {reading.similarity:.2f})"
        )
        return TrainedDecision(decision.verdict, reading, reason, (start, end))
    reason = (
        f"the trained verifier reads the sentence as stating the claim (entailment {reading.entailment:.2f}, "
        f"similarity {reading.similarity:.2f})"
    )
    return TrainedDecision(decision.verdict, reading, reason, None)


def _contradicted_at(
    claim: str,
    sentence: str,
    claim_words: list[tuple[str, int, int]],
    sentence_words: list[tuple[str, int, int]],
    matcher: SequenceMatcher[str],
) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """Where in the sentence a contradiction most likely sits, and what the claim says there (None where the
    sentence only adds words): another figure or name wherever each side writes it, else the changed stretch of
    the two aligned word by word that weighs most (``_weight``)."""
    difference = differing_value(claim, sentence)
    if difference is not None:
        return difference.sentence_span, difference.claim_span
    changes = [
        (_weight(claim_words[a0:a1], sentence_words[b0:b1]), a0, a1, b0, b1)
        for op, a0, a1, b0, b1 in matcher.get_opcodes()
        if op in ("replace", "insert") and 0 < b1 - b0 <= 6 and a1 - a0 <= 6
    ]
    changes = [c for c in changes if c[0] > 0]
    if not changes:
        return None
    _, a0, a1, b0, b1 = max(changes, key=lambda c: c[0])
    claimed = (claim_words[a0][1], claim_words[a1 - 1][2]) if a1 > a0 else None
    return (sentence_words[b0][1], sentence_words[b1 - 1][2]), claimed
