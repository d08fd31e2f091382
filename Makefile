# Everything starts from nothing: `make test` builds .venv, installs, lints and tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install system-deps test lint demo bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check src tests

# Debian packages for the LibreOffice / Chromium / CJK-font tests (see the script's header):
# a no-op when present, apt-get install when root, one "will be skipped" line otherwise.
system-deps:
	bash tests/support/system-deps.sh

test: system-deps lint
	$(BIN)/pytest

demo: $(STAMP)
	$(BIN)/jianyian validate
	$(BIN)/jianyian plan
	$(BIN)/python examples/demo/build.py examples/demo/project
	$(BIN)/jianyian brief --month 2025-07 --root examples/demo/project

# Performance benchmark (issue 7): synthetic projects in bench-out/, results on stdout.
# BENCH_ARGS passes options through, e.g. `make bench BENCH_ARGS="--sizes 1k,10k"`.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
