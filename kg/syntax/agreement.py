"""Agreement: whether two words agree in number, gender and case, as tagged or as some
reading of the morphology allows; and whether a word is a full participle.

>>> from kg.records import Token
>>> w = lambda *feats: Token(0, 0, "x", "x", "X", tuple(feats))
>>> same_gender_number(w(("Number", "Sing"), ("Gender", "Fem")), w(("Number", "Sing"), ("Gender", "Masc")))
False
>>> agrees(w(("Number", "Plur"), ("Case", "Nom")), w(("Number", "Plur"), ("Case", "Acc")), True)
True
"""

from __future__ import annotations

import re

from kg.records import Token

UD_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt",
           "Loc": "loct"}
UD_GENDER = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}


def same_gender_number(word: Token, other: Token) -> bool:
    """Two words agree in number and, in the singular, in gender (unknown features agree):
    a relative or personal pronoun and the noun it may stand for."""
    number = word.feat("Number")
    if number and other.feat("Number") and number != other.feat("Number"):
        return False
    gender = word.feat("Gender")
    return not (number == "Sing" and gender and other.feat("Gender")
                and gender != other.feat("Gender"))


def same_case(a: Token, b: Token) -> bool:
    """Two words in one case as tagged (unknown agrees; a nominative and an accusative are
    often mistagged for each other): a name and the post in apposition to it."""
    x, y = a.feat("Case"), b.feat("Case")
    return not (x and y and x != y and {x, y} != {"Nom", "Acc"})


def agrees(a: Token, b: Token, with_case: bool = False) -> bool:
    """Number, gender (and case) agree as tagged; plurals have no gender, masculine and
    neuter forms are one outside the nominative and accusative ("открывшемся"), and a
    nominative and an accusative are often mistagged for each other."""
    names = ("Number", "Gender", "Case") if with_case else ("Number", "Gender")
    for name in names:
        x, y = a.feat(name), b.feat(name)
        if name == "Gender" and "Plur" in (a.feat("Number"), b.feat("Number")):
            continue
        if name == "Gender" and {x, y} == {"Masc", "Neut"} and \
                a.feat("Case") not in ("Nom", "Acc", None):
            continue
        if x and y and x != y and {x, y} != {"Nom", "Acc"}:
            return False
    return True


def some_reading_agrees(morph_vocab, word: Token, noun: Token) -> bool:
    """Some reading of ``word`` (a participle) agrees with the noun in case, number and
    gender: the tagger's own features of the word may be wrong."""
    case = UD_CASE.get(noun.feat("Case") or "")
    number = (noun.feat("Number") or "").lower() or None
    gender = UD_GENDER.get(noun.feat("Gender") or "")
    for p in morph_vocab.parse(word.text):
        tag = p.tag
        if case and tag.case != case:
            continue
        if number and tag.number and tag.number != number:
            continue
        if number == "sing" and gender and tag.gender and tag.gender != gender:
            continue
        return True
    return False


def is_participle(token: Token, morph_vocab) -> bool:
    """A full participle; the tagger may take one for a converb ("исключенной"): then the
    morphology decides."""
    if token.feat("VerbForm") == "Part":
        return token.feat("Variant") != "Short"
    if token.feat("VerbForm") != "Conv":
        return False
    tags = {p.tag.POS for p in morph_vocab.parse(token.text)}
    return "PRTF" in tags and "GRND" not in tags


def indeclinable(token: Token, morph_vocab) -> bool:
    """A word whose form tells no case ("Баку", "Тбилиси", "Апиа"): the tagger's case for
    it is a guess."""
    parses = morph_vocab.parse(token.text)
    return bool(parses) and "Fixd" in parses[0].tag  # the likeliest reading


_ORDINAL_FIGURE = re.compile(r"^(?:\d+-?(?:й|я|е|го|м|ой|ый|ий)|[IVXLC]+)$")


def is_ordinal(token: Token, morph_vocab) -> bool:
    """"шестой", "46-й", "XVII": an ordinal numeral."""
    if _ORDINAL_FIGURE.match(token.text):
        return True
    if token.pos != "ADJ":
        return False
    parses = morph_vocab.parse(token.text.lower())
    return bool(parses) and "Anum" in parses[0].tag
