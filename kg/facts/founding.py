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
from kg.facts.fact_context import ORGS, anaphor_org, governed_dates, previous_org, token_span
from kg.facts.founding_treaty import constituent_treaties
from kg.iri import node_iri
from kg.phrases import fold
from kg.records import Entity, Fact
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
                info = _founding_info(doc, view, i, org, lex) if org is not None else None
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
            doc, lex, lambda view, k, end: _label(doc, view, k, k, end, None, lex)):
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
    if not doc.cues.has("org_anaphor", view.tokens, j, j + 1):
        return None
    for k in children(view.tokens, j):
        r = view.ref_at(k)
        if view.tokens[k].rel in ("appos", "nmod", "flat", "flat:foreign") and r is not None \
                and r.cls == "InternationalOrganization":
            return r.entity
    return anaphor_org(doc, view, j)


# -- dates and the treaty -----------------------------------------------------


def _founding_info(doc: Doc, view: SentView, v: int, org: Entity, lex) -> dict:
    treaty = _treaty(doc, view, v, org, lex)
    zone = treaty["zone"] if treaty else set()
    date = None
    for d in governed_dates(view, v) or _adjacent_dates(view, v):
        idx = token_span(view, d.start, d.end)
        if not zone.intersection(idx):
            date = d
            break
    info = {"date": date.value if date else None, "treaty": None, "treaty_label": None,
            "treaty_date": None}
    if treaty is not None:
        info["treaty_label"] = treaty["label"]
        info["treaty"] = node_iri("agreement", "договор", fold(treaty["label"]))
        info["treaty_date"] = _treaty_date(doc, view, v, treaty, date, lex)
    return info


def _adjacent_dates(view: SentView, v: int) -> list:
    """Dates next to the verb with no comma or other verb between (for a parse
    that hangs the date elsewhere), nearest first."""
    tokens = view.tokens
    out = []
    for d in view.dates:
        idx = token_span(view, d.start, d.end)
        if not idx:
            continue
        between = range(v + 1, idx[0]) if idx[0] > v else range(idx[-1] + 1, v)
        if any(tokens[j].text in (",", ";") or tokens[j].pos == "VERB" for j in between):
            continue
        out.append((len(between), d))
    return [d for _, d in sorted(out, key=lambda x: x[0])]


def _treaty(doc: Doc, view: SentView, v: int, org: Entity, lex) -> dict | None:
    """The founding treaty: after "на основе" / "в соответствии с", else a named
    document signed or put in force in the same sentence."""
    tokens = view.tokens
    for kind in ("basis", "by_signing"):
        for a, b in lex.find(kind, tokens):
            if kind == "by_signing" and tokens[a].feat("Case") != "Ins":
                continue
            for k in range(b, min(len(tokens), b + 8)):
                if tokens[k].text in (",", ".", ";"):
                    break
                if _is_treaty_noun(view, k, lex):
                    found = _treaty_at(doc, view, k, org, lex, left_limit=b)
                    if found is not None:
                        # 'создан 26 марта 1991 года подписанием Договора': signed that day
                        return {**found, "same_day": kind == "by_signing"}
                    break
    for k in range(len(tokens)):
        if not _is_treaty_noun(view, k, lex) or k == v:
            continue
        if _signed_or_in_force(view, k, lex) or _after_when(view, v, k, lex):
            found = _treaty_at(doc, view, k, org, lex, left_limit=0)
            if found is not None and found["named"]:
                return found
    return None


def _is_treaty_noun(view: SentView, k: int, lex) -> bool:
    """A document noun, not part of an organization's name ("Организация Договора
    о коллективной безопасности"); a name tagged as a generic organization is fine."""
    ref = view.ref_at(k)
    return view.tokens[k].pos in ("NOUN", "PROPN") and \
        (ref is None or ref.cls == "Organization") and \
        lex.has("treaty_noun", view.tokens, k, k + 1)


def _signed_or_in_force(view: SentView, k: int, lex) -> bool:
    h = view.tokens[k].head
    return 0 <= h < len(view.tokens) and view.tokens[k].rel in ("obj", "nsubj", "nsubj:pass") \
        and lex.has("sign_verb", view.tokens, h, h + 1)


def _after_when(view: SentView, v: int, k: int, lex) -> bool:
    """The document stands in a "когда" clause that follows the founding verb."""
    return any(v < a < k for a, _ in lex.find("when", view.tokens))


def _treaty_at(doc: Doc, view: SentView, k: int, org: Entity, lex, left_limit: int):
    """The treaty phrase headed by token ``k``: its label, whether it is a name,
    and its zone (the phrase and the dates that describe it)."""
    tokens = view.tokens
    first = k
    while first - 1 >= left_limit and tokens[first - 1].pos == "ADJ" \
            and tokens[first - 1].head == k:
        first -= 1
    last = _phrase_end(view, k)
    # a capitalized name; at the start of a sentence only a name of several words
    named = tokens[first].text[:1].isupper() and (first > 0 or last - first > 1)
    det = [c for c in children(view.tokens, k) if lex.has("this", tokens, c, c + 1)]
    if det:
        earlier = _earlier_treaty(doc, view, tokens[k].lemma, org, lex)
        if earlier is None:
            return None
        label, named = earlier, True
    else:
        label = _label(doc, view, first, k, last, org, lex)
    return {"head": k, "label": label, "named": named,
            "zone": _zone(view, first, k, last, left_limit)}


def _phrase_end(view: SentView, k: int) -> int:
    """The end of a document name: "о ..." and genitive words after the head, up
    to a comma, "от", a number, a verb or a relative pronoun."""
    tokens = view.tokens
    j = k + 1
    while j < len(tokens) and j < k + 10:
        t = tokens[j]
        if t.pos in ("PUNCT", "VERB", "NUM") or t.text[:1].isdigit() or \
                t.lemma in ("от", "который", "когда") or t.pos == "SCONJ":
            break
        if t.pos == "ADP" and t.lemma not in ("о", "об"):
            break
        if t.pos not in ("ADP", "NOUN", "PROPN", "ADJ", "CCONJ", "DET"):
            break
        j += 1
    while j > k + 1 and tokens[j - 1].pos in ("ADP", "CCONJ"):
        j -= 1
    return j


def _zone(view: SentView, first: int, k: int, last: int, left_limit: int) -> set[int]:
    """The phrase, a participle before it ("подписанного в тот же день Договора"),
    and what follows it: "от <date>", a year, ", подписанного <date>"."""
    tokens = view.tokens
    zone = set(range(first, last))
    zone |= set(range(left_limit, first)) if left_limit else set()
    j = last
    if j < len(tokens) and (tokens[j].lemma == "от" or tokens[j].text[:1].isdigit()):
        while j < len(tokens) and tokens[j].text not in (",", ".", ";"):
            zone.add(j)
            j += 1
    if j < len(tokens) and tokens[j].text == ",":
        nxt = j + 1
        if nxt < len(tokens) and tokens[nxt].pos == "VERB" and tokens[nxt].feat("VerbForm") \
                == "Part":
            j = nxt
            while j < len(tokens) and tokens[j].text not in (",", ".", ";"):
                zone.add(j)
                j += 1
    return zone


def _treaty_date(doc: Doc, view: SentView, v: int, treaty: dict, founding, lex):
    tokens = view.tokens
    zone = treaty["zone"]
    for d in view.dates:
        if founding is not None and d.start == founding.start:
            continue
        if zone.intersection(token_span(view, d.start, d.end)):
            return _same_year_fix(view, d, founding, lex)
    if founding is not None and (treaty.get("same_day") or
                                 any(_same_day_at(view, j, lex) for j in zone)):
        return founding.value  # "подписанного в тот же день", "создан ... подписанием"
    k = treaty["head"]
    h = tokens[k].head
    if not (0 <= h < len(tokens) and h != v and tokens[k].rel in ("obj", "nsubj:pass")
            and lex.has("sign_verb", tokens, h, h + 1)):
        return None
    own = governed_dates(view, h)
    if own:
        return _same_year_fix(view, own[0], founding, lex)
    if founding is not None and _after_when(view, v, k, lex) and not _in_force(view, h):
        return founding.value  # "образовано ..., когда ... подписали декларацию"
    return None


def _in_force(view: SentView, h: int) -> bool:
    """"вступил в силу": the date of entry into force, not of signing."""
    return any(view.tokens[c].lemma == "сила" for c in children(view.tokens, h))


def _same_day_at(view: SentView, j: int, lex) -> bool:
    return any(a <= j < b for a, b in lex.find("same_day", view.tokens))


def _same_year_fix(view: SentView, d, founding, lex) -> str:
    """"26 июня того же года": the founding year, not the article's."""
    if founding is None or re.search(r"\d{4}", d.text):
        return d.value
    after = [i for i, t in enumerate(view.tokens) if t.start >= d.end]
    if after and lex.has("same_year", view.tokens, after[0], min(len(view.tokens),
                                                                  after[0] + 3)):
        return founding.value[:4] + d.value[4:]
    return d.value


# -- labels -------------------------------------------------------------------


def _label(doc: Doc, view: SentView, first: int, k: int, last: int, org: Entity, lex) -> str:
    """The document's name in the nominative: the words up to its head inflected,
    the rest as written; "Устав организации" -> "Устав <organization>"."""
    tokens = view.tokens
    words = [_nominative(doc, tokens[j]) for j in range(first, k + 1)]
    rest = [tokens[j].text for j in range(k + 1, last)]
    if len(rest) == 1 and doc.cues.has("org_anaphor", tokens, k + 1, k + 2):
        rest = [org.label]
    text = " ".join(words + rest)
    return re.sub(r"\s+([,)])", r"\1", text)


def _nominative(doc: Doc, token) -> str:
    morph = doc.ctx.models.morph_vocab
    case = token.feat("Case")
    parses = [p for p in morph.parse(token.text) if p.feats.get("Case") == case] or \
        morph.parse(token.text)
    word = token.text
    for p in parses:
        try:
            form = p.inflect({"Nom"})
        except Exception:
            form = None
        if form is not None:
            word = form.word
            break
    if token.text[:1].isupper():
        word = word[:1].upper() + word[1:]
    return word


def _earlier_treaty(doc: Doc, view: SentView, lemma: str, org: Entity, lex) -> str | None:
    """"этого договора": the named document with that head in a sentence before."""
    for prev in reversed(doc.sentences[max(0, view.index - 3): view.index]):
        tokens = prev.tokens
        for k in range(len(tokens) - 1, -1, -1):
            if tokens[k].lemma != lemma or not tokens[k].text[:1].isupper() or \
                    prev.ref_at(k) is not None:
                continue
            first = k
            while first - 1 >= 0 and tokens[first - 1].pos == "ADJ" and tokens[first - 1].head == k:
                first -= 1
            return _label(doc, prev, first, k, _phrase_end(prev, k), org, lex)
    return None
