"""SHACL validation of the built graph against ``ontology/shapes.ttl`` (pySHACL)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib

from .export import ExportFormat, export
from .graph.store import Store


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def validate(store: Store, shapes: Path) -> ValidationReport:
    """Validate the union of all graphs; RDFS inference lets subclasses meet class constraints."""
    from pyshacl import validate as shacl

    union = rdflib.Graph().parse(data=export(store, ExportFormat.turtle).decode("utf-8"), format="turtle")
    conforms, report, text = shacl(union, shacl_graph=str(shapes), inference="rdfs", advanced=True)
    violations = len(list(report.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#ValidationResult"))))
    return ValidationReport(bool(conforms), violations, str(text))
