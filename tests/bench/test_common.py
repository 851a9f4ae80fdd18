"""The benches rewrite their own section of docs/benchmarks.md and nothing else, notes written by hand included."""

from __future__ import annotations

from pathlib import Path

from bench._common import KEPT_NOTES, write_docs

DOC = """# Benchmarks

## Ingest

Command: first run.

| a | b |
|---|---|
| 1 | 2 |

{marker}

What the measurements showed, written by hand.

## Peers

Peers text.
"""


def test_a_rerun_replaces_the_measured_part_and_keeps_the_notes(tmp_path: Path) -> None:
    path = tmp_path / "benchmarks.md"
    path.write_text(DOC.format(marker=KEPT_NOTES), encoding="utf-8")
    write_docs("## Ingest", "## Ingest\n\nCommand: new run.\n\n| a | b |\n|---|---|\n| 3 | 4 |\n", path)
    text = path.read_text(encoding="utf-8")
    assert "new run" in text and "| 3 | 4 |" in text
    assert "first run" not in text and "| 1 | 2 |" not in text
    assert text.index("| 3 | 4 |") < text.index(KEPT_NOTES) < text.index("written by hand") < text.index("## Peers")
    assert text.count("## Ingest") == 1 and "Peers text." in text


def test_a_section_without_notes_is_replaced_whole_and_a_new_one_appended(tmp_path: Path) -> None:
    path = tmp_path / "benchmarks.md"
    path.write_text(DOC.format(marker=""), encoding="utf-8")
    write_docs("## Ingest", "## Ingest\n\nCommand: new run.\n", path)
    write_docs("## Report", "## Report\n\nCommand: report run.\n", path)
    text = path.read_text(encoding="utf-8")
    assert "written by hand" not in text and KEPT_NOTES not in text
    assert text.index("new run") < text.index("## Peers") < text.index("## Report")
