//! A folder of hostile inputs, written here: every problem is named with its file
//! (and line), counted in the summary, and the good articles still give their edges.

use std::fs;

use assert_cmd::Command;

mod common;

const GOOD: &str = "China criticized the Philippines on Tuesday over the shoal.";

fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    fs::write(d.join("good.txt"), GOOD).expect("write");
    fs::write(d.join("empty.txt"), "   \n\n").expect("write");
    fs::write(d.join("junk.dat"), [0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]).expect("write");
    fs::write(d.join("report.pdf"), "%PDF-1.4 not really").expect("write");
    fs::write(d.join("latin1.txt"), b"Iran condemned Israel at the caf\xe9 on Monday.").expect("write");
    fs::write(d.join("nobody.html"), "<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
        .expect("write");
    fs::write(
        d.join("feed.jsonl"),
        "{\"id\": \"ok\", \"text\": \"Russia condemned Ukraine on Monday.\"}\n{\"id\": \"half\", \"te\n{\"title\": \"no text\"}\n",
    )
    .expect("write");
    // One line of 9 MB: read up to the limit, not skipped, never a crash.
    let mut giant = String::from("Japan criticized North Korea on Monday. ");
    while giant.len() < 9 << 20 {
        giant.push_str("word ");
    }
    fs::write(d.join("giant.txt"), giant).expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(d, d.join("loop")).expect("symlink");
    dir
}

#[test]
fn every_problem_is_named_counted_and_survived() {
    let dir = hostile_folder();
    let out = tempfile::tempdir().expect("temp dir");
    let json = out.path().join("g.json");
    let run = Command::cargo_bin("stancegraph")
        .expect("binary")
        .arg("build")
        .arg(dir.path())
        .arg("--json")
        .arg(&json)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1), "a skipped input makes exit status 1");
    let stderr = String::from_utf8_lossy(&run.stderr);
    let stdout = String::from_utf8_lossy(&run.stdout);
    for expected in [
        "empty.txt: error: empty file",
        "junk.dat: error: binary file",
        "report.pdf: error: unknown file type (.pdf), skipped",
        "latin1.txt: error: invalid UTF-8 at byte",
        "nobody.html: error: HTML page with no article body",
        "feed.jsonl:2: error: malformed JSON",
        "feed.jsonl:3: error: no \"text\", \"content\" or \"body\" string",
        "giant.txt: warning: 9 MB of text; only the first 8 MB are read",
        "loop: warning: symlinked folder not followed",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?} in:\n{stderr}");
    }
    assert!(stdout.contains("problems (see stderr):"), "{stdout}");
    assert!(stdout.contains("1 empty") && stdout.contains("1 malformed JSON line"), "{stdout}");
    let stances = common::stance_pairs(&common::read_graph(&json));
    for pair in [("china", "philippines"), ("russia", "ukraine"), ("iran", "israel"), ("japan", "north-korea")] {
        assert!(stances.contains(&(pair.0.to_string(), pair.1.to_string())), "{pair:?} missing from {stances:?}");
    }
}

#[test]
fn strict_skips_damaged_text() {
    let dir = hostile_folder();
    let out = tempfile::tempdir().expect("temp dir");
    let json = out.path().join("g.json");
    let run = Command::cargo_bin("stancegraph")
        .expect("binary")
        .args(["build", "--strict"])
        .arg(dir.path().join("latin1.txt"))
        .arg(dir.path().join("good.txt"))
        .arg("--json")
        .arg(&json)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("latin1.txt: error: invalid UTF-8 at byte 32; skipped (--strict)"), "{stderr}");
    let graph = fs::read_to_string(&json).expect("written");
    assert!(!graph.contains("\"iran\""), "the damaged file was skipped");
    assert!(graph.contains("\"philippines\""));
}
