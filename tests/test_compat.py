"""natasha's pymorphy2 needs pkg_resources: the install pins setuptools<82."""

from __future__ import annotations

import importlib.metadata as md


def test_pkg_resources_is_importable_for_pymorphy2():
    import pymorphy2  # noqa: F401  (imports pkg_resources)

    major = int(md.version("setuptools").split(".")[0])
    assert major < 82


def test_models_load_once(ctx):
    from kg.nlp import load_models

    assert load_models() is ctx.models
