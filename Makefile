# Two commands for a fresh machine: `make run` (serve the registry with the bundled
# orders imported) and `make test` (the whole suite, on PostgreSQL).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The test suite runs on the local PostgreSQL (started if it is down); override to use another.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/registry

.PHONY: run serve setup browser test test-sqlite lint format check-migrations postgres superuser import messages bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed

# `make run` serves as production does (DEBUG off: error pages, never a debug page), but on plain HTTP
# at 127.0.0.1, with a secret key generated once into $(LOCAL_SECRET) (git-ignored). Whatever is set in
# the environment wins: `DEBUG=1 make run` serves the debug pages for development.
LOCAL_SECRET := .local-secret-key
run: export DEBUG ?= 0
run: export SECRET_KEY ?= $(shell cat $(LOCAL_SECRET) 2>/dev/null)
run: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
run: export SECURE_SSL_REDIRECT ?= 0
run: export SECURE_COOKIES ?= 0

$(LOCAL_SECRET):
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: setup $(LOCAL_SECRET)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_standards --skip-unchanged
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving the registry on http://$(HOST):$(PORT)/ (DEBUG=$$DEBUG)"
	$(VENV)/bin/gunicorn registry.wsgi -c gunicorn.conf.py --bind $(HOST):$(PORT)

import: setup
	$(PY) manage.py import_standards

postgres:
	@bash scripts/ensure-postgres.sh

# Debian's chromium for the browser tests (Playwright's own download needs the open internet).
browser:
	@bash scripts/install-browser.sh

test: setup postgres browser
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest

test-sqlite: setup
	DATABASE_URL= $(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-migrations: setup
	$(PY) manage.py makemigrations --check --dry-run

messages: setup
	$(PY) manage.py makemessages -l kk -l ru --ignore=.venv --ignore=tests --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

superuser: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createsuperuser

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/registry_bench_search

bench: setup postgres
	$(PY) bench/import.py
	$(PY) bench/compare.py
	psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS registry_bench_search" -c "CREATE DATABASE registry_bench_search"
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/search.py --import --repeat 10
	$(PY) bench/pages.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 $(LOCAL_SECRET)
