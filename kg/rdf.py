"""Extraction -> RDF: one rdflib Graph per article (its named graph).

Stage: depends on ``entities.resolve`` and the fact extractors. Defines the
article node (schema:NewsArticle), entity nodes (rdfs:label, skos:altLabel,
classes), n-ary fact nodes with their evidence, and the direct edges.

Gets our own records only; everything it mints is deterministic, so the same
input always yields the same graph.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.iri import ID_NS, article_iri, graph_iri, node_iri, slug
from kg.records import Entity, Extraction, Fact
from kg.vocab import KGO

ORG = Namespace("http://www.w3.org/ns/org#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "kgo": str(KGO),
    "id": ID_NS,
    "schema": str(SDO),
    "prov": str(PROV),
    "skos": str(SKOS),
    "org": str(ORG),
    "wd": str(WD),
    "xsd": str(XSD),
    "rdfs": str(RDFS),
    "owl": str(OWL),
}

_ISO = {
    re.compile(r"\d{4}-\d{2}-\d{2}"): XSD.date,
    re.compile(r"\d{4}-\d{2}"): XSD.gYearMonth,
    re.compile(r"\d{4}"): XSD.gYear,
}


def date_literal(value: str) -> Literal:
    """An ISO date at its precision as a typed literal.

    >>> date_literal("2025-09").datatype == XSD.gYearMonth
    True
    """
    for pattern, datatype in _ISO.items():
        if pattern.fullmatch(value):
            return Literal(value, datatype=datatype)
    raise ValueError(f"expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")


def new_graph() -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


def article_graph(extraction: Extraction, version: str = "") -> tuple[URIRef, Graph]:
    """Everything extracted from one article, as (named graph IRI, graph); ``version`` is the
    extractor version the build records."""
    article = extraction.article
    g = new_graph()
    a = URIRef(article_iri(article.doc_id))
    g.add((a, RDF.type, KGO.NewsArticle))
    g.add((a, KGO.sourcePath, Literal(article.path)))
    if article.sha256:
        g.add((a, KGO.sha256, Literal(article.sha256)))
    if version:
        g.add((a, KGO.extractorVersion, Literal(version)))
    if article.date:
        g.add((a, SDO.datePublished, date_literal(article.date)))
    if article.headline:
        g.add((a, SDO.headline, Literal(article.headline)))
    if article.subtitle:
        g.add((a, SDO.alternativeHeadline, Literal(article.subtitle)))
    by_label = {e.label: e for e in extraction.entities}
    if article.dateline_city:
        city = _entity_for(extraction.entities, article.dateline_city, by_label)
        if city:
            g.add((a, SDO.locationCreated, URIRef(city.iri)))
    if article.agency:
        agency = _entity_for(extraction.entities, article.agency, by_label)
        if agency:
            g.add((a, SDO.publisher, URIRef(agency.iri)))
    for entity in extraction.entities:
        add_entity(g, entity)
        g.add((a, SDO.mentions, URIRef(entity.iri)))
    for fact in extraction.facts:
        add_fact(g, fact, a)
    return URIRef(graph_iri(article.doc_id)), g


def _entity_for(entities, name: str, by_label: dict[str, Entity]) -> Entity | None:
    if name in by_label:
        return by_label[name]
    folded = name.lower()
    for e in entities:
        if folded == e.label.lower() or folded in (x.lower() for x in e.aliases):
            return e
    return None


def add_entity(g: Graph, entity: Entity) -> None:
    node = URIRef(entity.iri)
    g.add((node, RDF.type, KGO[entity.cls]))
    g.add((node, RDFS.label, Literal(entity.label)))
    for alias in entity.aliases:
        g.add((node, SKOS.altLabel, Literal(alias)))
    if entity.iso2:
        g.add((node, KGO.iso2, Literal(entity.iso2)))
    if entity.wikidata:
        g.add((node, KGO.wikidata, WD[entity.wikidata]))
    if entity.parent:
        parent_is_state = "/state/" in entity.parent
        prop = KGO.country if parent_is_state else KGO.subOrganizationOf
        g.add((node, prop, URIRef(entity.parent)))


def role_iri(label: str) -> URIRef:
    return URIRef(f"{ID_NS}role/{slug(label)}")


# kind -> (class, {argument: (property, how)}, direct edges [(subject arg, property, object arg)])
# how: "iri" an entity IRI, "iris" a tuple of IRIs, "date" an ISO date, "str" a plain
# literal, "role" a role label, "year" a tuple of years, "self" the node itself.
FACTS = {
    "post": (KGO.Tenure, {
        "person": (KGO.person, "iri"), "role": (KGO.role, "role"),
        "organization": (KGO.organization, "iri"), "start": (KGO.start, "date"),
        "end": (KGO.end, "date"), "status": (KGO.status, "str"),
    }, [("person", KGO.holdsPostIn, "organization")]),
    "member": (KGO.Membership, {
        "organization": (KGO.organization, "iri"), "state": (KGO.state, "iri"),
        "since": (KGO.since, "date"), "until": (KGO.until, "date"),
        "status": (KGO.status, "str"),
    }, [("state", KGO.memberOf, "organization")]),
    "summit": (KGO.Summit, {
        "summit": (None, "self"), "organization": (KGO.organization, "iri"),
        "place": (KGO.place, "iri"), "date": (KGO.date, "date"),
        "label": (RDFS.label, "str"),
    }, [("summit", KGO.organizedBy, "organization"), ("summit", KGO.heldIn, "place")]),
    "participant": (KGO.Participation, {
        "event": (KGO.event, "iri"), "participant": (KGO.participant, "iri"),
    }, [("participant", KGO.attended, "event")]),
    "agreement": (KGO.Agreement, {
        "document": (None, "self"), "document_kind": (KGO.kind, "str"),
        "date": (KGO.date, "date"), "place": (KGO.place, "iri"), "party": (KGO.party, "iris"),
        "signatory": (KGO.signatory, "iris"), "preparer": (KGO.preparedBy, "iri"),
        "label": (RDFS.label, "str"),
    }, [("signatory", KGO.signed, "document"), ("party", KGO.partyTo, "document")]),
    "chairmanship": (KGO.Chairmanship, {
        "organization": (KGO.organization, "iri"), "state": (KGO.state, "iri"),
        "year": (KGO.year, "year"),
    }, [("state", KGO.chairs, "organization")]),
    "founding": (KGO.Founding, {
        "organization": (KGO.organization, "iri"), "date": (KGO.date, "date"),
        "treaty": (KGO.treaty, "iri"), "treaty_date": (None, "treaty"),
        "treaty_label": (None, "treaty"),
    }, [("organization", KGO.foundedOn, "treaty")]),
    "cooperation": (KGO.Cooperation, {
        "organization": (KGO.organization, "iri"), "partner": (KGO.partner, "iri"),
    }, [("organization", KGO.cooperatesWith, "partner")]),
}


def fact_iri(fact: Fact) -> str:
    """The node of a fact: its own IRI for events and documents, else a key hash."""
    for self_arg in ("summit", "document"):
        if fact.kind in ("summit", "agreement") and fact.get(self_arg):
            return str(fact.get(self_arg))
    key_args = [f"{k}={v}" for k, v in fact.args if k not in ("label",)]
    return node_iri(fact.kind, *key_args)


def add_fact(g: Graph, fact: Fact, article: URIRef) -> URIRef:
    if fact.kind not in FACTS:
        raise ValueError(f"expected a fact kind in {sorted(FACTS)}, got {fact.kind!r}")
    cls, spec, edges = FACTS[fact.kind]
    node = URIRef(fact_iri(fact))
    g.add((node, RDF.type, cls))
    for name, value in fact.args:
        if value in (None, "", ()) or name not in spec:
            continue
        prop, how = spec[name]
        if how in ("self", "treaty"):
            continue
        for obj in _objects(value, how):
            g.add((node, prop, obj))
    if fact.kind == "founding" and fact.get("treaty"):
        treaty = URIRef(str(fact.get("treaty")))
        g.add((treaty, RDF.type, KGO.Agreement))
        g.add((treaty, KGO.kind, Literal("договор")))
        if fact.get("treaty_label"):
            g.add((treaty, RDFS.label, Literal(str(fact.get("treaty_label")))))
        if fact.get("treaty_date"):
            g.add((treaty, KGO.date, date_literal(str(fact.get("treaty_date")))))
        g.add((treaty, PROV.wasDerivedFrom, article))
        g.add((treaty, KGO.evidence, _evidence(g, fact, treaty, article)))
    if fact.kind == "post" and fact.get("role"):
        r = role_iri(str(fact.get("role")))
        g.add((r, RDF.type, KGO.Role))
        g.add((r, RDFS.label, Literal(str(fact.get("role")), lang="ru")))
    for subj_arg, prop, obj_arg in edges:
        if fact.kind == "member" and fact.get("status") not in (None, "member", "suspended"):
            if fact.get("status") in ("observer", "partner"):
                prop = KGO.observerOf
            else:
                continue
        if fact.kind == "post" and fact.get("status") == "former":
            continue
        for s in _iris(fact, subj_arg, node):
            for o in _iris(fact, obj_arg, node):
                g.add((s, prop, o))
    g.add((node, PROV.wasDerivedFrom, article))
    g.add((node, KGO.evidence, _evidence(g, fact, node, article)))
    return node


def _evidence(g: Graph, fact: Fact, node: URIRef, article: URIRef) -> URIRef:
    ev = URIRef(node_iri("evidence", str(node), str(article), str(fact.evidence.start),
                         str(fact.evidence.end), fact.extractor))
    g.add((ev, RDF.type, KGO.Evidence))
    g.add((ev, PROV.wasDerivedFrom, article))
    g.add((ev, KGO.sentence, Literal(fact.evidence.text)))
    g.add((ev, KGO.start, Literal(fact.evidence.start)))
    g.add((ev, KGO.end, Literal(fact.evidence.end)))
    g.add((ev, KGO.extractor, Literal(fact.extractor)))
    return ev


def _iris(fact: Fact, arg: str, node: URIRef) -> list[URIRef]:
    if arg in ("summit", "document"):
        return [node]
    value = fact.get(arg)
    if not value:
        return []
    if isinstance(value, tuple):
        return [URIRef(v) for v in value]
    return [URIRef(str(value))]


def _objects(value, how: str):
    if how == "iri":
        yield URIRef(str(value))
    elif how == "iris":
        for v in value:
            yield URIRef(v)
    elif how == "date":
        yield date_literal(str(value))
    elif how == "year":
        for year in value if isinstance(value, tuple) else (value,):
            yield Literal(str(year), datatype=XSD.gYear)
    elif how == "role":
        yield role_iri(str(value))
    else:
        yield Literal(str(value))
