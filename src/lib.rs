//! stancegraph: news articles in, a stakeholder graph out.
//!
//! The pipeline runs one way, one module per stage:
//! [`ingest`] (paths to documents) → [`text`] (paragraphs, furniture, sentences,
//! tokens) → [`lexicon`] (gazetteer and cue lexicon) → [`extract`] (actors, quotes,
//! stances with evidence) → [`graph`] (one node per actor across documents, merged
//! edges) → [`export`] (JSON, DOT, SVG).
//!
//! ```
//! use stancegraph::{extract::Lexicon, ingest::Document, graph::StanceGraph};
//! let lex = Lexicon::load(&[], &[]).unwrap();
//! let doc = Document {
//!     id: "a.txt".into(), title: None, date: None, url: None,
//!     text: "The Taliban rejected the U.S. demand on Friday.".into(),
//! };
//! let mut graph = StanceGraph::default();
//! graph.add(stancegraph::extract::extract(&doc, &lex));
//! let json = stancegraph::export::json::to_value(&graph);
//! assert_eq!(json["edges"][0]["source"], "taliban");
//! assert_eq!(json["edges"][0]["polarity"], "oppose");
//! ```
#![deny(missing_docs)]

pub mod api;
pub mod date;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod language;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod query;
pub mod text;

pub use error::{Error, Result};

use std::path::PathBuf;

/// Reads every input, extracts each document and folds it into one graph. Problems
/// with single inputs come back as diagnostics; the rest still goes through.
pub fn build_graph(
    paths: &[PathBuf],
    lexicon: &extract::Lexicon,
) -> (graph::StanceGraph, Vec<ingest::Diagnostic>, usize) {
    build_graph_with(paths, lexicon, ingest::ReadOptions::default())
}

/// [`build_graph`] with reading options (`--strict`), on one thread.
pub fn build_graph_with(
    paths: &[PathBuf],
    lexicon: &extract::Lexicon,
    options: ingest::ReadOptions,
) -> (graph::StanceGraph, Vec<ingest::Diagnostic>, usize) {
    let mut graph = graph::StanceGraph::default();
    let run = pipeline::RunOptions { read: options, jobs: 1 };
    let report = pipeline::build_into(&mut graph, paths, lexicon, run, &mut pipeline::Silent);
    (graph, report.diagnostics, report.documents)
}
