"""Cooperation between organizations (not states): one fact per unordered pair.

Phrasings handled (cue words in ``ontology/lexicon/cooperation.tsv``):

- subject x "с"-partners: "ОДКБ нарастит сотрудничество с СНГ и ШОС" (one pair
  per partner), "организация развивает взаимодействие с ООН, СНГ и АСЕАН" (an
  anaphor subject: the organization named before), "ОДКБ сотрудничает с ООН",
  "сотрудничество ШОС с АСЕАН";
- "между": "сотрудничество между ШОС и АСЕАН", "меморандум о взаимопонимании
  между ЕЭК и АСЕАН", "декларация о сотрудничестве между секретариатами ООН и
  ОДКБ";
- a genitive list: "взаимодействие ЕАЭС и АСЕАН";
- what organizations in the subject do together ("ВОЗ и МОТ представили совместную
  оценку") or agree on ("форум и ОПЕК договорились расширить обмен"); a joint summit
  (``from_joint_summits``);
- signed instruments: "ОДКБ и ООН подписали меморандум", "ЕЭК и секретариат АСЕАН
  утвердили дорожную карту сотрудничества", "генеральные секретари СНГ, ШОС и
  ОДКБ подписали дорожную карту по развитию сотрудничества трех организаций" (all
  pairs of the organizations in the subject), and "обсудили взаимодействие
  секретариатов двух организаций".

An organization is an international organization; a body named as such (ЕЭК,
Секретариат ООН) is kept as named, a generic body whose name holds an
organization ("Комиссия Африканского союза") stands for that organization.
Not cooperation: negated, hypothetical or intended cooperation ("может",
"намерен", "интерес к сотрудничеству"; a negated degree stresses it: "партнерство
никогда не было столь важным"), criticism or rivalry, a mere list of
organizations without a cue, states as partners, "в связи с".
"""

from __future__ import annotations

from kg.facts.base import Doc, SentView, fact, lexicon
from kg.facts.fact_context import anaphor_org, org_entity
from kg.records import Entity, Fact
from kg.syntax.anaphora import is_org_anaphor
from kg.syntax.modality import has_cue
from kg.syntax.tree import CLAUSE_RELS, children

EXTRACTOR = "cooperation"
PARTICIPANTS = {"InternationalOrganization", "OrganizationBody", "Organization"}
LIST_GLUE = {",", "и", "(", ")", "а", "также", "-", "—"}


def extract(doc: Doc, posts: list[Fact]) -> list[Fact]:
    lex = lexicon("cooperation", doc.ctx)
    seen: set[frozenset] = set()
    out: list[Fact] = []
    for view in doc.sentences:
        for a, b in _pairs(doc, view, lex):
            key = frozenset((a.iri, b.iri))
            if a.iri == b.iri or key in seen:
                continue
            seen.add(key)
            out.append(fact("cooperation", view, EXTRACTOR, organization=a.iri, partner=b.iri))
    return out


def from_joint_summits(facts: list[Fact]) -> list[Fact]:
    """A joint summit of organizations (one event, a summit fact per organization) is
    cooperation between them, with the summit's evidence; pairs already stated are left
    out."""
    seen = {frozenset((f.get("organization"), f.get("partner"))) for f in facts
            if f.kind == "cooperation"}
    events: dict[str, list[Fact]] = {}
    for f in facts:
        if f.kind == "summit":
            events.setdefault(f.get("summit"), []).append(f)
    out = []
    for found in events.values():
        orgs = list(dict.fromkeys(f.get("organization") for f in found))
        for x in range(len(orgs)):
            for y in range(x + 1, len(orgs)):
                key = frozenset((orgs[x], orgs[y]))
                if key not in seen:
                    seen.add(key)
                    out.append(Fact("cooperation", (("organization", orgs[x]),
                                                    ("partner", orgs[y])),
                                    found[0].evidence, EXTRACTOR))
    return out


def participant(doc: Doc, ref) -> Entity | None:
    """An organization taking part in cooperation: an international organization or
    a body as named; a generic organization only for the organization in its name."""
    if ref.cls in ("InternationalOrganization", "OrganizationBody"):
        return ref.entity
    if ref.cls == "Organization":
        return org_entity(doc, ref)
    return None


def _pairs(doc: Doc, view: SentView, lex):
    tokens = view.tokens
    cued = lex.kinds_in(tokens, ("cue", "cue_verb", "document", "joint"))
    if not cued:
        return
    skip = {j for a, b in lex.find("not_cue", tokens) for j in range(a, b)}
    for i, t in enumerate(tokens):
        ref = view.ref_at(i)
        if i in skip or (ref is not None and ref.cls != "Organization"):
            continue  # "Шанхайская организация сотрудничества"
        noun = "cue" in cued and t.pos in ("NOUN", "PROPN") and lex.has("cue", tokens, i, i + 1)
        verb = "cue_verb" in cued and t.pos == "VERB" and lex.has("cue_verb", tokens, i, i + 1)
        document = "document" in cued and t.pos in ("NOUN", "PROPN", "ADJ") \
            and lex.has("document", tokens, i, i + 1)
        joint = "joint" in cued and t.pos in ("ADJ", "ADV") and lex.has("joint", tokens, i, i + 1)
        if not (noun or verb or document or joint):
            continue
        if has_cue(doc, view.tokens, i, ("negation",), lex) and not _litotes(doc, view, i, lex):
            continue
        if joint:  # "совместный [прогноз]": the noun it qualifies, whatever the parser hung
            i = next((k for k in range(i + 1, len(tokens)) if tokens[k].pos == "NOUN"), i)
        yield from _cue_pairs(doc, view, i, lex, noun, verb or joint, document)


def _litotes(doc, view, i, lex) -> bool:
    """Every negation of the cue's clause denies a degree, which stresses the cooperation
    ("партнерство ... никогда не было столь важным")."""
    tokens = view.tokens
    a, b = view.clause_of(i)
    cues = [j for j in range(a, b) if doc.cues.has("negation", tokens, j, j + 1)
            or lex.has("block", tokens, j, j + 1)]
    if not cues:
        return False
    for j in cues:
        k = j + 1
        while k < b and tokens[k].lemma == "быть":
            k += 1
        if not lex.has("degree", tokens, k, k + 1):
            return False
    return True


def _cue_pairs(doc, view, i, lex, noun, verb, document):
    """The pairs one cue states, trying in turn: "между X и Y"; "с"-partners with
    the subject (or the genitive: "сотрудничество ШОС с АСЕАН"); the signers of an
    instrument; a genitive list; the organizations of the subject."""
    a, b = view.clause_of(i)
    between = _list_after(doc, view, i, ("между",), b, lex)
    if between is not None:  # "между Россией и ЕС": no pair of organizations
        yield from _all_pairs(between)
        return
    partners = _list_after(doc, view, i, ("с", "со"), b, lex)
    genitive, count = ([], False) if document else _genitive_list(doc, view, i, b, lex)
    if partners is not None:  # "с Ираном": a partner that is not an organization
        subjects = genitive or _subject_orgs(doc, view, i, lex)
        for s in subjects:
            for p in partners:
                yield s, p
        return
    signers = _signers(doc, view, i, lex)
    if document or signers:
        yield from _all_pairs(signers)
        return
    if len(genitive) >= 2:
        yield from _all_pairs(genitive)
        return
    if count or verb or noun:
        yield from _all_pairs(_subject_orgs(doc, view, i, lex))


def _all_pairs(orgs: list[Entity]):
    for x in range(len(orgs)):
        for y in range(x + 1, len(orgs)):
            yield orgs[x], orgs[y]


# -- lists of organizations ---------------------------------------------------


def _list_after(doc, view, i, preps, end, lex) -> list[Entity] | None:
    """The organizations listed after a preposition that follows the cue closely
    ("сотрудничество ШОС с АСЕАН", "меморандум о взаимопонимании между ..."); None
    without such a preposition."""
    tokens = view.tokens
    j = i + 1
    while j < min(end, i + 7):
        t = tokens[j]
        if t.lemma in preps and t.pos == "ADP":
            return _org_list(doc, view, j + 1, end, lex)
        if view.ref_at(j) is not None:
            j = view.ref_at(j).last
            continue
        if t.pos in ("VERB", "AUX") or (t.pos == "PUNCT" and t.text not in "()"):
            return None
        if t.pos == "ADP" and t.lemma not in ("о", "об"):
            return None  # "сотрудничество в борьбе с терроризмом"
        j += 1
    return None


def _org_list(doc, view, j, end, lex) -> list[Entity]:
    """Organizations in a coordinated list starting at token ``j`` ("ООН, СНГ и
    АСЕАН", "секретариатами ООН и ОДКБ", "объединением")."""
    tokens = view.tokens
    out: list[Entity] = []
    loose = 0
    while j < end:
        ref = view.ref_at(j)
        if ref is not None:
            org = participant(doc, ref)
            if org is None and ref.cls not in PARTICIPANTS:
                break
            if org is not None and org not in out:
                out.append(org)
            j, loose = ref.last, 0
            continue
        t = tokens[j]
        if t.text in LIST_GLUE or t.lemma in LIST_GLUE:
            j += 1
            continue
        if t.pos in ("NOUN", "ADJ") and loose < 2:
            if not out and is_org_anaphor(doc, tokens, j) and \
                    not _next_is_ref(view, j):
                org = anaphor_org(doc, view, j)
                if org is not None:
                    out.append(org)
                break
            loose += 1
            j += 1
            continue
        break
    return out


def _next_is_ref(view, j) -> bool:
    return j + 1 < len(view.tokens) and view.ref_at(j + 1) is not None


def _genitive_list(doc, view, i, end, lex):
    """Organizations right after the cue ("взаимодействие ЕАЭС и АСЕАН"), and
    whether a count stands for them ("секретариатов двух организаций")."""
    tokens = view.tokens
    out: list[Entity] = []
    j = i + 1
    while j < end:
        ref = view.ref_at(j)
        if ref is not None:
            org = participant(doc, ref)
            if org is None:
                break
            if org not in out:
                out.append(org)
            j = ref.last
            continue
        t = tokens[j]
        if t.text in LIST_GLUE:
            j += 1
            continue
        if t.pos == "NUM" or t.lemma in ("оба", "обе"):
            if j + 1 < end and lex.has("count", tokens, j + 1, j + 2):
                return out, True
            break
        if t.pos == "NOUN" and t.feat("Case") == "Gen" and lex.has("count", tokens, j, j + 1):
            j += 1
            continue
        break
    return out, False


# -- subjects -----------------------------------------------------------------


def _governing_verb(view, i) -> int | None:
    """The verb the cue depends on (through objects, obliques and nouns)."""
    tokens = view.tokens
    k = i
    seen = {k}
    while tokens[k].pos != "VERB":
        if tokens[k].rel in CLAUSE_RELS and tokens[k].rel != "root":
            return None
        h = tokens[k].head
        if not 0 <= h < len(tokens) or h in seen:
            return None
        seen.add(h)
        k = h
    return k


def _subject_orgs(doc, view, i, lex) -> list[Entity]:
    """Organizations named in the subject of the verb the cue depends on (through
    "договорились укреплять ...")."""
    tokens = view.tokens
    v = _governing_verb(view, i)
    while v is not None:
        subjects = [j for j in children(view.tokens, v) if tokens[j].rel.startswith("nsubj")]
        if subjects:
            out: list[Entity] = []
            for s in subjects:
                for org in _orgs_in_phrase(doc, view, s, lex):
                    if org not in out:
                        out.append(org)
            return out
        if tokens[v].rel != "xcomp":
            return []
        v = tokens[v].head if 0 <= tokens[v].head < len(tokens) else None
    return []


def _orgs_in_phrase(doc, view, s, lex) -> list[Entity]:
    """Organizations in a subject phrase, leaving out its relative clauses."""
    tokens = view.tokens
    keep, todo = {s}, [s]
    while todo:
        k = todo.pop()
        for c in children(view.tokens, k):
            if c not in keep and not tokens[c].rel.startswith("acl"):
                keep.add(c)
                todo.append(c)
    out: list[Entity] = []
    for k in sorted(keep):
        ref = view.ref_at(k)
        if ref is not None:
            org = participant(doc, ref)
        elif (k == s or tokens[k].rel == "conj") and tokens[k].pos == "NOUN" and \
                is_org_anaphor(doc, tokens, k):
            org = anaphor_org(doc, view, k)  # "форум и ОПЕК договорились"
        else:
            org = None
        if org is not None and org not in out:
            out.append(org)
    return out


def _signers(doc, view, i, lex) -> list[Entity]:
    """The organizations that sign or adopt the instrument the cue belongs to
    ("ОДКБ и ООН подписали меморандум")."""
    v = _governing_verb(view, i)
    if v is None or not lex.has("sign_verb", view.tokens, v, v + 1):
        return []
    if has_cue(doc, view.tokens, v, ("negation",), lex):
        return []
    orgs = _subject_orgs(doc, view, v, lex)
    return orgs if len(orgs) >= 2 else []
