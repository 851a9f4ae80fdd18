"""The verdict stage is pluggable by name: a registered verifier replaces the typed one by configuration."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from factcheck import Config, ConfigError, Corpus, SourceInput
from factcheck.check import check_claim
from factcheck.claims import Judgement
from factcheck.claims.model import Claim, StatementClaim
from factcheck.embedding import Embedder
from factcheck.verify import create_verifier, register_verifier


class AlwaysConflict:
    """Stands in for a local NLI cross-encoder: says every related sentence contradicts the claim."""

    def judge(
        self,
        claim_text: str,
        parts: Sequence[Claim],
        statements: Sequence[StatementClaim],
        sentence: str,
        sentence_claims: Sequence[Claim],
        similarity: float,
    ) -> list[Judgement]:
        return [Judgement("conflict", f"the stand-in model contradicts: {sentence}", None, None)]


def test_a_registered_verifier_is_chosen_by_configuration(tmp_path: Path, embedder: Embedder) -> None:
    register_verifier("always-conflict", AlwaysConflict)
    config = Config(data_dir=tmp_path, verifier="always-conflict")
    with Corpus.open(config, embedder=embedder) as corpus:
        corpus.ingest(SourceInput(id="a", text="The talks open on Friday in Lindhaven."))
        result = check_claim(corpus, "The talks open on Friday in Lindhaven.")
    assert result.verdict == "conflict"
    assert result.sources[0].evidence[0].reason.startswith("the stand-in model contradicts")


def test_unknown_verifier() -> None:
    with pytest.raises(ConfigError, match="unknown verifier 'nli'"):
        create_verifier("nli")
