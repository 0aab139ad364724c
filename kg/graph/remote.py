"""A SPARQL 1.1 server as the store, for graphs that outgrow one machine.

Only the W3C protocols are used, so any standard server works (Oxigraph server, Apache Jena
Fuseki, Virtuoso, GraphDB, Amazon Neptune):

- SPARQL 1.1 Protocol for queries (URL-encoded POST, results as SPARQL JSON or N-Triples, parsed by
  Oxigraph into the same result objects the embedded store returns);
- SPARQL 1.1 Graph Store HTTP Protocol to replace one article's graph with a single PUT
  (one request, no SPARQL text to build or parse for the bulk of the data);
- SPARQL 1.1 Update for the digest bookkeeping.

The digest is written after the graph, so an interrupted build leaves an old digest and
the article is simply redone next time. Endpoints default to Oxigraph's layout
(``BASE/query``, ``BASE/update``, ``BASE/store``); other servers name theirs (see README).
"""
from __future__ import annotations

import http.client
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError, StoreError

DIGEST = "https://w3id.org/kg/ontology#graphDigest"
DIGEST_GRAPH = "https://w3id.org/kg/graph/digests"
_XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9"
# the prologue before a query's form: comments, BASE and PREFIX declarations
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*", re.IGNORECASE)
_GRAPH_FORMATS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
                  "text/plain": ox.RdfFormat.N_TRIPLES}


class SparqlStore:
    """A store on a SPARQL 1.1 server at ``url``.

    ``query``, ``update`` and ``data`` name the three endpoints, absolute or relative to
    ``url``; credentials in the URL (``http://user:pw@host/...``) answer HTTP Basic or
    Digest challenges. ``graphs`` (an IRI prefix) keeps ``graphs()``, the dumps and
    ``clear()`` to the named graphs under it, for a server that holds other graphs too
    (Virtuoso keeps its own system graphs beside the data); None takes every named graph.
    """

    def __init__(self, url: str, *, query: str | None = None, update: str | None = None,
                 data: str | None = None, graphs: str | None = None, timeout: float = 300.0,
                 check: bool = True) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"not a SPARQL server URL: {url} (expected http://host:port/...)")
        user = pw = None
        if parts.username is not None:
            user = urllib.parse.unquote(parts.username)
            pw = urllib.parse.unquote(parts.password or "")
            netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
            parts = parts._replace(netloc=netloc)
        base = urllib.parse.urlunsplit(parts._replace(query="", fragment="")).rstrip("/") + "/"
        self.location = base.rstrip("/")
        self.query_url = urllib.parse.urljoin(base, query or "query").rstrip("/")
        self.update_url = urllib.parse.urljoin(base, update or "update").rstrip("/")
        self.data_url = urllib.parse.urljoin(base, data or "store").rstrip("/")
        self._credentials = user is not None
        self.graph_prefix = graphs
        handlers: list[urllib.request.BaseHandler] = []
        if user is not None:  # answer the server's challenge, Basic or Digest (Virtuoso's -auth endpoints)
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.location, user, pw or "")
            handlers = [urllib.request.HTTPBasicAuthHandler(passwords), urllib.request.HTTPDigestAuthHandler(passwords)]
        self._opener = urllib.request.build_opener(*handlers)
        self.timeout = timeout
        if check:
            self.query("ASK { }")

    # ------------------------------------------------------------------ HTTP

    def _request(self, method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                 *, ok_missing: bool = False, what: str = "request") -> tuple[str, bytes]:
        """One HTTP exchange; returns (content type, body). Every failure becomes a KgError."""
        req = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
                cap = resp.headers.get("X-SPARQL-MaxRows")
                if cap:  # Virtuoso's mark of an answer cut at its ResultSetMaxRows
                    raise StoreError(f"the SPARQL server at {self.location} cut its answer at {cap} rows: raise "
                                     "its row limit (Virtuoso: ResultSetMaxRows in virtuoso.ini's [SPARQL])")
                return ctype, resp.read()
        except urllib.error.HTTPError as exc:
            if ok_missing and exc.code == 404:
                return "", b""
            detail = _error_text(exc.read().decode("utf-8", "replace")) or exc.reason
            if exc.code == 400 and what == "query":
                raise QueryError(f"the SPARQL server refused the query: {detail}") from None
            if exc.code == 401:
                hint = "check them" if self._credentials else "give them as http://user:password@host/..."
                raise StoreError(f"the SPARQL server at {self.location} wants credentials for {url}: {hint}") from None
            if exc.code == 403:
                raise StoreError(f"the SPARQL server at {self.location} refused {what} (HTTP 403: {detail}); "
                                 "is it read-only, or may this user not write?") from None
            raise StoreError(f"{what} to {url} failed: HTTP {exc.code} {detail}") from None
        except (urllib.error.URLError, http.client.HTTPException, socket.timeout, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the SPARQL server at {self.location} ({reason}): "
                             "start it, or check the URL given with --store") from None

    def _update(self, sparql: str) -> None:
        self._request("POST", self.update_url, sparql.encode("utf-8"),
                      {"Content-Type": "application/sparql-update"}, what="update")

    def _graph_filter(self, var: str = "?g") -> str:
        if self.graph_prefix is None:
            return ""
        return f"FILTER(STRSTARTS(STR({var}), {ox.Literal(self.graph_prefix)}))"

    def _graph_url(self, graph: str) -> str:
        sep = "&" if "?" in self.data_url else "?"
        return f"{self.data_url}{sep}{urllib.parse.urlencode({'graph': graph})}"

    # ------------------------------------------------------------------ the Store protocol

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad], digest: str | None = None) -> None:
        """PUT the graph (Graph Store Protocol), then record its digest (Update)."""
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        if triples:
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            self._request("PUT", self._graph_url(graph), body, {"Content-Type": "application/n-triples"},
                          what=f"writing graph <{graph}>")
        else:
            self._request("DELETE", self._graph_url(graph), ok_missing=True, what=f"removing graph <{graph}>")
        g = ox.NamedNode(graph)
        parts = [f"DELETE WHERE {{ GRAPH <{DIGEST_GRAPH}> {{ {g} <{DIGEST}> ?d }} }}"]
        if digest is not None:
            parts.append(f"INSERT DATA {{ GRAPH <{DIGEST_GRAPH}> {{ {g} <{DIGEST}> {ox.Literal(digest)} }} }}")
        self._update(" ;\n".join(parts))

    def replace_graphs(self, items: Iterable[tuple[str, list[ox.Quad], str | None]]) -> None:
        """One PUT per graph: the Graph Store Protocol names one graph per request."""
        for graph, quads, digest in items:
            self.replace_graph(graph, quads, digest)

    def remove_graph(self, graph: str) -> None:
        self.replace_graph(graph, [], None)

    def digests(self) -> dict[str, str]:
        rows = self.query(f"SELECT ?g ?d WHERE {{ GRAPH <{DIGEST_GRAPH}> {{ ?g <{DIGEST}> ?d }} }}")
        return {r["g"].value: r["d"].value for r in rows}

    def query(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Any:
        """Run a query over the union of all graphs (``union-default-graph``, which Oxigraph
        honours; configure Fuseki's union default graph, Virtuoso and GraphDB do it by default)."""
        if substitutions:
            from ..query import bind_values
            sparql = bind_values(sparql, dict(substitutions))
        # ask for a graph format for CONSTRUCT and DESCRIBE: with results formats first,
        # Virtuoso answers them as ?s ?p ?o rows
        form = sparql[_PROLOGUE.match(sparql).end():][:9].upper()
        accept = _ACCEPT_GRAPH if form.startswith(("CONSTRUCT", "DESCRIBE")) else _ACCEPT_RESULTS
        url = self.query_url + ("&" if "?" in self.query_url else "?") + "union-default-graph"
        # URL-encoded POST, the form every server takes (Virtuoso never answers a direct
        # ``application/sparql-query`` POST), and no length limit as with GET
        body = urllib.parse.urlencode({"query": sparql}).encode("ascii")
        ctype, data = self._request("POST", url, body,
                                    {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
                                    what="query")
        try:
            if ctype in ("application/sparql-results+json", "application/json"):
                if b'"bnode"' in data or _XSD_BOOLEAN.encode() in data:
                    data = _tidy_json_results(data)
                return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
            if ctype in ("application/sparql-results+xml", "application/xml"):
                return ox.parse_query_results(data, format=ox.QueryResultsFormat.XML)
            if ctype in _GRAPH_FORMATS:
                triples = [q.triple for q in ox.parse(data, format=_GRAPH_FORMATS[ctype])]
                if _XSD_BOOLEAN.encode() in data:
                    triples = [ox.Triple(t.subject, t.predicate, _canonical(t.object)) for t in triples]
                return triples
        except SyntaxError as exc:
            raise StoreError(f"unreadable answer from {self.query_url}: {_first_line(str(exc))}") from None
        raise StoreError(f"unexpected answer from {self.query_url}: content type {ctype or 'none'}")

    def dump_nquads(self) -> bytes:
        """Every quad of the named graphs (under the prefix, if one is given), by a Graph Store
        GET of the whole dataset where the server offers it (Oxigraph, Fuseki), else by a
        SELECT over the named graphs."""
        try:
            ctype, data = self._request("GET", self.data_url, headers={"Accept": "application/n-quads"},
                                        what="reading the dataset")
        except StoreError:
            ctype, data = "", b""
        if ctype == "application/n-quads":
            quads = [ox.Quad(q.subject, q.predicate, _canonical(q.object), q.graph_name)
                     for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)
                     if isinstance(q.graph_name, ox.NamedNode) and self._ours(q.graph_name.value)]
            return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        rows = self.query(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._graph_filter()} }}")
        try:
            quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
        except SyntaxError as exc:
            raise StoreError(f"unreadable answer from {self.query_url}: {_first_line(str(exc))}") from None
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""

    def _ours(self, graph: str) -> bool:
        return self.graph_prefix is None or graph.startswith(self.graph_prefix)

    def graph_ntriples(self) -> Iterator[tuple[str, bytes]]:
        """Each named graph but the digests as N-Triples, split out of one dataset dump
        (one request instead of one per graph)."""
        by_graph: dict[str, list[ox.Triple]] = {}
        for q in ox.parse(self.dump_nquads(), format=ox.RdfFormat.N_QUADS):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != DIGEST_GRAPH:
                by_graph.setdefault(q.graph_name.value, []).append(q.triple)
        for graph in sorted(by_graph):
            yield graph, ox.serialize(by_graph[graph], format=ox.RdfFormat.N_TRIPLES) or b""

    def graphs(self) -> list[str]:
        # a pattern inside GRAPH: Virtuoso finds no graph for an empty one
        rows = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._graph_filter()} }}")
        return sorted(r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode))

    def clear(self) -> None:
        """Remove every graph (``DROP ALL``), or with a prefix only the graphs under it:
        for tests and benchmarks on a scratch server."""
        if self.graph_prefix is None:
            self._update("DROP ALL")
        else:
            names = self.graphs()
            for i in range(0, len(names), 100):  # a few requests: servers limit an update's size
                self._update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in names[i:i + 100]))

    def close(self) -> None:
        """Nothing to release: every call is one stateless HTTP exchange."""


def _canonical(term: Any) -> Any:
    """An ``xsd:boolean`` literal in its canonical form, ``true`` or ``false``: kg writes
    those, and a server that keeps only the value may give back ``1`` or ``0`` (Virtuoso)."""
    if isinstance(term, ox.Literal) and term.datatype.value == _XSD_BOOLEAN and term.value in ("1", "0"):
        return ox.Literal("true" if term.value == "1" else "false", datatype=term.datatype)
    return term


def _tidy_json_results(data: bytes) -> bytes:
    """SPARQL JSON results with blank nodes renamed b0, b1, ... (the same node keeps one
    name) and booleans in their canonical form (see ``_canonical``). A blank node label is
    only meaningful inside one answer, and some servers send labels that are not Turtle
    blank node labels (Virtuoso's ``nodeID://b10006``), which the parser refuses."""
    import json
    try:
        doc = json.loads(data)
    except ValueError:
        return data
    names: dict[str, str] = {}
    for row in (doc.get("results") or {}).get("bindings") or []:
        for cell in row.values():
            if not isinstance(cell, dict):
                continue
            if cell.get("type") == "bnode":
                cell["value"] = names.setdefault(str(cell.get("value")), f"b{len(names)}")
            elif cell.get("datatype") == _XSD_BOOLEAN and cell.get("value") in ("1", "0"):
                cell["value"] = "true" if cell["value"] == "1" else "false"
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _error_text(body: str) -> str:
    """The server's reason in one line: the first line of a plain text body, or the text
    of an HTML error page (Virtuoso's gives the reason below a heading), shortened."""
    if body.lstrip().startswith("<") and re.search(r"<html|<!doctype", body[:200], re.IGNORECASE):
        body = re.sub(r"(?is)<head\b.*?</head>|<[^>]*>", " ", body)
        return " ".join(body.split())[:300]
    return _first_line(body)[:300]


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
