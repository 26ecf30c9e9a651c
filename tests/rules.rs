//! The rule suite: one invented sentence (or short passage) per extraction behaviour,
//! with the edges, statements, actors and persons it must give and the ones it must
//! not. Cases live in `tests/rules/*.toml`, one file per mechanism family; this file
//! only runs them. A failing case prints its sentence, what was expected and what
//! the extraction gave, and every case is run before the test fails, so one run shows
//! every broken behaviour.
//!
//! Case syntax (every key but `name` and `text` optional):
//!
//! ```toml
//! [[case]]
//! name = "a rejection names its target"
//! text = "Ruritania rejected the Freedonian proposal on Monday."
//! edges = ["ruritania -> freedonia: oppose"]      # persons lifted to their actor
//! not_edges = ["freedonia -> ruritania"]           # any polarity
//! hedged_edges = ["ruritania -> freedonia: oppose"] # there, and only speculative
//! plain_edges = ["ruritania -> freedonia: oppose"]  # there, and not speculative
//! statements = ["jo-vale: We will not"]            # speaker node id: quote opening
//! not_statements = ["ruritania: We will not"]
//! actors = ["ruritania"]
//! not_actors = ["japan"]
//! persons = ["jo-vale@ruritania", "pat-smith@"]    # "@" alone: no affiliation
//! not_persons = ["new-clothes"]                     # by id, any affiliation
//! ```

use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;
use stancegraph::extract::{extract, Lexicon};
use stancegraph::graph::StanceGraph;
use stancegraph::ingest::Document;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    edges: Vec<String>,
    #[serde(default)]
    not_edges: Vec<String>,
    #[serde(default)]
    hedged_edges: Vec<String>,
    #[serde(default)]
    plain_edges: Vec<String>,
    #[serde(default)]
    statements: Vec<String>,
    #[serde(default)]
    not_statements: Vec<String>,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    not_actors: Vec<String>,
    #[serde(default)]
    persons: Vec<String>,
    /// Person ids that must not be made, whatever their affiliation.
    #[serde(default)]
    not_persons: Vec<String>,
}

/// What one extraction gave, in the terms the cases are written in.
struct Got {
    /// (source, target, polarity) with persons lifted to their affiliation.
    edges: Vec<(String, String, String)>,
    /// Whether each of `edges` is speculative (hedged) only.
    speculative: Vec<bool>,
    /// (speaker node id, speaker's affiliation or "", quote).
    statements: Vec<(String, String, String)>,
    /// Collective actor ids.
    actors: Vec<String>,
    /// (person id, affiliation or "").
    persons: Vec<(String, String)>,
}

impl Got {
    fn of(graph: &Value) -> Self {
        let nodes = graph["nodes"].as_array().cloned().unwrap_or_default();
        let affiliation = |id: &str| -> String {
            nodes.iter().find(|n| n["id"] == id).and_then(|n| n["affiliation"].as_str()).unwrap_or("").to_string()
        };
        let lift = |id: &str| -> String {
            let a = affiliation(id);
            if a.is_empty() {
                id.to_string()
            } else {
                a
            }
        };
        let text = |v: &Value| v.as_str().unwrap_or("").to_string();
        let edges = graph["edges"].as_array().cloned().unwrap_or_default();
        Got {
            edges: edges
                .iter()
                .filter(|e| e["relation"] == "stance")
                .map(|e| {
                    (
                        lift(e["source"].as_str().unwrap_or("")),
                        lift(e["target"].as_str().unwrap_or("")),
                        text(&e["polarity"]),
                    )
                })
                .collect(),
            speculative: edges
                .iter()
                .filter(|e| e["relation"] == "stance")
                .map(|e| e["speculative"].as_bool().unwrap_or(false))
                .collect(),
            statements: edges
                .iter()
                .filter(|e| e["relation"] == "statement")
                .map(|e| {
                    let s = text(&e["source"]);
                    let a = affiliation(&s);
                    (s, a, text(&e["quote"]))
                })
                .collect(),
            actors: nodes.iter().filter(|n| n["kind"] != "person").map(|n| text(&n["id"])).collect(),
            persons: nodes
                .iter()
                .filter(|n| n["kind"] == "person")
                .map(|n| (text(&n["id"]), text(&n["affiliation"])))
                .collect(),
        }
    }

    fn has_edge(&self, spec: &str) -> Result<bool, String> {
        self.has_edge_where(spec, |_| true)
    }

    /// Like [`Got::has_edge`], for an edge whose hedging is `speculative`.
    fn has_edge_hedged(&self, spec: &str, speculative: bool) -> Result<bool, String> {
        self.has_edge_where(spec, |i| self.speculative[i] == speculative)
    }

    fn has_edge_where(&self, spec: &str, also: impl Fn(usize) -> bool) -> Result<bool, String> {
        let (pair, polarity) = match spec.split_once(':') {
            Some((pair, polarity)) => (pair, Some(polarity.trim())),
            None => (spec, None),
        };
        let (source, target) = pair.split_once("->").ok_or_else(|| format!("edge spec {spec:?} has no `->`"))?;
        let (source, target) = (source.trim(), target.trim());
        Ok(self
            .edges
            .iter()
            .enumerate()
            .any(|(i, (s, t, p))| s == source && t == target && polarity.is_none_or(|want| want == p) && also(i)))
    }

    fn has_statement(&self, spec: &str) -> Result<bool, String> {
        let (speaker, opening) = spec.split_once(':').ok_or_else(|| format!("statement spec {spec:?} has no `:`"))?;
        let (speaker, opening) = (speaker.trim(), normalise_quote(opening.trim()));
        Ok(self
            .statements
            .iter()
            .any(|(s, a, q)| (s == speaker || a == speaker) && normalise_quote(q).starts_with(&opening)))
    }

    fn has_person(&self, spec: &str) -> Result<bool, String> {
        let (id, affiliation) = spec.split_once('@').ok_or_else(|| format!("person spec {spec:?} has no `@`"))?;
        Ok(self.persons.iter().any(|(p, a)| p == id.trim() && a == affiliation.trim()))
    }

    fn describe(&self) -> String {
        let mut out = String::new();
        for ((s, t, p), hedged) in self.edges.iter().zip(&self.speculative) {
            let _ = writeln!(out, "      edge {s} -> {t}: {p}{}", if *hedged { " (hedged)" } else { "" });
        }
        for (s, a, q) in &self.statements {
            let _ = writeln!(out, "      statement {s} (of {a:?}): {q}");
        }
        let _ = writeln!(out, "      actors {:?}", self.actors);
        let _ = writeln!(out, "      persons {:?}", self.persons);
        out
    }
}

/// Quotes are compared on their words: marks, case and spacing aside.
fn normalise_quote(q: &str) -> String {
    q.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn run_case(case: &Case, lexicon: &Lexicon) -> Result<Vec<String>, String> {
    let doc =
        Document { id: "case.txt".into(), title: case.title.clone(), date: None, url: None, text: case.text.clone() };
    let mut graph = StanceGraph::default();
    graph.add(extract(&doc, lexicon));
    let got = Got::of(&stancegraph::export::json::to_value(&graph));
    let mut problems = Vec::new();
    for spec in &case.edges {
        if !got.has_edge(spec)? {
            problems.push(format!("missing edge {spec}"));
        }
    }
    for spec in &case.not_edges {
        if got.has_edge(spec)? {
            problems.push(format!("unwanted edge {spec}"));
        }
    }
    for spec in &case.hedged_edges {
        if !got.has_edge_hedged(spec, true)? {
            problems.push(format!("missing hedged edge {spec}"));
        }
    }
    for spec in &case.plain_edges {
        if !got.has_edge_hedged(spec, false)? {
            problems.push(format!("missing plain (unhedged) edge {spec}"));
        }
    }
    for spec in &case.statements {
        if !got.has_statement(spec)? {
            problems.push(format!("missing statement {spec}"));
        }
    }
    for spec in &case.not_statements {
        if got.has_statement(spec)? {
            problems.push(format!("unwanted statement {spec}"));
        }
    }
    for id in &case.actors {
        if !got.actors.contains(id) {
            problems.push(format!("missing actor {id}"));
        }
    }
    for id in &case.not_actors {
        if got.actors.contains(id) {
            problems.push(format!("unwanted actor {id}"));
        }
    }
    for spec in &case.persons {
        if !got.has_person(spec)? {
            problems.push(format!("missing person {spec}"));
        }
    }
    for id in &case.not_persons {
        if got.persons.iter().any(|(p, _)| p == id) {
            problems.push(format!("unwanted person {id}"));
        }
    }
    if !problems.is_empty() {
        problems.push(format!("got:\n{}", got.describe()));
    }
    Ok(problems)
}

fn rule_files() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/rules exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_rule_case_holds() {
    let lexicon = Lexicon::load(&[], &[]).expect("built-in lexicon");
    let mut failures = String::new();
    let (mut cases, mut failed) = (0, 0);
    for path in rule_files() {
        let text = std::fs::read_to_string(&path).expect("rule file readable");
        let file: RuleFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let family = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?").to_string();
        for case in &file.case {
            cases += 1;
            let no_expectation = case.edges.is_empty()
                && case.not_edges.is_empty()
                && case.hedged_edges.is_empty()
                && case.plain_edges.is_empty()
                && case.statements.is_empty()
                && case.not_statements.is_empty()
                && case.actors.is_empty()
                && case.not_actors.is_empty()
                && case.persons.is_empty()
                && case.not_persons.is_empty();
            assert!(!no_expectation, "{family}: case {:?} expects nothing", case.name);
            let problems = run_case(case, &lexicon).unwrap_or_else(|e| panic!("{family}: case {:?}: {e}", case.name));
            if !problems.is_empty() {
                failed += 1;
                let _ = writeln!(failures, "\n[{family}] {}\n  text: {}", case.name, case.text.trim());
                for p in problems {
                    let _ = writeln!(failures, "  {p}");
                }
            }
        }
    }
    println!("{} rule cases, {} failed", cases, failed);
    assert!(failed == 0, "{failed} of {cases} rule cases failed:{failures}");
}

#[test]
fn the_case_syntax_is_checked() {
    let got = Got {
        edges: vec![("china".into(), "japan".into(), "oppose".into())],
        speculative: vec![true],
        statements: vec![("wang-yi".into(), "china".into(), "“We will never accept it”".into())],
        actors: vec!["china".into()],
        persons: vec![("wang-yi".into(), "china".into())],
    };
    assert!(got.has_edge("china -> japan: oppose").unwrap());
    assert!(got.has_edge("china -> japan").unwrap());
    assert!(!got.has_edge("china -> japan: support").unwrap());
    assert!(!got.has_edge("japan -> china").unwrap());
    assert!(got.has_edge("china japan").is_err());
    assert!(got.has_edge_hedged("china -> japan: oppose", true).unwrap());
    assert!(!got.has_edge_hedged("china -> japan: oppose", false).unwrap());
    assert!(got.has_statement("wang-yi: we will never").unwrap());
    assert!(got.has_statement("china: We will").unwrap());
    assert!(!got.has_statement("wang-yi: They").unwrap());
    assert!(got.has_person("wang-yi@china").unwrap());
    assert!(!got.has_person("wang-yi@").unwrap());
}
