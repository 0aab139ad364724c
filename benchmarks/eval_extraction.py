"""Score kg's extraction against a gold file of real articles (default: shared/eval/dev-gold.jsonl).

Builds the articles the gold file names into an in-memory store, writes the events as JSON
lines and runs the shared scorer on them. ``--misses`` prints, per article, the gold meetings
that were not found and the predicted events that match no gold meeting, so errors can be
studied one by one.

    python benchmarks/eval_extraction.py [--gold FILE] [--misses] [--events OUT.jsonl]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.events import events
from kg.graph.store import open_store
from kg.pipeline import build
from kg.resources import load_resources

from shared_data import ROOT, SHARED, need  # noqa: E402  (a sibling module of the scripts)

ARTICLE_DIRS = (SHARED / "newspool", SHARED / "voa" / "articles", ROOT / "corpus")


def article_paths(gold: Path) -> list[Path]:
    """The article files the gold file names, found in the shared news folders."""
    paths = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)["doc"]
        found = [d / f"{doc}.txt" for d in ARTICLE_DIRS if (d / f"{doc}.txt").exists()]
        if not found:
            sys.exit(f"eval: article {doc} named in {gold} not found under {SHARED}")
        paths.append(found[0])
    return paths


def _names(people: list[dict]) -> str:
    return ", ".join(p.get("name") or p.get("label") or "?" for p in people)


def print_misses(gold: Path, pred_rows: list[dict]) -> None:
    """Per article: gold meetings and predicted events side by side (a quick way to read errors)."""
    by_doc: dict[str, list[dict]] = {}
    for row in pred_rows:
        by_doc.setdefault(Path(row["source"]).stem, []).append(row)
    for line in gold.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        preds = by_doc.get(rec["doc"], [])
        print(f"\n== {rec['doc']}  gold {len(rec['meetings'])}  predicted {len(preds)}")
        for m in rec["meetings"]:
            print(f"  gold  {m['kind']:<8} {_names(m['participants'])} | place {m.get('place')} | {m.get('issues')}")
        for p in preds:
            place = (p.get("place") or {}).get("label")
            issues = sorted({i.get("category") or i.get("label") for i in p.get("issues", [])})
            quote = (p.get("evidence") or [{}])[0].get("quote", "")[:110]
            print(f"  pred  {p['kind']:<8} {_names(p['participants'])} | place {place} | {issues}\n        \"{quote}\"")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "eval" / "dev-gold.jsonl")
    ap.add_argument("--events", type=Path, help="also keep the events JSON lines here")
    ap.add_argument("--misses", action="store_true", help="print gold and predicted events per article")
    args = ap.parse_args()
    paths = article_paths(need(args.gold))
    res = load_resources()
    store = open_store(":memory:")
    started = time.perf_counter()
    report = build(paths, store, res)
    seconds = time.perf_counter() - started
    rows = events(store)
    out = args.events or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    if args.misses:
        print_misses(args.gold, rows)
    print(f"\nbuilt {report.read} articles, {len(rows)} events in {seconds:.2f}s")
    subprocess.run([sys.executable, str(need(SHARED / "eval" / "score.py")), "--gold", str(args.gold),
                    "--pred", str(out)], check=True)


if __name__ == "__main__":
    main()
