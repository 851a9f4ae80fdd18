"""Group sources by story (articles about the same event), so a batch report compares each story on its own.

Two articles tell the same story when, together:

* their meaning is close: the cosine of their mean sentence vectors, and the share of each one's sentences
  that have a close neighbour in the other (averaged both ways), so one long background paragraph cannot
  carry a pair alone;
* they name the same people, places and organisations, weighted by how rare each name is among the sources
  grouped (Trump or Obama in every US-politics article weigh nothing), and only as a bonus: names alone
  never reach the threshold;
* they were published within a few days of each other when both dates are known. A larger gap blocks the
  pair outright: follow-ups weeks apart are other stories even when they read alike.

Pairs scoring at least ``link_threshold`` are linked. Linked components can chain (A like B, B like C, A
unlike C), so each component is then split by average linkage: two groups merge only while the mean score
over all their cross pairs stays above the threshold, i.e. a source joins a group only if it is close to
most of its members. The constants come from ``eval/calibrate_stories.py`` (BASIL seen and dev events).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from factcheck.claims.lexicon import CALENDAR_WORDS
from factcheck.claims.model import StatementClaim
from factcheck.corpus import Corpus
from factcheck.errors import NotFoundError
from factcheck.storage.base import SourceContent

Matrix = npt.NDArray[np.float32]

#: Term prefixes that name someone or something (see StatementClaim.terms).
NAME_PREFIXES = ("person:", "name:", "place:")
#: Capitalised calendar words the extractor files as names; they say nothing about which story it is.
CALENDAR_NAMES = frozenset("name:" + word for word in CALENDAR_WORDS)


@dataclass(frozen=True)
class StoryConfig:
    """Thresholds, calibrated on BASIL seen+dev events (eval/calibrate_stories.py); see the module doc."""

    # A sentence "has a close neighbour" in the other article at this cosine or above. 0.5 is where one
    # outlet's rewording of another's sentence usually lands; unrelated news sentences sit near 0.1-0.3.
    neighbour_similarity: float = 0.5
    # Weight of the rarity-weighted name overlap (0..1, typically <= 0.3 even within a story).
    name_weight: float = 0.5
    # Added when both dates are known and within max_days_apart: same-days publication is evidence too, so
    # undated pairs need slightly stronger content to link.
    dated_bonus: float = 0.05
    # BASIL outlets publish one event within 0-4 days; related events (a shutdown and its deal) 5+ apart.
    # None ignores dates altogether.
    max_days_apart: int | None = 4
    # Pairs whose mean vectors are less similar than this are never scored further (saves the sentence
    # comparison; every same-story pair in the calibration data was above 0.57).
    candidate_floor: float = 0.45
    # Link and average-linkage threshold on the score (content 0..1 + name bonus + date bonus).
    link_threshold: float = 0.575


@dataclass(frozen=True)
class _Profile:
    vectors: Matrix  # the sentence vectors, normalised
    centroid: Matrix  # their mean, normalised
    names: frozenset[str]
    published_at: date | None


def group_stories(
    corpus: Corpus,
    source_ids: Sequence[str],
    config: StoryConfig | None = None,
    *,
    missing_ok: bool = False,
    contents: Mapping[str, SourceContent] | None = None,
) -> list[tuple[str, ...]]:
    """Partition ``source_ids`` into stories: every source in exactly one group, singletons allowed. An unknown
    source is an error, or (``missing_ok``, for a report racing a delete) a group of its own. ``contents``: what
    the caller has already read of the sources (a report reads each whole once), not read again.

    Groups are sorted by their first source id, ids sorted within; the result depends only on the sources.
    """
    config = config or StoryConfig()
    wanted = sorted(set(source_ids))
    known = contents or {}
    found = {
        source_id: _profile(corpus, source_id, known.get(source_id), missing_ok=missing_ok) for source_id in wanted
    }
    # A source deleted while a report reads the corpus stands alone (the report has read it whole already).
    groups: list[tuple[str, ...]] = [(source_id,) for source_id, profile in found.items() if profile is None]
    ids = [source_id for source_id in wanted if found[source_id] is not None]
    profiles = [p for p in (found[source_id] for source_id in ids) if p is not None]
    if not profiles:
        return sorted(groups)
    scores = _scores(profiles, config)
    for component in _components(scores >= config.link_threshold):
        for members in _average_linkage(scores[np.ix_(component, component)], config.link_threshold):
            groups.append(tuple(sorted(ids[component[i]] for i in members)))
    return sorted(groups)


def _profile(
    corpus: Corpus, source_id: str, content: SourceContent | None, *, missing_ok: bool = False
) -> _Profile | None:
    try:
        source = corpus.get_source(source_id)  # raises NotFoundError with a clear message
    except NotFoundError:
        if missing_ok:
            return None
        raise
    content = content or corpus._storage.source_content(source_id)
    if content is None:  # deleted in between
        if missing_ok:
            return None
        raise NotFoundError(f"no source with id {source_id!r}")
    vectors = np.asarray(content.vectors, dtype=np.float32)  # never empty: ingest refuses a text with no sentence
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    names = {
        term
        for claims in content.claims.values()
        for claim in claims
        if isinstance(claim, StatementClaim)
        for term in claim.terms
        if term.startswith(NAME_PREFIXES) and term not in CALENDAR_NAMES
    }
    return _Profile(vectors, mean / norm if norm else mean, frozenset(names), source.published_at)


def _scores(profiles: list[_Profile], config: StoryConfig) -> npt.NDArray[np.float64]:
    """Symmetric pair scores; 0 for pairs blocked by dates or below the candidate floor."""
    n = len(profiles)
    scores = np.zeros((n, n))
    if n < 2:
        return scores
    # A name shared by few of the sources is strong evidence, one shared by all of them none (idf).
    frequency = Counter(name for profile in profiles for name in profile.names)
    idf = {name: math.log(n / count) for name, count in frequency.items()}
    centroids = np.stack([p.centroid for p in profiles])
    for i in range(n - 1):
        closeness = centroids[i + 1 :] @ centroids[i]
        for offset in np.flatnonzero(closeness >= config.candidate_floor).tolist():
            j = i + 1 + offset
            a, b = profiles[i], profiles[j]
            bonus = 0.0
            if a.published_at is not None and b.published_at is not None and config.max_days_apart is not None:
                if abs((a.published_at - b.published_at).days) > config.max_days_apart:
                    continue
                bonus = config.dated_bonus
            similarity = a.vectors @ b.vectors.T
            threshold = config.neighbour_similarity
            coverage = (np.mean(similarity.max(axis=1) >= threshold) + np.mean(similarity.max(axis=0) >= threshold)) / 2
            union = sum(idf[name] for name in a.names | b.names)
            shared = sum(idf[name] for name in a.names & b.names) / union if union else 0.0
            content = (float(closeness[offset]) + float(coverage)) / 2
            scores[i, j] = scores[j, i] = content + config.name_weight * shared + bonus
    return scores


def _components(linked: npt.NDArray[np.bool_]) -> list[list[int]]:
    """Connected components of the link graph (union-find), each a sorted list of indices."""
    parent = list(range(len(linked)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(linked, k=1)), strict=True):
        parent[root(int(i))] = root(int(j))
    components: dict[int, list[int]] = {}
    for i in range(len(linked)):
        components.setdefault(root(i), []).append(i)
    return list(components.values())


def _average_linkage(scores: npt.NDArray[np.float64], threshold: float) -> list[list[int]]:
    """Merge the closest pair of groups (mean cross-pair score) while it is at least ``threshold``.

    Against chaining: a weak pair inside a group lowers the mean, so A-B-C joins only if A and C are close
    enough on average too. Components are small (a story's articles), so the cubic loop costs nothing.
    """
    n = len(scores)
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums = scores.astype(np.float64)  # sums[i, j]: total score between group i and group j
    np.fill_diagonal(sums, -np.inf)
    sizes = np.ones(n)
    while len(groups) > 1:
        mean = sums / np.outer(sizes, sizes)
        dead = [i for i in range(n) if i not in groups]
        mean[dead, :] = -np.inf
        mean[:, dead] = -np.inf
        i, j = (int(k) for k in np.unravel_index(int(np.argmax(mean)), mean.shape))  # first best: deterministic
        if mean[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sums[i, i] = -np.inf
        sizes[i] += sizes[j]
        groups[i].extend(groups.pop(j))
    return list(groups.values())
