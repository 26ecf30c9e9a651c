//! The two JSON shapes graph libraries read: Cytoscape.js elements (people as compound
//! children of their actor) and the D3 / networkx node-link format.

use serde_json::{json, Map, Value};

use super::json::{EdgeOut, GraphFile, NodeOut};
use super::xml::{edge_type, first_evidence, polarity, relation};

fn node_data(n: &NodeOut) -> Map<String, Value> {
    let mut d = Map::new();
    d.insert("id".into(), json!(n.id));
    d.insert("label".into(), json!(n.label));
    d.insert("kind".into(), json!(n.kind));
    if let Some(a) = &n.affiliation {
        d.insert("affiliation".into(), json!(a));
    }
    if let Some(r) = &n.role {
        d.insert("role".into(), json!(r));
    }
    d.insert("aliases".into(), json!(n.aliases));
    d.insert("mentions".into(), json!(n.mentions));
    d.insert("document_count".into(), json!(n.document_count));
    d
}

fn edge_data(i: usize, e: &EdgeOut) -> Map<String, Value> {
    let mut d = Map::new();
    d.insert("id".into(), json!(format!("e{i}")));
    // Parallel edges stay apart in networkx's multigraph readers only with their own key.
    d.insert("key".into(), json!(format!("e{i}")));
    d.insert("source".into(), json!(e.source));
    d.insert("target".into(), json!(e.target));
    d.insert("relation".into(), json!(relation(e)));
    d.insert("type".into(), json!(edge_type(e)));
    if !polarity(e).is_empty() {
        d.insert("polarity".into(), json!(polarity(e)));
    }
    if let Some(g) = e.goldstein {
        d.insert("goldstein".into(), json!(g));
    }
    d.insert("count".into(), json!(e.count));
    d.insert("weight".into(), json!(super::xml::weight(e)));
    d.insert("confidence".into(), json!(e.confidence));
    d.insert("speculative".into(), json!(e.speculative));
    if let Some(x) = e.first_date {
        d.insert("first_date".into(), json!(x));
    }
    if let Some(x) = e.last_date {
        d.insert("last_date".into(), json!(x));
    }
    if let Some(q) = &e.quote {
        d.insert("quote".into(), json!(q));
    }
    let evidence = first_evidence(e);
    if !evidence.is_empty() {
        d.insert("evidence".into(), json!(evidence));
    }
    d
}

/// Cytoscape.js elements: `{elements: {nodes: [{data}], edges: [{data}]}}`. A person
/// whose actor is in the graph is that actor's compound child (`data.parent`).
pub fn cytoscape(file: &GraphFile) -> Value {
    let ids: std::collections::BTreeSet<&str> = file.nodes.iter().map(|n| n.id.as_str()).collect();
    let nodes: Vec<Value> =
        file.nodes
            .iter()
            .map(|n| {
                let mut d = node_data(n);
                // networkx's reader keys nodes by `value` and names them by `name`.
                d.insert("value".into(), json!(n.id));
                d.insert("name".into(), json!(n.label));
                if let Some(a) = n.affiliation.as_deref().filter(|a| {
                    crate::model::NodeKind::of(&n.kind) == crate::model::NodeKind::Person && ids.contains(a)
                }) {
                    d.insert("parent".into(), json!(a));
                }
                json!({ "data": d })
            })
            .collect();
    let edges: Vec<Value> = file.edges.iter().enumerate().map(|(i, e)| json!({ "data": edge_data(i, e) })).collect();
    // `data`, `directed` and `multigraph` are for networkx's `cytoscape_graph`;
    // Cytoscape.js and Cytoscape desktop read `elements`.
    json!({
        "format_version": "1.0",
        "generated_by": "stancegraph",
        "data": { "name": "stancegraph" },
        "directed": true,
        "multigraph": true,
        "elements": { "nodes": nodes, "edges": edges },
    })
}

/// The node-link format of D3 and networkx (`node_link_graph(data, edges="edges")`):
/// a directed multigraph, since two actors can be linked by several kinds of edge.
pub fn node_link(file: &GraphFile) -> Value {
    let nodes: Vec<Value> = file.nodes.iter().map(|n| Value::Object(node_data(n))).collect();
    let edges: Vec<Value> = file.edges.iter().enumerate().map(|(i, e)| Value::Object(edge_data(i, e))).collect();
    json!({
        "directed": true,
        "multigraph": true,
        "graph": { "name": "stancegraph", "documents": file.documents.len() },
        "nodes": nodes,
        "edges": edges,
    })
}

/// `--format cytoscape`.
pub struct CytoscapeExporter;

impl super::Exporter for CytoscapeExporter {
    fn name(&self) -> &'static str {
        "cytoscape"
    }
    fn about(&self) -> &'static str {
        "Cytoscape.js elements JSON"
    }
    fn files(&self) -> &'static [&'static str] {
        &["graph.cytoscape.json"]
    }
    fn render(&self, file: &GraphFile) -> crate::Result<Vec<Vec<u8>>> {
        Ok(vec![super::pretty(&cytoscape(file))])
    }
}

/// `--format node-link`.
pub struct NodeLinkExporter;

impl super::Exporter for NodeLinkExporter {
    fn name(&self) -> &'static str {
        "node-link"
    }
    fn about(&self) -> &'static str {
        "D3 / networkx node-link JSON"
    }
    fn files(&self) -> &'static [&'static str] {
        &["graph.node-link.json"]
    }
    fn render(&self, file: &GraphFile) -> crate::Result<Vec<Vec<u8>>> {
        Ok(vec![super::pretty(&node_link(file))])
    }
}
