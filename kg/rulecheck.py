"""Run every rule's own examples and counter-examples (``kg rules check`` and the rule tests).

A rule fires on a sentence when it shaped what was extracted from it: a trigger that gave an
event, a status rule that set or blocked a meeting's status, a context rule whose effect was
applied to a mention, a group rule that made a side a participant, a boilerplate rule whose
pattern matches the line. Each example must fire its rule; no counter-example may.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .extract import extract
from .model import Article
from .nlp import Pipeline
from .resources import Rule

#: examples are read as if published on this day, so relative dates resolve the same way
EXAMPLE_DATE = "2023-06-19"


@dataclass(frozen=True, slots=True)
class RuleCase:
    rule: Rule
    text: str
    should_fire: bool
    fired: bool

    @property
    def ok(self) -> bool:
        return self.fired is self.should_fire


def rule_fires(rule: Rule, text: str, pipeline: Pipeline) -> bool:
    """Whether ``rule`` shapes the extraction of ``text``."""
    if rule.type == "boilerplate":
        return re.search(rule.spec["regex"], text) is not None
    article = Article(id="rule-example", path="rule-example.txt", title="", text=text, date=EXAMPLE_DATE)
    return rule.id in extract(article, pipeline).rules_fired


def check_rules(pipeline: Pipeline) -> list[RuleCase]:
    """Every example and counter-example of every rule, with what happened."""
    cases = []
    for rule in pipeline.resources.rules:
        for text in rule.examples:
            cases.append(RuleCase(rule, text, True, rule_fires(rule, text, pipeline)))
        for text in rule.counter_examples:
            cases.append(RuleCase(rule, text, False, rule_fires(rule, text, pipeline)))
    return cases


def thin_rules(pipeline: Pipeline) -> list[Rule]:
    """Rules with fewer than two examples or no counter-example."""
    return [r for r in pipeline.resources.rules if len(r.examples) < 2 or not r.counter_examples]
