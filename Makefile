# Fresh clone → `make run` (serve the site) or `make test` (the whole suite).
# Needs only Python ≥ 3.11 and apt; everything else is installed here.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONTENT ?= content
INDEX ?= instance/index
HOST ?= 127.0.0.1
PORT ?= 5000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := chromium chromium-driver

.PHONY: run test install install-test system-deps lint validate index translations-check bench serve-prod audit check-links clean

run: install validate index
	$(BIN)/catalogue serve --content $(CONTENT) --index $(INDEX) --host $(HOST) --port $(PORT)

test: install-test system-deps lint translations-check
	$(BIN)/catalogue validate --strict --content $(CONTENT)
	$(BIN)/python -m pytest -q

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Debian packages the tests drive: a real headless Chromium and its driver.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

validate: install
	$(BIN)/catalogue validate --content $(CONTENT)

index: install
	$(BIN)/catalogue index --content $(CONTENT) --index $(INDEX)

translations-check: install
	@true

check-links: install
	$(BIN)/catalogue check-links --content $(CONTENT)

clean:
	rm -rf $(VENV) instance .pytest_cache
