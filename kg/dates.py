"""Temporal expressions -> ISO values with their precision (day, month, year).

Relative expressions are resolved against the article date: a day or month
without a year takes the article's year, except that in the past tense a month
after the article's month means the previous year (and in the future tense one
before it means the next); "в среду" is the last Wednesday on or before the
article date (the next one in the future tense); "в минувшее воскресенье" the last
before it, "в ближайшую пятницу" the next after it, whatever the tense; "накануне" the day
before it; "осенью текущего
года", "в прошлом году", "в начале года" are years. Word lists live in
``ontology/lexicon/dates.tsv``.

>>> [e.value for e in find_dates("Саммит прошел 27 ноября.", "2025-12-19", "past")]
['2025-11-27']
>>> [e.value for e in find_dates("В сентябре подписали карту.", "2025-03-02", "past")]
['2024-09']
>>> [(e.value, e.end_value) for e in find_dates("план на 2025-2026 годы", "2025-01-01")]
[('2025', '2026')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.gazetteer import read_tsv
from kg.paths import LEXICON_DIR


@dataclass(frozen=True)
class TimeExpr:
    start: int  # offsets into the text given to find_dates
    end: int
    text: str
    value: str  # ISO at its precision: 2025-11-27, 2025-11, 2025
    precision: str  # day, month, year
    kind: str = "point"  # point, range, since, until
    end_value: str | None = None  # for ranges


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    seasons: dict[str, tuple[int, ...]]
    weekdays: dict[str, int]
    relyears: dict[str, int]
    reldays: dict[str, int]
    weekmods: dict[str, int]  # "в минувшее воскресенье" -1, "в ближайшую пятницу" 1
    eves: dict[str, int]  # a bare "накануне": the day before the article
    sameyears: dict[str, int]  # "того же года": the year of the date told before


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    tables: dict[str, dict] = {"month": {}, "season": {}, "weekday": {}, "relyear": {},
                               "relday": {}, "weekmod": {}, "eve": {}, "sameyear": {}}
    for row in read_tsv(LEXICON_DIR / "dates.tsv"):
        kind, value = row["kind"], row["value"]
        parsed = tuple(int(v) for v in value.split(",")) if kind == "season" else int(value)
        for form in row["forms"].split("|"):
            tables[kind][form.strip()] = parsed
    return _Lexicon(tables["month"], tables["season"], tables["weekday"], tables["relyear"],
                    tables["relday"], tables["weekmod"], tables["eve"], tables["sameyear"])


def _alt(words) -> str:
    return "(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    lx = lexicon()
    month, season, weekday = _alt(lx.months), _alt(lx.seasons), _alt(lx.weekdays)
    relyear, relday, weekmod = _alt(lx.relyears), _alt(lx.reldays), _alt(lx.weekmods)
    same = _alt(lx.sameyears)
    year = r"(?P<year>(?:1[89]|20)\d{2})\s*(?:года|году|год|г\.)?"
    # the year of a day, month or season: as written, relative, or the one told before
    of_year = rf"(?:\s+{year}|\s+(?P<rel>{relyear})\s+года|\s+(?P<same>{same})\s+года)?"
    b, e = r"(?<![\w-])", r"(?![\w-])"
    return [
        ("numeric", re.compile(rf"{b}(?P<since>с\s+)?(?P<day>\d{{1,2}})\.(?P<month>\d{{2}})\."
                               rf"(?P<year>\d{{4}}){e}")),
        ("day", re.compile(rf"{b}(?P<since>с\s+)?(?P<day>\d{{1,2}})(?:\s*[-–—]\s*\d{{1,2}})?\s+"
                           rf"(?P<month>{month}){of_year}{e}",
                           re.IGNORECASE)),
        ("month", re.compile(rf"{b}(?:(?P<since>с)\s+|(?:в|до|к)\s+)?(?:(?:начале|середине|конце)"
                             rf"\s+)?(?P<month>{month}){of_year}{e}", re.IGNORECASE)),
        ("season", re.compile(rf"{b}(?P<season>{season}){of_year}{e}", re.IGNORECASE)),
        ("range", re.compile(rf"{b}(?P<since>с\s+)?(?P<y1>(?:1[89]|20)\d{{2}})\s*(?:[-–—]|по|до)\s*"
                             rf"(?P<y2>(?:1[89]|20)\d{{2}})\s*(?:годы|годах|годов|гг\.?|года)?{e}",
                             re.IGNORECASE)),
        ("year", re.compile(rf"{b}(?:(?P<since>с)\s+)?(?P<year>(?:1[89]|20)\d{{2}})\s*"
                            rf"(?:года|году|год|г\.|гг\.|-м|-го){e}", re.IGNORECASE)),
        ("relyear", re.compile(rf"{b}(?:(?:в|с)\s+)?(?:(?:начале|середине|конце)\s+)?"
                               rf"(?:(?P<rel>{relyear})|(?P<same>{same}))\s+(?:году|года|год){e}",
                               re.IGNORECASE)),
        ("yearpart", re.compile(rf"{b}в\s+(?:начале|середине|конце)\s+года{e}", re.IGNORECASE)),
        ("weekday", re.compile(rf"{b}во?\s+(?:(?P<weekmod>{weekmod})\s+)?(?P<weekday>{weekday}){e}",
                               re.IGNORECASE)),
        ("relday", re.compile(rf"{b}(?P<relday>{relday}){e}", re.IGNORECASE)),
        # a bare "накануне"; "накануне саммита" (the eve of something named) is told apart
        # by the words after it (kg.facts.base.Doc)
        ("eve", re.compile(rf"{b}(?P<eve>{_alt(lx.eves)}){e}", re.IGNORECASE)),
    ]


def find_dates(text: str, article_date: str | None = None, tense: str | None = None,
               offset: int = 0, year_before: int | None = None) -> list[TimeExpr]:
    """All temporal expressions in ``text``, left to right, resolved where possible.

    ``tense`` is "past", "future" or None (present or unknown). Expressions that
    need the article date and have none are left out. "того же года" takes the year of
    the expression before it in the text, else ``year_before`` (the year of the last one
    told before the text), else it is left out; a day or month without a year after a
    written year in the text is of that year ("в 2009 году на основе соглашения,
    подписанного 3 октября").
    """
    ref = dt.date.fromisoformat(article_date) if article_date else None
    guess = year_before or (ref.year if ref else 1)  # to tell which words a match takes
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, re.Match, tuple]] = []
    for kind, pattern in _patterns():
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            expr = _resolved(kind, m, ref, tense, guess)
            if expr is None:
                continue
            taken.append((m.start(), m.end()))
            found.append((kind, m, expr))
    out: list[TimeExpr] = []
    year, written, written_end = year_before, None, 0
    for kind, m, expr in sorted(found, key=lambda f: f[1].start()):
        g = m.groupdict()
        if g.get("same"):
            expr = _resolved(kind, m, ref, tense, year) if year else None
            if expr is None:
                continue
        elif written is not None and kind in ("day", "month") and not g.get("year") and \
                not g.get("rel") and not _CONTRAST.search(text, written_end, m.start()):
            # "в 2009 году ..., подписанного 3 октября": of 2009; not "в ноябре 2011 года,
            # а 7 мая ..."
            expr = _resolved(kind, m, ref, tense, written, implied=True) or expr
        value, precision, form, end_value = expr
        year = int(value[:4])
        if g.get("year") or g.get("y1"):
            written, written_end = int(value[:4]), m.end()
        out.append(TimeExpr(offset + m.start(), offset + m.end(), m.group(0).strip(), value,
                            precision, form, end_value))
    return out


_CONTRAST = re.compile(r"[,;]\s*(?:а|и|но|однако|тогда как|в то время как)\s|;", re.IGNORECASE)


def _resolved(kind: str, m: re.Match, ref: dt.date | None, tense: str | None,
              same_year: int | None, implied: bool = False):
    try:
        return _resolve(kind, m, ref, tense, same_year, implied)
    except (OverflowError, ValueError):  # "в среду" of 0001-01-01: before the calendar
        return None


def _year(explicit: int | None, rel: int | None, ref: dt.date | None, month: int,
          day: int | None, tense: str | None) -> int | None:
    """The year of a day or month: as written, relative ("прошлого года"), or from the
    article date and the tense; None when it depends on an unknown article date or falls
    outside the calendar (years 1-9999)."""
    if explicit is not None:
        return explicit
    if ref is None:
        return None
    year = ref.year + rel if rel is not None else _shift_year(ref, month, day, tense)
    return year if dt.MINYEAR <= year <= dt.MAXYEAR else None


def _shift_year(ref: dt.date, month: int, day: int | None, tense: str | None) -> int:
    year = ref.year
    later = (month, day or 1) > (ref.month, ref.day if day else 1)
    earlier = (month, day or 31) < (ref.month, ref.day if day else 1)
    if tense == "past" and later:
        return year - 1
    if tense == "future" and earlier:
        return year + 1
    return year


def _resolve(kind: str, m: re.Match, ref: dt.date | None, tense: str | None,
             same_year: int | None = None, implied: bool = False):
    lx = lexicon()
    g = m.groupdict()
    form = "since" if g.get("since") else "point"
    rel = lx.relyears.get((g.get("rel") or "").lower()) if g.get("rel") else None
    explicit_year = int(g["year"]) if g.get("year") else \
        same_year if g.get("same") or implied else None
    if kind in ("numeric", "day"):
        month = int(g["month"]) if kind == "numeric" else lx.months[g["month"].lower()]
        day = int(g["day"])
        year = _year(explicit_year, rel, ref, month, day, tense)
        if year is None:
            return None
        try:
            return dt.date(year, month, day).isoformat(), "day", form, None
        except ValueError:
            return None
    if kind == "month":
        month = lx.months[g["month"].lower()]
        bare = not re.match(r"(?:в|с|до|к)\s|(?:начале|середине|конце)\s", m.group(0),
                            re.IGNORECASE)
        if explicit_year is None and rel is None and bare:
            return None  # a bare month word without a preposition or a year: too vague
        year = _year(explicit_year, rel, ref, month, None, tense)
        if year is None:
            return None
        return f"{year:04d}-{month:02d}", "month", form, None
    if kind == "season":
        if explicit_year is not None:
            return f"{explicit_year:04d}", "year", form, None
        if ref is None:
            return None
        months = lx.seasons[g["season"].lower()]
        if rel is not None:
            if not dt.MINYEAR <= ref.year + rel <= dt.MAXYEAR:
                return None
            return f"{ref.year + rel:04d}", "year", form, None
        if tense == "past" and min(months) > ref.month and 12 not in months:
            return (f"{ref.year - 1:04d}", "year", form, None) if ref.year > dt.MINYEAR else None
        return f"{ref.year:04d}", "year", form, None
    if kind == "range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 < y1:
            return None
        return f"{y1:04d}", "year", "range", f"{y2:04d}"
    if kind == "year":
        return f"{explicit_year:04d}", "year", form, None
    if kind == "relyear":
        form = "since" if m.group(0).lower().startswith("с ") else "point"
        if explicit_year is not None:  # "в том же году"
            return f"{explicit_year:04d}", "year", form, None
        if ref is None:
            return None
        if not dt.MINYEAR <= ref.year + rel <= dt.MAXYEAR:
            return None
        return f"{ref.year + rel:04d}", "year", form, None
    if kind == "yearpart":
        return (f"{ref.year:04d}", "year", "point", None) if ref else None
    if kind == "weekday":
        if ref is None:
            return None
        wd = lx.weekdays[g["weekday"].lower()]
        if g.get("weekmod"):  # "в минувшее воскресенье": strictly before, whatever the tense
            step = lx.weekmods[g["weekmod"].lower()]
            delta = ((wd - ref.weekday()) * step - 1) % 7 + 1
            return (ref + dt.timedelta(days=delta * step)).isoformat(), "day", "point", None
        if tense == "future":
            delta = (wd - ref.weekday()) % 7
            return (ref + dt.timedelta(days=delta)).isoformat(), "day", "point", None
        delta = (ref.weekday() - wd) % 7
        return (ref - dt.timedelta(days=delta)).isoformat(), "day", "point", None
    if kind in ("relday", "eve"):
        if ref is None:
            return None
        days = (lx.reldays if kind == "relday" else lx.eves)[g[kind].lower()]
        return (ref + dt.timedelta(days=days)).isoformat(), "day", "point", None
    return None


def tense_of(tokens) -> str | None:
    """The tense of a sentence from its main verbs: past, future or None.

    Perfective non-past forms ("состоится", "подпишут") and "будет" count as future.
    """
    verbs = [t for t in tokens if t.pos in ("VERB", "AUX")]
    for t in sorted(verbs, key=lambda t: (t.head != -1, t.start)):
        if t.feat("Tense") == "Past" or t.feat("VerbForm") == "Part" and t.feat("Tense") == "Past":
            return "past"
        if t.feat("Tense") == "Fut" or (t.feat("Aspect") == "Perf" and t.feat("Tense") == "Pres"):
            return "future"
        if t.lemma == "быть" and t.feat("Tense") == "Fut":
            return "future"
    return None
