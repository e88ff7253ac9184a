"""Summit mentions into events: mentions of one organization and month (or year, or
day) are one event; a mention without a date joins the event of its place or the one being
reported; the event's date, place and label; its facts (kg/facts/summits.py says how).
"""

from __future__ import annotations

import datetime as dt

from kg.facts.base import Doc, fact
from kg.facts.summit_base import (
    EXTRACTOR,
    RANK,
    RECENT_DAYS,
    Mention,
    Node,
    class_of,
    date_order,
)
from kg.iri import node_iri
from kg.records import Fact


def merge_mentions(doc: Doc, mentions: list[Mention]) -> list[Node]:
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
        best = max(node.dates, key=lambda d: (RANK.get(d.precision, 0), date_order(d.value)))
        return best.value, best.precision
    if node.implied:
        return node.implied, "month"
    return None, None


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


def _place(doc: Doc, node: Node, date: str | None, precision: str | None) -> str | None:
    cities = [p for p in node.places if class_of(doc, p) == "City"]
    place = cities[0] if cities else (node.places[0] if node.places else None)
    city = doc.dateline_city()
    if city is None:
        return place
    if _own_event(doc, date, precision, node):
        if place is None:
            return city.iri
        if class_of(doc, place) == "State" and city.parent == place:
            return city.iri
    if place is not None and class_of(doc, place) == "State" and city.parent == place and \
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
    if precision == "month" and not node.dates and in_lead(doc, node):
        return date == doc.article.date[:7]  # reported in the lead with no date of its own
    return precision == "day" and recent(doc, date)


def recent(doc: Doc, day: str) -> bool:
    """An ISO day within the last RECENT_DAYS days up to the article date."""
    try:
        gap = (dt.date.fromisoformat(doc.article.date) - dt.date.fromisoformat(day)).days
    except (TypeError, ValueError):
        return False
    return 0 <= gap <= RECENT_DAYS


def in_lead(doc: Doc, node: Node) -> bool:
    """The summit is named in the first two sentences of the body."""
    body = [v.index for v in doc.sentences if v.sentence.block == "body"][:2]
    return any(m.sent in body for m in node.mentions)


def event_facts(doc: Doc, nodes: list[Node], links) -> list[Fact]:
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

