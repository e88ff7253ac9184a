"""Every path the package reads from, in one place (like natasha's data/__init__.py).

The ontology, shapes, named queries and gazetteer live beside the package, under
``ontology/`` at the top of the repository; the package is installed editable.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY = ONTOLOGY_DIR / "kg.ttl"
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
QUERIES_DIR = ONTOLOGY_DIR / "queries"
GAZETTEER_DIR = ONTOLOGY_DIR / "gazetteer"
LEXICON_DIR = ONTOLOGY_DIR / "lexicon"
PATTERNS_DIR = ONTOLOGY_DIR / "patterns"
SEEDS_DIR = ROOT / "seeds"
