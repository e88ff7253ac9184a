"""The role lexicon (``ontology/lexicon/roles.tsv``): role phrases -> nominative labels."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.paths import LEXICON_DIR
from kg.phrases import PhraseMatcher, fold


@dataclass(frozen=True)
class Role:
    label: str
    scope: str  # org, state, any


class Roles:
    def __init__(self, rows, morph_vocab) -> None:
        self.matcher: PhraseMatcher[Role] = PhraseMatcher(morph_vocab)
        self.by_form: dict[str, Role] = {}
        for row in rows:
            role = Role(row["label"], row.get("scope") or "any")
            for form in [row["label"], *row["forms"].split("|")]:
                form = form.strip()
                if form:
                    self.matcher.add(form, role)
                    self.by_form.setdefault(fold(form), role)

    def match(self, tokens, start: int = 0, end: int | None = None):
        return self.matcher.match(tokens, start, end)

    def canonical(self, text: str) -> str:
        """A role name as written (any case, any form) -> its label; unknown names folded."""
        found = self.by_form.get(fold(text))
        if found:
            return found.label
        tokens = self.matcher.tokens_of(text)
        hit = self.matcher.match_at(tokens, 0) if tokens else None
        if hit and hit[1] == len(tokens):
            return hit[2].label
        return fold(text)


@lru_cache(maxsize=None)
def load_roles(morph_vocab) -> Roles:
    from kg.gazetteer import read_tsv

    return Roles(read_tsv(LEXICON_DIR / "roles.tsv"), morph_vocab)
