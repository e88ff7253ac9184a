"""Surnames the tagger missed: a person named in full once ("Матиас Корманн") is often
named later by the surname alone, and the tagger does not always see it ("Корманн,
возглавляющий ОЭСР с 2021 года, ..." opening a paragraph). Each capitalized word outside
every span whose form or lemma is the surname of a person named in full in the article
becomes a mention of that person (``assign_keys`` joins a lone surname to its full name).
"""

from __future__ import annotations

from kg.entity_spans import Candidate
from kg.phrases import fold
from kg.records import Parsed

MIN_LENGTH = 3  # "Ли", "Ан": too short to tell from other words


def missed_surnames(parsed: Parsed, candidates: list[Candidate]) -> list[Candidate]:
    """Candidates for the lone surnames of people named in full that no span covers."""
    surnames: dict[str, str] = {}
    for c in candidates:
        words = c.normal.split()
        if c.type == "PER" and len(words) >= 2 and len(words[-1]) >= MIN_LENGTH and \
                words[-1][:1].isupper() and "." not in words[-1]:
            surnames.setdefault(fold(words[-1]), words[-1])
    if not surnames:
        return []
    spans = sorted((c.start, c.end) for c in candidates)
    out = []
    for sentence in parsed.sentences:
        tokens = sentence.tokens
        for k, t in enumerate(tokens):
            if not (t.text[:1].isupper() and t.text.isalpha()) or t.text.isupper():
                continue
            surname = surnames.get(fold(t.text)) or surnames.get(fold(t.lemma))
            if surname is None or _covered(spans, t.start, t.end) or _joined(tokens, k):
                continue
            out.append(Candidate(t.start, t.end, t.text, "PER", surname, "surname"))
    return out


def _covered(spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _joined(tokens, k: int) -> bool:
    """Part of a longer name: hyphenated ("Корманн-младший") or beside another capitalized
    name ("Рауль Кастро" is not "Фидель Кастро")."""
    t = tokens[k]
    before = tokens[k - 1] if k > 0 else None
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if (before is not None and before.text in HYPHENS and before.end == t.start) or \
            (after is not None and after.text in HYPHENS and after.start == t.end):
        return True
    return any(n is not None and n.pos == "PROPN" and n.text[:1].isupper()
               for n in (before, after))


HYPHENS = ("-", "–")
