"""Nothing executed, nothing fetched: hostile names, federated queries, remote contexts."""

from __future__ import annotations

import socket
import threading

import pytest
from rdflib import Dataset, Graph

from kg.cli import main
from kg.federation import uses_service
from kg.offline import NetworkBlocked, offline

HOSTILE = 'zzz") || true || CONTAINS("", "'


@pytest.fixture
def listener():
    """A local TCP port that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)
    hits = []

    def accept():
        try:
            conn, _ = server.accept()
            hits.append(conn)
        except OSError:
            pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    thread.join(2)
    server.close()


def test_a_hostile_entity_name_finds_nothing_and_runs_nothing(seeds_build, capsys):
    store = str(seeds_build)
    for args in (["analyze", "--store", store, "--timeline", HOSTILE],
                 ["analyze", "--store", store, "--path", HOSTILE, "ОДКБ"],
                 ["viz", "--store", store, "--out", str(seeds_build / "h.html"),
                  "--focus", HOSTILE]):
        code = main(args)
        captured = capsys.readouterr()
        assert code != 0, args
        assert "no entity named" in captured.err and captured.out == ""
    assert not (seeds_build / "h.html").exists()


def test_kg_query_refuses_service(seeds_build, capsys, listener):
    port, hits = listener
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    assert main(["query", "--store", str(seeds_build), query]) == 2
    assert "SERVICE" in capsys.readouterr().err
    assert hits == []


@pytest.mark.parametrize("query, expected", [
    ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
    ("select * { service silent <http://x/> { ?s ?p ?o } }", True),
    ("SELECT * {\n  SERVICE\t?endpoint { ?s ?p ?o } }", True),
    ('SELECT * { ?s ?p "SERVICE <http://x/>" }', False),
    ("SELECT * { ?s <http://x/SERVICE> ?o } # SERVICE <http://x/>", False),
    ("SELECT ?service { ?service ex:service ?o ; ex:SERVICE _:service }", False),
    ("SELECT * { ?s ?p '''a\nSERVICE <http://x/> {}''' }", False),
])
def test_service_is_spotted_outside_strings_iris_and_names(query, expected):
    assert uses_service(query) is expected


def test_rdflib_parsing_fetches_no_remote_jsonld_context(listener):
    port, hits = listener
    doc = ('{"@context": "http://127.0.0.1:%d/context.jsonld", "@id": "http://x/a", '
           '"name": "a"}' % port)
    with offline(), pytest.raises(NetworkBlocked):
        Graph().parse(data=doc, format="json-ld")
    assert hits == []


def test_rdflib_sparql_follows_no_service_inside_offline(listener):
    port, hits = listener
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    with offline(), pytest.raises(NetworkBlocked):
        list(Dataset().query(query))
    assert hits == []


def test_offline_ends_with_its_block(listener):
    port, hits = listener
    with offline(), pytest.raises(NetworkBlocked):
        socket.create_connection(("127.0.0.1", port), timeout=1)
    socket.create_connection(("127.0.0.1", port), timeout=1).close()  # allowed again
