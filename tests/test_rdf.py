"""Every fact kind maps to a valid n-ary node with evidence and its direct edge."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.articles import parse
from kg.iri import entity_iri, node_iri
from kg.rdf import article_graph, date_literal
from kg.records import Entity, Evidence, Extraction, Fact
from kg.validate import validate
from kg.vocab import KGO

TEXT = " date 2025-11-27 Заголовок\n\nБИШКЕК, 27 ноября. /ТАСС/. Предложение с фактом.\n"


def ent(cls, label, type_):
    return Entity(iri=entity_iri(cls, label), type=type_, cls=cls, label=label,
                  mentions=((0, 1),))


ODKB = ent("InternationalOrganization", "ОДКБ", "ORG")
SNG = ent("InternationalOrganization", "СНГ", "ORG")
RUS = ent("State", "Россия", "LOC")
BISHKEK = ent("City", "Бишкек", "LOC")
PUTIN = ent("Person", "Владимир Путин", "PER")
SUMMIT = node_iri("summit", ODKB.iri, "2025-11")
DOC = node_iri("agreement", "дорожная карта", ODKB.iri, SNG.iri, "2025")
TREATY = node_iri("agreement", "договор", "договор о коллективной безопасности")


def f(kind, **args):
    start = TEXT.index("Предложение")
    return Fact(kind, tuple(args.items()), Evidence(start, start + 21, "Предложение с фактом."),
                "test")


FACTS = (
    f("post", person=PUTIN.iri, role="президент", organization=RUS.iri, start="2012-05-07",
      end=None, status="current"),
    f("member", organization=ODKB.iri, state=RUS.iri, since=None, until=None, status="member"),
    f("summit", summit=SUMMIT, organization=ODKB.iri, place=BISHKEK.iri, date="2025-11-27",
      label="Саммит ОДКБ"),
    f("participant", event=SUMMIT, participant=PUTIN.iri),
    f("agreement", document=DOC, document_kind="дорожная карта", date="2025-09", place=None,
      party=(ODKB.iri, SNG.iri), signatory=(PUTIN.iri,), preparer=RUS.iri, label="карта"),
    f("chairmanship", organization=ODKB.iri, state=RUS.iri, year="2026"),
    f("founding", organization=ODKB.iri, date="2002-05-14", treaty=TREATY,
      treaty_date="1992-05-15", treaty_label="Договор о коллективной безопасности"),
    f("cooperation", organization=ODKB.iri, partner=SNG.iri),
)


def graph():
    extraction = Extraction(parse(TEXT, "doc1"), (ODKB, SNG, RUS, BISHKEK, PUTIN), FACTS)
    return article_graph(extraction)[1]


def test_every_fact_kind_is_valid_under_the_shapes():
    validation = validate(graph())
    assert validation.conforms, validation.text


def test_direct_edges():
    g = graph()
    u = URIRef
    assert (u(PUTIN.iri), KGO.holdsPostIn, u(RUS.iri)) in g
    assert (u(RUS.iri), KGO.memberOf, u(ODKB.iri)) in g
    assert (u(RUS.iri), KGO.chairs, u(ODKB.iri)) in g
    assert (u(PUTIN.iri), KGO.attended, u(SUMMIT)) in g
    assert (u(PUTIN.iri), KGO.signed, u(DOC)) in g
    assert (u(ODKB.iri), KGO.foundedOn, u(TREATY)) in g
    assert (u(ODKB.iri), KGO.cooperatesWith, u(SNG.iri)) in g
    assert (u(SUMMIT), KGO.heldIn, u(BISHKEK.iri)) in g


def test_dates_keep_their_precision():
    g = graph()
    assert (URIRef(DOC), KGO.date, Literal("2025-09", datatype=XSD.gYearMonth)) in g
    assert (URIRef(TREATY), KGO.date, Literal("1992-05-15", datatype=XSD.date)) in g
    assert date_literal("2026").datatype == XSD.gYear


def test_every_fact_has_evidence_from_its_article():
    g = graph()
    facts = set(g.subjects(KGO.evidence, None))
    assert len(facts) >= len(FACTS)
    for node in facts:
        for ev in g.objects(node, KGO.evidence):
            assert g.value(ev, KGO.sentence) == Literal("Предложение с фактом.")
            start, end = int(g.value(ev, KGO.start)), int(g.value(ev, KGO.end))
            assert TEXT[start:end] == "Предложение с фактом."
            assert g.value(ev, PROV.wasDerivedFrom) == g.value(node, PROV.wasDerivedFrom)


def test_former_post_and_observer_get_no_membership_edge():
    former = f("post", person=PUTIN.iri, role="премьер-министр", organization=RUS.iri,
               start=None, end="2012", status="former")
    observer = f("member", organization=SNG.iri, state=RUS.iri, since=None, until=None,
                 status="observer")
    g = article_graph(Extraction(parse(TEXT, "d"), (SNG, RUS, PUTIN), (former, observer)))[1]
    assert (URIRef(PUTIN.iri), KGO.holdsPostIn, URIRef(RUS.iri)) not in g
    assert (URIRef(RUS.iri), KGO.memberOf, URIRef(SNG.iri)) not in g
    assert (URIRef(RUS.iri), KGO.observerOf, URIRef(SNG.iri)) in g
    assert (None, RDF.type, KGO.Role) in g
    assert any(g.triples((None, RDFS.label, Literal("премьер-министр", lang="ru"))))
