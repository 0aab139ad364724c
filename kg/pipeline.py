"""The main job: articles in, graph stored, exports written.

Each article is read, extracted and written as one named graph. An article whose text,
metadata and rules are unchanged since the last build is skipped without re-extraction
(its digest is kept in the store), so a repeated build is cheap and changes nothing.
Articles stream through: new ones are written in bulk batches (see
``Store.replace_graphs``), and ``jobs`` worker processes can share the extraction.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from . import __version__
from .graph import build as gb
from .graph import iri
from .errors import UsageError
from .graph.store import DIGEST_GRAPH, GRAPH_PREFIX, OxigraphStore, Store
from .graph.vocab import RUN
from .ingest import Skipped, discover, read_articles
from .model import Article
from .resources import Resources

if TYPE_CHECKING:  # spaCy loads with the pipeline, only when something needs extracting
    from .nlp import Pipeline

_COUNTS = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?m) AS ?meetings) (COUNT(DISTINCT ?p) AS ?actors)
       (COUNT(DISTINCT ?i) AS ?issues)
WHERE { { ?a a kgo:Article } UNION { ?m a kgo:Meeting . OPTIONAL { ?m kgo:participant ?p } OPTIONAL { ?m kgo:addressed ?i } } }
"""
_ACTORS_IN_USE = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
SELECT DISTINCT ?a WHERE { { ?m kgo:participant ?a } UNION { ?x kgo:country ?a } UNION { ?m kgo:place ?a } }
"""

_TRIPLES = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{DIGEST_GRAPH}>) }}"
# a server may hold graphs of its own (Virtuoso's system graphs): count kg's only. Not asked of
# kg's own stores, where reading every graph's name makes the count four times slower.
_KG_TRIPLES = (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
               f'FILTER(?g != <{DIGEST_GRAPH}> && STRSTARTS(STR(?g), "{GRAPH_PREFIX}")) }}')


@dataclass
class BuildReport:
    """What a build did, for the summary line."""

    read: int = 0
    written: int = 0
    unchanged: int = 0
    events: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def rules_digest(res: Resources) -> str:
    """Digest of every file under ``ontology/`` but the named queries (which cannot change the
    graph), of the parser kg ships and of kg's own code: a change there re-extracts every article."""
    from .syntax import PARSER_DIR

    h = hashlib.sha1(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    for path in sorted(p for p in res.root.rglob("*") if p.is_file() and "queries" not in p.relative_to(res.root).parts):
        h.update(path.relative_to(res.root).as_posix().encode())
        h.update(path.read_bytes())
    for path in sorted(p for p in PARSER_DIR.rglob("*") if p.is_file()):
        h.update(path.relative_to(PARSER_DIR).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def article_digest(article: Article, rules: str) -> str:
    h = hashlib.sha1(rules.encode())
    for part in (article.id, Path(article.path).name, article.title, article.date or "", article.source or "",
                 article.url or "", article.text):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


BATCH_QUADS = 50_000  # quads of new articles gathered before one bulk write


def build(paths: Iterable[str | Path], store: Store, res: Resources, *, pipeline: Pipeline | None = None,
          jobs: int = 1, skip: Iterable[str | Path] = ()) -> BuildReport:
    """Read ``paths`` into ``store``; returns counts. Raises InputError before writing anything
    when a path does not exist.

    Articles stream through (only a bounded window is in memory). With ``jobs`` > 1, worker
    processes extract and send back each article's graph as N-Quads bytes; the store, and so
    every export, is byte-identical to a ``jobs=1`` build. Folders in ``skip`` are not read."""
    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")
    started = time.perf_counter()
    files = discover(paths, skip)
    report = BuildReport()
    digest = rules_digest(res)
    run = f"{RUN}{digest}"
    known = store.digests()
    _load_reference(store, res, digest, known)
    todo = _changed(read_articles(files, res.boilerplate), known, digest, report)
    first = next(todo, None)
    if first is not None:  # the pipeline is compiled only when something needs extracting
        from .nlp import Pipeline

        nlp = pipeline or Pipeline(res)
        todo = chain([first], todo)
        if jobs == 1:
            _store_all(store, (_extract_one(item, nlp, res, run, digest) for item in todo), report)
        else:
            keep_bytes = isinstance(store, OxigraphStore)  # which loads N-Quads bytes as they are
            # the workers' collector leaves alone what they inherit (the compiled pipeline,
            # the resources): sweeping it would copy its memory pages into every worker
            gc.freeze()
            try:
                with _pool(jobs, nlp, res, run, digest) as pool:
                    _store_all(store, (_from_bytes(r, keep_bytes) for r in _ordered(pool, todo, window=16 * jobs)),
                               report)
            finally:
                gc.unfreeze()
    in_use = [r["a"].value[len(iri.actor("")):] for r in store.query(_ACTORS_IN_USE)
              if r["a"].value.startswith(iri.actor(""))]
    store.replace_graph(iri.graph("actors"), gb.actor_quads(in_use, res))
    report.counts = counts(store)
    report.seconds = time.perf_counter() - started
    return report


@dataclass(frozen=True, slots=True)
class _Result:
    """One extracted article, as it goes to the store: its quads, or their N-Quads bytes as a
    worker sent them (see ``OxigraphStore.replace_graphs``)."""

    graph: str
    quads: list[ox.Quad] | bytes
    digest: str
    events: int
    size: int  # number of quads


def _changed(items: Iterable[Article | Skipped], known: dict[str, str], rules: str,
             report: BuildReport) -> Iterator[tuple[Article, str]]:
    """The articles whose digest differs from the stored one, with their new digest."""
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        report.read += 1
        d = article_digest(item, rules)
        if known.get(iri.article(item.id)) == d:
            report.unchanged += 1
            continue
        yield item, d


def _extract_one(item: tuple[Article, str], nlp: Pipeline, res: Resources, run: str, rules: str) -> _Result:
    from .extract import extract

    article, d = item
    graph = iri.article(article.id)
    ex = extract(article, nlp)
    quads = gb.article_quads(ex, res, run) + gb.run_quads(run, __version__, rules, graph)
    return _Result(graph, quads, d, len(ex.events), len(quads))


def _store_all(store: Store, results: Iterable[_Result], report: BuildReport) -> None:
    """Write results in batches of about BATCH_QUADS quads (memory stays bounded)."""
    batch: list[tuple[str, list[ox.Quad] | bytes, str | None]] = []
    size = 0
    for r in results:
        batch.append((r.graph, r.quads, r.digest))
        size += r.size
        report.written += 1
        report.events += r.events
        if size >= BATCH_QUADS:
            store.replace_graphs(batch)
            batch, size = [], 0
    if batch:
        store.replace_graphs(batch)


# ---------------------------------------------------------------- worker processes

_WORKER: tuple[Pipeline, Resources, str, str] | None = None  # set once in each worker process, never in the parent


def _init_worker(nlp: Pipeline, res: Resources, run: str, rules: str, parent: int) -> None:
    global _WORKER
    _WORKER = (nlp, res, run, rules)
    threading.Thread(target=leave_with_parent, args=(parent,), daemon=True).start()


def leave_with_parent(parent: int, every: float = 0.5) -> None:
    """End this process once ``parent`` is gone: a pool worker whose build was killed outright
    (SIGKILL, the out-of-memory killer) would otherwise wait on the pool's queue for ever."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


_Sent = tuple[str, bytes, str, int, int]  # graph, its N-Quads, digest, events, quads


def _work(items: list[tuple[Article, str]]) -> list[_Sent]:
    """Extract a few articles in a worker; send back compact N-Quads bytes, never spaCy or
    Python objects."""
    assert _WORKER is not None
    nlp, res, run, rules = _WORKER
    out = []
    for item in items:
        r = _extract_one(item, nlp, res, run, rules)
        out.append((r.graph, ox.serialize(r.quads, format=ox.RdfFormat.N_QUADS) or b"", r.digest, r.events, r.size))
    return out


def _from_bytes(r: _Sent, keep_bytes: bool) -> _Result:
    graph, data, d, events, size = r
    return _Result(graph, data if keep_bytes else list(ox.parse(data, format=ox.RdfFormat.N_QUADS)), d, events, size)


def _pool(jobs: int, nlp: Pipeline, res: Resources, run: str, rules: str) -> ProcessPoolExecutor:
    """Workers forked from this process share its compiled pipeline (no recompiling per worker)."""
    methods = mp.get_all_start_methods()
    if "fork" not in methods:
        raise UsageError("--jobs above 1 needs a platform that can fork processes (Linux, macOS); use --jobs 1")
    return ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork"), initializer=_init_worker,
                               initargs=(nlp, res, run, rules, os.getpid()))


CHUNK = 4  # articles per task sent to a worker: fewer round trips through the pool's queues


def _ordered(pool: ProcessPoolExecutor, items: Iterable[tuple[Article, str]], *, window: int
             ) -> Iterator[_Sent]:
    """``pool.map`` in input order, but with at most ``window`` articles in flight, so a corpus
    larger than memory streams through; articles go to the workers ``CHUNK`` at a time."""
    pending: deque[Future[list[_Sent]]] = deque()
    chunk: list[tuple[Article, str]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) < CHUNK:
            continue
        pending.append(pool.submit(_work, chunk))
        chunk = []
        if len(pending) * CHUNK >= window:
            yield from pending.popleft().result()
    if chunk:
        pending.append(pool.submit(_work, chunk))
    while pending:
        yield from pending.popleft().result()


def _load_reference(store: Store, res: Resources, digest: str, known: dict[str, str]) -> None:
    for name, path in (("ontology", res.root / "ontology.ttl"), ("issues", res.root / "issues.ttl")):
        graph = iri.graph(name)
        d = hashlib.sha1(path.read_bytes()).hexdigest()
        if known.get(graph) != d:
            store.replace_graph(graph, list(gb.file_quads(path, graph)), d)


def counts(store: Store) -> dict[str, int]:
    row = next(iter(store.query(_COUNTS)))
    out = {k: int(row[k].value) for k in ("articles", "meetings", "actors", "issues")}
    row = next(iter(store.query(_TRIPLES if isinstance(store, OxigraphStore) else _KG_TRIPLES)))
    out["triples"] = int(row["n"].value)
    return out
