"""The main job: articles in, graph stored, exports written.

Each article is read, extracted and written as one named graph in one transaction. An
article whose text, metadata and rules are unchanged since the last build is skipped
without re-extraction (its digest is kept in the store), so a repeated build is cheap and
changes nothing.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .extract import extract
from .graph import build as gb
from .graph import iri
from .graph.store import Store
from .graph.vocab import RUN
from .ingest import Skipped, discover, read_articles
from .model import Article
from .nlp import Pipeline
from .resources import Resources

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
    graph): a change there re-extracts every article."""
    h = hashlib.sha1(__version__.encode())
    for path in sorted(p for p in res.root.rglob("*") if p.is_file() and "queries" not in p.relative_to(res.root).parts):
        h.update(path.relative_to(res.root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def article_digest(article: Article, rules: str) -> str:
    h = hashlib.sha1(rules.encode())
    for part in (article.id, Path(article.path).name, article.title, article.date or "", article.source or "",
                 article.url or "", article.text):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def build(paths: Iterable[str | Path], store: Store, res: Resources, *, pipeline: Pipeline | None = None
          ) -> BuildReport:
    """Read ``paths`` into ``store``; returns counts. Raises InputError before writing anything
    when a path does not exist."""
    started = time.perf_counter()
    files = discover(paths)
    report = BuildReport()
    digest = rules_digest(res)
    run = f"{RUN}{digest}"
    known = store.digests()
    _load_reference(store, res, digest, known)
    nlp = pipeline
    for item in read_articles(files, res.boilerplate):
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        report.read += 1
        graph = iri.article(item.id)
        d = article_digest(item, digest)
        if known.get(graph) == d:
            report.unchanged += 1
            continue
        if nlp is None:
            nlp = Pipeline(res)
        ex = extract(item, nlp)
        quads = gb.article_quads(ex, res, run) + gb.run_quads(run, __version__, digest, graph)
        store.replace_graph(graph, quads, d)
        report.written += 1
        report.events += len(ex.events)
    in_use = [r["a"].value[len(iri.actor("")):] for r in store.query(_ACTORS_IN_USE)
              if r["a"].value.startswith(iri.actor(""))]
    store.replace_graph(iri.graph("actors"), gb.actor_quads(in_use, res))
    report.counts = counts(store)
    report.seconds = time.perf_counter() - started
    return report


def _load_reference(store: Store, res: Resources, digest: str, known: dict[str, str]) -> None:
    for name, path in (("ontology", res.root / "ontology.ttl"), ("issues", res.root / "issues.ttl")):
        graph = iri.graph(name)
        d = hashlib.sha1(path.read_bytes()).hexdigest()
        if known.get(graph) != d:
            store.replace_graph(graph, list(gb.file_quads(path, graph)), d)


def counts(store: Store) -> dict[str, int]:
    row = next(iter(store.query(_COUNTS)))
    out = {k: int(row[k].value) for k in ("articles", "meetings", "actors", "issues")}
    out["triples"] = sum(1 for line in store.dump_nquads().splitlines() if line and not line.endswith(b"/graph/digests> ."))
    return out
