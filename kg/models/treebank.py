"""Read the Universal Dependencies treebanks into plain records.

Training reads CoNLL-U here into records with no spaCy in them, so that the conversion to spaCy's DocBin
in :mod:`kg.models.train` is one small step, and the rules that pick which lines count live in one place.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple


class Word(NamedTuple):
    """One syntactic word of a CoNLL-U sentence (a word-level line, not a range or an empty node)."""

    form: str
    upos: str
    xpos: str
    head: int  # index of the head within the sentence, 0-based; the root points to itself
    deprel: str
    space_after: bool
    misc: str


class Sentence(NamedTuple):
    """A sentence with the document it comes from (``# newdoc id``), so test sets can be cut by genre."""

    doc_id: str
    sent_id: str
    words: tuple[Word, ...]


_RANGE = re.compile(r"^\d+-\d+$")  # a multiword token "3-4": its words follow on their own lines
_EMPTY = re.compile(r"^\d+\.\d+$")  # an empty node "5.1" of the enhanced graph: not in the basic tree


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Sentences of a CoNLL-U file, word lines only, with heads made 0-based and roots pointing to
    themselves (the form spaCy's ``Doc(heads=...)`` takes)."""
    doc_id = sent_id = ""
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                if key.strip() == "newdoc id":
                    doc_id = value.strip()
                elif key.strip() == "sent_id":
                    sent_id = value.strip()
                continue
            if not line.strip():
                if rows:
                    yield Sentence(doc_id or sent_id, sent_id, _words(rows))
                    rows = []
                continue
            cols = line.split("\t")
            if _RANGE.match(cols[0]) or _EMPTY.match(cols[0]):
                continue
            rows.append(cols)
    if rows:
        yield Sentence(doc_id or sent_id, sent_id, _words(rows))


def _words(rows: list[list[str]]) -> tuple[Word, ...]:
    words = []
    for i, cols in enumerate(rows):
        head = int(cols[6])
        misc = cols[9]
        words.append(Word(form=cols[1], upos=cols[3], xpos=cols[4], head=head - 1 if head else i,
                          deprel=cols[7], space_after="SpaceAfter=No" not in misc.split("|"), misc=misc))
    return tuple(words)


def news_documents(sentences: Iterable[Sentence]) -> list[Sentence]:
    """The sentences of GUM's news documents (``# newdoc id = GUM_news_...``)."""
    return [s for s in sentences if s.doc_id.startswith("GUM_news_")]
