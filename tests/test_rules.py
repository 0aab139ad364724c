"""One test per rule example and counter-example, generated from the rule files."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.resources import load_resources
from kg.rulecheck import rule_fires

from .conftest import ROOT

RULES = load_resources(ROOT / "ontology").rules


def _cases():
    for rule in RULES:
        for n, text in enumerate(rule.examples):
            yield pytest.param(rule, text, True, id=f"{rule.id}-ex{n}")
        for n, text in enumerate(rule.counter_examples):
            yield pytest.param(rule, text, False, id=f"{rule.id}-counter{n}")


@pytest.mark.parametrize("rule,text,should_fire", list(_cases()))
def test_rules_examples_fire_and_counter_examples_do_not(rule, text, should_fire, pipeline):
    assert rule_fires(rule, text, pipeline) is should_fire


def test_rules_every_rule_has_examples_and_counter_examples():
    thin = [r.id for r in RULES if len(r.examples) < 2 or len(r.counter_examples) < 1]
    assert thin == []


def _emitted(ex) -> set[str]:
    """Every rule id an extraction names: fired, behind an event's parts, or stopping a meeting word."""
    ids = set(ex.rules_fired) | {m.rule for m in ex.mentions} | {s.reason for s in ex.suppressed}
    ids |= {e.rule for ev in ex.events for e in ev.evidence}
    ids |= {rule for ev in ex.events for r in ev.reasons for rule in r.rule.split()}
    return ids


def test_rules_every_rule_id_the_extractor_emits_has_a_record(pipeline):
    """The corpus and every rule example, extracted: each rule id they name is a rule record, so
    `kg rules check` covers it."""
    from kg.extract import extract
    from kg.ingest import read_articles
    from kg.model import Article

    known = {r.id for r in RULES}
    emitted: set[str] = set()
    for article in read_articles(sorted((ROOT / "corpus").glob("*.txt"))):
        emitted |= _emitted(extract(article, pipeline))
    for rule in RULES:
        for text in (*rule.examples, *rule.counter_examples):
            emitted |= _emitted(extract(Article("x", "x.txt", "", text, "2023-06-19"), pipeline))
    assert emitted - known == set()
    assert len(emitted) > 60  # the check saw the extractor at work, not an empty corpus


def test_rules_every_rule_id_written_in_the_code_has_a_record():
    """Rule ids spelled out in the extractor's code ("builtin.quoted", "coref.pronoun") each have a record."""
    import re

    known = {r.id for r in RULES}
    prefixes = ("builtin", "coref", "pattern", "gazetteer", "issue", "surface", "name", "frame", "link", "expand",
                "context", "status", "trigger")
    pattern = re.compile(r'"((?:%s)(?:\.[a-z0-9-]+)*)"' % "|".join(prefixes))
    written = set()
    for path in (ROOT / "kg" / "extract").glob("*.py"):
        written |= set(pattern.findall(path.read_text(encoding="utf-8")))
    written -= set(prefixes)  # bare words such as "context" in effect names
    assert written and written - known == set()


def test_rules_every_word_list_the_code_reads_is_in_a_record():
    """Word lists the extractor reads from rule records (``res.words(RULE, "key")``) are there;
    a missing one is a one-line resource error, not a traceback."""
    import re

    from kg.errors import ResourceError
    from kg.extract import coref, effects, places, reports, surface, view

    modules = (coref, effects, places, reports, surface, view)
    constants = {name: value for m in modules for name, value in vars(m).items() if isinstance(value, str)}
    pattern = re.compile(r'words\(([A-Z_]+), "([a-z_]+)"\)')
    asked = {(constants[name], key) for m in modules for name, key in pattern.findall(Path(m.__file__).read_text())}
    res = load_resources()
    assert len(asked) >= 10
    for rule_id, key in sorted(asked):
        assert res.words(rule_id, key), (rule_id, key)
    with pytest.raises(ResourceError, match="no word list"):
        res.words("builtin.held", "no-such-list")
