#!/usr/bin/env python3
"""Loads every export format with the readers analysts use and checks it against the
JSON graph: networkx (GraphML, GEXF, node-link, Cytoscape.js JSON) and Python's csv.
Usage: check_formats.py OUTPUT_FOLDER. Run by .ci/run in a virtualenv with networkx."""
import csv
import json
import sys
from pathlib import Path

import networkx as nx
from networkx.readwrite import gexf as nx_gexf

out = Path(sys.argv[1])
graph = json.loads((out / "graph.json").read_text())
n_nodes, n_edges = len(graph["nodes"]), len(graph["edges"])
first = graph["edges"][0]
failures = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name} {detail}")
    if not ok:
        failures.append(name)


def counts(name, g):
    check(f"{name}: {n_nodes} nodes, {n_edges} edges", (g.number_of_nodes(), g.number_of_edges()) == (n_nodes, n_edges),
          f"(read {g.number_of_nodes()}, {g.number_of_edges()})")


g = nx.read_graphml(out / "graph.graphml")
counts("graphml", g)
kinds = {n: d.get("kind") for n, d in g.nodes(data=True)}
check("graphml: node kinds", all(kinds[n["id"]] == n["kind"] for n in graph["nodes"]))
edge = next(d for u, v, d in g.edges(data=True) if (u, v) == (first["source"], first["target"]))
check("graphml: typed count and confidence", isinstance(edge["count"], int) and isinstance(edge["confidence"], float))

# networkx knows GEXF 1.1 and 1.2; 1.3 keeps their structure under new namespaces.
nx_gexf.GEXF.versions["1.3"] = dict(nx_gexf.GEXF.versions["1.2draft"], NS_GEXF="http://gexf.net/1.3",
                                    NS_VIZ="http://gexf.net/1.3/viz", VERSION="1.3")
g = nx.read_gexf(out / "graph.gexf", version="1.3")
counts("gexf", g)
dated = [d for _, _, d in g.edges(data=True) if "start" in d]
check("gexf: edges carry their time spell", len(dated) == sum(1 for e in graph["edges"] if e.get("first_date")))
check("gexf: viz colours", all("viz" in d and "color" in d["viz"] for _, d in g.nodes(data=True)))

g = nx.node_link_graph(json.loads((out / "graph.node-link.json").read_text()), edges="edges")
counts("node-link", g)
check("node-link: directed multigraph", g.is_directed() and g.is_multigraph())

g = nx.cytoscape_graph(json.loads((out / "graph.cytoscape.json").read_text()))
counts("cytoscape", g)
parents = {n: d.get("parent") for n, d in g.nodes(data=True) if d.get("parent")}
check("cytoscape: people inside their actor", parents and all(p in g for p in parents.values()))

for name, header, rows in [("nodes.csv", ["Id", "Label"], n_nodes), ("edges.csv", ["Source", "Target", "Type", "Weight"], n_edges),
                           ("nodes.neo4j.csv", ["id:ID", ":LABEL"], n_nodes), ("edges.neo4j.csv", [":START_ID", ":END_ID", ":TYPE"], n_edges)]:
    with open(out / name, newline="", encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    check(f"{name}: {rows} rows with {', '.join(header)}", len(records) == rows and all(h in records[0] for h in header))

if failures:
    sys.exit(f"{len(failures)} reader check(s) failed")
