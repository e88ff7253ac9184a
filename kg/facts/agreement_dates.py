"""Agreements: when and where a document was signed: its clause's date, the date of the event
it was signed at, the sentence before; the place stated, the city it is named after, the
event's place.
"""

from __future__ import annotations

import re

from kg.dates import lexicon as dates_lexicon
from kg.dates import tense_of
from kg.facts.agreement_context import Ctx
from kg.facts.agreement_records import (
    CONTEXT,
    EVENT,
    HEADLINE,
    HEADLINES,
    NOMINAL,
    PLACE_CLASSES,
    PRECISION,
    DocDate,
    DocNoun,
    Report,
    Seg,
    is_participle,
    modifier,
    skip_left,
    words,
)
from kg.facts.base import SentView
from kg.gazetteer import word_stem
from kg.phrases import fold
from kg.syntax.agreement import agrees

# -- date and place -------------------------------------------------------------------


def signing_date(ctx: Ctx, view: SentView, v: int, seg: Seg, place: str | None = None):
    """(date, place of the event) of a signing: a date of its clause, of the main clause
    ("..., когда ... подписали"), the article's date in a headline, or the date of the event
    it happened at (held at ``place`` when the document is named after one)."""
    found = _dates_in(ctx, view, seg.tokens)
    if found:
        return min(found, key=lambda x: abs(x[0] - v))[1], None
    if seg.opener == "when":
        main = ctx.seg_of(view, max(0, seg.start - 2))
        found = [x for x in _dates_in(ctx, view, main.tokens) if x[0] < seg.start]
        if found:
            return found[-1][1], None
    article = ctx.doc.article.date
    if view.sentence.block in HEADLINES and article:
        return DocDate(article, "day", source=HEADLINE), None  # a headline tells the day's news
    lemmas = _events_in(ctx, view, seg)
    starts = any(ctx.has("event_start", view, k) for k in seg.tokens)
    if lemmas or starts:
        return _event_date(ctx, view, lemmas, opening=starts, place=place)
    they = any(ctx.has("they", view, k) and view.tokens[k].pos == "PRON" for k in seg.tokens)
    if they and view.index > 0:  # "они подписали": the people of the event just told
        before = ctx.doc.sentences[view.index - 1]
        lemmas = set().union(*(_events_in(ctx, before, x) for x in ctx.segs(before)))
        if lemmas:
            return _event_date(ctx, view, lemmas, place=place)
    return None, None


def _dates_in(ctx: Ctx, view: SentView, tokens) -> list[tuple[int, DocDate]]:
    """(token, date) of each date of signing among ``tokens``."""
    toks = view.tokens
    out = []
    for d in view.dates:
        k = view.token_index(d.start)
        if k not in tokens or d.kind != "point":
            continue
        block = words("date_block")
        if d.text.split()[0].lower() in block:
            continue  # "до 2030 года", "с 1 января"
        j = k - 1
        if j >= 0 and (toks[j].lemma in block or toks[j].text.lower() in block):
            continue  # "на 2025-2026 годы", "до 2045 года"
        out.append((k, DocDate(d.value, d.precision, _guessed_year(d))))
    return sorted(out)  # a bare "накануне" is among the view's dates (kg.facts.base)


def context_date(ctx: Ctx, view: SentView, r: Report) -> DocDate | None:
    """"ЕС и МЕРКОСУР в пятницу объявили о ... . Совместное заявление ЕС и МЕРКОСУР
    подписали ...": an undated report goes on with the story of the sentence before in its
    paragraph when that names one of its parties; its one date (not a future one) is taken."""
    doc = ctx.doc
    if view.index == 0 or view.sentence.block != "body":
        return None
    before = doc.sentences[view.index - 1]
    if before.sentence.block != "body" or \
            "\n" in doc.article.text[before.sentence.end:view.sentence.start]:
        return None
    parties = set(r.explicit + r.strong + r.signer_parties)
    if not parties & {e.iri for e in ctx.ents(before)}:
        return None
    found = {d for seg in ctx.segs(before) if seg.opener == "main"
             for _, d in _dates_in(ctx, before, seg.tokens)}
    article = doc.article.date
    if len(found) != 1:
        return None
    (date,) = found
    if article and date.value > article[:len(date.value)]:
        return None
    return date._replace(source=CONTEXT)


def _guessed_year(d) -> bool:
    """A day or month whose year the text does not give ("в декабре", "12 мая")."""
    if d.precision == "year" or re.search(r"\d{4}", d.text):
        return False
    words = set(re.findall(r"\w+", d.text.lower()))
    lx = dates_lexicon()
    return bool(words & set(lx.months)) and not words & set(lx.relyears)


def _event_date(ctx: Ctx, view: SentView, lemmas: set[str], opening: bool = False,
                place: str | None = None):
    """The date the article gives to the event the document was signed at: the nearest
    clause (not in the future tense) with the event and a date ("заседание, которое прошло в
    воскресенье" counts), not held elsewhere than ``place``; for its first day (``opening``)
    a clause that tells it opened ("саммит, открывшийся во вторник") comes first."""
    found = []
    article = ctx.doc.article.date
    for other in ctx.doc.sentences:
        for seg in ctx.segs(other):
            if tense_of([other.tokens[k] for k in sorted(seg.tokens)]) == "future":
                continue
            events = _events_in(ctx, other, seg)
            if not events or (lemmas and not events & lemmas):
                continue
            for _, date in _dates_in(ctx, other, seg.tokens):
                if article and date.value > article[:len(date.value)]:
                    continue
                held = _located(ctx, other, seg.tokens, seg.start)
                if place and held and held != place:
                    continue  # "на заседании в Каире" for the "Джиддская декларация"
                opened = any(ctx.has("event_open", other, k) for k in seg.tokens)
                found.append((opening and not opened, abs(other.index - view.index),
                              -PRECISION.get(date.precision, 0),
                              date._replace(source=EVENT), held))
    if not found:
        return _event_date(ctx, view, set(), opening, place) if lemmas else (None, None)
    return min(found)[3:]


def _events_in(ctx: Ctx, view: SentView, seg: Seg) -> set[str]:
    """Lemmas of the events a clause is about: its event nouns, or the event noun a relative
    or participle clause is attached to."""
    toks = view.tokens
    found = {toks[k].lemma for k in seg.tokens if ctx.has("event", view, k)}
    if seg.opener in ("relative", "participle"):
        word = next((toks[k] for k in sorted(seg.tokens)
                     if ctx.has("relative", view, k) or is_participle(toks[k])), None)
        for k in range(seg.start - 1, -1, -1):
            t = toks[k]
            if t.pos in NOMINAL and view.ref_at(k) is None and word is not None and \
                    agrees(word, t, with_case=is_participle(word)):
                if ctx.has("event", view, k):
                    found.add(t.lemma)
                break
    return found


def _located(ctx: Ctx, view: SentView, tokens, v: int) -> str | None:
    """The city or country "в X" among ``tokens`` nearest to token ``v``."""
    toks = view.tokens
    best = None
    for e in ctx.ents(view):
        if e.first not in tokens or e.cls not in PLACE_CLASSES or toks[e.first].pos == "ADJ":
            continue
        k = skip_left(view, e.first - 1)
        if k >= 0 and toks[k].pos == "ADP" and toks[k].lemma in words("place_prep") and \
                toks[e.first].feat("Case") in ("Loc", None):
            if best is None or abs(e.first - v) < abs(best.first - v):
                best = e
    return best.iri if best else None


def named_place(ctx: Ctx, view: SentView, d: DocNoun) -> str | None:
    """The city a document is named after, where it was signed: "Джиддская декларация",
    "Декларация Рио-де-Жанейро"."""
    toks = view.tokens
    after = view.ref_starting(d.last)
    if after is not None and after.cls in PLACE_CLASSES - {"State"} and \
            toks[after.first].feat("Case") in ("Gen", None):
        return after.iri
    stems = set()
    k = d.first - 1
    while k >= 0 and modifier(toks[k]):
        lemma = fold(toks[k].lemma)
        stems |= {lemma[:-2].rstrip("ь"), lemma[:-4].rstrip("ь")} if lemma.endswith("ский") \
            else set()
        k -= 1
    for e in ctx.doc.entities:
        if e.cls in PLACE_CLASSES - {"State"} and stems & {
                word_stem(part).rstrip("ь") for part in re.split(r"[\s-]+", e.label)}:
            return e.iri
    return None


def signing_place(ctx: Ctx, view: SentView, v: int, seg: Seg, zone: list[int]) -> str | None:
    toks = view.tokens
    found = _located(ctx, view, set(zone), v)
    if found:
        return found
    for k in seg.tokens:
        if ctx.has("there", view, k):
            ref = ctx.doc.last_ref(toks[k].start, {"City"}, within=2)
            if ref:
                return ref.iri
    if seg.opener == "where":
        before = [e for e in ctx.ents(view) if e.last <= seg.start and e.cls in PLACE_CLASSES]
        if before:
            return before[-1].iri
    return None
