//! GraphML with every attribute declared and typed (`<key attr.type=...>`), so Gephi,
//! yEd, Cytoscape desktop and networkx load it with no unknown attribute types.

use std::fmt::Write;

use super::json::GraphFile;
use super::xml::{edge_type, escape, first_evidence, polarity, relation};

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
        data(&mut out, "node_label", &n.label);
        data(&mut out, "node_kind", &n.kind);
        if let Some(a) = &n.affiliation {
            data(&mut out, "node_affiliation", a);
        }
        if let Some(r) = &n.role {
            data(&mut out, "node_role", r);
        }
        data(&mut out, "node_aliases", &n.aliases.join("; "));
        data(&mut out, "node_mentions", &n.mentions.to_string());
        data(&mut out, "node_document_count", &n.document_count.to_string());
        out.push_str("    </node>\n");
    }
    for (i, e) in file.edges.iter().enumerate() {
        let _ =
            writeln!(out, "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">", escape(&e.source), escape(&e.target));
        data(&mut out, "edge_relation", relation(e));
        data(&mut out, "edge_type", &edge_type(e));
        if !polarity(e).is_empty() {
            data(&mut out, "edge_polarity", polarity(e));
        }
        if let Some(g) = e.goldstein {
            data(&mut out, "edge_goldstein", &g.to_string());
        }
        data(&mut out, "edge_count", &e.count.to_string());
        data(&mut out, "edge_weight", &e.count.max(1).to_string());
        data(&mut out, "edge_confidence", &e.confidence.to_string());
        data(&mut out, "edge_speculative", if e.speculative { "true" } else { "false" });
        if let Some(d) = e.first_date {
            data(&mut out, "edge_first_date", &d.to_string());
        }
        if let Some(d) = e.last_date {
            data(&mut out, "edge_last_date", &d.to_string());
        }
        if let Some(q) = &e.quote {
            data(&mut out, "edge_quote", q);
        }
        let evidence = first_evidence(e);
        if !evidence.is_empty() {
            data(&mut out, "edge_evidence", &evidence);
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", escape(value));
}
