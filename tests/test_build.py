"""Incremental and parallel builds: unchanged articles are skipped, changed ones replaced,
vanished ones pruned on request; N worker processes give the graph one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg.pipeline
from kg.iri import graph_iri
from kg.pipeline import build
from kg.store import dump_trig, graph_names, open_store

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def sources(tmp_path):
    """Five corpus articles in a folder of their own."""
    folder = tmp_path / "src"
    folder.mkdir()
    for path in sorted(CORPUS.glob("a0*.txt"))[:5]:
        shutil.copy(path, folder / path.name)
    return folder


def trig(store_dir: Path) -> bytes:
    return dump_trig(open_store(store_dir, read_only=True))


def test_a_second_build_skips_every_unchanged_article(ctx, sources, tmp_path):
    store_dir = tmp_path / "store"
    first = build([sources], store_dir, ctx)
    assert len(first.added) == 5 and not first.replaced and not first.unchanged
    before = trig(store_dir)
    second = build([sources], store_dir, ctx)
    assert len(second.unchanged) == 5 and not second.articles and not second.added
    assert second.as_json()["counts"]["files"] == 5
    assert trig(store_dir) == before


def test_a_changed_article_is_replaced_and_the_rest_skipped(ctx, sources, tmp_path):
    store_dir = tmp_path / "store"
    build([sources], store_dir, ctx)
    changed = sorted(sources.glob("*.txt"))[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nДополнение.\n",
                       encoding="utf-8")
    report = build([sources], store_dir, ctx)
    assert report.replaced == [str(changed)]
    assert len(report.unchanged) == 4


def test_a_new_extractor_version_extracts_again(ctx, sources, tmp_path, monkeypatch):
    store_dir = tmp_path / "store"
    build([sources], store_dir, ctx)
    monkeypatch.setattr(kg.pipeline, "_VERSION", "another-version")
    report = build([sources], store_dir, ctx)
    assert len(report.replaced) == 5 and not report.unchanged


def test_prune_removes_the_graphs_of_vanished_articles(ctx, sources, tmp_path):
    store_dir = tmp_path / "store"
    build([sources], store_dir, ctx)
    gone = sorted(sources.glob("*.txt"))[0]
    gone.unlink()
    kept = build([sources], store_dir, ctx)
    assert kept.removed == []
    assert graph_iri(gone.stem) in graph_names(open_store(store_dir, read_only=True))
    pruned = build([sources], store_dir, ctx, prune=True)
    assert pruned.removed == [graph_iri(gone.stem)]
    names = graph_names(open_store(store_dir, read_only=True))
    assert graph_iri(gone.stem) not in names
    assert len(pruned.unchanged) == 4


def test_two_workers_build_the_graph_one_builds(ctx, sources, tmp_path):
    one = build([sources], tmp_path / "one", ctx, workers=1)
    two = build([sources], tmp_path / "two", ctx, workers=2)
    assert trig(tmp_path / "one") == trig(tmp_path / "two")
    assert [a["path"] for a in one.articles] == [a["path"] for a in two.articles]


def test_a_failing_article_in_a_worker_is_reported_and_the_rest_built(ctx, sources, tmp_path,
                                                                      monkeypatch):
    bad = sorted(sources.glob("*.txt"))[1]
    real = kg.pipeline.extract

    def extract(article, ctx):
        if article.path == str(bad):
            raise RuntimeError("boom")
        return real(article, ctx)

    monkeypatch.setattr(kg.pipeline, "extract", extract)  # forked workers see it too
    report = build([sources], tmp_path / "store", ctx, workers=2)
    assert [s["path"] for s in report.skipped] == [str(bad)]
    assert "RuntimeError: boom" in report.skipped[0]["reason"]
    assert len(report.added) == 4


def test_progress_is_told_of_every_file(ctx, sources, tmp_path):
    (sources / "empty.txt").write_text("", encoding="utf-8")
    calls = []
    build([sources], tmp_path / "store", ctx, workers=2,
          progress=lambda path, done, total: calls.append((done, total)))
    assert calls == [(n, 6) for n in range(1, 7)]


def test_the_extractor_version_follows_the_word_lists(tmp_path, monkeypatch):
    from kg.paths import ONTOLOGY

    copy = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY.parent, copy)
    monkeypatch.setattr(kg.pipeline, "ONTOLOGY", copy / ONTOLOGY.name)
    monkeypatch.setattr(kg.pipeline, "_VERSION", None)
    same = kg.pipeline.extractor_version()
    roles = copy / "lexicon" / "roles.tsv"
    roles.write_text(roles.read_text(encoding="utf-8") + "атташе\tатташе\tany\n",
                     encoding="utf-8")
    monkeypatch.setattr(kg.pipeline, "_VERSION", None)
    changed = kg.pipeline.extractor_version()
    assert len(same) == 16 and changed != same


def test_an_article_whose_rdf_fails_is_skipped_and_the_build_goes_on(ctx, seeds_copy, tmp_path,
                                                                     monkeypatch):
    real = kg.pipeline.article_graph
    broken = sorted(seeds_copy.glob("*.txt"))[0].name

    def failing(extraction, version):
        if extraction.article.path.endswith(broken):
            raise ValueError("bad literal")
        return real(extraction, version)

    monkeypatch.setattr(kg.pipeline, "article_graph", failing)
    report = build([seeds_copy], tmp_path / "store", ctx)
    assert [s["reason"] for s in report.skipped] == ["RDF failed: ValueError: bad literal"]
    assert len(report.added) == len(list(seeds_copy.glob("*.txt"))) - 1
