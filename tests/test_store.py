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
