"""kg analyze: centrality, communities, paths with evidence, timelines, point-in-time views."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from conftest import make_article

from kg.analysis import communities, connection, find, project, ranking
from kg.store import open_store
from kg.timeline import as_of, first_day, held_on, last_day, timeline


@pytest.fixture(scope="module")
def seeds(seeds_build):
    store = open_store(seeds_build / "store", read_only=True)
    return store, project(store)


def test_odkb_ranks_first_on_the_seeds(seeds):
    _, graph = seeds
    ranks = ranking(graph)
    assert ranks[0].label == "ОДКБ"
    assert [r.pagerank for r in ranks] == sorted((r.pagerank for r in ranks), reverse=True)
    assert len(ranks) == graph.number_of_nodes()
    assert ranks[0].degree == max(r.degree for r in ranks)


def test_communities_cover_every_node_once(seeds):
    _, graph = seeds
    found = communities(graph)
    flat = [n for c in found for n in c]
    assert sorted(flat) == sorted(graph.nodes)
    assert len(found) > 1
    assert found == communities(graph)  # the seed makes it repeatable


def test_names_resolve_by_label_alias_or_one_word(seeds):
    _, graph = seeds
    assert graph.nodes[find(graph, "Ермекбаев")]["label"] == "Нурлан Ермекбаев"
    assert graph.nodes[find(graph, "одкб")]["label"] == "ОДКБ"
    with pytest.raises(LookupError, match="no entity"):
        find(graph, "Нетаньяху")


def test_an_ambiguous_name_is_an_error_that_lists_the_candidates():
    g = nx.MultiDiGraph()
    g.add_node("a", label="Сергей Лебедев", cls="Person")
    g.add_node("b", label="Сергей Лавров", cls="Person")
    with pytest.raises(LookupError, match="Сергей Лавров, Сергей Лебедев"):
        find(g, "Сергей")


def test_the_path_from_ermekbaev_to_putin_has_a_sentence_for_every_hop(seeds):
    _, graph = seeds
    a, b = find(graph, "Ермекбаев"), find(graph, "Путин")
    hops = connection(graph, a, b)
    assert len(hops) == nx.shortest_path_length(graph.to_undirected(), a, b)
    chain = {hops[0].source, hops[0].target} & {a}, {hops[-1].source, hops[-1].target} & {b}
    assert chain == ({a}, {b})
    for x, y in zip(hops, hops[1:], strict=False):  # consecutive hops share a node
        assert {x.source, x.target} & {y.source, y.target}
    assert all(h.evidence and h.evidence[0]["sentence"] for h in hops)


def test_unconnected_entities_have_no_path():
    g = nx.MultiDiGraph()
    g.add_node("a", label="A")
    g.add_node("b", label="B")
    with pytest.raises(LookupError, match="not connected"):
        connection(g, "a", "b")


def test_russia_chairs_the_csto_in_june_2026_and_not_in_2025(seeds):
    store, graph = seeds
    csto, russia = find(graph, "ОДКБ"), find(graph, "Россия")
    assert (csto, russia) in as_of(store, "2026-06-01").chairs
    assert (csto, russia) not in as_of(store, "2025-06-01").chairs
    members = {(o, s) for o, s, _ in as_of(store, "2026-06-01").members}
    assert (csto, find(graph, "Армения")) in members
    # posts the articles call current, without dates, count from the article's day on
    holder = find(graph, "Тасмагамбетов")
    assert holder in {p for p, _, _ in as_of(store, "2026-06-01").posts}
    assert holder not in {p for p, _, _ in as_of(store, "2025-06-01").posts}


def test_the_timeline_of_the_csto_is_in_date_order(seeds):
    store, graph = seeds
    events, undated = timeline(store, find(graph, "ОДКБ"))
    kinds = {e.kind for e in events}
    assert {"founding", "summit", "chairmanship"} <= kinds
    days = [first_day(e.date) for e in events]
    assert days == sorted(days)
    assert undated >= 0


def test_periods_take_the_precision_of_their_dates():
    assert (first_day("2025"), last_day("2025")) == ("2025-01-01", "2025-12-31")
    assert (first_day("2025-11"), last_day("2025-11")) == ("2025-11-01", "2025-11-31")
    assert first_day("2025-11-27") == last_day("2025-11-27") == "2025-11-27"


@pytest.mark.parametrize("start, end, status, published, held", [
    ("2020", "2026-01-31", "former", None, True),
    ("2026-02", None, "current", None, False),  # not yet
    ("2019", None, "former", None, False),  # left at some unknown time
    ("2019", None, "current", None, True),
    (None, None, "current", "2025-12-10", True),
    (None, None, "current", "2026-02-01", False),  # said only after that day
    (None, None, "former", "2025-12-10", False),
])
def test_a_post_is_held_on_a_day(start, end, status, published, held):
    assert held_on("2026-01-15", start, end, status, published) is held


def test_posts_and_memberships_as_of_a_day(tmp_path):
    """A post that ended is gone after its end; a post starting later is not there yet; a
    state that left is a member only before it left."""
    from kg.cli import main

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(make_article(
        "Генеральным секретарем ЕАЭС с 1 февраля 2026 года назначен Андрей Иванов. Он сменит "
        "Петра Сидорова, который занимал этот пост с 2020 года. Грузия вышла из ШОС 15 марта "
        "2025 года. На форуме выступил бывший генеральный секретарь ЕАЭС Тигран Саркисян.",
        date="2025-12-10"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out)]) == 0
    store = open_store(out / "store", read_only=True)
    graph = project(store)

    def holders(day):  # Сидоров held the post until Иванов came
        return {graph.nodes[p]["label"] for p, role, _ in as_of(store, day).posts
                if role == "генеральный секретарь"}

    assert holders("2026-01-15") == {"Петр Сидоров"}  # not Саркисян: former, end unknown
    assert holders("2026-03-01") == {"Андрей Иванов"}

    def members(day):
        return {graph.nodes[s]["label"] for _, s, _ in as_of(store, day).members}

    assert "Грузия" in members("2025-03-01")
    assert "Грузия" not in members("2025-04-01")


def test_analyze_command_json_and_errors(seeds_build, capsys):
    from kg.cli import main

    assert main(["analyze", "--store", str(seeds_build), "--format", "json", "--top", "3"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [r["label"] for r in report["central"]][0] == "ОДКБ"
    assert len(report["central"]) == 3
    assert main(["analyze", "--store", str(seeds_build), "--path", "Ермекбаев", "Путин"]) == 0
    text = capsys.readouterr().out
    assert "Нурлан Ермекбаев" in text and "Владимир Путин" in text and "«" in text
    assert main(["analyze", "--store", str(seeds_build), "--as-of", "2026-06-01"]) == 0
    text = capsys.readouterr().out
    chairs = text[text.index("Председательство"):text.index("Членство")]
    assert "ОДКБ" in chairs and "Россия" in chairs
    assert main(["analyze", "--store", str(seeds_build), "--path", "Ермекбаев", "Нетаньяху"]) == 2
    assert "no entity named 'Нетаньяху'" in capsys.readouterr().err
    assert main(["analyze", "--store", str(seeds_build), "--as-of", "1 июня"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_betweenness_of_a_large_graph_is_sampled_with_a_fixed_seed(monkeypatch):
    import kg.analysis

    g = nx.MultiDiGraph()
    for k in range(40):
        g.add_node(f"s{k}", label=f"S{k}", cls="State")
        g.add_edge(f"s{k}", "hub", key="memberOf", relation="memberOf", weight=1)
    g.add_node("hub", label="Hub", cls="InternationalOrganization")
    assert ranking(g)[0].betweenness == 1.0  # exact: every path between states crosses it
    monkeypatch.setattr(kg.analysis, "EXACT_UP_TO", 10)
    monkeypatch.setattr(kg.analysis, "SAMPLE", 5)
    sampled = ranking(g)
    assert sampled == ranking(g)  # the same sample every time
    assert sampled[0].node == "hub" and sampled[0].betweenness > 0
    assert all(r.betweenness == 0 for r in ranking(g, betweenness=False))
