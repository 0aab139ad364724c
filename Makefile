# Quick start:  make build   (set up, then build the graph of corpus/ into exports/)
#               make test    (set up, then run the whole test suite)
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test setup browser clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/.installed

build: $(VENV)/.installed
	$(VENV)/bin/kg build corpus

# Debian's chromium for the browser tests (never a downloaded browser build)
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.installed browser
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) .kg-store exports/graph.html
