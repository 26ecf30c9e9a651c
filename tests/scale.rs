//! Scale-out and incremental builds: `extract` shards merged in any order and grouping,
//! `build --update`, any number of threads and any evidence cap give the graph one
//! `build` gives (the cap only trims the evidence lists).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod common;

fn stancegraph() -> Command {
    let mut cmd = Command::cargo_bin("stancegraph").expect("binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// The sample corpus as the paths a user would type from the repository root.
fn corpus() -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus"))
        .expect("sample corpus")
        .map(|e| format!("data/corpus/{}", e.expect("entry").file_name().to_string_lossy()))
        .collect();
    files.sort();
    files
}

fn build(inputs: &[String], out: &Path, extra: &[&str]) -> String {
    stancegraph().arg("build").args(inputs).arg("--json").arg(out).arg("-q").args(extra).assert().success();
    fs::read_to_string(out).expect("graph written")
}

fn extract(inputs: &[String], out: &Path) {
    stancegraph().arg("extract").args(inputs).arg("-o").arg(out).arg("-q").assert().success();
}

fn merge(inputs: &[PathBuf], out: &Path) -> String {
    stancegraph().arg("merge").args(inputs).arg("--json").arg(out).arg("-q").assert().success();
    fs::read_to_string(out).expect("graph written")
}

#[test]
fn merged_shards_give_the_built_graph_in_any_order_and_grouping() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = corpus();
    let whole = build(&files, &dir.path().join("whole.json"), &[]);
    let shards: Vec<PathBuf> = files
        .chunks(3)
        .enumerate()
        .map(|(i, chunk)| {
            let path = dir.path().join(format!("shard{i}.jsonl"));
            extract(chunk, &path);
            path
        })
        .collect();
    assert!(shards.len() >= 3, "at least three shards");
    let lines: usize = shards.iter().map(|s| fs::read_to_string(s).expect("shard").lines().count()).sum();
    assert_eq!(lines, 8, "one line per article (the JSON Lines file holds two)");

    let mut reversed = shards.clone();
    reversed.reverse();
    assert_eq!(merge(&reversed, &dir.path().join("m1.json")), whole, "reverse order");

    // (b + c) first, then a: associativity, with a merged graph as an input.
    let bc = dir.path().join("bc.json");
    merge(&shards[1..], &bc);
    assert_eq!(merge(&[bc, shards[0].clone()], &dir.path().join("m2.json")), whole, "regrouped");
}

#[test]
fn threads_do_not_change_the_graph() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = corpus();
    let one = build(&files, &dir.path().join("j1.json"), &["--jobs", "1"]);
    let four = build(&files, &dir.path().join("j4.json"), &["--jobs", "4"]);
    assert_eq!(one, four);
}

#[test]
fn the_evidence_cap_trims_lists_but_keeps_counts_exact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = corpus();
    let full: serde_json::Value =
        serde_json::from_str(&build(&files, &dir.path().join("full.json"), &["--max-evidence", "100"])).expect("json");
    let capped: serde_json::Value =
        serde_json::from_str(&build(&files, &dir.path().join("cap.json"), &["--max-evidence", "1"])).expect("json");
    let (full, capped) = (full["edges"].as_array().expect("edges"), capped["edges"].as_array().expect("edges"));
    assert_eq!(full.len(), capped.len());
    let mut trimmed = 0;
    for (f, c) in full.iter().zip(capped) {
        for key in ["source", "target", "type", "count", "confidence", "goldstein", "speculative", "first_date"] {
            assert_eq!(f[key], c[key], "{key} of {} -> {}", f["source"], f["target"]);
        }
        let kept = c["evidence"].as_array().expect("evidence").len();
        assert!(kept <= 1);
        if f["count"].as_u64() > Some(1) && f["relation"] != "affiliation" {
            trimmed += 1;
            assert!(c["tally"].is_object(), "a trimmed edge carries its tally");
        }
    }
    assert!(trimmed > 0, "the sample corpus has edges said more than once");
}

#[test]
fn update_adds_new_articles_and_counts_a_repeated_one_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = corpus();
    let whole = build(&files, &dir.path().join("whole.json"), &[]);
    let graph = dir.path().join("graph.json");
    build(&files[..4], &graph, &[]);
    // The new batch repeats an article already in the graph, under another name.
    let copy = dir.path().join("copy-of-first.txt");
    fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(&files[0]), &copy).expect("copy");
    let mut batch: Vec<String> = files[4..].to_vec();
    batch.push(copy.display().to_string());
    stancegraph()
        .arg("build")
        .args(&batch)
        .arg("--update")
        .arg(&graph)
        .assert()
        .success()
        .stdout(predicates::str::contains("1 duplicate article"));
    assert_eq!(fs::read_to_string(&graph).expect("graph rewritten"), whole);
}

#[test]
fn the_same_text_twice_in_one_build_is_counted_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = corpus();
    let once = build(&files[..1], &dir.path().join("once.json"), &[]);
    let copy = dir.path().join("again.txt");
    fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(&files[0]), &copy).expect("copy");
    let twice = build(&[files[0].clone(), copy.display().to_string()], &dir.path().join("twice.json"), &[]);
    assert_eq!(once, twice);
}

#[test]
fn merge_reports_a_file_that_is_not_a_graph_and_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shard = dir.path().join("a.jsonl");
    extract(&corpus()[..2], &shard);
    let junk = dir.path().join("junk.json");
    fs::write(&junk, "{\"hello\": 1}").expect("write");
    let out = dir.path().join("m.json");
    stancegraph()
        .arg("merge")
        .arg(&shard)
        .arg(&junk)
        .arg("--json")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("junk.json: error: not a stancegraph graph"));
    let graph = common::read_graph(&out);
    assert_eq!(graph["documents"].as_array().map(Vec::len), Some(2));
}
