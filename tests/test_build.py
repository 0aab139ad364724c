"""Building the sample corpus: counts, idempotency, determinism, validity, freshness of exports."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib

from kg.events import events
from kg.export import export
from kg.graph.store import open_store
from kg.pipeline import build
from kg.query import resolve_query, run_query
from kg.validate import validate

from .conftest import CORPUS, ROOT, wait_until_gone


def test_build_corpus_has_meetings(corpus_store):
    rows = events(corpus_store)
    sources = {r["source"] for r in rows}
    assert "blinken-xi-meeting.txt" in sources and "blinken-beijing-talks.txt" in sources


def test_build_twice_changes_nothing(resources, pipeline, tmp_path):
    store = open_store(str(tmp_path / "st"))
    build([CORPUS], store, resources, pipeline=pipeline)
    first = export(store, "nquads")
    report = build([CORPUS], store, resources, pipeline=pipeline)
    assert report.written == 0 and report.unchanged == report.read
    assert export(store, "nquads") == first


def test_build_adding_articles_adds_to_graph(resources, pipeline, tmp_path):
    store = open_store(":memory:")
    build([CORPUS / "blinken-xi-meeting.txt"], store, resources, pipeline=pipeline)
    one = len(events(store))
    build([CORPUS / "blinken-beijing-talks.txt"], store, resources, pipeline=pipeline)
    assert len(events(store)) > one


def test_build_turtle_is_byte_identical_across_builds(resources, pipeline):
    outs = []
    for _ in range(2):
        store = open_store(":memory:")
        build([CORPUS], store, resources, pipeline=pipeline)
        outs.append(export(store, "turtle"))
    assert outs[0] == outs[1]
    rdflib.Graph().parse(data=outs[0].decode("utf-8"), format="turtle")


def test_build_validates_against_shapes(corpus_store):
    report = validate(corpus_store, ROOT / "ontology" / "shapes.ttl")
    assert report.conforms, report.text


def test_build_committed_export_is_fresh(corpus_store):
    committed = (ROOT / "exports" / "kg.ttl").read_bytes()
    assert committed == export(corpus_store, "turtle"), "exports/kg.ttl is stale: run `make build` and commit it"


def test_build_who_met_lists_blinken(corpus_store):
    text, bindings = resolve_query("who-met", ROOT / "ontology" / "queries", {"actor": "Xi Jinping"})
    result = run_query(corpus_store, text, bindings)
    labels = [row[result.columns.index("label")] for row in result.rows]
    assert "Antony Blinken" in labels


def test_build_evidence_quotes_match_article_text(corpus_store):
    for row in events(corpus_store):
        text = (CORPUS / row["source"]).read_text(encoding="utf-8")
        for ev in row["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["quote"]


def test_build_events_jsonl_has_scorer_fields(corpus_store):
    for row in events(corpus_store):
        json.dumps(row)
        assert Path(row["source"]).stem
        assert {"id", "kind", "status", "date", "place", "participants", "issues", "evidence", "confidence"} <= set(row)


def test_build_events_of_a_jsonl_feed_name_their_record(resources, pipeline, tmp_path):
    lines = [{"id": "x1", "date": "2023-06-19", "text": "Antony Blinken met Wang Yi in Beijing on Monday."},
             {"id": "x2", "date": "2023-06-19", "text": "Emmanuel Macron met Olaf Scholz in Paris on Monday."}]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    store = open_store(":memory:")
    build([tmp_path / "feed.jsonl"], store, resources, pipeline=pipeline)
    assert sorted(r["source"] for r in events(store)) == ["feed.jsonl#x1", "feed.jsonl#x2"]


def test_build_rules_digest_ignores_named_queries(tmp_path):
    """Editing a named query must not force re-extracting the corpus; editing a rule must."""
    from types import SimpleNamespace

    from kg.pipeline import rules_digest

    (tmp_path / "queries").mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "queries" / "q.rq").write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    (tmp_path / "rules" / "r.jsonl").write_text('{"id": "a"}\n', encoding="utf-8")
    res = SimpleNamespace(root=tmp_path)
    before = rules_digest(res)
    (tmp_path / "queries" / "q.rq").write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert rules_digest(res) == before
    (tmp_path / "rules" / "r.jsonl").write_text('{"id": "b"}\n', encoding="utf-8")
    assert rules_digest(res) != before


def test_build_jobs_two_gives_the_same_bytes_as_jobs_one(resources, pipeline, tmp_path):
    one, two = open_store(":memory:"), open_store(str(tmp_path / "two"))
    r1 = build([CORPUS], one, resources, pipeline=pipeline, jobs=1)
    r2 = build([CORPUS], two, resources, pipeline=pipeline, jobs=2)
    assert (r2.read, r2.written, r2.events, r2.counts) == (r1.read, r1.written, r1.events, r1.counts)
    assert r1.events > 0
    for fmt in ("turtle", "nquads", "trig"):
        assert export(two, fmt) == export(one, fmt)
    again = build([CORPUS], two, resources, pipeline=pipeline, jobs=2)
    assert (again.written, again.unchanged) == (0, r1.read)


def test_build_jobs_below_one_is_refused(resources, pipeline):
    import pytest

    from kg.errors import UsageError

    with pytest.raises(UsageError, match="--jobs must be 1 or more"):
        build([CORPUS], open_store(":memory:"), resources, pipeline=pipeline, jobs=0)


def test_build_bulk_batches_match_and_a_half_written_article_is_redone(resources, pipeline, tmp_path, monkeypatch):
    """Small bulk batches give the same graph; an article graph left without its digest (as an
    interrupted bulk load leaves it) is re-extracted and replaced whole by the next build."""
    import pyoxigraph as ox

    import kg.pipeline
    from kg.graph.store import DIGEST, DIGEST_GRAPH

    reference = open_store(":memory:")
    build([CORPUS], reference, resources, pipeline=pipeline)
    monkeypatch.setattr(kg.pipeline, "BATCH_QUADS", 40)
    store = open_store(str(tmp_path / "st"))
    build([CORPUS], store, resources, pipeline=pipeline)
    assert export(store, "nquads") == export(reference, "nquads")
    victim = sorted(store.digests())[0]
    raw = store.raw
    raw.remove(next(raw.quads_for_pattern(ox.NamedNode(victim), ox.NamedNode(DIGEST), None, ox.NamedNode(DIGEST_GRAPH))))
    raw.add(ox.Quad(ox.NamedNode("http://example.org/junk"), ox.NamedNode("http://example.org/p"), ox.Literal("half"),
                    ox.NamedNode(victim)))
    report = build([CORPUS], store, resources, pipeline=pipeline)
    assert report.written == 1
    assert export(store, "nquads") == export(reference, "nquads")


def test_build_one_meeting_reported_by_two_articles_is_one_event(resources, pipeline, tmp_path):
    for name, text in (("a", "Olaf Scholz met Emmanuel Macron in Berlin on Monday to discuss trade."),
                       ("b", "Emmanuel Macron held talks with Olaf Scholz in Berlin on Monday.")):
        (tmp_path / f"{name}.txt").write_text(f"Headline {name}\n\n{text}\n", encoding="utf-8")
        (tmp_path / f"{name}.meta.json").write_text('{"title": "t", "date": "2024-05-15"}', encoding="utf-8")
    store = open_store(":memory:")
    build([tmp_path], store, resources, pipeline=pipeline)
    rows = events(store)
    assert len(rows) == 2 and len({r["id"] for r in rows}) == 1
    sources = run_query(store, "PREFIX kgo: <https://w3id.org/kg/ontology#> "
                               "SELECT DISTINCT ?a WHERE { ?e a kgo:Meeting ; kgo:source ?a }").rows
    assert len(sources) == 2


def test_build_cli_jobs_zero_is_one_line(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "kg", "build", str(CORPUS), "--jobs", "0", "--store", ":memory:",
                        "--no-exports"], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "--jobs must be 1 or more" in r.stderr


def test_build_exports_read_by_two_processes_are_byte_identical(resources, pipeline, tmp_path, monkeypatch):
    """Large on-disk stores are exported by two processes (half of the graphs each, then each
    writes one run of graphs, or for Turtle of subjects): forced here on the sample corpus,
    the bytes are those of one process."""
    import kg.export as kx

    store = open_store(str(tmp_path / "st"))
    build([CORPUS], store, resources, pipeline=pipeline)
    formats = ("turtle", "nquads", "trig", "jsonld")
    one = {fmt: export(store, fmt) for fmt in formats}
    monkeypatch.setattr(kx, "_workers", lambda: 2)
    monkeypatch.setattr(kx, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(kx, "PARALLEL_LINES", 10)
    done = []
    for name in ("_quads_in_two", "_turtle_in_two"):
        real = getattr(kx, name)
        monkeypatch.setattr(kx, name, lambda *a, real=real: done.append(real(*a)) or done[-1])
    for fmt in formats:
        assert export(store, fmt) == one[fmt], fmt
    assert len(done) == 4 and all(d is not None for d in done)  # a worker did read half of the graphs
    assert not list(tmp_path.glob(".kg-export-*"))  # the snapshot is gone


def test_build_store_takes_a_graph_as_nquads_bytes_new_or_replaced(tmp_path):
    """Build workers send each graph as N-Quads bytes; the embedded store loads them as they
    are, and replaces a graph it already has just as from quads."""
    import pyoxigraph as ox

    g = ox.NamedNode("https://w3id.org/kg/article/x")
    quads = [ox.Quad(ox.NamedNode(f"http://e/{n}"), ox.NamedNode("http://e/p"), ox.Literal(str(n)), g) for n in range(3)]
    for where in (":memory:", str(tmp_path / "st")):
        store = open_store(where)
        store.replace_graphs([(g.value, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), "d1")])
        assert set(store.raw.quads_for_pattern(None, None, None, g)) == set(quads)
        assert store.digests()[g.value] == "d1"
        store.replace_graphs([(g.value, ox.serialize(quads[:1], format=ox.RdfFormat.N_QUADS), "d2")])
        assert set(store.raw.quads_for_pattern(None, None, None, g)) == set(quads[:1])
        assert store.digests()[g.value] == "d2"


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_build_turtle_export_when_its_second_process_dies_is_written_by_one(resources, pipeline, tmp_path, monkeypatch,
                                                                           capfd):
    """A Turtle worker that dies half-way (after taking where the subjects split) leaves the
    export to this process: the same bytes, no traceback, no snapshot left behind."""
    import os

    import kg.export as kx

    store = open_store(str(tmp_path / "st"))
    build([CORPUS], store, resources, pipeline=pipeline)
    one = export(store, "turtle")

    def dying(conn, *_):
        conn.recv_bytes()
        os._exit(1)

    monkeypatch.setattr(kx, "_workers", lambda: 2)
    monkeypatch.setattr(kx, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(kx, "_turtle_worker", dying)
    assert kx._turtle_in_two(store) is None
    assert export(store, "turtle") == one
    assert not list(tmp_path.glob(".kg-export-*"))
    assert "Traceback" not in capfd.readouterr().err


def test_build_workers_leave_when_their_build_is_killed_outright(tmp_path):
    """The pool workers of `kg build --jobs 2` whose parent is SIGKILLed end by themselves
    (they would otherwise wait on the pool's queue for ever, holding the terminal open)."""
    import shutil
    import subprocess
    import sys
    import time

    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(40):  # the sample corpus many times over: long enough to be killed half-way
        for text in CORPUS.glob("*.txt"):
            shutil.copy(text, articles / f"{n}-{text.name}")
    build_ = subprocess.Popen([sys.executable, "-m", "kg", "build", str(articles), "--jobs", "2", "--store",
                               str(tmp_path / "st"), "--no-exports"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    deadline = time.monotonic() + 60
    while len(children) < 2 and time.monotonic() < deadline and build_.poll() is None:
        found = Path(f"/proc/{build_.pid}/task/{build_.pid}/children")
        children = [int(pid) for pid in found.read_text().split()] if found.exists() else []
        time.sleep(0.05)
    assert len(children) >= 2, "the build ended before its workers could be seen"
    build_.kill()
    build_.wait()
    assert all(wait_until_gone(pid, timeout=10) for pid in children)


def test_build_event_row_with_two_values_takes_the_smallest(resources, pipeline):
    # a meeting node given more places and CAMEO codes in its article's graph: the row takes the
    # smallest of each, not whichever the store happens to return last
    import pyoxigraph as ox

    from kg.graph.vocab import KGO

    store = open_store(":memory:")
    build([CORPUS / "blinken-xi-meeting.txt"], store, resources, pipeline=pipeline)
    row = events(store)[0]
    graph, meeting = ox.NamedNode(row["article"]), ox.NamedNode(row["id"])
    places = ["https://w3id.org/kg/place/moscow", "https://w3id.org/kg/place/abuja"]
    codes = ["046", "041"]
    quads = list(store.raw.quads_for_pattern(None, None, None, graph))
    quads += [ox.Quad(meeting, ox.NamedNode(f"{KGO}place"), ox.NamedNode(p), graph) for p in places]
    quads += [ox.Quad(meeting, ox.NamedNode(f"{KGO}cameoCode"), ox.Literal(c), graph) for c in codes]
    store.replace_graph(row["article"], quads)
    again = [r for r in events(store) if r["id"] == row["id"] and r["article"] == row["article"]]
    assert len(again) == 1
    assert again[0]["cameo"] == min([row["cameo"], *codes])
    assert again[0]["place"]["iri"] == min([*([row["place"]["iri"]] if row["place"] else []), *places])
