# Trellis — developer and CI entry points (GNU make).
#
#   make run     install, migrate the SQLite database, load demo data once, serve on :5000
#                with gunicorn (make dev: the same with flask run's reloader)
#   make test    system packages, lint, pytest on SQLite, on PostgreSQL, then the browser tests
#   make bench   performance figures for a 5,000-person organisation (bench-throughput:
#                only the gunicorn + ApacheBench part; bench-deps installs ApacheBench)
#
# Python packages live in .venv; a stamp file per requirements set reinstalls them only
# when a requirements file changes.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
RUFF := $(VENV)/bin/ruff
MYPY := $(VENV)/bin/mypy
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
SIZE ?= L
BENCH_ARGS ?=

.PHONY: help venv install install-dev run dev lint test test-deps test-sqlite \
	test-postgres test-browser bench bench-deps bench-throughput \
	bench-throughput-postgres bench-import bench-jobs clean

help:
	@echo "make run        start Trellis on http://127.0.0.1:5000 (gunicorn, SQLite, demo data)"
	@echo "make dev        the same with flask run --debug (reloader, debugger)"
	@echo "make test       lint + tests on SQLite, PostgreSQL and Chromium (what CI runs)"
	@echo "make lint       ruff check, ruff format --check and mypy (types)"
	@echo "make bench      latency, SQL counts and throughput (SIZE=M|L|XL, default L)"
	@echo "make bench-throughput  Trellis vs bare Flask under gunicorn + ab (SIZE=...,"
	@echo "                BENCH_ARGS='--rounds 5 --seconds 5'); bench-throughput-postgres: the"
	@echo "                same on a throwaway PostgreSQL server"
	@echo "make bench-import  time 'flask people import' of 5,000 rows"
	@echo "make bench-jobs    a sweep of every scheduled job on fixture L (SIZE=...)"
	@echo "make install    runtime packages into .venv; install-dev adds the test tools"

$(PY):
	@if ! $(PYTHON) -m venv $(VENV); then \
		rm -rf $(VENV); \
		echo "error: '$(PYTHON) -m venv' failed; on Debian: apt-get install python3-venv" >&2; \
		exit 1; \
	fi

venv: $(PY)

$(STAMP_RUN): requirements.txt | $(PY)
	$(PIP) install -q -r requirements.txt
	@touch $@

$(STAMP_DEV): requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install -q -r requirements-dev.txt
	@touch $@ $(STAMP_RUN)

install: $(STAMP_RUN)

install-dev: $(STAMP_DEV)

run: install
	scripts/run.sh serve

dev: install
	scripts/run.sh dev

lint: install-dev
	$(RUFF) check .
	$(RUFF) format --check .
	$(MYPY)

test-deps:
	scripts/test-deps.sh

test: test-deps
	$(MAKE) --no-print-directory install-dev
	scripts/test.sh all

test-sqlite: install-dev
	scripts/test.sh sqlite

test-postgres: test-deps install-dev
	scripts/test.sh postgres

test-browser: test-deps install-dev
	scripts/test.sh browser

bench-deps:
	scripts/bench-deps.sh

bench: bench-deps install-dev
	$(PY) -m bench.run --size $(SIZE) $(BENCH_ARGS)

bench-throughput: bench-deps install-dev
	$(PY) -m bench.throughput --size $(SIZE) $(BENCH_ARGS)

# The same on a throwaway PostgreSQL server (fixtures built there first). sh -c: the URL
# exists only inside with-postgres.sh.
bench-throughput-postgres: bench-deps install-dev
	scripts/with-postgres.sh sh -c '$(PY) -m bench.throughput --size $(SIZE) \
		--database-url "$$TEST_DATABASE_URL" $(BENCH_ARGS)'

bench-import: install-dev
	$(PY) -m bench.import_people --rows 5000

bench-jobs: install-dev
	$(PY) -m bench.jobs_sweep --size $(SIZE)

clean:
	rm -rf test-artifacts bench/out .pytest_cache .ruff_cache .mypy_cache
