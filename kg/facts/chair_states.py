"""Chairmanships: the state a cue is said of, shared by every chairmanship phrasing.

The subject of the cue's predicate (or a person standing for his state), the relative
pronoun's antecedent ("Бразилии, которая председательствует"), the nearest state to the left
of the cue, the elided predicate of "а Швейцарию - в 2026 году", and the years stated for a
verb (a present-tense one without a date means the article's year).
"""

from __future__ import annotations

from kg.facts.chair_years import _current, _is_present, _years, _years_of
from kg.facts.fact_context import (
    PERSONS_AND_STATES,
    _former_before,
    date_head,
    state_at,
)
from kg.syntax.agreement import same_gender_number
from kg.syntax.clauses import aside_end
from kg.syntax.tree import children


def years_or_current(doc, view, i, lex):
    """The years stated for the verb at token i; a present-tense verb without one means
    the article's year."""
    years = _years(doc, view, i, lex)
    if not years:  # "России, которая руководила объединением в 2024 году": the parser hung
        years = _aside_years(view, i)  # the date elsewhere; it is still in the verb's clause
    if not years and _is_present(view.tokens[i]):
        years = _current(doc)
    return years


def _aside_years(view, i) -> list[int]:
    """The years of the one point date in the relative or participial clause of token i."""
    tokens = view.tokens
    for k in range(i - 1, -1, -1):
        if tokens[k].text != ",":
            continue
        end = aside_end(tokens, k)
        if end is not None and end > i:
            dates = [d for d in view.dates_in(k + 1, end) if d.kind == "point"]
            return [int(dates[0].value[:4])] if len(dates) == 1 else []
        break
    return []


def subject_state(doc, view, verb, j, posts):
    """The state of a subject: a state, a person, "который" / "чья страна"
    (the word the relative clause hangs on)."""
    tokens = view.tokens
    det = [c for c in children(view.tokens, j) if tokens[c].lemma == "чей"]
    if tokens[j].lemma == "который" or det:
        return antecedent_state(doc, view, min([j] + det), verb, posts)
    return state_at(doc, view, j, posts)


def antecedent_state(doc, view, pron, verb, posts, roles=None):
    """The state of the word a relative clause hangs on: the word before the
    comma that opens it, else the clause's syntactic head."""
    tokens = view.tokens
    k = pron - 1
    while k >= 0 and tokens[k].pos == "ADP":
        k -= 1
    if k >= 1 and tokens[k].text == ",":
        word = k - 1
        h = tokens[word].head
        if 0 <= h < word and not same_gender_number(tokens[pron], tokens[word]) and \
                same_gender_number(tokens[pron], tokens[h]):
            word = h  # "бывший премьер-министр Того, который": the noun "Того" qualifies
            if _former_before(doc, view, word + 1):
                return None
        found = state_at(doc, view, word, posts, roles=roles)
        if found is None and view.ref_at(word) is not None:
            ref = view.ref_at(word)
            found = state_at(doc, view, ref.first, posts, roles=roles)
        if found is not None:
            return found
    if tokens[verb].rel.startswith("acl"):
        return state_at(doc, view, tokens[verb].head, posts, roles=roles)
    return None


def state_left(doc, view, i, posts, lex):
    """For "..., который как председательствующий ...": the nearest person or
    state before the cue in its clause."""
    tokens = view.tokens
    a, _ = view.clause_of(i)
    window = max(a, i - 8)
    if not lex.has("as", tokens, max(a, i - 3), i):
        return None
    for j in range(i - 1, window - 1, -1):
        ref = view.ref_at(j)
        if ref is not None and ref.cls in PERSONS_AND_STATES:
            return state_at(doc, view, j, posts)
    return None


def elliptic(doc, view, i, org, posts, lex):
    """", а Швейцарию - в 2026 году": a conjunct state with its own date, no verb."""
    tokens = view.tokens
    for j in children(view.tokens, i):
        if tokens[j].rel != "conj" or tokens[j].pos == "VERB":
            continue
        state = state_at(doc, view, j, posts)
        if state is None:
            continue
        years = []
        for d in view.dates:
            h = date_head(view, d)
            if h is not None and tokens[h].head == j:
                years += _years_of(d)
        if years:
            yield org, state, years
