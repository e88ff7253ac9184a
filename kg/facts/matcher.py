"""One matcher for the phrasings of every fact kind (``kg.facts.patterns`` compiles them).

``run(grammar, doc, view, units)`` runs a kind's patterns over one sentence, in file order,
and returns their matches: what each slot bound (a ``Hit``: tokens, head, value), plus the
pattern's ``set`` values. The kind's module gives the units its patterns name and turns
matches into facts. A sequence pattern is tried from every token; its first complete
match from a token (units longest first, gaps shortest first, repeats greedy) is taken.
A tree pattern is tried at every anchor; each other slot takes the nearest hit that hangs
where it must.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg.facts.matches import Hit, Match
from kg.facts.patterns import FEATS, Element, Grammar, Pattern, load_grammar
from kg.syntax import modality
from kg.syntax.agreement import same_case
from kg.syntax.clauses import aside_end, asides, clause_of
from kg.syntax.coordination import skip_separators
from kg.syntax.tree import ancestors, head_of, preposition

__all__ = ["Hit", "Match", "Scope", "load_grammar", "run"]


UnitFn = Callable[["Scope", int, Element], Iterable[Hit]]


@dataclass
class Scope:
    """One sentence under the matcher: its view, the article, the units and what was
    computed already (hits per unit and start; the units patterns claimed)."""

    doc: object
    view: object
    units: dict[str, UnitFn]
    cache: dict = field(default_factory=dict)
    claimed: set = field(default_factory=set)

    @property
    def tokens(self):
        return self.view.tokens

    def hits_at(self, el: Element, i: int) -> list[Hit]:
        key = (el.arg, el.options, i)
        found = self.cache.get(key)
        if found is None:
            fn = self.units.get(el.arg) or BUILTIN.get(el.arg)
            if fn is None:
                raise ValueError(f"no unit {el.arg!r}")
            found = self.cache[key] = sorted(fn(self, i, el), key=lambda h: -h.last)
        return found


def _word(scope: Scope, i: int, el: Element) -> list[Hit]:
    return [Hit(i, i + 1, i, scope.tokens[i])] if i < len(scope.tokens) else []


def _mention(scope: Scope, i: int, el: Element) -> list[Hit]:
    classes = el.option("classes")
    ref = scope.view.ref_starting(i) if i < len(scope.tokens) else None
    if ref is None or (classes and ref.cls not in classes):
        return []
    return [Hit(ref.first, ref.last, head_of(scope.tokens, ref.first, ref.last), ref)]


def _date(scope: Scope, i: int, el: Element) -> list[Hit]:
    """A date expression that begins at token ``i`` (its preposition included); the value
    is the ``TimeExpr``."""
    view = scope.view
    out = []
    for d in view.dates_in(i, len(scope.tokens)):
        first = view.token_index(d.start)
        if first == i or (first == i + 1 and scope.tokens[i].pos == "ADP"):
            last = view.token_index(d.end - 1) + 1
            out.append(Hit(i, last, first, d))
    return out


BUILTIN: dict[str, UnitFn] = {"word": _word, "mention": _mention, "date": _date}


# -- one element ------------------------------------------------------------------


def _token_ok(scope: Scope, el: Element, hit: Hit, bound: dict) -> bool:
    """The hit's head token meets the element's constraints."""
    tokens = scope.tokens
    t = tokens[hit.head]
    for key, allowed in el.feats:
        if not _feat_ok(tokens, hit.head, key, allowed):
            return False
    for negated in el.negated:
        if negated and all(_feat_ok(tokens, hit.head, key, allowed) for key, allowed in negated):
            return False
    if el.agrees is not None:
        other = bound.get(el.agrees)
        if isinstance(other, Hit) and not same_case(t, tokens[other.head]):
            return False
    for name, above in ((el.of, True), (el.below, False)):
        if name is None:
            continue
        other = bound.get(name)
        if not isinstance(other, Hit) or other.first <= hit.head < other.last:
            return False
        heads = [t.head] if above else ancestors(tokens, hit.head)
        if not any(other.first <= k < other.last for k in heads):
            return False
    return True


def _feat_ok(tokens, i: int, key: str, allowed: frozenset) -> bool:
    t = tokens[i]
    if key == "prep":
        return (preposition(tokens, i) or "none") in allowed
    if key == "pos":
        return t.pos in allowed
    if key == "lemmas":
        return t.lemma in allowed
    if key == "rel":
        return any(t.rel == a or (a.endswith("*") and t.rel.startswith(a[:-1]))
                   for a in allowed)
    if key == "lower":
        return t.text[:1].islower()
    if key == "capital":
        return t.text[:1].isupper()
    if key == "upper":
        return t.text.isupper()
    value = t.feat(FEATS[key])
    return (value if value is not None else "none") in allowed


def _single(scope: Scope, el: Element, i: int, bound: dict) -> list[Hit]:
    """Hits of a one-time element at token ``i`` (longest first)."""
    tokens = scope.tokens
    if i >= len(tokens):
        return []
    t = tokens[i]
    if el.kind == "unit":
        hits = scope.hits_at(el, i)
    elif el.kind == "lemma":
        hits = [Hit(i, i + 1, i, t)] if t.lemma in el.arg or t.text.lower() in el.arg else []
    elif el.kind == "text":
        hits = [Hit(i, i + 1, i, t)] if t.text in el.arg or t.text.lower() in el.arg else []
    elif el.kind == "lex":
        ends = _lex_starts(scope, *el.arg)
        hits = [Hit(i, ends[i], head_of(tokens, i, ends[i]))] if i in ends else []
    else:
        raise ValueError(f"element {el.kind} is not a single unit")
    return [h for h in hits if _token_ok(scope, el, h, bound)]


def _lex_starts(scope: Scope, name: str, kind: str) -> dict[int, int]:
    """Where the phrases of a lexicon kind start in the sentence -> where they end."""
    from kg.facts.base import lexicon

    key = ("lex", name, kind)
    found = scope.cache.get(key)
    if found is None:
        found = scope.cache[key] = dict(lexicon(name, scope.doc.ctx).find(kind, scope.tokens))
    return found


def _list_hits(scope: Scope, el: Element, i: int, bound: dict) -> list[tuple[int, tuple]]:
    """Coordinations of the element from token ``i``: (end, hits), longest first."""
    first = _single(scope, el, i, bound)
    if not first:
        return []
    items, end = [first[0]], first[0].last
    while True:
        k = skip_separators(scope.tokens, end, el.sep, punct=False)
        if k == end and "" not in el.sep:  # "" among the separators: side by side
            break
        nxt = _single(scope, el, k, bound)
        if not nxt:
            break
        items.append(nxt[0])
        end = nxt[0].last
    return [(items[n - 1].last, tuple(items[:n])) for n in range(len(items), 0, -1)]


def _aside_around(scope: Scope, i: int) -> int | None:
    """The closing comma of the aside token ``i`` lies inside, if any."""
    spans = scope.cache.get("asides")
    if spans is None:
        spans = scope.cache["asides"] = asides(scope.tokens)
    return next((b - 1 for a, b in spans if a < i < b - 1), None)


def _gap_ends(scope: Scope, el: Element, i: int, bound: dict,
              limit: int | None = None) -> list[int]:
    """Where a gap from token ``i`` may end, nearest first; with ``asides`` also past a
    whole aside (not counted), after the ends inside it. A gap of n words counts a fixed
    expression as one."""
    tokens = scope.tokens
    if limit is None and el.arg == "clause":
        _, limit = clause_of(tokens, min(i, len(tokens) - 1))
    elif limit is None:
        limit, words = i, 0  # a fixed expression ("в настоящее время") counts as one word
        while limit < len(tokens) and (words < int(el.arg) or tokens[limit].rel == "fixed"):
            words += tokens[limit].rel != "fixed"
            limit += 1
    if (inside := _aside_around(scope, i)) is not None:  # a gap does not leave its aside
        limit = min(limit, inside)
    ends, jumped = [i], []
    for k in range(i, limit):
        if el.option("asides") and (after := aside_end(tokens, k)) is not None:
            further = limit if el.arg == "clause" else min(len(tokens), limit + after - k)
            jumped = _gap_ends(scope, el, after, bound, max(after, further))
        if any(scope.hits_at(Element("unit", name), k) for name in el.without):
            break
        if el.feats and not _token_ok(scope, el, Hit(k, k + 1, k), bound):
            break
        ends.append(k + 1)
    return list(dict.fromkeys(ends + jumped))


# -- sequences ----------------------------------------------------------------------


def _match_seq(scope: Scope, elements: tuple[Element, ...], n: int, i: int, bound: dict):
    """Yield (end, bindings) for elements[n:] from token ``i``, in preference order."""
    if n == len(elements):
        yield i, bound
        return
    el = elements[n]
    if el.kind == "gap":
        for end in _gap_ends(scope, el, i, bound):
            yield from _match_seq(scope, elements, n + 1, end, bound)
        return
    yield from _repeat(scope, elements, n, i, bound, 0)


def _repeat(scope: Scope, elements, n: int, i: int, bound: dict, count: int):
    """Greedy repetition of element ``n`` (at least ``low``, at most ``high`` times)."""
    el = elements[n]
    if count < el.high:
        for end, value, inner in _once(scope, el, i, bound):
            if end <= i:
                continue
            new = {**bound, **inner}
            if el.slot:
                new[el.slot] = value
            yield from _repeat(scope, elements, n, end, new, count + 1)
    if count >= el.low:
        yield from _match_seq(scope, elements, n + 1, i, bound)


def _once(scope: Scope, el: Element, i: int, bound: dict):
    """(end, value, bindings of an ``any`` branch) for one occurrence at token ``i``."""
    if el.kind == "any":
        for option in el.arg:
            for end, inner in _match_seq(scope, option, 0, i, bound):
                yield end, None, inner
        return
    if el.as_list:
        for end, hits in _list_hits(scope, el, i, bound):
            yield end, hits, {}
        return
    for h in _single(scope, el, i, bound):
        yield h.last, h, {}


def _seq_matches(scope: Scope, pattern: Pattern) -> Iterable[Match]:
    for i in range(len(scope.tokens)):
        for end, bound in _match_seq(scope, pattern.elements, 0, i, {}):
            if end > i and _admit(scope, pattern, bound):
                yield Match(pattern.id, i, end, tuple(bound.items()), pattern.values)
                break


# -- trees ----------------------------------------------------------------------------


def _tree_matches(scope: Scope, pattern: Pattern) -> Iterable[Match]:
    anchor, rest = pattern.elements[0], pattern.elements[1:]
    for i in range(len(scope.tokens)):
        for hit in _single(scope, anchor, i, {}):
            bound = {anchor.slot or "anchor": hit}
            for el in rest:
                found = _tree_slot(scope, el, bound)
                if found is None and el.low > 0:
                    break
                if found is not None and el.slot:
                    bound[el.slot] = found
            else:
                if _admit(scope, pattern, bound):
                    hits = [h for v in bound.values() for h in (v if isinstance(v, tuple)
                                                                else (v,))]
                    yield Match(pattern.id, min(h.first for h in hits),
                                max(h.last for h in hits), tuple(bound.items()), pattern.values)


def _tree_slot(scope: Scope, el: Element, bound: dict):
    """The nearest hit of a tree slot that hangs where the element says."""
    target = bound.get(el.of or el.below)
    if target is None:
        return None
    best = None
    for k in range(len(scope.tokens)):
        if el.as_list:
            found = _list_hits(scope, el, k, bound)
            candidates = [(abs(k - target.head), found[0][1])] if found else []
        else:
            candidates = [(abs(h.head - target.head), h) for h in _single(scope, el, k, bound)]
        for c in candidates:
            if best is None or c[0] < best[0]:
                best = c
    return best[1] if best else None


# -- admitting a match ------------------------------------------------------------------


def _admit(scope: Scope, pattern: Pattern, slots: dict) -> bool:
    """The claim is free, no slot has a reading the pattern excludes, and a match that
    starts inside an aside stays in it (", создавшие Альянс государств Сахеля, вышли":
    the alliance did not leave); takes the claim."""
    if _leaves_aside(scope, slots):
        return False
    for name, readings in pattern.unless:
        hit = slots.get(name)
        if isinstance(hit, Hit) and \
                modality.reading(scope.doc, scope.tokens, hit.head) in readings:
            return False
    if pattern.claim is not None:
        hit = slots.get(pattern.claim)
        keys = [(pattern.claim_unit, h.first, h.last)
                for h in (hit if isinstance(hit, tuple) else (hit,)) if h]
        if any(k in scope.claimed for k in keys):
            return False
        scope.claimed.update(keys)
    return True


def _leaves_aside(scope: Scope, slots: dict) -> bool:
    hits = [h for v in slots.values() for h in (v if isinstance(v, tuple) else (v,))
            if isinstance(h, Hit)]
    if len(hits) < 2:
        return False
    first = min(h.first for h in hits)
    end = _aside_around(scope, first)
    return end is not None and any(h.first > end for h in hits)


def _grammar_unit(head: str | None, options):
    """A unit defined in a pattern file: each of its sequences that matches (one hit per
    end, the first sequence's); the value is the bindings of its slots."""
    def unit(scope: Scope, i: int, el: Element) -> list[Hit]:
        best: dict[int, Hit] = {}
        for option in options:
            for end, bound in _match_seq(scope, option, 0, i, {}):
                if end <= i or end in best:
                    continue
                h = bound.get(head) if head else None
                if h is None:  # the first slot bound
                    h = next(iter(bound.values()), None)
                h = h[0] if isinstance(h, tuple) else h
                best[end] = Hit(i, end, h.head if h is not None else i, bound)
        return list(best.values())
    return unit


def run(grammar: Grammar, doc, view, units: dict[str, UnitFn]) -> list[Match]:
    """Every match of a grammar's patterns in one sentence, in pattern order."""
    scope = Scope(doc, view, {**units, **{name: _grammar_unit(head, options)
                                           for name, head, options in grammar.units}})
    out: list[Match] = []
    for pattern in grammar.patterns:
        found = _seq_matches(scope, pattern) if pattern.kind == "seq" \
            else _tree_matches(scope, pattern)
        out.extend(found)
    return out
