# Two commands for a new user (see README):  make demo  |  make test
# Everything installs into .venv from the package registries; torch comes first from its CPU wheel so that
# sentence-transformers does not pull a multi-GB CUDA build.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DATA := data/demo

.PHONY: install demo test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/factcheck ingest examples/articles --data-dir $(DEMO_DATA)
	$(BIN)/factcheck search "how many people have died in the floods according to the UN" -k 3 --data-dir $(DEMO_DATA)
	$(BIN)/factcheck check "The UN says 63 people have been killed in the floods since March 1" --data-dir $(DEMO_DATA)
	@echo
	@echo "Try: $(BIN)/factcheck check \"Ivo Sarkan heads the Kastavian delegation\" --data-dir $(DEMO_DATA)"

test: $(STAMP)
	$(BIN)/python -m pytest

# Every benchmark in bench/, one after the other, each rewriting its section of docs/benchmarks.md. Run it on a
# quiet machine: about 1.5 hours the first time (it builds and caches a 100k-sentence corpus), less after.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	$(BIN)/python bench/all.py

lint: $(STAMP)
	$(BIN)/ruff check factcheck api tests bench eval
	$(BIN)/ruff format --check factcheck api tests bench eval
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(DEMO_DATA)
