//! The export stage: the graph as JSON (the schema we own, `schema/graph.schema.json`),
//! as DOT through graphviz-rust, and as SVG rendered by Graphviz's `dot`.
//! Every file is written to a temporary file beside its destination and renamed, so a
//! crash never leaves a half-written output.

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod netjson;
pub mod view;
pub mod xml;

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Writes to `path` atomically through `write`, streaming: a large graph is never held
/// as one string.
pub fn write_atomic_with(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, tempfile::NamedTempFile::new_in(dir).map_err(io)?);
    write(&mut out).map_err(io)?;
    let tmp = out.into_inner().map_err(|e| io(e.into_error()))?;
    persist(tmp, path)
}

/// Makes a finished temporary file the output at `path` (same folder, so a rename).
fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    tmp.as_file().sync_all().map_err(io)?;
    // Temporary files are private (0600); an output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(io)?;
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

pub use dot::{graphviz_available, GRAPHVIZ_MISSING};

/// The formats a graph can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    /// The graph itself (`schema/graph.schema.json`): every other format comes from it.
    Json,
    /// Graphviz source, with a key.
    Dot,
    /// Drawn by Graphviz (or, without it, the built-in layout); evidence as tooltips.
    Svg,
    /// Drawn by Graphviz.
    Png,
    /// Drawn by Graphviz, reproducibly (fixed creation date).
    Pdf,
    /// GraphML with typed attributes (Gephi, yEd, Cytoscape, networkx).
    Graphml,
    /// GEXF 1.3 with colours and, for dated evidence, a timeline (Gephi).
    Gexf,
    /// Cytoscape.js elements JSON.
    Cytoscape,
    /// D3 / networkx node-link JSON.
    NodeLink,
    /// nodes.csv and edges.csv (Gephi, Neo4j).
    Csv,
    /// A self-contained page to explore the graph offline.
    Html,
}

impl Format {
    /// Every format, in the order `build --format all` writes them.
    pub const ALL: [Format; 11] = [
        Format::Json,
        Format::Dot,
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Graphml,
        Format::Gexf,
        Format::Cytoscape,
        Format::NodeLink,
        Format::Csv,
        Format::Html,
    ];

    /// The file name(s) it is written to in an output folder.
    pub fn file_names(self) -> &'static [&'static str] {
        match self {
            Format::Json => &["graph.json"],
            Format::Dot => &["graph.dot"],
            Format::Svg => &["graph.svg"],
            Format::Png => &["graph.png"],
            Format::Pdf => &["graph.pdf"],
            Format::Graphml => &["graph.graphml"],
            Format::Gexf => &["graph.gexf"],
            Format::Cytoscape => &["graph.cytoscape.json"],
            Format::NodeLink => &["graph.node-link.json"],
            Format::Csv => &["nodes.csv", "edges.csv", "nodes.neo4j.csv", "edges.neo4j.csv"],
            Format::Html => &["graph.html"],
        }
    }

    /// Drawn only by Graphviz's `dot`, so it needs it on PATH (SVG and HTML fall back
    /// to the built-in layout).
    pub fn needs_graphviz(self) -> bool {
        matches!(self, Format::Png | Format::Pdf)
    }

    /// A drawing: when it cannot be made, the other formats are still written.
    pub fn is_drawing(self) -> bool {
        matches!(self, Format::Svg | Format::Png | Format::Pdf | Format::Html)
    }
}

/// The graph in `format`: one `(file name, bytes)` per file it makes (four for CSV:
/// Gephi's and Neo4j's headers over the same rows).
pub fn render(format: Format, file: &json::GraphFile) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let names = format.file_names();
    let graph = || json::to_graph(file, file.max_evidence.unwrap_or(crate::graph::DEFAULT_MAX_EVIDENCE));
    let one = |bytes: Vec<u8>| Ok(vec![(names[0], bytes)]);
    let pretty = |v: serde_json::Value| {
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
        s.push('\n');
        s.into_bytes()
    };
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(file).unwrap_or_default();
            s.push('\n');
            one(s.into_bytes())
        }
        Format::Dot => one(dot::to_string(&graph()).into_bytes()),
        Format::Svg => one(dot::render(&graph(), dot::Image::Svg)?),
        Format::Png => one(dot::render(&graph(), dot::Image::Png)?),
        Format::Pdf => one(dot::render(&graph(), dot::Image::Pdf)?),
        Format::Graphml => one(graphml::to_string(file).into_bytes()),
        Format::Gexf => one(gexf::to_string(file).into_bytes()),
        Format::Cytoscape => one(pretty(netjson::cytoscape(file))),
        Format::NodeLink => one(pretty(netjson::node_link(file))),
        Format::Csv => Ok(vec![
            (names[0], csv::nodes(file, csv::NODE_HEADER).into_bytes()),
            (names[1], csv::edges(file, csv::EDGE_HEADER).into_bytes()),
            (names[2], csv::nodes(file, csv::NODE_HEADER_NEO4J).into_bytes()),
            (names[3], csv::edges(file, csv::EDGE_HEADER_NEO4J).into_bytes()),
        ]),
        Format::Html => one(html::to_string(&graph(), "stancegraph")?.into_bytes()),
    }
}
