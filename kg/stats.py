"""Who matters in the graph: central actors, most discussed issues, frequent pairs, communities.

Computed with networkx over the actor network (an edge per pair of actors who met, weighted by
the number of distinct meetings), from the same events table as ``kg events``, so the figures
agree with what the other commands show. Ties are broken by label, and Louvain communities
use a fixed seed: the output is deterministic.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Any

import networkx as nx

from .events import events as event_rows
from .graph.store import Store


@dataclass(frozen=True)
class GraphStats:
    """The sections of ``kg stats``; each is a list of plain rows."""

    summary: dict[str, int]
    actors: list[dict[str, Any]]
    issues: list[dict[str, Any]]
    pairs: list[dict[str, Any]]
    communities: list[dict[str, Any]]


def actor_network(rows: list[dict[str, Any]]) -> tuple[nx.Graph, dict[str, str], dict[str, set[str]]]:
    """The weighted actor graph, actor labels, and the meetings of each actor."""
    labels: dict[str, str] = {}
    meetings: dict[str, set[str]] = defaultdict(set)
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        ids = sorted({p["iri"] for p in r["participants"]})
        for p in r["participants"]:
            labels[p["iri"]] = p["label"]
            meetings[p["iri"]].add(r["id"])
        for a, b in combinations(ids, 2):
            pairs[(a, b)].add(r["id"])
    g = nx.Graph()
    g.add_nodes_from(sorted(labels))
    for (a, b), ms in sorted(pairs.items()):
        g.add_edge(a, b, weight=len(ms))
    return g, labels, meetings


def graph_stats(store: Store, *, top: int = 10) -> GraphStats:
    """Centrality, issues, pairs and communities of the graph in ``store``, ``top`` rows each."""
    rows = event_rows(store)
    g, labels, meetings = actor_network(rows)
    n = g.number_of_nodes()
    rank = nx.pagerank(g, weight="weight") if n else {}
    # exact betweenness up to a few thousand actors; sampled (fixed seed) beyond
    between = nx.betweenness_centrality(g, k=None if n <= 3000 else 500, seed=7) if n else {}
    actors = [{"actor": labels[a], "iri": a, "meetings": len(meetings[a]), "partners": g.degree(a),
               "betweenness": round(between.get(a, 0.0), 4), "pagerank": round(rank.get(a, 0.0), 4)}
              for a in g.nodes]
    actors.sort(key=lambda x: (-x["pagerank"], -x["meetings"], x["actor"], x["iri"]))

    issue_meetings: dict[str, set[str]] = defaultdict(set)
    issue_info: dict[str, tuple[str, str | None]] = {}
    for r in rows:
        for i in r["issues"]:
            issue_meetings[i["iri"]].add(r["id"])
            issue_info[i["iri"]] = (i["label"], i["category"])
    issues = [{"issue": issue_info[i][0], "category": issue_info[i][1], "meetings": len(ms)}
              for i, ms in issue_meetings.items()]
    issues.sort(key=lambda x: (-x["meetings"], x["issue"]))

    pairs = [{"actor": labels[a], "other": labels[b], "meetings": d["weight"]} for a, b, d in g.edges(data=True)]
    pairs = [{**p, "actor": min(p["actor"], p["other"]), "other": max(p["actor"], p["other"])} for p in pairs]
    pairs.sort(key=lambda x: (-x["meetings"], x["actor"], x["other"]))

    communities = []
    if g.number_of_edges():
        found = nx.community.louvain_communities(g, weight="weight", seed=7)
        groups = [sorted(c, key=lambda a: (-rank.get(a, 0.0), labels[a])) for c in found if len(c) > 1]
        groups.sort(key=lambda c: (-len(c), labels[c[0]]))
        for k, members in enumerate(groups, 1):
            topics: Counter[str] = Counter()
            ms = set().union(*(meetings[a] for a in members))
            for r in rows:
                if r["id"] in ms:
                    topics.update({i["category"] or i["label"] for i in r["issues"]})
            communities.append({"community": k, "size": len(members),
                                "members": [labels[a] for a in members],
                                "issues": [t for t, _ in sorted(topics.items(), key=lambda x: (-x[1], x[0]))[:5]]})
    summary = {"meetings": len({r["id"] for r in rows}), "actors": n, "pairs": g.number_of_edges(),
               "issues": len(issue_meetings), "communities": len(communities)}
    return GraphStats(summary, actors[:top], issues[:top], pairs[:top], communities[:top])


def render_stats(stats: GraphStats, fmt: str) -> str:
    """``json`` (one object), ``csv`` (one table per section, headed by its name) or a text table."""
    data = asdict(stats)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)
    from .query import table

    def cell(v: Any) -> str:
        return "; ".join(v) if isinstance(v, list) else ("" if v is None else str(v))

    parts = ["  ".join(f"{k} {v}" for k, v in stats.summary.items())]
    for name in ("actors", "issues", "pairs", "communities"):
        rows = data[name]
        if not rows:
            continue
        cols = [c for c in rows[0] if c != "iri"]
        if fmt == "csv":
            import csv
            import io
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(cols)
            w.writerows([[cell(r[c]) for c in cols] for r in rows])
            parts.append(f"# {name}\n{buf.getvalue().rstrip()}")
        else:
            parts.append(f"{name}\n" + table(cols, [[cell(r[c]) for c in cols] for r in rows], width=60))
    return "\n\n".join(parts)
