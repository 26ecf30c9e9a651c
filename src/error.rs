//! Library errors. Per-document problems are `Diagnostic`s, not errors: an `Error`
//! stops the run (bad lexicon, unwritable output), a diagnostic only skips an input.

use std::path::PathBuf;

/// What can stop a stancegraph run before or after the per-document work.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A gazetteer or cue file that does not parse or breaks a rule of its format.
    #[error("{path}: {message}")]
    Lexicon {
        /// The file (or `<built-in actors.toml>`) that is wrong.
        path: String,
        /// What is wrong, with line and column where TOML gives them.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A graph file that is not a stancegraph graph.
    #[error("{path}: {message}")]
    Graph {
        /// The file involved.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// Graphviz could not render the graph.
    #[error("{0}")]
    Render(String),
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;
