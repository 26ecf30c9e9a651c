//! The command line, end to end: the sample corpus, the evaluation's `--json` call,
//! bad inputs, bad lexicons and unwritable outputs.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

mod common;
use predicates::prelude::*;

fn stancegraph() -> Command {
    Command::cargo_bin("stancegraph").expect("binary builds")
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn no_arguments_builds_the_sample_corpus_into_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("data");
    fs::create_dir_all(&corpus).expect("mkdir");
    copy_dir(&repo().join("data/corpus"), &corpus.join("corpus"));
    stancegraph()
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("documents:").and(predicate::str::contains("strongest positions")));
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("output/graph.json")).expect("graph.json written"))
            .expect("valid JSON");
    assert!(json["nodes"].as_array().is_some_and(|n| n.len() > 10));
    let dot = fs::read_to_string(dir.path().join("output/graph.dot")).expect("graph.dot written");
    assert!(dot.starts_with("digraph stancegraph {"));
}

#[test]
fn no_arguments_without_a_corpus_explains_itself() {
    let dir = tempfile::tempdir().expect("temp dir");
    stancegraph().current_dir(dir.path()).assert().code(2).stderr(predicate::str::contains("stancegraph build"));
}

#[test]
fn json_flag_writes_only_that_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("g.json");
    stancegraph()
        .current_dir(dir.path())
        .args(["build", repo().join("tests/fixtures/patterns.txt").to_str().expect("utf-8 path"), "--json"])
        .arg(&out)
        .assert()
        .success();
    assert!(out.exists());
    assert!(!dir.path().join("output").exists(), "--json writes nothing else");
}

#[test]
fn stdin_is_an_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("g.json");
    stancegraph()
        .args(["build", "-", "--json"])
        .arg(&out)
        .write_stdin("The Taliban rejected the U.S. demand on Friday, officials in Kabul said.")
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&out).expect("written")).expect("json");
    assert_eq!(json["edges"][0]["evidence"][0]["doc"], "<stdin>");
}

#[test]
fn bad_inputs_are_named_and_the_good_ones_still_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let inputs = dir.path().join("in");
    fs::create_dir_all(&inputs).expect("mkdir");
    fs::write(inputs.join("empty.txt"), "").expect("write");
    fs::write(inputs.join("blob.dat"), [0u8, 1, 2, 3, 0, 255]).expect("write");
    fs::write(inputs.join("latin1.txt"), b"The Taliban rejected the U.S. plan at the caf\xe9 on Monday.")
        .expect("write");
    fs::write(
        inputs.join("feed.jsonl"),
        "{\"id\": \"ok\", \"text\": \"Iran condemned Israel on Monday.\"}\n{not json\n",
    )
    .expect("write");
    fs::write(inputs.join("good.txt"), "China criticized the Philippines on Tuesday over the shoal.").expect("write");
    let out = dir.path().join("g.json");
    let assert = stancegraph().arg("build").arg(&inputs).arg("--json").arg(&out).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("empty.txt: error: empty file"), "{stderr}");
    assert!(stderr.contains("blob.dat: error: binary file"), "{stderr}");
    assert!(stderr.contains("latin1.txt: error: invalid UTF-8 at byte"), "{stderr}");
    assert!(stderr.contains("feed.jsonl:2: error: malformed JSON"), "{stderr}");
    let pairs = common::stance_pairs(&common::read_graph(&out));
    assert!(pairs.contains(&("china".into(), "philippines".into())), "{pairs:?}");
    assert!(pairs.contains(&("iran".into(), "israel".into())), "{pairs:?}");
    assert!(pairs.contains(&("taliban".into(), "united-states".into())), "{pairs:?}");
}

#[test]
fn a_missing_input_is_an_error_but_not_a_crash() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("g.json");
    stancegraph()
        .args(["build", "/no/such/file.txt", "--json"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/file.txt: error: cannot read"));
    assert!(!out.exists(), "nothing read, nothing written");
}

#[test]
fn malformed_actor_file_stops_before_work_with_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let actors = dir.path().join("mine.toml");
    fs::write(&actors, "[[actor]]\nid = \"x\"\nlabel = \"X\"\nkind = \"state\"\nnames = [\"Xland\"\n").expect("write");
    let out = dir.path().join("g.json");
    stancegraph()
        .args(["build", repo().join("tests/fixtures/patterns.txt").to_str().expect("utf-8"), "--json"])
        .arg(&out)
        .arg("--actors")
        .arg(&actors)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mine.toml:5:17: unclosed array"));
    assert!(!out.exists());
}

#[test]
fn user_actor_file_extends_the_gazetteer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let actors = dir.path().join("mine.toml");
    fs::write(&actors, "[[actor]]\nid = \"northern-alliance\"\nlabel = \"Northern Alliance\"\nkind = \"armed_group\"\nnames = [\"Northern Alliance\"]\n").expect("write");
    let article = dir.path().join("a.txt");
    fs::write(&article, "The Northern Alliance rejected the Taliban offer on Sunday.").expect("write");
    let out = dir.path().join("g.json");
    stancegraph().arg("build").arg(&article).arg("--json").arg(&out).arg("--actors").arg(&actors).assert().success();
    let json = fs::read_to_string(&out).expect("written");
    assert!(json.contains("\"source\": \"northern-alliance\""), "{json}");
}

#[test]
fn unwritable_output_is_reported_before_any_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("file");
    fs::write(&blocker, "not a folder").expect("write");
    stancegraph()
        .args(["build", repo().join("tests/fixtures/patterns.txt").to_str().expect("utf-8"), "-o"])
        .arg(blocker.join("out"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot create output folder"));
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read corpus") {
        let entry = entry.expect("entry");
        fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// A mistyped path reads nothing: the graph already there must survive it.
#[test]
fn a_run_that_reads_nothing_writes_nothing_and_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let corpus = repo().join("data/corpus");
    stancegraph().args(["build", "-q", "--format", "json,dot", "-o"]).arg(&out).arg(&corpus).assert().success();
    let before = fs::read_to_string(out.join("graph.json")).expect("graph written");
    stancegraph()
        .args(["build", "-q", "--format", "json,dot", "-o"])
        .arg(&out)
        .arg(dir.path().join("no-such-folder"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no document was read"));
    assert_eq!(fs::read_to_string(out.join("graph.json")).expect("still there"), before, "graph untouched");
    stancegraph()
        .args(["build", "-q", "--allow-empty", "--json"])
        .arg(out.join("graph.json"))
        .arg(dir.path().join("no-such-folder"))
        .assert()
        .code(1);
    let empty = common::read_graph(&out.join("graph.json"));
    assert_eq!(empty["nodes"].as_array().map(Vec::len), Some(0), "--allow-empty writes the empty graph");
}

/// `query actors | head -1`: the reader goes away, the command ends quietly.
#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::process::{Command as Std, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("stancegraph");
    for args in [&["query", "actors", "--from", "data/corpus"][..], &["extract", "data/corpus", "-q"][..]] {
        let mut child = Std::new(&bin)
            .current_dir(repo())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

#[test]
fn bad_values_are_refused_with_the_valid_ones() {
    let graph = repo().join("output/graph.json");
    stancegraph().args(["query", "actors", "--type", "rejects", "--graph"]).arg(&graph).assert().code(2).stderr(
        predicate::str::contains("'rejects' is not an event type")
            .and(predicate::str::contains("reject,").or(predicate::str::contains("reject, "))),
    );
    stancegraph()
        .args(["query", "actors", "--min-confidence", "5", "--graph"])
        .arg(&graph)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("from 0 to 1"));
    let dir = tempfile::tempdir().expect("temp dir");
    let actors = dir.path().join("mine.toml");
    fs::write(&actors, "[[actor]]\nid = \"freedonia\"\nlabel = \"Freedonia\"\nkind = \"statee\"\n").expect("write");
    stancegraph()
        .args(["build", "-q", "--json"])
        .arg(dir.path().join("g.json"))
        .arg("--actors")
        .arg(&actors)
        .arg(repo().join("tests/fixtures/patterns.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown kind 'statee'").and(predicate::str::contains("armed_group")));
    assert!(!dir.path().join("g.json").exists());
}

#[test]
fn a_missing_graph_is_named_once() {
    let out = stancegraph().args(["query", "actors", "--graph", "no/such/graph.json"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("no/such/graph.json").count(), 1, "{stderr}");
    assert_eq!(stderr.to_lowercase().matches("no such file").count(), 1, "{stderr}");
}
