"""SHACL validation of a graph against ``ontology/shapes.ttl``."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from kg.offline import offline
from kg.paths import ONTOLOGY, SHAPES


@dataclass(frozen=True)
class Validation:
    conforms: bool
    violations: int
    text: str


def validate(data: Graph) -> Validation:
    """Validate ``data`` (the ontology is mixed in so that subclasses count)."""
    from pyshacl import validate as shacl

    with offline():  # SHACL runs SPARQL inside rdflib, which would follow SERVICE
        shapes = Graph().parse(SHAPES)
        ontology = Graph().parse(ONTOLOGY)
        conforms, report, text = shacl(data, shacl_graph=shapes, ont_graph=ontology,
                                       inference="none", allow_warnings=True)
    from rdflib.namespace import SH

    violations = len(set(report.subjects(predicate=SH.resultSeverity)))
    return Validation(bool(conforms), violations, text)
