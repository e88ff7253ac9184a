"""Federated SPARQL (``SERVICE``) is refused: a query must never make kg reach the network.

The check is lexical: comments, strings and IRIs are blanked out, then the keyword
``SERVICE`` is looked for where SPARQL allows it (not inside a prefixed name or a
variable). A query whose prefixed names end in ``.SERVICE`` is refused too; that
errs on the safe side.

>>> uses_service('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
True
>>> uses_service('SELECT ?service { ?service ex:service "SERVICE" } # SERVICE')
False
"""

from __future__ import annotations

import re

_OPAQUE = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""  # strings
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"  # IRIs
    r"|#[^\n]*",  # comments
    re.DOTALL)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)


REFUSED = ("SERVICE (a federated query) is not allowed: kg queries only its own graph and "
           "never reaches the network")


def uses_service(sparql: str) -> bool:
    return _SERVICE.search(_OPAQUE.sub(" ", sparql)) is not None
