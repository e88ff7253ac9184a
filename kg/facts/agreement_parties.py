"""Agreements: the parties and signatories of a report: subjects, the document's genitive,
"между X и Y", compound adjectives, officials named by post, collective subjects, lists
after a colon.
"""

from __future__ import annotations

from kg.facts.agreement_context import Ctx
from kg.facts.agreement_records import (
    LIST_TEXTS,
    PARTY_CLASSES,
    DocNoun,
    Ent,
    Report,
    Seg,
    governor,
    prep_index,
    skip_left,
    words,
)
from kg.facts.base import ORG_CLASSES, SentView
from kg.syntax.agreement import agrees


def np_parties(ctx: Ctx, view: SentView, d: DocNoun, np: set[int], r: Report) -> None:
    """"меморандум ОДКБ и ООН", "между X и Y", "соглашение с X", "государств - членов X"."""
    toks = view.tokens
    for e in ctx.ents(view):
        if e.cls not in PARTY_CLASSES or e.first < d.last or e.first not in np:
            continue
        prep, head = governor(view, e.first, stop=d.head)
        if prep is None and head == d.head:
            r.explicit.append(e.iri)
        elif prep in words("party_prep") and not ctx.ends_at(
                "compound_prep", view, prep_index(view, e.first) + 1):
            r.explicit.append(e.iri)  # "между X и Y", "с X"; not "в связи с X"
        else:
            k = e.first - 1
            while k >= 0 and toks[k].text in ("-", "–", "—"):
                k -= 1
            if k >= 0 and ctx.has("member", view, k):
                r.weak.append(e.iri)


def relative_subject(ctx: Ctx, view: SentView, seg: Seg, r: Report) -> None:
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


def holder_party(ctx: Ctx, view: SentView, home: Seg, np: set[int], r: Report) -> None:
    """"У союза действует соглашение с Вьетнамом": the holder is a party."""
    for e in ctx.ents(view):
        if e.first in home.tokens and e.first not in np and e.cls in PARTY_CLASSES:
            prep, head = governor(view, e.first)
            if prep in words("holder_prep") and head is None:
                r.strong.append(e.iri)


def zone_parties(ctx: Ctx, view: SentView, zone: list[int], r: Report) -> None:
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
        prep, head = governor(view, e.first)
        if prep is not None and not ctx.ends_at("comitative", view, prep_index(view, e.first) + 1):
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


def _collective_subject(ctx: Ctx, view: SentView, zone: list[int], r: Report) -> None:
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
        j = skip_left(view, k - 1)
        if j >= 0 and toks[j].pos == "ADP":
            continue  # "в присутствии лидеров"
        if any(toks[j].pos == "NUM" for j in range(k + 1, min(len(toks), k + 4))):
            continue
        r.weak.append(main.iri)
        return


def _side_after(ctx: Ctx, view: SentView, k: int) -> bool:
    """"российская (и китайская) сторона/стороны" in the nominative."""
    toks = view.tokens
    while k < len(toks) and (toks[k].text in LIST_TEXTS or toks[k].pos == "ADJ"):
        k += 1
    return k < len(toks) and ctx.has("side", view, k) and toks[k].feat("Case") == "Nom"


def compound_parties(ctx: Ctx, view: SentView, d: DocNoun) -> list[str]:
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


def _subject_like(ctx: Ctx, view: SentView, e: Ent) -> bool:
    """A person who signs: a subject or agent, or "вместе с X"; not the speaker of a
    "сообщил Моди" nor a name inside another phrase."""
    toks = view.tokens
    case = toks[e.first].feat("Case")
    prep, head = governor(view, e.first)
    if head is not None:
        return False
    if prep is not None:
        return ctx.ends_at("comitative", view, prep_index(view, e.first) + 1)
    if case in ("Gen", "Dat", "Loc"):
        return False
    for k in (e.first - 1, e.last):
        if 0 <= k < len(toks) and ctx.has("speech", view, k):
            return False
    h = toks[e.first].head
    return not (0 <= h < len(toks) and ctx.has("speech", view, h))


def _signer_org(ctx: Ctx, view: SentView, e: Ent) -> tuple[str | None, int | None]:
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


def _whole(ctx: Ctx, iri: str) -> str:
    """An official of a body signs for its organization (Еврокомиссия -> ЕС)."""
    entity = ctx.doc.entity_by_iri(iri)
    if entity is not None and entity.cls == "OrganizationBody" and entity.parent:
        return entity.parent
    return iri


def _acting_for(ctx: Ctx, view: SentView, e: Ent) -> str | None:
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


def _role_at(ctx: Ctx, view: SentView, k: int):
    for a, b, role in ctx.roles.match(view.tokens, max(0, k - 3), min(len(view.tokens), k + 3)):
        if a <= k < b:
            return role
    return None


def _role_signers(ctx: Ctx, view: SentView, zone: list[int], r: Report) -> None:
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
