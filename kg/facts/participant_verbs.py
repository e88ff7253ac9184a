"""Participants: the summit mention a person's verb puts them at.

"участвовать / принять участие в саммите", "присутствовать", "прибыть на саммит" (an
arrival without a destination, or at the summit's own city, counts), any action "на
саммите" or "в ходе саммита", a verb of saying "по итогам саммита"; negated, intended and
future verbs put nobody anywhere, nor does an action "на полях" or "накануне" the summit or
in another city.
"""

from __future__ import annotations

from kg.facts.base import Doc, SentView
from kg.facts.summit_base import (
    NOT_SUMMIT,
    PLACE_CLASSES,
    PRONOUNS,
    VERBS,
    Mention,
    State,
    current_summit,
    future_tense,
    hypothetical,
    is_kind,
    negated,
)
from kg.gazetteer import capital_states
from kg.syntax.tree import children, is_verb, preposition


def took_part(doc: Doc, lex, view: SentView, state: State, local: dict, v: int,
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
            found = took_part(doc, lex, view, state, local, k, depth + 1)
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
            if _bare_frame(lex, tokens, k):  # "Церемонию открытия провел X": the summit's own
                return current_summit(state)
    if hands_over_chair(lex, tokens, v):
        return current_summit(state)  # 'принял председательство у ...', 'передал председательство'
    if is_kind(lex, "lead", tokens, v) and any(
            is_kind(lex, "delegation", tokens, k) for k in objs + _object_before(tokens, v)):
        return current_summit(state)
    if is_kind(lex, "represent", tokens, v) and any(
            is_kind(lex, "delegation", tokens, k) or _a_state(view, k) for k in objs) and \
            not obls:
        return current_summit(state)  # 'Армению / Будапешт представлял вице-премьер ...'
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


def hands_over_chair(lex, tokens, v: int) -> bool:
    """The verb ``v`` takes or hands over the chairmanship ("принял председательство")."""
    return is_kind(lex, "hand_over", tokens, v) and any(
        tokens[k].rel == "obj" and is_kind(lex, "chair_noun", tokens, k)
        for k in children(tokens, v))


def _bare_frame(lex, tokens, k: int) -> bool:
    """'церемонию открытия': a part of a meeting that names no meeting of its own (not
    'церемонию открытия моста')."""
    if not is_kind(lex, "at_frame", tokens, k):
        return False
    below = [m for m in children(tokens, k) if tokens[m].rel in ("nmod", "amod")]
    return all(is_kind(lex, "at_frame", tokens, m) and not any(
        tokens[x].rel == "nmod" for x in children(tokens, m)) for m in below)


def _a_state(view: SentView, k: int) -> bool:
    """A state, or its capital standing for it ("Будапешт представлял министр")."""
    ref = view.ref_at(k)
    return ref is not None and (ref.cls == "State" or (
        ref.cls == "City" and ref.iri.rsplit("/", 1)[-1] in capital_states()))


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
    """'..., делегацию возглавил X', 'делегацию республики возглавила X': an accusative noun
    (with its genitive) right before the verb, wherever the parser hung it."""
    k = v - 1
    if k >= 1 and tokens[k].feat("Case") == "Gen" and tokens[k].head == k - 1:
        k -= 1  # its genitive: "делегацию [республики]"
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
