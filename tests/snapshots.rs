//! Snapshot tests per stage on a fixture written for the project: sentence
//! splitting (text), edges (extract + graph) and DOT (export).

use stancegraph::extract::{extract, Lexicon};
use stancegraph::graph::StanceGraph;
use stancegraph::ingest::Document;

fn fixture() -> Document {
    Document {
        id: "patterns.txt".into(),
        title: None,
        date: None,
        url: None,
        text: include_str!("fixtures/patterns.txt").into(),
    }
}

fn graph() -> StanceGraph {
    let lex = Lexicon::load(&[], &[]).expect("built-in lexicon");
    let mut g = StanceGraph::default();
    g.add(extract(&fixture(), &lex));
    g
}

#[test]
fn text_stage_sentences() {
    let doc = fixture();
    let seg = stancegraph::text::segment(&doc.text);
    let lines: Vec<String> = seg
        .sentences
        .iter()
        .map(|s| format!("{:?}: {}", seg.paragraphs[s.paragraph].kind, &doc.text[s.start..s.end]))
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn extract_stage_edges() {
    let g = graph();
    let lines: Vec<String> = g
        .edges()
        .into_iter()
        .map(|(s, t, e)| {
            let what = match (&e.polarity, &e.quote) {
                (Some(p), _) => format!("{:?} {}", p, e.kind.as_deref().unwrap_or("")),
                (None, Some(q)) => format!("said {q:?}"),
                _ => format!("{:?}", e.relation),
            };
            let spec = if e.speculative() { " (speculative)" } else { "" };
            format!("{s} -> {t}: {what} x{}{spec}", e.count())
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn export_stage_dot() {
    insta::assert_snapshot!(stancegraph::export::dot::to_string(&graph()));
}
