"""Extraction records → RDF quads: one named graph per article, plus reference graphs.

Only plain records come in (no spaCy objects). Every event carries its evidence (quote,
offsets, rule) and its article; the ``met`` and ``discussed`` shortcuts sit beside the
n-ary event node for simple queries and pictures.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import combinations
from pathlib import Path

import pyoxigraph as ox

from ..model import Actor, Article, Event, Extraction
from ..resources import Resources
from . import iri
from .vocab import KGO, NIF, ORG, SCHEMA

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
SKOS_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
OWL_SAME = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
DC_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
DC_DATE = ox.NamedNode("http://purl.org/dc/terms/date")
PROV_GEN = ox.NamedNode("http://www.w3.org/ns/prov#wasGeneratedBy")
XSD = "http://www.w3.org/2001/XMLSchema#"
WIKIDATA = "http://www.wikidata.org/entity/"
STATUS = {"held": KGO.Held, "ongoing": KGO.Ongoing, "planned": KGO.Planned}
TYPES = {"Person": KGO.Person, "Country": KGO.Country, "Organization": KGO.Organization}


def N(value: str) -> ox.NamedNode:
    return ox.NamedNode(str(value))


def lit(value: object, datatype: str | None = None) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(f"{value:.2f}", datatype=ox.NamedNode(XSD + "decimal"))
    if datatype:
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))
    return ox.Literal(str(value))


def date_literal(value: str) -> ox.Literal:
    kind = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(value), "string")
    return lit(value, kind)


class _Quads:
    """Collects quads of one graph with a compact ``add(s, p, o)``."""

    def __init__(self, graph: str) -> None:
        self.graph = N(graph)
        self.items: list[ox.Quad] = []

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal | str) -> None:
        obj = o if isinstance(o, (ox.NamedNode, ox.Literal)) else N(o)
        self.items.append(ox.Quad(N(s), N(p), obj, self.graph))


def event_kind_codes(ev: Event, res: Resources, countries: set[str | None]) -> tuple[str, str, str | None]:
    """(class local name, CAMEO code, PLOVER mode) of an event, from ``event-kinds.json``."""
    table = res.event_kinds
    spec = table["kinds"][ev.kind]
    cameo, plover = spec["cameo"], spec.get("plover")
    place_country = ev.place.country if ev.place else None
    if ev.kind in ("meeting", "talks") and place_country and place_country not in countries:
        cameo, plover = table["third_location"]["cameo"], table["third_location"]["plover"]
    if plover is None and len(ev.participants) >= 3:
        plover = table["multilateral"]["plover"]
    return spec["class"], cameo, plover


def source_name(art: Article) -> str:
    """The file an article came from, with its record id for one line of a ``.jsonl`` feed
    ("feed.jsonl#x1"), so that every article's rows say which one it is."""
    name = Path(art.path).name
    return f"{name}#{art.id}" if name.lower().endswith(".jsonl") else name


def article_quads(ex: Extraction, res: Resources, run: str) -> list[ox.Quad]:
    """The named graph of one article: the article, its events, evidence and new actors."""
    art = ex.article
    a_iri = iri.article(art.id)
    q = _Quads(a_iri)
    q.add(a_iri, RDF_TYPE.value, KGO.Article)
    q.add(a_iri, DC_TITLE.value, lit(art.title))
    if art.date:
        q.add(a_iri, DC_DATE.value, date_literal(art.date))
    if art.source:
        q.add(a_iri, KGO.publisher, lit(art.source))
    if art.url:
        q.add(a_iri, SCHEMA.url, lit(art.url, "anyURI"))
    q.add(a_iri, KGO.file, lit(source_name(art)))
    q.add(a_iri, PROV_GEN.value, run)
    actors = {a.id: a for a in ex.actors}
    for actor in ex.actors:
        if not actor.in_gazetteer:
            _actor_description(q, actor)
        if actor.role:
            q.add(iri.actor(actor.id), KGO.title, lit(actor.role))
        if actor.article_name:
            q.add(iri.actor(actor.id), KGO.nameInArticle, lit(actor.article_name))
    for ev in ex.events:
        _event(q, ev, a_iri, art.date, res, actors)
    return q.items


def _event(q: _Quads, ev: Event, a_iri: str, article_date: str | None, res: Resources,
           actors: dict[str, Actor]) -> None:
    e = iri.event(ev, article_date)
    countries = {actors[p.actor].country if p.actor in actors else None for p in ev.participants}
    cls, cameo, plover = event_kind_codes(ev, res, countries)
    q.add(e, RDF_TYPE.value, KGO.Meeting)
    if cls != "Meeting":
        q.add(e, RDF_TYPE.value, getattr(KGO, cls))
    names = ", ".join(actors[p.actor].label if p.actor in actors else p.actor for p in ev.participants)
    q.add(e, RDFS_LABEL.value, lit(f"{ev.kind}: {names}"))
    q.add(e, KGO.kind, lit(ev.kind))
    q.add(e, KGO.status, STATUS[ev.status])
    q.add(e, KGO.cameoCode, lit(cameo))
    if plover:
        q.add(e, KGO.ploverMode, lit(plover))
    q.add(e, KGO.confidence, lit(float(ev.confidence)))
    q.add(e, KGO.source, a_iri)
    for p in ev.participants:
        prop = {"host": KGO.host, "visitor": KGO.visitor}.get(p.role, KGO.participant)
        q.add(e, prop, iri.actor(p.actor))
        if prop != KGO.participant:
            q.add(e, KGO.participant, iri.actor(p.actor))
    for a, b in combinations(sorted({p.actor for p in ev.participants}), 2):
        q.add(iri.actor(a), KGO.met, iri.actor(b))
        q.add(iri.actor(b), KGO.met, iri.actor(a))
    for issue in ev.issues:
        q.add(e, KGO.addressed, iri.issue(issue))
        for p in ev.participants:
            q.add(iri.actor(p.actor), KGO.discussed, iri.issue(issue))
    if ev.place:
        if ev.place.key and ev.place.key == ev.place.country and ev.place.key in res.countries \
                and res.countries[ev.place.key].name == ev.place.label:
            q.add(e, KGO.place, iri.actor(ev.place.key))
        else:
            p_iri = iri.place(ev.place.label)
            q.add(e, KGO.place, p_iri)
            q.add(p_iri, RDF_TYPE.value, KGO.Place)
            q.add(p_iri, SKOS_PREF.value, lit(ev.place.label))
            if ev.place.country:
                q.add(p_iri, KGO.country, iri.actor(ev.place.country))
    if ev.date:
        q.add(e, KGO.date, date_literal(ev.date))
        if ev.date_precision:
            q.add(e, KGO.datePrecision, lit(ev.date_precision))
    for evd in ev.evidence:
        x = iri.evidence(ev.article, evd.start, evd.end, evd.rule)
        q.add(e, KGO.evidence, x)
        q.add(x, RDF_TYPE.value, KGO.Evidence)
        q.add(x, NIF.anchorOf, lit(evd.quote))
        q.add(x, NIF.beginIndex, lit(evd.start))
        q.add(x, NIF.endIndex, lit(evd.end))
        q.add(x, KGO.rule, lit(evd.rule))
        q.add(x, KGO.sentence, lit(evd.sentence))
        q.add(x, KGO.source, a_iri)


def _actor_description(q: _Quads, actor: Actor) -> None:
    a = iri.actor(actor.id)
    q.add(a, RDF_TYPE.value, KGO.Actor)
    q.add(a, RDF_TYPE.value, TYPES[actor.type])
    q.add(a, SKOS_PREF.value, lit(actor.label))
    q.add(a, KGO.inGazetteer, lit(actor.in_gazetteer))
    if actor.country:
        q.add(a, KGO.country, iri.actor(actor.country))


def actor_quads(actor_ids: Iterable[str], res: Resources) -> list[ox.Quad]:
    """Reference descriptions (graph ``kggraph:actors``) of the gazetteer actors in use."""
    q = _Quads(iri.graph("actors"))
    ids = set(actor_ids)
    ids |= {res.people[a].country for a in ids if a in res.people and res.people[a].country in res.countries}
    for actor_id in sorted(ids):
        a = iri.actor(actor_id)
        if actor_id in res.countries:
            c = res.countries[actor_id]
            _reference(q, a, KGO.Country, c.name, c.aliases, c.qid)
            q.add(a, KGO.iso3, lit(c.id))
        elif actor_id in res.organisations:
            o = res.organisations[actor_id]
            _reference(q, a, KGO.Organization, o.name, o.aliases, o.qid)
        elif actor_id in res.people:
            p = res.people[actor_id]
            _reference(q, a, KGO.Person, p.name, p.aliases, p.qid)
            if p.country:
                q.add(a, KGO.country, iri.actor(p.country))
            for n, span in enumerate(p.roles):
                m = f"{a}/role/{n}"
                q.add(m, RDF_TYPE.value, ORG.Membership)
                q.add(m, ORG.member, a)
                q.add(m, ORG.role, iri.role(span.role))
                q.add(m, RDFS_LABEL.value, lit(span.title))
                if span.org in res.countries or span.org in res.organisations:
                    q.add(m, ORG.organization, iri.actor(span.org))
                if span.start:
                    q.add(m, KGO.startDate, date_literal(span.start))
                if span.end:
                    q.add(m, KGO.endDate, date_literal(span.end))
    roles = {s.role for pid in ids if pid in res.people for s in res.people[pid].roles}
    for role_id in sorted(roles):
        if role_id in res.roles:
            r = iri.role(role_id)
            q.add(r, RDF_TYPE.value, KGO.Role)
            q.add(r, SKOS_PREF.value, lit(res.roles[role_id].label))
    return q.items


def _reference(q: _Quads, a: str, cls: str, name: str, aliases: tuple[str, ...], qid: str | None) -> None:
    q.add(a, RDF_TYPE.value, KGO.Actor)
    q.add(a, RDF_TYPE.value, cls)
    q.add(a, SKOS_PREF.value, lit(name))
    for alias in sorted(set(aliases) - {name}):
        q.add(a, SKOS_ALT.value, lit(alias))
    if qid:
        q.add(a, OWL_SAME.value, WIKIDATA + qid)


def file_quads(path: Path, graph: str) -> Iterator[ox.Quad]:
    """A Turtle file of ``ontology/`` as quads of one reference graph."""
    g = N(graph)
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        yield ox.Quad(quad.subject, quad.predicate, quad.object, g)


def run_quads(run: str, version: str, digest: str, graph: str) -> list[ox.Quad]:
    q = _Quads(graph)
    q.add(run, RDF_TYPE.value, KGO.ExtractionRun)
    q.add(run, KGO.softwareVersion, lit(version))
    q.add(run, KGO.rulesDigest, lit(digest))
    return q.items
