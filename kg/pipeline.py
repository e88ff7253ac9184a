"""The pipeline: article -> extraction (pure, per article) and build (folder -> store).

``extract(article, ctx)`` calls the stages in order and depends on nothing but
its inputs, so it can map over processes. ``build`` streams the articles of the
sources through it into the store, one named graph per article, and returns a
report; writing files other than the store is left to the CLI.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.articles import SkipFile, find_sources, read_article
from kg.entities import resolve
from kg.facts import extract_facts
from kg.gazetteer import Gazetteer, load_entries
from kg.iri import graph_iri
from kg.nlp import Models, annotate, load_models
from kg.paths import ONTOLOGY
from kg.rdf import article_graph
from kg.records import Article, Extraction, Mention, Skipped
from kg.store import ONTOLOGY_GRAPH, graph_names, open_store, remove_graph, replace_graph

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
    graphs_replaced: int = 0
    graphs_unchanged: int = 0

    def as_json(self) -> dict:
        return {
            "counts": {
                "files": len(self.articles) + len(self.skipped),
                "processed": len(self.articles),
                "skipped": len(self.skipped),
                "warnings": len(self.warnings),
                "entities": sum(a["entities"] for a in self.articles),
                "facts": sum(a["facts"] for a in self.articles),
                "triples": sum(a["triples"] for a in self.articles),
            },
            "articles": self.articles,
            "skipped": self.skipped,
            "warnings": self.warnings,
        }


def read_all(sources: Iterable[str | Path], report: Report) -> Iterable[Article]:
    """Stream the readable articles of the sources; record every skipped file."""
    found, skipped = find_sources(list(sources))
    for s in skipped:
        report.skipped.append({"path": s.path, "reason": s.reason})
    for path, rel in found:
        try:
            article = read_article(path, rel)
        except SkipFile as exc:
            log.warning("skipped %s: %s", path, exc)
            report.skipped.append({"path": str(path), "reason": str(exc)})
            continue
        for warning in article.warnings:
            log.warning("%s: %s", path, warning)
            report.warnings.append({"path": str(path), "warning": warning})
        yield article


def build(sources: Iterable[str | Path], store_dir: Path, ctx: Context | None = None,
          progress: Callable[[str], None] | None = None) -> Report:
    """Extract every article of the sources into the store at ``store_dir``."""
    ctx = ctx or load_context()
    report = Report()
    store = open_store(store_dir)
    try:
        _load_ontology(store)
        for article in read_all(sources, report):
            try:
                result = extract(article, ctx)
            except Exception as exc:  # one bad article must not lose its neighbours
                log.exception("failed on %s", article.path)
                report.skipped.append({"path": article.path,
                                       "reason": f"extraction failed: {type(exc).__name__}: {exc}"})
                continue
            g_iri, graph = article_graph(result.extraction)
            triples = replace_graph(store, str(g_iri), graph)
            report.graphs_replaced += 1
            report.articles.append({
                "path": article.path,
                "doc_id": article.doc_id,
                "graph": str(g_iri),
                "date": article.date,
                "headline": article.headline,
                "entities": len(result.extraction.entities),
                "facts": len(result.extraction.facts),
                "triples": triples,
            })
            if progress:
                progress(article.path)
        store.flush()
    finally:
        del store
    return report


def _load_ontology(store) -> None:
    from rdflib import Graph

    replace_graph(store, ONTOLOGY_GRAPH, Graph().parse(ONTOLOGY))


def remove_articles(store_dir: Path, doc_ids: Iterable[str]) -> None:
    store = open_store(store_dir)
    for doc_id in doc_ids:
        remove_graph(store, graph_iri(doc_id))


def article_graphs(store_dir: Path) -> set[str]:
    return {g for g in graph_names(open_store(store_dir, read_only=True)) if g != ONTOLOGY_GRAPH}
