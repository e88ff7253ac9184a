"""Posts: who holds (or held) which post in which organization or state.

Phrasings:
- apposition, role first: "генеральный секретарь ОДКБ Имангали Тасмагамбетов",
  "президент РФ Владимир Путин", "глава МИД России Сергей Лавров" (a ministry
  with its state stands for the state), "российский президент Владимир Путин"
  (a state adjective), "генеральный секретарь организации X" and "министр
  иностранных дел республики X" (an organization or state named before);
- coordinated lists: "генеральные секретари СНГ - Сергей Лебедев и ШОС -
  Нурлан Ермекбаев", "президенты России и Белоруссии Владимир Путин и
  Александр Лукашенко";
- role after the name: "Сергей Лебедев, генеральный секретарь СНГ,";
- former holders ("бывший", "экс-", "тогдашний"), start and end dates from
  appointments, elections, resignations and periods ("в 2007-2016 годах"), and
  successions ("X сменит на этом посту Y": Y's tenure ends).

Role names come from ``ontology/lexicon/roles.tsv``; status and date cues from
``ontology/lexicon/post_cues.tsv``. A "председатель" acting for an organization
("как председатель ОДКБ") is a chairmanship, not a post.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from kg.facts.base import ORG_CLASSES, Doc, Ref, SentView, children, fact, lexicon
from kg.facts.roles import Role, load_roles
from kg.paths import LEXICON_DIR
from kg.phrases import PhraseMatcher
from kg.records import Fact, Token

EXTRACTOR = "posts"
OPENING_QUOTES = {"«", '"', "„", "'"}  # "''Samsung Group''": two apostrophes
CLOSING_QUOTES = {"»", '"', "“", "'"}
SEPARATORS = {",", "и", "-", "–", "—", "а", "также"} | CLOSING_QUOTES
DASHES = {"-", "–", "—"}
HOLDERS = ORG_CLASSES | {"State"}


@dataclass(frozen=True)
class _Post:
    person: str
    role: str
    organization: str
    start: str | None
    end: str | None
    status: str
    view: SentView


def extract(doc: Doc, posts: list[Fact]) -> list[Fact]:
    roles = load_roles(doc.ctx.models.morph_vocab)
    cues = lexicon("post_cues", doc.ctx)
    found: list[_Post] = []
    for view in doc.sentences:
        if found:
            found[-1] = _start_after(view, cues, found[-1])
        found.extend(_sentence_posts(doc, view, roles, cues, found[-1] if found else None))
    return [fact("post", p.view, EXTRACTOR, person=p.person, role=p.role,
                 organization=p.organization, start=p.start, end=p.end, status=p.status)
            for p in _merge(found)]


# -- one sentence -------------------------------------------------------------


def _sentence_posts(doc: Doc, view: SentView, roles, cues, last: _Post | None) -> list[_Post]:
    tokens, former_flags = _strip_ex(view.tokens, roles)
    out: list[_Post] = []
    previous_former, previous_end = False, -1
    links = []  # role phrases with an organization and no holder
    for i, j, role in roles.match(tokens):
        if _acting_as_chair(tokens, i, role) or _body_name(tokens, i):
            continue
        i, role = _with_prefix(doc, tokens, i, j, role)
        j, role = _portfolio(doc, view, i, j, role)
        pairs, k = _holders_after(doc, view, i, j, role)
        if not pairs:
            pairs = _holder_before(doc, view, i, j, role)
        subject_former = False
        if not pairs:
            pairs, subject_former = _subject_holder(doc, view, cues, roles, i, j, role)
        if not pairs:
            pairs = _represented_holder(doc, view, cues, i, j, role)
        if not pairs:
            links.append(_chain_link(doc, view, i, j, role, former_flags[i] or
                                     cues.has("former", tokens, max(0, i - 2), i)))
            continue
        out.extend(_chained(view, links, i, pairs))
        former = former_flags[i] or cues.has("former", tokens, max(0, i - 2), i) \
            or subject_former
        # "тогдашние председатель X и генеральный секретарь Y": one cue for the list
        between = {t.lemma for t in tokens[previous_end:i]} if previous_end >= 0 else {"-"}
        if previous_former and between <= {"и", ","}:
            former = True
        start, end, period_former = _dates(view, cues, i, j, doc.article.date)
        if former and not period_former:
            start = end = None  # appointment dates belong to the new post, not the old one
        previous_former, previous_end = former, _pairs_end(view, pairs, j)
        for person, org in pairs:
            status = "former" if former or period_former else "current"
            out.append(_Post(person.iri, role.label, org.iri, start, end, status, view))
        out.extend(_predecessors(view, cues, roles, i, role, pairs))
    out.extend(_professions(doc, view, cues, tokens, roles, links))
    out.extend(_affiliations(doc, view, cues))
    out.extend(_verb_posts(doc, view, cues, tokens))
    out.extend(_successions(doc, view, cues, out[-1] if out else last))
    return out


def _role_org(doc: Doc, view: SentView, i: int, j: int, role: Role):
    """The organization or state of the role phrase [i, j): one its last words run into
    ("глава [МИД России]") or one right after it. (entity or None, the token after it)."""
    overlap = view.ref_at(j - 1)
    if overlap is not None and overlap.cls in HOLDERS and overlap.first >= i:
        return _as_holder(doc, overlap.entity), overlap.last
    return _org_at(doc, view, j, role)


def _chain_link(doc: Doc, view: SentView, i: int, j: int, role: Role, former: bool):
    """A role phrase with its organization and no holder yet: (role, organization, end,
    former)."""
    org, end = _role_org(doc, view, i, j, role)
    if org is None or not _fits(role, org):
        return None
    after = view.ref_at(end) if end < len(view.tokens) else None
    if after is not None and after.first == end and after.cls == "State":
        end = after.last  # 'спикер Сейма Латвии член партии ...'
    return role, org, end, former


def _chained(view: SentView, links, i: int, pairs) -> list[_Post]:
    """"председатель КНР, генеральный секретарь ЦК КПК Си Цзиньпин": a role phrase right
    before the next one (a comma between at most) has the same holder."""
    if len(pairs) != 1:
        return []
    for link in links:
        if link is None:
            continue
        role, org, end, former = link
        if end <= i and i - end <= 1 and all(t.text == "," for t in view.tokens[end:i]):
            return [_Post(pairs[0][0].iri, role.label, org.iri, None, None,
                          "former" if former else "current", view)]
    return []


def _start_after(view: SentView, cues, last: _Post) -> _Post:
    """"... назначили генеральным секретарем X. Он приступит к работе с 1 января 2026 года":
    a sentence opening with "он"/"она" and a start cue dates the post named just before."""
    tokens = view.tokens
    if last.start is not None or last.status != "current" or \
            last.view.index != view.index - 1 or not cues.has("he", tokens, 0, 1):
        return last
    hits = cues.find("appoint", tokens)
    if not hits:
        return last
    after = tokens[hits[0][1] - 1].end
    date = next((d for d in view.dates if d.start >= after and d.precision == "day"), None)
    return replace(last, start=date.value) if date else last


def _predecessors(view: SentView, cues, roles, i: int, role: Role, pairs) -> list[_Post]:
    """Former holders of the posts in ``pairs``, named after "вместо" (see _replaced)."""
    holders = {p.iri for p, _ in pairs}
    orgs = {o.iri for _, o in pairs}
    return [_Post(person.iri, role.label, org, None, None, "former", view)
            for person in _replaced(view, cues, roles, i, holders) for org in sorted(orgs)]


def _replaced(view: SentView, cues, roles, i: int, holders: set[str]):
    """"Главным тренером «Манчестер Юнайтед» вместо Алекса Фергюсона назначен Дэвид Мойес":
    the person after "вместо" held the post before ("вместо президента X": another post)."""
    first, last = view.clause_of(i)
    out = []
    for a, b in cues.find("instead", view.tokens, first, last):
        ref = view.ref_at(b)
        while ref is None and b < last - 1 and view.tokens[b].pos in ("NOUN", "ADJ") and \
                view.tokens[b].text.islower() and not roles.matcher.match_at(view.tokens, b):
            b += 1  # 'вместо сэра Алекса Фергюсона'
            ref = view.ref_at(b)
        if ref is not None and ref.first == b and ref.cls == "Person" and \
                ref.entity.iri not in holders:
            out.append(ref.entity)
    return out


def _professions(doc: Doc, view: SentView, cues, tokens, roles, links) -> list[_Post]:
    """Any profession before an organization and a person: "нападающий клуба «Зенит»
    Артем Дзюба", "глава компании Apple Тим Кук": an animate noun (with its adjectives)
    that is not a known role, followed by an organization or state, then a person."""
    matched = {k for i, j, _ in roles.match(tokens) for k in range(i, j)}
    out = []
    for i, t in enumerate(tokens):
        if i in matched or t.pos != "NOUN" or t.feat("Animacy") != "Anim":
            continue
        if cues.has("not_role", tokens, i, i + 1) or view.ref_at(i) is not None:
            continue
        a = i
        while a > 0 and tokens[a - 1].pos == "ADJ" and a - 1 not in matched \
                and tokens[a - 1].lemma.endswith(("ый", "ий", "ой")) \
                and tokens[a - 1].text.isalpha() \
                and doc.gazetteer.adjective(tokens[a - 1].lemma) is None:
            a -= 1
        role = Role(" ".join(_nominative(tokens[a:i + 1])), "any")
        pairs, _ = _holders_after(doc, view, a, i + 1, role)
        if not pairs:
            pairs = _holder_before(doc, view, a, i + 1, role)
        if not pairs:
            pairs, _ = _subject_holder(doc, view, cues, roles, a, i + 1, role)
        # a state after a profession is a nationality ("теннисист России"), not a workplace
        pairs = [(p, o) for p, o in pairs if o.cls != "State"]
        if not pairs:
            continue
        former = cues.has("former", tokens, max(0, a - 2), a)
        for person, org in pairs:
            out.append(_Post(person.iri, role.label, org.iri, None, None,
                             "former" if former else "current", view))
        out.extend(_predecessors(view, cues, roles, a, role, pairs))
        out.extend(_chained(view, links, a, pairs))
    return out


def _affiliations(doc: Doc, view: SentView, cues) -> list[_Post]:
    """"Александр Жуков («Единая Россия»)", "Джанлуиджи Буффон (Ювентус)", "Дуайт Ховард из
    команды Orlando Magic": a person with the organization they play or work for, in
    brackets right after the name or after "из" (with a generic noun between)."""
    tokens = view.tokens
    out = []
    for ref in view.refs:
        if ref.cls != "Person" or ref.last >= len(tokens):
            continue
        k = ref.last
        bracket = tokens[k].text == "("
        if not bracket and not cues.has("affiliated", tokens, k, k + 1):
            continue
        n = k + 1
        while n < len(tokens) and n < k + 4 and view.ref_at(n) is None and \
                (tokens[n].text in OPENING_QUOTES or
                 (not bracket and tokens[n].text.islower() and tokens[n].pos in ("NOUN", "ADJ"))):
            n += 1
        org = view.ref_at(n) if n < len(tokens) else None
        if org is None or org.first != n or org.cls not in ORG_CLASSES:
            continue
        end = org.last
        while end < len(tokens) and tokens[end].text in CLOSING_QUOTES:
            end += 1
        if bracket and (end >= len(tokens) or tokens[end].text != ")"):
            continue  # "(ТАСС, Reuters)": a list or a source, not an affiliation
        out.append(_Post(ref.entity.iri, "член", _as_holder(doc, org.entity).iri, None, None,
                         "current", view))
    return out


def _verb_posts(doc: Doc, view: SentView, cues, tokens) -> list[_Post]:
    """"Фриден возглавляет департамент здравоохранения", "X работает в компании Y", "X
    выступает за «Анжи»": the subject heads (глава), works for (сотрудник) or plays for
    (игрок) the organization after the verb."""
    out = []
    for kind, label in (("head_verb", "глава"), ("work_verb", "сотрудник"),
                        ("play_verb", "игрок")):
        for a, b in cues.find(kind, tokens):
            first, last = view.clause_of(a)
            people = [r for r in view.refs_in(first, a, {"Person"})] or \
                _pronoun_subject(doc, view, cues, first, a)
            orgs = [r for r in view.refs_in(b, min(last, b + 6), ORG_CLASSES)]
            if not people and kind == "head_verb":
                people, orgs = _inverted(view, first, a, b, last)
            if not people and kind == "work_verb":
                people, orgs = _where_clause(view, a, b, last)
            if not people or not orgs:
                continue
            org = orgs[0]
            if kind == "work_verb" and "в" not in {t.lemma for t in tokens[b:org.first]} \
                    and org.last > a:
                continue
            if kind == "play_verb" and not all(
                    t.text in OPENING_QUOTES or t.pos == "ADJ" or cues.has("team", [t])
                    for t in tokens[b:org.first]):
                continue  # 'выступает за махачкалинский «Анжи»', 'за клуб «Зенит»', not
                # 'выступает за реформу Совета Безопасности'

            if doc.cues.has("negation", tokens, max(first, a - 2), a):
                continue
            past = tokens[a].feat("Tense") == "Past"
            out.append(_Post(people[-1].entity.iri, label, org.entity.iri, None, None,
                             "former" if past else "current", view))
    return out


def _where_clause(view: SentView, a: int, b: int, last: int):
    """"пресс-службы «Новой газеты», где работала Политковская": the organization before
    ', где', the person after the verb."""
    tokens = view.tokens
    n = a - 2
    if n < 1 or tokens[a - 1].lemma != "где" or tokens[n].text != ",":
        return [], []
    while n > 0 and tokens[n - 1].text in CLOSING_QUOTES:
        n -= 1
    org = view.ref_at(n - 1)
    people = view.refs_in(b, min(last, b + 2), {"Person"})
    if org is None or org.last != n or org.cls not in ORG_CLASSES or not people:
        return [], []
    return people[:1], [org]


def _inverted(view: SentView, first: int, a: int, b: int, last: int):
    """"С 2010 года South Stream Transport возглавляет Марсель Крамер": the organization
    before the verb, its subject after it."""
    before = view.refs_in(first, a, ORG_CLASSES)
    after = view.refs_in(b, min(last, b + 4), {"Person"})
    if not before or not after or view.refs_in(b, after[0].first, ORG_CLASSES):
        return [], []
    subject = view.tokens[after[0].first]
    if not subject.rel.startswith("nsubj") and view.tokens[after[0].last - 1].rel != "nsubj":
        return [], []
    return after[:1], [before[-1]] + view.refs_in(b, min(last, b + 6), ORG_CLASSES)


def _nominative(tokens) -> list[str]:
    """Adjectives agreeing with the head noun in its nominative: "главный тренер"."""
    head = tokens[-1]
    gender = head.feat("Gender")
    words = []
    for t in tokens[:-1]:
        words.append(_adjective_form(t.lemma, gender))
    words.append(head.lemma)
    return words


def _adjective_form(lemma: str, gender: str | None) -> str:
    if gender == "Fem" and lemma.endswith(("ый", "ой", "ий")):
        return lemma[:-2] + ("ая" if lemma.endswith(("ый", "ой")) else "яя")
    return lemma


def _strip_ex(tokens: tuple[Token, ...], roles) -> tuple[tuple[Token, ...], list[bool]]:
    """"экс-президент" -> "президент" marked former (the same tuple when there is none, so
    that phrase matching keeps what it found in the sentence)."""
    out, flags = [], []
    for t in tokens:
        low = t.text.lower()
        if low.startswith(("экс-", "экс–")) and len(t.text) > 4:
            rest = t.text[4:]
            out.append(replace(t, text=rest, lemma=roles.matcher.lemma(rest)))
            flags.append(True)
        else:
            out.append(t)
            flags.append(False)
    return (tuple(out) if any(flags) else tokens), flags


def _pairs_end(view: SentView, pairs, j: int) -> int:
    ends = [r.last for r in view.refs if r.cls == "Person" and r.first >= j
            and any(p.iri == r.entity.iri for p, _ in pairs)]
    return max(ends) if ends else j


def _prefixes(doc: Doc) -> PhraseMatcher:
    """Prefix roles of post_cues.tsv, each with its written (nominative) form."""
    global _PREFIXES
    if _PREFIXES is None:
        from kg.gazetteer import read_tsv

        matcher = PhraseMatcher(doc.ctx.models.morph_vocab, case_sensitive=False)
        for row in read_tsv(LEXICON_DIR / "post_cues.tsv"):
            if row["kind"] == "prefix":
                for form in row["forms"].split("|"):
                    matcher.add(form.strip(), form.strip())
        _PREFIXES = matcher
    return _PREFIXES


_PREFIXES: PhraseMatcher | None = None


def _with_prefix(doc: Doc, tokens, i: int, j: int, role: Role) -> tuple[int, Role]:
    """"заместитель министра иностранных дел": a prefix role before a role in the genitive."""
    for a, b, form in _prefixes(doc).match(tokens, max(0, i - 4), i):
        if b == i:
            rest = " ".join(t.text if t.text[:1].isupper() and n > 0 else t.text.lower()
                            for n, t in enumerate(tokens[i:j]))
            return a, Role(f"{form} {rest}", role.scope)
    return i, role


def _body_name(tokens, i: int) -> bool:
    """'совета [директоров]', 'кабинета [министров]': a plural role word in the genitive
    after a noun names a body, not a post."""
    t = tokens[i]
    return i > 0 and t.feat("Case") == "Gen" and t.feat("Number") == "Plur" and \
        tokens[i - 1].pos == "NOUN" and tokens[i - 1].text.islower()


def _acting_as_chair(tokens, i: int, role: Role) -> bool:
    if role.label != "председатель":
        return False
    before = [t.lemma for t in tokens[max(0, i - 2):i]]
    return "как" in before or "качество" in before


def _org_at(doc: Doc, view: SentView, k: int, role: Role):
    """An organization or state beginning at token k (or a reference to one): (entity, next k)."""
    tokens = view.tokens
    if k >= len(tokens):
        return None, k
    if tokens[k].text in OPENING_QUOTES and k + 1 < len(tokens):
        entity, nk = _org_at(doc, view, k + 1, role)  # 'тренером «Манчестер Юнайтед»'
        if entity is not None:
            return entity, nk + (nk < len(tokens) and tokens[nk].text in CLOSING_QUOTES)
        return None, k
    ref = view.ref_at(k)
    if ref is not None and ref.first == k and ref.cls in HOLDERS:
        if ref.first > 0 and tokens[ref.first - 1].pos == "ADP" and ref.first - 1 >= 0 \
                and ref.first != k:
            return None, k
        return ref.entity, ref.last
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
            return named.entity, named.last
    lemma = tokens[k].lemma
    if lemma in _anaphors(doc, "org_anaphor") and role.scope != "state":
        prev = doc.last_ref(tokens[k].start, {"InternationalOrganization"})
        entity = prev.entity if prev else doc.main_org()
        return (entity, k + 1) if entity else (None, k)
    if lemma in _anaphors(doc, "state_anaphor") and role.scope != "org":
        prev = doc.last_ref(tokens[k].start, {"State"})
        return (prev.entity, k + 1) if prev else (None, k)
    return None, k


def _anaphors(doc: Doc, kind: str) -> set[str]:
    matcher = doc.cues.matchers.get(kind)
    if matcher is None:
        return set()
    return matcher.first_forms()


def _fits(role: Role, entity) -> bool:
    if role.scope == "state":
        return entity.cls in ("State", "GovernmentBody")
    if role.scope == "org":
        return entity.cls != "State"
    return True


def _as_holder(doc: Doc, entity):
    """A ministry with its state ("МИД России") stands for the state."""
    if entity.cls == "GovernmentBody" and entity.parent and "/state/" in entity.parent:
        return doc.entity_by_iri(entity.parent) or entity
    return entity


def _holders_after(doc: Doc, view: SentView, i: int, j: int, role: Role):
    """(person, organization) pairs named right after a role phrase [i, j)."""
    tokens = view.tokens
    orgs, persons, order = [], [], []
    k = j
    # a ref that overlaps the end of the role phrase: "глава [МИД России]"
    overlap = view.ref_at(j - 1)
    if overlap is not None and overlap.cls in HOLDERS and overlap.last > j - 1 \
            and overlap.first >= i:
        orgs.append(_inner_state(view, overlap, role) or _body_parent(doc, overlap) or
                    _as_holder(doc, overlap.entity))
        order.append("O")
        k = overlap.last
    adjective = _state_adjective(doc, tokens, i)
    plural = any(t.feat("Number") == "Plur" for t in tokens[i:j] if t.pos == "NOUN")
    while k < len(tokens):
        ref = view.ref_at(k)
        if ref is not None and ref.first == k and ref.cls == "Person":
            if persons and not plural and "O" not in order[order.index("P"):]:
                break
            persons.append(ref.entity)
            order.append("P")
            k = ref.last
            continue
        if not persons or order[-1] == "P":
            entity, nk = _org_at(doc, view, k, role)
            if entity is not None and nk > k:
                orgs.append(entity)
                order.append("O")
                k = nk
                continue
        if tokens[k].text in SEPARATORS or tokens[k].lemma in SEPARATORS:
            if order and order[-1] == "P" and tokens[k].text in DASHES:
                break
            k += 1
            continue
        if not order and k == j and lexicon("post_cues", doc.ctx).has("delegated", tokens, k,
                                                                       k + 1):
            k += 1  # 'депутат от «Справедливой России» Илья Пономарев'
            continue
        if order and order[-1] == "O" and tokens[k].text == "(":
            nk = _bracket_end(view, k)
            if nk > k:  # 'Евразийской экономической комиссии (ЕЭК) Бакытжан Сагинтаев'
                k = nk
                continue
        if order and order[-1] == "O" and not persons:
            nk = _accreditation(doc, view, k)
            if nk == k:  # 'министр иностранных дел Катара шейх Хамад ...'
                nk = _title(view, k)
            if nk > k:  # 'постоянный представитель России при ООН Василий Небензя'
                k = nk
                continue
        break
    while order and order[-1] == "O":
        order.pop()
        orgs.pop()
    if not persons:
        return [], k
    if not orgs and adjective is not None:
        orgs, order = [adjective], ["O", *order]
    if not orgs:
        return [], k
    pairs = _pair(order, orgs, persons)
    return [(p, o) for p, o in pairs if _fits(role, o)], k


def _inner_state(view: SentView, ref: Ref, role: Role):
    """'председатель [Кабинета министров Киргизии]': a state-scoped role whose words run into
    a body of a state is held in the state named inside."""
    if role.scope != "state" or ref.cls == "State":
        return None
    inner = [r for r in view.refs if r.cls == "State" and ref.first <= r.first and
             r.last <= ref.last]
    return inner[-1].entity if inner else None


def _pair(order: list[str], orgs, persons):
    """Match organizations to persons: alternating O P O P, or O O P P, or O P P."""
    if len(orgs) == len(persons):
        return list(zip(persons, orgs))
    if len(orgs) == 1:
        return [(p, orgs[0]) for p in persons]
    # alternating with a shared organization missing: pair each person with the nearest org before
    pairs, current, oi, pi = [], None, 0, 0
    for kind in order:
        if kind == "O":
            current = orgs[oi]
            oi += 1
        else:
            if current is not None:
                pairs.append((persons[pi], current))
            pi += 1
    return pairs


def _state_adjective(doc: Doc, tokens, i: int):
    if i > 0 and tokens[i - 1].pos == "ADJ":
        entry = doc.gazetteer.adjective(tokens[i - 1].lemma)
        if entry is not None and entry.cls == "State":
            return doc.state_entity(entry)
    return None


def _holder_before(doc: Doc, view: SentView, i: int, j: int, role: Role):
    """"Сергей Лебедев, генеральный секретарь СНГ," -> the person before the comma."""
    tokens = view.tokens
    p = i
    while p > 0 and tokens[p - 1].pos == "ADJ" and p > i - 2:
        p -= 1  # "Гутерриш, бывший премьер-министр Португалии"
    if p < 2 or tokens[p - 1].text not in {",", "-", "–", "—", "("}:
        return []
    ref = view.ref_at(p - 2)
    if ref is None or ref.cls != "Person" or ref.last != p - 1:
        return []
    org, _ = _role_org(doc, view, i, j, role)
    org = org if org is not None else _state_adjective(doc, tokens, i)
    if org is None or not _fits(role, org):
        return []
    return [(ref.entity, org)]


def _subject_holder(doc: Doc, view: SentView, cues, roles, i: int, j: int, role: Role):
    """"Марк Рютте вступил в должность генерального секретаря НАТО", "X назначен
    министром обороны России", "X, занимающий пост ...": the subject holds the post;
    "Обама назначил Томаса Фридена на пост директора ...": the object does; "Начальником
    управления X назначен Y": the role comes first, the holder after the verb."""
    first, last = view.clause_of(i)
    tokens = view.tokens
    cue_hits = [(kind, a, b) for kind in ("appoint", "hold", "leave", "copula")
                for a, b in cues.find(kind, tokens, first, i) if b <= i]
    if tokens[i].feat("Case") != "Ins":  # 'был директором', not 'было у директора'
        cue_hits = [h for h in cue_hits if h[0] != "copula"]
    org, after_org = _org_at(doc, view, j, role)
    if org is None or not _fits(role, org):
        return [], False
    if not cue_hits:
        return _holder_after_verb(view, cues, roles, i, after_org, last, org)
    kind, a, b = min(cue_hits, key=lambda h: h[1])
    objects = view.refs_in(b, i, {"Person"})
    if kind == "appoint" and objects and _active_verb(tokens[a]):
        return [(objects[-1].entity, org)], False
    people = [r for r in view.refs_in(first, a, {"Person"})] or \
        _pronoun_subject(doc, view, cues, first, a)
    if not people:
        return [], False
    person = people[-1]
    # "в прошлом занимавший пост", "ранее возглавлял": a post held before
    former = cues.has("former", tokens, person.last, i) or (
        kind in ("hold", "leave", "copula") and tokens[a].feat("Tense") == "Past")
    return [(person.entity, org)], former


def _pronoun_subject(doc: Doc, view: SentView, cues, first: int, a: int) -> list[Ref]:
    """"В 1970 году он начал работать в ...": the subject pronoun before the verb stands for
    the person named last in the sentences before (nothing if none is near)."""
    tokens = view.tokens
    for n in range(first, a):
        if cues.has("he", tokens, n, n + 1) and tokens[n].rel.startswith("nsubj"):
            ref = doc.last_ref(tokens[n].start, {"Person"}, within=2)
            return [ref] if ref is not None else []
    return []


def _active_verb(token: Token) -> bool:
    """'назначил', 'назначит' (the object is appointed), not 'назначен' or 'назначение'."""
    return token.pos == "VERB" and token.feat("Voice") != "Pass" and \
        token.feat("VerbForm") != "Part"


def _holder_after_verb(view: SentView, cues, roles, i: int, k: int, last: int, org):
    """"Начальником Главного оперативного управления назначен генерал Андрей Третьяк": a role
    in the instrumental opening the clause, an appointment verb after its organization,
    then the person."""
    tokens = view.tokens
    if tokens[i].feat("Case") != "Ins":
        return [], False
    hits = cues.find("appoint", tokens, k, last)
    if not hits:
        return [], False
    a, b = hits[0]
    replaced = {e.iri for e in _replaced(view, cues, roles, i, set())}
    if any(r.entity.iri not in replaced for r in view.refs_in(i, a, {"Person"})):
        return [], False
    people = view.refs_in(b, min(last, b + 6), {"Person"})
    if not people or people[0].first > b + 3:
        return [], False
    return [(people[0].entity, org)], False


_AGE = re.compile(r"^\d+-(летн|лет)\w*$")


def _title(view: SentView, k: int) -> int:
    """A rank, title or nationality between the organization and the name ("генерал армии",
    "генерал-лейтенанта", "шейх", "норвежца"): the token where the name begins (k if none)."""
    tokens = view.tokens
    n = k
    while n < len(tokens) and n < k + 3:
        ref = view.ref_at(n)
        if ref is not None and n > k and ref.first == n and ref.cls == "State":
            n = ref.last  # 'представителя [Киргизии] Таалатбека Масадыкова'
            continue
        if ref is not None:
            break
        t = tokens[n]
        if t.pos == "NOUN" and t.text[:1].islower() and t.text.replace("-", "").isalpha() and \
                (t.feat("Animacy") == "Anim" or (n > k and t.feat("Case") == "Gen")):
            n += 1
            continue
        if _AGE.match(t.text):  # '34-летний'
            n += 1
            continue
        break
    ref = view.ref_at(n) if n < len(tokens) else None
    if n > k and ref is not None and ref.first == n and ref.cls == "Person" and \
            (tokens[k].feat("Animacy") == "Anim" or _AGE.match(tokens[k].text)):
        return n
    return k


def _portfolio(doc: Doc, view: SentView, i: int, k: int, role: Role) -> tuple[int, Role]:
    """'министр топлива и энергетики Норвегии', 'министр по делам религии': the portfolio of
    a bare minister, lowercase words up to the state or organization named next (or the name,
    after a state adjective), joins the role: (end of the role phrase, role)."""
    tokens = view.tokens
    if (i, k) not in lexicon("post_cues", doc.ctx).find("portfolio_role", tokens, i, k):
        return k, role
    n = k
    while n < len(tokens) and n < k + 6 and view.ref_at(n) is None and \
            tokens[n].text.isalpha() and tokens[n].text.islower() and \
            (tokens[n].pos in ("NOUN", "ADJ", "CCONJ") or tokens[n].lemma == "по"):
        n += 1
    ref = view.ref_at(n) if n < len(tokens) else None
    if n > k and ref is not None and ref.first == n and tokens[n - 1].pos in ("NOUN", "ADJ") \
            and (ref.cls in HOLDERS or  # 'малайзийский министр по делам религии X'
                 (ref.cls == "Person" and _state_adjective(doc, tokens, i) is not None)):
        return n, Role(f"{role.label} {' '.join(t.text for t in tokens[k:n])}", role.scope)
    return k, role


def _bracket_end(view: SentView, k: int) -> int:
    """'(ЕЭК)' after an organization: the token after the closing bracket, if the bracket
    holds only a name (k if not)."""
    tokens = view.tokens
    for n in range(k + 1, min(len(tokens), k + 5)):
        if tokens[n].text == ")":
            return n + 1 if n > k + 1 else k
        if tokens[n].pos not in ("PROPN", "NOUN", "X") and not tokens[n].text.isupper():
            return k
    return k


def _body_parent(doc: Doc, ref: Ref):
    """'председатель [Генеральной Ассамблеи ООН]': a role named after a body of an
    organization is held in the organization."""
    if ref.cls != "OrganizationBody" or not ref.entity.parent:
        return None
    return doc.entity_by_iri(ref.entity.parent)


def _accreditation(doc: Doc, view: SentView, k: int) -> int:
    """'при ООН', 'в России', 'при международных организациях в Вене': where an envoy is
    posted, between the state and the name. Returns the token after it (k if none)."""
    tokens = view.tokens
    if not lexicon("post_cues", doc.ctx).has("posted_at", tokens, k, k + 1):
        return k
    n = k + 1
    while n < len(tokens) and n < k + 7:
        ref = view.ref_at(n)
        if ref is not None and ref.first == n and ref.cls == "Person":
            return n
        if tokens[n].pos not in ("NOUN", "PROPN", "ADJ", "ADP"):
            return k
        n = ref.last if ref is not None and ref.first == n else n + 1
    return k


def _represented_holder(doc: Doc, view: SentView, cues, i: int, j: int, role: Role):
    """'Армению представлял вице-премьер Мгер Григорян': a role with a name and no holder,
    the subject of 'представлять' whose object is a state, holds it in that state."""
    if role.scope == "org":
        return []
    tokens = view.tokens
    k = j
    while k < len(tokens) and tokens[k].pos == "PUNCT":
        k += 1
    person = view.ref_at(k)
    if person is None or person.first != k or person.cls != "Person":
        return []
    h = tokens[i].head if tokens[i].rel.startswith("nsubj") else None
    if h is None or not 0 <= h < len(tokens) or not cues.has("represent", tokens, h, h + 1):
        return []
    for m in children(view, h):
        state = view.ref_at(m)
        if tokens[m].rel == "obj" and state is not None and state.cls == "State":
            return [(person.entity, state.entity)]
    return []


# -- dates and status ---------------------------------------------------------


def _dates(view: SentView, cues, i: int, j: int, article_date: str | None):
    """(start, end, former) from the clause of the role phrase [i, j)."""
    first, last = view.clause_of(i)
    tokens = view.tokens
    start = end = None
    former = False
    dates = view.dates_in(first, last)
    near = view.dates_in(max(first, i - 6), min(last, j + 8))
    ranges = [d for d in near if d.kind == "range"]
    if ranges:
        start, end = ranges[0].value, ranges[0].end_value
        former = bool(article_date and end < article_date[:4])
        return start, end, former
    lo, hi = max(first, i - 8), min(last, j + 8)  # the cue must be near the role
    if cues.has("appoint", tokens, lo, hi) or cues.has("hold", tokens, lo, hi):
        points = [d for d in dates if d.kind in ("since", "point")]
        if points:
            start = points[0].value
    elif cues.has("leave", tokens, lo, hi):
        points = [d for d in dates if d.kind in ("since", "point")]
        if points:
            end = points[0].value
    return start, end, former


def _successions(doc: Doc, view: SentView, cues, new: _Post | None) -> list[_Post]:
    """"X сменит на этом посту Y" / "сменив на этом посту Y": Y held the same post before
    (the post named last, in this sentence or the one before)."""
    hits = cues.find("succeed", view.tokens)
    if not hits or new is None or view.index - new.view.index > 1:
        return []
    out = []
    # "Он вступит в должность 1 января 2025 года, сменив Y": the new term's first day
    start = new.start
    if start is None and cues.has("appoint", view.tokens):
        start = next((d.value for d in view.dates if d.precision == "day"), None)
    article_date = doc.article.date or ""
    for a, b in hits:
        for ref in view.refs:
            if ref.cls != "Person" or ref.first < b or ref.entity.iri == new.person \
                    or ref.first > b + 4:
                continue
            end = _day_before(start) if start else None
            # a successor still to come: Y holds the post until then
            ahead = view.tense == "future" or bool(start and start > article_date[:len(start)])
            out.append(_Post(ref.entity.iri, new.role, new.organization, None, end,
                             "current" if ahead else "former", view))
            break
    return out


def _day_before(value: str) -> str:
    if len(value) == 10:
        return (dt.date.fromisoformat(value) - dt.timedelta(days=1)).isoformat()
    return value


# -- merging ------------------------------------------------------------------


def _merge(found: list[_Post]) -> list[_Post]:
    """One post per (person, role, organization); dates and status combined."""
    by_key: dict[tuple[str, str, str], _Post] = {}
    for p in found:
        key = (p.person, p.role, p.organization)
        old = by_key.get(key)
        if old is None:
            by_key[key] = p
            continue
        # a headline's dates are read without the body's context: the body's come first
        first, second = (p, old) if old.view.sentence.block == "headline" and \
            p.view.sentence.block != "headline" else (old, p)
        by_key[key] = replace(
            old,
            start=first.start or second.start,
            end=first.end or second.end,
            status="current" if "current" in (old.status, p.status) and not (old.end or p.end)
            else ("former" if "former" in (old.status, p.status) else "current"),
        )
    # a generic role ("глава", "председатель") adds nothing when a specific one is known
    specific = {(p.person, p.organization) for p in by_key.values()
                if p.role not in ("глава", "председатель")}
    return [p for p in by_key.values()
            if p.role not in ("глава",) or (p.person, p.organization) not in specific]


__all__ = ["extract", "Ref"]
