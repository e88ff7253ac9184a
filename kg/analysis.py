"""The graph as NetworkX: entities as nodes, direct relations as typed edges.

Each edge carries the number of articles that support it (``weight``) and the
evidence (sentence, article, headline, date) behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from pyoxigraph import NamedNode

from kg.iri import ONTOLOGY_NS
from kg.phrases import fold
from kg.store import select

ENTITY_CLASSES = {
    "Person": "PER", "State": "LOC", "City": "LOC", "Location": "LOC",
    "Organization": "ORG", "InternationalOrganization": "ORG", "OrganizationBody": "ORG",
    "MediaOrganization": "ORG", "GovernmentBody": "ORG", "Company": "ORG",
    "PoliticalParty": "ORG", "Summit": "EVENT", "Agreement": "DOC",
}

DIRECT = ("holdsPostIn", "memberOf", "observerOf", "chairs", "attended", "signed", "partyTo",
          "foundedOn", "cooperatesWith", "heldIn", "organizedBy", "subOrganizationOf", "country")

# plain scans joined in Python (stores built before the default graph held the union
# repeat an entity's triples once per article, and a join in SPARQL multiplies them)
_TYPES = """
SELECT DISTINCT ?node ?class WHERE {
  VALUES ?c { %s } ?node a ?c BIND (STRAFTER(STR(?c), STR(kgo:)) AS ?class)
}
"""
_LABELS = "SELECT DISTINCT ?node ?label WHERE { ?node rdfs:label ?label }"
_ALIASES = "SELECT DISTINCT ?node ?alias WHERE { ?node skos:altLabel ?alias }"

_EDGES = """
SELECT DISTINCT ?s ?p ?o ?g WHERE {
  VALUES ?prop { %s } GRAPH ?g { ?s ?prop ?o } BIND (STRAFTER(STR(?prop), STR(kgo:)) AS ?p)
}
"""

_EVIDENCE = """
SELECT ?g ?f ?x ?sentence ?article WHERE {
  GRAPH ?g { ?f kgo:evidence ?ev . ?ev kgo:sentence ?sentence ; prov:wasDerivedFrom ?article .
             ?f ?link ?x . FILTER (isIRI(?x) && ?link != kgo:evidence && ?link != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) }
}
"""

_ARTICLES = """
SELECT ?article ?headline ?date WHERE {
  { SELECT DISTINCT ?article WHERE { ?ev prov:wasDerivedFrom ?article } }
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?article schema:datePublished ?date }
}
"""

EVIDENCE_PER_EDGE = 5  # sentences kept on one edge


def project(store) -> nx.MultiDiGraph:
    """Entities, summits and documents as nodes; direct relations as weighted edges."""
    graph = nx.MultiDiGraph()
    classes = " ".join(f"kgo:{c}" for c in ENTITY_CLASSES)
    types = dict(sorted(select(store, _TYPES % classes).rows, reverse=True))
    labels: dict[str, str] = {}
    for node, label in sorted(select(store, _LABELS).rows):
        if node in types:
            labels.setdefault(node, label)
    aliases: dict[str, list[str]] = {}
    for node, alias in sorted(select(store, _ALIASES).rows):
        if node in labels:
            aliases.setdefault(node, []).append(alias)
    for node, label in labels.items():
        cls = types[node]
        graph.add_node(node, label=label, cls=cls, type=ENTITY_CLASSES[cls],
                       aliases=tuple(aliases.get(node, ())))
    props = " ".join(f"kgo:{p}" for p in DIRECT)
    edges: dict[tuple[str, str, str], set[str]] = {}
    for s, p, o, g in select(store, _EDGES % props).rows:
        if s in graph and o in graph:
            edges.setdefault((s, p, o), set()).add(g)
    # the evidence of an edge: the sentences of the facts that name both its ends in
    # one of its graphs, the graphs in IRI order; read a graph at a time, so that memory
    # does not grow with the store (every sentence of every graph would be held otherwise)
    articles = {a: (h, d) for a, h, d in select(store, _ARTICLES).rows}
    evidence: dict[tuple[str, str, str], list[dict]] = {key: [] for key in edges}
    in_graph: dict[str, list[tuple[str, str, str]]] = {}
    for key, graphs in sorted(edges.items()):
        for g in graphs:
            in_graph.setdefault(g, []).append(key)
    for g in sorted(in_graph):
        wanting = [key for key in in_graph[g] if len(evidence[key]) < EVIDENCE_PER_EDGE]
        if wanting:
            _add_evidence(store, g, wanting, evidence, articles)
    for (s, p, o), graphs in sorted(edges.items()):
        graph.add_edge(s, o, key=p, relation=p, weight=len(graphs),
                       evidence=evidence[(s, p, o)])
    return graph


def _add_evidence(store, g: str, keys: list[tuple[str, str, str]],
                  evidence: dict[tuple[str, str, str], list[dict]],
                  articles: dict[str, tuple]) -> None:
    """Append graph g's sentences to the evidence of each edge in keys (at most
    EVIDENCE_PER_EDGE per edge)."""
    links: dict[str, set[str]] = {}  # each evidenced fact node -> itself and what it names
    said: dict[str, set[tuple[str, str]]] = {}
    for _, f, x, sentence, article in select(store, _EVIDENCE, {"g": NamedNode(g)}).rows:
        links.setdefault(f, {f}).add(x)
        said.setdefault(f, set()).add((sentence, article))
    by_node: dict[str, set[str]] = {}  # node -> the facts naming it
    for f, nodes in links.items():
        for node in nodes:
            by_node.setdefault(node, set()).add(f)
    for s, p, o in keys:
        found = evidence[(s, p, o)]
        for f in sorted(by_node.get(s, set()) & by_node.get(o, set())):
            for sentence, article in sorted(said[f]):
                headline, date = articles.get(article, (None, None))
                item = {"sentence": sentence, "headline": headline, "date": date, "graph": g}
                if len(found) < EVIDENCE_PER_EDGE and item not in found:
                    found.append(item)


def weighted(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph: one edge per pair, the support of its relations summed."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for s, o, data in graph.edges(data=True):
        if s == o:
            continue
        before = simple.get_edge_data(s, o, {}).get("weight", 0)
        simple.add_edge(s, o, weight=before + data.get("weight", 1))
    return simple


EXACT_UP_TO = 1000  # nodes up to which betweenness is computed exactly
SAMPLE = 200  # sources sampled for betweenness above that


@dataclass(frozen=True)
class Rank:
    node: str
    label: str
    cls: str
    degree: int
    betweenness: float
    pagerank: float


def ranking(graph: nx.MultiDiGraph, betweenness: bool = True) -> list[Rank]:
    """Every node with its degree, betweenness and PageRank, by PageRank first
    (``betweenness=False``: zero betweenness, for callers that only need the order)."""
    simple = weighted(graph)
    if simple.number_of_nodes() == 0:
        return []
    pagerank = nx.pagerank(simple, weight="weight") if simple.number_of_edges() else \
        {n: 1 / simple.number_of_nodes() for n in simple}
    n = simple.number_of_nodes()
    # exact betweenness is O(nodes x edges); above EXACT_UP_TO nodes it is estimated from a
    # fixed sample of sources (same seed, same figures)
    between = nx.betweenness_centrality(simple, k=None if n <= EXACT_UP_TO else SAMPLE,
                                        seed=0) if betweenness else dict.fromkeys(simple, 0.0)
    ranks = [Rank(n, simple.nodes[n].get("label", n), simple.nodes[n].get("cls", ""),
                  simple.degree(n), round(between[n], 4), round(pagerank[n], 4))
             for n in simple]
    return sorted(ranks, key=lambda r: (-r.pagerank, -r.degree, r.label))


def communities(graph: nx.MultiDiGraph, seed: int = 0) -> list[list[str]]:
    """Louvain communities (fixed seed), largest first; each a list of node IRIs."""
    simple = weighted(graph)
    if simple.number_of_edges() == 0:
        return [[n] for n in sorted(simple)]
    found = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))


def find(graph: nx.MultiDiGraph, name: str) -> str:
    """The node a user means by ``name``: its label or an alias, else a node one of whose
    words is ``name`` ("Ермекбаев"). LookupError when none or several fit."""
    want = fold(name.strip())
    exact, words = [], []
    for node, data in graph.nodes(data=True):
        names = [data.get("label", "")] + list(data.get("aliases", ()))
        if node == name or any(fold(n) == want for n in names):
            exact.append(node)
        elif any(want in fold(n).replace("-", " ").split() for n in names):
            words.append(node)
    found = exact or words
    if len(found) == 1:
        return found[0]
    if not found:
        raise LookupError(f"no entity named {name!r} in the graph")
    labels = ", ".join(sorted(graph.nodes[n].get("label", n) for n in found))
    raise LookupError(f"{name!r} names several entities: {labels}; give the full name")


@dataclass(frozen=True)
class Hop:
    """One edge of a connection, in the direction it is stated in the graph."""

    source: str
    relation: str
    target: str
    weight: int
    evidence: tuple[dict, ...]


def connection(graph: nx.MultiDiGraph, a: str, b: str) -> list[Hop]:
    """The shortest chain of relations between two nodes (fewest hops; the best supported
    relation for each hop). LookupError when they are not connected."""
    simple = weighted(graph)
    try:
        nodes = nx.shortest_path(simple, a, b)
    except nx.NetworkXNoPath:
        raise LookupError("the two entities are not connected in the graph") from None
    hops = []
    for x, y in zip(nodes, nodes[1:], strict=False):
        options = [(x, y, d) for d in (graph.get_edge_data(x, y) or {}).values()]
        options += [(y, x, d) for d in (graph.get_edge_data(y, x) or {}).values()]
        s, o, data = max(options, key=lambda e: (e[2].get("weight", 1), e[2]["relation"]))
        hops.append(Hop(s, data["relation"], o, data.get("weight", 1),
                        tuple(data.get("evidence", ()))))
    return hops


__all__ = ["project", "weighted", "ranking", "communities", "find", "connection", "Rank", "Hop",
           "ONTOLOGY_NS"]
