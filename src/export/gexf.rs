//! GEXF 1.3 for Gephi: typed attributes, `viz` colours and sizes, and, when the
//! evidence is dated, a dynamic graph whose edges live from their first to their last
//! dated sentence, so Gephi's timeline plays the story.

use std::fmt::Write;

use super::json::GraphFile;
use super::xml::{declared, edge_rgb, edge_type, edge_values, escape, node_rgb, node_values};

const NODE_ATTRS: &[(&str, &str)] = &[
    ("kind", "string"),
    ("affiliation", "string"),
    ("role", "string"),
    ("mentions", "integer"),
    ("document_count", "integer"),
];

const EDGE_ATTRS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("type", "string"),
    ("polarity", "string"),
    ("goldstein", "double"),
    ("net_goldstein", "double"),
    ("count", "integer"),
    ("confidence", "double"),
    ("speculative", "boolean"),
    ("evidence", "string"),
];

/// The graph as GEXF 1.3 text.
pub fn to_string(file: &GraphFile) -> String {
    let dynamic = file.edges.iter().any(|e| e.first_date.is_some());
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n",
    );
    out.push_str("  <meta>\n    <creator>stancegraph</creator>\n    <description>Actors and the stances, statements and affiliations between them, with evidence</description>\n  </meta>\n");
    if dynamic {
        out.push_str("  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n");
    } else {
        out.push_str("  <graph defaultedgetype=\"directed\" mode=\"static\">\n");
    }
    for (class, attrs) in [("node", NODE_ATTRS), ("edge", EDGE_ATTRS)] {
        let _ = writeln!(out, "    <attributes class=\"{class}\">");
        for (name, ty) in attrs {
            let _ = writeln!(out, "      <attribute id=\"{name}\" title=\"{name}\" type=\"{ty}\"/>");
        }
        out.push_str("    </attributes>\n");
    }
    out.push_str("    <nodes>\n");
    for n in &file.nodes {
        let _ = writeln!(out, "      <node id=\"{}\" label=\"{}\">", escape(&n.id), escape(&n.label));
        out.push_str("        <attvalues>\n");
        for (name, v) in declared(NODE_ATTRS, &node_values(n)) {
            value(&mut out, name, v);
        }
        out.push_str("        </attvalues>\n");
        let (r, g, b) = node_rgb(n);
        let size = 5.0 + (n.mentions as f64).ln_1p() * 3.0;
        let _ = writeln!(
            out,
            "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>\n        <viz:size value=\"{size:.1}\"/>"
        );
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in file.edges.iter().enumerate() {
        let mut spell = String::new();
        if let (true, Some(start), Some(end)) = (dynamic, e.first_date, e.last_date) {
            spell = format!(" start=\"{start}\" end=\"{end}\"");
        }
        let _ = writeln!(
            out,
            "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\" weight=\"{}\" label=\"{}\"{spell}>",
            escape(&e.source),
            escape(&e.target),
            e.count.max(1),
            escape(&edge_type(e).replace('_', " ")),
        );
        out.push_str("        <attvalues>\n");
        for (name, v) in declared(EDGE_ATTRS, &edge_values(e)) {
            value(&mut out, name, v);
        }
        out.push_str("        </attvalues>\n");
        let (r, g, b) = edge_rgb(e);
        let _ = writeln!(out, "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>");
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

fn value(out: &mut String, key: &str, v: &str) {
    let _ = writeln!(out, "          <attvalue for=\"{key}\" value=\"{}\"/>", escape(v));
}

/// `--format gexf`.
pub struct GexfExporter;

impl super::Exporter for GexfExporter {
    fn name(&self) -> &'static str {
        "gexf"
    }
    fn about(&self) -> &'static str {
        "GEXF 1.3 with colours and, for dated evidence, a timeline (Gephi)"
    }
    fn files(&self) -> &'static [&'static str] {
        &["graph.gexf"]
    }
    fn render(&self, file: &GraphFile) -> crate::Result<Vec<Vec<u8>>> {
        Ok(vec![to_string(file).into_bytes()])
    }
}
