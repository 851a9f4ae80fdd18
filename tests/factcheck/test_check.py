"""check_claim end to end: real model, real FAISS, real spaCy, on the project's example articles."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from factcheck import Config, Corpus, InvalidInputError, NotFoundError, SourceInput, SourceVerdict
from factcheck.check import CheckResult, check_claim
from factcheck.check_candidates import clause_around
from factcheck.claims.model import Claim, StatementClaim
from factcheck.cli import main
from factcheck.config import VerifierModelConfig
from factcheck.embedding import Embedder
from factcheck.render import format_result, result_json
from factcheck.sources import read_path
from tests.factcheck.test_claimreview import assert_valid_claim_review

OUTLETS = ["harbor-daily", "northern-ledger", "radio-meridian"]


def ingest_paths(corpus: Corpus, paths: list[Path]) -> None:
    sources = [s for p in paths for s in read_path(p, max_file_bytes=1 << 20, max_source_chars=1 << 20)]
    list(corpus.ingest_many(sources))  # type: ignore[arg-type]


def check_one_source(
    tmp_path: Path, embedder: Embedder, text: str, claim: str, verifier_model: VerifierModelConfig | None = None
) -> CheckResult:
    """A claim checked against one source made of ``text`` (with the verifier's settings, if given)."""
    config = Config(data_dir=tmp_path, verifier_model=verifier_model or VerifierModelConfig())
    with Corpus.open(config, embedder=embedder) as corpus:
        corpus.ingest(SourceInput(id="only", text=text))
        return check_claim(corpus, claim)


def read_in_one_source(tmp_path: Path, embedder: Embedder, text: str, claim: str) -> SourceVerdict:
    """The verdict of a claim checked against one source made of ``text``, whose sentence was read: a verdict
    that says nothing was read would pass any "not conflict" assertion."""
    (found,) = check_one_source(tmp_path, embedder, text, claim).sources
    assert found.evidence and found.evidence[0].sentence == text
    return found


class RecordingVerifier:
    """Plumbing only: P(entailment) from ``rule(premise, hypothesis)``, the rest neutral; every batch recorded."""

    def __init__(self, rule: Callable[[str, str], float]) -> None:
        self.rule = rule
        self.calls: list[list[tuple[str, str]]] = []

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        self.calls.append(list(pairs))
        rows = [[p, 1.0 - p, 0.0] for p in (self.rule(premise, hypothesis) for premise, hypothesis in pairs)]
        return np.array(rows, dtype=np.float32).reshape(len(pairs), 3)


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, examples_dir: Path) -> Iterator[Corpus]:
    with Corpus.open(Config(data_dir=tmp_path_factory.mktemp("check")), embedder=embedder) as corpus:
        ingest_paths(corpus, sorted(examples_dir.iterdir()))
        yield corpus


def test_every_source_gets_a_verdict_with_evidence_and_reasons(examples: Corpus) -> None:
    result = check_claim(examples, "The UN says 63 people have been killed in the floods since March 1.")
    assert result.verdict == "mixed"  # radio-meridian reports 81
    by_source = {s.source_id: s for s in result.sources}
    assert sorted(by_source) == OUTLETS
    assert by_source["northern-ledger"].verdict == by_source["harbor-daily"].verdict == "agree"
    assert by_source["radio-meridian"].verdict == "conflict"
    for source in result.sources:
        assert source.evidence and source.reason
        for evidence in source.evidence:
            text = examples.get_source(source.source_id).text
            assert text[evidence.start : evidence.end] == evidence.sentence
            assert evidence.reason and evidence.verdict in {"agree", "conflict", "unverified"}
        decisive = source.evidence[0]
        assert decisive.highlight_start is not None and decisive.highlight_end is not None
        assert (
            "63" in text[decisive.highlight_start : decisive.highlight_end]
            or "81" in text[decisive.highlight_start : decisive.highlight_end]
        )
    conflict = by_source["radio-meridian"].evidence[0]
    assert "63" in conflict.reason and "81" in conflict.reason


def test_restricting_sources_and_unknown_sources(examples: Corpus) -> None:
    result = check_claim(examples, "Pavel Ostrovsky heads the Kastavian delegation.", source_ids=["radio-meridian"])
    assert [s.source_id for s in result.sources] == ["radio-meridian"]
    assert result.verdict == "conflict"
    assert "Sarkan" in result.sources[0].evidence[0].reason
    with pytest.raises(NotFoundError, match="nope"):
        check_claim(examples, "anything", source_ids=["nope"])
    with pytest.raises(InvalidInputError, match="empty"):
        check_claim(examples, "   ")
    with pytest.raises(InvalidInputError, match="limit"):
        check_claim(examples, "word " * 1000)


def test_unrelated_claims_stay_unverified(examples: Corpus) -> None:
    result = check_claim(examples, "The central bank raised interest rates by half a point on Monday.")
    assert result.verdict == "unverified"
    assert all(s.verdict == "unverified" for s in result.sources)
    # every source still shows its closest sentence and says why nothing decides
    assert all(s.evidence and s.reason.startswith("nothing in the source decides") for s in result.sources)


def test_renderings(examples: Corpus) -> None:
    result = check_claim(examples, "More than 1,200 people were evacuated from Velmar city")
    text = format_result(result)
    assert "Verdict: AGREE" in text and ">>" in text and "<<" in text
    data = result_json(result)
    assert data["verdict"] == "agree" and data["claim"]["parts"][0]["kind"] == "quantity"
    json.dumps(data)  # serialisable as is


def test_cli_check(tmp_path: Path, examples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    assert main(["ingest", str(examples_dir), "--data-dir", data]) == 0
    capsys.readouterr()
    assert main(["check", "Dravenia's team is led by Yevgeny Gaidarenko", "--json", "--data-dir", data]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["verdict"] == "agree" and {s["verdict"] for s in body["sources"]} == {"agree"}
    claim = "Dravenia's team is led by Yevgeny Gaidarenko"
    assert main(["check", claim, "--format", "json", "--data-dir", data]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "agree"
    assert main(["check", claim, "--format", "claimreview", "--data-dir", data]) == 0
    review = json.loads(capsys.readouterr().out)
    assert_valid_claim_review(review)
    assert review["claimReviewed"] == claim and review["reviewRating"]["alternateName"] == "Supported by the sources"
    publishers = {c["identifier"]: c["publisher"]["name"] for c in review["citation"]}
    assert publishers == {
        "harbor-daily": "Harbor Daily",
        "northern-ledger": "The Northern Ledger",
        "radio-meridian": "Radio Meridian",
    }
    assert main(["check", claim, "--data-dir", data]) == 0
    assert capsys.readouterr().out.startswith(f"Claim: {claim}\n")  # the default stays the text rendering
    assert main(["check", "x", "--sources", "missing", "--data-dir", data]) == 1
    assert "no source with id 'missing'" in capsys.readouterr().err


def _sentences(corpus: Corpus, source_id: str) -> list[str]:
    return [s.text for s in corpus._storage.source_sentences(source_id)]


def test_two_tellings_of_the_same_story_never_conflict(examples: Corpus) -> None:
    """Every sentence of one consistent outlet, checked against the other, finds no conflict."""
    false_conflicts = [
        (claim, result.sources[0].evidence[0].reason)
        for claim in _sentences(examples, "northern-ledger")
        if (result := check_claim(examples, claim, source_ids=["harbor-daily"])).verdict not in {"agree", "unverified"}
    ]
    assert false_conflicts == []


def test_seed_pair_reports_no_conflicts(seed_sources: list[SourceInput], tmp_path: Path, embedder: Embedder) -> None:
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        list(corpus.ingest_many(seed_sources))
        a, b = (s.id for s in seed_sources)
        false_conflicts = [
            (claim, result.sources[0].evidence[0].reason)
            for source, other in ((a, b), (b, a))
            for claim in _sentences(corpus, source)
            if (result := check_claim(corpus, claim, source_ids=[other])).verdict not in {"agree", "unverified"}
        ]
    assert false_conflicts == []


@pytest.mark.parametrize(
    "claim",
    [
        "!!!",
        "12",
        "more than",
        "\U0001f600 talks \U0001f600",
        "Mr.",
        "\u201c\u201d",
        "On 31 February the talks begin",
        "10:99 talks",
        "According to",
        "1e9 people died",
        "\x00 null",
        "\u041e\u043d \u0441\u043a\u0430\u0437\u0430\u043b",
        "<script>alert(1)</script>",
    ],
)
def test_odd_claims_never_raise_and_decide_nothing(examples: Corpus, claim: str) -> None:
    result = check_claim(examples, claim)
    assert result.verdict == "unverified"
    assert len(result.sources) == 3


def test_a_range_written_high_to_low_is_the_same_range(examples: Corpus) -> None:
    """ "between 50 and 40" was read as no figure, and the verifier then read "between 40 and 50 people were still
    missing" as stating the deaths; it is the span 40-50, and the articles' death tolls (63, 81) rule it out."""
    result = check_claim(examples, "between 50 and 40 people died")
    assert {s.verdict for s in result.sources} == {"conflict"}
    assert all(any(fig in s.evidence[0].sentence for fig in ("63", "81")) for s in result.sources)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, examples_dir: Path) -> Iterator[Corpus]:
    """The example articles among more unrelated sources than EVERY_SOURCE_LIMIT."""
    from factcheck import SourceInput
    from factcheck.check_candidates import EVERY_SOURCE_LIMIT

    topics = ["a bakery opened a second shop", "the choir sang at the harvest fair", "a cyclist won a hill race"]
    with Corpus.open(Config(data_dir=tmp_path_factory.mktemp("crowded")), embedder=embedder) as corpus:
        ingest_paths(corpus, sorted(examples_dir.iterdir()))
        unrelated = [
            SourceInput(id=f"local-{n:02d}", text=f"In village number {n}, {topics[n % 3]} on a sunny morning.")
            for n in range(EVERY_SOURCE_LIMIT + 5)
        ]
        list(corpus.ingest_many(unrelated))
        yield corpus


def test_a_large_corpus_lists_the_sources_near_the_claim_and_counts_the_rest(crowded: Corpus) -> None:
    result = check_claim(crowded, "The UN says 63 people have been killed in the floods since March 1.")
    listed = {s.source_id for s in result.sources}
    assert set(OUTLETS) <= listed  # every outlet that reports the toll is judged
    assert result.verdict == "mixed"
    assert len(listed) + result.unlisted_sources == crowded.count_sources()
    assert result.unlisted_sources > 0  # unrelated village news is counted, not listed
    assert all(s.verdict == "unverified" for s in result.sources if s.source_id.startswith("local-"))
    assert f"{result.unlisted_sources:,} other sources" in format_result(result)
    assert result_json(result)["unlisted_sources"] == result.unlisted_sources


def test_named_sources_are_all_listed_however_large_the_corpus(crowded: Corpus) -> None:
    named = ["local-00", "local-01", *OUTLETS]
    result = check_claim(crowded, "The UN says 63 people have been killed in the floods.", source_ids=named)
    assert [s.source_id for s in result.sources] == named
    assert result.unlisted_sources == 0


def test_a_source_found_only_by_a_slot_is_listed_when_that_slot_decides(
    tmp_path: Path, embedder: Embedder, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a large corpus a claim's slot ("people killed", "who heads the delegation") holds sentences of other
    stories: a source reached only that way is listed when its sentence decides the claim, counted otherwise."""
    import factcheck.check as check_module
    import factcheck.check_candidates as candidates_module

    monkeypatch.setattr(check_module, "EVERY_SOURCE_LIMIT", 3)
    monkeypatch.setattr(candidates_module, "EVERY_SOURCE_LIMIT", 3)  # the nearest 3 sentences (top_k 1) by meaning
    other = {
        "almanac": "The bakery in the old market square reopened after the harvest fair. A storm in 1998 killed 2 "
        "people in the valley, the almanac recalls. The choir sang until midnight.",
        "fair": "The harvest fair opened with a parade of tractors. Pavel Ostrovsky, who heads the Kastavian "
        "delegation, cut the ribbon and tasted the cheese. The choir sang until midnight.",
    }
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        ingest_paths(corpus, sorted(examples_dir.iterdir()))
        for source_id, text in other.items():
            corpus.ingest(SourceInput(id=source_id, text=text))
        toll = check_claim(corpus, "The UN says 63 people have been killed in the floods since March 1.", top_k=1)
        head = check_claim(corpus, "Pavel Ostrovsky heads the Kastavian delegation.", top_k=1)
        total = corpus.count_sources()
    # the almanac's storm toll shares the slot but is another story: judged, decides nothing, not listed
    assert "almanac" not in {s.source_id for s in toll.sources}
    assert toll.verdict == "mixed" and {s.source_id for s in toll.sources if s.verdict != "unverified"} >= set(OUTLETS)
    assert len(toll.sources) + toll.unlisted_sources == total
    # the fair report names the head of the delegation: it confirms the claim, so it is listed with that sentence
    (fair,) = [s for s in head.sources if s.source_id == "fair"]
    assert fair.verdict == "agree" and "Ostrovsky, who heads the Kastavian delegation" in fair.evidence[0].sentence
    assert len(head.sources) + head.unlisted_sources == total


def test_a_crowded_slot_judges_its_most_similar_sentences(examples: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """With room for one slot match only, the kept one is the closest in meaning: verdicts still come out."""
    import factcheck.check_candidates as candidates_module

    monkeypatch.setattr(candidates_module, "SLOT_CANDIDATES", 1)
    result = check_claim(examples, "Pavel Ostrovsky heads the Kastavian delegation.", top_k=1)
    assert result.verdict in {"conflict", "mixed"}


def test_clause_around_a_claim() -> None:
    sentence = "Floods have killed 81 people, the UN says, and cover a roughly 300-km (186-mile) stretch of river."
    start = sentence.index("roughly")
    end = sentence.index(" stretch")
    assert clause_around(sentence, start, end) == "and cover a roughly 300-km (186-mile) stretch of river"
    figure = sentence.index("81")
    assert clause_around(sentence, figure, figure + 2) == "Floods have killed 81 people"
    assert clause_around("One, 1,200, two", 5, 10) == "1,200"  # commas inside numbers are no boundaries


def test_a_figure_in_a_long_sentence_is_judged_by_its_clause(tmp_path: Path, embedder: Embedder) -> None:
    """A sentence carrying several facts is only loosely similar to a claim about one of them: the clause that
    holds the contradicting figure decides whether it is the same story."""
    text = (
        "The fighting has killed thousands of soldiers on both sides and more than 3,000 Kastavian villagers, "
        "according to the UN, and continues along a roughly 400-kilometre (250-mile) frontier."
    )
    result = check_one_source(tmp_path, embedder, text, "The frontier runs for some 700 kilometres.")
    (evidence,) = [e for e in result.sources[0].evidence if e.verdict == "conflict"]
    assert evidence.similarity < 0.45  # below the same-story gate as a whole sentence
    assert "the clause \u201cand continues along a roughly 400-kilometre (250-mile) frontier\u201d" in evidence.reason
    assert result.verdict == "conflict"


def test_prepare_checks_loads_what_a_check_reads(examples: Corpus) -> None:
    """The service calls it before declaring readiness: the first check then costs what every other one does."""
    from factcheck.check import prepare_checks
    from factcheck.claims import gazetteer
    from factcheck.pair_verifier import shared_verifier

    gazetteer._cities.cache_clear()
    gazetteer._regions.cache_clear()
    prepare_checks(examples)
    assert gazetteer._cities.cache_info().currsize == gazetteer._regions.cache_info().currsize == 1
    assert shared_verifier.cache_info().currsize >= 1


def test_the_verifier_does_not_agree_where_typed_comparison_found_the_figure_undecided(
    tmp_path: Path, embedder: Embedder, examples_dir: Path
) -> None:
    """ "More than 1,200 people were evacuated ... and tens of thousands have been displaced" neither confirms nor
    rules out "tens of thousands were evacuated"; the verifier reads it as entailment, and may agree where typed
    comparison found nothing comparable, but not where it read the figure and found it undecided."""
    from factcheck.config import VerifierModelConfig
    from factcheck.pair_verifier import ENTAILMENT, shared_verifier

    claim = "Tens of thousands of people were evacuated from Velmar city overnight."
    sentence = next(
        line
        for line in (examples_dir / "northern-ledger.md").read_text(encoding="utf-8").replace(". ", ".\n").splitlines()
        if "evacuated from low-lying districts" in line
    ).strip()
    entailment = float(shared_verifier(None).probabilities([(sentence, claim)])[0][ENTAILMENT])
    assert entailment >= 0.5  # the verifier alone would agree: the rule below is what keeps the answer
    lenient = VerifierModelConfig(agree_typed=min(0.95, entailment - 0.01))
    config = Config(data_dir=tmp_path, verifier_model=lenient)
    with Corpus.open(config, embedder=embedder) as corpus:
        ingest_paths(corpus, [examples_dir / "northern-ledger.md"])
        result = check_claim(corpus, claim)
    (source,) = result.sources
    assert source.verdict == "unverified"
    read = [e for e in source.evidence if e.sentence == sentence]
    assert read and read[0].similarity >= 0.8  # the sentence was read, and decided nothing


def test_a_post_held_then_is_not_agreed_as_a_post_held_now(tmp_path: Path, embedder: Embedder) -> None:
    """ "Ivo Petrak, then the deputy director of the Velmar Agency" does not state that he is its director, whatever
    the verifier reads (it reads the one as stating the other); the reason says what was read."""
    from factcheck.pair_verifier import ENTAILMENT, shared_verifier

    text = "Ivo Petrak, then the deputy director of the Velmar Agency, wrote the memo in March."
    claim = "Ivo Petrak is the director of the Velmar Agency."
    entailment = float(shared_verifier(None).probabilities([(text, claim)])[0][ENTAILMENT])
    (source,) = check_one_source(tmp_path, embedder, text, claim).sources
    assert source.verdict == "unverified", (entailment, source.reason)
    assert source.reason.startswith("the source does not decide the claim: claim says Ivo Petrak is director")
    assert "deputy director" in source.reason
    assert source.evidence[0].sentence == text  # the sentence was read, and its post found another


_COUNCIL_REPORT = (
    "Mayor Lena Ortiz, 61, built her following during a long run of 214 neighbourhood-style forums across "
    "Dunmore County. Councillor Ada Morrow pledged to repay the $12,500 in public money spent on the trip. The "
    "council meets again in the spring."
)


@pytest.mark.parametrize(
    ("claim", "sentence_starts", "verdict"),
    [
        # The figure stated in words, the counted thing named otherwise: no typed slot is shared, the verifier
        # reads the sentence as stating the claim, and the figure it states is the claim's.
        ("Lena Ortiz held 214 neighbourhood forums across Dunmore County.", "Mayor Lena Ortiz", "agree"),
        # The same figure, but promised, not done.
        pytest.param(
            "Ada Morrow has repaid the $12,500.",
            "Councillor Ada Morrow",
            "unverified",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known weakness of the verifier (models/verifier/MODEL_CARD.md): since its cross-outlet "
                "stage it reads 'pledged to repay the $12,500' as stating 'has repaid the $12,500' at 0.95, above "
                "agree_typed, and the sentence holds no typed claim that tells a pledge from a repayment",
            ),
        ),
    ],
)
def test_a_sentence_stating_the_claims_figures_in_words_agrees_only_as_a_fact_of_its_own(
    tmp_path: Path, embedder: Embedder, claim: str, sentence_starts: str, verdict: str
) -> None:
    from factcheck.pair_verifier import ENTAILMENT, shared_verifier

    result = check_one_source(tmp_path, embedder, _COUNCIL_REPORT, claim)
    (source,) = result.sources
    read = [e for e in source.evidence if e.sentence.startswith(sentence_starts)]
    assert read, "the sentence stating the figure was read"
    # The verifier alone reads every one of these as the claim: the verdict is the rule's.
    assert float(shared_verifier(None).probabilities([(read[0].sentence, claim)])[0][ENTAILMENT]) >= 0.85
    assert source.verdict == verdict
    if verdict == "agree":
        assert read[0].verdict == "agree" and "214" in read[0].reason


@pytest.mark.parametrize(
    ("claim", "sentence", "stated"),
    [
        ("Ortiz held 214 forums.", "Mayor Ortiz, 61, built her name in a run of 214 town-style forums.", True),
        ("Ada Morrow has repaid the $12,500.", "Ada Morrow pledged to repay the $12,500 spent on the trip.", False),
        (
            "The firm's tax rate was 30 percent.",
            "Ortiz said her rate was 36 percent and the firm's rate was 30 percent.",
            False,
        ),
        (
            "Ortiz said the firm's rate was 30 percent.",
            "Ortiz said her rate was 36 percent and the firm's rate was 30 percent.",
            True,
        ),
        ("The firm's tax rate was 30 percent.", "The firm's tax rate was 31 percent.", False),
    ],
)
def test_a_sentence_states_the_claims_figures_as_a_fact_of_its_own(claim: str, sentence: str, stated: bool) -> None:
    from factcheck.sentence_tells import states_figures

    parts, statements, sentence_claims = _read_pair(claim, sentence)
    assert states_figures(claim, parts, statements, sentence, sentence_claims) is stated


def _read_pair(claim: str, sentence: str) -> tuple[list[Claim], list[StatementClaim], list[Claim]]:
    """The claim's typed parts and statements, and the sentence's claims, as a check reads them."""
    from factcheck.claims import create_extractor

    claim_claims, sentence_claims = create_extractor("spacy").extract([claim, sentence])
    parts = [c for c in claim_claims if not isinstance(c, StatementClaim)]
    statements = [c for c in claim_claims if isinstance(c, StatementClaim)]
    return parts, statements, sentence_claims


@pytest.mark.parametrize(
    ("claim", "sentence", "stated"),
    [
        # the claim's day, told alike, in a sentence wording the act otherwise
        (
            "Mayor Ortiz presented her budget offer to the council on Saturday.",
            "Mayor Ortiz shifted course on Saturday and offered the council a budget deal.",
            True,
        ),
        (
            "Mayor Ortiz presented her budget offer to the council on Saturday.",
            "Mayor Ortiz shifted course on Friday and offered the council a budget deal.",
            False,
        ),
        # the day of a saying is not the day of what is said beside it
        (
            "Mayor Ortiz told reporters on Sunday that the budget would be cut.",
            "Mayor Ortiz told reporters that the budget would be cut after the audit was released Sunday.",
            False,
        ),
        # a figure of the claim the sentence does not give
        (
            "Mayor Ortiz offered the council 12 new posts on Saturday.",
            "Mayor Ortiz offered the council 15 new posts on Saturday.",
            False,
        ),
        ("Mayor Ortiz offered the council a deal.", "Mayor Ortiz offered the council a deal on Saturday.", False),
    ],
)
def test_a_sentence_states_the_claims_days(claim: str, sentence: str, stated: bool) -> None:
    from factcheck.sentence_tells import states_days

    parts, statements, sentence_claims = _read_pair(claim, sentence)
    assert states_days(parts, statements, sentence, sentence_claims) is stated


def test_another_doer_of_the_act_is_a_conflict_with_its_sentence(tmp_path: Path, embedder: Embedder) -> None:
    text = (
        "Ivo Petrak was sworn in as mayor of Strenna on Monday. The oath was administered by Judge Ana Roal in the "
        "council chamber. Petrak thanked the voters."
    )
    result = check_one_source(tmp_path, embedder, text, "Judge Marta Selin administered the oath to Ivo Petrak.")
    (source,) = result.sources
    assert source.verdict == "conflict"
    (deciding,) = [e for e in source.evidence if e.verdict == "conflict"]
    assert deciding.sentence.startswith("The oath was administered by Judge Ana Roal")
    assert "Marta Selin administered the oath" in deciding.reason and "Ana Roal" in deciding.reason


def test_a_sentence_about_he_is_read_as_about_the_person_named_before(tmp_path: Path, embedder: Embedder) -> None:
    text = (
        "Ivo Petrak spoke briefly to reporters outside the court in Strenna on Monday. He was the fourth official "
        "charged in the inquiry into the port contracts. The trial is due to open in May."
    )
    claim = "Ivo Petrak was the fourth official charged in the port contracts inquiry."
    result = check_one_source(tmp_path, embedder, text, claim)
    (source,) = result.sources
    assert source.verdict == "agree"
    (deciding,) = [e for e in source.evidence if e.verdict == "agree"]
    assert deciding.sentence.startswith("He was the fourth official")  # shown as written


@pytest.mark.parametrize(
    ("claim", "covered"),
    [
        ("Twelve people died in the floods.", True),  # the figure records the act ("died" -> killed)
        ("The talks begin in Lindhaven on Monday.", True),  # the verb frames the event whose place and time are parts
        ("Ivo Sarkan heads the Kastavian delegation.", True),  # who heads a group
        ("Mirela Vasko is the interior minister.", True),  # a copula: the role is the claim
        # a verb the post is read from says no more than the post
        ("Mirela Vasko serves as president of the Velmar Tenants Union.", True),
        ("Mirela Vasko currently holds the post of interior minister.", True),
        # a post in apposition beside another verb of serving ("with", not "as"): the verb says more
        ("Mirela Vasko, the officer who found him, serves with the Lindhaven county police.", False),
        # the time of serving is not the post served in
        ("In the 1990s Mirela Vasko served as enforcement chief at the Velmar Securities Commission.", False),
        # A role agreeing says nothing of what its holder does: the sentence has to be read for that.
        ("Interior minister Mirela Vasko will miss the Lindhaven talks.", False),
        ("Senate leader Ivo Petrak met with Sarkan.", False),
    ],
)
def test_typed_parts_cover_a_claim_only_when_its_verb_says_no_more_than_they_do(
    examples: Corpus, claim: str, covered: bool
) -> None:
    from factcheck.check import _covered

    claims = examples.extractor.extract([claim])[0]
    parts = [c for c in claims if not isinstance(c, StatementClaim)]
    statements = [c for c in claims if isinstance(c, StatementClaim)]
    assert parts and statements, claims  # what was read: typed parts and the sentence's statement
    assert all(_covered(s, parts) for s in statements) is covered


def test_a_figure_counting_something_else_is_not_the_verifiers_to_confirm(
    tmp_path: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The typed comparison reads "five civilians" as another count than "five soldiers": however surely a verifier
    reads the sentence as stating the claim (a stand-in that entails everything), the source does not agree."""
    import factcheck.trained_verdict

    stand_in = RecordingVerifier(lambda _sentence, _claim: 0.97)
    monkeypatch.setattr(factcheck.trained_verdict, "shared_verifier", lambda _directory=None: stand_in)
    text = (
        "At least five civilians were killed and 29 injured in the past day in the Velmar region, according to "
        "regional authorities."
    )
    claim = "At least five Dravenian soldiers were killed in the past day, according to regional authorities."
    (source,) = check_one_source(tmp_path, embedder, text, claim).sources
    assert stand_in.calls, "the verifier read the sentence"
    assert source.evidence[0].sentence == text
    assert source.verdict == "unverified"


def test_a_margin_in_percentage_points_is_compared_with_a_margin_only(tmp_path: Path, embedder: Embedder) -> None:
    claim = "Ivo Petrak won the Velmar mayoral election by 26 percentage points."
    told = "Ivo Petrak won the Velmar mayoral election in May by {}."
    expected = {"36 percentage points": "conflict", "26 percentage points": "agree"}
    for number, (margin, verdict) in enumerate(expected.items()):
        (source,) = check_one_source(tmp_path / str(number), embedder, told.format(margin), claim).sources
        assert source.verdict == verdict, margin
        assert f"source says {margin}" in source.evidence[0].reason
    # a share of the vote is another figure than a margin
    share = told.format("with 36 percent of the vote").replace(" by with", " with")
    (source,) = check_one_source(tmp_path / "share", embedder, share, claim).sources
    assert source.evidence and source.evidence[0].sentence == share  # the sentence was read
    assert source.verdict == "unverified"


def test_a_sum_told_under_another_noun_that_writes_what_it_pays_for_agrees(tmp_path: Path, embedder: Embedder) -> None:
    """ "a demand for $2.5 million in funding for a wall" tells the sum of "$2.5 million for a harbour wall": the
    typed comparison reads the sum as the demand's, the sentence writes the wall too, and the verifier reads the
    rest. The same sum for something else is not the claim's."""
    claim = "Mayor Ivo Petrak had been demanding $2.5 million for a harbour wall."
    told = "The Velmar council was split by Mayor Ivo Petrak's demand for $2.5 million in funding for {}."
    wall, buses = told.format("a wall along the harbour"), told.format("new school buses")
    (source,) = check_one_source(tmp_path / "wall", embedder, wall, claim).sources
    assert source.verdict == "agree"
    assert source.evidence[0].sentence == wall
    (source,) = check_one_source(tmp_path / "buses", embedder, buses, claim).sources
    assert source.evidence and source.evidence[0].sentence == buses  # the sentence was read
    assert source.verdict == "unverified"


def test_within_a_year_is_a_length_told_against_two_years(tmp_path: Path, embedder: Embedder) -> None:
    claim = "Mayor Ivo Petrak pledged to repave every Velmar street within two years."
    told = "Mayor Ivo Petrak pledged on Monday to repave every Velmar street within {}."
    for number, (length, verdict) in enumerate([("a year", "conflict"), ("two years", "agree")]):
        (source,) = check_one_source(tmp_path / str(number), embedder, told.format(length), claim).sources
        assert source.evidence[0].sentence == told.format(length)
        assert source.verdict == verdict, length


RATE = (
    "Velmar's jobless rate rose 5 percent to 45 percent last year, the statistics office said. "
    "The office blamed the closure of the Kastavia steel works."
)


@pytest.mark.parametrize(
    ("claim", "verdict", "figure"),
    [
        ("Velmar's jobless rate rose to 45 percent last year.", "agree", "45 percent"),
        ("Velmar's jobless rate was 30 percent last year.", "conflict", "45 percent"),
        ("Velmar's jobless rate rose to 5 percent last year.", "conflict", "45 percent"),
        ("Velmar's jobless rate rose by 5 percent last year.", "agree", "5 percent"),
    ],
)
def test_a_change_and_the_level_it_reached_are_compared_each_with_its_kind(
    tmp_path: Path, embedder: Embedder, claim: str, verdict: str, figure: str
) -> None:
    """ "rose 5 percent to 45 percent" is neither the range 5-45 nor a level of 5 percent."""
    (source,) = check_one_source(tmp_path, embedder, RATE, claim).sources
    assert source.verdict == verdict
    assert f"source says {figure} jobless rate" in source.reason


DESCRIBED = (
    "Ivo Petrak refused to quit the Strenna council race on Monday. The Republican councillor is facing a 5 p.m. "
    "deadline to withdraw, after which he would need a court order to leave the ballot."
)
COMMITTEE = (
    "Ana Vasko, the top member of the Strenna Budget Committee, said on Sunday that the panel had begun an inquiry "
    "into the harbour contracts."
)
HARBOUR_INQUIRY = "Ana Vasko said the Strenna {} Committee had begun an inquiry into the harbour contracts."


@pytest.mark.parametrize(
    ("text", "claim", "read", "verdict"),
    [
        # "The Republican councillor" is Ivo Petrak, named as the subject of the sentence before (claims.referents)
        (
            DESCRIBED,
            "Ivo Petrak faced a 6 p.m. deadline to withdraw from the race.",
            "The Republican councillor",
            "conflict",
        ),
        (
            DESCRIBED,
            "Ivo Petrak faced a 5 p.m. deadline to withdraw from the race.",
            "The Republican councillor",
            "agree",
        ),
        # the verifier reads "the Strenna Harbour Committee" as stated by "the Strenna Budget Committee" (contrast.py)
        (COMMITTEE, HARBOUR_INQUIRY.format("Harbour"), COMMITTEE, "unverified"),
        (COMMITTEE, HARBOUR_INQUIRY.format("Budget"), COMMITTEE, "agree"),
    ],
)
def test_who_a_sentence_tells_of_is_read_as_its_article_and_its_names_say(
    tmp_path: Path, embedder: Embedder, text: str, claim: str, read: str, verdict: str
) -> None:
    (found,) = check_one_source(tmp_path, embedder, text, claim).sources
    assert found.evidence[0].sentence.startswith(read)  # the sentence was read
    assert found.verdict == verdict


@pytest.mark.parametrize(
    ("text", "claim", "verdict"),
    [
        # a dozen is twelve, qualified as any figure: "about a dozen" holds eleven, "about two dozen" is no "about two"
        (
            "Eleven people were injured in the Velmar blast.",
            "About a dozen people were injured in the Velmar blast.",
            "agree",
        ),
        (
            "About two people were injured in the Velmar blast.",
            "About two dozen people were injured in the Velmar blast.",
            "conflict",
        ),
        # a clock time with its zone and a conversion in parentheses is the same time, not the word "time"
        (
            "The Velmar council meeting starts at 10:00 local time (08:00 GMT) on Thursday.",
            "The Velmar council meeting starts at 10:00 on Thursday.",
            "agree",
        ),
    ],
)
def test_vague_amounts_and_times_with_zones_read_as_an_editor_does(
    tmp_path: Path, embedder: Embedder, text: str, claim: str, verdict: str
) -> None:
    (source,) = check_one_source(tmp_path, embedder, text, claim).sources
    assert source.evidence and source.evidence[0].sentence == text
    assert source.verdict == verdict, source.reason


def test_a_time_is_compared_in_a_sentence_that_leaves_the_claims_person_to_its_article(
    tmp_path: Path, embedder: Embedder
) -> None:
    claim = "The judge scheduled Petrak's sentencing hearing for June 18."
    about_petrak = (
        "Former Strenna mayor Ivo Petrak pleaded guilty on Tuesday to taking bribes from port contractors. "
        "Sentencing has been set for June 28. His lawyer said he regretted his conduct."
    )
    (source,) = check_one_source(tmp_path / "petrak", embedder, about_petrak, claim).sources
    assert source.verdict == "conflict"
    (deciding,) = [e for e in source.evidence if e.verdict == "conflict"]
    assert deciding.sentence == "Sentencing has been set for June 28."
    assert "June 28" in deciding.reason and "does not name Petrak; its article does" in deciding.reason
    # an article that never names Petrak tells of someone else's sentencing
    about_another = (
        "Former Strenna councillor Ana Vasko pleaded guilty on Tuesday to taking bribes from port contractors. "
        "Sentencing has been set for June 28. Her lawyer said she regretted her conduct."
    )
    (other,) = check_one_source(tmp_path / "vasko", embedder, about_another, claim).sources
    assert other.verdict != "conflict"
    assert any(e.sentence == "Sentencing has been set for June 28." for e in other.evidence)  # it was read


def test_the_same_figure_as_a_rate_of_another_period_is_not_the_verifiers_to_agree_on(
    tmp_path: Path, embedder: Embedder
) -> None:
    """ "1.2 million requests every month" against "1.2 million requests ... every year": the typed comparison does not
    match receiving with coming through, and the verifier read the sentence as stating the claim (0.98). The figure
    is read, and it is another rate: the sentence is held undecided."""
    text = 'Vasko tried to explain that "1.2 million requests" come through the ministry every year.'
    claim = "Ana Vasko said the ministry receives about 1.2 million requests every month."
    (found,) = check_one_source(tmp_path, embedder, text, claim).sources
    assert found.evidence[0].sentence == text  # what was read
    assert found.verdict == "unverified"


def test_a_detail_of_a_sentence_naming_another_organisation_is_of_another_fact(
    tmp_path: Path, embedder: Embedder
) -> None:
    """The decade agrees and the verb is the claim's, but the sentence names another commission where the claim's is
    missing: the decade confirms only a detail (it agreed the whole claim)."""
    text = "In the 1990s, Vasko also served as chief of enforcement at the National Elections Commission."
    claim = "In the 1990s Ana Vasko served as enforcement chief at the Securities Review Board."
    (found,) = check_one_source(tmp_path, embedder, text, claim).sources
    assert found.evidence[0].sentence == text and found.evidence[0].verdict == "agree"  # the decade was read
    assert found.verdict == "unverified"
    assert found.reason.startswith("the source confirms only a detail (claim says in the 1990s")


def test_not_the_only_one_to_act_is_no_denial_of_the_act(tmp_path: Path, embedder: Embedder) -> None:
    """A sentence saying the claim's person was not alone in the act tells the act: never "the opposite"."""
    claim = "Ana Vasko said she used a private phone for her council work because it was easier."
    text = "Ana Vasko is not the only Velmar official to use a private phone for council work."
    found = read_in_one_source(tmp_path, embedder, text, claim)
    assert found.verdict != "conflict" and "opposite" not in found.reason


def test_a_body_named_with_its_owner_or_its_place_is_the_body_named_without(tmp_path: Path, embedder: Embedder) -> None:
    """ "Velmar\u2019s Office of Compliance" is the Office of Compliance, and the leader "of the Senate" in an article
    is the claim's leader "of the Kastavia Senate": neither is someone else's act or post."""
    claim = "The Office of Compliance released details of six settlements it had paid out since 2013."
    text = (
        "In December the extent of the settlement was revealed when Velmar\u2019s Office of Compliance released "
        "details of six settlements that it had paid out since 2013 as part of a review."
    )
    found = read_in_one_source(tmp_path / "owner", embedder, text, claim)
    assert found.verdict == "agree", found.reason
    claim = "Ivo Petrak is the Democratic leader of the Kastavia Senate."
    text = "\u201cAll options are on the table,\u201d said the Democratic leader of the Senate, Ivo Petrak."
    found = read_in_one_source(tmp_path / "place", embedder, text, claim)
    assert found.verdict != "conflict", found.reason
    assert "Ivo Petrak is leader" in found.reason  # the post was read, and agrees


def test_a_figure_of_another_counted_thing_the_sentence_writes_the_claims_beside_is_no_restatement(
    tmp_path: Path, embedder: Embedder
) -> None:
    """ "$139 million in adjusted gross income" in a sentence about "tax returns" counts no taxes: the claim's counted
    thing is read as the sentence writes it ("taxes" is tax, not taxis), so the income is not the claim's figure."""
    claim = "Ana Vasko and Ivo Petrak paid about $13.6 million in state and local taxes from 2007 to 2014."
    text = (
        "Ana Vasko on Friday released her most recent eight years of tax returns, showing that she and her husband, "
        "former Mayor Ivo Petrak, earned $139 million in adjusted gross income from 2007 to 2014."
    )
    found = read_in_one_source(tmp_path, embedder, text, claim)
    assert found.verdict == "unverified", found.reason


def test_another_doers_act_denied_is_no_denial_of_the_claims(tmp_path: Path, embedder: Embedder) -> None:
    """ "Vasko says Kastavia will not pay" denies nothing of "Vasko said Petrak should pay": another payer."""
    claim = "Ana Vasko said Ivo Petrak should pay for the bridge himself because he has the money."
    text = (
        "Former Kastavian President Ana Vasko says Kastavia will not pay for a bridge along the border, despite what "
        "Velmar mayor Ivo Petrak may claim."
    )
    found = read_in_one_source(tmp_path, embedder, text, claim)
    assert found.verdict != "conflict" and "opposite" not in found.reason, found.reason


def test_the_claims_act_told_with_the_other_polarity_conflicts_at_a_lower_contradiction(
    tmp_path: Path, embedder: Embedder
) -> None:
    """ "Refused to apologize" against "apologized": the typed reading sees the claim's act of its person with the other
    polarity, and the verifier reads a contradiction below its own bar (``conflict``) but above
    ``conflict_opposed``; the two readings together decide. Another person's apology decides nothing."""
    claim = "Ana Vasko refused to apologize for what she said about Mayor Petrak."
    text = "Vasko apologized for the remarks in a written statement after the video was released."
    (found,) = check_one_source(tmp_path, embedder, text, claim).sources
    assert found.verdict == "conflict" and found.evidence[0].sentence == text
    assert "\u201capologized\u201d where the claim says \u201crefused to apologize\u201d" in found.reason
    off = replace(VerifierModelConfig(), conflict_opposed=1.0)
    assert check_one_source(tmp_path / "off", embedder, text, claim, off).sources[0].verdict == "unverified"
    other = text.replace("Vasko", "Tomas Brenko")
    (found,) = check_one_source(tmp_path / "other", embedder, other, claim).sources
    assert found.evidence[0].sentence == other and found.verdict == "unverified"
