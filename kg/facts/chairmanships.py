"""Chairmanships: which state chairs an organization in which year.

One fact per (organization, state, year); a chairmanship over a range of years
("на 2025-2026 годы") gives one fact per year. Phrasings handled (cue words in
``ontology/lexicon/chairmanships.tsv``):

- the noun: "председательство России в ОДКБ в 2026 году", "российское
  председательство" (an adjective names the state), "по итогам председательства
  Индии в 2023 году";
- a transfer: "председательство в СНГ перешло к Киргизии", "с 1 января 2024 года
  председательство перейдет к Казахстану", "передал председательство Армении";
  "Казахстан примет председательство", "президент Анголы принял председательство
  ... у президента Мавритании" (the giver chaired the year before, as does the
  state that "сменила на этом посту" is said of);
- the verb: "Киргизия председательствует в СНГ в 2025 году", "Токаев, чья страна
  председательствует в ОДКБ", "Бразилии, которая председательствует в
  объединении", "Мальты, председательствовавшей в ОБСЕ в прошлом году";
- a holder acting as chair: "Лукашенко как председатель ОДКБ", "председатель АС,
  президент Коморских Островов", "в качестве действующего председателя ОБСЕ",
  "утвердил Финляндию председателем организации в 2025 году, а Швейцарию - в 2026
  году", "страна-председатель"; a head of state who "возглавлял объединение";
  a person stands for the state whose leader (or minister) he is, from ``posts``
  or from "<role> <State> <Person>" elsewhere in the article.

The year comes from a date governed by the same predicate as the cue; without
one, a chairmanship stated as current (present tense, a completed transfer, a
holder acting as chair) takes the article's year. The organization is named next
to the cue, referred to ("в организации" -> the organization named before), or
left implicit (the article's organization). Not chairmanships: a "председатель"
of a state or a body (a post), chairing a meeting ("председательствовал на
встрече", "под председательством"), negated or hypothetical statements.

The small syntax helpers at the top are shared with ``founding`` and
``cooperation``.
"""

from __future__ import annotations

import re

from kg.facts.base import Doc, SentView, fact, lexicon
from kg.records import Entity, Fact
from kg.syntax.agreement import same_gender_number
from kg.syntax.modality import has_cue
from kg.syntax.tree import ancestors, children, predicate, preposition, subtree

EXTRACTOR = "chairmanships"
ORGS = {"InternationalOrganization", "OrganizationBody"}
PERSONS_AND_STATES = {"Person", "State"}


# -- syntax helpers (shared with founding and cooperation) --------------------


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
    """The organization an anaphor at token ``i`` refers to: the last one named
    before it (at most three sentences back), else the article's main organization."""
    return previous_org(doc, view.tokens[i].start) or doc.main_org()


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


# -- people and states --------------------------------------------------------


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


# -- the extractor ------------------------------------------------------------


def extract(doc: Doc, posts: list[Fact]) -> list[Fact]:
    lex = lexicon("chairmanships", doc.ctx)
    found: dict[tuple[str, str, str], Fact] = {}
    for view in doc.sentences:
        for org, state, years in _sentence(doc, view, posts, lex):
            for year in years:
                key = (org.iri, state.iri, str(year))
                if key not in found:
                    found[key] = fact("chairmanship", view, EXTRACTOR, organization=org.iri,
                                      state=state.iri, year=str(year))
    return list(found.values())


def _sentence(doc: Doc, view: SentView, posts, lex):
    """(organization, state, [years]) for every chairmanship cue of a sentence."""
    tokens = view.tokens
    cued = lex.kinds_in(tokens, ("chair_verb", "chair_noun", "chair_person", "lead_verb"))
    for i, t in enumerate(tokens):
        if not cued and "-" not in t.text:
            continue
        ref = view.ref_at(i)
        if ref is not None and ref.cls in ORGS:
            continue  # part of an organization's name
        if "chair_verb" in cued and lex.has("chair_verb", tokens, i, i + 1):
            yield from _verb_cue(doc, view, i, posts, lex)
        elif "chair_noun" in cued and lex.has("chair_noun", tokens, i, i + 1):
            yield from _noun_cue(doc, view, i, posts, lex)
        elif ("chair_person" in cued and lex.has("chair_person", tokens, i, i + 1)) \
                or _compound_holder(doc, t, lex):
            yield from _holder_cue(doc, view, i, posts, lex)
        elif "lead_verb" in cued and lex.has("lead_verb", tokens, i, i + 1):
            yield from _lead_cue(doc, view, i, posts, lex)


def _compound_holder(doc, token, lex) -> bool:
    """"страной-председателем": a hyphenated compound the lemmatizer leaves half done."""
    if "-" not in token.text or token.pos not in ("NOUN", "PROPN", "ADJ"):
        return False
    matcher = lex.matchers.get("chair_person")
    if matcher is None:
        return False
    lemma = "-".join(matcher.lemma(part) for part in token.text.split("-"))
    words = matcher.tokens_of(lemma)
    return len(words) == 1 and lex.has("chair_person", words, 0, 1)


# .. "председательствовать" ...................................................


def _verb_cue(doc, view, i, posts, lex):
    """"Киргизия председательствует в СНГ в 2025 году" and its participles."""
    if has_cue(doc, view.tokens, i, extra=lex) or _chairs_meeting(view, i, lex):
        return
    org = _org_near(doc, view, i, lex, implicit=True)
    state = _verb_subject_state(doc, view, i, posts, lex)
    if org is None or state is None:
        return
    years = _years_or_current(doc, view, i, lex)
    if years:
        yield org, state, years
    yield from _elliptic(doc, view, i, org, posts, lex)


def _years_or_current(doc, view, i, lex):
    """The years stated for the verb at token i; a present-tense verb without one means
    the article's year."""
    years = _years(doc, view, i, lex)
    if not years and _is_present(view.tokens[i]):
        years = _current(doc)
    return years


def _verb_subject_state(doc, view, i, posts, lex):
    tokens = view.tokens
    for j in children(view.tokens, i):
        ref = view.ref_at(j)
        if tokens[j].rel.startswith("nsubj") or (
                tokens[j].rel == "obj" and ref is not None and ref.cls == "State"):
            found = _subject_state(doc, view, i, j, posts)
            if found is not None:
                return found
    if tokens[i].rel.startswith(("acl", "amod")):
        found = state_at(doc, view, tokens[i].head, posts)
        if found is not None:
            return found
    return _state_left(doc, view, i, posts, lex)


def _subject_state(doc, view, verb, j, posts):
    """The state of a subject: a state, a person, "который" / "чья страна"
    (the word the relative clause hangs on)."""
    tokens = view.tokens
    det = [c for c in children(view.tokens, j) if tokens[c].lemma == "чей"]
    if tokens[j].lemma == "который" or det:
        return antecedent_state(doc, view, min([j] + det), verb, posts)
    return state_at(doc, view, j, posts)


def antecedent_state(doc, view, pron, verb, posts, roles=None):
    """The state of the word a relative clause hangs on: the word before the
    comma that opens it, else the clause's syntactic head."""
    tokens = view.tokens
    k = pron - 1
    while k >= 0 and tokens[k].pos == "ADP":
        k -= 1
    if k >= 1 and tokens[k].text == ",":
        word = k - 1
        h = tokens[word].head
        if 0 <= h < word and not same_gender_number(tokens[pron], tokens[word]) and \
                same_gender_number(tokens[pron], tokens[h]):
            word = h  # "бывший премьер-министр Того, который": the noun "Того" qualifies
            if _former_before(doc, view, word + 1):
                return None
        found = state_at(doc, view, word, posts, roles=roles)
        if found is None and view.ref_at(word) is not None:
            ref = view.ref_at(word)
            found = state_at(doc, view, ref.first, posts, roles=roles)
        if found is not None:
            return found
    if tokens[verb].rel.startswith("acl"):
        return state_at(doc, view, tokens[verb].head, posts, roles=roles)
    return None


def _state_left(doc, view, i, posts, lex):
    """For "..., который как председательствующий ...": the nearest person or
    state before the cue in its clause."""
    tokens = view.tokens
    a, _ = view.clause_of(i)
    window = max(a, i - 8)
    if not lex.has("as", tokens, max(a, i - 3), i):
        return None
    for j in range(i - 1, window - 1, -1):
        ref = view.ref_at(j)
        if ref is not None and ref.cls in PERSONS_AND_STATES:
            return state_at(doc, view, j, posts)
    return None


def _chairs_meeting(view, i, lex) -> bool:
    """"председательствовал на заседании": the chair of a meeting."""
    tokens = view.tokens
    for j in children(view.tokens, i):
        if preposition(view.tokens, j) == "на" and lex.has("meeting", tokens, j, j + 1):
            return True
    return False


def _elliptic(doc, view, i, org, posts, lex):
    """", а Швейцарию - в 2026 году": a conjunct state with its own date, no verb."""
    tokens = view.tokens
    for j in children(view.tokens, i):
        if tokens[j].rel != "conj" or tokens[j].pos == "VERB":
            continue
        state = state_at(doc, view, j, posts)
        if state is None:
            continue
        years = []
        for d in view.dates:
            h = date_head(view, d)
            if h is not None and tokens[h].head == j:
                years += _years_of(d)
        if years:
            yield org, state, years


# .. "председательство" .......................................................


def _noun_cue(doc, view, i, posts, lex):
    """"председательство России", "перешло к Киргизии", "принял председательство"."""
    tokens = view.tokens
    if lex.has("meeting_chair", tokens, max(0, i - 1), i + 1) or \
            has_cue(doc, tokens, i, extra=lex):
        return
    if any(lex.has("own", tokens, j, j + 1) for j in children(view.tokens, i)):
        return
    verb = tokens[i].head if 0 <= tokens[i].head < len(tokens) else None
    kind = None
    if verb is not None and tokens[verb].pos == "VERB":
        if lex.has("pass_to", tokens, verb, verb + 1):
            kind = "pass_to"
        elif lex.has("take", tokens, verb, verb + 1):
            kind = "take"
    state = _receiver(doc, view, verb, posts) if kind == "pass_to" else None
    state = state or _noun_state(doc, view, i, posts)
    if state is None and kind == "take":
        state = _taker(doc, view, verb, i, posts)
    if state is None and verb is not None:
        state = _thanked_or_holder(doc, view, verb, i, posts, lex)
    org = _org_near(doc, view, i, lex, implicit=True, verb=verb if kind else None)
    if org is None or state is None:
        return
    years = _years(doc, view, i, lex)
    explicit = bool(years)
    if not years:
        tense_ok = kind and not _is_future(tokens[verb])
        if tense_ok or _is_present(tokens[predicate(view.tokens, i)]):
            years = _current(doc)
    if not years:
        return
    yield org, state, years
    if explicit and len(years) == 1 and kind:
        yield from _predecessors(doc, view, verb, state, org, years[0], posts, lex)


def _noun_state(doc, view, i, posts):
    """"председательство России", "российское председательство"."""
    tokens = view.tokens
    for j in children(view.tokens, i):
        ref = view.ref_at(j)
        if tokens[j].rel == "nmod" and ref is not None and ref.cls == "State" \
                and tokens[j].feat("Case") in ("Gen", None) and preposition(view.tokens, j) is None:
            return ref.entity
        if tokens[j].rel == "amod" and (state := doc.adjective_state(tokens[j])) is not None:
            return state
    return None


def _thanked_or_holder(doc, view, verb, cue, posts, lex):
    """"поблагодарил Казахстан за председательство" (the one thanked),
    "председательство было у Индии" (the one that had it)."""
    tokens = view.tokens
    if lex.has("thank", tokens, verb, verb + 1) and preposition(view.tokens, cue) == "за":
        for j in children(view.tokens, verb):
            if tokens[j].rel in ("obj", "iobj") or (tokens[j].rel == "obl"
                                                   and preposition(view.tokens, j) is None):
                found = state_at(doc, view, j, posts)
                if found is not None:
                    return found
    if lex.has("have", tokens, verb, verb + 1):
        for j in children(view.tokens, verb):
            if preposition(view.tokens, j) == "у":
                return state_at(doc, view, j, posts)
    if preposition(view.tokens, verb) == "у" and any(
            tokens[c].rel == "cop" and lex.has("have", tokens, c, c + 1)
            for c in children(view.tokens, verb)):
        return state_at(doc, view, verb, posts)  # "было у Индии" as the predicate
    return None


def _receiver(doc, view, verb, posts):
    """"перейдет к Казахстану", "передал ... Армении"."""
    tokens = view.tokens
    for j in children(view.tokens, verb):
        if preposition(view.tokens, j) == "к" or (tokens[j].feat("Case") == "Dat"
                                         and tokens[j].rel in ("iobj", "obl")
                                         and preposition(view.tokens, j) is None):
            found = state_at(doc, view, j, posts)
            if found is not None:
                return found
    return None


def _taker(doc, view, verb, cue, posts):
    """"Казахстан примет председательство", "президент Анголы ... принял"."""
    tokens = view.tokens
    for j in children(view.tokens, verb):
        if j != cue and tokens[j].rel.startswith("nsubj"):
            found = state_at(doc, view, j, posts)
            if found is not None:
                return found
    return None


def _predecessors(doc, view, verb, state, org, year, posts, lex):
    """The state the chairmanship was taken from ("у президента Мавритании") or
    that was replaced ("сменила на этом посту Киргизию") chaired the year before."""
    tokens = view.tokens
    for j in children(view.tokens, verb):
        if preposition(view.tokens, j) == "у":
            found = state_at(doc, view, j, posts)
            if found is not None and found.iri != state.iri:
                yield org, found, [year - 1]
    for k, t in enumerate(tokens):
        if not lex.has("succeed", tokens, k, k + 1) or has_cue(doc, view.tokens, k, extra=lex):
            continue
        subject = [j for j in children(view.tokens, k) if tokens[j].rel.startswith("nsubj")]
        objects = [j for j in children(view.tokens, k) if tokens[j].rel == "obj"]
        if not subject or not objects:
            continue
        who = _subject_state(doc, view, k, subject[0], posts)
        if who is None and tokens[subject[0]].lemma == "который":
            who = state_at(doc, view, tokens[k].head, posts)
        if who is None or who.iri != state.iri:
            continue
        found = state_at(doc, view, objects[0], posts)
        if found is not None and found.iri != state.iri:
            yield org, found, [year - 1]


# .. "председатель ОДКБ", "страна-председатель" ...............................


def _holder_cue(doc, view, i, posts, lex):
    """A holder acting as chair; a bare "председатель" needs the organization
    next to it, "страна-председатель" may leave it implicit."""
    tokens = view.tokens
    country = tokens[i].lemma != "председатель"
    if has_cue(doc, view.tokens, i, extra=lex):
        return
    if any(lex.has("former", tokens, j, j + 1) and tokens[j].pos == "ADJ"
           for j in children(view.tokens, i)):
        return
    org = _holder_org(doc, view, i, lex, implicit=country)
    if org is None:
        return
    state = _holder_state(doc, view, i, posts, lex)
    if state is None:
        return
    years = _years(doc, view, i, lex)
    if not years and not _is_future(tokens[predicate(view.tokens, i)]):
        years = _current(doc)
    if years:
        yield org, state, years
    p = predicate(view.tokens, i)
    if tokens[i].rel == "xcomp" and p == tokens[i].head:
        yield from _elliptic(doc, view, p, org, posts, lex)


def _holder_org(doc, view, i, lex, implicit):
    """"председатель ОДКБ" (an international organization, not a state or a
    body), "председатель организации"."""
    tokens = view.tokens
    for j in children(view.tokens, i):
        if tokens[j].rel != "nmod" or preposition(view.tokens, j) is not None:
            continue
        ref = view.ref_at(j)
        if ref is not None:
            return ref.entity if ref.cls == "InternationalOrganization" else None
        if lex.has("org_anaphor", tokens, j, j + 1):
            return anaphor_org(doc, view, j)
        return None
    if implicit:
        return _org_near(doc, view, i, lex, implicit=True)
    return None


def _holder_state(doc, view, i, posts, lex):
    tokens = view.tokens
    t = tokens[i]
    if t.rel == "appos" and 0 <= t.head < len(tokens):
        found = state_at(doc, view, t.head, posts)
        if found is not None:
            return found
    for j in children(view.tokens, i):
        if tokens[j].rel in ("appos", "flat:name") or tokens[j].rel.startswith("nsubj"):
            found = state_at(doc, view, j, posts)
            if found is not None:
                return found
    head = t.head if 0 <= t.head < len(tokens) else None
    if head is not None and t.rel == "xcomp":
        for j in children(view.tokens, head):
            if tokens[j].rel == "obj":
                found = state_at(doc, view, j, posts)
                if found is not None:
                    return found
    if head is not None and tokens[head].pos == "VERB" and t.rel in ("obl", "xcomp", "advcl"):
        if tokens[head].rel.startswith("acl"):
            found = state_at(doc, view, tokens[head].head, posts)
            if found is not None:
                return found
        for j in children(view.tokens, head):
            if tokens[j].rel.startswith("nsubj"):
                found = _subject_state(doc, view, head, j, posts)
                if found is not None:
                    return found
    return _state_left(doc, view, i, posts, lex)


# .. "возглавлял объединение" ..................................................


def _lead_cue(doc, view, i, posts, lex):
    """A head of state (or a state) that "возглавлял" an international organization."""
    tokens = view.tokens
    if has_cue(doc, view.tokens, i, extra=lex):
        return
    org = None
    for j in children(view.tokens, i):
        if tokens[j].rel == "obj" or (tokens[j].rel == "obl" and tokens[j].feat("Case") == "Ins"
                                      and preposition(view.tokens, j) is None):
            ref = view.ref_at(j)
            if ref is not None and ref.cls == "InternationalOrganization":
                org = ref.entity
            elif ref is None and lex.has("org_anaphor", tokens, j, j + 1):
                org = anaphor_org(doc, view, j)
            elif ref is None and lex.has("work", tokens, j, j + 1):
                org = _work_org(doc, view, j, lex)  # 'руководит работой СНГ'
    if org is None:
        return
    state = None
    for j in children(view.tokens, i):
        if tokens[j].rel.startswith("nsubj"):
            det = [c for c in children(view.tokens, j) if tokens[c].lemma == "чей"]
            if tokens[j].lemma == "который" or det:
                state = antecedent_state(doc, view, min([j] + det), i, posts, roles=lex)
            else:
                state = _leader_state(doc, view, j, posts, lex)
    if state is None and tokens[i].feat("VerbForm") == "Part" and tokens[i].rel.startswith("acl"):
        state = _leader_state(doc, view, tokens[i].head, posts, lex)
    if state is None:
        return
    years = _years_or_current(doc, view, i, lex)
    if years:
        yield org, state, years


def _work_org(doc, view, j, lex):
    """The organization whose work a noun names: 'работой СНГ', 'его работой' (a possessive
    pronoun refers back)."""
    tokens = view.tokens
    for k in children(view.tokens, j):
        if tokens[k].rel in ("nmod", "det", "nmod:poss"):
            ref = view.ref_at(k)
            if ref is not None and ref.cls in ORGS:
                return org_entity(doc, ref)
            if lex.has("org_anaphor", tokens, k, k + 1) or tokens[k].lemma in ("его", "ее", "её",
                                                                                "их", "он"):
                return anaphor_org(doc, view, k)
    return None


def _leader_state(doc, view, j, posts, lex):
    """A state, or the state of a head of state or government ("президент
    Мавритании ...", a person whose post is one)."""
    ref = view.ref_at(j)
    if ref is not None and ref.cls in PERSONS_AND_STATES:
        return state_at(doc, view, j, posts, roles=lex)
    if lex.has("leader_role", view.tokens, j, j + 1):
        return state_at(doc, view, j, posts, roles=lex)
    return None


# -- organization and years ---------------------------------------------------


def _org_near(doc, view, i, lex, implicit, verb=None):
    """The organization of a cue: a "в"-phrase of the cue (or of its verb), an
    organization named in the clause, else (``implicit``) the one the article
    was talking about."""
    tokens = view.tokens
    heads = [i] + ([verb] if verb is not None else [])
    for h in heads:
        for j in children(view.tokens, h):
            if preposition(view.tokens, j) not in ("в", "во"):
                continue
            org = _org_in(doc, view, j, lex)
            if org is not None:
                return org
    a, b = view.clause_of(i)
    best = None
    for ref in view.refs_in(a, b, ORGS | {"Organization"}):
        org = org_entity(doc, ref)
        if org is None:
            continue
        dist = abs(ref.first - i)
        if best is None or dist < best[0]:
            best = (dist, org)
    if best is not None:
        return best[1]
    if implicit:
        for j in range(a, b):
            if lex.has("org_anaphor", tokens, j, j + 1) and tokens[j].pos == "NOUN":
                return anaphor_org(doc, view, j)
        return anaphor_org(doc, view, i)
    return None


def _org_in(doc, view, j, lex):
    """The organization in the phrase headed by token ``j`` ("в органах ЕАЭС",
    "в организации")."""
    tokens = view.tokens
    for k in sorted(subtree(view.tokens, j)):
        ref = view.ref_at(k)
        if ref is not None and ref.cls in ORGS | {"Organization"}:
            org = org_entity(doc, ref)
            if org is not None:
                return org
    if lex.has("org_anaphor", tokens, j, j + 1):
        return anaphor_org(doc, view, j)
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
            if (h := date_head(view, d)) is not None and h >= low and governs(view, p, h)]


def governs(view: SentView, p: int, h: int) -> bool:
    """Token ``p`` is above ``h`` with no other verb and no conjunct between."""
    chain = [h] + ancestors(view.tokens, h)
    if p not in chain:
        return False
    below = chain[: chain.index(p)]
    return not any(view.tokens[k].pos == "VERB" or view.tokens[k].rel == "conj" for k in below)


def _years(doc, view, i, lex) -> list[int]:
    """Years of the dates governed by the cue's predicate (the cue itself for a verb)."""
    verbal = lex.has("chair_verb", view.tokens, i, i + 1) or lex.has("lead_verb", view.tokens,
                                                                      i, i + 1)
    p = i if verbal else predicate(view.tokens, i)
    tokens = view.tokens
    if lex.has("chair_noun", tokens, i, i + 1) and p != i and not (
            tokens[i].head == p and tokens[i].rel in ("nsubj", "nsubj:pass", "obj")):
        # "подвели итоги председательства ... в январе": the verb's date is not the
        # chairmanship's; only a date on the noun itself counts
        p = i
    years: list[int] = []
    for d in governed_dates(view, p):
        years += _years_of(d, view, doc, predicate(view.tokens, p))
        years += _years_since(d, view, doc, p, lex)
    if years:
        return sorted(set(years))
    return _relative_years(doc, view, p, lex)


def _years_since(d, view, doc, p, lex) -> list[int]:
    """"председательствует с 2024 года" (still), "председательствовавший с 2022 года,
    передал председательство" (until the handover the article reports): every year from
    the first to the article's."""
    year = article_year(doc)
    if d.kind != "since" or year is None or not re.search(r"\d{4}", d.text):
        return []
    tokens = view.tokens
    ongoing = _is_present(tokens[p]) and not _is_future(tokens[p])
    handed = _is_past(tokens[p]) and any(lex.has("pass_to", tokens, k, k + 1) and
                                         _is_past(tokens[k]) for k in range(len(tokens)))
    first = int(d.value[:4])
    return list(range(first + 1, year + 1)) if (ongoing or handed) and first < year else []


def _years_of(d, view=None, doc=None, p=None) -> list[int]:
    first = int(d.value[:4])
    if d.kind == "range" and d.end_value:
        return list(range(first, int(d.end_value[:4]) + 1))
    if d.kind == "since" and doc is not None and doc.article.date and \
            not re.search(r"\d{4}", d.text) and d.value < doc.article.date and \
            not _is_past(view.tokens[p]):
        return [first + 1]  # "с 1 января" in December: the coming January
    return [first]


def _relative_years(doc, view, p, lex) -> list[int]:
    year = article_year(doc)
    if year is None:
        return []
    tokens = view.tokens
    for kind, shift in (("this_year", 0), ("next_year", 1), ("last_year", -1)):
        for a, b in lex.find(kind, tokens):
            if governs(view, p, b - 1):
                return [year + shift]
    return []


def _current(doc) -> list[int]:
    year = article_year(doc)
    return [year] if year else []


def _is_present(t) -> bool:
    return t.feat("Tense") == "Pres" and t.feat("Aspect") != "Perf"


def _is_past(t) -> bool:
    return t.feat("Tense") == "Past"


def _is_future(t) -> bool:
    return t.feat("Tense") == "Fut" or (t.feat("Tense") == "Pres" and t.feat("Aspect") == "Perf")
