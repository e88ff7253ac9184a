"""Which organizations outside the gazetteer are international (unions of states).

An organization the NER tagger names and the gazetteer does not know is international
when the first noun of its name is a word like "организация", "содружество", "форум",
"группа" (``io_head`` of ``ontology/lexicon/entity_rules.tsv``) and either its name has a
word of ``io_scope`` ("наций", "государств", "тихоокеанских", "Африки", "андское") or the
article names it right after a word of ``io_context`` ("саммит Вышеградской группы",
"члены САДК", "вступила в Движение неприсоединения"). An abbreviation joined to such a name
is the same entity. Extractors of members, summits and chairmanships look for
international organizations; without this, an organization the gazetteer lacks would never
have a summit or a member. A name that holds a known international organization
("Комиссия Африканского союза") is a body of it, not an organization of its own.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from kg.gazetteer import read_tsv
from kg.paths import LEXICON_DIR
from kg.phrases import PhraseMatcher, fold
from kg.records import Sentence

CONTEXT_WINDOW = 3  # tokens between a context word and the name


@lru_cache(maxsize=4)
def _words(morph_vocab) -> tuple[frozenset, frozenset, PhraseMatcher, frozenset]:
    heads, scope, members = set(), set(), set()
    context: PhraseMatcher = PhraseMatcher(morph_vocab, case_sensitive=False)
    for row in read_tsv(LEXICON_DIR / "entity_rules.tsv"):
        forms = [f.strip() for f in row["forms"].split("|") if f.strip()]
        if row["kind"] == "io_head":
            heads.update(fold(f) for f in forms)
        elif row["kind"] == "io_scope":
            scope.update(fold(f) for f in forms)
        elif row["kind"] == "io_members":
            members.update(fold(f) for f in forms)
        elif row["kind"] == "io_context":
            for f in forms:
                context.add(f, f)
    return frozenset(heads), frozenset(scope), context, frozenset(members)


_ADJECTIVE = ("ый", "ий", "ой")  # lemma endings of adjectives


def by_name(words: list[tuple[str, str]], morph_vocab) -> bool:
    """(text, lemma) of a name's words: its first noun is an io head and a word is of
    io scope, and no word says it is a body of persons ("Совет глав государств")."""
    heads, scope, _, members = _words(morph_vocab)
    lemmas = [fold(lemma) for _, lemma in words]
    first_noun = next((lemma for lemma in lemmas if not lemma.endswith(_ADJECTIVE)), None)
    if not lemmas or not (any(lemma in heads for lemma in lemmas[:2]) or first_noun in heads):
        return False  # "Международная морская организация": the noun after two adjectives
    if any(lemma in members for lemma in lemmas):
        return False
    return any(lemma in scope or (lemma.startswith("меж") and lemma[3:] in scope)
               for lemma in lemmas)  # "Межамериканский банк развития": меж- + американский


def body_of(words: list[tuple[str, str]], morph_vocab) -> bool:
    """A name of a body of persons ("Совет глав государств")."""
    members = _words(morph_vocab)[3]
    return any(fold(lemma) in members for _, lemma in words)


def in_context(sentence: Sentence, start: int, morph_vocab) -> bool:
    """A word of io context ends at most a few tokens before character ``start``."""
    context = _words(morph_vocab)[2]
    tokens = sentence.tokens
    first = next((k for k, t in enumerate(tokens) if t.start >= start), None)
    if first is None:
        return False
    lo = max(0, first - CONTEXT_WINDOW - 3)
    return any(first - CONTEXT_WINDOW <= b <= first for _, b, _ in context.match(tokens, lo, first))


def international_keys(parsed, candidates, keys: list[str], gaz) -> set[str]:
    """Keys of an article's organizations outside the gazetteer that are international: by
    a name of theirs or by where the article names them, unless a name of theirs is that of
    a body (a known organization inside it, or persons: "Совет глав государств")."""
    starts = [s.start for s in parsed.sentences]
    yes, veto = set(), set()
    for c, key in zip(candidates, keys):
        if c.type != "ORG" or c.entry is not None or c.source == "generic":
            continue
        n = bisect_right(starts, c.start) - 1
        if n < 0:
            continue
        sentence = parsed.sentences[n]
        inside = [t for t in sentence.tokens if c.start <= t.start and t.end <= c.end]
        words = [(t.text, t.lemma) for t in inside]
        if _holds_known_org(inside, gaz) or body_of(words, gaz.morph_vocab):
            veto.add(key)  # "Комиссия Африканского союза", "Совет глав государств"
        elif by_name(words, gaz.morph_vocab) or \
                in_context(sentence, c.start, gaz.morph_vocab):
            yes.add(key)
    return yes - veto


def continues_name(token) -> bool:
    """A word that goes on with a name after a known one ("Содружество [наций]", "Группа
    [77]", "Организация Объединенных Наций [по] ..."), not a verb the tagger took in."""
    return (token.text[:1].islower() and token.pos in ("NOUN", "ADJ")
            and token.feat("VerbForm") is None) or token.text.isdigit() or \
        token.lemma in ("по", "для")


def _holds_known_org(tokens, gaz) -> bool:
    """A name with a known organization inside ("Комиссия [Африканского союза]": a body of
    it) or at its start not followed by more of a name ("[Содружество Независимых
    Государств] образовано": a span the tagger made too long)."""
    for first, last, entry in gaz.match(tokens):
        if entry.cls not in ("InternationalOrganization", "OrganizationBody"):
            continue
        if first > 0 or (last < len(tokens) and not continues_name(tokens[last])):
            return True
    return False
