from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from kg.errors import ResourceError
from kg.graph.vocab import KGO
from kg.resources import load_resources

from .conftest import ROOT

_CATEGORIES_TSV = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")) / "eval" / "issue-categories.tsv"
CATEGORIES = [line.split("\t")[0] for line in _CATEGORIES_TSV.read_text(encoding="utf-8").splitlines()[1:]
              if line.strip()] if _CATEGORIES_TSV.exists() else []


def test_resources_every_country_of_the_world(resources):
    current = [c for c in resources.countries.values() if not c.former]
    assert len(current) >= 195  # 193 UN members, Palestine, the Holy See, Taiwan, Kosovo ...
    for code in ("USA", "CHN", "SSD", "XKX", "PSE", "TWN", "VAT", "TLS", "FSM", "ERI", "MNE", "NRU"):
        assert code in resources.countries, code
    # a few have no demonym of their own in English news (Dominica, Central African Republic, ...)
    assert len([c for c in current if not c.demonyms]) <= 6
    assert [c.id for c in current if not c.capital] == ["HKG", "MAC"]
    for former in ("SUN", "YUG"):
        assert resources.countries[former].former


def test_resources_country_names_are_unambiguous(resources):
    """A name, alias, demonym or capital must point to one country."""
    counts = Counter()
    for c in resources.countries.values():
        for name in {c.name, *c.aliases, *c.demonyms, *([c.capital] if c.capital else []), *c.capital_aliases}:
            counts[name] += 1
    assert [n for n, k in counts.items() if k > 1] == []


def test_resources_main_organisations(resources):
    names = {n for o in resources.organisations.values() for n in (o.name, *o.aliases)}
    for name in ("United Nations", "European Union", "NATO", "ASEAN", "African Union", "G7", "G20", "OPEC",
                 "IMF", "World Bank", "WTO"):
        assert name in names, name
    for o in resources.organisations.values():
        assert o.parent is None or o.parent in resources.organisations, o.id
        assert all(m in resources.countries for m in o.members), o.id


def test_resources_people_have_dated_roles(resources):
    assert len(resources.people) >= 500
    blinken = resources.people["antony-blinken"]
    assert any(r.role == "foreign_minister" and r.covers("2023-06-19") for r in blinken.roles)
    for p in resources.people.values():
        assert p.country is None or p.country in resources.countries, p.id


def test_resources_dated_roles_tell_office_holders_apart(resources):
    """'the German chancellor' is a different person in 1996 than in 2024."""
    def chancellors(date):
        return {p.id for p in resources.people.values()
                for r in p.roles if r.role == "head_of_government" and r.org == "DEU" and r.covers(date)}
    assert len(chancellors("1996-08-01")) == 1
    assert len(chancellors("2024-03-01")) == 1
    assert chancellors("1996-08-01") != chancellors("2024-03-01")


@pytest.mark.skipif(not CATEGORIES, reason="needs ../shared/eval/issue-categories.tsv (or $KG_SHARED/eval)")
def test_resources_issue_scheme_tops_are_the_evaluation_categories(resources):
    tops = {c.label for c in resources.issues.values() if c.category == c.label and c.id == _slug(c.label)}
    assert tops == set(CATEGORIES)
    labels = Counter(label.lower() for c in resources.issues.values() for label in c.labels)
    assert [k for k, n in labels.items() if n > 1] == []


def _slug(label: str) -> str:
    return label.replace(" ", "-")


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


def test_resources_actor_id_clash_reported(tmp_path):
    onto = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", onto)
    with open(onto / "actors" / "people-extra.jsonl", "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "nato", "name": "Nato Person", "roles": []}) + "\n")
    with pytest.raises(ResourceError) as err:
        load_resources(onto)
    assert any("'nato'" in p and "used twice" in p for p in err.value.problems)


def test_resources_vocab_matches_ontology():
    import rdflib

    g = rdflib.Graph().parse(ROOT / "ontology" / "ontology.ttl")
    declared = {str(s) for s in g.subjects() if str(s).startswith(str(KGO._NS))}
    in_code = {str(KGO._NS) + name for name in KGO.__annotations__}
    assert in_code == declared
