"""The int8 ONNX embedder against the exact path (sentence-transformers, fp32) on real sentences.

Stated tolerance (the same targets bench/embedder.py reports on all seed and BASIL sentences): 99% of
sentences at cosine >= 0.98 to their fp32 vector and none below 0.97; the top-10 neighbours of each sentence
(exact inner product over all sentences of the set) shared with the fp32 path at >= 0.9 on average.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from factcheck import Config, Corpus, EmbedderConfig, ModelMismatchError, SourceInput
from factcheck.embedding import Embedder
from factcheck.embedding_onnx import ONNX_EMBEDDER, OnnxInt8Embedder, default_onnx_dir
from factcheck.errors import ConfigError
from factcheck.onnx_export import ARTIFACT_FILE, EXPORT_FILE, RECIPE, is_current, read_export_info, sha256_file
from factcheck.segment import Segmenter
from factcheck.sources import read_path

ROOT = Path(__file__).resolve().parents[2]
COSINE_P1 = 0.98
COSINE_MIN = 0.97
TOP10_OVERLAP = 0.9
BASIL_ARTICLES = 30  # the first articles by path: ~800 sentences, a few seconds per embedder

Vectors = npt.NDArray[np.float32]


def sentences_of(paths: list[Path]) -> list[str]:
    segmenter = Segmenter()
    return [
        span.text
        for path in paths
        for source in read_path(path, max_file_bytes=1 << 22, max_source_chars=1 << 22)
        if isinstance(source, SourceInput)
        for span in segmenter.split(source.text)
    ]


def basil_sentences(shared: Path, limit: int) -> list[str]:
    def flat(paragraph: object) -> str:
        if isinstance(paragraph, list):
            return " ".join(flat(p) for p in paragraph)
        return str(paragraph).strip()

    segmenter = Segmenter()
    out: list[str] = []
    for path in sorted((shared / "data" / "basil" / "articles").glob("*/*.json"))[:limit]:
        paragraphs = json.loads(path.read_text(encoding="utf-8")).get("body-paragraphs") or []
        text = "\n\n".join(p for p in map(flat, paragraphs) if p)
        out.extend(span.text for span in segmenter.split(text))
    return out


def top_k_overlap(exact: Vectors, fast: Vectors, k: int = 10) -> float:
    """Mean share of each sentence's k nearest sentences (itself included) that both paths agree on."""
    k = min(k, len(exact))
    near_exact = np.argsort(-(exact @ exact.T), axis=1, kind="stable")[:, :k]
    near_fast = np.argsort(-(fast @ fast.T), axis=1, kind="stable")[:, :k]
    return float(np.mean([len(set(a) & set(b)) / k for a, b in zip(near_exact, near_fast, strict=True)]))


def assert_equivalent(exact_embedder: Embedder, fast_embedder: Embedder, sentences: list[str]) -> None:
    assert len(sentences) >= 50
    exact, fast = exact_embedder.encode(sentences), fast_embedder.encode(sentences)
    assert fast.shape == exact.shape and fast.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    cosine = np.sum(exact * fast, axis=1)
    worst = sentences[int(np.argmin(cosine))]
    assert float(np.percentile(cosine, 1)) >= COSINE_P1, worst
    assert float(cosine.min()) >= COSINE_MIN, worst
    assert top_k_overlap(exact, fast) >= TOP10_OVERLAP


def test_example_sentences_match_the_exact_path(
    embedder: Embedder, onnx_embedder: Embedder, examples_dir: Path
) -> None:
    assert_equivalent(embedder, onnx_embedder, sentences_of(sorted(examples_dir.iterdir())))


@pytest.mark.shared
def test_seed_and_basil_sentences_match_the_exact_path(
    embedder: Embedder, onnx_embedder: Embedder, shared_dir: Path
) -> None:
    seeds = sentences_of(sorted((shared_dir / "seeds").glob("*.txt")))
    assert_equivalent(embedder, onnx_embedder, seeds)
    assert_equivalent(embedder, onnx_embedder, seeds + basil_sentences(shared_dir, BASIL_ARTICLES))


def test_a_vector_does_not_depend_on_its_batch(onnx_embedder: Embedder, examples_dir: Path) -> None:
    sentences = sentences_of(sorted(examples_dir.iterdir()))[:40]
    batch = onnx_embedder.encode(sentences)
    alone = np.vstack([onnx_embedder.encode([s]) for s in sentences])
    assert np.array_equal(batch, alone)
    assert np.array_equal(onnx_embedder.encode(sentences[::-1])[::-1], batch)


def test_empty_blank_and_overlong_inputs(embedder: Embedder, onnx_embedder: Embedder) -> None:
    none = onnx_embedder.encode([])
    assert none.shape == (0, 384) and none.dtype == np.float32
    # Blank text still has [CLS] [SEP]: a finite unit vector, close to the exact path's (never NaN).
    # Overlong text is cut at max_seq_length 256 like sentence-transformers (the tokenizer file says 128).
    words = " ".join(f"The delegation met officials in city number {i} on Friday." for i in range(80))
    texts = ["", "   ", words, words + " And then something else entirely happened at the very end."]
    fast, exact = onnx_embedder.encode(texts), embedder.encode(texts)
    assert np.all(np.isfinite(fast))
    assert np.all(np.sum(fast * exact, axis=1) >= COSINE_MIN)
    assert np.array_equal(fast[2], fast[3])  # the words after token 256 are not seen


def test_model_ids_differ_and_follow_the_recipe(embedder: Embedder, onnx_embedder: Embedder) -> None:
    assert onnx_embedder.dimension == embedder.dimension == 384
    assert onnx_embedder.model_id == f"all-MiniLM-L6-v2-onnx-int8-r{RECIPE['revision']}/384"
    assert onnx_embedder.model_id != embedder.model_id


def test_switching_embedders_is_refused_until_the_corpus_is_reembedded(
    tmp_path: Path, embedder: Embedder, onnx_embedder: Embedder
) -> None:
    text = "Negotiators meet at 10am on Friday in Lindhaven. The delegation is headed by the foreign minister."
    for built_with, other in ((embedder, onnx_embedder), (onnx_embedder, embedder)):
        config = Config(data_dir=tmp_path / built_with.model_id.replace("/", "_"))
        with Corpus.open(config, embedder=built_with) as corpus:
            corpus.ingest(SourceInput(id="talks", text=text))
            assert corpus.search("who leads the delegation", k=1)[0].sentence.startswith("The delegation")
        with Corpus.open(config, embedder=other) as corpus, pytest.raises(ModelMismatchError) as raised:
            corpus.search("who leads the delegation", k=1)
        assert built_with.model_id in str(raised.value) and other.model_id in str(raised.value)
        assert "factcheck reembed" in str(raised.value)
        with Corpus.open(config, embedder=other) as corpus:
            assert corpus.reembed() == 2
            hit = corpus.search("who leads the delegation", k=1)[0]
            assert hit.sentence.startswith("The delegation") and hit.score == pytest.approx(
                float(other.encode(["who leads the delegation"])[0] @ other.encode([hit.sentence])[0]), abs=1e-5
            )
        with Corpus.open(config, embedder=built_with) as corpus, pytest.raises(ModelMismatchError):
            corpus.search("who leads the delegation", k=1)


def test_encoding_never_imports_torch(tmp_path: Path) -> None:
    # A fresh interpreter: this one has torch loaded by the exact-path embedder.
    code = textwrap.dedent(
        """
        import sys
        from factcheck import Config, Corpus, EmbedderConfig, SourceInput
        config = Config(data_dir=sys.argv[1], embedder=EmbedderConfig(name="minilm-onnx-int8"))
        with Corpus.open(config) as corpus:
            corpus.ingest(SourceInput(id="a", text="The UN says 63 people died in the floods. Rain eased."))
            hits = corpus.search("death toll of the floods", k=1)
        assert hits[0].sentence.startswith("The UN says"), hits
        loaded = sorted(m for m in ("torch", "transformers", "sentence_transformers") if m in sys.modules)
        print(",".join(loaded) or "none")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "none"


def test_the_export_is_current_and_intact() -> None:
    directory = default_onnx_dir()
    info = read_export_info(directory)
    assert is_current(info)
    assert info is not None and sha256_file(directory / ARTIFACT_FILE) == info["artifact"]["sha256"]
    assert not is_current({**info, "recipe": {**RECIPE, "revision": RECIPE["revision"] + 1}})
    assert not is_current({**info, "source": {**info["source"], "package_version": "0.0.0"}})


def test_an_explicit_directory_without_an_export_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no ONNX export in .*factcheck export-onnx --out"):
        OnnxInt8Embedder(EmbedderConfig(name=ONNX_EMBEDDER, model_path=tmp_path))
    (tmp_path / EXPORT_FILE).write_text("{not json")
    with pytest.raises(ConfigError, match="no ONNX export"):
        OnnxInt8Embedder(EmbedderConfig(name=ONNX_EMBEDDER, model_path=tmp_path))


def test_first_use_exports_in_a_child_process_and_the_export_is_deterministic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, onnx_embedder: Embedder, caplog: pytest.LogCaptureFixture
) -> None:
    directory = tmp_path / "onnx"
    monkeypatch.setattr("factcheck.embedding_onnx.default_onnx_dir", lambda: directory)
    with caplog.at_level("WARNING", logger="factcheck.embedding_onnx"):
        fresh = OnnxInt8Embedder(EmbedderConfig(name=ONNX_EMBEDDER))
    assert "is missing: exporting it now" in caplog.text
    made, installed = read_export_info(directory), read_export_info(default_onnx_dir())
    assert made is not None and installed is not None
    assert made["artifact"]["sha256"] == installed["artifact"]["sha256"] == sha256_file(directory / ARTIFACT_FILE)
    sentences = ["The UN says 63 people have been killed.", "Talks resume on Friday."]
    assert np.array_equal(fresh.encode(sentences), onnx_embedder.encode(sentences))
    assert not any(p.name.startswith(".onnx.") and p.is_dir() for p in tmp_path.iterdir())  # no staging left
