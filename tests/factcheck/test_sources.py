"""Reading files: formats, metadata, and one clear message per bad file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from factcheck import SourceInput
from factcheck.sources import ReadFailure, SourceOverrides, read_path, walk_paths

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
