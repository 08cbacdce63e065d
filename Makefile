# Accord: the documented commands. `make run` and `make test` set everything up on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEB := src/accord/web
# `make run PORT=8001` when 8000 is taken
PORT ?= 8000

.PHONY: install run test test-slow fuzz lint bench clean chromium

$(STAMP): pyproject.toml $(WEB)/package.json $(wildcard $(WEB)/package-lock.json)
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	cd $(WEB) && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/accord world summary
	$(BIN)/accord serve --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	cd $(WEB) && npm run --silent lint && npm run --silent format:check && npm test --silent

test: lint
	$(BIN)/pytest -q

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser).
chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

test-slow: $(STAMP) chromium
	$(BIN)/pytest -q -m slow || [ $$? -eq 5 ]

# The property and fuzzing suites on new random inputs every run (CI replays fixed ones).
fuzz: $(STAMP)
	ACCORD_HYPOTHESIS=explore $(BIN)/pytest -q -m slow tests/hardening tests/api/test_schema.py

# Benchmarks compare against peers (NegMAS, Mesa) installed only for them: the `bench` extra.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
