"""Fact extraction: one module per fact kind; ``extract_facts`` runs them all.

Stage: depends on ``nlp.annotate`` and ``entities.resolve``. Defines the
article's ``Fact`` records (kind, arguments, evidence, extractor).
"""

from __future__ import annotations

from kg.records import Entity, Fact, Mention, Parsed

EXTRACTORS: tuple = ()


def extract_facts(parsed: Parsed, mentions, entities, ctx) -> list[Fact]:
    facts: list[Fact] = []
    for extractor in EXTRACTORS:
        facts.extend(extractor(parsed, mentions, entities, ctx))
    return facts


__all__ = ["extract_facts", "Entity", "Fact", "Mention"]
