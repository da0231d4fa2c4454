# Hamandishi — `make run` serves the demo portal, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run setup install test lint browser-deps search-node bench bench-search clean-db

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

install: $(VENV)/.installed

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

run: setup
	@echo "Hamandishi: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/ — admin / hamandishi-demo)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's Chromium drives the browser tests; Playwright never downloads a browser of its own.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "installing Debian's chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "note: /usr/bin/chromium is missing; browser tests will be skipped (sudo apt-get install chromium)"; \
		fi; \
	fi

# A real OpenSearch node for the search tests, from Maven Central, cached in .cache/searchnode/
# (search/devnode.py); it runs on the system Java 17, which Debian's openjdk-17 provides.
search-node: install
	@if ! command -v java >/dev/null; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "installing Debian's Java 17 for the search node"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; \
		else \
			echo "note: no java; the search-node tests will be skipped (sudo apt-get install openjdk-17-jre-headless)"; \
		fi; \
	fi
	@$(PY) -c "from search.devnode import distribution; print('search node:', distribution())"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

# The search tests run twice, on the database backend and on a real search node ([elasticsearch]).
test: install browser-deps search-node lint
	SEARCHNODE_REQUIRED=$$(command -v java >/dev/null && echo 1 || echo 0) \
		$(VENV)/bin/pytest --ds=portal.settings.test -p no:cacheprovider tests $(PYTEST_ARGS)

# Figures, not tests: relevance (recall@10, MRR per kind) and /api/search/ latency next to stock Wagtail
# and next to the search cluster (a throwaway node, or the one ELASTICSEARCH_URL names).
bench-search: install search-node
	$(PY) manage.py bench_search

bench: bench-search

clean-db:
	rm -f db.sqlite3
	rm -rf media
