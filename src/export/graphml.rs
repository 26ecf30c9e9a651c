//! GraphML with every attribute declared and typed (`<key attr.type=...>`), so Gephi,
//! yEd, Cytoscape desktop and networkx load it with no unknown attribute types.

use std::fmt::Write;

use super::json::GraphFile;
use super::xml::{declared, edge_values, escape, node_values};

const NODE_KEYS: &[(&str, &str)] = &[
    ("label", "string"),
    ("kind", "string"),
    ("affiliation", "string"),
    ("role", "string"),
    ("aliases", "string"),
    ("mentions", "int"),
    ("document_count", "int"),
];

const EDGE_KEYS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("type", "string"),
    ("polarity", "string"),
    ("goldstein", "double"),
    ("net_goldstein", "double"),
    ("count", "int"),
    ("weight", "double"),
    ("confidence", "double"),
    ("speculative", "boolean"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("quote", "string"),
    ("evidence", "string"),
];

/// The graph as GraphML text.
pub fn to_string(file: &GraphFile) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (domain, keys) in [("node", NODE_KEYS), ("edge", EDGE_KEYS)] {
        for (name, ty) in keys {
            let _ = writeln!(
                out,
                "  <key id=\"{domain}_{name}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
            );
        }
    }
    out.push_str("  <graph id=\"stancegraph\" edgedefault=\"directed\">\n");
    for n in &file.nodes {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&n.id));
        for (name, value) in declared(NODE_KEYS, &node_values(n)) {
            data(&mut out, "node", name, value);
        }
        out.push_str("    </node>\n");
    }
    for (i, e) in file.edges.iter().enumerate() {
        let _ =
            writeln!(out, "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">", escape(&e.source), escape(&e.target));
        for (name, value) in declared(EDGE_KEYS, &edge_values(e)) {
            data(&mut out, "edge", name, value);
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

fn data(out: &mut String, domain: &str, name: &str, value: &str) {
    let _ = writeln!(out, "      <data key=\"{domain}_{name}\">{}</data>", escape(value));
}

/// `--format graphml`.
pub struct GraphmlExporter;

impl super::Exporter for GraphmlExporter {
    fn name(&self) -> &'static str {
        "graphml"
    }
    fn about(&self) -> &'static str {
        "GraphML with typed attributes (Gephi, yEd, Cytoscape, networkx)"
    }
    fn files(&self) -> &'static [&'static str] {
        &["graph.graphml"]
    }
    fn render(&self, file: &GraphFile) -> crate::Result<Vec<Vec<u8>>> {
        Ok(vec![to_string(file).into_bytes()])
    }
}
