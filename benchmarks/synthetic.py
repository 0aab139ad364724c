"""A deterministic synthetic graph in kg's own model, as a fixture for the large-graph benchmarks.

Articles, meetings, evidence, shortcuts and reference graphs are made by kg's own graph
builder (``kg.graph.build``) from synthetic extraction records over the real gazetteer and
issue scheme, so the named queries see the shapes they see in a real build. The same
``--triples`` and ``--seed`` give the same graph, byte for byte.

    python benchmarks/synthetic.py [--triples 1000000] [--seed 7] [--store DIR]

prints how long kg's loading path (``Store.replace_graphs``, as a build uses it) and a raw
pyoxigraph bulk load take for the same quads.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg import __version__
from kg.graph import build as gb
from kg.graph import iri
from kg.graph.store import OxigraphStore
from kg.graph.vocab import RUN
from kg.model import Actor, Article, Event, Evidence, Extraction, Participant, Place, Sentence
from kg.pipeline import BATCH_QUADS, _load_reference, rules_digest
from kg.resources import Resources, load_resources

KINDS = ("meeting", "talks", "negotiations", "visit", "call", "summit", "conference")
STATUSES = ("held", "held", "held", "ongoing", "planned")
RULES = ("trigger.meeting.noun", "trigger.talks.noun", "trigger.visit.verb", "trigger.call.noun")
TRIPLES_PER_ARTICLE = 80  # measured on the generator's output; used only to size the run


def _article(n: int, rng: random.Random, actors: list[str], issues: list[str], res: Resources) -> Extraction:
    year, month, day = 1995 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28)
    date = f"{year:04d}-{month:02d}-{day:02d}"
    art = Article(id=f"syn-{n:07d}", path=f"synthetic/syn-{n:07d}.txt", title=f"Synthetic report {n}",
                  text="", date=date, source="synthetic", url=f"https://example.org/news/{n}")
    events = []
    used: dict[str, Actor] = {}
    for k in range(1 + rng.randrange(3)):
        who = rng.sample(actors, 2 + (rng.random() < 0.2))
        roles = ["host", "visitor"] if rng.random() < 0.3 else ["participant"] * len(who)
        parts = tuple(Participant(a, roles[i] if i < len(roles) else "participant") for i, a in enumerate(who))
        for a in who:
            if a in res.people:
                p = res.people[a]
                used[a] = Actor(a, p.name, "Person", p.country)
            elif a in res.countries:
                used[a] = Actor(a, res.countries[a].name, "Country", a)
            else:
                used[a] = Actor(a, res.organisations[a].name, "Organization")
        start = 200 * k + rng.randrange(100)
        quote = f"{used[who[0]].label} met {used[who[1]].label} to discuss matters of state."
        evidence = tuple(Evidence(quote, start + 300 * j, start + 300 * j + len(quote), rng.choice(RULES), k + j)
                         for j in range(1 + (rng.random() < 0.4)))
        place = None
        if rng.random() < 0.6:
            cid = rng.choice(sorted(res.countries))
            place = Place(res.countries[cid].name, cid, cid)
        ev_date = date if rng.random() < 0.7 else None
        events.append(Event(article=art.id, kind=rng.choice(KINDS), status=rng.choice(STATUSES), participants=parts,
                            issues=tuple(sorted(rng.sample(issues, 1 + rng.randrange(3)))), place=place,
                            date=ev_date, date_precision="day" if ev_date else None,
                            confidence=round(0.5 + rng.random() / 2, 2), evidence=evidence))
    return Extraction(art, (Sentence(0, 0, 0),), tuple(used[a] for a in sorted(used)), (), tuple(events))


def articles(res: Resources, *, triples: int = 1_000_000, seed: int = 7) -> Iterator[tuple[str, list[ox.Quad]]]:
    """(graph IRI, quads) per synthetic article, about ``triples`` in all."""
    rng = random.Random(seed)
    people = sorted(res.people)
    actors = people[: max(2, min(len(people), 3000))] + sorted(res.countries) + sorted(res.organisations)[:100]
    issues = sorted(res.issues)
    digest = rules_digest(res)
    run = f"{RUN}{digest}"
    for n in range(max(1, triples // TRIPLES_PER_ARTICLE)):
        ex = _article(n, rng, actors, issues, res)
        graph = iri.article(ex.article.id)
        yield graph, gb.article_quads(ex, res, run) + gb.run_quads(run, __version__, digest, graph)


def generate(path: str | None, res: Resources, *, triples: int = 1_000_000, seed: int = 7) -> tuple[OxigraphStore, dict[str, float]]:
    """Load the synthetic graph into an Oxigraph store through kg's own path; returns the store and timings."""
    store = OxigraphStore(path)
    digest = rules_digest(res)
    _load_reference(store, res, digest, {})
    started = time.perf_counter()
    made = 0.0
    in_use: set[str] = set()
    count = 0
    batch: list[tuple[str, list[ox.Quad], str | None]] = []
    size = 0
    for graph, quads in articles(res, triples=triples, seed=seed):
        batch.append((graph, quads, iri.digest(graph)))
        size += len(quads)
        count += len(quads)
        in_use.update(q.object.value[len(iri.actor("")):] for q in quads
                      if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(iri.actor("")))
        if size >= BATCH_QUADS:  # as kg.pipeline.build writes them
            t = time.perf_counter()
            store.replace_graphs(batch)
            made += time.perf_counter() - t
            batch, size = [], 0
    t = time.perf_counter()
    store.replace_graphs(batch)
    made += time.perf_counter() - t
    store.replace_graph(iri.graph("actors"), gb.actor_quads(in_use, res))
    total = time.perf_counter() - started
    return store, {"quads": count, "generate_s": total - made, "load_s": made}


def _marker(path: str, res: Resources, triples: int, seed: int) -> tuple[Path, str]:
    return Path(f"{path}.json"), json.dumps({"triples": triples, "seed": seed, "rules": rules_digest(res)})


def ensure_store(path: str, res: Resources, *, triples: int = 1_000_000, seed: int = 7) -> OxigraphStore:
    """The synthetic store at ``path``, generated unless a previous run left the same one there."""
    marker, wanted = _marker(path, res, triples, seed)
    if Path(path).is_dir() and marker.is_file() and marker.read_text(encoding="utf-8") == wanted:
        return OxigraphStore(path)
    shutil.rmtree(path, ignore_errors=True)
    store, _ = generate(path, res, triples=triples, seed=seed)
    store.close()
    marker.write_text(wanted, encoding="utf-8")
    return store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--store", help="folder to write the store to (default: a temporary folder, removed)")
    args = ap.parse_args()
    res = load_resources()
    tmp = None if args.store else tempfile.mkdtemp(prefix="kg-synthetic-")
    path = args.store or str(Path(tmp) / "store")
    store, t = generate(path, res, triples=args.triples, seed=args.seed)
    total = len(store)
    print(f"synthetic graph: {total:,} quads in {len(store.graphs()):,} graphs (seed {args.seed}) at {path}")
    print(f"generate (kg graph builder)   {t['generate_s']:6.2f}s")
    print(f"load through kg (bulk batches) {t['load_s']:5.2f}s  {t['quads'] / t['load_s']:,.0f} triples/s  (on disk)")
    nq = store.dump_nquads()
    store.close()
    if args.store:  # the other benchmarks may reuse it
        marker, wanted = _marker(path, res, args.triples, args.seed)
        marker.write_text(wanted, encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="kg-synthetic-raw-") as scratch:
        for where, raw in (("on disk", ox.Store(scratch)), ("in memory", ox.Store())):
            started = time.perf_counter()
            raw.bulk_load(nq, format=ox.RdfFormat.N_QUADS)
            bulk = time.perf_counter() - started
            print(f"raw pyoxigraph bulk_load       {bulk:5.2f}s  {len(raw) / bulk:,.0f} triples/s  ({where}, same quads)")
            del raw
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
