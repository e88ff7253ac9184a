"""Memberships of one article, merged: one fact per (organization, state, since, until,
status); a dated fact makes the same undated one redundant, joining and leaving make one
withdrawn fact, an observer or partner that became a member stopped being one that day, and
a suspension ends when the membership is restored or ends.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.facts.base import SentView


@dataclass
class Raw:
    org: str
    member: str
    since: str | None
    until: str | None
    status: str
    view: SentView


def merge(raws: list[Raw]) -> list[Raw]:
    """One fact per (organization, state, since, until, status); see the module docstring."""
    facts: list[Raw] = []
    seen = set()
    for r in raws:
        key = (r.org, r.member, r.since, r.until, r.status)
        if key not in seen:
            seen.add(key)
            facts.append(r)
    facts = _fold_withdrawals(facts)
    facts = _end_observer(facts)
    facts = _end_suspension(facts)
    return _drop_subsumed(facts)


def _fold_withdrawals(facts: list[Raw]) -> list[Raw]:
    """"вступила в 2007 году" + "вышла в 2024 году" -> withdrawn, since 2007, until 2024."""
    drop = set()
    for w in facts:
        if w.status != "withdrawn":
            continue
        for m in facts:
            if (m.status == "member" and m.org == w.org and m.member == w.member
                    and m.since and m.until is None
                    and (w.until is None or m.since <= w.until)):
                if w.since is None:
                    w.since = m.since
                if w.since == m.since:
                    drop.add(id(m))
    return [f for f in facts if id(f) not in drop]


def _end_observer(facts: list[Raw]) -> list[Raw]:
    """An observer or partner that became a member (on a date) stopped being one then."""
    for m in facts:
        if m.status != "member" or not m.since:
            continue
        for o in facts:
            if (o.status in ("observer", "partner") and o.org == m.org and o.member == m.member
                    and o.until is None and (o.since is None or o.since < m.since)):
                o.until = m.since
    return facts


def _end_suspension(facts: list[Raw]) -> list[Raw]:
    """A dated suspension ends when the membership is restored later ("member" since a later
    day) or ends (withdrawn until a later day)."""
    for s in facts:
        if s.status != "suspended" or not s.since or s.until is not None:
            continue
        ends = [f.since if f.status == "member" else f.until for f in facts
                if f.org == s.org and f.member == s.member and f.status in ("member", "withdrawn")]
        later = sorted(d for d in ends if d and d > s.since)
        if later:
            s.until = later[0]
    return facts


def _drop_subsumed(facts: list[Raw]) -> list[Raw]:
    """An undated fact is dropped when the same one with a date exists."""
    out, seen = [], set()
    for f in facts:
        key = (f.org, f.member, f.since, f.until, f.status)
        if key in seen:
            continue
        if any(g is not f and g.org == f.org and g.member == f.member and g.status == f.status
               and (f.since is None or f.since == g.since)
               and (f.until is None or f.until == g.until)
               and (g.since, g.until) != (f.since, f.until) for g in facts):
            continue
        seen.add(key)
        out.append(f)
    return out
