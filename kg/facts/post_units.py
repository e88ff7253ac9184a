"""The units the post patterns (``ontology/patterns/posts.yaml``) are written in: role
phrases (``kg.facts.role_phrases``), holders (``kg.facts.holders``) and names:

- ``person``: a person mention; ``pronoun_person``: a subject "он"/"она" standing for the
  person named last; ``relative_person``: "..., который" after a person;
- ``title``: a rank, title, nationality or age between a post and a name ("шейх",
  "генерал армии", "34-летний").
"""

from __future__ import annotations

import re

from kg.facts import holders, role_phrases
from kg.facts.base import lexicon
from kg.facts.matcher import Hit
from kg.syntax.tree import head_of

_AGE = re.compile(r"^\d+-(летн|лет)\w*$")


# -- names ---------------------------------------------------------------------------


def person(scope, i: int, el) -> list[Hit]:
    ref = scope.view.ref_starting(i)
    if ref is None or ref.cls != "Person":
        return []
    return [Hit(i, ref.last, head_of(scope.tokens, i, ref.last), ref)]


def title(scope, i: int, el) -> list[Hit]:
    """A rank, title, nationality or age between a post and a name ("генерал армии",
    "шейх", "норвежца", "34-летний", "представителя Киргизии"): it begins with an animate
    noun or an age; genitives and a state may follow (three words at most)."""
    view, tokens = scope.view, scope.tokens
    if i >= len(tokens) or view.ref_at(i) is not None:
        return []
    first = tokens[i]
    if not (_AGE.match(first.text) or _title_word(first, True)):
        return []
    n = i + 1
    while n < len(tokens) and n < i + 3:
        ref = view.ref_at(n)
        if ref is not None and ref.first == n and ref.cls == "State":
            n = ref.last
            continue
        if ref is not None:
            break
        if _title_word(tokens[n], False) or _AGE.match(tokens[n].text):
            n += 1
            continue
        break
    return [Hit(i, n, i, None)]


def _title_word(t, first: bool) -> bool:
    return t.pos == "NOUN" and t.text[:1].islower() and t.text.replace("-", "").isalpha() \
        and (t.feat("Animacy") == "Anim" or (not first and t.feat("Case") == "Gen"))


def pronoun_person(scope, i: int, el) -> list[Hit]:
    """"В 1970 году он начал работать в ...": a subject pronoun stands for the person named
    last in this sentence or the two before."""
    tokens = scope.tokens
    cues = lexicon("post_cues", scope.doc.ctx)
    if i >= len(tokens) or not cues.has("he", tokens, i, i + 1) \
            or not tokens[i].rel.startswith("nsubj"):
        return []
    ref = scope.doc.last_ref(tokens[i].start, {"Person"}, within=2)
    return [Hit(i, i + 1, i, ref)] if ref is not None else []


def relative_person(scope, i: int, el) -> list[Hit]:
    """"Гейдара Алиева, который стоял во главе ...": a relative pronoun as the subject
    stands for the person before the comma."""
    from kg.syntax.anaphora import relative_antecedent

    tokens = scope.tokens
    if i >= len(tokens) or tokens[i].feat("Case") not in ("Nom", None):
        return []
    ref = relative_antecedent(scope.view, i, {"Person"})
    return [Hit(i, i + 1, i, ref)] if ref is not None else []


UNITS = {"role": role_phrases.role, "bare_role": role_phrases.bare_role,
         "profession": role_phrases.profession, "holder": holders.holder,
         "org_holder": holders.org_holder, "role_holder": holders.role_holder,
         "state_adjective": holders.state_adjective, "org": holders.org, "person": person,
         "pronoun_person": pronoun_person, "relative_person": relative_person, "title": title}
