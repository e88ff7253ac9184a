"""The ``kg`` command: thin wrappers over plain functions; the only module that writes files."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger("kg")


def write_atomic(path: Path, data: bytes | str | Callable[[BinaryIO], None]) -> None:
    """Write a file so that a reader sees the old or the new content, never half.
    ``data`` can be a function that writes to a binary file (large outputs stream)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- build ----------------------------------------------------------------------


def cmd_build(args) -> int:
    from kg.analysis import project
    from kg.pipeline import articles_built, build, store_state
    from kg.store import graph_totals, open_store, write_trig, write_turtle
    from kg.validate import read_state, validate_build
    from kg.viz import render, select_view

    workers = args.workers or os.cpu_count() or 1
    endpoint = _endpoint(args)
    if endpoint is None and not args.out:
        raise ValueError("give --out DIR (the embedded store) or --endpoint URL (a server)")
    out = Path(args.out) if args.out else None
    store_dir = out / "store" if out else None
    with _progress_bar() as progress:
        report = build(args.sources, endpoint or store_dir, progress=progress,
                       workers=workers, prune=args.prune, max_bytes=_max_bytes(args))
    if endpoint is not None:  # the graph lives on the server: only the report is written
        result = report.as_json()
        if out:
            write_atomic(out / "report.json",
                         json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        _print_report(result, endpoint.store_url)
        return 0
    store = open_store(store_dir, read_only=True)
    _step("writing graph.ttl, graph.trig and graph.html")
    write_atomic(out / "graph.ttl", lambda fh: write_turtle(store, fh))
    write_atomic(out / "graph.trig", lambda fh: write_trig(store, fh))
    view, note = select_view(project(store))
    write_atomic(out / "graph.html", render(view, "Граф знаний", note))
    result = report.as_json()
    result["graph"] = graph_totals(store)
    if not args.no_validate:
        _step("SHACL: " + ("the whole store" if report.touched is None else
                           f"the {len(report.touched)} subjects this build touched"))
        state_file = out / "validation-state.json"
        validation, state = validate_build(store, read_state(state_file), report.state_before,
                                           store_state(articles_built(store)), report.touched)
        write_atomic(state_file, json.dumps(state, ensure_ascii=False) + "\n")
        result["validation"] = {"conforms": validation.conforms,
                                "violations": validation.violations,
                                "checked": "all" if validation.checked is None
                                else validation.checked}
        if validation.conforms:
            (out / "validation.txt").unlink(missing_ok=True)  # an older build's report
        else:
            write_atomic(out / "validation.txt", validation.text)
            log.warning("SHACL: %d violations (see %s)", validation.violations,
                        out / "validation.txt")
    write_atomic(out / "report.json", json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    _print_report(result, out)
    return 0


def _step(what: str) -> None:
    """A line on stderr as a long step of ``kg build`` begins (at 10,000 articles the
    outputs and SHACL take tens of minutes after the last article)."""
    print(f"kg build: {what}", file=sys.stderr, flush=True)


def _max_bytes(args) -> int | None:
    return None if args.max_mb <= 0 else int(args.max_mb * 1_000_000)


def _print_report(result: dict, where) -> None:
    c = result["counts"]
    held = (f"; the graph holds {result['graph']['articles']} articles, "
            f"{result['graph']['triples']} triples" if "graph" in result else "")
    print(f"{c['processed']} articles processed ({c['added']} added, {c['replaced']} replaced), "
          f"{c['unchanged']} unchanged, {c['removed']} removed, {c['skipped']} skipped; "
          f"{c['entities']} entities, {c['facts']} facts, {c['triples']} triples{held} "
          f"-> {where}")
    for s in result["skipped"]:
        print(f"skipped {s['path']}: {s['reason']}", file=sys.stderr)


def _endpoint(args):
    """The SPARQL server the command talks to (--endpoint and its paths), or None."""
    from kg.endpoint import Endpoint

    urls = (args.endpoint, args.query_url, args.update_url, args.store_url)
    if not any(urls):
        return None
    return Endpoint.at(*urls)


class _progress_bar:
    """progress(path, done, total): a tqdm bar on a terminal; otherwise a plain line on
    stderr every 100 files and at the end (each file with -v)."""

    def __enter__(self):
        self.bar = None
        self.interactive = sys.stderr.isatty()
        return self

    def __call__(self, path: str, done: int, total: int) -> None:
        log.info("[%d/%d] %s", done, total, path)
        if self.interactive:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=total, unit="art", file=sys.stderr, leave=False)
            self.bar.update(1)
        elif done % 100 == 0 or done == total:
            print(f"kg build: {done}/{total} files", file=sys.stderr, flush=True)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()


# -- query ----------------------------------------------------------------------


def _store_dir(folder: str) -> Path:
    """The store of a build's output folder (or the folder itself, when it is the store)."""
    folder = Path(folder)
    return folder / "store" if (folder / "store").is_dir() else folder


def _open_store(folder: str):
    """A build's output folder (or its store/) opened read-only."""
    from kg.store import open_store

    return open_store(_store_dir(folder), read_only=True)


def cmd_query(args) -> int:
    from kg.queries import FORMATS, resolve_query
    from kg.store import select

    sparql = resolve_query(args.query)
    endpoint = _endpoint(args)
    if endpoint is not None:
        result = endpoint.select(sparql)
    elif args.store:
        result = select(_open_store(args.store), sparql)
    else:
        raise ValueError("give --store DIR (a build's output) or --endpoint URL (a server)")
    sys.stdout.write(FORMATS[args.format](result))
    return 0


def cmd_serve(args) -> int:
    from kg.serve import serve

    _open_store(args.dir)  # fails early, with the reason, if there is no store
    store_dir = _store_dir(args.dir)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s: anyone who can reach this address can query the graph",
                    args.host)
    server = serve(store_dir, args.port, args.timeout, args.max_queries, args.host)
    host, port = server.server_address[:2]
    print(f"serving {store_dir} read-only at http://{host}:{port}/query "
          f"(timeout {args.timeout:g} s); Ctrl-C stops", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


# -- extract --------------------------------------------------------------------


def cmd_extract(args) -> int:
    from kg.articles import SkipFile, read_article
    from kg.jsonl import record, skipped_record
    from kg.pipeline import extract, load_context

    ctx = load_context()
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for doc in args.files:
            try:
                article = read_article(Path(doc))
            except SkipFile as exc:
                print(f"skipped {doc}: {exc}", file=sys.stderr)
                obj = skipped_record(doc, str(exc))
            else:
                obj = record(doc, extract(article, ctx))
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


# -- validate and viz ----------------------------------------------------------


def cmd_validate(args) -> int:
    from kg.validate import validate_store

    validation = validate_store(_open_store(args.dir))
    print(validation.text)
    return 0 if validation.conforms else 1


def cmd_viz(args) -> int:
    from kg.analysis import find, project
    from kg.viz import render, select_view

    graph = project(_open_store(args.store))
    try:
        focus = find(graph, args.focus) if args.focus else None
    except LookupError as exc:
        raise ValueError(str(exc)) from None
    view, note = select_view(graph, top=args.top, focus=focus, depth=args.depth)
    write_atomic(Path(args.out), render(view, "Граф знаний", note))
    print(f"wrote {args.out}: {note}")
    return 0


def cmd_analyze(args) -> int:
    import datetime as dt

    from kg.analyze import analyze, format_text

    if args.as_of:
        try:
            dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise ValueError(f"--as-of wants a day as YYYY-MM-DD, got {args.as_of!r}") from None
    try:
        report = analyze(_open_store(args.store), top=args.top,
                         path=tuple(args.path) if args.path else None,
                         timeline_of=args.timeline, day=args.as_of)
    except LookupError as exc:
        raise ValueError(str(exc)) from None
    if args.format == "json":
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_text(report))
    return 0


def cmd_export(args) -> int:
    from kg.export import FORMATS, writers

    out = Path(args.out) if args.out else None
    if args.format == "csv" and out is None:
        raise ValueError("--format csv writes one file per named query: give --out FOLDER")
    files = writers(_open_store(args.store), args.format)
    if out is None:
        (write,) = files.values()
        write(sys.stdout.buffer)
        return 0
    if len(files) == 1 and not (out.is_dir() or args.format == "csv"):
        write_atomic(out, next(iter(files.values())))
        print(f"wrote {out} ({FORMATS[args.format]})", file=sys.stderr)
        return 0
    for name, content in files.items():
        write_atomic(out / name, content)
    print(f"wrote {len(files)} file(s) to {out}", file=sys.stderr)
    return 0


def cmd_eval(args) -> int:
    from kg.pipeline import load_context

    root = Path(__file__).resolve().parent.parent
    if args.dataset == "corpus":
        from kg.evaluate import evaluate_corpus, format_scores, format_summary

        folders = [Path(d) for d in args.dir] or [root / "tests" / "corpus"]
        for folder in folders:
            if not folder.is_dir():
                raise FileNotFoundError(f"no corpus folder {folder}")
            if not any(folder.glob("*.gold.yaml")):
                raise FileNotFoundError(
                    f"no gold files (NAME.gold.yaml beside NAME.txt) in {folder}")
        ctx = load_context()
        results = {}
        for folder in folders:
            scores = results[str(folder)] = evaluate_corpus(folder, ctx, only=args.table)
            if len(folders) > 1:
                sys.stdout.write(f"== {folder}\n")
            sys.stdout.write(format_scores(scores, details=not args.quiet))
        if len(folders) > 1:
            sys.stdout.write(format_summary(results))
        return 0
    from kg.nerel import evaluate_nerel, format_nerel

    if len(args.dir) > 1:
        raise ValueError("kg eval nerel takes one folder")
    folder = Path(args.dir[0]) if args.dir else root.parent / "shared" / "nerel" / "dev"
    if not folder.is_dir():
        raise FileNotFoundError(f"no NEREL folder {folder}")
    def progress(done: int, total: int) -> None:
        if not args.quiet and (done % 25 == 0 or done == total):
            print(f"NEREL: {done}/{total} documents", file=sys.stderr, flush=True)

    report = evaluate_nerel(folder, load_context(), limit=args.limit, progress=progress)
    sys.stdout.write(format_nerel(report))
    return 0


# -- parser ---------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description=__doc__)
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
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run a named query, a .rq file or SPARQL text")
    q.add_argument("--store", help="the build's output folder (or its store/)")
    _server_options(q, "query this SPARQL server instead of a local store")
    q.add_argument("query", metavar="QUERY")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.set_defaults(func=cmd_query)

    sv = sub.add_parser("serve", help="serve a built store read-only over SPARQL on 127.0.0.1")
    sv.add_argument("dir", metavar="DIR", help="the build's output folder (or its store/)")
    sv.add_argument("--port", type=int, default=7878, help="port (default 7878; 0: any free)")
    sv.add_argument("--host", default="127.0.0.1",
                    help="address to listen on (default 127.0.0.1: this machine only)")
    sv.add_argument("--timeout", type=float, default=30.0,
                    help="seconds before a query is stopped (default 30)")
    sv.add_argument("--max-queries", type=int, default=2,
                    help="queries run at once; more get 503 busy (default 2)")
    sv.set_defaults(func=cmd_serve)

    e = sub.add_parser("extract", help="extract entities and facts as JSONL, no store")
    e.add_argument("files", nargs="+", metavar="FILE")
    e.add_argument("--format", choices=("jsonl",), default="jsonl")
    e.add_argument("--output", help="output file (default: standard output)")
    e.set_defaults(func=cmd_extract)

    v = sub.add_parser("validate", help="validate a built graph against the SHACL shapes")
    v.add_argument("dir", metavar="DIR")
    v.set_defaults(func=cmd_validate)

    z = sub.add_parser("viz", help="write the interactive HTML picture of a built graph")
    z.add_argument("--store", required=True)
    z.add_argument("--out", required=True)
    z.add_argument("--top", type=int, help="only the N most central entities "
                   "(default: all up to 150)")
    z.add_argument("--focus", metavar="ENTITY", help="only the neighbourhood of this entity")
    z.add_argument("--depth", type=int, default=1, help="hops around --focus (default 1)")
    z.set_defaults(func=cmd_viz)

    a = sub.add_parser("analyze", help="central entities, communities, paths, timelines and "
                       "point-in-time views of a built graph")
    a.add_argument("--store", required=True)
    a.add_argument("--top", type=int, default=15, help="rows of the centrality table")
    a.add_argument("--path", nargs=2, metavar=("A", "B"), help="the shortest connection "
                   "between two entities, with the sentence behind each edge")
    a.add_argument("--timeline", metavar="ORG", help="the dated events of an organization")
    a.add_argument("--as-of", metavar="YYYY-MM-DD", help="posts, chairs and members on a day")
    a.add_argument("--format", choices=("table", "json"), default="table")
    a.set_defaults(func=cmd_analyze)

    x = sub.add_parser("export", help="export the graph: ttl, trig, nquads, jsonld, graphml, "
                       "gexf, or csv (one file per named query)")
    x.add_argument("--store", required=True)
    x.add_argument("--format", required=True,
                   choices=("ttl", "trig", "nquads", "jsonld", "graphml", "gexf", "csv"))
    x.add_argument("--out", help="file (folder for csv); default: standard output")
    x.set_defaults(func=cmd_export)

    ev = sub.add_parser("eval", help="score extraction against gold (our corpus or NEREL)")
    ev.add_argument("dataset", choices=("corpus", "nerel"))
    ev.add_argument("dir", nargs="*", help="folder(s) of gold articles, each scored on its own "
                    "(default: tests/corpus), or one NEREL folder (default: ../shared/nerel/dev)")
    ev.add_argument("--table", help="only this table (corpus)")
    ev.add_argument("--limit", type=int, help="only the first N documents (nerel)")
    ev.add_argument("-q", "--quiet", action="store_true", help="figures only, no misses")
    ev.set_defaults(func=cmd_eval)
    return p


def _server_options(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--endpoint", metavar="URL", help=f"{what}; URL is the server's base "
                   "(Oxigraph: URL/query, URL/update, URL/store)")
    p.add_argument("--query-url", metavar="URL", help="the server's SPARQL query URL "
                   "(e.g. Fuseki's http://host:3030/ds/query)")
    p.add_argument("--update-url", metavar="URL", help="the server's SPARQL update URL")
    p.add_argument("--store-url", metavar="URL", help="the server's Graph Store Protocol URL "
                   "(e.g. Fuseki's http://host:3030/ds/data)")


def main(argv: list[str] | None = None) -> int:
    from kg.store import StoreError

    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(message)s")
    try:
        return args.func(args)
    except (StoreError, FileNotFoundError, ValueError) as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
