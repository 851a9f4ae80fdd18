"""A claim check as schema.org ``ClaimReview`` JSON-LD, the markup fact-checkers publish and search engines read.

Only terms of the schema.org vocabulary are used (``tests/factcheck/test_claimreview.py`` checks every type and
property against it), so the output can be embedded in a page as it is. The shape:

- ``reviewRating``: the overall verdict on a 1-5 scale with its words (:data:`RATINGS`);
- ``reviewBody``: the same in sentences, one per source with its deciding sentence, for a reader of the markup;
- ``itemReviewed``: the ``Claim``, whose ``appearance`` lists the sources that state it (``firstAppearance``: the
  earliest of them). A source that contradicts the claim is not an appearance of it, so it is not listed there;
- ``citation``: every source checked, as a ``NewsArticle`` carrying a ``Review`` (that source's verdict and
  reason) that cites the deciding sentences as ``Quotation``\\ s.

Character offsets and similarities have no schema.org property; the plain JSON (:func:`factcheck.render.result_json`)
keeps them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from factcheck.check import CheckResult
from factcheck.claims.compare import AGREE, CONFLICT, UNVERIFIED
from factcheck.corpus import Corpus
from factcheck.errors import NotFoundError
from factcheck.records import Source
from factcheck.source_verdicts import MIXED, Evidence, SourceVerdict

BEST_RATING = 5
WORST_RATING = 1


@dataclass(frozen=True)
class Rating:
    value: int
    overall: str  # the claim as a whole, judged across the sources
    per_source: str  # what one source does to the claim


# Ordered by how far the sources bear the claim out. Nothing confirming it (unverified) ranks below partial
# confirmation (mixed) but above contradiction: it is not evidence that the claim is false. 4 stays unused: the
# check has no "mostly supported" verdict, and mixed sits at the middle of the scale, where readers expect it.
RATINGS: Mapping[str, Rating] = {
    AGREE: Rating(BEST_RATING, "Supported by the sources", "Supports the claim"),
    MIXED: Rating(3, "Disputed: the sources disagree", "Both supports and contradicts the claim"),
    UNVERIFIED: Rating(
        2, "Unverified: no source confirms or contradicts it", "Neither confirms nor contradicts the claim"
    ),
    CONFLICT: Rating(WORST_RATING, "Contradicted by the sources", "Contradicts the claim"),
}
# Sources with these verdicts state the claim, so they are where it appears.
_STATES_THE_CLAIM = frozenset({AGREE, MIXED})


def claim_review(
    result: CheckResult,
    sources: Mapping[str, Source],
    *,
    reviewed_at: datetime | None = None,
    author: str = "factcheck",
) -> dict[str, Any]:
    """``result`` as a ``ClaimReview``; ``sources`` gives the metadata of the sources it lists (missing ones, e.g.
    deleted since the check, are named by their id only)."""
    organization = {"@type": "Organization", "name": author}
    when = reviewed_at or datetime.now(UTC).replace(microsecond=0)
    claim: dict[str, Any] = {"@type": "Claim", "text": result.claim}
    stating = [s for s in result.sources if s.verdict in _STATES_THE_CLAIM]
    if stating:
        claim["appearance"] = [_article(s.source_id, sources.get(s.source_id)) for s in stating]
        dated = [found for s in stating if (found := sources.get(s.source_id)) and found.published_at]
        if dated:  # min() keeps the first listed of sources published the same day
            first = min(dated, key=lambda found: found.published_at or date.max)
            claim["firstAppearance"] = _article(first.id, first)
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": result.claim,
        "datePublished": when.isoformat(),
        "author": organization,
        "reviewRating": _rating(result.verdict, overall=True),
        "reviewBody": _summary(result, sources),
        "itemReviewed": claim,
    }
    if result.sources:
        review["citation"] = [_cited(s, sources.get(s.source_id), organization) for s in result.sources]
    return review


def sources_of(corpus: Corpus, result: CheckResult) -> dict[str, Source]:
    """The stored metadata of the sources ``result`` lists; one deleted since the check is left out."""
    found = {}
    for verdict in result.sources:
        try:
            found[verdict.source_id] = corpus.get_source(verdict.source_id)
        except NotFoundError:
            continue
    return found


def _rating(verdict: str, *, overall: bool) -> dict[str, Any]:
    rating = RATINGS[verdict]
    return {
        "@type": "Rating",
        "ratingValue": rating.value,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": rating.overall if overall else rating.per_source,
    }


def _article(source_id: str, source: Source | None) -> dict[str, Any]:
    """The source as a news article. The same ``@id`` wherever it appears, so JSON-LD readers see one node."""
    url = source.url if source else None
    article: dict[str, Any] = {"@type": "NewsArticle", "@id": url or f"_:source-{source_id}", "identifier": source_id}
    if url:
        article["url"] = url
    if source and source.title:
        article["headline"] = source.title
    if source and source.outlet:
        article["publisher"] = {"@type": "Organization", "name": source.outlet}
    if source and source.published_at:
        article["datePublished"] = source.published_at.isoformat()
    return article


def _cited(verdict: SourceVerdict, source: Source | None, author: dict[str, Any]) -> dict[str, Any]:
    """The source with a review of what it does to the claim, citing the sentences that decide it."""
    review: dict[str, Any] = {
        "@type": "Review",
        "author": author,
        "reviewRating": _rating(verdict.verdict, overall=False),
    }
    if verdict.reason:
        review["reviewBody"] = verdict.reason
    quoted = _shown(verdict)
    if quoted:
        review["citation"] = [
            {"@type": "Quotation", "text": e.sentence, "description": f"{RATINGS[e.verdict].per_source}: {e.reason}"}
            for e in quoted
        ]
    return _article(verdict.source_id, source) | {"review": review}


def _shown(verdict: SourceVerdict) -> list[Evidence]:
    """The deciding sentences, or the closest one when none decides: what the terminal rendering shows too. The
    other close sentences decide nothing and would bury the ones that do."""
    return [e for e in verdict.evidence if e.verdict != UNVERIFIED] or list(verdict.evidence[:1])


def _summary(result: CheckResult, sources: Mapping[str, Source]) -> str:
    """The review in sentences: the overall rating, then each source's verdict with its first deciding sentence."""
    lines = [f"{RATINGS[result.verdict].overall}."]
    for verdict in result.sources:
        source = sources.get(verdict.source_id)
        name = (source.outlet if source else None) or verdict.source_id
        if source and source.title:
            name += f", \u201c{source.title}\u201d"
        if source and source.published_at:
            name += f" ({source.published_at.isoformat()})"
        line = f"{name}: {RATINGS[verdict.verdict].per_source.lower()}"
        quoted = _shown(verdict)
        if quoted and quoted[0].verdict != UNVERIFIED:
            line += f" \u2014 \u201c{quoted[0].sentence}\u201d"
        lines.append(line + (f" ({verdict.reason})." if verdict.reason else "."))
    if result.unlisted_sources:
        lines.append(f"{result.unlisted_sources:,} other sources have nothing near the claim or deciding it.")
    if not result.sources and not result.unlisted_sources:
        lines.append("No sources were checked.")
    return "\n".join(lines)
