"""Time in the graph: the events of one organization in order, and who held which post,
chaired and was a member on a given day.

Dates carry their precision ("2025", "2025-11", "2025-11-27"); a period starts on the first
day its date can mean and ends on the last.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.paths import QUERIES_DIR
from kg.store import select

_QUERIES = QUERIES_DIR / "analysis"


def _rows(store, name: str) -> list[dict]:
    result = select(store, (_QUERIES / f"{name}.rq").read_text(encoding="utf-8"))
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def first_day(date: str) -> str:
    """'2025' -> '2025-01-01', '2025-11' -> '2025-11-01'."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def last_day(date: str) -> str:
    """'2025' -> '2025-12-31', '2025-11' -> '2025-11-31' (an upper bound for comparison)."""
    return (date + "-12-31")[:10] if len(date) == 4 else (date + "-31")[:10]


@dataclass(frozen=True)
class Event:
    date: str
    kind: str  # founding, summit, agreement, chairmanship, joined, left, post_start, post_end
    subject: str  # an IRI: the state, person, place, treaty or document the event is about
    role: str = ""


def timeline(store, organization: str) -> tuple[list[Event], int]:
    """The dated events of one organization (an IRI) in order, and how many facts about it
    carry no date (left out)."""
    events, undated = [], 0
    for row in _rows(store, "events"):
        if row["organization"] != organization:
            continue
        if not row["date"]:
            undated += 1
            continue
        events.append(Event(row["date"], row["kind"], row["other"] or ""))
    for row in _rows(store, "memberships"):
        if row["organization"] != organization:
            continue
        dated = [(row["since"], "joined"), (row["until"], "left")]
        undated += not any(d for d, _ in dated)
        events += [Event(d, kind, row["state"], row["status"] or "") for d, kind in dated if d]
    for row in _rows(store, "tenures"):
        if row["organization"] != organization:
            continue
        dated = [(row["start"], "post_start"), (row["end"], "post_end")]
        undated += not any(d for d, _ in dated)
        events += [Event(d, kind, row["person"], row["role"]) for d, kind in dated if d]
    unique = sorted(set(events), key=lambda e: (first_day(e.date), e.kind, e.subject, e.role))
    return unique, undated


@dataclass(frozen=True)
class Snapshot:
    """Who held which post, who chaired what and who was a member on one day."""

    date: str
    posts: tuple[tuple[str, str, str], ...]  # (person, role, organization)
    chairs: tuple[tuple[str, str], ...]  # (organization, state)
    members: tuple[tuple[str, str, str], ...]  # (organization, state, status)


def _during(day: str, start: str | None, end: str | None) -> bool:
    return (start is None or first_day(start) <= day) and (end is None or day <= last_day(end))


def held_on(day: str, start: str | None, end: str | None, status: str | None,
            published: str | None) -> bool:
    """Whether a post was held on ``day``: within its dates; without dates, from the day of
    an article that calls it current; a former post with no end is never placed."""
    if start is None and end is None:
        return status == "current" and (published or day) <= day
    if status == "former" and end is None:
        return False  # held once, end unknown
    return _during(day, start, end)


def as_of(store, day: str) -> Snapshot:
    """The state of the graph on ``day`` (YYYY-MM-DD). A post or membership without dates
    counts from its article's date on when the article calls it current."""
    posts = {(row["person"], row["role"], row["organization"])
             for row in _rows(store, "tenures")
             if held_on(day, row["start"], row["end"], row["status"], row["published"])}
    chairs = {(row["organization"], row["other"]) for row in _rows(store, "events")
              if row["kind"] == "chairmanship" and row["date"] and _during(day, row["date"],
                                                                           row["date"])}
    members = set()
    for row in _rows(store, "memberships"):
        status, since, until = row["status"] or "member", row["since"], row["until"]
        if status == "withdrawn":  # a member from since until it left
            if until is not None and _during(day, since, until):
                members.add((row["organization"], row["state"], "member"))
            continue
        if since is None and until is None and (row["published"] or day) > day:
            continue
        if _during(day, since, until):
            members.add((row["organization"], row["state"], status))
    return Snapshot(day, tuple(sorted(posts)), tuple(sorted(chairs)), tuple(sorted(members)))
