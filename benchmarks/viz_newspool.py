"""How fast the HTML view draws and settles on a real build, in headless Debian chromium.

Builds ../shared/newspool (or the folders given) into a temporary store, writes the default
page and the actor-network page, then opens each in headless chromium (network refused) and
reports: Python time to write the page, time from navigation to the first drawn frame, to a
settled layout (first frame with physics off), and frame intervals while the user drags and
zooms. ``--synthetic 1500,5000`` adds generated graphs of that many nodes drawn in full.

    python benchmarks/viz_newspool.py [FOLDER ...] [--synthetic N,N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.graph.store import open_store
from kg.pipeline import build
from kg.resources import load_resources
from kg.viz import GraphData, _finish, _Graph, render_html, write_html

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT.parent / "shared" / "newspool"]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

_FRAMES = """() => { window.__frames = []; (function tick(t) { window.__frames.push(t);
  if (!window.__stop) requestAnimationFrame(tick); })(performance.now()); }"""


def synthetic(n: int, seed: int = 7) -> GraphData:
    """A graph shaped like kg's: meetings joining 2–4 actors drawn with a preference for busy
    ones, each meeting on 1–3 issues and sometimes at a place; about ``n`` nodes in all."""
    rnd = random.Random(seed)
    g = _Graph()
    actors = [f"a{i}" for i in range(max(3, n // 3))]
    issues = [f"i{i}" for i in range(40)]
    places = [f"p{i}" for i in range(60)]
    weight = [1.0] * len(actors)
    m = 0
    while len(g.nodes) < n:
        mid = f"m{m}"
        m += 1
        g.node(mid, f"meeting {m}", "Meeting", kind="meeting", evidence=[{"quote": "…", "rule": "r", "article": "a",
                                                                          "file": "f", "url": None}])
        for a in set(rnd.choices(range(len(actors)), weights=weight, k=rnd.randint(2, 4))):
            weight[a] += 1
            g.node(actors[a], f"Actor {a}", rnd.choice(("Person", "Country", "Organization")))
            g.edge(actors[a], mid, "participated in")
        for i in rnd.sample(issues, rnd.randint(1, 3)):
            g.node(i, f"issue {i}", "Issue")
            g.edge(mid, i, "addressed")
        if rnd.random() < 0.5:
            p = rnd.choice(places)
            g.node(p, f"place {p}", "Place")
            g.edge(mid, p, "held in")
    return _finish(g, "full", f"synthetic {len(g.nodes)} nodes", None)


def measure(ctx, path: Path) -> dict[str, float]:
    page = ctx.new_page()
    url = path.resolve().as_uri()
    outside: list[str] = []
    page.route("**/*", lambda r: r.continue_() if r.request.url == url else (outside.append(r.request.url), r.abort()))
    page.goto(url)
    page.wait_for_selector("body[data-settled]", state="attached", timeout=120_000)
    drawn = float(page.evaluate("document.body.dataset.drawnAt"))
    settled = float(page.evaluate("document.body.dataset.settledAt"))
    box = page.locator("#graph canvas").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.evaluate(_FRAMES)
    page.mouse.move(cx, cy)
    page.mouse.down()
    for k in range(30):  # drag the view around
        page.mouse.move(cx + 8 * k, cy + 4 * k)
    page.mouse.up()
    for _ in range(10):  # zoom in and out with the wheel
        page.mouse.wheel(0, -120)
        page.wait_for_timeout(20)
    for _ in range(10):
        page.mouse.wheel(0, 120)
        page.wait_for_timeout(20)
    frames = page.evaluate("window.__stop = true; window.__frames")
    page.close()
    gaps = [b - a for a, b in zip(frames, frames[1:])] or [0.0]
    return {"drawn": drawn, "settled": settled, "median_frame": statistics.median(gaps), "worst_frame": max(gaps),
            "outside": len(outside)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--synthetic", default="", help="comma-separated node counts of generated graphs")
    ap.add_argument("--keep", type=Path, help="write the pages here instead of a temporary folder")
    args = ap.parse_args()
    folders = args.folders or DEFAULT
    tmp = Path(tempfile.mkdtemp(prefix="kg-viz-bench-"))
    out = args.keep or tmp
    out.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    store = open_store(str(tmp / "store"))
    report = build(folders, store, load_resources())
    print(f"build: {report.read} articles, {report.counts['meetings']} meetings, {report.counts['actors']} actors "
          f"in {time.perf_counter() - started:.1f}s")

    pages: list[tuple[str, Path, float, GraphData]] = []
    for name, opts in (("default (auto)", {}), ("actor network", {"view": "actors"})):
        t = time.perf_counter()
        path = out / f"{name.split()[0]}.html"
        data = write_html(store, path, **opts)
        pages.append((f"{name}: {data.view}", path, time.perf_counter() - t, data))
    store.close()
    for n in [int(x) for x in args.synthetic.split(",") if x.strip()]:
        t = time.perf_counter()
        data = synthetic(n)
        path = out / f"synthetic-{n}.html"
        path.write_text(render_html(data), encoding="utf-8")
        pages.append((f"synthetic, full: {len(data.nodes)}", path, time.perf_counter() - t, data))

    if not Path(CHROMIUM).exists():
        for name, path, took, data in pages:
            print(f"{name:28s} {len(data.nodes):6,d} nodes  page written in {took:.2f}s")
        sys.exit(f"no browser timings: Debian's chromium is not installed at {CHROMIUM} (run `make browser`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(str(tmp / "profile"), executable_path=CHROMIUM, headless=True,
                                                    args=ARGS, viewport={"width": 1400, "height": 900})
        print(f"{'page':34} {'nodes':>6} {'edges':>6} {'write s':>8} {'drawn ms':>9} {'settled ms':>10}"
              f" {'drag/zoom frame ms (median / worst)':>36} {'outside':>7}")
        for name, path, write_s, data in pages:
            m = measure(ctx, path)
            print(f"{name:34} {len(data.nodes):6d} {len(data.edges):6d} {write_s:8.2f} {m['drawn']:9.0f} {m['settled']:10.0f}"
                  f" {m['median_frame']:17.1f} / {m['worst_frame']:6.1f}{'':11} {m['outside']:7d}")
        ctx.close()
    if args.keep:
        print(f"pages kept in {args.keep}")


if __name__ == "__main__":
    main()
