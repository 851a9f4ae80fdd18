"""factcheck: cross-check claims across news articles from several outlets."""

from factcheck.check import CheckResult, check_claim
from factcheck.claimreview import claim_review
from factcheck.config import Config, EmbedderConfig, IndexConfig
from factcheck.corpus import Corpus, IngestFailure
from factcheck.embedding import Embedder, create_embedder, register_embedder
from factcheck.errors import (
    ConfigError,
    FactcheckError,
    InputTooLargeError,
    InvalidInputError,
    ModelMismatchError,
    NotFoundError,
    SourceConflictError,
    StorageError,
    UnsupportedFormatError,
)
from factcheck.index import VectorIndex, create_index, register_index
from factcheck.records import IngestResult, IngestStatus, SearchHit, Sentence, Source, SourceInput, Span
from factcheck.report import Report, Topic, build_report
from factcheck.segment import Segmenter
from factcheck.source_verdicts import Evidence, SourceVerdict

__version__ = "0.1.0"

__all__ = [
    "CheckResult",
    "Config",
    "ConfigError",
    "Corpus",
    "Embedder",
    "EmbedderConfig",
    "Evidence",
    "FactcheckError",
    "IndexConfig",
    "IngestFailure",
    "IngestResult",
    "IngestStatus",
    "InputTooLargeError",
    "InvalidInputError",
    "ModelMismatchError",
    "NotFoundError",
    "Report",
    "SearchHit",
    "Segmenter",
    "Sentence",
    "Source",
    "SourceConflictError",
    "SourceInput",
    "SourceVerdict",
    "Span",
    "StorageError",
    "Topic",
    "UnsupportedFormatError",
    "VectorIndex",
    "__version__",
    "build_report",
    "check_claim",
    "claim_review",
    "create_embedder",
    "create_index",
    "register_embedder",
    "register_index",
]
