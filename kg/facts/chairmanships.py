"""Chairmanships: which state chairs an organization in which year.

One fact per (organization, state, year); a chairmanship over a range of years
("на 2025-2026 годы") gives one fact per year. Phrasings handled (cue words in
``ontology/lexicon/chairmanships.tsv``):

- the noun: "председательство России в ОДКБ в 2026 году", "российское
  председательство" (an adjective names the state), "по итогам председательства
  Индии в 2023 году";
- a transfer: "председательство в СНГ перешло к Киргизии", "с 1 января 2024 года
  председательство перейдет к Казахстану", "передал председательство Армении";
  "Казахстан примет председательство", "президент Анголы принял председательство
  ... у президента Мавритании" (the giver chaired the year before, as does the
  state that "сменила на этом посту" is said of);
- the verb: "Киргизия председательствует в СНГ в 2025 году", "Токаев, чья страна
  председательствует в ОДКБ", "Бразилии, которая председательствует в
  объединении", "Мальты, председательствовавшей в ОБСЕ в прошлом году";
- a holder acting as chair: "Лукашенко как председатель ОДКБ", "председатель АС,
  президент Коморских Островов", "в качестве действующего председателя ОБСЕ",
  "утвердил Финляндию председателем организации в 2025 году, а Швейцарию - в 2026
  году", "страна-председатель"; a head of state who "возглавлял объединение";
  a person stands for the state whose leader (or minister) he is, from ``posts``
  or from "<role> <State> <Person>" elsewhere in the article.

The year comes from a date governed by the same predicate as the cue; without
one, a chairmanship stated as current (present tense, a completed transfer, a
holder acting as chair) takes the article's year. The organization is named next
to the cue, referred to ("в организации" -> the organization named before), or
left implicit (the article's organization). Not chairmanships: a "председатель"
of a state or a body (a post), chairing a meeting ("председательствовал на
встрече", "под председательством"), negated or hypothetical statements.

The state of a cue is found in ``chair_states.py``, holders acting as chair in
``chair_holders.py``, years in ``chair_years.py``; the context helpers shared with
``founding`` and ``cooperation`` are in ``fact_context.py``.
"""

from __future__ import annotations

from kg.facts.base import Doc, SentView, fact, lexicon
from kg.facts.chair_holders import holder_cue, lead_cue
from kg.facts.chair_states import (
    elliptic,
    state_left,
    subject_state,
    years_or_current,
)
from kg.facts.chair_years import _current, _is_future, _is_present, _org_near, _years
from kg.facts.fact_context import (
    ORGS,
    governed_dates,
    state_at,
)
from kg.records import Fact
from kg.syntax.modality import has_cue
from kg.syntax.tree import children, predicate, preposition

EXTRACTOR = "chairmanships"


# -- the extractor ------------------------------------------------------------


def extract(doc: Doc, posts: list[Fact]) -> list[Fact]:
    lex = lexicon("chairmanships", doc.ctx)
    found: dict[tuple[str, str, str], Fact] = {}
    for view in doc.sentences:
        for org, state, years in _sentence(doc, view, posts, lex):
            for year in years:
                key = (org.iri, state.iri, str(year))
                if key not in found:
                    found[key] = fact("chairmanship", view, EXTRACTOR, organization=org.iri,
                                      state=state.iri, year=str(year))
    return list(found.values())


def _sentence(doc: Doc, view: SentView, posts, lex):
    """(organization, state, [years]) for every chairmanship cue of a sentence."""
    tokens = view.tokens
    cued = lex.kinds_in(tokens, ("chair_verb", "chair_noun", "chair_person", "lead_verb"))
    for i, t in enumerate(tokens):
        if not cued and "-" not in t.text:
            continue
        ref = view.ref_at(i)
        if ref is not None and ref.cls in ORGS:
            continue  # part of an organization's name
        if "chair_verb" in cued and lex.has("chair_verb", tokens, i, i + 1):
            yield from _verb_cue(doc, view, i, posts, lex)
        elif "chair_noun" in cued and lex.has("chair_noun", tokens, i, i + 1):
            yield from _noun_cue(doc, view, i, posts, lex)
        elif ("chair_person" in cued and lex.has("chair_person", tokens, i, i + 1)) \
                or _compound_holder(doc, t, lex):
            yield from holder_cue(doc, view, i, posts, lex)
        elif "lead_verb" in cued and lex.has("lead_verb", tokens, i, i + 1):
            yield from lead_cue(doc, view, i, posts, lex)


def _compound_holder(doc, token, lex) -> bool:
    """"страной-председателем": a hyphenated compound the lemmatizer leaves half done."""
    if "-" not in token.text or token.pos not in ("NOUN", "PROPN", "ADJ"):
        return False
    matcher = lex.matchers.get("chair_person")
    if matcher is None:
        return False
    lemma = "-".join(matcher.lemma(part) for part in token.text.split("-"))
    words = matcher.tokens_of(lemma)
    return len(words) == 1 and lex.has("chair_person", words, 0, 1)


# .. "председательствовать" ...................................................


def _verb_cue(doc, view, i, posts, lex):
    """"Киргизия председательствует в СНГ в 2025 году" and its participles."""
    if has_cue(doc, view.tokens, i, extra=lex) or _chairs_meeting(view, i, lex):
        return
    org = _org_near(doc, view, i, lex, implicit=True)
    state = _verb_subject_state(doc, view, i, posts, lex)
    if org is None or state is None:
        return
    years = years_or_current(doc, view, i, lex)
    if years:
        yield org, state, years
    yield from elliptic(doc, view, i, org, posts, lex)


def _verb_subject_state(doc, view, i, posts, lex):
    tokens = view.tokens
    for j in children(view.tokens, i):
        ref = view.ref_at(j)
        if tokens[j].rel.startswith("nsubj") or (
                tokens[j].rel == "obj" and ref is not None and ref.cls == "State"):
            found = subject_state(doc, view, i, j, posts)
            if found is not None:
                return found
    if tokens[i].rel.startswith(("acl", "amod")):
        found = state_at(doc, view, tokens[i].head, posts)
        if found is not None:
            return found
    return state_left(doc, view, i, posts, lex)


def _chairs_meeting(view, i, lex) -> bool:
    """"председательствовал на заседании": the chair of a meeting."""
    tokens = view.tokens
    for j in children(view.tokens, i):
        if preposition(view.tokens, j) == "на" and lex.has("meeting", tokens, j, j + 1):
            return True
    return False


# .. "председательство" .......................................................


def _noun_cue(doc, view, i, posts, lex):
    """"председательство России", "перешло к Киргизии", "принял председательство"."""
    tokens = view.tokens
    if lex.has("meeting_chair", tokens, max(0, i - 1), i + 1) or \
            has_cue(doc, tokens, i, extra=lex):
        return
    if any(lex.has("own", tokens, j, j + 1) for j in children(view.tokens, i)):
        return
    verb = tokens[i].head if 0 <= tokens[i].head < len(tokens) else None
    kind = None
    if verb is not None and tokens[verb].pos == "VERB":
        if lex.has("pass_to", tokens, verb, verb + 1):
            kind = "pass_to"
        elif lex.has("take", tokens, verb, verb + 1):
            kind = "take"
    state = _receiver(doc, view, verb, posts) if kind == "pass_to" else None
    if state is None and kind == "pass_to" and lex.has("give", tokens, verb, verb + 1):
        state = _given_to(view, i)
    state = state or _noun_state(doc, view, i, posts)
    if state is None and kind == "take":
        state = _taker(doc, view, verb, i, posts)
    if state is None and verb is not None:
        state = _thanked_or_holder(doc, view, verb, i, posts, lex)
    org = _org_near(doc, view, i, lex, implicit=True, verb=verb if kind else None)
    if org is None or state is None:
        return
    years = _years(doc, view, i, lex)
    explicit = bool(years)
    if not years:
        tense_ok = kind and not _is_future(tokens[verb])
        if tense_ok or _is_present(tokens[predicate(view.tokens, i)]):
            years = _current(doc)
    if not years:
        return
    yield org, state, years
    if explicit and len(years) == 1 and kind:
        yield from _predecessors(doc, view, verb, state, org, years[0], posts, lex)


def _noun_state(doc, view, i, posts):
    """"председательство России", "российское председательство"."""
    tokens = view.tokens
    for j in children(view.tokens, i):
        ref = view.ref_at(j)
        if tokens[j].rel == "nmod" and ref is not None and ref.cls == "State" \
                and tokens[j].feat("Case") in ("Gen", None) and preposition(view.tokens, j) is None:
            return ref.entity
        if tokens[j].rel == "amod" and (state := doc.adjective_state(tokens[j])) is not None:
            return state
    return None


def _thanked_or_holder(doc, view, verb, cue, posts, lex):
    """"поблагодарил Казахстан за председательство" (the one thanked),
    "председательство было у Индии" (the one that had it)."""
    tokens = view.tokens
    if lex.has("thank", tokens, verb, verb + 1) and preposition(view.tokens, cue) == "за":
        for j in children(view.tokens, verb):
            if tokens[j].rel in ("obj", "iobj") or (tokens[j].rel == "obl"
                                                   and preposition(view.tokens, j) is None):
                found = state_at(doc, view, j, posts)
                if found is not None:
                    return found
    if lex.has("have", tokens, verb, verb + 1):
        for j in children(view.tokens, verb):
            if preposition(view.tokens, j) == "у":
                return state_at(doc, view, j, posts)
    if preposition(view.tokens, verb) == "у" and any(
            tokens[c].rel == "cop" and lex.has("have", tokens, c, c + 1)
            for c in children(view.tokens, verb)):
        return state_at(doc, view, verb, posts)  # "было у Индии" as the predicate
    return None


def _receiver(doc, view, verb, posts):
    """"перейдет к Казахстану", "передал ... Армении"."""
    tokens = view.tokens
    for j in children(view.tokens, verb):
        if preposition(view.tokens, j) == "к" or (tokens[j].feat("Case") == "Dat"
                                         and tokens[j].rel in ("iobj", "obl")
                                         and preposition(view.tokens, j) is None):
            found = state_at(doc, view, j, posts)
            if found is not None:
                return found
    return None


def _given_to(view, cue: int):
    """"передал председательство в СНГ Киргизии": a state after the organization, its
    dative read by the parser as a genitive of the organization's name."""
    tokens = view.tokens
    after = [r for r in view.refs if r.first > cue and r.first <= cue + 6]
    for r in after:
        if r.cls == "State" and preposition(tokens, r.first) is None and \
                tokens[r.first].feat("Case") in ("Dat", "Gen") and \
                any(o.cls in ORGS and o.last <= r.first for o in after):
            return r.entity
        if r.cls not in ORGS:
            break
    return None


def _taker(doc, view, verb, cue, posts):
    """"Казахстан примет председательство", "президент Анголы ... принял"."""
    tokens = view.tokens
    for j in children(view.tokens, verb):
        if j != cue and tokens[j].rel.startswith("nsubj"):
            found = state_at(doc, view, j, posts)
            if found is not None:
                return found
    return None


def _predecessors(doc, view, verb, state, org, year, posts, lex):
    """The state the chairmanship was taken from ("у президента Мавритании") or
    that was replaced ("сменила на этом посту Киргизию") chaired the year before, and the
    year of the handover too when that fell within the year (at a summit in August, not
    on 1 January)."""
    tokens = view.tokens
    given = [year - 1, year] if _within_year(doc, view, verb) else [year - 1]
    giving = lex.has("give", tokens, verb, verb + 1)
    for j in children(view.tokens, verb):
        if preposition(view.tokens, j) == "у" or (giving and tokens[j].rel == "nsubj"):
            found = state_at(doc, view, j, posts)
            if found is not None and found.iri != state.iri:
                yield org, found, given
    for k, t in enumerate(tokens):
        if not lex.has("succeed", tokens, k, k + 1) or has_cue(doc, view.tokens, k, extra=lex):
            continue
        subject = [j for j in children(view.tokens, k) if tokens[j].rel.startswith("nsubj")]
        objects = [j for j in children(view.tokens, k) if tokens[j].rel == "obj"]
        if not subject or not objects:
            continue
        who = subject_state(doc, view, k, subject[0], posts)
        if who is None and tokens[subject[0]].lemma == "который":
            who = state_at(doc, view, tokens[k].head, posts)
        if who is None or who.iri != state.iri:
            continue
        found = state_at(doc, view, objects[0], posts)
        if found is not None and found.iri != state.iri:
            yield org, found, given


def _within_year(doc, view, verb) -> bool:
    """The handover the verb tells fell within a year: its date (else the article's, for a
    past one) is a day or month outside January (a chair handed over on 1 January was the
    giver's the year before only)."""
    dates = [d for d in governed_dates(view, verb) if d.kind in ("point", "since")]
    if dates:
        d = dates[0]
        return d.precision in ("day", "month") and not d.value[5:].startswith("01")
    date = doc.article.date or ""
    return view.tokens[verb].feat("Tense") == "Past" and len(date) == 10 and \
        not date[5:].startswith("01")
