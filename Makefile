# The two commands: `make run` (set up and serve on http://127.0.0.1:8000) and `make test` (set up and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.deps-stamp
HOST ?= 127.0.0.1:8000
# Where the embedded database, the secret key and the collected static files live (settings: BIAOZHUN_VAR_DIR).
VAR := $(or $(BIAOZHUN_VAR_DIR),var)
# The local site is served on plain http://127.0.0.1 with DEBUG off, as users get it: cookies without the Secure
# flag and no redirect to https (production keeps both: docs/deployment.md) and emails printed to the console.
LOCAL_ENV := SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_SSL_REDIRECT=0 EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend

.PHONY: run test test-pg setup deps system-deps bench-deps lint messages bench-identifiers bench-import clean-db

$(STAMP): requirements.lock requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock -r requirements-dev.lock
	touch $(STAMP)

deps: $(STAMP)

# System packages the browser tests need: Debian's chromium (never a downloaded browser) and CJK fonts.
system-deps:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || { \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk; }

# A secret key of this checkout's own, made once and never committed (var/ is ignored by git). Production sets
# SECRET_KEY (or SECRET_KEY_FILE) instead.
$(VAR)/secret_key:
	mkdir -p $(VAR)
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@.tmp && mv $@.tmp $@

# The keys that encrypt e-mail addresses and phone numbers at rest (SM4), made once and never committed; production
# sets BIAOZHUN_FIELD_KEYS (or BIAOZHUN_FIELD_KEYS_FILE) instead. Rotation: docs/deployment.md.
$(VAR)/field_keys:
	mkdir -p $(VAR)
	umask 077 && $(PYTHON) -c "import base64, os, time; print(f'k{time.strftime(\"%Y%m%d\")}:' + base64.b64encode(os.urandom(32)).decode())" > $@.tmp && mv $@.tmp $@

# Migrate the database, load the reference tables and the demo catalogue, collect the static files (all idempotent).
setup: $(STAMP) $(VAR)/secret_key $(VAR)/field_keys
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_reference
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_committees
	$(BIN)/python manage.py load_demo_projects
	$(BIN)/python manage.py search_sync
	$(BIN)/python manage.py load_demo_filings
	$(BIN)/python manage.py load_demo_feedback
	$(BIN)/python manage.py load_demo_propagation
	$(BIN)/python manage.py load_demo_declarations
	$(BIN)/python manage.py load_demo_groups
	$(BIN)/python manage.py load_demo_leaders
	$(BIN)/python manage.py load_demo_inspections
	$(BIN)/python manage.py load_demo_assessments
	$(BIN)/python manage.py load_demo_international
	$(BIN)/python manage.py load_demo_programmes
	$(BIN)/python manage.py load_demo_workplan
	$(BIN)/python manage.py load_demo_stats
	$(BIN)/python manage.py load_demo_systems
	$(BIN)/python manage.py search_sync
	$(BIN)/python manage.py collectstatic --noinput -v 0

# The site, with the search index following the catalogue's changes, a task worker (emails, daily sweeps) and the
# scheduler of the daily sweeps in the background. Emails print to this console.
run: setup
	export $(LOCAL_ENV); \
	$(BIN)/python manage.py search_sync --follow --interval 2 & sync=$$!; \
	$(BIN)/python manage.py db_worker --no-reload --interval 2 & worker=$$!; \
	$(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$sync $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

test: system-deps setup
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2 --dist loadgroup

# The suite against PostgreSQL: DATABASE_URL=postgres://user:pass@host/db make test-pg
test-pg: system-deps $(STAMP)
	$(BIN)/pytest -n 2 --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check .

# Refresh the English catalogues from the source and list what is still untranslated; fill translations with
# `scripts/po_fill.py CATALOGUE FILE.tsv`, then `make messages` again compiles them.
messages: $(STAMP) $(VAR)/secret_key $(VAR)/field_keys
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench \
	  --no-obsolete --no-location
	for po in $$(find biaozhun -path '*/locale/en/LC_MESSAGES/django.po'); do \
	  $(BIN)/python scripts/po_fill.py $$po; done
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv

# What the HTTP benchmarks drive the server with (bench/bench_search_http.py, bench/bench_load.py).
bench-deps: system-deps
	@command -v wrk >/dev/null 2>&1 || { \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }

bench-identifiers: $(STAMP)
	$(BIN)/python bench/bench_identifiers.py

bench-import: $(STAMP)
	$(BIN)/python bench/bench_import.py

clean-db:
	rm -f var/biaozhun.sqlite3 var/biaozhun.sqlite3-wal var/biaozhun.sqlite3-shm
