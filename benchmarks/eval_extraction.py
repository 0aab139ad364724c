"""Score kg's extraction against gold files of real articles (default: shared/eval dev and dev2).

Builds the articles the gold files name into an in-memory store, writes the events as JSON
lines and runs the shared scorer on each gold file, on all of them together and, with
``--by-source``, on the articles of each source (conll2003, bbc, wikinews, voa, gum).
``--misses`` prints, per article, the gold meetings beside the predicted events, so errors can
be studied one by one.

    python benchmarks/eval_extraction.py [--gold FILE ...] [--by-source] [--misses] [--events OUT.jsonl]
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
DEFAULT_GOLD = (SHARED / "eval" / "dev-gold.jsonl", SHARED / "eval" / "dev2-gold.jsonl")


def gold_records(gold: Path) -> list[dict]:
    return [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]


def article_paths(records: list[dict]) -> list[Path]:
    """The article files the gold records name, found in the shared news folders."""
    paths = []
    for rec in records:
        found = [d / f"{rec['doc']}.txt" for d in ARTICLE_DIRS if (d / f"{rec['doc']}.txt").exists()]
        if not found:
            sys.exit(f"eval: article {rec['doc']} not found under {SHARED}")
        paths.append(found[0])
    return paths


def source_of(doc: str) -> str:
    return doc.split("-")[0]


def _names(people: list[dict]) -> str:
    return ", ".join(p.get("name") or p.get("label") or "?" for p in people)


def print_misses(records: list[dict], pred_rows: list[dict]) -> None:
    """Per article: gold meetings and predicted events side by side (a quick way to read errors)."""
    by_doc: dict[str, list[dict]] = {}
    for row in pred_rows:
        by_doc.setdefault(Path(row["source"]).stem, []).append(row)
    for rec in records:
        preds = by_doc.get(rec["doc"], [])
        print(f"\n== {rec['doc']}  gold {len(rec['meetings'])}  predicted {len(preds)}")
        for m in rec["meetings"]:
            print(f"  gold  {m['kind']:<8} {_names(m['participants'])} | place {m.get('place')} | {m.get('issues')}")
        for p in preds:
            place = (p.get("place") or {}).get("label")
            issues = sorted({i.get("category") or i.get("label") for i in p.get("issues", [])})
            quote = (p.get("evidence") or [{}])[0].get("quote", "")[:110]
            print(f"  pred  {p['kind']:<8} {_names(p['participants'])} | place {place} | {issues}\n        \"{quote}\"")


def score(name: str, records: list[dict], pred: Path, folder: Path) -> None:
    gold = folder / f"{name}.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = subprocess.run([sys.executable, str(need(SHARED / "eval" / "score.py")), "--gold", str(gold),
                          "--pred", str(pred)], check=True, capture_output=True, text=True).stdout
    print(f"\n== {name} ({len(records)} articles)")
    print(out.rstrip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, action="append", help="a gold file (repeatable; default dev and dev2)")
    ap.add_argument("--events", type=Path, help="also keep the events JSON lines here")
    ap.add_argument("--by-source", action="store_true", help="also score the articles of each source")
    ap.add_argument("--misses", action="store_true", help="print gold and predicted events per article")
    args = ap.parse_args()
    golds = {g.stem: gold_records(need(g)) for g in (args.gold or DEFAULT_GOLD)}
    records = [r for recs in golds.values() for r in recs]
    res = load_resources()
    store = open_store(":memory:")
    started = time.perf_counter()
    report = build(article_paths(records), store, res)
    seconds = time.perf_counter() - started
    rows = events(store)
    pred = args.events or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    if args.misses:
        print_misses(records, rows)
    print(f"built {report.read} articles, {len(rows)} events in {seconds:.2f}s")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, recs in golds.items():
            score(name, recs, pred, folder)
        if len(golds) > 1:
            score("together", records, pred, folder)
        if args.by_source:
            for source in sorted({source_of(r["doc"]) for r in records}):
                score(f"source {source}", [r for r in records if source_of(r["doc"]) == source], pred, folder)


if __name__ == "__main__":
    main()
