"""Benchmark: draw a large actor graph (layout + render to PNG) against plain NetworkX.

Prints the time of ``actorgraph.plot_network`` and of ``nx.spring_layout`` +
``nx.draw_networkx(arrows=True)`` on the same graph, measured in the same run, and the ratio.
Also times the bundled Aleppo diagram. Not a test: run it by hand.

    python benchmarks/bench_plotting.py [--actors 5000] [--relations 10000] [--skip-baseline]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx

import actorgraph as ag

KINDS = ["state", "government", "armed_group", "military", "person", "organization"]


def build(n_actors: int, n_relations: int, seed: int = 1) -> ag.ActorGraph:
    """A random graph with communities, so the layout has structure to find."""
    rnd = random.Random(seed)
    G = ag.ActorGraph("bench")
    for i in range(n_actors):
        G.add_actor(f"a{i}", name=f"Actor {i}", kind=KINDS[i % len(KINDS)])
    types = [t.id for t in G.vocabulary]
    communities = max(2, n_actors // 50)
    rels = []
    for k in range(n_relations):
        u = rnd.randrange(n_actors)
        if rnd.random() < 0.8:  # mostly inside the same community
            c = u % communities
            v = (rnd.randrange(n_actors // communities) * communities + c) % n_actors
        else:
            v = rnd.randrange(n_actors)
        if v == u:
            v = (u + 1) % n_actors
        rels.append(
            {"id": f"r{k}", "source": f"a{u}", "type": rnd.choice(types), "target": f"a{v}"}
        )
    G.add_relations_from(rels)
    return G


def time_actorgraph(G: ag.ActorGraph, path: str) -> float:
    t0 = time.perf_counter()
    fig = plt.figure(figsize=(12, 9))
    ag.plot_network(G, ax=fig.gca())
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return time.perf_counter() - t0


def time_placement(G: ag.ActorGraph, size: str) -> tuple[float, float]:
    """Seconds to draw ``G`` at a print size with and without its labels (same positions)."""
    pos = ag.network_layout(G)
    times = []
    for labels in (True, False):
        t0 = time.perf_counter()
        ag.plot_network(G, pos=pos, size=size, labels=labels, edge_labels=labels)
        plt.gcf().canvas.draw()
        times.append(time.perf_counter() - t0)
        plt.close("all")
    return times[0], times[1]


def time_networkx(G: ag.ActorGraph, path: str) -> float:
    g = G.nx
    t0 = time.perf_counter()
    fig = plt.figure(figsize=(12, 9))
    pos = nx.spring_layout(g, seed=0)
    nx.draw_networkx(g, pos=pos, ax=fig.gca(), arrows=True, node_size=20, with_labels=False)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--relations", type=int, default=10000)
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    out = tempfile.mkdtemp()

    aleppo = ag.datasets.load("aleppo-2024")
    time_actorgraph(aleppo, os.path.join(out, "warm.png"))  # import and font caches
    t_aleppo = min(time_actorgraph(aleppo, os.path.join(out, "aleppo.png")) for _ in range(3))
    print(f"aleppo-2024 diagram (16 actors, 22 relations): {t_aleppo:.3f} s")

    # placing labels so that none covers another, a marker or an arrowhead: its cost, as a
    # ratio to the same figure drawn without labels, at 16 and at 200 actors
    for graph, what in ((aleppo, "aleppo-2024"), (build(200, 420), "200 actors")):
        with_labels, without = time_placement(graph, "two-column")
        print(
            f"{what}, two-column, labels placed / no labels: {with_labels:.2f} s / "
            f"{without:.2f} s = {with_labels / without:.1f}x"
        )

    G = build(args.actors, args.relations)
    print(f"graph: {len(G)} actors, {G.number_of_relations()} relations")
    t_ag = time_actorgraph(G, os.path.join(out, "ag.png"))
    print(f"actorgraph plot_network (signed layout + render): {t_ag:.2f} s")
    if args.skip_baseline:
        return
    t_nx = time_networkx(G, os.path.join(out, "nx.png"))
    print(f"networkx spring_layout + draw_networkx(arrows=True): {t_nx:.2f} s")
    print(f"ratio networkx / actorgraph: {t_nx / t_ag:.1f}x (target >= 5x)")


if __name__ == "__main__":
    main()
