"""kg's shipped tagger + parser: it loads from the package with no network, and its trees have the
structure extraction reads (subjects, objects, passives, relative clauses, conjunctions)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from kg.syntax import PARSER_DIR, Parse, Parser, load_parser


@pytest.fixture(scope="module")
def parser() -> Parser:
    return load_parser()


def parse_one(parser: Parser, text: str) -> tuple[list[str], Parse]:
    words = text.split(" ")
    return words, parser.parse([words])[0]


def head_of(words: list[str], p: Parse, word: str) -> tuple[str, str]:
    """(head word, relation) of the first occurrence of ``word``."""
    i = words.index(word)
    return words[p.heads[i]], p.deps[i]


def test_syntax_subject_and_object(parser):
    words, p = parse_one(parser, "The minister met the union leaders on Friday .")
    assert head_of(words, p, "minister") == ("met", "nsubj")
    assert head_of(words, p, "leaders") == ("met", "obj")
    root = words.index("met")
    assert p.heads[root] == root and p.deps[root] == "root"
    assert p.tags[root] == "VBD" and p.pos[root] == "VERB"
    assert head_of(words, p, "Friday")[0] == "met"


def test_syntax_passive_with_agent(parser):
    words, p = parse_one(parser, "The talks were hosted by Norway .")
    assert head_of(words, p, "talks") == ("hosted", "nsubj:pass")
    assert head_of(words, p, "were") == ("hosted", "aux:pass")
    assert p.pos[words.index("were")] == "AUX"
    head, dep = head_of(words, p, "Norway")
    assert head == "hosted" and dep.split(":")[0] == "obl"  # UD 2.14+ says obl:agent
    assert head_of(words, p, "by") == ("Norway", "case")


def test_syntax_relative_clause(parser):
    words, p = parse_one(parser, "She thanked the envoy who had arranged the meeting .")
    assert head_of(words, p, "arranged") == ("envoy", "acl:relcl")
    assert head_of(words, p, "who") == ("arranged", "nsubj")
    assert head_of(words, p, "envoy") == ("thanked", "obj")


def test_syntax_conjoined_objects(parser):
    words, p = parse_one(parser, "The president received the ambassador and two senators .")
    assert head_of(words, p, "ambassador") == ("received", "obj")
    assert head_of(words, p, "senators") == ("ambassador", "conj")
    assert head_of(words, p, "and") == ("senators", "cc")


def test_syntax_whitespace_words_do_not_break_the_tree(parser):
    words = ["\n", "Ministers", "met", "\n\n", "in", "Oslo", ".", " "]
    p = parser.parse([words])[0]
    for i in (0, 3, 7):
        assert p.tags[i] == "_SP" and p.deps[i] == "dep" and p.pos[i] == "SPACE"
        assert words[p.heads[i]].strip()  # attached to a real word
    assert words[p.heads[1]] == "met" and p.deps[1] == "nsubj"
    assert parser.parse([[" "], []]) == [Parse((0,), ("dep",), ("_SP",), ("SPACE",)), Parse((), (), (), ())]


def test_syntax_returns_plain_tuples_of_sentence_length(parser):
    sentences = [["Talks", "ended", "."], ["Leaders", "of", "both", "parties", "spoke", "late", "on", "Monday", "."]]
    parses = parser.parse(sentences)
    assert len(parses) == len(sentences)
    for words, p in zip(sentences, parses):
        assert type(p) is Parse
        for field in p:
            assert type(field) is tuple and len(field) == len(words)
        assert all(type(h) is int and 0 <= h < len(words) for h in p.heads)
        assert all(type(x) is str for x in (*p.deps, *p.tags, *p.pos))
        assert all(d == d.lower() for d in p.deps)


def test_syntax_docs_match_parse(parser):
    sentences = [["The", "envoy", "\n", "arrived", "."], ["Aid", "was", "promised", "."]]
    for doc, p in zip(parser.docs(sentences), parser.parse(sentences)):
        assert tuple(t.head.i for t in doc) == p.heads
        assert tuple(t.dep_ for t in doc) == p.deps
        assert tuple(t.pos_ for t in doc) == p.pos


def test_syntax_loads_without_network():
    """A fresh process with sockets disabled loads the model and parses."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
        "from kg.syntax import load_parser\n"
        "p = load_parser().parse([['Envoys', 'met', '.']])[0]\n"
        "assert p.deps[1] == 'root', p\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert (PARSER_DIR / "meta.json").is_file()  # the model is the package's own


def test_syntax_missing_model_is_a_kg_error(tmp_path, monkeypatch):
    import kg.syntax as syntax
    from kg.errors import ModelError

    monkeypatch.setattr(syntax, "PARSER_DIR", tmp_path / "nowhere")
    syntax.load_parser.cache_clear()
    try:
        with pytest.raises(ModelError, match="KG800.*make model"):
            syntax.load_parser()
    finally:
        syntax.load_parser.cache_clear()


def test_syntax_import_does_no_work():
    r = subprocess.run([sys.executable, "-c", "import sys, kg.syntax; assert 'spacy' not in sys.modules"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
