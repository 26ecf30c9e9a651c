//! The few entry points a binding needs (the Python package in `python/` calls nothing
//! else): build a graph, its JSON, write it in a format, answer a question. They are
//! the CLI's own paths through the library, gathered here so a binding stays a thin
//! layer and follows the library when the stages behind it change.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::export::{self, json, Format};
use crate::extract::Lexicon;
use crate::graph::StanceGraph;
use crate::pipeline::{self, BuildReport, RunOptions};
#[cfg(test)]
use crate::query::Filters;
use crate::query::{render, Answer};

/// The built-in lexicon plus the user's actor and cue files (as `--actors`/`--cues`);
/// a misspelt actor kind is refused with the valid ones.
pub fn lexicon(actors: &[PathBuf], cues: &[PathBuf]) -> Result<Lexicon> {
    lexicon_with_language(actors, cues, &[])
}

/// [`lexicon`] after installing the user's language data (`--lang-data`) on top of the
/// built-in English. The language is the whole process's and is set once, before the
/// first document: with no files the built-in data is used and nothing is installed,
/// so a binding may load lexicons again.
pub fn lexicon_with_language(actors: &[PathBuf], cues: &[PathBuf], lang_data: &[PathBuf]) -> Result<Lexicon> {
    if !lang_data.is_empty() {
        crate::language::install(&read_all(lang_data)?)?;
    }
    let actors = read_all(actors)?;
    for (path, text) in &actors {
        crate::model::check_actor_kinds(path, text)?;
    }
    Lexicon::load(&actors, &read_all(cues)?)
}

fn read_all(paths: &[PathBuf]) -> Result<Vec<(String, String)>> {
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).map_err(|source| Error::Io { path: p.clone(), source })?;
            Ok((p.display().to_string(), text))
        })
        .collect()
}

/// What `stancegraph build PATHS` makes: the same streaming pipeline and thread pool
/// (`options.jobs`, 0 for one thread per core), problems reported, not raised.
pub fn build(
    paths: &[PathBuf],
    lexicon: &Lexicon,
    options: RunOptions,
    max_evidence: usize,
) -> (StanceGraph, BuildReport) {
    let mut graph = StanceGraph::with_max_evidence(max_evidence);
    let report = pipeline::build_into(&mut graph, paths, lexicon, options, &mut pipeline::Silent);
    (graph, report)
}

/// The graph's JSON exactly as `build --json` writes it, byte for byte.
pub fn json_text(graph: &StanceGraph) -> String {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail, and the serializer only writes UTF-8.
    let _ = json::write(graph, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// The formats' names as the CLI takes them (`json`, `node-link`, `graphml`...).
pub fn format_names() -> Vec<String> {
    Format::all().into_iter().map(|f| f.name().to_string()).collect()
}

/// A format by the name the CLI takes, any case.
pub fn format_named(name: &str) -> std::result::Result<Format, String> {
    Format::named(name).ok_or_else(|| format!("'{name}' is not a format; use one of {}", format_names().join(", ")))
}

/// Writes the graph in `format` at `path` (for CSV, a folder that gets the four
/// files), atomically, as `build --format`/`export` do. Returns the files written.
pub fn write(graph: &StanceGraph, format: Format, path: &Path) -> Result<Vec<PathBuf>> {
    if format.needs_graphviz() && !export::graphviz_available() {
        return Err(Error::Render(export::GRAPHVIZ_MISSING.into()));
    }
    if format == Format::Json {
        export::write_atomic_with(path, |out| json::write(graph, out))?;
        return Ok(vec![path.to_path_buf()]);
    }
    let parts = export::render(format, &json::to_file(graph))?;
    let folder = format == Format::Csv;
    let mut written = Vec::new();
    for (name, bytes) in parts {
        let target = if folder { path.join(name) } else { path.to_path_buf() };
        export::write_atomic(&target, &bytes)?;
        written.push(target);
    }
    Ok(written)
}

pub use crate::query::{answer, Question};

/// An answer as `query --format json` prints it.
pub fn answer_json(answer: &Answer) -> String {
    render::json(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus_graph() -> (StanceGraph, Lexicon) {
        let lexicon = lexicon(&[], &[]).expect("built-in lexicon");
        let (graph, report) = build(&[PathBuf::from("data/corpus")], &lexicon, RunOptions::default(), 5);
        assert!(report.documents > 0);
        (graph, lexicon)
    }

    #[test]
    fn json_text_is_what_the_json_module_writes() {
        let (graph, _) = corpus_graph();
        let text = json_text(&graph);
        assert_eq!(json::parse_graph(&text).map(|f| f.nodes.len()), Ok(graph.nodes().len()));
        assert_eq!(text, json::to_string(&graph));
    }

    #[test]
    fn questions_resolve_names_and_unknown_names_fail() {
        let (graph, lexicon) = corpus_graph();
        let file = json::to_file(&graph);
        let filters = Filters::default();
        let found = answer(&file, Some(&lexicon.gazetteer), &Question::Positions("Beijing".into()), &filters);
        assert!(found.is_ok_and(|a| a.title.contains("China") && !a.rows.is_empty()));
        let missing = answer(&file, Some(&lexicon.gazetteer), &Question::Positions("Chnia".into()), &filters);
        assert!(missing.is_err_and(|m| m.contains("did you mean")));
    }

    #[test]
    fn the_summary_counts_what_the_internal_graph_holds() {
        use crate::graph::{Polarity, Relation};
        use crate::model::NodeKind;
        let (graph, _) = corpus_graph();
        let summary = crate::query::Summary::of(&json::to_file(&graph), 7);
        let kinds: Vec<NodeKind> = graph.nodes().iter().map(|n| NodeKind::of(&n.kind)).collect();
        assert_eq!(summary.actors, kinds.iter().filter(|k| k.is_actor()).count());
        assert_eq!(summary.persons, kinds.iter().filter(|&&k| k == NodeKind::Person).count());
        let sentences = |relation, polarity| -> usize {
            graph
                .edges()
                .into_iter()
                .filter(|(_, _, e)| e.relation == relation && e.polarity == polarity)
                .map(|(_, _, e)| e.count())
                .sum()
        };
        assert_eq!(summary.support, sentences(Relation::Stance, Some(Polarity::Support)));
        assert_eq!(summary.oppose, sentences(Relation::Stance, Some(Polarity::Oppose)));
        assert!(summary.support > 0 && summary.oppose > 0 && summary.statements > 0 && summary.documents == 7);
        assert_eq!(summary.strongest.len(), crate::query::Summary::STRONGEST);
        assert!(summary.strongest.windows(2).all(|w| w[0].2.count() >= w[1].2.count()));
    }

    #[test]
    fn a_lexicon_with_a_misspelt_actor_kind_is_refused() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("mine.toml");
        std::fs::write(&path, "[[actor]]\nid = \"x\"\nlabel = \"X\"\nkind = \"stat\"\n").expect("written");
        let refused = lexicon(&[path], &[]).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(refused.contains("unknown kind 'stat'"), "{refused}");
    }

    #[test]
    fn formats_are_named_as_on_the_command_line() {
        assert_eq!(format_named("node-link"), Ok(Format::NodeLink));
        assert_eq!(format_named("GraphML"), Ok(Format::Graphml));
        assert!(format_named("xlsx").is_err_and(|m| m.contains("node-link")));
    }

    #[test]
    fn csv_goes_into_a_folder_of_four_files() {
        let (graph, _) = corpus_graph();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let written = write(&graph, Format::Csv, dir.path()).expect("written");
        assert_eq!(written.len(), 4);
        assert!(written.iter().all(|p| p.is_file()));
    }
}
