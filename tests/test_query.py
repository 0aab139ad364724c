"""Named queries: parameters bound everywhere they are used, answers not multiplied by the
number of articles that report a meeting."""
from __future__ import annotations

import shutil

import pyoxigraph as ox

from kg.graph.store import open_store
from kg.pipeline import build
from kg.query import bind_values, resolve_query, run_query

from .conftest import CORPUS, ROOT

QUERIES = ROOT / "ontology" / "queries"


def test_query_bind_values_reaches_every_where_clause_and_stays_a_literal():
    text = "SELECT ?x WHERE { { SELECT ?x ?actor WHERE { ?x <http://e/p> ?actor } } ?x <http://e/q> ?y }"
    evil = ox.Literal('"} } DROP ALL ; SELECT * WHERE { ?s ?p ?o')
    bound = bind_values(text, {"actor": evil})
    assert bound.count(f"VALUES ?actor {{ {evil} }}") == 2
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/p"), evil, ox.DefaultGraph()))
    store.add(ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/q"), ox.Literal("y"), ox.DefaultGraph()))
    assert [s["x"].value for s in store.query(bound)] == ["http://e/x"]


def test_query_named_queries_count_a_meeting_once_however_many_articles_report_it(resources, pipeline, tmp_path):
    """The same report under three file names: three article graphs, one meeting."""
    for n in range(3):
        shutil.copy(CORPUS / "blinken-xi-meeting.txt", tmp_path / f"copy-{n}.txt")
        meta = CORPUS / "blinken-xi-meeting.meta.json"
        if meta.exists():
            shutil.copy(meta, tmp_path / f"copy-{n}.meta.json")
    once, thrice = open_store(":memory:"), open_store(":memory:")
    build([tmp_path / "copy-0.txt"], once, resources, pipeline=pipeline)
    build([tmp_path], thrice, resources, pipeline=pipeline)
    for name, params in (("evidence", {"actor": "Xi Jinping"}), ("meetings", {}), ("top-pairs", {}), ("actors", {}), ("who-met", {"actor": "xi jinping"}),
                         ("issues-of", {"actor": "Antony Blinken"}), ("meetings-on", {"issue": "trade"})):
        text, bindings = resolve_query(name, QUERIES, params)
        a, b = run_query(once, text, bindings), run_query(thrice, text, bindings)
        assert a.rows, name
        assert len(a.rows) == len(b.rows), name
        if name != "meetings":  # meetings also lists the reporting articles' titles
            assert a.rows == b.rows, name
    text, bindings = resolve_query("evidence", QUERIES, {"actor": "Xi Jinping"})
    assert run_query(thrice, text, bindings).rows == run_query(once, text, bindings).rows  # same quotes, same title


def test_query_who_met_spans_dates_of_mixed_precision_and_takes_a_surname(resources, pipeline, tmp_path):
    (tmp_path / "a.txt").write_text("Antony Blinken met Wang Yi in Beijing in June 2023.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"title": "a", "date": "2023-07-01"}', encoding="utf-8")
    (tmp_path / "b.txt").write_text("Antony Blinken met Wang Yi in Jakarta on Thursday.", encoding="utf-8")
    (tmp_path / "b.meta.json").write_text('{"title": "b", "date": "2023-07-15"}', encoding="utf-8")
    store = open_store(":memory:")
    build([tmp_path], store, resources, pipeline=pipeline)
    text, bindings = resolve_query("who-met", QUERIES, {"actor": "Blinken"})
    rows = run_query(store, text, bindings).rows
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [("Wang Yi", 2, "2023-06", "2023-07-13")]


def test_query_actors_written_for_speed_answers_as_the_plain_form(corpus_store):
    """``actors`` counts meetings per actor before it joins labels and types: the rows are
    those of the one-pattern form, here on the sample corpus with one actor given a second
    label and type."""
    plain = """PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?actor ?label ?type (COUNT(DISTINCT ?meeting) AS ?meetings)
WHERE { ?meeting a kgo:Meeting ; kgo:participant ?actor . ?actor skos:prefLabel ?label .
        OPTIONAL { VALUES ?type { kgo:Person kgo:Country kgo:Organization } ?actor a ?type } }
GROUP BY ?actor ?label ?type
ORDER BY DESC(?meetings) ?label ?actor ?type"""
    store = open_store(":memory:")
    store.raw.extend(corpus_store.raw.quads_for_pattern(None, None, None, None))
    kgo, skos = "https://w3id.org/kg/ontology#", "http://www.w3.org/2004/02/skos/core#"
    xi = ox.NamedNode("https://w3id.org/kg/actor/xi-jinping")
    extra = ox.NamedNode("https://w3id.org/kg/graph/extra")
    store.raw.add(ox.Quad(xi, ox.NamedNode(skos + "prefLabel"), ox.Literal("Xi"), extra))
    store.raw.add(ox.Quad(xi, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                          ox.NamedNode(kgo + "Organization"), extra))
    text, bindings = resolve_query("actors", QUERIES, {})
    fast = run_query(store, text, bindings).rows
    assert fast == run_query(store, plain, {}).rows
    assert sum(1 for row in fast if row[0] == xi.value) == 4  # two labels times two types
