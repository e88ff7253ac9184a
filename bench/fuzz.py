"""Fuzz the whole pipeline (a script, not a test): generated and mutated articles must never
crash it.

    .venv/bin/python bench/fuzz.py                          # 2000 cases, at most 600 s
    .venv/bin/python bench/fuzz.py --cases 3000 --seconds 900 --seed 0
    .venv/bin/python bench/fuzz.py --replay 123              # one case again, traceback shown
    .venv/bin/python bench/fuzz.py --file /tmp/kg-fuzz-crashes/case-123.txt

Each case starts from an article of tests/corpus or tests/heldout (or one generated from
their sentences), applies 1-6 random mutations (sentences and lines deleted, duplicated or
swapped; control, zero-width, RTL, emoji characters; very long tokens; punctuation; quotes
and SPARQL fragments; impossible or future dates; random Cyrillic names; a paragraph
repeated; an empty or missing header; CRLF, BOM, cp1251; the bytes cut anywhere ...), and
runs what ``kg build`` runs on a file:

    read_article (a file on disk) -> pipeline.extract -> rdf.article_graph
    -> N-Triples (rdflib) -> parsed back by pyoxigraph

SkipFile from the reader is an answer, not a crash. Any other exception is a crash, and so
is a broken invariant (a block, mention or evidence span that does not slice the text, a
triple lost on the way through N-Triples) or a case running over --case-timeout seconds.
A crash prints the case (seed, index, base article, mutations) and saves the bytes read and
a .json with the traceback in --crashes. Case i depends only on (--seed, i), so any case can
be replayed. Models are loaded once, before the clock starts; BLAS runs one thread (as in
a build's workers), which keeps natasha at 0.1-0.3 s an article on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = [ROOT / "tests" / "corpus", ROOT / "tests" / "heldout"]
MAX_CHARS = 20_000  # articles are capped here so thousands of cases fit in minutes

MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря")
CYR_UP = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
CYR_LOW = CYR_UP.lower()
CONTROL = [chr(c) for c in (*range(1, 9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0))]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
        "\u2067", "\u2068", "\u2069", "\u061c"]
EMOJI = ["😀", "🇷🇺", "👍🏽", "👨‍👩‍👧", "🏳️‍🌈", "❤️", "🔥", "𝕏", "🀄", "\U0010fffd"]
ODD = ["\u0301", "\u0306", "\u2028", "\u2029", "\x85", "\xa0", "\u2009", "\u3000", "ﬁ", "Ⅻ",
       "ǅ", "İ", "ß", "ς", "\ufffd", "\ufffe", "中", "ع", "א", "ё", "Ё", "й", "\u0438\u0306"]
PUNCT = list("«»\"'„“”‘’()[]{}<>.,;:!?—–-…/\\|#@&*%^~`$+=_") + ["...", "!!!", "?!", "--", "—–—"]
INJECT = [
    '"', "'", '"""', "«", "»", "\\", "\\\"", "<", ">", "<>", "&lt;", "%22", "\\u0022",
    'zzz") || true || CONTAINS("", "', '"} ; DROP ALL ; {', "SERVICE <http://127.0.0.1:1/>",
    "<http://evil.example/x> <http://evil.example/p> \"o\" .", "_:b0 a <x> .",
    "SELECT * WHERE { ?s ?p ?o }", "FILTER(regex(?x, \".*\"))", "'; DROP TABLE articles; --",
    "{{7*7}}", "${jndi:ldap://x}", "<script>alert(1)</script>", "\\n\\r\\t", "@prefix : <#> .",
    "\"@en", "^^xsd:date", "\"^^<http://www.w3.org/2001/XMLSchema#date>",
]
BAD_HEADER_DATES = ["2025-02-30", "2025-13-01", "2025-00-10", "0000-00-00", "0001-01-01",
                    "9999-12-31", "2099-12-31", "3000-01-01", "1799-12-31", "20250101",
                    "2025-1-1", "27.11.2025", "date", "", "-", "2025-11-27T10:00",
                    "２０２５-１１-２７", "٢٠٢٥-١١-٢٧"]
BAD_DAYS = ["0", "00", "31", "32", "99", "29", "30", "3-4", "15–16", "1 - 31"]
BAD_YEARS = ["0001", "0000", "1799", "1800", "2099", "2100", "2999", "9999", "99999", "20",
             "-2025", "２０２５"]
CITIES = ["МОСКВА", "МИНСК", "БИШКЕК", "НЬЮ-ЙОРК", "САНКТ-ПЕТЕРБУРГ", "НУР-СУЛТАН", "Я",
          "ЙЁЪ-ЬЬЬ ЪЪ-Ы", "X", "ABC DEF"]

_SENT = re.compile(r"(?<=[.!?…])\s+")
_NAME = re.compile(r"\b[А-ЯЁ][а-яё]{2,}\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(\s+)(" + "|".join(MONTHS_GEN) + r")")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_HEADER_DATE = re.compile(r"^(\s*date\s+)(\S+)")
_DATELINE_LINE = re.compile(
    r"(?m)^[A-ZА-ЯЁ][A-ZА-ЯЁ \-]*, \d{1,2} [а-яё]+\.? ?(?:/[^/\n]*/\.?|- [^.\n]*\.) ?")


def corpus_texts() -> list[tuple[str, str]]:
    texts = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            texts.append((path.name, path.read_text(encoding="utf-8")))
    if not texts:
        sys.exit(f"no articles under {', '.join(map(str, SOURCES))}")
    return texts


# -- random strings --------------------------------------------------------------------


def rand_cyrillic(rng: random.Random, n: int | None = None) -> str:
    n = n if n is not None else rng.randint(1, 14)
    word = "".join(rng.choice(CYR_LOW) for _ in range(n))
    style = rng.random()
    if style < 0.6:
        return word.capitalize()
    if style < 0.75:
        return word.upper()
    if style < 0.85:
        return word + "-" + rand_cyrillic(rng, rng.randint(1, 6))
    return word


def rand_unicode(rng: random.Random) -> str:
    pool = rng.choice([CONTROL, ZERO_WIDTH, BIDI, EMOJI, ODD, PUNCT])
    if rng.random() < 0.1:
        return chr(rng.choice([rng.randint(0x20, 0xD7FF), rng.randint(0xE000, 0x10FFFF)]))
    return rng.choice(pool)


def rand_token(rng: random.Random) -> str:
    n = rng.choice([200, 1000, 3000, 8000])
    kind = rng.randrange(5)
    if kind == 0:
        return "".join(rng.choice(CYR_LOW) for _ in range(n))
    if kind == 1:
        return "-".join(rand_cyrillic(rng, 3) for _ in range(n // 4))
    if kind == 2:
        return "".join(rng.choice("0123456789") for _ in range(n))
    if kind == 3:
        return rng.choice(["А", "а", "x", "(", "«", ".", "-", "ОДКБ"]) * (n // 2)
    return "".join(rand_unicode(rng) for _ in range(n // 10))


# -- mutations (text -> text) ----------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return _SENT.split(text)


def _at(rng: random.Random, text: str) -> int:
    """A position: anywhere, or at a space (so words stay whole)."""
    if not text:
        return 0
    if rng.random() < 0.5:
        spaces = [m.start() for m in re.finditer(r"\s", text)]
        if spaces:
            return rng.choice(spaces)
    return rng.randint(0, len(text))


def m_delete_sentence(rng, text):
    s = _sentences(text)
    if len(s) > 1:
        del s[rng.randrange(len(s))]
    return " ".join(s)


def m_duplicate_sentence(rng, text):
    s = _sentences(text)
    i = rng.randrange(len(s))
    s.insert(rng.randrange(len(s) + 1), s[i])
    return " ".join(s)


def m_swap_sentences(rng, text):
    s = _sentences(text)
    if len(s) > 1:
        i, j = rng.randrange(len(s)), rng.randrange(len(s))
        s[i], s[j] = s[j], s[i]
    return " ".join(s)


def m_delete_line(rng, text):
    lines = text.split("\n")
    if len(lines) > 1:
        del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def m_duplicate_line(rng, text):
    lines = text.split("\n")
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
    return "\n".join(lines)


def m_swap_lines(rng, text):
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def m_shuffle_words(rng, text):
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    words = lines[i].split(" ")
    rng.shuffle(words)
    lines[i] = " ".join(words)
    return "\n".join(lines)


def m_unicode(rng, text):
    for _ in range(rng.randint(1, 30)):
        i = _at(rng, text)
        text = text[:i] + rand_unicode(rng) + text[i:]
    return text


def m_control_run(rng, text):
    i = _at(rng, text)
    return text[:i] + "".join(rng.choice(CONTROL) for _ in range(rng.randint(1, 40))) + text[i:]


def m_bidi_wrap(rng, text):
    """RTL override / zero-width characters around or inside names."""
    names = list(_NAME.finditer(text))
    for m in rng.sample(names, min(len(names), rng.randint(1, 5))):
        mark = rng.choice(BIDI + ZERO_WIDTH)
        cut = rng.randint(m.start(), m.end())
        text = text[:cut] + mark + text[cut:]
    return text


def m_long_token(rng, text):
    i = _at(rng, text)
    sep = rng.choice([" ", "", "\n"])
    return text[:i] + sep + rand_token(rng) + sep + text[i:]


def m_punctuation(rng, text):
    for _ in range(rng.randint(1, 20)):
        i = _at(rng, text)
        text = text[:i] + "".join(rng.choice(PUNCT) for _ in range(rng.randint(1, 6))) + text[i:]
    return text


def m_inject(rng, text):
    for _ in range(rng.randint(1, 5)):
        i = _at(rng, text)
        text = text[:i] + rng.choice(INJECT) + text[i:]
    return text


def m_quote_names(rng, text):
    """Quotes, brackets and SPARQL bits inside and around names."""
    names = list(_NAME.finditer(text))
    out, last = [], 0
    for m in sorted(rng.sample(names, min(len(names), rng.randint(1, 6))), key=lambda m: m.start()):
        frag = rng.choice(INJECT + ['"', "«", "»", "(", ")"])
        out.append(text[last:m.start()])
        out.append(rng.choice([frag + m.group(0), m.group(0) + frag,
                               m.group(0)[:2] + frag + m.group(0)[2:]]))
        last = m.end()
    return "".join(out) + text[last:]


def m_replace_names(rng, text):
    names = sorted({m.group(0) for m in _NAME.finditer(text)})
    for name in rng.sample(names, min(len(names), rng.randint(1, 8))):
        text = text.replace(name, rand_cyrillic(rng) + rng.choice(["", " " + rand_cyrillic(rng)]))
    return text


def m_header_date(rng, text):
    return _HEADER_DATE.sub(lambda m: m.group(1) + rng.choice(BAD_HEADER_DATES), text, count=1)


def m_body_dates(rng, text):
    text = _DAY_MONTH.sub(lambda m: (rng.choice(BAD_DAYS) if rng.random() < 0.5 else m.group(1))
                          + m.group(2) + rng.choice(MONTHS_GEN), text)
    return _YEAR.sub(lambda m: rng.choice(BAD_YEARS) if rng.random() < 0.5 else m.group(0), text)


def m_date_phrases(rng, text):
    """Date expressions that are odd, relative or impossible, with tense markers."""
    phrases = [f"{rng.choice(BAD_DAYS)} {rng.choice(MONTHS_GEN)} {rng.choice(BAD_YEARS)} года",
               "вчера", "завтра", "позавчера", "послезавтра", "в среду", "во вторник",
               "в прошлом году", "в следующем году", "летом следующего года",
               "в сентябре прошлого года", "в начале года", "с 2030 по 1990 годы",
               "31.02.2024", "00.00.0000", "29.02.2023", "1990—2100 гг.", "с 1 января",
               f"{rng.randint(1, 31)} {rng.choice(MONTHS_GEN)}"]
    for _ in range(rng.randint(1, 6)):
        i = _at(rng, text)
        text = text[:i] + " " + rng.choice(phrases) + rng.choice([" ", ". ", ", "]) + text[i:]
    return text


def m_calendar_edge(rng, text):
    """An article dated at an end of the calendar, with relative dates in its sentences."""
    edge = rng.choice(["0001-01-01", "0001-06-01", "0001-12-31", "9999-01-01", "9999-06-15",
                       "9999-12-31"])
    text = _HEADER_DATE.sub(lambda m: m.group(1) + edge, text, count=1)
    if not _HEADER_DATE.match(text):
        text = f" date {edge} Заголовок\n\n" + text
    phrases = ["в следующем году", "летом следующего года", "в сентябре прошлого года",
               "зимой прошлого года", "1 января", "31 декабря", "в сентябре", "в январе",
               "вчера", "завтра", "в среду", "в воскресенье", "с 1 января", "до 31 декабря",
               "1 мая следующего года"]
    spaces = [m.start() for m in re.finditer(" ", text[:3000])]
    for i in sorted(rng.sample(spaces, min(len(spaces), rng.randint(1, 6))), reverse=True):
        text = text[:i] + " " + rng.choice(phrases) + text[i:]
    return text


def m_repeat_paragraph(rng, text):
    paras = text.split("\n\n")
    i = rng.randrange(len(paras))
    times = rng.choice([5, 20, 100, 300])
    paras[i:i + 1] = [paras[i]] * times
    return "\n\n".join(paras)


def m_empty_header(rng, text):
    lines = text.split("\n")
    lines[0] = rng.choice(["", " ", " date ", "date", " date 2025-11-27", " date 2025-11-27 ",
                           " date\t2025-11-27\t", "date 2025-11-27 " + "«" * 50,
                           " date 2025-11-27 " + rand_token(rng)[:500], "\ufeff date 2025-11-27 Х"])
    return "\n".join(lines)


def m_drop_header(rng, text):
    return text.split("\n", 1)[1] if "\n" in text else ""


def m_dateline(rng, text):
    """The dateline's city, day, month or agency changed."""
    city = rng.choice(CITIES + [rand_cyrillic(rng).upper()])
    agency = rng.choice(["/ТАСС/.", "/Новости-Грузия/.", "- РИА Новости.", "/" + "Ъ" * 60 + "/.",
                         "/ /.", "//.", "/" + rand_cyrillic(rng) + "/."])
    day = rng.choice(BAD_DAYS + [str(rng.randint(1, 28))])
    line = f"{city}, {day} {rng.choice(MONTHS_GEN)}. {agency} "
    if rng.random() < 0.8:
        return _DATELINE_LINE.sub(lambda m: line, text, count=1)
    return line + text


def m_case(rng, text):
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    lines[i] = rng.choice([str.upper, str.lower, str.swapcase, str.title])(lines[i])
    return "\n".join(lines)


def m_whitespace(rng, text):
    ws = rng.choice(["\xa0", "\t", "\u2028", "\x0b", "\x0c", "  ", "\u3000", "\u2009", "\r", ""])
    return "".join(ws if ch == " " and rng.random() < 0.3 else ch for ch in text)


def m_one_line(rng, text):
    return text.replace("\n", rng.choice([" ", "", "\u2029"]))


def m_many_lines(rng, text):
    return "\n".join(text.split(" ")) if rng.random() < 0.5 else "\n".join(text)[:MAX_CHARS]


def m_truncate(rng, text):
    return text[:rng.randint(0, len(text))]


def m_numbers(rng, text):
    bits = ["1.2.3", "12.06.2024", "3-4", "2025-2026", "№1", "100500", "1,5", "0,0001",
            "2025-11-27", "1e309", "-0", "NaN", "½", "²", "١٢٣", "۲۰۲۵"]
    for _ in range(rng.randint(1, 10)):
        i = _at(rng, text)
        text = text[:i] + " " + rng.choice(bits) + " " + text[i:]
    return text


TEXT_MUTATIONS = [
    m_delete_sentence, m_duplicate_sentence, m_swap_sentences, m_delete_line, m_duplicate_line,
    m_swap_lines, m_shuffle_words, m_unicode, m_control_run, m_bidi_wrap, m_long_token,
    m_punctuation, m_inject, m_quote_names, m_replace_names, m_header_date, m_body_dates,
    m_date_phrases, m_calendar_edge, m_repeat_paragraph, m_empty_header, m_drop_header,
    m_dateline, m_case, m_whitespace, m_one_line, m_many_lines, m_truncate, m_numbers,
]


# -- bytes -----------------------------------------------------------------------------


def to_bytes(rng: random.Random, text: str, steps: list[str]) -> bytes:
    """Line ends, encoding, BOM and byte-level damage."""
    r = rng.random()
    if r < 0.1:
        text = text.replace("\n", "\r\n")
        steps.append("crlf")
    elif r < 0.13:
        text = text.replace("\n", "\r")
        steps.append("cr")
    r = rng.random()
    if r < 0.08:
        data = text.encode("cp1251", "replace")
        steps.append("cp1251")
    elif r < 0.18:
        data = b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
        steps.append("bom")
    elif r < 0.2:
        data = text.encode("utf-16")
        steps.append("utf-16")
    else:
        data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:
        cut = rng.randint(0, len(data))
        data = data[:cut]
        steps.append(f"cut_bytes@{cut}")
    if rng.random() < 0.05:
        for _ in range(rng.randint(1, 5)):
            i = rng.randint(0, len(data))
            data = data[:i] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 4))) + data[i:]
        steps.append("random_bytes")
    return data


# -- cases -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _corpus_sentences(texts: tuple[tuple[str, str], ...]) -> list[str]:
    return [s for _, t in texts for line in t.split("\n")[1:] for s in _sentences(line)
            if len(s) > 20]


def generated(rng: random.Random, texts: list[tuple[str, str]]) -> str:
    """An article made of random corpus sentences under a header and a dateline."""
    sentences = _corpus_sentences(tuple(texts))
    year, month, day = rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28)
    head = rng.choice(sentences)[:120]
    paras = [" ".join(rng.choice(sentences) for _ in range(rng.randint(1, 5)))
             for _ in range(rng.randint(1, 8))]
    city = rng.choice(CITIES[:6])
    return (f" date {year:04d}-{month:02d}-{day:02d} {head}\n\n{city}, {day} "
            f"{MONTHS_GEN[month - 1]}. /ТАСС/. " + "\n\n".join(paras) + "\n")


def make_case(seed: int, index: int, texts: list[tuple[str, str]]) -> tuple[bytes, dict]:
    rng = random.Random(f"kg-fuzz:{seed}:{index}")
    if rng.random() < 0.2:
        base, text = "generated", generated(rng, texts)
    else:
        base, text = rng.choice(texts)
    if rng.random() < 0.1:  # splice two articles
        other_name, other = rng.choice(texts)
        text = text[:rng.randint(0, len(text))] + other[rng.randint(0, len(other)):]
        base += "+" + other_name
    steps: list[str] = []
    n = 1
    while n < 6 and rng.random() < 0.55:
        n += 1
    for _ in range(n):
        mutation = rng.choice(TEXT_MUTATIONS)
        text = mutation(rng, text)
        steps.append(mutation.__name__[2:])
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        steps.append(f"cap@{MAX_CHARS}")
    data = to_bytes(rng, text, steps)
    relpath = rng.choice(["a.txt", "статья 1.txt", "sub/dir/x y.txt", "../odd\"name<>.txt",
                          f"case-{index}.TXT"])
    return data, {"seed": seed, "case": index, "base": base, "mutations": steps,
                  "relpath": relpath, "bytes": len(data)}


# -- the pipeline ----------------------------------------------------------------------


class CaseTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise CaseTimeout("case ran over --case-timeout")


def run_pipeline(path: Path, relpath: str, ctx, version: str) -> dict:
    """read -> extract -> graph -> N-Triples -> pyoxigraph; returns counts or raises."""
    import pyoxigraph

    from kg.articles import SkipFile, read_article
    from kg.pipeline import extract
    from kg.rdf import article_graph

    try:
        article = read_article(path, relpath)
    except SkipFile as exc:
        return {"skipped": str(exc)}
    text = article.text
    for b in article.blocks:
        assert text[b.start:b.end] == b.text, f"block {b} does not slice the text"
    result = extract(article, ctx)
    for m in result.mentions:
        assert 0 <= m.start <= m.end <= len(text), f"mention {m} out of the text"
    for e in result.extraction.entities:
        for s, t in e.mentions:
            assert 0 <= s <= t <= len(text), f"entity {e.iri} mention {(s, t)} out of the text"
    for f in result.extraction.facts:
        ev = f.evidence
        assert text[ev.start:ev.end] == ev.text, f"evidence of {f.kind} does not slice the text"
    g_iri, graph = article_graph(result.extraction, version)
    data = graph.serialize(format="nt", encoding="utf-8")
    quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert len(quads) == len(graph), f"{len(graph)} triples written, {len(quads)} read back"
    pyoxigraph.NamedNode(str(g_iri))
    return {"entities": len(result.extraction.entities), "facts": len(result.extraction.facts),
            "triples": len(graph)}


def run_case(data: bytes, meta: dict, ctx, version: str, workdir: Path,
             timeout: float) -> tuple[dict | None, str | None]:
    """(outcome, None) or (None, traceback)."""
    path = workdir / "article.txt"
    path.write_bytes(data)
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return run_pipeline(path, meta["relpath"], ctx, version), None
    except Exception:  # noqa: BLE001 - every exception is a finding
        return None, traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def save_crash(folder: Path, data: bytes, meta: dict, tb: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"seed{meta['seed']}-case{meta['case']}"
    stem.with_suffix(".txt").write_bytes(data)
    stem.with_suffix(".json").write_text(json.dumps({**meta, "traceback": tb}, ensure_ascii=False,
                                                    indent=1), encoding="utf-8")
    return stem.with_suffix(".txt")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--seconds", type=float, default=600, help="stop after this long")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--start", type=int, default=0, help="index of the first case")
    ap.add_argument("--crashes", type=Path, default=Path("/tmp/kg-fuzz-crashes"))
    ap.add_argument("--case-timeout", type=float, default=60,
                    help="a case running longer is a crash (a hang)")
    ap.add_argument("--replay", type=int, help="run case N only and show it")
    ap.add_argument("--file", type=Path, help="run this file only (e.g. a saved crash)")
    ap.add_argument("--quiet", action="store_true", help="no progress lines")
    args = ap.parse_args(argv)

    from threadpoolctl import threadpool_limits

    from kg.pipeline import extractor_version, load_context

    t0 = time.perf_counter()
    ctx = load_context()
    threadpool_limits(1)
    version = extractor_version()
    texts = corpus_texts()
    print(f"models loaded in {time.perf_counter() - t0:.1f} s; {len(texts)} base articles",
          flush=True)

    with tempfile.TemporaryDirectory(prefix="kg-fuzz-") as tmp:
        workdir = Path(tmp)
        if args.file or args.replay is not None:
            if args.file:
                data, meta = args.file.read_bytes(), {"seed": None, "case": str(args.file),
                                                      "relpath": args.file.name}
            else:
                data, meta = make_case(args.seed, args.replay, texts)
            print(json.dumps(meta, ensure_ascii=False))
            out, tb = run_case(data, meta, ctx, version, workdir, args.case_timeout)
            print(tb or f"ok: {out}")
            return 1 if tb else 0

        crashes, skipped, ran = [], 0, 0
        kinds: dict[str, int] = {}
        start = time.perf_counter()
        for index in range(args.start, args.start + args.cases):
            if time.perf_counter() - start > args.seconds:
                print(f"time bound of {args.seconds:g} s reached", flush=True)
                break
            data, meta = make_case(args.seed, index, texts)
            out, tb = run_case(data, meta, ctx, version, workdir, args.case_timeout)
            ran += 1
            if tb:
                saved = save_crash(args.crashes, data, meta, tb)
                crashes.append(meta)
                last = tb.strip().splitlines()[-1]
                kinds[last] = kinds.get(last, 0) + 1
                print(f"CRASH seed={meta['seed']} case={index} base={meta['base']} "
                      f"mutations={meta['mutations']} -> {last} (saved {saved})", flush=True)
            elif "skipped" in out:
                skipped += 1
            if not args.quiet and ran % 100 == 0:
                el = time.perf_counter() - start
                print(f"[{ran}] {el:.0f} s, {ran / el:.1f} cases/s, {len(crashes)} crashes, "
                      f"{skipped} skipped", flush=True)
        seconds = time.perf_counter() - start

    print(f"cases run: {ran}")
    print(f"crashes: {len(crashes)}")
    print(f"skipped by the reader (SkipFile): {skipped}")
    print(f"seconds: {seconds:.1f}")
    print(f"cases/s: {ran / seconds if seconds else 0:.2f}")
    for last, count in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {count} x {last}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
