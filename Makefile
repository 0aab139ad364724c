# Quick start:  make build   (set up, then build the graph of corpus/ into exports/)
#               make test    (set up, then run the whole test suite)
#               make model   (retrain the shipped tagger + parser from ../shared/ud; not part of test or CI)
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test setup browser clean model

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

# Retrain kg/models/parser from the UD treebanks in $$KG_SHARED/ud (default ../shared/ud), score it and
# rewrite kg/models/MODEL_CARD.md's figures. About half an hour on two cores; work files go to build/models.
model: $(VENV)/.installed
	OMP_NUM_THREADS=1 $(PY) -m kg.models.train parser

clean:
	rm -rf $(VENV) .kg-store exports/graph.html
