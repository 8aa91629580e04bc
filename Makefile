# Two commands on a fresh machine: `make run` (the demo web app) and `make test` (the whole suite).
# Everything they need is installed from this repository's own files.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
SYSTEM_PACKAGES := chromium libharfbuzz-subset0 fonts-liberation2 poppler-utils
PYTEST_ARGS ?=

.PHONY: run test install system-packages lint clean

$(STAMP): pyproject.toml package.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[web,dev]'
	# An editable install compiles nothing; compile our modules once, as `pip install .` would, so
	# every command starts from bytecode even where PYTHONDONTWRITEBYTECODE is set.
	$(BIN)/python -m compileall -q src
	npm install --no-audit --no-fund --silent
	touch $(STAMP)

install: system-packages $(STAMP)

# Chromium drives the browser tests, HarfBuzz-subset and Liberation fonts serve WeasyPrint,
# poppler-utils reads PDFs back in tests. Installed only when missing and only as root.
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages:$$missing (install them with apt-get as root; browser and PDF tests will be skipped)"; \
	  fi; \
	fi

run: install
	DEBUG=1 $(BIN)/joinedup-manage migrate --no-input
	DEBUG=1 $(BIN)/joinedup-manage load_demo
	# The task worker (report files, e-mail, closing rounds) runs beside the server and stops with it.
	DEBUG=1 $(BIN)/joinedup-manage task_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/joinedup-manage runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src/joinedup
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) node_modules staticfiles
