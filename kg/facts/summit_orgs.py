"""Summits: which organization a summit word belongs to.

The genitive after it ("саммит ОДКБ"; a body stands for its organization; a supreme council
such as "Совет коллективной безопасности" alone takes the organization of the context), a
reference back ("саммит организации", "саммит альянса"), the subject of its verb ("ОДКБ
провела саммит"), else the organization named in the sentence or before.
"""

from __future__ import annotations

from kg.facts.base import INTERNATIONAL, Doc, Ref, SentView
from kg.facts.summit_base import (
    ORG_CLASSES,
    PLACE_CLASSES,
    State,
    Trigger,
    is_kind,
    preposition_before,
)
from kg.syntax.anaphora import is_org_anaphor
from kg.syntax.coordination import DASHES
from kg.syntax.tree import children, subjects


def subject_orgs(doc: Doc, view: SentView, v: int) -> list[str]:
    """The international organizations that are the subject of the verb ``v`` (with the
    ones coordinated with it)."""
    tokens = view.tokens
    out: list[str] = []
    for k in subjects(tokens, v):
        for j in (k, *(c for c in children(tokens, k) if tokens[c].rel == "conj")):
            ref = view.ref_at(j)
            if ref is not None and ref.cls in INTERNATIONAL and _org(doc, ref) not in out:
                out.append(_org(doc, ref))
    return out



def _skip_filler(tokens, i: int, end: int) -> int:
    while i < end and tokens[i].text in ('"', "«", "»", "(", "“", "”"):
        i += 1
    return i


def _ref_from(view: SentView, i: int) -> Ref | None:
    return view.ref_starting(i) or view.ref_at(i)


def supreme_ref(lex, ref: Ref) -> bool:
    """A mention of a supreme council ('ВЕЭС', 'СКБ ОДКБ': by its label)."""
    matcher = lex.matchers.get("supreme_body")
    if matcher is None:
        return False
    for text in (ref.entity.label, ref.mention.text, ref.mention.normal):
        tokens = matcher.tokens_of(text)
        if tokens and matcher.match(tokens):
            return True
    return False


def body_after(doc: Doc, lex, view: SentView, trig: Trigger, state: State):
    """The body named after a session word: (org IRI | None, end) if supreme, (False, end) if
    another body, (None, trig.last) if no body."""
    tokens = view.tokens
    n = len(tokens)
    i = _skip_filler(tokens, trig.last, n)
    if i >= n:
        return None, trig.last
    hits = [m for m in lex.find("supreme_body", tokens, i, min(n, i + 8)) if m[0] == i]
    ref = _ref_from(view, i)
    if hits or (ref is not None and ref.cls in ORG_CLASSES and supreme_ref(lex, ref)):
        end = max([b for _, b in hits] + ([ref.last] if ref is not None and ref.first == i
                                          else []))
        org = None
        if ref is not None and ref.cls == "OrganizationBody" and ref.entity.parent:
            org = _org(doc, ref)
        j = _skip_filler(tokens, end, n)
        nxt = _ref_from(view, j) if j < n else None
        if nxt is not None and nxt.cls in ORG_CLASSES and nxt.first >= end:
            org = _org(doc, nxt)
            end = nxt.last
        if org is None:
            org = context_org(doc, view, trig.head)
        state.last_body = (org, True)
        return org, end
    if tokens[i].lemma == "который" and tokens[i].feat("Case") == "Gen":
        return _antecedent_body(doc, lex, view, trig, state), i + 1
    if is_kind(lex, "body_word", tokens, i) and not _modified(tokens, i):
        if state.last_body is not None:
            org, supreme = state.last_body
            return (org if supreme else False), i + 1
        return None, i + 1
    if ref is not None and ref.cls in ORG_CLASSES:
        state.last_body = (_org(doc, ref), False)
        return False, ref.last
    tok = tokens[i]
    noun = i + 1 if tok.pos == "ADJ" and i + 1 < n else i
    if is_kind(lex, "time_noun", tokens, noun):
        return None, trig.last  # 'в заседаниях первого дня': a time, not a body
    if tok.pos in ("NOUN", "PROPN", "ADJ") and tok.feat("Case") == "Gen":
        state.last_body = (None, False)
        return False, i + 1
    return None, trig.last


def _modified(tokens, i: int) -> bool:
    """A noun with a genitive or adjective modifier of its own."""
    for k in children(tokens, i):
        if tokens[k].rel in ("nmod", "amod") and k > i:
            return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return bool(nxt is not None and nxt.pos in ("NOUN", "PROPN", "ADJ") and
                nxt.feat("Case") == "Gen")


def _antecedent_body(doc: Doc, lex, view: SentView, trig: Trigger, state: State):
    """'X, заседание которого ...': X is the body named before in the sentence."""
    tokens = view.tokens
    hits = [m for m in lex.find("supreme_body", tokens, 0, trig.first)]
    refs = [r for r in view.refs_in(0, trig.first, ORG_CLASSES)]
    if hits:
        org = next((_org(doc, r) for r in refs if r.first >= hits[-1][0]), None)
        org = org or context_org(doc, view, trig.head)
        state.last_body = (org, True)
        return org
    if refs:
        ref = refs[-1]
        if supreme_ref(lex, ref):
            state.last_body = (_org(doc, ref), True)
            return _org(doc, ref)
        state.last_body = (_org(doc, ref), False)
    return False


def summit_org(doc: Doc, lex, view: SentView, trig: Trigger, state: State):
    """(org IRI | None | False | "skip", explicit?, end of the trigger's phrase).

    False: a session of a body that is not a supreme council (not a summit).
    "skip": a format or bilateral summit. None: no organization named.
    """
    tokens = view.tokens
    n = len(tokens)
    if trig.kind == "gather":
        subj = [k for k in children(tokens, trig.head) if tokens[k].rel.startswith("nsubj")]
        for k in subj:
            ref = view.ref_at(k)
            if ref is not None and ref.cls == "OrganizationBody" and ref.entity.parent:
                return _org(doc, ref), True, trig.last
            found = _org_in_phrase(doc, lex, view, k + 1, min(n, k + 8))
            if found == "skip":
                return "skip", False, trig.last  # 'лидеры России и Китая встретились'
            if found:
                return found[0], True, trig.last
        return "skip", False, trig.last  # leaders of no organization named
    if trig.kind == "session":
        org, end = body_after(doc, lex, view, trig, state)
        if org is False:
            return False, False, end
        if end > trig.last:
            return org, org is not None, end
        return None, False, trig.last
    if trig.kind == "meeting":
        return None, False, trig.last
    found = _org_in_phrase(doc, lex, view, trig.last, min(n, trig.last + 6))
    if found == "skip":
        return "skip", False, trig.last
    if found:
        return found[0], True, found[1], found[2]
    return None, False, trig.last


def _org_in_phrase(doc: Doc, lex, view: SentView, i: int, end: int):
    """The organization named right after a trigger (skipping 'стран', quotes, '-'):
    (org IRI, end, partners) or "skip" for a summit of states or of a party and a place,
    or None. A joint summit names a second international organization after "и" or a dash
    ("саммит АСЕАН и ССАГПЗ", "саммит АСЕАН - ССАГПЗ"): its partners."""
    tokens = view.tokens
    while i < end:
        i = _skip_filler(tokens, i, end)
        if i >= end:
            return None
        ref = _ref_from(view, i)
        if ref is not None and ref.cls in ORG_CLASSES:
            org = _org(doc, ref)
            j = _after_abbreviation(view, ref)
            if j < len(tokens) and (tokens[j].text in DASHES or tokens[j].lemma == "и"):
                k = _ref_from(view, _skip_filler(tokens, j + 1, len(tokens)))
                if k is not None and k.cls in INTERNATIONAL and ref.cls in INTERNATIONAL \
                        and _org(doc, k) != org:
                    return org, _after_abbreviation(view, k), (_org(doc, k),)
                if tokens[j].text in DASHES and k is not None and (
                        k.cls in ORG_CLASSES or k.cls in PLACE_CLASSES):
                    return "skip"
            return org, ref.last, ()
        if ref is not None and ref.cls in PLACE_CLASSES | {"Location"}:
            if preposition_before(tokens, ref.first) is None:
                return "skip"
            return None
        if is_org_anaphor(doc, tokens, i) and tokens[i].feat("Case") == "Gen":
            org = _anaphor_org(doc, view, i)
            return (org, i + 1, ()) if org else None
        if is_kind(lex, "connector", tokens, i) and tokens[i].feat("Case") == "Gen":
            i += 1
            continue
        return None
    return None


def _after_abbreviation(view: SentView, ref: Ref) -> int:
    """The token after a name and its bracketed abbreviation ("... Азии (АСЕАН)")."""
    tokens = view.tokens
    j = ref.last
    if j + 2 < len(tokens) and tokens[j].text == "(" and tokens[j + 2].text == ")":
        return j + 3
    return _skip_filler(tokens, j, len(tokens))


def _org(doc: Doc, ref: Ref) -> str:
    """The organization a mention stands for: a body -> its organization; an organization
    unknown to the gazetteer whose name holds a known international organization ('Комиссия
    Африканского союза') -> that organization."""
    entity = doc.org_of(ref)
    if entity.cls == "Organization":
        gaz = doc.gazetteer
        for _, _, entry in gaz.match(gaz.matcher.tokens_of(entity.label)):
            if entry.cls == "InternationalOrganization":
                return doc.state_entity(entry).iri
    return entity.iri


def _anaphor_org(doc: Doc, view: SentView, i: int) -> str | None:
    ref = doc.anaphor_ref(view.tokens[i].start, view.tokens[i].lemma)
    if ref is not None:
        return _org(doc, ref)
    main = doc.main_org()
    return main.iri if main else None


def context_org(doc: Doc, view: SentView, h: int) -> str | None:
    """The organization of a bare summit word: one named in the sentence, else before."""
    refs = [r for r in view.refs if r.cls in INTERNATIONAL]
    before = [r for r in refs if r.first < h]
    if before:
        return _org(doc, before[-1])
    if refs:
        return _org(doc, refs[0])
    return _anaphor_org(doc, view, h)
