//! `stancegraph query` on the sample corpus: each question as a table and as JSON
//! (snapshots), name resolution, bad graph files, and the round trip through JSON.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use stancegraph::export::json::{to_file, GraphFile};
use stancegraph::extract::Lexicon;
use stancegraph::query::{load_graph, render, Filters, Queries};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus")
}

fn query(args: &[&str]) -> String {
    let out = Command::cargo_bin("stancegraph")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COLUMNS")
        .arg("query")
        .args(args)
        .arg("--from")
        .arg("data/corpus")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn positions_table() {
    insta::assert_snapshot!(query(&["positions", "Beijing"]));
}

#[test]
fn positions_json() {
    insta::assert_snapshot!(query(&["positions", "china", "--format", "json"]));
}

#[test]
fn between_table_and_json() {
    insta::assert_snapshot!(query(&["between", "Islamic Emirate", "Washington"]));
    insta::assert_snapshot!(query(&["between", "india", "the taliban", "--format", "json"]));
}

#[test]
fn who_opposes_table_and_json() {
    insta::assert_snapshot!(query(&["who", "--opposes", "US"]));
    insta::assert_snapshot!(query(&["who", "--opposes", "US", "--type", "reject", "--format", "json"]));
}

#[test]
fn statements_table_and_json() {
    insta::assert_snapshot!(query(&["statements", "--actor", "taliban"]));
    insta::assert_snapshot!(query(&["statements", "--speaker", "Jaishankar", "--format", "json"]));
}

#[test]
fn matrix_table_and_json() {
    insta::assert_snapshot!(query(&["matrix", "US,Taliban,China"]));
    insta::assert_snapshot!(query(&["matrix", "--format", "json"]));
}

#[test]
fn matrix_markdown_and_csv() {
    insta::assert_snapshot!(query(&["matrix", "US,Taliban,China,India", "--format", "markdown"]));
    insta::assert_snapshot!(query(&["matrix", "US,Taliban,China,India", "--format", "csv"]));
}

#[test]
fn actors_table_and_json() {
    insta::assert_snapshot!(query(&["actors"]));
    insta::assert_snapshot!(query(&["actors", "--format", "json"]));
}

#[test]
fn filters_narrow_the_answer() {
    let all = query(&["who", "--opposes", "US", "--format", "csv"]);
    let late = query(&["who", "--opposes", "US", "--format", "csv", "--since", "2025-10-01"]);
    assert!(late.lines().count() < all.lines().count(), "{late}");
    let none = query(&["who", "--opposes", "US", "--format", "csv", "--until", "2000-01-01"]);
    assert_eq!(none.lines().count(), 1, "only the header: {none}");
}

#[test]
fn unknown_actor_suggests_and_fails() {
    Command::cargo_bin("stancegraph")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["query", "positions", "Chnia", "--from", "data/corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no actor 'Chnia' — did you mean China"));
}

#[test]
fn bad_graph_files_are_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        ("missing.json", None, "missing.json"),
        ("cut.json", Some("{\"format\": \"stancegraph\", \"version\": 1, \"nodes\": ["), "truncated JSON"),
        ("foreign.json", Some("{\"nodes\": [], \"edges\": []}"), "not a stancegraph graph"),
        ("future.json", Some("{\"format\": \"stancegraph\", \"version\": 99}"), "version 99"),
    ];
    for (name, content, expected) in cases {
        let path = dir.path().join(name);
        if let Some(c) = content {
            fs::write(&path, c).expect("write");
        }
        Command::cargo_bin("stancegraph")
            .expect("binary")
            .args(["query", "actors", "--graph"])
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(name).and(predicate::str::contains(expected)));
    }
}

#[test]
fn answers_from_a_saved_graph_equal_answers_from_memory() {
    let lex = Lexicon::load(&[], &[]).expect("lexicon");
    let (graph, _, _) = stancegraph::build_graph(&[corpus()], &lex);
    let in_memory: GraphFile = to_file(&graph);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("graph.json");
    stancegraph::export::write_atomic(&path, stancegraph::export::json::to_string(&graph).as_bytes()).expect("write");
    let loaded = load_graph(&path).expect("loads");
    assert_eq!(loaded, in_memory);
    let (a, b) = (Queries::new(&in_memory, Some(&lex.gazetteer)), Queries::new(&loaded, Some(&lex.gazetteer)));
    let f = Filters::default();
    for actor in ["china", "taliban", "united-states", "india"] {
        assert_eq!(a.positions(actor, &f), b.positions(actor, &f));
        assert_eq!(render::json(&a.positions(actor, &f)), render::json(&b.positions(actor, &f)));
    }
    assert_eq!(a.matrix(&[], &f), b.matrix(&[], &f));
    assert_eq!(a.statements(None, None, &f), b.statements(None, None, &f));
}

fn query_graph(graph: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::cargo_bin("stancegraph")
        .expect("binary")
        .arg("query")
        .args(args)
        .args(["--format", "json", "--graph"])
        .arg(graph)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json answer")
}

/// Answers come from the full tallies: a graph that keeps one sentence per edge gives
/// the same counts and scores as one that keeps them all.
#[test]
fn answers_count_every_sentence_not_only_the_evidence_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (small, large) = (dir.path().join("one.json"), dir.path().join("all.json"));
    for (path, cap) in [(&small, "1"), (&large, "100")] {
        Command::cargo_bin("stancegraph")
            .expect("binary")
            .args(["build", "-q", "--max-evidence", cap, "--json"])
            .arg(path)
            .arg(corpus())
            .assert()
            .success();
    }
    let strip = |mut v: serde_json::Value| {
        for row in v["rows"].as_array_mut().expect("rows") {
            row["evidence"] = serde_json::Value::Null;
        }
        v
    };
    for args in [&["positions", "Taliban"][..], &["who", "--opposes", "US"][..], &["matrix"][..]] {
        assert_eq!(strip(query_graph(&small, args)), strip(query_graph(&large, args)), "{args:?}");
    }
    let positions = query_graph(&small, &["positions", "Taliban"]);
    let row = &positions["rows"][0];
    assert!(row["sentences"].as_u64().is_some_and(|n| n > 1), "{row}");
    assert!(row["split"].as_str().is_some_and(|s| s.starts_with("support ")), "{row}");
    assert!(row["mean_goldstein"].is_number(), "{row}");
}

/// A user's actors file counts when names are resolved, as it did in the build.
#[test]
fn query_resolves_names_through_the_users_actors_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let actors = dir.path().join("mine.toml");
    fs::write(
        &actors,
        "[[actor]]\nid = \"freedonia\"\nlabel = \"Freedonia\"\nkind = \"state\"\nnames = [\"Freedonia\", \"Fredville\"]\n",
    )
    .expect("write");
    let article = dir.path().join("a.txt");
    fs::write(&article, "Freedonia rejected China's demand for new talks on Monday.\n").expect("write");
    let graph = dir.path().join("g.json");
    Command::cargo_bin("stancegraph")
        .expect("binary")
        .args(["build", "-q", "--json"])
        .arg(&graph)
        .arg("--actors")
        .arg(&actors)
        .arg(&article)
        .assert()
        .success();
    let ask = |with_file: bool| {
        let mut cmd = Command::cargo_bin("stancegraph").expect("binary");
        cmd.args(["query", "positions", "Fredville", "--graph"]).arg(&graph);
        if with_file {
            cmd.arg("--actors").arg(&actors);
        }
        cmd.output().expect("runs")
    };
    assert_eq!(ask(false).status.code(), Some(2), "the capital is not a form the graph saw");
    let out = ask(true);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Positions of Freedonia"));
}

#[test]
fn query_from_paths_that_read_nothing_is_an_error() {
    Command::cargo_bin("stancegraph")
        .expect("binary")
        .args(["query", "actors", "--from", "/no/such/folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no document was read"));
}
