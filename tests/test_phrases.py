"""Phrase matching keeps what it found per sentence; the answers are those of a plain scan."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.articles import read_article
from kg.facts.base import LEXICON_DIR, lexicon
from kg.nlp import annotate

CORPUS = Path(__file__).parent / "corpus"
LEXICONS = sorted(p.stem for p in LEXICON_DIR.glob("*.tsv") if p.stem != "roles")  # roles: own matcher


def scan(matcher, tokens, start=0, end=None):
    """Longest match at each position, left to right, without any index or cache."""
    n = len(tokens) if end is None else end
    out, i = [], start
    while i < n:
        best = matcher.match_at(list(tokens), i, n)
        if best:
            out.append(best)
            i = best[1]
        else:
            i += 1
    return out


@pytest.fixture(scope="module")
def sentences(ctx):
    found = []
    for path in sorted(CORPUS.glob("*.txt"))[:6]:
        found.extend(s.tokens for s in annotate(read_article(path), ctx.models).sentences)
    return [tokens for tokens in found if len(tokens) >= 8]


@pytest.mark.parametrize("name", LEXICONS)
def test_lexicon_ranges_answer_as_a_scan_of_the_range(ctx, sentences, name):
    lex = lexicon(name, ctx)
    rng = random.Random(7)
    hits = 0
    for tokens in sentences[:40]:
        n = len(tokens)
        ranges = [(0, n), (0, None)] + [(i, i + 1) for i in range(n)] + \
            [tuple(sorted(rng.sample(range(n + 1), 2))) for _ in range(20)]
        for kind in lex.kinds():
            for start, end in ranges:
                want = [(i, j) for i, j, _ in scan(lex.matchers[kind], tokens, start, end)]
                assert lex.find(kind, tokens, start, end) == want, (kind, start, end)
                hits += bool(want)
    assert hits  # the sentences do hold cues of this lexicon


def test_a_list_changed_in_place_is_matched_again(ctx):
    lex = lexicon("summits", ctx)
    words = lex.matchers["summit"].tokens_of
    tokens = list(words("Концерт прошел в Минске"))
    assert lex.find("summit", tokens) == []
    assert lex.matchers["summit"].match(tokens) == []
    tokens[0] = words("Саммит")[0]
    assert lex.find("summit", tokens) == [(0, 1)]
    assert [m[:2] for m in lex.matchers["summit"].match(tokens)] == [(0, 1)]
    frozen = tuple(tokens)
    assert lex.find("summit", frozen) == [(0, 1)]
    assert lex.find("summit", frozen[1:]) == []


def test_gazetteer_matches_as_a_scan(ctx, sentences):
    matcher = ctx.gazetteer.matcher
    found = 0
    for tokens in sentences:
        got = matcher.match(tokens)
        assert got == scan(matcher, tokens)
        assert matcher.match(tokens, 2, len(tokens) - 1) == scan(matcher, tokens, 2,
                                                                  len(tokens) - 1)
        found += len(got)
    assert found > 20


@pytest.mark.parametrize("name", LEXICONS)
def test_a_kind_absent_from_a_sentence_has_no_match_in_any_range(ctx, sentences, name):
    lex = lexicon(name, ctx)
    for tokens in sentences[:40]:
        present = lex.kinds_in(tokens, lex.kinds())
        assert present == {kind for kind in lex.kinds() if scan(lex.matchers[kind], tokens)}
        for kind in set(lex.kinds()) - present:
            assert not any(lex.has(kind, tokens, i, i + 1) for i in range(len(tokens))), kind
