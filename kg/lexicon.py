"""Grow the actor gazetteer from an event coder's actor dictionary (Phoenix/TABARI format).

A Phoenix ``.actors`` file lists names in upper case with ``_`` for spaces, ``+`` lines for
aliases and indented ``[CODE FROM-TO]`` lines for dated affiliations, e.g.::

    ABDUL_KARIM_AL_KABARITI_  # CountryInfo.txt
    	[JORELI 670101-960204]
    	[JORGOV 960204-970319]

Only people are imported (entries with indented code lines); the country comes from the
code's first three letters, the kind of affiliation from the rest (``GOV`` → government
official, ``ELI`` → politician, ...). People the curated gazetteer already has (same name or
alias) are left out, so hand-written roles always win.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .extract.mentions import slug
from .resources import Resources

ATTRIBUTION = ("Imported with `kg lexicon import-phoenix` from the Phoenix actor dictionaries of PETRARCH-2 "
               "(openeventdata/petrarch2, MIT licence, Copyright (c) 2014 Open Event Data Alliance).")
#: Phoenix agent codes (after the country code) → role ids of roles.jsonl
AGENT_ROLES = {"GOV": "government_official", "ELI": "politician", "MIL": "military_officer",
               "OPP": "opposition_figure", "LEG": "legislator", "JUD": "judge", "SPY": "intelligence_officer",
               "COP": "government_official", "REB": "opposition_figure"}
_CODE = re.compile(r"\[([A-Z]{3})([A-Z]*)\s*([<>]?\d{6,8})?(?:-(\d{6,8})?)?\s*\]")


@dataclass(frozen=True, slots=True)
class ImportReport:
    read: int
    written: int
    known: int
    path: Path


def phoenix_name(raw: str, particles: frozenset[str]) -> str:
    """``ABDUL_KARIM_AL_KABARITI_`` → ``Abdul Karim al Kabariti``."""
    words = [w for w in raw.strip().strip("_").split("_") if w]
    out = []
    for k, w in enumerate(words):
        low = w.lower()
        if k and low in particles:
            out.append(low)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def _date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.lstrip("<>")
    if len(value) == 6:  # YYMMDD: the files span 1950s to 2010s
        value = ("19" if value[:2] > "30" else "20") + value
    if len(value) != 8:
        return None
    return f"{value[:4]}-{value[4:6]}-{value[6:]}"


def read_phoenix_people(path: Path, particles: frozenset[str]) -> list[dict[str, Any]]:
    """People entries of a Phoenix actor file, as gazetteer records (no ids yet)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    people: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None

    def close() -> None:
        if current and current["spans"]:
            people.append(current)

    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if line[:1] in ("\t", " "):
            if current is None:
                continue
            for m in _CODE.finditer(body):
                country, agent, start, end = m.groups()
                if start and start.startswith("<"):
                    start, end = None, start
                current["spans"].append((country, agent, _date(start), _date(end)))
        elif body.startswith("+"):
            if current is not None:
                current["aliases"].append(phoenix_name(body[1:], particles))
        else:
            close()
            current = None if "[" in body else {"name": phoenix_name(body, particles), "aliases": [], "spans": []}
    close()
    return people


def _record(entry: dict[str, Any], countries: set[str], title_words: set[str]) -> dict[str, Any] | None:
    """A gazetteer record; aliases that open with a title ("Ambassador Strobe Talbott") are left
    out, since the title patterns find those forms anyway."""
    spans = [s for s in entry["spans"] if s[0] in countries]
    if not spans:
        return None
    undated = [s for s in spans if not s[2] and not s[3]]
    country = (undated or sorted(spans, key=lambda s: s[2] or "")[-1:])[0][0]
    roles = []
    for c, agent, start, end in spans:
        if not (start or end):
            continue
        role = AGENT_ROLES.get(agent[:3], "government_official" if agent.startswith("GOV") else None)
        if role:
            roles.append({"role": role, "title": "", "org": c, "from": start, "to": end})
    roles.sort(key=lambda r: (r["from"] or "", r["to"] or "", r["role"]))
    aliases = sorted({a for a in entry["aliases"] if a and a != entry["name"]
                      and a.split()[0].lower() not in title_words})
    return {"name": entry["name"], "aliases": aliases, "gender": None, "country": country, "roles": roles}


def import_phoenix(source: Path, res: Resources, target: Path) -> ImportReport:
    """Write the people of ``source`` not already in the gazetteer to ``target`` (JSON lines)."""
    particles = frozenset(res.naming.get("particles", ()))
    curated_people = list(res.people.values())
    others = [*res.countries.values(), *res.organisations.values()]
    curated = {n.lower() for a in [*curated_people, *others] for n in (a.name, *a.aliases)}
    curated |= {n.lower() for c in res.countries.values() for n in (*c.seats, c.capital or "", *c.capital_aliases)}
    institution = set(res.naming.get("institution_words", ()))
    own = {p.id for p in curated_people} | {a.id.lower() for a in others}
    imported: set[str] = set()  # names taken inside this import
    entries = read_phoenix_people(source, particles)
    records: dict[str, dict[str, Any]] = {}
    known = 0
    countries = set(res.countries)
    title_words = {t.split()[0].lower() for t in res.titles} | {h.lower().rstrip(".") for h in res.naming.get("honorifics", ())}
    for entry in entries:
        rec = _record(entry, countries, title_words)
        if rec is None:
            continue
        names = {n.lower() for n in (rec["name"], *rec["aliases"])}
        if names & curated:
            known += 1
            continue
        if rec["name"].lower() in imported or len(rec["name"].split()) < 2 or institution & set(rec["name"].split()):
            continue
        pid = slug(rec["name"])
        if pid in own or pid in records:
            pid = f"{pid}-{rec['country'].lower()}"
        if pid in own or pid in records:
            continue
        imported.add(rec["name"].lower())
        records[pid] = {"id": pid, **rec}
    if not records:
        raise InputError(f"{source}: no people to import ({len(entries)} read, {known} already in the gazetteer); "
                         f"is it a Phoenix/TABARI actors file? {target} was left as it was")
    lines = [json.dumps(records[k], ensure_ascii=False) for k in sorted(records)]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target.with_suffix(".NOTICE").write_text(f"{ATTRIBUTION}\nSource file: {source.name}\n", encoding="utf-8")
    return ImportReport(len(entries), len(records), known, target)


def default_target(source: Path, res: Resources) -> Path:
    """``actors/imported/phoenix-<dictionary>.jsonl``, so each dictionary has a file of its own."""
    stem = source.name.split(".actors")[0].lower().replace(".", "-")
    if not stem.startswith("phoenix"):
        stem = f"phoenix-{stem}"
    return res.root / "actors" / "imported" / f"{stem}.jsonl"
