//! The graph as DOT, built with graphviz-rust and styled for reading: support green,
//! opposition red, quotes grey and dashed; shape by kind; each person drawn in a box
//! with the actor they speak for; edge labels give the type and count.
//!
//! graphviz-rust prints ids as given, so every label is quoted and escaped here
//! (`Id::Escaped` with `\` and `"` escaped and newlines as `\n`).

use std::collections::BTreeMap;

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::error::{Error, Result};
use crate::graph::{Node, Polarity, Relation, StanceGraph};

const SUPPORT: &str = "#2e7d32";
const OPPOSE: &str = "#c62828";
const QUOTE: &str = "#757575";

/// A quoted, escaped DOT string.
pub fn quoted(s: &str) -> Id {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), quoted(value))
}

fn shape(kind: &str) -> &'static str {
    match kind {
        "state" | "de_facto_government" => "box",
        "organization" | "format" => "hexagon",
        "armed_group" | "political_group" => "octagon",
        "person" => "ellipse",
        "media" => "note",
        _ => "box",
    }
}

fn node_stmt(n: &Node) -> Stmt {
    let mut attributes = vec![attr("label", &n.label), attr("shape", shape(&n.kind))];
    if n.kind == "person" {
        attributes.push(attr("fontsize", "11"));
    } else {
        attributes.push(attr("style", "filled,rounded"));
        attributes.push(attr("fillcolor", if n.kind == "media" { "#eeeeee" } else { "#e3f2fd" }));
    }
    let tip = match (&n.role, &n.affiliation) {
        (Some(role), _) => format!("{} ({role})", n.label),
        _ => format!("{} [{}]", n.label, n.kind),
    };
    attributes.push(attr("tooltip", &tip));
    // The SVG keeps this id, which the HTML explorer finds the node by.
    attributes.push(attr("id", &format!("n:{}", n.id)));
    Stmt::Node(DotNode { id: NodeId(quoted(&n.id), None), attributes })
}

/// The graph as a graphviz-rust structure.
pub fn to_graph(graph: &StanceGraph) -> Graph {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", "LR"),
            attr("fontname", "Helvetica"),
            attr("label", "stancegraph: who supports and opposes whom, with people beside the actor they speak for"),
            attr("labelloc", "t"),
            attr("overlap", "false"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![attr("fontname", "Helvetica")])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("fontname", "Helvetica"), attr("fontsize", "10")])),
    ];
    // People sit in a box with the actor they speak for.
    let mut members: BTreeMap<&str, Vec<&Node>> = BTreeMap::new();
    let nodes = graph.nodes();
    for n in &nodes {
        if let Some(aff) = n.affiliation.as_deref().filter(|a| graph.get(a).is_some()) {
            members.entry(aff).or_default().push(n);
        }
    }
    for n in &nodes {
        if n.kind == "person" && n.affiliation.as_deref().is_some_and(|a| graph.get(a).is_some()) {
            continue;
        }
        match members.get(n.id.as_str()) {
            Some(people) => {
                let mut inner = vec![
                    Stmt::Attribute(attr("style", "rounded,dashed")),
                    Stmt::Attribute(attr("color", "#90a4ae")),
                    Stmt::Attribute(attr("label", "")),
                    node_stmt(n),
                ];
                inner.extend(people.iter().map(|p| node_stmt(p)));
                let id = Id::Plain(format!("cluster_{}", n.id.replace(|c: char| !c.is_ascii_alphanumeric(), "_")));
                stmts.push(Stmt::Subgraph(Subgraph { id, stmts: inner }));
            }
            None => stmts.push(node_stmt(n)),
        }
    }
    stmts.extend(edge_stmts(graph));
    stmts.push(legend());
    Graph::DiGraph { id: Id::Plain("stancegraph".into()), strict: false, stmts }
}

/// A key in the corner: what colours, strokes and shapes mean.
fn legend() -> Stmt {
    let item = |id: &str, label: &str, shape_: &str| {
        Stmt::Node(DotNode {
            id: NodeId(quoted(id), None),
            attributes: vec![attr("label", label), attr("shape", shape_), attr("fontsize", "10")],
        })
    };
    let dot = |id: &str| {
        Stmt::Node(DotNode {
            id: NodeId(quoted(id), None),
            attributes: vec![attr("label", ""), attr("shape", "point"), attr("width", "0.05")],
        })
    };
    let mut stmts = vec![
        Stmt::Attribute(attr("label", "Key")),
        Stmt::Attribute(attr("style", "rounded")),
        Stmt::Attribute(attr("color", "#b0bec5")),
        Stmt::Attribute(attr("fontsize", "11")),
        item("legend:state", "state", "box"),
        item("legend:org", "organisation", "hexagon"),
        item("legend:group", "armed / political group", "octagon"),
        item("legend:person", "person", "ellipse"),
    ];
    let arrows = [
        ("supports", SUPPORT, "solid"),
        ("opposes", OPPOSE, "solid"),
        ("hedged (would, could)", OPPOSE, "dotted"),
        ("quoted statement", QUOTE, "dashed"),
    ];
    for (i, (label, color, style)) in arrows.into_iter().enumerate() {
        let (a, b) = (format!("legend:{i}a"), format!("legend:{i}b"));
        stmts.push(dot(&a));
        stmts.push(dot(&b));
        stmts.push(edge(
            &a,
            &b,
            vec![attr("label", label), attr("color", color), attr("fontcolor", color), attr("style", style)],
        ));
    }
    Stmt::Subgraph(Subgraph { id: Id::Plain("cluster_legend".into()), stmts })
}

/// An arrow of the drawing, and what the HTML explorer shows when it is clicked.
/// Stances are drawn between the actors people speak for, merged by type and polarity,
/// so a diagram shows one arrow where the JSON keeps each speaker's edge; quotes stay
/// between speaker and target.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DrawnEdge {
    /// Its SVG id.
    pub id: String,
    /// Source actor (or speaker).
    pub source: String,
    /// Target actor.
    pub target: String,
    /// Event type, or "said".
    #[serde(rename = "type")]
    pub kind: String,
    /// support, oppose, neutral, or statement.
    pub polarity: String,
    /// Sentences behind it.
    pub count: usize,
    /// Earliest dated evidence.
    pub first_date: Option<crate::date::Date>,
    /// Latest dated evidence.
    pub last_date: Option<crate::date::Date>,
    /// The evidence (the kept sample of each merged edge).
    pub evidence: Vec<DrawnEvidence>,
    /// Every merged edge is hedged: drawn dotted.
    #[serde(skip)]
    speculative: bool,
    /// The stance's first sentence, or the quote.
    #[serde(skip)]
    tooltip: String,
    /// `None` for quotes.
    #[serde(skip)]
    stance: Option<Polarity>,
}

/// One sentence behind an arrow.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DrawnEvidence {
    /// Document id.
    pub doc: String,
    /// The sentence.
    pub text: String,
    /// Its date.
    pub date: Option<crate::date::Date>,
    /// Who said it, for stances by a person.
    pub by: String,
}

/// The arrows [`to_graph`] draws, in its order (stances, then quotes) and with its ids.
pub fn drawn_edges(graph: &StanceGraph) -> Vec<DrawnEdge> {
    type Key<'a> = (bool, &'a str, &'a str, String, Option<Polarity>);
    let mut drawn: BTreeMap<Key, DrawnEdge> = BTreeMap::new();
    for (source, target, e) in graph.edges() {
        let (a, b, kind, stance) = match (e.relation, e.polarity) {
            (Relation::Stance, Some(p)) => {
                let (Some(a), Some(b)) = (graph.camp(source), graph.camp(target)) else { continue };
                if a == b {
                    continue;
                }
                (a, b, e.kind.as_deref().unwrap_or("stance").replace('_', " "), Some(p))
            }
            (Relation::Statement, _) => (source, target, "said".to_string(), None),
            _ => continue,
        };
        let d = drawn.entry((stance.is_none(), a, b, kind.clone(), stance)).or_insert_with(|| DrawnEdge {
            id: String::new(),
            source: a.to_string(),
            target: b.to_string(),
            kind,
            polarity: stance.map_or("statement".into(), |p| format!("{p:?}").to_lowercase()),
            count: 0,
            first_date: None,
            last_date: None,
            evidence: Vec::new(),
            speculative: e.speculative(),
            tooltip: String::new(),
            stance,
        });
        d.speculative &= e.speculative();
        // Between actors a sentence counts once, whoever of their people said it too.
        let folded = if stance.is_some() { e.tally.folded } else { 0 };
        d.count += e.count().saturating_sub(folded);
        if d.tooltip.is_empty() {
            d.tooltip = match stance {
                Some(_) => e.evidence.first().map_or(String::new(), |x| x.evidence.text.clone()),
                None => e.quote.clone().unwrap_or_default(),
            };
        }
        let (first, last) = e.date_range();
        d.first_date = [d.first_date, first].into_iter().flatten().min();
        d.last_date = [d.last_date, last].into_iter().flatten().max();
        let by = graph.get(source).map_or(source.to_string(), |n| n.label.clone());
        d.evidence.extend(e.evidence.iter().filter(|x| stance.is_none() || !x.folded).map(|x| DrawnEvidence {
            doc: x.evidence.doc.clone(),
            text: x.evidence.text.clone(),
            date: x.evidence.date,
            by: by.clone(),
        }));
    }
    let mut out: Vec<DrawnEdge> = drawn.into_values().collect();
    for (i, d) in out.iter_mut().enumerate() {
        d.id = format!("d{i}");
    }
    out
}

fn edge_stmts(graph: &StanceGraph) -> Vec<Stmt> {
    drawn_edges(graph).iter().map(edge_stmt).collect()
}

fn edge_stmt(d: &DrawnEdge) -> Stmt {
    let label = if d.count > 1 { format!("{} \u{d7}{}", d.kind, d.count) } else { d.kind.clone() };
    let attributes = match d.stance {
        Some(polarity) => {
            let color = match polarity {
                Polarity::Support => SUPPORT,
                Polarity::Oppose => OPPOSE,
                Polarity::Neutral => QUOTE,
            };
            let width = format!("{:.1}", 1.0 + (d.count as f64).ln());
            let mut attributes = vec![
                attr("label", &label),
                attr("color", color),
                attr("fontcolor", color),
                attr("penwidth", &width),
                attr("tooltip", &d.tooltip),
            ];
            if d.speculative {
                attributes.push(attr("style", "dotted"));
            }
            attributes.push(attr("id", &d.id));
            attributes
        }
        None => vec![
            attr("label", &label),
            attr("color", QUOTE),
            attr("fontcolor", QUOTE),
            attr("style", "dashed"),
            attr("tooltip", &d.tooltip),
            attr("id", &d.id),
        ],
    };
    edge(&d.source, &d.target, attributes)
}

fn edge(source: &str, target: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(DotEdge {
        ty: EdgeTy::Pair(Vertex::N(NodeId(quoted(source), None)), Vertex::N(NodeId(quoted(target), None))),
        attributes,
    })
}

/// DOT text.
pub fn to_string(graph: &StanceGraph) -> String {
    let mut s = to_graph(graph).print(&mut PrinterContext::default());
    s.push('\n');
    s
}

/// SVG drawn by Graphviz's `dot`.
pub fn to_svg(graph: &StanceGraph) -> Result<Vec<u8>> {
    render(graph, graphviz_rust::cmd::Format::Svg)
}

/// The drawing in a Graphviz output format (SVG, PNG, PDF).
pub fn render(graph: &StanceGraph, format: graphviz_rust::cmd::Format) -> Result<Vec<u8>> {
    if !super::graphviz_available() {
        return Err(Error::Render(super::GRAPHVIZ_MISSING.into()));
    }
    let args = vec![graphviz_rust::cmd::CommandArg::Format(format)];
    graphviz_rust::exec(to_graph(graph), &mut PrinterContext::default(), args)
        .map_err(|e| Error::Render(format!("Graphviz failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_quoted_and_escaped() {
        let Id::Escaped(s) = quoted("say \"no\"\\ now\nplease") else { panic!("escaped id") };
        assert_eq!(s, "\"say \\\"no\\\"\\\\ now\\nplease\"");
    }
}
