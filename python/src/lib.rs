//! The native half of the `stancegraph` Python package: a thin layer over
//! `stancegraph::api` (build, JSON, write, query). Everything Python-shaped (argument
//! checking, pandas, networkx) lives in `stancegraph/__init__.py`.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use stancegraph::api::{self, Question};
use stancegraph::date::Date;
use stancegraph::export::json::{self, GraphFile};
use stancegraph::extract::Lexicon;
use stancegraph::graph::{Polarity, StanceGraph};
use stancegraph::ingest::{Diagnostic, ReadOptions, Severity};
use stancegraph::pipeline::RunOptions;
use stancegraph::query::Filters;

/// A built graph, with the lexicon it was built with (names in questions resolve
/// through it, as the CLI's do) and the problems met on the way.
#[pyclass(module = "stancegraph._native")]
struct NativeGraph {
    graph: StanceGraph,
    lexicon: Arc<Lexicon>,
    file: OnceLock<GraphFile>,
    problems: Vec<Diagnostic>,
    documents: usize,
    duplicates: usize,
}

fn library_error(e: stancegraph::Error) -> PyErr {
    match e {
        stancegraph::Error::Io { .. } => PyOSError::new_err(e.to_string()),
        stancegraph::Error::Lexicon { .. } | stancegraph::Error::Graph { .. } => PyValueError::new_err(e.to_string()),
        stancegraph::Error::Render(_) => PyRuntimeError::new_err(e.to_string()),
    }
}

/// Builds the graph of files and folders, as `stancegraph build` does, with the GIL
/// released while the pool extracts.
#[pyfunction]
#[pyo3(signature = (paths, actors, cues, jobs, max_evidence, strict))]
fn build(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    actors: Vec<PathBuf>,
    cues: Vec<PathBuf>,
    jobs: usize,
    max_evidence: usize,
    strict: bool,
) -> PyResult<NativeGraph> {
    let built = py.detach(|| -> stancegraph::Result<_> {
        let lexicon = api::lexicon(&actors, &cues)?;
        let options = RunOptions { read: ReadOptions { strict }, jobs };
        let (graph, report) = api::build(&paths, &lexicon, options, max_evidence.max(1));
        Ok((graph, lexicon, report))
    });
    let (graph, lexicon, report) = built.map_err(library_error)?;
    Ok(NativeGraph {
        graph,
        lexicon: Arc::new(lexicon),
        file: OnceLock::new(),
        problems: report.diagnostics,
        documents: report.documents,
        duplicates: report.duplicates,
    })
}

/// The format names `write` takes, as the CLI's `--format` does.
#[pyfunction]
fn formats() -> Vec<String> {
    api::format_names()
}

fn parse_date(name: &str, value: Option<String>) -> PyResult<Option<Date>> {
    value
        .map(|s| {
            Date::parse_iso(&s).ok_or_else(|| PyValueError::new_err(format!("{name}: '{s}' is not a YYYY-MM-DD date")))
        })
        .transpose()
}

impl NativeGraph {
    fn file(&self) -> &GraphFile {
        self.file.get_or_init(|| json::to_file(&self.graph))
    }
}

#[pymethods]
impl NativeGraph {
    /// The JSON graph, byte for byte what `stancegraph build --json` writes.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| api::json_text(&self.graph))
    }

    /// Documents folded in.
    #[getter]
    fn documents(&self) -> usize {
        self.documents
    }

    /// Nodes, as many as the JSON lists.
    #[getter]
    fn node_count(&self) -> usize {
        self.graph.nodes().len()
    }

    /// Edges, as many as the JSON lists.
    #[getter]
    fn edge_count(&self) -> usize {
        self.graph.edges().len()
    }

    /// Documents left out as the same text as an earlier one.
    #[getter]
    fn duplicates(&self) -> usize {
        self.duplicates
    }

    /// Problems met: (source, line, severity, reason, message), in input order.
    fn problems(&self) -> Vec<(String, Option<usize>, String, String, String)> {
        self.problems
            .iter()
            .map(|d| {
                let severity = if d.severity == Severity::Error { "error" } else { "warning" };
                (d.source.clone(), d.line, severity.to_string(), d.reason.to_string(), d.message.clone())
            })
            .collect()
    }

    /// Writes the graph in a format (a CLI format name) at `path`; returns the files.
    fn write(&self, py: Python<'_>, path: PathBuf, format: &str) -> PyResult<Vec<PathBuf>> {
        let format = api::format_named(format).map_err(PyValueError::new_err)?;
        py.detach(|| api::write(&self.graph, format, &path)).map_err(library_error)
    }

    /// Answers a question as `stancegraph query ... --format json` does; returns that JSON.
    #[pyo3(signature = (question, names, speaker, actor, since, until, types, polarity, doc, min_confidence, include_speculative))]
    #[allow(clippy::too_many_arguments)]
    fn query(
        &self,
        question: &str,
        names: Vec<String>,
        speaker: Option<String>,
        actor: Option<String>,
        since: Option<String>,
        until: Option<String>,
        types: Vec<String>,
        polarity: Option<String>,
        doc: Option<String>,
        min_confidence: Option<f64>,
        include_speculative: bool,
    ) -> PyResult<String> {
        let polarity_of = |p: &str| match p {
            "support" => Ok(Polarity::Support),
            "oppose" => Ok(Polarity::Oppose),
            other => Err(PyValueError::new_err(format!("polarity: '{other}' is not 'support' or 'oppose'"))),
        };
        let one = |names: &[String]| names.first().cloned().ok_or_else(|| PyValueError::new_err("an actor is needed"));
        let question = match question {
            "positions" => Question::Positions(one(&names)?),
            "between" if names.len() == 2 => Question::Between(names[0].clone(), names[1].clone()),
            "between" => return Err(PyValueError::new_err("between needs two actors")),
            "who-opposes" => Question::Who(one(&names)?, Polarity::Oppose),
            "who-supports" => Question::Who(one(&names)?, Polarity::Support),
            "statements" => Question::Statements { speaker, actor },
            "matrix" => Question::Matrix(names),
            "actors" => Question::Actors,
            other => return Err(PyValueError::new_err(format!("no question '{other}'"))),
        };
        let filters = Filters {
            since: parse_date("since", since)?,
            until: parse_date("until", until)?,
            types,
            polarity: polarity.as_deref().map(polarity_of).transpose()?,
            doc,
            min_confidence,
            include_speculative,
        };
        let answer = api::answer(self.file(), Some(&self.lexicon.gazetteer), &question, &filters)
            .map_err(PyValueError::new_err)?;
        Ok(api::answer_json(&answer))
    }
}

/// The native module; `import stancegraph` is the interface.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(build, m)?)?;
    m.add_function(wrap_pyfunction!(formats, m)?)?;
    m.add_class::<NativeGraph>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
