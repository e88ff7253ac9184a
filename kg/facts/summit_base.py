"""The records of the summits extractor and what every part of it asks of a word: a
summit mention (``Mention``), an event (``Node``), what the scan of an article knows
(``State``), and whether a predicate is negated, hypothetical or future.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.dates import TimeExpr
from kg.facts.base import INTERNATIONAL, Doc, SentView
from kg.syntax.tree import children

ORG_CLASSES = INTERNATIONAL | {"Organization"}
PLACE_CLASSES = {"City", "State"}
VERBS = {"VERB", "AUX"}
NAME_RELS = {"appos", "flat", "flat:name", "flat:foreign", "conj"}
SUBJECT_RELS = {"nsubj"}
PRONOUNS = {"он", "она", "оно", "они", "его", "ее", "её", "их"}
FUTURE_BE = {"буду", "будешь", "будет", "будем", "будете", "будут"}


@dataclass(eq=False)
class Mention:
    """One mention of a summit that carries its own facts (organization, date, place)."""

    sent: int
    head: int
    org: str
    date: TimeExpr | None
    place: str | None
    tense: str | None
    other: bool
    view: SentView
    node: Node | None = None
    partners: tuple[str, ...] = ()  # the other organizations of a joint summit


@dataclass(eq=False)
class Node:
    org: str
    first: int  # position (sentence index) of the first mention
    dates: list[TimeExpr] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    implied: str | None = None  # date implied by the article (ISO month)
    day_key: bool = False  # a second summit of the same month: keyed by its day
    mentions: list[Mention] = field(default_factory=list)

    @property
    def partners(self) -> tuple[str, ...]:
        """The other organizations of a joint summit ("саммит АСЕАН и ССАГПЗ")."""
        found = dict.fromkeys(p for m in self.mentions for p in m.partners if p != self.org)
        return tuple(found)

NOT_SUMMIT = "not-summit"  # the current meeting is not a summit
EXTRACTOR = "summits"
RECENT_DAYS = 3  # a summit this many days before the article is the one reported
RANK = {"day": 3, "month": 2, "year": 1}  # precisions, finest first


@dataclass
class State:
    """What the scan knows so far: the meeting being reported and the places named."""

    current: object = None  # Mention | NOT_SUMMIT | None
    main: object = None  # the last summit mention that is not 'the next / previous' one
    places: list[str] = field(default_factory=list)  # IRIs of places named, in order
    last_body: object = None  # (org IRI, supreme?) of the last body named


def is_kind(lex, kind: str, tokens, i: int) -> bool:
    return 0 <= i < len(tokens) and lex.has(kind, tokens, i, i + 1)


def negated(lex, tokens, v: int, depth: int = 0) -> bool:
    """'не' on the verb or on the verb it completes ('не смог принять участие')."""
    kids = children(tokens, v)
    if any(tokens[k].lemma in ("не", "ни") for k in kids):
        return True
    h = tokens[v].head
    if tokens[v].rel == "xcomp" and 0 <= h < len(tokens) and h != v and depth < 4:
        return negated(lex, tokens, h, depth + 1)
    return False


def hypothetical(lex, tokens, v: int, kind: str = "hypothetical") -> bool:
    """A hypothetical word (of lexicon ``kind``) on the verb, its modifiers, or the verbs it
    depends on."""
    i = v
    for _ in range(6):
        if is_kind(lex, kind, tokens, i):
            return True
        for k in children(tokens, i):
            if tokens[k].rel in ("advmod", "mark", "parataxis", "aux", "discourse") and \
                    is_kind(lex, kind, tokens, k):
                return True
            if tokens[k].rel == "parataxis" and any(
                    is_kind(lex, kind, tokens, m) for m in children(tokens, k)):
                return True
        rel = tokens[i].rel
        h = tokens[i].head
        if h < 0 or rel not in ("xcomp", "ccomp", "csubj", "aux", "aux:pass", "cop"):
            return False
        i = h
    return False


def future_tense(tokens, v: int) -> bool:
    t = tokens[v]
    if t.feat("Tense") == "Fut" or (t.feat("Aspect") == "Perf" and t.feat("Tense") == "Pres"):
        return True
    return any(tokens[k].lemma == "быть" and (tokens[k].feat("Tense") == "Fut" or
                                              tokens[k].text.lower() in FUTURE_BE)
               for k in children(tokens, v))


def current_summit(state: State):
    """The summit a bare word refers to: the one being reported; after 'следующий саммит
    пройдет ...' still the one of the report, if there is one."""
    if not isinstance(state.current, Mention):
        return None
    if state.current.other and isinstance(state.main, Mention):
        return state.main
    return state.current


@dataclass
class Trigger:
    kind: str  # summit, session, meeting, gather
    first: int
    last: int  # end of the trigger words
    head: int
    p: int | None = None  # the predicate that reports the summit
    below: int = -1  # the token under the predicate on the way up from the head
    role: str = ""  # subj, obj, or the preposition of an oblique (на, в, по, ...)


def preposition_before(tokens, i: int) -> str | None:
    if i > 0 and tokens[i - 1].pos == "ADP":
        return tokens[i - 1].lemma
    return None


def class_of(doc: Doc, iri: str) -> str | None:
    entity = doc.entity_by_iri(iri)
    return entity.cls if entity else None


def date_order(value: str) -> tuple:
    return tuple(-ord(c) for c in value)

