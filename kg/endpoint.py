"""A remote SPARQL 1.1 server: queries over the SPARQL protocol, per-article graphs
written with the Graph Store Protocol (one PUT replaces one graph), vanished articles'
graphs dropped with a SPARQL update.

``Endpoint.at(URL)`` takes a server's base URL and derives Oxigraph's paths
(``/query``, ``/update``, ``/store``); other servers' paths (Fuseki's
``/ds/query`` ...) are given one by one. Only the standard library speaks HTTP,
and only to the URLs the user gave.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from kg.rdf import PREFIXES
from kg.store import Result, StoreError

TIMEOUT = 120  # seconds for one request
_SAFE_IRI = re.compile(r"https?://[^<>\"{}|^`\\\x00-\x20]+")


@dataclass(frozen=True)
class Endpoint:
    query_url: str
    update_url: str
    store_url: str
    union_param: bool = False  # Oxigraph's ``union-default-graph`` query parameter

    @classmethod
    def at(cls, base: str | None = None, query_url: str | None = None,
           update_url: str | None = None, store_url: str | None = None) -> Endpoint:
        """The endpoint of a server at ``base`` (Oxigraph's paths follow from it); any
        explicit URL overrides the derived one."""
        if not base and not (query_url and store_url):
            raise StoreError("give the server's base URL, or both --query-url and --store-url")
        root = (base or "").rstrip("/")
        for url in (base, query_url, update_url, store_url):
            if url and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise StoreError(f"not an http(s) URL: {url}")
        return cls(query_url=query_url or f"{root}/query",
                   update_url=update_url or (f"{root}/update" if root else ""),
                   store_url=store_url or f"{root}/store",
                   union_param=query_url is None)

    # -- reading ---------------------------------------------------------------

    def select(self, sparql: str) -> Result:
        """A SELECT over the server's default graph (for Oxigraph: the union of its graphs;
        other servers must be set up with a union default graph)."""
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()
                           if f"PREFIX {p}:" not in sparql)
        form = {"query": prologue + sparql}
        if self.union_param:
            form["union-default-graph"] = ""
        body = self._request("POST", self.query_url, urllib.parse.urlencode(form).encode(),
                             {"Content-Type": "application/x-www-form-urlencoded",
                              "Accept": "application/sparql-results+json"})
        try:
            data = json.loads(body)
            variables = tuple(data["head"]["vars"])
            bindings = data["results"]["bindings"]
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"{self.query_url} did not answer with SPARQL JSON results "
                             "(was it a SELECT query?)") from exc
        rows, kinds = [], []
        for b in bindings:
            cells = [_cell(b.get(v)) for v in variables]
            rows.append(tuple(c[0] for c in cells))
            kinds.append(tuple(c[1] for c in cells))
        return Result(variables, tuple(rows), tuple(kinds))

    # -- writing (Graph Store Protocol) ------------------------------------------

    def replace_graph(self, graph_iri: str, ntriples: bytes) -> None:
        """Replace one named graph in one request (PUT: the server swaps it whole)."""
        self._request("PUT", self._graph_url(graph_iri), ntriples,
                      {"Content-Type": "application/n-triples"})

    def remove_graph(self, graph_iri: str) -> None:
        """Drop one named graph (a SPARQL update: DROP SILENT does not mind a missing one)."""
        if not self.update_url:
            raise StoreError("give the server's --update-url (or its base URL) to remove graphs")
        if not _SAFE_IRI.fullmatch(graph_iri):
            raise StoreError(f"not a graph IRI: {graph_iri!r}")
        form = urllib.parse.urlencode({"update": f"DROP SILENT GRAPH <{graph_iri}>"})
        self._request("POST", self.update_url, form.encode(),
                      {"Content-Type": "application/x-www-form-urlencoded"})

    def _graph_url(self, graph_iri: str) -> str:
        return f"{self.store_url}?{urllib.parse.urlencode({'graph': graph_iri})}"

    def _request(self, method: str, url: str, data: bytes | None, headers: dict) -> bytes:
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:300]
            raise StoreError(f"{method} {url}: HTTP {exc.code} {exc.reason}"
                             + (f": {detail}" if detail else "")) from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the SPARQL server at {url}: {reason}") from exc


def _cell(term: dict | None) -> tuple[str | None, str | None]:
    if term is None:
        return None, None
    kind = term.get("type")
    if kind == "uri":
        return term["value"], "iri"
    if kind == "bnode":
        return "_:" + term["value"], "bnode"
    return term["value"], "literal"  # "literal" and SPARQL 1.0's "typed-literal"
