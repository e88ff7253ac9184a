"""SHACL validation of a graph against ``ontology/shapes.ttl``."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from kg.offline import offline
from kg.paths import ONTOLOGY, SHAPES


@dataclass(frozen=True)
class Validation:
    conforms: bool
    violations: int
    text: str


def validate(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None,
             focus: set | None = None) -> Validation:
    """Validate ``data`` (the ontology is mixed in so that subclasses count). With
    ``focus``, only results about those nodes count (the others are context)."""
    from pyshacl import validate as shacl
    from rdflib.namespace import SH

    with offline():  # SHACL runs SPARQL inside rdflib, which would follow SERVICE
        shapes = shapes if shapes is not None else Graph().parse(SHAPES)
        ontology = ontology if ontology is not None else Graph().parse(ONTOLOGY)
        conforms, report, text = shacl(data, shacl_graph=shapes, ont_graph=ontology,
                                       inference="none", allow_warnings=True)
    results = set(report.subjects(predicate=SH.resultSeverity))
    if focus is None:
        return Validation(bool(conforms), len(results), text)
    kept = sorted((r for r in results if report.value(r, SH.focusNode) in focus),
                  key=lambda r: (str(report.value(r, SH.focusNode)),
                                 str(report.value(r, SH.resultPath))))
    if not kept:
        return Validation(True, 0, _EMPTY)
    lines = ["Validation Report", "Conforms: False", f"Results ({len(kept)}):"]
    for r in kept:
        component = str(report.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
        lines += [f"Constraint Violation in {component}:",
                  f"\tFocus Node: {report.value(r, SH.focusNode)}",
                  f"\tResult Path: {report.value(r, SH.resultPath)}",
                  f"\tValue: {report.value(r, SH.value)}",
                  f"\tMessage: {report.value(r, SH.resultMessage)}"]
    return Validation(False, len(kept), "\n".join(lines) + "\n")


# a batch of 50,000 triples peaked at 630 MB and one of 15,000 at 380 MB, about a fifth
# slower per triple (the report also describes the nodes a batch holds only for their type)
CHUNK_TRIPLES = 20_000


def validate_store(store: ox.Store, chunk_triples: int = CHUNK_TRIPLES) -> Validation:
    """Validate every article triple in the store, a batch of subjects at a time, so that
    memory stays bounded however large the graph. Every shape targets a class and follows
    one property from its focus node, so a batch that holds all of its subjects' triples
    and the types of the nodes they point to (for ``sh:class``) gets the same answer as
    one pass over the whole graph."""
    with offline():
        shapes, ontology = Graph().parse(SHAPES), Graph().parse(ONTOLOGY)
    failed = [result for result in (validate(batch, shapes, ontology, focus)
                                     for batch, focus in _batches(store, chunk_triples))
              if not result.conforms]
    if not failed:
        return Validation(True, 0, _EMPTY)
    return Validation(False, sum(r.violations for r in failed),
                      "\n".join(r.text for r in failed))


_EMPTY = "Validation Report\nConforms: True\n"
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _batches(store: ox.Store, chunk_triples: int) -> Iterator[tuple[Graph, set]]:
    """rdflib graphs of whole subjects: their triples (the store yields a subject's
    triples together) and the types of the nodes they point to; and the subjects (the
    nodes the batch validates; the others are there for ``sh:class``)."""
    from kg.store import article_triples

    batch: list[ox.Triple] = []
    for triple in article_triples(store):
        if len(batch) >= chunk_triples and triple.subject != batch[-1].subject:
            yield _graph(store, batch)
            batch = []
        batch.append(triple)
    if batch:
        yield _graph(store, batch)


def _graph(store: ox.Store, triples: list[ox.Triple]) -> tuple[Graph, set]:
    objects = {t.object for t in triples if isinstance(t.object, ox.NamedNode)}
    types = {q.triple for node in objects
             for q in store.quads_for_pattern(node, _TYPE, None, None)}
    out = io.BytesIO()
    ox.serialize(triples + sorted(types, key=str), out, format=ox.RdfFormat.N_TRIPLES)
    graph = Graph()
    with offline():
        graph.parse(data=out.getvalue().decode("utf-8"), format="nt")
    subjects = {URIRef(t.subject.value) if isinstance(t.subject, ox.NamedNode)
                else BNode(t.subject.value) for t in triples}
    return graph, subjects
