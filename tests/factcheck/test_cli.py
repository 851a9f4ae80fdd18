"""The factcheck command line, run in-process with the real model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.embedding import Embedder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ingest_search_sources_delete(tmp_path: Path, examples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    code, out, err = run(capsys, "ingest", str(examples_dir), "--data-dir", data)
    assert code == 0, err
    assert "3 sources (3 added, 0 unchanged), 0 failed;" in out and "sentences indexed in" in out
    # The conflicts the new sources bring, each once: the UN toll and who heads Kastavia's delegation.
    assert "2 conflicts involving the new sources:" in out, out
    assert "radio-meridian says 81 people killed" in out and "Sarkan heads" in out

    code, out, _ = run(capsys, "ingest", str(examples_dir), "--data-dir", data)
    assert code == 0 and "3 sources (0 added, 3 unchanged), 0 failed; 0 sentences" in out
    assert "conflict" not in out  # nothing new, nothing compared

    code, out, _ = run(capsys, "search", "who heads the Kastavian delegation", "-k", "3", "--json", "--data-dir", data)
    hits = json.loads(out)
    assert code == 0 and len(hits) == 3
    assert set(hits[0]) == {"source_id", "sentence", "start", "end", "score"}
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]

    code, out, _ = run(capsys, "search", "helicopters", "--sources", "radio-meridian", "--data-dir", data)
    assert code == 0 and " 1. " in out and "radio-meridian" in out and "harbor-daily" not in out

    code, out, _ = run(capsys, "sources", "--data-dir", data)
    assert "harbor-daily" in out and "2026-03-13" in out and out.strip().endswith("3 sources")

    code, out, err = run(capsys, "delete", "harbor-daily", "nope", "--data-dir", data)
    assert code == 1 and "deleted harbor-daily" in out and "no source with id 'nope'" in err
    code, out, _ = run(capsys, "sources", "--json", "--data-dir", data)
    assert [s["id"] for s in json.loads(out)] == ["northern-ledger", "radio-meridian"]

    code, out, _ = run(capsys, "rebuild-index", "--data-dir", data)
    assert code == 0 and "rebuilt the auto (flat) index" in out  # a small corpus: exact


def test_bad_files_fail_alone_and_clearly(
    tmp_path: Path, examples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(examples_dir, batch)
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    (batch / "latin1.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (batch / "clip.mov").write_bytes(b"video")
    with (batch / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, out, err = run(
        capsys, "ingest", str(batch), str(tmp_path / "missing.md"), "--data-dir", str(tmp_path / "data")
    )
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 6, err
    for name, message in [
        ("binary.txt", "binary"),
        ("clip.mov", "unsupported file type '.mov'"),
        ("empty.txt", "file is empty"),
        ("huge.txt", "over the 16.8 MB limit"),
        ("latin1.txt", "not valid UTF-8"),
        ("missing.md", "no such file"),
    ]:
        assert any(line.startswith(f"error: {tmp_path}") and name in line and message in line for line in lines), name
    assert "3 sources (3 added, 0 unchanged), 6 failed" in out


def test_conflicting_text_under_the_same_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text("The minister arrived on Friday. Talks began.")
    (tmp_path / "b" / "story.txt").write_text("The minister arrived on Saturday. Talks began.")
    assert run(capsys, "ingest", str(tmp_path / "a"), "--data-dir", data)[0] == 0
    code, out, err = run(capsys, "ingest", str(tmp_path / "b"), "--data-dir", data)
    assert code == 1 and "story.txt: source id 'story' is already stored with different text" in err
    code, out, _ = run(capsys, "search", "when did the minister arrive", "-k", "1", "--data-dir", data)
    assert "Friday" in out


def test_metadata_flags_and_usage_errors(
    tmp_path: Path, examples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    code, _, _ = run(
        capsys,
        "ingest",
        str(examples_dir / "radio-meridian.txt"),
        "--outlet",
        "Wire",
        "--published-at",
        "2026-01-02",
        "--data-dir",
        data,
    )
    assert code == 0
    code, out, _ = run(capsys, "sources", "--json", "--data-dir", data)
    assert json.loads(out)[0]["outlet"] == "Wire" and json.loads(out)[0]["published_at"] == "2026-01-02"
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", "x.txt", "--published-at", "tomorrow"])
    assert exit_info.value.code == 2
    assert "--published-at must be YYYY-MM-DD" in capsys.readouterr().err
    code, _, err = run(capsys, "search", "   ", "--data-dir", data)
    assert code == 1 and "error: the search query is empty" in err
    code, _, err = run(capsys, "search", "x", "-k", "0", "--data-dir", data)
    assert code == 1 and "k must be between 1 and 1000" in err
    code, _, err = run(capsys, "search", "x", "--data-dir", str(tmp_path / "empty"))
    assert code == 1 and "ingest something first" in err
    assert main([]) == 2


def test_data_dir_from_environment(
    tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path / "env-data"))
    assert run(capsys, "ingest", str(examples_dir / "northern-ledger.md"))[0] == 0
    assert (tmp_path / "env-data" / "factcheck.sqlite3").is_file()


def test_acceptance_query_on_the_seed_articles(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    seeds = sorted(str(p) for p in (shared_dir / "seeds").glob("*.txt"))
    assert run(capsys, "ingest", *seeds, "--data-dir", data)[0] == 0
    code, out, _ = run(
        capsys,
        "search",
        "how many civilians has the war killed according to the UN",
        "-k",
        "2",
        "--json",
        "--data-dir",
        data,
    )
    assert code == 0
    hits = json.loads(out)
    assert sorted(h["source_id"] for h in hits) == ["000_ffb46453cc274d5e", "003_d0b0cb5dad326dab"]
    for hit in hits:
        assert "12,000" in hit["sentence"] and "UN" in hit["sentence"]  # the UN civilian toll
        text = next(p for p in (shared_dir / "seeds").glob(f"{hit['source_id']}.txt")).read_text()
        # offsets index the stored article text, which drops the file's " date YYYY-MM-DD " marker
        assert hit["sentence"] in text


def test_switching_embedder_needs_reembed(
    tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    monkeypatch.setenv("FACTCHECK_EMBEDDER", "sentence-transformers")
    assert run(capsys, "ingest", str(examples_dir / "northern-ledger.md"), "--data-dir", data)[0] == 0
    monkeypatch.setenv("FACTCHECK_EMBEDDER", "minilm-onnx-int8")
    code, _, err = run(capsys, "search", "flood death toll", "--data-dir", data)
    assert code == 1 and "was embedded with all-MiniLM-L6-v2/384" in err and "factcheck reembed" in err
    code, out, _ = run(capsys, "reembed", "--data-dir", data)
    assert code == 0 and "sentences embedded again with all-MiniLM-L6-v2-onnx-int8-r1/384" in out
    code, out, _ = run(capsys, "search", "flood death toll", "-k", "1", "--data-dir", data)
    assert code == 0 and " 1. " in out and "northern-ledger" in out


def test_export_onnx_keeps_a_current_export(onnx_embedder: Embedder, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export-onnx")  # the fixture made sure an export exists
    assert code == 0 and "ONNX int8 model is up to date in" in out
