"""Shared fixtures: models and the seeds' build are made once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.paths import SEEDS_DIR


@pytest.fixture(scope="session")
def ctx():
    from kg.pipeline import load_context

    return load_context()


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """`kg build seeds --out DIR`, run once through the CLI; returns DIR."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("seeds-build")
    assert main(["build", str(SEEDS_DIR), "--out", str(out)]) == 0
    return out


@pytest.fixture
def seeds_copy(tmp_path):
    folder = tmp_path / "src"
    shutil.copytree(SEEDS_DIR, folder)
    return folder


def seed_text(name_prefix: str) -> tuple[Path, str]:
    path = next(SEEDS_DIR.glob(f"{name_prefix}*.txt"))
    return path, path.read_text(encoding="utf-8")


MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря")


def make_article(body: str, date: str = "2025-06-16", city: str = "МОСКВА",
                 headline: str = "Новости") -> str:
    """Text in the TASS format with the given body paragraphs (separated by blank lines)."""
    year, month, day = date.split("-")
    dateline = f"{city}, {int(day)} {MONTHS_GEN[int(month) - 1]}. /ТАСС/. "
    return f" date {date} {headline}\n\n{dateline}{body}\n"


@pytest.fixture(scope="session")
def facts_of(ctx):
    """text (a body) -> the facts extracted, as dicts with entity IRIs replaced by labels.

    Use: facts_of("Саммит ОДКБ прошел в Минске.", date="2023-11-23", city="МИНСК").
    """
    from kg.articles import parse
    from kg.jsonl import record
    from kg.pipeline import extract

    def run(body: str, **kw) -> list[dict]:
        text = make_article(body, **kw)
        rec = record("t.txt", extract(parse(text, "t"), ctx))
        labels = {e["iri"]: e["label"] for e in rec["entities"]}

        def show(value):
            if isinstance(value, list):
                return [show(v) for v in value]
            return labels.get(value, value) if isinstance(value, str) else value

        return [{k: show(v) for k, v in f.items()} for f in rec["facts"]]

    return run
