"""The participants of summits (``participant``): who took part in which summit mention
of a sentence (see kg/facts/summits.py for the phrasings).
"""

from __future__ import annotations

from kg.facts.base import Doc, Ref, SentView
from kg.facts.roles import load_roles
from kg.facts.summit_base import (
    NAME_RELS,
    NOT_SUMMIT,
    PLACE_CLASSES,
    PRONOUNS,
    SUBJECT_RELS,
    VERBS,
    Mention,
    State,
    current_summit,
    future_tense,
    hypothetical,
    is_kind,
    negated,
)
from kg.records import Fact
from kg.syntax.tree import children, head_of, is_verb, preposition


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
    return [(t, iri) for t, iri in out if isinstance(t, Mention)]


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
        found = _took_part(doc, lex, view, state, local, k)
        if found is not None:
            return found
    v = _subject_of(view, ref, start)
    if v is None or _negated_between(tokens, ref.last, v):
        return None
    return _took_part(doc, lex, view, state, local, v)


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


def _took_part(doc: Doc, lex, view: SentView, state: State, local: dict, v: int,
               depth: int = 0):
    """The summit mention that verb ``v`` (with the person as subject) puts them at."""
    tokens = view.tokens
    if is_kind(lex, "refuse", tokens, v):
        return None
    if not (negated(lex, tokens, v) or hypothetical(lex, tokens, v, "intention") or
            future_tense(tokens, v)):
        found = _direct(doc, lex, view, state, local, v)
        if found is not None:
            return found
        for k in children(tokens, v):
            if tokens[k].rel == "xcomp" and is_verb(tokens[k]):
                found = _direct(doc, lex, view, state, local, k)
                if found is not None:
                    return found
    if depth >= 2:
        return None
    for k in children(tokens, v):
        t = tokens[k]
        gerund = t.rel == "advcl" and t.feat("VerbForm") == "Conv"
        shared = t.rel == "conj" and is_verb(t) and not any(
            tokens[m].rel.startswith("nsubj") for m in children(tokens, k))
        if gerund or shared:
            found = _took_part(doc, lex, view, state, local, k, depth + 1)
            if found is not None:
                return found
    return None


def _direct(doc: Doc, lex, view: SentView, state: State, local: dict, v: int):
    tokens = view.tokens
    kids = children(tokens, v)
    objs = [k for k in kids if tokens[k].rel == "obj"]
    obls = [k for k in kids if tokens[k].rel in ("obl", "iobj", "obl:agent")]
    participates = is_kind(lex, "participate", tokens, v) or (
        is_kind(lex, "take", tokens, v) and any(is_kind(lex, "part", tokens, k) for k in objs))
    if participates or is_kind(lex, "chair", tokens, v):
        where = obls + [m for o in objs for m in children(tokens, o) if tokens[m].rel == "nmod"]
        for k in where:
            event = _event_at(lex, view, state, local, k)
            if event is not None:
                return event if event is not NOT_SUMMIT else None
        if any(_event_noun(lex, tokens, k) or _elsewhere(lex, view, k) for k in where):
            return None
        return current_summit(state) if participates else None
    if is_kind(lex, "arrive", tokens, v):
        for k in obls + objs:
            if preposition(tokens, k) in ("на", None):
                event = _event_at(lex, view, state, local, k)
                if isinstance(event, Mention):
                    return event
        if _arrived_here(doc, lex, view, state, obls + objs):
            return current_summit(state)  # 'От стран Залива прибыли', 'За столом собрались'
    if is_kind(lex, "host", tokens, v):
        named = [k for k in kids if tokens[k].rel == "nsubj" and tokens[k].feat("Case") == "Acc"]
        if v > 0 and tokens[v - 1].lemma == "который" and tokens[v - 1].feat("Case") == "Acc":
            named.append(v - 1)  # '..., которое провел X': the parser hung it elsewhere
        for k in objs + named:
            if tokens[k].lemma == "который" and tokens[v].rel == "acl:relcl":
                k = tokens[v].head
            event = _event_at(lex, view, state, local, k)
            if isinstance(event, Mention):
                return event
    if is_kind(lex, "lead", tokens, v) and any(
            is_kind(lex, "delegation", tokens, k) for k in objs + _object_before(tokens, v)):
        return current_summit(state)
    if is_kind(lex, "represent", tokens, v) and any(
            is_kind(lex, "delegation", tokens, k) or (view.ref_at(k) is not None and
                                                  view.ref_at(k).cls == "State")
            for k in objs) and not obls:
        return current_summit(state)  # 'Армению представлял вице-премьер ...'
    if is_kind(lex, "receive", tokens, v) and any(is_kind(lex, "guests", tokens, k) for k in objs):
        return current_summit(state)  # 'принимал гостей президент ...': the host
    for k in obls:
        case = preposition(tokens, k)
        if case is None or is_kind(lex, "outside", tokens, k) or lex.has("outside", tokens, max(
                0, k - 2), k):
            continue
        if case in ("на", "в") and (is_kind(lex, "at_frame", tokens, k) or
                                    local.get(k) is not None):
            event = _event_at(lex, view, state, local, k)  # на саммите, в ходе саммита
            if isinstance(event, Mention):
                return event
        if case == "по" and is_kind(lex, "result", tokens, k) and is_kind(lex, "speech", tokens, v):
            event = _event_at(lex, view, state, local, k)
            if isinstance(event, Mention):
                return event
    if any(is_kind(lex, "remote", tokens, k) for k in kids) and (
            participates or is_kind(lex, "speech", tokens, v) or is_kind(lex, "address", tokens, v)):
        here = [x for x in local.values() if isinstance(x, Mention)]
        return here[0] if here else current_summit(state)  # 'выступил по видеосвязи'
    for k in _nominal_below(tokens, v):
        if preposition(tokens, k) == "на" and (is_kind(lex, "at_frame", tokens, k) or k in local):
            event = _event_at(lex, view, state, local, k)
            if isinstance(event, Mention):
                return event
    if is_kind(lex, "address", tokens, v):
        for k in obls:
            if is_kind(lex, "audience", tokens, k) and isinstance(current_summit(state), Mention):
                return current_summit(state)
    return None


def _arrived_here(doc: Doc, lex, view: SentView, state: State, complements: list[int]) -> bool:
    """An arrival at the summit being reported: no destination named, or its place; not
    when the sentence denies the participation ('прибыл в Вильнюс, однако не участвовал')."""
    current = current_summit(state)
    if not isinstance(current, Mention):
        return False
    tokens = view.tokens
    if any(is_kind(lex, "participate", tokens, k) and negated(lex, tokens, k)
           for k in range(len(tokens))):
        return False
    for k in complements:
        if preposition(tokens, k) not in ("в", "на", "к"):
            continue
        ref = view.ref_at(k)
        here = {current.place, getattr(doc.dateline_city(), "iri", None)}
        if ref is None or ref.cls not in PLACE_CLASSES or ref.iri not in here:
            return False  # 'прибыл в Москву с визитом', 'прибыли на переговоры'
    return True


def _object_before(tokens, v: int) -> list[int]:
    """'..., делегацию возглавил X': an accusative noun (with its adjectives) right before
    the verb, wherever the parser hung it."""
    k = v - 1
    if k >= 0 and tokens[k].pos == "NOUN" and tokens[k].feat("Case") == "Acc":
        return [k]
    return []


def _nominal_below(tokens, v: int, depth: int = 3) -> list[int]:
    """Nouns under the objects of ``v`` without another verb between ('подписали
    декларацию о принятии ... на открытии саммита', where the parser hangs the place on a
    noun)."""
    out, frontier = [], [k for k in children(tokens, v) if tokens[k].rel == "obj"]
    for _ in range(depth):
        nxt = []
        for k in frontier:
            for m in children(tokens, k):
                if tokens[m].pos in ("NOUN", "PROPN") and not is_verb(tokens[m]):
                    out.append(m)
                    nxt.append(m)
        frontier = nxt
    return out


def _elsewhere(lex, view: SentView, k: int) -> bool:
    """'участвует в учениях', 'председательствует в ОДКБ': taking part in something that is
    not a meeting (a time, 'по видеосвязи' or 'в качестве гостя' is not a place)."""
    tokens = view.tokens
    if preposition(tokens, k) not in ("в", "на") or is_kind(lex, "manner", tokens, k):
        return False
    start = tokens[k].start
    ref = view.ref_at(k)
    if ref is not None and ref.cls in PLACE_CLASSES | {"Location"}:
        return False  # a place: 'участвовали в Габале'
    return not any(d.start <= start < d.end for d in view.dates)


def _event_noun(lex, tokens, k: int) -> bool:
    return any(is_kind(lex, kind, tokens, k) for kind in ("summit", "session", "meeting"))


def _event_at(lex, view: SentView, state: State, local: dict, k: int, depth: int = 0):
    """The meeting a noun names: a trigger of this sentence, a pronoun or a part of a
    meeting ('в его работе', 'в расширенной части заседания') -> Mention | NOT_SUMMIT | None."""
    tokens = view.tokens
    if k in local:
        return local[k]
    t = tokens[k]
    if t.pos in ("PRON", "DET") and t.lemma in PRONOUNS:
        return current_summit(state) if state.current is not NOT_SUMMIT else NOT_SUMMIT
    if depth < 3 and any(is_kind(lex, kind, tokens, k) for kind in ("work_frame", "at_frame",
                                                                  "result")):
        for m in children(tokens, k):
            if tokens[m].rel in ("nmod", "det", "nmod:poss"):
                found = _event_at(lex, view, state, local, m, depth + 1)
                if found is not None:
                    return found
        # 'по итогам визита в Киргизию и саммита': a summit word among the genitives
        frontier = [k]
        for _ in range(3):
            frontier = [m for f in frontier for m in children(tokens, f)
                        if tokens[m].rel in ("nmod", "conj") and m != f]
            for m in frontier:
                if isinstance(local.get(m), Mention):
                    return local[m]
        nxt = _next_trigger(tokens, k, local)
        if nxt is not None:
            return local[nxt]
    if is_kind(lex, "talks", tokens, k) and not any(
            tokens[m].rel in ("nmod", "det", "nmod:poss", "amod") for m in children(tokens, k)):
        return current_summit(state)  # 'в переговорах участвовали': the talks of the summit
    return None


def _next_trigger(tokens, k: int, local: dict) -> int | None:
    """'по итогам прошедшего здесь в четверг саммита': the summit word that follows a frame
    noun across a participle phrase (no comma, no finite verb between)."""
    for j in range(k + 1, min(len(tokens), k + 10)):
        if j in local:
            return j
        t = tokens[j]
        if t.pos == "PUNCT" or (t.pos in VERBS and t.feat("VerbForm") == "Fin"):
            return None
        if t.pos in ("NOUN", "PROPN") and t.feat("Case") == "Gen":
            return None  # the frame's own genitive: 'по итогам визита'
    return None


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
        if v is None:
            continue
        target = _took_part(doc, lex, view, state, local, v)
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

