# Everything starts from nothing: `make test` builds .venv, installs, lints and tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install system-deps js-deps test test-fast test-dates lint demo bench clean

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

# The page checkers the dashboard tests run (axe-core, html-validate, the W3C Nu validator),
# pinned in tests/support/js/package-lock.json: `npm ci` when node_modules is missing or older
# than the lock. --ignore-scripts: vnu-jar's install script would download a Java of its own;
# the tests run vnu.jar on the machine's Java. Without npm: one line, and the tests that need
# these tools skip loudly (fail under CI=true).
JS_DIR   := tests/support/js
JS_STAMP := $(JS_DIR)/node_modules/.installed

$(JS_STAMP): $(JS_DIR)/package.json $(JS_DIR)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd $(JS_DIR) && npm ci --no-audit --no-fund --ignore-scripts && touch node_modules/.installed; \
	else \
		echo "js-deps: npm not found: the dashboard's axe-core and HTML validator tests will be skipped"; \
	fi

js-deps: $(JS_STAMP)

test: system-deps js-deps lint
	$(BIN)/pytest

# The quick loop while working: everything but the real-tool and whole-demo tests.
test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow"

# The whole suite again under two fixed clocks (libfaketime): inside the plan period and
# years after it. A test whose result depends on the day it runs fails one of them.
# CI runs it after `make test` (.ci/run).
FAKE_DAYS := 2025-07-20 2031-03-14
test-dates: system-deps js-deps
	@for day in $(FAKE_DAYS); do \
		echo "test-dates: the suite as if today were $$day"; \
		faketime "$$day 10:00:00" $(BIN)/pytest -p no:cacheprovider || exit 1; \
	done

demo: $(STAMP)
	$(BIN)/jianyian validate
	$(BIN)/jianyian plan
	$(BIN)/python examples/demo/build.py examples/demo/project
	$(BIN)/jianyian brief --month 2025-07 --as-of 2025-08-10 --root examples/demo/project

# Performance benchmark (issue 7): synthetic projects in bench-out/, results on stdout.
# BENCH_ARGS passes options through, e.g. `make bench BENCH_ARGS="--sizes 1k,10k"`.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache $(JS_DIR)/node_modules
