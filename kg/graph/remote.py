"""A SPARQL 1.1 server as the store, for graphs that outgrow one machine.

Only the W3C protocols are used, so any standard server works (Oxigraph server, Apache Jena
Fuseki, Virtuoso, GraphDB, Amazon Neptune):

- SPARQL 1.1 Protocol for queries (POST, results as SPARQL JSON or N-Triples, parsed by
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
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.5"
_GRAPH_FORMATS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
                  "text/plain": ox.RdfFormat.N_TRIPLES}


class SparqlStore:
    """A store on a SPARQL 1.1 server at ``url``.

    ``query``, ``update`` and ``data`` name the three endpoints, absolute or relative to
    ``url``; credentials in the URL (``http://user:pw@host/...``) answer HTTP Basic or
    Digest challenges.
    """

    def __init__(self, url: str, *, query: str | None = None, update: str | None = None,
                 data: str | None = None, timeout: float = 300.0, check: bool = True) -> None:
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
                return ctype, resp.read()
        except urllib.error.HTTPError as exc:
            if ok_missing and exc.code == 404:
                return "", b""
            detail = _first_line(exc.read().decode("utf-8", "replace")) or exc.reason
            if exc.code == 400 and what == "query":
                raise QueryError(f"the SPARQL server refused the query: {detail}") from None
            if exc.code == 401:
                hint = "check them" if self._credentials else "give them as http://user:password@host/..."
                raise StoreError(f"the SPARQL server at {self.location} wants credentials for {url}: {hint}") from None
            if exc.code == 403:
                raise StoreError(f"the SPARQL server at {self.location} refused {what} (HTTP 403: {detail}); "
                                 "is it read-only?") from None
            raise StoreError(f"{what} to {url} failed: HTTP {exc.code} {detail}") from None
        except (urllib.error.URLError, http.client.HTTPException, socket.timeout, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the SPARQL server at {self.location} ({reason}): "
                             "start it, or check the URL given with --store") from None

    def _update(self, sparql: str) -> None:
        self._request("POST", self.update_url, sparql.encode("utf-8"),
                      {"Content-Type": "application/sparql-update"}, what="update")

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
        url = self.query_url + ("&" if "?" in self.query_url else "?") + "union-default-graph"
        ctype, data = self._request("POST", url, sparql.encode("utf-8"),
                                    {"Content-Type": "application/sparql-query", "Accept": _ACCEPT},
                                    what="query")
        try:
            if ctype in ("application/sparql-results+json", "application/json"):
                return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
            if ctype in ("application/sparql-results+xml", "application/xml"):
                return ox.parse_query_results(data, format=ox.QueryResultsFormat.XML)
            if ctype in _GRAPH_FORMATS:
                return [q.triple for q in ox.parse(data, format=_GRAPH_FORMATS[ctype])]
        except SyntaxError as exc:
            raise StoreError(f"unreadable answer from {self.query_url}: {_first_line(str(exc))}") from None
        raise StoreError(f"unexpected answer from {self.query_url}: content type {ctype or 'none'}")

    def dump_nquads(self) -> bytes:
        """Every quad, by a Graph Store GET of the whole dataset where the server offers it
        (Oxigraph, Fuseki), else by a SELECT over all named graphs."""
        try:
            ctype, data = self._request("GET", self.data_url, headers={"Accept": "application/n-quads"},
                                        what="reading the dataset")
        except StoreError:
            ctype, data = "", b""
        if ctype == "application/n-quads":
            quads = [q for q in ox.parse(data, format=ox.RdfFormat.N_QUADS) if not isinstance(q.graph_name, ox.DefaultGraph)]
            return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""

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
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode))

    def clear(self) -> None:
        """Remove every graph (``DROP ALL``): for tests and benchmarks on a scratch server."""
        self._update("DROP ALL")

    def close(self) -> None:
        """Nothing to release: every call is one stateless HTTP exchange."""


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
