# Two commands do all set-up on a fresh machine with Python 3.11+ and make:
#   make run    venv, dependencies, migrations, demo content, http://127.0.0.1:8000,
#               and the task worker beside it
#   make test   the whole test suite (SQLite; DATABASE_URL=postgres://… for PostgreSQL)
# Dependencies come from the lock files in requirements/ (exact versions and hashes);
# `make lock` regenerates them from pyproject.toml's dependency groups.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK_APP := requirements/app.txt
LOCK_DEV := requirements/dev.txt
STAMP := $(VENV)/.installed-$(shell cat $(LOCK_DEV) | cksum | cut -d' ' -f1)
# `make run PORT=8001` serves on another port; SITE_URL (settings) follows PORT.
PORT ?= 8000
DEV_ENV := DJANGO_DEBUG=true PORT=$(PORT)
RUN_ADDR ?= 127.0.0.1:$(PORT)
# uv resolves the groups for every platform and Python >= 3.11, with hashes.
LOCK_ARGS ?=
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --no-header --quiet $(LOCK_ARGS)

.PHONY: run test coverage-report install lock audit migrate demo demoaccounts demoaccounts-reset lint format messages bench bench-pages bench-wsgi clean prod prod-stop backup restore

$(STAMP): $(LOCK_DEV)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK_DEV)
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# Regenerate the lock files after changing pyproject.toml's dependency groups; keeps
# the locked versions that still fit. `make lock LOCK_ARGS=--upgrade` takes the newest.
lock:
	test -x $(BIN)/uv || { test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); \
		$(BIN)/python -m pip install --quiet uv; }
	$(UV_COMPILE) --group app -o $(LOCK_APP)
	$(UV_COMPILE) --group dev -o $(LOCK_DEV)

# Known vulnerabilities in the locked versions (pip-audit; fails on one).
audit: install
	$(BIN)/python scripts/audit_dependencies.py $(LOCK_DEV)

migrate: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py loaddemo
	$(DEV_ENV) $(BIN)/python manage.py demoaccounts

# The demo accounts (local development only): `make demoaccounts` creates the missing
# ones, `make demoaccounts-reset` gives all three new passwords; both print them.
demoaccounts: migrate
	$(DEV_ENV) $(BIN)/python manage.py demoaccounts

demoaccounts-reset: migrate
	$(DEV_ENV) $(BIN)/python manage.py demoaccounts --reset

# The development server and, in the background, the task workers (one for the default
# queue: renditions, alerts' scheduling; one for mail, so a hanging mail server holds up
# nothing else); the workers stop when the server does (Ctrl+C). They do not reload on
# code changes: restart `make run` after editing a task.
run: demo
	@echo "Newsroom: http://$(RUN_ADDR)/   Admin: http://$(RUN_ADDR)/admin/   Task workers: manage.py db_worker (default, mail)"
	@$(DEV_ENV) $(BIN)/python manage.py db_worker --no-reload --queue-name default & worker=$$!; \
	$(DEV_ENV) $(BIN)/python manage.py db_worker --no-reload --queue-name mail & mailer=$$!; \
	trap 'kill $$worker $$mailer 2>/dev/null; wait $$worker $$mailer 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(BIN)/python manage.py runserver $(RUN_ADDR)

# COVERAGE=1: under coverage.py (branch coverage; settings in pyproject.toml).
test: install
	$(BIN)/python -m $(if $(COVERAGE),coverage run -m pytest,pytest) $(PYTEST_ARGS)

# `make coverage-report` combines the data of `make test COVERAGE=1` runs (CI: SQLite
# and PostgreSQL), prints branch coverage and what is not covered, and fails under the
# floor (fail_under in pyproject.toml).
coverage-report: install
	$(BIN)/python -m coverage combine
	$(BIN)/python -m coverage report

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
	$(BIN)/python manage.py makemessages -d djangojs -l nl --no-obsolete --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages -l nl --ignore=.venv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis staticfiles .coverage .coverage.* htmlcov .cache

# The public pages under load on this machine beside a minimal Wagtail site and nginx
# serving the same bytes (docs/benchmarks.md): the production layout on loopback
# (PostgreSQL, Redis, nginx), wrk (wrk, nginx and openssl installed from Debian if
# missing), the peer in its own virtualenv under .bench/, at 15 and 2,000 releases;
# prints a table and the ratios. About 35 minutes; BENCH_SECONDS/BENCH_ROUNDS shorten it.
bench: install
	$(BIN)/python scripts/bench_http.py

# In-process response times and query counts with many releases (no network, SQLite
# or DATABASE_URL).
bench-pages: install
	$(BIN)/python scripts/benchmark.py

# CPU per request through the WSGI handler alone, page-cache hits against the trivial
# view (production settings; the database `make bench` filled, BENCH_DATABASE_URL).
bench-wsgi: install
	$(BIN)/python scripts/bench_wsgi.py

# The production layout on loopback (nginx with TLS, gunicorn, PostgreSQL, Redis, the
# task worker; see deploy/run-local and docs/operations.md). Ctrl-C stops it.
# `make prod APP_SERVERS=3 WORKERS=2`: three app servers behind nginx, two task workers.
prod: install
	deploy/run-local run

prod-stop:
	deploy/run-local stop

# The restore drill (docs/operations.md, "Backups and the restore drill"), with the
# production layout's environment (deploy/run-local: DATABASE_URL, the media settings):
#   make backup                    the database (pg_dump, custom format) and every media
#                                  file (file system or bucket) into backups/<date-time>/
#                                  with a manifest of checksums (BACKUP_DIR=… elsewhere)
#   make restore BACKUP=backups/…  into an empty database and empty storage (the run
#                                  directory must hold the site's secret-key); then
#                                  `make prod` migrates and serves it
BACKUP_DIR ?= backups/$(shell date -u +%Y%m%d-%H%M%S)

backup: install
	deploy/run-local manage backup $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP)" || { echo "make restore BACKUP=backups/<date-time>"; exit 2; }
	deploy/run-local manage restore $(BACKUP)
