"""Which mentions of an article are one entity: the keys of ``assign_keys``. Gazetteer
entries by their id; a person by first and last name, a surname alone or a first name alone
joining the one full name it belongs to; "Full name (ABBR)" and an abbreviation of the
initials of a name sharing its key; a known one-word name that begins a longer one standing
for it; other names by their stems.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.entity_spans import Candidate, span_rules
from kg.gazetteer import Entry, Gazetteer, coarse_type, name_stem, word_stem
from kg.phrases import fold

GENERIC = "generic:"  # key prefix of mentions without an entity (see _generic_orgs)


def gazetteer_key(entry: Entry) -> str:
    return "gaz:" + entry.id


def _person_parts(c: Candidate) -> dict[str, str]:
    """first/middle/last of a person mention; names of other shapes ("Лим Джок Хой",
    "Хайсам аль-Гайс") keep all their words as "first", the last word as "last"."""
    # the normal form drops ё ("Бахтиёр" -> "Бахтиер"): a word written the same up to
    # case and ё is taken as written
    written = {fold(w): w for w in c.text.replace("\u00a0", " ").split()}
    words = [written.get(fold(w), w) for w in c.normal.replace("\u00a0", " ").split() if w]
    words = _agreeing(c.text.replace("\u00a0", " ").split(), words)
    parts = dict(c.name)
    initial = _INITIALS.match(c.text.replace("\u00a0", " ").strip())
    if initial:  # "Дж.Коми", "В. Шеймана": initials, then the surname (as normalized)
        last = words[-1].rsplit(".", 1)[-1] if words else initial.group(2)
        return {"initial": initial.group(1).replace(" ", ""), "last": _title(last or
                                                                          initial.group(2))}
    if len(words) == 1:
        return {"last": _title(words[0]) if words[0][:1].isupper() else words[0]}
    if len(words) == 2 and parts.get("first") and parts.get("last"):
        # the words of the normal form, in their order: the names extractor may cut a double
        # surname ("Мария Пейчинович-Бурич" -> "Пейчинович") or swap Chinese names
        return {"first": _keep_case(words[0]), "last": _keep_case(words[1])}
    if len(words) == 3 and _PATRONYMIC.search(words[1]):
        return {"first": _title(words[0]), "middle": _title(words[1]), "last": _title(words[2])}
    if len(words) >= 2:
        return {"first": " ".join(_keep_case(w) for w in words[:-1]),
                "last": _keep_case(words[-1])}
    return {k: _title(v) for k, v in parts.items()}

def _agreeing(text: list[str], normal: list[str]) -> list[str]:
    """The parts of a name agree in case and gender, which the normalizer, guessing word by
    word, may miss: a first name it read as an oblique masculine form beside a feminine
    surname it left as written was nominative ("Шарка Гавранкова", not "Шарк"); a
    surname in "-ы" it left beside a first name it put from the genitive is a genitive too
    ("Эммерсона Мнангагвы" -> "Эммерсон Мнангагва"); a feminine surname beside a feminine
    first name it left as written stays as written ("Ливия Клаусова", not "Клаусов"); a
    surname in "-ову" left beside a first name put from the dative is a dative too
    ("Камчыбеку Ташиеву" -> "Камчыбек Ташиев"); a feminine first name left in the dative
    beside a surname put from it is a dative too ("Анне Ивановой" -> "Анна Иванова")."""
    if len(text) != len(normal) or len(text) < 2:
        return normal
    if text[-1] != normal[-1]:
        if normal[0] == text[0] and text[0][-1:] in ("а", "я") and \
                _FEMININE_SURNAME.search(text[-1]) and fold(normal[-1]) == fold(text[-1][:-1]):
            return [*normal[:-1], text[-1]]
        if normal[0] == text[0] and text[-1].endswith("ой") and \
                _FEMININE_SURNAME.search(normal[-1]) and text[0].endswith(("е", "ии")):
            return [text[0][:-1] + ("я" if text[0].endswith("ии") else "а"), *normal[1:]]
        return normal
    first, last = text[0], text[-1]
    for ending, surname_endings in _OBLIQUE_MASCULINE:  # "Камчыбеку Ташиеву": a dative too
        if first.endswith(ending) and fold(first[:-len(ending)]) == fold(normal[0]) and \
                last.endswith(surname_endings) and last[:1].isupper():
            return [*normal[:-1], last[:-len(ending)]]
    if normal[0] == first or first[-1:] not in ("а", "я"):
        return normal
    if _FEMININE_SURNAME.search(last):
        return [first, *normal[1:]]
    if fold(first[:-1]) == fold(normal[0]) and len(last) > 4 and last.endswith("ы") and \
            last[:1].isupper():
        return [*normal[:-1], last[:-1] + "а"]
    return normal


_LATIN_ONLY = re.compile(r"^[^А-Яа-яЁё]*[A-Za-z][^А-Яа-яЁё]*$")
_INITIALS = re.compile(r"^((?:[А-ЯЁA-Z][а-яёa-z]?\.\s?){1,2})([А-ЯЁA-Z][\w-]+)$")
_FEMININE_SURNAME = re.compile(r"(ова|ева|ёва|ина|ына|ская|цкая)$")
# a masculine first name's dative ending, and the surnames in that case
_OBLIQUE_MASCULINE = (("у", ("ову", "еву", "ёву", "ину", "ыну")),)
_PATRONYMIC = re.compile(r"(вич|вна|ична|ьич|оглы|кызы|улы|уулу)$", re.IGNORECASE)


def _keep_case(word: str) -> str:
    """Particles stay as written (аль-, фон, да, ульд); names get a capital."""
    return word if word[:1].islower() else _title(word)


def _title(word: str) -> str:
    """"ПУТИН" -> "Путин", "Ким-Чен" stays; a regnal number stays ("Альбер II")."""
    if ROMAN.fullmatch(word):
        return word
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


ROMAN = re.compile(r"[IVXL]+")


def assign_keys(candidates: list[Candidate], gaz: Gazetteer) -> list[str]:
    keys: list[str | None] = [None] * len(candidates)
    surnames: dict[str, str] = {}  # folded last name -> key of a full name in this article
    short = _short_forms(candidates, gaz)
    # 1. gazetteer entries, and NER spans whose normal form is a known name
    for i, c in enumerate(candidates):
        if c.source == "generic":
            keys[i] = f"{GENERIC}{c.start}-{c.end}"
            continue
        if i in short:  # "Содружество" in an article on the Содружество наций
            keys[i], normal = short[i]
            candidates[i] = replace(c, entry=None, normal=normal)
            continue
        entry = c.entry or gaz.lookup(person_label(c) if c.type == "PER" else c.normal)
        if entry is None and c.type == "PER" and len(c.text.split()) > 1:
            entry = gaz.person_by_stem(c.text) or gaz.person_by_stem(person_label(c))
        if entry is None and c.type == "LOC":
            entry = gaz.place_by_stem(c.text) or gaz.place_by_stem(c.normal)
        if entry and (c.type == "PER") == (entry.cls == "Person"):
            candidates[i] = replace(c, entry=entry, type=coarse_type(entry.cls))
            keys[i] = gazetteer_key(entry)
            if entry.cls == "Person":
                surnames.setdefault(word_stem(entry.label.split()[-1]), keys[i])
    # 2. full person names; a shorter or inflected form of a longer one is that one
    full: dict[int, str] = {}
    for i, c in enumerate(candidates):
        if keys[i] is None and c.type == "PER":
            parts = _person_parts(c)
            if parts.get("first") and parts.get("last"):
                full[i] = parts["first"] + " " + parts["last"]
    canonical = _fuller_names(set(full.values()))
    for i, name in full.items():
        keys[i] = "per:" + fold(canonical.get(name, name))
        surnames.setdefault(word_stem(name.split()[-1]), keys[i])
    # 3. brackets: "Full name (ABBR)" share one key
    abbreviations: dict[str, str] = {}
    for i, c in enumerate(candidates):
        if c.pair is None:
            continue
        j = c.pair
        inner = _named_inside(candidates, i, j)
        if inner is not None:  # "Комиссии Африканского союза (АС)": АС is the union
            abbr = i if len(c.text) < len(candidates[j].text) else j
            keys[inner] = keys[inner] or _name_key(candidates[inner])
            keys[abbr] = keys[inner]
            abbreviations.setdefault(candidates[abbr].text, keys[inner])
            continue
        if keys[i] is None and keys[j] is not None:
            keys[i] = keys[j]
        elif keys[j] is not None and _LATIN_ONLY.match(c.text):
            keys[i] = keys[j]  # "Брендт Кристенсен (Brendt Christensen)": the Russian name's
        elif keys[i] is None and keys[j] is None:
            full = i if len(c.text) > len(candidates[j].text) else j
            keys[i] = keys[j] = _name_key(candidates[full])
        abbreviations.setdefault(candidates[j].text if len(c.text) > len(candidates[j].text)
                                 else c.text, keys[i])
    # 4. an abbreviation made of the initials of an organization named in full ("АС" after
    #    "Африканский союз")
    for i, c in enumerate(candidates):
        if keys[i] is None and c.type == "ORG" and _is_abbreviation(c.text) and \
                c.text not in abbreviations:
            for j, other in enumerate(candidates):
                if other.type == "ORG" and other.source != "generic" and j != i and any(
                        _initials(name) == c.text for name in _names(other)):
                    keys[j] = keys[j] or _name_key(other)
                    keys[i] = keys[j]
                    break
    # 5. everything else
    for i, c in enumerate(candidates):
        if keys[i] is not None:
            continue
        if c.type == "PER":
            parts = _person_parts(c)
            last = parts.get("last", c.normal)
            if parts.get("initial"):  # "В.Лукашенко": the one full name with that initial
                key = _by_initial(candidates, keys, parts["initial"], last)
            else:
                key = surnames.get(word_stem(last))
            if key is None and len(c.text.split()) == 1 and not parts.get("initial"):
                key = _by_first_name(candidates, keys, c.text)  # "Анвар" of Анвар Ибрахим
            if key is None:
                entry = gaz.person_by_surname(last)
                key = gazetteer_key(entry) if entry else "per:" + fold(last)
            keys[i] = key
        elif c.text in abbreviations:
            keys[i] = abbreviations[c.text]
        else:
            keys[i] = _name_key(c)
    return keys  # type: ignore[return-value]


def _fuller_names(names: set[str]) -> dict[str, str]:
    """Full names of one article that are another's inflected or shorter form -> that
    other: "Самии Сулуху Хасан" -> "Самия Сулуху Хасан" (the same words by stem), "Ахмед
    ар-Раиси" -> "Ахмед Насер ар-Раиси" (the same first and last word, every word among
    the other's) where the fuller name is the one such name."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for name in sorted(names):
        groups.setdefault(tuple(word_stem(w) for w in name.split()), []).append(name)
    out = {name: group[0] for group in groups.values() for name in group[1:]}
    for ws, group in groups.items():
        fuller = [os for os in groups if len(os) > len(ws) and os[0] == ws[0] and
                  os[-1] == ws[-1] and all(w in os for w in ws)]
        if len(fuller) == 1:
            for name in group:
                out[name] = groups[fuller[0]][0]
    return out


def _by_initial(candidates: list[Candidate], keys: list, initial: str,
                last: str) -> str | None:
    """The key of the one full name of the article with this surname whose first name
    begins with the initial ("В.Шеймана" -> Виктор Шейман, not Александр Шейман)."""
    stem, first = word_stem(last), initial.split(".")[0].lower()
    found = set()
    for k, other in enumerate(candidates):
        if other.type != "PER" or keys[k] is None or k >= len(keys):
            continue
        parts = _person_parts(other)
        if parts.get("first") and word_stem(parts.get("last", "")) == stem and \
                parts["first"].lower().startswith(first):
            found.add(keys[k])
    if len(found) == 1:
        return found.pop()
    return "per:" + fold(f"{initial} {last}") if found else None


def _by_first_name(candidates: list[Candidate], keys: list, word: str) -> str | None:
    """The key of the one person of the article whose full name begins with ``word`` (a
    leader named by the first part of the name: "Анвар" for Анвар Ибрахим), if only one."""
    stem = word_stem(word)
    found = {keys[i] for i, c in enumerate(candidates)
             if c.type == "PER" and keys[i] is not None and len(c.text.split()) > 1 and
             word_stem(c.text.split()[0]) == stem}
    return found.pop() if len(found) == 1 else None


def _name_key(c: Candidate) -> str:
    """The key of an organization or place outside the gazetteer: its words without their
    case endings, so that a form the normalizer left oblique ("Сообществе развития юга
    Африки") is the same name as the nominative one."""
    return f"{c.type.lower()}:{name_stem(c.normal)}"


def _short_forms(candidates: list[Candidate], gaz: Gazetteer) -> dict[int, tuple[str, str]]:
    """A known one-word name that is a common noun ("Содружество", "Альянс", "Союз") stands
    for the organization of the article whose longer name begins with that word ("Содружество
    наций"), when there is one and it is no known name: index -> (that organization's key,
    its name)."""
    rules = span_rules(gaz)
    lemma = gaz.matcher.lemma
    longer: dict[str, str] = {}
    for c in candidates:
        words = c.normal.split()
        if c.source == "ner" and c.type == "ORG" and c.entry is None and len(words) > 1 and \
                fold(lemma(words[0])) in rules.common_noun and gaz.lookup(c.normal) is None:
            longer.setdefault(fold(lemma(words[0])), (_name_key(c), c.normal))
    out = {}
    for i, c in enumerate(candidates):
        if c.source == "gazetteer" and c.type == "ORG" and len(c.text.split()) == 1:
            key = longer.get(fold(lemma(c.text)))
            if key is not None:
                out[i] = key
    return out

_FUNCTION_WORDS = frozenset("и в во на по о об для с со при между".split())


def _is_abbreviation(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def _named_inside(candidates: list[Candidate], i: int, j: int) -> int | None:
    """Of a pair "Full name (ABBR)", the organization named inside the full name whose
    initials the abbreviation is, when they are not the full name's own ("Комиссии
    Африканского союза (АС)" -> Африканский союз)."""
    full, abbr = (i, j) if len(candidates[i].text) > len(candidates[j].text) else (j, i)
    f, a = candidates[full], candidates[abbr].text
    if f.type != "ORG" or not _is_abbreviation(a) or any(_initials(n) == a for n in _names(f)):
        return None
    return next((k for k, o in enumerate(candidates)
                 if k not in (i, j) and o.type == "ORG" and f.start <= o.start and
                 o.end <= f.end and (o.start, o.end) != (f.start, f.end) and
                 any(_initials(n) == a for n in _names(o))), None)


def _names(c: Candidate) -> tuple[str, ...]:
    return (c.normal, *((c.entry.label, *c.entry.aliases) if c.entry else ()))


def _initials(name: str) -> str:
    """'Африканский союз' -> 'АС'; 'Организация тюркских государств' -> 'ОТГ'."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _FUNCTION_WORDS]
    return "".join(w[0].upper() for w in words if w[0].isalpha()) if len(words) > 1 else ""


def person_label(c: Candidate) -> str:
    parts = _person_parts(c)
    if parts.get("initial"):
        return f"{parts['initial']} {parts['last']}"
    return " ".join(parts[k] for k in ("first", "last") if parts.get(k))
