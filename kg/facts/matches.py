"""What the matcher (``kg.facts.matcher``) hands to a fact kind's module: a unit's ``Hit``
and a pattern's ``Match``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    """What a unit found: tokens [first, last), the head token, and a value."""

    first: int
    last: int
    head: int
    value: object = None


@dataclass(frozen=True)
class Match:
    pattern: str
    first: int
    last: int
    slots: tuple[tuple[str, object], ...]  # name -> Hit, or a tuple of Hits for a list
    values: tuple[tuple[str, object], ...] = ()  # the pattern's ``set``

    def get(self, name: str, default=None):
        for key, value in self.slots:
            if key == name:
                return value
        for key, value in self.values:
            if key == name:
                return value
        return default

    def hits(self, name: str) -> tuple[Hit, ...]:
        """The hits of a slot, as a tuple (one for a plain slot, all of a list)."""
        found = self.get(name)
        if found is None:
            return ()
        return found if isinstance(found, tuple) else (found,)
