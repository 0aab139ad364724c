"""Extraction speed on one core over real news (default: ../shared/newspool), beside the bare
spaCy tokenizer's speed on the same text as the reference.

    python benchmarks/extraction_speed.py [FOLDER ...]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy

from kg.extract import extract
from kg.ingest import discover, read_articles
from kg.nlp import Pipeline
from kg.resources import load_resources

from shared_data import SHARED, need  # noqa: E402  (a sibling module of the scripts)

DEFAULT = [SHARED / "newspool"]


def main() -> None:
    folders = [need(Path(a)) for a in sys.argv[1:]] or [need(p) for p in DEFAULT]
    res = load_resources()
    started = time.perf_counter()
    pipeline = Pipeline(res)
    compile_s = time.perf_counter() - started
    articles = [a for a in read_articles(discover(folders), res.boilerplate) if hasattr(a, "text")]
    words = sum(len(a.text.split()) for a in articles)
    tokenizer = spacy.blank("en").tokenizer  # spaCy as shipped: the reference, with its own cache
    started = time.perf_counter()
    for a in articles:
        tokenizer(a.text)
    bare = time.perf_counter() - started
    sentences = events = 0
    started = time.perf_counter()
    for a in articles:
        ex = extract(a, pipeline)
        sentences += len(ex.sentences)
        events += len(ex.events)
    took = time.perf_counter() - started
    print(f"articles {len(articles)}  sentences {sentences}  words {words}  events {events}")
    print(f"pipeline compiled in {compile_s:.1f}s ({len(res.people)} people, {len(res.countries)} countries, "
          f"{len(res.organisations)} organisations)")
    print(f"extraction  {took:.2f}s  {sentences / took:,.0f} sentences/s  {words / took:,.0f} words/s")
    print(f"tokenizer   {bare:.2f}s  {words / bare:,.0f} words/s  (spaCy's blank English tokenizer; extraction is {took / bare:.1f}x its time)")


if __name__ == "__main__":
    main()
