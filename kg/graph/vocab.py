"""Closed namespaces: a misspelt term is an error at import, not a silent new IRI.

``KGO`` must match ``ontology/ontology.ttl`` exactly; a test checks both directions.
"""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

BASE = "https://w3id.org/kg/"


class KGO(DefinedNamespace):
    """The kg ontology (``ontology/ontology.ttl``)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    Actor: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Place: URIRef
    Role: URIRef
    Meeting: URIRef
    Talks: URIRef
    Negotiations: URIRef
    Visit: URIRef
    PhoneCall: URIRef
    Summit: URIRef
    Conference: URIRef
    MeetingStatus: URIRef
    Held: URIRef
    Ongoing: URIRef
    Planned: URIRef
    Article: URIRef
    Evidence: URIRef
    ExtractionRun: URIRef
    country: URIRef
    iso3: URIRef
    title: URIRef
    nameInArticle: URIRef
    inGazetteer: URIRef
    startDate: URIRef
    endDate: URIRef
    participant: URIRef
    host: URIRef
    visitor: URIRef
    addressed: URIRef
    place: URIRef
    date: URIRef
    datePrecision: URIRef
    status: URIRef
    kind: URIRef
    cameoCode: URIRef
    ploverMode: URIRef
    confidence: URIRef
    met: URIRef
    discussed: URIRef
    evidence: URIRef
    source: URIRef
    rule: URIRef
    sentence: URIRef
    file: URIRef
    publisher: URIRef
    softwareVersion: URIRef
    rulesDigest: URIRef


class NIF(DefinedNamespace):
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef


class ORG(DefinedNamespace):
    _NS = Namespace("http://www.w3.org/ns/org#")
    _fail = True

    Membership: URIRef
    member: URIRef
    organization: URIRef
    role: URIRef


class SCHEMA(DefinedNamespace):
    _NS = Namespace("https://schema.org/")
    _fail = True

    url: URIRef


ACTOR = Namespace(BASE + "actor/")
ISSUE = Namespace(BASE + "issue/")
EVENT = Namespace(BASE + "event/")
ARTICLE = Namespace(BASE + "article/")
EVIDENCE = Namespace(BASE + "evidence/")
PLACE = Namespace(BASE + "place/")
ROLE = Namespace(BASE + "role/")
RUN = Namespace(BASE + "run/")
GRAPH = Namespace(BASE + "graph/")

PREFIXES = {
    "kgo": str(KGO._NS),
    "actor": str(ACTOR),
    "issue": str(ISSUE),
    "event": str(EVENT),
    "article": str(ARTICLE),
    "evidence": str(EVIDENCE),
    "place": str(PLACE),
    "role": str(ROLE),
    "run": str(RUN),
    "kggraph": str(GRAPH),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "org": str(ORG._NS),
    "schema": str(SCHEMA._NS),
    "dcterms": "http://purl.org/dc/terms/",
    "nif": str(NIF._NS),
}
