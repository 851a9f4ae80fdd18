"""The corpus: idempotent ingest, id conflicts, persistence, crash consistency, locking; on each backend."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from factcheck import (
    Config,
    Corpus,
    IngestFailure,
    IngestResult,
    IngestStatus,
    ModelMismatchError,
    NotFoundError,
    SourceConflictError,
    SourceInput,
    StorageError,
)
from factcheck.corpus import INDEX_FILE
from factcheck.embedding import Embedder
from factcheck.index_cache import stored_vectors

TALKS = SourceInput(
    id="talks",
    text="Negotiators meet at 10am on Friday in Lindhaven. The delegation is headed by the foreign minister.",
    outlet="Test Wire",
)
FLOODS = SourceInput(
    id="floods",
    text="At least 14 people died in the floods in the past day. More than 1,200 people were evacuated.",
)


@pytest.fixture
def config(tmp_path: Path, database_url: str | None) -> Config:
    """Each backend in turn: SQLite in the data directory, then PostgreSQL (the data directory holds the index)."""
    return Config(data_dir=tmp_path / "data", database_url=database_url)


def assert_consistent(corpus: Corpus) -> None:
    """No sentence without a vector, no vector without a sentence, every source complete."""
    stored = np.sort(corpus._storage.sentence_ids())
    assert np.array_equal(np.sort(corpus.index.ids()), stored)
    for source in corpus.list_sources():
        assert len(corpus._storage.source_sentences(source.id)) == source.sentence_count


def test_ingest_is_idempotent(corpus: Corpus) -> None:
    first = corpus.ingest(TALKS)
    assert first == IngestResult("talks", IngestStatus.ADDED, 2)
    again = corpus.ingest(SourceInput(id="talks", text=TALKS.text))
    assert again == IngestResult("talks", IngestStatus.UNCHANGED, 2)
    assert corpus.count_sentences() == 2 and len(corpus.index) == 2
    assert_consistent(corpus)


def test_same_id_other_text_is_refused_and_nothing_changes(corpus: Corpus) -> None:
    corpus.ingest(TALKS)
    with pytest.raises(SourceConflictError, match="'talks' is already stored with different text"):
        corpus.ingest(SourceInput(id="talks", text="Completely different text."))
    assert corpus.get_source("talks").text == TALKS.text
    assert corpus.count_sentences() == 2
    assert_consistent(corpus)


def test_batch_reports_each_outcome(corpus: Corpus) -> None:
    corpus.ingest(TALKS)
    outcomes = list(
        corpus.ingest_many(
            [
                FLOODS,
                SourceInput(id="talks", text="Other text."),
                SourceInput(id="floods", text="Twice in one batch."),
                TALKS,
            ]
        )
    )
    assert outcomes[0] == IngestResult("floods", IngestStatus.ADDED, 2)
    assert isinstance(outcomes[1], IngestFailure) and "different text" in outcomes[1].message
    assert isinstance(outcomes[2], IngestFailure) and "twice" in outcomes[2].message
    assert outcomes[3].status is IngestStatus.UNCHANGED  # type: ignore[union-attr]


def test_search_finds_by_meaning_with_offsets(corpus: Corpus) -> None:
    list(corpus.ingest_many([TALKS, FLOODS]))
    (hit,) = corpus.search("the head of the delegation", k=1)
    assert hit.source_id == "talks"
    assert TALKS.text[hit.start : hit.end] == hit.sentence == "The delegation is headed by the foreign minister."
    (hit,) = corpus.search("how many were evacuated", k=1, source_ids=["floods"])
    assert hit.sentence == "More than 1,200 people were evacuated."
    with pytest.raises(NotFoundError):
        corpus.search("x", source_ids=["nope"])


def test_delete_removes_sentences_and_vectors(corpus: Corpus) -> None:
    list(corpus.ingest_many([TALKS, FLOODS]))
    assert corpus.delete("talks") == 2
    assert {h.source_id for h in corpus.search("delegation headed by minister", k=10)} == {"floods"}
    with pytest.raises(NotFoundError):
        corpus.delete("talks")
    assert_consistent(corpus)


def test_persistence_across_restart(config: Config, embedder: Embedder) -> None:
    with Corpus.open(config, embedder=embedder) as corpus:
        list(corpus.ingest_many([TALKS, FLOODS]))
        before = corpus.search("evacuations after the flood", k=4)
    assert (config.data_dir / INDEX_FILE).is_file()
    with Corpus.open(config, embedder=embedder) as corpus:
        assert corpus.count_sources() == 2
        assert corpus.search("evacuations after the flood", k=4) == before
        assert corpus.get_source("talks").outlet == "Test Wire"
        assert_consistent(corpus)


def test_deleted_then_crashed_index_is_repaired(config: Config, embedder: Embedder) -> None:
    with Corpus.open(config, embedder=embedder) as corpus:
        list(corpus.ingest_many([TALKS, FLOODS]))
    stale = (config.data_dir / INDEX_FILE).read_bytes()
    with Corpus.open(config, embedder=embedder) as corpus:
        corpus.delete("talks")
    (config.data_dir / INDEX_FILE).write_bytes(stale)  # as if the checkpoint after the delete never happened
    with Corpus.open(config, embedder=embedder) as corpus:
        assert_consistent(corpus)
        assert {h.source_id for h in corpus.search("delegation", k=5)} == {"floods"}


def test_corrupt_index_file_is_rebuilt(config: Config, embedder: Embedder) -> None:
    with Corpus.open(config, embedder=embedder) as corpus:
        corpus.ingest(TALKS)
    (config.data_dir / INDEX_FILE).write_bytes(b"garbage")
    with Corpus.open(config, embedder=embedder) as corpus:
        assert len(corpus.index) == 2
        assert corpus.search("who heads the delegation", k=1)[0].source_id == "talks"


@pytest.mark.parametrize("database_url", [None])  # SQLite: PostgreSQL takes many writers (the test below)
def test_second_writer_is_refused_but_readers_are_welcome(config: Config, embedder: Embedder) -> None:
    with Corpus.open(config, embedder=embedder) as writer:
        writer.ingest(TALKS)
        writer.checkpoint()
        with pytest.raises(StorageError, match="in use by another factcheck process"):
            Corpus.open(config, embedder=embedder)
        with Corpus.open(config, embedder=embedder, read_only=True) as reader:
            assert reader.search("delegation", k=1)[0].source_id == "talks"
            with pytest.raises(StorageError, match="read-only"):
                reader.ingest(FLOODS)


def test_writers_of_one_postgresql_store_work_at_once(tmp_path: Path, postgres_url: str, embedder: Embedder) -> None:
    """No lock on a shared store: replicas in one data directory or in their own all write; the holder of the data
    directory's lock writes its index file, another writer there keeps its index in memory."""
    config = Config(data_dir=tmp_path / "data", database_url=postgres_url)
    elsewhere = replace(config, data_dir=config.data_dir.parent / "replica-2")
    with (
        Corpus.open(config, embedder=embedder) as first,
        Corpus.open(config, embedder=embedder) as second,
        Corpus.open(elsewhere, embedder=embedder) as third,
    ):
        first.ingest(TALKS)
        second.ingest(FLOODS)
        assert third.get_source("talks").outlet == "Test Wire" and third.count_sources() == 2
        assert third.ingest(TALKS) == IngestResult("talks", IngestStatus.UNCHANGED, 2)
        with pytest.raises(SourceConflictError, match="different text"):
            third.ingest(SourceInput(id="floods", text="Other text."))
        assert third.delete("floods") == 2 and first.source_ids() == ["talks"]
        second.checkpoint()
        assert not (config.data_dir / INDEX_FILE).exists()  # not the lock holder: the file is first's
        first.checkpoint()
        assert (config.data_dir / INDEX_FILE).is_file()
    with Corpus.open(config, embedder=embedder) as again:  # a replica restarting catches up with the store
        assert_consistent(again)
        assert {h.source_id for h in again.search("who heads the delegation", k=5)} == {"talks"}
        ids, _ = stored_vectors(again._storage, again.embedder.dimension)
        assert sorted(ids.tolist()) == sorted(again.index.ids().tolist())


def test_index_kind_change_rebuilds_from_stored_vectors(config: Config, embedder: Embedder) -> None:
    with Corpus.open(config, embedder=embedder) as corpus:
        list(corpus.ingest_many([TALKS, FLOODS]))
    hnsw = replace(config, index=type(config.index)(kind="hnsw"))
    with Corpus.open(hnsw, embedder=embedder) as corpus:
        assert corpus.index.kind == "hnsw" and len(corpus.index) == 4
        assert corpus.search("who heads the delegation", k=1)[0].source_id == "talks"


class OtherModel:
    model_id = "some-other-model/384"
    dimension = 384

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 384), dtype=np.float32) / np.sqrt(384)


def test_vectors_from_another_model_are_never_mixed(config: Config, embedder: Embedder) -> None:
    with Corpus.open(config, embedder=embedder) as corpus:
        corpus.ingest(TALKS)
    with Corpus.open(config, embedder=OtherModel()) as corpus, pytest.raises(ModelMismatchError, match="all-MiniLM"):
        corpus.ingest(FLOODS)


class FailingModel(OtherModel):
    def encode(self, texts: list[str]) -> np.ndarray:
        raise RuntimeError("killed mid-way")


def test_reembed_replaces_every_vector_and_an_interrupted_one_is_refused(config: Config, embedder: Embedder) -> None:
    with Corpus.open(config, embedder=embedder) as corpus:
        list(corpus.ingest_many([TALKS, FLOODS]))
    with Corpus.open(config, embedder=FailingModel()) as corpus, pytest.raises(RuntimeError):
        corpus.reembed()
    for model in (embedder, OtherModel()):
        with Corpus.open(config, embedder=model) as corpus, pytest.raises(ModelMismatchError, match="unfinished"):
            corpus.search("delegation", k=1)
    with Corpus.open(config, embedder=OtherModel()) as corpus:
        assert corpus.reembed() == 4
        assert corpus.reembed() == 0  # already done
        _, vectors = corpus._storage.vectors(corpus._storage.sentence_ids().tolist())
        assert np.allclose(vectors, 1 / np.sqrt(384)) and len(corpus.index) == 4
        assert_consistent(corpus)
    with Corpus.open(config, embedder=OtherModel(), read_only=True) as reader:
        assert len(reader.search("delegation", k=4)) == 4  # the checkpointed index holds the new vectors


def test_missing_data_dir_for_readers(tmp_path: Path, embedder: Embedder) -> None:
    with pytest.raises(NotFoundError, match="ingest something first"):
        Corpus.open(Config(data_dir=tmp_path / "nothing"), embedder=embedder, read_only=True)


def test_text_without_sentences_is_invalid_not_a_conflict(corpus: Corpus) -> None:
    from factcheck import InvalidInputError

    with pytest.raises(InvalidInputError, match="no sentences"):
        corpus.ingest(SourceInput(id="dots", text="...."))
    assert corpus.source_ids() == []


def test_claims_are_counted_per_source(corpus: Corpus) -> None:
    corpus.ingest(FLOODS)
    assert corpus.count_claims("floods") >= 2  # "at least 14 ... in the past day", "more than 1,200"
    assert corpus.count_claims("floods", typed_only=False) > corpus.count_claims("floods")
