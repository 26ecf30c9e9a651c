//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;

/// A graph file written by `stancegraph build --json`.
pub fn read_graph(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("graph written");
    serde_json::from_str(&text).expect("graph is JSON")
}

/// The (source, target) pairs of the graph's stance edges.
pub fn stance_pairs(graph: &serde_json::Value) -> Vec<(String, String)> {
    graph["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter(|e| e["relation"] == "stance")
        .map(|e| (e["source"].as_str().unwrap_or("").to_string(), e["target"].as_str().unwrap_or("").to_string()))
        .collect()
}
