"""stancegraph: news articles in, a stakeholder graph out.

Actors (states, governments, armed and political groups, international organisations
and the people who speak for them), what each supports and opposes, and the quotes
they gave, every edge traced to the sentence that says it. This package is a thin
layer over the Rust library the ``stancegraph`` CLI is built on: the same extraction,
the same thread pool, the same JSON, the same query answers.

>>> import stancegraph
>>> g = stancegraph.from_texts(["The Taliban rejected the U.S. demand on Friday."])
>>> [(e["source"], e["polarity"], e["target"]) for e in g.to_dict()["edges"]]
[('taliban', 'oppose', 'united-states'), ('united-states', 'oppose', 'taliban')]
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import tempfile
import warnings
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Union

from . import _native

__all__ = ["build", "from_texts", "Graph", "Problem", "FORMATS", "DEFAULT_MAX_EVIDENCE", "__version__"]

__version__: str = _native.__version__

#: Evidence sentences kept per edge unless told otherwise (the CLI's ``--max-evidence``).
DEFAULT_MAX_EVIDENCE = 5

#: The formats :meth:`Graph.write` takes: the CLI's ``--format`` names.
FORMATS = tuple(_native.formats())

PathLike = Union[str, "os.PathLike[str]"]

# File name endings that tell the format when ``write`` is not told it (longest first).
_SUFFIXES = (
    (".cytoscape.json", "cytoscape"),
    (".node-link.json", "node-link"),
    (".json", "json"),
    (".dot", "dot"),
    (".gv", "dot"),
    (".svg", "svg"),
    (".png", "png"),
    (".pdf", "pdf"),
    (".graphml", "graphml"),
    (".gexf", "gexf"),
    (".html", "html"),
    (".htm", "html"),
)

_FIELDS = ("id", "title", "date", "url", "text")


class Problem(NamedTuple):
    """A problem with one input, as the CLI prints it on stderr."""

    source: str
    line: Optional[int]
    severity: str
    reason: str
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.severity}: {self.message}"


def _paths(value: Union[None, PathLike, Iterable[PathLike]], what: str) -> List[str]:
    if value is None:
        return []
    if isinstance(value, (str, bytes, os.PathLike)):
        value = [value]
    out = []
    for p in value:
        if not isinstance(p, (str, os.PathLike)):
            raise TypeError(f"{what}: expected a path, got {type(p).__name__}")
        out.append(os.fspath(p))
    return out


def _jobs(jobs: Optional[int]) -> int:
    if jobs is None:
        return 0  # one thread per core, as the CLI
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs: expected a whole number of at least 1, got {jobs!r}")
    return jobs


def _max_evidence(n: int) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"max_evidence: expected a whole number of at least 1, got {n!r}")
    return n


def _settle(graph: "Graph", errors: str) -> "Graph":
    """Raises, warns or stays quiet about the inputs that were skipped or damaged."""
    if errors not in ("raise", "warn", "ignore"):
        raise ValueError(f"errors: expected 'raise', 'warn' or 'ignore', got {errors!r}")
    bad = [p for p in graph.problems if p.severity == "error"]
    if not bad or errors == "ignore":
        return graph
    if errors == "warn":
        for p in bad:
            warnings.warn(str(p), stacklevel=3)
        return graph
    shown = "\n".join(str(p) for p in bad[:10])
    more = f"\n... and {len(bad) - 10} more" if len(bad) > 10 else ""
    raise ValueError(
        f"{len(bad)} input problem{'s' if len(bad) > 1 else ''} "
        f"(errors='warn' keeps the graph of the rest):\n{shown}{more}"
    )


def build(
    paths: Union[PathLike, Iterable[PathLike]],
    actors: Union[None, PathLike, Iterable[PathLike]] = None,
    cues: Union[None, PathLike, Iterable[PathLike]] = None,
    jobs: Optional[int] = None,
    *,
    max_evidence: int = DEFAULT_MAX_EVIDENCE,
    strict: bool = False,
    errors: str = "raise",
) -> "Graph":
    """The graph of articles in files and folders, as ``stancegraph build`` makes it.

    ``paths``: files (.txt, .md, .html, .jsonl with one article a line) and folders
    (read recursively). ``actors``/``cues``: TOML files added to the built-in lexicon
    (the CLI's ``--actors``/``--cues``). ``jobs``: extraction threads (default: one per
    core); the graph is the same for any number. The GIL is released while extracting.

    An input that cannot be used (missing, binary, a malformed JSON line...) raises a
    ``ValueError`` naming it, after the whole run; ``errors="warn"`` or ``"ignore"``
    keeps the graph of the rest instead (its problems stay in ``Graph.problems``).
    """
    native = _native.build(
        _paths(paths, "paths"),
        _paths(actors, "actors"),
        _paths(cues, "cues"),
        _jobs(jobs),
        _max_evidence(max_evidence),
        bool(strict),
    )
    return _settle(Graph(native), errors)


def _iso_date(value: Any, name: str) -> Optional[str]:
    if value is None or value != value:  # None, NaN, pandas.NaT
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (_dt.date, _dt.datetime)) or hasattr(value, "isoformat"):
        try:
            return value.isoformat()[:10]  # datetime, date, pandas.Timestamp
        except (TypeError, ValueError):  # pandas.NaT
            return None
    raise ValueError(f"{name}: 'date' must be a string or a date, got {type(value).__name__}")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _items(texts: Any) -> Iterable[tuple]:
    """(default id, item) pairs: a pandas Series or DataFrame lends its index as ids."""
    if hasattr(texts, "to_dict") and hasattr(texts, "columns"):  # DataFrame
        return ((str(i), row) for i, row in zip(texts.index, texts.to_dict("records")))
    if hasattr(texts, "index") and hasattr(texts, "items") and hasattr(texts, "dtype"):  # Series
        return ((str(i), v) for i, v in texts.items())
    if isinstance(texts, (str, bytes, Mapping)):
        raise TypeError("texts: expected a list (or a pandas column) of texts, got a single one")
    return ((str(i), v) for i, v in enumerate(texts))


def _record(default_id: str, item: Any) -> Dict[str, str]:
    name = f"texts[{default_id}]"
    if isinstance(item, str):
        return {"id": default_id, "text": item}
    if not isinstance(item, Mapping):
        raise ValueError(f"{name}: expected a string or a dict with 'text', got {type(item).__name__}")
    unknown = sorted(set(item) - set(_FIELDS))
    if unknown:
        raise ValueError(f"{name}: unknown field(s) {', '.join(map(repr, unknown))}; known: {', '.join(_FIELDS)}")
    doc_id = item.get("id")
    doc_id = default_id if _missing(doc_id) else str(doc_id)
    name = f"document {doc_id!r} ({name})"
    text = item.get("text")
    if not isinstance(text, str):
        got = "nothing" if _missing(text) else type(text).__name__
        raise ValueError(f"{name}: 'text' must be a string, got {got}")
    record = {"id": doc_id}
    for field in ("title", "url"):
        value = item.get(field)
        if not _missing(value):
            if not isinstance(value, str):
                raise ValueError(f"{name}: '{field}' must be a string, got {type(value).__name__}")
            record[field] = value
    date = _iso_date(item.get("date"), name)
    if date is not None:
        record["date"] = date
    record["text"] = text
    return record


def from_texts(
    texts: Union[Iterable[Union[str, Mapping[str, Any]]], Any],
    actors: Union[None, PathLike, Iterable[PathLike]] = None,
    cues: Union[None, PathLike, Iterable[PathLike]] = None,
    jobs: Optional[int] = None,
    *,
    max_evidence: int = DEFAULT_MAX_EVIDENCE,
    errors: str = "raise",
) -> "Graph":
    """The graph of articles given as strings, or as dicts with ``id``, ``title``,
    ``date``, ``url`` and ``text`` (only ``text`` is needed).

    A list, any iterable, a pandas Series (its index gives the ids) or a DataFrame with
    those columns. A string's id is its position (or Series label); a text is read as
    the same text in a file would be (its date from a date line near the top, unless
    given). A text that is not a string, or is empty, raises a ``ValueError`` naming
    the document.
    """
    records = [_record(i, item) for i, item in _items(texts)]
    with tempfile.TemporaryDirectory(prefix="stancegraph-") as tmp:
        path = os.path.join(tmp, "texts.jsonl")
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            for r in records:
                try:
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
                except UnicodeEncodeError as e:
                    raise ValueError(f"document {r['id']!r}: not valid Unicode ({e.reason})") from None
        native = _native.build(
            [path] if records else [],
            _paths(actors, "actors"),
            _paths(cues, "cues"),
            _jobs(jobs),
            _max_evidence(max_evidence),
            False,
        )
    graph = Graph(native)

    def rename(p: Problem) -> Problem:
        # The temporary file is an implementation detail: name the document instead.
        if p.source != path:
            return p
        if p.line is not None and 0 < p.line <= len(records):
            return p._replace(source=f"document {records[p.line - 1]['id']!r}", line=None)
        return p._replace(source="texts")

    graph._problems = [rename(p) for p in graph._problems]
    return _settle(graph, errors)


class Graph:
    """A stakeholder graph: nodes (actors, persons, outlets) and edges (stances,
    statements, affiliations), each edge with its evidence sentences."""

    def __init__(self, native: "_native.NativeGraph") -> None:
        self._native = native
        self._problems = [Problem(*p) for p in native.problems()]

    @property
    def documents(self) -> int:
        """Documents folded in."""
        return self._native.documents

    @property
    def duplicates(self) -> int:
        """Documents left out as the same text as an earlier one."""
        return self._native.duplicates

    @property
    def problems(self) -> List[Problem]:
        """Inputs skipped or damaged (errors) and caveats (warnings), in input order."""
        return list(self._problems)

    def __len__(self) -> int:
        """Nodes (as ``len`` of a networkx graph)."""
        return self._native.node_count

    @property
    def edge_count(self) -> int:
        """Edges, as many as the JSON lists."""
        return self._native.edge_count

    def __repr__(self) -> str:
        n, e = self._native.node_count, self._native.edge_count
        return f"<stancegraph.Graph: {self.documents} documents, {n} nodes, {e} edges>"

    def to_json(self) -> str:
        """The JSON graph, byte for byte what ``stancegraph build --json`` writes."""
        return self._native.to_json()

    def to_dict(self) -> Dict[str, Any]:
        """The JSON graph as Python objects (``schema/graph.schema.json``)."""
        return json.loads(self._native.to_json())

    def nodes_frame(self) -> "Any":
        """One row per node (a pandas DataFrame): id, label, kind, affiliation, role,
        aliases, mentions, document_count, documents."""
        import pandas as pd

        columns = ["id", "label", "kind", "affiliation", "role", "aliases", "mentions", "document_count", "documents"]
        rows = [{c: n.get(c) for c in columns} for n in self.to_dict()["nodes"]]
        return pd.DataFrame(rows, columns=columns)

    def edges_frame(self) -> "Any":
        """One row per edge (a pandas DataFrame), with the JSON's fields and the labels
        of both ends; ``evidence`` holds the list of evidence dicts."""
        import pandas as pd

        d = self.to_dict()
        labels = {n["id"]: n["label"] for n in d["nodes"]}
        columns = [
            "source", "target", "source_label", "target_label", "relation", "type", "polarity",
            "goldstein", "quote", "count", "confidence", "speculative", "first_date", "last_date", "evidence",
        ]  # fmt: skip
        rows = []
        for e in d["edges"]:
            row = {c: e.get(c) for c in columns}
            row["source_label"] = labels.get(e["source"])
            row["target_label"] = labels.get(e["target"])
            rows.append(row)
        return pd.DataFrame(rows, columns=columns)

    def to_networkx(self) -> "Any":
        """A ``networkx.MultiDiGraph``: node attributes as in the JSON; one edge per
        JSON edge (keys 0, 1, ... between a pair, in the JSON's order), with every
        field (evidence included) as attributes. ``G.graph["documents"]`` lists the
        documents."""
        import networkx as nx

        d = self.to_dict()
        g = nx.MultiDiGraph(format=d["format"], version=d["version"], documents=d["documents"])
        for n in d["nodes"]:
            g.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
        for e in d["edges"]:
            attrs = {k: v for k, v in e.items() if k not in ("source", "target", "tally")}
            g.add_edge(e["source"], e["target"], **attrs)
        return g

    def query(
        self,
        question: str,
        *actors: str,
        speaker: Optional[str] = None,
        actor: Optional[str] = None,
        opposes: Optional[str] = None,
        supports: Optional[str] = None,
        since: Union[None, str, _dt.date] = None,
        until: Union[None, str, _dt.date] = None,
        types: Union[None, str, Sequence[str]] = None,
        polarity: Optional[str] = None,
        doc: Optional[str] = None,
        min_confidence: Optional[float] = None,
        include_speculative: bool = False,
        as_frame: bool = False,
    ) -> Any:
        """Answers what ``stancegraph query`` answers, with the same rows.

        ``query("positions", "China")``, ``query("between", "US", "Taliban")``,
        ``query("who", opposes="US")``, ``query("statements", speaker="Wang Yi")``,
        ``query("matrix", "US", "China", "India")``, ``query("actors")``. Names resolve
        as on the command line (id, label, alias, "Beijing"); an unknown one raises a
        ``ValueError`` with suggestions. Filters as the CLI's flags. Returns the CLI's
        ``--format json`` object, ``{"query", "columns", "rows"}``, or with
        ``as_frame=True`` a pandas DataFrame of the rows (title in ``.attrs["query"]``).
        """
        names = list(actors)
        if question == "who":
            if (opposes is None) == (supports is None):
                raise ValueError("who: say opposes=X or supports=X")
            question = "who-opposes" if opposes is not None else "who-supports"
            names = [opposes if opposes is not None else supports]
        elif question not in ("positions", "between", "statements", "matrix", "actors"):
            raise ValueError(f"no question {question!r}; ask positions, between, who, statements, matrix or actors")
        if question == "positions" and len(names) != 1:
            raise ValueError("positions: name one actor")
        if question == "between" and len(names) != 2:
            raise ValueError("between: name two actors")
        if isinstance(types, str):
            types = [t for t in types.split(",") if t]
        since_s = _iso_date(since, "since")
        until_s = _iso_date(until, "until")
        text = self._native.query(
            question, names, speaker, actor, since_s, until_s, list(types or []),
            polarity, doc, min_confidence, bool(include_speculative),
        )  # fmt: skip
        answer = json.loads(text)
        if not as_frame:
            return answer
        import pandas as pd

        frame = pd.DataFrame(answer["rows"], columns=answer["columns"])
        frame.attrs["query"] = answer["query"]
        return frame

    def write(self, path: PathLike, format: Optional[str] = None) -> List[str]:
        """Writes the graph as ``stancegraph export`` would: ``format`` is a CLI format
        name (``FORMATS``), or told from the file name (``.json``, ``.graphml``,
        ``.node-link.json``...). ``csv`` writes nodes.csv, edges.csv and their Neo4j
        twins into the folder ``path``. Drawings (svg, png, pdf, html) need Graphviz's
        ``dot``. Written atomically; returns the files written."""
        path = os.fspath(path)
        if format is None:
            lower = path.lower()
            format = next((f for suffix, f in _SUFFIXES if lower.endswith(suffix)), None)
            if format is None:
                raise ValueError(f"{path}: cannot tell the format from the name; say format= one of {', '.join(FORMATS)}")
        return [os.fspath(p) for p in self._native.write(path, format)]
