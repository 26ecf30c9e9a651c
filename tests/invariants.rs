//! What must hold of every graph, checked on the sample corpus and the fixtures:
//! every stance and statement has evidence whose text stands at its byte span in its
//! document; no edge is a self-loop; affiliations point at nodes; the JSON validates
//! against the published schema.

use std::collections::HashMap;
use std::path::PathBuf;

use stancegraph::extract::{extract, Lexicon};
use stancegraph::graph::StanceGraph;
use stancegraph::ingest::{collect_sources, read_source, Document};

fn documents() -> Vec<Document> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (sources, diagnostics) = collect_sources(&[root.join("data/corpus"), root.join("tests/fixtures")]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    sources.iter().flat_map(|s| read_source(s).0).collect()
}

fn graph_of(docs: &[Document]) -> serde_json::Value {
    let lex = Lexicon::load(&[], &[]).expect("built-in lexicon");
    let mut graph = StanceGraph::default();
    for doc in docs {
        graph.add(extract(doc, &lex));
    }
    stancegraph::export::json::to_value(&graph)
}

#[test]
fn evidence_text_stands_at_its_span_in_its_document() {
    let docs = documents();
    let by_id: HashMap<&str, &str> = docs.iter().map(|d| (d.id.as_str(), d.text.as_str())).collect();
    let graph = graph_of(&docs);
    let edges = graph["edges"].as_array().expect("edges");
    let mut checked = 0;
    for e in edges.iter().filter(|e| e["relation"] != "affiliation") {
        let evidence = e["evidence"].as_array().expect("evidence list");
        assert!(!evidence.is_empty(), "edge without evidence: {e}");
        for ev in evidence {
            let text = by_id[ev["doc"].as_str().expect("doc id")];
            let (start, end) =
                (ev["start"].as_u64().expect("start") as usize, ev["end"].as_u64().expect("end") as usize);
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "span off a char boundary: {ev}");
            assert_eq!(&text[start..end], ev["text"].as_str().expect("text"));
            checked += 1;
        }
    }
    assert!(checked > 40, "the corpus should give plenty of evidence, got {checked}");
}

#[test]
fn no_self_loops_and_affiliations_resolve() {
    let graph = graph_of(&documents());
    let ids: Vec<&str> =
        graph["nodes"].as_array().expect("nodes").iter().map(|n| n["id"].as_str().expect("id")).collect();
    for e in graph["edges"].as_array().expect("edges") {
        assert_ne!(e["source"], e["target"], "self-loop: {e}");
        assert!(ids.contains(&e["source"].as_str().expect("source")));
        assert!(ids.contains(&e["target"].as_str().expect("target")));
    }
    for n in graph["nodes"].as_array().expect("nodes") {
        if let Some(aff) = n["affiliation"].as_str() {
            assert!(ids.contains(&aff), "dangling affiliation {aff}");
        }
    }
}

#[test]
fn json_validates_against_the_published_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../schema/graph.schema.json")).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let graph = graph_of(&documents());
    let errors: Vec<String> = validator.iter_errors(&graph).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // And the schema is not vacuous: a stance without evidence fails it.
    let mut broken = graph.clone();
    let stance = broken["edges"]
        .as_array_mut()
        .expect("edges")
        .iter_mut()
        .find(|e| e["relation"] == "stance")
        .expect("a stance");
    stance["evidence"] = serde_json::json!([]);
    assert!(!validator.is_valid(&broken));
}

#[test]
fn output_is_deterministic() {
    let docs = documents();
    assert_eq!(graph_of(&docs), graph_of(&docs));
    let mut reversed = docs.clone();
    reversed.reverse();
    let (a, b) = (graph_of(&docs), graph_of(&reversed));
    if a != b {
        std::fs::write("/tmp/a.json", a.to_string()).ok();
        std::fs::write("/tmp/b.json", b.to_string()).ok();
    }
    assert_eq!(a, b, "input order does not change the graph");
}
