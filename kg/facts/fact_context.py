"""What several fact kinds ask of an article: the organization a mention or a word referring
back stands for, the organization of the sentences before, the state a person or a word
stands for (a head of state for the state), the dates a predicate governs, the article's
year. Used by chairmanships, founding and cooperation.
"""

from __future__ import annotations

from kg.facts.base import Doc, SentView, lexicon
from kg.records import Entity, Fact
from kg.syntax.tree import children, governs

PERSONS_AND_STATES = {"Person", "State"}

ORGS = {"InternationalOrganization", "OrganizationBody"}


def token_span(view: SentView, start: int, end: int) -> list[int]:
    """Indices of the tokens inside the character span [start, end)."""
    return [i for i, t in enumerate(view.tokens) if start <= t.start and t.end <= end]


def head_of_span(view: SentView, idx: list[int]) -> int | None:
    """The token of a span whose head lies outside it (a noun preferred)."""
    inside = set(idx)
    heads = [i for i in idx if view.tokens[i].head not in inside]
    if not heads:
        return idx[0] if idx else None
    nouns = [i for i in heads if view.tokens[i].rel not in ("amod", "nummod", "det")]
    return (nouns or heads)[-1]


def date_head(view: SentView, date) -> int | None:
    return head_of_span(view, token_span(view, date.start, date.end))


def org_entity(doc: Doc, ref) -> Entity | None:
    """An organization named by a mention: an international organization, the
    organization of a body, or the one named inside a generic organization's label
    ("Комиссия Африканского союза" -> Африканский союз)."""
    if ref.cls == "InternationalOrganization":
        return ref.entity
    if ref.cls == "OrganizationBody":
        org = doc.org_of(ref)
        while org is not None and org.cls == "OrganizationBody" and org.parent:
            org = doc.entity_by_iri(org.parent)
        return org if org is not None and org.cls == "InternationalOrganization" else None
    if ref.cls == "Organization":
        return _org_in_label(doc, ref.entity.label)
    return None


def _org_in_label(doc: Doc, label: str) -> Entity | None:
    tokens = doc.gazetteer.matcher.tokens_of(label)
    for first, last, entry in doc.gazetteer.matcher.match(tokens):
        if entry.cls == "InternationalOrganization" and first > 0:
            return doc.state_entity(entry)
    return None


def anaphor_org(doc: Doc, view: SentView, i: int) -> Entity | None:
    """The organization an anaphor at token ``i`` refers to: the nearest one whose name
    holds the word ("форум" -> Форум стран - экспортеров газа, past a nearer ОПЕК; not for
    words any name may hold, ``generic_anaphor``), else the last one named before it (at
    most three sentences back), else the article's main organization."""
    tokens = view.tokens
    noun = "" if doc.cues.has("generic_anaphor", tokens, i, i + 1) else tokens[i].lemma
    named = doc.named_ref(tokens[i].start, noun)
    if named is not None:
        return doc.org_of(named)
    return previous_org(doc, tokens[i].start) or doc.main_org()


def previous_org(doc: Doc, offset: int, within: int = 3) -> Entity | None:
    """The organization of the last organization mention ending before ``offset``."""
    here = doc.sentence_at(offset)
    for view in reversed(doc.sentences[max(0, here - within):here + 1]):
        for ref in sorted(view.refs, key=lambda r: -r.start):
            if ref.end <= offset and ref.cls in ORGS | {"Organization"}:
                org = org_entity(doc, ref)
                if org is not None:
                    return org
    return None


def article_year(doc: Doc) -> int | None:
    return int(doc.article.date[:4]) if doc.article.date else None


def person_state(doc: Doc, posts: list[Fact], iri: str, roles=None) -> Entity | None:
    """The state a person holds a post of (from ``posts``, else from a "<role>
    <State> <Person>" phrase of the article); ``roles`` limits the role."""
    for post in posts:
        if post.get("person") != iri or post.get("status") == "former":
            continue
        org = doc.entity_by_iri(str(post.get("organization")))
        if org is None or org.cls != "State":
            continue
        if roles is None or _role_ok(doc, roles, str(post.get("role") or "")):
            return org
    for view in doc.sentences:
        for ref in view.refs:
            if ref.iri != iri:
                continue
            state = view.ref_at(ref.first - 1) if ref.first > 0 else None
            if state is None or state.cls != "State" or state.first == 0:
                continue
            if view.tokens[state.first - 1].pos not in ("NOUN", "PROPN", "ADJ"):
                continue
            if _former_before(doc, view, state.first):
                continue
            if roles is None or roles.has("leader_role", view.tokens,
                                          max(0, state.first - 3), state.first):
                return state.entity
    return None


def _state_of_body(doc: Doc, entity: Entity) -> Entity | None:
    """The state of a national body: its country, or the state named in its label."""
    if entity.parent:
        parent = doc.entity_by_iri(entity.parent)
        if parent is not None and parent.cls == "State":
            return parent
    tokens = doc.gazetteer.matcher.tokens_of(entity.label)
    for first, last, entry in doc.gazetteer.matcher.match(tokens):
        if entry.cls == "State" and first > 0:
            return doc.state_entity(entry)
    return None


def _former_before(doc: Doc, view: SentView, first: int) -> bool:
    """"бывший премьер-министр Казахстана ...": a former post."""
    lex = lexicon("chairmanships", doc.ctx)
    return any(view.tokens[j].pos == "ADJ" and lex.has("former", view.tokens, j, j + 1)
               for j in range(max(0, first - 4), first))


def _person_by_surname(doc: Doc, token) -> str | None:
    """A surname the mention finder missed, if it names one person of the article."""
    from kg.entities import iri_for_entry

    for word in (token.text, token.lemma):
        entry = doc.gazetteer.person_by_surname(word)
        if entry is not None:
            return iri_for_entry(entry)
    return None


def _role_ok(doc: Doc, roles, role: str) -> bool:
    matcher = roles.matchers.get("leader_role")
    tokens = matcher.tokens_of(role) if matcher is not None else []
    return bool(tokens) and roles.has("leader_role", tokens, 0, len(tokens))


def state_at(doc: Doc, view: SentView, i: int, posts: list[Fact], depth: int = 0,
             roles=None) -> Entity | None:
    """The state token ``i`` stands for: a state, a person (his state), a noun
    phrase with a state in it ("президент Белоруссии ...", "российская сторона")."""
    if depth > 3 or not 0 <= i < len(view.tokens):
        return None
    ref = view.ref_at(i)
    if ref is not None and ref.cls == "State":
        return ref.entity
    if ref is not None and ref.cls == "Person":
        return person_state(doc, posts, ref.iri, roles)
    if ref is not None and ref.cls not in ORGS and ref.cls not in ("City", "Location"):
        return _state_of_body(doc, ref.entity)  # "министерство иностранных дел Бразилии"
    tokens = view.tokens
    if ref is None and tokens[i].pos == "PROPN":
        person = _person_by_surname(doc, tokens[i])
        if person is not None:
            return person_state(doc, posts, person, roles)
    kids = children(view.tokens, i)
    for j in kids:
        r = view.ref_at(j)
        if tokens[j].rel in ("nmod", "amod") and r is not None and r.cls == "State":
            return r.entity
    for j in kids:
        if tokens[j].rel == "amod" and (state := doc.adjective_state(tokens[j])) is not None:
            return state
    for j in kids:
        if tokens[j].rel in ("appos", "flat:name", "flat"):
            found = state_at(doc, view, j, posts, depth + 1, roles)
            if found is not None:
                return found
    return None


def governed_dates(view: SentView, p: int) -> list:
    """The dates whose predicate is token ``p``: not inside another conjunct, and
    for a relative or participial clause not before the comma that opens it."""
    tokens = view.tokens
    low = 0
    if tokens[p].rel in ("acl", "acl:relcl", "advcl"):
        commas = [k for k in range(p) if tokens[k].text == ","]
        low = commas[-1] if commas else 0
    return [d for d in view.dates
            if (h := date_head(view, d)) is not None and h >= low and governs(view.tokens, p, h)]
