"""Store → one self-contained, interactive HTML page (kg's own template, vis-network inlined).

Why not pyvis' own page: its template loads Bootstrap from a CDN in every mode and its
"local" mode still fetches vis-network, and its physics layout freezes past ~1,500 nodes.
So kg takes only the vis-network bundle that ships inside the pyvis package, computes the
layout in Python (networkx) and sends fixed positions, with physics off (or briefly on for
small graphs), and inlines everything: the page opens with no network at all.

Article text reaches the page only as JSON inside a ``<script type="application/json">``
block with ``<``, ``>`` and ``&`` escaped, and the page writes it with ``textContent``; the
page's Content-Security-Policy also allows only kg's own scripts (by hash). A ``<script>``
in an article cannot run.

Views: the whole graph, an actor's neighbourhood (``focus``), the meetings on one issue,
a SPARQL CONSTRUCT result, the actor network (actors only, an edge per pair who met), or
the most connected actors. ``View.auto`` picks the first of full graph / actor network /
top actors that fits ``max_nodes`` and says what it left out.
"""
from __future__ import annotations

import base64
import difflib
import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pyvis

from .errors import QueryError, UsageError
from .events import events as event_rows
from .graph.store import Store
from .layout import layout

MAX_NODES = 1500
"""Above this many nodes vis-network pages stop being responsive; auto views stay below."""
TOP_ACTORS = 300
"""How many actors the ``top`` view keeps."""
HUBS = 30
"""In graphs of more than twice this many nodes, the most important non-meeting nodes keep a
readable label at any zoom; the others show theirs as the user zooms in."""
PHYSICS_MAX = 400
"""Graphs up to this size get a brief physics run after the Python layout; bigger ones none."""

STYLE: dict[str, dict[str, str]] = {
    "Person": {"color": "#4e79a7", "shape": "dot"},
    "Country": {"color": "#59a14f", "shape": "diamond"},
    "Organization": {"color": "#f28e2b", "shape": "square"},
    "Meeting": {"color": "#e15759", "shape": "triangle"},
    "Issue": {"color": "#b07aa1", "shape": "star"},
    "Place": {"color": "#9c755f", "shape": "triangleDown"},
    "Other": {"color": "#bab0ac", "shape": "dot"},
}
ACTOR_GROUPS = ("Person", "Country", "Organization")
ROLE_EDGE = {"host": "hosted", "visitor": "visited"}

_ACTORS = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?label ?alt ?title ?country ?countryLabel WHERE {
  ?a skos:prefLabel ?label .
  FILTER(STRSTARTS(STR(?a), "https://w3id.org/kg/actor/"))
  OPTIONAL { ?a skos:altLabel ?alt }
  OPTIONAL { ?a kgo:title ?title }
  OPTIONAL { ?a kgo:country ?country . OPTIONAL { ?country skos:prefLabel ?countryLabel } }
}"""
_ROLES = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?a ?label ?start ?end WHERE {
  ?m a org:Membership ; org:member ?a ; rdfs:label ?label .
  OPTIONAL { ?m kgo:startDate ?start } OPTIONAL { ?m kgo:endDate ?end }
}"""
_ARTICLES = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
SELECT ?a ?file ?title ?date ?url WHERE {
  ?a a kgo:Article ; kgo:file ?file .
  OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:date ?date } OPTIONAL { ?a schema:url ?url }
}"""
_ISSUES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?i ?label ?alt ?narrower WHERE {
  ?i skos:inScheme ?scheme ; skos:prefLabel ?label .
  OPTIONAL { ?i skos:altLabel ?alt }
  OPTIONAL { ?narrower skos:broader+ ?i }
}"""
_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x ?label WHERE { VALUES ?x { %s } { ?x skos:prefLabel ?label } UNION { ?x rdfs:label ?label } }"""


class View(str, Enum):
    """Which picture of the graph to draw."""

    auto = "auto"
    full = "full"
    actors = "actors"
    top = "top"


@dataclass
class GraphData:
    """Nodes and edges for the page; ``note`` says what a reduced view left out."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    view: str
    title: str
    note: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "edges": self.edges, "view": self.view, "title": self.title,
                "note": self.note, "style": STYLE, "groups": list(STYLE), "physics": len(self.nodes) <= PHYSICS_MAX}


# ------------------------------------------------------------------ the full graph


@dataclass
class _Graph:
    """The actor–meeting–issue–place graph with the page's info for every node and edge."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)

    def node(self, nid: str, label: str, group: str, **info: Any) -> None:
        # a country can be where a meeting was held and a party to another: it is an actor
        if nid not in self.nodes or (self.nodes[nid]["group"] == "Place" and group in ACTOR_GROUPS):
            self.nodes[nid] = {"id": nid, "label": label, "group": group, "info": info}

    def edge(self, a: str, b: str, rel: str) -> None:
        key = (a, b, rel)
        if key not in self.edges:
            self.edges[key] = {"from": a, "to": b, "label": rel, "value": 0}
        self.edges[key]["value"] += 1

    def nx(self) -> nx.Graph:
        g = nx.Graph()
        g.add_nodes_from(self.nodes)
        for (a, b, _), e in self.edges.items():
            w = g.edges[a, b]["weight"] + e["value"] if g.has_edge(a, b) else e["value"]
            g.add_edge(a, b, weight=w)
        return g

    def sub(self, keep: set[str]) -> _Graph:
        out = _Graph({k: v for k, v in self.nodes.items() if k in keep})
        out.edges = {k: v for k, v in self.edges.items() if k[0] in keep and k[1] in keep}
        return out


def _actor_info(store: Store) -> dict[str, dict[str, Any]]:
    info: dict[str, dict[str, Any]] = defaultdict(lambda: {"aliases": set(), "titles": set(), "roles": set()})
    for r in store.query(_ACTORS):
        a = info[r["a"].value]
        a["label"] = r["label"].value
        if r["alt"] is not None:
            a["aliases"].add(r["alt"].value)
        if r["title"] is not None:
            a["titles"].add(r["title"].value)
        if r["country"] is not None:
            a["country"] = r["countryLabel"].value if r["countryLabel"] is not None else r["country"].value.rsplit("/", 1)[-1]
    for r in store.query(_ROLES):
        span = "–".join(x.value if x is not None else "" for x in (r["start"], r["end"])) if (r["start"] or r["end"]) else ""
        info[r["a"].value]["roles"].add(f"{r['label'].value} ({span})" if span else r["label"].value)
    return info


def _articles(store: Store) -> dict[str, dict[str, Any]]:
    out = {}
    for r in store.query(_ARTICLES):
        url = r["url"].value if r["url"] is not None else None
        out[r["a"].value] = {"file": r["file"].value, "title": r["title"].value if r["title"] is not None else r["file"].value,
                             "date": r["date"].value if r["date"] is not None else None,
                             "url": url if url and url.startswith(("http://", "https://")) else None}
    return out


def full_graph(store: Store) -> _Graph:
    """Every meeting with its participants, issues and place; evidence quotes with their articles."""
    actors = _actor_info(store)
    articles = _articles(store)
    by_event: dict[str, list[dict[str, Any]]] = {}
    for r in event_rows(store):
        by_event.setdefault(r["id"], []).append(r)
    g = _Graph()
    for eid, reports in sorted(by_event.items()):
        first = reports[0]
        names = ", ".join(p["label"] for p in first["participants"])
        dates = sorted({r["date"] for r in reports if r["date"]})
        g.node(eid, f"{first['kind']}: {names}"[:60], "Meeting", kind=first["kind"], status=first["status"],
               date=", ".join(dates) or None, place=(first["place"] or {}).get("label"),
               participants=sorted({p["label"] for r in reports for p in r["participants"]}),
               issues=sorted({i["label"] for r in reports for i in r["issues"]}),
               cameo=first["cameo"], confidence=max(r["confidence"] for r in reports),
               sources=len({r["article"] for r in reports}),
               evidence=_evidence(articles, reports))
        for r in reports:
            for p in r["participants"]:
                a = actors.get(p["iri"], {})
                g.node(p["iri"], p["label"], p["type"] or "Other", type=p["type"], country=a.get("country"),
                       title=sorted(a.get("titles", ())), roles=sorted(a.get("roles", ())),
                       aliases=sorted(a.get("aliases", ()))[:12])
                g.edge(p["iri"], eid, ROLE_EDGE.get(p["role"], "participated in"))
            for i in r["issues"]:
                g.node(i["iri"], i["label"], "Issue", category=i["category"])
                g.edge(eid, i["iri"], "addressed")
            if r["place"]:
                g.node(r["place"]["iri"], r["place"]["label"], "Place")
                g.edge(eid, r["place"]["iri"], "held in")
    return g


def _evidence(articles: dict[str, dict[str, Any]], reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per quoted sentence and article, with every rule that fired on it."""
    out: dict[tuple[str, int, str], dict[str, Any]] = {}
    for r in reports:
        for e in r["evidence"]:
            key = (r["source"], e["start"], e["quote"])
            if key in out:
                if e["rule"] not in out[key]["rule"].split(", "):
                    out[key]["rule"] += ", " + e["rule"]
            else:
                out[key] = {"quote": e["quote"], "rule": e["rule"], **_source(articles, r)}
    return [out[k] for k in sorted(out)]


def _source(articles: dict[str, dict[str, Any]], row: dict[str, Any]) -> dict[str, Any]:
    a = articles.get(row["article"], {})
    return {"article": a.get("title") or row["source"], "file": row["source"], "url": a.get("url"),
            "published": a.get("date")}


# ------------------------------------------------------------------ views


def actor_network(g: _Graph) -> _Graph:
    """Actors only: an edge per pair who met, weighted by meetings, with those meetings listed."""
    net, meetings = _actor_pairs(g)
    return _with_meetings(net, meetings, g)


def _actor_pairs(g: _Graph) -> tuple[_Graph, dict[tuple[str, str], list[str]]]:
    """The actor network without the edges' meeting lists, and the meetings of each pair."""
    out = _Graph()
    parts: dict[str, list[str]] = defaultdict(list)
    for (a, m, _rel) in g.edges:
        if g.nodes[m]["group"] == "Meeting" and g.nodes[a]["group"] != "Meeting":
            parts[m].append(a)
    meetings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m, actors in sorted(parts.items()):
        for a in actors:
            n = g.nodes[a]
            out.node(a, n["label"], n["group"], **n["info"])
        for i, a in enumerate(sorted(set(actors))):
            for b in sorted(set(actors))[i + 1:]:
                out.edge(a, b, "met")
                meetings[(a, b)].append(m)
    return out, meetings


def _with_meetings(net: _Graph, meetings: dict[tuple[str, str], list[str]], g: _Graph) -> _Graph:
    """Each edge's meetings listed in its info (done last, for the edges a view keeps)."""
    for (a, b, _), e in net.edges.items():
        e["info"] = {"meetings": [{"label": g.nodes[m]["label"], "date": g.nodes[m]["info"].get("date"),
                                   "issues": g.nodes[m]["info"].get("issues", []),
                                   "quote": (g.nodes[m]["info"]["evidence"] or [{}])[0].get("quote")}
                                  for m in meetings[(a, b)]]}
    return net


def top_actors(g: _Graph, n: int) -> _Graph:
    """The ``n`` actors with the most meetings (weighted degree in the actor network)."""
    net, meetings = _actor_pairs(g)
    deg: Counter[str] = Counter()
    for (a, b, _), e in net.edges.items():
        deg[a] += e["value"]
        deg[b] += e["value"]
    keep = sorted(net.nodes, key=lambda x: (-deg[x], net.nodes[x]["label"], x))[:n]
    return _with_meetings(net.sub(set(keep)), meetings, g)


def _match(name: str, candidates: dict[str, set[str]], what: str) -> str:
    """The IRI whose label (or alias, or id) is ``name``; a UsageError with close names otherwise."""
    want = name.strip().casefold()
    hits = sorted(iri for iri, labels in candidates.items()
                  if want in {x.casefold() for x in labels} or iri.rsplit("/", 1)[-1].casefold() == want)
    if not hits:
        names = sorted({x for labels in candidates.values() for x in labels})
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"no {what} called {name!r} in the graph{hint}")
    return hits[0]


def focus(g: _Graph, name: str, depth: int) -> _Graph:
    """The neighbourhood of one actor, ``depth`` steps out (2 = its meetings and who/what was there)."""
    if depth < 1:
        raise UsageError(f"--depth must be 1 or more, not {depth}")
    cands = {k: {v["label"], *v["info"].get("aliases", ())} for k, v in g.nodes.items() if v["group"] in ACTOR_GROUPS}
    center = _match(name, cands, "actor")
    keep = set(nx.single_source_shortest_path_length(g.nx(), center, cutoff=depth))
    out = g.sub(keep)
    out.nodes[center] = {**out.nodes[center], "center": True}
    return out


def issue_view(g: _Graph, store: Store, name: str) -> _Graph:
    """Meetings that addressed one issue (or a narrower one), with their participants and places."""
    cands: dict[str, set[str]] = defaultdict(set)
    narrower: dict[str, set[str]] = defaultdict(set)
    for r in store.query(_ISSUES):
        i = r["i"].value
        cands[i].add(r["label"].value)
        if r["alt"] is not None:
            cands[i].add(r["alt"].value)
        if r["narrower"] is not None:
            narrower[i].add(r["narrower"].value)
    chosen = _match(name, cands, "issue")
    wanted = {chosen} | narrower[chosen]
    meetings = {m for (m, i, rel) in g.edges if rel == "addressed" and i in wanted}
    keep = set(meetings)
    for (a, b, rel) in g.edges:
        if a in meetings and (rel != "addressed" or b in wanted):
            keep.add(b)
        elif b in meetings and rel != "addressed":
            keep.add(a)
    return g.sub(keep)


def construct_view(g: _Graph, store: Store, sparql: str) -> _Graph:
    """The IRIs of a CONSTRUCT result as nodes and its triples between them as edges."""
    from .query import run_query

    res = run_query(store, sparql)
    if res.kind != "graph":
        raise QueryError("kg viz --query needs a CONSTRUCT query (it draws the triples it returns)")
    out = _Graph()
    triples = [q for q in ox.parse(res.triples, format=ox.RdfFormat.N_TRIPLES)
               if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)
               and q.predicate.value != "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"]
    iris = sorted({t.subject.value for t in triples} | {t.object.value for t in triples})
    labels: dict[str, str] = {}
    for chunk in range(0, len(iris), 500):
        values = " ".join(f"<{x}>" for x in iris[chunk:chunk + 500])
        for r in store.query(_LABELS % values):
            labels.setdefault(r["x"].value, r["label"].value)
    for x in iris:
        if x in g.nodes:
            out.nodes[x] = g.nodes[x]
        else:
            out.node(x, labels.get(x) or x.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1], "Other", iri=x)
    for t in triples:
        rel = t.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        out.edge(t.subject.value, t.object.value, rel)
    return out


def graph_data(store: Store, *, view: View | str = View.auto, focus_on: str | None = None, depth: int = 2,
               issue: str | None = None, construct: str | None = None, max_nodes: int = MAX_NODES,
               top: int = TOP_ACTORS, title: str | None = None) -> GraphData:
    """The nodes and edges of one view, laid out, sized and described for the page."""
    view = View(view)
    g = full_graph(store)
    scope = "the graph"
    if construct is not None:
        g, scope = construct_view(g, store, construct), "the query result"
    if issue is not None:
        g, scope = issue_view(g, store, issue), f"the meetings on {issue!r}"
    if focus_on is not None:
        g, scope = focus(g, focus_on, depth), f"the neighbourhood of {focus_on!r}"
    full_n, full_m = len(g.nodes), len(g.edges)
    note = None
    chosen = view
    if view is View.auto:
        chosen = View.full
        if full_n > max_nodes:
            in_net = {a for (a, m, _) in g.edges
                       if g.nodes[m]["group"] == "Meeting" and g.nodes[a]["group"] != "Meeting"}
            chosen = View.actors if len(in_net) <= max_nodes else View.top
    if chosen is View.actors:
        g = actor_network(g)
    elif chosen is View.top:
        g = top_actors(g, min(top, max_nodes))
    if view is View.auto and chosen is not View.full:
        what = ("the actor network (actors only, an edge per pair who met)" if chosen is View.actors
                else f"the {len(g.nodes)} most connected actors")
        note = (f"{scope} has {full_n} nodes and {full_m} edges, more than --max-nodes ({max_nodes}) "
                f"lets one page draw: showing {what}, {len(g.nodes)} nodes and {len(g.edges)} edges. "
                f"Meetings, issues and places are left out; see them with --focus NAME, --issue NAME, "
                f"or everything with --view full.")
    head = title or {View.full: "kg graph", View.actors: "kg actor network", View.top: "kg: most connected actors",
                     View.auto: "kg graph"}[chosen]
    if focus_on is not None:
        head += f" — around {focus_on} (depth {depth})"
    if issue is not None:
        head += f" — meetings on {issue}"
    if construct is not None:
        head += " — query result"
    return _finish(g, chosen.value, head, note)


def _finish(g: _Graph, view: str, title: str, note: str | None) -> GraphData:
    graph = g.nx()
    rank = nx.pagerank(graph, weight="weight") if graph.number_of_nodes() else {}
    pos = layout(graph)
    n = max(graph.number_of_nodes(), 1)
    hubs = set(sorted((k for k in g.nodes if g.nodes[k]["group"] != "Meeting"),
                      key=lambda k: (-rank.get(k, 0.0), k))[:HUBS]) if n > HUBS * 2 else set()
    nodes = []
    for nid in sorted(g.nodes):
        src = g.nodes[nid]
        x, y = pos.get(nid, (0.0, 0.0))
        item = {"id": nid, "label": src["label"], "group": src["group"],
                "info": {k: v for k, v in src["info"].items() if v not in (None, [], "")},
                "value": round(1 + 100 * rank.get(nid, 0) * n, 2) if n > 1 else 10.0,
                "degree": graph.degree(nid), "x": round(x, 1), "y": round(y, 1)}
        if src.get("center"):
            item["center"] = True
        if nid in hubs:
            item["hub"] = True
        nodes.append(item)
    edges = []
    for i, key in enumerate(sorted(g.edges)):
        e = g.edges[key]
        edges.append({"id": i, "from": e["from"], "to": e["to"], "label": e["label"], "value": e["value"],
                      **({"info": e["info"]} if "info" in e else {})})
    return GraphData(nodes, edges, view, title, note)


# ------------------------------------------------------------------ the page


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_html(data: GraphData) -> str:
    """One HTML page with vis-network, kg's script, styles and the data inlined."""
    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    vis_js = (lib / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    here = Path(__file__).parent / "templates"
    template = (here / "graph.html").read_text(encoding="utf-8")
    app_js = (here / "graph.js").read_text(encoding="utf-8")
    payload = (json.dumps(data.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
               .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
               .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    safe_title = data.title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    csp = f"script-src {_hash(vis_js)} {_hash(app_js)}"
    parts = {"{{TITLE}}": safe_title, "{{VIS_CSS}}": css, "{{SCRIPT_HASHES}}": csp, "{{VIS_JS}}": vis_js,
             "{{APP_JS}}": app_js, "{{DATA}}": payload}
    out = []
    rest = template
    # replace in one pass, so that no inserted text is ever scanned for placeholders
    while "{{" in rest:
        start = rest.index("{{")
        end = rest.index("}}", start) + 2
        out.append(rest[:start])
        out.append(parts[rest[start:end]])
        rest = rest[end:]
    out.append(rest)
    return "".join(out)


def write_html(store: Store, path: Path, **options: Any) -> GraphData:
    """Write the page for one view (see :func:`graph_data` for the options); returns its data."""
    data = graph_data(store, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(data), encoding="utf-8")
    return data
