"""The store contract, run against every backend."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import QueryError, StoreError
from kg.graph.store import open_store

G1, G2 = "http://example.org/g1", "http://example.org/g2"


def _q(s, o, g):
    return ox.Quad(ox.NamedNode("http://example.org/" + s), ox.NamedNode("http://example.org/p"),
                   ox.Literal(o), ox.NamedNode(g))


@pytest.fixture(params=["memory", "disk"])
def store(request, tmp_path):
    st = open_store(":memory:" if request.param == "memory" else str(tmp_path / "store"))
    yield st
    st.close()


def test_store_replace_graph_replaces_only_that_graph(store):
    store.replace_graph(G1, [_q("a", "1", G1), _q("b", "2", G1)], "d1")
    store.replace_graph(G2, [_q("c", "3", G2)], "d2")
    store.replace_graph(G1, [_q("a", "9", G1)], "d3")
    rows = sorted((r["s"].value, r["o"].value) for r in store.query("SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o }"))
    assert rows == [("http://example.org/a", "9"), ("http://example.org/c", "3")]
    assert store.digests() == {G1: "d3", G2: "d2"}
    assert store.graphs()[:2] == [G1, G2]


def test_store_union_query_and_bad_sparql(store):
    store.replace_graph(G1, [_q("a", "1", G1)])
    assert bool(store.query("ASK { ?s ?p \"1\" }"))
    with pytest.raises(QueryError):
        store.query("SELEC nonsense")


def test_store_literal_escaping_survives_replace(store):
    tricky = 'He said "hi" } ; DROP ALL \\ \n done'
    store.replace_graph(G1, [_q("a", tricky, G1)])
    assert [r["o"].value for r in store.query("SELECT ?o WHERE { ?s ?p ?o }")] == [tricky]


def test_store_read_only_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(tmp_path / "absent"), read_only=True)
