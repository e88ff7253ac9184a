"""Property-based tests (hypothesis) of the reader, the date normalizer and IRI minting.

Complements test_articles.py, test_dates.py and test_iri.py (their examples and the two
properties already there: slugs and doc ids are safe, find_dates gives values of length
4, 7 or 10). Here: the reader never fails other than with SkipFile and its blocks slice
the text; BOM / CRLF / CR / cp1251 variants of an article read the same; every value the
date normalizer gives is a real ISO date at its precision that RDF accepts, at offsets
that slice the text; generated phrases normalize to the generated date; minted IRIs are
valid absolute IRIs under the project's base for any input (rdflib, pyoxigraph and
N-Triples agree), deterministic, and fold case and spacing as kg.iri documents.

The whole module runs in about 10-20 s.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import string
from urllib.parse import urlsplit

import pyoxigraph
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.term import _is_valid_uri

from kg.articles import SkipFile, decode, parse, read_article
from kg.dates import find_dates
from kg.iri import (BASE, CLASS_SEGMENTS, ID_NS, MAX_SLUG, article_iri, doc_id_for,
                    entity_iri, graph_iri, node_iri, slug)
from kg.rdf import date_literal, role_iri

SOME = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(max_examples=100, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря")
MONTHS_PREP = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
               "сентябре", "октябре", "ноябре", "декабре")
WEEKDAYS_ACC = ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу",
                "воскресенье")
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"

# -- strategies ------------------------------------------------------------------------

# Any text of one line (no \r or \n), including other control and format characters.
line_chars = st.characters(codec="utf-8", exclude_characters="\r\n")
any_line = st.text(line_chars, max_size=40)
# cp1251-safe words: ASCII and Cyrillic without Ёё, whose cp1251 bytes (0xA8, 0xB8) can
# read as UTF-8 continuation bytes and turn a cp1251 file into (mojibake) valid UTF-8.
word = st.text(CYRILLIC + string.ascii_letters + string.digits, min_size=1, max_size=12)
words = st.lists(word, min_size=1, max_size=6).map(" ".join)
sentence = st.builds(lambda w, p: w + p, words, st.sampled_from([".", "!", "?", ",", ":", ""]))

CITIES = ("МОСКВА", "БИШКЕК", "НЬЮ-ЙОРК", "САНКТ-ПЕТЕРБУРГ", "НУР-СУЛТАН", "МИНСК",
          "АСТАНА")
AGENCIES = ("/ТАСС/.", "/Новости-Грузия/.", "- РИА Новости.", "/ТАСС/")
iso_day = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31))

header_line = st.builds(
    lambda lead, date, sep, head: f"{lead}date{sep}{date}{sep}{head}",
    st.sampled_from(["", " ", "\t", "  "]),
    st.one_of(iso_day.map(dt.date.isoformat),
              st.sampled_from(["2025-02-30", "2025-13-01", "0000-00-00", "25-11-2025",
                               "2025/11/27", "date", "9999-12-31", "0001-01-01"]),
              st.text(line_chars.filter(lambda c: not c.isspace()), min_size=1, max_size=12)),
    st.sampled_from([" ", "\t", "  "]),
    any_line,
)
dateline_line = st.builds(
    lambda city, day, month, agency, rest: f"{city}, {day} {month}. {agency} {rest}",
    st.sampled_from(CITIES), st.integers(0, 40), st.sampled_from(MONTHS_GEN),
    st.sampled_from(AGENCIES), any_line,
)
structured_line = st.one_of(
    any_line, sentence, dateline_line, header_line,
    st.sampled_from(["Редакция сайта ТАСС", "  Редакция ", "© Михаил Метцель/ POOL/ ТАСС",
                     "Фото: ИТАР-ТАСС", "(c) AP", "", " ", "\t", "\ufeff", "\u200b",
                     "\u202e", "\x0c", "\x85", "\u2028"]),
)
line_end = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n", "\n\r"])


@st.composite
def article_like(draw) -> str:
    """Text shaped like an article (maybe a header, a dateline, editor and credit lines),
    with arbitrary lines and line ends mixed in."""
    lines = draw(st.lists(structured_line, max_size=12))
    if draw(st.booleans()):
        lines.insert(0, draw(header_line))
    out = ""
    for line in lines:
        out += line + draw(line_end)
    return out if draw(st.booleans()) else out.rstrip("\r\n")


any_text = st.one_of(st.text(), article_like())


# -- the reader ------------------------------------------------------------------------


def check_article(a, text: str, doc_id: str) -> None:
    """The invariants of any Article that parse returns for ``text``."""
    assert a.text == text and a.doc_id == doc_id
    assert a.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    n = len(text)
    prev_end = 0
    for b in a.blocks:
        assert b.kind in ("headline", "subtitle", "editor", "credit", "dateline", "body")
        assert 0 <= prev_end <= b.start < b.end <= n, (b, prev_end)
        assert text[b.start:b.end] == b.text
        assert b.text == b.text.strip() and "\r" not in b.text and "\n" not in b.text
        prev_end = b.end
    assert [b.kind for b in a.blocks].count("headline") <= 1
    assert [b.kind for b in a.blocks].count("dateline") <= 1
    if a.headline is not None:
        assert a.blocks[0].kind == "headline" and a.blocks[0].text == a.headline
    if a.date is not None:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", a.date)
        dt.date.fromisoformat(a.date)
    if a.dateline_span is not None:
        (dateline,) = a.blocks_of("dateline")
        assert a.dateline_span == (dateline.start, dateline.end)
        assert a.dateline_city and a.dateline_city.strip() == a.dateline_city
    else:
        assert a.dateline_city is None and a.agency is None and not a.blocks_of("dateline")
    # Nothing is lost: every non-space character is in a block, except on the first
    # non-blank line (the header's "date ...", which is not a block).
    covered = bytearray(n)
    for b in a.blocks:
        covered[b.start:b.end] = b"\x01" * (b.end - b.start)
    first = next((i for i, ch in enumerate(text) if not ch.isspace()), n)
    first_end = min((i for i in (text.find("\n", first), text.find("\r", first)) if i >= 0),
                    default=n)
    for i, ch in enumerate(text):
        if not covered[i] and not ch.isspace():
            assert first <= i < first_end, (i, ch, a.blocks)


@SOME
@given(st.one_of(st.binary(max_size=300),
                 st.text(max_size=200).map(lambda t: t.encode("utf-8")),
                 st.text(max_size=200).map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
                 st.text(CYRILLIC + " .,\n\x01", max_size=200).map(
                     lambda t: t.encode("cp1251"))))
@example(b"\xef\xbb\xbf")
@example(b"\xef\xbb\xbf\xef\xbb\xbf")
@example(b"\x98")  # undefined in cp1251
@example("а\x01" * 50 + "б" * 1000)  # 5% control characters, then text
def test_decode_returns_text_or_skips(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        text, encoding, warnings = decode(data)
    except SkipFile as exc:
        assert str(exc)
        return
    assert isinstance(text, str) and text.strip()
    assert encoding in ("utf-8", "utf-8-sig", "cp1251")
    raw = data[3:] if encoding == "utf-8-sig" else data
    if encoding == "cp1251":
        assert text.encode("cp1251") == raw and warnings
    else:
        assert text.encode("utf-8") == raw and not warnings


@SOME
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cc",)), min_size=1)
       .filter(lambda t: t.strip()),
       st.booleans())
def test_clean_utf8_text_decodes_to_itself(text, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    assert decode(data) == (text, "utf-8-sig" if bom else "utf-8", [])


@SOME
@given(any_text, st.text(max_size=20))
@example(" date 2025-11-27 \n\nМОСКВА, 1 мая. /ТАСС/.", "x")
@example(" date 2025-11-27 Заголовок\rМОСКВА, 1 мая. /ТАСС/. Текст\r\n", "x")
@example("\u2028date 2025-11-27 Заголовок\x85", "")
def test_parse_never_fails_and_blocks_slice_the_text(text, doc_id):
    check_article(parse(text, doc_id), text, doc_id)


@st.composite
def clean_article(draw) -> tuple[str, str, str, str]:
    """(text with "\\n" line ends, date, headline, city) of an article in the TASS format."""
    date = draw(iso_day)
    headline = draw(words)
    city = draw(st.sampled_from(CITIES))
    paragraphs = draw(st.lists(st.lists(sentence, min_size=1, max_size=3).map(" ".join),
                               min_size=1, max_size=4))
    extra = draw(st.lists(st.sampled_from(["Редакция сайта ТАСС", "© Фото/ POOL/ ТАСС"]),
                          max_size=2))
    lines = [f" date {date.isoformat()} {headline}", *extra,
             f"{city}, {date.day} {MONTHS_GEN[date.month - 1]}. /ТАСС/. {paragraphs[0]}",
             *paragraphs[1:]]
    return "\n\n".join(lines) + "\n", date.isoformat(), headline, city


def _summary(a):
    return (a.date, a.headline, a.dateline_city, a.agency, a.subtitle,
            [(b.kind, b.text) for b in a.blocks])


@SOME
@given(clean_article())
def test_bom_crlf_cr_and_cp1251_variants_read_the_same(case):
    text, date, headline, city = case
    plain = parse(*decode(text.encode("utf-8"))[:1], "x")
    assert (plain.date, plain.headline, plain.agency) == (date, headline, "ТАСС")
    assert plain.dateline_city.upper() == city
    variants = {
        "bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "bom+crlf": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
        "cp1251": text.encode("cp1251"),
        "cp1251+crlf": text.replace("\n", "\r\n").encode("cp1251"),
    }
    for name, data in variants.items():
        decoded, encoding, warnings = decode(data)
        a = parse(decoded, "x", "", encoding, tuple(warnings))
        assert _summary(a) == _summary(plain), name
        check_article(a, decoded, "x")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("properties")


@FEW
@given(data=st.one_of(st.binary(max_size=400),
                      article_like().map(lambda t: t.encode("utf-8")),
                      article_like().map(lambda t: t.encode("utf-8", "replace")[:57])),
       relpath=st.text(min_size=1, max_size=40),
       max_bytes=st.one_of(st.none(), st.integers(0, 500)))
def test_read_article_returns_an_article_or_skips(scratch, data, relpath, max_bytes):
    path = scratch / "file.txt"
    path.write_bytes(data)
    try:
        a = read_article(path, relpath, max_bytes)
    except SkipFile as exc:
        assert str(exc)
        if max_bytes is not None and len(data) > max_bytes:
            assert "too large" in str(exc)
        return
    assert max_bytes is None or len(data) <= max_bytes
    assert a.doc_id == doc_id_for(relpath) and a.path == str(path)
    check_article(a, a.text, a.doc_id)


# -- the date normalizer ---------------------------------------------------------------

# Article dates: every valid date except the first and last year of the calendar (see
# test_relative_months_and_seasons_stay_in_the_calendar below for those).
article_date = st.dates(min_value=dt.date(2, 1, 1), max_value=dt.date(9998, 12, 31))
tense = st.sampled_from(["past", "future", None])

DATE_WORDS = (
    "27", "1", "31", "29", "3-4", "15–16", "ноября", "февраля", "мае", "сентябре", "май",
    "2025", "1992", "1899", "2099", "2100", "года", "году", "год", "г.", "гг.", "годы",
    "в", "во", "с", "по", "до", "к", "начале", "середине", "конце", "среду", "вторник",
    "прошлого", "следующем", "текущего", "этом", "осенью", "зимой", "лета", "вчера",
    "сегодня", "послезавтра", "12.06.2024", "31.02.2024", "00.13.2024", "2025-2026",
    "2026-2025", "1990—2000", "-", "–", ",", ".", "(", ")", "«", "»", "саммит", "прошел",
    "ОДКБ", "Путин",
)
dateish_text = st.lists(
    st.tuples(st.sampled_from(DATE_WORDS), st.sampled_from([" ", " ", "", "\n", "\xa0", "-"])),
    max_size=25,
).map(lambda pairs: "".join(w + s for w, s in pairs))
date_text = st.one_of(st.text(max_size=120), dateish_text)


def check_value(value: str, precision: str) -> None:
    """``value`` is a real ISO date at ``precision`` that RDF takes as a valid literal."""
    if precision == "day":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        dt.date.fromisoformat(value)
        datatype = XSD.date
    elif precision == "month":
        assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value)
        datatype = XSD.gYearMonth
    else:
        assert precision == "year" and re.fullmatch(r"\d{4}", value)
        datatype = XSD.gYear
    lit = date_literal(value)
    assert lit.datatype == datatype and not lit.ill_typed


@SOME
@given(date_text, article_date, tense, st.integers(0, 10_000))
@example("Саммит прошел 27 ноября 2025 года.", dt.date(2025, 11, 27), "past", 0)
@example("в 2026-2025 годах, 31.02.2024", dt.date(2025, 1, 1), None, 5)
def test_find_dates_values_are_iso_at_their_precision(text, day, tense_, offset):
    exprs = find_dates(text, day.isoformat(), tense_, offset=offset)
    prev_end = offset
    for e in exprs:
        assert offset <= prev_end <= e.start < e.end <= offset + len(text)
        assert text[e.start - offset:e.end - offset].strip() == e.text
        prev_end = e.end
        check_value(e.value, e.precision)
        assert e.kind in ("point", "range", "since", "until")
        if e.kind == "range":
            assert e.precision == "year" and e.end_value is not None
            check_value(e.end_value, "year")
            assert e.value <= e.end_value
        else:
            assert e.end_value is None
    # The offset only shifts the spans.
    assert [(e.start - offset, e.end - offset, e.text, e.value, e.precision, e.kind)
            for e in exprs] == [
        (e.start, e.end, e.text, e.value, e.precision, e.kind)
        for e in find_dates(text, day.isoformat(), tense_)]


@SOME
@given(date_text, tense)
def test_find_dates_without_an_article_date_keeps_only_absolute_dates(text, tense_):
    for e in find_dates(text, None, tense_):
        check_value(e.value, e.precision)
        assert re.search(r"\d{4}", e.text), e  # an explicit year (or range) is written


prefix = st.sampled_from(["", "Саммит прошел ", "Договор подписан ", "(", "«", "— "])
suffix = st.sampled_from(["", ".", " в Минске.", ",", ")", "»", " и т.д."])


@SOME
@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)),
       article_date, tense, prefix, suffix,
       st.sampled_from(["{d} {m} {y} года", "{d} {m} {y} г.", "{d} {m} {y}", "{d} {m} {y} году",
                        "с {d} {m} {y} года", "{dd}.{mm}.{y}", "с {dd}.{mm}.{y}"]))
def test_a_written_day_normalizes_to_that_day(day, article, tense_, pre, post, form):
    phrase = form.format(d=day.day, m=MONTHS_GEN[day.month - 1], y=day.year,
                         dd=f"{day.day:02d}", mm=f"{day.month:02d}")
    text = pre + phrase + post
    exprs = find_dates(text, article.isoformat(), tense_)
    assert [(e.text, e.value, e.precision, e.kind) for e in exprs] == [
        (phrase, day.isoformat(), "day", "since" if phrase.startswith("с ") else "point")]
    (e,) = exprs
    assert (e.start, e.end) == (len(pre), len(pre) + len(phrase))


@SOME
@given(st.integers(1800, 2099), st.integers(1, 12), article_date, tense, prefix, suffix,
       st.sampled_from(["в {m} {y} года", "в {m} {y} году", "в {m} {y}", "в начале {m} {y} года",
                        "{y} году", "в {y} году", "с {y} года", "{y} г."]))
def test_a_written_month_or_year_normalizes_to_it(year, month, article, tense_, pre, post,
                                                  form):
    phrase = form.format(m=MONTHS_PREP[month - 1] if "начале" not in form
                         else MONTHS_GEN[month - 1], y=year)
    exprs = find_dates(pre + phrase + post, article.isoformat(), tense_)
    expected = f"{year}-{month:02d}" if "{m}" in form else f"{year}"
    assert [(e.value, e.precision) for e in exprs] == [
        (expected, "month" if "{m}" in form else "year")]


@SOME
@given(st.integers(1, 31), st.integers(1, 12), article_date, tense)
def test_a_day_without_a_year_is_resolved_by_the_tense(d, m, article, tense_):
    """Past: on or before the article date, within a year; future: on or after it, within
    a year; present or unknown: the article's year."""
    (e,) = find_dates(f"{d} {MONTHS_GEN[m - 1]}", article.isoformat(), tense_) or [None]
    if e is None:  # no such day in the year chosen (31 April, 29 February): nothing
        assume(False)
    day = dt.date.fromisoformat(e.value)
    assert (day.month, day.day) == (m, d) and e.precision == "day"
    if tense_ == "past":
        assert article - dt.timedelta(days=366) < day <= article
    elif tense_ == "future":
        assert article <= day < article + dt.timedelta(days=366)
    else:
        assert day.year == article.year


@SOME
@given(st.integers(0, 6), article_date, tense)
def test_a_weekday_is_within_the_week_of_the_article(wd, article, tense_):
    (e,) = find_dates(f"в {WEEKDAYS_ACC[wd]}", article.isoformat(), tense_)
    day = dt.date.fromisoformat(e.value)
    assert day.weekday() == wd
    delta = (day - article).days
    assert 0 <= delta <= 6 if tense_ == "future" else -6 <= delta <= 0


EDGES = ("0001-01-01", "0001-06-01", "0001-12-31", "9999-01-01", "9999-06-15", "9999-12-31")
EDGE_PHRASES = ("вчера", "позавчера", "завтра", "послезавтра", "сегодня", "в среду",
                "в воскресенье", "в прошлом году", "в следующем году", "в сентябре",
                "в январе", "1 мая", "31 декабря", "в сентябре прошлого года",
                "1 мая следующего года", "летом следующего года", "зимой прошлого года",
                "осенью", "в начале года")


@SOME
@given(st.one_of(st.sampled_from(EDGES).map(dt.date.fromisoformat), st.dates()),
       st.lists(st.sampled_from(EDGE_PHRASES), min_size=1, max_size=4).map(", ".join),
       tense)
def test_find_dates_never_raises_for_any_calendar_date(day, text, tense_):
    """The reader accepts any real date in the header, 0001-01-01 and 9999-12-31
    included (fixed in 855402f: relative dates there raised OverflowError)."""
    for e in find_dates(text, day.isoformat(), tense_):
        assert e.precision in ("day", "month", "year") and e.value


def _in_calendar(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}(-\d{2}){0,2}", value)) and value[:4] != "0000"


@pytest.mark.parametrize("text, day, tense_", [
    ("в сентябре", "9999-12-31", "future"),  # '10000-09'
    ("1 мая следующего года", "9999-06-01", None),  # '10000-05' (the day is dropped)
    ("летом следующего года", "9999-12-31", None),  # '10000'
    ("зимой прошлого года", "0001-06-01", None),  # '0000'
    ("в сентябре прошлого года", "0001-06-01", None),  # '0000-09'
])
def test_relative_months_and_seasons_stay_in_the_calendar(text, day, tense_):
    """At an article date in year 1 or 9999 a relative month or season that would fall in
    year 0 or 10000 is dropped (it gave '0000' and '10000-09', which rdf.date_literal
    rejects)."""
    exprs = find_dates(text, day, tense_)
    assert all(_in_calendar(e.value) for e in exprs), [e.value for e in exprs]


# -- IRIs ------------------------------------------------------------------------------

HOSTILE = [
    'zzz") || true || CONTAINS("", "', "<script>alert(1)</script>", "a b", " ", "", "\t\n",
    "\x00\x01\x7f", "\u200b\u200e\u202e", "👍🏽🇷🇺", "Ёжик в тумане", "O'Reilly & Sons",
    "{x}|^`\\", "%20%3C", "http://evil.example/?q=1#f", "../../etc/passwd", "?#", "\ufeff",
    "ǅ", "ﬁ", "Ⅻ", "١٢٣", "中国", "Straße", "İstanbul", "а" * 500, "-" * 90,
    "} ; DROP GRAPH <x> ; {", "SELECT * WHERE { ?s ?p ?o }", '"""', "\\u003C",
]
any_key = st.one_of(st.text(), st.sampled_from(HOSTILE),
                    st.text(CYRILLIC + " -\"'<>", max_size=120))
FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20\x7f-\x9f]|\s')


def check_iri(iri: str, segment: str | None = None) -> None:
    assert iri.startswith(ID_NS) and iri.startswith(BASE)
    assert iri.isascii() and not FORBIDDEN.search(iri), iri
    parts = urlsplit(iri)
    assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == (
        "https", "w3id.org", "", "")
    assert "//" not in parts.path and not parts.path.endswith("/")
    if segment:
        assert parts.path.startswith(f"/newskg/id/{segment}/")
    assert _is_valid_uri(iri)  # what rdflib's URIRef checks before it warns
    assert str(URIRef(iri)) == iri
    assert pyoxigraph.NamedNode(iri).value == iri


@SOME
@given(any_key, st.sampled_from([*CLASS_SEGMENTS, "Thing", "", "<bad>"]))
@example('zzz") || true || CONTAINS("", "', "Person")
def test_entity_iri_is_valid_safe_and_deterministic(key, cls):
    iri = entity_iri(cls, key)
    check_iri(iri, CLASS_SEGMENTS.get(cls, "thing"))
    assert iri == entity_iri(cls, key)
    assert iri.rsplit("/", 1)[1] == slug(key)


@SOME
@given(any_key)
def test_role_iri_is_valid(label):
    check_iri(str(role_iri(label)), "role")


@SOME
@given(st.text(min_size=1))
@example("../статья <1>.txt")
@example("a.TXT")
def test_article_and_graph_iris_are_valid(relpath):
    doc_id = doc_id_for(relpath)
    check_iri(article_iri(doc_id), "article")
    check_iri(graph_iri(doc_id), "graph")
    assert doc_id_for(relpath) == doc_id


@SOME
@given(st.sampled_from(["post", "member", "summit", "agreement", "evidence", "participant",
                        "chairmanship", "founding", "cooperation"]),
       st.lists(any_key, max_size=5), st.lists(any_key, max_size=5))
def test_node_iri_is_valid_and_tells_keys_apart(kind, parts, other):
    iri = node_iri(kind, *parts)
    check_iri(iri, kind)
    assert iri == node_iri(kind, *parts)
    # Distinct key parts, distinct nodes (parts are joined with \x1f, so [] and [""] and
    # parts containing \x1f are ambiguous; facts' parts are "name=value").
    if parts != other and not any("\x1f" in p for p in parts + other) \
            and {tuple(parts), tuple(other)} != {(), ("",)}:
        assert node_iri(kind, *other) != iri


def hashed(key: str) -> bool:
    return slug(key).endswith(hashlib.sha1(key.encode("utf-8")).hexdigest()[:10])


# Keys a slug spells out in full: short, of letters, digits, spaces and hyphens.
spelled = st.lists(st.text(CYRILLIC + "ёЁ" + string.ascii_letters + string.digits,
                           min_size=1, max_size=8), min_size=1, max_size=4).map(" ".join)
spacing = st.sampled_from([" ", "  ", "\t", "\xa0", " - ", "-", "\n"])


@SOME
@given(spelled, spacing, st.sampled_from(["Person", "State", "InternationalOrganization"]))
def test_short_keys_differing_in_case_or_spacing_share_an_iri(key, space, cls):
    """slug: "a lowercase ASCII slug of [a-z0-9-]" -- case and runs of spaces or hyphens
    fold away (while the slug is spelled out, i.e. not over MAX_SLUG)."""
    assume(not hashed(key))  # e.g. "Ъ": nothing to spell out, hashed
    variants = [key.upper(), key.lower(), key.title(), f" {key} ", key.replace(" ", space)]
    assert {entity_iri(cls, v) for v in variants} == {entity_iri(cls, key)}


@SOME
@given(st.one_of(st.text(min_size=1), st.text("中国日本한국👍@#$%", min_size=1),
                 st.text(CYRILLIC + " ", min_size=70, max_size=200)),
       st.data())
def test_hashed_slugs_tell_distinct_keys_apart(key, data):
    """slug: "long or non-transliterable text gets a short hash so that distinct inputs
    stay distinct" -- including, then, keys differing only in case."""
    if not hashed(key):
        return  # spelled out in full: case and spacing fold (test above)
    assert len(slug(key)) <= MAX_SLUG
    other = data.draw(st.one_of(st.just(key.swapcase()), st.just(key + " "),
                                st.text(min_size=1)))
    assume(other != key)
    if hashed(other):
        assert slug(other) != slug(key)


@SOME
@given(st.lists(st.text(min_size=1, max_size=30), min_size=2, max_size=6, unique=True))
def test_doc_ids_of_distinct_txt_files_differ(stems):
    """Distinct relative paths ending in .txt (as find_sources yields them) get distinct
    document ids (and so distinct article and graph IRIs)."""
    rels = [s + ".txt" for s in stems]
    ids = [doc_id_for(r) for r in rels]
    assert len(set(ids)) == len(ids), dict(zip(rels, ids))


@FEW
@given(st.lists(st.tuples(any_key, st.sampled_from(list(CLASS_SEGMENTS))), min_size=1,
                max_size=5), st.text(min_size=1, max_size=30))
def test_minted_iris_survive_n_triples(keys, relpath):
    """rdflib writes N-Triples with the minted IRIs and the raw keys as labels; pyoxigraph
    reads back the same IRIs and labels."""
    g = Graph()
    article = URIRef(article_iri(doc_id_for(relpath)))
    expected = set()
    for key, cls in keys:
        node = URIRef(entity_iri(cls, key))
        g.add((node, RDFS.label, Literal(key)))
        g.add((article, URIRef("https://schema.org/mentions"), node))
        expected.add((str(node), key))
    data = g.serialize(format="nt", encoding="utf-8")
    quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES))
    labels = {(q.subject.value, q.object.value) for q in quads
              if q.predicate.value == str(RDFS.label)}
    # Two keys may share an IRI (same slug): then the node has both labels.
    assert labels == expected
    assert all(isinstance(q.subject, pyoxigraph.NamedNode) for q in quads)
