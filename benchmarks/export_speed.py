"""Exports of a large synthetic graph (about 1M triples, see synthetic.py): kg's deterministic
Turtle, N-Quads and TriG beside raw pyoxigraph's unordered N-Quads dump of the same store,
and the HTML page.

Each export runs as its own process, as a user runs it (`kg export --format F -o FILE`, wall
time from start to the file written, Python start-up included); the raw dump likewise runs in a
process of its own that only opens the store and dumps it. Timing them inside this process
instead would measure them next to the gazetteer that generating the store loads. Each is run
``--repeat`` times, interleaved. The figure is the best run, as ``timeit`` and
``sparql_queries.py`` report (slower runs are the machine doing other work, which on a shared
machine makes single runs vary by a third); the median and the range are printed beside it.

    python benchmarks/export_speed.py [--triples 1000000] [--store /tmp/kg-bench-1m] [--repeat 5] [--viz]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import ensure_store  # noqa: E402

from kg.resources import load_resources  # noqa: E402

_RAW_DUMP = """
import sys, time, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
t = time.perf_counter()
data = store.dump(format=ox.RdfFormat.N_QUADS)
print(time.perf_counter() - t, len(data))
"""


def _raw_dump(store: str) -> tuple[float, int]:
    """Seconds and bytes of pyoxigraph's own dump of the whole store (in a fresh process)."""
    out = subprocess.run([sys.executable, "-c", _RAW_DUMP, store], check=True, capture_output=True, text=True)
    seconds, size = out.stdout.split()
    return float(seconds), int(size)


def _kg_export(store: str, fmt: str, target: Path) -> float:
    """Wall seconds of `kg export --format fmt` into ``target``, as its own process."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", "export", "--format", fmt, "--store", store, "-o", str(target)],
                   check=True, capture_output=True)
    return time.perf_counter() - t


def _spread(values: list[float]) -> str:
    return f"{min(values):6.2f}s  median {statistics.median(values):5.2f}s ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--store", default="/tmp/kg-bench-1m")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--viz", action="store_true", help="also time the HTML page (slow on a graph this size)")
    args = ap.parse_args()
    res = load_resources()
    store = ensure_store(args.store, res, triples=args.triples, seed=args.seed)
    quads = len(store)
    store.close()
    del res
    print(f"store {args.store}: {quads:,} quads; best of {args.repeat} runs, median (range)")
    formats = ("turtle", "nquads", "trig")
    times: dict[str, list[float]] = {name: [] for name in ("raw", *formats)}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            raw_s, sizes["raw"] = _raw_dump(args.store)
            times["raw"].append(raw_s)
            for fmt in formats:
                target = Path(tmp) / f"graph.{fmt}"
                times[fmt].append(_kg_export(args.store, fmt, target))
                sizes[fmt] = target.stat().st_size
                os.unlink(target)
        raw = min(times["raw"])
        print(f"{'raw pyoxigraph dump (N-Quads, store order)':<48}{_spread(times['raw'])}  {sizes['raw'] / 1e6:7.1f} MB")
        for fmt in formats:
            took = min(times[fmt])
            print(f"{'kg export --format ' + fmt + ' (sorted, byte-stable)':<48}{_spread(times[fmt])}  "
                  f"{sizes[fmt] / 1e6:7.1f} MB  {quads / took:,.0f} quads/s  {took / raw:.2f}x the raw dump")
        if args.viz:
            target = Path(tmp) / "graph.html"
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "kg", "viz", "--store", args.store, "-o", str(target)],
                           check=True, capture_output=True)
            took = time.perf_counter() - t
            print(f"{'kg viz (auto view)':<48}{took:7.2f}s  {target.stat().st_size / 1e6:7.1f} MB  (whole command)")


if __name__ == "__main__":
    main()
