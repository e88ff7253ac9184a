"""Agreements: the small records the agreement stages pass around (a date with its source, a
mention, a document noun, a clause segment, a report of signing, an agreement) and the token
helpers they share (governing preposition, modifiers, lexicon words).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from kg.facts.base import ORG_CLASSES, SentView

PARTY_CLASSES = ORG_CLASSES | {"State"}
PLACE_CLASSES = {"City", "State", "Location"}
PRECISION = {"year": 1, "month": 2, "day": 3}
LIST_TEXTS = {",", "и", "-", "–", "—"}
NOMINAL = {"NOUN", "PROPN"}
MODIFIER = {"ADJ", "DET", "NUM"}
BACK_SENTENCES = 6  # how far back "документ" may refer
HEADLINES = ("headline", "subtitle")


# -- small records ----------------------------------------------------------------


# Where a date comes from, most trusted first: stated for the signing; the date of the
# event it was signed at; the article's date for a report in the headline; the date of the
# sentence before, which tells the same story.
STATED, EVENT, HEADLINE, CONTEXT = range(4)


class DocDate(NamedTuple):
    value: str
    precision: str
    guessed: bool = False  # a day or month whose year is taken from the article date
    source: int = STATED


@dataclass(frozen=True)
class Ent:
    """An entity (or a resolved "организация", "союз") at tokens [first, last)."""

    first: int
    last: int
    iri: str
    cls: str
    anaphor: bool = False


@dataclass(frozen=True)
class DocNoun:
    """A document noun at tokens [first, last); kind None for "документ"."""

    first: int
    last: int
    head: int
    kind: str | None


@dataclass(frozen=True)
class Seg:
    """A region of a sentence: a main clause without its embedded clauses, or one
    embedded clause (relative, participle, "когда", "где" ...)."""

    opener: str  # main, relative, participle, when, where, sub
    start: int
    tokens: frozenset


@dataclass
class Report:
    """One report of a signed document in one sentence."""

    kind: str | None
    date: DocDate | None
    place: str | None
    explicit: list = field(default_factory=list)
    strong: list = field(default_factory=list)
    weak: list = field(default_factory=list)
    signers: list = field(default_factory=list)
    signer_parties: list = field(default_factory=list)
    founding: bool = False
    founded: list = field(default_factory=list)
    sides: bool = False  # "стороны" sign: the parties of the document told before
    view: SentView | None = None
    pos: tuple[int, int] = (0, 0)


@dataclass
class Agreement:
    kind: str
    dates: list = field(default_factory=list)
    places: list = field(default_factory=list)
    explicit: list = field(default_factory=list)
    strong: list = field(default_factory=list)
    weak: list = field(default_factory=list)
    signers: list = field(default_factory=list)
    signer_parties: list = field(default_factory=list)
    preparer: str | None = None
    founding: bool = True
    founded: list = field(default_factory=list)
    view: SentView | None = None
    last: tuple[int, int] = (0, 0)

    def parties(self) -> list:
        """Named parties; else the signers' organizations; collective subjects ("лидеры
        стран БРИКС") only when no signer tells more."""
        found = self.explicit + self.strong
        if not self.explicit:
            found = found + self.signer_parties
        if not self.signer_parties:
            found = found + self.weak
        return _unique(found)

    def date(self) -> DocDate | None:
        """The most precise date of the most trusted source; a year guessed from the article
        date ("в декабре") gives way to a year stated in another report of the document."""
        if not self.dates:
            return None
        source = min(d.source for d in self.dates)
        best = max((d for d in self.dates if d.source == source),
                   key=lambda d: (PRECISION.get(d.precision, 0), not d.guessed))
        stated = [d for d in self.dates if not d.guessed and d.source == STATED]
        if best.guessed and stated:
            best = best._replace(value=stated[0].value[:4] + best.value[4:], guessed=False)
        return best

    def accepts(self, r: Report) -> bool:
        if r.kind != self.kind:
            return False
        if not all(dates_agree(d, r.date) for d in self.dates):
            return False
        mine = set(self.explicit + self.strong + self.signer_parties)
        theirs = set(r.explicit + r.strong + r.signer_parties)
        return not mine or not theirs or mine <= theirs or theirs <= mine

    def add(self, r: Report) -> None:
        if r.date:
            self.dates.append(r.date)
        if r.place:
            self.places.append(r.place)
        self.explicit = _unique(self.explicit + r.explicit)
        self.strong = _unique(self.strong + r.strong)
        self.weak = _unique(self.weak + r.weak)
        self.signers = _unique(self.signers + r.signers)
        self.signer_parties = _unique(self.signer_parties + r.signer_parties)
        self.founding = self.founding and r.founding
        self.founded = _unique(self.founded + r.founded)
        self.view = self.view or r.view
        self.last = max(self.last, r.pos)


def _unique(items: list) -> list:
    return list(dict.fromkeys(x for x in items if x))


def dates_agree(a: DocDate | None, b: DocDate | None) -> bool:
    """Dates are equal where both are precise ("2024-09" and "2024-09-25" agree); a guessed
    year ("в декабре" read against the article date) is not compared, nor is a date taken
    from the headline or the sentence before."""
    if not a or not b or {a.source, b.source} & {HEADLINE, CONTEXT}:
        return True
    x, y = a.value, b.value
    if a.guessed or b.guessed:
        x, y = x[5:], y[5:]
    return x.startswith(y) or y.startswith(x)


def is_participle(t) -> bool:
    return t.feat("VerbForm") == "Part" and t.feat("Variant") != "Short"


def modifier(t) -> bool:
    """An adjective, determiner or numeral, also a name used as one ("Банджульской")."""
    return t.pos in MODIFIER or t.rel == "amod"


def skip_left(view: SentView, k: int) -> int:
    toks = view.tokens
    while k >= 0 and (toks[k].pos in MODIFIER or toks[k].text in ('"', "«", "»")):
        k -= 1
    return k


def governor(view: SentView, first: int, stop: int = -1) -> tuple[str | None, int | None]:
    """The preposition governing the noun phrase that has a name at ``first`` (None if
    none) and the noun that governs the name (None if the name heads its phrase).
    The walk stops at ``stop`` (the document: the name is its genitive)."""
    toks = view.tokens
    case = toks[first].feat("Case")
    head = None
    k = first - 1
    if case in ("Nom", "Acc"):
        return None, None
    if case not in ("Gen", None):  # an oblique case: the preposition of its phrase or list
        while k > stop:
            t = toks[k]
            ref = view.ref_at(k)
            if t.text == ")":  # "союзом (ЕАЭС) и Ираном": an alias in brackets
                while k > stop and toks[k].text != "(":
                    k -= 1
                k -= 1
            elif ref is not None and toks[ref.last - 1].feat("Case") in (case, None):
                k = ref.first - 1  # a name of the same list
            elif ref is not None and toks[ref.last - 1].feat("Case") == "Gen" and \
                    ref.first - 1 > stop and toks[ref.first - 1].pos == "NOUN" and \
                    toks[ref.first - 1].feat("Case") == case:
                k = ref.first - 1  # "между правительством [Таджикистана] и ФАО"
            elif ref is None and (t.text in LIST_TEXTS or t.pos in MODIFIER or t.pos == "CCONJ" or
                                  (t.pos == "NOUN" and t.feat("Case") == case)):
                k -= 1  # "между ассоциацией и Бразилией": a word that refers back
            else:
                break  # "в Вене Ираном": a name in another case heads another phrase
        return (toks[k].lemma if k > stop and toks[k].pos == "ADP" else None), None
    while k > stop:
        t = toks[k]
        ref = view.ref_at(k)
        if t.pos == "ADP":
            return t.lemma, head
        if ref is not None:
            k = ref.first - 1
            continue
        if t.text in LIST_TEXTS or t.pos in MODIFIER or t.pos == "CCONJ":
            k -= 1
            continue
        if t.pos in NOMINAL:
            head = k
            c = t.feat("Case")
            if c == "Gen":
                k -= 1
                continue
            if c in ("Nom", "Acc", None):
                return None, head
            j = skip_left(view, k - 1)
            return (toks[j].lemma if j >= 0 and toks[j].pos == "ADP" else None), head
        return None, head
    return None, (stop if stop >= 0 else head)


_WORDS: dict[str, frozenset] = {}


def words(kind: str) -> frozenset:
    """Single-word forms of a lexicon kind."""
    if kind not in _WORDS:
        from kg.gazetteer import read_tsv
        from kg.paths import LEXICON_DIR

        rows = read_tsv(LEXICON_DIR / "agreements.tsv")
        _WORDS[kind] = frozenset(f.strip() for row in rows if row["kind"] == kind
                                 for f in row["forms"].split("|") if " " not in f.strip())
    return _WORDS[kind]


def prep_index(view: SentView, first: int) -> int:
    k = first - 1
    while k >= 0 and view.tokens[k].pos != "ADP":
        k -= 1
    return k
