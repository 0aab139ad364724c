"""One test per rule example and counter-example, generated from the rule files."""
from __future__ import annotations

import re

import pytest

from kg.resources import load_resources

from .conftest import ROOT

RULES = load_resources(ROOT / "ontology").rules


def _cases(kinds):
    for rule in RULES:
        if rule.type not in kinds:
            continue
        for n, text in enumerate(rule.examples):
            yield pytest.param(rule, text, True, id=f"{rule.id}-ex{n}")
        for n, text in enumerate(rule.counter_examples):
            yield pytest.param(rule, text, False, id=f"{rule.id}-counter{n}")


def _fired(rule, ex):
    if rule.type == "trigger":
        return any(e.rule == rule.id for ev in ex.events for e in ev.evidence)
    if rule.type == "status":
        status = rule.spec["status"]
        if status in ("planned", "ongoing"):
            return any(ev.status == status for ev in ex.events)
        return any(s.reason == rule.id for s in ex.suppressed)
    raise AssertionError(rule.type)


@pytest.mark.parametrize("rule,text,should_fire", list(_cases({"trigger", "status"})))
def test_rules_trigger_and_status_examples(rule, text, should_fire, extract_text):
    ex = extract_text(text, date="2023-06-19")
    assert _fired(rule, ex) is should_fire


@pytest.mark.parametrize("rule,text,should_fire", list(_cases({"boilerplate"})))
def test_rules_boilerplate_examples(rule, text, should_fire):
    assert bool(re.search(rule.spec["regex"], text)) is should_fire


def test_rules_every_rule_has_examples_and_counter_examples():
    thin = [r.id for r in RULES if len(r.examples) < 2 or len(r.counter_examples) < 1]
    assert thin == []
