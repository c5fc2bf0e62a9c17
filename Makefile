# The two set-up commands (see README): `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint unit install knowledge bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/infusion-coder serve

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

test: lint unit

# Rebuild the packaged reference data from the raw CMS files in ../shared/data.
knowledge: $(STAMP)
	$(BIN)/python scripts/build_knowledge.py --source ../shared/data --domain ../shared/domain

bench: $(STAMP)
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f; done

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
