"""models/manifest.json pins the packaged model's files; the installed copy must match it byte for byte."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from factcheck.embedding import PACKAGED_MODEL_NAME, Embedder, packaged_model_path
from factcheck.embedding_onnx import default_onnx_dir
from factcheck.onnx_export import ARTIFACT_FILE, RECIPE, read_export_info, sha256_file

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


def test_onnx_export_matches_its_recipe_and_source(onnx_embedder: Embedder) -> None:
    """The derived int8 model: recipe as in the code, made from the pinned files, byte-identical when the tools
    are the recorded versions (the export is deterministic)."""
    manifest = json.loads(MANIFEST.read_text())
    models = {m["name"]: m for m in manifest["models"]}
    derived = models["all-MiniLM-L6-v2-onnx-int8"]
    source = models[derived["derived_from"]]
    assert derived["recipe"] == RECIPE
    assert onnx_embedder.model_id == derived["model_id"] and onnx_embedder.dimension == derived["dimension"]
    for relative, digest in derived["source_files"].items():
        assert source["files"][relative]["sha256"] == digest, relative
    directory = default_onnx_dir()
    info = read_export_info(directory)
    assert info is not None and info["source"]["files"] == derived["source_files"]
    assert sha256_file(directory / ARTIFACT_FILE) == info["artifact"]["sha256"]
    if info["tools"] == derived["reproducible"]["tools"]:
        assert info["artifact"]["sha256"] == derived["reproducible"]["artifact_sha256"]
