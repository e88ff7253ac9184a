"""Documents adopted at a summit take the summit's day: "По итогам встречи стороны приняли
совместное заявление" says no date of its own, the summit it speaks of has one. An
agreement with no date, or only the year, whose sentence names the meeting it came out of
(an ``event`` word of ``ontology/lexicon/agreements.tsv`` right after an ``event_frame``:
"по итогам встречи", "на саммите") takes the day of the summit nearest before the article
(dated to the day, within a week), and its place; so does a "итоговый" (final) document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kg.facts.base import Doc, lexicon
from kg.records import Fact

WEEK = 7


def dated_by_summit(doc: Doc, facts: list[Fact]) -> list[Fact]:
    """``facts`` with the dates of documents adopted at the article's summit filled in."""
    summit = _summit(doc, facts)
    if summit is None:
        return facts
    return [_dated(doc, f, *summit) if f.kind == "agreement" else f for f in facts]


def _summit(doc: Doc, facts: list[Fact]) -> tuple[str, str | None] | None:
    """(day, place) of the one summit dated to the day nearest before the article (within a
    week)."""
    if not doc.article.date:
        return None
    ref = dt.date.fromisoformat(doc.article.date)
    days: dict[int, set[tuple[str, str | None]]] = {}
    for f in facts:
        value = f.get("date") if f.kind == "summit" else None
        if isinstance(value, str) and len(value) == 10:
            delta = (ref - dt.date.fromisoformat(value)).days
            if 0 <= delta <= WEEK:
                days.setdefault(delta, set()).add((value, f.get("place")))
    nearest = days[min(days)] if days else set()
    return nearest.pop() if len(nearest) == 1 else None


def _dated(doc: Doc, f: Fact, day: str, place: str | None) -> Fact:
    """A document adopted "по итогам встречи" (or a "итоговый" one) whose sentence states
    no date of its own takes the summit's day, and its place when it has none; a year
    from elsewhere (the sentence before, an earlier event) gives way."""
    date = f.get("date")
    if date is not None and len(date) != 4:
        return f
    view = next((v for v in doc.sentences if v.sentence.start == f.evidence.start), None)
    if view is None:
        return f
    if date is not None and not day.startswith(date) and any(d.value == date
                                                              for d in view.dates):
        return f  # "по итогам встречи в 2019 году": its own year (the summit's: its day)
    lex = lexicon("agreements", doc.ctx)
    tokens = view.tokens
    framed = any(lex.has("event_frame", tokens, max(0, a - 2), a) and
                 any(e == a for _, e in lex.find("event_frame", tokens, max(0, a - 2), a))
                 for a, _ in lex.find("event", tokens)) or lex.has("final_doc", tokens)
    if not framed:
        return f
    new = {"date": day}
    if place is not None and (f.get("place") is None or date is not None):
        new["place"] = place
    return replace(f, args=tuple((k, new.get(k, v)) for k, v in f.args))
