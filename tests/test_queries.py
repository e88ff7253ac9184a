"""The named queries of the contract exist with exactly the contract's variables."""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg.queries import named_queries, resolve_query, to_csv
from kg.store import Result

CONTRACT = {
    "entities": ["entity", "type", "label"],
    "posts": ["person", "role", "organization", "start", "end"],
    "members": ["organization", "state", "since", "until"],
    "chairmanships": ["organization", "state", "year"],
    "summits": ["summit", "organization", "place", "date"],
    "participants": ["event", "participant"],
    "agreements": ["document", "kind", "date", "party", "signatory"],
    "founding": ["organization", "date", "treaty"],
}


@pytest.mark.parametrize("name, variables", sorted(CONTRACT.items()))
def test_named_query_variables(name, variables):
    path = named_queries()[name]
    query = prepareQuery(path.read_text(encoding="utf-8"))
    assert [str(v) for v in query.algebra["PV"]] == variables


@pytest.mark.parametrize("name, variables", sorted(CONTRACT.items()))
def test_named_query_runs_on_the_store(seeds_build, name, variables):
    from kg.store import open_store, select

    result = select(open_store(seeds_build / "store", read_only=True),
                    resolve_query(name))
    assert list(result.variables) == variables


def test_resolve_query_forms(tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?x WHERE { ?x ?p ?o }", encoding="utf-8")
    assert "SELECT ?x" in resolve_query(str(rq))
    assert "kgo:Tenure" in resolve_query("posts")
    assert resolve_query("SELECT * WHERE { ?s ?p ?o }").startswith("SELECT")
    with pytest.raises(ValueError, match="named query"):
        resolve_query("no-such-query")


def test_csv_format():
    result = Result(("a", "b"), (("http://x/1", None), ("текст, с запятой", "2025-09")))
    assert to_csv(result) == 'a,b\nhttp://x/1,\n"текст, с запятой",2025-09\n'
