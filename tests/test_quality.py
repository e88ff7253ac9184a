"""Extraction quality may not fall: `kg eval` on every gold set against its floor in
tests/quality.yaml (our gold articles per folder; NEREL dev when the split is present)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).parent
FLOORS = yaml.safe_load((HERE / "quality.yaml").read_text(encoding="utf-8"))
NEREL_DEV = HERE.parent.parent / "shared" / "nerel" / "dev"
# figures are printed with three decimals: a floor is met when the figure rounds to it
EPSILON = 5e-4


@pytest.mark.parametrize("name", sorted(FLOORS["sets"]))
def test_gold_set_keeps_its_level(ctx, name):
    from kg.evaluate import evaluate_corpus

    floor = FLOORS["sets"][name]
    overall = evaluate_corpus(HERE / name, ctx)["overall"]
    assert overall.f1 + EPSILON >= floor["f1"], f"{name}: F1 {overall.f1:.3f} < {floor['f1']}"
    assert overall.recall + EPSILON >= floor["recall"], \
        f"{name}: recall {overall.recall:.3f} < {floor['recall']}"


def test_every_gold_folder_has_a_floor():
    folders = {p.parent.name for p in HERE.glob("*/*.gold.yaml")}
    assert folders == set(FLOORS["sets"])


@pytest.mark.slow
@pytest.mark.skipif(not NEREL_DEV.is_dir(), reason="NEREL dev split not present")
def test_nerel_dev_keeps_its_level(ctx):
    from kg.nerel import evaluate_nerel

    floor = FLOORS["nerel_dev"]
    report = evaluate_nerel(NEREL_DEV, ctx)
    assert report.micro().f1 + EPSILON >= floor["micro_f1"]
    assert report.posts.f1 + EPSILON >= floor["posts_f1"]
    assert report.alias_linking + EPSILON >= floor["aliases"]
