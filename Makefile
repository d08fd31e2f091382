# Everything starts from nothing: `make test` builds .venv, installs, lints and tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install test lint demo bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check src tests

test: lint
	$(BIN)/pytest

demo: $(STAMP)
	$(BIN)/jianyian validate
	$(BIN)/jianyian plan

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
