"""Meeting detection on an established event coder's validation sentences (../shared/petrarch-gold).

Uses the records with real-world actors (the ``up-gsr:`` set; the unit tests use invented
countries). A sentence whose gold has a CAMEO 04x event (consult, meet, visit, negotiate)
should give at least one kg meeting; one without should give none. Prints sentence-level
precision and recall, beside the figures that coder reports for itself.

    python benchmarks/eval_petrarch.py [--show]
"""
from __future__ import annotations

import argparse
import json

from kg.extract import extract
from kg.model import Article
from kg.nlp import Pipeline
from kg.resources import load_resources

from shared_data import SHARED, need  # noqa: E402  (a sibling module of the scripts)

GOLD = SHARED / "petrarch-gold" / "petrarch-gold.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print the sentences kg gets wrong")
    args = ap.parse_args()
    pipeline = Pipeline(load_resources())
    tp = fp = fn = tn = 0
    for line in need(GOLD).read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if not rec["id"].startswith("up-gsr:") or rec.get("error"):
            continue
        gold = any(e["code"].startswith("04") for e in rec.get("events", []))
        d = rec.get("date") or ""
        date = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 else None
        ex = extract(Article(rec["id"], "petrarch.txt", "", rec["text"], date), pipeline)
        got = bool(ex.events)
        tp += gold and got
        fn += gold and not got
        fp += got and not gold
        tn += not gold and not got
        if args.show and gold != got:
            print(("MISSED " if gold else "EXTRA  ") + rec["text"][:160])
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"sentences {tp + fp + fn + tn}: with a 04x event {tp + fn}, without {fp + tn}")
    print(f"meeting sentences  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp} fp {fp} fn {fn})")


if __name__ == "__main__":
    main()
