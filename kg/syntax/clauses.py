"""Clauses: where a sentence's clauses begin and end.

A sentence is cut at ";" and before ", а", ", но", ", однако", ", тогда как" (clauses
that each have their own subject and predicate).

>>> from kg.records import Token
>>> toks = tuple(Token(0, 0, w, w.lower(), "X") for w in "A вошла , а B вышла .".split())
>>> clauses(toks), clause_of(toks, 4)
([(0, 3), (3, 7)], (3, 7))
"""

from __future__ import annotations

from kg.phrases import sequence_memo

CONTRAST = ("а", "но", "однако", "тогда")


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
