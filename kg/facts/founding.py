"""Founding: when an organization was founded, and on which treaty.

One fact per organization and article (what several sentences say is merged):
``organization``, ``date`` (ISO at its precision or None), ``treaty`` (the
treaty's node, or None), ``treaty_date`` and ``treaty_label`` (the name in the
nominative). Phrasings handled (cue words in ``ontology/lexicon/founding.tsv``):

- a past founding verb with the organization as subject: "ШОС основана 15 июня
  2001 года в Шанхае", "СНГ было создано 8 декабря 1991 года", "Объединение было
  образовано ..." (an anaphor: the organization named before), "созданная в 2002
  году ОДКБ", "лидеры ... основали ШОС"; without a subject ("Образована 14 мая
  2002 года ...") the organization the previous sentence is about;
- the treaty: "на основе Договора о коллективной безопасности от 15 мая 1992
  года", "на основе Договора ..., подписанного 29 мая 2014 года", "на основе
  подписанного в тот же день Договора ...", "в соответствии с Уставом", "...,
  когда вступил в силу Устав организации, подписанный 26 июня того же года",
  "когда министры ... подписали Бангкокскую декларацию" (signed then: the
  founding date), "Заключительный акт которого подписали ... 1 августа 1975 года",
  "на основании этого договора" (the treaty named in a sentence before).

A treaty must be named (capitalized: "Договор о ...", "Маастрихтский договор");
"соглашение о сокращении добычи" is not a founding treaty. Not founding: the
creation of anything but an organization (a fund, a working group), a future or
proposed creation ("будет создан", "предложил создать"), negations.
"""

from __future__ import annotations

import re

from kg.facts.base import Doc, SentView, fact, lexicon
from kg.facts.fact_context import ORGS, anaphor_org, previous_org, token_span
from kg.facts.founding_basis import founding_info, treaty_label_of
from kg.facts.founding_treaty import constituent_treaties
from kg.iri import node_iri
from kg.phrases import fold
from kg.records import Entity, Fact
from kg.syntax.anaphora import is_org_anaphor
from kg.syntax.modality import has_cue
from kg.syntax.tree import children, preposition, subtree

EXTRACTOR = "founding"
SUBJECT_CLASSES = ORGS | {"Organization"}


def extract(doc: Doc, posts: list[Fact]) -> list[Fact]:
    lex = lexicon("founding", doc.ctx)
    found: dict[str, dict] = {}
    order: list[str] = []
    for view in doc.sentences:
        if not lex.kinds_in(view.tokens, ("found_verb", "history", "found_noun")):
            continue
        for i in range(len(view.tokens)):
            if _is_founding_verb(doc, view, i, lex):
                org = _founded_org(doc, view, i, lex)
                info = founding_info(doc, view, i, org, lex) if org is not None else None
            else:
                org, info = _anniversary(doc, view, i, lex)
            if info is None or (info["date"] is None and info["treaty"] is None):
                continue
            if org.iri not in found:
                found[org.iri] = dict(info, view=view)
                order.append(org.iri)
            else:
                _merge(found[org.iri], info)
    for org, info in constituent_treaties(
            doc, lex, lambda view, k, end: treaty_label_of(doc, view, k, k, end, None, lex)):
        info = dict(info, treaty=node_iri("agreement", "договор", fold(info["treaty_label"])))
        if org.iri not in found:
            order.append(org.iri)
        else:  # the treaty's entry into force is the founding date; the rest fills gaps
            _merge(info, found[org.iri])
        found[org.iri] = info
    return [fact("founding", found[iri]["view"], EXTRACTOR, organization=iri,
                 date=found[iri]["date"], treaty=found[iri]["treaty"],
                 treaty_date=found[iri]["treaty_date"],
                 treaty_label=found[iri]["treaty_label"]) for iri in order]


def _merge(into: dict, info: dict) -> None:
    """Fill what is missing; a more precise date of the same year wins."""
    new, old = info["date"], into["date"]
    if new is not None and (old is None or (new.startswith(old) and len(new) > len(old))):
        into["date"] = new
    if into["treaty"] is None and info["treaty"] is not None:
        for key in ("treaty", "treaty_label", "treaty_date"):
            into[key] = info[key]


# -- "со дня основания ШОС 15 июня 2001 года" ----------------------------------


def _anniversary(doc: Doc, view: SentView, i: int, lex):
    """The founding noun after "день", "годовщина", "20-летие", with the
    organization in the genitive and a date that names its year."""
    tokens = view.tokens
    if not lex.has("found_noun", tokens, i, i + 1) or tokens[i].pos != "NOUN":
        return None, None
    h = tokens[i].head
    if not 0 <= h < len(tokens) or not (lex.has("anniversary", tokens, h, h + 1)
                                        or tokens[h].lemma.endswith("летие")):
        return None, None
    org, after = None, i + 1
    for j in children(view.tokens, i):
        if tokens[j].rel == "nmod" and preposition(view.tokens, j) is None:
            org = _org_of_phrase(doc, view, j, lex)
            if org is not None:
                ref = view.ref_at(j)
                after = max(j, ref.last - 1 if ref is not None else j) + 1
                break
    if org is None or has_cue(doc, view.tokens, i, extra=lex):
        return None, None
    below = subtree(view.tokens, i)
    for d in view.dates:
        idx = token_span(view, d.start, d.end)
        if not idx or not re.search(r"\d{4}", d.text) or d.kind != "point":
            continue
        next_to = idx[0] == after or (idx[0] == after + 1 and tokens[after].pos == "ADP")
        if below.intersection(idx) or next_to:
            return org, {"date": d.value, "treaty": None, "treaty_label": None,
                         "treaty_date": None}
    return None, None


# -- the verb and its subject -------------------------------------------------


def _is_founding_verb(doc: Doc, view: SentView, i: int, lex) -> bool:
    t = view.tokens[i]
    if t.pos == "VERB" and _history_at(view, i, lex):
        return not has_cue(doc, view.tokens, i, extra=lex)  # 'ведет свою историю с 1992 года'
    if t.pos != "VERB" or not lex.has("found_verb", view.tokens, i, i + 1):
        return False
    if t.feat("Tense") != "Past":
        return False
    for c in children(view.tokens, i):
        aux = view.tokens[c]
        if aux.rel.startswith("aux") and (aux.feat("Tense") == "Fut"
                                          or aux.text.lower() in ("будет", "будут")):
            return False
    return not has_cue(doc, view.tokens, i, extra=lex)


def _history_at(view: SentView, i: int, lex) -> bool:
    """'ведет свою историю с ...' starts at token ``i``."""
    return any(a == i for a, _ in lex.find("history", view.tokens))


def _founded_org(doc: Doc, view: SentView, v: int, lex) -> Entity | None:
    """The organization founded: the subject of a passive verb, the object of an
    active one, the noun a participle qualifies, else (no subject at all) the
    organization the previous sentence is about."""
    tokens = view.tokens
    t = tokens[v]
    passive = t.feat("Voice") == "Pass" or t.feat("VerbForm") == "Part"
    if passive or _history_at(view, v, lex):
        args = [j for j in children(view.tokens, v) if tokens[j].rel in ("nsubj", "nsubj:pass")]
    else:  # the object; a parser may label a postposed accusative as a subject
        args = [j for j in children(view.tokens, v) if tokens[j].rel == "obj"] or \
            [j for j in children(view.tokens, v) if tokens[j].rel == "nsubj" and j > v
             and tokens[j].feat("Case") == "Acc"]
    for j in args:
        org = _org_of_phrase(doc, view, j, lex)
        if org is not None:
            return org
    if args:
        return None
    if t.rel in ("acl", "amod") and 0 <= t.head < len(tokens):
        return _org_of_phrase(doc, view, t.head, lex)
    if passive and t.rel == "root" and not any(tokens[j].rel.startswith("nsubj")
                                               for j in children(view.tokens, v)):
        return previous_org(doc, view.sentence.start, within=1)
    return None


def _org_of_phrase(doc: Doc, view: SentView, j: int, lex) -> Entity | None:
    """The organization a subject names: a mention at its head ("ШОС", a body
    "ЕЭК"), a mention beside an organization noun ("Альянс ОПЕК+"), an anaphor
    ("Объединение" -> the organization named before)."""
    ref = view.ref_at(j)
    if ref is not None:
        if ref.cls == "InternationalOrganization":
            return ref.entity
        return ref.entity if ref.cls in SUBJECT_CLASSES else None
    if not is_org_anaphor(doc, view.tokens, j):
        return None
    for k in children(view.tokens, j):
        r = view.ref_at(k)
        if view.tokens[k].rel in ("appos", "nmod", "flat", "flat:foreign") and r is not None \
                and r.cls == "InternationalOrganization":
            return r.entity
    return anaphor_org(doc, view, j)
