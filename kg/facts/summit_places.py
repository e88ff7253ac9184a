"""The date and the place of a summit mention: the expressions attached to the summit
word, to a clause on it or to the predicate that reports it (kg/facts/summits.py says how).
"""

from __future__ import annotations

from kg.dates import TimeExpr, find_dates
from kg.facts.base import Doc, SentView
from kg.facts.summit_base import (
    PLACE_CLASSES,
    RANK,
    State,
    Trigger,
    class_of,
    date_order,
    is_kind,
    preposition_before,
)
from kg.gazetteer import capitals
from kg.syntax.agreement import indeclinable, same_gender_number
from kg.syntax.anaphora import relative_antecedent
from kg.syntax.tree import children, head_of, is_verb, preposition, subjects


def _attached(lex, tokens, x: int, trig: Trigger, span: tuple[int, int]) -> bool:
    """Token ``x`` belongs to the summit's phrase or to the predicate that reports it."""
    a, b = span
    if a <= x < b:
        return True
    p = trig.p
    use_p = p is not None and _reports(lex, tokens, trig)
    i = x
    seen = {x}
    for _ in range(25):
        h = tokens[i].head
        if h < 0 or h in seen or h >= len(tokens):
            return False
        seen.add(h)
        if a <= h < b:
            return True
        if is_verb(tokens[h]) and h != trig.head:
            if tokens[h].rel in ("acl", "acl:relcl") and a <= tokens[h].head < b:
                if not _relative_agrees(tokens, h, trig.head):
                    return False  # 'сессии ..., который руководил': another antecedent
                i = h
                continue
            if _before_relative(tokens, x, h):
                i = h  # a relative clause has no dependents before its 'который'
                continue
            if _trailing_participle(tokens, h, trig.head, b):
                return True
            return use_p if h == p else False
        i = h
    return False


def _relative_agrees(tokens, v: int, head: int) -> bool:
    """The 'который' of a relative clause hung inside the summit's phrase agrees with the
    summit word ``head`` or with the noun the parser hung it on ('встрече на высшем
    уровне, которая ...')."""
    nouns = (tokens[head], tokens[tokens[v].head])
    for k in children(tokens, v):
        t = tokens[k]
        if t.lemma == "чей" or any(tokens[m].lemma == "чей" for m in children(tokens, k)):
            return False  # 'чья страна ...' describes a person, not the summit
        if t.lemma == "который" and not any(same_gender_number(t, n) for n in nouns):
            return False
    return True


def _before_relative(tokens, x: int, v: int) -> bool:
    """Token ``x`` stands before the relative pronoun of the clause of ``v`` (the parser hung
    it there by mistake: 'пройдет в следующем году в Китае, который будет ...')."""
    if tokens[v].rel != "acl:relcl":
        return False
    rel = [k for k in children(tokens, v) if tokens[k].lemma == "который"]
    return bool(rel) and x < min(rel)


def _trailing_participle(tokens, v: int, noun: int, end: int) -> bool:
    """'саммит организации, прошедший в четверг': a participle right after the summit's
    phrase that agrees with it in gender and number (whatever head the parser chose)."""
    t = tokens[v]
    if t.feat("VerbForm") != "Part" or not 0 < v - end <= 2:
        return False
    if any(tokens[k].pos != "PUNCT" for k in range(end, v)):
        return False
    n = tokens[noun]
    return t.feat("Number") == n.feat("Number") and (
        t.feat("Number") == "Plur" or t.feat("Gender") == n.feat("Gender"))


def _reports(lex, tokens, trig: Trigger) -> bool:
    """The predicate's date and place are the summit's: it happens or is held (the summit
    is its subject or object), something is done at it ("на саммите", "на открытии
    саммита", "в ходе саммита") or right after it ("по итогам саммита")."""
    p, below, role = trig.p, trig.below, trig.role
    if trig.kind == "gather":
        return True
    if role == "subj" and is_kind(lex, "occur", tokens, p):
        return True
    if role == "obj" and (is_kind(lex, "occur", tokens, p) or is_kind(lex, "host", tokens, p) or
                          is_kind(lex, "receive", tokens, p)):
        return True  # 'саммит в августе 2026 года примет ЮАР'
    if below == trig.head and role in ("на", "в"):
        # 'на саммите' (where) or 'прибыл на саммит'; not 'пригласил на саммит' (whither)
        return tokens[below].feat("Case") != "Acc" or is_kind(lex, "arrive", tokens, p)
    if below != trig.head and role in ("на", "в") and is_kind(lex, "at_frame", tokens, below):
        return True
    if below != trig.head and role == "по" and is_kind(lex, "result", tokens, below):
        return True
    return False


def date_of(doc: Doc, lex, view: SentView, trig: Trigger, span,
            tense: str | None) -> TimeExpr | None:
    """The date attached to the summit; with no such date, one stated earlier in the
    sentence of a summit that 'пройдет' ('В 2023 году ..., там же пройдет сессия')."""
    tokens = view.tokens
    found = []
    for d in view.dates:
        if d.kind not in ("point", "range"):
            continue
        x = view.token_index(d.start)
        if d.precision == "year" and x > 0 and tokens[x - 1].text.lower() == "на":
            continue  # 'принял председательство на 2025 год': a period, not a time
        last = view.token_index(d.end - 1)
        if any(_attached(lex, tokens, k, trig, span) for k in range(x, min(last + 1,
                                                                            len(tokens)))):
            found.append(d)
    if not found and trig.role == "subj" and is_kind(lex, "occur", tokens, trig.p):
        before = [d for d in view.dates if d.kind == "point" and d.end <= tokens[trig.head].start]
        found = before[-1:]
    if not found:
        return _years_ago(doc, lex, tokens, trig)
    return combine_dates([in_tense(doc, d, tense, view.tense) for d in found])


def _years_ago(doc: Doc, lex, tokens, trig: Trigger) -> TimeExpr | None:
    """"Прошлогодний саммит": the year before the article's (two for "позапрошлогодний")."""
    year = (doc.article.date or "")[:4]
    if not year.isdigit():
        return None
    for k, t in enumerate(tokens):
        if t.head != trig.head or t.rel != "amod":
            continue
        for kind, shift in (("year_ago", 1), ("two_years_ago", 2)):
            if is_kind(lex, kind, tokens, k):
                return TimeExpr(t.start, t.end, t.text, str(int(year) - shift), "year")
    return None


def in_tense(doc: Doc, d: TimeExpr, tense: str | None, sentence_tense: str | None) -> TimeExpr:
    """A date resolved with the tense of the summit's own clause ('Токаев сообщил, что
    заседание состоится в конце мая': future, not the past of 'сообщил')."""
    own = tense if tense in ("past", "future") else None
    if tense == "unknown" or own == sentence_tense or not doc.article.date:
        return d
    again = find_dates(d.text, doc.article.date, own)
    if len(again) == 1 and again[0].precision == d.precision:
        a = again[0]
        return TimeExpr(d.start, d.end, d.text, a.value, a.precision, d.kind, a.end_value)
    return d


def combine_dates(found: list[TimeExpr]) -> TimeExpr:
    """The most precise date, a point before a range (the first year of a range); a year
    stated apart ('в прошлом году ... 8 октября') replaces the year guessed for a day or
    month."""
    best = max(found, key=lambda d: (RANK.get(d.precision, 0), d.kind == "point", date_order(d.value)))
    years = [d for d in found if d.precision == "year" and d.kind == "point"]
    if best.precision != "year" and years and not any(ch.isdigit() for ch in best.text[-4:]):
        year = years[0].value[:4]
        value = year + best.value[4:]
        return TimeExpr(best.start, best.end, best.text, value, best.precision, best.kind,
                        best.end_value)
    return best


def place_candidates(doc: Doc, lex, view: SentView, state: State) -> list[tuple[int, str]]:
    """(token, place IRI) of the locative places of a sentence: 'в Минске', 'на Мальте',
    'в столице Белоруссии', 'в белорусской столице', 'там же', 'здесь'."""
    tokens = view.tokens
    out = []
    for ref in view.refs:
        head = head_of(tokens, ref.first, ref.last)
        if ref.cls == "Location":  # a name unknown to the gazetteer: 'в городе Габала'
            noun = _settlement_of(doc, tokens, head)
            if noun is not None:
                out.append((noun, ref.iri))
            elif preposition(tokens, head) == "в" and tokens[head].pos == "PROPN" and \
                    ref.last - ref.first == 1 and _locative(doc, tokens, head) and \
                    not doc.cues.has("region", tokens, ref.first, ref.last):
                out.append((head, ref.iri))  # 'прошел в Ханкенди', not 'в Европе'
            continue
        if ref.cls not in PLACE_CLASSES:
            continue
        prep = preposition_before(tokens, ref.first)
        if tokens[head].pos == "ADJ":
            continue  # 'в азербайджанском городе Габала': the city is the place
        if prep in ("в", "на") and _locative(doc, tokens, head):
            out.append((head, ref.iri))
            continue
        noun = _settlement_of(doc, tokens, head)
        if noun is not None:
            out.append((noun, ref.iri))
    for i in range(len(tokens)):
        if doc.cues.has("capital", tokens, i, i + 1) and preposition(tokens, i) in (
                "в", "на") and _locative(doc, tokens, i):
            city = _capital_at(doc, view, i)
            if city:
                out.append((i, city))
    for a, _ in doc.cues.find("there", tokens):
        before = [iri for i, iri in _named_places(doc, view) if i < a]
        known = before or state.places
        if known:
            out.append((a, known[-1]))
    for i, tok in enumerate(tokens):
        if tok.lemma == "где" and i >= 2 and tokens[i - 1].text == ",":
            ref = view.ref_at(i - 2)  # 'прибыл в Казань, где пройдет саммит'
            if ref is not None and ref.cls in PLACE_CLASSES:
                out.append((i, ref.iri))
    for a, _ in doc.cues.find("here", tokens):
        city = doc.dateline_city()
        if city:
            out.append((a, city.iri))
    return sorted(out)


def _settlement_of(doc: Doc, tokens, head: int) -> int | None:
    """'в портовом городе Джидда', 'на острове Бали': the locative noun a name stands in
    apposition to."""
    h = tokens[head].head
    if not 0 <= h < len(tokens) or tokens[head].rel not in ("appos", "flat", "flat:name",
                                                             "nmod", "conj"):
        return None
    if h != head - 1 and not all(tokens[k].pos in ("ADJ", "PUNCT") for k in range(h + 1, head)):
        return None
    if doc.cues.has("settlement", tokens, h, h + 1) and preposition(tokens, h) in (
            "в", "на") and _locative(doc, tokens, h):
        return h
    return None


def _locative(doc: Doc, tokens, i: int) -> bool:
    """'в Минске', 'саммит в Душанбе' (any case after a noun), not 'приехал в Минск'; an
    indeclinable name ('запланирована в Баку') may be either."""
    case = tokens[i].feat("Case")
    if case in ("Loc", None) or indeclinable(tokens[i], doc.ctx.models.morph_vocab):
        return True
    if tokens[i].pos == "PROPN" and tokens[i].text.endswith("е"):
        return True  # 'в Габале': a name the tagger read as an accusative has no such form
    h = tokens[i].head
    return case != "Acc" or not (0 <= h < len(tokens) and is_verb(tokens[h]))


def place_of(doc: Doc, lex, view: SentView, trig: Trigger, span, state: State) -> str | None:
    tokens = view.tokens
    cands = place_candidates(doc, lex, view, state)
    hits = [iri for i, iri in cands if _attached(lex, tokens, i, trig, span)]
    if not hits:
        if trig.role == "subj" and is_kind(lex, "occur", tokens, trig.p):
            hits = [iri for i, iri in cands if tokens[i].head == trig.p or
                    _near_there(doc, view, i)]
    if not hits and trig.role == "obj" and is_kind(lex, "receive", tokens, trig.p):
        hits = _hosts(view, trig.p)  # 'саммит примет ЮАР', 'Бахрейн, который примет саммит'
    if not hits:
        return None
    cities = [iri for iri in hits if class_of(doc, iri) == "City"]
    return cities[0] if cities else hits[0]


def _hosts(view: SentView, v: int) -> list[str]:
    """The states or cities that are the subject of the verb ``v`` (a relative pronoun
    stands for its antecedent)."""
    out = []
    for k in subjects(view.tokens, v):
        ref = view.ref_at(k) or relative_antecedent(view, k, PLACE_CLASSES)
        if ref is not None and ref.cls in PLACE_CLASSES:
            out.append(ref.iri)
    return out


def _near_there(doc: Doc, view: SentView, i: int) -> bool:
    return doc.cues.has("there", view.tokens, i, i + 2) or doc.cues.has("here", view.tokens, i,
                                                                         i + 1)


def _capital_at(doc: Doc, view: SentView, i: int) -> str | None:
    """'столица Белоруссии' / 'белорусская столица' -> the capital's IRI."""
    tokens = view.tokens
    state_entry = None
    for k in children(tokens, i) + [i - 1, i + 1]:
        if not 0 <= k < len(tokens):
            continue
        ref = view.ref_at(k)
        if ref is not None and ref.cls == "State" and k > i:
            state_entry = doc.gazetteer.by_id.get(_entry_id(ref.iri))
            break
        if tokens[k].pos == "ADJ":
            entry = doc.gazetteer.adjective(tokens[k].lemma)
            if entry is not None and entry.cls == "State":
                state_entry = entry
                break
    if state_entry is None:
        return None
    city_id = capitals().get(state_entry.id)
    city = doc.gazetteer.by_id.get(city_id) if city_id else None
    return doc.state_entity(city).iri if city else None


def _entry_id(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def remember_places(doc: Doc, view: SentView, state: State) -> None:
    """Places named in the sentence, for a later 'там же'."""
    state.places.extend(iri for _, iri in _named_places(doc, view))


def _named_places(doc: Doc, view: SentView) -> list[tuple[int, str]]:
    """(token, IRI) of the places a sentence names, but not a state in a title
    ('президент России Владимир Путин')."""
    tokens = view.tokens
    found = []
    for ref in view.refs:
        if ref.cls not in PLACE_CLASSES:
            continue
        nxt = view.ref_starting(ref.last)
        if nxt is not None and nxt.cls == "Person":
            continue
        if preposition_before(tokens, ref.first) is None and ref.cls == "State" and \
                tokens[head_of(tokens, ref.first, ref.last)].feat("Case") == "Gen":
            continue
        found.append((ref.first, ref.iri))
    for i in range(len(tokens)):
        if doc.cues.has("capital", tokens, i, i + 1):
            city = _capital_at(doc, view, i)
            if city:
                found.append((i, city))
    return sorted(found)

