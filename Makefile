# Hamandishi — `make run` serves the demo portal, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
PYTEST := $(VENV)/bin/pytest --ds=portal.settings.test -p no:cacheprovider
# The search node must start wherever Java is (CI); the search tests' node variants are database-agnostic,
# so the PostgreSQL pass leaves them to the SQLite pass.
NODE_REQUIRED := SEARCHNODE_REQUIRED=$$(command -v java >/dev/null && echo 1 || echo 0)
TEST_ON_SQLITE := DATABASE_URL=sqlite:///db.sqlite3 $(NODE_REQUIRED) $(PYTEST) tests $(PYTEST_ARGS)
TEST_ON_POSTGRES := tests/pg/with-postgres.sh $(PYTEST) -m "not elasticsearch" tests $(PYTEST_ARGS)

.PHONY: run setup install test test-pg lint browser-deps browser-js search-node ocr-deps redis-deps bench bench-search bench-search-pg bench-ocr bench-load bench-pages bench-alerts bench-import bench-opendata clean-db

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

install: $(VENV)/.installed

# load_demo is developer tooling (dev/): manage.py's default, the dev settings, installs it.
setup: install ocr-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

# The background worker (django-tasks' db_worker) runs beside the server and stops with it.
run: setup
	@echo "Hamandishi: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/ — admin / hamandishi-demo)"
	@$(PY) manage.py db_worker --backend background & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST):$(PORT)

# $(call apt-install,PACKAGES,what for,what happens without them): Debian's packages when run as root;
# otherwise a note saying what is skipped and how to install them.
apt-install = if [ "$$(id -u)" = "0" ]; then \
		echo "installing Debian's $(1) for $(2)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else \
		echo "note: $(3) (sudo apt-get install $(1))"; \
	fi

# Debian's Chromium drives the browser tests; Playwright never downloads a browser of its own.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		$(call apt-install,chromium,the browser tests,/usr/bin/chromium is missing; browser tests will be skipped); \
	fi

# OCR of scanned attachments: Debian's Tesseract with its Persian model, poppler for PDF pages. Without
# them (and without root) scans are left unread with a note in the admin, and the OCR tests are skipped.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-fas poppler-utils
ocr-deps:
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx fas \
		|| ! command -v pdftoppm >/dev/null; then \
		$(call apt-install,$(OCR_PACKAGES),OCR of scanned attachments,Tesseract's Persian OCR is missing; scans stay unread and the OCR tests are skipped); \
	fi

# Debian's redis-server: the page cache's tests start a throwaway one (tests/redis_server.py) to check the
# cache shared by several servers (CACHE_URL=redis://…); without it and without root they are skipped.
redis-deps:
	@if ! command -v redis-server >/dev/null; then \
		$(call apt-install,redis-server,the shared page cache's tests,no redis-server; the Redis page-cache tests will be skipped); \
	fi

# axe-core for the accessibility checks in the browser tests, pinned in tests/browser/axe/package-lock.json.
browser-js:
	@if ! command -v npm >/dev/null; then \
		$(call apt-install,npm,the browser tests' axe-core,no npm; the accessibility checks will be skipped); \
	fi
	@if command -v npm >/dev/null; then cd tests/browser/axe && npm ci --no-audit --no-fund --silent; fi

# Real search nodes for the search tests, from Maven Central, cached in .cache/searchnode/ (dev/searchnode.py):
# OpenSearch 2 and Elasticsearch 8 run on the system Java 17, which Debian's openjdk-17 provides;
# Elasticsearch 9 needs Java 21+ (a JDK under /usr/lib/jvm) and is skipped, saying so, without one.
search-node: install
	@if ! command -v java >/dev/null; then \
		$(call apt-install,openjdk-17-jre-headless,the search nodes,no java; the search-node tests will be skipped); \
	fi
	@$(PY) -c "from dev.searchnode import DISTRIBUTIONS, distribution; [print('search node:', distribution(n)) for n in DISTRIBUTIONS]"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

# The whole suite on SQLite (the search tests on the database backend, then on real OpenSearch and Elasticsearch nodes), then
# again on a throwaway PostgreSQL server (tests/pg/with-postgres.sh installs Debian's postgresql as
# root; without it and without root, only the SQLite run happens).
test: install browser-deps search-node browser-js ocr-deps redis-deps lint
	$(TEST_ON_SQLITE)
	$(TEST_ON_POSTGRES)

test-pg: install browser-deps browser-js ocr-deps redis-deps
	$(TEST_ON_POSTGRES)

# Figures, not tests: relevance (recall@10, MRR per kind) and /api/search/ latency next to stock Wagtail
# and next to the search cluster (a throwaway node, or the one ELASTICSEARCH_URL names).
bench-search: install search-node
	$(PY) manage.py bench_search

# The same figures on a throwaway PostgreSQL server (DATABASE_URL=postgres://… make bench-search uses yours).
bench-search-pg: install
	tests/pg/with-postgres.sh $(PY) manage.py bench_search

# OCR figures: CER, word recall, search recall through /api/search/ and pages per minute per condition
# on pages rendered from the demo minutes (dev/bench/ocr/); PAGES=5 per condition by default.
bench-ocr: install ocr-deps
	$(PY) -m dev.bench.ocr --pages $(or $(PAGES),5)

# The production stack under load (dev/bench/load.py): gunicorn with 4 workers on loopback, the demo archive,
# 50 clients for 60 s of mixed traffic, on SQLite and then on a throwaway PostgreSQL, which is stopped
# for 10 s under load at the end.
bench-load: install
	$(PY) -m dev.bench.load --database sqlite
	tests/pg/with-postgres.sh $(PY) -m dev.bench.load --database env --outage

# Every kind of page at 10k, 50k and 100k generated records next to the demo archive (dev/bench/pages/):
# gunicorn with the production settings, p50/p95, queries, HTML size, worker memory; on SQLite (the
# archives cached in .cache/bench-pages/), then on a throwaway PostgreSQL. SIZES=10000 for one size.
bench-pages: install
	$(PY) -m dev.bench.pages --database sqlite $(if $(SIZES),--sizes $(SIZES))
	tests/pg/with-postgres.sh $(PY) -m dev.bench.pages --database env $(if $(SIZES),--sizes $(SIZES))

# Alerts (dev/bench/alerts.py): 1,000 saved searches matched against 1,000 new records and their digests
# built, on 50,000 search entries (target ≤ 30 s).
bench-alerts: install
	$(PY) -m dev.bench.alerts

# import_archive's records/s (dev/bench/imports.py): COUNT generated records (400 by default), without and
# with a PDF each, into a fresh SQLite database and then a fresh database on a throwaway PostgreSQL.
bench-import: install
	$(PY) -m dev.bench.imports --count $(or $(COUNT),400) --database sqlite
	tests/pg/with-postgres.sh $(PY) -m dev.bench.imports --count $(or $(COUNT),400) --database env

# The open-data build (dev/bench/opendata.py): time of each part and every file's size, on the demo archive in a
# temporary SQLite grown to ARCHIVE records (50,000 by default; ARCHIVE=0 for the demo alone) by the page
# benchmark's generator, or on DATABASE_URL's archive as it is (DATABASE_URL=… MEDIA_ROOT=… make bench-opendata).
bench-opendata: install
	$(PY) -m dev.bench.opendata --archive $(or $(ARCHIVE),50000) --repeat 1

bench: bench-search bench-alerts bench-opendata

clean-db:
	rm -f db.sqlite3
	rm -rf media
