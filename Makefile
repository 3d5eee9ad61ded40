# Two commands on a fresh machine: `make demo` and `make test` (Python 3.11+ needed).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
DEMO_STAMP := $(VENV)/.installed-demo

.PHONY: demo icons test test-postgres test-wagtail74 test-slow browser-deps stack-deps lint format docs bench messages wheel-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when the project's metadata changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[demo,test,docs]"
	touch $(STAMP)

# The demo needs only the example site's few dependencies (the "demo" extra); `make test`
# installs the rest (test and docs tools) on top.
$(DEMO_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[demo]"
	touch $(DEMO_STAMP)

install: $(STAMP)

# DEBUG off by default (what artisans see); `DEBUG=1 make demo` for Django's debug pages.
# The demo's emails are files in .cache/demo-mail/. PORT=8140 make demo serves on another port
# (the demo Site and the links in emails and feeds follow it).
demo: export PORT := $(PORT)
demo: $(DEMO_STAMP)
	@$(BIN)/python manage.py migrate --noinput -v0
	@$(BIN)/python manage.py load_demo_data -v0
	@$(BIN)/python manage.py demo_server 127.0.0.1:$(PORT) --skip-checks

# Rebuild the SVG icon sprite from Tabler Icons (pinned; only the icons listed in the script).
icons:
	npm install --silent --prefix .cache --no-save --no-package-lock @tabler/icons@3.52.0
	$(PYTHON) .ci/build_icon_sprite.py

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The suite against PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth).
test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cma_wagtail} $(BIN)/python -m pytest -q

# The suite on Wagtail 7.4 LTS (the other supported series), in its own virtualenv.
VENV74 ?= .venv-wagtail74
test-wagtail74:
	test -x $(VENV74)/bin/python || $(PYTHON) -m venv $(VENV74)
	$(VENV74)/bin/python -m pip install --quiet --upgrade pip
	$(VENV74)/bin/python -m pip install --quiet -e ".[test]" "wagtail>=7.4,<7.5"
	DJANGO_SETTINGS_MODULE=tests.settings $(VENV74)/bin/python manage.py makemigrations --check --dry-run
	$(VENV74)/bin/python -m pytest -q

# Browser journeys, accessibility audit, load and fault tests (Debian's chromium + axe-core);
# Lighthouse (pinned; 12.x runs on Node 18+, 13.x needs Node 22);
# the API contract's TypeScript check (openapi-typescript + tsc, pinned).
browser-deps:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	@test -f .cache/node_modules/axe-core/axe.min.js -a -x .cache/node_modules/.bin/openapi-typescript -a -x .cache/node_modules/.bin/tsc -a -f .cache/node_modules/lighthouse/cli/index.js || \
	  npm install --silent --prefix .cache --no-save --no-package-lock axe-core@4.14.1 openapi-typescript@7.13.0 typescript@5.9.3 lighthouse@12.8.2

# The production-shaped stack (tests/stack, bench/crisis_traffic.py): Debian's nginx-light as
# the caching proxy and wrk as the load generator, installed when absent.
stack-deps:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || (apt-get update -qq && apt-get install -y -qq nginx-light)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)

# The load tests' demo servers share Redis (database 5 by default, emptied by the tests) as
# production app servers do; without Redis on 127.0.0.1:6379 they are skipped.
CMA_LOAD_REDIS_URL ?= redis://127.0.0.1:6379/5
export CMA_LOAD_REDIS_URL

test-slow: $(STAMP) browser-deps stack-deps
	CMA_RUN_SLOW=1 $(BIN)/python -m pytest -q -m slow
	@# The load tests that need the test database itself on PostgreSQL (row locks under contention),
	@# and the production-shaped stack (tests/stack: its own PostgreSQL database, Redis DB 13).
	@if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then \
	  CMA_RUN_SLOW=1 DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cma_wagtail} \
	  CMA_TEST_DB_NAME=test_cma_load $(BIN)/python -m pytest -q -m "slow and postgres" tests/load tests/stack; \
	else echo "PostgreSQL not reachable: PostgreSQL load tests skipped"; fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

docs: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -b html docs docs/_build/html

bench: $(STAMP) stack-deps
	$(BIN)/python bench/run.py

messages: $(STAMP)
	cd cma_wagtail && ../$(BIN)/django-admin makemessages -l fr --no-obsolete && ../$(BIN)/django-admin compilemessages -l fr

# Build the wheel, install it in a fresh virtualenv with a `wagtail start` site, migrate, render.
wheel-check: $(STAMP)
	$(BIN)/python .ci/wheel_check.py

clean:
	rm -rf $(VENV) build dist *.egg-info docs/_build
