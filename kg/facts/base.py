"""What every fact extractor shares: a view of the article and the cue lexicons.

``Doc`` gives, for each sentence, its mentions with their entities, the token
each mention covers, clauses, dates resolved against the article date, and the
most recent organization or state before a point (for "организация",
"республика" and similar references). Lexicons are TSV files in
``ontology/lexicon/`` with columns ``kind`` and ``forms``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kg.dates import TimeExpr, find_dates, tense_of
from kg.dates import lexicon as dates_lexicon
from kg.paths import LEXICON_DIR
from kg.phrases import PhraseMatcher, sequence_memo
from kg.records import Entity, Evidence, Fact, Mention, Parsed, Sentence, Token

ORG_CLASSES = {"InternationalOrganization", "OrganizationBody", "Organization",
               "GovernmentBody", "MediaOrganization", "Company", "PoliticalParty"}
INTERNATIONAL = {"InternationalOrganization", "OrganizationBody"}


# -- lexicons -----------------------------------------------------------------


class Lexicon:
    """Cue phrases by kind, each kind a PhraseMatcher (lemmas, any case)."""

    def __init__(self, rows: list[dict[str, str]], morph_vocab) -> None:
        self.matchers: dict[str, PhraseMatcher[str]] = {}
        for row in rows:
            kind = row["kind"]
            matcher = self.matchers.setdefault(kind, PhraseMatcher(morph_vocab,
                                                                   case_sensitive=False))
            for form in row["forms"].split("|"):
                if form.strip():
                    matcher.add(form.strip(), kind)

    def kinds(self) -> list[str]:
        return list(self.matchers)

    def find(self, kind: str, tokens, start: int = 0, end: int | None = None):
        """Matches of one kind: [(first, last + 1)]."""
        matcher = self.matchers.get(kind)
        if matcher is None:
            return []
        n = len(tokens) if end is None else end
        whole = self._whole(kind, matcher, tokens)
        if not whole:
            return []
        if start == 0 and n == len(tokens):
            return list(whole)
        # matching is longest-first, left to right: when no match of the whole sentence
        # straddles a bound, the matches inside the bounds are those of the range
        inside = []
        for i, j in whole:
            if i < start < j or i < n < j:
                return [(i, j) for i, j, _ in matcher.match(tokens, start, n)]
            if start <= i and j <= n:
                inside.append((i, j))
        return inside

    def _whole(self, kind: str, matcher, tokens) -> tuple[tuple[int, int], ...]:
        """The matches of a kind over the whole token sequence, computed once per tuple."""
        memo = sequence_memo(tokens)
        found = memo.get(matcher) if memo is not None else None
        if found is None:
            found = tuple((i, j) for i, j, _ in matcher.match(tokens))
            if memo is not None:
                memo[matcher] = found
        return found

    def kinds_in(self, tokens, kinds) -> set[str]:
        """The kinds with a match in the sentence. A kind not among them has no match in
        any range either (a token matches alone only inside a match of the whole
        sentence), so extractors can skip their token-by-token search for it."""
        return {kind for kind in kinds if self.find(kind, tokens)}

    def has(self, kind: str, tokens, start: int = 0, end: int | None = None) -> bool:
        return bool(self.find(kind, tokens, start, end))


@lru_cache(maxsize=None)
def _lexicon(name: str, morph_vocab) -> Lexicon:
    from kg.gazetteer import read_tsv

    return Lexicon(read_tsv(LEXICON_DIR / f"{name}.tsv"), morph_vocab)


def lexicon(name: str, ctx) -> Lexicon:
    """The lexicon ``ontology/lexicon/NAME.tsv``, loaded once per process."""
    return _lexicon(name, ctx.models.morph_vocab)


# -- the article view ---------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A mention with its entity, located in its sentence's tokens [first, last)."""

    mention: Mention
    entity: Entity
    first: int
    last: int

    @property
    def cls(self) -> str:
        return self.entity.cls

    @property
    def iri(self) -> str:
        return self.entity.iri

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end


@dataclass(frozen=True)
class SentView:
    index: int
    sentence: Sentence
    refs: tuple[Ref, ...]
    tense: str | None
    dates: tuple[TimeExpr, ...]

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.sentence.tokens

    def ref_at(self, i: int) -> Ref | None:
        """The mention that covers token ``i``."""
        for ref in self.refs:
            if ref.first <= i < ref.last:
                return ref
        return None

    def ref_starting(self, i: int) -> Ref | None:
        """The longest mention that begins at token ``i`` ("Палестинской национальной
        администрации", not the state inside it)."""
        found = [ref for ref in self.refs if ref.first == i]
        return max(found, key=lambda r: r.last) if found else None

    def refs_in(self, first: int, last: int, classes=None) -> list[Ref]:
        return [r for r in self.refs if first <= r.first and r.last <= last
                and (classes is None or r.cls in classes)]

    def clauses(self) -> list[tuple[int, int]]:
        """Token ranges split at ';' and at ', а/но/однако/тогда как'."""
        cuts = [0]
        toks = self.tokens
        for i, t in enumerate(toks):
            if t.text == ";":
                cuts.append(i + 1)
            elif t.lemma in ("а", "но", "однако", "тогда") and i > 0 and toks[i - 1].text == ",":
                cuts.append(i)
        cuts.append(len(toks))
        return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]

    def clause_of(self, i: int) -> tuple[int, int]:
        for a, b in self.clauses():
            if a <= i < b:
                return a, b
        return 0, len(self.tokens)

    def dates_in(self, first: int, last: int) -> list[TimeExpr]:
        if first >= last:
            return []
        lo, hi = self.tokens[first].start, self.tokens[last - 1].end
        return [d for d in self.dates if lo <= d.start and d.end <= hi]

    def token_index(self, offset: int) -> int:
        for i, t in enumerate(self.tokens):
            if t.start <= offset < t.end or offset < t.start:
                return i
        return len(self.tokens)


class Doc:
    """One article, its sentences and its mentions, ready for the extractors."""

    def __init__(self, parsed: Parsed, mentions: list[Mention], entities: list[Entity],
                 ctx) -> None:
        self.parsed = parsed
        self.article = parsed.article
        self.ctx = ctx
        self.gazetteer = ctx.gazetteer
        self.cues = lexicon("cues", ctx)
        entity_of_key = {}
        for entity in entities:
            for start, end in entity.mentions:
                entity_of_key[(start, end)] = entity
        self.entities = entities
        self.by_iri = {e.iri: e for e in entities}
        self.extra: dict[str, Entity] = {}  # gazetteer entities facts name without a mention
        self.sentences: list[SentView] = []
        # mentions by start, to take each sentence's own with a bisect (a long article has
        # thousands of both); within a sentence they keep their order
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        starts = [mentions[i].start for i in order]
        year_before = None
        for n, sentence in enumerate(parsed.sentences):
            refs = []
            lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
            for i in sorted(order[lo:hi]):
                m = mentions[i]
                if sentence.start <= m.start and m.end <= sentence.end:
                    entity = entity_of_key.get((m.start, m.end))
                    first, last = _token_range(sentence.tokens, m.start, m.end)
                    if entity is not None and first < last:
                        refs.append(Ref(m, entity, first, last))
            tense = tense_of(sentence.tokens)
            dates = find_dates(sentence.text, self.article.date, tense, offset=sentence.start,
                               year_before=year_before)
            dates = [d for d in dates if not _eve_of_event(sentence.tokens, d)]
            if dates:  # "в августе того же года" in a later sentence
                year_before = int(dates[-1].value[:4])
            self.sentences.append(SentView(n, sentence, tuple(refs), tense, tuple(dates)))
        self._starts = [v.sentence.start for v in self.sentences]

    # -- references back ---------------------------------------------------------

    def sentence_at(self, offset: int) -> int:
        """The index of the last sentence starting at or before ``offset`` (-1: none)."""
        return bisect_right(self._starts, offset) - 1

    def last_ref(self, before: int, classes, within: int = 3) -> Ref | None:
        """The nearest mention of one of ``classes`` ending before offset ``before``,
        looking back at most ``within`` sentences (the headline counts last)."""
        here = self.sentence_at(before)
        for i in range(here, max(-1, here - within - 1), -1):
            found = [r for r in self.sentences[i].refs if r.end <= before and r.cls in classes]
            if found:
                return found[-1]
        return None

    def anaphor_ref(self, before: int, noun: str, classes=INTERNATIONAL,
                    within: int = 3) -> Ref | None:
        """The organization a word like 'альянс', 'союз', 'организация' refers back to: the
        nearest one whose own name holds that word ('альянс' -> Североатлантический альянс,
        past a nearer Евросоюз; at most 10 x ``within`` sentences back), else the nearest
        one."""
        nearest = self.last_ref(before, classes, within)
        if nearest is None:
            return None
        return self.named_ref(before, noun, classes, within) or nearest

    def named_ref(self, before: int, noun: str, classes=INTERNATIONAL,
                  within: int = 3) -> Ref | None:
        """The nearest organization whose own name holds the word (at most 10 x ``within``
        sentences back), None if none."""
        if not noun:
            return None
        here = self.sentence_at(before)
        for i in range(here, max(-1, here - 10 * within - 1), -1):
            named = [r for r in self.sentences[i].refs if r.end <= before and r.cls in classes
                     and _names_hold(r.entity, noun)]
            if named:
                return named[-1]
        return None

    def main_org(self) -> Entity | None:
        """The most mentioned international organization of the article."""
        orgs = [e for e in self.entities if e.cls == "InternationalOrganization"]
        if not orgs:
            return None
        return max(orgs, key=lambda e: (len(e.mentions), -e.mentions[0][0]))

    def org_of(self, ref: Ref) -> Entity:
        """A body of an organization stands for its organization (Совет ... ОДКБ -> ОДКБ)."""
        if ref.cls == "OrganizationBody" and ref.entity.parent:
            parent = self.entity_by_iri(ref.entity.parent)
            if parent is not None:
                return parent
        return ref.entity

    def entity_by_iri(self, iri: str) -> Entity | None:
        found = self.by_iri.get(iri)
        if found is not None:
            return found
        entry = _entries_by_iri(self.gazetteer).get(iri)
        return self.state_entity(entry) if entry is not None else None

    def adjective_state(self, token: Token) -> Entity | None:
        """The state an adjective names ("российский" -> Россия), None for another word."""
        if token.pos != "ADJ":
            return None
        entry = self.gazetteer.adjective(token.lemma)
        return self.state_entity(entry) if entry is not None and entry.cls == "State" else None

    def dateline_city(self) -> Entity | None:
        """The city of the dateline ("АСТАНА, 3 сентября. /ТАСС/."), if the gazetteer knows it."""
        name = self.article.dateline_city
        entry = self.gazetteer.lookup(name) if name else None
        if entry is None or entry.cls != "City":
            return None
        return self.state_entity(entry)

    def state_entity(self, entry) -> Entity:
        """The entity of a gazetteer entry: the article's own, or one without mentions."""
        from kg.entities import iri_for_entry

        iri = iri_for_entry(entry)
        found = self.by_iri.get(iri) or self.extra.get(iri)
        if found is None:
            found = self.extra[iri] = _entity_from_entry(entry, self.gazetteer)
        return found


def _eve_of_event(tokens, d: TimeExpr) -> bool:
    """"накануне саммита": the eve of something named (a genitive after it), no date of
    its own; a bare "накануне" ("прошел накануне в Минске") is the day before the article."""
    if d.text.lower() not in dates_lexicon().eves:
        return False
    k = next((i for i, t in enumerate(tokens) if t.start >= d.end), None)
    return k is not None and tokens[k].pos in ("NOUN", "PROPN", "ADJ", "NUM") and \
        tokens[k].feat("Case") == "Gen"


@lru_cache(maxsize=4)
def _entries_by_iri(gaz) -> dict:
    """Gazetteer entries by the IRI they get (built once per gazetteer)."""
    from kg.entities import iri_for_entry

    return {iri_for_entry(e): e for e in gaz.entries}


def _entity_from_entry(entry, gaz) -> Entity:
    from kg.entities import _parent_iri, iri_for_entry
    from kg.gazetteer import coarse_type

    return Entity(iri=iri_for_entry(entry), type=coarse_type(entry.cls), cls=entry.cls,
                  label=entry.label, aliases=entry.aliases, iso2=entry.iso2,
                  wikidata=entry.wikidata, parent=_parent_iri(entry, gaz))


def _token_range(tokens, start: int, end: int) -> tuple[int, int]:
    first = next((i for i, t in enumerate(tokens) if t.end > start), len(tokens))
    last = first
    while last < len(tokens) and tokens[last].start < end:
        last += 1
    return first, last


# -- facts --------------------------------------------------------------------


def fact(kind: str, view: SentView, extractor: str, **args) -> Fact:
    """A Fact whose evidence is the sentence of ``view``."""
    s = view.sentence
    return Fact(kind=kind, args=tuple(args.items()),
                evidence=Evidence(s.start, s.end, s.text), extractor=extractor)


def case_of(view: SentView, ref: Ref) -> str | None:
    """Grammatical case of a mention: that of its syntactic head token."""
    tokens = view.tokens
    inside = range(ref.first, ref.last)
    for i in inside:
        if tokens[i].head not in inside:
            return tokens[i].feat("Case")
    return tokens[ref.first].feat("Case")


def preposition_before(view: SentView, ref: Ref) -> str | None:
    i = ref.first - 1
    if i >= 0 and view.tokens[i].pos == "ADP":
        return view.tokens[i].lemma
    return None


def cue_near(doc: "Doc", kind: str, view: SentView, first: int, last: int,
             window: int = 2) -> bool:
    """A cue of ``kind`` (from cues.tsv) within ``window`` tokens before [first, last) or in it."""
    return doc.cues.has(kind, view.tokens, max(0, first - window), last)


def _names_hold(entity: Entity, noun: str) -> bool:
    """Whether a word (a lemma) begins one of the words of the entity's names."""
    stem = noun[:-1] if len(noun) > 4 else noun
    return any(w.startswith(stem) for name in (entity.label, *entity.aliases)
               for w in name.lower().split())
