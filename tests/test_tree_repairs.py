"""The repairs kg makes to a parse before its rules read it, each on a tree written by hand."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.nlp import _bare_days_as_modifiers, _cased_appositions_as_modifiers, _purpose_phrases_on_verbs

_VOCAB = spacy.blank("en").vocab


def _doc(rows: list[tuple[str, int, str, str]]) -> Doc:
    """(word, head index, relation, UPOS) rows; the root is its own head."""
    words = [w for w, _, _, _ in rows]
    return Doc(_VOCAB, words=words, heads=[h for _, h, _, _ in rows], deps=[d for _, _, d, _ in rows],
               pos=[p for _, _, _, p in rows])


def _arcs(doc: Doc) -> list[tuple[str, str, str]]:
    return [(t.text, t.dep_, t.head.text) for t in doc]


def test_tree_a_purpose_phrase_hung_on_a_name_goes_to_the_verb():
    doc = _doc([("He", 1, "nsubj", "PRON"), ("met", 1, "ROOT", "VERB"), ("Kishida", 1, "obj", "PROPN"),
                ("and", 4, "cc", "CCONJ"), ("Izumi", 2, "conj", "PROPN"), ("for", 6, "case", "ADP"),
                ("talks", 4, "nmod", "NOUN"), (".", 1, "punct", "PUNCT")])
    _purpose_phrases_on_verbs(doc)
    assert ("talks", "obl", "met") in _arcs(doc)
    doc = _doc([("He", 1, "nsubj", "PRON"), ("met", 1, "ROOT", "VERB"), ("Kishida", 1, "obj", "PROPN"),
                ("of", 4, "case", "ADP"), ("Japan", 2, "nmod", "PROPN")])
    _purpose_phrases_on_verbs(doc)
    assert ("Japan", "nmod", "Kishida") in _arcs(doc)  # only "for" phrases move


def test_tree_an_apposition_with_a_preposition_is_a_modifier():
    doc = _doc([("a", 1, "det", "DET"), ("call", 1, "ROOT", "NOUN"), ("to", 3, "case", "ADP"),
                ("Zelensky", 1, "appos", "PROPN")])
    _cased_appositions_as_modifiers(doc)
    assert ("Zelensky", "nmod", "call") in _arcs(doc)
    doc = _doc([("Macron", 0, "ROOT", "PROPN"), (",", 2, "punct", "PUNCT"), ("president", 0, "appos", "NOUN")])
    _cased_appositions_as_modifiers(doc)
    assert ("president", "appos", "Macron") in _arcs(doc)


def test_tree_a_bare_day_after_a_noun_gives_back_what_it_took():
    doc = _doc([("a", 1, "det", "DET"), ("meeting", 1, "ROOT", "NOUN"), ("Wednesday", 1, "appos", "PROPN"),
                ("of", 4, "case", "ADP"), ("council", 2, "nmod", "NOUN")])
    _bare_days_as_modifiers(doc)
    assert ("council", "nmod", "meeting") in _arcs(doc) and ("Wednesday", "nmod:unmarked", "meeting") in _arcs(doc)
