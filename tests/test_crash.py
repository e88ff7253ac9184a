"""kill -9 safety: a build killed at any moment leaves the previous outputs (or complete new
ones) and a store that opens and answers; the next build completes. A query run while a
build writes either answers or says the store is busy, never with a traceback."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
ROOT = Path(__file__).parent.parent
KG = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main(sys.argv[1:]))"]
FIRST = 6  # articles in the first complete build
TIMEOUT = 240  # seconds any one child may run before the test gives up on it

pytestmark = pytest.mark.slow


def articles() -> list[Path]:
    found = sorted(CORPUS.glob("*.txt"))
    assert len(found) == 36
    return found


def run_kg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def start_build(src: Path, out: Path, log: Path) -> subprocess.Popen:
    """`kg -v build SRC --out OUT --workers 1 --no-validate`, its stderr (one line per file)
    going to ``log``."""
    with open(log, "wb") as err:
        return subprocess.Popen([*KG, "-v", "build", str(src), "--out", str(out),
                                 "--workers", "1", "--no-validate"],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)


def progress(log: Path) -> int:
    """Files the child has finished, from its `[done/total]` lines."""
    done = re.findall(rb"\[(\d+)/\d+\]", log.read_bytes())
    return int(done[-1]) if done else 0


def store_mtime(store: Path) -> float:
    times = [0.0]
    for path in store.rglob("*"):
        try:
            times.append(path.stat().st_mtime)
        except FileNotFoundError:  # RocksDB renames and deletes as it goes
            pass
    return max(times)


def wait_until(proc: subprocess.Popen, condition, what: str, timeout: float = TIMEOUT) -> bool:
    """Poll ``condition`` until it holds (True) or the child exits (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    pytest.fail(f"the build did not reach '{what}' within {timeout} s")


def kill(proc: subprocess.Popen) -> bool:
    """SIGKILL the child (our own, by its pid); True when it was still running."""
    running = proc.poll() is None
    if running:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return running


def article_count(out: Path) -> int:
    from kg.store import graph_totals, open_store

    return graph_totals(open_store(out / "store", read_only=True))["articles"]


def check_outputs(out: Path, previous: dict[str, bytes], at_least: int) -> dict[str, bytes]:
    """After a kill: the store opens, holds only whole article graphs, answers a named
    query; graph.ttl and report.json parse and are the previous versions or complete new
    ones. Returns the current files (the 'previous versions' of the next round)."""
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.store import ONTOLOGY_GRAPH, dump_turtle, graph_totals, open_store

    store = open_store(out / "store", read_only=True)
    totals = graph_totals(store)
    assert at_least <= totals["articles"] <= 36
    names = {g.value for g in store.named_graphs()}
    assert ONTOLOGY_GRAPH in names
    sha = ox.NamedNode("https://w3id.org/newskg/ontology#sha256")
    version = ox.NamedNode("https://w3id.org/newskg/ontology#extractorVersion")
    for g in names - {ONTOLOGY_GRAPH}:  # each article graph is whole (one transaction)
        graph = ox.NamedNode(g)
        assert len(list(store.quads_for_pattern(None, sha, None, graph))) == 1, g
        assert len(list(store.quads_for_pattern(None, version, None, graph))) == 1, g
    current_ttl = dump_turtle(store)
    del store

    ttl = (out / "graph.ttl").read_bytes()
    assert len(Graph().parse(data=ttl.decode("utf-8"), format="turtle")) > 0
    assert ttl in (previous["graph.ttl"], current_ttl), \
        "graph.ttl is neither the previous build's nor the store's current graph"

    raw = (out / "report.json").read_bytes()
    report = json.loads(raw)
    if raw != previous["report.json"]:  # a complete new report of this very store
        assert report["graph"] == totals
        c = report["counts"]
        assert c["added"] + c["replaced"] + c["unchanged"] + c["skipped"] == 36

    query = run_kg("query", "--store", str(out), "entities")
    assert query.returncode == 0, query.stderr[-2000:]
    assert "Traceback" not in query.stderr
    assert "rows)" in query.stdout and "(0 rows)" not in query.stdout
    return {"graph.ttl": ttl, "report.json": raw}


def test_a_killed_build_leaves_usable_outputs_and_the_next_build_completes(tmp_path):
    from kg.cli import main

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    everything = articles()
    for path in everything[:FIRST]:
        shutil.copy(path, src / path.name)
    assert main(["build", str(src), "--out", str(out), "--workers", "1", "--no-validate"]) == 0
    files = {name: (out / name).read_bytes() for name in ("graph.ttl", "report.json")}
    assert json.loads(files["report.json"])["counts"]["added"] == FIRST
    for path in everything[FIRST:]:
        shutil.copy(path, src / path.name)

    committed = FIRST
    ttl, moments = out / "graph.ttl", []

    # 1. as soon as the child writes to the store (its ontology graph, before any article)
    # 2. in the middle of the articles, a few after those already built
    # 3. while it writes the output files (graph.ttl replaced, or a temporary file seen)
    def store_written(proc, log, started):
        return wait_until(proc, lambda: store_mtime(out / "store") > started, "store written")

    def mid_articles(proc, log, started):
        return wait_until(proc, lambda: progress(log) >= committed + 3, "a few articles")

    def writing_outputs(proc, log, started):
        inode = ttl.stat().st_ino

        def outputs_changing():
            if any(p.name.startswith(".") for p in out.iterdir()):
                return True
            try:
                return ttl.stat().st_ino != inode
            except FileNotFoundError:
                return True

        return wait_until(proc, outputs_changing, "writing the outputs")

    for n, moment in enumerate((store_written, mid_articles, writing_outputs), 1):
        log = tmp_path / f"kill{n}.log"
        started = time.time()
        proc = start_build(src, out, log)
        moment(proc, log, started)
        was_running = kill(proc)
        if not was_running:  # it finished first: then it must have succeeded
            assert proc.returncode == 0, log.read_text(errors="replace")[-3000:]
        assert b"Traceback" not in log.read_bytes()
        before = files
        files = check_outputs(out, files, committed)
        committed = article_count(out)
        moments.append((moment.__name__, "killed" if was_running else "finished",
                        f"{progress(log)} files done", f"{committed} in the store",
                        *(f"new {name}" for name in files if files[name] != before[name]),
                        *(f"left {p.name}" for p in out.iterdir() if p.name.startswith("."))))
    print("\nkills:", *moments, sep="\n  ")
    assert any(m[1] == "killed" for m in moments)
    leftovers = sorted(p.name for p in out.iterdir() if p.name.startswith("."))

    final = run_kg("build", str(src), "--out", str(out), "--workers", "1", "--no-validate",
                   timeout=TIMEOUT)
    assert final.returncode == 0, final.stderr[-3000:]
    assert "Traceback" not in final.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    c = report["counts"]
    assert c["added"] + c["replaced"] + c["unchanged"] == 36, c
    assert c["skipped"] == 0 and report["skipped"] == []
    assert report["graph"]["articles"] == 36
    check_outputs(out, {"graph.ttl": b"", "report.json": b""}, 36)
    if leftovers:
        print(f"temporary files left by the killed builds: {leftovers}")


def test_a_query_during_a_build_answers_or_says_busy(tmp_path):
    from kg.cli import main

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    chosen = articles()[:6]
    for path in chosen[:2]:
        shutil.copy(path, src / path.name)
    assert main(["build", str(src), "--out", str(out), "--workers", "1", "--no-validate"]) == 0
    for path in chosen[2:]:
        shutil.copy(path, src / path.name)

    log = tmp_path / "build.log"
    proc = start_build(src, out, log)
    results = []  # (overlapped the build's writing, returncode, stdout, stderr)
    try:
        # the child writes once its models are loaded: query from its first file on
        wait_until(proc, lambda: progress(log) >= 1, "the first file")
        while proc.poll() is None:
            before = progress(log)
            q = run_kg("query", "--store", str(out), "posts")
            results.append((proc.poll() is None and before < len(chosen),
                            q.returncode, q.stdout, q.stderr))
    finally:
        kill(proc)
    assert proc.returncode == 0, log.read_text(errors="replace")[-3000:]
    assert any(overlapped for overlapped, *_ in results), "no query ran during the build"
    for overlapped, code, stdout, stderr in results:
        assert "Traceback" not in stderr, stderr
        if code == 0:
            assert "rows)" in stdout
        else:
            assert "busy" in stderr, (code, stderr)
    print(f"\nqueries during the build: {[(o, c) for o, c, _, _ in results]}")
