"""The shipped named queries on a large synthetic graph (about 1M triples, see synthetic.py),
through kg (parameters bound, results turned into plain rows) beside raw pyoxigraph running
the same SPARQL text on the same store and reading every row.

    python benchmarks/sparql_queries.py [--triples 1000000] [--store /tmp/kg-bench-1m] [--repeat 5]

The store is generated on the first run and reused while its parameters and the ontology
stay the same.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import ensure_store  # noqa: E402

from kg.query import bind_values, named_queries, resolve_query, run_query  # noqa: E402
from kg.graph.vocab import PREFIXES  # noqa: E402
from kg.resources import default_ontology_dir, load_resources  # noqa: E402


def best_of_both(first, second, repeat: int) -> tuple[float, object, float, object]:
    """Best times (and answers) of two ways of running a query, their runs interleaved so that
    the machine's slower moments fall on both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    out: list[object] = [None, None]
    for _ in range(repeat):
        for n, fn in enumerate((first, second)):
            t = time.perf_counter()
            out[n] = fn()
            times[n].append(time.perf_counter() - t)
    return min(times[0]), out[0], min(times[1]), out[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--store", default="/tmp/kg-bench-1m")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    res = load_resources()
    t = time.perf_counter()
    store = ensure_store(args.store, res, triples=args.triples, seed=args.seed)
    print(f"store {args.store}: {len(store):,} quads (ready in {time.perf_counter() - t:.1f}s)")
    folder = default_ontology_dir() / "queries"
    top = run_query(store, named_queries(folder)["actors"].text).rows
    actor = next(row[1] for row in top if row[2] and row[2].endswith("Person"))
    values = {"actor": actor, "issue": "trade"}
    print(f"parameters: actor={actor!r} issue='trade'")
    print(f"{'query':<13}{'rows':>8}{'kg s':>9}{'raw s':>9}{'kg/raw':>8}")
    worst = 0.0
    for name, nq in named_queries(folder).items():
        text, bindings = resolve_query(name, folder, {p: values[p] for p in nq.params})
        prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
        raw_text = prefixes + bind_values(text, bindings)
        raw_store = store.raw

        def raw():
            sols = raw_store.query(raw_text, use_default_graph_as_union=True)
            names = [v.value for v in sols.variables]
            return [tuple(s[n] for n in names) for s in sols]

        kg_s, result, raw_s, rows = best_of_both(lambda: run_query(store, text, bindings), raw, args.repeat)
        assert len(rows) == len(result.rows), name
        worst = max(worst, kg_s)
        print(f"{name:<13}{len(rows):>8}{kg_s:>9.3f}{raw_s:>9.3f}{kg_s / raw_s:>8.2f}")
    print(f"slowest named query through kg: {worst:.2f}s")
    store.close()


if __name__ == "__main__":
    main()
