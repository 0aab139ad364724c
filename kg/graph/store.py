"""Where the graph lives, behind one small interface.

Backends: embedded Oxigraph on disk (the default) or in memory, and a SPARQL 1.1 server
(``remote.SparqlStore``, for ``--store http://...``; its endpoint paths can be named with
``KG_SPARQL_QUERY``, ``KG_SPARQL_UPDATE`` and ``KG_SPARQL_DATA``). Every backend offers the
same operations, and one contract test suite (tests/test_store_contract.py) runs against each:

- ``replace_graph(iri, quads)``: swap one article's graph in a single transaction, so a
  failed build never leaves a half-written article and re-building changes nothing;
  ``replace_graphs`` does many at once (bulk loading where the backend has it);
- ``graph_digest`` / digests: skip articles whose graph is unchanged;
- ``query(sparql)`` over the union of all graphs;
- ``dump_nquads()`` and ``graph_ntriples()`` (graph by graph, digests left out) for exports;
- ``graphs()``.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from ..errors import QueryError, StoreError

DEFAULT_STORE = ".kg-store"
MEMORY = ":memory:"
DIGEST = "https://w3id.org/kg/ontology#graphDigest"
GRAPH_PREFIX = "https://w3id.org/kg/"  # every graph kg writes (articles, actors, issues, ...) is named under it
DIGEST_GRAPH = "https://w3id.org/kg/graph/digests"
_DIGEST, _DIGEST_GRAPH = ox.NamedNode(DIGEST), ox.NamedNode(DIGEST_GRAPH)


class Store(Protocol):
    """What kg needs from a quad store."""

    location: str

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad], digest: str | None = None) -> None: ...
    def replace_graphs(self, items: Iterable[tuple[str, list[ox.Quad] | bytes, str | None]]) -> None: ...
    def digests(self) -> dict[str, str]: ...
    def query(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Any: ...
    def dump_nquads(self) -> bytes: ...
    def graph_ntriples(self) -> Iterator[tuple[str, bytes]]: ...
    def graphs(self) -> list[str]: ...
    def remove_graph(self, graph: str) -> None: ...
    def close(self) -> None: ...


def default_location() -> str:
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def open_store(location: str | None = None, *, read_only: bool = False, create: bool = True) -> Store:
    """Open the store at ``location`` (a folder, ``:memory:`` or a SPARQL endpoint URL)."""
    loc = location or default_location()
    if loc.startswith(("http://", "https://")):
        from .remote import SparqlStore
        env = os.environ.get
        # kg's graphs only: a server may hold others (Virtuoso's system graphs)
        return SparqlStore(loc, query=env("KG_SPARQL_QUERY") or None, update=env("KG_SPARQL_UPDATE") or None,
                           data=env("KG_SPARQL_DATA") or None, graphs=GRAPH_PREFIX)
    if loc == MEMORY:
        return OxigraphStore(None)
    path = Path(loc)
    if not path.exists() and (read_only or not create):
        raise StoreError(f"no store at {loc}: run `kg build` first, or name one with --store")
    if path.exists() and not path.is_dir():
        raise StoreError(f"{loc} is a file, not a store folder")
    if read_only and not (path / "CURRENT").exists():  # every Oxigraph (RocksDB) store has one
        raise StoreError(f"no store in {loc}: run `kg build` first, or name one with --store")
    return OxigraphStore(str(path), read_only=read_only)


class OxigraphStore:
    """Embedded Oxigraph: a RocksDB folder on disk, or memory when ``path`` is None."""

    def __init__(self, path: str | None, *, read_only: bool = False) -> None:
        self.location = path or MEMORY
        self.read_only = read_only
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(path)
            else:
                self._store = ox.Store(path)
        except OSError as exc:
            reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            if "lock" in reason.lower():
                reason = "it is in use by another kg process (close it and try again)"
            raise StoreError(f"cannot open the store at {path}: {reason}") from None

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store, for benchmarks that compare with kg's own path."""
        return self._store

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad], digest: str | None = None) -> None:
        """One transaction either way: a graph the store has never seen (every article of a first
        build) goes in with one ``extend``; one that exists is swapped by one SPARQL update."""
        g = ox.NamedNode(graph)
        if self._is_new(g):
            new = [q if q.graph_name == g else ox.Quad(q.subject, q.predicate, q.object, g) for q in quads]
            if digest is not None:
                new.append(ox.Quad(g, _DIGEST, ox.Literal(digest), _DIGEST_GRAPH))
            try:
                self._store.extend(new)
            except OSError as exc:
                raise StoreError(f"cannot write graph {g.value}: {exc}") from None
            return
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        body = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        parts = [f"DROP SILENT GRAPH {g}",
                 f"DELETE WHERE {{ GRAPH <{DIGEST_GRAPH}> {{ {g} <{DIGEST}> ?d }} }}"]
        if body:
            parts.append(f"INSERT DATA {{ GRAPH {g} {{ {body} }} }}")
        if digest is not None:
            parts.append(f"INSERT DATA {{ GRAPH <{DIGEST_GRAPH}> {{ {g} <{DIGEST}> {ox.Literal(digest)} }} }}")
        try:
            self._store.update(" ;\n".join(parts))
        except OSError as exc:
            raise StoreError(f"cannot write graph {g.value}: {exc}") from None

    def replace_graphs(self, items: Iterable[tuple[str, list[ox.Quad] | bytes, str | None]]) -> None:
        """Many ``replace_graph`` calls at once, for builds: graphs the store has never seen go
        in with one bulk load (RocksDB's fast path, not a transaction), and their digests
        after it in one transaction, so an interrupted load leaves graphs without a digest,
        which the next build re-extracts and replaces whole. A graph's quads may come as
        N-Quads bytes, every statement in that graph (as build workers send them): Oxigraph
        loads those without making Python objects."""
        fresh: list[ox.Quad] = []
        fresh_bytes: list[bytes] = []
        digests: list[ox.Quad] = []
        batch: set[str] = set()

        def flush() -> None:
            try:
                if fresh:
                    (self._store.extend if self.location == MEMORY else self._store.bulk_extend)(fresh)
                if fresh_bytes:
                    load = self._store.load if self.location == MEMORY else self._store.bulk_load
                    load(b"\n".join(fresh_bytes), format=ox.RdfFormat.N_QUADS)
                if digests:
                    self._store.extend(digests)
            except OSError as exc:
                raise StoreError(f"cannot write to the store at {self.location}: {exc}") from None
            fresh.clear()
            fresh_bytes.clear()
            digests.clear()
            batch.clear()

        for graph, quads, digest in items:
            g = ox.NamedNode(graph)
            if graph in batch:  # the same graph twice: write what came before, then replace it
                flush()
            if not self._is_new(g):
                if isinstance(quads, bytes):
                    quads = list(ox.parse(quads, format=ox.RdfFormat.N_QUADS))
                self.replace_graph(graph, quads, digest)
                continue
            batch.add(graph)
            if isinstance(quads, bytes):
                fresh_bytes.append(quads)
            else:
                fresh.extend(q if q.graph_name == g else ox.Quad(q.subject, q.predicate, q.object, g) for q in quads)
            if digest is not None:
                digests.append(ox.Quad(g, _DIGEST, ox.Literal(digest), _DIGEST_GRAPH))
        flush()

    def _is_new(self, g: ox.NamedNode) -> bool:
        return not self._store.contains_named_graph(g) and next(
            self._store.quads_for_pattern(g, _DIGEST, None, _DIGEST_GRAPH), None) is None

    def remove_graph(self, graph: str) -> None:
        self.replace_graph(graph, [], None)

    def digests(self) -> dict[str, str]:
        rows = self._store.query(f"SELECT ?g ?d WHERE {{ GRAPH <{DIGEST_GRAPH}> {{ ?g <{DIGEST}> ?d }} }}")
        return {r["g"].value: r["d"].value for r in rows}

    def query(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Any:
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()} or None
        try:
            return self._store.query(sparql, use_default_graph_as_union=True, substitutions=subs)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from None

    def dump_nquads(self) -> bytes:
        return self._store.dump(format=ox.RdfFormat.N_QUADS)

    def graph_ntriples(self) -> Iterator[tuple[str, bytes]]:
        """Each named graph but the digests as N-Triples, one dump per graph: on disk this is
        about twice as fast as splitting one whole-store dump by graph in Python."""
        for graph in self.graphs():
            if graph != DIGEST_GRAPH:
                yield graph, self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        if not self.read_only and self.location != MEMORY:
            self._store.flush()
