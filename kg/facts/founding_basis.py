"""Founding: the treaty an organization was founded on, and the founding date next to it.

"на основе Договора о коллективной безопасности от 15 мая 1992 года", "на основе
подписанного в тот же день Договора ...", "в соответствии с Уставом", "..., когда вступил в
силу Устав организации, подписанный 26 июня того же года", "когда министры ... подписали
Бангкокскую декларацию", "на основании этого договора" (the treaty named before). The
treaty's label is its name in the nominative; its date the one governed by it or by its
participle; a date in the same clause as the founding verb is the founding date.
"""

from __future__ import annotations

import re

from kg.facts.base import Doc, SentView
from kg.facts.fact_context import governed_dates, token_span
from kg.iri import node_iri
from kg.phrases import fold
from kg.records import Entity
from kg.syntax.anaphora import is_org_anaphor
from kg.syntax.clauses import aside_end
from kg.syntax.tree import children

# -- dates and the treaty -----------------------------------------------------


def founding_info(doc: Doc, view: SentView, v: int, org: Entity, lex) -> dict:
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
        label = treaty_label_of(doc, view, first, k, last, org, lex)
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
            return d.value
    if founding is not None and (treaty.get("same_day") or
                                 any(_same_day_at(view, j, lex) for j in zone)):
        return founding.value  # "подписанного в тот же день", "создан ... подписанием"
    k = treaty["head"]
    h = tokens[k].head
    signed_in = [c for c in children(tokens, k) if tokens[c].rel.startswith("acl") and
                 lex.has("sign_verb", tokens, c, c + 1)]
    if signed_in and governed_dates(view, signed_in[0]):
        return governed_dates(view, signed_in[0])[0].value  # "соглашения, подписанного ..."
    end = aside_end(tokens, k + 1) if k + 2 < len(tokens) and \
        tokens[k + 2].lemma == "который" else None
    if end is not None and any(lex.has("sign_verb", tokens, j, j + 1)
                               for j in range(k + 2, end)):
        inside = [d for d in view.dates if k + 2 < view.token_index(d.start) < end]
        if inside:  # "соглашения, которое главы ... подписали 3 октября того же года"
            return inside[0].value
    if not (0 <= h < len(tokens) and h != v and tokens[k].rel in ("obj", "nsubj:pass")
            and lex.has("sign_verb", tokens, h, h + 1)):
        return None
    own = governed_dates(view, h)
    if own:
        return own[0].value
    if founding is not None and _after_when(view, v, k, lex) and not _in_force(view, h):
        return founding.value  # "образовано ..., когда ... подписали декларацию"
    return None


def _in_force(view: SentView, h: int) -> bool:
    """"вступил в силу": the date of entry into force, not of signing."""
    return any(view.tokens[c].lemma == "сила" for c in children(view.tokens, h))


def _same_day_at(view: SentView, j: int, lex) -> bool:
    return any(a <= j < b for a, b in lex.find("same_day", view.tokens))


# -- labels -------------------------------------------------------------------


def treaty_label_of(doc: Doc, view: SentView, first: int, k: int, last: int, org: Entity, lex) -> str:
    """The document's name in the nominative: the words up to its head inflected,
    the rest as written; "Устав организации" -> "Устав <organization>"."""
    tokens = view.tokens
    words = [_nominative(doc, tokens[j]) for j in range(first, k + 1)]
    rest = [tokens[j].text for j in range(k + 1, last)]
    if len(rest) == 1 and is_org_anaphor(doc, tokens, k + 1):
        rest = [org.label]
    text = " ".join(words + rest)
    return re.sub(r"\s+([,)])", r"\1", text)


def _nominative(doc: Doc, token) -> str:
    morph = doc.ctx.models.morph_vocab
    case, gender = token.feat("Case"), token.feat("Gender")
    parses = [p for p in morph.parse(token.text) if p.feats.get("Case") == case]
    # an adjective keeps its noun's gender: "Нахичеванского соглашения" -> "Нахичеванское"
    parses = [p for p in parses if gender is None or p.feats.get("Gender") in (gender, None)] \
        or parses or morph.parse(token.text)
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
            return treaty_label_of(doc, prev, first, k, _phrase_end(prev, k), org, lex)
    return None
