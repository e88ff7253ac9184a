"""Membership facts: which state belongs to which organization, and how.

Fact kind ``member`` with ``organization`` (a body stands for its organization),
``state`` (a State; an international organization or an unresolved country name
when it is itself the member, "АС стал членом G20"), ``since``, ``until`` and
``status``: member, observer, partner, suspended or withdrawn.

Phrasings (the cue words are in ``ontology/lexicon/members.tsv``):

* enumerations: "в состав ЕАЭС входят A, B и C", "членами союза являются ...",
  "ее участниками являются шесть государств: ...", "ЕАЭС объединяет A и B",
  "страны-участницы ШОС - A, B", "A и B - члены ЕАЭС", "входят 57 государств,
  включая A и B", "остаются 46 государств, среди которых A и B", "Помимо A,
  участниками союза являются B и C", "X является членом/наблюдателем ...",
  "X остается в СНГ", "X сохраняет членство в ОБСЕ";
* apposition: "Украина, член организации с 1995 года, ...", "ей, как
  государству-наблюдателю, ...";
* joining: "с 1 января 2024 года полноправными членами БРИКС стали ...",
  "X вступила в ОПЕК в 2007 году", "X, присоединившаяся к ней в 2012 году",
  "X, принятый в ООН в 1960 году", "вступили A и B - в 2023 и 2024 годах соответственно";
* observers and partners: "X имеет статус наблюдателя в ЕАЭС с декабря 2020 года",
  "статус страны-партнера получили ...", "X предоставлен статус партнера",
  "Палестина получила этот статус в 2012 году", "в число партнеров по диалогу входят ...";
* withdrawals: "X вышла из СНГ в 2009 году", "покинуло объединение 31 января 2020 года",
  "X, исключенной из организации в марте", "перестала быть членом Совета Европы";
* suspensions: "X, заморозившая участие в ОДКБ", "членство A, B в организации приостановлено",
  "A и B, членство которых в организации приостановлено"; restorations: "членство X
  восстановлено", "..., а 7 мая министры проголосовали за его восстановление".

The organization is a mention, or a reference ("организация", "объединение", "нее",
"которой") resolved to the organization named before (not inside a quotation);
"статус наблюдателя" without one takes the organization of the context, else the
article's main one. Several organizations may be coordinated ("входят в ЕС и НАТО").
A sentence is cut into clauses at commas; participle and relative clauses and
appositions are attached to the mention before them (a state inside a longer mention,
"власти Мьянмы", when the participle agrees with it; a personal pronoun standing for a
state); "чья страна", "страна которого" is the state in the title of the person before;
a bare "страна", "республика" as the subject is the state named last. A clause after
", а" may share the verb of the one before ("а Турция - партнером по диалогу", "а
Хорватия - в 2009 году") or its subject. Members are a list of mentions joined by
commas, "и", "а также", in the role the predicate asks for (subject, object, dative,
"членство X"); a capital stands for its state. Each date goes to the nearest predicate
of its clause; a state of affairs ("входит", "имеет статус") only takes "с ..." dates;
a change reported in the headline without a date takes the article's date.

No fact from infinitives, future forms, negation, hypothetical cues before the
verb (applications, invitations, "может", "рассматривает возможность"), nouns
of intention ("вступление"), or qualified statuses ("ассоциированный член").
Per article the facts are merged: a dated fact makes the same undated one
redundant, joining and leaving make one withdrawn fact, an observer or partner
that became a member stopped being one that day, and a suspension ends when the
membership is restored or ends.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kg.dates import TimeExpr
from kg.facts.base import (INTERNATIONAL, Doc, Ref, SentView, case_of, fact, lexicon,
                           same_gender_number)
from kg.phrases import token_forms
from kg.records import Fact, Mention, Token

EXTRACTOR = "members"
STATUS_NOUNS = {"member_noun": "member", "observer_noun": "observer", "partner_noun": "partner"}
# tried in this order: "остается членом" is a copula before "остается в ОДКБ" is belonging
VERB_KINDS = ("join", "admit", "become", "be", "belong", "leave", "expel", "suspend", "restore",
              "have", "get", "grant", "include", "consist")
CHANGE_KINDS = {"join", "admit", "leave", "expel", "suspend", "restore", "become", "get", "grant"}
CONNECTOR_PUNCT = {",", "(", ")", "\"", "«", "»", "'"}
DASHES = {"-", "—", "–"}
QUOTES = {'"', "«", "»", "'", "“", "”", "„"}
ANTECEDENT_CLASSES = INTERNATIONAL | {"State", "Person"}  # what a personal pronoun refers to


# -- small records -------------------------------------------------------------


@dataclass
class Member:
    ref: Ref
    iri: str
    nested: bool = False  # a state named inside a longer mention ("власти Мьянмы")


@dataclass
class Group:
    """Member candidates joined by commas, "и", "а также" (a list shares its role)."""

    members: list[Member]
    first: int
    last: int
    case: str | None
    in_pp: bool
    inner_dates: dict = field(default_factory=dict)  # member IRI -> its own TimeExpr

    def tokens(self) -> range:
        return range(self.first, self.last)


@dataclass
class Segment:
    """A clause of a sentence: its token indices; a participle or relative clause
    (``sub``) is attached to the mention before it (``antecedent``)."""

    tokens: list[int]
    sub: bool = False
    antecedent: Ref | None = None
    clause: int = 0
    starts_clause: bool = False
    finite: bool = False

    @property
    def first(self) -> int:
        return self.tokens[0]


@dataclass
class Pred:
    kind: str
    token: int
    status: str
    org: str
    change: bool
    role: str  # subject, subject_or_object, object, dative, genitive, after, before
    anchor: int | None = None  # the list starts right after this token


@dataclass
class Raw:
    org: str
    member: str
    since: str | None
    until: str | None
    status: str
    view: SentView


# -- entry point ---------------------------------------------------------------


def extract(doc: Doc, posts: list[Fact]) -> list[Fact]:
    lex = lexicon("members", doc.ctx)
    state = {"last_status": None}
    raws: list[Raw] = []
    for view in doc.sentences:
        raws.extend(Sentence(doc, view, lex, state).facts())
    return [fact("member", r.view, EXTRACTOR, organization=r.org, state=r.member,
                 since=r.since, until=r.until, status=r.status) for r in merge(raws)]


# -- one sentence ----------------------------------------------------------------


class Sentence:
    def __init__(self, doc: Doc, view: SentView, lex, state: dict) -> None:
        self.doc, self.view, self.lex, self.state = doc, view, lex, state
        self.toks = view.tokens
        self.norm = _normalized(self.toks, doc.ctx.models.morph_vocab)
        present = frozenset().union(*map(token_forms, self.toks))
        self.hits = {kind: _starts(lex.find(kind, self.toks)) for kind in lex.kinds()
                     if not lex.matchers[kind].first_forms().isdisjoint(present)}
        self.verb_starts = {i for kind in VERB_KINDS for i in self.hits.get(kind, ())}
        self.norm_hits = {kind: _starts(lex.find(kind, self.norm))
                          for kind in (*STATUS_NOUNS, "participation", "state_noun")}
        self.members = self._members()
        self.groups = self._groups()
        self.segments = self._segments()
        self.found_orgs: list[str] = []

    # lexicon look-ups ----------------------------------------------------------

    def at(self, kind: str, i: int) -> int | None:
        """End of a cue of ``kind`` starting at token ``i``."""
        return self.hits.get(kind, {}).get(i)

    def noun_at(self, kind: str, i: int) -> int | None:
        return self.norm_hits.get(kind, {}).get(i)

    # member candidates and lists -------------------------------------------------

    def _members(self) -> dict[int, Member]:
        """Member candidates by their first token; a name nested in a longer one is dropped."""
        refs = self.view.refs
        out: dict[int, Member] = {}
        for ref in refs:
            if any(o is not ref and o.first <= ref.first and ref.last <= o.last
                   and o.last - o.first > ref.last - ref.first for o in refs):
                continue
            iri = self._member_iri(ref)
            if iri:
                out[ref.first] = Member(ref, iri)
            elif (inner := self._inner_state(ref)) is not None:
                out[inner.ref.first] = inner
        return out

    def _inner_state(self, ref: Ref) -> Member | None:
        """A state named at the end of a longer mention that is no member itself ("военные
        власти Мьянмы" taken whole for an organization)."""
        if ref.cls in INTERNATIONAL or ref.last - ref.first < 2:
            return None
        tail = self.toks[ref.first + 1:ref.last]
        for first, last, entry in self.doc.gazetteer.match(tail):
            if last != len(tail) or entry.cls != "State":
                continue
            a, b = ref.first + 1 + first, ref.last
            mention = Mention(self.toks[a].start, self.toks[b - 1].end,
                              " ".join(t.text for t in self.toks[a:b]), "LOC", entry.label,
                              entry.id, "nested")
            entity = self.doc.state_entity(entry)
            return Member(Ref(mention, entity, a, b), entity.iri, nested=True)
        return None

    def _member_iri(self, ref: Ref) -> str | None:
        """States, organizations that are members themselves, country names the gazetteer
        did not resolve (NER places), capitals standing for their state."""
        if ref.cls in ("State", "InternationalOrganization"):
            return ref.iri
        if ref.cls == "Location" and "/place/" in ref.iri:
            return ref.iri
        if ref.cls == "City":
            return _capital_state(self.doc, ref.iri)
        return None

    def _groups(self) -> list[Group]:
        groups: list[Group] = []
        current: list[Member] = []
        inner: dict = {}
        for first in sorted(self.members):
            member = self.members[first]
            if current and self._joins(current[-1].ref.last, member.ref.first, inner,
                                       len(current) - 1):
                current.append(member)
                continue
            if current:
                groups.append(self._group(current, inner))
            current, inner = [member], {}
        if current:
            groups.append(self._group(current, inner))
        return groups

    def _joins(self, a: int, b: int, inner: dict, index: int) -> bool:
        """Tokens [a, b) only join two list items (a dashed aside with a date may sit there)."""
        gap = list(range(a, b))
        if gap and self.toks[gap[0]].text in DASHES:
            closing = [k for k in gap[1:] if self.toks[k].text in DASHES]
            if closing and not any(self.toks[k].pos in ("VERB", "AUX")
                                   for k in range(gap[0], closing[0])):
                dates = self.view.dates_in(gap[0] + 1, closing[0])
                if dates:
                    inner[index] = dates[0]
                gap = [k for k in gap if k > closing[0]]
        i = gap[0] if gap else b
        while i < b:
            end = self.at("list_join", i)
            if end:
                i = end
            elif self.toks[i].text in CONNECTOR_PUNCT:
                i += 1
            else:
                return False
        return True

    def _group(self, members: list[Member], inner: dict) -> Group:
        seen, unique = set(), []
        for m in members:
            if m.iri not in seen:
                seen.add(m.iri)
                unique.append(m)
        cases = [case_of(self.view, m.ref) for m in members]
        known = [c for c in cases if c]
        case = "Nom" if "Nom" in known else (max(set(known), key=known.count) if known else None)
        first = members[0].ref.first
        in_pp = first > 0 and self.toks[first - 1].pos == "ADP"
        inner_by_iri = {members[k].iri: d for k, d in inner.items()}
        return Group(unique, first, members[-1].ref.last, case, in_pp,
                     {m.iri: inner_by_iri[m.iri] for m in unique if m.iri in inner_by_iri})

    def group_of(self, ref: Ref) -> Group | None:
        for g in self.groups:
            if g.first <= ref.first < g.last:
                return g
        return None

    # clauses -----------------------------------------------------------------

    def _segments(self) -> list[Segment]:
        segments: list[Segment] = []
        for ci, (a, b) in enumerate(self.view.clauses()):
            current: Segment | None = None
            after_sub = False
            for s, e in self._pieces(a, b):
                head = self._first_word(s, e)
                if head is None:
                    continue
                if s > a and (self._is_sub(head) or self._apposition(head, s) is not None):
                    segments.append(Segment(list(range(s, e)), True, self._antecedent(s),
                                            ci, False, self._finite(s, e)))
                    after_sub = True
                    continue
                finite = self._finite(s, e)
                new = (current is None or self.at("subordinator", head) is not None
                       or (finite and current.finite and not after_sub))
                if new:
                    first_of_clause = current is None and ci > 0
                    current = Segment(list(range(s, e)), False, None, ci, first_of_clause, finite)
                    segments.append(current)
                else:
                    current.tokens.extend(range(s, e))
                    current.finite = current.finite or finite
                after_sub = False
        return segments

    def _pieces(self, a: int, b: int) -> list[tuple[int, int]]:
        """Stretches between commas; a comma inside a list of members does not cut."""
        inside = {i for g in self.groups for i in range(g.first, g.last)}
        out, s = [], a
        for i in range(a, b):
            if self.toks[i].text == "," and i not in inside:
                if i > s:
                    out.append((s, i))
                s = i + 1
        if s < b:
            out.append((s, b))
        return out

    def _first_word(self, s: int, e: int) -> int | None:
        for i in range(s, e):
            if self.toks[i].pos != "PUNCT":
                return i
        return None

    def _is_sub(self, i: int) -> bool:
        """A participle or relative clause ("среди которых" only introduces list items)."""
        if self._participle(i):
            return True
        if i + 1 < len(self.toks) and self.doc.cues.has("negation", self.toks, i, i + 1):
            return self._participle(i + 1)  # "не входящих в организацию"
        if self.at("including", i) is not None:
            return False
        return any(k < len(self.toks) and self.at("relative", k) is not None for k in (i, i + 1))

    def _participle(self, i: int) -> bool:
        return is_participle(self.toks[i], self.doc.ctx.models.morph_vocab)

    def _apposition(self, i: int, s: int) -> int | None:
        """"Украина, член организации с 1995 года, ...", "ей, как государству-наблюдателю,":
        a status noun (in the nominative unless after "как", adjectives before it) opening
        the piece at ``s`` right after a member candidate; returns the noun."""
        ante = self._antecedent(s)
        if ante is None or ante.first not in self.members:
            return None
        k = self.at("as", i) or i
        while k < len(self.toks) and self.toks[k].pos == "ADJ":
            k += 1
        if k >= len(self.toks) or not self._status_at(k):
            return None
        return k if k > i or self.toks[k].feat("Case") == "Nom" else None

    def _finite(self, s: int, e: int) -> bool:
        for t in self.toks[s:e]:
            if t.pos in ("VERB", "AUX") and (t.feat("VerbForm") == "Fin"
                                              or t.feat("Variant") == "Short"):
                return True
        return False

    def _antecedent(self, s: int) -> Ref | None:
        """The mention that ends just before the comma opening a clause at ``s``; a personal
        pronoun there stands for the state it refers to."""
        k = s - 2
        while k >= 0 and self.toks[k].text in QUOTES | {")"}:
            k -= 1
        if k < 0:
            return None
        for m in self.members.values():
            if m.ref.first <= k < m.ref.last:
                return m.ref
        found = self.view.ref_at(k)
        if found is None and (member := self._pronoun_state(k)) is not None:
            self.members[k] = member
            return member.ref
        return found

    def _pronoun_state(self, k: int) -> Member | None:
        """"предоставила ей" after "статусе Палестины": a third-person pronoun whose nearest
        agreeing antecedent (a state, an international organization or a person, in this
        sentence or the one before) is a state; the member is the pronoun, standing for that
        state (``_antecedent`` adds it to the member candidates)."""
        pronoun = self.toks[k]
        if pronoun.pos != "PRON" or self.at("pronoun", k) is None \
                or self.at("relative", k) is not None:
            return None
        candidates = []
        for view in self.doc.sentences[max(0, self.view.index - 1):self.view.index + 1]:
            candidates += [(r, view.tokens[r.last - 1]) for r in view.refs
                           if r.end <= pronoun.start and r.cls in ANTECEDENT_CLASSES]
        for ref, word in reversed(candidates):
            if same_gender_number(pronoun, word):
                if ref.cls != "State":
                    return None
                mention = Mention(pronoun.start, pronoun.end, pronoun.text, "LOC",
                                  ref.entity.label, ref.mention.key, "pronoun")
                return Member(Ref(mention, ref.entity, k, k + 1), ref.iri)
        return None

    # organizations -------------------------------------------------------------

    def org_at(self, i: int, segment: Segment | None = None) -> str | None:
        """The organization that token ``i`` names or refers to."""
        if i < 0 or i >= len(self.toks):
            return None
        ref = self.view.ref_at(i)
        if ref is not None:
            if ref.cls in INTERNATIONAL:
                return self.doc.org_of(ref).iri
            return None
        if self.at("relative", i) is not None:
            return self._relative_org(i, segment)
        if self.at("org_anaphor", i) is not None or self.at("pronoun", i) is not None:
            return self._resolve(i)
        return None

    def _relative_org(self, i: int, segment: Segment | None) -> str | None:
        """"которой": the organization just before the clause, or the nearest organization
        word before it that agrees with the pronoun ("организация ..., участниками которой")."""
        ante = segment.antecedent if segment is not None else None
        if ante is not None and ante.cls in INTERNATIONAL:
            return self.doc.org_of(ante).iri
        start = segment.first if segment is not None else i
        pronoun = self.toks[i]
        for k in range(start - 1, -1, -1):
            ref = self.view.ref_at(k)
            word = self.toks[ref.last - 1] if ref is not None else self.toks[k]
            if not same_gender_number(pronoun, word):
                continue
            if ref is not None and ref.cls in INTERNATIONAL:
                return self.doc.org_of(ref).iri
            if ref is None and self.at("org_anaphor", k) is not None:
                return self._resolve(k)
        return None

    def _resolve(self, i: int) -> str | None:
        """"организация", "нее": the organization named last (not inside a quotation)
        within three sentences, one whose name has the same noun first ("союз" ->
        Евразийский экономический союз) unless the word names any organization
        ("организация" is also in "Организация Объединенных Наций"); else the article's
        main organization."""
        token = self.toks[i]
        noun = "" if self.at("generic_anaphor", i) is not None else token.lemma
        ref = _last_org(self.doc, self.view.index, token.start, noun)
        if ref is not None:
            return self.doc.org_of(ref).iri
        main = self.doc.main_org()
        return main.iri if main is not None else None

    def org_after(self, n: int, segment: Segment) -> str | None:
        """The organization right after a status noun ("членом ШОС", "участником организации"),
        or a possessive before it ("ее участниками")."""
        j = n + 1
        while j < len(self.toks) and self.toks[j].text in QUOTES:
            j += 1
        found = self.org_at(j, segment)
        if found:
            return found
        k = n - 1
        while k >= 0 and self.toks[k].pos == "ADJ":
            k -= 1
        if k >= 0 and self.toks[k].pos in ("DET", "PRON") and self.at("pronoun", k) is not None:
            return self.org_at(k, segment)
        return None

    def org_pp(self, segment: Segment, prep: str, near: int) -> str | None:
        """The organization of a prepositional phrase "в (состав) ORG", "из ORG" in the clause."""
        found = []
        for i in segment.tokens:
            if self.toks[i].pos != "ADP" or self.at(prep, i) is None:
                continue
            j = self.at(prep, i)
            while j < len(self.toks) and self.toks[j].text in QUOTES:
                j += 1
            end = self.at("container", j)
            if end is not None:
                j = end
                if self.noun_at("member_noun", j) is not None:
                    j += 1
            org = self.org_at(j, segment)
            if org:
                found.append((abs(i - near), org))
        return min(found)[1] if found else None

    def container_status(self, segment: Segment) -> tuple[str, str | None] | None:
        """"в число партнеров по диалогу (ШОС) входят", "в ряды наблюдателей": the status a
        container names and its organization, that of the context when none follows."""
        for i in segment.tokens:
            end = self.at("prep_in", i)
            if self.toks[i].pos != "ADP" or end is None or self.at("container", end) is None:
                continue
            n = self.at("container", end)
            status = self._status_at(n) if n < len(self.toks) else None
            if status in (None, "member"):
                continue
            j = self.at("partner_suffix", n + 1) or n + 1
            if self.at("prep_in", j) is not None:
                j += 1  # "в число наблюдателей при ОДКБ"
            org = self.org_at(j, segment)
            if org is None and (j >= len(self.toks) or self.toks[j].pos in ("VERB", "AUX")):
                # nothing after the noun ("наблюдателей на выборах" is another sense)
                org = (self.found_orgs[-1] if self.found_orgs else None) or self._context_org()
            return status, org
        return None

    def org_anywhere(self, tokens, near: int, segment: Segment | None) -> str | None:
        found = []
        for i in tokens:
            org = self.org_at(i, segment)
            if org:
                found.append((abs(i - near), org))
        return min(found)[1] if found else None

    # predicates ------------------------------------------------------------------

    def facts(self) -> list[Raw]:
        out: list[Raw] = []
        last: Pred | None = None
        for segment in sorted(self.segments, key=lambda s: s.first):
            preds = self._predicates(segment)
            if not preds and last is not None and segment.starts_clause and not segment.finite:
                preds = self._gapped(segment, last)
            if not preds and last is not None and last.kind == "suspend":
                preds = self._restored(segment, last)
            if preds and not segment.sub:
                last = preds[-1]
            self.found_orgs.extend(p.org for p in preds)
            dates = self._dates_for(segment, preds)
            for pred in preds:
                groups = self._targets(segment, pred)
                orgs = [pred.org, *self._coordinated(segment, pred.org)]
                for group in groups:
                    respective = self._respective(segment, group)
                    for m in group.members:
                        date = (group.inner_dates.get(m.iri) or respective.get(m.iri)
                                or dates.get(pred.token))
                        for org in orgs:
                            if m.iri != org:
                                out.append(self._raw(pred, org, m, date))
        return out

    def _gapped(self, segment: Segment, prev: Pred) -> list[Pred]:
        """A clause without its verb shares the one before: "Монголия является
        наблюдателем, а Турция - партнером по диалогу", "..., а Узбекистан - в 2006 году"."""
        if prev.kind not in VERB_KINDS or self._blocked(segment, segment.tokens[-1]):
            return []
        nouns = [(n, st) for n, st in self._status_nouns(segment)
                 if self.toks[n].feat("Case") == "Ins"
                 or any(self.at("status_word", k) is not None for k in range(max(0, n - 3), n))]
        if nouns:
            n, status = nouns[0]
            org = self.org_after(n, segment) or self.org_pp(segment, "prep_in", n) or prev.org
            return [Pred(prev.kind, n, status, org, prev.change, "subject")]
        if prev.role != "subject":
            return []
        org = (self.org_pp(segment, "prep_in" if prev.status != "withdrawn" else "prep_out",
                           segment.first) or prev.org)
        return [Pred(prev.kind, segment.first, prev.status, org, prev.change, "subject")]

    def _restored(self, segment: Segment, prev: Pred) -> list[Pred]:
        """"Членство X было приостановлено ..., а 7 мая министры проголосовали за его
        восстановление": a restoration noun owned by a pronoun, under a verb of decision,
        gives the suspended members back their membership."""
        for k in segment.tokens:
            if (self.at("restore", k) is None or self.toks[k].pos != "NOUN" or k == 0
                    or self.at("pronoun", k - 1) is None or self._blocked(segment, k)):
                continue
            if any(self.at("decision", j) is not None for j in segment.tokens if j < k):
                return [Pred("restore", k, "member", prev.org, True, prev.role, prev.anchor)]
        return []

    def _coordinated(self, segment: Segment, org: str) -> list[str]:
        """Organizations listed with the one found: "входят в Евросоюз и НАТО"."""
        out: list[str] = []
        tokens = set(segment.tokens)
        for ref in self.view.refs:
            if ref.first not in tokens or ref.cls not in INTERNATIONAL \
                    or self.doc.org_of(ref).iri != org:
                continue
            k = ref.last
            while k < len(self.toks):
                end = self.at("list_join", k)
                if end is not None or self.toks[k].text == ",":
                    k = end if end is not None else k + 1
                    continue
                nxt = self.view.ref_starting(k)
                if nxt is None or nxt.cls not in INTERNATIONAL or k == ref.last:
                    break
                out.append(self.doc.org_of(nxt).iri)
                k = nxt.last
        return [o for o in dict.fromkeys(out) if o != org]

    def _raw(self, pred: Pred, org: str, m: Member, date) -> Raw:
        since = until = None
        if date is None and pred.change and self.view.sentence.block == "headline":
            since = self.doc.article.date
        elif date is not None:
            if date.kind == "range":
                since, until = date.value, date.end_value
            elif date.kind == "until":
                until = date.value
            else:
                since = date.value
        if pred.status == "withdrawn" and until is None:
            since, until = None, since
        status = pred.status
        if status == "member" and until is not None:
            status = "withdrawn"
        return Raw(org, m.iri, since, until, status, self.view)

    def _predicates(self, segment: Segment) -> list[Pred]:
        out = []
        verbs = self.verb_starts
        for i in segment.tokens:
            if i not in verbs:
                continue
            for kind in VERB_KINDS:
                if self.at(kind, i) is None or not self._verbal(i, kind):
                    continue
                if kind == "belong" and self.at("consist", i) is not None \
                        and self._followed_by(i, "prep_out"):
                    continue
                if kind == "consist" and not self._followed_by(i, "prep_out"):
                    continue
                if kind == "belong" and self._copular(i):
                    continue
                if kind == "be" and i > 0 and self.at("cease", i - 1) is not None:
                    pred = self._ceased(segment, i)
                    if pred is not None:
                        out.append(pred)
                        break
                    continue
                if self._blocked(segment, i):
                    continue
                pred = self._predicate(segment, kind, i)
                if pred is not None:
                    out.append(pred)
                    break
        out.extend(self._nominal_lists(segment, out))
        out.extend(self._appositive(segment))
        return out

    def _copular(self, i: int) -> bool:
        """"остается участником ...": a copula with its noun, not "остается в ОДКБ"."""
        if self.at("be", i) is None:
            return False
        k = i + 1
        while k < len(self.toks) and self.toks[k].pos in ("ADJ", "ADV"):
            k += 1
        return (k < len(self.toks) and self.toks[k].pos == "NOUN"
                and self.toks[k].feat("Case") == "Ins")

    def _ceased(self, segment: Segment, i: int) -> Pred | None:
        """"перестала быть членом Совета Европы": a membership that ended (at the verb
        before the copula, which must not itself be negated or hypothetical)."""
        cease = i - 1
        if self._blocked(segment, cease):
            return None
        pred = self._status_copula(segment, "be", i)
        if pred is None or pred.status != "member":
            return None
        return Pred("leave", cease, "withdrawn", pred.org, True, "subject")

    def _verbal(self, i: int, kind: str) -> bool:
        t = self.toks[i]
        if t.pos in ("VERB", "AUX"):
            return True
        return kind in ("suspend", "restore") and t.pos == "ADJ"

    def _followed_by(self, i: int, kind: str) -> bool:
        return any(self.at(kind, k) is not None for k in range(i + 1, min(i + 3, len(self.toks))))

    def _blocked(self, segment: Segment, i: int) -> bool:
        """Infinitives, future forms, negation and hypothetical cues before the predicate."""
        t = self.toks[i]
        if t.feat("VerbForm") == "Inf":
            return True
        if t.feat("VerbForm") == "Fin" and (t.feat("Tense") == "Fut" or (
                t.feat("Aspect") == "Perf" and t.feat("Tense") == "Pres")):
            return True
        before = [k for k in segment.tokens if k < i]
        near = [k for k in before if k >= i - 3]
        cues = self.doc.cues
        if any(cues.has("negation", self.toks, k, k + 1) for k in near):
            return True
        for k in segment.tokens:
            if self.at("hypothetical", k) is not None and (k < i or self.toks[k].lemma == "бы"):
                return True
            if k < i and cues.has("hypothetical", self.toks, k, k + 1):
                return True
        return False

    def _predicate(self, segment: Segment, kind: str, i: int) -> Pred | None:
        change = kind in CHANGE_KINDS
        if kind == "admit" and self.toks[i].feat("Voice") != "Pass":
            return None  # "Казахстан принял председательство в ШОС"
        if kind in ("join", "admit", "belong"):
            status, org = self.container_status(segment) or ("member", None)
            org = org or self.org_pp(segment, "prep_in", i)
            return Pred(kind, i, status, org, change, "subject") if org else None
        if kind in ("leave", "expel"):
            org = self.org_pp(segment, "prep_out", i)
            if org is None and self.at("leave", i) is not None:
                org = self.org_at(i + 1, segment)  # "покинуло объединение"
            role = "subject" if kind == "leave" else "subject_or_object"
            return Pred(kind, i, "withdrawn", org, True, role) if org else None
        if kind in ("suspend", "restore"):
            return self._suspension(segment, kind, i)
        if kind in ("become", "be"):
            return self._status_copula(segment, kind, i)
        if kind in ("have", "get", "grant"):
            return self._status_object(segment, kind, i)
        if kind in ("include", "consist"):
            org = self._org_subject(segment, i)
            role = "object" if kind == "include" else "genitive"
            anchor = None
            if kind == "consist":
                anchor = next((k for k in range(i + 1, i + 3) if self.at("prep_out", k)), None)
            return Pred(kind, i, "member", org, False, role, anchor) if org else None
        return None

    def _org_subject(self, segment: Segment, i: int) -> str | None:
        """The organization in the nominative before the verb ("Союз объединяет ...")."""
        for k in sorted((k for k in segment.tokens if k < i), reverse=True):
            org = self.org_at(k, segment)
            if org is None:
                continue
            ref = self.view.ref_at(k)
            first = ref.first if ref is not None else k
            if first == 0 or self.toks[first - 1].pos not in ("ADP", "NOUN"):
                return org
        return None

    def _suspension(self, segment: Segment, kind: str, i: int) -> Pred | None:
        """"членство A и B в организации приостановлено", "ЛАГ восстановила членство Сирии":
        the membership noun, its members after it or as the subject."""
        nouns = [k for k in segment.tokens if self.noun_at("participation", k) is not None]
        if not nouns:
            return None
        noun = min(nouns, key=lambda k: abs(k - i))
        org = (self.org_pp(segment, "prep_in", noun)
               or self.org_anywhere(segment.tokens, noun, segment))
        if org is None:
            return None
        after = noun + 1
        starts = {g.first for g in self.groups}
        role, anchor = ("genitive", noun) if after in starts else ("subject", None)
        status = "suspended" if kind == "suspend" else "member"
        return Pred(kind, i, status, org, True, role, anchor)

    def _status_nouns(self, segment: Segment) -> list[tuple[int, str]]:
        return [(k, status) for k in segment.tokens for status in [self._status_at(k)] if status]

    def _status_at(self, k: int) -> str | None:
        """The status a noun names ("членом", "страна-наблюдатель", "партнер по диалогу"),
        unless qualified ("ассоциированный член") or an informal partner."""
        for kind, status in STATUS_NOUNS.items():
            if self.noun_at(kind, k) is None:
                continue
            if kind == "partner_noun" and not self._formal_partner(k):
                continue
            if self._qualified(k):
                continue
            return status
        return None

    def _qualified(self, k: int) -> bool:
        """"ассоциированный член", "бывший член", "будущий участник": not the status itself."""
        j = k - 1
        while j >= 0 and (self.toks[j].pos in ("ADJ", "ADV")
                          or self.toks[j].feat("VerbForm") == "Part"):
            if self.at("not_status", j) is not None:
                return True
            j -= 1
        return False

    def _formal_partner(self, k: int) -> bool:
        """"страна-партнер", "партнер по диалогу", "статус партнера" (not any partner)."""
        if "-" in self.toks[k].text.strip("-"):
            return True
        for s in range(max(0, k - 2), k + 1):
            end = self.at("partner_formal", s)
            if end is not None and s <= k < end:
                return True
        if any(self.at("partner_suffix", s) is not None for s in range(k + 1, k + 4)):
            return True
        return any(self.at("status_word", s) is not None for s in range(max(0, k - 3), k))

    def _status_copula(self, segment: Segment, kind: str, i: int) -> Pred | None:
        """"X стала членом ШОС", "членами союза являются ...", "является наблюдателем в ОДКБ"."""
        nouns = self._status_nouns(segment)
        best = None
        for n, status in sorted(nouns, key=lambda x: abs(x[0] - i)):
            case = self.toks[n].feat("Case")
            partitive = any(self.at("partitive", k) is not None for k in range(max(0, n - 4), n))
            if case == "Ins" or (partitive and case == "Gen"):
                best = (n, status, partitive and case == "Gen")
                break
        if best is None:
            return None
        n, status, partitive = best
        org = self.org_after(n, segment)
        if org is None and not self._own_complement(n):
            org = self.org_pp(segment, "prep_in", n)
        if org is None and self._ends_clause(n):
            org = self._context_org()  # "..., чья страна также является наблюдателем."
        if org is None:
            return None
        self.state["last_status"] = (self.view.index, org, status)
        return Pred(kind, i, status, org, kind == "become" and not partitive, "subject")

    def _ends_clause(self, n: int) -> bool:
        return n + 1 >= len(self.toks) or self.toks[n + 1].pos == "PUNCT" \
            and self.toks[n + 1].text not in QUOTES

    def _own_complement(self, n: int) -> bool:
        """A common noun in the genitive right after the status noun is what it is a member
        of ("участником ряда конвенций"): an organization further on is not."""
        j = n + 1
        while j < len(self.toks) and self.toks[j].text in QUOTES:
            j += 1
        if j >= len(self.toks):
            return False
        t = self.toks[j]
        return (t.pos == "NOUN" and t.feat("Case") == "Gen" and self.view.ref_at(j) is None
                and self.org_at(j) is None and self.at("partner_suffix", j) is None)

    def _status_object(self, segment: Segment, kind: str, i: int) -> Pred | None:
        """"имеет статус наблюдателя", "статус партнера ШОС получил Лаос",
        "получила этот статус"."""
        words = [k for k in segment.tokens if self.at("status_word", k) is not None]
        status = org = None
        for w in sorted(words, key=lambda k: abs(k - i)):
            for n in range(w + 1, min(w + 5, len(self.toks))):
                found = [s for kd, s in STATUS_NOUNS.items() if self.noun_at(kd, n) is not None]
                if found and self._qualified(n):
                    break
                if found:
                    status = found[0]
                    org = (self.org_after(n, segment) or self.org_pp(segment, "prep_in", n)
                           or self.org_anywhere(segment.tokens, n, segment)
                           or (self.found_orgs[-1] if self.found_orgs else None)
                           or self._context_org())
                    break
            if status:
                break
        if status is None:
            status, org = self._membership_object(segment, i)
        if status is None:
            status, org = self._status_anaphor(segment, words, i)
        if status is None or org is None:
            return None
        self.state["last_status"] = (self.view.index, org, status)
        role = "dative" if kind == "grant" else "subject"
        return Pred(kind, i, status, org, kind in CHANGE_KINDS, role)

    def _membership_object(self, segment: Segment, i: int):
        """"сохраняет членство в ОБСЕ", "получила членство в ВТО": membership itself as the
        object, the organization after it or in a prepositional phrase."""
        for n in range(i + 1, min(i + 4, len(self.toks))):
            if self.at("membership", n) is not None:
                if self._qualified(n):
                    return None, None
                return "member", self.org_after(n, segment) or self.org_pp(segment, "prep_in", n)
            if self.toks[n].pos not in ("ADJ", "ADV"):
                break
        return None, None

    def _status_anaphor(self, segment: Segment, words: list[int], i: int):
        """"получила этот статус", "Иран, который получил его": the status named just before."""
        last = self.state.get("last_status")
        if last is None or self.view.index - last[0] > 1:
            return None, None
        for w in words:
            if any(self.at("status_anaphor", k) is not None for k in range(max(0, w - 2), w)):
                return last[2], last[1]
        if segment.sub and any(self.at("pronoun", k) is not None and self.toks[k].pos == "PRON"
                               and self.at("relative", k) is None
                               for k in segment.tokens if k > i):
            return last[2], last[1]
        return None, None

    def _context_org(self) -> str | None:
        """The organization of the sentences before ("Статус наблюдателя имеют ..."), else
        the article's main organization."""
        ref = _last_org(self.doc, self.view.index - 1, self.view.sentence.start, "")
        if ref is not None:
            return self.doc.org_of(ref).iri
        main = self.doc.main_org()
        return main.iri if main is not None else None

    def _appositive(self, segment: Segment) -> list[Pred]:
        """"Украина, член организации с 1995 года, ...": the status of the mention before."""
        if not segment.sub:
            return []
        head = self._first_word(segment.tokens[0], segment.tokens[-1] + 1)
        n = self._apposition(head, segment.first) if head is not None else None
        if n is None or self._blocked(segment, n):
            return []
        org = self.org_after(n, segment)
        if org is None and self._ends_clause(n):
            org = self.org_anywhere(range(len(self.toks)), n, None) or self._context_org()
        return [Pred("apposition", n, self._status_at(n), org, False, "subject")] if org else []

    def _nominal_lists(self, segment: Segment, preds: list[Pred]) -> list[Pred]:
        """"страны-участницы ШОС — A, B и C", "наблюдатели ЕАЭС: A и B" (no verb)."""
        if preds or segment.sub:
            return []
        out = []
        nouns = self._status_nouns(segment)
        nouns += [(k, "member") for k in segment.tokens
                  if self.noun_at("state_noun", k) is not None]
        for n, status in nouns:
            org = self.org_after(n, segment)
            if org is None and self.at("prep_in", n + 1) is not None:
                org = self.org_at(n + 2, segment)  # "наблюдатель при ОДКБ"
            if org is None:
                continue
            j = n + 1
            while j < len(self.toks) and (self.toks[j].text in QUOTES
                                          or self.org_at(j, segment) == org
                                          or self.toks[j].pos == "NUM"):
                j += 1
            if j < len(self.toks) and self.toks[j].text in DASHES | {":", "("}:
                group = next((g for g in self.groups if g.first == j + 1), None)
                if group is not None and not self._blocked(segment, n):
                    out.append(Pred("list", j, status, org, False, "after", j))
                    continue
            # "Армения - член ОДКБ": a list, a dash, then the status noun
            k = n - 1
            while k >= 0 and (self.toks[k].pos == "ADJ" or self.noun_at("state_noun", k) is not None
                              or self.toks[k].text in DASHES and k > 0
                              and self.noun_at("state_noun", k - 1) is not None):
                k -= 1
            if k > 0 and self.toks[k].text in DASHES and self.toks[n].feat("Case") == "Nom":
                group = next((g for g in self.groups if g.last == k and not g.in_pp), None)
                if group is not None and not self._blocked(segment, n):
                    out.append(Pred("list", n, status, org, False, "before", group.first - 1))
        return out

    # members of a predicate ---------------------------------------------------------

    def _targets(self, segment: Segment, pred: Pred) -> list[Group]:
        if pred.role in ("after", "genitive", "before"):
            anchor = pred.anchor if pred.anchor is not None else pred.token
            return [g for g in self.groups if g.first == anchor + 1]
        inside = [g for g in self.groups
                  if any(k in segment.tokens for k in g.tokens())
                  and not any(m.iri == pred.org for m in g.members)]
        if pred.role == "object":
            return [g for g in inside if g.first > pred.token and not g.in_pp
                    and g.case in (None, "Acc", "Nom")]
        if pred.role == "dative":
            return [g for g in inside if not g.in_pp and (g.case == "Dat" or self._dative(g))]
        subjects = self.subject_of(segment, pred)
        subjects += [g for g in self._included(segment, inside) if g not in subjects]
        if subjects or pred.role != "subject_or_object":
            return subjects
        return [g for g in inside if g.first > pred.token and not g.in_pp and g.case == "Acc"]

    def _dative(self, group: Group) -> bool:
        """The tagger may miss a dative ("Лаосу предоставлен"): ask the morphology."""
        word = self.toks[group.members[0].ref.last - 1].text
        return any(p.tag.case == "datv" for p in self.doc.ctx.models.morph_vocab.parse(word))

    def _included(self, segment: Segment, groups: list[Group]) -> list[Group]:
        """"входят 27 стран, включая Венгрию и Польшу": a list after "включая", "в том числе";
        "Помимо России, участниками союза являются ...": one after "помимо" opening the clause."""
        ends = {self.at("including", k) for k in segment.tokens} - {None}
        first = self._first_word(segment.tokens[0], segment.tokens[-1] + 1)
        if first is not None and self.at("besides", first) is not None:
            ends.add(self.at("besides", first))
        return [g for g in groups if g.first in ends]

    def subject_of(self, segment: Segment, pred: Pred) -> list[Group]:
        if segment.sub and segment.antecedent is not None and self._owned_state(segment):
            return self._person_state(segment.antecedent)
        if segment.sub and segment.antecedent is not None and self._attached(segment):
            return self._antecedent_subject(segment, pred)
        found = self._nominatives(segment, pred.org)
        if not found and not segment.sub:
            found = self._state_anaphor(segment, pred)
        if found or segment.sub or not segment.starts_clause:
            return found
        previous = [s for s in self.segments if s.clause == segment.clause - 1 and not s.sub]
        if not previous:
            return []
        found = self._nominatives(previous[0], pred.org)
        verb = self.toks[pred.token]
        number = verb.feat("Number")
        return [g for g in found if number is None
                or (number == "Plur") == (len(g.members) > 1)]

    def _owned_state(self, segment: Segment) -> bool:
        """"..., чья страна является наблюдателем", "..., страна которого является
        партнером": a relative clause about the country of its antecedent."""
        head = self._first_word(segment.tokens[0], segment.tokens[-1] + 1)
        if head is None or head + 1 >= len(self.toks):
            return False
        return (self.at("relative", head) is not None and self.at("state_anaphor", head + 1)
                is not None or self.at("state_anaphor", head) is not None
                and self.at("relative", head + 1) is not None)

    def _person_state(self, person: Ref) -> list[Group]:
        """The state in the title before a person ("президент Турции Реджеп Тайип Эрдоган")."""
        title = self.view.ref_at(person.first - 1) if person.first > 0 else None
        if person.cls != "Person" or title is None or title.cls != "State":
            return []
        member = self.members.get(title.first)
        return [Group([member], title.first, title.last, None, False)] if member else []

    def _state_anaphor(self, segment: Segment, pred: Pred) -> list[Group]:
        """"президент Боливии ...: республика вошла в состав МЕРКОСУР": a bare singular
        "страна", "республика" as the subject stands for the state named last (in this
        sentence or the one before); not "страна ЕАЭС", "его страна"."""
        for k in segment.tokens:
            t = self.toks[k]
            if k >= pred.token or self.at("state_anaphor", k) is None \
                    or not t.rel.startswith("nsubj") or t.feat("Number") != "Sing":
                continue
            if any(d.head == k and (d.rel.startswith("nmod") or d.pos in ("DET", "PRON", "NUM"))
                   and self.at("status_anaphor", j) is None for j, d in enumerate(self.toks)):
                continue
            ref = self.doc.last_ref(t.start, {"State"}, within=1)
            if ref is None or ref.iri == pred.org:
                return []
            return [Group([Member(ref, ref.iri)], k, k + 1, "Nom", False)]
        return []

    def _modifies_other(self, segment: Segment, ante: Ref) -> bool:
        """The parser attaches the participle to a common noun before the mention
        ("первой страной Азии, вошедшей в БРИКС"): the mention is not its subject."""
        head = self._first_word(segment.tokens[0], segment.tokens[-1] + 1)
        target = self.toks[head].head if head is not None else -1
        return (0 <= target < ante.first and self.toks[target].pos == "NOUN"
                and self.view.ref_at(target) is None
                and _agrees(self.doc, self.toks[head], self.toks[target]))

    def _antecedent_subject(self, segment: Segment, pred: Pred) -> list[Group]:
        """The mention a clause is attached to; its whole list when the clause is plural
        ("Мали и Нигер, членство которых приостановлено"). A state inside a longer mention
        only when the participle agrees with it ("власти Мьянмы, являющейся членом")."""
        ante = segment.antecedent
        if ante.first not in self.members or self._modifies_other(segment, ante):
            return []
        head = self._first_word(segment.tokens[0], segment.tokens[-1] + 1)
        if self.members[ante.first].nested and not _agrees(
                self.doc, self.toks[head], self.toks[ante.last - 1]):
            return []
        group = self.group_of(ante)
        if group is not None and self._clause_number(segment, pred) == "Plur":
            return [group]
        member = self.members[ante.first]
        return [Group([member], ante.first, ante.last, None, False,
                      {member.iri: group.inner_dates[member.iri]}
                      if group and member.iri in group.inner_dates else {})]

    def _clause_number(self, segment: Segment, pred: Pred) -> str | None:
        """The number of the clause's subject: the predicate's, or that of the relative
        pronoun owning the noun ("членство которых")."""
        head = self._first_word(segment.tokens[0], segment.tokens[-1] + 1)
        if head is not None and self._owned_by_relative(head):
            return self.toks[head + 1].feat("Number")
        return self.toks[pred.token].feat("Number")

    def _owned_by_relative(self, head: int) -> bool:
        """"членство которых", "участие которой": a noun owned by a genitive relative."""
        nxt = head + 1
        return (nxt < len(self.toks) and self.noun_at("participation", head) is not None
                and self.at("relative", nxt) is not None and self.toks[nxt].feat("Case") == "Gen")

    def _attached(self, segment: Segment) -> bool:
        """A participle clause, an apposition, a relative clause whose pronoun is the subject
        or owns it ("членство которых")."""
        head = self._first_word(segment.tokens[0], segment.tokens[-1] + 1)
        if head is None:
            return False
        t = self.toks[head]
        if t.feat("VerbForm") == "Part" or self._participle(head):
            return True
        if self._apposition(head, segment.first) is not None or self._owned_by_relative(head):
            return True
        return self.at("relative", head) is not None and t.feat("Case") in (None, "Nom")

    def _nominatives(self, segment: Segment, org: str) -> list[Group]:
        tokens = set(segment.tokens)
        return [g for g in self.groups
                if any(k in tokens for k in g.tokens()) and not g.in_pp
                and (g.case in (None, "Nom") or self._subject_tagged_acc(g))
                and not any(m.iri == org for m in g.members)]

    def _subject_tagged_acc(self, group: Group) -> bool:
        """"Минск был наблюдателем": the parser's subject, tagged accusative though the
        form is also nominative (inanimate masculine nouns)."""
        for m in group.members:
            head = next((k for k in range(m.ref.first, m.ref.last)
                         if not m.ref.first <= self.toks[k].head < m.ref.last), m.ref.first)
            if self.toks[head].rel.startswith("nsubj") and any(
                    p.tag.case == "nomn"
                    for p in self.doc.ctx.models.morph_vocab.parse(self.toks[head].text)):
                return True
        return False

    # dates ------------------------------------------------------------------------

    def _of_noun(self, first: int) -> bool:
        """A bare "2008 года" right after a noun qualifies that noun ("после войны 2008 года"),
        unless the noun is a part of time ("в конце 2022 года")."""
        t = self.toks[first]
        if first == 0 or t.pos == "ADP" or t.text[:1].isdigit() and len(t.text) < 3:
            return False
        prev = self.toks[first - 1]
        return prev.pos == "NOUN" and self.at("time_part", first - 1) is None

    def _respective(self, segment: Segment, group: Group) -> dict:
        """"вступили Финляндия и Швеция - в 2023 и 2024 годах соответственно": as many dates
        after the list as it has members, in order, one each."""
        if len(group.members) < 2 or not any(self.at("respectively", k) is not None
                                             for k in segment.tokens):
            return {}
        after = [k for k in segment.tokens if k >= group.last]
        if not after:
            return {}
        dates = list(self.view.dates_in(after[0], after[-1] + 1))
        for k in after:
            t = self.toks[k]
            if (t.text.isdigit() and len(t.text) == 4 and "1900" <= t.text <= "2100"
                    and not any(d.start <= t.start < d.end for d in dates)):
                dates.append(TimeExpr(t.start, t.end, t.text, t.text, "year"))
        if len(dates) != len(group.members):
            return {}
        return {m.iri: d for m, d in zip(group.members, sorted(dates, key=lambda d: d.start))}

    def _dates_for(self, segment: Segment, preds: list[Pred]) -> dict:
        """Each date of the clause goes to its nearest predicate; a state of affairs
        ("входит", "имеет статус") only takes "с ..." dates."""
        if not preds:
            return {}
        tokens = set(segment.tokens)
        inner = {id(d) for g in self.groups for d in g.inner_dates.values()}
        out: dict = {}
        for date in self.view.dates:
            first = self.view.token_index(date.start)
            last = self.view.token_index(date.end - 1)
            if first not in tokens or last not in tokens or id(date) in inner:
                continue
            if any(g.first < first < g.last for g in self.groups) or self._of_noun(first):
                continue
            pred = min(preds, key=lambda p: abs(p.token - first))
            if not pred.change and date.kind not in ("since", "until", "range"):
                continue
            current = out.get(pred.token)
            if current is None or abs(first - pred.token) < abs(
                    self.view.token_index(current.start) - pred.token):
                out[pred.token] = date
        return out


# -- helpers ---------------------------------------------------------------------


def _last_org(doc: Doc, index: int, before: int, noun: str, within: int = 3) -> Ref | None:
    found = []
    for view in doc.sentences[max(0, index - within):index + 1]:
        found.extend(r for r in view.refs if r.end <= before and r.cls in INTERNATIONAL
                     and not _quoted(view, r))
    if not found:
        return None
    morph = doc.ctx.models.morph_vocab
    named = [r for r in found if noun in _name_lemmas(doc.org_of(r).label,
                                                      doc.org_of(r).aliases, morph)]
    return max(named or found, key=lambda r: r.end)


@lru_cache(maxsize=1024)
def _name_lemmas(label: str, aliases: tuple[str, ...], morph) -> frozenset[str]:
    out = set()
    for name in (label, *aliases):
        for word in name.replace("-", " ").split():
            parses = morph.parse(word) if any(ch.isalpha() for ch in word) else []
            if parses:
                out.add(parses[0].normal_form.replace("ё", "е"))
    return frozenset(out)


def _quoted(view: SentView, ref: Ref) -> bool:
    """Inside a quotation: an odd number of straight quotes, or an open «, before it."""
    before = [t.text for t in view.tokens[:ref.first]]
    return before.count('"') % 2 == 1 or before.count("«") > before.count("»")


UD_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt",
           "Loc": "loct"}
UD_GENDER = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}


def _agrees(doc: Doc, participle: Token, noun: Token) -> bool:
    """Some reading of the participle agrees with the noun in case, number and gender."""
    case = UD_CASE.get(noun.feat("Case") or "")
    number = (noun.feat("Number") or "").lower() or None
    gender = UD_GENDER.get(noun.feat("Gender") or "")
    for p in doc.ctx.models.morph_vocab.parse(participle.text):
        tag = p.tag
        if case and tag.case != case:
            continue
        if number and tag.number and tag.number != number:
            continue
        if number == "sing" and gender and tag.gender and tag.gender != gender:
            continue
        return True
    return False


def is_participle(token: Token, morph_vocab) -> bool:
    """A full participle; the tagger may take one for a converb ("исключенной"): then the
    morphology decides."""
    if token.feat("VerbForm") == "Part":
        return token.feat("Variant") != "Short"
    if token.feat("VerbForm") != "Conv":
        return False
    tags = {p.tag.POS for p in morph_vocab.parse(token.text)}
    return "PRTF" in tags and "GRND" not in tags


def _starts(matches) -> dict[int, int]:
    return {i: j for i, j in matches}


def _normalized(tokens, morph_vocab) -> tuple[Token, ...]:
    """Hyphenated compounds by their last part: "стран-участниц" -> "участниц" (участница);
    the same tuple when there is none."""
    out, changed = [], False
    for t in tokens:
        text = t.text
        if "-" in text.strip("-") and any(ch.isalpha() for ch in text):
            part = text.rsplit("-", 1)[1]
            if part and any(ch.isalpha() for ch in part):
                parses = morph_vocab.parse(part)
                lemma = (parses[0].normal_form if parses else part.lower()).replace("ё", "е")
                out.append(Token(t.start, t.end, part, lemma, t.pos, t.feats, t.head, t.rel))
                changed = True
                continue
        out.append(t)
    return tuple(out) if changed else tokens


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    from kg.gazetteer import read_tsv
    from kg.paths import GAZETTEER_DIR

    path = GAZETTEER_DIR / "states.tsv"
    if not path.exists():
        return {}
    return {row["capital"]: row["id"] for row in read_tsv(path) if row.get("capital")}


def _capital_state(doc: Doc, city_iri: str) -> str | None:
    """A capital named for its state ("Ереван заморозил участие" -> Армения)."""
    state_id = _capitals().get(city_iri.rsplit("/", 1)[-1])
    entry = doc.gazetteer.by_id.get(state_id) if state_id else None
    return doc.state_entity(entry).iri if entry is not None else None


# -- article-level merge ---------------------------------------------------------------


def merge(raws: list[Raw]) -> list[Raw]:
    """One fact per (organization, state, since, until, status); see the module docstring."""
    facts: list[Raw] = []
    seen = set()
    for r in raws:
        key = (r.org, r.member, r.since, r.until, r.status)
        if key not in seen:
            seen.add(key)
            facts.append(r)
    facts = _fold_withdrawals(facts)
    facts = _end_observer(facts)
    facts = _end_suspension(facts)
    return _drop_subsumed(facts)


def _fold_withdrawals(facts: list[Raw]) -> list[Raw]:
    """"вступила в 2007 году" + "вышла в 2024 году" -> withdrawn, since 2007, until 2024."""
    drop = set()
    for w in facts:
        if w.status != "withdrawn":
            continue
        for m in facts:
            if (m.status == "member" and m.org == w.org and m.member == w.member
                    and m.since and m.until is None
                    and (w.until is None or m.since <= w.until)):
                if w.since is None:
                    w.since = m.since
                if w.since == m.since:
                    drop.add(id(m))
    return [f for f in facts if id(f) not in drop]


def _end_observer(facts: list[Raw]) -> list[Raw]:
    """An observer or partner that became a member (on a date) stopped being one then."""
    for m in facts:
        if m.status != "member" or not m.since:
            continue
        for o in facts:
            if (o.status in ("observer", "partner") and o.org == m.org and o.member == m.member
                    and o.until is None and (o.since is None or o.since < m.since)):
                o.until = m.since
    return facts


def _end_suspension(facts: list[Raw]) -> list[Raw]:
    """A dated suspension ends when the membership is restored later ("member" since a later
    day) or ends (withdrawn until a later day)."""
    for s in facts:
        if s.status != "suspended" or not s.since or s.until is not None:
            continue
        ends = [f.since if f.status == "member" else f.until for f in facts
                if f.org == s.org and f.member == s.member and f.status in ("member", "withdrawn")]
        later = sorted(d for d in ends if d and d > s.since)
        if later:
            s.until = later[0]
    return facts


def _drop_subsumed(facts: list[Raw]) -> list[Raw]:
    """An undated fact is dropped when the same one with a date exists."""
    out, seen = [], set()
    for f in facts:
        key = (f.org, f.member, f.since, f.until, f.status)
        if key in seen:
            continue
        if any(g is not f and g.org == f.org and g.member == f.member and g.status == f.status
               and (f.since is None or f.since == g.since)
               and (f.until is None or f.until == g.until)
               and (g.since, g.until) != (f.since, f.until) for g in facts):
            continue
        seen.add(key)
        out.append(f)
    return out
