"""The matcher over hand-made sentences: sequences, gaps, lists, alternatives, claims,
trees, file-defined units, and clear errors for bad patterns."""

from __future__ import annotations

import pytest

from kg.facts.base import SentView
from kg.facts.matcher import Hit, run
from kg.facts.patterns import compile_grammar, load_grammar
from kg.records import Sentence, Token


def sentence(words: str, heads: dict[int, tuple[int, str]] | None = None) -> SentView:
    """Tokens from space-separated words; CAPITALISED words are names (unit NAME below)."""
    heads = heads or {}
    tokens = tuple(Token(0, 0, w, w.lower(), "PROPN" if w[:1].isupper() else "X", (),
                         *heads.get(i, (-1, "")))
                   for i, w in enumerate(words.split()))
    return SentView(0, Sentence(0, 0, words, "body", tokens), (), None, ())


def name(scope, i, el):
    t = scope.tokens[i] if i < len(scope.tokens) else None
    return [Hit(i, i + 1, i, t.text)] if t is not None and t.text[:1].isupper() else []


UNITS = {"name": name}


def matches(spec: dict, words: str, heads=None):
    grammar = compile_grammar(spec, "test")
    return [(m.pattern, {k: (v.value if isinstance(v, Hit) else tuple(h.value for h in v))
                         for k, v in m.slots}) for m in run(grammar, None, sentence(words, heads),
                                                            UNITS)]


def test_a_pattern_matches_once_from_each_token():
    spec = {"patterns": [{"id": "p", "seq": [{"unit": "name", "slot": "a"}]}]}
    assert [s["a"] for _, s in matches(spec, "Иван и Петр")] == ["Иван", "Петр"]


def test_a_sequence_with_a_gap_binds_its_slots():
    spec = {"patterns": [{"id": "p", "seq": [{"unit": "name", "slot": "a"}, {"gap": 2},
                                              {"lemma": "встретил"}, {"unit": "name",
                                                                      "slot": "b"}]}]}
    assert matches(spec, "Иван вчера встретил Петра") == [("p", {"a": "Иван", "b": "Петра"})]
    assert matches(spec, "Иван вчера утром днем встретил Петра") == []  # the gap is too long


def test_a_gap_stops_at_a_unit_it_must_not_cross():
    spec = {"patterns": [{"id": "p", "seq": [{"unit": "name", "slot": "a"},
                                              {"gap": 5, "without": ["name"]},
                                              {"lemma": "ушел"}]}]}
    # only the last name before the verb: the gap may not pass over another name
    assert matches(spec, "Иван и Петр ушел") == [("p", {"a": "Петр"})]


def test_a_list_and_its_separators():
    spec = {"patterns": [{"id": "p", "seq": [{"lemma": "встретил"},
                                              {"unit": "name", "slot": "who", "list": True}]}]}
    assert matches(spec, "встретил Ивана , Петра и Олега") == \
        [("p", {"who": ("Ивана", "Петра", "Олега")})]
    side = {"patterns": [{"id": "p", "claim": "x", "seq": [{"unit": "name", "slot": "x",
                                                            "list": True, "sep": [""]}]}]}
    assert matches(side, "ЦК КПК") == [("p", {"x": ("ЦК", "КПК")})]


def test_alternatives_optional_elements_and_set_values():
    spec = {"patterns": [{"id": "p", "set": {"role": "глава"},
                          "seq": [{"unit": "name", "slot": "a"},
                                  {"any": [[{"lemma": "возглавил"}],
                                           [{"lemma": "стал"}, {"lemma": "главой"}]]},
                                  {"text": "«", "optional": True},
                                  {"unit": "name", "slot": "org"}]}]}
    grammar = compile_grammar(spec, "test")
    found = run(grammar, None, sentence("Иван стал главой « Газпрома"), UNITS)
    assert [m.get("org").value for m in found] == ["Газпрома"]
    assert found[0].get("role") == "глава"


def test_the_first_pattern_that_claims_a_unit_takes_it():
    spec = {"patterns": [
        {"id": "first", "claim": "x", "seq": [{"unit": "name", "slot": "x"}, {"lemma": "ушел"}]},
        {"id": "second", "claim": "y", "seq": [{"unit": "name", "slot": "y"}]},
        {"id": "free", "seq": [{"unit": "name", "slot": "z"}]}]}
    got = matches(spec, "Иван ушел , Петр остался")
    assert ("first", {"x": "Иван"}) in got and ("second", {"y": "Петр"}) in got
    assert ("second", {"y": "Иван"}) not in got  # claimed by the first
    assert ("free", {"z": "Иван"}) in got  # a pattern without a claim takes it again


def test_a_tree_pattern_hangs_slots_on_its_anchor():
    spec = {"patterns": [{"id": "t", "tree": {
        "verb": {"lemma": "представлял"},
        "who": {"unit": "name", "of": "verb", "rel": "nsubj*"},
        "what": {"unit": "name", "of": "verb", "rel": "obj"}}}]}
    heads = {0: (1, "obj"), 1: (-1, "root"), 2: (1, "nsubj")}
    ((pid, slots),) = matches(spec, "Армению представлял Григорян", heads)
    assert (slots["who"], slots["what"], slots["verb"].text) == \
        ("Григорян", "Армению", "представлял")
    wrong = {0: (1, "nsubj"), 1: (-1, "root"), 2: (1, "nsubj")}
    assert matches(spec, "Армению представлял Григорян", wrong) == []


def test_units_defined_in_the_file_bind_their_own_slots():
    spec = {"units": {"pair": {"head": "b", "any": [[{"unit": "name", "slot": "a"},
                                                       {"text": "-"},
                                                       {"unit": "name", "slot": "b"}]]}},
            "patterns": [{"id": "p", "claim": "pairs",
                          "seq": [{"unit": "pair", "slot": "pairs", "list": True}]}]}
    grammar = compile_grammar(spec, "test")
    (m,) = run(grammar, None, sentence("СНГ - Лебедев и ОДКБ - Зась"), UNITS)
    assert [(h.value["a"].value, h.value["b"].value) for h in m.hits("pairs")] == \
        [("СНГ", "Лебедев"), ("ОДКБ", "Зась")]


@pytest.mark.parametrize("spec, message", [
    ({"patterns": [{"id": "p", "seq": [{"unit": "name", "colour": "red"}]}]}, "unknown key"),
    ({"patterns": [{"id": "p", "seq": [{"gap": "far"}]}]}, "gap wants"),
    ({"patterns": [{"id": "p", "seq": [{"lex": "cues"}]}]}, "LEXICON.KIND"),
    ({"patterns": [{"id": "p"}]}, "needs 'seq' or 'tree'"),
    ({"patterns": [{"id": "p", "claim": "q", "seq": [{"unit": "name", "slot": "x"}]}]},
     "claim 'q'"),
    ({"patterns": [{"id": "p", "seq": [{"unit": "name"}]},
                   {"id": "p", "seq": [{"unit": "name"}]}]}, "used twice"),
    ({"patterns": [{"id": "p", "tree": {"a": {"unit": "name"}, "b": {"unit": "name"}}}]},
     "needs 'of' or 'below'"),
])
def test_a_bad_pattern_is_a_clear_error(spec, message):
    with pytest.raises(ValueError, match=message):
        compile_grammar(spec, "test")


def test_an_unknown_unit_is_named_in_the_error():
    grammar = compile_grammar({"patterns": [{"id": "p", "seq": [{"unit": "nobody"}]}]}, "t")
    with pytest.raises(ValueError, match="no unit 'nobody'"):
        run(grammar, None, sentence("Иван"), UNITS)


def test_the_posts_file_loads():
    grammar = load_grammar("posts")
    assert grammar.patterns and all(p.examples for p in grammar.patterns)
    assert {"post", "holder_name"} <= {name for name, _, _ in grammar.units}


def test_a_fixed_expression_counts_as_one_word_of_a_gap():
    spec = {"patterns": [{"id": "p", "seq": [{"unit": "name", "slot": "a"}, {"gap": 1},
                                              {"lemma": "ушел"}]}]}
    fixed = {2: (1, "fixed"), 3: (1, "fixed")}  # "в настоящее время" as one adverb
    assert matches(spec, "Иван в настоящее время ушел", fixed) == [("p", {"a": "Иван"})]
    assert matches(spec, "Иван в настоящее время ушел") == []  # three words otherwise


def test_a_gap_that_starts_inside_an_aside_does_not_leave_it():
    spec = {"patterns": [{"id": "p", "seq": [{"unit": "name", "slot": "a"},
                                              {"gap": 6, "without": ["name"]},
                                              {"lemma": "ушел"}]}]}
    # "Петр" stands inside the relative clause: the subject of "ушел" is Иван
    assert matches(spec, "Иван , который звал Петр вчера , ушел") == []
    assert matches(spec, "вчера Петр тихо ушел") == [("p", {"a": "Петр"})]
