"""Fact extraction: one module per fact kind; ``extract_facts`` runs them in order.

Stage: depends on ``nlp.annotate`` and ``entities.resolve``. Defines the
article's ``Fact`` records (kind, arguments, evidence, extractor). Posts come
first: the later extractors use them (signatories named by their post, a leader
acting as chair stands for the leader's state).

Each module has ``extract(doc, posts) -> list[Fact]``; a sentence that no rule
matches gives no fact, never an error. Posts are written as patterns
(``ontology/patterns/posts.yaml``, run by ``kg.facts.matcher``); the syntax every kind
rests on is ``kg.syntax``.
"""

from __future__ import annotations

from kg.facts import (
    agreements,
    chairmanships,
    cooperation,
    event_dates,
    founding,
    members,
    posts,
    summits,
)
from kg.facts.base import Doc
from kg.records import Entity, Fact, Mention, Parsed

LATER = (members, summits, agreements, chairmanships, founding, cooperation)


def extract_facts(parsed: Parsed, mentions: list[Mention], entities: list[Entity],
                  ctx) -> tuple[list[Fact], list[Entity]]:
    """The article's facts, and the gazetteer entities they name that have no mention
    of their own (the state of "МИД Белоруссии", the parent of a body)."""
    doc = Doc(parsed, mentions, entities, ctx)
    found = list(posts.extract(doc, []))
    facts = list(found)
    for module in LATER:
        facts.extend(module.extract(doc, found))
    facts.extend(cooperation.from_joint_summits(facts))
    facts = event_dates.dated_by_summit(doc, facts)
    used = {v for f in facts for _, value in f.args
            for v in (value if isinstance(value, tuple) else (value,)) if isinstance(v, str)}
    extra = [e for iri, e in sorted(doc.extra.items()) if iri in used]
    return facts, extra
