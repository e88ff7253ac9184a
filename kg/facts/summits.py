"""Summits (``summit``) and the people who took part in them (``participant``).

Cue words live in ``ontology/lexicon/summits.tsv``. The records and the predicate checks
every part shares are in ``kg/facts/summit_base.py``; the organization of a summit word in
``kg/facts/summit_orgs.py``; dates and places in
``kg/facts/summit_places.py``; events and their facts in ``kg/facts/summit_events.py``;
participants in ``kg/facts/participants.py``.

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

from dataclasses import replace

from kg.dates import TimeExpr
from kg.facts.base import Doc, SentView, lexicon
from kg.facts.participants import participants_of
from kg.facts.summit_base import (
    NOT_SUMMIT,
    ORG_CLASSES,
    Mention,
    State,
    Trigger,
    class_of,
    current_summit,
    future_tense,
    hypothetical,
    is_kind,
    negated,
)
from kg.facts.summit_events import event_facts, in_lead, merge_mentions, recent
from kg.facts.summit_orgs import body_after, context_org, subject_orgs, summit_org, supreme_ref
from kg.facts.summit_places import (
    combine_dates,
    date_of,
    in_tense,
    place_candidates,
    place_of,
    remember_places,
)
from kg.records import Fact
from kg.syntax.agreement import is_ordinal
from kg.syntax.coordination import elided_heads
from kg.syntax.tree import children, governing_verb, is_verb, preposition

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
        remember_places(doc, view, state)
    nodes = merge_mentions(doc, mentions)
    for node in nodes:
        if not node.dates and node.implied and in_lead(doc, node):
            node.dates.extend(_lead_day(doc))
    return event_facts(doc, nodes, links)


def _lead_day(doc: Doc) -> list[TimeExpr]:
    """'Главы государств СНГ сегодня приняли заявление. Документ одобрен на заседании ...':
    the day the first sentence of the body reports, when it is one of the last few days
    before the article (a summit named in the lead with no date of its own took place
    then)."""
    body = [v for v in doc.sentences if v.sentence.block == "body"][:1]
    if not body or not doc.article.date:
        return []
    days = [d for d in body[0].dates if d.kind == "point" and d.precision == "day"]
    return days if len(days) == 1 and recent(doc, days[0].value) else []


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
    return ref is not None and ref.cls in ORG_CLASSES and supreme_ref(lex, ref)


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
    date = in_tense(doc, combine_dates(dates), tense, view.tense) if dates else None
    places = [iri for i, iri in place_candidates(doc, lex, view, state) if a <= i < b]
    cities = [p for p in places if class_of(doc, p) == "City"]
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
            if trig.kind == "summit" or any(is_kind(lex, "other", tokens, k) for k in kids
                                            if tokens[k].rel in ("amod", "det")):
                return None  # 'в нескольких предыдущих встречах': other meetings
            body = body_after(doc, lex, view, trig, state)
            if body[0] is False:
                return NOT_SUMMIT
            return current_summit(state) if body[1] == trig.last else None
        mods = [k for k in kids if tokens[k].rel in ("det", "amod")]
        if any(is_kind(lex, kind, tokens, k) for k in mods
               for kind in ("generic", "bilateral", "hypothetical")):
            return None  # 'каждый саммит', 'двусторонняя встреча', 'возможный саммит'
        if _with_partner(view, h):
            return None
    org, explicit, span_end, *partners = summit_org(doc, lex, view, trig, state)
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
    date = date_of(doc, lex, view, trig, span, tense)
    place = place_of(doc, lex, view, trig, span, state)
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
        hosts = subject_orgs(doc, view, trig.p)  # "АСЕАН и ССАГПЗ провели совместный саммит"
        if hosts:
            org, partners = hosts[0], [hosts[1:]]
    if org is None:
        # a summit word without its organization: that of the summit being reported, or
        # (not for a bare 'заседание') one named in the context
        if current is not None:
            org = current.org
        elif trig.kind == "summit":
            org = context_org(doc, view, h)
        if org is None:
            return None
    return Mention(view.index, h, org, date, place, tense, other, view,
                   partners=tuple(partners[0]) if partners else ())


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
