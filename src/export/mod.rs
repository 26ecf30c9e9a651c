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

/// One output format: its name, the files it makes, and how it is written from a graph
/// file. A new format is a type implementing this (in a file of its own) and one line
/// in [`EXPORTERS`].
pub trait Exporter: Sync {
    /// The name `--format` takes.
    fn name(&self) -> &'static str;
    /// One line for `--help`.
    fn about(&self) -> &'static str;
    /// The file name(s) it is written to in an output folder.
    fn files(&self) -> &'static [&'static str];
    /// Drawn only by Graphviz's `dot`, so it needs it on PATH.
    fn needs_graphviz(&self) -> bool {
        false
    }
    /// A drawing: when it cannot be made, the other formats are still written.
    fn is_drawing(&self) -> bool {
        false
    }
    /// The bytes of each file it makes, from the graph file.
    fn render(&self, file: &json::GraphFile) -> Result<Vec<Vec<u8>>>;
}

/// Every format, in the order `build --format all` writes them.
pub static EXPORTERS: &[&dyn Exporter] = &[
    &json::JsonExporter,
    &dot::DotExporter,
    &dot::ImageExporter(dot::Image::Svg),
    &dot::ImageExporter(dot::Image::Png),
    &dot::ImageExporter(dot::Image::Pdf),
    &graphml::GraphmlExporter,
    &gexf::GexfExporter,
    &netjson::CytoscapeExporter,
    &netjson::NodeLinkExporter,
    &csv::CsvExporter,
    &html::HtmlExporter,
];

/// A format: a handle on its entry in [`EXPORTERS`], ordered as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Format(usize);

#[allow(non_upper_case_globals)]
impl Format {
    /// The graph itself (`schema/graph.schema.json`): every other format comes from it.
    pub const Json: Format = Format(0);
    /// Graphviz source, with a key.
    pub const Dot: Format = Format(1);
    /// Drawn by Graphviz (or, without it, the built-in layout); evidence as tooltips.
    pub const Svg: Format = Format(2);
    /// Drawn by Graphviz.
    pub const Png: Format = Format(3);
    /// Drawn by Graphviz, reproducibly (fixed creation date).
    pub const Pdf: Format = Format(4);
    /// GraphML with typed attributes (Gephi, yEd, Cytoscape, networkx).
    pub const Graphml: Format = Format(5);
    /// GEXF 1.3 with colours and, for dated evidence, a timeline (Gephi).
    pub const Gexf: Format = Format(6);
    /// Cytoscape.js elements JSON.
    pub const Cytoscape: Format = Format(7);
    /// D3 / networkx node-link JSON.
    pub const NodeLink: Format = Format(8);
    /// nodes.csv and edges.csv (Gephi, Neo4j).
    pub const Csv: Format = Format(9);
    /// A self-contained page to explore the graph offline.
    pub const Html: Format = Format(10);

    /// Every format, as a constant (what [`Format::all`] gives while the registry holds
    /// these eleven).
    pub const ALL: [Format; 11] = [
        Format(0),
        Format(1),
        Format(2),
        Format(3),
        Format(4),
        Format(5),
        Format(6),
        Format(7),
        Format(8),
        Format(9),
        Format(10),
    ];

    /// Every format, in the order `build --format all` writes them.
    pub fn all() -> Vec<Format> {
        (0..EXPORTERS.len()).map(Format).collect()
    }

    /// The format a name (`graphml`, `node-link`, any case) stands for.
    pub fn named(name: &str) -> Option<Format> {
        EXPORTERS.iter().position(|e| e.name().eq_ignore_ascii_case(name.trim())).map(Format)
    }

    /// Its exporter.
    pub fn exporter(self) -> &'static dyn Exporter {
        EXPORTERS[self.0]
    }

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        self.exporter().name()
    }

    /// The file name(s) it is written to in an output folder.
    pub fn file_names(self) -> &'static [&'static str] {
        self.exporter().files()
    }

    /// Drawn only by Graphviz's `dot`, so it needs it on PATH (SVG and HTML fall back
    /// to the built-in layout).
    pub fn needs_graphviz(self) -> bool {
        self.exporter().needs_graphviz()
    }

    /// A drawing: when it cannot be made, the other formats are still written.
    pub fn is_drawing(self) -> bool {
        self.exporter().is_drawing()
    }
}

/// The graph in `format`: one `(file name, bytes)` per file it makes (four for CSV:
/// Gephi's and Neo4j's headers over the same rows).
pub fn render(format: Format, file: &json::GraphFile) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let exporter = format.exporter();
    Ok(exporter.files().iter().copied().zip(exporter.render(file)?).collect())
}

/// Writes a graph file in `format` at `path` (for several files, beside it, under their
/// own names): the library's one call for "this graph, in that format, there".
pub fn write_file(format: Format, file: &json::GraphFile, path: &Path) -> Result<()> {
    let parts = render(format, file)?;
    let many = parts.len() > 1;
    for (name, bytes) in parts {
        let target = if many { path.with_file_name(name) } else { path.to_path_buf() };
        write_atomic(&target, &bytes)?;
    }
    Ok(())
}

/// Pretty JSON ending in a newline.
fn pretty<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}
