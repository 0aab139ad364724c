"""Shared fixtures: the real ontology, one compiled pipeline, and a store of the sample corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph.store import open_store
from kg.nlp import Pipeline
from kg.pipeline import build
from kg.resources import load_resources

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def resources():
    return load_resources(ROOT / "ontology")


@pytest.fixture(scope="session")
def pipeline(resources):
    return Pipeline(resources)


@pytest.fixture(scope="session")
def corpus_store(resources, pipeline):
    store = open_store(":memory:")
    build([CORPUS], store, resources, pipeline=pipeline)
    return store


@pytest.fixture
def extract_text(pipeline, tmp_path):
    """Extract events from a text written in the test, with an optional article date."""
    from kg.extract import extract
    from kg.ingest import read_article

    def run(text: str, date: str | None = "2023-06-19"):
        path = tmp_path / "sample.txt"
        path.write_text(text, encoding="utf-8")
        if date:
            (tmp_path / "sample.meta.json").write_text(f'{{"title": "t", "date": "{date}"}}', encoding="utf-8")
        return extract(read_article(path, pipeline.resources.boilerplate), pipeline)

    return run


def process_gone(pid: int) -> bool:
    """No process ``pid`` runs (none, or a zombie nobody has reaped yet)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def wait_until_gone(pid: int, timeout: float) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while not process_gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return process_gone(pid)
