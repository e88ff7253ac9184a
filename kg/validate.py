"""SHACL validation of a graph against ``ontology/shapes.ttl``."""

from __future__ import annotations

import hashlib
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from kg.offline import offline
from kg.paths import ONTOLOGY, SHAPES
from kg.store import RDF_TYPE


@dataclass(frozen=True)
class Validation:
    conforms: bool
    violations: int
    text: str
    # (focus node, the violation as text) for each violation, when validated by focus
    results: tuple[tuple[str, str], ...] = ()
    checked: int | None = None  # the subjects validated (None: the whole graph)


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
    kept = []
    for r in results:
        node = report.value(r, SH.focusNode)
        if node not in focus:
            continue
        component = str(report.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
        kept.append((str(node), "\n".join([
            f"Constraint Violation in {component}:", f"\tFocus Node: {node}",
            f"\tResult Path: {report.value(r, SH.resultPath)}",
            f"\tValue: {report.value(r, SH.value)}",
            f"\tMessage: {report.value(r, SH.resultMessage)}"])))
    return _validation(kept)


def _validation(results, checked: int | None = None) -> Validation:
    """A Validation of (focus node, violation text) pairs, in node order."""
    results = tuple(sorted(results))
    if not results:
        return Validation(True, 0, _EMPTY, (), checked)
    lines = ["Validation Report", "Conforms: False", f"Results ({len(results)}):"]
    lines += [text for _, text in results]
    return Validation(False, len(results), "\n".join(lines) + "\n", results, checked)


# a batch of 50,000 triples peaked at 630 MB and one of 15,000 at 380 MB, about a fifth
# slower per triple (the report also describes the nodes a batch holds only for their type)
CHUNK_TRIPLES = 20_000


def validate_store(store: ox.Store, chunk_triples: int = CHUNK_TRIPLES,
                   subjects: Iterable[ox.NamedNode] | None = None) -> Validation:
    """Validate every article triple in the store (``subjects``: only those nodes), a
    batch of subjects at a time, so that memory stays bounded however large the graph.
    Every shape targets a class and follows one property from its focus node, so a batch
    that holds all of its subjects' triples and the types of the nodes they point to (for
    ``sh:class``) gets the same answer as one pass over the whole graph."""
    from kg.store import article_triples, has_union, subject_triples

    with offline():
        shapes, ontology = Graph().parse(SHAPES), Graph().parse(ONTOLOGY)
    if not shapes_are_local(shapes):  # batches would not see what a shape reads
        chunk_triples, subjects = sys.maxsize, None
    if subjects is None or not has_union(store):  # an old store: no union to read from
        triples, checked = article_triples(store), None
    else:
        chosen = sorted(set(subjects), key=lambda node: node.value)
        triples, checked = subject_triples(store, chosen), len(chosen)
    found = [pair for batch, focus in _batches(store, triples, chunk_triples)
             for pair in validate(batch, shapes, ontology, focus).results]
    return _validation(found, checked)


def validate_build(store: ox.Store, previous: dict | None, before: str, after: str,
                   touched: set[ox.NamedNode] | None) -> tuple[Validation, dict]:
    """Validate what a build changed. ``previous`` (``read_state``) holds the violations
    of the last validation and the state of the store it described (``store_state``);
    when that is the state the build started from (``before``), only the ``touched``
    subjects are validated again and the other violations carry over. Otherwise (no
    state, another state, other shapes, nothing tracked) the whole store is validated.
    Returns the validation and the state to keep for the store the build left
    (``after``)."""
    shapes = _shapes_digest()
    if touched is not None and previous is not None and previous.get("store") == before \
            and previous.get("shapes") == shapes:
        again = {node.value for node in touched}
        checked = validate_store(store, subjects=touched)
        kept = [(node, text) for node, text in previous["results"] if node not in again]
        if checked.checked is None:  # the shapes made it check the whole store
            kept = []
        result = _validation(kept + list(checked.results), checked.checked)
    else:
        result = validate_store(store)
    state = {"store": after, "shapes": shapes, "results": [list(r) for r in result.results]}
    return result, state


def shapes_are_local(shapes: Graph) -> bool:
    """Whether each shape reads only its focus node's own triples and the types of their
    values: shapes target classes, property shapes sit on those and follow one IRI.
    Batches of subjects (and validating only some subjects) rely on it."""
    from rdflib.namespace import SH

    if any((None, predicate, None) in shapes for predicate in (
            SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target, SH.sparql)):
        return False
    if any(not isinstance(path, URIRef) for path in shapes.objects(None, SH.path)):
        return False  # an inverse or sequence path reads other nodes' triples
    return all((shape, SH.targetClass, None) in shapes
               for shape in shapes.subjects(SH.property, None))


def _shapes_digest() -> str:
    return hashlib.sha256(SHAPES.read_bytes() + ONTOLOGY.read_bytes()).hexdigest()[:16]


def read_state(path: Path) -> dict | None:
    """The state ``validate_build`` returned, as kept in ``path`` (None: none, or
    unreadable)."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        state["results"] = [(str(node), str(text)) for node, text in state["results"]]
        return state
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none yet, or unreadable: validate everything


_EMPTY = "Validation Report\nConforms: True\n"


def _batches(store: ox.Store, triples: Iterable[ox.Triple],
             chunk_triples: int) -> Iterator[tuple[Graph, set]]:
    """rdflib graphs of whole subjects: their triples (a subject's triples come
    together) and the types of the nodes they point to; and the subjects (the nodes the
    batch validates; the others are there for ``sh:class``)."""
    batch: list[ox.Triple] = []
    for triple in triples:
        if len(batch) >= chunk_triples and triple.subject != batch[-1].subject:
            yield _graph(store, batch)
            batch = []
        batch.append(triple)
    if batch:
        yield _graph(store, batch)


def _graph(store: ox.Store, triples: list[ox.Triple]) -> tuple[Graph, set]:
    objects = {t.object for t in triples if isinstance(t.object, ox.NamedNode)}
    types = {q.triple for node in objects
             for q in store.quads_for_pattern(node, RDF_TYPE, None, None)}
    out = io.BytesIO()
    ox.serialize(triples + sorted(types, key=str), out, format=ox.RdfFormat.N_TRIPLES)
    graph = Graph()
    with offline():
        graph.parse(data=out.getvalue().decode("utf-8"), format="nt")
    subjects = {URIRef(t.subject.value) if isinstance(t.subject, ox.NamedNode)
                else BNode(t.subject.value) for t in triples}
    return graph, subjects
