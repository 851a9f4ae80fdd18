"""The shipped int8 verifier rebuilt as a training checkpoint (train/from_onnx.py)."""

from __future__ import annotations

import numpy as np
import torch

from factcheck.pair_verifier import MODEL_FILE, PairVerifier, default_verifier_dir
from train.from_onnx import state_from_onnx
from train.verifier import build_model

PAIRS = [
    ("The ministry said 40 people were killed in the flooding in Velmar on Tuesday.", "Forty people died in Velmar."),
    ("The ministry said 40 people were killed in the flooding in Velmar on Tuesday.", "Ninety people died in Velmar."),
    ("Ivo Petrak was sworn in as mayor of Kastavia on Monday.", "The harbour reopened after the storm."),
]


def test_the_rebuilt_model_reads_pairs_as_the_shipped_file_does() -> None:
    model, tokenizer = build_model(13)
    state = state_from_onnx(default_verifier_dir() / MODEL_FILE)
    expected = model.state_dict()
    # The pooler is never read (mean pooling): the export folded it away.
    assert {k for k in expected if k not in state} <= {
        "encoder.embeddings.position_ids",
        "encoder.pooler.dense.weight",
        "encoder.pooler.dense.bias",
    }
    assert "encoder.encoder.layer.5.output.dense.weight" in state and "head.weight" in state
    assert all(state[k].shape == expected[k].shape for k in state)
    model.load_state_dict(state, strict=False)
    model.eval()
    with torch.no_grad():
        encoded = tokenizer([p for p, _ in PAIRS], [h for _, h in PAIRS], padding=True, return_tensors="pt")
        rebuilt = torch.softmax(model(**encoded), -1).numpy()
    shipped = PairVerifier().probabilities(PAIRS)
    # Only the activations' dynamic int8 quantisation at run time separates the two.
    assert np.abs(rebuilt - shipped).max() < 0.1
    assert list(rebuilt.argmax(1)) == list(shipped.argmax(1))
