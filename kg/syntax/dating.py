"""Date attachment for an event told by a predicate: the date its clause gives (not one of
an aside), else the one
date of the sentence before in the same paragraph ("Токаев в среду подписал серию указов.
Министр энергетики X освобожден от должности ..."), else, for a past event told in the
lead, the article's day; else none.
"""

from __future__ import annotations

from kg.dates import TimeExpr
from kg.syntax.clauses import asides

LEAD = 3  # the first sentences of the body tell the news of the article's day


def event_date(doc, view, v: int, governed) -> object | None:
    """The date (a ``TimeExpr``) of the event the predicate at token ``v`` tells;
    ``governed(view, v)`` gives the dates the predicate governs."""
    spans = [(a, b) for a, b in asides(view.tokens) if not a <= v < b]
    own = [d for d in governed(view, v) if d.kind in ("point", "since") and
           not any(a <= view.token_index(d.start) < b for a, b in spans)]
    if own:  # not a date of an aside: "X, руководивший ведомством с 2023 года, освобожден"
        return own[0]
    if view.index == 0 or view.sentence.block != "body":
        return None
    before = doc.sentences[view.index - 1]
    text = doc.article.text
    if before.sentence.block == "body" and "\n" not in text[before.sentence.end:
                                                            view.sentence.start]:
        points = {d.value: d for d in before.dates if d.kind == "point"}
        if len(points) == 1:
            return next(iter(points.values()))
    body = [s for s in doc.sentences if s.sentence.block == "body"]
    lead = [s.index for s in body[:LEAD]]
    if view.index in lead and doc.article.date and view.tokens[v].feat("Tense") == "Past":
        return TimeExpr(view.sentence.start, view.sentence.start, "", doc.article.date, "day")
    return None  # the news of the lead happened the day of the article
