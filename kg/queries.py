"""Named queries (``ontology/queries/*.rq``) and result formatting."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from kg.paths import QUERIES_DIR
from kg.store import Result


def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(QUERIES_DIR.glob("*.rq"))}


def resolve_query(query: str) -> str:
    """QUERY is a path to a .rq file, the name of a named query, or SPARQL text."""
    names = named_queries()
    if query in names:
        return names[query].read_text(encoding="utf-8")
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 4096 and "\n" not in query and path.is_file()):
        if not path.is_file():
            raise FileNotFoundError(f"no query file {query}")
        return path.read_text(encoding="utf-8")
    if not any(word in query.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        known = ", ".join(names)
        raise ValueError(f"expected a .rq file, a named query ({known}) or SPARQL text, "
                         f"got {query!r}")
    return query


def to_csv(result: Result) -> str:
    """Header of variable names; IRIs in full; literals in lexical form; unbound empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def to_json(result: Result) -> str:
    rows = [dict(zip(result.variables, row)) for row in result.rows]
    return json.dumps({"variables": list(result.variables), "rows": rows},
                      ensure_ascii=False, indent=2) + "\n"


def to_table(result: Result, max_width: int = 60) -> str:
    def cell(v):
        text = "" if v is None else str(v).replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    rows = [[cell(v) for v in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(result.variables)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(result.variables, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines) + "\n"


FORMATS = {"table": to_table, "csv": to_csv, "json": to_json}
