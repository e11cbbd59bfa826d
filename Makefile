# Two commands do all set-up on a fresh machine with Python 3.11+ and make:
#   make run    venv, dependencies, migrations, demo content, http://127.0.0.1:8000
#   make test   the whole test suite (SQLite; DATABASE_URL=postgres://… for PostgreSQL)
# make test-django6 runs the suite again on the newest Django 6.x (needs Python 3.12+).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DEV_ENV := DJANGO_DEBUG=true

.PHONY: run test test-coverage coverage-report test-django6 install migrate demo lint format messages bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --group dev
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

migrate: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py loaddemo
	$(DEV_ENV) $(BIN)/python manage.py demoaccounts

run: demo
	@echo "Newsroom: http://127.0.0.1:8000/   Admin: http://127.0.0.1:8000/admin/"
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The suite under coverage.py, branch coverage (settings in pyproject.toml). Every run
# keeps its own data file; `make coverage-report` combines them (CI: SQLite and
# PostgreSQL), prints what is not covered and fails under the floor (fail_under).
test-coverage: install
	$(BIN)/python -m coverage run -m pytest $(PYTEST_ARGS)

coverage-report: install
	$(BIN)/python -m coverage combine
	$(BIN)/python -m coverage report

# The suite on the newest Django 6.x in its own venv (.venv-dj6), with python3.13 or
# python3.12; without either it says so and succeeds (see scripts/test-django6).
test-django6:
	PYTEST_ARGS="$(PYTEST_ARGS)" scripts/test-django6

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the Dutch interface translations (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages -l nl --no-obsolete --ignore=.venv
	$(BIN)/python manage.py compilemessages -l nl --ignore=.venv

clean:
	rm -rf $(VENV) .venv-dj6 .pytest_cache .ruff_cache staticfiles .coverage .coverage.* htmlcov

# Response times and query counts of the public pages with many releases (prints numbers).
bench: install
	$(BIN)/python scripts/benchmark.py
