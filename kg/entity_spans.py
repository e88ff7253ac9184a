"""Name spans before they become mentions: the word lists of
``ontology/lexicon/entity_rules.tsv`` (``span_rules``), a candidate span (``Candidate``), and
the hygiene of the tagger's spans: quotes and brackets stripped, "Full name (ABBR)" split,
an emphatic pronoun or a title cut off, buildings, lone common nouns, spans with a verb or
of two known names side by side left out, a one-word gazetteer match kept only in a form
of the name (``form_of``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.gazetteer import Entry, Gazetteer, coarse_type, word_stem
from kg.paths import LEXICON_DIR
from kg.phrases import PhraseMatcher, fold
from kg.records import NerSpan, Parsed, Sentence

PAREN = re.compile(r"^(?P<full>.*?\S)\s*\((?P<abbr>[^()]{1,40})\)$")
STRIP = " \t\"'«»“”„()[]{}.,;:!?-–—"
QUOTES = {'"': '"', "«": "»", "„": "“"}  # opening -> closing


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    type: str
    normal: str
    source: str
    entry: Entry | None = None
    name: tuple[tuple[str, str], ...] = ()
    pair: int | None = None  # index of the other half of "Full name (ABBR)"


@dataclass(frozen=True)
class Rules:
    not_entity: frozenset[str]
    org_heads: PhraseMatcher
    facility: frozenset[str]  # lemmas: a name with one of them is a building or a street
    place_facility: frozenset[str]  # the same, for place names only
    common_noun: frozenset[str]  # lemmas: one capitalized word of these is no name
    emphatic: frozenset[str]  # lemmas stripped from the start of a name ("Само")
    generic_org: PhraseMatcher  # lowercase nouns naming an organization without its name
    generic_org_after: frozenset[str]  # lemmas: a generic noun after one is a post phrase
    generic_org_alone: PhraseMatcher  # generic nouns that need no adjective or name
    generic_org_skip: frozenset[str]  # lemmas: adjectives left out ("новое правительство")
    portfolio: PhraseMatcher  # genitive nouns inside a ministry's name ("юстиции")
    org_with_place: frozenset[str]  # lemmas: a name ending in one takes a state after it
    person_title: frozenset[str] = frozenset()  # lemmas stripped from a person's name
JOINING = {"-", "–", "—", "и", ",", "/"}  # between two names a tagger joined


@lru_cache(maxsize=4)
def span_rules(gaz: Gazetteer) -> Rules:
    """Word lists of ontology/lexicon/entity_rules.tsv."""
    from kg.gazetteer import read_tsv

    not_entity: set[str] = set()
    facility: set[str] = set()
    place_facility: set[str] = set()
    words: dict[str, set[str]] = {"common_noun": set(), "emphatic": set(),
                                  "generic_org_after": set(), "org_with_place": set(),
                                  "generic_org_skip": set(), "person_title": set()}
    matchers = {kind: PhraseMatcher(gaz.morph_vocab, case_sensitive=False)
                for kind in ("generic_org_alone", "generic_org_portfolio")}
    heads: PhraseMatcher = PhraseMatcher(gaz.morph_vocab, case_sensitive=False)
    generic: PhraseMatcher = PhraseMatcher(gaz.morph_vocab, case_sensitive=False)
    for row in read_tsv(LEXICON_DIR / "entity_rules.tsv"):
        for form in (f.strip() for f in row["forms"].split("|")):
            if not form:
                continue
            if row["kind"] == "not_entity":
                not_entity.add(fold(form))
            elif row["kind"] == "org_head":
                heads.add(form, form)
            elif row["kind"] == "generic_org":
                generic.add(form, form)
            elif row["kind"] in matchers:
                matchers[row["kind"]].add(form, form)
            elif row["kind"] == "facility":
                facility.add(fold(form))
            elif row["kind"] == "place_facility":
                place_facility.add(fold(form))
            elif row["kind"] in words:
                words[row["kind"]].add(fold(form))
    return Rules(frozenset(not_entity), heads, frozenset(facility), frozenset(place_facility),
                  frozenset(words["common_noun"]), frozenset(words["emphatic"]), generic,
                  frozenset(words["generic_org_after"]), matchers["generic_org_alone"],
                  frozenset(words["generic_org_skip"]), matchers["generic_org_portfolio"],
                  frozenset(words["org_with_place"]), frozenset(words["person_title"]))


def not_one_name(piece: Candidate, sentence: Sentence, covered, morph_vocab) -> bool:
    """A tagger's span that is no name: it holds a word that can only be a finite verb
    ("АСЕАН - ССАГПЗ пройдет"; not "Уральской стали", nor one in quotes), or it is two
    known names side by side ("АСЕАН - ССАГПЗ") and nothing else."""
    inside = [t for t in sentence.tokens if piece.start <= t.start and t.end <= piece.end]
    if any(t.pos in ("VERB", "AUX") and t.feat("VerbForm") == "Fin" and t.text.islower() and
           not _quoted(piece, t) and
           not any(f.pos in ("NOUN", "ADJ") for f in morph_vocab.parse(t.text)) for t in inside):
        return True
    known = [(s, e) for s, e in covered if piece.start <= s and e <= piece.end]
    return len(known) >= 2 and all(
        any(s <= t.start and t.end <= e for s, e in known) or t.text in JOINING
        for t in inside)


def _quoted(piece: Candidate, t) -> bool:
    """Token ``t`` stands inside quotes of the piece ("«Вперед, Россия!»")."""
    before = piece.text[:t.start - piece.start]
    return any(before.count(q) % 2 == 1 for q in ('"', "'")) or before.count("«") > before.count("»")


def form_of(word: str, entry: Entry) -> bool:
    """A one-word match is a form of one of the entry's one-word names: the same word but
    for its case ending ("Москве" of "Москва"), or an abbreviation written as it is."""
    stem = word_stem(word)
    words = [name for name in entry.names if len(name.split()) == 1]
    return not words or any(word_stem(name) == stem or fold(name) == fold(word) or
                            stem.startswith(word_stem(name)) or word_stem(name).startswith(stem)
                            for name in words)


def lone_common_noun(piece: Candidate, sentence: Sentence, rules: Rules) -> bool:
    """"Альянс был основан ...": one capitalized common noun at the start of a sentence is
    a reference back, not a name."""
    inside = tokens_of(piece, sentence)
    return len(inside) == 1 and fold(inside[0].lemma) in rules.common_noun


_NAME_GRAMMEMES = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")


def common_word_first(piece: Candidate, sentence: Sentence, morph) -> bool:
    """"Египтолог по образованию, аль-Анани ...": one capitalized word opening the sentence
    that the dictionary knows only as a common word (no reading as a name) is no person."""
    inside = tokens_of(piece, sentence)
    if piece.type != "PER" or len(inside) != 1 or not sentence.tokens or \
            inside[0] is not sentence.tokens[0]:
        return False
    parses = morph.parse(inside[0].text)
    return bool(parses) and all(p.is_known and not any(g in p.tag for g in _NAME_GRAMMEMES)
                                for p in parses)


def strip_leading(piece: Candidate, sentence: Sentence, rules: Rules):
    """"Само Содружество Независимых Государств": the emphatic pronoun is not part of it;
    nor is a title opening a person's name ("Император Акихито", "Кронпринц Нарухито")."""
    inside = tokens_of(piece, sentence)
    first = fold(inside[0].lemma) if inside else ""
    if len(inside) < 2 or not (first in rules.emphatic or
                               (piece.type == "PER" and first in rules.person_title)):
        return piece
    start = inside[1].start
    cut = start - piece.start
    words = piece.normal.split(maxsplit=1)
    normal = words[1] if len(words) == 2 else piece.normal
    return replace(piece, start=start, text=piece.text[cut:], normal=normal)


def is_facility(piece: Candidate, sentence: Sentence, rules: Rules) -> bool:
    """"Исаакиевский собор", "Гаврская улица": buildings and streets are not
    organizations or places in our sense."""
    words = rules.facility | (rules.place_facility if piece.type == "LOC" else frozenset())
    return any(fold(t.lemma) in words for t in tokens_of(piece, sentence))


def tokens_of(piece: Candidate, sentence: Sentence) -> list:
    return [t for t in sentence.tokens if piece.start <= t.start and t.end <= piece.end]


def clean_span(span: NerSpan, sentence: Sentence) -> list[Candidate]:
    """Strip quotes and punctuation; split "Full name (ABBR)" into two pieces."""
    text, start = span.text, span.start
    normal = span.normal
    match = PAREN.match(text)
    if match:
        nmatch = PAREN.match(normal)
        full_normal = nmatch.group("full") if nmatch else match.group("full")
        abbr_normal = nmatch.group("abbr") if nmatch else match.group("abbr")
        pieces = [
            _piece(start + match.start("full"), match.group("full"), full_normal, span),
            _piece(start + match.start("abbr"), match.group("abbr"), abbr_normal, span),
        ]
        return [p for p in pieces if p]
    piece = _piece(start, text, normal, span)
    return [piece] if piece else []


def _piece(start: int, text: str, normal: str, span: NerSpan) -> Candidate | None:
    left = len(text) - len(text.lstrip(STRIP))
    stripped = text.strip(STRIP)
    # keep a closing quote that belongs to a quoted name: ФК "Тамбов", ООО «Ромашка»
    rest = text[left + len(stripped):]
    for opening, closing in QUOTES.items():
        if opening == closing:
            unbalanced = stripped.count(opening) % 2 == 1
        else:
            unbalanced = stripped.count(opening) > stripped.count(closing)
        if unbalanced and rest.startswith(closing):
            stripped += closing
            break
    if not stripped or not any(ch.isalpha() for ch in stripped):
        return None
    if not stripped[0].isupper() and not stripped[0].isdigit():
        return None  # "правительство", "кремлевский": not a name
    if "\n" in stripped or "\r" in stripped:
        return None
    normal = normal.strip(STRIP) or stripped
    return Candidate(start + left, start + left + len(stripped), stripped, span.type, normal,
                      "ner", name=span.name)


def dateline_candidates(parsed: Parsed, gaz: Gazetteer) -> list[Candidate]:
    """The dateline's city and agency are entities (place and publisher)."""
    article = parsed.article
    if not article.dateline_span:
        return []
    start, end = article.dateline_span
    line = article.text[start:end]
    out = []
    if article.dateline_city:
        n = len(article.dateline_city)
        entry = gaz.lookup(article.dateline_city)
        cls = entry.cls if entry else "City"
        out.append(Candidate(start, start + n, line[:n], coarse_type(cls),
                              entry.label if entry else article.dateline_city, "dateline", entry))
    if article.agency:
        pos = line.find(article.agency, len(article.dateline_city or ""))
        if pos >= 0:
            entry = gaz.lookup(article.agency)
            out.append(Candidate(start + pos, start + pos + len(article.agency), article.agency,
                                  "ORG", entry.label if entry else article.agency, "dateline",
                                  entry))
    return out
