"""Modality: whether a word is read as a fact, or as denied, hypothetical or to come.

``reading(doc, tokens, i)`` walks from token ``i`` up to the head of its clause (and, for
a complement clause, the verb that governs it: "не смог принять участие", "предложил
провести") and looks at each word on the way and at its modifiers (particles, auxiliaries,
adverbs, subordinators). Cue words are those of ``ontology/lexicon/cues.tsv``
(``negation``, ``hypothetical``); an extractor's lexicon may add a ``block`` kind.

- "negated": a negation cue ("не", "отказался", "не смог");
- "hypothetical": a hypothetical or intention cue ("может", "планирует", "если", "бы");
- "future": the predicate is in the future ("пройдет", "будет назначен");
- "fact": none of these.
"""

from __future__ import annotations

from kg.syntax.tree import CLAUSE_RELS, ancestors, children

MODIFIERS = ("advmod", "aux", "aux:pass", "mark", "cop", "discourse")
FUTURE_BE = {"буду", "будешь", "будет", "будем", "будете", "будут"}


def path_up(tokens, i: int) -> list[int]:
    """Token ``i`` and its heads up to the head of its clause; for a complement clause
    ("ccomp", "csubj", "xcomp") also the verb that governs it."""
    path = [i]
    k = i
    for h in ancestors(tokens, i):
        rel = tokens[k].rel
        if rel in CLAUSE_RELS or (tokens[k].pos == "VERB" and rel == "amod"):
            if rel in ("ccomp", "csubj"):
                path.append(h)
            break
        path.append(h)
        k = h
    return path


def _cued(doc, tokens, j: int, kinds, extra) -> bool:
    return any(doc.cues.has(kind, tokens, j, j + 1) for kind in kinds) or (
        extra is not None and extra.has("block", tokens, j, j + 1))


def has_cue(doc, tokens, i: int, kinds=("negation", "hypothetical"), extra=None) -> bool:
    """A cue of ``kinds`` (or the ``block`` kind of the lexicon ``extra``) on the path from
    token ``i`` up to its clause head, or on a modifier of a word of that path."""
    for p in path_up(tokens, i):
        if _cued(doc, tokens, p, kinds, extra):
            return True
        for c in children(tokens, p):
            if (tokens[c].rel in MODIFIERS or tokens[c].pos == "PART") and \
                    _cued(doc, tokens, c, kinds, extra):
                return True
    return False


def is_future(tokens, v: int) -> bool:
    """A verb in the future: a future form, a perfective present, or "будет" + infinitive."""
    t = tokens[v]
    if t.feat("Tense") == "Fut" or (t.feat("Aspect") == "Perf" and t.feat("Tense") == "Pres"):
        return True
    return any(tokens[k].lemma == "быть" and (tokens[k].feat("Tense") == "Fut"
                                              or tokens[k].text.lower() in FUTURE_BE)
               for k in children(tokens, v))


def reading(doc, tokens, i: int, extra=None) -> str:
    """How the word at token ``i`` is meant: "negated", "hypothetical", "future" or "fact"."""
    if has_cue(doc, tokens, i, ("negation",), None):
        return "negated"
    if has_cue(doc, tokens, i, ("hypothetical",), extra):
        return "hypothetical"
    for p in path_up(tokens, i):
        if tokens[p].pos in ("VERB", "AUX"):
            return "future" if is_future(tokens, p) else "fact"
    return "fact"
