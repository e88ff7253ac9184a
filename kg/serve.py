"""``kg serve``: a built store, read-only, over the SPARQL 1.1 protocol on 127.0.0.1
(another address only when asked: ``--host``).

``GET /query?query=...`` and ``POST /query`` (form or ``application/sparql-query``)
answer over the union of the article graphs, in JSON (default), XML, CSV or TSV for
SELECT and ASK, N-Triples or Turtle for CONSTRUCT and DESCRIBE, as the ``Accept``
header asks. Updates and Graph Store writes get 405; ``SERVICE`` gets 400.

Each query runs in a forked child that opens the store read-only: a query past the
timeout is killed (503), and at most ``--max-queries`` run at once (503 beyond).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from kg.federation import REFUSED, uses_service
from kg.rdf import PREFIXES
from kg.store import has_union

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
MAX_BODY = 1 << 20  # bytes of one query
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}


def _pick(accept: str, types: dict) -> tuple[str, object]:
    """The first media type of ``Accept`` we can write (the first of ``types`` otherwise)."""
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in types:
            return media, types[media]
    media = next(iter(types))
    return media, types[media]


def _run(store_dir: str, sparql: str, accept: str, conn) -> None:
    """In the child: run one query, send (status, media type, body) back."""
    try:
        store = ox.Store.read_only(store_dir)
        results = store.query(sparql, use_default_graph_as_union=not has_union(store),
                              prefixes=PREFIXES)
        if isinstance(results, ox.QueryTriples):
            media, fmt = _pick(accept, GRAPH_TYPES)
        else:
            media, fmt = _pick(accept, RESULT_TYPES)
        conn.send((200, media, results.serialize(format=fmt)))
    except SyntaxError as exc:
        conn.send((400, "text/plain", f"invalid SPARQL: {exc}\n".encode()))
    except (OSError, RuntimeError) as exc:  # RuntimeError: files a build is rewriting
        busy = isinstance(exc, RuntimeError) or "lock" in str(exc).lower()
        conn.send((503 if busy else 500, "text/plain",
                   (b"busy: a build is writing to the store; try again when it has finished\n"
                    if busy else f"cannot read the store: {exc}\n".encode())))
    except Exception as exc:  # noqa: BLE001 - the message goes to the client
        conn.send((500, "text/plain", f"{type(exc).__name__}: {exc}\n".encode()))
    finally:
        conn.close()


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, store_dir: Path, port: int, timeout: float, max_queries: int,
                 host: str = HOST):
        self.store_dir = str(store_dir)
        self.query_timeout = timeout
        self.slots = threading.BoundedSemaphore(max_queries)
        super().__init__((host, port), Handler)

    def answer(self, sparql: str, accept: str) -> tuple[int, str, bytes]:
        if uses_service(sparql):
            return 400, "text/plain", (REFUSED + "\n").encode()
        if not self.slots.acquire(blocking=False):
            return 503, "text/plain", b"busy: too many queries at once; try again\n"
        try:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_run, args=(self.store_dir, sparql, accept, send),
                                    daemon=True)
            child.start()
            send.close()
            if receive.poll(self.query_timeout):
                try:
                    answer = receive.recv()
                except EOFError:
                    answer = (500, "text/plain", b"the query process died\n")
                child.join(5)
                return answer
            child.kill()
            child.join()
            return 503, "text/plain", (f"the query took longer than {self.query_timeout:g} s "
                                       "and was stopped\n").encode()
        finally:
            self.slots.release()


class Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = "kg-serve"

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/query":
            params = urllib.parse.parse_qs(url.query)
            if "query" not in params:
                return self._send(400, "text/plain", b"missing the query parameter\n")
            return self._query(params["query"][0])
        if url.path == "/":
            return self._send(200, "text/plain", __doc__.encode())
        return self._send(404, "text/plain", b"not found: try /query\n")

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/query":
            return self._read_only()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._send(413, "text/plain", b"the query is too long\n")
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            return self._query(body)
        if kind == "application/x-www-form-urlencoded":
            params = urllib.parse.parse_qs(body)
            if "query" in params:
                return self._query(params["query"][0])
            if "update" in params:
                return self._read_only()
            return self._send(400, "text/plain", b"missing the query parameter\n")
        return self._send(415, "text/plain", b"send application/sparql-query or a form\n")

    def do_PUT(self) -> None:
        self._read_only()

    def do_DELETE(self) -> None:
        self._read_only()

    def do_PATCH(self) -> None:
        self._read_only()

    def _read_only(self) -> None:
        self._send(405, "text/plain", b"read-only: this server answers queries only\n",
                   {"Allow": "GET, POST"})

    def _query(self, sparql: str) -> None:
        status, media, body = self.server.answer(sparql, self.headers.get("Accept", ""))
        self._send(status, media, body)

    def _send(self, status: int, media: str, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status, HTTPStatus(status).phrase)
        self.send_header("Content-Type", media + ("; charset=utf-8" if media.startswith("text/")
                                                  else ""))
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base's name
        log.info("%s %s", self.address_string(), format % args)


def serve(store_dir: Path, port: int = 7878, timeout: float = 30.0,
          max_queries: int = 2, host: str = HOST) -> Server:
    """A server over the store at ``store_dir``, bound to ``host``:``port`` (127.0.0.1
    unless told otherwise; port 0: any free one); call ``serve_forever()`` on it."""
    return Server(Path(store_dir), port, timeout, max_queries, host)
