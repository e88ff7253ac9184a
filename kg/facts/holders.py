"""Where a post is held: the holder units of the post patterns.

- ``holder``: the organization or state named after a role: a mention ("ОДКБ", also a
  name inside a longer one), an adjective before a quoted name ("оппозиционного
  «Движения за демократические перемены»"), a generic noun before a name ("клуба «Зенит»",
  "компании Apple"), or a word that refers back ("организации", "республики");
- ``org_holder``: a holder that is no state;
- ``role_holder``: a role phrase whose last words begin the holder's name ("глава [МИД
  России]": the state; "председатель [Кабинета министров Киргизии]": the state inside;
  "председатель [Генеральной Ассамблеи ООН]": the body's organization);
- ``state_adjective``: "российский", "белорусский" before a role; ``org``: a mention of an
  organization.
"""

from __future__ import annotations

from kg.facts.base import ORG_CLASSES, lexicon
from kg.facts.matcher import Hit
from kg.facts.role_phrases import HOLDERS, RoleValue, overlapping, role_phrases
from kg.syntax.tree import head_of

OPENING_QUOTES = {"«", '"', "„", "'"}  # "''Samsung Group''": two apostrophes
CLOSING_QUOTES = {"»", '"', "“", "'"}
TERRITORIES = {"Location", "City"}  # below a state: a state after a body is its holder


def as_holder(doc, entity):
    """A ministry with its state ("МИД России") stands for the state."""
    if entity.cls == "GovernmentBody" and entity.parent and "/state/" in entity.parent:
        return doc.entity_by_iri(entity.parent) or entity
    return entity


def state_body(doc, view, ref):
    """'[полиции Чехии]', '[временного правительства Бангладеш]', '[Министерство
    здравоохранения] Таджикистана': an organ of a state named by a generic head
    (``org_head`` of entity_rules.tsv) and the state: the state's mention, else None. The
    state stands for its organ: a post in it is held in the state, the organ's words joining
    the role ("заместитель директора полиции", as "министр иностранных дел"); an agreement
    it signs has the state as a party."""
    if ref.cls not in ("Organization", "GovernmentBody"):
        return None
    if ref.mention.source == "org_head":
        inner = [r for r in view.refs if r.cls == "State" and ref.first < r.first and
                 r.last == ref.last]
        return inner[-1] if inner else None
    after = view.ref_starting(ref.last)
    if after is None or after.cls != "State" or \
            view.tokens[after.first].feat("Case") != "Gen":
        return None
    heads = lexicon("entity_rules", doc.ctx).find("org_head", view.tokens, ref.first, ref.last)
    return after if any(a == ref.first for a, _ in heads) else None


# -- holders -------------------------------------------------------------------------


def _governed_place(doc, view, ref) -> bool:
    """A city or a territory named as one ("Камчатского края", "Атырауской области") has
    its own governor or mayor."""
    if ref.cls == "City":
        return True
    return ref.cls == "Location" and lexicon("post_cues", doc.ctx).has(
        "territory", view.tokens, ref.first, ref.last)


def holder(scope, i: int, el) -> list[Hit]:
    """An organization or state beginning at token ``i`` (or a word referring to one)."""
    entity, end = _org_at(scope.doc, scope.view, i)
    if entity is None:
        return []
    return [Hit(i, end, head_of(scope.tokens, i, end), entity)]


def _org_at(doc, view, k: int):
    tokens = view.tokens
    if k >= len(tokens):
        return None, k
    if tokens[k].text in OPENING_QUOTES and k + 1 < len(tokens):
        entity, nk = _org_at(doc, view, k + 1)  # 'тренером «Манчестер Юнайтед»'
        if entity is not None:
            return entity, nk + (nk < len(tokens) and tokens[nk].text in CLOSING_QUOTES)
        return None, k
    ref = view.ref_starting(k) or view.ref_at(k)  # a name may begin inside a longer one
    if ref is not None and ref.first == k and (ref.cls in HOLDERS or _governed_place(doc, view, ref)):
        return ref.entity, _with_territory(view, ref)
    if ref is None and tokens[k].pos == "ADJ" and tokens[k].text.islower() and \
            doc.adjective_state(tokens[k]) is None:
        entity, nk = _org_at(doc, view, k + 1)  # 'оппозиционного «Движения за ...»'
        if entity is not None and nk > k + 1 and (tokens[k + 1].text in OPENING_QUOTES
                                                  or view.ref_at(k + 1) is not None):
            return entity, nk
    # a generic noun before a name: "клуба «Зенит»", "компании Apple", "банка ВТБ", "совета
    # директоров банка HSBC", "отдела расследований «Лаборатории Касперского»"
    m = k
    while m < len(tokens) and m < k + 3 and tokens[m].pos == "ADJ" and tokens[m].text.isalpha() \
            and tokens[m].text.islower():
        m += 1  # 'крупной машиностроительной компании Schneider Electric'
    if m < len(tokens) and tokens[m].pos == "NOUN" and tokens[m].text.islower() \
            and tokens[m].feat("Animacy") != "Anim":  # "глава МИД ...": a role, not a noun
        n = m + 1
        while n < len(tokens) and n < m + 4 and tokens[n].text.islower() and \
                tokens[n].pos in ("NOUN", "ADJ") and tokens[n].feat("Case") == "Gen" and \
                view.ref_at(n) is None:
            n += 1
        while n < len(tokens) and tokens[n].text in OPENING_QUOTES:
            n += 1
        named = view.ref_at(n) if n < len(tokens) else None
        if named is not None and named.first == n and named.cls in ORG_CLASSES:
            end = named.last
            while end < len(tokens) and tokens[end].text in CLOSING_QUOTES:
                end += 1
            return named.entity, end
    from kg.syntax.anaphora import org_or_state_anaphor

    entity = org_or_state_anaphor(doc, view, k)
    return (entity, k + 1) if entity is not None else (None, k)


def _with_territory(view, ref) -> int:
    """The end of an organization's name with the territory it serves: "УВД [Томской
    области]", "МВД [по Башкирии]", "департамент здравоохранения [Нью-Йорка]"."""
    tokens, end = view.tokens, ref.last
    if ref.cls != "Organization" or end >= len(tokens):
        return end
    k = end + (tokens[end].lemma == "по")
    place = view.ref_starting(k) if k < len(tokens) else None
    if place is None or place.cls not in TERRITORIES:
        return end
    head = tokens[head_of(tokens, place.first, place.last)]
    return place.last if k > end or head.feat("Case") == "Gen" else end


def org_holder(scope, i: int, el) -> list[Hit]:
    """A holder that is no state."""
    return [h for h in holder(scope, i, el) if h.value.cls != "State"]


def role_holder(scope, i: int, el) -> list[Hit]:
    """A role phrase from ``i`` whose last words begin a holder's name: "глава [МИД
    России]"; the value is (RoleValue, Entity)."""
    out = []
    view, doc = scope.view, scope.doc
    for j, value in role_phrases(scope).get(i, ()):
        overlap = overlapping(view, i, j)
        if overlap is None:
            continue
        entity = _inner_state(view, overlap, value) or _body_parent(doc, overlap) or \
            as_holder(doc, overlap.entity)
        out.append(Hit(i, overlap.last, head_of(scope.tokens, i, j), (value, entity)))
    return out


def _inner_state(view, ref, role: RoleValue):
    """'председатель [Кабинета министров Киргизии]': a state-scoped role whose words run into
    a body of a state is held in the state named inside."""
    if role.scope != "state" or ref.cls == "State":
        return None
    inner = [r for r in view.refs if r.cls == "State" and ref.first <= r.first and
             r.last <= ref.last]
    return inner[-1].entity if inner else None


def _body_parent(doc, ref):
    """'председатель [Генеральной Ассамблеи ООН]': a role named after a body of an
    organization is held in the organization."""
    if ref.cls != "OrganizationBody" or not ref.entity.parent:
        return None
    return doc.entity_by_iri(ref.entity.parent)


def state_adjective(scope, i: int, el) -> list[Hit]:
    """"российский", "белорусский": the state an adjective names."""
    entity = scope.doc.adjective_state(scope.tokens[i]) if i < len(scope.tokens) else None
    return [Hit(i, i + 1, i, entity)] if entity is not None else []


def org(scope, i: int, el) -> list[Hit]:
    """A mention of an organization (not a state)."""
    ref = scope.view.ref_starting(i)
    if ref is None or ref.cls not in ORG_CLASSES:
        return []
    return [Hit(i, ref.last, head_of(scope.tokens, i, ref.last), ref.entity)]


