"""The gazetteer: states, cities, organizations and persons with aliases.

Data lives in ``ontology/gazetteer/*.tsv`` (one entry per line, ``|`` between
values of a cell, ``#`` comments). This module loads it and matches aliases in
annotated sentences by lemmas, so that inflected forms match
("Шанхайской организации сотрудничества" -> ШОС).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.paths import GAZETTEER_DIR
from kg.phrases import PhraseMatcher, fold

# file -> the class used when a row does not name one
FILES = {
    "states.tsv": "State",
    "cities.tsv": "City",
    "organizations.tsv": "Organization",
    "persons.tsv": "Person",
}

COARSE = {
    "Person": "PER",
    "State": "LOC",
    "City": "LOC",
    "Location": "LOC",
}


def coarse_type(cls: str) -> str:
    """Ontology class -> coarse type: PER, LOC or ORG."""
    return COARSE.get(cls, "ORG")


@dataclass(frozen=True)
class Entry:
    id: str
    cls: str
    label: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    iso2: str | None = None
    wikidata: str | None = None
    parent: str | None = None  # id of the parent organization or the country

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV file as dicts; '#' lines and blank lines are skipped."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """State id -> the id of its capital (``states.tsv``)."""
    return {row["id"]: row["capital"] for row in read_tsv(GAZETTEER_DIR / "states.tsv")
            if row.get("id") and row.get("capital")}


@lru_cache(maxsize=1)
def capital_states() -> dict[str, str]:
    """Capital id -> the id of its state (the first listed: Москва is Россия's, not the
    historical СССР's)."""
    out: dict[str, str] = {}
    for state, city in capitals().items():
        out.setdefault(city, state)
    return out


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split("|") if v.strip())


def load_entries(folder: Path = GAZETTEER_DIR) -> list[Entry]:
    entries = []
    for name, default_cls in FILES.items():
        path = folder / name
        if not path.exists():
            continue
        for row in read_tsv(path):
            if not row.get("id") or not row.get("label"):
                continue
            entries.append(
                Entry(
                    id=row["id"],
                    cls=row.get("class") or default_cls,
                    label=row["label"],
                    aliases=tuple(a for a in _split(row.get("aliases")) if a != row["label"]),
                    adjectives=_split(row.get("adjectives")),
                    iso2=row.get("iso2") or None,
                    wikidata=row.get("wikidata") or None,
                    parent=row.get("parent") or row.get("country") or None,
                )
            )
    return entries


class Gazetteer:
    """Entries indexed for lookup by id, by name, by adjective and by lemma sequence."""

    def __init__(self, entries: list[Entry], morph_vocab) -> None:
        self.entries = entries
        self.morph_vocab = morph_vocab
        self.by_id: dict[str, Entry] = {}
        self.by_name: dict[str, Entry] = {}
        self.by_adjective: dict[str, Entry] = {}
        self.by_surname: dict[str, list[Entry]] = {}
        self.by_name_stem: dict[str, list[Entry]] = {}
        self.by_place_stem: dict[str, list[Entry]] = {}
        self.matcher: PhraseMatcher[Entry] = PhraseMatcher(morph_vocab)
        for entry in entries:
            self.by_id.setdefault(entry.id, entry)
            for adjective in entry.adjectives:
                self.by_adjective.setdefault(fold(adjective), entry)
            for name in entry.names:
                self.by_name.setdefault(fold(name), entry)
                self.matcher.add(name, entry)
                if entry.cls in PLACE_STEM_CLASSES and len(name_stem(name)) >= MIN_PLACE_STEM:
                    found = self.by_place_stem.setdefault(name_stem(name), [])
                    if entry not in found:
                        found.append(entry)
            if entry.cls == "Person":
                surname = entry.label.split()[-1]
                self.by_surname.setdefault(fold(surname), []).append(entry)
                self.by_name_stem.setdefault(name_stem(entry.label), []).append(entry)

    def lookup(self, name: str) -> Entry | None:
        """An entry by exact (case- and ё-folded) name or alias, else by lemmas."""
        found = self.by_name.get(fold(name))
        if found:
            return found
        tokens = self.matcher.tokens_of(name)
        match = self.matcher.match_at(tokens, 0) if tokens else None
        if match and match[1] == len(tokens):
            return match[2]
        return None

    def adjective(self, lemma: str) -> Entry | None:
        return self.by_adjective.get(fold(lemma))

    def person_by_stem(self, name: str) -> Entry | None:
        """A person whose full name differs from ``name`` only in case endings
        ("Сирилу Рамафосе" or a mislemmatized "Сирил Рамафося" -> Сирил Рамафоса)."""
        found = self.by_name_stem.get(name_stem(name), [])
        return found[0] if len(found) == 1 else None

    def place_by_stem(self, name: str) -> Entry | None:
        """A city or state whose name differs from ``name`` only in case endings, when the
        lemmatizer missed it ("в Тяньцзине" -> Тяньцзинь, "в Кампале" -> Кампала)."""
        stem = name_stem(name)
        found = self.by_place_stem.get(stem, []) if len(stem) >= MIN_PLACE_STEM else []
        return found[0] if len(found) == 1 else None

    def person_by_surname(self, surname: str) -> Entry | None:
        found = self.by_surname.get(fold(surname), [])
        return found[0] if len(found) == 1 else None

    def match(self, tokens) -> list[tuple[int, int, Entry]]:
        """Longest, left-to-right, non-overlapping alias matches: (first, last + 1, entry)."""
        return self.matcher.match(tokens)


_ENDINGS = ("ой", "ей", "ом", "ем", "ым", "им", "ою", "ею", "а", "я", "у", "ю", "е", "ы", "и",
            "о", "ь", "й")


PLACE_STEM_CLASSES = {"City", "State"}
MIN_PLACE_STEM = 5  # shorter stems ("мал" of Мали) say too little


def word_stem(word: str) -> str:
    """A name without its case ending: "Рамафосе", "Рамафоса" -> "рамафос"."""
    w = fold(word)
    for end in _ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)]
    return w


def name_stem(name: str) -> str:
    """Each word of a name stemmed: "Сирилу Рамафосе" -> "сирил рамафос"."""
    return " ".join(word_stem(w) for w in name.replace("-", " - ").split())
