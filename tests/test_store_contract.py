"""The store contract, run against every backend: embedded Oxigraph on disk, in memory, and a
live ``oxigraph serve`` on a loopback port (started and stopped here, marked ``server``)."""
from __future__ import annotations

import contextlib
import json
import signal
import socket
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from kg.errors import QueryError, StoreError
from kg.events import events
from kg.export import ExportFormat, export
from kg.graph.remote import SparqlStore
from kg.graph.server import free_port, running_server, serve_command, wait_until_ready
from kg.graph.store import open_store
from kg.pipeline import build
from kg.query import named_queries, resolve_query, run_query

from .conftest import CORPUS, ROOT

G1, G2 = "http://example.org/g1", "http://example.org/g2"
EX = "http://example.org/"


def _q(s, o, g, p="p"):
    obj = o if isinstance(o, (ox.Literal, ox.NamedNode)) else ox.Literal(o)
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + p), obj, ox.NamedNode(g))


@pytest.fixture(scope="session")
def server_url():
    """One empty in-memory Oxigraph server for the session; each test clears it."""
    with running_server() as url:
        yield url


@pytest.fixture(params=["memory", "disk", pytest.param("server", marks=pytest.mark.server)])
def store(request, tmp_path):
    if request.param == "server":
        st = SparqlStore(request.getfixturevalue("server_url"))
        st.clear()
    else:
        st = open_store(":memory:" if request.param == "memory" else str(tmp_path / "store"))
    yield st
    st.close()


def test_store_contract_replace_graph_replaces_only_that_graph(store):
    store.replace_graph(G1, [_q("a", "1", G1), _q("b", "2", G1)], "d1")
    store.replace_graph(G2, [_q("c", "3", G2)], "d2")
    store.replace_graph(G1, [_q("a", "9", G1)], "d3")
    rows = sorted((r["s"].value, r["o"].value) for r in store.query(f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }}"))
    assert rows == [(EX + "a", "9"), (EX + "c", "3")]
    assert store.digests() == {G1: "d3", G2: "d2"}
    assert store.graphs()[:2] == [G1, G2]


def test_store_contract_replace_without_digest_drops_the_old_digest(store):
    store.replace_graph(G1, [_q("a", "1", G1)], "d1")
    store.replace_graph(G1, [_q("a", "2", G1)])
    assert store.digests() == {}


def test_store_contract_remove_graph(store):
    store.replace_graph(G1, [_q("a", "1", G1)], "d1")
    store.replace_graph(G2, [_q("b", "2", G2)], "d2")
    store.remove_graph(G1)
    assert [r["s"].value for r in store.query(f"SELECT ?s WHERE {{ ?s <{EX}p> ?o }}")] == [EX + "b"]
    assert store.digests() == {G2: "d2"}
    assert G1 not in store.graphs()
    store.remove_graph("http://example.org/never-written")  # removing nothing is fine


def test_store_contract_union_query_ask_and_bad_sparql(store):
    store.replace_graph(G1, [_q("a", "1", G1)])
    store.replace_graph(G2, [_q("a", "2", G2, p="q")])
    assert bool(store.query('ASK { ?s ?p "1" }'))
    assert not bool(store.query('ASK { ?s ?p "no such value" }'))
    joined = list(store.query(f"SELECT ?x ?y WHERE {{ ?s <{EX}p> ?x ; <{EX}q> ?y }}"))
    assert [(r["x"].value, r["y"].value) for r in joined] == [("1", "2")]  # a join across two graphs
    with pytest.raises(QueryError):
        store.query("SELEC nonsense")


@pytest.mark.parametrize("term", [
    ox.Literal('He said "hi" } ; DROP ALL \\ \n done'),
    ox.Literal("Zürich, 北京, emoji \U0001F30D, tab\tend"),
    ox.Literal("bonjour", language="fr"),
    ox.Literal("2023-06-19", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
    ox.Literal("0.85", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
    ox.NamedNode("http://example.org/with%20escape?x=1&y=2#frag"),
], ids=["injection", "unicode", "language", "date", "decimal", "iri"])
def test_store_contract_terms_survive_replace_exactly(store, term):
    store.replace_graph(G1, [_q("a", term, G1)], 'digest "quoted"')
    assert [r["o"] for r in store.query("SELECT ?o WHERE { ?s ?p ?o }") if r["o"] != ox.Literal('digest "quoted"')] == [term]
    assert store.digests() == {G1: 'digest "quoted"'}


def test_store_contract_dump_nquads_round_trips(store):
    quads = [_q("a", "1", G1), _q("b", ox.Literal("x", language="en"), G1), _q("c", "3", G2)]
    store.replace_graph(G1, quads[:2], "d1")
    store.replace_graph(G2, quads[2:])
    dumped = set(ox.parse(store.dump_nquads(), format=ox.RdfFormat.N_QUADS))
    assert set(quads) <= dumped
    assert {q for q in dumped if q not in set(quads)} == {
        ox.Quad(ox.NamedNode(G1), ox.NamedNode("https://w3id.org/kg/ontology#graphDigest"), ox.Literal("d1"),
                ox.NamedNode("https://w3id.org/kg/graph/digests"))}


def test_store_contract_run_query_select_ask_construct(store):
    store.replace_graph(G1, [_q("a", ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), G1)])
    sel = run_query(store, f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }}")
    assert (sel.kind, sel.columns, sel.rows) == ("select", ("s", "o"), ((EX + "a", 7),))
    assert run_query(store, "ASK { ?s ?p ?o }").boolean is True
    construct = run_query(store, f"CONSTRUCT {{ ?s <{EX}copy> ?o }} WHERE {{ ?s <{EX}p> ?o }}")
    assert construct.kind == "graph"
    assert construct.triples == (b'<http://example.org/a> <http://example.org/copy> '
                                 b'"7"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')


def test_store_contract_parameters_are_bound_not_pasted(store):
    store.replace_graph(G1, [_q("a", 'x" } ; DROP ALL ; #', G1), _q("b", "y", G1)])
    text = f"SELECT ?s WHERE {{ ?s <{EX}p> ?v }}"
    rows = run_query(store, text, {"v": ox.Literal('x" } ; DROP ALL ; #')}).rows
    assert rows == ((EX + "a",),)
    assert len(store.graphs()) == 1


def _settled(result):
    """Rows with GROUP_CONCAT cells put in order: SPARQL leaves the order inside a group open,
    and stores with different layouts do differ there."""
    return [tuple("; ".join(sorted(v.split("; "))) if isinstance(v, str) else v for v in row) for row in result.rows]


def test_store_contract_same_corpus_same_bytes_and_answers(store, resources, pipeline):
    """The sample corpus built into this backend exports and answers exactly as in memory."""
    reference = open_store(":memory:")
    build([CORPUS], reference, resources, pipeline=pipeline)
    report = build([CORPUS], store, resources, pipeline=pipeline)
    assert report.written == report.read > 0
    for fmt in ExportFormat:
        assert export(store, fmt) == export(reference, fmt), fmt
    assert events(store) == events(reference)
    for name, nq in named_queries(ROOT / "ontology" / "queries").items():
        params = {p: "Xi Jinping" if p == "actor" else "trade" for p in nq.params}
        text, bindings = resolve_query(name, ROOT / "ontology" / "queries", params)
        assert _settled(run_query(store, text, bindings)) == _settled(run_query(reference, text, bindings)), name
    again = build([CORPUS], store, resources, pipeline=pipeline)
    assert (again.written, again.unchanged) == (0, report.read)


def test_store_read_only_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(tmp_path / "absent"), read_only=True)
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match=r"no store in .*empty: run `kg build` first"):
        open_store(str(tmp_path / "empty"), read_only=True)
    assert not list((tmp_path / "empty").iterdir())  # nothing written into it


def test_store_unreachable_server_is_a_clear_error():
    port = free_port()
    with pytest.raises(StoreError, match=rf"cannot reach the SPARQL server at http://127.0.0.1:{port}"):
        open_store(f"http://127.0.0.1:{port}/")


def test_store_not_a_server_url_is_a_clear_error():
    with pytest.raises(StoreError, match="not a SPARQL server URL"):
        SparqlStore("http://", check=False)


def test_store_endpoints_follow_base_and_overrides():
    st = SparqlStore("http://u:p%40ss@example.org:3030/ds", data="data", check=False)
    assert (st.query_url, st.update_url, st.data_url) == (
        "http://example.org:3030/ds/query", "http://example.org:3030/ds/update", "http://example.org:3030/ds/data")
    assert st.location == "http://example.org:3030/ds"  # no password in messages
    virtuoso = SparqlStore("http://example.org:8890", query="sparql", update="sparql", data="sparql-graph-crud", check=False)
    assert virtuoso.update_url == virtuoso.query_url == "http://example.org:8890/sparql"
    graphdb = SparqlStore("http://example.org:7200/repositories/kg", query=".", check=False)
    assert graphdb.query_url == "http://example.org:7200/repositories/kg"


def _kg(*args, **kw):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, **kw)


def test_store_cli_unreachable_server_is_one_line(tmp_path):
    r = _kg("query", "meetings", "--store", f"http://127.0.0.1:{free_port()}", cwd=tmp_path)
    assert r.returncode == 5
    assert r.stderr.count("\n") == 1 and "cannot reach the SPARQL server" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.server
def test_store_cli_build_and_query_through_server(tmp_path, server_url):
    SparqlStore(server_url).clear()
    r = _kg("build", str(CORPUS), "--store", server_url, "--exports", str(tmp_path / "ex"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = _kg("build", str(CORPUS), "--store", str(tmp_path / "local"), "--exports", str(tmp_path / "local-ex"), cwd=tmp_path)
    assert (tmp_path / "ex" / "kg.ttl").read_bytes() == (tmp_path / "local-ex" / "kg.ttl").read_bytes()
    r = _kg("query", "who-met", "--param", "actor=Xi Jinping", "--store", server_url, "--format", "csv", cwd=tmp_path)
    assert r.returncode == 0 and "Antony Blinken" in r.stdout


def _wait_closed(port: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return True
        time.sleep(0.05)
    return False


@pytest.mark.server
def test_store_kg_serve_answers_queries_is_read_only_and_stops_with_kg(tmp_path):
    r = _kg("build", str(CORPUS), "--store", str(tmp_path / "st"), "--exports", str(tmp_path / "ex"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "st"), "--port", str(port)],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_ready(url, None, timeout=30)
        st = SparqlStore(url)
        assert export(st, ExportFormat.turtle) == (tmp_path / "ex" / "kg.ttl").read_bytes()
        with pytest.raises(StoreError, match="read-only"):
            st.replace_graph(G1, [_q("a", "1", G1)])
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
    assert _wait_closed(port), "the oxigraph server outlived kg serve"
    proc.stdout.close()
    proc.stderr.close()


@pytest.mark.server
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_store_kg_serve_killed_outright_takes_its_server_with_it(tmp_path):
    """SIGKILL leaves kg no time to stop the oxigraph server: the server stops by itself
    rather than hold the port (and the store) for ever."""
    r = _kg("build", str(CORPUS), "--store", str(tmp_path / "st"), "--no-exports", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "st"), "--port", str(port)],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_ready(f"http://127.0.0.1:{port}", None, timeout=30)
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert _wait_closed(port), "the oxigraph server outlived a killed kg serve"


def test_store_kg_serve_refuses_memory_and_missing_store(tmp_path):
    r = _kg("serve", "--store", ":memory:", cwd=tmp_path)
    assert r.returncode == 2 and "store folder" in r.stderr
    r = _kg("serve", "--store", str(tmp_path / "absent"), cwd=tmp_path)
    assert r.returncode == 5 and "no store at" in r.stderr


def test_store_a_writable_server_starts_a_new_store_folder(tmp_path):
    cmd = serve_command(str(tmp_path / "new" / "store"), read_only=False)
    assert (tmp_path / "new" / "store").is_dir() and cmd[1] == "serve"
    with pytest.raises(StoreError, match="no store at"):
        serve_command(str(tmp_path / "other"), read_only=True)
    assert not (tmp_path / "other").exists()



_TRUE = (200, {"Content-Type": "application/sparql-results+json"}, b'{"head":{},"boolean":true}')


@contextlib.contextmanager
def _loopback(answer):
    """A loopback HTTP server for stand-ins: each POST gets answer(request, body), a
    (status, headers, body) triple."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            status, headers, out = answer(self, self.rfile.read(int(self.headers.get("Content-Length", 0))))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def basic_auth_server():
    """A loopback stand-in for a server behind HTTP Basic: answers ASK only with the right password."""
    import base64

    good = "Basic " + base64.b64encode(b"reader:s3cret:x").decode()
    paths = []

    def answer(request, body):
        paths.append(request.path)
        if request.headers.get("Authorization") != good:
            return 401, {"WWW-Authenticate": 'Basic realm="kg"'}, b""
        return _TRUE

    with _loopback(answer) as port:
        yield port, paths


def test_store_credentials_in_the_url_answer_the_challenge(basic_auth_server):
    port, paths = basic_auth_server
    assert bool(SparqlStore(f"http://reader:s3cret%3Ax@127.0.0.1:{port}").query("ASK {}"))
    with pytest.raises(StoreError, match="wants credentials.*check them"):
        SparqlStore(f"http://reader:wrong@127.0.0.1:{port}")
    with pytest.raises(StoreError, match="give them as http://user:password@host"):
        SparqlStore(f"http://127.0.0.1:{port}")


def test_store_contract_replace_graphs_in_one_call(store):
    store.replace_graph(G2, [_q("old", "0", G2)], "d0")
    store.replace_graphs([(G1, [_q("a", "1", G1)], "d1"), (G2, [_q("b", "2", G2)], "d2"),
                          (G1, [_q("c", "3", G1)], "d3")])  # the same graph twice: the last one wins
    rows = sorted((r["s"].value, r["o"].value) for r in store.query(f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }}"))
    assert rows == [(EX + "b", "2"), (EX + "c", "3")]
    assert store.digests() == {G1: "d3", G2: "d2"}


def test_store_endpoint_query_string_is_kept(basic_auth_server):
    port, paths = basic_auth_server
    SparqlStore(f"http://reader:s3cret%3Ax@127.0.0.1:{port}/repositories/kg", query="sparql?infer=false")
    assert paths[-1] == "/repositories/kg/sparql?infer=false&union-default-graph"


@pytest.mark.server
def test_store_graph_prefix_keeps_to_its_graphs(server_url):
    everything = SparqlStore(server_url)
    everything.clear()
    everything.replace_graph(G1, [_q("a", "1", G1)], "d1")
    everything.replace_graph(G2, [_q("b", "2", G2)])
    ours = SparqlStore(server_url, graphs=G1)
    assert ours.graphs() == [G1]
    assert {q.graph_name.value for q in ox.parse(ours.dump_nquads(), format=ox.RdfFormat.N_QUADS)} == {G1}
    ours.clear()
    assert everything.graphs() == [G2, "https://w3id.org/kg/graph/digests"]


@pytest.fixture
def scripted_server():
    """A loopback SPARQL stand-in: records each request and answers with the next scripted
    (status, headers, body), so a test can play a server's quirks."""
    seen, answers = [], []

    def answer(request, body):
        seen.append((request.path, dict(request.headers), body))
        return answers.pop(0) if answers else _TRUE

    with _loopback(answer) as port:
        yield f"http://127.0.0.1:{port}", seen, answers


def test_store_queries_are_url_encoded_and_ask_for_the_form_they_get(scripted_server):
    import urllib.parse
    url, seen, answers = scripted_server
    st = SparqlStore(url, query="sparql")
    answers.append((200, {"Content-Type": "application/n-triples"}, b"<http://e/b> <http://e/p> <http://e/o> .\n"
                                                                    b"<http://e/a> <http://e/p> <http://e/o> .\n"))
    result = run_query(st, "PREFIX e: <http://e/> # a comment\nCONSTRUCT { ?s e:p ?o } WHERE { ?s e:p ?o }")
    assert result.triples.startswith(b"<http://e/a>")  # a graph's triples come in order, whatever the server's
    path, headers, body = seen[-1]
    assert path == "/sparql?union-default-graph"
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert headers["Accept"].startswith("application/n-triples")
    assert "CONSTRUCT" in urllib.parse.parse_qs(body.decode())["query"][0]
    st.query("ASK { }")
    assert seen[-1][1]["Accept"].startswith("application/sparql-results+json")


def test_store_odd_answers_are_read_or_refused_clearly(scripted_server):
    url, seen, answers = scripted_server
    st = SparqlStore(url)
    boolean = "http://www.w3.org/2001/XMLSchema#boolean"
    answers.append((200, {"Content-Type": "application/sparql-results+json"}, json.dumps({
        "head": {"vars": ["s", "o", "x"]}, "results": {"bindings": [
            {"s": {"type": "bnode", "value": "nodeID://b10006"}, "o": {"type": "typed-literal", "datatype": boolean, "value": "0"},
             "x": {"type": "bnode", "value": "nodeID://b10006"}}]}}).encode()))
    row = next(iter(st.query("SELECT * { ?s ?p ?o }")))
    assert row["s"] == row["x"] and isinstance(row["s"], ox.BlankNode)  # one node keeps one name
    assert row["o"] == ox.Literal("false", datatype=ox.NamedNode(boolean))
    answers.append((200, {"Content-Type": "application/sparql-results+json", "X-SPARQL-MaxRows": "10000"},
                    b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'))
    with pytest.raises(StoreError, match="cut its answer at 10000 rows"):
        st.query("SELECT * { ?s ?p ?o }")
    answers.append((403, {"Content-Type": "text/html"}, b'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>'
                    b"<title>failed</title></head><body><h1>HTTP/1.1 403 Forbidden</h1>\n<xmp>Permission denied</xmp></body></html>"))
    with pytest.raises(StoreError, match=r"refused query \(HTTP 403: HTTP/1.1 403 Forbidden Permission denied\)"):
        st.query("ASK { }")  # the reason out of an HTML error page
