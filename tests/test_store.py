"""Named graphs: rebuilding gives the same graph; a changed article replaces only its own."""

from __future__ import annotations

from pathlib import Path

from kg.iri import graph_iri
from kg.pipeline import build
from kg.store import ONTOLOGY_GRAPH, article_quads, open_store, select


def quads_by_graph(store_dir: Path) -> dict[str, set]:
    store = open_store(store_dir, read_only=True)
    out: dict[str, set] = {}
    for q in article_quads(store):
        out.setdefault(q.graph_name.value, set()).add(q.triple)
    return out


def test_rebuild_is_identical_and_change_replaces_one_graph(ctx, seeds_copy, tmp_path):
    store_dir = tmp_path / "store"
    build([seeds_copy], store_dir, ctx)
    before = quads_by_graph(store_dir)
    assert set(before) == {graph_iri(p.stem) for p in seeds_copy.glob("*.txt")}

    build([seeds_copy], store_dir, ctx)
    assert quads_by_graph(store_dir) == before

    changed = sorted(seeds_copy.glob("*.txt"))[0]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("Тасмагамбетов", "Иванов"), encoding="utf-8")
    build([seeds_copy], store_dir, ctx)
    after = quads_by_graph(store_dir)
    g_changed = graph_iri(changed.stem)
    for g in before:
        if g != g_changed:
            assert after[g] == before[g]
    assert after[g_changed] != before[g_changed]
    labels = {str(t.object.value) for t in after[g_changed]}
    assert not any("Тасмагамбетов" in v for v in labels)
    assert any("Иванов" in v for v in labels)


def test_store_persists_and_queries_the_union(ctx, seeds_copy, tmp_path):
    store_dir = tmp_path / "store"
    build([seeds_copy], store_dir, ctx)
    store = open_store(store_dir, read_only=True)
    graphs = {g.value for g in store.named_graphs()}
    assert ONTOLOGY_GRAPH in graphs and len(graphs) == 3
    result = select(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kgo:NewsArticle }")
    assert result.rows == (("2",),)


def test_query_bindings_are_values_not_text(ctx, seeds_copy, tmp_path):
    store_dir = tmp_path / "store"
    build([seeds_copy], store_dir, ctx)
    store = open_store(store_dir, read_only=True)
    query = "SELECT DISTINCT ?e ?name WHERE { ?e rdfs:label ?name }"  # bound variables are selected
    assert len(select(store, query, {"name": "Россия"}).rows) == 1
    hostile = 'zzz") || true || CONTAINS("", "'
    assert select(store, query, {"name": hostile}).rows == ()


def default_and_union(store_dir: Path) -> tuple[set, set]:
    import pyoxigraph as ox

    store = open_store(store_dir, read_only=True)
    default = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    union = {q.triple for g in store.named_graphs()
             for q in store.quads_for_pattern(None, None, None, g)}
    return default, union


def test_the_default_graph_is_the_union_after_adds_replacements_and_removals(ctx, seeds_copy,
                                                                            tmp_path):
    store_dir = tmp_path / "store"
    twin = seeds_copy / "twin.txt"
    first = sorted(seeds_copy.glob("*.txt"))[0]
    twin.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")  # shares every triple
    build([seeds_copy], store_dir, ctx)
    default, union = default_and_union(store_dir)
    assert default == union and len(default) > 300

    first.write_text(first.read_text(encoding="utf-8").replace("Тасмагамбетов", "Иванов"),
                     encoding="utf-8")
    build([seeds_copy], store_dir, ctx)
    default, union = default_and_union(store_dir)
    assert default == union
    labels = {t.object.value for t in default}
    assert any("Тасмагамбетов" in v for v in labels)  # the twin still says it
    assert any("Иванов" in v for v in labels)

    twin.unlink()
    build([seeds_copy], store_dir, ctx, prune=True)
    default, union = default_and_union(store_dir)
    assert default == union
    assert not any("Тасмагамбетов" in t.object.value for t in default)
    store = open_store(store_dir, read_only=True)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?o }"
    assert int(select(store, count).rows[0][0]) == sum(
        1 for t in default if t.predicate.value.endswith("#label"))  # each triple once


def test_a_read_only_open_that_meets_a_build_compacting_retries_then_says_busy(
        ctx, seeds_copy, tmp_path, monkeypatch):
    import pytest
    import pyoxigraph as ox

    import kg.store
    from kg.store import StoreError

    store_dir = tmp_path / "store"
    build([seeds_copy], store_dir, ctx)
    real, calls = ox.Store.read_only, []

    def vanishing(path, fail=1):
        calls.append(path)
        if len(calls) <= fail:
            raise RuntimeError("Corruption: IO error: No such file or directory: 000045.sst")
        return real(path)

    monkeypatch.setattr(kg.store.time, "sleep", lambda s: None)
    monkeypatch.setattr(kg.store.ox.Store, "read_only", staticmethod(vanishing))
    store = open_store(store_dir, read_only=True)
    assert int(select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]) > 0
    assert len(calls) == 2  # failed once, then opened
    monkeypatch.setattr(kg.store.ox.Store, "read_only",
                        staticmethod(lambda path: vanishing(path, fail=10**6)))
    with pytest.raises(StoreError, match="busy"):
        open_store(store_dir, read_only=True)


def _ordered_store():
    import pyoxigraph as ox

    store = ox.Store()
    ex = "https://example.org/"
    rows = [("a", 10, "x"), ("b", 9, "y"), ("c", 100, None), ("d", 9, "w")]
    for name, number, tag in rows:
        s = ox.NamedNode(ex + name)
        store.add(ox.Quad(s, ox.NamedNode(ex + "n"), ox.Literal(str(number), datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer"))))
        if tag:
            store.add(ox.Quad(s, ox.NamedNode(ex + "tag"), ox.Literal(tag)))
    return store


HEAD = "SELECT ?s ?n ?tag WHERE { ?s <https://example.org/n> ?n " \
       "OPTIONAL { ?s <https://example.org/tag> ?tag } }"


def test_a_final_order_by_is_done_here_with_sparql_order():
    from kg.store import trailing_order

    store = _ordered_store()
    assert trailing_order(HEAD + " ORDER BY ?n DESC(?tag)\n")[0] == (("n", False), ("tag", True))
    # numbers by value, ties by the next key (descending), unbound first
    rows = select(store, HEAD + " ORDER BY ?n DESC(?tag)").rows
    assert [r[0].rsplit("/", 1)[1] for r in rows] == ["b", "d", "a", "c"]
    rows = select(store, HEAD + " ORDER BY ?tag").rows
    assert [r[2] for r in rows] == [None, "w", "x", "y"]
    # the same answer as Oxigraph's own ORDER BY (where the keys leave no ties)
    for order in ("?n ?s", "DESC(?n) ?s", "?tag ?s", "DESC(?tag)"):
        query = HEAD + " ORDER BY " + order
        own = [tuple(t.value if t is not None else None for t in row)
               for row in store.query(query)]
        assert list(select(store, query).rows) == own, order


def test_an_order_by_the_engine_must_do_is_left_to_it():
    from kg.store import trailing_order

    store = _ordered_store()
    # a variable not selected, a LIMIT after it, an ORDER BY inside a subquery
    unselected = ("SELECT ?s WHERE { ?s <https://example.org/n> ?n } ORDER BY DESC(?n)")
    assert [r[0][-1] for r in select(store, unselected).rows][:2] == ["c", "a"]
    assert trailing_order(HEAD + " ORDER BY ?n LIMIT 2")[0] == ()
    limited = select(store, HEAD + " ORDER BY DESC(?n) LIMIT 2").rows
    assert [r[1] for r in limited] == ["100", "10"]
    inner = "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s } }"
    assert trailing_order(inner) == ((), inner)
