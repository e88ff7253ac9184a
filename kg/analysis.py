"""The graph as NetworkX: entities as nodes, direct relations as typed edges.

Each edge carries the number of articles that support it (``weight``) and the
evidence (sentence, article, headline, date) behind it.
"""

from __future__ import annotations

import networkx as nx

from kg.iri import ONTOLOGY_NS
from kg.store import select

ENTITY_CLASSES = {
    "Person": "PER", "State": "LOC", "City": "LOC", "Location": "LOC",
    "Organization": "ORG", "InternationalOrganization": "ORG", "OrganizationBody": "ORG",
    "MediaOrganization": "ORG", "GovernmentBody": "ORG", "Company": "ORG",
    "PoliticalParty": "ORG", "Summit": "EVENT", "Agreement": "DOC",
}

DIRECT = ("holdsPostIn", "memberOf", "observerOf", "chairs", "attended", "signed", "partyTo",
          "foundedOn", "cooperatesWith", "heldIn", "organizedBy", "subOrganizationOf", "country")

_NODES = """
SELECT ?node ?class ?label (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases) WHERE {
  ?node a ?c ; rdfs:label ?label .
  BIND (STRAFTER(STR(?c), STR(kgo:)) AS ?class)
  FILTER (?class IN (%s))
  OPTIONAL { ?node skos:altLabel ?alias }
} GROUP BY ?node ?class ?label
"""

_EDGES = """
SELECT ?s ?p ?o ?g ?sentence ?headline ?date WHERE {
  GRAPH ?g { ?s ?prop ?o .
    OPTIONAL {
      { ?f kgo:evidence ?ev . ?f ?p1 ?s . ?f ?p2 ?o . }
      UNION { ?s kgo:evidence ?ev . BIND (?s AS ?f) }
      UNION { ?o kgo:evidence ?ev . BIND (?o AS ?f) }
      ?ev kgo:sentence ?sentence ; prov:wasDerivedFrom ?article .
      OPTIONAL { ?article schema:headline ?headline }
      OPTIONAL { ?article schema:datePublished ?date }
    }
  }
  BIND (STRAFTER(STR(?prop), STR(kgo:)) AS ?p)
  FILTER (?p IN (%s))
}
"""


def project(store) -> nx.MultiDiGraph:
    """Entities, summits and documents as nodes; direct relations as weighted edges."""
    graph = nx.MultiDiGraph()
    classes = ", ".join(f'"{c}"' for c in ENTITY_CLASSES)
    for node, cls, label, aliases in select(store, _NODES % classes).rows:
        graph.add_node(node, label=label, cls=cls, type=ENTITY_CLASSES[cls],
                       aliases=tuple(a for a in (aliases or "").split("|") if a))
    props = ", ".join(f'"{p}"' for p in DIRECT)
    support: dict[tuple[str, str, str], dict] = {}
    for s, p, o, g, sentence, headline, date in select(store, _EDGES % props).rows:
        if s not in graph or o not in graph:
            continue
        edge = support.setdefault((s, p, o), {"articles": set(), "evidence": []})
        edge["articles"].add(g)
        if sentence and len(edge["evidence"]) < 5:
            item = {"sentence": sentence, "headline": headline, "date": date, "graph": g}
            if item not in edge["evidence"]:
                edge["evidence"].append(item)
    for (s, p, o), edge in sorted(support.items()):
        graph.add_edge(s, o, key=p, relation=p, weight=len(edge["articles"]),
                       evidence=edge["evidence"])
    return graph


__all__ = ["project", "ONTOLOGY_NS"]
