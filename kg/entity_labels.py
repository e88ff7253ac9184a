"""Entity labels: the nominative name an entity is shown by. A person's fullest Cyrillic
name read as a nominative; another entity's longest normal form, put in the nominative where
the normalizer left it oblique ("Содружестве наций" -> "Содружество наций"); aliases
without the label's repeats.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kg.entity_keys import person_label
from kg.entity_spans import Candidate
from kg.phrases import fold

CYRILLIC = re.compile("[А-Яа-яЁё]")


def person_name(cands: list[Candidate], morph) -> str:
    """The fullest name a person is given in Cyrillic (initials last: "Дж. Коми"); of
    equally full ones, one whose first name reads as a nominative ("Патрисия Скотланд" over
    "Патрисию Скотланд", which the normalizer may leave as written), then the most
    frequent."""
    count = Counter(person_label(c) for c in cands)
    return max(count, key=lambda n: ("." not in n, bool(CYRILLIC.search(n)), len(n.split()),
                                     _nominative(n.split()[0], morph), count[n]))


def label_for(cands: list[Candidate], morph) -> str:
    """The longest non-abbreviation normal form (one whose first word reads as a nominative
    first: the normalizer may leave an oblique form, "Сообществе развития юга Африки"), else
    the most common one."""
    normals = [c.normal for c in cands]
    full = [n for n in normals if not n.isupper()]
    nominative = [n for n in full if _nominative(n.split()[0], morph)]
    if full and not nominative:  # only oblique forms: "Содружестве наций"
        full = [_in_nominative(n, morph) for n in full]
    full = nominative or full
    if full:
        return max(Counter(full).items(), key=lambda kv: (len(kv[0].split()), kv[1]))[0]
    return Counter(normals).most_common(1)[0][0]


def _in_nominative(name: str, morph) -> str:
    """A name whose first words are oblique, put in the nominative up to its first noun
    ("Содружестве наций" -> "Содружество наций"); unchanged where a word will not go or
    is not in the dictionary."""
    words = name.split()
    out = []
    for n, word in enumerate(words):
        parses = morph.parse(word)
        if not parses or not getattr(parses[0], "is_known", False):
            return name  # a foreign name the dictionary only guesses at: "Сельта"
        form = parses[0].inflect({"Nom"})
        if form is None:
            return name
        new = form.word
        out.append(new[:1].upper() + new[1:] if word[:1].isupper() else new)
        if parses[0].pos == "NOUN":
            return " ".join(out + words[n + 1:])
        if n >= 3:
            break
    return name


@lru_cache(maxsize=4096)
def _nominative(word: str, morph) -> bool:
    if len(word) > 1 and word.isupper():
        return True  # an abbreviation does not decline: "ВМФ России"
    parses = morph.parse(word) if any(ch.isalpha() for ch in word) else []
    # any reading: "Большой" is first read as a feminine instrumental
    return not parses or any(p.tag.case in ("nomn", None) for p in parses)


def clean_aliases(label: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    seen = {fold(label)}
    out = []
    for alias in aliases:
        if fold(alias) in seen or not alias.strip():
            continue
        seen.add(fold(alias))
        out.append(alias)
    return tuple(out)
