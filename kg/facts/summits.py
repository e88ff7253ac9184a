"""Summits (``summit``) and the people who took part in them (``participant``).

Cue words live in ``ontology/lexicon/summits.tsv``. The records and the predicate checks
every part shares are in ``kg/facts/summit_base.py``; participants are found in
``kg/facts/participants.py``.

Summits. A summit is a top-level meeting of one organization: "саммит ОДКБ",
"встреча лидеров стран объединения", "встреча на высшем уровне", a session of a
supreme council ("заседание Совета глав государств СНГ", "сессия Совета
коллективной безопасности", "заседание Высшего Евразийского экономического
совета", "Совет глав государств собрался ..."), or "лидеры стран альянса
соберутся в Вашингтоне". A session of any other body (ministers, a permanent
council, a parliament) is not a summit, and bare words after it ("в заседании",
"в нем") refer to that meeting. Left out: plural and generic summits ("каждый
саммит", "саммиты"), bilateral meetings ("двусторонняя встреча", "встреча с
..."), format summits ("саммит Россия - Африка"), and a summit that is the
subject or object of a hypothetical, negated or cancelling predicate ("может
пройти", "предложил провести", "не состоялся", "отменили").

The organization is the genitive after the summit word (a body stands for its
organization; "Совет коллективной безопасности" alone takes the organization of
the context), a reference back ("саммит организации"), or the organization of
the summit being reported. Date and place are the expressions attached to the
summit word, to a participle or relative clause on it ("саммит, прошедший в
четверг в Астане"), or to the predicate that reports it (it "прошел",
"состоится", is "проведен", or something happens "на саммите" / "по итогам
саммита"): "в Минске", "в столице Белоруссии" / "в белорусской столице" (the
capital), "там же" (the place named before), "где" (the city before it),
"здесь" (the dateline city); "3-4 июля" gives the first day, and a date is
re-read in the tense of the summit's own clause ("сообщил, что заседание
состоится в мае" is next May). Mentions become events (one node per
organization and month, or year): a mention without a date joins the event of
the same organization and place, or without a place the one being reported;
else a summit in the past or present tense is dated by the article's month. A
summit dated in the last days before the article takes the dateline city as its
place when none is named, and a state as place is refined to the dateline city
that lies in it. "Следующий / предыдущий саммит" is another event, never dated
by the article; a second summit of the same month gets a node keyed by its day.

Participants. A person (or a list of persons with their posts) is a participant
as the subject of "участвовать", "принять участие", "присутствовать",
"присоединиться", "председательствовать на встрече", "провести / открыть / вести
встречу", "возглавить делегацию", "прибыть / приехать на саммит", of any action
"на саммите", "на открытии саммита", "в ходе саммита", of a verb of saying "по
итогам саммита", of "доложить лидерам", of "выступить по видеосвязи"; also
through a participle or relative clause on the person ("Зась, присутствовавший
на саммите"; "Орбан, который принимал участие в саммите") or a gerund
("Открывая встречу, Путин назвал ..."). The summit is the one named in the
clause, a pronoun's ("в нем", "в его работе"), or the one being reported.
Negated ("не приехал", "отказался от участия", "не смог принять участие",
"пропустил"), excluded ("кроме ..."), intended or expected ("как ожидается,
примет участие", "приедет ли") and future participation gives nothing, and so do
actions "на полях", "накануне" or "перед" the summit and a meeting "с" someone.
A state is a participant as the subject when no person is named ("Россия, Китай
и Индия приняли участие"); a post without a name ("президент Казахстана") is
its holder in the article's posts, else the state.

The parser's frequent errors are repaired where the grammar is unambiguous: a
verb of occurrence right before or after the summit's phrase with no subject of
its own is its predicate; a participle after a comma that agrees in gender and
number modifies the noun before it; a nominative name hung as a modifier is a
subject; a list of names shares the predicate of its first member.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.dates import TimeExpr, find_dates
from kg.facts.base import INTERNATIONAL, Doc, Ref, SentView, fact, lexicon
from kg.facts.participants import participants_of
from kg.facts.summit_base import (
    NOT_SUMMIT,
    ORG_CLASSES,
    PLACE_CLASSES,
    Mention,
    Node,
    State,
    current_summit,
    future_tense,
    hypothetical,
    is_kind,
    negated,
)
from kg.iri import node_iri
from kg.records import Fact
from kg.syntax.agreement import indeclinable, is_ordinal, same_gender_number
from kg.syntax.anaphora import relative_antecedent
from kg.syntax.coordination import DASHES, elided_heads
from kg.syntax.tree import children, governing_verb, head_of, is_verb, preposition, subjects

EXTRACTOR = "summits"
RECENT_DAYS = 3
RANK = {"day": 3, "month": 2, "year": 1}


# -- records ------------------------------------------------------------------


# -- entry point ----------------------------------------------------------------


def extract(doc: Doc, posts: list[Fact]) -> list[Fact]:
    lex = lexicon("summits", doc.ctx)
    state = State()
    mentions: list[Mention] = []
    links: list[tuple[Mention, str, SentView]] = []
    for view in doc.sentences:
        local = _sentence_summits(doc, lex, view, state, mentions)
        for target, iri in participants_of(doc, lex, view, state, local, posts):
            links.append((target, iri, view))
        _remember_places(doc, view, state)
    nodes = _merge(doc, mentions)
    for node in nodes:
        if not node.dates and node.implied and _in_lead(doc, node):
            node.dates.extend(_lead_day(doc))
    return _facts(doc, nodes, links)


def _lead_day(doc: Doc) -> list[TimeExpr]:
    """'Главы государств СНГ сегодня приняли заявление. Документ одобрен на заседании ...':
    the day the first sentence of the body reports, when it is one of the last few days
    before the article (a summit named in the lead with no date of its own took place
    then)."""
    body = [v for v in doc.sentences if v.sentence.block == "body"][:1]
    if not body or not doc.article.date:
        return []
    days = [d for d in body[0].dates if d.kind == "point" and d.precision == "day"]
    return days if len(days) == 1 and _recent(doc, days[0].value) else []


# -- lexicon helpers ------------------------------------------------------------


def _frame(lex, tokens, trig) -> None:
    """Sets the predicate of a summit word and the summit's role under it. 'пройдет
    очередная сессия', 'состоялось заседание': an occurrence verb right before the
    summit's phrase with no subject of its own is its predicate, whatever the parser says."""
    h = trig.head
    if trig.kind == "gather":
        trig.p, trig.below, trig.role = h, h, "subj"
        return
    i = trig.first - 1
    while i >= 0 and tokens[i].pos in ("ADJ", "DET", "NUM") and not is_verb(tokens[i]):
        i -= 1
    while i >= 0 and tokens[i].lemma in ("и", "же", "также", "тоже"):
        i -= 1
    for j in (i, _verb_after(tokens, trig)):
        if j is not None and j >= 0 and tokens[j].pos == "VERB" and \
                is_kind(lex, "occur", tokens, j) and not any(
                    tokens[k].rel.startswith("nsubj") and k != h for k in children(tokens, j)):
            trig.p, trig.below, trig.role = j, h, "subj"
            return
    p, below = governing_verb(tokens, h)
    if p is not None and below != h and tokens[h].head == below and \
            is_kind(lex, "part", tokens, below) and is_kind(lex, "take", tokens, p):
        below = h  # 'принял участие во встрече': the meeting is where, as 'участвовал в'
    trig.p, trig.below = p, below
    rel = tokens[below].rel
    if p is None:
        trig.role = ""
    elif rel.startswith("nsubj") or rel == "csubj":
        trig.role = "subj"
    elif rel == "obj":
        trig.role = "obj"
    else:
        trig.role = preposition(tokens, below) or rel


def _verb_after(tokens, trig) -> int | None:
    """The first verb after the summit's phrase ('следующий саммит G20 пройдет'), if only
    its genitive modifiers stand between."""
    for j in range(trig.last, min(len(tokens), trig.last + 8)):
        t = tokens[j]
        if t.pos == "VERB":
            return j
        if t.pos not in ("NOUN", "PROPN", "ADJ", "X") and t.text not in ('"', "«", "»", "(", ")"):
            return None
        if t.pos in ("NOUN", "PROPN", "ADJ") and t.feat("Case") not in ("Gen", None):
            return None
    return None


def _tense(tokens, v: int | None, default: str | None) -> str | None:
    if v is None:
        return default
    if future_tense(tokens, v):
        return "future"
    t = tokens[v]
    if t.feat("Tense") == "Past":
        return "past"
    if t.feat("Tense") == "Pres":
        return "present"
    return default


# -- summits in a sentence ------------------------------------------------------


@dataclass
class Trigger:
    kind: str  # summit, session, meeting, gather
    first: int
    last: int  # end of the trigger words
    head: int
    p: int | None = None  # the predicate that reports the summit
    below: int = -1  # the token under the predicate on the way up from the head
    role: str = ""  # subj, obj, or the preposition of an oblique (на, в, по, ...)


def _triggers(lex, view: SentView) -> list[Trigger]:
    tokens = view.tokens
    out: list[Trigger] = []
    taken: set[int] = set()
    for kind in ("summit", "session", "meeting"):
        for a, b in lex.find(kind, tokens):
            if a in taken or tokens[a].pos not in ("NOUN", "PROPN"):
                continue
            taken.update(range(a, b))
            out.append(Trigger(kind, a, b, a))
    for a, b in lex.find("gather_verb", tokens):
        subj = [k for k in children(tokens, a) if tokens[k].rel.startswith("nsubj")]
        if any(_starts(lex, "gather_subject", tokens, k) or _supreme_at(lex, view, k)
               for k in subj):
            out.append(Trigger("gather", a, b, a))
    return sorted(out, key=lambda t: t.first)


def _starts(lex, kind: str, tokens, k: int) -> bool:
    """A phrase of ``kind`` starts at token ``k``."""
    return any(a == k for a, _ in lex.find(kind, tokens, k, min(len(tokens), k + 8)))


def _supreme_at(lex, view: SentView, k: int) -> bool:
    """A supreme council named at token ``k`` ('Совет глав государств СНГ собрался')."""
    if _starts(lex, "supreme_body", view.tokens, k):
        return True
    ref = view.ref_at(k)
    return ref is not None and ref.cls in ORG_CLASSES and _supreme_ref(lex, ref)


def _sentence_summits(doc: Doc, lex, view: SentView, state: State,
                      mentions: list[Mention]) -> dict[int, object]:
    """Summit mentions of one sentence; returns {trigger head: Mention | NOT_SUMMIT}. An
    ordinal standing for a summit after a comma ("..., шестой - в октябре 2022 года в
    Астане") is another summit of the same organization, with the dates and places of its
    own part (which the summit before does not take)."""
    local: dict[int, object] = {}
    morph = doc.ctx.models.morph_vocab
    parts = elided_heads(view.tokens, 0, lambda k: is_ordinal(view.tokens[k], morph))
    outside = replace(view, dates=tuple(d for d in view.dates if not _in_parts(view, d, parts)),
                      refs=tuple(r for r in view.refs if not any(a <= r.first < b
                                                                 for a, b in parts)))
    own: list[Mention] = []
    for trig in _triggers(lex, view):
        if any(a <= trig.head < b for a, b in parts):
            continue
        found = _classify(doc, lex, outside if parts else view, trig, state)
        if found is None:
            continue
        if isinstance(found, Mention):
            found.view = view
            if not any(found is m for m in mentions):
                mentions.append(found)
                own.append(found)
        local[trig.head] = found
        state.current = found
        if isinstance(found, Mention) and not found.other:
            state.main = found
    for a, b in parts:
        before = [m for m in own if m.head < a]
        if before:
            mentions.append(_elided(doc, lex, view, state, before[-1], a, b))
    return local


def _in_parts(view: SentView, d: TimeExpr, parts) -> bool:
    k = view.token_index(d.start)
    return any(a <= k < b for a, b in parts)


def _elided(doc: Doc, lex, view: SentView, state: State, like: Mention, a: int, b: int):
    """The summit an ordinal stands for: the organization of the summit before it, the
    date and the place of its own part."""
    tokens = view.tokens
    dates = [d for d in view.dates if a <= view.token_index(d.start) < b and d.kind == "point"]
    verb = tokens[a].head if tokens[a].rel.startswith("nsubj") else None
    tense = _tense(tokens, verb, like.tense)
    date = _in_tense(doc, _combine(dates), tense, view.tense) if dates else None
    places = [iri for i, iri in _place_candidates(doc, lex, view, state) if a <= i < b]
    cities = [p for p in places if _cls(doc, p) == "City"]
    place = (cities or places or [None])[0]
    return Mention(view.index, a, like.org, date, place, tense, True, view,
                   partners=like.partners)


def _classify(doc: Doc, lex, view: SentView, trig: Trigger, state: State):
    """Mention (new facts), the current Mention (a reference back), NOT_SUMMIT, or None."""
    tokens = view.tokens
    h = trig.head
    kids = children(tokens, h)
    _frame(lex, tokens, trig)
    if trig.kind != "gather":
        if tokens[h].feat("Number") == "Plur":
            if trig.kind == "summit":
                return None
            body = _body_after(doc, lex, view, trig, state)
            if body[0] is False:
                return NOT_SUMMIT
            return current_summit(state) if body[1] == trig.last else None
        mods = [k for k in kids if tokens[k].rel in ("det", "amod")]
        if any(is_kind(lex, kind, tokens, k) for k in mods
               for kind in ("generic", "bilateral", "hypothetical")):
            return None  # 'каждый саммит', 'двусторонняя встреча', 'возможный саммит'
        if _with_partner(view, h):
            return None
    org, explicit, span_end, *partners = _organization(doc, lex, view, trig, state)
    if org is False:
        return NOT_SUMMIT
    if org == "skip":
        return None
    if _unreal(lex, tokens, trig):
        return None
    other = any(is_kind(lex, "other", tokens, k) for k in kids if tokens[k].rel in ("amod", "det"))
    span = (trig.first, max(span_end, trig.last))
    own = [k for k in children(tokens, h) if tokens[k].rel in ("acl", "acl:relcl") and
           is_kind(lex, "occur", tokens, k)]
    tense = _tense(tokens, own[0] if own else trig.p, view.tense)  # 'саммит, который пройдет'
    if trig.p is not None and trig.role in ("на", "в") and trig.below == h and \
            tokens[h].feat("Case") == "Acc" and not is_kind(lex, "arrive", tokens, trig.p):
        tense = "unknown"  # 'пригласил на саммит': the invitation's time, not the summit's
    date = _date_of(doc, lex, view, trig, span, tense)
    place = _place_of(doc, lex, view, trig, span, state)
    current = current_summit(state)
    if not explicit and date is None and place is None and not other:
        # a bare word refers back: to the summit being reported, or to another meeting
        if current is not None or state.current is NOT_SUMMIT:
            return current
    if org is None and trig.kind != "summit" and current is not None and (
            (date is not None and current.date is not None and date.value != current.date.value)
            or (place is not None and current.place is not None and place != current.place)):
        return None  # 'министры ... на заседании в Каире': another meeting, not a summit
    if org is None and trig.kind == "summit" and trig.role == "obj" and trig.p is not None:
        hosts = _subject_orgs(doc, view, trig.p)  # "АСЕАН и ССАГПЗ провели совместный саммит"
        if hosts:
            org, partners = hosts[0], [hosts[1:]]
    if org is None:
        # a summit word without its organization: that of the summit being reported, or
        # (not for a bare 'заседание') one named in the context
        if current is not None:
            org = current.org
        elif trig.kind == "summit":
            org = _context_org(doc, view, h)
        if org is None:
            return None
    return Mention(view.index, h, org, date, place, tense, other, view,
                   partners=tuple(partners[0]) if partners else ())


def _subject_orgs(doc: Doc, view: SentView, v: int) -> list[str]:
    """The international organizations that are the subject of the verb ``v`` (with the
    ones coordinated with it)."""
    tokens = view.tokens
    out: list[str] = []
    for k in subjects(tokens, v):
        for j in (k, *(c for c in children(tokens, k) if tokens[c].rel == "conj")):
            ref = view.ref_at(j)
            if ref is not None and ref.cls in INTERNATIONAL and _org(doc, ref) not in out:
                out.append(_org(doc, ref))
    return out


def _with_partner(view: SentView, h: int) -> bool:
    """'встреча с ...' is a meeting with someone, not a summit."""
    tokens = view.tokens
    for k in children(tokens, h):
        if tokens[k].rel in ("nmod", "obl") and preposition(tokens, k) == "с":
            return True
    return False


def _unreal(lex, tokens, trig: Trigger) -> bool:
    """A summit as the subject or object of a hypothetical or negated predicate, or
    cancelled ("может пройти", "предложил провести", "не состоялся", "отложен")."""
    p = trig.p
    if p is None or trig.role not in ("subj", "obj"):
        return False
    if trig.below != trig.head and not is_kind(lex, "occur_noun", tokens, trig.below):
        return False  # 'не смог принять участие в саммите': the summit itself is real
    return (negated(lex, tokens, p) or is_kind(lex, "cancel", tokens, p) or
            hypothetical(lex, tokens, p))


# -- organization -------------------------------------------------------------


def _skip_filler(tokens, i: int, end: int) -> int:
    while i < end and tokens[i].text in ('"', "«", "»", "(", "“", "”"):
        i += 1
    return i


def _ref_from(view: SentView, i: int) -> Ref | None:
    return view.ref_starting(i) or view.ref_at(i)


def _supreme_ref(lex, ref: Ref) -> bool:
    """A mention of a supreme council ('ВЕЭС', 'СКБ ОДКБ': by its label)."""
    matcher = lex.matchers.get("supreme_body")
    if matcher is None:
        return False
    for text in (ref.entity.label, ref.mention.text, ref.mention.normal):
        tokens = matcher.tokens_of(text)
        if tokens and matcher.match(tokens):
            return True
    return False


def _body_after(doc: Doc, lex, view: SentView, trig: Trigger, state: State):
    """The body named after a session word: (org IRI | None, end) if supreme, (False, end) if
    another body, (None, trig.last) if no body."""
    tokens = view.tokens
    n = len(tokens)
    i = _skip_filler(tokens, trig.last, n)
    if i >= n:
        return None, trig.last
    hits = [m for m in lex.find("supreme_body", tokens, i, min(n, i + 8)) if m[0] == i]
    ref = _ref_from(view, i)
    if hits or (ref is not None and ref.cls in ORG_CLASSES and _supreme_ref(lex, ref)):
        end = max([b for _, b in hits] + ([ref.last] if ref is not None and ref.first == i
                                          else []))
        org = None
        if ref is not None and ref.cls == "OrganizationBody" and ref.entity.parent:
            org = _org(doc, ref)
        j = _skip_filler(tokens, end, n)
        nxt = _ref_from(view, j) if j < n else None
        if nxt is not None and nxt.cls in ORG_CLASSES and nxt.first >= end:
            org = _org(doc, nxt)
            end = nxt.last
        if org is None:
            org = _context_org(doc, view, trig.head)
        state.last_body = (org, True)
        return org, end
    if tokens[i].lemma == "который" and tokens[i].feat("Case") == "Gen":
        return _antecedent_body(doc, lex, view, trig, state), i + 1
    if is_kind(lex, "body_word", tokens, i) and not _modified(tokens, i):
        if state.last_body is not None:
            org, supreme = state.last_body
            return (org if supreme else False), i + 1
        return None, i + 1
    if ref is not None and ref.cls in ORG_CLASSES:
        state.last_body = (_org(doc, ref), False)
        return False, ref.last
    tok = tokens[i]
    noun = i + 1 if tok.pos == "ADJ" and i + 1 < n else i
    if is_kind(lex, "time_noun", tokens, noun):
        return None, trig.last  # 'в заседаниях первого дня': a time, not a body
    if tok.pos in ("NOUN", "PROPN", "ADJ") and tok.feat("Case") == "Gen":
        state.last_body = (None, False)
        return False, i + 1
    return None, trig.last


def _modified(tokens, i: int) -> bool:
    """A noun with a genitive or adjective modifier of its own."""
    for k in children(tokens, i):
        if tokens[k].rel in ("nmod", "amod") and k > i:
            return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return bool(nxt is not None and nxt.pos in ("NOUN", "PROPN", "ADJ") and
                nxt.feat("Case") == "Gen")


def _antecedent_body(doc: Doc, lex, view: SentView, trig: Trigger, state: State):
    """'X, заседание которого ...': X is the body named before in the sentence."""
    tokens = view.tokens
    hits = [m for m in lex.find("supreme_body", tokens, 0, trig.first)]
    refs = [r for r in view.refs_in(0, trig.first, ORG_CLASSES)]
    if hits:
        org = next((_org(doc, r) for r in refs if r.first >= hits[-1][0]), None)
        org = org or _context_org(doc, view, trig.head)
        state.last_body = (org, True)
        return org
    if refs:
        ref = refs[-1]
        if _supreme_ref(lex, ref):
            state.last_body = (_org(doc, ref), True)
            return _org(doc, ref)
        state.last_body = (_org(doc, ref), False)
    return False


def _organization(doc: Doc, lex, view: SentView, trig: Trigger, state: State):
    """(org IRI | None | False | "skip", explicit?, end of the trigger's phrase).

    False: a session of a body that is not a supreme council (not a summit).
    "skip": a format or bilateral summit. None: no organization named.
    """
    tokens = view.tokens
    n = len(tokens)
    if trig.kind == "gather":
        subj = [k for k in children(tokens, trig.head) if tokens[k].rel.startswith("nsubj")]
        for k in subj:
            ref = view.ref_at(k)
            if ref is not None and ref.cls == "OrganizationBody" and ref.entity.parent:
                return _org(doc, ref), True, trig.last
            found = _org_in_phrase(doc, lex, view, k + 1, min(n, k + 8))
            if found == "skip":
                return "skip", False, trig.last  # 'лидеры России и Китая встретились'
            if found:
                return found[0], True, trig.last
        return "skip", False, trig.last  # leaders of no organization named
    if trig.kind == "session":
        org, end = _body_after(doc, lex, view, trig, state)
        if org is False:
            return False, False, end
        if end > trig.last:
            return org, org is not None, end
        return None, False, trig.last
    if trig.kind == "meeting":
        return None, False, trig.last
    found = _org_in_phrase(doc, lex, view, trig.last, min(n, trig.last + 6))
    if found == "skip":
        return "skip", False, trig.last
    if found:
        return found[0], True, found[1], found[2]
    return None, False, trig.last


def _org_in_phrase(doc: Doc, lex, view: SentView, i: int, end: int):
    """The organization named right after a trigger (skipping 'стран', quotes, '-'):
    (org IRI, end, partners) or "skip" for a summit of states or of a party and a place,
    or None. A joint summit names a second international organization after "и" or a dash
    ("саммит АСЕАН и ССАГПЗ", "саммит АСЕАН - ССАГПЗ"): its partners."""
    tokens = view.tokens
    while i < end:
        i = _skip_filler(tokens, i, end)
        if i >= end:
            return None
        ref = _ref_from(view, i)
        if ref is not None and ref.cls in ORG_CLASSES:
            org = _org(doc, ref)
            j = _after_abbreviation(view, ref)
            if j < len(tokens) and (tokens[j].text in DASHES or tokens[j].lemma == "и"):
                k = _ref_from(view, _skip_filler(tokens, j + 1, len(tokens)))
                if k is not None and k.cls in INTERNATIONAL and ref.cls in INTERNATIONAL \
                        and _org(doc, k) != org:
                    return org, _after_abbreviation(view, k), (_org(doc, k),)
                if tokens[j].text in DASHES and k is not None and (
                        k.cls in ORG_CLASSES or k.cls in PLACE_CLASSES):
                    return "skip"
            return org, ref.last, ()
        if ref is not None and ref.cls in PLACE_CLASSES | {"Location"}:
            if _preposition(tokens, ref.first) is None:
                return "skip"
            return None
        if doc.cues.has("org_anaphor", tokens, i, i + 1) and tokens[i].feat("Case") == "Gen":
            org = _anaphor_org(doc, view, i)
            return (org, i + 1, ()) if org else None
        if is_kind(lex, "connector", tokens, i) and tokens[i].feat("Case") == "Gen":
            i += 1
            continue
        return None
    return None


def _after_abbreviation(view: SentView, ref: Ref) -> int:
    """The token after a name and its bracketed abbreviation ("... Азии (АСЕАН)")."""
    tokens = view.tokens
    j = ref.last
    if j + 2 < len(tokens) and tokens[j].text == "(" and tokens[j + 2].text == ")":
        return j + 3
    return _skip_filler(tokens, j, len(tokens))


def _preposition(tokens, i: int) -> str | None:
    if i > 0 and tokens[i - 1].pos == "ADP":
        return tokens[i - 1].lemma
    return None


def _org(doc: Doc, ref: Ref) -> str:
    """The organization a mention stands for: a body -> its organization; an organization
    unknown to the gazetteer whose name holds a known international organization ('Комиссия
    Африканского союза') -> that organization."""
    entity = doc.org_of(ref)
    if entity.cls == "Organization":
        gaz = doc.gazetteer
        for _, _, entry in gaz.match(gaz.matcher.tokens_of(entity.label)):
            if entry.cls == "InternationalOrganization":
                return doc.state_entity(entry).iri
    return entity.iri


def _anaphor_org(doc: Doc, view: SentView, i: int) -> str | None:
    ref = doc.anaphor_ref(view.tokens[i].start, view.tokens[i].lemma)
    if ref is not None:
        return _org(doc, ref)
    main = doc.main_org()
    return main.iri if main else None


def _context_org(doc: Doc, view: SentView, h: int) -> str | None:
    """The organization of a bare summit word: one named in the sentence, else before."""
    refs = [r for r in view.refs if r.cls in INTERNATIONAL]
    before = [r for r in refs if r.first < h]
    if before:
        return _org(doc, before[-1])
    if refs:
        return _org(doc, refs[0])
    return _anaphor_org(doc, view, h)


# -- date and place -------------------------------------------------------------


def _attached(lex, tokens, x: int, trig: Trigger, span: tuple[int, int]) -> bool:
    """Token ``x`` belongs to the summit's phrase or to the predicate that reports it."""
    a, b = span
    if a <= x < b:
        return True
    p = trig.p
    use_p = p is not None and _reports(lex, tokens, trig)
    i = x
    seen = {x}
    for _ in range(25):
        h = tokens[i].head
        if h < 0 or h in seen or h >= len(tokens):
            return False
        seen.add(h)
        if a <= h < b:
            return True
        if is_verb(tokens[h]) and h != trig.head:
            if tokens[h].rel in ("acl", "acl:relcl") and a <= tokens[h].head < b:
                if not _relative_agrees(tokens, h, trig.head):
                    return False  # 'сессии ..., который руководил': another antecedent
                i = h
                continue
            if _before_relative(tokens, x, h):
                i = h  # a relative clause has no dependents before its 'который'
                continue
            if _trailing_participle(tokens, h, trig.head, b):
                return True
            return use_p if h == p else False
        i = h
    return False


def _relative_agrees(tokens, v: int, head: int) -> bool:
    """The 'который' of a relative clause hung inside the summit's phrase agrees with the
    summit word ``head`` or with the noun the parser hung it on ('встрече на высшем
    уровне, которая ...')."""
    nouns = (tokens[head], tokens[tokens[v].head])
    for k in children(tokens, v):
        t = tokens[k]
        if t.lemma == "чей" or any(tokens[m].lemma == "чей" for m in children(tokens, k)):
            return False  # 'чья страна ...' describes a person, not the summit
        if t.lemma == "который" and not any(same_gender_number(t, n) for n in nouns):
            return False
    return True


def _before_relative(tokens, x: int, v: int) -> bool:
    """Token ``x`` stands before the relative pronoun of the clause of ``v`` (the parser hung
    it there by mistake: 'пройдет в следующем году в Китае, который будет ...')."""
    if tokens[v].rel != "acl:relcl":
        return False
    rel = [k for k in children(tokens, v) if tokens[k].lemma == "который"]
    return bool(rel) and x < min(rel)


def _trailing_participle(tokens, v: int, noun: int, end: int) -> bool:
    """'саммит организации, прошедший в четверг': a participle right after the summit's
    phrase that agrees with it in gender and number (whatever head the parser chose)."""
    t = tokens[v]
    if t.feat("VerbForm") != "Part" or not 0 < v - end <= 2:
        return False
    if any(tokens[k].pos != "PUNCT" for k in range(end, v)):
        return False
    n = tokens[noun]
    return t.feat("Number") == n.feat("Number") and (
        t.feat("Number") == "Plur" or t.feat("Gender") == n.feat("Gender"))


def _reports(lex, tokens, trig: Trigger) -> bool:
    """The predicate's date and place are the summit's: it happens or is held (the summit
    is its subject or object), something is done at it ("на саммите", "на открытии
    саммита", "в ходе саммита") or right after it ("по итогам саммита")."""
    p, below, role = trig.p, trig.below, trig.role
    if trig.kind == "gather":
        return True
    if role == "subj" and is_kind(lex, "occur", tokens, p):
        return True
    if role == "obj" and (is_kind(lex, "occur", tokens, p) or is_kind(lex, "host", tokens, p) or
                          is_kind(lex, "receive", tokens, p)):
        return True  # 'саммит в августе 2026 года примет ЮАР'
    if below == trig.head and role in ("на", "в"):
        # 'на саммите' (where) or 'прибыл на саммит'; not 'пригласил на саммит' (whither)
        return tokens[below].feat("Case") != "Acc" or is_kind(lex, "arrive", tokens, p)
    if below != trig.head and role in ("на", "в") and is_kind(lex, "at_frame", tokens, below):
        return True
    if below != trig.head and role == "по" and is_kind(lex, "result", tokens, below):
        return True
    return False


def _date_of(doc: Doc, lex, view: SentView, trig: Trigger, span,
             tense: str | None) -> TimeExpr | None:
    """The date attached to the summit; with no such date, one stated earlier in the
    sentence of a summit that 'пройдет' ('В 2023 году ..., там же пройдет сессия')."""
    tokens = view.tokens
    found = []
    for d in view.dates:
        if d.kind not in ("point", "range"):
            continue
        x = view.token_index(d.start)
        if d.precision == "year" and x > 0 and tokens[x - 1].text.lower() == "на":
            continue  # 'принял председательство на 2025 год': a period, not a time
        last = view.token_index(d.end - 1)
        if any(_attached(lex, tokens, k, trig, span) for k in range(x, min(last + 1,
                                                                            len(tokens)))):
            found.append(d)
    if not found and trig.role == "subj" and is_kind(lex, "occur", tokens, trig.p):
        before = [d for d in view.dates if d.kind == "point" and d.end <= tokens[trig.head].start]
        found = before[-1:]
    if not found:
        return None
    return _combine([_in_tense(doc, d, tense, view.tense) for d in found])


def _in_tense(doc: Doc, d: TimeExpr, tense: str | None, sentence_tense: str | None) -> TimeExpr:
    """A date resolved with the tense of the summit's own clause ('Токаев сообщил, что
    заседание состоится в конце мая': future, not the past of 'сообщил')."""
    own = tense if tense in ("past", "future") else None
    if tense == "unknown" or own == sentence_tense or not doc.article.date:
        return d
    again = find_dates(d.text, doc.article.date, own)
    if len(again) == 1 and again[0].precision == d.precision:
        a = again[0]
        return TimeExpr(d.start, d.end, d.text, a.value, a.precision, d.kind, a.end_value)
    return d


def _combine(found: list[TimeExpr]) -> TimeExpr:
    """The most precise date, a point before a range (the first year of a range); a year
    stated apart ('в прошлом году ... 8 октября') replaces the year guessed for a day or
    month."""
    best = max(found, key=lambda d: (RANK.get(d.precision, 0), d.kind == "point", _neg(d.value)))
    years = [d for d in found if d.precision == "year" and d.kind == "point"]
    if best.precision != "year" and years and not any(ch.isdigit() for ch in best.text[-4:]):
        year = years[0].value[:4]
        value = year + best.value[4:]
        return TimeExpr(best.start, best.end, best.text, value, best.precision, best.kind,
                        best.end_value)
    return best


def _place_candidates(doc: Doc, lex, view: SentView, state: State) -> list[tuple[int, str]]:
    """(token, place IRI) of the locative places of a sentence: 'в Минске', 'на Мальте',
    'в столице Белоруссии', 'в белорусской столице', 'там же', 'здесь'."""
    tokens = view.tokens
    out = []
    for ref in view.refs:
        head = head_of(tokens, ref.first, ref.last)
        if ref.cls == "Location":  # a name unknown to the gazetteer: 'в городе Габала'
            noun = _settlement_of(doc, tokens, head)
            if noun is not None:
                out.append((noun, ref.iri))
            elif preposition(tokens, head) == "в" and tokens[head].pos == "PROPN" and \
                    ref.last - ref.first == 1 and _locative(doc, tokens, head) and \
                    not doc.cues.has("region", tokens, ref.first, ref.last):
                out.append((head, ref.iri))  # 'прошел в Ханкенди', not 'в Европе'
            continue
        if ref.cls not in PLACE_CLASSES:
            continue
        prep = _preposition(tokens, ref.first)
        if tokens[head].pos == "ADJ":
            continue  # 'в азербайджанском городе Габала': the city is the place
        if prep in ("в", "на") and _locative(doc, tokens, head):
            out.append((head, ref.iri))
            continue
        noun = _settlement_of(doc, tokens, head)
        if noun is not None:
            out.append((noun, ref.iri))
    for i in range(len(tokens)):
        if doc.cues.has("capital", tokens, i, i + 1) and preposition(tokens, i) in (
                "в", "на") and _locative(doc, tokens, i):
            city = _capital_at(doc, view, i)
            if city:
                out.append((i, city))
    for a, _ in doc.cues.find("there", tokens):
        before = [iri for i, iri in _named_places(doc, view) if i < a]
        known = before or state.places
        if known:
            out.append((a, known[-1]))
    for i, tok in enumerate(tokens):
        if tok.lemma == "где" and i >= 2 and tokens[i - 1].text == ",":
            ref = view.ref_at(i - 2)  # 'прибыл в Казань, где пройдет саммит'
            if ref is not None and ref.cls in PLACE_CLASSES:
                out.append((i, ref.iri))
    for a, _ in doc.cues.find("here", tokens):
        city = doc.dateline_city()
        if city:
            out.append((a, city.iri))
    return sorted(out)


def _settlement_of(doc: Doc, tokens, head: int) -> int | None:
    """'в портовом городе Джидда', 'на острове Бали': the locative noun a name stands in
    apposition to."""
    h = tokens[head].head
    if not 0 <= h < len(tokens) or tokens[head].rel not in ("appos", "flat", "flat:name",
                                                             "nmod", "conj"):
        return None
    if h != head - 1 and not all(tokens[k].pos in ("ADJ", "PUNCT") for k in range(h + 1, head)):
        return None
    if doc.cues.has("settlement", tokens, h, h + 1) and preposition(tokens, h) in (
            "в", "на") and _locative(doc, tokens, h):
        return h
    return None


def _locative(doc: Doc, tokens, i: int) -> bool:
    """'в Минске', 'саммит в Душанбе' (any case after a noun), not 'приехал в Минск'; an
    indeclinable name ('запланирована в Баку') may be either."""
    case = tokens[i].feat("Case")
    if case in ("Loc", None) or indeclinable(tokens[i], doc.ctx.models.morph_vocab):
        return True
    h = tokens[i].head
    return case != "Acc" or not (0 <= h < len(tokens) and is_verb(tokens[h]))


def _place_of(doc: Doc, lex, view: SentView, trig: Trigger, span, state: State) -> str | None:
    tokens = view.tokens
    cands = _place_candidates(doc, lex, view, state)
    hits = [iri for i, iri in cands if _attached(lex, tokens, i, trig, span)]
    if not hits:
        if trig.role == "subj" and is_kind(lex, "occur", tokens, trig.p):
            hits = [iri for i, iri in cands if tokens[i].head == trig.p or
                    _near_there(doc, view, i)]
    if not hits and trig.role == "obj" and is_kind(lex, "receive", tokens, trig.p):
        hits = _hosts(view, trig.p)  # 'саммит примет ЮАР', 'Бахрейн, который примет саммит'
    if not hits:
        return None
    cities = [iri for iri in hits if _cls(doc, iri) == "City"]
    return cities[0] if cities else hits[0]


def _hosts(view: SentView, v: int) -> list[str]:
    """The states or cities that are the subject of the verb ``v`` (a relative pronoun
    stands for its antecedent)."""
    out = []
    for k in subjects(view.tokens, v):
        ref = view.ref_at(k) or relative_antecedent(view, k, PLACE_CLASSES)
        if ref is not None and ref.cls in PLACE_CLASSES:
            out.append(ref.iri)
    return out


def _near_there(doc: Doc, view: SentView, i: int) -> bool:
    return doc.cues.has("there", view.tokens, i, i + 2) or doc.cues.has("here", view.tokens, i,
                                                                         i + 1)


def _cls(doc: Doc, iri: str) -> str | None:
    entity = doc.entity_by_iri(iri)
    return entity.cls if entity else None


def _capital_at(doc: Doc, view: SentView, i: int) -> str | None:
    """'столица Белоруссии' / 'белорусская столица' -> the capital's IRI."""
    tokens = view.tokens
    state_entry = None
    for k in children(tokens, i) + [i - 1, i + 1]:
        if not 0 <= k < len(tokens):
            continue
        ref = view.ref_at(k)
        if ref is not None and ref.cls == "State" and k > i:
            state_entry = doc.gazetteer.by_id.get(_entry_id(ref.iri))
            break
        if tokens[k].pos == "ADJ":
            entry = doc.gazetteer.adjective(tokens[k].lemma)
            if entry is not None and entry.cls == "State":
                state_entry = entry
                break
    if state_entry is None:
        return None
    city_id = _capitals().get(state_entry.id)
    city = doc.gazetteer.by_id.get(city_id) if city_id else None
    return doc.state_entity(city).iri if city else None


def _entry_id(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    from kg.gazetteer import read_tsv
    from kg.paths import GAZETTEER_DIR

    return {row["id"]: row.get("capital", "") for row in read_tsv(GAZETTEER_DIR / "states.tsv")
            if row.get("id") and row.get("capital")}


def _remember_places(doc: Doc, view: SentView, state: State) -> None:
    """Places named in the sentence, for a later 'там же'."""
    state.places.extend(iri for _, iri in _named_places(doc, view))


def _named_places(doc: Doc, view: SentView) -> list[tuple[int, str]]:
    """(token, IRI) of the places a sentence names, but not a state in a title
    ('президент России Владимир Путин')."""
    tokens = view.tokens
    found = []
    for ref in view.refs:
        if ref.cls not in PLACE_CLASSES:
            continue
        nxt = view.ref_starting(ref.last)
        if nxt is not None and nxt.cls == "Person":
            continue
        if _preposition(tokens, ref.first) is None and ref.cls == "State" and \
                tokens[head_of(tokens, ref.first, ref.last)].feat("Case") == "Gen":
            continue
        found.append((ref.first, ref.iri))
    for i in range(len(tokens)):
        if doc.cues.has("capital", tokens, i, i + 1):
            city = _capital_at(doc, view, i)
            if city:
                found.append((i, city))
    return sorted(found)


# -- participants ---------------------------------------------------------------


# -- merging mentions into events -------------------------------------------------------


def _merge(doc: Doc, mentions: list[Mention]) -> list[Node]:
    nodes: list[Node] = []
    for m in mentions:
        if m.date is not None:
            key = _key(m.date.value, m.date.precision)
            node = next((n for n in nodes if n.org == m.org and _node_key(n) == key), None)
            if node is not None and _another_day(node, m):
                node = None
                key = m.date.value
            if node is None:
                node = Node(m.org, m.sent, day_key=key == m.date.value and
                            m.date.precision == "day")
                nodes.append(node)
            _join(node, m)
    for m in mentions:
        if m.date is not None:
            continue
        node = None
        same_org = [n for n in nodes if n.org == m.org]
        if m.place is not None:
            fits = [n for n in same_org if _place_fits(doc, n, m.place)]
            node = _nearest(fits, m.sent)
        elif not m.other:
            node = _nearest([n for n in same_org if n.first <= m.sent or
                             not all(x.other for x in n.mentions)], m.sent)
        if node is None:
            node = Node(m.org, m.sent, implied=_implied_date(doc, m))
            nodes.append(node)
        _join(node, m)
    return _dedupe(nodes)


def _another_day(node: Node, m: Mention) -> bool:
    """'Следующий саммит пройдет 20-21 марта' in an article on the summit of 6 March, or a
    summit of the organization alone on another day than its joint one: two summits in one
    month; the later one gets a node of its own, keyed by its day."""
    days = [d.value for d in node.dates if d.precision == "day"]
    if m.date.precision == "day" and days and m.date.value not in days and \
            set(m.partners) != set(node.partners):
        return True  # "саммит АСЕАН" the day before the joint summit АСЕАН - ССАГПЗ
    return bool(m.other and m.date.precision == "day" and days and m.date.value not in days
                and all(abs(_days(v, m.date.value)) > RECENT_DAYS for v in days))


def _days(a: str, b: str) -> int:
    try:
        return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days
    except ValueError:
        return 0


def _join(node: Node, m: Mention) -> None:
    node.mentions.append(m)
    node.first = min(node.first, m.sent)
    if m.date is not None:
        node.dates.append(m.date)
    if m.place is not None:
        node.places.append(m.place)
    m.node = node


def _nearest(nodes: list[Node], sent: int) -> Node | None:
    before = [n for n in nodes if n.first <= sent]
    if before:
        return max(before, key=lambda n: max(x.sent for x in n.mentions if x.sent <= sent)
                   if any(x.sent <= sent for x in n.mentions) else n.first)
    after = [n for n in nodes if n.first > sent]
    return min(after, key=lambda n: n.first) if after else None


def _place_fits(doc: Doc, node: Node, place: str) -> bool:
    for p in node.places:
        if p == place or _inside(doc, p, place) or _inside(doc, place, p):
            return True
    return False


def _inside(doc: Doc, city: str, state: str) -> bool:
    entity = doc.entity_by_iri(city)
    return bool(entity and entity.cls == "City" and entity.parent == state)


def _implied_date(doc: Doc, m: Mention) -> str | None:
    """A summit reported in the past or present tense without a date: the article's month
    (not for 'предыдущий / следующий саммит', which is another one)."""
    if doc.article.date and m.tense in ("past", "present", None) and not m.other:
        return doc.article.date[:7]
    return None


def _key(value: str | None, precision: str | None) -> str:
    if not value:
        return ""
    return value[:7] if precision in ("day", "month") else value[:4]


def _best_date(node: Node) -> tuple[str | None, str | None]:
    if node.dates:
        best = max(node.dates, key=lambda d: (RANK.get(d.precision, 0), _neg(d.value)))
        return best.value, best.precision
    if node.implied:
        return node.implied, "month"
    return None, None


def _neg(value: str) -> tuple:
    return tuple(-ord(c) for c in value)


def _node_key(node: Node) -> str:
    value, precision = _best_date(node)
    if node.day_key and value:
        return value
    return _key(value, precision)


def _dedupe(nodes: list[Node]) -> list[Node]:
    """Nodes that end with the same organization and key are one event."""
    out: list[Node] = []
    for node in nodes:
        same = next((n for n in out if n.org == node.org and _node_key(n) == _node_key(node)),
                    None)
        if same is None:
            out.append(node)
            continue
        for m in node.mentions:
            _join(same, m)
        if not same.dates and node.implied:
            same.implied = same.implied or node.implied
    return out


# -- facts ------------------------------------------------------------------------


def _place(doc: Doc, node: Node, date: str | None, precision: str | None) -> str | None:
    cities = [p for p in node.places if _cls(doc, p) == "City"]
    place = cities[0] if cities else (node.places[0] if node.places else None)
    city = doc.dateline_city()
    if city is None:
        return place
    if _own_event(doc, date, precision, node):
        if place is None:
            return city.iri
        if _cls(doc, place) == "State" and city.parent == place:
            return city.iri
    if place is not None and _cls(doc, place) == "State" and city.parent == place and \
            date and doc.article.date and date[:7] == doc.article.date[:7] and \
            precision == "month" and not all(m.tense == "future" for m in node.mentions):
        return city.iri  # 'прошедшего там же саммита' (that state), this month, from there
    return place


def _own_event(doc: Doc, date: str | None, precision: str | None, node: Node) -> bool:
    """The summit happens where and when the article is written: dated within the last
    days before the article, and not reported in the future tense."""
    if not doc.article.date or not date:
        return False
    if all(m.tense == "future" for m in node.mentions):
        return False
    if precision == "month" and not node.dates and _in_lead(doc, node):
        return date == doc.article.date[:7]  # reported in the lead with no date of its own
    return precision == "day" and _recent(doc, date)


def _recent(doc: Doc, day: str) -> bool:
    """An ISO day within the last RECENT_DAYS days up to the article date."""
    try:
        gap = (dt.date.fromisoformat(doc.article.date) - dt.date.fromisoformat(day)).days
    except (TypeError, ValueError):
        return False
    return 0 <= gap <= RECENT_DAYS


def _in_lead(doc: Doc, node: Node) -> bool:
    """The summit is named in the first two sentences of the body."""
    body = [v.index for v in doc.sentences if v.sentence.block == "body"][:2]
    return any(m.sent in body for m in node.mentions)


def _facts(doc: Doc, nodes: list[Node], links) -> list[Fact]:
    out: list[Fact] = []
    iris: dict[int, str] = {}
    for node in nodes:
        date, precision = _best_date(node)
        key = _node_key(node)
        iri = node_iri("summit", node.org, key)
        iris[id(node)] = iri
        names = [e.label for e in map(doc.entity_by_iri, (node.org, *node.partners)) if e]
        label = f"Саммит {' — '.join(names)} {key}".strip()
        first = min(node.mentions, key=lambda m: m.sent)
        place = _place(doc, node, date, precision)
        for org_iri in (node.org, *node.partners):  # a joint summit: one event, each organization
            out.append(fact("summit", first.view, EXTRACTOR, summit=iri, organization=org_iri,
                            place=place, date=date, label=label))
    seen = set()
    for mention, person, view in links:
        node = mention.node
        if node is None:
            continue
        iri = iris.get(id(node))
        if iri is None:
            iri = next((iris[id(n)] for n in nodes if mention in n.mentions), None)
        if iri is None or (iri, person) in seen:
            continue
        seen.add((iri, person))
        out.append(fact("participant", view, EXTRACTOR, event=iri, participant=person))
    return out
