"""Posts: who holds (or held) which post in which organization or state.

The phrasings are patterns in ``ontology/patterns/posts.yaml`` (their units in
``kg/facts/post_units.py``); this module turns their matches into posts: it pairs the
holders and names of a match ("президенты России и Белоруссии Владимир Путин и
Александр Лукашенко"), keeps a role where it may be held (a state role in a state),
reads the status (former: "бывший", "экс-", a past "был", "тогдашние" for a whole list)
and the start and end dates (``kg/facts/tenure.py``), adds the holders a new one
replaced ("вместо", "сменил на посту"), and merges one post per person, role and
organization. A "председатель" acting for an organization ("как председатель ОДКБ") is a
chairmanship, not a post.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kg.facts import matcher, tenure
from kg.facts.base import Doc, SentView, fact, lexicon
from kg.facts.fact_context import governed_dates, previous_org
from kg.facts.holders import state_body
from kg.facts.post_units import UNITS
from kg.facts.role_phrases import RoleValue, fits
from kg.facts.tenure import Post
from kg.records import Fact
from kg.syntax.dating import event_date
from kg.syntax.modality import reading
from kg.syntax.tree import governing_verb

EXTRACTOR = "posts"
LIST_WORDS = {"и", ","}


@dataclass(frozen=True)
class _Found:
    """The posts one match gives, with the tokens of its role phrase."""

    posts: list[Post]
    first: int  # first token of the role phrase
    last: int  # the end of the match
    former: bool  # a former cue for the whole list ("тогдашние")


def extract(doc: Doc, posts: list[Fact]) -> list[Fact]:
    grammar = matcher.load_grammar("posts")
    cues = lexicon("post_cues", doc.ctx)
    found: list[Post] = []
    for view in doc.sentences:
        current = [n for n, p in enumerate(found) if p.status == "current"][-1:]
        if current:  # the post just taken, not a former one told after it
            found[current[0]] = tenure.start_after(view, cues, found[current[0]])
        found.extend(_sentence(doc, view, cues, matcher.run(grammar, doc, view, UNITS),
                               found))
    return [fact("post", p.view, EXTRACTOR, person=p.person, role=p.role,
                 organization=p.organization, start=p.start, end=p.end, status=p.status)
            for p in tenure.merge(_titled_heads(cues, found))]


def _titled_heads(cues, found: list[Post]) -> list[Post]:
    """"руководит ЮНЕСКО", "глава ВТО": the head of an organization holds the head's title
    the article gives for it ("генеральный директор ЮНЕСКО"), when it gives one."""
    titles: dict[str, set[str]] = {}
    for p in found:
        if p.role != GENERIC_HEAD and "/state/" not in p.organization and \
                _is_head_role(cues, p.role):
            titles.setdefault(p.organization, set()).add(p.role)
    return [replace(p, role=next(iter(titles[p.organization])))
            if p.role == GENERIC_HEAD and len(titles.get(p.organization, ())) == 1 else p
            for p in found]


GENERIC_HEAD = "глава"


def _is_head_role(cues, role: str) -> bool:
    matcher = cues.matchers.get("head_role")
    if matcher is None:
        return False
    tokens = matcher.tokens_of(role)
    return any(a == 0 and b == len(tokens) for a, b, _ in matcher.match(tokens))


def _sentence(doc: Doc, view: SentView, cues, matches, earlier: list[Post]) -> list[Post]:
    focus = _focus_state(doc, view, earlier)
    found = [f for m in matches for f in [_posts_of(doc, view, cues, m, focus)]
             if f is not None]
    found.sort(key=lambda f: f.first)
    out: list[Post] = []
    previous: _Found | None = None
    plural = _plural_former(view, cues)
    for f in found:
        # "тогдашние председатель X и генеральный секретарь Y": one cue for the list (also
        # when the first post of the list was not read: "тогдашние президент Чехословакии X,
        # президент Польши Y")
        between = {t.lemma for t in view.tokens[previous.last:f.first]} if previous else {"-"}
        if (previous is not None and previous.former and between <= LIST_WORDS) or (
                plural is not None and plural < f.first and not any(
                    t.pos in ("VERB", "AUX") for t in view.tokens[plural + 1:f.first])):
            f = replace(f, former=True, posts=[replace(p, status="former", start=None,
                                                       end=None) for p in f.posts])
        out.extend(f.posts)
        previous = f
    for m in matches:
        if m.get("predecessor"):
            out.extend(tenure.predecessors(view, m, out))
    for m in matches:
        if m.get("successor"):
            out.extend(tenure.successions(doc, view, cues, m, _new_post(m, out, earlier)))
    return out


def _plural_former(view: SentView, cues) -> int | None:
    """A former cue in the plural ("тогдашние", "бывшие") before a list of posts: its token."""
    for k, t in enumerate(view.tokens):
        if t.feat("Number") == "Plur" and cues.has("former", view.tokens, k, k + 1):
            return k
    return None


def _new_post(m: matcher.Match, posts: list[Post], earlier: list[Post]) -> Post | None:
    """The post a successor took: the last one named of the subject of "сменил" (in this
    sentence, else before; a current one over a former one told in an aside: "назначен X,
    в 2015 году возглавлявший МИД Турции. Он сменил Y"), else the last post named."""
    last = earlier[-1] if earlier else None
    subject = m.get("subject")
    if subject is not None:
        person = subject.value["person"].value.iri
        mine = [p for p in posts if p.person == person] or \
            [p for p in earlier if p.person == person]
        current = [p for p in mine if p.status == "current"]
        if current or mine:
            return (current or mine)[-1]
    return posts[-1] if posts else last


def _focus_state(doc: Doc, view: SentView, earlier: list[Post]):
    """The state an article's state posts are held in when a post names none ("Министр
    энергетики Алмасадам Саткалиев" after "Президент Казахстана ..."): the only state named
    so far, when a post before is held in it or the dateline city lies in it; of several
    named, the only one a post before is held in, when the dateline city lies in it and the
    sentence names no other. None when several states are in play."""
    named = {r.iri for v in doc.sentences[:view.index + 1] for r in v.refs if r.cls == "State"}
    held = {p.organization for p in earlier}
    city = doc.dateline_city()
    home = city.parent if city is not None else None
    if len(named) == 1:
        (state,) = named
        return doc.entity_by_iri(state) if state in held or home == state else None
    # several states named ("посол Казахстана в Германии"): the one whose posts the article
    # has told of, when the dateline city lies in it and this sentence names no other
    here = {r.iri for r in view.refs if r.cls == "State"} | {
        e.iri for t in view.tokens for e in [doc.adjective_state(t)] if e is not None}
    if named & held == {home} and not (here - {home}):
        return doc.entity_by_iri(home)
    return None  # no state, or several in play (a summit's delegations)


def _focus_org(doc: Doc, view: SentView, i: int):
    """The organization an organization's role without a holder is held in ("Генеральный
    секретарь Имангали Тасмагамбетов" after "Саммит ОДКБ"): the last one named before it
    (in this sentence or the one before), when it is an international one."""
    org = previous_org(doc, view.tokens[i].start, within=1)
    return org if org is not None and org.cls == "InternationalOrganization" else None


def _posts_of(doc: Doc, view: SentView, cues, m: matcher.Match, focus=None) -> _Found | None:
    """The posts of one match (None when it names no post); a state role without a holder
    is held in the state in focus."""
    roles = _roles(view, m)
    if focus is not None and m.get("focus_state"):
        roles = [(r, holders or ([(focus,)] if r.scope == "state" else []), plural)
                 for r, holders, plural in roles]
    if m.get("focus_org") and any(r.scope == "org" and not hs for r, hs, _ in roles):
        org = _focus_org(doc, view, min(h.first for h in _role_hits(m)))
        roles = [(r, hs or ([(org,)] if r.scope == "org" and org is not None else []), plural)
                 for r, hs, plural in roles]
    persons = [h.value for h in _persons(m)]
    if not roles:
        return None
    pairs = []
    if m.get("pairs"):  # "генеральные секретари СНГ - Сергей Лебедев и ОДКБ - ..."
        role = roles[0][0]
        for h in m.hits("pairs"):
            pairs.append((role, h.value["person"].value, (h.value["holder"].value,)))
    elif len(roles) > 1:  # "председатель КНР, генеральный секретарь ЦК КПК Си Цзиньпин"
        if len(persons) != 1:
            return None
        pairs = [(role, p, h) for role, holders, _ in roles for p, h in _pair(holders, persons)]
    elif persons:
        role, holders, plural = roles[0]
        if not plural and not 1 < len(holders) == len(persons):
            persons = persons[:1]
        pairs = [(role, p, h) for p, h in _pair(holders, persons)]
    pairs = [(r, p, h) for r, p, chain in pairs
             for h in [next((c for c in chain if fits(r, c)), None)] if h is not None]
    if not pairs:
        return None
    first = min(h.first for h in _role_hits(m))
    last = max(h.last for h in _role_words(m))
    verb = m.get("verb")
    former_verb = bool(m.get("past_is_former") and verb is not None
                       and view.tokens[verb.head].feat("Tense") == "Past")
    subject = next(iter(_persons(m)), None)
    cue_between = subject is not None and subject.last <= first and \
        cues.has("former", view.tokens, subject.last, first)
    left = _left_by_predicate(doc, view, cues, m) if verb is None else None
    out = []
    for role, person, holder in pairs:
        role, holder = _in_state(doc, view, role, holder, last, m.last)
        former = role.former or former_verb or cue_between
        start, end, period_former = tenure.dates(view, cues, first, last, doc.article.date,
                                                 m.get("tenure"))
        if former and not period_former:
            start = end = None  # appointment dates belong to the new post, not the old one
        if left is not None and not former:  # "Министр X ... освобожден от должности"
            former, end = True, left.value if left else end
        status = "former" if former or period_former else "current"
        out.append(Post(person.iri, role.label, holder.iri, start, end, status, view, first))
    # "тогдашние председатель X и генеральный секретарь Y": a plural cue before a singular
    # role speaks of the whole list
    tokens = view.tokens
    listed = any(tokens[k].feat("Number") == "Plur" and cues.has("former", tokens, k, k + 1)
                 for k in range(max(0, first - 2), first))
    return _Found(out, first, m.last, listed)


def _in_state(doc: Doc, view: SentView, role: RoleValue, holder, role_end: int, end: int):
    """'заместитель директора [полиции Чехии]': a post in an organ of a state is held in the
    state, the words between the role and the state joining the role."""
    ref = next((r for r in view.refs if r.iri == holder.iri and role_end <= r.first < end),
               None)
    state = state_body(doc, view, ref) if ref is not None else None
    if state is None:
        return role, holder
    words = " ".join(t.text for t in view.tokens[role_end:state.first])
    return replace(role, label=f"{role.label} {words}", scope="state"), state.entity


def _left_by_predicate(doc: Doc, view: SentView, cues, m: matcher.Match):
    """"Министр энергетики X, руководивший ведомством с 2023 года, освобожден от должности":
    the person named with the post is the subject of a verb of leaving it; its date (the
    clause's, or the sentence before's) ends the post. None when not; False when no date."""
    persons = _persons(m)
    if not persons:
        return None
    tokens = view.tokens
    v, _ = governing_verb(tokens, persons[0].head)
    if v is None or not any(a <= v < b for a, b in cues.find("leave", tokens)) or \
            reading(doc, tokens, v) != "fact":
        return None
    return event_date(doc, view, v, governed_dates) or False


def _roles(view: SentView, m: matcher.Match) -> list[tuple[RoleValue, list, bool]]:
    """(role, holders, plural) of each post the match names."""
    out = []
    for hit in (*m.hits("also"), *m.hits("post")):  # units "post": a role and its holder
        slots = hit.value
        if "role_holder" in slots:
            role, entity = slots["role_holder"].value
            out.append((role, [(entity,)], _plural(view, slots["role_holder"])))
            # "министра обороны и секретаря Совета безопасности Казахстана": roles before it
            # share its holder
            out.extend((r.value, [(entity,)], _plural(view, r)) for r in m_hits(slots, "role"))
        else:  # "министра обороны и секретаря Совета безопасности Казахстана": one holder
            holders = _holders(m_hits(slots, "holder"))
            out.extend((r.value, holders, _plural(view, r)) for r in m_hits(slots, "role"))
    holders = [_entity(h.value) for h in m.hits("holder")]
    holders = [(h,) for h in holders]
    role = m.get("role")
    if isinstance(role, str):  # the pattern names the role ("возглавляет" -> глава)
        out.append((RoleValue(role, "any"), holders, False))
    elif role is not None:  # a role or profession apart from its holder
        out.append((role.value, holders, _plural(view, role)))
    name = m.get("name")
    if name is not None:  # "Армению представлял вице-премьер Мгер Григорян"
        out.append((name.value["role"].value, holders, False))
    return out


def _holders(hits) -> list[tuple]:
    """The holders of a list of holder hits, each a tuple of candidates: names side by side
    are one genitive chain ("Сейма Латвии", "ЦК КПК", "Госсовета КНР"), whose holder is the
    body a state qualifies or else the last name, unless the role fits only another one."""
    chains: list[list] = []
    for h in hits:
        entity = _entity(h.value)
        if chains and chains[-1][-1][0].last == h.first:
            chains[-1].append((h, entity))
        else:
            chains.append([(h, entity)])
    out = []
    for chain in chains:
        names = [e for _, e in chain]
        if len(names) > 1 and names[-1].cls == "State" and names[-2].cls != "State":
            out.append((names[-2], *reversed(names[:-2]), names[-1]))
        else:
            out.append(tuple(reversed(names)))
    return out


def m_hits(slots: dict, name: str) -> tuple:
    value = slots.get(name)
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def _entity(value):
    """A holder as an entity (a mention's entity, or the entity a unit found)."""
    return getattr(value, "entity", value)


def _role_hits(m: matcher.Match) -> list[matcher.Hit]:
    hits = [*m.hits("also"), *m.hits("post"), *m.hits("pairs"), *m.hits("name")]
    if isinstance(m.get("role"), matcher.Hit):
        hits.append(m.get("role"))
    return hits or list(m.hits("holder"))


def _role_words(m: matcher.Match) -> list[matcher.Hit]:
    """The role phrases themselves (without their holders)."""
    out = [r for h in (*m.hits("also"), *m.hits("post"))
           for r in m_hits(h.value, "role_holder") or m_hits(h.value, "role")]
    out += [h.value["role"] for h in m.hits("name")]
    if isinstance(m.get("role"), matcher.Hit):
        out.append(m.get("role"))
    return out or _role_hits(m)


def _persons(m: matcher.Match) -> list[matcher.Hit]:
    for slot in ("subject", "name"):
        if m.get(slot) is not None:
            return [m.get(slot).value["person"]]
    return list(m.hits("person"))


def _plural(view: SentView, hit: matcher.Hit) -> bool:
    return any(t.feat("Number") == "Plur" for t in view.tokens[hit.first:hit.last]
               if t.pos in ("NOUN", "PROPN"))


def _pair(holders: list, persons: list) -> list[tuple]:
    """Holders to persons: one person holds the post in each ("Председатель Госсовета и
    Совета министров Кубы Рауль Кастро"); several, one each in order ("президенты России и
    Белоруссии Владимир Путин и Александр Лукашенко"); several in one ("министры Казахстана
    X и Y"); none when the counts differ (a name the tagger missed would shift the rest)."""
    if not holders:
        return []
    if len(persons) == 1:
        return [(persons[0], h) for h in holders]
    if len(holders) == len(persons):
        return list(zip(persons, holders))
    return [(p, holders[0]) for p in persons] if len(holders) == 1 else []


__all__ = ["extract", "Post"]
