"""graph.html works offline and shows article text as text."""

from __future__ import annotations

import re

import networkx as nx

from kg.viz import to_html, to_network


def test_seeds_html_is_offline(seeds_build):
    page = (seeds_build / "graph.html").read_text(encoding="utf-8")
    assert "vis.Network" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page)
    assert "cdnjs" not in page and "jsdelivr" not in page


def test_hostile_text_is_escaped():
    g = nx.MultiDiGraph()
    evil = '<img src=x onerror=alert(1)><script>alert(2)</script>'
    g.add_node("a", label=evil, cls="Person", aliases=(evil,))
    g.add_node("b", label="ОДКБ", cls="InternationalOrganization", aliases=())
    g.add_edge("a", "b", key="holdsPostIn", relation="holdsPostIn", weight=1,
               evidence=[{"sentence": evil, "headline": evil, "date": "2025"}])
    page = to_html(to_network(g), title=evil, note=evil)
    assert "<img src=x" not in page
    assert "<script>alert" not in page
    data = page[page.index('id="data">'):]
    assert "\\u003cimg src=x" in data[:data.index("</script>")]


def _star(n: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("hub", label="ОДКБ", cls="InternationalOrganization", aliases=())
    for k in range(n):
        g.add_node(f"s{k}", label=f"Государство {k}", cls="State", aliases=())
        g.add_edge(f"s{k}", "hub", key="memberOf", relation="memberOf", weight=1, evidence=[])
        if k:
            g.add_edge(f"s{k}", f"s{k - 1}", key="cooperatesWith", relation="cooperatesWith",
                       weight=1, evidence=[])
    return g


def test_a_large_graph_is_cut_to_its_central_part_and_says_so():
    from kg.viz import DEFAULT_CAP, select_view

    g = _star(DEFAULT_CAP + 50)
    view, note = select_view(g)
    assert view.number_of_nodes() == DEFAULT_CAP
    assert "hub" in view
    assert f"{DEFAULT_CAP} из {g.number_of_nodes()} узлов" in note and "не показаны" in note
    small, note = select_view(_star(5))
    assert small.number_of_nodes() == 6 and "не показаны" not in note


def test_top_and_focus_choose_what_is_drawn():
    from kg.viz import select_view

    g = _star(30)
    view, _ = select_view(g, top=5)
    assert view.number_of_nodes() == 5 and "hub" in view
    view, note = select_view(g, focus="s10", depth=1)
    assert set(view) == {"s9", "s10", "s11", "hub"}
    assert "Государство 10" in note


def test_big_pictures_come_laid_out_with_physics_off():
    import json

    from kg.viz import LAYOUT_ABOVE, to_network

    net = to_network(_star(LAYOUT_ABOVE + 10))
    nodes, *_rest, options = net.get_network_data()
    options = json.loads(options) if isinstance(options, str) else options
    assert options["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in nodes)
    net = to_network(_star(10))
    assert json.loads(net.get_network_data()[-1])["physics"]["enabled"] is True


def test_nodes_are_painted_in_the_colours_of_the_legend():
    import json

    from kg.viz import STYLE, to_network

    nodes, *_rest, options = to_network(_star(3)).get_network_data()
    groups = json.loads(options)["groups"] if isinstance(options, str) else options["groups"]
    for node in nodes:
        colour, shape = STYLE[node["group"]]
        # pyvis drops a node's own colour when it has a group: the group's colour is used
        assert node.get("color", colour) == groups[node["group"]]["color"] == colour
        assert groups[node["group"]]["shape"] == shape
