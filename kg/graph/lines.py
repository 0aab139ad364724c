"""An Oxigraph store's statements as N-Triples lines, read one predicate at a time.

Reading a store is mostly Oxigraph looking up the text of every term of every quad. Asking
for one predicate's subjects and objects (``SELECT ?s ?o``) looks up two terms a quad
instead of the four of a dump (graph, subject, predicate and object), which reads the
store about a third faster. The answer, as SPARQL TSV, becomes N-Triples with bytes
operations: the predicate goes between the columns, and where TSV writes numbers and
booleans in Turtle's short forms or leaves control characters raw, they are written as
Oxigraph's N-Triples writer writes them, so that the lines are a dump's, byte for byte.
"""
from __future__ import annotations

import re
from collections import Counter

import pyoxigraph as ox

_XSD = b"http://www.w3.org/2001/XMLSchema#"
_TSV = ox.QueryResultsFormat.TSV

# a short form is the whole object: after a space, before the " ." that ends the line (a
# literal's text can end no line, its closing quote, tag or datatype comes after it)
_SHORT = re.compile(rb" ([+-]?[0-9.][0-9.eE+-]*|true|false) \.$", re.MULTILINE)
_CONTROL = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_CONTROL_RE = re.compile(b"[" + re.escape(_CONTROL) + b"]")
_ESCAPES = {0x08: b"\\b", 0x0C: b"\\f"}


def _long_form(match: re.Match[bytes]) -> bytes:
    token = match.group(1)
    if token in (b"true", b"false"):
        kind = b"boolean"
    elif b"e" in token or b"E" in token:
        kind = b"double"
    elif b"." in token:
        kind = b"decimal"
    else:
        kind = b"integer"
    return b' "' + token + b'"^^<' + _XSD + kind + b"> ."


def _escaped(match: re.Match[bytes]) -> bytes:
    code = match.group()[0]
    return _ESCAPES.get(code, b"\\u%04X" % code)


def as_ntriples(lines: bytes) -> bytes:
    """Lines ``subject predicate object .`` in SPARQL TSV's term syntax, in N-Triples."""
    if len(lines.translate(None, _CONTROL)) != len(lines):  # rare: skip the slow pass otherwise
        lines = _CONTROL_RE.sub(_escaped, lines)
    if lines.count(b"> .\n") + lines.count(b'" .\n') != lines.count(b"\n"):
        lines = _SHORT.sub(_long_form, lines)  # some object ends otherwise: maybe a short form
    return lines


def predicates(store: ox.Store) -> list[ox.NamedNode]:
    """Every predicate of the named graphs, in IRI order (a pass over the whole store)."""
    rows = store.query("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } }")
    return sorted((r[0] for r in rows if isinstance(r[0], ox.NamedNode)), key=lambda p: p.value)


def sampled_predicates(store: ox.Store, graphs: list[str], samples: int = 16) -> list[ox.NamedNode]:
    """The predicates of a few of ``graphs``, spread over the list, the most used first (then
    in IRI order): in milliseconds, the predicates of most statements where graphs are alike
    (articles), in about the order of their sizes."""
    step = max(1, len(graphs) // samples)
    found = Counter(q.predicate for graph in graphs[::step]
                    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    return sorted((p for p in found if isinstance(p, ox.NamedNode)), key=lambda p: (-found[p], p.value))


def predicate_lines(store: ox.Store, predicate: ox.NamedNode, leave_out: str) -> bytes:
    """The N-Triples lines (each ending with a newline, repeats left in) of ``predicate`` in
    every named graph but ``leave_out``."""
    query = f"SELECT ?s ?o WHERE {{ GRAPH ?g {{ ?s {predicate} ?o }} FILTER(?g != <{leave_out}>) }}"
    tsv = store.query(query).serialize(format=_TSV) or b""
    rows = tsv[tsv.index(b"\n") + 1:]  # after the header
    return as_ntriples(rows.replace(b"\t", b" " + str(predicate).encode("utf-8") + b" ").replace(b"\n", b" .\n"))
