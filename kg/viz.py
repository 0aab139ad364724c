"""Store → one self-contained, interactive HTML page (pyvis data, kg's own template).

pyvis' own template loads Bootstrap and vis-network from CDNs; ours inlines vis-network
(from the pyvis package) and all data, so the page opens with no network at all. Article
text reaches the page only as JSON inside a ``<script type="application/json">`` block,
with ``<`` escaped, and the page writes it with ``textContent``: a ``<script>`` in an
article cannot run.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis

from .export import events as event_rows
from .graph.store import Store

STYLE = {
    "Person": {"color": "#4e79a7", "shape": "dot"},
    "Country": {"color": "#59a14f", "shape": "diamond"},
    "Organization": {"color": "#f28e2b", "shape": "square"},
    "Meeting": {"color": "#e15759", "shape": "triangle"},
    "Issue": {"color": "#b07aa1", "shape": "star"},
    "Place": {"color": "#9c755f", "shape": "triangleDown"},
}


def graph_data(store: Store) -> dict[str, Any]:
    """Nodes and edges for the page, from the events table of the store."""
    rows = event_rows(store)
    g = nx.Graph()
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def node(nid: str, label: str, group: str, **info: Any) -> None:
        if nid not in nodes:
            nodes[nid] = {"id": nid, "label": label, "group": group, "info": info}
            g.add_node(nid)

    def edge(a: str, b: str, rel: str) -> None:
        key = (a, b, rel)
        if key not in edges:
            edges[key] = {"from": a, "to": b, "label": rel, "value": 0}
            g.add_edge(a, b)
        edges[key]["value"] += 1

    by_event: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_event.setdefault(r["id"], []).append(r)
    for eid, reports in sorted(by_event.items()):
        first = reports[0]
        names = ", ".join(p["label"] for p in first["participants"])
        node(eid, f"{first['kind']}: {names}"[:60], "Meeting", kind=first["kind"], status=first["status"],
             date=first["date"], place=(first["place"] or {}).get("label"),
             participants=[p["label"] for p in first["participants"]],
             issues=sorted({i["label"] for r in reports for i in r["issues"]}),
             evidence=[{"quote": e["quote"], "article": r["source"], "rule": e["rule"]}
                       for r in reports for e in r["evidence"]])
        for r in reports:
            for p in r["participants"]:
                node(p["iri"], p["label"], p["type"] or "Person", type=p["type"], country=p["country"])
                edge(p["iri"], eid, {"host": "hosted", "visitor": "visited"}.get(p["role"], "participated in"))
            for i in r["issues"]:
                node(i["iri"], i["label"], "Issue", category=i["category"])
                edge(eid, i["iri"], "addressed")
            if r["place"]:
                node(r["place"]["iri"], r["place"]["label"], "Place")
                edge(eid, r["place"]["iri"], "held in")
    rank = nx.pagerank(g) if g.number_of_nodes() else {}
    pos = nx.spring_layout(g, seed=7, k=None) if g.number_of_nodes() else {}
    out_nodes = []
    for nid in sorted(nodes):
        n = nodes[nid]
        style = STYLE.get(n["group"], STYLE["Person"])
        x, y = pos.get(nid, (0.0, 0.0))
        out_nodes.append({**n, **style, "size": round(10 + 60 * rank.get(nid, 0) ** 0.5, 1),
                          "x": round(float(x) * 800, 1), "y": round(float(y) * 800, 1)})
    return {"nodes": out_nodes, "edges": [edges[k] for k in sorted(edges)], "style": STYLE}


def render_html(data: dict[str, Any], title: str = "kg graph") -> str:
    """One HTML page with vis-network and the data inlined."""
    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    template = (Path(__file__).parent / "templates" / "graph.html").read_text(encoding="utf-8")
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    safe_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (template.replace("{{TITLE}}", safe_title).replace("{{VIS_CSS}}", css)
            .replace("{{VIS_JS}}", js.replace("</script", "<\\/script")).replace("{{DATA}}", payload))


def write_html(store: Store, path: Path, title: str = "kg graph") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(graph_data(store), title), encoding="utf-8")
    return path
