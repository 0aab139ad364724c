"""The events table: one row per meeting and article, in the JSON form the evaluation scorer
reads (``kg events``), and its CSV and text renderings.

Rows come from a few SPARQL queries joined here in Python; where a node has two labels,
types or roles the smallest is taken, so that every store gives the same rows.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from .graph.store import Store
from .graph.vocab import ACTOR

# Labels are looked up in separate queries: joining a per-graph pattern with a union-graph
# one (``?st rdfs:label ?status`` outside the GRAPH) made Oxigraph take minutes at 1M triples.
# Each statement of a graph is read by a subquery of its own, { SELECT ?g ?s ?o WHERE { GRAPH ?g
# { ?s p ?o } } }, which Oxigraph reads in one pass and joins by hash: a third of the time of one
# GRAPH block that looks each value up again for every meeting (the form ``meetings.rq`` uses).
_EVENTS = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
SELECT ?g ?e ?kind ?st ?date ?precision ?conf ?cameo ?plover ?place ?file WHERE {
  { SELECT ?g ?e WHERE { GRAPH ?g { ?e a kgo:Meeting } } }
  { SELECT ?g ?e ?kind WHERE { GRAPH ?g { ?e kgo:kind ?kind } } }
  { SELECT ?g ?e ?st WHERE { GRAPH ?g { ?e kgo:status ?st } } }
  { SELECT ?g ?e ?conf WHERE { GRAPH ?g { ?e kgo:confidence ?conf } } }
  { SELECT ?g ?e ?cameo WHERE { GRAPH ?g { ?e kgo:cameoCode ?cameo } } }
  { SELECT ?g ?file WHERE { GRAPH ?g { ?g kgo:file ?file } } }
  OPTIONAL { SELECT ?g ?e ?plover WHERE { GRAPH ?g { ?e kgo:ploverMode ?plover } } }
  OPTIONAL { SELECT ?g ?e ?date WHERE { GRAPH ?g { ?e kgo:date ?date } } }
  OPTIONAL { SELECT ?g ?e ?precision WHERE { GRAPH ?g { ?e kgo:datePrecision ?precision } } }
  OPTIONAL { SELECT ?g ?e ?place WHERE { GRAPH ?g { ?e kgo:place ?place } } }
}"""
_EVENT_VALUES = ("kind", "st", "date", "precision", "conf", "cameo", "plover", "place", "file")
_STATUS_LABELS = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?st ?status WHERE { ?e kgo:status ?st . ?st rdfs:label ?status }"""
_PLACE_LABELS = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?place ?label WHERE { ?e kgo:place ?place . ?place skos:prefLabel ?label }"""
_PARTICIPANTS = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
SELECT ?g ?e ?a ?role ?local WHERE {
  { SELECT ?g ?e ?a WHERE { GRAPH ?g { ?e kgo:participant ?a } } }
  OPTIONAL { SELECT ?g ?e ?a ?role WHERE { GRAPH ?g { ?e ?role ?a . FILTER(?role IN (kgo:host, kgo:visitor)) } } }
  OPTIONAL { SELECT ?g ?a ?local WHERE { GRAPH ?g { ?a kgo:nameInArticle ?local } } }
}"""
_PARTICIPANT_INFO = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?label ?type ?country WHERE {
  { SELECT DISTINCT ?a WHERE { ?e kgo:participant ?a } }
  ?a skos:prefLabel ?label .
  OPTIONAL { VALUES ?type { kgo:Person kgo:Country kgo:Organization } ?a a ?type }
  OPTIONAL { ?a kgo:country ?country }
}"""
_ISSUES = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?g ?e ?i ?label ?category WHERE {
  { SELECT ?g ?e ?i WHERE { GRAPH ?g { ?e kgo:addressed ?i } } }
  { SELECT ?i ?label ?category WHERE {
      { SELECT DISTINCT ?i WHERE { GRAPH ?h { ?m kgo:addressed ?i } } }
      ?i skos:prefLabel ?label .
      OPTIONAL { ?i skos:broader* ?top . ?top skos:topConceptOf ?scheme ; skos:prefLabel ?category } } }
}"""
_EVIDENCE = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?g ?e ?quote ?start ?end ?rule WHERE {
  { SELECT ?g ?e ?x WHERE { GRAPH ?g { ?e kgo:evidence ?x } } }
  { SELECT ?g ?x ?quote WHERE { GRAPH ?g { ?x nif:anchorOf ?quote } } }
  { SELECT ?g ?x ?start WHERE { GRAPH ?g { ?x nif:beginIndex ?start } } }
  { SELECT ?g ?x ?end WHERE { GRAPH ?g { ?x nif:endIndex ?end } } }
  { SELECT ?g ?x ?rule WHERE { GRAPH ?g { ?x kgo:rule ?rule } } }
}"""


def _v(term: Any) -> Any:
    return None if term is None else term.value


def _first_labels(rows: Any, key: str, label: str) -> dict[str, str]:
    """IRI → its smallest label, so that a node with two labels still gives one answer every time."""
    out: dict[str, str] = {}
    for r in rows:
        iri, text = r[key].value, r[label].value
        if iri not in out or text < out[iri]:
            out[iri] = text
    return out


def _order(item: tuple[str, str | None, str | None]) -> tuple[str, str, str]:
    return tuple(x or "" for x in item)  # type: ignore[return-value]


def events(store: Store) -> list[dict[str, Any]]:
    """One row per (event, article), in the JSON form the evaluation scorer reads."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    ranks: dict[tuple[str, str], tuple[str, ...]] = {}
    statuses = _first_labels(store.query(_STATUS_LABELS), "st", "status")
    places = _first_labels(store.query(_PLACE_LABELS), "place", "label")
    for r in store.query(_EVENTS):
        status = statuses.get(r["st"].value)
        if status is None:  # as the join on the status label did: an unlabelled status is no event
            continue
        key = (r["g"].value, r["e"].value)
        rank = tuple(("" if r[v] is None else r[v].value) for v in _EVENT_VALUES)
        if key in ranks and ranks[key] <= rank:
            continue  # a meeting node with two kinds, codes or places in one article: the smallest
        ranks[key] = rank
        place = None
        if r["place"] is not None:
            place = {"label": places.get(r["place"].value) or r["place"].value.rsplit("/", 1)[-1],
                     "iri": r["place"].value}
        rows[key] = {
            "id": r["e"].value, "kind": r["kind"].value, "status": status,
            "source": r["file"].value, "article": r["g"].value,
            "date": _v(r["date"]), "date_precision": _v(r["precision"]), "place": place,
            "participants": [], "issues": [], "evidence": [],
            "confidence": float(r["conf"].value), "cameo": r["cameo"].value, "plover": _v(r["plover"]),
        }
    ns = str(ACTOR)
    chosen: dict[tuple[str, str, str], tuple[str, str]] = {}
    info: dict[str, tuple[str, str | None, str | None]] = {}
    for r in store.query(_PARTICIPANT_INFO):
        item = (r["label"].value, _v(r["type"]), _v(r["country"]))
        aid = r["a"].value
        if aid not in info or _order(item) < _order(info[aid]):
            info[aid] = item
    for r in store.query(_PARTICIPANTS):
        key = (r["g"].value, r["e"].value)
        aid = r["a"].value
        if key not in rows or aid not in info:
            continue
        # two roles or local names for one participant: the first in order, not the first row
        # (rows come in an order of the store's making)
        pick = (_v(r["role"]) or "", _v(r["local"]) or "")
        if key + (aid,) not in chosen or pick < chosen[key + (aid,)]:
            chosen[key + (aid,)] = pick
    for (g, e, aid), (role, local) in chosen.items():
        key = (g, e)
        label, typ, country = info[aid]
        if typ and typ.endswith("Country"):
            country = aid
        rows[key]["participants"].append({
            "label": local or label, "iri": aid,
            "type": typ.rsplit("#", 1)[-1] if typ else None,
            "country": country[len(ns):] if country and country.startswith(ns) else country,
            "role": role.rsplit("#", 1)[-1] if role else "participant",
        })
    labelled: dict[tuple[str, str, str], tuple[str, str]] = {}
    for r in store.query(_ISSUES):  # an issue with two labels or categories: the first in order
        key = (r["g"].value, r["e"].value, r["i"].value)
        if key[:2] in rows:
            pick = (r["label"].value, _v(r["category"]) or "")
            if key not in labelled or pick < labelled[key]:
                labelled[key] = pick
    for (g, e, i), (label, category) in labelled.items():
        rows[(g, e)]["issues"].append({"label": label, "category": category or None, "iri": i})
    for r in store.query(_EVIDENCE):
        key = (r["g"].value, r["e"].value)
        if key in rows:
            rows[key]["evidence"].append({"quote": r["quote"].value, "start": int(r["start"].value),
                                          "end": int(r["end"].value), "rule": r["rule"].value})
    out = list(rows.values())
    for row in out:
        row["participants"].sort(key=lambda p: (p["label"], p["iri"]))
        row["issues"].sort(key=lambda i: i["label"])
        row["evidence"].sort(key=lambda x: (x["start"], x["end"], x["rule"]))
    out.sort(key=lambda r: (r["source"], r["evidence"][0]["start"] if r["evidence"] else 0, r["id"]))
    return out


def render_events(rows: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)
    flat = [{
        "source": r["source"], "kind": r["kind"], "status": r["status"], "date": r["date"] or "",
        "place": (r["place"] or {}).get("label", ""),
        "participants": "; ".join(p["label"] for p in r["participants"]),
        "issues": "; ".join(sorted({i["category"] or i["label"] for i in r["issues"]})),
        "cameo": r["cameo"], "confidence": r["confidence"],
        "quote": r["evidence"][0]["quote"] if r["evidence"] else "",
    } for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(flat[0]) if flat else ["source"], lineterminator="\n")
        w.writeheader()
        w.writerows(flat)
        return buf.getvalue().rstrip("\n")
    from .query import table
    cols = ["source", "kind", "status", "date", "place", "participants", "issues"]
    return table(cols, [[str(f[c]) for c in cols] for f in flat], width=48)
