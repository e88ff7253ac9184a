"""The status units of the membership patterns (``ontology/patterns/members.yaml``), with
the cue lookup the member units share; cue words are those of ``ontology/lexicon/members.tsv``.

- ``status``: "членом", "наблюдателем", "страны-участницы", "государства - участники",
  "партнером по диалогу" (with the adjectives before it; not "ассоциированный член", not
  any "партнер"); the value is member, observer or partner;
- ``status_phrase``: "статус наблюдателя", "членство", "этот статус" (``PREVIOUS``);
- ``count``: "57 государств", "восемь стран" (a number of states, no names).
"""

from __future__ import annotations

from kg.facts.base import lexicon
from kg.facts.matcher import Hit
from kg.records import Token

STATUS_NOUNS = {"member_noun": "member", "observer_noun": "observer", "partner_noun": "partner"}
DASHES = {"-", "—", "–"}
PREVIOUS = "previous"  # a status that refers back: "получила этот статус"


def _lex(scope):
    return lexicon("members", scope.doc.ctx)


def cue_at(scope, kind: str, k: int, tokens=None) -> int | None:
    """The end of a cue of ``kind`` starting at token ``k`` (of ``tokens``)."""
    tokens = tokens if tokens is not None else scope.tokens
    key = ("members-lex", kind, tokens is scope.tokens)
    found = scope.cache.get(key)
    if found is None:
        found = scope.cache[key] = dict(_lex(scope).find(kind, tokens))
    return found.get(k)


def _normalized(scope) -> tuple[Token, ...]:
    """Hyphenated compounds by their last part: "стран-участниц" -> "участниц"."""
    found = scope.cache.get("members-norm")
    if found is not None:
        return found
    morph = scope.doc.ctx.models.morph_vocab
    out, changed = [], False
    for t in scope.tokens:
        text = t.text
        if "-" in text.strip("-") and any(ch.isalpha() for ch in text):
            part = text.rsplit("-", 1)[1]
            if part and any(ch.isalpha() for ch in part):
                parses = morph.parse(part)
                lemma = (parses[0].normal_form if parses else part.lower()).replace("ё", "е")
                out.append(Token(t.start, t.end, part, lemma, t.pos, t.feats, t.head, t.rel))
                changed = True
                continue
        out.append(t)
    found = scope.cache["members-norm"] = tuple(out) if changed else scope.tokens
    return found


def _status_noun(scope, k: int) -> str | None:
    """The status a noun at token ``k`` names, unless qualified or an informal partner."""
    norm = _normalized(scope)
    for kind, status in STATUS_NOUNS.items():
        if cue_at(scope, kind, k, norm) is None:
            continue
        if kind == "partner_noun" and not _formal_partner(scope, k):
            continue
        return status
    return None


def _formal_partner(scope, k: int) -> bool:
    """"страна-партнер", "партнер по диалогу", "статус партнера", "государства -
    партнеры" (not any partner)."""
    tokens = scope.tokens
    if "-" in tokens[k].text.strip("-"):
        return True
    if k >= 2 and tokens[k - 1].text in DASHES and cue_at(scope, "state_noun", k - 2):
        return True
    if any(cue_at(scope, "partner_suffix", s) is not None for s in range(k + 1, k + 4)):
        return True
    return any(cue_at(scope, "status_word", s) is not None for s in range(max(0, k - 3), k))


def status(scope, i: int, el) -> list[Hit]:
    """A status noun from token ``i``: adjectives before it, "государства - " before it,
    "по диалогу" after it."""
    tokens = scope.tokens
    k = i
    while k < len(tokens) and (tokens[k].pos == "ADJ" or tokens[k].feat("VerbForm") == "Part") \
            and _status_noun(scope, k) is None:  # "страной-партнером" may be tagged ADJ
        if cue_at(scope, "not_status", k) is not None:
            return []  # "ассоциированный член", "бывший член"
        k += 1
    if k + 2 < len(tokens) and cue_at(scope, "state_noun", k) and tokens[k + 1].text in DASHES:
        k += 2  # "государства - участники"
    if k >= len(tokens):
        return []
    found = _status_noun(scope, k)
    if found is None:
        return []
    end = cue_at(scope, "partner_suffix", k + 1) or k + 1
    return [Hit(i, end, k, found)]


def status_phrase(scope, i: int, el) -> list[Hit]:
    """"статус (страны-)наблюдателя", "статус партнера по диалогу", "членство"; "этот
    статус" (from its adjective: the value ``PREVIOUS``, the status named before)."""
    tokens = scope.tokens
    if i < len(tokens) and cue_at(scope, "membership", i) is not None:
        return [Hit(i, i + 1, i, "member")]
    t = tokens[i] if i < len(tokens) else None
    if t is not None and t.pos == "PRON" and t.lemma == "он" and t.feat("Case") == "Acc" \
            and t.rel == "obj":
        return [Hit(i, i + 1, i, PREVIOUS)]  # "Иран, который получил его"
    end = cue_at(scope, "status_anaphor", i)
    if end is not None and end < len(tokens) and cue_at(scope, "status_word", end) is not None:
        return [Hit(i, end + 1, end, PREVIOUS)]  # "этот статус": the one named before
    if cue_at(scope, "status_word", i) is None:
        return []
    for n in range(i + 1, min(i + 5, len(tokens))):
        found = status(scope, n, el)
        if found:
            return [Hit(i, found[0].last, i, found[0].value)]
        if tokens[n].pos not in ("ADJ", "DET"):
            break
    return []


def count(scope, i: int, el) -> list[Hit]:
    """"57 государств", "восемь стран", "более десятка государств": a number of states."""
    tokens = scope.tokens
    k = i
    while k < len(tokens) and (end := cue_at(scope, "approximately", k)) is not None:
        k = end  # "более", "около"
    if k >= len(tokens) or (tokens[k].pos != "NUM" and cue_at(scope, "count_noun", k) is None):
        return []
    k += 1
    while k < len(tokens) and tokens[k].pos == "ADJ":
        k += 1
    if k < len(tokens) and cue_at(scope, "state_noun", k) is not None:
        return [Hit(i, k + 1, k, None)]
    return []
