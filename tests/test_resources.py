from __future__ import annotations

import json
import shutil

import pytest

from kg.errors import ResourceError
from kg.graph.vocab import KGO
from kg.resources import load_resources

from .conftest import ROOT


def test_resources_real_ontology_loads(resources):
    assert len(resources.countries) >= 8
    assert "USA" in resources.countries and "CHN" in resources.countries
    assert resources.issues, "issue scheme is empty"
    tops = {c.category for c in resources.issues.values()}
    assert {"trade", "human rights"} <= tops


def test_resources_every_bad_rule_reported_at_once(tmp_path):
    onto = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", onto)
    bad = onto / "rules" / "broken.jsonl"
    bad.write_text("\n".join([
        json.dumps({"id": "x.one", "type": "trigger", "kind": "party", "pos": "verb", "phrases": ["met"]}),
        "{not json",
        json.dumps({"id": "x.two", "type": "status", "status": "held", "scope": "before",
                    "patterns": [[{"LOWER": {"BAD_OP": ["a"]}}]]}),
    ]) + "\n")
    with pytest.raises(ResourceError) as err:
        load_resources(onto)
    problems = err.value.problems
    assert any("broken.jsonl:1 [x.one]" in p and "kind" in p for p in problems)
    assert any("broken.jsonl:2" in p and "not JSON" in p for p in problems)
    assert any("broken.jsonl:3 [x.two]" in p and "token pattern" in p for p in problems)


def test_resources_vocab_matches_ontology():
    import rdflib

    g = rdflib.Graph().parse(ROOT / "ontology" / "ontology.ttl")
    declared = {str(s) for s in g.subjects() if str(s).startswith(str(KGO._NS))}
    in_code = {str(KGO._NS) + name for name in KGO.__annotations__}
    assert in_code == declared
