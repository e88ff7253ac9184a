"""Phrasings as data: the patterns of ``ontology/patterns/KIND.yaml``, compiled.

A kind's file lists ``patterns``, each a sequence of elements (``seq``) or a tree of slots
hung on an anchor (``tree``), with the sentences it is for (``examples``, run by
``tests/test_patterns.py``), and may define ``units``: named sequences its patterns use
like the kind's own units. ``kg.facts.matcher`` runs them. An element is one of

- ``{unit: NAME}``: a unit of the kind (a role phrase, a person ...), one the file defines,
  or a built-in one: ``word`` (any one word), ``date`` (a date expression, its preposition
  included), ``{mention: true, classes: [State, ...]}``;
- ``{lemma: [..]}`` / ``{text: [..]}``: one token with one of these lemmas or texts;
- ``{lex: LEXICON.KIND}``: a phrase of a kind of ``ontology/lexicon/LEXICON.tsv``;
- ``{gap: N}`` or ``{gap: clause}``: up to N tokens (to the end of the clause), none of
  them starting a unit named in ``without`` (and each meeting the element's constraints);
  with ``asides: true`` a participial or relative clause between commas is passed over
  whole and not counted ("Узбекистан, вступивший в ОДКБ в 2006 году, вышел");
- ``{any: [[...], [...]]}``: one of several sequences (their slots bind as the pattern's).

Any element may carry ``slot`` (the name it binds), ``optional``, ``repeat: [MIN, MAX]``,
``list`` (a coordination of the unit: "A, B и C"; ``sep`` lists the words between, "" for
side by side), constraints on its head token (``case``, ``number``, ``gender``, ``pos``,
``voice``, ``verbform``, ``tense``, ``aspect``, ``mood``, ``animacy``, ``rel``, ``prep``:
its preposition or "none"; ``lemmas``: its lemma; a value or a list; ``lower``,
``capital``, ``upper``: true;
``not``: constraints, or a list of them, that must not all hold) and tree constraints
(``of: SLOT``: its head hangs on that slot's head, ``rel`` the relation; ``below: SLOT``:
anywhere under it; ``agrees: SLOT``: in the same case as that slot's head). A tree pattern names its anchor first, then slots with ``of`` or
``below``. A pattern may ``claim`` a slot: a unit it binds there is taken, and a later
pattern that binds the same unit in its claim does not match (patterns run in file order,
so the first phrasing that explains a phrase wins). ``unless`` lists readings of a slot
that make the match no fact (``{slot: verb, readings: [negated, hypothetical]}``, see
``kg.syntax.modality``); ``set`` adds constant values the kind's module reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kg.paths import PATTERNS_DIR

FEATS = {"case": "Case", "number": "Number", "gender": "Gender", "voice": "Voice",
         "verbform": "VerbForm", "tense": "Tense", "aspect": "Aspect", "mood": "Mood",
         "animacy": "Animacy", "person": "Person", "variant": "Variant"}
COORDINATION = (",", "и", "а также", "также")


@dataclass(frozen=True)
class Element:
    kind: str  # unit, lemma, text, lex, gap, any
    arg: object = None
    slot: str | None = None
    low: int = 1
    high: int = 1
    as_list: bool = False
    sep: tuple[str, ...] = COORDINATION
    feats: tuple[tuple[str, frozenset], ...] = ()
    negated: tuple[tuple[tuple[str, frozenset], ...], ...] = ()  # each: constraints that fail
    of: str | None = None
    below: str | None = None
    without: tuple[str, ...] = ()
    options: tuple[tuple[str, object], ...] = ()  # unit options (``classes`` ...)
    agrees: str | None = None  # a slot whose head is in the same case

    def option(self, name: str, default=None):
        return dict(self.options).get(name, default)


@dataclass(frozen=True)
class Pattern:
    id: str
    kind: str  # seq or tree
    elements: tuple[Element, ...]
    claim: str | None = None
    unless: tuple[tuple[str, tuple[str, ...]], ...] = ()
    values: tuple[tuple[str, object], ...] = ()
    examples: tuple = ()
    about: str = ""
    claim_unit: str | None = None  # the unit the claimed slot binds


ELEMENT_KEYS = {"unit", "mention", "lemma", "text", "lex", "gap", "any", "slot", "optional",
                "repeat", "list", "sep", "not", "of", "below", "without", "lower", "capital",
                "upper", "pos", "rel", "prep", "lemmas", "classes", "asides", "agrees", *FEATS}


def _values(value) -> frozenset:
    if isinstance(value, (list, tuple)):
        return frozenset(str(v) for v in value)
    return frozenset([str(value)])


def _as_list(value) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _constraints(spec: dict) -> tuple[tuple[str, frozenset], ...]:
    out = []
    for key in ("pos", "rel", "prep", "lemmas", *FEATS):
        if key in spec:
            out.append((key, _values(spec[key])))
    for key in ("lower", "capital", "upper"):
        if spec.get(key):
            out.append((key, frozenset(["true"])))
    return tuple(out)


def compile_element(spec: dict, where: str) -> Element:
    unknown = set(spec) - ELEMENT_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}")
    low, high = 1, 1
    if spec.get("optional"):
        low = 0
    if "repeat" in spec:
        low, high = (int(x) for x in spec["repeat"])
    common = dict(slot=spec.get("slot"), low=low, high=high, as_list=bool(spec.get("list")),
                  sep=tuple(spec.get("sep", COORDINATION)), feats=_constraints(spec),
                  negated=tuple(_constraints(n) for n in _as_list(spec.get("not", ()))),
                  of=spec.get("of"),
                  below=spec.get("below"), without=tuple(spec.get("without", ())),
                  agrees=spec.get("agrees"))
    if "classes" in spec:
        common["options"] = (("classes", frozenset(spec["classes"])),)
    if spec.get("asides"):
        common["options"] = (("asides", True),)
    if "unit" in spec:
        return Element("unit", spec["unit"], **common)
    if "mention" in spec:
        return Element("unit", "mention", **common)
    if "lemma" in spec:
        return Element("lemma", _values(spec["lemma"]), **common)
    if "text" in spec:
        return Element("text", _values(spec["text"]), **common)
    if "lex" in spec:
        name, _, kind = str(spec["lex"]).partition(".")
        if not kind:
            raise ValueError(f"{where}: lex wants LEXICON.KIND, got {spec['lex']!r}")
        return Element("lex", (name, kind), **common)
    if "gap" in spec:
        gap = spec["gap"]
        if gap != "clause" and not isinstance(gap, int):
            raise ValueError(f"{where}: gap wants a number or 'clause', got {gap!r}")
        return Element("gap", gap, **common)
    if "any" in spec:
        if spec.get("slot"):
            raise ValueError(f"{where}: a slot on 'any' binds nothing; put it in the branches")
        options = tuple(tuple(compile_element(e, where) for e in seq) for seq in spec["any"])
        return Element("any", options, **common)
    if common["feats"]:
        return Element("unit", "word", **common)
    raise ValueError(f"{where}: an element needs unit, lemma, text, lex, gap or any: {spec}")


def compile_pattern(spec: dict, kind_name: str) -> Pattern:
    pid = str(spec.get("id") or "?")
    where = f"{kind_name}.yaml pattern {pid}"
    if "seq" in spec:
        elements = tuple(compile_element(e, where) for e in spec["seq"])
        form = "seq"
    elif "tree" in spec:
        items = list(spec["tree"].items())
        elements = tuple(compile_element({**e, "slot": e.get("slot", name)}, where)
                         for name, e in items)
        for e in elements[1:]:
            if e.of is None and e.below is None:
                raise ValueError(f"{where}: tree slot {e.slot} needs 'of' or 'below'")
        form = "tree"
    else:
        raise ValueError(f"{where}: a pattern needs 'seq' or 'tree'")
    unless = []
    for item in spec.get("unless", ()):
        unless.append((item["slot"], tuple(item["readings"])))
    claim = spec.get("claim")
    return Pattern(pid, form, elements, claim, tuple(unless),
                   tuple(sorted((spec.get("set") or {}).items())),
                   tuple(spec.get("examples") or ()), spec.get("about", ""),
                   _claim_unit(elements, claim))


@dataclass(frozen=True)
class Grammar:
    """A kind's patterns and the units its file defines (``units:``: a name, the slot
    whose head heads the unit, and the sequences it may be)."""

    kind: str
    patterns: tuple[Pattern, ...]
    units: tuple[tuple[str, str | None, tuple[tuple[Element, ...], ...]], ...] = ()


def compile_grammar(data: dict, kind: str) -> Grammar:
    units = []
    for name, spec in (data.get("units") or {}).items():
        where = f"{kind}.yaml unit {name}"
        options = tuple(tuple(compile_element(e, where) for e in seq) for seq in spec["any"])
        units.append((name, spec.get("head"), options))
    patterns = tuple(compile_pattern(s, kind) for s in data.get("patterns") or ())
    ids = [p.id for p in patterns]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"{kind}.yaml: pattern ids used twice: {sorted(dupes)}")
    return Grammar(kind, patterns, tuple(units))


@lru_cache(maxsize=None)
def load_grammar(kind: str, folder: Path = PATTERNS_DIR) -> Grammar:
    """The patterns and units of ``ontology/patterns/KIND.yaml``, compiled (a clear error
    for a bad entry)."""
    path = folder / f"{kind}.yaml"
    return compile_grammar(yaml.safe_load(path.read_text(encoding="utf-8")) or {}, kind)


def _claim_unit(elements, claim: str | None) -> str | None:
    """The unit a pattern's claimed slot binds: claims on one unit exclude each other, also
    when patterns name the slot differently ("post", "also")."""
    if claim is None:
        return None
    for el in _elements(elements):
        if el.slot == claim:
            return str(el.arg) if el.kind == "unit" else el.kind
    raise ValueError(f"claim {claim!r} names no slot of its pattern")


def _elements(elements):
    for el in elements:
        yield el
        if el.kind == "any":
            for option in el.arg:
                yield from _elements(option)
