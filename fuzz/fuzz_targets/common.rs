//! Shared by the fuzz targets: read bytes as a file of the given name, extract every
//! document, and check the invariants (a violation panics, which the fuzzer reports).

use std::sync::OnceLock;

use stancegraph::extract::{extract, Lexicon};
use stancegraph::graph::StanceGraph;
use stancegraph::ingest::read_bytes_as;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::load(&[], &[]).expect("built-in lexicon"))
}

pub fn run(name: &str, data: &[u8]) {
    let (docs, _diagnostics) = read_bytes_as(name, data);
    let mut graph = StanceGraph::default();
    for doc in &docs {
        let ex = extract(doc, lexicon());
        for s in &ex.stances {
            check(&doc.text, s.evidence.start, s.evidence.end, &s.evidence.text);
            assert_ne!(s.source, s.target);
        }
        for s in &ex.statements {
            check(&doc.text, s.evidence.start, s.evidence.end, &s.evidence.text);
        }
        graph.add(ex);
    }
    let json = stancegraph::export::json::to_string(&graph);
    let back: stancegraph::export::json::GraphFile = serde_json::from_str(&json).expect("the JSON we write reads back");
    assert_eq!(back, stancegraph::export::json::to_file(&graph));
    let _ = stancegraph::export::dot::to_string(&graph);
}

fn check(text: &str, start: usize, end: usize, evidence: &str) {
    assert!(start <= end && end <= text.len(), "span {start}..{end} outside {}", text.len());
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "span off a char boundary");
    assert_eq!(&text[start..end], evidence, "evidence does not stand at its span");
}
