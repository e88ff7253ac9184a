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
    from kg.cli_args import parser as build_parser

    return build_parser(__doc__, {
        "build": cmd_build, "query": cmd_query, "serve": cmd_serve, "extract": cmd_extract,
        "validate": cmd_validate, "viz": cmd_viz, "analyze": cmd_analyze,
        "export": cmd_export, "eval": cmd_eval})


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
