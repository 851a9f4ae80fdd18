"""The probe sets in probes/ hold the verdict quality at the level reached (see docs/evaluation.md).

Floors are the figures measured when they were last raised, rounded down; they catch regressions. Conflict
precision is held highest: a wrong conflict costs a journalist's trust more than a missed one. The probes run
with each shipped embedder (exact fp32 and int8 ONNX): the floors hold whichever one a deployment picks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import Config, Corpus, InvalidInputError, SourceInput
from factcheck.embedding import Embedder
from factcheck.evaluate import evaluate, format_report, load_probes
from factcheck.sources import read_path

PROBES = Path(__file__).resolve().parents[2] / "probes"


def corpus_with(paths: list[Path], data_dir: Path, embedder: Embedder) -> Corpus:
    corpus = Corpus.open(Config(data_dir=data_dir), embedder=embedder)
    sources = [s for p in paths for s in read_path(p, max_file_bytes=1 << 20, max_source_chars=1 << 20)]
    list(corpus.ingest_many(sources))  # type: ignore[arg-type]
    return corpus


def test_example_probes(tmp_path: Path, any_embedder: Embedder, examples_dir: Path) -> None:
    with corpus_with(sorted(examples_dir.iterdir()), tmp_path, any_embedder) as corpus:
        report = evaluate(corpus, load_probes(PROBES / "examples.jsonl"))
    print(format_report(report))
    # Measured (2026-12-07, session 37: agree 0.70, agree_typed 0.80, int8 embedder): accuracy 0.901 (91/101),
    # conflict P 1.000 / F1 0.873, agree P 0.947 (36/38; session 21, agree 0.85: 0.911, 0.893, 1.000). Floors two
    # probes below (int8 kernels and thread counts differ between CPUs), except agree P: one wrong agreement more
    # (36/39, 0.923) would fail its 0.93, left as it was set; issue 11's bar for the probes (0.90) is reported in
    # docs/evaluation.md, not enforced here.
    assert len(report.outcomes) >= 100
    assert report.accuracy >= 0.88
    assert report.per_verdict["conflict"].precision >= 0.93
    assert report.per_verdict["conflict"].f1 >= 0.85
    assert report.per_verdict["agree"].precision >= 0.93


def test_seed_probes(seed_sources: list[SourceInput], tmp_path: Path, any_embedder: Embedder) -> None:
    with Corpus.open(Config(data_dir=tmp_path), embedder=any_embedder) as corpus:
        list(corpus.ingest_many(seed_sources))
        report = evaluate(corpus, load_probes(PROBES / "seeds.jsonl"))
    print(format_report(report))
    # Measured (2026-12-07, session 37: agree 0.70, agree_typed 0.80): accuracy 0.916 (76/83), agree P 0.939,
    # conflict P 1.000 / F1 0.936 (session 21, agree 0.85: 0.916, 0.938, 0.958).
    # Floors two probes below (int8 kernels and thread counts differ between CPUs); issue 11's bar for the probes
    # (0.90) is reported in docs/evaluation.md, not enforced here.
    assert report.accuracy >= 0.88
    assert report.per_verdict["conflict"].precision >= 0.93
    assert report.per_verdict["conflict"].f1 >= 0.92
    assert report.per_verdict["agree"].precision >= 0.88


def test_probe_files_are_well_formed(tmp_path: Path) -> None:
    for path in sorted(PROBES.glob("*.jsonl")):
        for probe in load_probes(path):
            assert set(probe.expected_sources) == set(probe.sources), probe.id
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"claim": "x"}\n')
    with pytest.raises(InvalidInputError, match="not a probe"):
        load_probes(bad)
