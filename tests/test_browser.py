"""The HTML picture in a real browser: Debian's chromium, headless, driven by playwright.

scripts/test.sh installs chromium (scripts/browser.sh) and passes its path in KG_CHROMIUM.
The page is opened from a file URL; it must draw, ask for nothing from the network, log no
error, and show article text that contains markup as text, never running it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import make_article

ARTIFACTS = Path(__file__).parent / "artifacts"
HOSTILE_HEADLINE = ('Генсек ОДКБ <img src=x onerror="window.kgPwned=1"> и '
                    '<script>window.kgPwned=2</script> встреча')
HOSTILE_BODY = ('Генеральный секретарь ОДКБ Имангали Тасмагамбетов <img src=x '
                'onerror="window.kgPwned=3"> провел встречу <script>window.kgPwned=4</script> '
                'с президентом Казахстана Касым-Жомартом Токаевым.')


def _chromium() -> str:
    path = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(path).is_file(), (
        "no chromium: run the tests through scripts/test.sh, which installs it "
        "(scripts/browser.sh), or set KG_CHROMIUM")
    return path


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium(), headless=True,
                              args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def _open(browser, html: Path, bypass_csp: bool = False):
    """The page with html loaded and drawn, and what it asked for and logged.
    ``bypass_csp``: ignore the page's Content-Security-Policy, to show that escaping alone
    keeps article markup inert."""
    context = browser.new_context(viewport={"width": 1200, "height": 800},
                                  bypass_csp=bypass_csp)
    page = context.new_page()
    seen = {"requests": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.route("http*://**/*", lambda route: route.abort())
    page.goto(html.resolve().as_uri())
    for _ in range(300):  # wait_for_function evaluates strings, which the page's CSP forbids
        if page.evaluate("() => window.kgDrawn === true"):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError(f"the graph was never drawn; errors: {seen['errors']}")
    return page, seen


def _painted_pixels(page) -> int:
    return page.evaluate("""() => {
        const c = document.querySelector('#graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && d[i] + d[i+1] + d[i+2] < 700) n++;
        return n;
    }""")


def test_seeds_graph_draws_offline_and_is_saved_as_a_screenshot(browser, seeds_build):
    page, seen = _open(browser, seeds_build / "graph.html")
    page.wait_for_timeout(1500)  # let the layout settle before the picture
    box = page.locator("#graph canvas").bounding_box()
    assert box and box["width"] > 500 and box["height"] > 300
    assert _painted_pixels(page) > 2000, "the canvas is empty"
    assert page.evaluate("() => window.kgNetwork.body.data.nodes.length") > 10
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "seeds-graph.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert all(u.startswith(("file:", "data:", "about:")) for u in seen["requests"]), \
        seen["requests"]
    assert seen["errors"] == []
    page.close()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "without-csp"])
def test_markup_in_an_article_is_shown_as_text_and_never_run(browser, tmp_path, bypass_csp):
    from kg.cli import main

    src = tmp_path / "src"
    src.mkdir()
    (src / "hostile.txt").write_text(
        make_article(HOSTILE_BODY, date="2025-06-16", headline=HOSTILE_HEADLINE),
        encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out)]) == 0
    page, seen = _open(browser, out / "graph.html", bypass_csp)
    # the markup reached the page, as data
    titles = page.evaluate(
        "() => window.kgNetwork.body.data.edges.get().map(e => e.title).join(' ')")
    assert "onerror" in titles and "<script>" in titles
    # hover every edge's midpoint so that each tooltip is shown once
    mids = page.evaluate("""() => {
        const n = window.kgNetwork, out = [];
        for (const e of n.body.data.edges.get()) {
            const a = n.getPosition(e.from), b = n.getPosition(e.to);
            out.push(n.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}));
        }
        return out;
    }""")
    origin = page.locator("#graph").bounding_box()
    shown = []
    for m in mids:
        page.mouse.move(origin["x"] + m["x"], origin["y"] + m["y"])
        page.wait_for_timeout(400)
        shown.append(page.evaluate(
            "() => (document.querySelector('div.vis-tooltip') || {}).textContent || ''"))
    assert any("<img" in text for text in shown), "no tooltip showed the evidence sentence"
    assert page.evaluate("() => typeof window.kgPwned") == "undefined"
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    assert page.evaluate("() => document.scripts.length") == 3  # vis-network, the data, ours
    assert all(u.startswith(("file:", "data:", "about:")) for u in seen["requests"])
    assert seen["errors"] == []
    page.close()


def test_a_large_picture_opens_laid_out(browser, tmp_path):
    """Above LAYOUT_ABOVE nodes the positions come with the page and physics is off: it
    draws at once, without a long stabilization."""
    import networkx as nx

    from kg.viz import LAYOUT_ABOVE, render

    g = nx.MultiDiGraph()
    n = LAYOUT_ABOVE + 100
    for k in range(n):
        g.add_node(f"n{k}", label=f"Узел {k}", cls="State", aliases=())
        if k:
            g.add_edge(f"n{k}", f"n{k // 3}", key="memberOf", relation="memberOf", weight=1,
                       evidence=[])
    html = tmp_path / "big.html"
    html.write_text(render(g, "big", f"{n} узлов"), encoding="utf-8")
    page, seen = _open(browser, html)
    assert page.evaluate("() => window.kgNetwork.physics.physicsEnabled") is False
    assert page.evaluate("() => window.kgNetwork.body.data.nodes.length") == n
    assert _painted_pixels(page) > 2000
    assert seen["errors"] == []
    page.close()
