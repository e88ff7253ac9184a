"""Every pattern of ontology/patterns/*.yaml with the sentences it is for: each example's
facts are extracted from its sentence, and its ``no`` facts are not (``facts: []``: none of
the kind)."""

from __future__ import annotations

import pytest
import yaml

from kg.facts.patterns import load_grammar
from kg.paths import PATTERNS_DIR

KINDS = {"posts": "post", "members": "member"}  # pattern file -> the fact kind its examples speak of


def _examples():
    for path in sorted(PATTERNS_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for pattern in data.get("patterns") or ():
            for n, example in enumerate(pattern.get("examples") or ()):
                yield pytest.param(path.stem, example, id=f"{path.stem}:{pattern['id']}:{n}")


def _fits(fact: dict, want: dict) -> bool:
    return all(str(fact.get(k)) == str(v) for k, v in want.items())


def test_every_pattern_file_compiles_and_every_pattern_has_an_example():
    for path in PATTERNS_DIR.glob("*.yaml"):
        grammar = load_grammar(path.stem)
        assert path.stem in KINDS, f"{path.name}: no fact kind for its examples in KINDS"
        for pattern in grammar.patterns:
            assert pattern.examples, f"{path.name}: pattern {pattern.id} has no example"


@pytest.mark.parametrize("kind_file, example", list(_examples()))
def test_pattern_example(facts_of, kind_file, example):
    kw = {"date": example["date"]} if "date" in example else {}
    facts = [f for f in facts_of(example["text"], **kw) if f["kind"] == KINDS[kind_file]]
    if example.get("facts") == []:  # the sentence holds no fact of the kind
        assert not facts, f"unwanted {facts}"
    for want in example.get("facts") or ():
        assert any(_fits(f, want) for f in facts), f"missing {want} in {facts}"
    for unwanted in example.get("no") or ():
        assert not any(_fits(f, unwanted) for f in facts), f"unwanted {unwanted} in {facts}"
