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
