# ConflictWatch: `make run` serves the dashboard, `make test` runs the tests.
# Both install everything into .venv first; nothing else is needed.

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
INSTALLED := $(VENV)/.installed
CONSTRAINTS := requirements/constraints.txt
CHROMIUM := /usr/bin/chromium
# apt-get needs root: CI runs as root; anyone else goes through sudo if present.
SUDO := $(if $(filter 0,$(shell id -u)),,$(shell command -v sudo))

.PHONY: run test bench bench-memory chromium redis install migrate reference seed lint format db-start db-stop db-status clean-db help

help:
	@echo "make run    install, start the database, load the demo data, serve http://127.0.0.1:$(PORT)"
	@echo "make test   install and run the test suite"
	@echo "make bench  build a 100,000-article database of its own and measure (BENCH_ARGS=--rebuild ...)"
	@echo "make bench-memory  extract 100,000 articles and sample memory (over an hour)"
	@echo "make chromium  install Debian's Chromium for the browser tests (make test does)"
	@echo "make redis  install Debian's redis-server for the scale tests (make test does)"
	@echo "make lint   ruff check + format check"
	@echo "make db-stop  stop the embedded PostgreSQL server"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml $(CONSTRAINTS) | $(PY)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -c $(CONSTRAINTS) -e ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED)

migrate: install
	$(MANAGE) migrate --noinput

reference: migrate
	$(MANAGE) load_gazetteer
	$(MANAGE) load_actors

seed: reference
	$(MANAGE) ingest seeds/

run: seed
	$(MANAGE) extract_pending
	$(MANAGE) ensure_admin
	@echo "Serving ConflictWatch at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install chromium redis
	$(BIN)/pytest

# The benchmark (manage.py bench) builds conflictwatch_bench, a database of its
# own on the same server, and writes bench-results/bench-<date>.md; it needs
# the "bench" extras (Datasette, the peer it is compared with; gunicorn, which
# serves the app as in production). `make bench-memory` extracts 100,000
# articles with 2 processes (over an hour) and samples their memory.
BENCH_INSTALLED := $(VENV)/.installed-bench

$(BENCH_INSTALLED): $(INSTALLED) pyproject.toml $(CONSTRAINTS)
	$(PY) -m pip install -c $(CONSTRAINTS) -e ".[dev,bench]"
	touch $(BENCH_INSTALLED)

bench: $(BENCH_INSTALLED)
	$(MANAGE) bench $(BENCH_ARGS)

bench-memory: $(BENCH_INSTALLED)
	$(MANAGE) bench_memory $(BENCH_ARGS)

# The browser tests (tests/browser) drive Debian's Chromium through Playwright;
# Playwright's own browser download is never used.
chromium:
	@if [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ] && [ -z "$(SUDO)" ]; then \
		echo "Chromium ($(CHROMIUM)) is missing and installing it needs root:" >&2; \
		echo "run 'apt-get install chromium' as root, then make test again." >&2; \
		exit 1; \
	fi; \
	echo "Installing Chromium for the browser tests"; \
	$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium

# The scale tests (tests/scale) start their own redis-server as the Celery
# broker, from Debian's package.
redis:
	@if command -v redis-server >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ] && [ -z "$(SUDO)" ]; then \
		echo "redis-server is missing and installing it needs root:" >&2; \
		echo "run 'apt-get install redis-server' as root, then make test again." >&2; \
		exit 1; \
	fi; \
	echo "Installing redis-server for the scale tests"; \
	$(SUDO) apt-get update && $(SUDO) apt-get install -y redis-server

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

db-start: install
	$(MANAGE) embedded_db start

db-stop: install
	$(MANAGE) embedded_db stop

db-status: install
	$(MANAGE) embedded_db status
