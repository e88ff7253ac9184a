"""The organization and the years of a chairmanship cue (kg/facts/chairmanships.py): the
organization in the cue's "в"-phrase, its clause or the article; the years of the dates the
cue's predicate governs ("в 2026 году", "в 2022-2023 годах", "с 2024 года" to the article's
year), else "в этом году" and the like.
"""

from __future__ import annotations

import re

from kg.facts.fact_context import (
    ORGS,
    anaphor_org,
    article_year,
    governed_dates,
    org_entity,
)
from kg.syntax.anaphora import is_org_anaphor
from kg.syntax.tree import children, governs, predicate, preposition, subtree


def _org_near(doc, view, i, lex, implicit, verb=None):
    """The organization of a cue: a "в"-phrase of the cue (or of its verb), an
    organization named in the clause, else (``implicit``) the one the article
    was talking about."""
    tokens = view.tokens
    heads = [i] + ([verb] if verb is not None else [])
    for h in heads:
        for j in children(view.tokens, h):
            if preposition(view.tokens, j) not in ("в", "во"):
                continue
            org = _org_in(doc, view, j, lex)
            if org is not None:
                return org
    a, b = view.clause_of(i)
    best = None
    for ref in view.refs_in(a, b, ORGS | {"Organization"}):
        org = org_entity(doc, ref)
        if org is None:
            continue
        dist = abs(ref.first - i)
        if best is None or dist < best[0]:
            best = (dist, org)
    if best is not None:
        return best[1]
    if implicit:
        for j in range(a, b):
            if is_org_anaphor(doc, tokens, j) and tokens[j].pos == "NOUN":
                return anaphor_org(doc, view, j)
        return anaphor_org(doc, view, i)
    return None


def _org_in(doc, view, j, lex):
    """The organization in the phrase headed by token ``j`` ("в органах ЕАЭС",
    "в организации")."""
    tokens = view.tokens
    for k in sorted(subtree(view.tokens, j)):
        ref = view.ref_at(k)
        if ref is not None and ref.cls in ORGS | {"Organization"}:
            org = org_entity(doc, ref)
            if org is not None:
                return org
    if is_org_anaphor(doc, tokens, j):
        return anaphor_org(doc, view, j)
    return None


def _years(doc, view, i, lex) -> list[int]:
    """Years of the dates governed by the cue's predicate (the cue itself for a verb)."""
    verbal = lex.has("chair_verb", view.tokens, i, i + 1) or lex.has("lead_verb", view.tokens,
                                                                      i, i + 1)
    p = i if verbal else predicate(view.tokens, i)
    tokens = view.tokens
    if lex.has("chair_noun", tokens, i, i + 1) and p != i and not (
            tokens[i].head == p and tokens[i].rel in ("nsubj", "nsubj:pass", "obj")):
        # "подвели итоги председательства ... в январе": the verb's date is not the
        # chairmanship's; only a date on the noun itself counts
        p = i
    years: list[int] = []
    until = None
    for d in governed_dates(view, p):
        if _after_until(view, d) and not _is_past(tokens[p]):
            until = int(d.value[:4])  # "председательствует / будет ... до 2026 года"
            continue
        years += _years_of(d, view, doc, predicate(view.tokens, p))
        years += _years_since(d, view, doc, p, lex)
    year = article_year(doc)
    if until is not None and (years or year is not None):
        start = min(years) if years else year
        if start <= until:
            years = list(range(start, until + 1))
    if years:
        return sorted(set(years))
    return _relative_years(doc, view, p, lex)


def _years_since(d, view, doc, p, lex) -> list[int]:
    """"председательствует с 2024 года" (still), "председательствовавший с 2022 года,
    передал председательство" (until the handover the article reports): every year from
    the first to the article's."""
    year = article_year(doc)
    if d.kind != "since" or year is None or not re.search(r"\d{4}|год", d.text):
        return []  # ("с 1 января": which year is the date's own reading)
    tokens = view.tokens
    ongoing = _is_present(tokens[p]) and not _is_future(tokens[p])
    handed = _is_past(tokens[p]) and any(_handed_over(lex, v, doc) for v in doc.sentences)
    first = int(d.value[:4])
    return list(range(first + 1, year + 1)) if (ongoing or handed) and first < year else []


def _handed_over(lex, view, doc) -> bool:
    """The sentence tells a handover of the chair done by now ("передал председательство",
    "принял председательство у ...", "председательство перешло к ...")."""
    tokens = view.tokens
    return any((lex.has("pass_to", tokens, k, k + 1) or lex.has("take", tokens, k, k + 1)) and
               _is_past(tokens[k]) and any(lex.has("chair_noun", tokens, j, j + 1)
                                           for j in range(len(tokens)))
               for k in range(len(tokens)))


def _years_of(d, view=None, doc=None, p=None) -> list[int]:
    first = int(d.value[:4])
    if d.kind == "range" and d.end_value:
        return list(range(first, int(d.end_value[:4]) + 1))
    if d.kind == "since" and doc is not None and doc.article.date and \
            not re.search(r"\d{4}", d.text) and d.value < doc.article.date and \
            not _is_past(view.tokens[p]):
        return [first + 1]  # "с 1 января" in December: the coming January
    return [first]


def _after_until(view, d) -> bool:
    """The date follows "до" ("до 2026 года"): the end of a period."""
    k = view.token_index(d.start)
    return k > 0 and view.tokens[k - 1].lemma == "до"


def _relative_years(doc, view, p, lex) -> list[int]:
    year = article_year(doc)
    if year is None:
        return []
    tokens = view.tokens
    for kind, shift in (("this_year", 0), ("next_year", 1), ("last_year", -1)):
        for a, b in lex.find(kind, tokens):
            if governs(view.tokens, p, b - 1):
                return [year + shift]
    return []


def _current(doc) -> list[int]:
    year = article_year(doc)
    return [year] if year else []


def _is_present(t) -> bool:
    return t.feat("Tense") == "Pres" and t.feat("Aspect") != "Perf"


def _is_past(t) -> bool:
    return t.feat("Tense") == "Past"


def _is_future(t) -> bool:
    return t.feat("Tense") == "Fut" or (t.feat("Tense") == "Pres" and t.feat("Aspect") == "Perf")

