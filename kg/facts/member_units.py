"""The units the membership patterns (``ontology/patterns/members.yaml``) are written in.
Cue words are those of ``ontology/lexicon/members.tsv``.

- ``members``: an enumeration of members ("Армения, Белоруссия и Казахстан", "Ирландия - в
  1949 году, ЮАР - в 1961-м"): states, international organizations that are members
  themselves, country names the gazetteer lacks, capitals for their states, a state named
  inside a longer name ("военные власти Мьянмы"), a pronoun or a bare "страна" standing for
  the state named before, "чья страна" for the state of the person before; the value is a
  tuple of ``Item`` (each with its own date, if any); ``shared``: at the "а" of a clause
  without a subject, the members the clause before has as subject;
- ``org``: the organization: a mention (a body stands for its organization), a word that
  refers back ("организация", "нее", "ее участниками"), "которой" (the organization the
  relative clause is about);
- ``leaders``: an enumeration of leaders standing for their states ("президент Турции
  Реджеп Тайип Эрдоган, президент Казахстана ...");
- ``status``, ``status_phrase``, ``count``: see ``kg/facts/member_status.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from kg.facts.base import INTERNATIONAL
from kg.facts.fact_context import person_state
from kg.facts.matcher import Hit
from kg.facts.member_status import count, cue_at, status, status_phrase
from kg.gazetteer import capital_states
from kg.syntax.agreement import same_gender_number
from kg.syntax.anaphora import (
    is_org_anaphor,
    plural_states,
    referred_org,
    relative_antecedent,
)
from kg.syntax.clauses import shared_subject
from kg.syntax.coordination import Item, enumeration
from kg.syntax.tree import head_of

ANTECEDENTS = INTERNATIONAL | {"State", "Person"}  # what a personal pronoun refers to


@dataclass(frozen=True)
class Member:
    iri: str
    first: int
    last: int
    nested: bool = False  # a state named inside a longer name ("власти Мьянмы")


# -- members -----------------------------------------------------------------------


def _candidates(scope) -> dict[int, Member]:
    """Member candidates by their first token."""
    found = scope.cache.get("members")
    if found is not None:
        return found
    doc, view = scope.doc, scope.view
    found = {}
    for ref in view.refs:
        if any(o is not ref and o.first <= ref.first and ref.last <= o.last
               and o.last - o.first > ref.last - ref.first for o in view.refs):
            continue
        iri = _member_iri(doc, view.tokens, ref)
        if iri and ref.mention.source == "adjective" and not _adjective_member(doc, view, ref):
            continue  # "Габон и Того, бывшие французские владения, стали ...": not France
        if iri:
            found[ref.first] = Member(iri, ref.first, ref.last)
        elif (inner := _inner_state(scope, ref)) is not None:
            found[inner.first] = inner
    scope.cache["members"] = found
    return found


def _adjective_member(doc, view, ref) -> bool:
    """A state named by its adjective is a member when the adjective qualifies the state
    itself ("российская сторона", "казахстанская республика", "российская и китайская
    стороны"), not something of it ("французские владения")."""
    tokens = view.tokens
    k = ref.last
    while k < len(tokens) and (tokens[k].pos == "ADJ" or tokens[k].lemma in (",", "и")):
        k += 1  # "российская и китайская стороны"
    return k < len(tokens) and (tokens[k].lemma in SIDES or
                                doc.cues.has("state_anaphor", tokens, k, k + 1))


SIDES = ("сторона", "делегация", "правительство", "власти", "власть", "руководство")


def _member_iri(doc, tokens, ref) -> str | None:
    """States, organizations that are members themselves, country names the gazetteer did
    not resolve (not a region of the world, ``region`` of the shared cues: "Северная
    Америка", "Ближний Восток"), capitals standing for their state ("Ереван заморозил
    участие")."""
    if ref.cls in ("State", "InternationalOrganization"):
        return ref.iri
    if ref.cls == "Location" and "/place/" in ref.iri:
        if any(doc.cues.has("region", tokens, k, k + 1) for k in range(ref.first, ref.last)):
            return None
        return ref.iri
    if ref.cls == "City":
        state = _capital_state(doc, ref.iri)
        return state
    return None


def _capital_state(doc, city_iri: str) -> str | None:
    state_id = capital_states().get(city_iri.rsplit("/", 1)[-1])
    entry = doc.gazetteer.by_id.get(state_id) if state_id else None
    return doc.state_entity(entry).iri if entry is not None else None


def _inner_state(scope, ref) -> Member | None:
    """A state named at the end of a longer mention that is no member itself ("военные
    власти Мьянмы")."""
    if ref.cls in INTERNATIONAL or ref.last - ref.first < 2:
        return None
    tail = scope.tokens[ref.first + 1:ref.last]
    for first, last, entry in scope.doc.gazetteer.match(tail):
        if last == len(tail) and entry.cls == "State":
            return Member(scope.doc.state_entity(entry).iri, ref.first + 1 + first, ref.last,
                          nested=True)
    return None


def _one_member(scope, k: int, alone: bool = True) -> Member | None:
    """A member candidate at token ``k``, or a pronoun, a bare "страна" or "чья страна"
    standing for a state; "который" after a state too, unless it follows other items
    (``alone`` false)."""
    tokens = scope.tokens
    if k >= len(tokens):
        return None
    found = _candidates(scope).get(k)
    if found is not None:
        return found
    found = _pronoun_state(scope, k) or _state_anaphor(scope, k) or _owned_state(scope, k)
    return found or (_relative_state(scope, k) if alone else None)


def _relative_state(scope, k: int) -> Member | None:
    """"Иран, который получил его в декабре": "который" after a state stands for it."""
    if cue_at(scope, "relative", k) is None or scope.tokens[k].lemma != "который":
        return None
    ref = relative_antecedent(scope.view, k, {"State"})
    return Member(ref.iri, k, k + 1) if ref is not None else None


def _pronoun_state(scope, k: int) -> Member | None:
    """"предоставила ей" after "статусе Палестины": a third-person pronoun whose nearest
    agreeing antecedent (in this sentence or the one before) is a state."""
    doc, view, tokens = scope.doc, scope.view, scope.tokens
    pronoun = tokens[k]
    if pronoun.pos != "PRON" or cue_at(scope, "pronoun", k) is None or \
            cue_at(scope, "relative", k) is not None:
        return None
    candidates = []
    for v in doc.sentences[max(0, view.index - 1):view.index + 1]:
        candidates += [(r, v.tokens[r.last - 1]) for r in v.refs
                       if r.end <= pronoun.start and r.cls in ANTECEDENTS]
    for ref, word in reversed(candidates):
        if same_gender_number(pronoun, word):
            return Member(ref.iri, k, k + 1) if ref.cls == "State" else None
    return None


def _state_anaphor(scope, k: int) -> Member | None:
    """"президент Боливии ...: республика вошла в состав МЕРКОСУР": a bare singular "страна",
    "республика" as the subject stands for the state named last (not "страна ЕАЭС")."""
    tokens = scope.tokens
    t = tokens[k]
    if cue_at(scope, "state_anaphor", k) is None or not t.rel.startswith("nsubj") or \
            t.feat("Number") != "Sing":
        return None
    if any(d.head == k and (d.rel.startswith("nmod") or d.pos in ("DET", "PRON", "NUM"))
           for d in tokens):
        return None
    ref = scope.doc.last_ref(t.start, {"State"}, within=1)
    return Member(ref.iri, k, k + 1) if ref is not None else None


def _owned_state(scope, k: int) -> Member | None:
    """"Никол Пашинян, чья страна ...", "..., страна которого ...": the state in the title
    of the person before the comma ("Премьер-министр Армении Никол Пашинян")."""
    tokens, view = scope.tokens, scope.view
    if k + 1 >= len(tokens):
        return None
    if cue_at(scope, "relative", k) is not None and cue_at(scope, "state_anaphor", k + 1):
        pron = k
    elif cue_at(scope, "state_anaphor", k) is not None and cue_at(scope, "relative", k + 1):
        pron = k + 1
    else:
        return None
    person = relative_antecedent(view, pron, {"Person"}) if tokens[pron].lemma == "чей" \
        else relative_antecedent(view, pron, {"Person"})
    if person is None or person.first == 0:
        return None
    title = view.ref_at(person.first - 1)
    if title is None or title.cls != "State":
        return None
    return Member(title.iri, k, k + 2)


def members(scope, i: int, el) -> list[Hit]:
    """An enumeration of members from token ``i``."""
    def item_at(k: int):
        m = _one_member(scope, k, alone=k == i)  # "A, B и C, который ..." ends at C
        return (m.last, m) if m is not None else None

    items = enumeration(scope.view, i, item_at, _joins(scope))
    if not items:
        listed = plural_states(scope.doc, scope.view, i)
        if listed:  # "Эти страны ... вышли из ЭКОВАС": the states listed before
            return [Hit(i, i + 1, i, tuple(Item(i, i + 1, Member(e.iri, i, i + 1))
                                           for e in listed))]
        return []
    unique, seen = [], set()
    for item in items:
        if item.payload.iri not in seen:
            seen.add(item.payload.iri)
            unique.append(item)
    last = items[-1].last
    return [Hit(i, last, head_of(scope.tokens, items[0].first, items[0].last), tuple(unique))]


def shared(scope, i: int, el) -> list[Hit]:
    """"а" opening a clause without a subject: the members the subject of the clause
    before names ("Белоруссия была наблюдателем, а в 2024 году стала членом"); their own
    dates stay with that clause."""
    k = shared_subject(scope.tokens, i)
    if k is None:
        return []
    for start in sorted(_candidates(scope)):
        hits = members(scope, start, el)
        if hits and any(it.first <= k < it.last for it in hits[0].value):
            items = tuple(replace(it, date=None) for it in hits[0].value)
            return [Hit(i, i + 1, i, items)]
    return []


def member(scope, i: int, el) -> list[Hit]:
    """One member."""
    m = _one_member(scope, i)
    if m is None:
        return []
    return [Hit(i, m.last, head_of(scope.tokens, m.first, m.last), (Item(i, m.last, m),))]


def leaders(scope, i: int, el) -> list[Hit]:
    """An enumeration of leaders standing for their states ("президент Турции Реджеп Тайип
    Эрдоган, президент Казахстана Касым-Жомарт Токаев и ..."; "Алиева": a name alone, the
    state its holder is named with elsewhere in the article)."""
    def item_at(k: int):
        m = _leader_state(scope, k)
        return (m.last, m) if m is not None else None

    items = enumeration(scope.view, i, item_at, _joins(scope))
    if not items:
        return []
    return [Hit(i, items[-1].last, items[0].first, tuple(items))]


def _leader_state(scope, k: int) -> Member | None:
    view, tokens = scope.view, scope.tokens
    j = k
    while j < min(len(tokens), k + 4) and tokens[j].pos in ("NOUN", "ADJ") and \
            tokens[j].text[:1].islower() and view.ref_at(j) is None:
        j += 1  # the title: "президент", "премьер-министр"
    ref = view.ref_starting(j) if j < len(tokens) else None
    if ref is not None and ref.cls == "State" and j > k:
        person = view.ref_starting(ref.last)
        if person is not None and person.cls == "Person":
            return Member(ref.iri, k, person.last)
        return None
    if j == k and ref is not None and ref.cls == "Person":
        state = person_state(scope.doc, [], ref.iri)
        if state is not None:
            return Member(state.iri, k, ref.last)
    return None


def _joins(scope) -> tuple[str, ...]:
    found = scope.cache.get("members-joins")
    if found is None:
        found = scope.cache["members-joins"] = tuple(
            form.strip() for row in _lex_rows() if row["kind"] == "list_join"
            for form in row["forms"].split("|")) + (",",)
    return found


@lru_cache(maxsize=1)
def _lex_rows():
    from kg.gazetteer import read_tsv
    from kg.paths import LEXICON_DIR

    return tuple(read_tsv(LEXICON_DIR / "members.tsv"))


# -- organizations ------------------------------------------------------------------


def org(scope, i: int, el) -> list[Hit]:
    """The organization named or referred to at token ``i``; the value is its IRI."""
    doc, view, tokens = scope.doc, scope.view, scope.tokens
    if i >= len(tokens):
        return []
    k = i
    ref = view.ref_starting(i)  # a name may begin with its quote
    while ref is None and k < len(tokens) and tokens[k].text in ('"', "«", "„"):
        k += 1  # 'в "Группу двадцати"'
    ref = ref or view.ref_starting(k) or view.ref_at(k)
    if ref is not None and ref.first == k:
        if ref.cls not in INTERNATIONAL:
            return []
        end = ref.last
        while end < len(tokens) and tokens[end].text in ('"', "»", "“"):
            end += 1
        return [Hit(i, end, head_of(tokens, ref.first, ref.last), doc.org_of(ref).iri)]
    if ref is not None or k != i:
        return []
    found = _referred_org(scope, i)
    return [Hit(i, i + 1, i, found)] if found else []


def _referred_org(scope, i: int) -> str | None:
    """"организация", "нее", "ее" (possessive), "которой": the organization referred to."""
    doc, view, tokens = scope.doc, scope.view, scope.tokens
    t = tokens[i]
    if cue_at(scope, "relative", i) is not None:
        ante = relative_antecedent(view, i, INTERNATIONAL)
        if ante is not None:
            return doc.org_of(ante).iri
        return _agreeing_org_word(scope, i)
    if is_org_anaphor(scope.doc, scope.tokens, i) and t.pos == "NOUN":
        entity = referred_org(doc, view, i)
        return entity.iri if entity is not None else None
    if cue_at(scope, "pronoun", i) is not None and t.pos in ("PRON", "DET"):
        h = t.head
        if t.rel in ("det", "nmod:poss") and i < h < len(tokens) and \
                tokens[h].pos == "NOUN" and not any(
                    cue_at(scope, kind, h) is not None for kind in _OWNED):
            return None  # "выходит из его соглашений": its agreements, not it
        ref = doc.anaphor_ref(t.start, "") or doc.last_ref(t.start, INTERNATIONAL)
        if ref is not None:
            return doc.org_of(ref).iri
        main = doc.main_org()
        return main.iri if main is not None else None
    return None


# what an organization's possessive may qualify and still stand for it ("ее членами", "в ее состав")
_OWNED = ("member_noun", "observer_noun", "partner_noun", "partner_formal", "status_word",
          "participation", "membership", "container")


def _agreeing_org_word(scope, i: int) -> str | None:
    """"организация ..., участниками которой": the nearest organization word before the
    relative pronoun that agrees with it."""
    view, tokens = scope.view, scope.tokens
    pronoun = tokens[i]
    for k in range(i - 1, -1, -1):
        ref = view.ref_at(k)
        word = tokens[ref.last - 1] if ref is not None else tokens[k]
        if not same_gender_number(pronoun, word):
            continue
        if ref is not None and ref.cls in INTERNATIONAL:
            return scope.doc.org_of(ref).iri
        if ref is None and is_org_anaphor(scope.doc, scope.tokens, k):
            return _referred_org(scope, k)
    return None


UNITS = {"members": members, "shared": shared, "member": member, "leaders": leaders, "org": org,
         "status": status, "status_phrase": status_phrase, "count": count}
