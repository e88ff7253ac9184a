"""SHACL over the store in batches gives the answer of one pass over the whole graph."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.store import dump_turtle, remove_graph, replace_graph
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


def full_results(store):
    return validate_store(store).results


def test_a_build_validates_what_it_touched_and_keeps_the_other_violations():
    from kg.validate import validate_build

    store = ox.Store()
    first = graph()
    replace_graph(store, "https://example.org/doc/1", first)
    tenure = next(first.subjects(predicate=KGO.person))
    bad = Graph()  # a second person and a person as the organization: violations
    bad.add((tenure, KGO.person, URIRef(RUS.iri)))
    bad.add((tenure, KGO.organization, URIRef(PUTIN.iri)))
    replace_graph(store, "https://example.org/doc/2", bad)
    result, state = validate_build(store, None, "s1", "s2", None)  # no state: everything
    assert result.checked is None and not result.conforms
    assert result.results == full_results(store)

    # an unrelated article is added: only its subjects are checked, the violations stay
    other = Graph()
    other.add((URIRef("https://example.org/x"), KGO.sourcePath, URIRef(RUS.iri)))
    replace_graph(store, "https://example.org/doc/3", other)
    result, state = validate_build(store, state, "s2", "s3",
                                   {ox.NamedNode("https://example.org/x")})
    assert result.checked == 1
    assert result.results == full_results(store) and str(tenure) in result.text

    # the bad article goes: its subject is checked again and its violations go with it
    remove_graph(store, "https://example.org/doc/2")
    result, state = validate_build(store, state, "s3", "s4", {ox.NamedNode(str(tenure))})
    assert result.conforms and result.results == full_results(store) == ()
    assert state["store"] == "s4" and state["results"] == []

    # a state that is not the one the build began from is not trusted
    replace_graph(store, "https://example.org/doc/2", bad)
    stale, _ = validate_build(store, state, "another", "s5", set())
    assert stale.checked is None and stale.results == full_results(store) != ()


def test_the_build_notes_the_subjects_it_touches_and_those_a_type_change_reaches(tmp_path):
    from rdflib.namespace import RDF

    from kg.pipeline import _Embedded

    sink = _Embedded(tmp_path / "store")
    first = graph()
    sink.replace("https://example.org/doc/1", first)
    tenure = ox.NamedNode(str(next(first.subjects(predicate=KGO.person))))
    sink.track()
    second = Graph()  # another article says the person is a state: the tenure's sh:class
    second.add((URIRef(PUTIN.iri), RDF.type, KGO.State))
    sink.replace("https://example.org/doc/2", second)
    touched = sink.touched_subjects()
    assert ox.NamedNode(PUTIN.iri) in touched and tenure in touched
    sink.remove("https://example.org/doc/1")
    assert tenure in sink.touched_subjects()  # its triples went with the graph
    sink.close()


def test_an_unchanged_type_reaches_no_one(tmp_path):
    from kg.pipeline import _Embedded

    sink = _Embedded(tmp_path / "store")
    first = graph()
    sink.replace("https://example.org/doc/1", first)
    sink.track()
    again = Graph()  # the same person with the same type, in another article
    again += first.triples((URIRef(PUTIN.iri), None, None))
    sink.replace("https://example.org/doc/2", again)
    assert sink.touched_subjects() == {ox.NamedNode(PUTIN.iri)}
    sink.close()


def test_only_shapes_that_read_their_focus_node_allow_batches():
    from kg.paths import SHAPES
    from kg.validate import shapes_are_local

    ours = Graph().parse(SHAPES)
    assert shapes_are_local(ours)
    prefixes = ("@prefix sh: <http://www.w3.org/ns/shacl#> . "
                "@prefix ex: <https://example.org/> . ")
    for other in (
            "ex:S a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:nodeKind sh:IRI .",
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; "
            "sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:maxCount 1 ] .",
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; "
            "sh:property [ sh:path ex:p ; sh:node ex:T ] . "
            "ex:T a sh:NodeShape ; sh:property [ sh:path ex:q ; sh:minCount 1 ] ."):
        assert not shapes_are_local(Graph().parse(data=prefixes + other, format="turtle")), other


def test_shapes_that_read_other_nodes_are_checked_in_one_pass(tmp_path, monkeypatch):
    import kg.validate

    shapes = tmp_path / "shapes.ttl"  # a person is the person of at most one tenure
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . "
        "@prefix kgo: <https://w3id.org/newskg/ontology#> . "
        "<https://example.org/S> a sh:NodeShape ; sh:targetClass kgo:Person ; "
        "sh:property [ sh:path [ sh:inversePath kgo:person ] ; sh:maxCount 1 ] .",
        encoding="utf-8")
    monkeypatch.setattr(kg.validate, "SHAPES", shapes)
    store = ox.Store()
    replace_graph(store, "https://example.org/doc/1", graph())
    second = Graph()
    second.add((URIRef("https://example.org/tenure/2"), KGO.person, URIRef(PUTIN.iri)))
    replace_graph(store, "https://example.org/doc/2", second)
    result = validate_store(store, chunk_triples=5,
                            subjects=[ox.NamedNode("https://example.org/tenure/2")])
    assert result.checked is None and result.violations == 1
    assert PUTIN.iri in result.text


def test_a_missing_or_broken_state_means_validating_everything(tmp_path):
    import json

    from kg.validate import read_state

    path = tmp_path / "validation-state.json"
    assert read_state(path) is None
    path.write_text("{not json", encoding="utf-8")
    assert read_state(path) is None
    path.write_text(json.dumps({"store": "s", "shapes": "x"}), encoding="utf-8")
    assert read_state(path) is None  # no results
    path.write_text(json.dumps({"store": "s", "shapes": "x", "results": [["n", "t"]]}),
                    encoding="utf-8")
    assert read_state(path)["results"] == [("n", "t")]
