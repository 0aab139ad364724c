"""One test per rule example and counter-example, generated from the rule files."""
from __future__ import annotations

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
