# Two commands for a new user (see README):  make demo  |  make test
# Everything installs into .venv from the package registries; torch comes first from its CPU wheel so that
# sentence-transformers does not pull a multi-GB CUDA build.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DATA := data/demo
# The packaged model exported to ONNX with int8 weights, for the minilm-onnx-int8 embedder: made here, offline
# and deterministically, from the installed model (gitignored, ~60 MB). Re-made when the export recipe changes;
# the embedder also makes it on first use if it is missing.
ONNX_MODEL := models/onnx/all-MiniLM-L6-v2-int8/export.json

.PHONY: install demo test lint bench clean

install: $(STAMP) $(ONNX_MODEL)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(ONNX_MODEL): $(STAMP) factcheck/onnx_export.py
	$(BIN)/factcheck export-onnx
	touch $@

demo: install
	$(BIN)/factcheck ingest examples/articles --data-dir $(DEMO_DATA)
	$(BIN)/factcheck search "how many people have died in the floods according to the UN" -k 3 --data-dir $(DEMO_DATA)
	$(BIN)/factcheck check "The UN says 63 people have been killed in the floods since March 1" --data-dir $(DEMO_DATA)
	@echo
	@echo "Try: $(BIN)/factcheck check \"Ivo Sarkan heads the Kastavian delegation\" --data-dir $(DEMO_DATA)"

test: install
	$(BIN)/python -m pytest

# Every benchmark in bench/, one after the other, each rewriting its section of docs/benchmarks.md. Run it on a
# quiet machine: about 1.5 hours the first time (it builds and caches a 100k-sentence corpus), less after.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	$(BIN)/python bench/all.py

lint: $(STAMP)
	$(BIN)/ruff check factcheck api tests bench eval train
	$(BIN)/ruff format --check factcheck api tests bench eval train
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(DEMO_DATA) models/onnx
