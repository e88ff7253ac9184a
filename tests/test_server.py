"""SPARQL servers: `kg build/query --endpoint` against a real Oxigraph server started here,
and `kg serve` (the embedded store, read-only, on 127.0.0.1)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.cli import main
from kg.endpoint import Endpoint
from kg.queries import named_queries
from kg.store import StoreError, open_store, select

CORPUS = Path(__file__).parent / "corpus"
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), ("no oxigraph server: run the tests through scripts/test.sh, "
                                  "which installs the test extras (pip install oxigraph)")
    return found


@pytest.fixture
def oxigraph(tmp_path):
    """A real Oxigraph server on a free local port, its data in a temporary folder."""
    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "ox"),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/query?query=ASK%7B%7D")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """Ten corpus articles (every kind of fact occurs in them)."""
    folder = tmp_path_factory.mktemp("src")
    for path in sorted(CORPUS.glob("*.txt"))[:10]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def embedded(sources, tmp_path_factory):
    out = tmp_path_factory.mktemp("embedded")
    assert main(["build", str(sources), "--out", str(out), "--workers", "1",
                 "--no-validate"]) == 0
    return out


def answers(run) -> dict[str, list]:
    """Every named query's rows, sorted (ties under ORDER BY may come in any order)."""
    out = {}
    for name, path in named_queries().items():
        result = run(path.read_text(encoding="utf-8"))
        out[name] = (result.variables, sorted(result.rows, key=repr))
    return out


def embedded_answers(out: Path) -> dict[str, list]:
    store = open_store(out / "store", read_only=True)
    return answers(lambda q: select(store, q))


def test_every_named_query_answers_the_same_from_an_oxigraph_server(oxigraph, sources, embedded,
                                                                     tmp_path):
    assert main(["build", str(sources), "--endpoint", oxigraph, "--out", str(tmp_path),
                 "--workers", "1"]) == 0
    remote = answers(Endpoint.at(oxigraph).select)
    local = embedded_answers(embedded)
    assert remote == local
    assert sum(len(rows) for _, rows in local.values()) > 100
    assert sum(1 for _, rows in local.values() if rows) >= len(local) - 1
    assert (tmp_path / "report.json").exists()


def test_builds_on_a_server_are_incremental_and_replace_one_graph(oxigraph, sources, tmp_path,
                                                                   capsys):
    src = tmp_path / "src"
    shutil.copytree(sources, src)
    assert main(["build", str(src), "--endpoint", oxigraph, "--workers", "1"]) == 0
    assert main(["build", str(src), "--endpoint", oxigraph, "--workers", "1"]) == 0
    assert "0 articles processed (0 added, 0 replaced), 10 unchanged" in \
        capsys.readouterr().out.splitlines()[-1]

    server = Endpoint.at(oxigraph)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g = <%s>) }"
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a kgo:NewsArticle } }"
    before = {g for (g,) in server.select(graphs).rows}
    assert len(before) == 10
    first = sorted(src.glob("*.txt"))[0]
    first_graph = next(g for g in before if first.stem in g)
    size = int(server.select(count % first_graph).rows[0][0])
    text = first.read_text(encoding="utf-8")
    first.write_text(text.split("\n\n")[0] + "\n\nМОСКВА, 1 мая. /ТАСС/. Пусто.\n",
                     encoding="utf-8")
    last = sorted(src.glob("*.txt"))[-1]
    last.unlink()
    assert main(["build", str(src), "--endpoint", oxigraph, "--workers", "1", "--prune"]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    assert "1 articles processed (0 added, 1 replaced), 8 unchanged, 1 removed" in line
    after = {g for (g,) in server.select(graphs).rows}
    assert len(after) == 9 and after < before
    assert first_graph in after
    assert int(server.select(count % first_graph).rows[0][0]) < size / 2  # old facts gone


def test_a_server_that_is_not_there_is_a_clear_error(capsys):
    url = f"http://127.0.0.1:{free_port()}"
    assert main(["query", "--endpoint", url, "posts"]) == 2
    assert "cannot reach the SPARQL server" in capsys.readouterr().err
    with pytest.raises(StoreError, match="http"):
        Endpoint.at("file:///etc/passwd")


# -- kg serve ---------------------------------------------------------------------


@pytest.fixture
def served(embedded):
    from kg.serve import serve

    server = serve(embedded / "store", port=0, timeout=2.0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def http(method: str, url: str, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type"), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type"), exc.read()


def test_kg_serve_answers_every_named_query_like_the_store(served, embedded):
    assert served.startswith("http://127.0.0.1:")
    assert answers(Endpoint.at(served).select) == embedded_answers(embedded)


def test_kg_serve_speaks_the_sparql_protocol(served):
    query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s a kgo:NewsArticle }")
    status, media, body = http("GET", f"{served}/query?query={query}",
                               headers={"Accept": "text/csv"})
    assert (status, media) == (200, "text/csv; charset=utf-8")
    assert body.decode().split() == ["n", "10"]
    status, media, body = http("POST", f"{served}/query",
                               b"CONSTRUCT { ?s a kgo:NewsArticle } WHERE { ?s a kgo:NewsArticle }",
                               {"Content-Type": "application/sparql-query",
                                "Accept": "application/n-triples"})
    assert status == 200 and media == "application/n-triples"
    assert len(body.decode().strip().splitlines()) == 10


def test_kg_serve_is_read_only_and_refuses_service(served):
    graphs = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = Endpoint.at(served).select(graphs).rows
    for method, path, data, kind in [
        ("POST", "/update", b"update=DROP+ALL", "application/x-www-form-urlencoded"),
        ("POST", "/query", b"update=DROP+ALL", "application/x-www-form-urlencoded"),
        ("PUT", "/store?graph=http://x/g", b"<http://x/a> <http://x/b> <http://x/c> .",
         "application/n-triples"),
        ("DELETE", "/store?graph=http://x/g", None, "text/plain"),
    ]:
        status, _, body = http(method, served + path, data, {"Content-Type": kind})
        assert status == 405, (method, path)
        assert b"read-only" in body
    status, _, body = http("POST", f"{served}/query",
                           b"SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                           {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"SERVICE" in body
    assert Endpoint.at(served).select(graphs).rows == before


def test_kg_serve_stops_a_query_past_its_timeout(served):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    start = time.monotonic()
    status, _, body = http("POST", f"{served}/query", heavy.encode(),
                           {"Content-Type": "application/sparql-query"})
    assert status == 503 and b"longer than 2 s" in body
    assert time.monotonic() - start < 10
    status, _, _ = http("GET", f"{served}/query?query=ASK%7B%7D")
    assert status == 200  # and it still answers
