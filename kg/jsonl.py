"""The JSONL record of ``kg extract``: one object per input file (the contract)."""

from __future__ import annotations

from kg.pipeline import Result


def record(doc: str, result: Result) -> dict:
    extraction = result.extraction
    return {
        "doc": doc,
        "date": extraction.article.date,
        "entities": [
            {
                "iri": e.iri,
                "type": e.type,
                "class": e.cls,
                "label": e.label,
                "aliases": list(e.aliases),
                "mentions": [list(m) for m in e.mentions],
            }
            for e in extraction.entities
        ],
        "facts": [f.as_dict() for f in extraction.facts],
    }


def skipped_record(doc: str, reason: str) -> dict:
    return {"doc": doc, "date": None, "entities": [], "facts": [], "skipped": reason}
