"""models/manifest.json pins the packaged model's files; the installed copy must match it byte for byte."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from factcheck.embedding import PACKAGED_MODEL_NAME, Embedder, packaged_model_path

MANIFEST = Path(__file__).resolve().parents[1] / "models" / "manifest.json"


def test_installed_model_matches_the_manifest(embedder: Embedder) -> None:
    manifest = json.loads(MANIFEST.read_text())
    (model,) = [m for m in manifest["models"] if m["name"] == manifest["default"]]
    assert model["name"] == PACKAGED_MODEL_NAME
    assert embedder.dimension == model["dimension"]
    assert embedder.model_id == f"{model['name']}/{model['dimension']}"
    root = packaged_model_path()
    for relative, expected in model["files"].items():
        data = (root / relative).read_bytes()
        assert len(data) == expected["bytes"], relative
        assert hashlib.sha256(data).hexdigest() == expected["sha256"], relative
