"""Exports of a large synthetic graph (about 1M triples, see synthetic.py): kg's deterministic
Turtle, N-Quads and TriG beside raw pyoxigraph's unordered N-Quads dump of the same store,
and the HTML page.

    python benchmarks/export_speed.py [--triples 1000000] [--store /tmp/kg-bench-1m] [--viz]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import ensure_store  # noqa: E402

from kg.export import ExportFormat, export  # noqa: E402
from kg.resources import load_resources  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--store", default="/tmp/kg-bench-1m")
    ap.add_argument("--viz", action="store_true", help="also time the HTML page (slow on a graph this size)")
    args = ap.parse_args()
    res = load_resources()
    store = ensure_store(args.store, res, triples=args.triples, seed=args.seed)
    quads = len(store)
    print(f"store {args.store}: {quads:,} quads")
    t = time.perf_counter()
    raw = store.raw.dump(format=ox.RdfFormat.N_QUADS)
    raw_s = time.perf_counter() - t
    print(f"{'raw pyoxigraph dump (N-Quads, store order)':<44}{raw_s:7.2f}s  {len(raw) / 1e6:7.1f} MB")
    del raw
    for fmt in (ExportFormat.turtle, ExportFormat.nquads, ExportFormat.trig):
        t = time.perf_counter()
        data = export(store, fmt)
        took = time.perf_counter() - t
        print(f"{'kg export --format ' + fmt.value + ' (sorted, byte-stable)':<44}{took:7.2f}s  {len(data) / 1e6:7.1f} MB"
              f"  {quads / took:,.0f} triples/s")
        del data
    if args.viz:
        from kg.viz import write_html
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            page = write_html(store, Path(tmp) / "graph.html")
            took = time.perf_counter() - t
            size = (Path(tmp) / "graph.html").stat().st_size
        print(f"{'kg viz (auto view)':<44}{took:7.2f}s  {size / 1e6:7.1f} MB  "
              f"{len(page.nodes):,} nodes, {len(page.edges):,} edges ({page.view} view)")
    store.close()


if __name__ == "__main__":
    main()
