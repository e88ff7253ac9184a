"""Agreements: documents signed or adopted by organizations and states (``agreement`` facts).

One fact per real document per article: its kind (nominative: "меморандум", "дорожная
карта", "декларация" ...), date, place, parties, signatories and preparer. Cue words are in
``ontology/lexicon/agreements.tsv``.

Phrasings:
- a signing or adopting verb (kind ``sign``) with a document noun (kinds ``doc:...``) as its
  object or passive subject: "ОДКБ и ООН подписали меморандум", "было подписано соглашение",
  "лидеры приняли декларацию", "заключили соглашение", "скрепили подписями"; participles and
  relative clauses: "меморандум ..., подписанный в ноябре 2018 года", "декларацию, которую
  подписали ...", "Казахстан, который подписал соглашение"; nouns: "подписание договора",
  "подписи под документом поставили ...", "завершился принятием Банджульской декларации";
  coordinated documents each give a fact, a second verb without a subject shares the first
  one's ("подписали ..., а также утвердили ..."), and so does a report without one that
  adds to the sentence before ("Кроме того, был подписан договор");
- parties: subjects ("X и Y подписали", "российская и китайская стороны"), the document's
  genitive ("меморандум ОДКБ и ООН", "заявление лидеров ЕС"), "между X и Y", "с X",
  "государств - членов X", "у X действует соглашение", compound adjectives
  ("российско-китайское заявление"), officials named by post ("генеральными секретарями СНГ
  и ШОС"), "стороны" (the parties of the document told of before); else the organizations
  or states of the signers' posts (an official of a body signs for its organization);
  collective subjects ("лидеры стран БРИКС", "главы государств" at the article's
  organization) only when no signer says more;
- signatories: persons as subjects or agents, "вместе с X", "они" (the persons of the previous
  sentence), holders of a post named without a name (from the post facts), a list after a
  colon ("подписали президенты четырех стран: X (Уругвай), Y (Бразилия)"); a signer
  "председательствующий в X" or "X (Уругвай)" signs for that organization or state;
- date, most trusted first: in the verb's clause ("в среду", "в ноябре 2018 года",
  "накануне"), in the main clause of "..., когда ... подписали"; the date of the event it was
  signed at ("в рамках заседания", "на открытии саммита"; "в первый день": the day the event
  opened; not an event held elsewhere than the city the document is named after); the
  article's date for a report in the headline or subtitle; the one date of the sentence
  before in the paragraph when that names a party. Validity periods ("до 2030 года", "на
  2025-2026 годы") and entry into force are no dates of signing; else None;
- place: "в Москве", "там", "где", the city the document is named after ("Джиддская
  декларация", "Декларация Рио-де-Жанейро"), the place of the event; the dateline city for a
  document signed on the article's date;
- preparer: "подготовленный российской стороной", "проект которого подготовило индийское
  председательство", "разработанный Казахстаном", "был подготовлен комиссией", "проект
  документа, разработанный Бразилией";
- back-references: "Документ подписали ...", "Подписанный в среду документ" join the last
  document told of, also one named without a signing ("Соглашение ... между ЕАЭС и Ираном
  вступило в силу. Документ, подписанный 25 декабря 2023 года, ..."); reports of one kind
  whose parties and dates agree are one document (a month without a year agrees with the
  same month of a stated year; dates from a headline or the sentence before are not
  compared).
Not facts: negated or refused signing ("не подписали", "отказался подписать": the refuser is
no signatory; "завершилась без принятия декларации"), plans and hypotheticals (modal verbs,
infinitives, future tense, "бы", "если", "проект соглашения"), a statement made by one
("сделал заявление", "принял заявление об отставке"), counted documents ("около 20
документов"), a "программа" without parties, founding treaties given as a basis ("на основе
Договора", "Договор о создании"), the act an organization was founded by when it names no
other party ("было образовано, когда ... подписали", "ведет свою историю с ..., когда была
подписана"), and a document only named ("соглашение вступило в силу").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from kg.dates import lexicon as dates_lexicon
from kg.dates import tense_of
from kg.facts.base import ORG_CLASSES, Doc, SentView, fact, lexicon
from kg.facts.roles import load_roles
from kg.gazetteer import word_stem
from kg.iri import node_iri
from kg.phrases import fold
from kg.records import Fact
from kg.syntax.agreement import agrees

EXTRACTOR = "agreements"
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


class _Date(NamedTuple):
    value: str
    precision: str
    guessed: bool = False  # a day or month whose year is taken from the article date
    source: int = STATED


@dataclass(frozen=True)
class _Ent:
    """An entity (or a resolved "организация", "союз") at tokens [first, last)."""

    first: int
    last: int
    iri: str
    cls: str
    anaphor: bool = False


@dataclass(frozen=True)
class _DocNoun:
    """A document noun at tokens [first, last); kind None for "документ"."""

    first: int
    last: int
    head: int
    kind: str | None


@dataclass(frozen=True)
class _Seg:
    """A region of a sentence: a main clause without its embedded clauses, or one
    embedded clause (relative, participle, "когда", "где" ...)."""

    opener: str  # main, relative, participle, when, where, sub
    start: int
    tokens: frozenset


@dataclass
class _Report:
    """One report of a signed document in one sentence."""

    kind: str | None
    date: _Date | None
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
class _Agreement:
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

    def date(self) -> _Date | None:
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

    def accepts(self, r: _Report) -> bool:
        if r.kind != self.kind:
            return False
        if not all(_dates_agree(d, r.date) for d in self.dates):
            return False
        mine = set(self.explicit + self.strong + self.signer_parties)
        theirs = set(r.explicit + r.strong + r.signer_parties)
        return not mine or not theirs or mine <= theirs or theirs <= mine

    def add(self, r: _Report) -> None:
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


def _dates_agree(a: _Date | None, b: _Date | None) -> bool:
    """Dates are equal where both are precise ("2024-09" and "2024-09-25" agree); a guessed
    year ("в декабре" read against the article date) is not compared, nor is a date taken
    from the headline or the sentence before."""
    if not a or not b or {a.source, b.source} & {HEADLINE, CONTEXT}:
        return True
    x, y = a.value, b.value
    if a.guessed or b.guessed:
        x, y = x[5:], y[5:]
    return x.startswith(y) or y.startswith(x)


# -- entry point --------------------------------------------------------------------


def extract(doc: Doc, posts: list[Fact]) -> list[Fact]:
    lx = lexicon("agreements", doc.ctx)
    ctx = _Ctx(doc, lx, posts)
    agreements: list[_Agreement] = []
    mentions: list[_Report] = []  # documents told of without a signing
    refusers: set[tuple[str | None, str]] = set()
    last: _Agreement | None = None
    for view in doc.sentences:
        reported = set()
        for report, negative in _reports(ctx, view):
            reported.add(report.pos[1])
            if negative:
                refusers |= {(report.kind, p) for p in report.signers}
                continue
            if last is not None and last.last[0] == view.index - 1 and _additive(ctx, report):
                _share_subject(last, report, last.date(), last.places[0] if last.places else None)
            last = _file(agreements, mentions, report) or last
        mentions += _mentions(ctx, view, reported)
    for view in doc.sentences:
        _preparers(ctx, view, agreements)
    out = []
    for a in agreements:
        a.signers = [p for p in a.signers if (a.kind, p) not in refusers
                     and (None, p) not in refusers]
        if a.founding and set(a.parties()) <= set(a.founded) and not a.signers:
            continue  # the founding act of an organization: the founding extractor's
        if a.kind in _words("needs_party") and not a.parties():
            continue  # "одобрена программа оснащения": a plan, not an agreement
        out.append(_fact(ctx, a))
    return out


def _file(agreements: list[_Agreement], mentions: list[_Report],
          r: _Report) -> _Agreement | None:
    """Add a report to the document it reports, or start a new document; returns it."""
    if r.sides and not (r.explicit or r.strong or r.weak or r.signer_parties):
        told = _told(agreements, mentions, r.pos)
        if told is not None:
            r.strong = told.parties() if isinstance(told, _Agreement) else list(told.explicit)
    if r.kind is None:  # "документ": the last document told of before
        target = _told(agreements, mentions, r.pos)
        if isinstance(target, _Report):  # told of, and now we learn it was signed
            mentions.remove(target)
            target = _file(agreements, mentions, target)
        if target is None:
            return None
        r.kind = target.kind
        if not all(_dates_agree(d, r.date) for d in target.dates):
            return None
        target.add(r)
        return target
    for a in agreements:
        if a.accepts(r):
            a.add(r)
            return a
    a = _Agreement(kind=r.kind)
    a.add(r)
    agreements.append(a)
    return a


def _told(agreements: list[_Agreement], mentions: list[_Report], pos: tuple[int, int]):
    """The document told of last before ``pos`` (an agreement or a mention), if near."""
    near = [(a.last, a) for a in agreements if a.last < pos]
    near += [(m.pos, m) for m in mentions if m.pos < pos]
    near = [(p, x) for p, x in near if pos[0] - p[0] <= BACK_SENTENCES]
    return max(near, key=lambda x: x[0])[1] if near else None


def _mentions(ctx: "_Ctx", view: SentView, reported: set[int]) -> list[_Report]:
    """Documents named as the subject of a sentence that tells no signing ("Соглашение о
    свободной торговле между ЕАЭС и Ираном вступило в силу"): a later "Документ, подписанный
    ..." or "стороны" refers to them. They carry no date (entry into force is no signing)."""
    out = []
    for d in _documents(ctx, view):
        t = view.tokens[d.head]
        if d.kind is None or d.head in reported or t.feat("Case") != "Nom" or \
                not t.rel.startswith("nsubj") or _excluded(ctx, view, d):
            continue
        r = _Report(kind=d.kind, date=None, place=None, view=view, pos=(view.index, d.head))
        _np_parties(ctx, view, d, _noun_phrase(view, d, ctx.seg_of(view, d.head), -1), r)
        r.explicit += _compound_parties(ctx, view, d)
        out.append(r)
    return out


def _additive(ctx: "_Ctx", r: _Report) -> bool:
    """"Кроме того, был подписан договор": a report without signers or parties of its own
    that adds to the one before."""
    if r.explicit or r.strong or r.weak or r.signers or r.view is None or \
            r.kind in _words("needs_party"):
        return False  # a "программа" needs parties of its own
    view = r.view
    seg = ctx.seg_of(view, r.pos[1])
    return seg.opener == "main" and any(ctx.has("additive", view, k) for k in seg.tokens)


def _fact(ctx: "_Ctx", a: _Agreement) -> Fact:
    doc = ctx.doc
    parties = a.parties()
    date = a.date()
    value = date.value if date else None
    year = value[:4] if value else ""
    place = a.places[0] if a.places else None
    if place is None and value and value == doc.article.date:
        place = ctx.dateline_iri()
    names = []
    for iri in parties:
        entity = doc.entity_by_iri(iri)
        names.append(entity.label if entity else iri.rsplit("/", 1)[-1])
    label = a.kind + (" " + "–".join(names) if names else "")
    return fact("agreement", a.view, EXTRACTOR,
                document=node_iri("agreement", a.kind, *sorted(parties), year),
                document_kind=a.kind, date=value, place=place, party=tuple(parties),
                signatory=tuple(a.signers), preparer=a.preparer, label=label)


# -- shared per-article state --------------------------------------------------------


class _Ctx:
    def __init__(self, doc: Doc, lx, posts: list[Fact]) -> None:
        self.doc = doc
        self.lx = lx
        self.roles = load_roles(doc.ctx.models.morph_vocab)
        self.orgs_of: dict[str, list[str]] = {}
        self.holders: dict[tuple[str, str], list[str]] = {}
        for p in posts:
            person, role, org = p.get("person"), p.get("role"), p.get("organization")
            if person and org:
                self.orgs_of.setdefault(person, []).append(org)
                self.holders.setdefault((role, org), []).append(person)
        self._segs: dict[int, list[_Seg]] = {}
        self._ents: dict[int, list[_Ent]] = {}
        self._docs: dict[int, tuple[_DocNoun, ...]] = {}
        self.doc_kinds = [k for k in lx.kinds() if k.startswith("doc:") or k == "generic"]

    def has(self, kind: str, view: SentView, i: int) -> bool:
        """Token ``i`` is (the start of) a cue of ``kind``."""
        matcher = self.lx.matchers.get(kind)
        return matcher is not None and 0 <= i < len(view.tokens) and \
            matcher.match_at(view.tokens, i) is not None

    def ends_at(self, kind: str, view: SentView, i: int, span: int = 4) -> bool:
        """A cue of ``kind`` ends right before token ``i``."""
        return any(b == i for _, b in self.lx.find(kind, view.tokens, max(0, i - span), i))

    def segs(self, view: SentView) -> list[_Seg]:
        if view.index not in self._segs:
            self._segs[view.index] = _segments(self, view)
        return self._segs[view.index]

    def seg_of(self, view: SentView, i: int) -> _Seg:
        for seg in self.segs(view):
            if i in seg.tokens:
                return seg
        return _Seg("main", 0, frozenset(range(len(view.tokens))))

    def ents(self, view: SentView) -> list[_Ent]:
        if view.index not in self._ents:
            self._ents[view.index] = _entities(self, view)
        return self._ents[view.index]

    def dateline_iri(self) -> str | None:
        city = self.doc.article.dateline_city
        if not city:
            return None
        folded = city.lower()
        for e in self.doc.entities:
            if e.cls in PLACE_CLASSES and (e.label.lower() == folded
                                           or folded in (x.lower() for x in e.aliases)):
                return e.iri
        return None


def _entities(ctx: _Ctx, view: SentView) -> list[_Ent]:
    """The sentence's mentions, plus "организация", "союз" ... resolved to an organization."""
    toks = view.tokens
    roles = {a for a, _, _ in ctx.roles.match(toks)}
    out = []
    for r in view.refs:
        if r.cls in ORG_CLASSES and r.first in roles:
            continue  # "Главы государств": a post, not an organization
        if r.cls == "GovernmentBody" and r.entity.parent:
            out.append(_Ent(r.first, r.last, r.entity.parent, "State"))  # МИД Армении
        else:
            out.append(_Ent(r.first, r.last, r.iri, r.cls))
    surnames = {e.label.split()[-1]: e for e in ctx.doc.entities if e.cls == "Person"}
    for i, t in enumerate(toks):
        if view.ref_at(i) is not None:
            continue
        named = view.ref_starting(i + 1)
        if t.pos == "NOUN" and t.feat("Number") != "Plur" and not (
                named and named.cls in ORG_CLASSES):  # "секретариат АСЕАН" names its org
            general = ctx.doc.cues.has("org_anaphor", toks, i, i + 1)
            if general or ctx.lx.has("body_anaphor", toks, i, i + 1):
                iri, by_name = _anaphor(ctx.doc, t.lemma, t.start, fallback=general)
                if iri:
                    out.append(_Ent(i, i + 1, iri, "InternationalOrganization",
                                    anaphor=not by_name))
        elif t.pos == "PROPN" and t.text in surnames:  # a surname the resolver left alone
            out.append(_Ent(i, i + 1, surnames[t.text].iri, "Person"))
    return sorted(out, key=lambda e: e.first)


def _anaphor(doc: Doc, lemma: str, offset: int, fallback: bool) -> tuple[str | None, bool]:
    """The organization an "организация", "союз", "комиссия" refers to: the last one mentioned
    whose name has that word, else (when ``fallback``) the article's main organization.
    Returns (IRI, found by its name)."""
    best = None
    for e in doc.entities:
        if e.cls not in ("InternationalOrganization", "OrganizationBody"):
            continue
        if not any(lemma in name.lower().split() for name in (e.label, *e.aliases)):
            continue
        earlier = [s for s, _ in e.mentions if s < offset]
        if earlier and (best is None or max(earlier) > best[0]):
            best = (max(earlier), e.iri)
    if best:
        return best[1], True
    main = doc.main_org() if fallback else None
    return (main.iri if main else None), False


# -- clauses -----------------------------------------------------------------------


def _segments(ctx: _Ctx, view: SentView) -> list[_Seg]:
    toks = view.tokens
    out = []
    for a, b in _clauses(view):
        embedded = []
        i = a
        while i < b:
            if toks[i].text == "," and i + 1 < b:
                opener = _opener(ctx, view, i + 1, b)
                if opener:
                    end = _embedded_end(view, i + 1, b)
                    embedded.append((opener, i + 1, end))
                    i = end
                    continue
            i += 1
        inner = {k for _, s, e in embedded for k in range(s, e)}
        out.append(_Seg("main", a, frozenset(set(range(a, b)) - inner)))
        out.extend(_Seg(o, s, frozenset(range(s, e))) for o, s, e in embedded)
    return out


def _clauses(view: SentView) -> list[tuple[int, int]]:
    """The sentence's clauses, also split at a colon that opens a clause (not a list of
    names: "подписали президенты четырех стран: X (Уругвай), Y (Бразилия) ...")."""
    toks = view.tokens
    out = []
    for a, b in view.clauses():
        cuts = [a] + [k + 1 for k in range(a, b) if toks[k].text == ":" and any(
            t.pos in ("VERB", "AUX") for t in toks[k + 1:b])] + [b]
        out.extend((x, y) for x, y in zip(cuts, cuts[1:]) if y > x)
    return out


def _opener(ctx: _Ctx, view: SentView, j: int, end: int) -> str | None:
    toks = view.tokens
    t = toks[j]
    for k in range(j, min(j + 3, end)):
        if ctx.has("relative", view, k):
            return "relative"
        if toks[k].pos not in NOMINAL | {"ADP"} | MODIFIER:
            break
    if ctx.has("when", view, j):
        return "when"
    if ctx.has("where", view, j):
        return "where"
    if t.pos == "SCONJ" or (ctx.has("subordinate", view, j) and t.pos != "PRON"):
        return "sub"
    nxt = toks[j + 1] if j + 1 < end else None
    if _participle(t) or (t.pos == "ADV" and nxt is not None and _participle(nxt)):
        return "participle"
    if t.feat("VerbForm") == "Conv":
        return "participle"
    return None


def _participle(t) -> bool:
    return t.feat("VerbForm") == "Part" and t.feat("Variant") != "Short"


def _embedded_end(view: SentView, j: int, end: int) -> int:
    """An embedded clause runs to the next comma, unless the comma continues a list of names."""
    toks = view.tokens
    for k in range(j + 1, end):
        if toks[k].text == ",":
            before, after = view.ref_at(k - 1), view.ref_starting(k + 1)
            if before and after and before.cls == after.cls:
                continue
            if not any(t.pos in ("VERB", "AUX") for t in toks[j:k]):
                continue  # "в которой, в частности, призвали": no verb yet
            return k
    return end


# -- documents and the verbs that sign them ----------------------------------------------


def _documents(ctx: _Ctx, view: SentView) -> tuple[_DocNoun, ...]:
    """The document nouns of a sentence, in order (computed once per sentence)."""
    if view.index not in ctx._docs:
        ctx._docs[view.index] = tuple(_find_documents(ctx, view))
    return ctx._docs[view.index]


def _find_documents(ctx: _Ctx, view: SentView) -> list[_DocNoun]:
    toks = view.tokens
    out = []
    for kind in ctx.doc_kinds:
        for a, b in ctx.lx.find(kind, toks):
            if any(view.ref_at(i) for i in range(a, b)):
                continue  # part of a name: "Организация Договора о коллективной безопасности"
            head = next((i for i in range(a, b) if toks[i].pos in NOMINAL), b - 1)
            k = a - 1
            while k >= 0 and toks[k].pos in ("ADJ", "DET"):
                k -= 1
            counted = k >= 0 and (toks[k].pos == "NUM" or toks[k].lemma in _words("count"))
            if counted or (kind == "generic" and toks[head].feat("Number") == "Plur"):
                continue  # "около 20 документов", "28 союзных программ": not one document
            out.append(_DocNoun(a, b, head, kind[4:] if kind != "generic" else None))
    return sorted(out, key=lambda d: d.first)


def _reports(ctx: _Ctx, view: SentView):
    """(report, negative) for each document signed (or refused) in the sentence."""
    docs = _documents(ctx, view)
    if not docs:
        return
    toks = view.tokens
    first = None  # the first report of a main clause: "X подписали A, а также утвердили B"
    verbs = [(v, False) for v, _ in ctx.lx.find("sign", toks)]
    verbs += [(v, True) for v, _ in ctx.lx.find("sign_under", toks)]
    for v, under in sorted(verbs):
        seg = ctx.seg_of(view, v)
        linked = _under(view, seg, docs) if under else _linked(ctx, view, v, seg, docs)
        if not linked:
            continue
        if any(ctx.has("idiom", view, k) for k in seg.tokens if k > v):
            continue  # "принял к сведению"
        negative = not _factual(ctx, view, v, seg)
        for d in linked:
            if _excluded(ctx, view, d):
                continue
            r = _report(ctx, view, v, seg, d)
            if seg.opener == "main" and not negative:
                if first is None:
                    first = r
                elif not (r.explicit or r.strong or r.weak or r.signers
                          or _subject_before(view, seg, v)):
                    _share_subject(first, r, first.date, first.place)
            if d.kind in _words("joint_kind") and not _joint(ctx, view, v, d, r):
                continue  # "сделал заявление", "принял заявление об отставке"
            yield r, negative


def _subject_before(view: SentView, seg: _Seg, v: int) -> bool:
    return any(view.tokens[k].feat("Case") == "Nom" and view.tokens[k].pos in NOMINAL | {"PRON"}
               for k in seg.tokens if k < v)


def _share_subject(first, r: _Report, date: _Date | None, place: str | None) -> None:
    """A report without a subject shares the signers and parties of the one before (a
    report or a document), and its date and place when it has none."""
    r.explicit, r.strong, r.weak = list(first.explicit), list(first.strong), list(first.weak)
    r.signers, r.signer_parties = list(first.signers), list(first.signer_parties)
    r.date = r.date or date
    r.place = r.place or place


def _joint(ctx: _Ctx, view: SentView, v: int, d: _DocNoun, r: _Report) -> bool:
    """A statement is a document only when adopted jointly: "совместное заявление", a plural
    or passive verb, or two parties or signers."""
    k = d.first - 1
    while k >= 0 and view.tokens[k].pos in MODIFIER:
        if ctx.has("joint", view, k):
            return True
        k -= 1
    t = view.tokens[v]
    if t.feat("Number") == "Plur" or t.feat("Voice") == "Pass" or t.pos == "NOUN":
        return True
    return len(set(r.explicit + r.strong + r.signer_parties + r.weak)) >= 2 or \
        len(r.signers) >= 2


def _under(view: SentView, seg: _Seg, docs: list[_DocNoun]) -> list[_DocNoun]:
    """"поставили подписи под документом": the document after "под"."""
    out = []
    for d in docs:
        k = _skip_left(view, d.first - 1)
        if d.head in seg.tokens and k >= 0 and view.tokens[k].lemma in _words("under"):
            out.append(d)
    return out


def _linked(ctx: _Ctx, view: SentView, v: int, seg: _Seg, docs: list[_DocNoun],
            draft_ok: bool = False) -> list[_DocNoun]:
    """The documents the verb (or noun) at ``v`` signs."""
    toks = view.tokens
    t = toks[v]
    if t.pos == "NOUN":  # "подписание договора", "принятие декларации"
        return [d for d in docs if 0 < d.first - v <= 2 and toks[d.head].feat("Case") in
                ("Gen", None) and all(_modifier(toks[k]) for k in range(v + 1, d.first))]
    if _participle(t):
        for d in docs:
            if t.head == d.head and agrees(t, toks[d.head], with_case=True):
                return [d]
        if seg.opener == "participle" and seg.start in (v, v - 1):
            ante = _antecedent(ctx, view, seg.start, docs, t, with_case=True)
            return [ante] if ante else []
        after = [d for d in docs if d.first > v and d.head in seg.tokens
                 and agrees(t, toks[d.head], with_case=True)]
        if after:
            return after[:1]
        if seg.opener == "participle":
            return []
        # a participle that modifies no document: read it as a finite verb (tagger slips)
    found = [d for d in docs if d.head in seg.tokens and _object_like(ctx, view, d, draft_ok)]
    if seg.opener == "relative":
        rel = toks[next((k for k in sorted(seg.tokens) if ctx.has("relative", view, k)),
                        seg.start)]
        if found and rel.feat("Case") == "Nom" and t.feat("Voice") != "Pass":
            return found  # "Казахстан, который подписал соглашение": "который" signs
        ante = next((d for d in docs if t.rel == "acl:relcl" and d.head == t.head
                     and agrees(rel, toks[d.head])), None)
        ante = ante or _antecedent(ctx, view, seg.start, docs, rel)
        if ante is not None:
            found.insert(0, ante)
    return found


def _object_like(ctx: _Ctx, view: SentView, d: _DocNoun, draft_ok: bool) -> bool:
    """A document in the nominative or accusative, not inside a prepositional phrase
    (or "проект документа" when ``draft_ok``)."""
    toks = view.tokens
    case = toks[d.head].feat("Case")
    k = _skip_left(view, d.first - 1)
    if draft_ok and case == "Gen" and k >= 0 and ctx.has("draft", view, k):
        case = toks[k].feat("Case")
        k = _skip_left(view, k - 1)
    if case not in ("Nom", "Acc", None):
        return False
    return not (k >= 0 and toks[k].pos == "ADP")


def _modifier(t) -> bool:
    """An adjective, determiner or numeral, also a name used as one ("Банджульской")."""
    return t.pos in MODIFIER or t.rel == "amod"


def _skip_left(view: SentView, k: int) -> int:
    toks = view.tokens
    while k >= 0 and (toks[k].pos in MODIFIER or toks[k].text in ('"', "«", "»")):
        k -= 1
    return k


def _antecedent(ctx: _Ctx, view: SentView, start: int, docs: list[_DocNoun], word,
                with_case=False):
    """The noun a "который" or a participle after a comma refers to: the nearest noun before
    it that agrees (names of organizations and participle phrases between skipped:
    "соглашение, ведущее к образованию зоны ..., которое"); a document (also by its draft:
    "проект документа, разработанный ...") or nothing."""
    toks = view.tokens
    between = {k for seg in ctx.segs(view) if seg.opener == "participle" and seg.start < start
               for k in seg.tokens}
    for k in range(start - 1, -1, -1):
        t = toks[k]
        if t.text in (";",) or view.ref_at(k) is not None or t.pos not in NOMINAL or \
                k in between:
            continue
        if agrees(word, t, with_case):
            return next((d for d in docs if d.head == k or (
                ctx.has("draft", view, k) and _skip_left(view, d.first - 1) == k)), None)
    return None


def _excluded(ctx: _Ctx, view: SentView, d: _DocNoun) -> bool:
    """A draft ("проект соглашения"), a basis ("на основе Договора"), a founding treaty
    ("Договор о создании ...")."""
    k = _skip_left(view, d.first - 1)
    if k >= 0 and ctx.has("draft", view, k):
        return True
    for a, b in ctx.lx.find("basis", view.tokens, max(0, d.first - 8), d.first):
        between = view.tokens[b:d.first]
        if not any(t.text == "," or (t.pos in ("VERB", "AUX") and t.feat("VerbForm") == "Fin")
                   for t in between):
            return True  # "на основе (подписанного в тот же день) Договора"
    return ctx.has("founding_topic", view, d.last)


def _factual(ctx: _Ctx, view: SentView, v: int, seg: _Seg) -> bool:
    """The signing happened: not negated, refused, planned, hypothetical or future."""
    toks = view.tokens
    doc = ctx.doc
    t = toks[v]
    if t.feat("Mood") == "Cnd":
        return False
    if any(ctx.has("unreal", view, k) for k in seg.tokens):
        return False
    window = [k for k in range(max(0, v - 3), v) if k in seg.tokens]
    for k in window:
        if (doc.cues.has("negation", toks, k, k + 1) or ctx.has("modal", view, k)
                or (doc.cues.has("hypothetical", toks, k, k + 1)
                    and not ctx.has("draft", view, k))):
            return False
        if toks[k].lemma == "быть" and toks[k].feat("Tense") in ("Fut", "Pres"):
            return False  # "будет подписан"
    if v + 1 < len(toks) and toks[v + 1].feat("Polarity") == "Neg":
        return False  # "подписан не был"
    if t.feat("Tense") == "Fut":
        return False
    if (t.feat("VerbForm") == "Fin" and t.feat("Aspect") == "Perf"
            and t.feat("Tense") == "Pres"):
        return False  # "подпишут"
    if t.feat("VerbForm") == "Inf":
        if t.head < 0 or not ctx.has("factive", view, t.head):
            return False  # "планируют подписать", "предложил разработать"
        return _factual(ctx, view, t.head, seg)
    if t.pos == "NOUN":
        if ctx.ends_at("absent", view, v):
            return False  # "завершилась без принятия декларации"
        for k in seg.tokens:
            u = toks[k]
            if u.pos in ("VERB", "AUX") and (u.feat("Tense") == "Fut" or (
                    u.feat("VerbForm") == "Fin" and u.feat("Aspect") == "Perf"
                    and u.feat("Tense") == "Pres")):
                return False
            if doc.cues.has("hypothetical", toks, k, k + 1) or ctx.has("modal", view, k):
                return False
    return True


# -- one report: parties, signers, date, place -----------------------------------------


def _report(ctx: _Ctx, view: SentView, v: int, seg: _Seg, d: _DocNoun) -> _Report:
    home = ctx.seg_of(view, d.head)
    np = _noun_phrase(view, d, home, v)
    zone = [k for k in sorted(seg.tokens) if k not in np and k != v]
    named = _named_place(ctx, view, d)
    date, event_place = _date(ctx, view, v, seg, named)
    r = _Report(kind=d.kind, date=date, view=view, pos=(view.index, d.head),
                place=named or _place(ctx, view, v, seg, zone) or event_place)
    _np_parties(ctx, view, d, np, r)
    r.explicit += _compound_parties(ctx, view, d)
    _zone_parties(ctx, view, zone, r)
    if seg.opener == "relative":
        _relative_subject(ctx, view, seg, r)
    if home is not seg:
        _holder(ctx, view, home, np, r)
    for k, _ in ctx.lx.find("founding", view.tokens):
        if k not in np:
            r.founding = True  # "ООН основана ..., когда вступил в силу Устав"
            r.founded += [e.iri for e in ctx.ents(view) if e.cls in PARTY_CLASSES
                          and e.first in ctx.seg_of(view, k).tokens]
    r.date = r.date or _context_date(ctx, view, r)
    return r


def _noun_phrase(view: SentView, d: _DocNoun, seg: _Seg, v: int, left: bool = True) -> set[int]:
    """The document's tokens, a participle phrase before it ("подготовленную российской
    стороной дорожную карту") and the words after it that belong to it."""
    toks = view.tokens
    out = set(range(d.first, d.last))
    for j in range(d.first - 1, max(-1, d.first - 8) if left else d.first - 1, -1):
        t = toks[j]
        if t.text in (",", ";", ":") or (t.pos in ("VERB", "AUX") and not _participle(t)):
            break
        if _participle(t) and agrees(t, toks[d.head], with_case=True):
            out |= set(range(j, d.first))
            break
    k = d.last
    while k < len(toks) and k in seg.tokens and k != v:
        t = toks[k]
        if t.pos in ("VERB", "AUX", "PUNCT") and t.text not in ("-", "–", "—", "(", ")"):
            break
        ref = view.ref_at(k)
        if ref is not None and ref.cls == "Person":
            break
        if ref is None and t.pos in NOMINAL | {"ADJ"} and t.feat("Case") == "Nom" and (
                k == 0 or toks[k - 1].pos != "ADP"):
            break  # a new subject: "подписали договор президенты ..."
        out.add(k)
        k += 1
    return out


def _governor(view: SentView, first: int, stop: int = -1) -> tuple[str | None, int | None]:
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
            elif ref is None and (t.text in LIST_TEXTS or t.pos in MODIFIER or t.pos == "CCONJ"):
                k -= 1
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
            j = _skip_left(view, k - 1)
            return (toks[j].lemma if j >= 0 and toks[j].pos == "ADP" else None), head
        return None, head
    return None, (stop if stop >= 0 else head)


def _np_parties(ctx: _Ctx, view: SentView, d: _DocNoun, np: set[int], r: _Report) -> None:
    """"меморандум ОДКБ и ООН", "между X и Y", "соглашение с X", "государств - членов X"."""
    toks = view.tokens
    for e in ctx.ents(view):
        if e.cls not in PARTY_CLASSES or e.first < d.last or e.first not in np:
            continue
        prep, head = _governor(view, e.first, stop=d.head)
        if prep is None and head == d.head:
            r.explicit.append(e.iri)
        elif prep in _words("party_prep") and not ctx.ends_at(
                "compound_prep", view, _prep_index(view, e.first) + 1):
            r.explicit.append(e.iri)  # "между X и Y", "с X"; not "в связи с X"
        else:
            k = e.first - 1
            while k >= 0 and toks[k].text in ("-", "–", "—"):
                k -= 1
            if k >= 0 and ctx.has("member", view, k):
                r.weak.append(e.iri)


_WORDS: dict[str, frozenset] = {}


def _words(kind: str) -> frozenset:
    """Single-word forms of a lexicon kind."""
    if kind not in _WORDS:
        from kg.gazetteer import read_tsv
        from kg.paths import LEXICON_DIR

        rows = read_tsv(LEXICON_DIR / "agreements.tsv")
        _WORDS[kind] = frozenset(f.strip() for row in rows if row["kind"] == kind
                                 for f in row["forms"].split("|") if " " not in f.strip())
    return _WORDS[kind]


def _relative_subject(ctx: _Ctx, view: SentView, seg: _Seg, r: _Report) -> None:
    """"Казахстан, который подписал соглашение": the name before "который" signs."""
    rel = next((k for k in sorted(seg.tokens) if ctx.has("relative", view, k)), None)
    if rel is None or view.tokens[rel].feat("Case") != "Nom":
        return
    before = next((e for e in ctx.ents(view) if e.last == seg.start - 1), None)
    if before is None or not agrees(view.tokens[rel], view.tokens[before.last - 1]):
        return
    if before.cls == "Person":
        r.signers.append(before.iri)
        org, _ = _signer_org(ctx, view, before)
        if org:
            r.signer_parties.append(org)
    elif before.cls in PARTY_CLASSES:
        r.strong.append(before.iri)


def _holder(ctx: _Ctx, view: SentView, home: _Seg, np: set[int], r: _Report) -> None:
    """"У союза действует соглашение с Вьетнамом": the holder is a party."""
    for e in ctx.ents(view):
        if e.first in home.tokens and e.first not in np and e.cls in PARTY_CLASSES:
            prep, head = _governor(view, e.first)
            if prep in _words("holder_prep") and head is None:
                r.strong.append(e.iri)


def _zone_parties(ctx: _Ctx, view: SentView, zone: list[int], r: _Report) -> None:
    """Subjects and agents: persons (signers), organizations and states (parties)."""
    toks = view.tokens
    inside = set(zone)
    posts_used = set()
    for e in ctx.ents(view):
        if e.first not in inside or e.cls != "Person":
            continue
        if not _subject_like(ctx, view, e):
            continue
        r.signers.append(e.iri)
        org, used = _signer_org(ctx, view, e)
        if used is not None:
            posts_used.add(used)
        if org:
            r.signer_parties.append(org)
    governed = []
    for e in ctx.ents(view):
        if e.first not in inside or e.cls not in PARTY_CLASSES or e.first in posts_used:
            continue
        if toks[e.first].pos == "ADJ":  # "российская сторона" signs, "российский газ" does not
            if _side_after(ctx, view, e.last):
                r.strong.append(e.iri)
            continue
        prep, head = _governor(view, e.first)
        if prep is not None and not ctx.ends_at("comitative", view, _prep_index(view, e.first) + 1):
            continue
        governed.append((e, prep, head))
    for e, prep, head in governed:
        if prep is not None or head is None:
            r.strong.append(e.iri)
        elif _role_at(ctx, view, head) and not _collective(view, head, governed):
            r.strong.append(e.iri)  # "генеральные секретари СНГ и ШОС", "президент России"
        else:
            r.weak.append(e.iri)  # "лидеры стран БРИКС", "участники саммита G20"
    for k in zone:
        if ctx.has("they", view, k) and toks[k].pos == "PRON" and view.index > 0 and \
                toks[k].feat("Case") in ("Nom", None):
            before = ctx.doc.sentences[view.index - 1]
            for e in ctx.ents(before):
                if e.cls == "Person" and e.iri not in r.signers:
                    r.signers.append(e.iri)
                    org, _ = _signer_org(ctx, before, e)
                    if org:
                        r.signer_parties.append(org)
        elif ctx.has("side", view, k) and toks[k].feat("Number") == "Plur" and \
                toks[k].feat("Case") in ("Nom", None) and (k == 0 or toks[k - 1].pos != "ADJ"):
            r.sides = True  # "стороны заключили": the parties of the document told of
    _role_signers(ctx, view, zone, r)
    if not (r.explicit or r.strong or r.weak or r.signers):
        _collective_subject(ctx, view, zone, r)


def _collective_subject(ctx: _Ctx, view: SentView, zone: list[int], r: _Report) -> None:
    """"главы государств приняли декларацию", "лидеры подписали": the leaders of the members
    of the article's organization (its summit); not "лидеры двух стран"."""
    toks = view.tokens
    main = ctx.doc.main_org()
    if main is None:
        return
    for k in zone:
        t = toks[k]
        if t.pos != "NOUN" or t.feat("Number") != "Plur" or t.feat("Case") not in ("Nom", "Ins"):
            continue
        if not (_role_at(ctx, view, k) or ctx.has("collective", view, k)):
            continue
        j = _skip_left(view, k - 1)
        if j >= 0 and toks[j].pos == "ADP":
            continue  # "в присутствии лидеров"
        if any(toks[j].pos == "NUM" for j in range(k + 1, min(len(toks), k + 4))):
            continue
        r.weak.append(main.iri)
        return


def _side_after(ctx: _Ctx, view: SentView, k: int) -> bool:
    """"российская (и китайская) сторона/стороны" in the nominative."""
    toks = view.tokens
    while k < len(toks) and (toks[k].text in LIST_TEXTS or toks[k].pos == "ADJ"):
        k += 1
    return k < len(toks) and ctx.has("side", view, k) and toks[k].feat("Case") == "Nom"


def _compound_parties(ctx: _Ctx, view: SentView, d: _DocNoun) -> list[str]:
    """"российско-китайское заявление", "российско-белорусский договор": the states named by
    a compound adjective of the document."""
    toks = view.tokens
    out = []
    k = d.first - 1
    while k >= 0 and toks[k].pos in ("ADJ", "DET"):
        parts = toks[k].lemma.split("-")
        if len(parts) > 1:
            for part in parts:
                for form in (part, part[:-1] + "ий", part[:-1] + "ский"):
                    entry = ctx.doc.gazetteer.adjective(form)
                    if entry is not None and entry.cls == "State":
                        out.append(ctx.doc.state_entity(entry).iri)
                        break
        k -= 1
    return out


def _collective(view: SentView, head: int, governed: list) -> bool:
    """"Лидеры ЕАЭС": many holders of a post in one organization stand for its members."""
    if view.tokens[head].feat("Number") != "Plur":
        return False
    return sum(1 for _, _, h in governed if h == head) == 1


def _prep_index(view: SentView, first: int) -> int:
    k = first - 1
    while k >= 0 and view.tokens[k].pos != "ADP":
        k -= 1
    return k


def _subject_like(ctx: _Ctx, view: SentView, e: _Ent) -> bool:
    """A person who signs: a subject or agent, or "вместе с X"; not the speaker of a
    "сообщил Моди" nor a name inside another phrase."""
    toks = view.tokens
    case = toks[e.first].feat("Case")
    prep, head = _governor(view, e.first)
    if head is not None:
        return False
    if prep is not None:
        return ctx.ends_at("comitative", view, _prep_index(view, e.first) + 1)
    if case in ("Gen", "Dat", "Loc"):
        return False
    for k in (e.first - 1, e.last):
        if 0 <= k < len(toks) and ctx.has("speech", view, k):
            return False
    h = toks[e.first].head
    return not (0 <= h < len(toks) and ctx.has("speech", view, h))


def _signer_org(ctx: _Ctx, view: SentView, e: _Ent) -> tuple[str | None, int | None]:
    """The organization or state a signer signs for, and the token of the name of it
    used with the person (a post: "премьер-министр Швеции Ульф Кристерссон"; "Луис Арсе
    (Боливия)")."""
    toks = view.tokens
    k = e.first - 1
    while k >= 0 and toks[k].text in ("-", "–", "—"):
        k -= 1
    local = next((x for x in ctx.ents(view) if x.last == k + 1 and x.cls in PARTY_CLASSES),
                 None)
    if local is None and e.last < len(toks) and toks[e.last].text == "(":
        local = next((x for x in ctx.ents(view) if x.first == e.last + 1
                      and x.cls in PARTY_CLASSES and x.last < len(toks)
                      and toks[x.last].text == ")"), None)
    used = local.first if local else None
    acting = _acting_for(ctx, view, e)
    if acting:
        return _whole(ctx, acting), used
    here = {x.iri for x in ctx.ents(view)}
    orgs = ctx.orgs_of.get(e.iri, [])
    for org in orgs:
        if org in here:
            return _whole(ctx, org), used
    if local:
        return _whole(ctx, local.iri), used
    return (_whole(ctx, orgs[0]) if orgs else None), used


def _whole(ctx: _Ctx, iri: str) -> str:
    """An official of a body signs for its organization (Еврокомиссия -> ЕС)."""
    entity = ctx.doc.entity_by_iri(iri)
    if entity is not None and entity.cls == "OrganizationBody" and entity.parent:
        return entity.parent
    return iri


def _acting_for(ctx: _Ctx, view: SentView, e: _Ent) -> str | None:
    """"X, председательствующий в ассоциации": X signs for that organization."""
    toks = view.tokens
    k = e.last
    if k < len(toks) and toks[k].text == ",":
        k += 1
    for a, b in ctx.lx.find("acting", toks, k, min(len(toks), k + 3)):
        if a != k:
            continue
        org = next((x for x in ctx.ents(view) if b <= x.first <= b + 1
                    and x.cls in ORG_CLASSES), None)
        return org.iri if org else None
    return None


def _role_at(ctx: _Ctx, view: SentView, k: int):
    for a, b, role in ctx.roles.match(view.tokens, max(0, k - 3), min(len(view.tokens), k + 3)):
        if a <= k < b:
            return role
    return None


def _role_signers(ctx: _Ctx, view: SentView, zone: list[int], r: _Report) -> None:
    """"генеральными секретарями СНГ, ШОС и ОДКБ": the holders of those posts."""
    toks = view.tokens
    inside = set(zone)
    for a, b, role in ctx.roles.match(toks):
        if a not in inside:
            continue
        k = b
        orgs = []
        while k < len(toks):
            x = next((e for e in ctx.ents(view) if e.first == k), None)
            if x is not None and x.cls in PARTY_CLASSES:
                orgs.append(x.iri)
                k = x.last
            elif toks[k].text in LIST_TEXTS:
                k += 1
            else:
                break
        named = any(e.first == k and e.cls == "Person" for e in ctx.ents(view))
        if not orgs or named or (len(orgs) == 1 and toks[a].feat("Number") == "Plur"):
            continue  # "лидеры СНГ": the members' leaders, not holders of a post in it
        if toks[a].feat("Case") not in ("Nom", "Ins", None):
            continue
        for org in orgs:
            for person in ctx.holders.get((role.label, org), []):
                if person not in r.signers:
                    r.signers.append(person)
                    r.signer_parties.append(org)


# -- date and place -------------------------------------------------------------------


def _date(ctx: _Ctx, view: SentView, v: int, seg: _Seg, place: str | None = None):
    """(date, place of the event) of a signing: a date of its clause, of the main clause
    ("..., когда ... подписали"), the article's date in a headline, or the date of the event
    it happened at (held at ``place`` when the document is named after one)."""
    found = _dates_in(ctx, view, seg.tokens)
    if found:
        return min(found, key=lambda x: abs(x[0] - v))[1], None
    if seg.opener == "when":
        main = ctx.seg_of(view, max(0, seg.start - 2))
        found = [x for x in _dates_in(ctx, view, main.tokens) if x[0] < seg.start]
        if found:
            return found[-1][1], None
    article = ctx.doc.article.date
    if view.sentence.block in HEADLINES and article:
        return _Date(article, "day", source=HEADLINE), None  # a headline tells the day's news
    lemmas = _events_in(ctx, view, seg)
    starts = any(ctx.has("event_start", view, k) for k in seg.tokens)
    if lemmas or starts:
        return _event_date(ctx, view, lemmas, opening=starts, place=place)
    they = any(ctx.has("they", view, k) and view.tokens[k].pos == "PRON" for k in seg.tokens)
    if they and view.index > 0:  # "они подписали": the people of the event just told
        before = ctx.doc.sentences[view.index - 1]
        lemmas = set().union(*(_events_in(ctx, before, x) for x in ctx.segs(before)))
        if lemmas:
            return _event_date(ctx, view, lemmas, place=place)
    return None, None


def _dates_in(ctx: _Ctx, view: SentView, tokens) -> list[tuple[int, _Date]]:
    """(token, date) of each date of signing among ``tokens``."""
    toks = view.tokens
    out = []
    for d in view.dates:
        k = view.token_index(d.start)
        if k not in tokens or d.kind != "point":
            continue
        block = _words("date_block")
        if d.text.split()[0].lower() in block:
            continue  # "до 2030 года", "с 1 января"
        j = k - 1
        if j >= 0 and (toks[j].lemma in block or toks[j].text.lower() in block):
            continue  # "на 2025-2026 годы", "до 2045 года"
        out.append((k, _Date(d.value, d.precision, _guessed_year(d))))
    return sorted(out)  # a bare "накануне" is among the view's dates (kg.facts.base)


def _context_date(ctx: _Ctx, view: SentView, r: _Report) -> _Date | None:
    """"ЕС и МЕРКОСУР в пятницу объявили о ... . Совместное заявление ЕС и МЕРКОСУР
    подписали ...": an undated report goes on with the story of the sentence before in its
    paragraph when that names one of its parties; its one date (not a future one) is taken."""
    doc = ctx.doc
    if view.index == 0 or view.sentence.block != "body":
        return None
    before = doc.sentences[view.index - 1]
    if before.sentence.block != "body" or \
            "\n" in doc.article.text[before.sentence.end:view.sentence.start]:
        return None
    parties = set(r.explicit + r.strong + r.signer_parties)
    if not parties & {e.iri for e in ctx.ents(before)}:
        return None
    found = {d for seg in ctx.segs(before) if seg.opener == "main"
             for _, d in _dates_in(ctx, before, seg.tokens)}
    article = doc.article.date
    if len(found) != 1:
        return None
    (date,) = found
    if article and date.value > article[:len(date.value)]:
        return None
    return date._replace(source=CONTEXT)


def _guessed_year(d) -> bool:
    """A day or month whose year the text does not give ("в декабре", "12 мая")."""
    if d.precision == "year" or re.search(r"\d{4}", d.text):
        return False
    words = set(re.findall(r"\w+", d.text.lower()))
    lx = dates_lexicon()
    return bool(words & set(lx.months)) and not words & set(lx.relyears)


def _event_date(ctx: _Ctx, view: SentView, lemmas: set[str], opening: bool = False,
                place: str | None = None):
    """The date the article gives to the event the document was signed at: the nearest
    clause (not in the future tense) with the event and a date ("заседание, которое прошло в
    воскресенье" counts), not held elsewhere than ``place``; for its first day (``opening``)
    a clause that tells it opened ("саммит, открывшийся во вторник") comes first."""
    found = []
    article = ctx.doc.article.date
    for other in ctx.doc.sentences:
        for seg in ctx.segs(other):
            if tense_of([other.tokens[k] for k in sorted(seg.tokens)]) == "future":
                continue
            events = _events_in(ctx, other, seg)
            if not events or (lemmas and not events & lemmas):
                continue
            for _, date in _dates_in(ctx, other, seg.tokens):
                if article and date.value > article[:len(date.value)]:
                    continue
                held = _located(ctx, other, seg.tokens, seg.start)
                if place and held and held != place:
                    continue  # "на заседании в Каире" for the "Джиддская декларация"
                opened = any(ctx.has("event_open", other, k) for k in seg.tokens)
                found.append((opening and not opened, abs(other.index - view.index),
                              -PRECISION.get(date.precision, 0),
                              date._replace(source=EVENT), held))
    if not found:
        return _event_date(ctx, view, set(), opening, place) if lemmas else (None, None)
    return min(found)[3:]


def _events_in(ctx: _Ctx, view: SentView, seg: _Seg) -> set[str]:
    """Lemmas of the events a clause is about: its event nouns, or the event noun a relative
    or participle clause is attached to."""
    toks = view.tokens
    found = {toks[k].lemma for k in seg.tokens if ctx.has("event", view, k)}
    if seg.opener in ("relative", "participle"):
        word = next((toks[k] for k in sorted(seg.tokens)
                     if ctx.has("relative", view, k) or _participle(toks[k])), None)
        for k in range(seg.start - 1, -1, -1):
            t = toks[k]
            if t.pos in NOMINAL and view.ref_at(k) is None and word is not None and \
                    agrees(word, t, with_case=_participle(word)):
                if ctx.has("event", view, k):
                    found.add(t.lemma)
                break
    return found


def _located(ctx: _Ctx, view: SentView, tokens, v: int) -> str | None:
    """The city or country "в X" among ``tokens`` nearest to token ``v``."""
    toks = view.tokens
    best = None
    for e in ctx.ents(view):
        if e.first not in tokens or e.cls not in PLACE_CLASSES or toks[e.first].pos == "ADJ":
            continue
        k = _skip_left(view, e.first - 1)
        if k >= 0 and toks[k].pos == "ADP" and toks[k].lemma in _words("place_prep") and \
                toks[e.first].feat("Case") in ("Loc", None):
            if best is None or abs(e.first - v) < abs(best.first - v):
                best = e
    return best.iri if best else None


def _named_place(ctx: _Ctx, view: SentView, d: _DocNoun) -> str | None:
    """The city a document is named after, where it was signed: "Джиддская декларация",
    "Декларация Рио-де-Жанейро"."""
    toks = view.tokens
    after = view.ref_starting(d.last)
    if after is not None and after.cls in PLACE_CLASSES - {"State"} and \
            toks[after.first].feat("Case") in ("Gen", None):
        return after.iri
    stems = set()
    k = d.first - 1
    while k >= 0 and _modifier(toks[k]):
        lemma = fold(toks[k].lemma)
        stems |= {lemma[:-2].rstrip("ь"), lemma[:-4].rstrip("ь")} if lemma.endswith("ский") \
            else set()
        k -= 1
    for e in ctx.doc.entities:
        if e.cls in PLACE_CLASSES - {"State"} and stems & {
                word_stem(part).rstrip("ь") for part in re.split(r"[\s-]+", e.label)}:
            return e.iri
    return None


def _place(ctx: _Ctx, view: SentView, v: int, seg: _Seg, zone: list[int]) -> str | None:
    toks = view.tokens
    found = _located(ctx, view, set(zone), v)
    if found:
        return found
    for k in seg.tokens:
        if ctx.has("there", view, k):
            ref = ctx.doc.last_ref(toks[k].start, {"City"}, within=2)
            if ref:
                return ref.iri
    if seg.opener == "where":
        before = [e for e in ctx.ents(view) if e.last <= seg.start and e.cls in PLACE_CLASSES]
        if before:
            return before[-1].iri
    return None


# -- preparers --------------------------------------------------------------------------


def _preparers(ctx: _Ctx, view: SentView, agreements: list[_Agreement]) -> None:
    """"Документ, подготовленный российской стороной", "проект которого подготовила
    южноафриканская сторона", "разработанный Казахстаном": the last document of that kind."""
    docs = _documents(ctx, view)
    if not docs or not agreements:
        return
    toks = view.tokens
    for p, _ in ctx.lx.find("prepare", toks):
        seg = ctx.seg_of(view, p)
        if not _factual(ctx, view, p, seg):
            continue
        linked = _linked(ctx, view, p, seg, docs, draft_ok=True)
        if not linked:
            continue
        np = set()
        for d in linked:
            np |= _noun_phrase(view, d, seg, p, left=False)
        agent = _agent(ctx, view, [k for k in sorted(seg.tokens) if k not in np and k != p])
        if not agent:
            continue
        for d in linked:
            target = _target(agreements, d.kind, (view.index, d.head))
            if target is not None and target.preparer is None:
                target.preparer = agent


def _agent(ctx: _Ctx, view: SentView, zone: list[int]) -> str | None:
    """"российская сторона", "индийское председательство" (a state adjective), or a state or
    organization named as subject or agent."""
    toks = view.tokens
    doc = ctx.doc
    for k in zone:
        if ctx.has("side", view, k) and k > 0 and toks[k - 1].pos == "ADJ":
            entry = doc.gazetteer.adjective(toks[k - 1].lemma)
            if entry is not None:
                return doc.state_entity(entry).iri
    for e in ctx.ents(view):
        if e.first in zone and e.cls in PARTY_CLASSES and not e.anaphor:
            prep, head = _governor(view, e.first)
            if prep is None and head is None:
                return e.iri
    return None


def _target(agreements: list[_Agreement], kind: str | None, pos: tuple[int, int]):
    found = [a for a in agreements if (kind is None or a.kind == kind) and a.view is not None
             and a.view.index <= pos[0] and pos[0] - a.last[0] <= BACK_SENTENCES]
    return max(found, key=lambda a: a.last) if found else None
