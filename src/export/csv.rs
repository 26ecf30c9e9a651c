//! `nodes.csv` and `edges.csv`. Headers follow Gephi's spreadsheet import (`Id`,
//! `Label`; `Source`, `Target`, `Type`, `Weight`), which Neo4j's `LOAD CSV WITH
//! HEADERS` reads as they are. `neo4j-admin database import` wants typed headers
//! (`id:ID`, `:START_ID`, ...): `nodes.neo4j.csv` and `edges.neo4j.csv` are the same
//! rows under those.

use super::json::GraphFile;
use super::xml::{edge_type, first_evidence, polarity, relation, weight};

/// Gephi / LOAD CSV node header.
pub const NODE_HEADER: &[&str] = &["Id", "Label", "Kind", "Affiliation", "Role", "Aliases", "Mentions", "Documents"];
/// neo4j-admin node header: same columns, typed.
pub const NODE_HEADER_NEO4J: &[&str] =
    &["id:ID", "label", ":LABEL", "affiliation", "role", "aliases:string[]", "mentions:int", "documents:int"];
/// Gephi / LOAD CSV edge header.
pub const EDGE_HEADER: &[&str] = &[
    "Source",
    "Target",
    "Type",
    "Relation",
    "EventType",
    "Polarity",
    "Weight",
    "Count",
    "Goldstein",
    "Confidence",
    "Speculative",
    "FirstDate",
    "LastDate",
    "Quote",
    "Evidence",
];
/// neo4j-admin edge header: same columns, typed; the relation is the relationship type.
pub const EDGE_HEADER_NEO4J: &[&str] = &[
    ":START_ID",
    ":END_ID",
    "direction",
    ":TYPE",
    "event_type",
    "polarity",
    "weight:double",
    "count:int",
    "goldstein:double",
    "confidence:double",
    "speculative:boolean",
    "first_date:date",
    "last_date:date",
    "quote",
    "evidence",
];

/// A CSV field, quoted when it must be.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn line(fields: &[String]) -> String {
    let mut s = fields.iter().map(|f| field(f)).collect::<Vec<_>>().join(",");
    s.push('\n');
    s
}

/// A header line.
pub fn header(names: &[&str]) -> String {
    line(&names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
}

/// `nodes.csv` (Gephi's header) or `nodes.neo4j.csv` (neo4j-admin's).
pub fn nodes(file: &GraphFile, names: &[&str]) -> String {
    let mut out = header(names);
    for n in &file.nodes {
        // Neo4j labels are one word: `de_facto_government` stays as it is.
        out.push_str(&line(&[
            n.id.clone(),
            n.label.clone(),
            n.kind.clone(),
            n.affiliation.clone().unwrap_or_default(),
            n.role.clone().unwrap_or_default(),
            n.aliases.join(";"),
            n.mentions.to_string(),
            n.document_count.to_string(),
        ]));
    }
    out
}

/// `edges.csv` (Gephi's header) or `edges.neo4j.csv` (neo4j-admin's).
pub fn edges(file: &GraphFile, names: &[&str]) -> String {
    let mut out = header(names);
    for e in &file.edges {
        out.push_str(&line(&[
            e.source.clone(),
            e.target.clone(),
            "Directed".into(),
            relation(e).to_uppercase(),
            edge_type(e),
            polarity(e).into(),
            weight(e).to_string(),
            e.count.to_string(),
            e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
            e.confidence.to_string(),
            e.speculative.to_string(),
            e.first_date.map(|d| d.to_string()).unwrap_or_default(),
            e.last_date.map(|d| d.to_string()).unwrap_or_default(),
            e.quote.clone().unwrap_or_default(),
            first_evidence(e),
        ]));
    }
    out
}

/// `--format csv`: Gephi's and Neo4j's headers over the same rows.
pub struct CsvExporter;

impl super::Exporter for CsvExporter {
    fn name(&self) -> &'static str {
        "csv"
    }
    fn about(&self) -> &'static str {
        "nodes.csv and edges.csv (Gephi, Neo4j)"
    }
    fn files(&self) -> &'static [&'static str] {
        &["nodes.csv", "edges.csv", "nodes.neo4j.csv", "edges.neo4j.csv"]
    }
    fn render(&self, file: &GraphFile) -> crate::Result<Vec<Vec<u8>>> {
        Ok(vec![
            nodes(file, NODE_HEADER).into_bytes(),
            edges(file, EDGE_HEADER).into_bytes(),
            nodes(file, NODE_HEADER_NEO4J).into_bytes(),
            edges(file, EDGE_HEADER_NEO4J).into_bytes(),
        ])
    }
}
