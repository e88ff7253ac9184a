"""SHACL over the store in batches gives the answer of one pass over the whole graph."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.store import dump_turtle, replace_graph
from kg.validate import validate, validate_store
from kg.vocab import KGO
from test_rdf import PUTIN, RUS, graph


def whole(store) -> Graph:
    return Graph().parse(data=dump_turtle(store).decode("utf-8"), format="turtle")


def test_a_valid_store_conforms_in_many_small_batches():
    store = ox.Store()
    replace_graph(store, "https://example.org/doc/1", graph())
    result = validate_store(store, chunk_triples=5)
    assert result.conforms, result.text
    assert result.violations == 0


def test_batches_find_the_violations_one_pass_finds_across_articles():
    store = ox.Store()
    first = graph()
    replace_graph(store, "https://example.org/doc/1", first)
    tenure = next(first.subjects(predicate=KGO.person))
    second = Graph()
    # another article gives the same tenure a second person (maxCount 1 on the union)
    # and points it at a person as its organization (sh:class needs the person's type)
    second.add((tenure, KGO.person, URIRef(RUS.iri)))
    second.add((tenure, KGO.organization, URIRef(PUTIN.iri)))
    replace_graph(store, "https://example.org/doc/2", second)
    expected = validate(whole(store))
    assert not expected.conforms and expected.violations >= 3
    for chunk in (5, 40, 10_000):
        result = validate_store(store, chunk_triples=chunk)
        assert not result.conforms
        assert result.violations == expected.violations, (chunk, result.text)
        assert str(tenure) in result.text
