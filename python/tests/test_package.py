"""The package against the CLI on the sample corpus: same JSON, same answers, same
files, and views that hold every node and edge."""

import json
import shutil

import pytest

import stancegraph

CORPUS = "data/corpus"


@pytest.fixture
def graph(at_repo):
    return stancegraph.build([CORPUS], jobs=2)


@pytest.fixture
def cli_json(cli, tmp_path):
    out = tmp_path / "graph.json"
    cli("build", CORPUS, "--json", str(out), "-q")
    return out


def test_graph_is_the_cli_json_byte_for_byte(graph, cli_json):
    assert graph.to_json() == cli_json.read_text(encoding="utf-8")
    assert graph.to_dict() == json.loads(cli_json.read_text(encoding="utf-8"))
    assert graph.documents == len(graph.to_dict()["documents"]) == 8
    assert graph.problems == []
    d = graph.to_dict()
    assert (len(graph), graph.edge_count) == (len(d["nodes"]), len(d["edges"]))
    assert repr(graph) == f"<stancegraph.Graph: 8 documents, {len(d['nodes'])} nodes, {len(d['edges'])} edges>"


def test_one_thread_and_many_give_the_same_graph(at_repo, graph):
    assert stancegraph.build(CORPUS, jobs=1).to_json() == graph.to_json()
    assert stancegraph.build(CORPUS).to_json() == graph.to_json()


def test_networkx_holds_every_node_and_edge_with_evidence(graph):
    d = graph.to_dict()
    g = graph.to_networkx()
    assert g.is_directed() and g.is_multigraph()
    assert sorted(g.nodes) == sorted(n["id"] for n in d["nodes"])
    for n in d["nodes"]:
        assert g.nodes[n["id"]] == {k: v for k, v in n.items() if k != "id"}
    assert g.number_of_edges() == len(d["edges"]) > 0
    expected = {}
    for e in d["edges"]:
        expected.setdefault((e["source"], e["target"]), []).append(
            {k: v for k, v in e.items() if k not in ("source", "target", "tally")}
        )
    for (s, t), attrs in expected.items():
        assert [g.edges[s, t, k] for k in range(len(attrs))] == attrs
    said = [a for _, _, a in g.edges(data=True) if a["relation"] != "affiliation"]
    assert said and all(a["evidence"] and all("text" in x for x in a["evidence"]) for a in said)
    assert [doc["id"] for doc in g.graph["documents"]] == [doc["id"] for doc in d["documents"]]


def test_frames_hold_every_node_and_edge(graph):
    import pandas as pd

    d = graph.to_dict()
    nodes, edges = graph.nodes_frame(), graph.edges_frame()
    assert list(nodes["id"]) == [n["id"] for n in d["nodes"]]
    assert list(nodes["label"]) == [n["label"] for n in d["nodes"]]
    assert len(edges) == len(d["edges"])
    def cells(column):
        return [None if not isinstance(v, (list, str)) and pd.isna(v) else v for v in edges[column]]

    assert list(zip(cells("source"), cells("target"), cells("type"))) == [
        (e["source"], e["target"], e.get("type")) for e in d["edges"]
    ]
    assert list(edges["evidence"]) == [e["evidence"] for e in d["edges"]]
    assert list(edges["count"]) == [e["count"] for e in d["edges"]]
    labels = {n["id"]: n["label"] for n in d["nodes"]}
    assert list(edges["source_label"]) == [labels[e["source"]] for e in d["edges"]]


QUESTIONS = [
    (("positions", "China"), {}, ["positions", "China"]),
    (("positions", "Beijing"), {"include_speculative": True}, ["positions", "Beijing", "--include-speculative"]),
    (("between", "US", "Taliban"), {}, ["between", "US", "Taliban"]),
    (("who",), {"opposes": "Washington"}, ["who", "--opposes", "Washington"]),
    (("who",), {"supports": "Taliban", "since": "2025-09-01"}, ["who", "--supports", "Taliban", "--since", "2025-09-01"]),
    (("statements",), {"actor": "Taliban"}, ["statements", "--actor", "Taliban"]),
    (("matrix", "US", "Taliban", "China"), {"types": "reject,disapprove"}, ["matrix", "US,Taliban,China", "--type", "reject,disapprove"]),
    (("matrix",), {"polarity": "oppose"}, ["matrix", "--polarity", "oppose"]),
    (("actors",), {}, ["actors"]),
]


@pytest.mark.parametrize("args,kwargs,cli_args", QUESTIONS)
def test_query_answers_what_the_cli_answers(graph, cli, cli_json, args, kwargs, cli_args):
    expected = json.loads(cli("query", *cli_args, "--graph", str(cli_json), "--format", "json"))
    assert graph.query(*args, **kwargs) == expected
    frame = graph.query(*args, **kwargs, as_frame=True)
    assert list(frame.columns) == expected["columns"] and len(frame) == len(expected["rows"])


def test_query_names_an_unknown_actor(graph):
    with pytest.raises(ValueError, match="did you mean China"):
        graph.query("positions", "Chnia")


def test_every_format_is_written_as_the_cli_writes_it(graph, cli, tmp_path):
    drawings = {"svg", "png", "pdf", "html"}
    formats = [f for f in stancegraph.FORMATS if shutil.which("dot") or f not in drawings]
    cli_out = tmp_path / "cli"
    cli("build", CORPUS, "-o", str(cli_out), "--format", ",".join(formats), "-q")
    names = {
        "json": "graph.json", "dot": "graph.dot", "svg": "graph.svg", "png": "graph.png", "pdf": "graph.pdf",
        "graphml": "graph.graphml", "gexf": "graph.gexf", "cytoscape": "graph.cytoscape.json",
        "node-link": "graph.node-link.json", "html": "graph.html",
    }  # fmt: skip
    ours = tmp_path / "py"
    for f in formats:
        if f == "csv":
            written = graph.write(ours / "csv", format="csv")
            assert len(written) == 4
            for p in written:
                name = p.rsplit("/", 1)[-1]
                assert open(p, "rb").read() == (cli_out / name).read_bytes(), name
            continue
        # The name alone tells the format.
        written = graph.write(ours / names[f])
        assert written == [str(ours / names[f])]
        mine, theirs = (ours / names[f]).read_bytes(), (cli_out / names[f]).read_bytes()
        if f in ("png", "pdf"):
            assert mine[:4] == theirs[:4] and len(mine) > 1000  # binary drawings embed no stable bytes
        else:
            assert mine == theirs, f


def test_write_refuses_an_unknown_format(graph, tmp_path):
    with pytest.raises(ValueError, match="node-link"):
        graph.write(tmp_path / "g.xlsx")
    with pytest.raises(ValueError, match="not a format"):
        graph.write(tmp_path / "g.out", format="xlsx")
