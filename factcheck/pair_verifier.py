"""The trained claim verifier at run time: (evidence sentence, claim) -> P(entailment), P(neutral), P(contradiction).

A small cross-encoder the project trains itself (``train/verifier.py``; data, licences and scores in
``models/verifier/MODEL_CARD.md``), shipped as an ONNX file with int8 weights and run by onnxruntime: no torch
in the serving process, ~20 MB on disk. Each pair runs alone (no padding, so a pair's scores never depend on
what else is in the call) and pairs run in parallel threads, as the ONNX embedder does. The last few thousand
readings are kept, so a report built again or a claim checked again reads nothing twice.
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factcheck.embedding_onnx import single_thread_session
from factcheck.errors import ConfigError

MODEL_FILE = "verifier.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
SPEC_FILE = "verifier.json"
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
LABELS = ("entailment", "neutral", "contradiction")
ENTAILMENT, NEUTRAL, CONTRADICTION = range(3)
#: Readings kept per loaded model (a pair is a few hundred bytes of text and three floats).
CACHED_READINGS = 8192


def default_verifier_dir() -> Path:
    """``models/verifier/`` of the checkout (the file is committed)."""
    return Path(__file__).resolve().parents[1] / "models" / "verifier"


class PairVerifier:
    def __init__(self, directory: Path | None = None, *, threads: int | None = None) -> None:
        directory = directory or default_verifier_dir()
        missing = [n for n in (MODEL_FILE, TOKENIZER_FILE, SPEC_FILE) if not (directory / n).is_file()]
        if missing:
            raise ConfigError(f"the trained verifier is incomplete in {directory}: missing {', '.join(missing)}")
        from tokenizers import Tokenizer

        spec = json.loads((directory / SPEC_FILE).read_text(encoding="utf-8"))
        if tuple(spec.get("labels", ())) != LABELS:
            raise ConfigError(f"the verifier in {directory} has labels {spec.get('labels')}, expected {list(LABELS)}")
        self._session = single_thread_session(directory / MODEL_FILE, "the verifier model")
        self._tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=int(spec["max_tokens"]), strategy="longest_first")
        workers = threads or len(os.sched_getaffinity(0))
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="verifier") if workers > 1 else None
        self._cache: OrderedDict[tuple[str, str], npt.NDArray[np.float32]] = OrderedDict()
        self._lock = threading.Lock()

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        """One row per (evidence, claim) pair: probabilities of entailment, neutral, contradiction."""
        result = np.zeros((len(pairs), 3), dtype=np.float32)
        with self._lock:
            known = {pair: self._cache[pair] for pair in pairs if pair in self._cache}
        todo = list(dict.fromkeys(pair for pair in pairs if pair not in known))
        if todo:
            encodings = self._tokenizer.encode_batch([(evidence, claim) for evidence, claim in todo])
            rows: Any = (
                map(self._run, encodings)
                if self._pool is None or len(encodings) == 1
                else self._pool.map(self._run, encodings)
            )
            fresh = dict(zip(todo, rows, strict=True))
            with self._lock:
                for pair, row in fresh.items():
                    self._cache[pair] = row
                while len(self._cache) > CACHED_READINGS:
                    self._cache.popitem(last=False)
            known |= fresh
        for index, pair in enumerate(pairs):
            result[index] = known[pair]
        return result

    def _run(self, encoding: Any) -> npt.NDArray[np.float32]:
        ids = np.asarray([encoding.ids], dtype=np.int64)
        feed = {
            "input_ids": ids,
            "attention_mask": np.ones_like(ids),
            "token_type_ids": np.asarray([encoding.type_ids], dtype=np.int64),
        }
        logits = self._session.run(["logits"], feed)[0][0].astype(np.float64)
        exp = np.exp(logits - logits.max())
        probabilities: npt.NDArray[np.float32] = (exp / exp.sum()).astype(np.float32)
        return probabilities


@cache
def shared_verifier(directory: Path | None = None) -> PairVerifier:
    """One loaded verifier per process and directory."""
    return PairVerifier(directory)
