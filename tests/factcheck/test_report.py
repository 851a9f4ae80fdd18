"""The batch consistency report: agreements, conflicts and single-source facts across outlets."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from factcheck import Config, Corpus, SourceInput
from factcheck.cli import main
from factcheck.config import VerifierModelConfig
from factcheck.embedding import Embedder
from factcheck.pair_verifier import CONTRADICTION, shared_verifier
from factcheck.report import build_report
from factcheck.report_render import render, report_html, report_markdown
from factcheck.sources import read_path


def ingest(corpus: Corpus, paths: list[Path]) -> None:
    sources = [s for p in paths for s in read_path(p, max_file_bytes=1 << 20, max_source_chars=1 << 20)]
    list(corpus.ingest_many(sources))  # type: ignore[arg-type]


def test_example_outlets_show_exactly_the_two_planted_conflicts(
    tmp_path: Path, embedder: Embedder, examples_dir: Path
) -> None:
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        ingest(corpus, sorted(examples_dir.iterdir()))
        report = build_report(corpus)
    conflicts = [t for t in report.topics if t.status == "conflict"]
    labels = sorted(t.label for t in conflicts)
    assert len(labels) == 2 and labels[1] == "people killed"
    assert labels[0].startswith("head of") and "Kastavia" in labels[0]
    toll = next(t for t in conflicts if t.label == "people killed")
    assert {c.source_id: c.value for c in toll.claims}["radio-meridian"] == "81 people killed"
    assert "63" in toll.reason and "81" in toll.reason
    assert report.summary["agree"] >= 15 and report.summary["conflict"] == 2
    assert report.topics[0].status == "conflict"  # conflicts first
    for topic in report.topics:
        for claim in topic.claims:
            text = corpus_text(tmp_path, embedder, claim.source_id)
            assert text[claim.start : claim.end] == claim.text
            assert text[claim.sentence_start : claim.sentence_end] == claim.sentence


def corpus_text(data_dir: Path, embedder: Embedder, source_id: str) -> str:
    with Corpus.open(Config(data_dir=data_dir), embedder=embedder, read_only=True) as corpus:
        return corpus.get_source(source_id).text


def test_seed_pair_has_no_conflicts_and_a_changed_third_article_shows_exactly_its_changes(
    seed_sources: list[SourceInput], tmp_path: Path, embedder: Embedder
) -> None:
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        list(corpus.ingest_many(seed_sources))
        pair = build_report(corpus)
        assert pair.summary["conflict"] == 0
        assert pair.summary["agree"] >= 10
        # A third outlet, made at run time from the first seed (its text is never stored in the repo), with a
        # different UN toll, another delegation head, another front-line length and another daily toll.
        first = seed_sources[0]
        changed = first.text
        for old, new in [
            ("more than 12,000 Ukrainian civilians", "about 5,000 Ukrainian civilians"),
            ("headed by defence minister Rustem Umerov", "headed by Andriy Yermak"),
            ("roughly 1,000-kilometre (620-mile)", "roughly 2,000-kilometre (1,240-mile)"),
            ("At least five civilians were killed", "Two civilians were killed"),
        ]:
            assert old in changed, old
            changed = changed.replace(old, new)
        corpus.ingest(SourceInput(id="third-outlet", text=changed, published_at=first.published_at))
        report = build_report(corpus)
    conflicts = {t.label: t for t in report.topics if t.status == "conflict"}
    assert set(conflicts) == {
        "Ukrainian civilians killed",
        "head of the Ukrainian side",
        "front line (length)",
        "civilians killed in one day",
    }, sorted(conflicts)
    for topic in conflicts.values():
        assert "third-outlet" in topic.reason


def test_renderings_escape_source_text(tmp_path: Path, embedder: Embedder) -> None:
    hostile = '<script>alert(1)</script> | **bold** <img src=x onerror="alert(2)">'
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        corpus.ingest(SourceInput(id="a", text=f"At least 14 people died in the past day {hostile}."))
        corpus.ingest(SourceInput(id="b", text=f"Some 14 people died in the past day, officials said {hostile}."))
        report = build_report(corpus)
    page = report_html(report)
    assert "<script" not in page.lower() and "<img" not in page.lower()  # no markup from the source survives
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # it is shown as text
    assert "content=\"default-src 'none'" in page
    markdown = report_markdown(report)
    assert "<script>" not in markdown
    rows = list(csv.reader(io.StringIO(render(report, "csv"))))
    assert rows[0][:4] == ["topic_id", "status", "kind", "label"]
    data = json.loads(render(report, "json"))
    assert set(data) == {"id", "created_at", "status", "sources", "topics", "summary"}
    assert data["summary"]["topics"] == len(data["topics"])
    with pytest.raises(ValueError, match="unknown format"):
        render(report, "pdf")


def test_cli_report(tmp_path: Path, examples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    assert main(["ingest", str(examples_dir), "--data-dir", data]) == 0
    out = tmp_path / "report.html"
    assert main(["report", "--format", "html", "-o", str(out), "--data-dir", data]) == 0
    assert "2 conflicts" in capsys.readouterr().out
    assert out.read_text().startswith("<!doctype html>")
    assert main(["report", "--format", "json", "--sources", "northern-ledger,harbor-daily", "--data-dir", data]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["summary"]["conflict"] == 0 and body["sources"] == ["northern-ledger", "harbor-daily"]
    assert main(["report", "--sources", "nope", "--data-dir", data]) == 1


def test_crowded_slot_pairs_equal_the_brute_force_pairs() -> None:
    """The neighbour-driven pairing of a crowded slot yields exactly the pairs the all-pairs filter would."""
    import random
    from itertools import combinations
    from types import SimpleNamespace
    from typing import Any

    from factcheck.report import CROWDED_SLOT, _pairs

    rng = random.Random(3)
    count = CROWDED_SLOT * 3
    # Several claims can share a sentence; sentences belong to a handful of sources.
    sentence_of = [rng.randrange(count // 2) for _ in range(count)]
    items: Any = [SimpleNamespace(sentence=SimpleNamespace(id=s, source_id=f"src-{s % 7}")) for s in sentence_of]
    neighbours = {s: {rng.randrange(count // 2) for _ in range(5)} for s in set(sentence_of)}
    members = sorted(rng.sample(range(count), CROWDED_SLOT * 2))

    def brute(a: int, b: int) -> bool:
        left, right = items[a].sentence, items[b].sentence
        near = right.id in neighbours.get(left.id, ()) or left.id in neighbours.get(right.id, ())
        return left.source_id != right.source_id and near

    expected = [(a, b) for a, b in combinations(members, 2) if brute(a, b)]
    assert expected  # the data has pairs to find
    assert _pairs(members, items, neighbours) == expected


def test_csv_cells_never_start_a_formula(corpus: Corpus) -> None:
    corpus.ingest(SourceInput(id="a", text="=HYPERLINK(1) At least 14 people died in the past day."))
    corpus.ingest(SourceInput(id="b", text="@SUM(1) Some 14 people died in the past day, officials said."))
    report = build_report(corpus)
    rows = list(csv.reader(io.StringIO(render(report, "csv"))))[1:]
    assert rows, "the two sources agree on a figure: the report has a topic"
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)
    assert any(row[9].startswith(("'=HYPERLINK", "'@SUM")) for row in rows)  # shown, not dropped


def test_one_person_given_two_posts_of_one_title_by_two_sources_is_a_conflict(
    tmp_path: Path, embedder: Embedder
) -> None:
    """ "the ministry's deputy spokeswoman, Ada Morrow, said" / "the ministry's chief spokeswoman, Ada Morrow,
    said": each post is filed under its own title, so the report compares the posts each source gives one person;
    the post the writer gives a speaker is the writer's, not what the speaker said."""
    told = "The Velmar harbour will reopen on Monday, the ministry's {} spokeswoman, Ada Morrow, said on Saturday."
    texts = {"first": told.format("deputy"), "second": told.format("chief"), "third": told.format("deputy")}
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id=k, text=v) for k, v in texts.items()]))
        report = build_report(corpus)
    (conflict,) = [t for t in report.topics if t.status == "conflict"]
    values = {c.source_id: c.value for c in conflict.claims}
    assert set(values) == {"first", "second", "third"}  # one topic: the two that agree beside the one that differs
    assert values["first"] == values["third"] != values["second"]
    assert "chief spokesperson Ada Morrow" in conflict.reason and "deputy spokesperson Ada Morrow" in conflict.reason


def test_two_sources_telling_both_figures_in_digits_or_words_do_not_disagree(
    tmp_path: Path, embedder: Embedder
) -> None:
    """Each source gives both figures ("one airstrike" on Monday, "another four airstrikes" on Tuesday); one
    writes the second in digits. Each value of one source is stated by the other: no conflict."""
    first = (
        "On Monday, Velmar's army said it launched one airstrike near Strenna. "
        "On Tuesday, the army announced another four airstrikes near Strenna."
    )
    texts = {"words": first, "digits": first.replace("another four", "another 4")}
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id=k, text=v) for k, v in texts.items()]))
        report = build_report(corpus)
    figures = [t for t in report.topics if t.kind == "quantity"]
    assert figures and {c.source_id for t in figures for c in t.claims} == {"words", "digits"}  # both were read
    assert not [t for t in report.topics if t.status == "conflict"]
    changed = {k: v.replace("another four", "another six").replace("another 4", "another 6") for k, v in texts.items()}
    changed["words"] = first
    with Corpus.open(Config(data_dir=tmp_path / "changed"), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id=k, text=v) for k, v in changed.items()]))
        report = build_report(corpus)
    assert [t for t in report.topics if t.status == "conflict"]  # another figure is still a disagreement


def test_two_figures_for_one_bound_are_a_conflict_and_one_figure_in_two_words_is_not(
    tmp_path: Path, embedder: Embedder
) -> None:
    """ "as many as 1.5 million" / "up to 1.6 million" of one count: neither rules the other out, but the outlets
    give two figures, which a desk has to see. "More than 40" / "over 40" is one figure."""
    told = "The Strenna class action covers {} women who worked at the Velmar retailer."
    texts = {"first": told.format("as many as 1.5 million"), "second": told.format("up to 1.6 million")}
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id=k, text=v) for k, v in texts.items()]))
        report = build_report(corpus)
    (conflict,) = [t for t in report.topics if t.status == "conflict" and t.kind == "quantity"]
    assert {c.source_id: c.text for c in conflict.claims} == {
        "first": "as many as 1.5 million",
        "second": "up to 1.6 million",
    }
    same = {"first": told.format("more than 40,000"), "second": told.format("over 40,000")}
    with Corpus.open(Config(data_dir=tmp_path / "same"), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id=k, text=v) for k, v in same.items()]))
        report = build_report(corpus)
    (agreed,) = [t for t in report.topics if t.kind == "quantity"]
    assert agreed.status == "agree" and {c.source_id for c in agreed.claims} == {"first", "second"}
    assert not [t for t in report.topics if t.status == "conflict"]


def test_a_sum_written_to_the_whole_million_is_the_exact_sum_it_was_cut_from(
    tmp_path: Path, embedder: Embedder
) -> None:
    """ "$43 million" in one outlet and "$43,885,310" in another are one sum (news writes the millions it reached as
    often as the nearest million); "$45 million" against it is another."""
    told = "The Velmar couple paid {} in federal taxes from 2007 to 2014, the returns show."
    texts = {"first": told.format("$43 million"), "second": told.format("$43,885,310")}
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id=k, text=v) for k, v in texts.items()]))
        report = build_report(corpus)
    (agreed,) = [t for t in report.topics if t.kind == "quantity"]
    assert agreed.status == "agree" and {c.text for c in agreed.claims} == {"$43 million", "$43,885,310"}
    other = {"first": told.format("$45 million"), "second": told.format("$43,885,310")}
    with Corpus.open(Config(data_dir=tmp_path / "other"), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id=k, text=v) for k, v in other.items()]))
        report = build_report(corpus)
    assert [t.status for t in report.topics if t.kind == "quantity"] == ["conflict"]


def test_sizes_of_two_named_products_are_two_facts_and_one_products_two_sizes_conflict(
    tmp_path: Path, embedder: Embedder
) -> None:
    """ "The Velmar Tab has a 12-inch screen" / "The Velmar Phone has a 5.5-inch screen": what a name has is that
    name's, and two tellings opening on different names with another change beside it are two facts, which the
    verifier is not asked to set against each other; two sizes for one product are a disagreement."""
    told = "The new Velmar {} has a {}-inch screen, the company said on Tuesday."
    texts = {"first": told.format("Phone", "5.5"), "second": told.format("Tab", "12")}
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id=k, text=v) for k, v in texts.items()]))
        report = build_report(corpus)
    sizes = [t for t in report.topics if t.kind == "quantity"]
    assert {c.source_id for t in sizes for c in t.claims} == {"first", "second"}  # both sizes were read
    assert len(sizes) == 2 and not [t for t in report.topics if t.status == "conflict"]
    same = {"first": told.format("Tab", "12.9"), "second": told.format("Tab", "12")}
    with Corpus.open(Config(data_dir=tmp_path / "same"), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id=k, text=v) for k, v in same.items()]))
        report = build_report(corpus)
    assert [t for t in report.topics if t.status == "conflict" and t.kind == "quantity"]


#: Of 60 held-out FNC-1 dev bodies each told again with up to six sentences rewritten by machine (number words,
#: surname only, attribution moved, units converted, voice, contractions, acronyms, a verb's WordNet synonym:
#: ``eval/rewritten_copies.py``), how many conflict topics the reports may hold. Measured 2026-12-06: 0 (session 29:
#: a source stating both figures of a slot does not disagree with one stating either; 1 in session 28, from a
#: synonym of the wrong sense, "launched dozens of airstrikes" -> "established"; 5 before that session's fixes).
REWRITTEN_COPIES_CONFLICT_CEILING = 2


@pytest.mark.shared
def test_real_articles_told_again_in_other_words_bring_no_conflicts(shared_dir: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))
    from rewritten_copies import measure

    summary, listed = measure("dev", articles=60, per_article=6, seed=13)
    assert summary["articles"] == 60 and summary["rewrites"] > 200  # the copies were made and read
    assert summary["conflict_topics"] <= REWRITTEN_COPIES_CONFLICT_CEILING, "\n".join(listed)


def test_a_source_never_disagrees_with_a_sentence_it_writes_itself(tmp_path: Path, embedder: Embedder) -> None:
    """Two copies of a live blog, each quoting two posts of one reporter dated the 9th and the 10th; the second
    shortens the first post's name. The first copy's "9" post lies nearer in words to the second copy's "10" post
    than to its own shortened twin, and the verifier reads those two as contradicting; but the first copy writes
    the "10" post itself, word for word: no disagreement. A copy that never writes the other's post still does."""
    post = (
        "The harbour of Velmar will stay closed, port officials said.\n\n— Ana Vasko (@anavasko) January {}, 2015\n\n"
    )
    first = post.format(9) + "The ferry to Strenna was cancelled.\n\n" + post.format(10)
    second = first.replace("— Ana Vasko (@anavasko) January 9", "— Vasko (@anavasko) January 9")
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id="first", text=first), SourceInput(id="second", text=second)]))
        report = build_report(corpus)
        assert report.sources == ("first", "second") and not [t for t in report.topics if t.status == "conflict"]
        # what the rule withholds: the verifier reads the "9" post against the "10" post as a contradiction
        nine, ten = (f"— Ana Vasko (@anavasko) January {day}, 2015" for day in (9, 10))
        config = VerifierModelConfig()
        (row,) = shared_verifier(config.model_dir).probabilities([(ten, nine)])
        assert row[CONTRADICTION] >= config.report_conflict
        alone = post.format(9).replace("January 9", "January 12")
        list(corpus.ingest_many([SourceInput(id="third", text=alone)]))
        report = build_report(corpus, ["first", "third"])
    assert [t for t in report.topics if t.status == "conflict"]


def test_a_source_telling_both_figures_of_a_slot_does_not_disagree_with_one_telling_either(
    tmp_path: Path, embedder: Embedder
) -> None:
    """The first source gives two figures of one slot (one airstrike on Monday, dozens that week); the second
    gives only the first. Each is a fact to the first source, so the second contradicts neither; a figure the
    first never gives is still a disagreement."""
    first = (
        "On Monday, Velmar's army said it launched one airstrike near Strenna. "
        "The army has launched dozens of airstrikes around Strenna in the last week."
    )
    second = "On Monday, Velmar's army said it launched one airstrike near Strenna, officials confirmed."
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id="both", text=first), SourceInput(id="one", text=second)]))
        report = build_report(corpus)
    figures = [t for t in report.topics if t.kind == "quantity"]
    assert {c.source_id for t in figures for c in t.claims} == {"both", "one"}  # both sources' figures were read
    assert not [t for t in report.topics if t.status == "conflict"]
    with Corpus.open(Config(data_dir=tmp_path / "changed"), embedder=embedder) as corpus:
        changed = second.replace("one airstrike", "three airstrikes")
        list(corpus.ingest_many([SourceInput(id="both", text=first), SourceInput(id="three", text=changed)]))
        report = build_report(corpus)
    assert [t for t in report.topics if t.status == "conflict"]


def test_two_days_given_for_one_saying_are_a_conflict_and_one_day_is_no_topic(
    tmp_path: Path, embedder: Embedder
) -> None:
    texts = {
        "first": "Ivo Petrak announced Tuesday that 40 workers of the Velmar harbour will lose their jobs.",
        "second": "Ivo Petrak announced Thursday that 40 workers of the Velmar harbour will lose their jobs.",
        "third": "Ivo Petrak announced Tuesday that 40 workers at Velmar's harbour are to lose their jobs.",
    }
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id=k, text=v) for k, v in texts.items()]))
        report = build_report(corpus)
        (conflict,) = [t for t in report.topics if t.status == "conflict"]
        assert conflict.label == "when Ivo Petrak said it"
        values = {c.source_id: c.value for c in conflict.claims}
        assert values == {"first": "Tuesday", "second": "Thursday", "third": "Tuesday"}
        # told alike, the day of a saying makes no topic of its own; what was said still does
        agreeing = build_report(corpus, ["first", "third"])
    assert [t.status for t in agreeing.topics] == ["agree"]
    assert "said it" not in agreeing.topics[0].label


def test_a_sentence_of_two_sayings_leaves_their_days_unread(tmp_path: Path, embedder: Embedder) -> None:
    # one sentence, one speaker read for the whole of it: told in another order, the Herald's day stands beside the
    # Courier's saying (without this rule: a conflict "when Courier said it", Wednesday against Thursday)
    texts = {
        "first": "The Herald reported Wednesday that the Velmar harbour would close, while the Courier reported "
        "Thursday that the bridge would close.",
        "second": "While the Courier reported Thursday that the bridge would close, the Herald reported Wednesday "
        "that the Velmar harbour would close.",
    }
    with Corpus.open(Config(data_dir=tmp_path), embedder=embedder) as corpus:
        list(corpus.ingest_many([SourceInput(id=k, text=v) for k, v in texts.items()]))
        report = build_report(corpus)
    assert report.sources == ("first", "second")
    assert not [t for t in report.topics if "said it" in t.label or t.status == "conflict"]
