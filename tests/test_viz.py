"""The views behind the HTML page, the page's own safety properties, and `kg viz` / `kg stats` as run."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys

import pytest

from kg.errors import QueryError, UsageError
from kg.stats import graph_stats, render_stats
from kg.viz import View, graph_data, render_html

from .conftest import CORPUS

KGO = "PREFIX kgo: <https://w3id.org/kg/ontology#>\n"
BLINKEN = "https://w3id.org/kg/actor/antony-blinken"
XI = "https://w3id.org/kg/actor/xi-jinping"


def _ids(data, group=None):
    return {n["id"] for n in data.nodes if group is None or n["group"] == group}


def test_viz_full_view_has_every_meeting_and_what_it_links(corpus_store):
    data = graph_data(corpus_store)
    meetings = {r["m"].value for r in corpus_store.query(KGO + "SELECT DISTINCT ?m WHERE { ?m a kgo:Meeting }")}
    linked = {(r["m"].value, r["x"].value) for r in corpus_store.query(KGO + """SELECT DISTINCT ?m ?x WHERE {
        ?m a kgo:Meeting { ?m kgo:participant ?x } UNION { ?m kgo:addressed ?x } UNION { ?m kgo:place ?x } }""")}
    assert data.view == "full" and data.note is None
    assert _ids(data, "Meeting") == meetings
    assert _ids(data) == meetings | {x for _, x in linked}
    assert {frozenset((e["from"], e["to"])) for e in data.edges} == {frozenset(p) for p in linked}


def test_viz_labels_edges_by_relation_and_sizes_by_importance(corpus_store):
    data = graph_data(corpus_store)
    labels = {e["label"] for e in data.edges}
    assert {"participated in", "addressed", "held in"} <= labels <= {"participated in", "hosted", "visited", "addressed", "held in"}
    size = {n["id"]: n["value"] for n in data.nodes}
    security = "https://w3id.org/kg/issue/security"
    ip_theft = "https://w3id.org/kg/issue/ip-theft"
    assert size[security] > size[ip_theft]  # five meetings against one


def test_viz_meeting_info_has_evidence_with_article_titles(corpus_store):
    data = graph_data(corpus_store)
    m = next(n for n in data.nodes if n["group"] == "Meeting" and n["label"] == "meeting: Antony Blinken, Xi Jinping")
    assert "trade" in m["info"]["issues"] and m["info"]["participants"] == ["Antony Blinken", "Xi Jinping"]
    ev = m["info"]["evidence"]
    assert ev and all(e["file"] == "blinken-xi-meeting.txt" and e["article"].startswith("Strengthening") for e in ev)
    assert len({(e["file"], e["quote"]) for e in ev}) == len(ev)  # one entry per quoted sentence


def test_viz_actor_info_has_role_and_country(corpus_store):
    data = graph_data(corpus_store)
    blinken = next(n for n in data.nodes if n["id"] == BLINKEN)
    assert blinken["info"]["country"] == "United States"
    assert any(r.startswith("Secretary of State (2021-01-26") for r in blinken["info"]["roles"])


def test_viz_focus_depth_one_and_two(corpus_store):
    one = graph_data(corpus_store, focus_on="Antony Blinken", depth=1)
    assert _ids(one) - _ids(one, "Meeting") == {BLINKEN} and len(_ids(one, "Meeting")) == 2
    two = graph_data(corpus_store, focus_on="antony blinken", depth=2)
    assert {BLINKEN, XI, "https://w3id.org/kg/actor/CHN"} <= _ids(two)
    assert "https://w3id.org/kg/actor/narendra-modi" not in _ids(two)
    assert [n["id"] for n in two.nodes if n.get("center")] == [BLINKEN]


@pytest.mark.parametrize("kwargs,needle", [
    ({"focus_on": "Xi Jinpin"}, "did you mean Xi Jinping"),
    ({"focus_on": "Xi Jinping", "depth": 0}, "--depth must be 1 or more"),
    ({"issue": "tarrifs"}, "did you mean tariffs"),
])
def test_viz_unknown_names_are_usage_errors_with_a_hint(corpus_store, kwargs, needle):
    with pytest.raises(UsageError, match=needle):
        graph_data(corpus_store, **kwargs)


def test_viz_issue_view_keeps_meetings_on_the_issue_and_narrower_ones(corpus_store):
    data = graph_data(corpus_store, issue="trade")
    want = {r["m"].value for r in corpus_store.query(KGO + """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?m WHERE { ?m kgo:addressed ?i . ?i skos:broader* <https://w3id.org/kg/issue/trade> }""")}
    assert _ids(data, "Meeting") == want and want
    issues = {n["label"] for n in data.nodes if n["group"] == "Issue"}
    assert "trade" in issues and "security" not in issues and "tariffs" in issues


def test_viz_construct_view_draws_the_result(corpus_store):
    data = graph_data(corpus_store, construct="CONSTRUCT { ?a kgo:met ?b } WHERE { ?a kgo:met ?b }")
    assert {e["label"] for e in data.edges} == {"met"}
    assert {frozenset((e["from"], e["to"])) for e in data.edges} >= {frozenset((BLINKEN, XI))}
    assert next(n for n in data.nodes if n["id"] == XI)["label"] == "Xi Jinping"
    with pytest.raises(QueryError, match="needs a CONSTRUCT"):
        graph_data(corpus_store, construct="SELECT * WHERE { ?s ?p ?o } LIMIT 1")


def test_viz_actor_network_has_one_weighted_edge_per_pair(corpus_store):
    data = graph_data(corpus_store, view=View.actors)
    assert {n["group"] for n in data.nodes} <= {"Person", "Country", "Organization"}
    pairs = [frozenset((e["from"], e["to"])) for e in data.edges]
    assert len(pairs) == len(set(pairs))
    bx = next(e for e in data.edges if {e["from"], e["to"]} == {BLINKEN, XI})
    assert bx["value"] == 1 and bx["info"]["meetings"][0]["label"] == "meeting: Antony Blinken, Xi Jinping"


def test_viz_auto_view_steps_down_and_says_what_it_left_out(corpus_store):
    full = graph_data(corpus_store)
    actors = graph_data(corpus_store, max_nodes=len(full.nodes) - 1)
    assert actors.view == "actors" and "Meetings, issues and places are left out" in actors.note
    assert f"has {len(full.nodes)} nodes" in actors.note and "--view full" in actors.note
    top = graph_data(corpus_store, max_nodes=5)
    assert top.view == "top" and len(top.nodes) == 5 and "5 most connected actors" in top.note
    forced = graph_data(corpus_store, view="full", max_nodes=5)
    assert len(forced.nodes) == len(full.nodes) and forced.note is None


def test_viz_layout_is_deterministic_and_spread(corpus_store):
    a, b = graph_data(corpus_store), graph_data(corpus_store)
    assert render_html(a) == render_html(b)
    points = {(n["x"], n["y"]) for n in a.nodes}
    assert len(points) == len(a.nodes)  # no two nodes on one spot


def test_viz_page_is_self_contained_and_allows_only_its_own_scripts(corpus_store):
    html = render_html(graph_data(corpus_store))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_viz_article_text_is_escaped_in_the_payload():
    from kg.viz import GraphData
    quote = 'said <script>alert(1)</script> & </script><img src=x onerror="alert(2)">\u2028'
    data = GraphData([{"id": "m", "label": quote, "group": "Meeting", "info": {"evidence": [{"quote": quote}]},
                       "value": 1, "x": 0, "y": 0}], [], "full", "<b>title</b>")
    html = render_html(data)
    payload = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in payload and ">" not in payload and "\u2028" not in payload
    assert json.loads(payload)["nodes"][0]["label"] == quote
    assert "<title>&lt;b&gt;title&lt;/b&gt;</title>" in html


# ------------------------------------------------------------------ stats


def test_stats_central_actors_pairs_and_communities(corpus_store):
    s = graph_stats(corpus_store, top=50)
    meetings = int(next(iter(corpus_store.query(KGO + "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kgo:Meeting }")))[0].value)
    assert s.summary["meetings"] == meetings
    by_name = {a["actor"]: a for a in s.actors}
    blinken_meetings = int(next(iter(corpus_store.query(KGO + f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m kgo:participant <{BLINKEN}> }}")))[0].value)
    partners = int(next(iter(corpus_store.query(KGO + f"""SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{
        ?m kgo:participant <{BLINKEN}>, ?o FILTER(?o != <{BLINKEN}>) }}""")))[0].value)
    assert by_name["Antony Blinken"]["meetings"] == blinken_meetings and by_name["Antony Blinken"]["partners"] == partners
    assert by_name["Emmanuel Macron"]["pagerank"] > by_name["Narendra Modi"]["pagerank"]
    assert by_name["Emmanuel Macron"]["betweenness"] > 0 == by_name["Narendra Modi"]["betweenness"]
    assert {"actor": "Antony Blinken", "other": "Xi Jinping", "meetings": 1} in s.pairs
    per_issue = {r["l"].value: int(r["n"].value) for r in corpus_store.query(KGO + """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?l (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m kgo:addressed ?i . ?i skos:prefLabel ?l } GROUP BY ?l""")}
    assert [(i["issue"], i["meetings"]) for i in s.issues] == sorted(per_issue.items(), key=lambda x: (-x[1], x[0]))[:50]
    together = [c for c in s.communities if "Antony Blinken" in c["members"]]
    assert len(together) == 1 and "Xi Jinping" in together[0]["members"]
    assert render_stats(s, "json") == render_stats(graph_stats(corpus_store, top=50), "json")


def test_stats_top_limits_rows(corpus_store):
    s = graph_stats(corpus_store, top=3)
    assert len(s.actors) == len(s.issues) == len(s.pairs) == 3
    text = render_stats(s, "table")
    assert text.splitlines()[0].startswith("meetings ") and "communities" in text


# ------------------------------------------------------------------ the commands


def kg(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("viz-cli")
    r = kg("build", str(CORPUS), "--store", str(work / "st"), "--no-exports", cwd=work)
    assert r.returncode == 0, r.stderr
    return work


def test_cli_viz_focus_writes_the_page(built):
    r = kg("viz", "--focus", "Xi Jinping", "--depth", "1", "-o", "xi.html", "--store", "st", cwd=built)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == ("wrote xi.html: 2 nodes, 1 edges "
                                "(full view of the neighbourhood of 'Xi Jinping' (depth 1))")
    assert "Xi Jinping" in (built / "xi.html").read_text(encoding="utf-8")


def test_cli_viz_query_file_and_auto_note(built):
    (built / "met.rq").write_text("CONSTRUCT { ?a kgo:met ?b } WHERE { ?a kgo:met ?b }", encoding="utf-8")
    r = kg("viz", "--query", "met.rq", "-o", "met.html", "--store", "st", cwd=built)
    assert r.returncode == 0 and "(full view of the query result)" in r.stdout, r.stderr
    r = kg("viz", "--max-nodes", "10", "-o", "small.html", "--store", "st", cwd=built)
    assert r.returncode == 0 and "(top view)" in r.stdout and "note: the graph has" in r.stdout


def test_cli_viz_open_calls_the_browser(built, tmp_path):
    opener = tmp_path / "opener.py"
    seen = tmp_path / "seen.txt"
    opener.write_text(f"import sys\nopen({str(seen)!r}, 'w').write(sys.argv[1])\n", encoding="utf-8")
    r = kg("viz", "--open", "-o", "page.html", "--store", "st", cwd=built,
           env={"BROWSER": f"{sys.executable} {opener} %s"})
    assert r.returncode == 0, r.stderr
    assert seen.read_text() == (built / "page.html").resolve().as_uri()


def test_cli_viz_open_without_a_browser_still_writes_the_page(built, tmp_path):
    r = kg("viz", "--open", "-o", "nobrowser.html", "--store", "st", cwd=built,
           env={"BROWSER": str(tmp_path / "no-such-browser"), "DISPLAY": "", "WAYLAND_DISPLAY": "", "TERM": ""})
    assert r.returncode == 0 and (built / "nobrowser.html").exists(), r.stderr
    assert "no browser found" in r.stderr


@pytest.mark.parametrize("args,code,needle", [
    (["viz", "--focus", "Nobody Atall"], 2, "no actor called 'Nobody Atall'"),
    (["viz", "--issue", "tarrifs"], 2, "did you mean tariffs"),
    (["viz", "--query", "SELECT * WHERE { ?s ?p ?o }"], 4, "needs a CONSTRUCT query"),
    (["viz", "--query", "missing.rq"], 4, "no such query file"),
    (["viz", "--max-nodes", "0"], 2, "--max-nodes must be 1 or more"),
    (["viz", "--view", "sideways"], 2, "sideways"),
    (["stats", "--top", "0"], 2, "--top must be 1 or more"),
    (["query", "--format", "xml", "meetings"], 2, "'xml' is not one of"),  # regression: typer's own click
])
def test_cli_viz_and_stats_errors_are_one_line(built, args, code, needle):
    r = kg(*args, "--store", "st", cwd=built)
    assert r.returncode == code, (r.returncode, r.stderr)
    assert needle in r.stderr and "Value error" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_cli_stats_json(built):
    r = kg("stats", "--format", "json", "--top", "5", "--store", "st", cwd=built)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) == {"summary", "actors", "issues", "pairs", "communities"}
    assert len(out["actors"]) == 5 and out["summary"]["actors"] > 5



def test_viz_a_country_that_is_a_place_and_a_party_is_drawn_as_an_actor():
    from kg.viz import _Graph
    g = _Graph()
    g.node("actor/BEL", "Belgium", "Place")  # where one meeting was held, seen first
    g.node("actor/BEL", "Belgium", "Country", type="Country")  # a party to another
    g.node("actor/BEL", "Belgium", "Place")
    assert g.nodes["actor/BEL"]["group"] == "Country" and g.nodes["actor/BEL"]["info"] == {"type": "Country"}



LAYOUT_SCRIPT = """
import json, sys
import networkx as nx
from kg.viz import layout
g = nx.Graph()
names = [f"node-{i}" for i in range(40)]
g.add_edges_from((names[i], names[(i * 7 + 3) % 40]) for i in range(40))
g.add_edges_from((names[i], names[i + 1]) for i in range(39))
g.add_edges_from((f"other-{i}", f"other-{i + 1}") for i in range(100))  # the first is under half the graph
print(json.dumps(sorted(layout(g).items())))
"""


def test_viz_layout_is_the_same_in_every_process():
    # string hashing is seeded per process: the layout must not depend on the order of a set
    runs = [subprocess.run([sys.executable, "-c", LAYOUT_SCRIPT], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}) for seed in ("1", "2", "3")]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout


def test_viz_spring_layout_pulls_neighbours_together_and_fits_the_unit_square():
    import networkx as nx
    import numpy as np

    from kg.layout import spring

    g = nx.Graph()
    for a, b in ((0, 1), (1, 2), (2, 0)):
        for cluster in (0, 10):
            g.add_edge(f"n{cluster + a}", f"n{cluster + b}")
    g.add_edge("n0", "n10")
    g.add_edges_from((f"r{i}", f"r{(i + 1) % 600}") for i in range(600))  # a ring past networkx's 500
    pos = spring(g, k=0.05, iterations=60, seed=7)
    assert pos == spring(g, k=0.05, iterations=60, seed=7)
    xy = np.array([pos[n] for n in g])
    assert np.abs(xy).max() == 1.0 and len({tuple(p) for p in xy.round(6)}) == len(xy)
    edge = np.mean([np.hypot(*(np.subtract(pos[a], pos[b]))) for a, b in g.edges])
    pairs = np.mean([np.hypot(*(np.subtract(pos[a], pos[b]))) for a in g for b in ("n0", "r0", "r300")])
    assert edge < pairs / 4
