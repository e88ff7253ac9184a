"""Coordination: the items of an enumeration ("A, B и C", "A, B, а также C").

``enumeration(view, start, item_at)`` reads items from token ``start``: ``item_at(k)``
says whether an item begins at token ``k`` (its last token + 1 and a payload). Between two
items stand separators (",", "и", "а также", "либо", "или", quotes, brackets) and, after an
item, its own date in an aside: "Ирландия - в 1949 году, ЮАР - в 1961-м", "Казахстан (с
2015 года)". "Болгария и Хорватия - в 2007 и 2013 годах соответственно" gives the items the
dates in order (``respective``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kg.dates import TimeExpr
from kg.syntax.tree import head_of

JOINS = (",", "и", "а также", "также", "либо", "или", ";")
PUNCT = {",", "(", ")", '"', "«", "»", "'", "“", "”"}
DASHES = {"-", "—", "–"}
CONJUNCTIONS = {"и", "или", "либо", "также"}  # the one that closes an enumeration


@dataclass(frozen=True)
class Item:
    first: int
    last: int  # the token after it
    payload: object
    date: TimeExpr | None = None  # the item's own date


ItemAt = Callable[[int], "tuple[int, object] | None"]


def enumeration(view, start: int, item_at: ItemAt, joins=JOINS) -> list[Item]:
    """The items of the enumeration that begins at token ``start`` (none if no item
    begins there)."""
    tokens = view.tokens
    found = item_at(start)
    if found is None:
        return []
    items = [Item(start, found[0], found[1])]
    k, closed = found[0], False
    while k < len(tokens):
        date, k2 = _aside(view, k)
        if date is not None:
            items[-1] = Item(items[-1].first, items[-1].last, items[-1].payload, date)
        k3 = skip_separators(tokens, k2, joins)
        if k3 == k2 and k2 == k:
            break
        conjunction = any(t.text.lower() in CONJUNCTIONS for t in tokens[k2:k3])
        if closed and not conjunction:  # "... и Молдавией, Ташкент присоединился": a new clause
            break
        nxt = item_at(k3) if k3 < len(tokens) else None
        if nxt is None or not _same_case(tokens, items[-1], k3, nxt[0]):
            break
        items.append(Item(k3, nxt[0], nxt[1]))
        k, closed = nxt[0], conjunction
    return items


def _same_case(tokens, item: Item, first: int, last: int) -> bool:
    """Coordinated nouns share their case: "Молдавией, Ташкент присоединился" is no pair.
    Only a direct case against the instrumental counts: the parser confuses nominative and
    accusative ("Оман и Саудовскую Аравию") and the oblique cases of one form."""
    cases = {tokens[head_of(tokens, item.first, item.last)].feat("Case"),
             tokens[head_of(tokens, first, last)].feat("Case")}
    return not ("Ins" in cases and cases & {"Nom", "Acc"})


def skip_separators(tokens, k: int, joins, punct: bool = True) -> int:
    """The token after the separators from ``k``: words and two-word phrases of ``joins``
    and, with ``punct``, commas, quotes and brackets."""
    while k < len(tokens):
        word = tokens[k].text.lower()
        if word in joins or (punct and tokens[k].text in PUNCT):
            k += 1
        elif k + 1 < len(tokens) and f"{word} {tokens[k + 1].text.lower()}" in joins:
            k += 2
        else:
            break
    return k


def _aside(view, k: int) -> tuple[TimeExpr | None, int]:
    """A dated aside right after an item: "- в 1949 году", "(с 2015 года)": (its date, the
    token after it); (None, k) when there is none."""
    tokens = view.tokens
    if k >= len(tokens) or (tokens[k].text not in DASHES and tokens[k].text != "("):
        return None, k
    end = k + 1
    while end < len(tokens) and tokens[end].text not in {",", ")", ";"} | DASHES and \
            tokens[end].lemma not in ("и", "а") and end < k + 7:
        end += 1
    dates = view.dates_in(k + 1, end)
    if len(dates) != 1 or view.tokens[end - 1].end < dates[0].end:
        return None, k
    if any(t.pos in ("VERB", "AUX") for t in tokens[k + 1:end]):
        return None, k
    if end < len(tokens) and tokens[end].text in {")"} | DASHES:
        end += 1
    return dates[0], end


def respective(view, items: list[Item], after: int, end: int) -> list[TimeExpr | None]:
    """"Болгария и Хорватия - в 2007 и 2013 годах соответственно": as many dates in
    [after, end) as items, in order, one each (years written bare count too)."""
    tokens = view.tokens
    if len(items) < 2 or not any(t.lemma == "соответственно" for t in tokens[after:end]):
        return [None] * len(items)
    dates = list(view.dates_in(after, end))
    for k in range(after, end):
        t = tokens[k]
        if t.text.isdigit() and len(t.text) == 4 and "1900" <= t.text <= "2100" and \
                not any(d.start <= t.start < d.end for d in dates):
            dates.append(TimeExpr(t.start, t.end, t.text, t.text, "year"))
    if len(dates) != len(items):
        return [None] * len(items)
    return sorted(dates, key=lambda d: d.start)


def elided_heads(tokens, start: int, is_head) -> list[tuple[int, int]]:
    """Clauses after token ``start`` that name another thing of the same kind by a word
    standing for its noun, the noun left out: "Первый саммит прошел в 2002 году в Алма-Ате,
    шестой - в октябре 2022 года в Астане, а седьмой пройдет в Баку". ``is_head(k)`` says
    whether token ``k`` can stand for the noun (an ordinal); the result is (head, end of its
    part) for each: after a comma (and "а", "и"), followed by a dash or by its own verb."""
    out = []
    n = len(tokens)
    for k in range(start + 1, n):
        before = k - 1
        if before > start and tokens[before].lemma in ("а", "и"):
            before -= 1
        if tokens[before].text != "," or not is_head(k):
            continue
        end = next((j for j in range(k + 1, n) if tokens[j].text in (";", ".") or (
            tokens[j].text == "," and j + 1 < n and (tokens[j + 1].lemma in ("а", "и") or
                                                     is_head(j + 1)))), n)
        dashed = k + 1 < n and tokens[k + 1].text in DASHES
        verb = tokens[k].rel.startswith("nsubj") and 0 <= tokens[k].head < n and \
            k < tokens[k].head < end
        if dashed or verb:
            out.append((k, end))
    return out
