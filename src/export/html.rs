//! One self-contained page to explore a graph offline: the Graphviz drawing inline and
//! a small script of the project's own (no third-party JavaScript, no network). Click an
//! actor for its positions, an arrow for its evidence; filter by polarity, type and date;
//! search to highlight an actor.

use super::dot;
use super::json::{GraphFile, GraphIndex};
use crate::error::Result;

const SCRIPT: &str = include_str!("assets/explorer.js");

const STYLE: &str = "
body{margin:0;font:14px/1.45 system-ui,Helvetica,Arial,sans-serif;color:#212121;display:grid;grid-template-columns:minmax(0,1fr) 360px;grid-template-rows:auto minmax(0,1fr);height:100vh;overflow:hidden}
header{grid-column:1/3;padding:8px 12px;border-bottom:1px solid #ddd;display:flex;gap:14px;align-items:center;flex-wrap:wrap}
header h1{font-size:16px;margin:0 8px 0 0}
#drawing{overflow:hidden;min-height:0;cursor:grab}
#drawing svg{display:block;width:100%;height:100%}
#panel{overflow:auto;border-left:1px solid #ddd;padding:0 14px}
g.node,g.edge{cursor:pointer}
g.selected path,g.selected polygon,g.selected ellipse{stroke-width:3}
g.hit polygon,g.hit ellipse{fill:#fff59d}
.support{color:#2e7d32}.oppose{color:#c62828}.statement,.neutral{color:#616161}
blockquote{margin:4px 0;padding-left:8px;border-left:3px solid #90a4ae}
.source,.meta{color:#616161;font-size:12px}
#count{color:#616161;font-size:12px}
";

/// The page.
pub fn to_string(file: &GraphFile, title: &str) -> Result<String> {
    let graph = GraphIndex::new(file);
    let drawing = dot::drawing(&graph, dot::DrawOptions::default());
    let svg = String::from_utf8_lossy(&dot::render_drawing(&graph, &drawing, dot::Image::Svg)?).into_owned();
    let svg = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
    let nodes: Vec<serde_json::Value> = drawing
        .nodes
        .iter()
        .map(|n| {
            let kind = crate::model::NodeKind::parse(&n.kind).map_or(n.kind.as_str(), |k| k.label());
            serde_json::json!({
                "id": n.id, "label": n.label, "kind": kind, "role": n.role,
                "affiliation": n.affiliation, "aliases": n.aliases,
            })
        })
        .collect();
    let data = serde_json::json!({ "nodes": nodes, "edges": drawing.edges, "note": drawing.left_out });
    // `</` cannot close the data block early.
    let data = data.to_string().replace("</", "<\\/");
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n<label>Find <input id=\"search\" type=\"search\" placeholder=\"actor\"></label>\n<label><input type=\"checkbox\" name=\"polarity\" value=\"support\" checked> support</label>\n<label><input type=\"checkbox\" name=\"polarity\" value=\"oppose\" checked> oppose</label>\n<label><input type=\"checkbox\" name=\"polarity\" value=\"statement\" checked> statements</label>\n<label>Type <select id=\"type\"><option value=\"\">all</option></select></label>\n<label>From <input id=\"since\" type=\"date\"></label>\n<label>to <input id=\"until\" type=\"date\"></label>\n<button id=\"fit\" type=\"button\" title=\"Fit the drawing to the window (wheel zooms, drag pans)\">Fit</button>\n<span id=\"count\"></span>\n</header>\n<main id=\"drawing\">\n{svg}\n</main>\n<aside id=\"panel\"><p>Click an actor to list its positions, or an arrow to read the sentences behind it.</p></aside>\n<script type=\"application/json\" id=\"graph-data\">{data}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        title = super::xml::escape(title),
    ))
}

/// `--format html`.
pub struct HtmlExporter;

impl super::Exporter for HtmlExporter {
    fn name(&self) -> &'static str {
        "html"
    }
    fn about(&self) -> &'static str {
        "a self-contained page to explore the graph offline"
    }
    fn files(&self) -> &'static [&'static str] {
        &["graph.html"]
    }
    fn is_drawing(&self) -> bool {
        true
    }
    fn render(&self, file: &GraphFile) -> Result<Vec<Vec<u8>>> {
        Ok(vec![to_string(file, "stancegraph")?.into_bytes()])
    }
}
