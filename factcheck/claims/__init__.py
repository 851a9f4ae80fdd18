"""Typed claims: extraction from sentences, and comparison of claims that speak of the same slot."""

# First, before any module that imports spaCy: see spacy_import for why.
import factcheck.claims.spacy_import  # noqa: F401
from factcheck.claims.compare import Judgement, compare
from factcheck.claims.extract import ClaimExtractor, create_extractor, register_extractor
from factcheck.claims.model import (
    Attribution,
    Claim,
    GroupClaim,
    PlaceClaim,
    QuantityClaim,
    RoleClaim,
    StatementClaim,
    TimeClaim,
)

__all__ = [
    "Attribution",
    "Claim",
    "ClaimExtractor",
    "GroupClaim",
    "Judgement",
    "PlaceClaim",
    "QuantityClaim",
    "RoleClaim",
    "StatementClaim",
    "TimeClaim",
    "compare",
    "create_extractor",
    "register_extractor",
]
