"""Chairmanships told by their holder: "Лукашенко как председатель ОДКБ", "председатель АС,
президент Коморских Островов", "в качестве действующего председателя ОБСЕ",
"страна-председатель", and a head of state who "возглавлял объединение" (the lead cue).
"""

from __future__ import annotations

from kg.facts.chair_states import (
    antecedent_state,
    elliptic,
    state_left,
    subject_state,
    years_or_current,
)
from kg.facts.chair_years import _current, _is_future, _org_near, _years
from kg.facts.fact_context import (
    ORGS,
    PERSONS_AND_STATES,
    anaphor_org,
    org_entity,
    state_at,
)
from kg.syntax.anaphora import is_org_anaphor
from kg.syntax.modality import has_cue
from kg.syntax.tree import children, predicate, preposition

# .. "председатель ОДКБ", "страна-председатель" ...............................


def holder_cue(doc, view, i, posts, lex):
    """A holder acting as chair; a bare "председатель" needs the organization
    next to it, "страна-председатель" may leave it implicit."""
    tokens = view.tokens
    country = tokens[i].lemma != "председатель"
    if has_cue(doc, view.tokens, i, extra=lex):
        return
    if any(lex.has("former", tokens, j, j + 1) and tokens[j].pos == "ADJ"
           for j in children(view.tokens, i)):
        return
    org = _holder_org(doc, view, i, lex, implicit=country)
    if org is None:
        return
    state = _holder_state(doc, view, i, posts, lex)
    if state is None:
        return
    years = _years(doc, view, i, lex)
    if not years and not _is_future(tokens[predicate(view.tokens, i)]):
        years = _current(doc)
    if years:
        yield org, state, years
    p = predicate(view.tokens, i)
    if tokens[i].rel == "xcomp" and p == tokens[i].head:
        yield from elliptic(doc, view, p, org, posts, lex)


def _holder_org(doc, view, i, lex, implicit):
    """"председатель ОДКБ" (an international organization, not a state or a
    body), "председатель организации"."""
    tokens = view.tokens
    for j in children(view.tokens, i):
        if tokens[j].rel != "nmod" or preposition(view.tokens, j) is not None:
            continue
        ref = view.ref_at(j)
        if ref is not None:
            return ref.entity if ref.cls == "InternationalOrganization" else None
        if is_org_anaphor(doc, tokens, j):
            return anaphor_org(doc, view, j)
        return None
    if implicit:
        return _org_near(doc, view, i, lex, implicit=True)
    return None


def _holder_state(doc, view, i, posts, lex):
    tokens = view.tokens
    t = tokens[i]
    if t.rel == "appos" and 0 <= t.head < len(tokens):
        found = state_at(doc, view, t.head, posts)
        if found is not None:
            return found
    for j in children(view.tokens, i):
        if tokens[j].rel in ("appos", "flat:name") or tokens[j].rel.startswith("nsubj"):
            found = state_at(doc, view, j, posts)
            if found is not None:
                return found
    head = t.head if 0 <= t.head < len(tokens) else None
    if head is not None and t.rel == "xcomp":
        for j in children(view.tokens, head):
            if tokens[j].rel == "obj":
                found = state_at(doc, view, j, posts)
                if found is not None:
                    return found
    if head is not None and tokens[head].pos == "VERB" and t.rel in ("obl", "xcomp", "advcl"):
        if tokens[head].rel.startswith("acl"):
            found = state_at(doc, view, tokens[head].head, posts)
            if found is not None:
                return found
        for j in children(view.tokens, head):
            if tokens[j].rel.startswith("nsubj"):
                found = subject_state(doc, view, head, j, posts)
                if found is not None:
                    return found
    return state_left(doc, view, i, posts, lex)


# .. "возглавлял объединение" ..................................................


def lead_cue(doc, view, i, posts, lex):
    """A head of state (or a state) that "возглавлял" an international organization."""
    tokens = view.tokens
    if has_cue(doc, view.tokens, i, extra=lex):
        return
    org = None
    for j in children(view.tokens, i):
        if tokens[j].rel == "obj" or (tokens[j].rel == "obl" and tokens[j].feat("Case") == "Ins"
                                      and preposition(view.tokens, j) is None):
            ref = view.ref_at(j)
            if ref is not None and ref.cls == "InternationalOrganization":
                org = ref.entity
            elif ref is None and is_org_anaphor(doc, tokens, j):
                org = anaphor_org(doc, view, j)
            elif ref is None and lex.has("work", tokens, j, j + 1):
                org = _work_org(doc, view, j, lex)  # 'руководит работой СНГ'
    if org is None:
        return
    state = None
    for j in children(view.tokens, i):
        if tokens[j].rel.startswith("nsubj"):
            det = [c for c in children(view.tokens, j) if tokens[c].lemma == "чей"]
            if tokens[j].lemma == "который" or det:
                state = antecedent_state(doc, view, min([j] + det), i, posts, roles=lex)
            else:
                state = _leader_state(doc, view, j, posts, lex)
    if state is None and tokens[i].feat("VerbForm") == "Part" and tokens[i].rel.startswith("acl"):
        state = _leader_state(doc, view, tokens[i].head, posts, lex)
    if state is None:
        return
    years = years_or_current(doc, view, i, lex)
    if years:
        yield org, state, years


def _work_org(doc, view, j, lex):
    """The organization whose work a noun names: 'работой СНГ', 'его работой' (a possessive
    pronoun refers back)."""
    tokens = view.tokens
    for k in children(view.tokens, j):
        if tokens[k].rel in ("nmod", "det", "nmod:poss"):
            ref = view.ref_at(k)
            if ref is not None and ref.cls in ORGS:
                return org_entity(doc, ref)
            if is_org_anaphor(doc, tokens, k) or tokens[k].lemma in ("его", "ее", "её",
                                                                                "их", "он"):
                return anaphor_org(doc, view, k)
    return None


def _leader_state(doc, view, j, posts, lex):
    """A state, or the state of a head of state or government ("президент
    Мавритании ...", a person whose post is one)."""
    ref = view.ref_at(j)
    if ref is not None and ref.cls in PERSONS_AND_STATES:
        return state_at(doc, view, j, posts, roles=lex)
    if lex.has("leader_role", view.tokens, j, j + 1):
        return state_at(doc, view, j, posts, roles=lex)
    return None
