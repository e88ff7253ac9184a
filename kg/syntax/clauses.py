"""Clauses: where a sentence's clauses begin and end.

A sentence is cut at ";" and before ", а", ", но", ", однако", ", тогда как" (clauses
that each have their own subject and predicate).

>>> from kg.records import Token
>>> toks = tuple(Token(0, 0, w, w.lower(), "X") for w in "A вошла , а B вышла .".split())
>>> clauses(toks), clause_of(toks, 4)
([(0, 3), (3, 7)], (3, 7))

A clause without a subject of its own shares the one of the clause before ("Белоруссия
была наблюдателем, а в 2024 году стала членом"): ``shared_subject``.

An aside is a participial or relative clause between commas ("Узбекистан, вступивший в
ОДКБ в 2006 году, вышел из нее"): ``aside_end`` says where it ends.
"""

from __future__ import annotations

from kg.phrases import sequence_memo
from kg.syntax.agreement import agrees

CONTRAST = ("а", "но", "однако", "тогда")
RELATIVE = ("который", "чей")


def clauses(tokens) -> list[tuple[int, int]]:
    """Token ranges of the clauses, in order."""
    memo = sequence_memo(tokens)
    if memo is not None and "clauses" in memo:
        return memo["clauses"]
    cuts = [0]
    for i, t in enumerate(tokens):
        if t.text == ";":
            cuts.append(i + 1)
        elif t.lemma in CONTRAST and i > 0 and tokens[i - 1].text == ",":
            cuts.append(i)
    cuts.append(len(tokens))
    out = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    if memo is not None:
        memo["clauses"] = out
    return out


def clause_of(tokens, i: int) -> tuple[int, int]:
    """The clause token ``i`` is in."""
    for a, b in clauses(tokens):
        if a <= i < b:
            return a, b
    return 0, len(tokens)


def aside_end(tokens, k: int) -> int | None:
    """The token after the closing comma of an aside that opens with the comma at ``k``
    ("который" right after it, or a participle in it that qualifies a word before it);
    None when none opens there or it is not closed before the end of the clause."""
    if k + 1 >= len(tokens) or tokens[k].text != ",":
        return None
    _, end = clause_of(tokens, k + 1)
    close = next((j for j in range(k + 2, end) if tokens[j].text == ","), None)
    if close is None:  # a relative clause may run to the end: "..., представители которого ..."
        return end if _opens_relative(tokens, k + 1, end) else None
    if _opens_relative(tokens, k + 1, close) or any(
            t.feat("VerbForm") == "Part" and t.feat("Variant") != "Short" and
            ((t.rel.startswith("acl") and t.head < k) or
             (k > 0 and agrees(t, tokens[k - 1], with_case=True)))
            for t in tokens[k + 1:close]):  # ", до 1949 года носившего название ...,"
        return close + 1  # (a participle the parser hung elsewhere, agreeing with the noun
    return None           # before the comma, qualifies it)


def _opens_relative(tokens, i: int, end: int) -> bool:
    """A relative clause begins at token ``i``: "который ...", "в которой ...", "представители
    которого ..."."""
    return any(tokens[j].lemma in RELATIVE and all(tokens[m].pos in ("NOUN", "ADP")
                                                   for m in range(i, j))
               for j in range(i, min(i + 3, end)))


def asides(tokens) -> list[tuple[int, int]]:
    """The token ranges of the sentence's asides (their commas included)."""
    out = []
    for k in range(len(tokens)):
        end = aside_end(tokens, k)
        if end is not None:
            out.append((k, end))
    return out


def shared_subject(tokens, i: int) -> int | None:
    """For a clause that begins at token ``i`` ("а", "но" after a comma) and has no subject
    of its own: the first subject token of the clause before; else None."""
    spans = clauses(tokens)
    for n, (a, b) in enumerate(spans):
        if a == i and n > 0:
            break
    else:
        return None
    if any(t.rel.startswith("nsubj") for t in tokens[a:b]):
        return None
    pa, pb = spans[n - 1]
    for k in range(pa, pb):
        if tokens[k].rel.startswith("nsubj") and pa <= tokens[k].head < pb:
            return k
    return None
