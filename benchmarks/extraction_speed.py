"""Extraction speed on one core over real news (default: ../shared/newspool), with and without
the time spent in kg's parser (which reads only the sentences with a meeting word), beside the
bare spaCy tokenizer's speed on the same text as the reference.

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


def _time_the_parser(pipeline: Pipeline) -> tuple[list[float], list[int]]:
    """Wrap the pipeline's tree reader so the seconds it spends parsing, and the sentences it
    parses, are counted."""
    reader = pipeline.trees
    parse = reader.parse
    seconds, count = [0.0], [0]

    def timed(tokens, sentences, *args, **kwargs):
        started = time.perf_counter()
        try:
            return parse(tokens, sentences, *args, **kwargs)
        finally:
            seconds[0] += time.perf_counter() - started
            count[0] += len(sentences)

    reader.parse = timed
    return seconds, count


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
    parse_s, parsed = _time_the_parser(pipeline)
    sentences = events = 0
    started = time.perf_counter()
    for a in articles:
        ex = extract(a, pipeline)
        sentences += len(ex.sentences)
        events += len(ex.events)
    took = time.perf_counter() - started
    rest = took - parse_s[0]
    print(f"articles {len(articles)}  sentences {sentences}  words {words}  events {events}")
    print(f"pipeline compiled in {compile_s:.1f}s ({len(res.people)} people, {len(res.countries)} countries, "
          f"{len(res.organisations)} organisations)")
    print(f"extraction  {took:.2f}s  {sentences / took:,.0f} sentences/s  {words / took:,.0f} words/s")
    print(f"  of which parsing {parse_s[0]:.2f}s ({parsed[0]:,} sentences with a meeting word parsed, "
          f"{parsed[0] / parse_s[0]:,.0f}/s)" if parsed[0] else "  no sentence parsed")
    print(f"without parsing  {rest:.2f}s  {sentences / rest:,.0f} sentences/s  {words / rest:,.0f} words/s")
    print(f"tokenizer   {bare:.2f}s  {words / bare:,.0f} words/s  (spaCy's blank English tokenizer; extraction is {took / bare:.1f}x its time)")


if __name__ == "__main__":
    main()
