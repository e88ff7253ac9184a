"""Dependency trees: the tokens of a sentence, each with the index of its head (-1 for the
root) and its relation.

>>> from kg.records import Token
>>> t = lambda text, pos, head, rel: Token(0, 0, text, text, pos, (), head, rel)
>>> toks = (t("он", "PRON", 1, "nsubj"), t("вступил", "VERB", -1, "root"),
...         t("в", "ADP", 3, "case"), t("ОДКБ", "PROPN", 1, "obl"))
>>> children(toks, 1), ancestors(toks, 2), sorted(subtree(toks, 3))
([0, 3], [3, 1], [2, 3])
>>> predicate(toks, 3), preposition(toks, 3), head_of(toks, 2, 4)
(1, 'в', 3)
"""

from __future__ import annotations

from kg.phrases import sequence_memo
from kg.records import Token

CLAUSE_RELS = {"acl", "acl:relcl", "advcl", "parataxis", "ccomp", "conj", "root", "csubj"}
SUBJECT_RELS = ("nsubj", "nsubj:pass", "csubj")


def _child_lists(tokens) -> list[list[int]]:
    memo = sequence_memo(tokens)
    if memo is not None and "children" in memo:
        return memo["children"]
    out: list[list[int]] = [[] for _ in tokens]
    for j, t in enumerate(tokens):
        if 0 <= t.head < len(tokens) and t.head != j:
            out[t.head].append(j)
    if memo is not None:
        memo["children"] = out
    return out


def children(tokens, i: int) -> list[int]:
    """The tokens whose head is token ``i``, in order."""
    return _child_lists(tokens)[i] if 0 <= i < len(tokens) else []


def ancestors(tokens, i: int) -> list[int]:
    """The heads above token ``i``, nearest first (a cycle is cut)."""
    out, seen = [], {i}
    k = tokens[i].head
    while 0 <= k < len(tokens) and k not in seen:
        out.append(k)
        seen.add(k)
        k = tokens[k].head
    return out


def subtree(tokens, i: int) -> set[int]:
    """Token ``i`` and everything below it."""
    out, todo = {i}, [i]
    while todo:
        for j in children(tokens, todo.pop()):
            if j not in out:
                out.add(j)
                todo.append(j)
    return out


def head_of(tokens, first: int, last: int) -> int:
    """The token of [first, last) whose head lies outside it (the first such): the head of
    a name or phrase."""
    for i in range(first, last):
        if not first <= tokens[i].head < last:
            return i
    return first


def is_verb(token: Token) -> bool:
    """A verb, an auxiliary or a participle the tagger took for an adjective."""
    return token.pos in ("VERB", "AUX") or (token.pos == "ADJ"
                                            and token.feat("VerbForm") == "Part")


def predicate(tokens, i: int) -> int:
    """The verb that governs token ``i`` (``i`` itself if a verb), else the top of its
    chain of heads."""
    if tokens[i].pos == "VERB":
        return i
    chain = ancestors(tokens, i)
    for k in chain:
        if tokens[k].pos == "VERB":
            return k
    return chain[-1] if chain else i


def governing_verb(tokens, i: int) -> tuple[int | None, int]:
    """The nearest verb above token ``i`` that is not a participle or relative clause of
    ``i`` itself, and the token just below it on the way up: (verb or None, below)."""
    below = i
    for h in ancestors(tokens, i):
        if is_verb(tokens[h]) and not (tokens[h].rel in ("acl", "acl:relcl")
                                       and tokens[h].head == i):
            return h, below
        below = h
    return None, below


def governs(tokens, p: int, h: int) -> bool:
    """Token ``p`` is above ``h`` with no other verb and no conjunct between."""
    chain = [h] + ancestors(tokens, h)
    if p not in chain:
        return False
    return not any(tokens[k].pos == "VERB" or tokens[k].rel == "conj"
                   for k in chain[: chain.index(p)])


def preposition(tokens, i: int) -> str | None:
    """The preposition of the noun ``i`` as a lemma ("во" -> "в"): its ``case`` child (or a
    preposition hung on it), else the preposition right before it or before its own
    modifiers ("на 38-й очередной сессии", the parser having hung "на" elsewhere)."""
    for j in children(tokens, i):
        if tokens[j].rel == "case" or tokens[j].pos == "ADP":
            return tokens[j].lemma
    j = i - 1
    while j >= 0 and tokens[j].head == i and tokens[j].rel in ("amod", "nummod", "det"):
        j -= 1
    if j >= 0 and tokens[j].pos == "ADP":
        return tokens[j].lemma
    return None


def subjects(tokens, i: int) -> list[int]:
    """The subjects of the verb ``i``."""
    return [j for j in children(tokens, i) if tokens[j].rel.startswith(SUBJECT_RELS)]
