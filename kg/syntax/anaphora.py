"""Anaphora: what a word that refers back stands for.

- ``org_anaphor``: "организация", "объединение", "альянс", "союз" (``org_anaphor`` of
  ``ontology/lexicon/cues.tsv``) -> the international organization named before (a body
  stands for its organization): the nearest one whose own name holds that word ("альянс"
  -> Североатлантический альянс, past a nearer Евросоюз; not for ``generic_anaphor`` words
  that any name may hold, "организация"), else the nearest one (three
  sentences back at most), else the article's main organization; also a common noun heading
  the name of an organization named just before ("банк" -> Евразийский банк развития);
- ``state_anaphor``: "республика", "страна" -> the state named last before it;
- ``plural_states``: "эти страны", "все три государства" -> the states listed before;
- ``org_or_state_anaphor``: either, for the word at a token;
- ``relative_antecedent``: "X, который ...", "X, в которой ...": the mention right before
  the comma that opens the relative clause.
"""

from __future__ import annotations

STATE = {"State"}


def _is(doc, kind: str, tokens, k: int) -> bool:
    return doc.cues.has(kind, tokens, k, k + 1)


def is_org_anaphor(doc, tokens, k: int) -> bool:
    """The word at token ``k`` refers back to an organization: an ``org_anaphor`` word, or
    a common noun heading the name of one named just before ("банк" after "Евразийский банк
    развития": "государствами - участниками банка")."""
    if _is(doc, "org_anaphor", tokens, k):
        return True
    t = tokens[k]
    return t.pos == "NOUN" and t.text.islower() and \
        t.lemma.replace("ё", "е") in _headed_orgs(doc) and _bare(tokens, k) and \
        _named_head_ref(doc, t.start, t.lemma.replace("ё", "е")) is not None


def _named_head_ref(doc, before: int, noun: str, within: int = 3):
    """The nearest mention (at most ``within`` sentences back) of the one international
    organization of the article whose name is headed by the noun ("банк" -> Евразийский
    банк развития); None when none or several are."""
    iri = _headed_orgs(doc).get(noun)
    if iri is None:
        return None
    here = doc.sentence_at(before)
    for i in range(here, max(-1, here - within - 1), -1):
        named = [r for r in doc.sentences[i].refs if r.end <= before and r.iri == iri]
        if named:
            return named[-1]
    return None


def _headed_orgs(doc) -> dict[str, str]:
    """Head noun -> the IRI of the article's one international organization so headed
    (computed once per article)."""
    found = getattr(doc, "_headed_orgs", None)
    if found is None:
        from kg.facts.base import INTERNATIONAL

        by_noun: dict[str, set[str]] = {}
        for e in doc.entities:
            if e.cls in INTERNATIONAL:
                for name in (e.label, *e.aliases):
                    head = _head_noun(name)
                    if head:
                        by_noun.setdefault(head, set()).add(e.iri)
        found = {noun: next(iter(iris)) for noun, iris in by_noun.items() if len(iris) == 1}
        doc._headed_orgs = found
    return found


_ADJECTIVE_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")


def _head_noun(label: str) -> str | None:
    """The first word of a name that is no adjective, lowercased ("Евразийский банк
    развития" -> "банк"); None for a name of capitals or of one word."""
    words = label.lower().replace("ё", "е").split()
    if len(words) < 2:
        return None
    for w in words:
        if not w.endswith(_ADJECTIVE_ENDINGS):
            return w if w.isalpha() else None
    return None


def _bare(tokens, k: int) -> bool:
    """The noun has no word of its own that says which one it is ("центрального банка",
    "банка Китая", "банком развития": another one); a demonstrative may ("этого банка")."""
    return not any(t.head == k and (t.rel in ("amod", "nmod", "appos", "flat", "nummod") and
                                    t.pos != "DET")
                   for t in tokens)


def org_anaphor(doc, view, k: int):
    """The organization the word at token ``k`` refers to (None if it names none)."""
    if not is_org_anaphor(doc, view.tokens, k):
        return None
    return referred_org(doc, view, k)


def referred_org(doc, view, k: int):
    """The organization the word at token ``k``, taken as referring back to one, stands
    for (a caller's own lexicon may have more such words than ``org_anaphor``)."""
    tokens = view.tokens
    noun = "" if _is(doc, "generic_anaphor", tokens, k) else tokens[k].lemma
    ref = doc.anaphor_ref(tokens[k].start, noun)
    return doc.org_of(ref) if ref is not None else doc.main_org()


def state_anaphor(doc, view, k: int):
    """The state the word at token ``k`` refers to (None if it names none)."""
    tokens = view.tokens
    if not _is(doc, "state_anaphor", tokens, k):
        return None
    ref = doc.last_ref(tokens[k].start, STATE)
    return ref.entity if ref is not None else None


DEMONSTRATIVES = ("этот", "тот", "данный", "указанный", "все", "весь", "оба", "обе")


def plural_states(doc, view, k: int) -> list:
    """"Эти страны", "все три государства", "обе республики": the states of the enumeration
    they refer back to: those named in this sentence before the word, else in the sentence
    before (at least two; as many as a number says); [] for another word."""
    tokens = view.tokens
    t = tokens[k]
    if not _is(doc, "state_anaphor", tokens, k) or t.feat("Number") != "Plur":
        return []
    mods = [d for d in tokens[max(0, k - 3):k] if d.head == k or d.head == k - 1]
    if not any(d.lemma in DEMONSTRATIVES for d in mods):
        return []
    number = next((int(d.text) for d in mods if d.text.isdigit()), None) or next(
        (n for d in mods for n in [_NUMBERS.get(d.lemma)] if n), None)
    for v in (view, doc.sentences[view.index - 1] if view.index > 0 else None):
        if v is None:
            continue
        states = []
        for r in v.refs:
            if r.cls == "State" and (v is not view or r.last <= k) and r.entity not in states:
                states.append(r.entity)
        if len(states) >= 2 and (number is None or len(states) == number):
            return states
        if states and v is view:
            return []  # "эти страны" after one state of its own sentence: not a list
    return []


_NUMBERS = {"два": 2, "две": 2, "оба": 2, "обе": 2, "три": 3, "четыре": 4, "пять": 5,
            "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10}


def org_or_state_anaphor(doc, view, k: int):
    return org_anaphor(doc, view, k) or state_anaphor(doc, view, k)


RELATIVE = ("который", "чей")
CLOSERS = {'"', "»", "“", ")", "'"}


def relative_antecedent(view, k: int, classes=None):
    """The mention the relative pronoun at token ``k`` refers to: the one that ends right
    before the comma opening its clause (a preposition or the noun the pronoun qualifies
    before it, closing quotes and brackets before the comma skipped); None if there is none (of ``classes``)."""
    tokens = view.tokens
    if tokens[k].lemma not in RELATIVE:
        return None
    j = k - 1
    while j >= 0 and (tokens[j].pos == "ADP" or
                      (tokens[j].pos == "NOUN" and tokens[k].head == j)):
        j -= 1  # "в которой", "страна которого"
    if j < 1 or tokens[j].text != ",":
        return None
    j -= 1
    while j > 0 and tokens[j].text in CLOSERS:
        j -= 1
    ref = view.ref_at(j)
    if ref is None or (classes is not None and ref.cls not in classes):
        return None
    return ref
