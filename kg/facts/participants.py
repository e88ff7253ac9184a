"""The participants of summits (``participant``): who took part in which summit mention
of a sentence (see kg/facts/summits.py for the phrasings).
"""

from __future__ import annotations

from kg.facts.base import Doc, Ref, SentView
from kg.facts.participant_verbs import hands_over_chair, took_part
from kg.facts.roles import load_roles
from kg.facts.summit_base import (
    NAME_RELS,
    SUBJECT_RELS,
    Mention,
    State,
    current_summit,
    is_kind,
    negated,
)
from kg.records import Fact
from kg.syntax.tree import children, head_of, is_verb


def participants_of(doc: Doc, lex, view: SentView, state: State, local: dict,
                    posts: list[Fact]):
    """(summit Mention, participant IRI) pairs of one sentence."""
    out = []
    prev = None  # (the previous person, their summit) for lists the parser broke
    for ref in view.refs:
        if ref.cls != "Person":
            continue
        start = _np_start(view, ref)
        target = _person_event(doc, lex, view, state, local, ref, start)
        if target is None and prev is not None and _continues_list(view, prev[0], ref) and \
                _subject_of(view, ref, start) is None:
            target = prev[1]
        if target is not None:
            out.append((target, ref.iri))
            prev = (ref, target)
        else:
            prev = (ref, None) if _own_predicate(view, ref, start) else prev
    for target, iri in _state_participants(doc, lex, view, state, local, posts):
        out.append((target, iri))
    out += _besides(lex, view, out)
    return [(t, iri) for t, iri in out if isinstance(t, Mention)]


def _besides(lex, view: SentView, found: list) -> list:
    """"Помимо Био и Тинубу, в саммите участвовали X, Y": the persons of the "помимо" phrase
    took part in the summit of the list that follows it."""
    tokens = view.tokens
    out = []
    for a, b in lex.find("besides", tokens):
        comma = next((k for k in range(b, len(tokens)) if tokens[k].text == ","), None)
        if comma is None:
            continue
        after = view.tokens[comma].end
        target = next((t for t, iri in found if isinstance(t, Mention) and any(
            r.iri == iri and r.mention.start >= after for r in view.refs)), None)
        if target is None:
            continue
        out += [(target, r.iri) for r in view.refs
                if r.cls == "Person" and tokens[b].start <= r.mention.start < after]
    return out


def _np_start(view: SentView, ref: Ref) -> int:
    """The title noun before a name ('президент России Владимир Путин' -> 'президент')."""
    tokens = view.tokens
    i = ref.first - 1
    title = None
    while i >= 0:
        t = tokens[i]
        if t.pos in ("PUNCT", "CCONJ", "ADP", "SCONJ", "ADV") or is_verb(t):
            break
        if t.pos == "NOUN" and t.feat("Case") == "Nom":
            title = i
        i -= 1
    if title is not None:
        return title
    return head_of(tokens, ref.first, ref.last)


def _own_predicate(view: SentView, ref: Ref, start: int) -> bool:
    return _subject_of(view, ref, start) is not None


def _continues_list(view: SentView, prev: Ref, ref: Ref) -> bool:
    """Only commas, 'и', titles and state names between two persons: one list."""
    tokens = view.tokens
    for i in range(prev.last, ref.first):
        t = tokens[i]
        if (is_verb(t) and t.feat("VerbForm") != "Part") or t.pos in ("ADP", "SCONJ") or \
                t.lemma in ("не", "а", "но", "однако"):
            return False
    return True


def _subject_of(view: SentView, ref: Ref, start: int) -> int | None:
    """The verb whose subject the person is, or None."""
    tokens = view.tokens
    after = ref.last
    while after < len(tokens) and tokens[after].lemma in ("не", "же", "также", "тоже"):
        after += 1
    if after < len(tokens) and tokens[after].pos == "VERB" and \
            tokens[after].feat("VerbForm") == "Fin" and \
            not any(tokens[k].rel.startswith("nsubj") for k in children(tokens, after)):
        return after
    for begin in (start, head_of(tokens, ref.first, ref.last)):
        i = begin
        seen = {i}
        misplaced = False
        for _ in range(20):
            t = tokens[i]
            h = t.head
            if h < 0 or h in seen or h >= len(tokens):
                break
            seen.add(h)
            if is_verb(tokens[h]):
                if t.rel in SUBJECT_RELS or misplaced:
                    return h
                break
            if t.rel == "nmod" and t.feat("Case") == "Nom" and t.pos == "PROPN":
                misplaced = True  # a nominative name is no genitive modifier: a subject
            elif t.rel not in NAME_RELS:
                break
            i = h
    return None


def _person_event(doc: Doc, lex, view: SentView, state: State, local: dict, ref: Ref,
                  start: int):
    """The summit mention the person took part in, or None."""
    tokens = view.tokens
    if _excluded(lex, tokens, ref, start):
        return None
    head = head_of(tokens, ref.first, ref.last)
    mods = [k for node in {start, head} for k in children(tokens, node)
            if tokens[k].rel in ("acl", "acl:relcl") and is_verb(tokens[k])]
    after = _participle_after(tokens, ref.last, head)
    for k in mods + ([after] if after is not None else []):
        if tokens[k].feat("Voice") == "Pass":
            continue  # "избранная на саммите": done to the person, who need not be there
        found = took_part(doc, lex, view, state, local, k)
        if found is not None:
            return found
    v = _subject_of(view, ref, start)
    if v is None:
        return _represented_by(lex, view, state, start, head)
    if _negated_between(tokens, ref.last, v):
        return None
    return took_part(doc, lex, view, state, local, v)


def _represented_by(lex, view: SentView, state: State, start: int, head: int):
    """'Евросоюз был представлен председателем Европейского совета X и председателем
    Еврокомиссии Y': the agents of a passive "представлен" took part in the summit reported."""
    tokens = view.tokens
    for node in (start, head):
        for _ in range(4):  # the name hangs on its title, 'X и Y': the second on the first
            if tokens[node].rel not in ("conj", "appos") or \
                    not 0 <= tokens[node].head < len(tokens):
                break
            node = tokens[node].head
        h = tokens[node].head
        if tokens[node].feat("Case") == "Ins" and 0 <= h < len(tokens) and \
                tokens[h].feat("Voice") == "Pass" and is_kind(lex, "represent", tokens, h) and \
                not negated(lex, tokens, h):
            return current_summit(state)
    return None


def _negated_between(tokens, end: int, v: int) -> bool:
    """'Орбан, чья страна ..., в Азербайджан не приехал, делегацию возглавил ...': a negated
    verb without a subject of its own between the person and the verb the parser gave them."""
    for k in range(end, v):
        t = tokens[k]
        if t.pos == "VERB" and t.feat("VerbForm") == "Fin" and k > 0 and \
                tokens[k - 1].lemma == "не" and not any(
                    tokens[m].rel.startswith("nsubj") for m in children(tokens, k)):
            return True
    return False


def _participle_after(tokens, end: int, noun: int) -> int | None:
    """'Зась, также присутствовавший на саммите, ...', 'Токаев, который ... открыл
    заседание': a participle after a comma that agrees with the person in gender and number,
    or the verb of a relative clause right after the person (the parser may hang them
    elsewhere)."""
    i = end
    if i >= len(tokens) or tokens[i].text != ",":
        return None
    i += 1
    if i < len(tokens) and tokens[i].lemma == "который" and tokens[i].feat("Case") == "Nom":
        h = tokens[i].head
        return h if 0 <= h < len(tokens) and is_verb(tokens[h]) else None
    while i < len(tokens) and tokens[i].pos == "ADV":
        i += 1
    if i >= len(tokens):
        return None
    t, n = tokens[i], tokens[noun]
    if t.feat("VerbForm") != "Part" or t.feat("Case") not in (None, n.feat("Case")):
        return None
    if t.feat("Number") != n.feat("Number"):
        return None
    if t.feat("Number") == "Sing" and t.feat("Gender") != n.feat("Gender"):
        return None
    return i


def _excluded(lex, tokens, ref: Ref, start: int) -> bool:
    """'кроме премьер-министра Армении Никола Пашиняна', 'вместо президента X': the
    person's phrase follows a preposition of exclusion."""
    i = min(start, ref.first) - 1
    while i >= 0 and tokens[i].pos in ("NOUN", "PROPN", "ADJ") and ref.first - i < 8:
        i -= 1
    return i >= 0 and lex.has("exclusion", tokens, max(0, i - 1), i + 1)


def _state_participants(doc: Doc, lex, view: SentView, state: State, local: dict,
                        posts: list[Fact]):
    """A state as the subject ('Армения приняла участие') or a title without a name
    ('президент Казахстана') when no person is named in the subject."""
    tokens = view.tokens
    persons = [r for r in view.refs if r.cls == "Person"]
    out = []
    for ref in view.refs:
        if ref.cls != "State":
            continue
        if any(p.first - 4 <= ref.first < p.first for p in persons):
            continue
        head = head_of(tokens, ref.first, ref.last)
        for _ in range(len(tokens)):  # 'Россия, Китай и Индия': the list's first state
            up = tokens[head].head
            owner = view.ref_at(up) if tokens[head].rel == "conj" and 0 <= up < len(tokens) \
                else None
            if owner is None or owner.cls != "State" or up == head:
                break
            head = up
        v = None
        if tokens[head].rel in SUBJECT_RELS and tokens[head].feat("Case") == "Nom" and \
                0 <= tokens[head].head < len(tokens) and is_verb(tokens[tokens[head].head]):
            v = tokens[head].head
        elif tokens[head].rel == "nmod" and 0 <= tokens[head].head < len(tokens):
            owner = tokens[head].head
            if (is_kind(lex, "delegation", tokens, owner) or _title(doc, view, owner)) and \
                    tokens[owner].rel in SUBJECT_RELS and not persons:
                h = tokens[owner].head
                v = h if 0 <= h < len(tokens) and is_verb(tokens[h]) else None
        if v is None or is_kind(lex, "membership_verb", tokens, v) or \
                hands_over_chair(lex, tokens, v):
            continue  # "Белоруссия вступила в ШОС на саммите": it joined, it took no part;
            # a state's chairmanship handed over is no one's presence
        target = took_part(doc, lex, view, state, local, v)
        if target is None:
            continue
        out.append((target, _holder(doc, view, ref, head, posts) or ref.iri))
    return out


def _title(doc: Doc, view: SentView, i: int) -> str | None:
    roles = load_roles(doc.ctx.models.morph_vocab)
    for a, _, role in roles.match(view.tokens, i, min(len(view.tokens), i + 4)):
        if a == i:
            return role.label
    return None


def _holder(doc: Doc, view: SentView, ref: Ref, head: int, posts: list[Fact]) -> str | None:
    """'президент Казахстана' -> the person the article gives that post, if any."""
    owner = view.tokens[head].head
    if not 0 <= owner < len(view.tokens):
        return None
    role = _title(doc, view, owner)
    if role is None:
        return None
    for p in posts:
        if p.get("organization") == ref.iri and p.get("role") == role and \
                p.get("status", "current") == "current":
            return p.get("person")
    return None
