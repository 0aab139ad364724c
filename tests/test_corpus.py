"""The sample corpus comes out as a careful analyst would code it (tests/data/corpus-expectations.json)."""
from __future__ import annotations

import json

import pytest

from kg.events import events

from .conftest import CORPUS, ROOT

EXPECTED = json.loads((ROOT / "tests" / "data" / "corpus-expectations.json").read_text(encoding="utf-8"))


def _rows(store, stem):
    return [r for r in events(store) if r["source"].rsplit(".", 1)[0] == stem]


def test_corpus_every_article_has_expectations():
    stems = {p.stem for p in CORPUS.glob("*.txt")}
    assert stems == set(EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_corpus_meetings_as_expected(stem, corpus_store):
    rows = _rows(corpus_store, stem)
    got = sorted(sorted(p["label"] for p in r["participants"]) for r in rows)
    want = sorted(sorted(m["participants"]) for m in EXPECTED[stem])
    assert got == want
    for m in EXPECTED[stem]:
        row = next(r for r in rows if sorted(p["label"] for p in r["participants"]) == sorted(m["participants"]))
        assert row["kind"] == m["kind"]
        assert row["status"] == m["status"]
        assert (row["place"] or {}).get("label") == m["place"]
        assert row["date"] == m["date"]
        categories = {i["category"] for i in row["issues"]}
        assert set(m["issues"]) <= categories, f"missing issues {set(m['issues']) - categories}"
