"""Checking one claim against the sources: agree / conflict / mixed / unverified, with evidence and reasons.

The claim is split into typed parts (figures, roles, groups, places, times). Candidate evidence comes from two
places: stored claims filed under the same slots (so "who heads the delegation" finds every head, however the
sentence is worded) and the sentences closest in meaning. Each part is judged against each candidate by the
verifier (typed comparison, then a free-form fallback); judgements are then rolled up per source and overall.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache

from factcheck.article_context import ArticleContext, ContextName, context_names, evidence_key
from factcheck.check_candidates import (
    EVERY_SOURCE_LIMIT,
    Candidate,
    clause_second_look,
    closest_in,
    context_second_look,
    gather_candidates,
)
from factcheck.claims import gazetteer, wordnet
from factcheck.claims.compare import UNVERIFIED
from factcheck.claims.figures import event_word
from factcheck.claims.groups import GROUP_VERBS
from factcheck.claims.lexicon import HOLDING_VERBS, MONTHS, SERVING_VERBS
from factcheck.claims.model import (
    Claim,
    PlaceClaim,
    RoleClaim,
    StatementClaim,
    TimeClaim,
)
from factcheck.claims.occasions import FRAMING_VERBS
from factcheck.claims.people import post_of_verb
from factcheck.config import DEFAULT_MAX_CLAIM_CHARS
from factcheck.corpus import Corpus
from factcheck.errors import InvalidInputError
from factcheck.pair_verifier import shared_verifier
from factcheck.records import Span, validate_text
from factcheck.segment import Segmenter
from factcheck.source_verdicts import (
    SourceVerdict,
    overall,
    read_alone,
    restated,
    source_verdict,
)
from factcheck.together import stated_together
from factcheck.trained_verdict import TrainedReader
from factcheck.verify import Verifier, create_verifier, is_year_term

MAX_CLAIM_CHARS = DEFAULT_MAX_CLAIM_CHARS  # the default; Config.max_claim_chars is the limit applied
DEFAULT_TOP_K = 5
# Checks whose verifier reading may run beside their typed comparison at once (more wait for a thread).
READING_THREADS = 4
# Terms of a claim (``claims.statements``) that name a value another sentence may give otherwise: a person, a place,
# a country or party, a figure
_RESTATED_TERMS = ("person:", "place:", "party:", "num:")


@dataclass(frozen=True)
class CheckResult:
    claim: str
    parts: tuple[Claim, ...]  # the typed readings of the claim (statements excluded)
    verdict: str
    sources: tuple[SourceVerdict, ...]
    unlisted_sources: int = 0  # sources checked but not listed: nothing in them is near the claim (unverified)


def check_claim(
    corpus: Corpus,
    text: str,
    *,
    source_ids: Sequence[str] | None = None,
    top_k: int = DEFAULT_TOP_K,
    verifier: Verifier | None = None,
) -> CheckResult:
    """Check ``text`` against the corpus (or the named sources); every requested source gets a verdict."""
    claim_text = " ".join(validate_text(text, "the claim").split())
    if not claim_text:
        raise InvalidInputError("the claim is empty")
    limit = corpus.config.max_claim_chars
    if len(claim_text) > limit:
        raise InvalidInputError(f"the claim has {len(claim_text):,} characters; the limit is {limit:,}")
    if not 1 <= top_k <= corpus.config.max_top_k:
        raise InvalidInputError(f"top_k must be between 1 and {corpus.config.max_top_k}, got {top_k}")
    verifier = verifier or create_verifier(corpus.config.verifier)
    model_config = corpus.config.verifier_model
    restricted = source_ids is not None
    sources = list(dict.fromkeys(source_ids)) if source_ids is not None else corpus.source_ids()
    if restricted:
        for source_id in sources:
            corpus.get_source(source_id)  # NotFoundError for unknown ids

    # Claims are often typed without a final full stop; the parser reads a finished sentence more reliably.
    parse_text = claim_text if claim_text[-1] in ".!?\"'\u201d" else claim_text + "."
    spans = Segmenter().split(parse_text) or [Span(0, len(parse_text), parse_text)]
    sentences = [s.text for s in spans]
    # the spaCy extractor hands over its analysis too: the names a source's article may supply come from it
    extract_parsed = getattr(corpus.extractor, "extract_parsed", None)
    if extract_parsed is not None:
        extracted, docs = extract_parsed(sentences)
        names = [
            replace(n, start=n.start + span.start)
            for doc, span in zip(docs, spans, strict=True)
            for n in context_names(doc)
        ]
    else:
        extracted, names = corpus.extractor.extract(sentences), []
    # A place or time buried in a subordinate phrase ("accepted an offer of a meeting in Turkey") is not what
    # the claim asserts; only the claim's own figures, roles, groups, places and times are checked as parts.
    parts = [
        c
        for claims in extracted
        for c in claims
        if not isinstance(c, StatementClaim) and not getattr(c, "embedded", False)
    ]
    # ... but a source that states the claim with another place, time or figure there still tells it otherwise
    details = [c for claims in extracted for c in claims if getattr(c, "embedded", False)]
    statements = [c for claims in extracted for c in claims if isinstance(c, StatementClaim)]
    covered = all(_covered(statement, parts) for statement in statements)
    query = corpus.embedder.encode([claim_text])[0]

    candidates = gather_candidates(corpus, query, parts, sources, top_k, restricted=restricted)
    listed = sources if restricted or len(sources) <= EVERY_SOURCE_LIMIT else [s for s in sources if s in candidates]
    # nothing near the claim came from a source: its closest sentence is shown all the same
    found_in = [candidates.get(source_id) or closest_in(corpus, query, source_id) for source_id in listed]
    context = _context(corpus, names, found_in)
    reader = TrainedReader(model_config, context=context) if model_config.enabled else None
    # The trained verifier reads the candidates (its model runs outside the interpreter lock) while the typed
    # comparison judges them here: neither needs the other's answer until the verdicts are merged.
    reading = (
        _reading_threads().submit(
            reader.read,
            claim_text,
            [[(read_alone(c.claims, c.sentence.text), c.similarity) for c in f] for f in found_in],
        )
        if reader
        else None
    )
    all_judged = []
    for found in found_in:
        judged = [
            (c, verifier.judge(claim_text, parts, statements, c.sentence.text, c.claims, c.similarity)) for c in found
        ]
        judged = clause_second_look(corpus, query, verifier, claim_text, parts, statements, judged)
        all_judged.append(context_second_look(verifier, claim_text, parts, statements, judged, context))
    readings = reading.result() if reading is not None else [[] for _ in all_judged]
    results, details_only = [], []
    for source_id, judged, read in zip(listed, all_judged, readings, strict=True):
        result, detail = source_verdict(source_id, parts, judged, top_k, covered, statements, read, claim_text, reader)
        results.append(result)
        details_only.append(detail)
    # a claim with no typed figure, time or place may still be told of another person, or with another place or
    # figure its words name (``factcheck.restated``, ``factcheck.restated_spans``)
    named = any(t.startswith(_RESTATED_TERMS) for statement in statements for t in statement.terms)
    if reader is not None and (parts or details or named):
        results = restated(results, all_judged, parts + details, statements, claim_text, reader, top_k)
    if reader is not None and parts:
        results = stated_together(results, details_only, claim_text, reader, all_judged, statements)
    unlisted = len(sources) - len(listed)
    if not restricted and len(sources) > EVERY_SOURCE_LIMIT:
        # A source found only by a slot match far from the claim is listed when that match decides something.
        shown = [r for r in results if r.verdict != UNVERIFIED or not all(c.slot_only for c in candidates[r.source_id])]
        unlisted += len(results) - len(shown)
        results = shown
    if source_ids is None:  # a source deleted while the check ran was not asked for: leave it out
        results = [r for r in results if r.evidence or corpus._storage.get_source(r.source_id) is not None]
    verdict = overall(r.verdict for r in results)
    return CheckResult(claim_text, tuple(parts), verdict, tuple(results), unlisted)


def _context(corpus: Corpus, names: list[ContextName], found_in: list[list[Candidate]]) -> ArticleContext:
    """The names of the claim that the articles of its evidence may leave to context (``factcheck.article_context``),
    and the articles themselves; an article's text is read only for a sentence that leaves out such a name, or
    names another person than the claim (``factcheck.restated``)."""

    @cache
    def source_of() -> dict[str, str]:  # built only when an article is asked for
        return {evidence_key(c.sentence.text): c.sentence.source_id for found in found_in for c in found}

    @cache
    def article(source_id: str) -> str | None:
        source = corpus._storage.get_source(source_id)
        return None if source is None else source.text

    def article_of(evidence: str) -> str | None:
        source_id = source_of().get(evidence_key(evidence))
        return None if source_id is None else article(source_id)

    return ArticleContext(names, article_of)


@cache
def _reading_threads() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(READING_THREADS, thread_name_prefix="check-reading")


def prepare_checks(corpus: Corpus) -> None:
    """Load everything a check reads (the index, the claim extractor, the trained verifier, the place data), so
    that the first check of a service costs what every other one does."""
    corpus.index, corpus.extractor  # noqa: B018 (loaded on first access)
    if corpus.config.verifier_model.enabled:
        shared_verifier(corpus.config.verifier_model.model_dir)
    gazetteer.load()


#: Verbs that only link a subject to what the typed parts state ("X is minister", "12 remain missing").
_COPULAS = frozenset({"be", "remain"})


def _covered(statement: StatementClaim, parts: list[Claim]) -> bool:
    """Whether the typed parts carry what the sentence asserts, or only details around another assertion: its
    verb links them (a copula), says who heads or belongs to a group, only frames an event whose place or time is a
    part ("the talks begin in Istanbul on Monday"), or is the event a part records ("12 people died"). A part
    that is all else ("interior minister X will miss the talks": the post) leaves the act to the verifier."""
    if not parts:
        return False
    verb = statement.verb
    if verb in _COPULAS:
        # "X has been governor since January 2010": the post is a part, the date is not read as one
        return not _dated_beyond(statement, parts)
    if verb in SERVING_VERBS | HOLDING_VERBS or post_of_verb(verb) is not None:
        # "serves as president of the NAACP", "holds the post of whip", "chairs the committee": the post read from
        # the verb is all it says (not "Wilson, the officer, serves with the county police"); where no post was read
        # from it, the post is still what it says ("served as enforcement chief at the SEC in the 1990s": not the
        # decade alone)
        return not _dated_beyond(statement, parts) and any(
            isinstance(p, RoleClaim) and any(verb in wordnet.lemmas(w, "v") for w in p.text.lower().split())
            for p in parts
        )
    if verb in GROUP_VERBS:
        return True
    if verb in FRAMING_VERBS and any(isinstance(p, PlaceClaim | TimeClaim) and p.event for p in parts):
        return True
    return any(_names_act(p, verb) for p in parts)


def _dated_beyond(statement: StatementClaim, parts: list[Claim]) -> bool:
    """Whether the claim gives a year or a month that none of its typed parts reads as a time."""
    if any(isinstance(p, TimeClaim) for p in parts):
        return False
    return any(is_year_term(t) or (t.startswith("name:") and t[5:] in MONTHS) for t in statement.terms)


def _names_act(part: Claim, verb: str) -> bool:
    event = getattr(part, "event", None)
    if not event:
        return False
    if event in (verb, event_word(verb)):
        return True
    keys = getattr(part, "event_keys", ())
    return bool(keys) and any(wordnet.synset_id(sense) in keys for sense in wordnet.synsets(verb, "v"))
