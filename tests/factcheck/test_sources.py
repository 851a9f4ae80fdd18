"""Reading files: formats, metadata, and one clear message per bad file."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from factcheck import SourceInput
from factcheck.errors import InputTooLargeError, InvalidInputError, UnsupportedFormatError
from factcheck.sources import ReadFailure, SourceOverrides, read_path, walk_paths
from factcheck.sources.readers import NoArticleError, read_file

LIMITS = {"max_file_bytes": 1 << 20, "max_source_chars": 1 << 20}


def read_one(path: Path, **kwargs: object) -> SourceInput | ReadFailure:
    items = list(read_path(path, **{**LIMITS, **kwargs}))  # type: ignore[arg-type]
    assert len(items) == 1
    return items[0]


def test_markdown_front_matter_and_rendered_text(examples_dir: Path) -> None:
    source = read_one(examples_dir / "northern-ledger.md")
    assert isinstance(source, SourceInput)
    assert source.id == "northern-ledger"
    assert source.outlet == "The Northern Ledger"
    assert source.published_at == date(2026, 3, 12)
    assert source.url and source.url.startswith("https://")
    assert "**" not in source.text and "](" not in source.text and not source.text.startswith("#")
    assert source.title and source.title in source.text


def test_html_main_text_only(examples_dir: Path) -> None:
    raw = (examples_dir / "harbor-daily.html").read_text()
    source = read_one(examples_dir / "harbor-daily.html")
    assert isinstance(source, SourceInput)
    assert source.id == "harbor-daily"
    assert source.published_at == date(2026, 3, 13)
    assert source.title and "Lindhaven" in source.title
    assert "Foreign Minister Pavel Ostrovskyy will head Kastavia's delegation" in source.text
    for boilerplate in ("<script", "function", "cookie", "Related stories", "All rights reserved", "<p>"):
        assert boilerplate.lower() in raw.lower(), f"fixture should contain {boilerplate!r}"
        assert boilerplate.lower() not in source.text.lower(), f"{boilerplate!r} leaked into the article text"


def test_html_escaped_entities_become_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = "".join(f"<p>Paragraph {i} says the minister&#8217;s team &amp; aides met on Friday.</p>" for i in range(6))
    page.write_text(
        f"<html><head><title>T</title><script>var x = 1;</script></head><body><nav>Home | World</nav>"
        f"<article><h1>Ministers meet</h1>{body}</article><footer>Copyright</footer></body></html>"
    )
    source = read_one(page)
    assert isinstance(source, SourceInput)
    assert "minister\u2019s team & aides" in source.text
    assert "var x" not in source.text and "Home | World" not in source.text


def test_plain_text_date_marker_is_metadata(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(" date 2025-05-15 Talks open in Istanbul. Delegations arrived.\n")
    source = read_one(path)
    assert isinstance(source, SourceInput)
    assert source.published_at == date(2025, 5, 15)
    assert source.text == "Talks open in Istanbul. Delegations arrived."
    assert source.id == "wire"


def test_overrides_win(tmp_path: Path, examples_dir: Path) -> None:
    source = read_one(
        examples_dir / "radio-meridian.txt", overrides=SourceOverrides(outlet="Wire", published_at=date(2026, 1, 1))
    )
    assert isinstance(source, SourceInput)
    assert (source.outlet, source.published_at) == ("Wire", date(2026, 1, 1))


def test_jsonl_sources_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a-1",
                "title": "A",
                "outlet": "X",
                "url": "https://x.example/a",
                "published_at": "2026-03-12",
                "text": "First source. It has two sentences.",
            }
        ),
        "",
        "{not json",
        json.dumps({"id": "../etc", "text": "Bad id."}),
        json.dumps({"text": "No id given, so one is derived from the content."}),
        json.dumps({"id": "b", "published_at": "12/03/2026", "text": "Bad date."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "c", "text": "   "}),
    ]
    path.write_text("\n".join(lines))
    items = list(read_path(path, **LIMITS))
    good = [i for i in items if isinstance(i, SourceInput)]
    bad = [i for i in items if isinstance(i, ReadFailure)]
    assert good[0].id == "a-1" and good[0].published_at == date(2026, 3, 12)
    assert good[1].id.startswith("src-") and len(good) == 2
    assert [b.origin for b in bad] == [f"{path}:{n}" for n in (3, 4, 6, 7, 8)]
    assert "invalid JSON" in bad[0].message
    assert "invalid source id" in bad[1].message
    assert "published_at" in bad[2].message
    assert all("\n" not in b.message for b in bad)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.md", b"  \n\n ", "file is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Caf\u00e9 society.".encode("latin-1"), "not valid UTF-8: byte 0xe9 at offset 3"),
        ("video.mp4", b"\x00\x00\x00 ftypisom", "unsupported file type '.mp4'"),
        ("README", b"text", "unsupported file type '(no extension)'"),
        ("only-markup.html", b"<html><body><script>x()</script></body></html>", "no article text"),
        ("front-only.md", b"---\ntitle: T\n---\n", "no article text"),
        ("bad-yaml.txt", b"---\ntitle: [unclosed\n---\nBody text.", "front matter is not valid YAML"),
        ("bad-id.txt", b"---\nid: ../../etc/passwd\n---\nBody text.", "invalid source id"),
    ],
)
def test_bad_files_get_one_line_errors(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    failure = read_one(path)
    assert isinstance(failure, ReadFailure)
    assert failure.origin == str(path)
    assert message in failure.message
    assert "\n" not in str(failure) and str(failure).startswith(str(path))


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: the size check must come before reading
    failure = read_one(path, max_file_bytes=16 * 1024 * 1024)
    assert isinstance(failure, ReadFailure)
    assert "52.4 MB, over the 16.8 MB limit" in failure.message


def test_walk_paths_reports_missing_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "d" / ".git").mkdir(parents=True)
    (tmp_path / "d" / ".git" / "x.txt").write_text("hidden")
    (tmp_path / "d" / ".hidden.txt").write_text("hidden")
    (tmp_path / "d" / "b.txt").write_text("b")
    (tmp_path / "d" / "sub").mkdir()
    (tmp_path / "d" / "sub" / "a.md").write_text("a")
    found = list(walk_paths([tmp_path / "d", tmp_path / "missing.txt"]))
    assert found[:2] == [tmp_path / "d" / "b.txt", tmp_path / "d" / "sub" / "a.md"]
    assert isinstance(found[2], ReadFailure) and "no such file" in found[2].message


# -- metadata the page lists: title, outlet, date --------------------------------------------------------------
@pytest.mark.parametrize("name", ["radio-meridian.txt", "northern-ledger.md"])
@pytest.mark.parametrize("saved_as", ["lf", "crlf", "bom", "bom+crlf"])
def test_front_matter_is_read_whatever_the_line_ends(
    tmp_path: Path, examples_dir: Path, name: str, saved_as: str
) -> None:
    """A file saved on Windows (CRLF, often a BOM) kept its front matter in the text and lost its metadata."""
    raw = (examples_dir / name).read_text()
    if "crlf" in saved_as:
        raw = raw.replace("\n", "\r\n")
    if "bom" in saved_as:
        raw = "\ufeff" + raw
    path = tmp_path / name
    path.write_bytes(raw.encode())
    source = read_one(path)
    original = read_one(examples_dir / name)
    assert isinstance(source, SourceInput) and isinstance(original, SourceInput)
    assert source.outlet in {"Radio Meridian", "The Northern Ledger"}
    assert source.title and source.published_at and source.id == path.stem
    assert source.text == original.text and "outlet:" not in source.text


def test_front_matter_keys_in_any_case_and_date(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text("---\nTitle: Talks open\nOutlet: Example Wire\nDate: 2026-03-12\n---\nTalks opened on Friday.\n")
    source = read_one(path)
    assert isinstance(source, SourceInput)
    assert (source.title, source.outlet, source.published_at) == ("Talks open", "Example Wire", date(2026, 3, 12))
    assert source.text == "Talks opened on Friday."


@pytest.mark.parametrize(
    ("content", "title"),
    [
        (
            "Ceasefire talks open in Lindhaven\n\nTalks opened on Friday. Both sides came.",
            "Ceasefire talks open in Lindhaven",
        ),
        ("FLOODS KILL 14 IN VELMAR\r\n\r\nThe river rose on Tuesday.", "FLOODS KILL 14 IN VELMAR"),
        ("Is the ceasefire holding?\n\nIt is, for now.", "Is the ceasefire holding?"),
        # Not headlines: a sentence, a caption of two sentences, a byline, a dateline paragraph, a lone line.
        ("Talks opened on Friday.\n\nBoth sides came.", None),
        ("Minister Vasko in Velmar. Photograph: EPA\n\nThe river rose on Tuesday.", None),
        ("By Mira Talven\n\nThe river rose on Tuesday.", None),
        ("VELMAR, Kastavia:\n\nThe river rose on Tuesday.", None),
        ("First line\nsecond line of the same paragraph\n\nMore text.", None),
        ("Only a title", None),
        ("x" * 201 + "\n\nMore text.", None),
    ],
)
def test_a_plain_text_files_first_line_is_its_title_when_it_is_a_headline(
    tmp_path: Path, content: str, title: str | None
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(content.encode())
    source = read_one(path)
    assert isinstance(source, SourceInput)
    assert source.title == title
    assert source.text == content.replace("\r\n", "\n").strip()  # the title line stays in the text


def test_front_matter_title_wins_over_the_first_line_and_heading(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\ntitle: From front matter\n---\nHeadline here\n\nBody text.")
    (tmp_path / "b.md").write_text("---\ntitle: From front matter\n---\n# Heading\n\nBody text.")
    for name in ("a.txt", "b.md"):
        source = read_one(tmp_path / name)
        assert isinstance(source, SourceInput) and source.title == "From front matter"


def test_a_markdown_file_opening_with_any_heading_has_that_title(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("## Floods in Velmar\n\nThe river rose on Tuesday.\n\n# Later h1\n\nMore.")
    (tmp_path / "b.md").write_text("Intro paragraph.\n\n## Not the title\n\nMore.")
    a, b = read_one(tmp_path / "a.md"), read_one(tmp_path / "b.md")
    assert isinstance(a, SourceInput) and a.title == "Later h1"  # a first-level heading still wins
    assert isinstance(b, SourceInput) and b.title is None


def test_the_examples_give_title_outlet_and_date(examples_dir: Path) -> None:
    for path in sorted(examples_dir.iterdir()):
        source = read_one(path)
        assert isinstance(source, SourceInput), source
        assert source.title and source.outlet and source.published_at, path


# -- read_file: the entry point the CLI (through read_path) and the HTTP upload share ----------------------------
def read_bytes(
    name: str, data: bytes, overrides: SourceOverrides | None = None, max_file_bytes: int = 1 << 20
) -> list[SourceInput | ReadFailure]:
    return list(read_file(name, data, max_file_bytes=max_file_bytes, max_source_chars=1 << 20, overrides=overrides))


def test_read_file_reads_bytes_like_read_path(examples_dir: Path) -> None:
    for path in sorted(examples_dir.iterdir()):
        from_path = read_one(path)
        (from_bytes,) = read_bytes(path.name, path.read_bytes())
        assert isinstance(from_path, SourceInput)
        assert from_bytes == dataclasses.replace(from_path, origin=path.name)


def test_read_file_raises_for_the_whole_file_and_yields_bad_lines(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"unsupported file type '\.pdf'"):
        read_bytes("a.pdf", b"%PDF-1.7")
    with pytest.raises(NoArticleError, match="file is empty"):
        read_bytes("a.txt", b" \n")
    with pytest.raises(NoArticleError, match="no article text found"):
        read_bytes("a.md", b"---\ntitle: T\n---\n")
    with pytest.raises(InputTooLargeError):
        read_bytes("a.txt", b"x" * 11, max_file_bytes=10)
    items = read_bytes("feed.jsonl", b'{"id": "a", "text": "One."}\n\n{broken\n')
    assert isinstance(items[0], SourceInput) and items[0].origin == "feed.jsonl:1"
    assert isinstance(items[1], ReadFailure) and items[1].origin == "feed.jsonl:3"


def test_read_file_overrides(tmp_path: Path) -> None:
    overrides = SourceOverrides(outlet="Wire", published_at=date(2026, 1, 2), title="T", url="https://w.example/a")
    (source,) = read_bytes("dir/story.txt", b"Headline\n\nBody text.", overrides)
    assert isinstance(source, SourceInput) and source.id == "story"
    assert (source.title, source.outlet, source.url, source.published_at) == (
        "T",
        "Wire",
        "https://w.example/a",
        date(2026, 1, 2),
    )
    with pytest.raises(InvalidInputError, match="title and url name one article"):
        read_bytes("feed.jsonl", b'{"text": "One."}', overrides)
