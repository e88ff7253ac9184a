"""Temporal expressions resolved against the article date, at their precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.dates import find_dates

ART = "2025-11-27"  # a Thursday


@pytest.mark.parametrize("text, tense, expected", [
    ("Саммит прошел 27 ноября.", "past", [("2025-11-27", "day")]),
    ("Договор от 15 мая 1992 года.", None, [("1992-05-15", "day")]),
    ("Образована 14 мая 2002 года на основе договора.", "past", [("2002-05-14", "day")]),
    ("Встреча пройдет 3-4 июля.", "future", [("2026-07-03", "day")]),
    ("Документ подписали 19 декабря.", "past", [("2024-12-19", "day")]),
    ("В сентябре подписали дорожную карту.", "past", [("2025-09", "month")]),
    ("В декабре подписали дорожную карту.", "past", [("2024-12", "month")]),
    ("В феврале пройдет встреча.", "future", [("2026-02", "month")]),
    ("в марте 2023 года", None, [("2023-03", "month")]),
    ("в октябре прошлого года", "past", [("2024-10", "month")]),
    ("Осенью текущего года была подписана карта.", "past", [("2025", "year")]),
    ("летом следующего года", "future", [("2026", "year")]),
    ("в 2026 году", None, [("2026", "year")]),
    ("в прошлом году", "past", [("2024", "year")]),
    ("в начале года", None, [("2025", "year")]),
    ("в среду", "past", [("2025-11-26", "day")]),
    ("в четверг", "past", [("2025-11-27", "day")]),
    ("в пятницу", "future", [("2025-11-28", "day")]),
    ("во вторник", None, [("2025-11-25", "day")]),
    ("в минувшее воскресенье", "future", [("2025-11-23", "day")]),  # the modifier decides
    ("в минувший четверг", None, [("2025-11-20", "day")]),  # strictly before the article
    ("в ближайшую пятницу", "past", [("2025-11-28", "day")]),
    ("в следующий четверг", None, [("2025-12-04", "day")]),
    ("сегодня", None, [("2025-11-27", "day")]),
    ("Саммит прошел накануне в Минске.", "past", [("2025-11-26", "day")]),
    ("накануне саммита", None, [("2025-11-26", "day")]),  # the text alone cannot tell
    ("12.06.2024", None, [("2024-06-12", "day")]),
    ("Он заявил, что рост составил 15 процентов.", "past", []),
    ("май", None, []),
])
def test_find_dates(text, tense, expected):
    assert [(e.value, e.precision) for e in find_dates(text, ART, tense)] == expected


def test_since_and_ranges():
    (since,) = find_dates("с 1 января 2026 года", ART)
    assert (since.value, since.kind) == ("2026-01-01", "since")
    (rng,) = find_dates("на 2025-2026 годы", ART)
    assert (rng.value, rng.end_value, rng.kind) == ("2025", "2026", "range")


def test_offsets_point_at_the_expression():
    text = "Саммит ОДКБ прошел в Бишкеке 27 ноября, сообщили в среду."
    exprs = find_dates(text, ART, "past", offset=100)
    assert [text[e.start - 100:e.end - 100] for e in exprs] == ["27 ноября", "в среду"]


def test_the_same_year_is_the_year_of_the_date_told_before():
    values = lambda text, **kw: [(e.value, e.precision) for e in
                                 find_dates(text, ART, "past", **kw)]
    assert values("Армения вступила 2 января 2015 года, Киргизия - в августе того же года.") \
        == [("2015-01-02", "day"), ("2015-08", "month")]
    assert values("Устав подписали 26 июня того же года.", year_before=2002) == \
        [("2002-06-26", "day")]
    assert values("В том же году страна вступила в ВТО.", year_before=1995) == [("1995", "year")]
    assert values("В том же году страна вступила в ВТО.") == []  # no year told before
    assert values("В этом году страна вступила в ВТО.", year_before=1995) == [("2025", "year")]


def test_a_day_without_a_year_after_a_written_year_is_of_that_year():
    values = lambda text: [e.value for e in find_dates(text, ART, "past")]
    assert values("Союз создан в 2009 году на основе соглашения, подписанного 3 октября.") == \
        ["2009", "2009-10-03"]
    # not across a contrast or a coordination: each clause has its own time
    assert values("Членство приостановлено в ноябре 2011 года, а 7 мая его восстановили.") == \
        ["2011-11", "2025-05-07"]
    assert values("Финляндия вступила 4 апреля 2023 года, и Швеция - в марте.") == \
        ["2023-04-04", "2025-03"]


def test_relative_dates_need_an_article_date():
    assert find_dates("в сентябре", None, "past") == []
    assert [e.value for e in find_dates("в сентябре 2021 года", None)] == ["2021-09"]


def test_impossible_day_falls_back_to_the_month():
    assert [(e.value, e.precision) for e in find_dates("31 февраля 2024 года", ART)] == [
        ("2024-02", "month")]


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.text(max_size=60))
def test_never_crashes_and_values_are_iso(day, text):
    for expr in find_dates(text, day.isoformat(), "past"):
        assert len(expr.value) in (4, 7, 10)


def test_relative_dates_at_the_ends_of_the_calendar_are_dropped_not_crashed():
    # found by the fuzz run: an article dated 0001-01-01 or 9999-12-31 saying "в среду"
    assert find_dates("в среду и вчера, в прошлом году", "0001-01-01", "past") == []
    assert find_dates("в среду и завтра, в следующем году", "9999-12-31", "future") == []
    assert [t.value for t in find_dates("в следующем году", "0001-01-01", None)] == ["0002"]
