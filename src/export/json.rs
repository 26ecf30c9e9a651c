//! The graph as JSON: nodes and edges with evidence, in the schema published at
//! `schema/graph.schema.json` (a superset of the evaluation contract). Written from
//! export types, not by serialising internal structs wholesale, so the format only
//! changes on purpose.

use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::extract::Evidence;
use crate::graph::{DocumentInfo, Edge, EdgeEvidence, Node, Polarity, Relation, StanceGraph, Tally};

/// The format's version; readers refuse other versions.
pub const FORMAT_VERSION: u32 = 1;

/// The whole file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GraphFile {
    /// Always "stancegraph".
    pub format: String,
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// Evidence kept per edge at most (counts cover all of it).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub max_evidence: Option<usize>,
    /// Documents folded in.
    pub documents: Vec<DocumentOut>,
    /// Nodes, sorted by id.
    pub nodes: Vec<NodeOut>,
    /// Edges, sorted by source, target, relation, type.
    pub edges: Vec<EdgeOut>,
}

/// A document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocumentOut {
    /// Document id.
    pub id: String,
    /// Its date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<Date>,
    /// Hash of its text (xxh3-64, hex): the same article is counted once.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub hash: Option<String>,
}

/// A node. `S` is `String` when read or built to keep, `&str` when written straight
/// from a graph: copying every string of a large graph was a quarter of writing it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NodeOut<S = String> {
    /// Canonical id.
    pub id: S,
    /// Display name.
    pub label: S,
    /// `state`, `de_facto_government`, `organization`, `format`, `armed_group`,
    /// `political_group`, `person`, `media`, `topic` (the target of a statement with no
    /// counterpart actor).
    pub kind: S,
    /// Surface forms seen in the documents.
    pub aliases: Vec<S>,
    /// Persons: the actor they speak for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub affiliation: Option<S>,
    /// Persons: their role as printed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role: Option<S>,
    /// Mentions across documents.
    pub mentions: usize,
    /// Documents that name it: the first ids in sort order, at most `max_evidence`.
    pub documents: Vec<S>,
    /// How many documents name it.
    #[serde(default)]
    pub document_count: usize,
}

/// An edge; `S` and `T` as for [`NodeOut`], `T` being the tally or a reference to it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EdgeOut<S = String, T = Tally> {
    /// Source node id.
    pub source: S,
    /// Target node id.
    pub target: S,
    /// `stance`, `statement` or `affiliation`.
    pub relation: Relation,
    /// Event type (stances), "statement" (quotes).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none", default)]
    pub kind: Option<S>,
    /// Stances: support or oppose.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub polarity: Option<Polarity>,
    /// Stances: Goldstein score of one occurrence.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub goldstein: Option<f64>,
    /// Statements: the quoted words.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub quote: Option<S>,
    /// Distinct sentences that say it.
    pub count: usize,
    /// 0..1.
    pub confidence: f64,
    /// Every piece of evidence is hedged ("would", "could").
    pub speculative: bool,
    /// Earliest dated evidence.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub first_date: Option<Date>,
    /// Latest dated evidence.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub last_date: Option<Date>,
    /// Where it is said: the best-ranked sentences, at most the file's `max_evidence`
    /// (plain before hedged, then most confident, earliest), in document order.
    pub evidence: Vec<EvidenceOut<S>>,
    /// The exact figures behind count, confidence and Goldstein, so graphs can be merged
    /// without the evidence that was left out.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tally: Option<T>,
}

/// One piece of evidence; `S` as for [`NodeOut`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EvidenceOut<S = String> {
    /// Document id.
    pub doc: S,
    /// The sentence, exactly as in the document.
    pub text: S,
    /// Byte offset in the document.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Its date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<Date>,
    /// The cue word(s).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cue: Option<S>,
    /// Hedged here.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub speculative: bool,
    /// Confidence of this piece.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub confidence: Option<f64>,
    /// Goldstein score of this piece's cue.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub goldstein: Option<f64>,
    /// Another edge between the same two actors (a person's beside their actor's)
    /// already counts this sentence: an actor-level view counts it once.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub folded: bool,
}

impl EdgeOut {
    /// The exact figures over all the edge's evidence: the tally when evidence was left
    /// out, else counted from the evidence listed (which is then all of it).
    pub fn full_tally(&self) -> Tally {
        self.tally.clone().unwrap_or_else(|| {
            let mut t = Tally::default();
            for x in &self.evidence {
                t.count_piece(&evidence_in(x, self));
            }
            t
        })
    }

    /// Whether the evidence listed is every sentence behind the edge.
    pub fn evidence_complete(&self) -> bool {
        self.tally.is_none() || self.evidence.len() >= self.count
    }
}

/// A piece of evidence as the graph keeps it.
fn evidence_in(x: &EvidenceOut, e: &EdgeOut) -> EdgeEvidence {
    EdgeEvidence {
        evidence: Evidence { doc: x.doc.clone(), text: x.text.clone(), start: x.start, end: x.end, date: x.date },
        cue: x.cue.clone(),
        speculative: x.speculative,
        confidence: x.confidence.unwrap_or(e.confidence),
        goldstein: x.goldstein.or(e.goldstein),
        folded: x.folded,
    }
}

/// The export view of a graph.
pub fn to_file(graph: &StanceGraph) -> GraphFile {
    let documents = graph.documents.sorted().into_iter().map(|(id, info)| document_out(id, info)).collect();
    GraphFile {
        format: "stancegraph".into(),
        version: FORMAT_VERSION,
        max_evidence: Some(graph.max_evidence()),
        documents,
        nodes: nodes_out(graph).collect(),
        edges: edges_out(graph).collect(),
    }
}

fn document_out(id: &str, info: &DocumentInfo) -> DocumentOut {
    DocumentOut { id: id.to_string(), date: info.date, hash: info.hash.map(|h| format!("{h:016x}")) }
}

/// A kept copy of a tally, so [`edges_out`] builds owned and borrowed edges alike.
impl From<&Tally> for Tally {
    fn from(tally: &Tally) -> Self {
        tally.clone()
    }
}

/// Nodes in id order, with strings of type `S`: owned for [`to_file`], borrowed for [`write`].
fn nodes_out<'a, S: From<&'a str>>(graph: &'a StanceGraph) -> impl Iterator<Item = NodeOut<S>> + 'a {
    graph.nodes().into_iter().map(|n| NodeOut {
        id: S::from(&n.id),
        label: S::from(&n.label),
        kind: S::from(&n.kind),
        aliases: n.aliases.iter().map(|a| S::from(a)).collect(),
        affiliation: n.affiliation.as_deref().map(S::from),
        role: n.role.as_deref().map(S::from),
        mentions: n.mentions,
        documents: n.documents.iter().map(|d| S::from(d)).collect(),
        document_count: n.document_count,
    })
}

/// Edges in the graph's stable order, with strings of type `S` and the tally as `T`,
/// as for [`nodes_out`].
fn edges_out<'a, S: From<&'a str>, T: From<&'a Tally>>(
    graph: &'a StanceGraph,
) -> impl Iterator<Item = EdgeOut<S, T>> + 'a {
    graph.edges().into_iter().map(|(source, target, e)| {
        let (first_date, last_date) = e.date_range();
        EdgeOut {
            source: S::from(source),
            target: S::from(target),
            relation: e.relation,
            kind: e.kind.as_deref().map(S::from),
            polarity: e.polarity,
            goldstein: e.goldstein(),
            quote: e.quote.as_deref().map(S::from),
            // A person speaks for their actor in every document that names them.
            count: match e.relation {
                Relation::Affiliation => graph.get(source).map_or(0, |n| n.document_count),
                _ => e.count(),
            },
            confidence: if e.relation == Relation::Affiliation { 1.0 } else { e.confidence() },
            speculative: e.speculative(),
            first_date,
            last_date,
            evidence: e
                .evidence
                .iter()
                .map(|x| EvidenceOut {
                    doc: S::from(&x.evidence.doc),
                    text: S::from(&x.evidence.text),
                    start: x.evidence.start,
                    end: x.evidence.end,
                    date: x.evidence.date,
                    cue: x.cue.as_deref().map(S::from),
                    speculative: x.speculative,
                    confidence: Some(x.confidence),
                    goldstein: x.goldstein,
                    folded: x.folded,
                })
                .collect(),
            // Only where evidence was left out: otherwise the evidence is the tally.
            tally: (e.count() > e.evidence.len()).then(|| T::from(&e.tally)),
        }
    })
}

/// A graph file back into a graph that more documents or graphs can be folded into,
/// keeping at most `max_evidence` pieces per edge.
pub fn to_graph(file: &GraphFile, max_evidence: usize) -> StanceGraph {
    let mut graph = StanceGraph::with_max_evidence(max_evidence);
    for d in &file.documents {
        let hash = d.hash.as_deref().and_then(|h| u64::from_str_radix(h, 16).ok());
        graph.add_document(&d.id, DocumentInfo { date: d.date, hash });
    }
    for n in &file.nodes {
        graph.merge_node(Node {
            id: n.id.clone(),
            label: n.label.clone(),
            kind: n.kind.clone(),
            aliases: n.aliases.iter().cloned().collect(),
            affiliation: n.affiliation.clone(),
            role: n.role.clone(),
            mentions: n.mentions,
            documents: n.documents.iter().cloned().collect(),
            document_count: n.document_count.max(n.documents.len()),
        });
    }
    for n in &file.nodes {
        if let Some(actor) = &n.affiliation {
            graph.affiliate(&n.id, actor);
        }
    }
    for e in &file.edges {
        let evidence: Vec<EdgeEvidence> = e.evidence.iter().map(|x| evidence_in(x, e)).collect();
        let tally = e.full_tally();
        let edge = Edge {
            relation: e.relation,
            kind: e.kind.clone(),
            polarity: e.polarity,
            quote: e.quote.clone(),
            evidence,
            tally,
        };
        graph.merge_edge(&e.source, &e.target, edge);
    }
    graph
}

/// The graph as a JSON value.
pub fn to_value(graph: &StanceGraph) -> serde_json::Value {
    serde_json::to_value(to_file(graph)).unwrap_or(serde_json::Value::Null)
}

/// Pretty JSON text, ending in a newline.
pub fn to_string(graph: &StanceGraph) -> String {
    let mut s = serde_json::to_string_pretty(&to_file(graph)).unwrap_or_default();
    s.push('\n');
    s
}

/// Reads a graph file's text, refusing truncated, foreign and other-version files
/// with a message that says which.
pub fn parse_graph(text: &str) -> std::result::Result<GraphFile, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            format!("truncated JSON ({e})")
        } else {
            format!("not JSON ({e})")
        }
    })?;
    if value.get("format").and_then(serde_json::Value::as_str) != Some("stancegraph") {
        return Err("not a stancegraph graph (no \"format\": \"stancegraph\")".into());
    }
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) => return Err(format!("graph format version {v}; this stancegraph reads version {FORMAT_VERSION}")),
        None => return Err("no format version".into()),
    }
    serde_json::from_value(value).map_err(|e| format!("malformed graph: {e}"))
}

mod stream;

/// Writes the pretty JSON graph to `out`, ending in a newline: what [`to_string`]
/// gives, written from borrowed views of the graph (see [`stream`]).
pub fn write(graph: &StanceGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let parts = stream::FileParts {
        version: FORMAT_VERSION,
        max_evidence: graph.max_evidence(),
        documents: graph.documents.sorted(),
        nodes: nodes_out(graph).collect(),
        edges: edges_out(graph).collect(),
    };
    stream::PrettyWriter::new(out).file(&parts)
}

/// serde_json's pretty layout (two spaces a level), each line break written with its
/// indentation as one slice (the stock formatter writes it a level at a time): what
/// [`stream`] lays the values it leaves to serde_json out with.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

/// A comma, a line break and the indentation of the deepest level written in one slice.
const BREAK: &[u8] = b",\n                                        ";

impl Pretty {
    /// A line break (after a comma unless `first`) indented to the current depth.
    fn line_break<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> std::io::Result<()> {
        let from = usize::from(first);
        let to = 2 + 2 * self.depth;
        if to <= BREAK.len() {
            return writer.write_all(&BREAK[from..to]);
        }
        writer.write_all(&BREAK[from..2])?;
        (0..self.depth).try_for_each(|_| writer.write_all(b"  "))
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, mark: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line_break(writer, true)?;
        }
        writer.write_all(mark)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        self.line_break(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        self.line_break(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// One line of JSON for one document's graph: what `stancegraph extract` writes.
pub fn to_line(graph: &StanceGraph) -> String {
    let mut s = serde_json::to_string(&to_file(graph)).unwrap_or_default();
    s.push('\n');
    s
}

/// A graph file with its nodes found by id: the one representation every exporter and
/// every query reads.
#[derive(Debug)]
pub struct GraphIndex<'f> {
    /// The file.
    pub file: &'f GraphFile,
    nodes: std::collections::HashMap<&'f str, &'f NodeOut>,
}

impl<'f> GraphIndex<'f> {
    /// Indexes a file's nodes.
    pub fn new(file: &'f GraphFile) -> Self {
        Self { file, nodes: file.nodes.iter().map(|n| (n.id.as_str(), n)).collect() }
    }

    /// A node by id.
    pub fn get(&self, id: &str) -> Option<&'f NodeOut> {
        self.nodes.get(id).copied()
    }

    /// The collective actor a node stands for ([`crate::model::camp`]).
    pub fn camp(&self, id: &str) -> Option<&'f str> {
        let n = self.get(id)?;
        crate::model::camp(n.id.as_str(), &n.kind, n.affiliation.as_deref())
    }

    /// A node's label, or the id when it has none.
    pub fn label(&self, id: &str) -> String {
        self.get(id).map_or_else(|| id.to_string(), |n| n.label.clone())
    }
}

/// `--format json`.
pub struct JsonExporter;

impl super::Exporter for JsonExporter {
    fn name(&self) -> &'static str {
        "json"
    }
    fn about(&self) -> &'static str {
        "the graph itself (schema/graph.schema.json): every other format comes from it"
    }
    fn files(&self) -> &'static [&'static str] {
        &["graph.json"]
    }
    fn render(&self, file: &GraphFile) -> crate::Result<Vec<Vec<u8>>> {
        Ok(vec![super::pretty(file)])
    }
}
