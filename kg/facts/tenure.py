"""Tenures: the start, end and status of posts, the holders a new one replaced, and one
post per person, role and organization.

- dates: a period near the role ("в 2007-2016 годах") gives start and end (an end before
  the article's year makes the post former); an appointment ("назначен", "вступил в
  должность") or a post held, near the role or said by the pattern, takes the clause's
  first date as its start; a resignation ("ушел в отставку") as its end;
- "... назначили генеральным секретарем X. Он приступит к работе с 1 января 2026 года": a
  sentence opening with "он"/"она" and a start cue dates the post named just before;
- "вместо X": X held the post of that clause before; "Y сменил на этом посту X": X held
  the post named last (in this sentence or the one before), until the day before the new
  holder's start, and holds it still when the successor is to come.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from kg.facts.base import SentView
from kg.syntax.clauses import clause_of

GENERIC = ("глава",)


@dataclass(frozen=True)
class Post:
    person: str
    role: str
    organization: str
    start: str | None
    end: str | None
    status: str
    view: SentView
    at: int = 0  # the first token of the role phrase


def dates(view: SentView, cues, i: int, j: int, article_date: str | None,
          tenure: str | None = None):
    """(start, end, former) from the clause of the role phrase [i, j)."""
    first, last = clause_of(view.tokens, i)
    tokens = view.tokens
    start = end = None
    near = view.dates_in(max(first, i - 6), min(last, j + 8))
    ranges = [d for d in near if d.kind == "range"]
    if ranges:
        start, end = ranges[0].value, ranges[0].end_value
        return start, end, bool(article_date and end < article_date[:4])
    points = [d for d in view.dates_in(first, last) if d.kind in ("since", "point")]
    lo, hi = max(first, i - 8), min(last, j + 8)  # the cue must be near the role
    if cues.has("appoint", tokens, lo, hi) or cues.has("hold", tokens, lo, hi):
        if points:
            start = points[0].value
    elif cues.has("leave", tokens, lo, hi):
        if points:
            end = points[0].value
    return start, end, False


def start_after(view: SentView, cues, last: Post) -> Post:
    """A sentence opening with "он"/"она" (or the holder's name) and a start cue dates the
    post named just before, when it has no start yet."""
    tokens = view.tokens
    opener = view.ref_at(0)  # "Он ...", or the holder's own name ("Аль-Анани займет пост 15 ноября")
    named = opener is not None and opener.cls == "Person" and opener.iri == last.person
    near = view.index - last.view.index in ((1, 2) if named else (1,))
    if last.start is not None or last.status != "current" or not near or \
            not (cues.has("he", tokens, 0, 1) or named):
        return last
    hits = cues.find("appoint", tokens)
    if not hits:
        return last
    after = tokens[hits[0][1] - 1].end
    date = next((d for d in view.dates if d.start >= after and d.precision == "day"), None)
    return replace(last, start=date.value) if date else last


def predecessors(view: SentView, m, posts: list[Post]) -> list[Post]:
    """The person after "вместо" held each post named in the same clause before."""
    old = m.get("old")
    if old is None:
        return []
    clause = clause_of(view.tokens, m.first)
    out = []
    for p in posts:
        if p.view is not view or p.person == old.value.iri:
            continue
        if clause_of(view.tokens, p.at) == clause:
            out.append(Post(old.value.iri, p.role, p.organization, None, None, "former", view))
    return list(dict.fromkeys(out))


def successions(doc, view: SentView, cues, m, new: Post | None) -> list[Post]:
    """"X сменит на этом посту Y" / "сменив на этом посту Y": Y held the same post before."""
    old = m.get("old")
    if old is None or new is None or view.index - new.view.index > 1 or \
            old.value.iri == new.person:
        return []
    start = new.start
    if start is None and cues.has("appoint", view.tokens):
        # "Он вступит в должность 1 января 2025 года, сменив Y": the new term's first day
        start = next((d.value for d in view.dates if d.precision == "day"), None)
    article_date = doc.article.date or ""
    ahead = view.tense == "future" or bool(start and start > article_date[:len(start)])
    return [Post(old.value.iri, new.role, new.organization, None,
                 day_before(start) if start else None, "current" if ahead else "former", view)]


def day_before(value: str) -> str:
    if len(value) == 10:
        return (dt.date.fromisoformat(value) - dt.timedelta(days=1)).isoformat()
    return value


def merge(found: list[Post]) -> list[Post]:
    """One post per (person, role, organization); dates and status combined."""
    by_key: dict[tuple[str, str, str], Post] = {}
    for p in found:
        key = (p.person, p.role, p.organization)
        old = by_key.get(key)
        if old is None:
            by_key[key] = p
            continue
        # a headline's dates are read without the body's context: the body's come first
        first, second = (p, old) if old.view.sentence.block == "headline" and \
            p.view.sentence.block != "headline" else (old, p)
        by_key[key] = replace(
            old,
            start=first.start or second.start,
            end=first.end or second.end,
            status="current" if "current" in (old.status, p.status) and not (old.end or p.end)
            else ("former" if "former" in (old.status, p.status) else "current"),
        )
    # a generic role ("глава", "председатель") adds nothing when a specific one is known
    specific = {(p.person, p.organization) for p in by_key.values()
                if p.role not in ("глава", "председатель")}
    return [p for p in by_key.values()
            if p.role not in GENERIC or (p.person, p.organization) not in specific]
