"""Chairmanships facts (to be written)."""

from __future__ import annotations

from kg.facts.base import Doc
from kg.records import Fact


def extract(doc: Doc, posts: list[Fact]) -> list[Fact]:
    return []
