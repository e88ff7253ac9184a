"""The gazetteer: states, cities, organizations and persons with aliases.

Data lives in ``ontology/gazetteer/*.tsv`` (one entry per line, ``|`` between
values of a cell, ``#`` comments). This module loads it and matches aliases in
annotated sentences by lemmas, so that inflected forms match
("Шанхайской организации сотрудничества" -> ШОС).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from kg.paths import GAZETTEER_DIR
from kg.records import Token

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


@dataclass(frozen=True)
class Pattern:
    """One alias as a sequence of token tests."""

    entry: Entry
    alias: str
    forms: tuple[frozenset[str], ...]  # lowercase word and its lemmas, per token
    upper: tuple[bool, ...]  # token must be in capitals (abbreviations)
    capital: tuple[bool, ...]  # token must start with a capital letter


class Gazetteer:
    """Entries indexed for lookup by id, by name and by lemma sequence."""

    def __init__(self, entries: list[Entry], morph_vocab) -> None:
        self.entries = entries
        self.by_id: dict[str, Entry] = {}
        self.by_name: dict[str, Entry] = {}
        self.by_adjective: dict[str, Entry] = {}
        self.by_surname: dict[str, list[Entry]] = {}
        self._index: dict[str, list[Pattern]] = {}
        self._morph = morph_vocab
        for entry in entries:
            self.by_id.setdefault(entry.id, entry)
            for adjective in entry.adjectives:
                self.by_adjective.setdefault(adjective.lower(), entry)
            for name in entry.names:
                self.by_name.setdefault(_fold(name), entry)
                pattern = self._pattern(entry, name)
                if pattern:
                    for form in pattern.forms[0]:
                        self._index.setdefault(form, []).append(pattern)
            if entry.cls == "Person":
                surname = entry.label.split()[-1]
                self.by_surname.setdefault(_fold(surname), []).append(entry)

    def _forms(self, word: str) -> frozenset[str]:
        low = word.lower().replace("ё", "е")
        forms = {low}
        if any(ch.isalpha() for ch in word):
            for parse in self._morph.parse(word):
                forms.add(parse.normal_form.replace("ё", "е"))
        return frozenset(forms)

    def _lemma(self, word: str) -> str:
        parses = self._morph.parse(word) if any(ch.isalpha() for ch in word) else []
        return (parses[0].normal_form if parses else word.lower()).replace("ё", "е")

    def _pattern(self, entry: Entry, alias: str) -> Pattern | None:
        from razdel import tokenize

        words = [t.text for t in tokenize(alias)]
        if not words:
            return None
        return Pattern(
            entry=entry,
            alias=alias,
            forms=tuple(self._forms(w) for w in words),
            upper=tuple(len(w) >= 2 and w.isupper() for w in words),
            capital=tuple(w[:1].isupper() for w in words),
        )

    def lookup(self, name: str) -> Entry | None:
        """An entry by exact (case- and ё-folded) name or alias, else by lemmas."""
        found = self.by_name.get(_fold(name))
        if found:
            return found
        from razdel import tokenize

        words = [t.text for t in tokenize(name)]
        tokens = [Token(0, 0, w, self._lemma(w), "X") for w in words]
        for match in self.match(tokens):
            if match[0] == 0 and match[1] == len(tokens):
                return match[2]
        return None

    def adjective(self, lemma: str) -> Entry | None:
        return self.by_adjective.get(lemma.lower().replace("ё", "е"))

    def person_by_surname(self, surname: str) -> Entry | None:
        found = self.by_surname.get(_fold(surname), [])
        return found[0] if len(found) == 1 else None

    def match(self, tokens: tuple[Token, ...] | list[Token]) -> list[tuple[int, int, Entry]]:
        """Longest, left-to-right, non-overlapping matches: (first, last+1, entry)."""
        out = []
        i = 0
        n = len(tokens)
        while i < n:
            best = None
            for form in _token_forms(tokens[i]):
                for pattern in self._index.get(form, ()):
                    k = len(pattern.forms)
                    if i + k > n or (best and k <= best[1] - best[0]):
                        continue
                    if all(_fits(tokens[i + j], pattern, j) for j in range(k)):
                        best = (i, i + k, pattern.entry)
            if best:
                out.append(best)
                i = best[1]
            else:
                i += 1
        return out


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def _token_forms(token: Token) -> set[str]:
    return {token.text.lower().replace("ё", "е"), token.lemma.replace("ё", "е")}


def _fits(token: Token, pattern: Pattern, j: int) -> bool:
    if pattern.upper[j]:
        if not (token.text.isupper() and token.text.upper() in {f.upper() for f in pattern.forms[j]}):
            return False
        return True
    if pattern.capital[j] and not token.text[:1].isupper():
        return False
    return bool(_token_forms(token) & pattern.forms[j])
