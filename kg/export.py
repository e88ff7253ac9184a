"""``kg export``: the graph in RDF formats (all named graphs), as a network for Gephi
(GraphML, GEXF), or as CSV tables (one per named query)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import BinaryIO

import networkx as nx

from kg.offline import offline

FORMATS = {
    "ttl": "Turtle, all graphs merged", "trig": "TriG, one named graph per article",
    "nquads": "N-Quads, one named graph per article", "jsonld": "JSON-LD, named graphs",
    "graphml": "GraphML (Gephi, yEd)", "gexf": "GEXF (Gephi)",
    "csv": "one CSV file per named query",
}


def export(store, fmt: str) -> dict[str, bytes]:
    """File name -> content. One file, except for csv."""
    out = {}
    for name, write in writers(store, fmt).items():
        buffer = io.BytesIO()
        write(buffer)
        out[name] = buffer.getvalue()
    return out


def writers(store, fmt: str) -> dict[str, Callable[[BinaryIO], None]]:
    """File name -> a function that writes its content to a binary file (the RDF
    formats but JSON-LD stream from the store, however large the graph)."""
    from kg.store import write_nquads, write_trig, write_turtle

    stream = {"ttl": ("graph.ttl", write_turtle), "trig": ("graph.trig", write_trig),
              "nquads": ("graph.nq", write_nquads)}
    if fmt in stream:
        name, write = stream[fmt]
        return {name: lambda fh: write(store, fh)}
    return {name: (lambda fh, content=content: fh.write(content))
            for name, content in _contents(store, fmt).items()}


def _contents(store, fmt: str) -> dict[str, bytes]:
    if fmt == "jsonld":
        return {"graph.jsonld": _jsonld(store)}
    if fmt in ("graphml", "gexf"):
        return {f"graph.{fmt}": _network(store, fmt)}
    if fmt == "csv":
        return _tables(store)
    raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")


def _jsonld(store) -> bytes:
    """Expanded JSON-LD with one @graph per article; no context is fetched or referenced."""
    from rdflib import Dataset

    from kg.store import dump_trig

    data = Dataset()
    with offline():
        data.parse(data=dump_trig(store).decode("utf-8"), format="trig")
    return data.serialize(format="json-ld", indent=1).encode("utf-8")


def flat_network(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The projection with plain attribute values only (what GraphML and GEXF can hold)."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, label=data.get("label", node), cls=data.get("cls", ""),
                      type=data.get("type", ""), aliases="|".join(data.get("aliases", ())))
    for s, o, key, data in graph.edges(keys=True, data=True):
        evidence = data.get("evidence", [])
        flat.add_edge(s, o, key=key, label=data.get("relation", ""),
                      relation=data.get("relation", ""), weight=int(data.get("weight", 1)),
                      sentence=evidence[0]["sentence"] if evidence else "",
                      evidence=json.dumps(evidence, ensure_ascii=False))
    return flat


def _network(store, fmt: str) -> bytes:
    from kg.analysis import project

    flat = flat_network(project(store))
    out = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat, out, encoding="utf-8")
    else:
        nx.write_gexf(flat, out, encoding="utf-8")
    return out.getvalue()


def _tables(store) -> dict[str, bytes]:
    from kg.queries import named_queries, to_csv
    from kg.store import select

    return {f"{name}.csv": to_csv(select(store, path.read_text(encoding="utf-8")))
            .encode("utf-8") for name, path in named_queries().items()}
