"""Speed of kg's tagger + parser on one core over real news sentences (default: ../shared/newspool),
cut by kg's own tokenizer and sentence splitter, read here and never stored.

    python benchmarks/parse_speed.py [FOLDER ...] [--limit N]
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as each extraction worker has
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from kg.models.train import news_sentences  # noqa: E402
from kg.syntax import load_parser  # noqa: E402

from shared_data import SHARED, need  # noqa: E402  (a sibling module of the scripts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--limit", type=int, default=5000, help="at most this many sentences (default 5000)")
    args = ap.parse_args()
    folders = [need(p) for p in args.folders] or [need(SHARED / "newspool")]
    sents = news_sentences(folders, args.limit)
    words = sum(len(s) for s in sents)
    started = time.perf_counter()
    parser = load_parser()
    loaded = time.perf_counter() - started
    parser.parse(sents[:200])  # warm up
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        parser.parse(sents)
        best = min(best, time.perf_counter() - started)
    print(f"sentences {len(sents)}  words {words}  ({words / len(sents):.1f} words a sentence)")
    print(f"model loaded in {loaded:.2f}s")
    print(f"parse  {best:.2f}s  {words / best:,.0f} words/s  {len(sents) / best:,.0f} sentences/s  "
          "(best of 3, one core)")


if __name__ == "__main__":
    main()
