"""The Phoenix importer: names, aliases, dated affiliations, curated entries left alone."""
from __future__ import annotations

import json
from pathlib import Path

from kg.lexicon import import_phoenix, phoenix_name, read_phoenix_people

SAMPLE = """# a tiny actors file in the Phoenix format, written for this test
FRANCE_  [FRA]
+FRENCH_
JEAN_PIERRE_DUVALLON_  # invented person
+J._P._DUVALLON_
\t[FRAELI 700101-950517]
\t[FRAGOV 950517-970602]
\t[FRAELI]
EMMANUEL_MACRON_
\t[FRAGOV 20170514-]
NOBODY_OF_NOWHERE_
\t[XYZGOV 900101-910101]
"""


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "sample.actors.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_lexicon_phoenix_name_casing():
    particles = frozenset({"al", "van"})
    assert phoenix_name("ABDUL_KARIM_AL_KABARITI_", particles) == "Abdul Karim al Kabariti"
    assert phoenix_name("BAN_KI-MOON", particles) == "Ban Ki-Moon"


def test_lexicon_reads_people_not_places(tmp_path):
    people = read_phoenix_people(_write(tmp_path), frozenset())
    names = [p["name"] for p in people]
    assert "France" not in names
    assert names[0] == "Jean Pierre Duvallon"
    assert people[0]["aliases"] == ["J. P. Duvallon"]
    assert ("FRA", "GOV", "1995-05-17", "1997-06-02") in people[0]["spans"]


def test_lexicon_import_skips_curated_and_unknown_countries(tmp_path, resources):
    out = tmp_path / "people-phoenix.jsonl"
    report = import_phoenix(_write(tmp_path), resources, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "MIT" in out.with_suffix(".NOTICE").read_text(encoding="utf-8")
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["jean-pierre-duvallon"]  # Macron is curated, XYZ unknown
    assert report.known == 1 and report.written == 1
    rec = records[0]
    assert rec["country"] == "FRA"
    assert {"role": "government_official", "title": "", "org": "FRA", "from": "1995-05-17",
            "to": "1997-06-02"} in rec["roles"]


def test_lexicon_import_of_a_file_with_no_people_keeps_the_target(tmp_path, resources):
    import pytest
    from kg.errors import InputError

    out = tmp_path / "people.jsonl"
    out.write_text('{"id": "x", "name": "Kept Person"}\n', encoding="utf-8")
    src = tmp_path / "not-phoenix.txt"
    src.write_text("Just an article.\n", encoding="utf-8")
    with pytest.raises(InputError):
        import_phoenix(src, resources, out)
    assert out.read_text(encoding="utf-8") == '{"id": "x", "name": "Kept Person"}\n'
