"""The pipeline: article -> extraction (pure, per article) and build (folder -> store).

``extract(article, ctx)`` calls the stages in order and depends on nothing but
its inputs, so it can map over processes. ``build`` streams the articles of the
sources through it into the store, one named graph per article, and returns a
report; writing files other than the store is left to the CLI.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.articles import MAX_BYTES, SkipFile, find_sources, read_article
from kg.endpoint import Endpoint
from kg.entities import resolve
from kg.facts import extract_facts
from kg.gazetteer import Gazetteer, load_entries
from kg.iri import doc_id_for, graph_iri
from kg.nlp import Models, annotate, load_models
from kg.offline import offline
from kg.paths import ONTOLOGY
from kg.rdf import article_graph
from kg.records import Article, Extraction, Mention
from kg.store import (ONTOLOGY_GRAPH, RDF_TYPE, open_store, remove_graph, replace_graph,
                      select)

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Context:
    """What every stage needs, built once per process."""

    models: Models
    gazetteer: Gazetteer


@lru_cache(maxsize=1)
def load_context() -> Context:
    models = load_models()
    return Context(models=models, gazetteer=Gazetteer(load_entries(), models.morph_vocab))


@dataclass(frozen=True)
class Result:
    extraction: Extraction
    mentions: tuple[Mention, ...]


def extract(article: Article, ctx: Context) -> Result:
    """One article -> entities and facts (a pure function of the article)."""
    parsed = annotate(article, ctx.models)
    mentions, entities = resolve(parsed, ctx.gazetteer)
    facts, extra = extract_facts(parsed, mentions, entities, ctx)
    return Result(Extraction(article, (*entities, *extra), tuple(facts)), tuple(mentions))


@dataclass
class Report:
    """What a build did: counts, each article, and every file skipped with its reason."""

    articles: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # graph IRIs
    # for validating only what changed (not in the JSON): the store's state when the build
    # began (``store_state``), and the subjects whose triples or whose objects' types the
    # build changed (None: not tracked, e.g. the store was empty)
    state_before: str = ""
    touched: set | None = None

    def as_json(self) -> dict:
        return {
            "counts": {
                "files": len(self.articles) + len(self.unchanged) + len(self.skipped),
                "processed": len(self.articles),
                "skipped": len(self.skipped),
                "warnings": len(self.warnings),
                "entities": sum(a["entities"] for a in self.articles),
                "facts": sum(a["facts"] for a in self.articles),
                "triples": sum(a["triples"] for a in self.articles),
                "added": len(self.added),
                "replaced": len(self.replaced),
                "unchanged": len(self.unchanged),
                "removed": len(self.removed),
            },
            "unchanged": self.unchanged,
            "removed": self.removed,
            "articles": self.articles,
            "skipped": self.skipped,
            "warnings": self.warnings,
        }


def extractor_version() -> str:
    """A digest of the code and data extraction depends on (the package, the ontology, the
    gazetteers and word lists): a new version makes an incremental build extract again."""
    global _VERSION
    if _VERSION is None:
        digest = hashlib.sha256()
        roots = [Path(__file__).parent, ONTOLOGY.parent]
        for path in sorted(p for root in roots for p in root.rglob("*")
                           if p.is_file() and p.suffix in (".py", ".tsv", ".ttl", ".yaml")):
            digest.update(path.name.encode("utf-8"))
            digest.update(path.read_bytes())
        _VERSION = digest.hexdigest()[:16]
    return _VERSION


_VERSION: str | None = None

_BUILT = """
SELECT ?g ?sha ?version WHERE {
  GRAPH ?g {
    ?a a kgo:NewsArticle ; kgo:sha256 ?sha .
    OPTIONAL { ?a kgo:extractorVersion ?version }
  }
}
"""


def _built(select_rows) -> dict[str, tuple[str, str | None]]:
    """Graph IRI -> (text digest, extractor version) of every article in the store."""
    return {g: (sha, version) for g, sha, version in select_rows(_BUILT).rows}


def articles_built(store) -> dict[str, tuple[str, str | None]]:
    """Graph IRI -> (text digest, extractor version) of every article in an embedded store."""
    return _built(lambda q: select(store, q))


def store_state(built: dict[str, tuple[str, str | None]]) -> str:
    """A digest of which articles a store holds (``articles_built``), at which text and
    extractor version: extraction is deterministic, so the same state is the same graph."""
    digest = hashlib.sha256()
    for g, (sha, version) in sorted(built.items()):
        digest.update(f"{g}\t{sha}\t{version}\n".encode("utf-8"))
    return digest.hexdigest()[:16]


def _start_worker() -> None:
    """A worker process: one BLAS thread (processes already use the cores; forked BLAS
    thread pools fight over them and made 2 workers slower than one)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


def _extract_in_worker(article: Article) -> Result:
    return extract(article, load_context())


class _Embedded:
    """Writes to the embedded store at a folder (locked while the build runs)."""

    FLUSH_EVERY = 200  # graphs written between flushes of RocksDB's write buffers

    def __init__(self, store_dir: Path):
        self.store = open_store(store_dir)
        self.written = 0
        self.touched: set[ox.NamedNode] | None = None  # None: not tracking
        self.types_before: dict[ox.NamedNode, frozenset] = {}

    def built(self) -> dict[str, tuple[str, str | None]]:
        return articles_built(self.store)

    def track(self) -> None:
        """From now on, note the subjects that replacing or removing graphs touches."""
        self.touched = set()

    def replace(self, g_iri: str, graph) -> int:
        if self.touched is not None:
            new = {(ox.NamedNode(str(s)), str(p) == RDF_TYPE.value) for s, p, _ in graph}
            self._note(g_iri, new)
        size = replace_graph(self.store, g_iri, graph)
        self._wrote()
        return size

    def remove(self, g_iri: str) -> None:
        if self.touched is not None:
            self._note(g_iri, set())
        remove_graph(self.store, g_iri)
        self._wrote()

    def _note(self, g_iri: str, new: set[tuple[ox.NamedNode, bool]]) -> None:
        """The subjects of a graph's old and new triples are touched; the typed ones may
        change type in the union, which the subjects pointing to them see (``sh:class``):
        their types before the build are kept to compare at the end."""
        old = {(q.subject, q.predicate == RDF_TYPE)
               for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(g_iri))}
        for subject, typed in old | new:
            self.touched.add(subject)
            if typed and subject not in self.types_before:
                self.types_before[subject] = self._types(subject)

    def _types(self, node: ox.NamedNode) -> frozenset:
        return frozenset(q.object for q in
                         self.store.quads_for_pattern(node, RDF_TYPE, None, ox.DefaultGraph()))

    def touched_subjects(self) -> set[ox.NamedNode] | None:
        """The subjects touched, with those pointing to a node whose types changed."""
        if self.touched is None:
            return None
        touched = set(self.touched)
        for node, before in self.types_before.items():
            if self._types(node) != before:
                touched.update(q.subject for q in self.store.quads_for_pattern(
                    None, None, node, ox.DefaultGraph()))
        return touched

    def _wrote(self) -> None:
        """The store keeps writes in memory until it flushes them (its buffers grew past
        1.5 GB in a 10,000-article build): flush every FLUSH_EVERY graphs."""
        self.written += 1
        if self.written % self.FLUSH_EVERY == 0:
            self.store.flush()

    def close(self) -> None:
        self.store.flush()
        self.store = None  # closes the store (and its lock) before the caller reopens it


class _Remote:
    """Writes to a SPARQL server: one Graph Store Protocol PUT per article graph."""

    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint

    def built(self) -> dict[str, tuple[str, str | None]]:
        return _built(self.endpoint.select)

    def replace(self, g_iri: str, graph) -> int:
        self.endpoint.replace_graph(g_iri, graph.serialize(format="nt", encoding="utf-8"))
        return len(graph)

    def remove(self, g_iri: str) -> None:
        self.endpoint.remove_graph(g_iri)

    def track(self) -> None:
        pass  # the server's graph is not validated here

    def touched_subjects(self) -> None:
        return None

    def close(self) -> None:
        pass


def build(sources: Iterable[str | Path], target: Path | Endpoint, ctx: Context | None = None,
          progress: Callable[[str, int, int], None] | None = None, workers: int = 1,
          prune: bool = False, max_bytes: int | None = MAX_BYTES) -> Report:
    """Extract the articles of the sources into ``target`` (the embedded store's folder, or
    a SPARQL server's ``Endpoint``), one named graph per article.

    Incremental: an article whose text and extractor version match its graph is skipped; a
    changed one replaces its graph; ``prune`` removes the graphs of articles no longer in
    the sources. ``workers`` > 1 extracts in that many processes; articles are streamed,
    with a bounded number in flight. ``progress(path, done, total)`` is called per file.
    Files over ``max_bytes`` are skipped with the reason (None: no limit).
    """
    ctx = ctx or load_context()
    version = extractor_version()
    report = Report()
    sink = _Remote(target) if isinstance(target, Endpoint) else _Embedded(Path(target))
    try:
        _load_ontology(sink)
        built = sink.built()
        report.state_before = store_state(built)
        if built:  # a store built from scratch is validated whole anyway
            sink.track()
        found, skipped = find_sources(list(sources))
        for s in skipped:
            report.skipped.append({"path": s.path, "reason": s.reason})
        total, done = len(found), 0
        seen: set[str] = set()

        def tick(path: str) -> None:
            nonlocal done
            done += 1
            if progress:
                progress(path, done, total)

        def finish(article: Article, result: Result | BaseException) -> None:
            stage = "extraction"
            if not isinstance(result, BaseException):
                try:
                    g_iri, graph = article_graph(result.extraction, version)
                except Exception as exc:  # one bad article must not stop the build
                    stage, result = "RDF", exc
            if isinstance(result, BaseException):
                log.error("failed on %s: %s", article.path, result)
                report.skipped.append({"path": article.path, "reason":
                                       f"{stage} failed: {type(result).__name__}: {result}"})
            else:
                triples = sink.replace(str(g_iri), graph)
                if str(g_iri) in built:
                    report.replaced.append(article.path)
                else:
                    report.added.append(article.path)
                report.articles.append({
                    "path": article.path, "doc_id": article.doc_id, "graph": str(g_iri),
                    "date": article.date, "headline": article.headline,
                    "entities": len(result.extraction.entities),
                    "facts": len(result.extraction.facts), "triples": triples,
                })
            tick(article.path)

        def todo():
            for path, rel in found:
                seen.add(graph_iri(doc_id_for(rel)))
                article = _read(path, rel, report, max_bytes)
                if article is None:
                    tick(str(path))
                elif built.get(graph_iri(article.doc_id)) == (article.sha256, version):
                    report.unchanged.append(article.path)
                    tick(article.path)
                else:
                    yield article

        if workers <= 1:
            for article in todo():
                try:
                    result: Result | BaseException = extract(article, ctx)
                except Exception as exc:  # one bad article must not lose its neighbours
                    log.exception("failed on %s", article.path)
                    result = exc
                finish(article, result)
        else:
            _parallel(todo(), workers, finish)
        if prune:
            for g in sorted(set(built) - seen):
                sink.remove(g)
                report.removed.append(g)
        report.touched = sink.touched_subjects()
    finally:
        sink.close()
    return report


def _read(path: Path, rel: str, report: Report, max_bytes: int | None) -> Article | None:
    try:
        article = read_article(path, rel, max_bytes)
    except SkipFile as exc:
        log.warning("skipped %s: %s", path, exc)
        report.skipped.append({"path": str(path), "reason": str(exc)})
        return None
    for warning in article.warnings:
        log.warning("%s: %s", path, warning)
        report.warnings.append({"path": str(path), "warning": warning})
    return article


def _parallel(articles: Iterable[Article], workers: int, finish) -> None:
    """Extract in a process pool, at most 4 articles per worker in flight, finishing them
    in the order they came (so the store and the report do not depend on timing)."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    pending: deque = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                             initializer=_start_worker) as pool:
        for article in articles:
            pending.append((article, pool.submit(_extract_in_worker, article)))
            while len(pending) >= 4 * workers:
                _settle(pending.popleft(), finish)
        while pending:
            _settle(pending.popleft(), finish)


def _settle(item, finish) -> None:
    article, future = item
    try:
        result = future.result()
    except Exception as exc:  # the article failed (or its worker died): report, go on
        result = exc
    finish(article, result)


def _load_ontology(sink) -> None:
    from rdflib import Graph

    with offline():
        ontology = Graph().parse(ONTOLOGY)
    sink.replace(ONTOLOGY_GRAPH, ontology)
