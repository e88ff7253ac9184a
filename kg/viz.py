"""NetworkX -> pyvis Network, and the Network -> a self-contained HTML page.

The page inlines vis-network from the pyvis package (no CDN, works offline).
Article text reaches the page only as JSON data inside a script element with
``<`` escaped, and vis-network shows tooltips as text, so markup in an article
is shown, never run.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import networkx as nx

STYLE = {  # class -> (colour, shape)
    "Person": ("#e8a33d", "dot"),
    "State": ("#4a90d9", "square"),
    "City": ("#7fb3e6", "triangle"),
    "Location": ("#9cc3e8", "triangle"),
    "InternationalOrganization": ("#c0392b", "diamond"),
    "OrganizationBody": ("#e07a6f", "diamond"),
    "Organization": ("#a569bd", "diamond"),
    "MediaOrganization": ("#7f8c8d", "diamond"),
    "GovernmentBody": ("#8e44ad", "diamond"),
    "Company": ("#16a085", "diamond"),
    "PoliticalParty": ("#d35400", "diamond"),
    "Summit": ("#27ae60", "star"),
    "Agreement": ("#f7dc6f", "box"),
}


DEFAULT_CAP = 150  # nodes in the default picture; more and the picture stops being readable
LAYOUT_ABOVE = 200  # nodes above which positions are computed here and physics is off


def select_view(graph: nx.MultiDiGraph, top: int | None = None, focus: str | None = None,
                depth: int = 1) -> tuple[nx.MultiDiGraph, str]:
    """The part of the graph to draw and a note that says what was left out: the
    neighbourhood of ``focus`` within ``depth`` hops, else the ``top`` most central nodes,
    else everything up to DEFAULT_CAP nodes (the most central)."""
    from kg.analysis import ranking

    total_nodes, total_edges = graph.number_of_nodes(), graph.number_of_edges()
    if focus is not None:
        near = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), focus,
                                                     cutoff=max(0, depth))
        keep = set(near)
        how = f"окрестность «{graph.nodes[focus].get('label', focus)}», {depth} шаг(а)"
    else:
        limit = top if top is not None else DEFAULT_CAP
        if total_nodes <= limit:
            return graph, f"{total_nodes} узлов, {total_edges} связей"
        keep = {r.node for r in ranking(graph, betweenness=False)[:max(0, limit)]}
        how = f"{len(keep)} самых центральных узлов"
    view = graph.subgraph(keep).copy()
    note = (f"{view.number_of_nodes()} из {total_nodes} узлов, {view.number_of_edges()} из "
            f"{total_edges} связей ({how}; остальные не показаны)")
    return view, note


def render(graph: nx.MultiDiGraph, title: str, note: str) -> str:
    """The picture of ``graph`` as one self-contained HTML page."""
    return to_html(to_network(graph), title, note)


def to_network(graph: nx.MultiDiGraph):
    """A pyvis Network with colours and shapes by class and tooltips with evidence."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="local")
    fixed = graph.number_of_nodes() > LAYOUT_ABOVE
    positions = nx.spring_layout(nx.Graph(graph), seed=0, scale=60 * graph.number_of_nodes()
                                 ** 0.5) if fixed else {}
    for node, data in graph.nodes(data=True):
        colour, shape = STYLE.get(data.get("cls", ""), ("#95a5a6", "dot"))
        aliases = ", ".join(data.get("aliases", ()))
        title = f"{data.get('label', node)}\n{data.get('cls', '')}"
        if aliases:
            title += f"\nтакже: {aliases}"
        net.add_node(node, label=data.get("label", node), title=title, color=colour,
                     shape=shape, group=data.get("cls", ""),
                     size=12 + 3 * min(graph.degree(node), 10),
                     **({"x": float(positions[node][0]), "y": float(positions[node][1])}
                        if fixed else {}))
    for s, o, data in graph.edges(data=True):
        lines = [data.get("relation", "")]
        for ev in data.get("evidence", []):
            source = f"{ev.get('headline') or ''} ({ev.get('date') or ''})"
            lines.append(f"«{ev['sentence']}»\n— {source}")
        net.add_edge(s, o, label=data.get("relation", ""), title="\n\n".join(lines),
                     value=data.get("weight", 1), arrows="to")
    net.set_options(json.dumps({
        "physics": {"enabled": not fixed, "solver": "forceAtlas2Based",
                    "stabilization": {"iterations": 300},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
        "edges": {"font": {"size": 9, "align": "middle"}, "smooth": {"type": "dynamic"},
                  "scaling": {"min": 1, "max": 4, "label": {"enabled": False}}},
        # a node's group would otherwise repaint it in vis-network's own palette
        "groups": {cls: {"color": colour, "shape": shape}
                   for cls, (colour, shape) in STYLE.items()},
        "interaction": {"hover": True, "tooltipDelay": 120},
    }))
    return net


def _asset(name: str) -> str:
    import pyvis

    root = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (root / name).read_text(encoding="utf-8")


def _json_for_script(value) -> str:
    return (json.dumps(value, ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def to_html(net, title: str = "Knowledge graph", note: str = "") -> str:
    """The Network as one HTML page with everything inlined."""
    nodes, edges, _heading, _h, _w, options = net.get_network_data()
    data = {"nodes": nodes, "edges": edges, "options": json.loads(options)
            if isinstance(options, str) else options}
    legend = "".join(
        f'<label><input type="checkbox" class="cls" value="{html.escape(cls)}" checked>'
        f'<span class="sw" style="background:{colour}"></span>{html.escape(cls)}</label>'
        for cls, (colour, _shape) in STYLE.items()
        if any(n.get("group") == cls for n in nodes)
    )
    return _TEMPLATE.format(
        title=html.escape(title),
        note=html.escape(note),
        css=_asset("vis-network.css"),
        js=_asset("vis-network.min.js").replace("</script", "<\\/script"),
        legend=legend,
        data=_json_for_script(data),
    )


_TEMPLATE = """<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:;">
<title>{title}</title>
<style>{css}</style>
<style>
  html, body {{ margin: 0; height: 100%; font-family: sans-serif; font-size: 13px; }}
  #bar {{ position: absolute; top: 0; left: 0; right: 0; padding: 6px 10px; background: #f7f7f7;
          border-bottom: 1px solid #ddd; z-index: 2; }}
  #bar label {{ margin-right: 10px; white-space: nowrap; }}
  .sw {{ display: inline-block; width: 10px; height: 10px; margin: 0 4px; border-radius: 2px; }}
  #graph {{ position: absolute; top: 64px; bottom: 0; left: 0; right: 0; }}
  div.vis-tooltip {{ white-space: pre-wrap; max-width: 480px; }}
</style>
</head>
<body>
<div id="bar">
  <strong>{title}</strong> <span id="note">{note}</span>
  <input id="search" type="search" placeholder="Найти…" style="margin-left:12px">
  <div id="legend">{legend}</div>
</div>
<div id="graph"></div>
<script>{js}</script>
<script type="application/json" id="data">{data}</script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hidden = {{}};
  var view = new vis.DataView(nodes, {{ filter: function (n) {{ return !hidden[n.group]; }} }});
  var network = new vis.Network(document.getElementById("graph"),
                                {{ nodes: view, edges: edges }}, data.options);
  network.once("afterDrawing", function () {{ window.kgDrawn = true; }});
  network.once("stabilizationIterationsDone", function () {{
    network.setOptions({{ physics: false }});
  }});
  document.querySelectorAll("input.cls").forEach(function (box) {{
    box.addEventListener("change", function () {{
      hidden[box.value] = !box.checked; view.refresh();
    }});
  }});
  document.getElementById("search").addEventListener("change", function (e) {{
    var q = e.target.value.toLowerCase();
    if (!q) return;
    var hit = data.nodes.filter(function (n) {{
      return String(n.label).toLowerCase().indexOf(q) >= 0 ||
             String(n.title).toLowerCase().indexOf(q) >= 0;
    }});
    if (hit.length) {{ network.selectNodes(hit.map(function (n) {{ return n.id; }}));
                      network.focus(hit[0].id, {{ scale: 1.2, animation: true }}); }}
  }});
  window.kgNetwork = network;
}})();
</script>
</body>
</html>
"""
