"""Role phrases: the ``role``, ``bare_role`` and ``profession`` units of the post patterns.

- ``role``: a role phrase of ``ontology/lexicon/roles.tsv`` ("генеральный секретарь",
  "глава МИД"), with a prefix role before it ("заместитель министра иностранных дел"), a
  minister's portfolio after it ("министр топлива и энергетики"), and "экс-", "бывший"
  marking it former; not "как председатель" (a chairmanship) nor the plural role word of
  a body's name ("совета директоров");
- ``bare_role``: a role phrase whose words do not run into a name;
- ``profession``: any animate common noun with its adjectives that is no known role
  ("нападающий", "главный тренер"), for posts in organizations.

A unit's value is a ``RoleValue``; ``fits`` says where a role may be held.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from kg.facts.base import ORG_CLASSES, lexicon
from kg.facts.matcher import Hit
from kg.facts.roles import load_roles
from kg.gazetteer import read_tsv
from kg.paths import LEXICON_DIR
from kg.phrases import PhraseMatcher
from kg.syntax.tree import head_of

HOLDERS = ORG_CLASSES | {"State"}


@dataclass(frozen=True)
class RoleValue:
    label: str
    scope: str  # org, state, any
    former: bool = False
    profession: bool = False


def fits(role: RoleValue, entity) -> bool:
    """A role may be held in that entity: state roles in states (and their bodies), org
    roles not in states."""
    if role.profession:
        return entity.cls != "State"  # "теннисист России" names a nationality
    if role.scope == "state":
        return entity.cls in ("State", "GovernmentBody")
    if role.scope == "org":
        return entity.cls != "State"
    return True


# -- role phrases ------------------------------------------------------------------


def _stripped(scope):
    """The sentence's tokens with "экс-" cut off ("экс-президент" -> "президент"), and which
    tokens had it (the same tuple when none has: phrase matching keeps its memo)."""
    found = scope.cache.get("stripped")
    if found is None:
        roles = load_roles(scope.doc.ctx.models.morph_vocab)
        out, flags = [], []
        for t in scope.tokens:
            if t.text.lower().startswith(("экс-", "экс–")) and len(t.text) > 4:
                rest = t.text[4:]
                out.append(replace(t, text=rest, lemma=roles.matcher.lemma(rest)))
                flags.append(True)
            else:
                out.append(t)
                flags.append(False)
        found = scope.cache["stripped"] = ((tuple(out) if any(flags) else scope.tokens),
                                           flags)
    return found


def role_phrases(scope) -> dict[int, list[tuple[int, RoleValue]]]:
    """Role phrases of the sentence by their first token (a prefix role included)."""
    found = scope.cache.get("roles")
    if found is not None:
        return found
    doc, view = scope.doc, scope.view
    roles = load_roles(doc.ctx.models.morph_vocab)
    cues = lexicon("post_cues", doc.ctx)
    tokens, flags = _stripped(scope)
    found = {}
    matched = scope.cache["role_tokens"] = set()
    for i, j, role in roles.match(tokens):
        matched.update(range(i, j))
        if _acting_as_chair(tokens, i, role) or _body_name(tokens, i):
            continue
        a, label = _with_prefix(doc, tokens, i, j, role.label)
        k, label = _portfolio(doc, view, tokens, a, i, j, label)
        scope_of = role.scope
        if k > j and view.ref_at(k) is not None and view.ref_at(k).cls == "Person":
            scope_of = "state"  # "министр национальной экономики Серик Жумангарин"
        j = k
        former = flags[i] or cues.has("former", tokens, max(0, a - 2), a)
        value = RoleValue(label, scope_of, former)
        found.setdefault(a, []).append((j, value))
    scope.cache["roles"] = found
    return found


def role(scope, i: int, el) -> list[Hit]:
    """A role phrase from token ``i`` (one whose last words begin a name is also a
    ``role_holder``)."""
    tokens = scope.tokens
    return [Hit(i, j, head_of(tokens, i, j), value)
            for j, value in role_phrases(scope).get(i, ())]


def bare_role(scope, i: int, el) -> list[Hit]:
    """A role phrase whose words do not run into a name ("председатель [Комиссии
    Африканского союза]" is a ``role_holder``)."""
    return [h for h in role(scope, i, el)
            if overlapping(scope.view, h.first, h.last, beyond=True) is None]


def overlapping(view, i: int, j: int, beyond: bool = False):
    """The holder's name that the role phrase [i, j) ends in ("глава [МИД]") or runs into
    (``beyond``: "глава [МИД России]")."""
    ref = view.ref_at(j - 1)
    if ref is None or ref.cls not in HOLDERS or ref.first < i or ref.last < j + beyond:
        return None
    return ref


def _acting_as_chair(tokens, i: int, role) -> bool:
    """"как председатель ОДКБ": a chairmanship, not a post."""
    if role.label != "председатель":
        return False
    return bool({t.lemma for t in tokens[max(0, i - 2):i]} & {"как", "качество"})


def _body_name(tokens, i: int) -> bool:
    """'совета [директоров]', 'кабинета [министров]': a plural role word in the genitive
    after a noun names a body, not a post."""
    t = tokens[i]
    return i > 0 and t.feat("Case") == "Gen" and t.feat("Number") == "Plur" and \
        tokens[i - 1].pos == "NOUN" and tokens[i - 1].text.islower()


@lru_cache(maxsize=4)
def _prefixes(morph_vocab) -> PhraseMatcher:
    """Prefix roles of post_cues.tsv, each with its written (nominative) form."""
    matcher = PhraseMatcher(morph_vocab, case_sensitive=False)
    for row in read_tsv(LEXICON_DIR / "post_cues.tsv"):
        if row["kind"] == "prefix":
            for form in row["forms"].split("|"):
                matcher.add(form.strip(), form.strip())
    return matcher


def _with_prefix(doc, tokens, i: int, j: int, label: str) -> tuple[int, str]:
    """"заместитель министра иностранных дел": a prefix role before a role in the genitive."""
    for a, b, form in _prefixes(doc.ctx.models.morph_vocab).match(tokens, max(0, i - 4), i):
        if b == i:
            rest = " ".join(t.text if t.text[:1].isupper() and n > 0 else t.text.lower()
                            for n, t in enumerate(tokens[i:j]))
            return a, f"{form} {rest}"
    return i, label


def _portfolio(doc, view, tokens, a: int, i: int, k: int, label: str) -> tuple[int, str]:
    """'министр топлива и энергетики Норвегии', 'министр по делам религии': the portfolio of
    a bare minister, lowercase words up to the state or organization named next (or the name,
    after a state adjective or a genitive noun), joins the role."""
    if (i, k) not in lexicon("post_cues", doc.ctx).find("portfolio_role", tokens, i, k):
        return k, label
    n = k
    while n < len(tokens) and n < k + 6 and view.ref_at(n) is None and \
            tokens[n].text.isalpha() and tokens[n].text.islower() and \
            (tokens[n].pos in ("NOUN", "ADJ", "CCONJ") or tokens[n].lemma == "по"):
        if n > k and doc.cues.has("state_anaphor", tokens, n, n + 1):
            # "министр здравоохранения ... республики": the word names the holder
            return n, f"{label} {' '.join(t.text for t in tokens[k:n])}"
        n += 1
    ref = view.ref_at(n) if n < len(tokens) else None
    if n > k and ref is not None and ref.first == n and tokens[n - 1].pos in ("NOUN", "ADJ") \
            and (ref.cls in HOLDERS or
                 (ref.cls == "Person" and ((a > 0 and doc.adjective_state(tokens[a - 1])) or
                                           _genitive_noun(tokens[n - 1])))):
        return n, f"{label} {' '.join(t.text for t in tokens[k:n])}"
    return k, label


def _genitive_noun(t) -> bool:
    """The portfolio ends in a noun in the genitive ("министр национальной экономики Серик
    Жумангарин"), not in a word of the sentence around it."""
    return t.pos == "NOUN" and t.feat("Case") == "Gen"


# -- professions ---------------------------------------------------------------------


def profession(scope, i: int, el) -> list[Hit]:
    """An animate noun with its adjectives, starting at ``i``, that is no known role."""
    doc, view, tokens = scope.doc, scope.view, scope.tokens
    cues = lexicon("post_cues", doc.ctx)
    role_phrases(scope)
    taken = scope.cache["role_tokens"]  # every role word, also those of a body's name
    n = i
    while n < len(tokens) and tokens[n].pos == "ADJ" and n not in taken \
            and tokens[n].lemma.endswith(("ый", "ий", "ой")) and tokens[n].text.isalpha() \
            and doc.adjective_state(tokens[n]) is None:
        n += 1
    if n >= len(tokens) or n in taken:
        return []
    t = tokens[n]
    if t.pos != "NOUN" or t.feat("Animacy") != "Anim" or view.ref_at(n) is not None:
        return []
    last = t.lemma.rsplit("-", 1)[-1]  # "государствами-участниками": an "участник"
    if cues.has("not_role", tokens, n, n + 1) or \
            cues.has("not_role", [replace(t, text=last, lemma=last)], 0, 1):
        return []
    if i > 0 and tokens[i - 1].pos == "ADJ" and (i - 1) not in taken and \
            tokens[i - 1].lemma.endswith(("ый", "ий", "ой")) and tokens[i - 1].text.isalpha() \
            and doc.adjective_state(tokens[i - 1]) is None:
        return []  # the phrase starts at the first adjective
    first = i
    while first < n and (cues.has("new", tokens, first, first + 1) or
                         cues.has("former", tokens, first, first + 1) or
                         cues.has("quality", tokens, first, first + 1) or
                         tokens[first].lemma.endswith("летний")):
        first += 1  # "новым главкомом", "сорокалетний владелец": the post is "главком", "владелец"
    flags = _stripped(scope)[1]
    words = [replace(t, text=t.text[4:], lemma=t.lemma[4:]) if flags[k] else t
             for k, t in enumerate(tokens[first:n + 1], first)]  # "экс-нападающий"
    label = " ".join(_nominative(words))
    former = cues.has("former", tokens, max(0, i - 2), first) or any(flags[first:n + 1])
    return [Hit(i, n + 1, n, RoleValue(label, "any", former, profession=True))]


def _nominative(tokens) -> list[str]:
    """Adjectives agreeing with the head noun in its nominative: "главный тренер"."""
    gender = tokens[-1].feat("Gender")
    words = [_adjective_form(t.lemma, gender) for t in tokens[:-1]]
    return words + [tokens[-1].lemma]


def _adjective_form(lemma: str, gender: str | None) -> str:
    if gender == "Fem" and lemma.endswith(("ый", "ой", "ий")):
        return lemma[:-2] + ("ая" if lemma.endswith(("ый", "ой")) else "яя")
    return lemma
