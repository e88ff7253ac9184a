"""Matching phrases in tokens by lemmas, so that inflected forms match.

``PhraseMatcher`` holds phrases (gazetteer aliases, role names, cue words),
each with a payload; ``match`` finds the longest, left-to-right,
non-overlapping occurrences in a token sequence. A phrase token in capitals
(an abbreviation) must be in capitals in the text; a capitalised phrase token
must be capitalised in the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from kg.records import Token

T = TypeVar("T")


@dataclass(frozen=True)
class Phrase(Generic[T]):
    text: str
    payload: T
    forms: tuple[frozenset[str], ...]  # lowercase word and its lemmas, per token
    upper: tuple[bool, ...]
    capital: tuple[bool, ...]


def fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


_MORPH: list = []  # the morphology the matchers were made with (for token_forms)


class PhraseMatcher(Generic[T]):
    def __init__(self, morph_vocab, case_sensitive: bool = True) -> None:
        self._morph = morph_vocab
        if not _MORPH:
            _MORPH.append(morph_vocab)
        self._case = case_sensitive
        self._index: dict[str, list[Phrase[T]]] = {}
        self._cache: dict[str, frozenset[str]] = {}

    def forms(self, word: str) -> frozenset[str]:
        """The word in lower case and every lemma pymorphy gives it; a participle is its own
        word, not its verb ("бывший" is no form of "быть": it does not match "будет")."""
        found = self._cache.get(word)
        if found is None:
            low = word.lower().replace("ё", "е")
            out = {low}
            if any(ch.isalpha() for ch in word):
                for parse in self._morph.parse(word):
                    if parse.tag.POS != "PRTF":
                        out.add(parse.normal_form.replace("ё", "е"))
            found = self._cache[word] = frozenset(out)
        return found

    def first_forms(self):
        """Every form a phrase can start with (one-word phrases: every form): a live,
        read-only view (set operations work on it)."""
        return self._index.keys()

    def lemma(self, word: str) -> str:
        parses = self._morph.parse(word) if any(ch.isalpha() for ch in word) else []
        return (parses[0].normal_form if parses else word.lower()).replace("ё", "е")

    def add(self, text: str, payload: T) -> None:
        from razdel import tokenize

        words = [t.text for t in tokenize(text)]
        if not words:
            return
        phrase = Phrase(
            text=text,
            payload=payload,
            forms=tuple(self.forms(w) for w in words),
            upper=tuple(self._case and len(w) >= 2 and w.isupper() for w in words),
            capital=tuple(self._case and w[:1].isupper() for w in words),
        )
        for form in phrase.forms[0]:
            self._index.setdefault(form, []).append(phrase)

    def tokens_of(self, text: str) -> list[Token]:
        """Plain text as tokens with their most likely lemma (for out-of-context lookups)."""
        from razdel import tokenize

        return [Token(t.start, t.stop, t.text, self.lemma(t.text), "X") for t in tokenize(text)]

    def match(self, tokens, start: int = 0, end: int | None = None) -> list[tuple[int, int, T]]:
        """Longest, left-to-right, non-overlapping matches: (first, last + 1, payload)."""
        out = []
        n = len(tokens) if end is None else end
        where = _positions(tokens)
        # only where a phrase can start (the forms of the sequence meet the phrases' first forms)
        starts = sorted({k for form in where.keys() & self._index.keys() for k in where[form]
                         if start <= k < n})
        i = start
        for k in starts:
            if k < i:
                continue
            best = self.match_at(tokens, k, n)
            if best:
                out.append(best)
                i = best[1]
        return out

    def match_at(self, tokens, i: int, n: int | None = None) -> tuple[int, int, T] | None:
        """The longest phrase starting at token ``i``."""
        n = len(tokens) if n is None else n
        best = None
        for form in token_forms(tokens[i]):
            for phrase in self._index.get(form, ()):
                k = len(phrase.forms)
                if i + k > n or (best and k <= best[1] - best[0]):
                    continue
                if all(_fits(tokens[i + j], phrase, j) for j in range(k)):
                    best = (i, i + k, phrase.payload)
        return best


_SEEN: dict[int, tuple[tuple, dict]] = {}
_SEEN_MAX = 4096


def sequence_memo(tokens) -> dict | None:
    """A dict kept with a tuple of tokens, for what is computed from the sequence alone
    (extractors match the same sentence hundreds of times); None for other sequences, which
    may change in place. The entry holds the tuple, so its id is not reused while kept."""
    if type(tokens) is not tuple:
        return None
    entry = _SEEN.get(id(tokens))
    if entry is None or entry[0] is not tokens:
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        entry = _SEEN[id(tokens)] = (tokens, {})
    return entry[1]


def _positions(tokens) -> dict[str, list[int]]:
    """Each form in a token sequence -> where it occurs."""
    memo = sequence_memo(tokens)
    if memo is not None and "positions" in memo:
        return memo["positions"]
    where: dict[str, list[int]] = {}
    for k, token in enumerate(tokens):
        for form in token_forms(token):
            where.setdefault(form, []).append(k)
    if memo is not None:
        memo["positions"] = where
    return where


def token_forms(token: Token) -> frozenset[str]:
    return _forms(token.text, token.lemma)


@lru_cache(maxsize=1 << 17)
def _forms(text: str, lemma: str) -> frozenset[str]:
    """The surface form and the lemma a phrase may match, and a participle's own nominative
    ("уходящем" -> "уходящий", whose lemma is the verb) (cached: phrase matching asks for
    the same tokens many times)."""
    out = {text.lower().replace("ё", "е"), lemma.replace("ё", "е")}
    if _MORPH and text.isalpha() and text[:1].islower():
        for parse in _MORPH[0].parse(text):
            if parse.tag.POS == "PRTF":
                form = parse.inflect({"Nom", "Masc", "Sing"})
                if form is not None:
                    out.add(form.word.replace("ё", "е"))
    return frozenset(out)


def _fits(token: Token, phrase: Phrase, j: int) -> bool:
    if phrase.upper[j]:
        return token.text.isupper() and token.text.lower().replace("ё", "е") in phrase.forms[j]
    if phrase.capital[j] and not token.text[:1].isupper():
        return False
    return not token_forms(token).isdisjoint(phrase.forms[j])
