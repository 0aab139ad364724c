"""The HTML view in a real browser: Debian's chromium, headless, driven by Playwright.

Every request the page makes is recorded and anything but the page's own file is refused, so
a page that reached for a CDN fails here. Screenshots go to test-artifacts/ (ignored by git).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.graph.store import open_store
from kg.pipeline import build
from kg.viz import write_html

from .conftest import CORPUS, ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
KGO = "PREFIX kgo: <https://w3id.org/kg/ontology#>\n"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed: run `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(str(tmp_path_factory.mktemp("chromium-profile")),
                                                    executable_path=CHROMIUM, headless=True, args=ARGS,
                                                    viewport={"width": 1400, "height": 900})
        yield ctx
        ctx.close()


class Opened:
    """A page with its console errors, page errors, dialogs and refused requests recorded."""

    def __init__(self, ctx, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = ctx.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", self._route)
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-settled]", state="attached", timeout=30_000)

    def _route(self, route) -> None:
        self.requests.append(route.request.url)
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def js(self, expr: str):
        return self.page.evaluate(expr)

    def click_node(self, node_id: str) -> None:
        """Click where the node is drawn, as a user would."""
        self.js(f"kg.network.focus({node_id!r}, {{scale: 1.5, animation: false}})")
        box = self.page.locator("#graph canvas").bounding_box()
        pos = self.js(f"(function () {{ var p = kg.network.getPosition({node_id!r}); return kg.network.canvasToDOM(p); }})()")
        self.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def sample_page(corpus_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("viz") / "graph.html"
    write_html(corpus_store, path)
    return path


@pytest.fixture
def opened(browser, sample_page):
    page = Opened(browser, sample_page)
    yield page
    page.close()


def _one(store, sparql: str) -> int:
    return int(next(iter(store.query(KGO + sparql)))[0].value)


def test_viz_browser_loads_offline_without_errors(opened):
    assert opened.errors == []
    assert opened.requests == [opened.url]
    assert opened.dialogs == []
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "sample-graph.png"))


def test_viz_browser_counts_match_the_graph(opened, corpus_store):
    meetings = _one(corpus_store, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kgo:Meeting }")
    others = _one(corpus_store, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?m a kgo:Meeting "
                                "{ ?m kgo:participant ?x } UNION { ?m kgo:addressed ?x } UNION { ?m kgo:place ?x } }")
    edges = _one(corpus_store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?m ?x WHERE { ?m a kgo:Meeting "
                               "{ ?m kgo:participant ?x } UNION { ?m kgo:addressed ?x } UNION { ?m kgo:place ?x } } }")
    drawn = opened.js("[kg.network.body.data.nodes.length, kg.network.body.data.edges.length]")
    assert drawn == [meetings + others, edges]
    assert opened.page.locator("#status").inner_text() == (
        f"{meetings + others} of {meetings + others} nodes, {edges} of {edges} edges shown")
    groups = opened.js("kg.data.nodes.filter(function (n) { return n.group === 'Meeting'; }).length")
    assert groups == meetings


def test_viz_browser_click_on_the_blinken_xi_meeting_shows_evidence_and_issues(opened, corpus_store):
    rows = list(corpus_store.query(KGO + """PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?m ?q WHERE { ?m a kgo:Meeting ; kgo:participant <https://w3id.org/kg/actor/xi-jinping>,
        <https://w3id.org/kg/actor/antony-blinken> ; kgo:evidence/nif:anchorOf ?q }"""))
    assert rows, "the sample corpus has the Blinken–Xi meeting"
    meeting = rows[0]["m"].value
    opened.click_node(meeting)
    details = opened.page.locator("#details")
    assert details.locator("h2").inner_text().startswith("meeting: Antony Blinken, Xi Jinping")
    quotes = details.locator("blockquote.evidence").all_inner_texts()
    assert {r["q"].value for r in rows} <= set(quotes)
    text = details.inner_text()
    assert "trade" in text and "bilateral relations" in text
    assert "Strengthening Diplomatic Relations" in text  # the article's title next to its quote
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "sample-meeting-details.png"))


def test_viz_browser_type_filter_hides_meetings_and_their_edges(opened):
    opened.page.locator("#types input[data-group='Meeting']").uncheck()
    seen = opened.js("kg.visible()")
    hidden = opened.js("kg.network.body.data.nodes.get({filter: function (n) { return n.hidden; }}).map(function (n) { return n.id; })")
    meetings = opened.js("kg.data.nodes.filter(function (n) { return n.group === 'Meeting'; }).map(function (n) { return n.id; })")
    assert sorted(hidden) == sorted(meetings)
    assert not set(meetings) & set(seen["nodes"])
    assert seen["edges"] == []  # every edge of the full view touches a meeting
    opened.page.locator("#types input[data-group='Meeting']").check()
    assert len(opened.js("kg.visible()")["nodes"]) == opened.js("kg.data.nodes.length")


def test_viz_browser_issue_filter_keeps_the_meetings_on_that_issue(opened, corpus_store):
    want = {r["m"].value for r in corpus_store.query(KGO + "SELECT DISTINCT ?m WHERE { ?m kgo:addressed <https://w3id.org/kg/issue/trade> }")}
    opened.page.locator("#issue").select_option("trade")
    seen = opened.js("kg.visible().nodes")
    groups = opened.js("(function () { var g = {}; kg.data.nodes.forEach(function (n) { g[n.id] = n.group; }); return g; })()")
    assert {n for n in seen if groups[n] == "Meeting"} == want
    assert [n for n in seen if groups[n] == "Issue"] == ["https://w3id.org/kg/issue/trade"]


def test_viz_browser_search_shows_the_actor_and_its_neighbours(opened):
    opened.page.locator("#search").fill("blinken")
    seen = set(opened.js("kg.visible().nodes"))
    blinken = "https://w3id.org/kg/actor/antony-blinken"
    neighbours = set(opened.js(f"kg.network.getConnectedNodes({blinken!r})"))
    assert seen == {blinken} | neighbours
    assert opened.page.locator("#results li").first.inner_text() == "Antony Blinken · Person"
    opened.page.locator("#search").press("Enter")
    assert opened.page.locator("#details h2").inner_text() == "Antony Blinken"
    assert "Secretary of State" in opened.page.locator("#details").inner_text()
    # the actor's meetings are listed; one click opens a meeting with its evidence
    items = opened.page.locator("#details ul.meetings li")
    assert items.count() == len([n for n in neighbours if n.startswith("https://w3id.org/kg/event/")])
    items.filter(has_text="Xi Jinping").click()
    assert opened.page.locator("#details h2").inner_text() == "meeting: Antony Blinken, Xi Jinping"
    assert opened.page.locator("#details blockquote.evidence").count() > 0


def test_viz_browser_hover_shows_a_summary(opened):
    xi = "https://w3id.org/kg/actor/xi-jinping"
    opened.js(f"kg.network.focus({xi!r}, {{scale: 1.5, animation: false}})")
    box = opened.page.locator("#graph canvas").bounding_box()
    pos = opened.js(f"kg.network.canvasToDOM(kg.network.getPosition({xi!r}))")
    opened.page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    opened.page.wait_for_selector("#tip:not([hidden])")
    assert opened.page.locator("#tip").inner_text() == "Xi Jinping · Person, China"


def _probe_store(tmp_path, resources, pipeline):
    """A store of an article written for this test, whose meeting sentence and title carry HTML,
    beside the sample article whose text carries a <script> payload."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "probe.txt").write_text(
        "Blinken and Xi talk trade <script>alert(2)</script> in Beijing\n\n"
        "BEIJING, June 19 (kg test) - U.S. Secretary of State Antony Blinken met Chinese President Xi Jinping "
        "in Beijing on Monday to discuss trade, <script>alert(1)</script> and "
        "<img src=x onerror=\"window.kgPwned=1\"> security.\n", encoding="utf-8")
    (folder / "probe.meta.json").write_text(
        '{"title": "Blinken & Xi </script><script>alert(3)</script>", "date": "2023-06-19"}', encoding="utf-8")
    shutil.copy(CORPUS / "uk-inflation-hunt-statement.txt", folder)
    shutil.copy(CORPUS / "uk-inflation-hunt-statement.meta.json", folder)
    store = open_store(":memory:")
    build([folder], store, resources, pipeline=pipeline)
    return store


def test_viz_browser_script_in_article_text_does_not_run(browser, tmp_path, resources, pipeline):
    store = _probe_store(tmp_path, resources, pipeline)
    page_file = tmp_path / "probe.html"
    data = write_html(store, page_file)
    html = page_file.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img" not in html
    meeting = next(n["id"] for n in data.nodes if n["group"] == "Meeting")
    opened = Opened(browser, page_file)
    try:
        opened.click_node(meeting)
        details = opened.page.locator("#details")
        quotes = details.locator("blockquote.evidence").all_inner_texts()
        # the payload is in the page, shown as text ...
        assert any("<script>alert(1)</script>" in q and 'onerror="window.kgPwned=1"' in q for q in quotes)
        assert "</script><script>alert(3)</script>" in details.inner_text()
        # ... and nothing of it ran or became an element
        assert opened.dialogs == []
        assert opened.js("window.kgPwned") is None
        assert details.locator("img, script").count() == 0
        assert opened.js("document.scripts.length") == 3
        assert opened.errors == [] and opened.requests == [opened.url]
    finally:
        opened.close()


def test_viz_browser_focus_view(browser, corpus_store, tmp_path):
    page_file = tmp_path / "focus.html"
    data = write_html(corpus_store, page_file, focus_on="Antony Blinken", depth=2)
    opened = Opened(browser, page_file)
    try:
        assert opened.errors == [] and opened.requests == [opened.url]
        assert opened.js("kg.network.body.data.nodes.length") == len(data.nodes)
        assert opened.page.locator("#heading").inner_text() == "kg graph — around Antony Blinken (depth 2)"
        labels = set(opened.js("kg.data.nodes.map(function (n) { return n.label; })"))
        assert {"Antony Blinken", "Xi Jinping", "China"} <= labels and "Narendra Modi" not in labels
        ARTIFACTS.mkdir(exist_ok=True)
        opened.page.screenshot(path=str(ARTIFACTS / "focus-blinken.png"))
    finally:
        opened.close()


def test_viz_browser_actor_network_edge_lists_meetings(browser, corpus_store, tmp_path):
    page_file = tmp_path / "actors.html"
    data = write_html(corpus_store, page_file, view="actors")
    opened = Opened(browser, page_file)
    try:
        assert opened.errors == []
        assert {n["group"] for n in data.nodes} <= {"Person", "Country", "Organization"}
        edge = next(e for e in data.edges if {e["from"], e["to"]} == {"https://w3id.org/kg/actor/antony-blinken",
                                                                        "https://w3id.org/kg/actor/xi-jinping"})
        opened.js(f"kg.showEdge({edge['id']})")
        text = opened.page.locator("#details").inner_text()
        assert "Antony Blinken — met — Xi Jinping" in text and "1 meeting(s)" in text
    finally:
        opened.close()


def test_viz_browser_kg_build_page_shows_blinken_xi_with_issues(browser, tmp_path):
    """The README's path: `kg build corpus` writes exports/graph.html; opened with all network
    refused, searching for Xi shows the Blinken–Xi meeting and its issues."""
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "kg", "build", str(CORPUS), "--store", str(tmp_path / "st"),
                        "--exports", str(tmp_path / "exports")], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    opened = Opened(browser, tmp_path / "exports" / "graph.html")
    try:
        assert opened.errors == [] and opened.requests == [opened.url]
        opened.page.locator("#search").fill("Xi Jinping")
        meeting = opened.js("kg.data.nodes.filter(function (n) { return n.label === 'meeting: Antony Blinken, Xi Jinping'; })[0].id")
        assert meeting in opened.js("kg.visible().nodes")
        opened.click_node(meeting)
        text = opened.page.locator("#details").inner_text()
        assert "participants: Antony Blinken; Xi Jinping" in text
        assert "issues: bilateral relations;" in text and "trade" in text
    finally:
        opened.close()
