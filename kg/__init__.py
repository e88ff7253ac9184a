"""kg: a knowledge graph of organizations, people and events from Russian news.

Pipeline (one module per stage)::

    files -> Article (articles) -> annotated sentences (nlp) -> mentions, entities
    (entities) -> facts (facts) -> RDF (rdf) -> store (store) -> queries, HTML, exports
"""

__version__ = "0.1.0"
