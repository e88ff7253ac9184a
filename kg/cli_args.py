"""The ``kg`` command's arguments: one subcommand each for build, query, serve, extract,
validate, viz, analyze, export and eval (``kg.cli`` runs them)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def parser(description: str, commands: dict[str, Callable[..., int]]) -> argparse.ArgumentParser:
    """The ``kg`` command line; ``commands`` gives the function each subcommand runs."""
    p = argparse.ArgumentParser(prog="kg", description=description)
    p.add_argument("-v", "--verbose", action="store_true", help="log every article")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the graph from folders or files of *.txt")
    b.add_argument("sources", nargs="+", metavar="SRC")
    b.add_argument("--out", help="output folder (store, graph files, report); with "
                   "--endpoint only the report")
    b.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    b.add_argument("--workers", type=int, help="extraction processes (default: the cores)")
    b.add_argument("--max-mb", type=float, default=2.0,
                   help="skip files over this many megabytes (default 2; 0: no limit)")
    b.add_argument("--prune", action="store_true",
                   help="remove the graphs of articles no longer in the sources")
    _server_options(b, "write the graph to this SPARQL server instead of a local store "
                    "(Graph Store Protocol, one PUT per article graph)")
    b.set_defaults(func=commands["build"])

    q = sub.add_parser("query", help="run a named query, a .rq file or SPARQL text")
    q.add_argument("--store", help="the build's output folder (or its store/)")
    _server_options(q, "query this SPARQL server instead of a local store")
    q.add_argument("query", metavar="QUERY")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.set_defaults(func=commands["query"])

    sv = sub.add_parser("serve", help="serve a built store read-only over SPARQL on 127.0.0.1")
    sv.add_argument("dir", metavar="DIR", help="the build's output folder (or its store/)")
    sv.add_argument("--port", type=int, default=7878, help="port (default 7878; 0: any free)")
    sv.add_argument("--host", default="127.0.0.1",
                    help="address to listen on (default 127.0.0.1: this machine only)")
    sv.add_argument("--timeout", type=float, default=30.0,
                    help="seconds before a query is stopped (default 30)")
    sv.add_argument("--max-queries", type=int, default=2,
                    help="queries run at once; more get 503 busy (default 2)")
    sv.set_defaults(func=commands["serve"])

    e = sub.add_parser("extract", help="extract entities and facts as JSONL, no store")
    e.add_argument("files", nargs="+", metavar="FILE")
    e.add_argument("--format", choices=("jsonl",), default="jsonl")
    e.add_argument("--output", help="output file (default: standard output)")
    e.set_defaults(func=commands["extract"])

    v = sub.add_parser("validate", help="validate a built graph against the SHACL shapes")
    v.add_argument("dir", metavar="DIR")
    v.set_defaults(func=commands["validate"])

    z = sub.add_parser("viz", help="write the interactive HTML picture of a built graph")
    z.add_argument("--store", required=True)
    z.add_argument("--out", required=True)
    z.add_argument("--top", type=int, help="only the N most central entities "
                   "(default: all up to 150)")
    z.add_argument("--focus", metavar="ENTITY", help="only the neighbourhood of this entity")
    z.add_argument("--depth", type=int, default=1, help="hops around --focus (default 1)")
    z.set_defaults(func=commands["viz"])

    a = sub.add_parser("analyze", help="central entities, communities, paths, timelines and "
                       "point-in-time views of a built graph")
    a.add_argument("--store", required=True)
    a.add_argument("--top", type=int, default=15, help="rows of the centrality table")
    a.add_argument("--path", nargs=2, metavar=("A", "B"), help="the shortest connection "
                   "between two entities, with the sentence behind each edge")
    a.add_argument("--timeline", metavar="ORG", help="the dated events of an organization")
    a.add_argument("--as-of", metavar="YYYY-MM-DD", help="posts, chairs and members on a day")
    a.add_argument("--format", choices=("table", "json"), default="table")
    a.set_defaults(func=commands["analyze"])

    x = sub.add_parser("export", help="export the graph: ttl, trig, nquads, jsonld, graphml, "
                       "gexf, or csv (one file per named query)")
    x.add_argument("--store", required=True)
    x.add_argument("--format", required=True,
                   choices=("ttl", "trig", "nquads", "jsonld", "graphml", "gexf", "csv"))
    x.add_argument("--out", help="file (folder for csv); default: standard output")
    x.set_defaults(func=commands["export"])

    ev = sub.add_parser("eval", help="score extraction against gold (our corpus or NEREL)")
    ev.add_argument("dataset", choices=("corpus", "nerel"))
    ev.add_argument("dir", nargs="*", help="folder(s) of gold articles, each scored on its own "
                    "(default: tests/corpus), or one NEREL folder (default: ../shared/nerel/dev)")
    ev.add_argument("--table", help="only this table (corpus)")
    ev.add_argument("--limit", type=int, help="only the first N documents (nerel)")
    ev.add_argument("-q", "--quiet", action="store_true", help="figures only, no misses")
    ev.set_defaults(func=commands["eval"])
    return p


def _server_options(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--endpoint", metavar="URL", help=f"{what}; URL is the server's base "
                   "(Oxigraph: URL/query, URL/update, URL/store)")
    p.add_argument("--query-url", metavar="URL", help="the server's SPARQL query URL "
                   "(e.g. Fuseki's http://host:3030/ds/query)")
    p.add_argument("--update-url", metavar="URL", help="the server's SPARQL update URL")
    p.add_argument("--store-url", metavar="URL", help="the server's Graph Store Protocol URL "
                   "(e.g. Fuseki's http://host:3030/ds/data)")
