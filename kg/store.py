"""The store: an embedded persistent Oxigraph under ``OUT/store/``.

Each article's triples live in a named graph of their own; replacing an
article's graph is one SPARQL update (one transaction), so a re-ingested article
replaces exactly its own triples and a crash never leaves half a graph.
Queries read the default graph, which holds the union of the named graphs (each
triple once).
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph

from kg.federation import REFUSED, uses_service
from kg.rdf import PREFIXES


ONTOLOGY_GRAPH = "https://w3id.org/newskg/ontology"


class StoreError(Exception):
    """A store could not be opened or read; the message says why."""


def _busy(path) -> StoreError:
    return StoreError(f"the store at {path} is busy (a build is writing to it); "
                      "try again when it has finished")


def open_store(path: Path, read_only: bool = False) -> ox.Store:
    """The store at ``path``. Read-only opens while a build writes can meet files the
    build has just compacted away: they are tried again, then reported as busy."""
    path = Path(path)
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"no store at {path} (run 'kg build ... --out DIR' first)")
            for attempt in range(READ_ONLY_ATTEMPTS):
                try:
                    return ox.Store.read_only(str(path))
                except RuntimeError as exc:  # RocksDB: a file vanished under the writer
                    if attempt == READ_ONLY_ATTEMPTS - 1:
                        raise _busy(path) from exc
                    time.sleep(0.2)
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        message = str(exc)
        if "lock" in message.lower():
            raise _busy(path) from exc
        raise StoreError(f"cannot open the store at {path}: {message}") from exc


READ_ONLY_ATTEMPTS = 5


RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


# The default graph holds the union of the named graphs, each triple once (kept up to
# date by replace_graph and remove_graph). Queries read it: Oxigraph's own union of
# the named graphs repeats a triple once per graph that holds it, and a join over an
# entity named in thousands of articles multiplies those copies.
_UNSHARE = ("DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} "
            "FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{g}>) }} }} ;\n")


def replace_graph(store: ox.Store, graph_iri: str, graph: Graph) -> int:
    """Replace one named graph with ``graph`` in a single transaction (the union in the
    default graph follows); returns its size."""
    body = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    store.update(_UNSHARE.format(g=graph_iri)
                 + f"DROP SILENT GRAPH <{graph_iri}> ;\n"
                 f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }} ;\n"
                 f"INSERT DATA {{\n{body}\n}}")
    return len(graph)


def remove_graph(store: ox.Store, graph_iri: str) -> None:
    store.update(_UNSHARE.format(g=graph_iri) + f"DROP SILENT GRAPH <{graph_iri}>")


def has_union(store: ox.Store) -> bool:
    """Whether the default graph holds the union (stores built before it existed do not)."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())),
                None) is not None


def graph_names(store: ox.Store) -> set[str]:
    return {g.value for g in store.named_graphs()}


@dataclass(frozen=True)
class Result:
    """A SELECT result: variable names and rows of plain values (None when unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    kinds: tuple[tuple[str | None, ...], ...] = ()  # "iri", "literal", "bnode" per cell


def term_value(term) -> tuple[str | None, str | None]:
    if term is None:
        return None, None
    if isinstance(term, ox.NamedNode):
        return term.value, "iri"
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value, "bnode"
    if isinstance(term, ox.Literal):
        return term.value, "literal"
    return str(term), None


def select(store: ox.Store, sparql: str, bindings: dict[str, object] | None = None,
           sort_here: bool = True) -> Result:
    """Run a SELECT over the union of the named graphs (the default graph; ``GRAPH ?g``
    reaches each article's graph).

    ``bindings`` substitutes variables with values (strings become literals,
    every bound variable must be in the SELECT list,
    ``ox.NamedNode`` stays an IRI), so user input never becomes query text.
    A final ORDER BY over selected variables is done here (``sort_here``).
    """
    if uses_service(sparql):
        raise StoreError(REFUSED)
    substitutions = None
    if bindings:
        substitutions = {
            ox.Variable(name): value if isinstance(value, (ox.NamedNode, ox.Literal))
            else ox.Literal(str(value))
            for name, value in bindings.items()
        }
    order, unordered = trailing_order(sparql) if sort_here else ((), sparql)
    try:
        solutions = store.query(unordered, use_default_graph_as_union=not has_union(store),
                                substitutions=substitutions, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise StoreError(f"invalid SPARQL: {exc}") from exc
    except RuntimeError as exc:  # a read-only store whose files a build is rewriting
        raise StoreError(f"the store is busy (a build is writing to it): {exc}") from exc
    if not isinstance(solutions, ox.QuerySolutions):
        raise StoreError("expected a SELECT query")
    variables = tuple(v.value for v in solutions.variables)
    if order and not {name for name, _ in order} <= set(variables):
        return select(store, sparql, bindings, sort_here=False)  # orders by an unselected
    try:
        # a solution iterates over its values in the order of the variables; a value is
        # decoded at each access, so each is read once
        solutions = [tuple(solution) for solution in solutions]
    except RuntimeError as exc:
        raise StoreError(f"the store is busy (a build is writing to it): {exc}") from exc
    # terms recur across rows (classes, articles, states): each converted once
    seen: dict[object, tuple[tuple[str | None, str | None], tuple]] = {}
    rows = []
    for solution in solutions:
        row = []
        for term in solution:
            done = seen.get(term)
            if done is None:
                done = seen[term] = (term_value(term), _term_key(term))
            row.append(done)
        rows.append(row)
    if order:
        rows = _sorted(rows, variables, order)
    return Result(variables, tuple(tuple(cell[0][0] for cell in row) for row in rows),
                  tuple(tuple(cell[0][1] for cell in row) for row in rows))


# Oxigraph sorts by decoding both terms at every comparison, which made ORDER BY cost
# ten times the rest of a named query at a million triples; a trailing ORDER BY over
# selected variables is done here instead, on terms decoded once.
_ORDER = re.compile(r"\bORDER\s+BY((?:\s*(?:(?:ASC|DESC)\s*\(\s*\?\w+\s*\)|\?\w+))+)\s*$",
                    re.IGNORECASE)
_ORDER_KEY = re.compile(r"(ASC|DESC)?\s*\(?\s*\?(\w+)", re.IGNORECASE)
_NUMERIC = {"http://www.w3.org/2001/XMLSchema#" + name for name in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}


def trailing_order(sparql: str) -> tuple[tuple[tuple[str, bool], ...], str]:
    """The (variable, descending) keys of a query's final ORDER BY when it orders by plain
    variables only, and the query without it; else no keys and the query as given."""
    text = sparql.rstrip()
    match = _ORDER.search(text)
    if not match:
        return (), sparql
    keys = tuple((name, (direction or "").upper() == "DESC")
                 for direction, name in _ORDER_KEY.findall(match.group(1)))
    return keys, text[:match.start()]


def _term_key(term) -> tuple:
    """SPARQL's order: unbound, blank nodes, IRIs, literals (numbers by value)."""
    if term is None:
        return (0, 0, 0.0, "")
    if isinstance(term, ox.BlankNode):
        return (1, 0, 0.0, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, 0, 0.0, term.value)
    if term.datatype.value in _NUMERIC:
        try:
            return (3, 0, float(term.value), term.value)
        except ValueError:
            pass
    return (3, 1, 0.0, term.value)


def _sorted(rows: list[list[tuple]], variables: tuple[str, ...],
            order: tuple[tuple[str, bool], ...]) -> list[list[tuple]]:
    """Rows of (cell, sort key) sorted by the keys of ``order``, ties by every column (so
    the order is the same every time)."""
    rows = sorted(rows, key=lambda row: [key for _, key in row])
    for name, descending in reversed(order):
        at = variables.index(name)
        rows.sort(key=lambda row: row[at][1], reverse=descending)
    return rows


def graph_totals(store: ox.Store) -> dict[str, int]:
    """How many article graphs the store holds, and their triples (the ontology left out)."""
    ontology = ox.NamedNode(ONTOLOGY_GRAPH)
    graphs = [g for g in store.named_graphs() if g != ontology]
    # counted inside the store: turning each quad into a Python object took seconds
    (count,), = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                            f"FILTER (?g != {ontology}) }}")
    return {"articles": len(graphs), "triples": int(count.value)}


def article_graphs(store: ox.Store) -> list[ox.NamedNode]:
    """The article graphs (the ontology graph left out), sorted by IRI."""
    ontology = ox.NamedNode(ONTOLOGY_GRAPH)
    return sorted((g for g in store.named_graphs() if g != ontology), key=lambda g: g.value)


def article_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad of the article graphs, graph after graph in IRI order (streamed: within
    a graph, in the store's index order, which is the same for the same triples)."""
    for graph in article_graphs(store):
        yield from store.quads_for_pattern(None, None, None, graph)


def article_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every triple of the article graphs, each once, a subject's triples together
    (streamed from the default graph, which holds the union; the ontology's own triples
    left out)."""
    if not has_union(store):  # a store built before the union existed: small, merge here
        yield from sorted({q.triple for q in article_quads(store)}, key=str)
        return
    yield from subject_triples(
        store, (subject for (subject,) in store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }")))


def subject_triples(store: ox.Store, subjects: Iterable) -> Iterator[ox.Triple]:
    """The article triples of each subject in turn (from the union in the default graph;
    the ontology's own triples left out)."""
    ontology = ox.NamedNode(ONTOLOGY_GRAPH)
    own = {q.triple for q in store.quads_for_pattern(None, None, None, ontology)}
    for subject in subjects:
        for quad in store.quads_for_pattern(subject, None, None, ox.DefaultGraph()):
            triple = quad.triple
            if triple in own and not any(
                    q.graph_name != ontology for q in store.quads_for_pattern(
                        subject, triple.predicate, triple.object, None)
                    if not isinstance(q.graph_name, ox.DefaultGraph)):
                continue
            yield triple


def write_trig(store: ox.Store, out: BinaryIO) -> None:
    """The article graphs as TriG, one named graph per article."""
    ox.serialize(article_quads(store), out, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def write_nquads(store: ox.Store, out: BinaryIO) -> None:
    ox.serialize(article_quads(store), out, format=ox.RdfFormat.N_QUADS)


def write_turtle(store: ox.Store, out: BinaryIO) -> None:
    """All triples of all article graphs, merged, as Turtle."""
    ox.serialize(article_triples(store), out, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def dump_trig(store: ox.Store) -> bytes:
    out = io.BytesIO()
    write_trig(store, out)
    return out.getvalue()


def dump_turtle(store: ox.Store) -> bytes:
    out = io.BytesIO()
    write_turtle(store, out)
    return out.getvalue()
