"""kg export: every format reads back with the same content."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from kg.analysis import project
from kg.export import export
from kg.queries import named_queries
from kg.store import article_quads, open_store


@pytest.fixture(scope="module")
def store(seeds_build):
    return open_store(seeds_build / "store", read_only=True)


def test_rdf_formats_hold_every_quad(store):
    quads = list(article_quads(store))
    triples = {q.triple for q in quads}
    ttl = Graph().parse(data=export(store, "ttl")["graph.ttl"].decode("utf-8"), format="turtle")
    assert len(ttl) == len(triples)
    for fmt, name, rdf in (("trig", "graph.trig", ox.RdfFormat.TRIG),
                           ("nquads", "graph.nq", ox.RdfFormat.N_QUADS)):
        back = list(ox.parse(io.BytesIO(export(store, fmt)[name]), format=rdf))
        assert len(back) == len(quads)
        assert {str(q.graph_name) for q in back} == {str(q.graph_name) for q in quads}


def test_jsonld_keeps_the_named_graphs(store):
    data = Dataset()
    data.parse(data=export(store, "jsonld")["graph.jsonld"].decode("utf-8"), format="json-ld")
    assert sum(1 for _ in data.quads()) == sum(1 for _ in article_quads(store))
    names = {str(g.identifier) for g in data.graphs()}
    assert {q.graph_name.value for q in article_quads(store)} <= names


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_formats_open_with_labels_and_evidence(store, fmt, read, tmp_path):
    path = tmp_path / f"g.{fmt}"
    path.write_bytes(export(store, fmt)[f"graph.{fmt}"])
    back = read(path)
    graph = project(store)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    labels = {d["label"] for _, d in back.nodes(data=True)}
    assert "ОДКБ" in labels
    assert any(d.get("sentence") for _, _, d in back.edges(data=True))


def test_csv_is_one_table_per_named_query(store):
    files = export(store, "csv")
    assert set(files) == {f"{name}.csv" for name in named_queries()}
    rows = list(csv.reader(io.StringIO(files["posts.csv"].decode("utf-8"))))
    assert rows[0] == ["person", "role", "organization", "start", "end"]
    assert len(rows) > 1


def test_export_command_writes_files_and_refuses_csv_to_stdout(seeds_build, tmp_path, capsys):
    from kg.cli import main

    assert main(["export", "--store", str(seeds_build), "--format", "gexf",
                 "--out", str(tmp_path / "g.gexf")]) == 0
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() > 10
    assert main(["export", "--store", str(seeds_build), "--format", "csv",
                 "--out", str(tmp_path / "tables")]) == 0
    assert (tmp_path / "tables" / "members.csv").is_file()
    assert main(["export", "--store", str(seeds_build), "--format", "csv"]) == 2
    assert "--out FOLDER" in capsys.readouterr().err
