"""Founding by a constituent treaty: "Договор об учреждении Евразийского экономического
сообщества ... подписали 10 октября 2000 года. Документ вступил в силу 30 мая 2001 года",
"Договор о Евразийском экономическом союзе был подписан 29 мая 2014 года и действует с 1
января 2015 года". The treaty is named ("Договор", "Устав", capitalized) and names the
organization it creates ("об учреждении X", "о создании X", "о X"); its date is the day it
was signed; the organization's founding date is the day it entered into force, in the same
sentence or the next one ("Документ вступил в силу ...", cue words ``in_force`` of
``ontology/lexicon/founding.tsv``). A future or hypothetical entry into force gives none.
"""

from __future__ import annotations

from kg.facts.base import Doc, SentView
from kg.facts.fact_context import ORGS, governed_dates
from kg.syntax.modality import has_cue, reading
from kg.syntax.tree import children

DOCUMENT_ANAPHORS = {"документ", "договор", "соглашение", "устав"}


def constituent_treaties(doc: Doc, lex, label_of) -> list[tuple[object, dict]]:
    """(organization entity, founding info) for each constituent treaty of the article;
    ``label_of(view, first, last)`` gives a treaty's label."""
    out = []
    for n, view in enumerate(doc.sentences):
        tokens = view.tokens
        for k, t in enumerate(tokens):
            if not (t.pos in ("NOUN", "PROPN") and t.text[:1].isupper() and
                    lex.has("treaty_noun", tokens, k, k + 1)):
                continue
            found = _created_org(doc, view, k, lex)
            if found is None:
                continue
            org, end = found
            signed = _signed_date(doc, view, k, lex)
            in_force = _in_force_date(doc, view, k, lex)
            if in_force is None and n + 1 < len(doc.sentences):
                in_force = _in_force_date(doc, doc.sentences[n + 1], None, lex)
            if signed is None and in_force is None:
                continue
            out.append((org, {"date": in_force, "treaty_label": label_of(view, k, end),
                              "treaty_date": signed, "view": view}))
    return out


def _created_org(doc: Doc, view: SentView, k: int, lex):
    """The organization a treaty noun at ``k`` creates: "об учреждении X", "о создании X",
    "о X"; (entity, end of the treaty's name) or None."""
    tokens = view.tokens
    j = k + 1
    if j >= len(tokens) or tokens[j].lemma not in ("о", "об"):
        return None
    j += 1
    if j < len(tokens) and lex.has("found_noun", tokens, j, j + 1):
        j += 1
    ref = view.ref_starting(j) if j < len(tokens) else None
    if ref is None or ref.cls not in ORGS:
        return None
    return doc.org_of(ref), ref.last


def _signed_date(doc: Doc, view: SentView, k: int, lex) -> str | None:
    """The day the treaty was signed: the date of the signing verb whose object or subject
    it is (not a future or hypothetical signing)."""
    tokens = view.tokens
    h = tokens[k].head
    if not (0 <= h < len(tokens) and tokens[k].rel in ("obj", "nsubj", "nsubj:pass") and
            lex.has("sign_verb", tokens, h, h + 1)) or lex.has("in_force", tokens, h, h + 1):
        return None
    if reading(doc, tokens, h) != "fact" or has_cue(doc, tokens, h, extra=lex):
        return None  # "будет подписан", "может быть подписан"
    dates = [d for d in governed_dates(view, h) if d.kind == "point"] or \
        _before_next_verb(view, h)  # a parse that hangs the date on the next conjunct
    return dates[0].value if dates else None


def _before_next_verb(view: SentView, h: int) -> list:
    """The point dates after the verb ``h`` and before the next verb."""
    tokens = view.tokens
    end = next((j for j in range(h + 1, len(tokens)) if tokens[j].pos in ("VERB", "AUX")
                and tokens[j].rel != "aux:pass"), len(tokens))
    return [d for d in view.dates if d.kind == "point" and
            h < view.token_index(d.start) < end]


def _in_force_date(doc: Doc, view: SentView, k: int | None, lex) -> str | None:
    """The day the treaty (the noun at ``k``, or "Документ" opening the next sentence)
    entered into force: "вступил в силу 30 мая 2001 года", "действует с 1 января 2015 года"
    (a verb coordinated with the signing one shares its subject)."""
    tokens = view.tokens
    for v, t in enumerate(tokens):
        if not lex.has("in_force", tokens, v, v + 1) or t.pos not in ("VERB", "AUX") or \
                reading(doc, tokens, v) != "fact" or has_cue(doc, tokens, v, extra=lex):
            continue
        subjects = [c for c in children(tokens, v) if tokens[c].rel.startswith("nsubj")]
        if k is not None:
            mine = k in subjects or (not subjects and tokens[v].rel == "conj" and
                                     k in children(tokens, tokens[v].head))
        else:
            mine = any(tokens[c].lemma in DOCUMENT_ANAPHORS for c in subjects)
        if not mine:
            continue
        dates = sorted((d for d in governed_dates(view, v) if d.kind in ("point", "since")),
                       key=lambda d: (d.kind != "since", view.token_index(d.start) < v))
        if dates:  # "действует с 1 января 2015 года" before a date the parser hung here
            return dates[0].value
    return None
