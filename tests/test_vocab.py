"""The closed namespace in code and the ontology file agree, term for term."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.iri import ONTOLOGY_NS
from kg.paths import ONTOLOGY, ROOT
from kg.vocab import KGO


@pytest.fixture(scope="module")
def declared() -> set[str]:
    g = Graph().parse(ONTOLOGY)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(s)[len(ONTOLOGY_NS):] for k in kinds for s in g.subjects(RDF.type, k)
            if str(s).startswith(ONTOLOGY_NS)}


def test_namespace_matches_ontology(declared):
    in_code = set(KGO.__annotations__)
    assert in_code == declared


def test_misspelt_term_raises():
    with pytest.raises(AttributeError):
        KGO.Tenur  # noqa: B018


def used_terms() -> set[str]:
    """Every KGO.<term> and KGO["term"] in the package's source."""
    used = set()
    for path in (ROOT / "kg").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id == "KGO":
                used.add(node.attr)
    return used


def test_every_term_the_code_uses_is_declared(declared):
    used = used_terms()
    assert used, "expected the package to use KGO terms"
    assert used - declared == set()


def test_every_class_the_code_mints_is_declared(declared):
    from kg.gazetteer import load_entries
    from kg.iri import CLASS_SEGMENTS

    classes = {e.cls for e in load_entries()} | set(CLASS_SEGMENTS)
    assert classes - declared == set()
    assert isinstance(KGO.Person, URIRef)


def test_queries_use_only_declared_terms(declared):
    import re

    from kg.queries import named_queries

    for name, path in named_queries().items():
        terms = set(re.findall(r"kgo:(\w+)", path.read_text(encoding="utf-8")))
        assert terms - declared == set(), name


def test_a_capital_stands_for_the_state_listed_first_not_a_historical_one():
    from kg.gazetteer import capital_states, capitals

    assert capitals()["russia"] == "moscow" and capitals()["ussr"] == "moscow"
    assert capital_states()["moscow"] == "russia"
