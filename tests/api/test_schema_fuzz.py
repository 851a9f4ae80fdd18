"""Property-based fuzzing of the whole OpenAPI description with schemathesis, against the app in-process (ASGI).

Every operation gets schemathesis' examples, coverage (boundary and invalid values of every parameter and
field, undeclared methods) and fuzzing phases, positive and negative, with all of schemathesis' checks: no
server error, responses that match the documented statuses, media types, headers and bodies, invalid data
refused, valid data accepted, writes that need the configured key.

One check is narrowed, not dropped: "valid data accepted" (positive_data_acceptance). A text must contain a
word and no NUL character, a claim and a query more than whitespace, a claim at most 2,000 characters once
whitespace is collapsed; all documented, but JSON Schema cannot state them (its word and space classes are not
Python's). A schema-valid request may therefore get a 422, and is let through only when the input really
breaks one of those rules (:func:`refused_as_documented` re-derives that from the request, not the answer).

The app runs on a private copy of the seeded data directory, with an API key, so generated writes (stored
sources, deletions, reports) never touch another test's data. After the run the stored data must still be
consistent: one vector in the index per stored sentence.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.generation import GenerationMode
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import positive_data_acceptance
from starlette.types import ASGIApp, Receive, Scope, Send

from api.main import create_app
from factcheck import Config, Corpus
from factcheck.check import MAX_CLAIM_CHARS
from factcheck.embedding import Embedder
from factcheck.records import normalize_text
from tests.api.conftest import make_settings

KEY = "fuzz-key"
# Per operation and phase: small enough for the whole module to run in about a minute on two cores. Deeper runs:
# FACTCHECK_FUZZ_EXAMPLES=400 pytest tests/api/test_schema_fuzz.py
MAX_EXAMPLES = int(os.environ.get("FACTCHECK_FUZZ_EXAMPLES", "25"))


class _CurrentApp:
    """A stable ASGI app for the schema that forwards to the app of the running test module.

    Schemathesis binds the app when the tests are collected, before any fixture has built a data directory;
    this forwards lifespan and requests to the app the fixture sets up.
    """

    app: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.app is not None, "the fuzz_app fixture sets the app"
        await self.app(scope, receive, send)


CURRENT = _CurrentApp()
# The description is the app's own (no corpus is opened to build it).
SCHEMA = schemathesis.openapi.from_dict(create_app(make_settings(Path("unused"))).openapi())
SCHEMA.app = CURRENT
SCHEMA.config.generation.update(max_examples=MAX_EXAMPLES)

STATUSES: Counter[tuple[str, int]] = Counter()


@pytest.fixture(scope="module")
def fuzz_data(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(seeded_template, data_dir)
    return data_dir


@pytest.fixture(scope="module")
def fuzz_app(fuzz_data: Path) -> Iterator[None]:
    """Points the schema at a fresh app on the throwaway data directory; stops its lifespan at the end."""
    CURRENT.app = create_app(make_settings(fuzz_data, api_keys=[KEY]))
    try:
        yield
    finally:
        shutdown_lifespans()  # closes the corpus: index checkpointed, write lock released
        CURRENT.app = None
        operations = {operation for operation, _ in STATUSES}
        errors = sum(count for (_, status), count in STATUSES.items() if status >= 500)
        print(f"\nschemathesis: {len(operations)} operations, {STATUSES.total()} requests, {errors} server errors")
        for (operation, status), count in sorted(STATUSES.items()):
            print(f"  {operation:<34} {status}  {count}")


@SCHEMA.parametrize()
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_no_operation_fails_on_generated_input(case: schemathesis.Case, fuzz_app: None) -> None:
    # The key in both documented headers: schemathesis' auth check removes them or sends wrong ones and expects
    # a 401 or 403 for the writes.
    headers = {"X-API-Key": KEY, "Authorization": f"Bearer {KEY}"}
    response = case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
    STATUSES[(case.operation.label, response.status_code)] += 1
    meta = case.meta
    if meta is not None and meta.generation.mode is GenerationMode.POSITIVE and not refused_as_documented(case):
        case.validate_response(response, headers=headers, checks=[positive_data_acceptance])


_WORD = re.compile(r"\w")


def refused_as_documented(case: schemathesis.Case) -> bool:
    """Whether the request breaks a documented rule on text that JSON Schema cannot express."""
    body = case.body if isinstance(case.body, dict) else {}
    if case.operation.label == "POST /v1/sources" and isinstance(body.get("text"), str):
        text = normalize_text(body["text"])
        return "\x00" in text or not _WORD.search(text)
    if case.operation.label == "POST /v1/claims/check" and isinstance(body.get("claim"), str):
        claim = " ".join(body["claim"].split())
        return not 1 <= len(claim) <= MAX_CLAIM_CHARS
    if case.operation.label == "POST /v1/sources/file":
        # The file is the raw body, described in words (no schema): what is generated carries no article, so
        # 400 (no article) or 415 (a name without a readable extension) is the documented answer. No 5xx still.
        return True
    if case.operation.label == "GET /v1/search" and isinstance((case.query or {}).get("q"), str):
        return not case.query["q"].strip()
    return False


def test_the_fuzzed_data_is_still_consistent(fuzz_app: None, fuzz_data: Path, embedder: Embedder) -> None:
    """Runs after the fuzz tests of this module: what they stored is whole, and they reached every operation."""
    shutdown_lifespans()  # the fuzzed app holds the data directory's write lock until its lifespan ends
    with Corpus.open(Config(data_dir=fuzz_data), embedder=embedder) as corpus:
        assert len(corpus.index) == corpus.count_sentences() == sum(s.sentence_count for s in corpus.list_sources())
    if STATUSES:  # empty when only this test was selected
        reached = {operation for operation, _ in STATUSES}
        assert reached == {operation.label for operation in _operations()}, reached
        assert not [key for key in STATUSES if key[1] >= 500], STATUSES
        # Valid generated sources were stored: the run exercised the write path, not only the validation.
        assert STATUSES[("POST /v1/sources", 201)] > 0, STATUSES


def _operations() -> list[schemathesis.APIOperation]:
    return [result.ok() for result in SCHEMA.get_all_operations()]
