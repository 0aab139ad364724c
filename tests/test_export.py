"""Exports of stores with awkward terms: the fast readers give what Oxigraph's own dump gives."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.export as kx
from kg.graph.lines import as_ntriples, predicate_lines, predicates, sampled_predicates
from kg.graph.store import DIGEST_GRAPH, open_store

from .conftest import wait_until_gone

XSD = "http://www.w3.org/2001/XMLSchema#"


def typed(value: str, kind: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + kind))


AWKWARD = [
    ox.Literal('quote " backslash \\ tab \t newline \n return \r'),
    ox.Literal("".join(chr(c) for c in [*range(32), 0x7F, 0x80, 0xA0, 0x2028, 0xFEFF]) + "😀"),
    ox.Literal("ends like a number 12 ."), ox.Literal("12"), ox.Literal("true"),
    ox.Literal("x", language="en-GB"), ox.Literal("12 .", language="en"),
    typed("42", "integer"), typed("-7", "integer"), typed("+5", "integer"), typed("042", "integer"),
    typed("1.50", "decimal"), typed(".5", "decimal"), typed("-0.0", "decimal"),
    typed("1.0E3", "double"), typed("1e-3", "double"), typed("INF", "double"), typed("NaN", "double"),
    typed("true", "boolean"), typed("false", "boolean"), typed("0", "boolean"),
    typed("5", "int"), typed("1.5", "float"), typed("2020-01-01", "date"), typed("abc", "integer"),
    typed(" 12 ", "integer"), typed("7", "string"), ox.Literal("9", datatype=ox.NamedNode("http://example.org/t")),
    ox.NamedNode("http://example.org/o/é?q=1#f"), ox.BlankNode("b12"), ox.BlankNode("12"),
]


def awkward_store(where: str) -> ox.Store:
    store = open_store(where)
    p, q = ox.NamedNode("http://example.org/p"), ox.NamedNode("http://example.org/q#x")
    quads = []
    for n, value in enumerate(AWKWARD):
        g = ox.NamedNode(f"https://w3id.org/kg/article/a{n % 3}")
        quads.append(ox.Quad(ox.NamedNode(f"http://example.org/s/{n % 4}"), p, value, g))
        quads.append(ox.Quad(ox.BlankNode(f"s{n % 2}"), q, value, g))
    quads.append(ox.Quad(p, p, typed("3", "integer"), ox.NamedNode(DIGEST_GRAPH)))  # bookkeeping: left out
    store.raw.extend(quads)
    return store


def dumped(store: ox.Store) -> list[bytes]:
    graphs = [g for g in store.named_graphs() if g != ox.NamedNode(DIGEST_GRAPH)]
    return sorted(b"".join(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) for g in graphs).split(b"\n")[:-1])


def test_export_lines_read_by_predicate_are_the_dumps_byte_for_byte(tmp_path):
    """Numbers and booleans in TSV's short forms, raw control characters, odd datatypes,
    language tags, blank nodes: the lines equal those of Oxigraph's N-Triples dump."""
    store = awkward_store(str(tmp_path / "st")).raw
    found = predicates(store)
    assert [p.value for p in found] == ["http://example.org/p", "http://example.org/q#x"]
    read = sorted(b"".join(predicate_lines(store, p, DIGEST_GRAPH) for p in found).split(b"\n")[:-1])
    assert read == dumped(store)
    assert len(read) == len(store) - 1  # every quad but the bookkeeping one (one graph each here)


@pytest.mark.parametrize("tsv, ntriples", [
    (b"<s> <p> 42 .\n", b'<s> <p> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'),
    (b"<s> <p> -1.5 .\n", b'<s> <p> "-1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'),
    (b"<s> <p> 1.0E3 .\n", b'<s> <p> "1.0E3"^^<http://www.w3.org/2001/XMLSchema#double> .\n'),
    (b"<s> <p> false .\n", b'<s> <p> "false"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n'),
    (b'<s> <p> "a 12 ."@en .\n', b'<s> <p> "a 12 ."@en .\n'),
    (b'_:b1 <p> _:b12 .\n', b'_:b1 <p> _:b12 .\n'),
    (b'<s> <p> "\x01\x08\x0c\x1f\x7f" .\n', b'<s> <p> "\\u0001\\b\\f\\u001F\\u007F" .\n'),
])
def test_export_tsv_terms_become_ntriples(tsv, ntriples):
    assert as_ntriples(tsv) == ntriples


def test_export_sampled_predicates_are_some_of_the_stores(tmp_path):
    store = awkward_store(str(tmp_path / "st")).raw
    graphs = sorted(g.value for g in store.named_graphs())
    assert set(sampled_predicates(store, graphs)) <= set(predicates(store))
    assert sampled_predicates(store, graphs[:1], samples=1) == [ox.NamedNode("http://example.org/p"),
                                                               ox.NamedNode("http://example.org/q#x")]


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "trig", "jsonld"])
def test_export_of_awkward_terms_is_the_same_from_two_processes_and_from_memory(tmp_path, monkeypatch, fmt):
    on_disk = awkward_store(str(tmp_path / "st"))
    alone = kx.export(on_disk, fmt)
    assert kx.export(awkward_store(":memory:"), fmt) == alone
    monkeypatch.setattr(kx, "_workers", lambda: 2)
    monkeypatch.setattr(kx, "PARALLEL_BYTES", 0)
    two = kx._turtle_in_two(on_disk) if fmt == "turtle" else None
    assert two is None or two == alone
    assert kx.export(on_disk, fmt) == alone


def test_export_cut_between_two_shares_halves_them_between_subjects():
    """One share holds mostly early subjects, the other late ones: the cut halves both together
    (not one share's own middle), and falls between two subjects."""
    def lines(subjects, per):
        return sorted(f"<http://e/s{n:05d}> <http://e/p{k}> \"{k}\" .".encode() for n in subjects for k in range(per))

    mine = lines(range(0, 600), 3)  # 1,800 lines
    theirs = lines(range(400, 1000), 5)  # 3,000 lines
    cut = kx._balanced_cut(mine, kx._sample(theirs))
    assert cut.endswith(b"> ") and cut.count(b" ") == 1
    both = sorted(mine + theirs)
    before = sum(1 for line in both if line < cut)
    assert abs(before - len(both) / 2) < len(both) * 0.02
    assert kx._subject_cut(mine) < cut  # this share's own middle would leave the first run short
    assert kx._balanced_cut([], kx._sample([])) == b""


def test_export_in_memory_turtle_in_two_halves_is_one_pass(monkeypatch):
    store = awkward_store(":memory:")
    alone = kx.export(store, "turtle")
    monkeypatch.setattr(kx, "_workers", lambda: 2)
    monkeypatch.setattr(kx, "PARALLEL_LINES", 1)
    assert kx.export(store, "turtle") == alone


KILLED_EXPORT = """
import os, sys, time
import kg.export as kx
from kg.graph.store import open_store

kx._workers, kx.PARALLEL_BYTES = (lambda: 2), 0
work = kx._turtle_worker

def worker(conn, *args):
    open(sys.argv[2], "w").write(str(os.getpid()))
    work(conn, *args)

def listing(raw):
    time.sleep(120)  # killed while the worker reads

kx._turtle_worker, kx.predicates = worker, listing
kx.export(open_store(sys.argv[1], read_only=True), "turtle")
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_export_killed_leaves_no_worker_behind_and_the_next_export_removes_its_snapshot(tmp_path, monkeypatch):
    """An export killed outright (SIGKILL, the out-of-memory killer) cannot clean up: its
    worker stops once it finds the pipe closed, and the snapshot left beside the store goes
    with the next export."""
    awkward_store(str(tmp_path / "st")).close()
    pid_file = tmp_path / "worker.pid"
    parent = subprocess.Popen([sys.executable, "-c", KILLED_EXPORT, str(tmp_path / "st"), str(pid_file)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    worker = int(pid_file.read_text())
    parent.kill()
    parent.wait()
    assert wait_until_gone(worker, timeout=20)
    assert b"Traceback" not in parent.stderr.read()
    assert len(list(tmp_path.glob(kx.SNAPSHOT_PREFIX + "*"))) == 1  # nobody was left to remove it
    monkeypatch.setattr(kx, "_workers", lambda: 2)
    monkeypatch.setattr(kx, "PARALLEL_BYTES", 0)
    store = open_store(str(tmp_path / "st"), read_only=True)
    assert kx.export(store, "turtle") == kx.export(awkward_store(":memory:"), "turtle")
    assert not list(tmp_path.glob(kx.SNAPSHOT_PREFIX + "*"))
