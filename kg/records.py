"""Our own records: frozen dataclasses that flow between the pipeline stages.

No natasha, yargy or rdflib object ever appears in them; ``nlp.py`` and
``entities.py`` convert at the boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A character span [start, end) into the article's decoded text.
Span = tuple[int, int]


@dataclass(frozen=True)
class Block:
    """One non-blank line of an article, with its structural role.

    ``kind`` is one of: headline, subtitle, editor, credit, dateline, body.
    """

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """A decoded article file: its text, header fields and structural blocks."""

    doc_id: str
    path: str
    text: str
    date: str | None = None
    headline: str | None = None
    dateline_city: str | None = None
    dateline_span: Span | None = None
    agency: str | None = None
    blocks: tuple[Block, ...] = ()
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    sha256: str = ""

    def blocks_of(self, *kinds: str) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind in kinds)

    @property
    def subtitle(self) -> str | None:
        found = self.blocks_of("subtitle")
        return found[0].text if found else None


@dataclass(frozen=True)
class Token:
    """A token with morphology and a dependency arc (``head`` is an index into
    the sentence's tokens, -1 for the root)."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    feats: tuple[tuple[str, str], ...] = ()
    head: int = -1
    rel: str = ""

    def feat(self, name: str) -> str | None:
        for key, value in self.feats:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class NerSpan:
    """A named-entity span found by the NER tagger, with its nominative form."""

    start: int
    end: int
    type: str
    text: str
    normal: str
    # For PER spans, the name parts natasha's name grammar found: (("first", "Владимир"), ...)
    name: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    block: str
    tokens: tuple[Token, ...] = ()
    ner: tuple[NerSpan, ...] = ()


@dataclass(frozen=True)
class Parsed:
    """An article with its sentences annotated by the NLP stage."""

    article: Article
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Mention:
    """A resolved mention: a span of text that names an entity."""

    start: int
    end: int
    text: str
    type: str  # coarse: PER, ORG, LOC
    normal: str  # nominative form of this mention
    key: str  # the entity key it resolves to (see entities.py)
    source: str  # "gazetteer", "ner", "abbreviation", "surname", ...


@dataclass(frozen=True)
class Entity:
    """One real-world entity as seen in one article (or merged across articles)."""

    iri: str
    type: str  # coarse: PER, ORG, LOC
    cls: str  # ontology class local name: State, City, Person, InternationalOrganization, ...
    label: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    iso2: str | None = None
    wikidata: str | None = None
    parent: str | None = None  # IRI of the parent organization or country


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fact:
    """A typed fact with its arguments (IRIs, labels, ISO dates) and evidence.

    ``args`` is a tuple of (name, value) pairs; a value is a string, None, or a
    tuple of strings (parties, signatories).
    """

    kind: str
    args: tuple[tuple[str, object], ...]
    evidence: Evidence
    extractor: str

    def get(self, name: str, default=None):
        for key, value in self.args:
            if key == name:
                return value
        return default

    def as_dict(self) -> dict:
        out: dict = {"kind": self.kind}
        for key, value in self.args:
            out[key] = list(value) if isinstance(value, tuple) else value
        out["evidence"] = [self.evidence.start, self.evidence.end]
        out["sentence"] = self.evidence.text
        out["extractor"] = self.extractor
        return out


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article: the input of the RDF stage."""

    article: Article
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...] = field(default=())


@dataclass(frozen=True)
class Skipped:
    """A file that was not processed, with the reason."""

    path: str
    reason: str
