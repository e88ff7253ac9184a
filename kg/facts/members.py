"""Membership facts: which state belongs to which organization, and how.

Fact kind ``member`` with ``organization`` (a body stands for its organization),
``state`` (a State; an international organization or an unresolved country name when it is
itself the member, "АС стал членом G20"), ``since``, ``until`` and ``status``: member,
observer, partner, suspended or withdrawn.

The phrasings are patterns in ``ontology/patterns/members.yaml`` (their units in
``kg/facts/member_units.py``). This module turns a match into memberships: its members
(an enumeration; "помимо X" adds X), its organizations (also coordinated: "входят в
Евросоюз и НАТО"; without one, that of the sentences before, else the article's main one),
the status, and the date: a member's own ("Ирландия - в 1949 году", "в 2007 и 2013 годах
соответственно"), else the date of the predicate's clause nearest to it (a state of
affairs, "входит", "имеет статус", takes only "с ..." dates; a change in the headline
without a date takes the article's date). A clause without its verb shares the one before
("а Хорватия - в 2009 году"). Not facts: negation, intentions and hypotheticals
(applications, invitations, "может", "рассматривает возможность"), future forms and
infinitives. Per article the facts are merged (``kg.facts.membership``).
"""

from __future__ import annotations

from dataclasses import replace

from kg.facts import matcher
from kg.facts.base import INTERNATIONAL, Doc, SentView, fact, lexicon
from kg.facts.member_status import PREVIOUS
from kg.facts.member_units import UNITS
from kg.facts.membership import Raw, merge
from kg.records import Fact
from kg.syntax.agreement import some_reading_agrees
from kg.syntax.clauses import asides, clause_of
from kg.syntax.coordination import respective
from kg.syntax.modality import has_cue

EXTRACTOR = "members"
STATE_DATES = ("since", "until", "range")


def extract(doc: Doc, posts: list[Fact]) -> list[Fact]:
    grammar = matcher.load_grammar("members")
    raws: list[Raw] = []
    for view in doc.sentences:
        found = _sentence(doc, view, matcher.run(grammar, doc, view, UNITS), raws)
        raws.extend(found)
    return [fact("member", r.view, EXTRACTOR, organization=r.org, state=r.member,
                 since=r.since, until=r.until, status=r.status) for r in merge(raws)]


def _sentence(doc: Doc, view: SentView, matches: list[matcher.Match],
              before: list[Raw]) -> list[Raw]:
    out: list[Raw] = []
    last: tuple[matcher.Match, list[Raw]] | None = None  # the clause before, for a gap
    lex = lexicon("members", doc.ctx)
    for m in sorted(matches, key=lambda m: m.first):
        if m.get("gapped"):
            if last is not None:
                out.extend(_gapped(doc, view, m, *last))
            continue
        if m.get("restore_previous"):
            out.extend(_restored(doc, view, m, out))
            continue
        if _blocked(doc, view, m, lex):
            continue
        if m.get("status") is not None and _status(m) == PREVIOUS:
            m = _previous_status(view, m, out or before)
            if m is None:
                continue
        found = _raws(doc, view, m)
        if found:
            out.extend(found)
            last = (m, found)
    return out


def _previous_status(view: SentView, m: matcher.Match, before: list[Raw]):
    """"Палестина получила этот статус в 2012 году": the status (and organization) of the
    last membership read in this sentence or the one before."""
    last = before[-1] if before else None
    if last is None or view.index - last.view.index > 1 or \
            last.status not in ("member", "observer", "partner"):
        return None
    return replace(m, values=(*m.values, ("status_value", last.status)),
                   slots=(*m.slots, ("org", matcher.Hit(m.first, m.first, m.first, last.org))))


def _blocked(doc: Doc, view: SentView, m: matcher.Match, lex) -> bool:
    """An intention before the predicate in its clause ("подала заявку на вступление",
    "получила приглашение присоединиться"), or a participle that agrees with no state
    named inside a longer name ("Министерство ... России, являющееся членом")."""
    verb = m.get("verb")
    if verb is None:
        return False
    tokens = view.tokens
    first, _ = clause_of(tokens, verb.head)
    outside = [(a, b) for a, b in asides(tokens) if not a <= verb.head < b]
    if any(lex.has("hypothetical", tokens, k, k + 1) for k in range(first, verb.first)
           if not any(a <= k < b for a, b in outside)):
        return True
    if has_cue(doc, tokens, verb.head, ("negation",), None):
        return True
    items = _items(m)
    v = tokens[verb.head]
    if v.feat("VerbForm") == "Part" and items and items[0].payload.nested:
        noun = tokens[items[0].last - 1]
        return not some_reading_agrees(doc.ctx.models.morph_vocab, v, noun)
    return False


def _items(m: matcher.Match) -> list:
    out = []
    for slot in ("extra", "members"):
        for hit in m.hits(slot):
            out.extend(hit.value)
    return out


def _orgs(doc: Doc, view: SentView, m: matcher.Match) -> list[str]:
    orgs = [h.value for h in m.hits("org")]
    for hit in m.hits("of"):
        orgs.extend(h.value for h in _as_tuple(hit.value.get("org")))
    if not orgs and m.get("context_org"):
        found = _context_org(doc, view, m.first, m.last)
        orgs = [found] if found else []
    return list(dict.fromkeys(orgs))


def _as_tuple(value) -> tuple:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def _context_org(doc: Doc, view: SentView, before: int, after: int | None = None) -> str | None:
    """The organization of the sentence before the match, else of the sentences before,
    else of the sentence after the match (not one the match names as a member: "..., а
    также Евросоюз"), else the article's main organization."""
    refs = [r for r in view.refs if r.cls in INTERNATIONAL]
    if before < len(view.tokens) and after is not None:
        refs = [r for r in refs if r.first < before or r.first >= after]
    earlier = [r for r in refs if r.first < before]
    if earlier:
        return doc.org_of(earlier[-1]).iri
    ref = doc.last_ref(view.sentence.start, INTERNATIONAL)
    if ref is not None:
        return doc.org_of(ref).iri
    if refs:
        return doc.org_of(refs[0]).iri
    main = doc.main_org()
    return main.iri if main is not None else None


def _raws(doc: Doc, view: SentView, m: matcher.Match, org_override=None, status=None,
          change=None) -> list[Raw]:
    items = _items(m)
    orgs = org_override or _orgs(doc, view, m)
    status = status or m.get("status_value") or _status(m) or "member"
    change = m.get("change") if change is None else change
    if not items or not orgs or status is None:
        return []
    dates = respective(view, items, items[-1].last, len(view.tokens))
    clause_date = _clause_date(doc, view, m, items, change)
    out = []
    for item, own in zip(items, dates):
        date = item.date or own or clause_date
        for org in orgs:
            if item.payload.iri != org:
                out.append(_raw(doc, view, org, item.payload.iri, date, status, change))
    return out


def _status(m: matcher.Match) -> str | None:
    given = m.values and dict(m.values).get("status")
    if given:
        return given
    hit = m.get("status")
    return hit.value if isinstance(hit, matcher.Hit) else None


def _raw(doc: Doc, view: SentView, org: str, member: str, date, status: str,
         change: bool) -> Raw:
    since = until = None
    if date is None and change and view.sentence.block == "headline":
        since = doc.article.date
    elif date is not None:
        if date.kind == "range":
            since, until = date.value, date.end_value
        elif date.kind == "until":
            until = date.value
        else:
            since = date.value
    if status == "withdrawn" and until is None:
        since, until = None, since
    if status == "member" and until is not None:
        status = "withdrawn"
    return Raw(org, member, since, until, status, view)


def _clause_date(doc: Doc, view: SentView, m: matcher.Match, items, change: bool):
    """The date of the predicate's clause nearest to it: not inside the enumeration, not
    qualifying a noun ("после войны 2008 года"); a state of affairs only takes "с ..."."""
    verb = m.get("verb")
    anchor = verb.head if verb is not None else m.first
    tokens = view.tokens
    first, last = clause_of(tokens, anchor)
    lo = min(first, m.first)
    spans = [(i.first, i.last) for i in items] + [  # the items and what stands between
        (a.last, b.first) for a, b in zip(items, items[1:]) if a.last <= b.first]
    best = None
    for date in view.dates_in(lo, last):
        k = view.token_index(date.start)
        if any(a <= k < b for a, b in spans) or _of_noun(doc, view, k):
            continue
        if not change and date.kind not in STATE_DATES:
            continue
        if _other_predicate_between(view, anchor, k, m) or \
                any(a <= k < b and not a <= anchor < b for a, b in asides(tokens)):
            continue
        if best is None or abs(k - anchor) < abs(view.token_index(best.start) - anchor):
            best = date
    return best


def _other_predicate_between(view: SentView, anchor: int, k: int, m: matcher.Match) -> bool:
    """A finite verb of another clause part stands between the predicate and the date
    ("Узбекистан, вступивший в ОДКБ в 2006 году, вышел из нее в 2012 году")."""
    lo, hi = sorted((anchor, k))
    tokens = view.tokens
    return any(tokens[j].pos in ("VERB", "AUX") and j != anchor and
               tokens[j].feat("VerbForm") in ("Fin", "Part") and not m.first <= j < m.last
               for j in range(lo + 1, hi))


def _of_noun(doc: Doc, view: SentView, first: int) -> bool:
    """A bare "2008 года" right after a noun qualifies that noun, unless the noun is a part
    of time ("в конце 2022 года")."""
    tokens = view.tokens
    t = tokens[first]
    if first == 0 or t.pos == "ADP" or (t.text[:1].isdigit() and len(t.text) < 3):
        return False
    prev = tokens[first - 1]
    lex = lexicon("members", doc.ctx)
    return prev.pos == "NOUN" and not lex.has("time_part", tokens, first - 1, first)


def _gapped(doc: Doc, view: SentView, m: matcher.Match, prev: matcher.Match,
            prev_raws: list[Raw]) -> list[Raw]:
    """"..., а Хорватия - в 2009 году": the clause shares the predicate before; a status
    noun of its own replaces the one before ("а Турция - партнером по диалогу"); the date
    is its own, or the one before for "с того же времени", else none."""
    orgs = list(dict.fromkeys(r.org for r in prev_raws))
    own = m.get("status")
    status = own.value if isinstance(own, matcher.Hit) else _status(prev)
    if status is None:
        status = prev_raws[0].status
    change = bool(prev.get("change"))
    date = _gap_date(view, m)
    if date is None and m.get("same_time") is not None:
        dated = [r for r in prev_raws if r.since or r.until]
        if dated:
            return [Raw(r.org, i.payload.iri, dated[0].since, dated[0].until, status, view)
                    for i in _items(m) for r in dated[:1]]
    return [_raw(doc, view, org, item.payload.iri, item.date or date, status, change)
            for item in _items(m) for org in orgs if item.payload.iri != org]


def _gap_date(view: SentView, m: matcher.Match):
    dates = view.dates_in(m.first, min(len(view.tokens), m.last + 6))
    return dates[0] if dates else None


def _restored(doc: Doc, view: SentView, m: matcher.Match, raws: list[Raw]) -> list[Raw]:
    """The states whose membership was suspended in this sentence are members again from
    the date of the decision."""
    date = _clause_date(doc, view, m, [], True)
    return [_raw(doc, view, r.org, r.member, date, "member", True)
            for r in raws if r.status == "suspended"]
