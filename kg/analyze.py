"""``kg analyze``: what analysts ask of the graph, as JSON-ready data and as readable text.

Without options: the most central entities and the communities. ``path``, ``timeline`` and
``as_of`` each add one section.
"""

from __future__ import annotations

from kg.analysis import communities, connection, find, project, ranking
from kg.timeline import as_of, timeline

KIND_TEXT = {
    "founding": "основание", "summit": "саммит", "agreement": "документ",
    "chairmanship": "председательство", "joined": "вступление", "left": "выход",
    "post_start": "вступил(а) в должность", "post_end": "покинул(а) должность",
}


def analyze(store, top: int = 15, path: tuple[str, str] | None = None,
            timeline_of: str | None = None, day: str | None = None) -> dict:
    """The sections asked for; LookupError for a name the graph does not hold."""
    graph = project(store)

    def label(node: str | None) -> str:
        if not node:
            return ""
        return graph.nodes[node].get("label", node) if node in graph else node.rsplit("/", 1)[-1]

    out: dict = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    if path is None and timeline_of is None and day is None:
        out["central"] = [
            {"label": r.label, "class": r.cls, "degree": r.degree,
             "betweenness": r.betweenness, "pagerank": r.pagerank, "iri": r.node}
            for r in ranking(graph)[:top]]
        out["communities"] = [[label(n) for n in sorted(c, key=lambda n: label(n))]
                              for c in communities(graph)]
    if path is not None:
        a, b = (find(graph, name) for name in path)
        out["path"] = {"from": label(a), "to": label(b), "hops": [
            {"source": label(h.source), "relation": h.relation, "target": label(h.target),
             "articles": h.weight, "evidence": list(h.evidence)}
            for h in connection(graph, a, b)]}
    if timeline_of is not None:
        org = find(graph, timeline_of)
        events, undated = timeline(store, org)
        out["timeline"] = {"organization": label(org), "undated": undated, "events": [
            {"date": e.date, "kind": e.kind, "what": KIND_TEXT.get(e.kind, e.kind),
             "subject": label(e.subject), "role": e.role} for e in events]}
    if day is not None:
        snap = as_of(store, day)
        out["as_of"] = {
            "date": day,
            "posts": [{"person": label(p), "role": r, "organization": label(o)}
                      for p, r, o in snap.posts],
            "chairs": [{"organization": label(o), "state": label(s)} for o, s in snap.chairs],
            "members": [{"organization": label(o), "state": label(s), "status": st}
                        for o, s, st in snap.members],
        }
    return out


def _table(header: list[str], rows: list[list]) -> list[str]:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    return lines + ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True))
                    for r in cells]


def format_text(report: dict) -> str:
    lines = [f"граф: {report['nodes']} узлов, {report['edges']} связей", ""]
    if "central" in report:
        lines.append("Центральные сущности (по PageRank):")
        lines += _table(["#", "сущность", "класс", "степень", "посредничество", "PageRank"],
                        [[n, r["label"], r["class"], r["degree"], f"{r['betweenness']:.3f}",
                          f"{r['pagerank']:.3f}"] for n, r in enumerate(report["central"], 1)])
        lines += ["", "Сообщества (Louvain):"]
        lines += [f"  {n}. " + ", ".join(c) for n, c in enumerate(report["communities"], 1)]
        lines.append("")
    if "path" in report:
        p = report["path"]
        lines.append(f"Связь: {p['from']} → {p['to']} ({len(p['hops'])} шаг.)")
        for n, hop in enumerate(p["hops"], 1):
            lines.append(f"  {n}. {hop['source']} —{hop['relation']}→ {hop['target']}"
                         f"  [статей: {hop['articles']}]")
            for ev in hop["evidence"][:2]:
                lines.append(f"       «{ev['sentence']}»")
                lines.append(f"       — {ev.get('headline') or ''} ({ev.get('date') or ''})")
        lines.append("")
    if "timeline" in report:
        t = report["timeline"]
        lines.append(f"Хроника: {t['organization']}")
        lines += _table(["дата", "событие", "кто / что", "должность"],
                        [[e["date"], e["what"], e["subject"], e["role"]] for e in t["events"]])
        if t["undated"]:
            lines.append(f"(ещё {t['undated']} фактов без даты не показаны)")
        lines.append("")
    if "as_of" in report:
        s = report["as_of"]
        lines.append(f"На {s['date']}:")
        lines.append("  Должности:")
        lines += ["    " + x for x in _table(["лицо", "должность", "организация"],
                                             [[p["person"], p["role"], p["organization"]]
                                              for p in s["posts"]])]
        lines.append("  Председательство:")
        lines += ["    " + x for x in _table(["организация", "государство"],
                                             [[c["organization"], c["state"]]
                                              for c in s["chairs"]])]
        lines.append("  Членство:")
        lines += ["    " + x for x in _table(["организация", "государство", "статус"],
                                             [[m["organization"], m["state"], m["status"]]
                                              for m in s["members"]])]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


__all__ = ["analyze", "format_text"]
