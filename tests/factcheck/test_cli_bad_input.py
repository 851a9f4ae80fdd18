"""Bad input through the command line: a clear "error:" line and exit 1 (2 for usage), no traceback, no hang,
and what was stored stays.

test_cli.py already covers bad files in a batch (empty, binary, Latin-1, unsupported, huge, missing), a
conflicting id, a bad --published-at, an empty query and k=0. This module adds the rest and compares the data
directory after each command with the one before: the same sources and sentences, and an index file holding
exactly the stored sentences. The full list of cases is in docs/reliability.md (section "Bad input").
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.config import IndexConfig
from factcheck.corpus import DATABASE_FILE, INDEX_FILE
from factcheck.index import load_index

HUGE_FIGURE = "1" + "0" * 400


@dataclass(frozen=True)
class Stored:
    sources: tuple[tuple[str, str, int], ...]  # id, content hash, sentences
    sentence_ids: tuple[int, ...]
    indexed_ids: tuple[int, ...]  # in the index file, as the next command loads it
    claims: int


def stored(data_dir: Path) -> Stored:
    with sqlite3.connect(f"file:{data_dir / DATABASE_FILE}?mode=ro", uri=True) as db:
        sources = tuple(db.execute("SELECT id, content_hash, sentence_count FROM sources ORDER BY id").fetchall())
        sentence_ids = tuple(row[0] for row in db.execute("SELECT id FROM sentences ORDER BY id"))
        claims = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    indexed = tuple(sorted(int(i) for i in load_index(IndexConfig(), data_dir / INDEX_FILE).ids()))
    return Stored(sources, sentence_ids, indexed, claims)


def run(*argv: str) -> tuple[int, str, str]:
    """Runs the command in-process; argparse's usage errors become exit code 2 as in a shell."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def seeded(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli-seeded") / "data"
    code, _, err = run("ingest", str(examples_dir), "--data-dir", str(data_dir))
    assert code == 0, err
    return data_dir


@pytest.fixture
def data(seeded: Path, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the seeded data directory, checked unchanged when the test ends."""
    copy = tmp_path / "data"
    shutil.copytree(seeded, copy)
    before = stored(copy)
    assert before.sentence_ids == before.indexed_ids and len(before.sources) == 3
    yield copy
    assert stored(copy) == before


def assert_failed(result: tuple[int, str, str], code: int, *fragments: str) -> str:
    status, _, err = result
    assert status == code, err
    assert "Traceback" not in err
    if code == 1:
        assert err.startswith("error: "), err
    for fragment in fragments:
        assert fragment in err, err
    return err


@pytest.mark.parametrize(
    ("argv", "code", "fragment"),
    [
        (["check", "   \t  "], 1, "the claim is empty"),
        (["check", "\u3000\u2003"], 1, "the claim is empty"),
        (["check", "x" * 1_000_000], 1, "the limit is 2,000"),
        (["check", "word " * 200_000], 1, "the limit is 2,000"),
        (["check", "Talks began.", "-k", "-1"], 1, "top_k must be between 1 and 50"),
        (["check", "Talks began.", "-k", str(10**30)], 1, "top_k must be between 1 and 50"),
        (["check", "Talks began.", "-k", "five"], 2, "invalid int value"),
        (["check", "Talks began.", "--sources", "nope,harbor-daily"], 1, "no source with id 'nope'"),
        (["check", "Talks began.", "--sources", "../../etc/passwd"], 1, "no source with id '../../etc/passwd'"),
        (["check", "Talks began.", "--sources", " , ,"], 2, "name at least one source id"),
        # Bytes that are not UTF-8 reach Python as lone surrogates ("\udcff"); they used to crash the tokenizer.
        (["check", "The UN says \udcff people died"], 1, "not valid Unicode text"),
        (["search", "\udcff\udcfe"], 1, "not valid Unicode text"),
        (["search", "floods", "-k", "-5"], 1, "k must be between 1 and 1000"),
        (["search", "floods", "-k", str(10**30)], 1, "k must be between 1 and 1000"),
        (["search", "floods", "-k", "1e3"], 2, "invalid int value"),
        (["search", "floods", "--sources", ""], 2, "name at least one source id"),
        (["search", "floods", "--sources", "../radio-meridian"], 1, "no source with id '../radio-meridian'"),
        (["report", "--sources", "nope"], 1, "no source with id 'nope'"),
        (["report", "--sources", "harbor-daily,../x"], 1, "no source with id '../x'"),
        (["report", "--format", "pdf"], 2, "invalid choice: 'pdf'"),
        (["delete", "../etc/passwd"], 1, "no source with id '../etc/passwd'"),
        (["delete", "HARBOR-DAILY"], 1, "no source with id 'HARBOR-DAILY'"),
        (["delete", ""], 1, "no source with id ''"),
        (["ingest", "x.txt", "--published-at", "2026-13-01"], 2, "--published-at must be YYYY-MM-DD"),
        (["ingest", "x.txt", "--published-at", "12/03/2026"], 2, "--published-at must be YYYY-MM-DD"),
        (["serve", "--port", "70000"], 2, "port must be between 1 and 65535"),
        (["serve", "--port", "http"], 2, "port must be a number"),
        (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
    ],
    ids=lambda value: repr(value)[:60] if isinstance(value, list) else None,
)
def test_bad_arguments(data: Path, argv: list[str], code: int, fragment: str) -> None:
    assert_failed(run(*argv, *(["--data-dir", str(data)] if argv[0] != "frobnicate" else [])), code, fragment)


def test_files_that_cannot_be_opened_are_errors_not_tracebacks(data: Path, tmp_path: Path) -> None:
    """Regression: a missing probe file or an unwritable report path raised FileNotFoundError."""
    d = ["--data-dir", str(data)]
    assert_failed(run("eval", str(tmp_path / "missing.jsonl"), *d), 1, "missing.jsonl: No such file or directory")
    out = tmp_path / "no" / "such" / "dir" / "report.md"
    assert_failed(run("report", "-o", str(out), *d), 1, "report.md: No such file or directory")
    assert_failed(run("report", "-o", str(tmp_path), *d), 1, "Is a directory")
    a_file = tmp_path / "a-file"
    a_file.write_text("not a data directory")
    assert_failed(run("sources", "--data-dir", str(a_file)), 1, "no factcheck data in")
    story = tmp_path / "story.txt"
    story.write_text("The minister resigned on Friday.")
    assert_failed(run("ingest", str(story), "--data-dir", str(a_file)), 1, "cannot use data directory")


def test_a_named_pipe_in_a_batch_fails_alone_instead_of_hanging(data: Path, tmp_path: Path) -> None:
    """Regression: opening a FIFO waited for a writer forever, so the whole ingest hung."""
    batch = tmp_path / "batch"
    batch.mkdir()
    os.mkfifo(batch / "pipe.txt")
    (batch / "story.txt").write_text("The minister resigned on Friday. Talks resume next week.")
    code, out, err = run("ingest", str(batch), "--data-dir", str(tmp_path / "fresh"))
    assert code == 1 and "pipe.txt: not a regular file" in err and "1 added" in out, err
    assert_failed(run("ingest", str(batch / "pipe.txt"), "--data-dir", str(data)), 1, "not a regular file")


BAD_LINES = {
    2: ('{"id": "../etc/passwd", "text": "The minister resigned."}', "invalid source id '../etc/passwd'"),
    3: ('{"id": "a\\\\b", "text": "The minister resigned."}', "invalid source id"),
    4: ('{"id": "d1", "text": "The minister resigned.", "published_at": "12/03/2026"}', "published_at must be"),
    5: ('{"id": "d2", "text": "The minister resigned.", "published_at": 20260312}', "published_at must be"),
    6: ('{"id": "w1", "text": " \\u3000\\n "}', "no article text found"),
    7: ('{"id": "w2", "text": "... --- !!!"}', "no sentences found"),
    8: ('{"id": "w3", "text": "\\u200b\\u2060"}', "no sentences found"),
    9: ('{"id": "n1", "text": "Looks \\u0000 binary."}', "contains NUL characters"),
    10: ('{"id": "s1", "text": "A lone \\udc80 surrogate."}', "not valid Unicode text"),
    11: ('{"id": "s2", "text": "Fine text.", "title": "\\ud800"}', "not valid Unicode text"),
    12: ("not JSON at all", "invalid JSON"),
    13: ("[1, 2]", "must be a JSON object"),
    14: ('{"text": 5}', "missing or non-string 'text'"),
    15: ('{"id": 7, "text": "Some words."}', "id must be a string"),
    16: ('{"id": "t1", "text": "Some words.", "title": {"a": 1}}', "title must be a string"),
    17: ('{"id": "harbor-daily", "text": "Other text under a stored id."}', "already stored with different text"),
    18: ('{"id": "dup", "text": "First."}', None),  # stored; the next line repeats its id
    19: ('{"id": "dup", "text": "Second."}', "appears twice in this batch"),
}


def test_bad_json_lines_fail_one_by_one(data: Path, tmp_path: Path) -> None:
    good = {
        "ok": '{"id": "ok", "text": "The minister resigned on Friday."}',
        "huge": f'{{"id": "huge", "text": "The flood killed {HUGE_FIGURE} people."}}',  # regression: OverflowError
        "html": '{"id": "html", "text": "<script>alert(1)</script> Talks began.", "title": "<b onclick=x>"}',
        "dup": '{"id": "dup", "text": "First."}',
    }
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join([good["ok"], *(line for line, _ in BAD_LINES.values()), good["huge"], good["html"]]))
    before = stored(data)
    code, out, err = run("ingest", str(batch), "--data-dir", str(data))
    assert code == 1 and "Traceback" not in err
    errors = err.strip().splitlines()
    expected = {number: fragment for number, (_, fragment) in BAD_LINES.items() if fragment is not None}
    assert len(errors) == len(expected), err
    for number, fragment in expected.items():
        assert any(e.startswith("error: ") and f"batch.jsonl:{number}: " in e and fragment in e for e in errors), number
    assert f"{len(good)} sources ({len(good)} added, 0 unchanged), {len(expected)} failed" in out, out

    after = stored(data)
    assert {source_id for source_id, _, _ in after.sources} == {s for s, _, _ in before.sources} | set(good)
    assert set(before.sources) <= set(after.sources)  # the stored sources kept their text and sentences
    assert after.sentence_ids == after.indexed_ids
    assert run("delete", *good, "--data-dir", str(data))[0] == 0  # back to the seeded corpus for the fixture
