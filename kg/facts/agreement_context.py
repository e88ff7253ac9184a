"""Agreements: the per-article context (cue lexicon, post holders, cached clause segments,
mentions with "организация"/"союз" resolved) and the document nouns of a sentence.
"""

from __future__ import annotations

from kg.facts.agreement_records import (
    MODIFIER,
    NOMINAL,
    PLACE_CLASSES,
    DocNoun,
    Ent,
    Seg,
    is_participle,
    words,
)
from kg.facts.base import ORG_CLASSES, Doc, SentView
from kg.facts.holders import state_body
from kg.facts.roles import load_roles
from kg.records import Fact
from kg.syntax.anaphora import is_org_anaphor

# -- shared per-article state --------------------------------------------------------


class Ctx:
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
        self._segs: dict[int, list[Seg]] = {}
        self._ents: dict[int, list[Ent]] = {}
        self._docs: dict[int, tuple[DocNoun, ...]] = {}
        self.doc_kinds = [k for k in lx.kinds() if k.startswith("doc:") or k == "generic"]

    def has(self, kind: str, view: SentView, i: int) -> bool:
        """Token ``i`` is (the start of) a cue of ``kind``."""
        matcher = self.lx.matchers.get(kind)
        return matcher is not None and 0 <= i < len(view.tokens) and \
            matcher.match_at(view.tokens, i) is not None

    def ends_at(self, kind: str, view: SentView, i: int, span: int = 4) -> bool:
        """A cue of ``kind`` ends right before token ``i``."""
        return any(b == i for _, b in self.lx.find(kind, view.tokens, max(0, i - span), i))

    def segs(self, view: SentView) -> list[Seg]:
        if view.index not in self._segs:
            self._segs[view.index] = _segments(self, view)
        return self._segs[view.index]

    def seg_of(self, view: SentView, i: int) -> Seg:
        for seg in self.segs(view):
            if i in seg.tokens:
                return seg
        return Seg("main", 0, frozenset(range(len(view.tokens))))

    def ents(self, view: SentView) -> list[Ent]:
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


def _entities(ctx: Ctx, view: SentView) -> list[Ent]:
    """The sentence's mentions, plus "организация", "союз" ... resolved to an organization."""
    toks = view.tokens
    roles = {a for a, _, _ in ctx.roles.match(toks)}
    out = []
    for r in view.refs:
        if r.cls in ORG_CLASSES and r.first in roles:
            continue  # "Главы государств": a post, not an organization
        state = state_body(ctx.doc, view, r)
        if r.cls == "GovernmentBody" and r.entity.parent:
            out.append(Ent(r.first, r.last, r.entity.parent, "State"))  # МИД Армении
        elif state is not None:  # "правительство Таджикистана": the state
            out.append(Ent(r.first, r.last, state.iri, "State"))
        else:
            out.append(Ent(r.first, r.last, r.iri, r.cls))
    surnames = {e.label.split()[-1]: e for e in ctx.doc.entities if e.cls == "Person"}
    for i, t in enumerate(toks):
        if view.ref_at(i) is not None:
            continue
        named = view.ref_starting(i + 1)
        if t.pos == "NOUN" and t.feat("Number") != "Plur" and not (
                named and named.cls in ORG_CLASSES):  # "секретариат АСЕАН" names its org
            general = is_org_anaphor(ctx.doc, toks, i)
            if general or ctx.lx.has("body_anaphor", toks, i, i + 1):
                iri, by_name = _anaphor(ctx.doc, t.lemma, t.start, fallback=general)
                if iri:
                    out.append(Ent(i, i + 1, iri, "InternationalOrganization",
                                    anaphor=not by_name))
        elif t.pos == "PROPN" and t.text in surnames:  # a surname the resolver left alone
            out.append(Ent(i, i + 1, surnames[t.text].iri, "Person"))
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


def _segments(ctx: Ctx, view: SentView) -> list[Seg]:
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
        out.append(Seg("main", a, frozenset(set(range(a, b)) - inner)))
        out.extend(Seg(o, s, frozenset(range(s, e))) for o, s, e in embedded)
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


def _opener(ctx: Ctx, view: SentView, j: int, end: int) -> str | None:
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
    if is_participle(t) or (t.pos == "ADV" and nxt is not None and is_participle(nxt)):
        return "participle"
    if t.feat("VerbForm") == "Conv":
        return "participle"
    return None


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


def documents_of(ctx: Ctx, view: SentView) -> tuple[DocNoun, ...]:
    """The document nouns of a sentence, in order (computed once per sentence)."""
    if view.index not in ctx._docs:
        ctx._docs[view.index] = tuple(_find_documents(ctx, view))
    return ctx._docs[view.index]


def _find_documents(ctx: Ctx, view: SentView) -> list[DocNoun]:
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
            counted = k >= 0 and (toks[k].pos == "NUM" or toks[k].lemma in words("count"))
            if counted or (kind == "generic" and toks[head].feat("Number") == "Plur"):
                continue  # "около 20 документов", "28 союзных программ": not one document
            out.append(DocNoun(a, b, head, kind[4:] if kind != "generic" else None))
    return sorted(out, key=lambda d: d.first)
