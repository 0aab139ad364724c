"""Node positions for the HTML view: a force-directed layout per connected component, packed.

networkx's spring layout switches to a sparse solver from 500 nodes, which steps through the
nodes in Python and takes seconds on a few hundred actors; up to a few thousand nodes the
dense form of the same Fruchterman-Reingold steps, done here on whole arrays, takes a fraction
of that. Larger components still go to networkx.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

# Largest component laid out with dense arrays: a handful of n x n float32 arrays, 16 MB each
# at 2,000 nodes, where a layout takes about as long as networkx's sparse one on 500.
DENSE_NODES = 2000


def spring(g: nx.Graph, *, k: float, iterations: int, seed: int) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold on dense arrays: every pair repels by k²/d, every edge pulls by d²/k,
    each node moves at most the current temperature, which cools linearly to zero. Positions
    are centred and scaled into [-1, 1]; the same graph and seed give the same positions."""
    nodes = list(g)
    adjacency = nx.to_numpy_array(g, nodelist=nodes, weight=None, dtype=np.float32)
    pos = np.random.RandomState(seed).rand(len(nodes), 2).astype(np.float32)
    temperature = 0.1 * float(max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1])))
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0, np.newaxis] - pos[np.newaxis, :, 0]
        dy = pos[:, 1, np.newaxis] - pos[np.newaxis, :, 1]
        distance = np.maximum(np.hypot(dx, dy), np.float32(0.01))
        pull = k * k / (distance * distance) - adjacency * distance / k
        move = np.stack([(dx * pull).sum(axis=1), (dy * pull).sum(axis=1)], axis=1)
        length = np.maximum(np.hypot(move[:, 0], move[:, 1]), np.float32(0.01))
        pos += move * (temperature / length)[:, np.newaxis]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    reach = float(np.abs(pos).max())
    if reach > 0:
        pos /= reach
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, pos)}


def layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions in page pixels: a spring layout per connected component, components packed in
    rows (largest first) so that small islands do not scatter over the big one. Deterministic."""
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    pos: dict[str, tuple[float, float]] = {}
    boxes = []
    for comp in comps:
        size = 90.0 * math.sqrt(len(comp)) + 40.0
        if len(comp) == 1:
            p = {comp[0]: (0.0, 0.0)}
        else:
            # a fresh graph in sorted node order: a subgraph view iterates its node set in hash
            # order, which changes from one process to the next and with it the layout
            sub = nx.Graph()
            sub.add_nodes_from(comp)
            sub.add_edges_from(g.subgraph(comp).edges)
            k = 1.6 / math.sqrt(len(comp))
            if len(comp) <= DENSE_NODES:
                p = spring(sub, k=k, iterations=60, seed=7)
            else:
                p = nx.spring_layout(sub, seed=7, weight=None, iterations=30, k=k)
        boxes.append((size, comp, p))
    total = sum(b[0] ** 2 for b in boxes)
    width = max(math.sqrt(total) * 1.3, boxes[0][0] if boxes else 0)
    x = y = row = 0.0
    for size, comp, p in boxes:
        if x > 0 and x + size > width:
            x, y, row = 0.0, y + row, 0.0
        for nid in comp:
            px, py = p[nid]
            pos[nid] = (x + size / 2 + float(px) * size * 0.45, y + size / 2 + float(py) * size * 0.45)
        x += size
        row = max(row, size)
    return pos
