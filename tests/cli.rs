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
        .code(1)
        .stderr(predicate::str::contains("/no/such/file.txt: error: cannot read"));
    assert!(out.exists(), "an empty graph is still a graph");
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
