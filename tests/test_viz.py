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
