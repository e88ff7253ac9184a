"""Deterministic, safe IRIs minted from labels.

>>> slug("Имангали Тасмагамбетов")
'imangali-tasmagambetov'
>>> slug("Организация Договора о коллективной безопасности")
'organizatsiya-dogovora-o-kollektivnoy-bezopasnosti'
>>> entity_iri("Person", "Владимир Путин")
'https://w3id.org/newskg/id/person/vladimir-putin'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

BASE = "https://w3id.org/newskg/"
ONTOLOGY_NS = BASE + "ontology#"
ID_NS = BASE + "id/"

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ә": "a", "ғ": "g",
    "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
}

# Path segments for each ontology class (entity IRIs are ID_NS + segment + "/" + slug).
CLASS_SEGMENTS = {
    "Person": "person",
    "State": "state",
    "City": "city",
    "Location": "place",
    "InternationalOrganization": "org",
    "OrganizationBody": "org",
    "Organization": "org",
    "MediaOrganization": "org",
    "GovernmentBody": "org",
    "Company": "org",
    "PoliticalParty": "org",
}

MAX_SLUG = 80


def translit(text: str) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        if low in _TRANSLIT:
            out.append(_TRANSLIT[low])
        else:
            out.append(ch)
    return "".join(out)


def slug(text: str) -> str:
    """A lowercase ASCII slug of ``[a-z0-9-]``; never empty.

    Long or non-transliterable text gets a short hash so that distinct inputs
    stay distinct.
    """
    ascii_text = unicodedata.normalize("NFKD", translit(text))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if not out or len(out) > MAX_SLUG:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
        out = (out[: MAX_SLUG - 11].rstrip("-") + "-" + digest).strip("-")
    return out


def entity_iri(cls: str, key: str) -> str:
    segment = CLASS_SEGMENTS.get(cls, "thing")
    return f"{ID_NS}{segment}/{slug(key)}"


def article_iri(doc_id: str) -> str:
    return f"{ID_NS}article/{doc_id}"


def graph_iri(doc_id: str) -> str:
    return f"{ID_NS}graph/{doc_id}"


def node_iri(kind: str, *parts: str) -> str:
    """IRI of an n-ary node (a tenure, a membership, a summit ...) from its key parts."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{ID_NS}{kind}/{digest}"


def doc_id_for(relpath: str) -> str:
    """A document id from a path relative to its source folder.

    >>> doc_id_for("000_a5e0fd31b3b267f3.txt")
    '000_a5e0fd31b3b267f3'
    >>> doc_id_for("подпапка/статья 1.txt")
    'podpapka-statya-1-d7658ff2'
    """
    stem = re.sub(r"\.txt$", "", relpath.replace("\\", "/"), flags=re.IGNORECASE)
    if re.fullmatch(r"[A-Za-z0-9_-]{1,80}", stem):
        return stem
    digest = hashlib.sha1(relpath.encode("utf-8")).hexdigest()[:8]
    return slug(stem)[:60].strip("-") + "-" + digest
