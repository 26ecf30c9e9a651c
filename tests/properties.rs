//! Property tests for the invariants, on arbitrary text and on generated news-like
//! text that does produce edges: spans fall on UTF-8 boundaries inside their document
//! and evidence text stands there; no self-loops; the JSON validates against the
//! schema; the graph ignores input order; export and re-import round-trip.

use std::sync::OnceLock;

use proptest::prelude::*;
use stancegraph::export::json::{to_file, to_graph, to_string, write, GraphFile};
use stancegraph::extract::{extract, Lexicon};
use stancegraph::graph::StanceGraph;
use stancegraph::ingest::Document;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::load(&[], &[]).expect("built-in lexicon"))
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../schema/graph.schema.json")).expect("schema");
        jsonschema::validator_for(&schema).expect("schema compiles")
    })
}

fn doc(id: usize, text: String) -> Document {
    Document { id: format!("doc{id}"), title: None, date: None, url: None, text }
}

fn graph_of(docs: &[Document]) -> GraphFile {
    let mut g = StanceGraph::default();
    for d in docs {
        g.add(extract(d, lexicon()));
    }
    to_file(&g)
}

/// Every invariant a graph of `docs` must satisfy.
fn check(docs: &[Document]) -> Result<(), TestCaseError> {
    let file = graph_of(docs);
    for e in &file.edges {
        prop_assert_ne!(&e.source, &e.target, "self-loop");
        for ev in &e.evidence {
            let text = &docs.iter().find(|d| d.id == ev.doc).expect("evidence names a document").text;
            prop_assert!(ev.start <= ev.end && ev.end <= text.len());
            prop_assert!(text.is_char_boundary(ev.start) && text.is_char_boundary(ev.end));
            prop_assert_eq!(&text[ev.start..ev.end], ev.text.as_str());
        }
    }
    let value = serde_json::to_value(&file).expect("serialises");
    prop_assert!(
        validator().is_valid(&value),
        "schema: {:?}",
        validator().iter_errors(&value).map(|e| e.to_string()).collect::<Vec<_>>()
    );
    Ok(())
}

const ACTORS: &[&str] = &[
    "China",
    "the United States",
    "Washington",
    "Russia",
    "the Kremlin",
    "India",
    "Pakistan",
    "Iran",
    "the Taliban",
    "Israel",
    "Hamas",
    "Ukraine",
    "NATO",
    "the European Union",
    "Beijing",
    "Chinese Foreign Minister Wang Yi",
    "Zabihullah Mujahid",
    "he",
    "they",
    "Kabul",
];
const VERBS: &[&str] = &[
    "rejected",
    "condemned",
    "praised",
    "threatened",
    "met",
    "held talks with",
    "will not allow",
    "would support",
    "was criticized by",
    "voiced opposition to",
    "signed an agreement with",
    "accused",
    "recognized",
    "attacked",
    "is unlikely to accept",
    "handed over aid to",
    "did not criticize",
];
const GLUE: &[&str] = &[", and ", " and ", ", while ", ". ", "; ", ", ", " — "];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::sample::select(ACTORS),
        prop::sample::select(VERBS),
        prop::sample::select(ACTORS),
        prop::sample::select(GLUE),
        prop::sample::select(ACTORS),
        any::<bool>(),
    )
        .prop_map(|(a, v, b, glue, c, quoted)| {
            let core = format!("{a} {v} {b}{glue}{c} said");
            if quoted {
                format!("\u{201c}{core} on Monday,\u{201d} {c} said. ")
            } else {
                format!("{core}. ")
            }
        })
}

fn article() -> impl Strategy<Value = String> {
    (prop::collection::vec(sentence(), 1..8), prop::collection::vec(any::<u8>(), 0..3)).prop_map(
        |(sentences, breaks)| {
            let mut text = String::from("Officials trade words over the base\n\n");
            for (i, s) in sentences.iter().enumerate() {
                text.push_str(s);
                if breaks.contains(&(i as u8)) {
                    text.push_str("\n\n");
                }
            }
            text
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_breaks_an_invariant(text in "\\PC{0,400}") {
        check(&[doc(0, text)])?;
    }

    #[test]
    fn arbitrary_unicode_with_quotes_and_newlines(parts in prop::collection::vec(prop::sample::select(vec![
        "\u{201c}", "\u{201d}", "\u{2018}", "\u{2019}", "\"", "'", "\n", "\n\n", ". ", "U.S.", "China", " said ",
        "— ", "é", "日本", "🙂", "Mr. ", " rejected ", "(@x) May 1, 2025", "- Analyst", "\r\n",
    ]), 0..60)) {
        check(&[doc(0, parts.concat())])?;
    }

    #[test]
    fn news_like_text_keeps_every_invariant(texts in prop::collection::vec(article(), 1..4)) {
        let docs: Vec<Document> = texts.into_iter().enumerate().map(|(i, t)| doc(i, t)).collect();
        check(&docs)?;
    }

    #[test]
    fn the_graph_ignores_input_order(texts in prop::collection::vec(article(), 2..5), seed in any::<u64>()) {
        let docs: Vec<Document> = texts.into_iter().enumerate().map(|(i, t)| doc(i, t)).collect();
        let mut shuffled = docs.clone();
        let n = shuffled.len();
        shuffled.rotate_left((seed as usize) % n);
        shuffled.swap(0, n - 1);
        prop_assert_eq!(graph_of(&docs), graph_of(&shuffled));
    }

    #[test]
    fn merging_one_document_graphs_through_json_gives_the_built_graph(
        texts in prop::collection::vec(article(), 2..5),
        seed in any::<u64>(),
        cap in 1usize..4,
    ) {
        let docs: Vec<Document> = texts.into_iter().enumerate().map(|(i, t)| doc(i, t)).collect();
        let mut built = StanceGraph::with_max_evidence(cap);
        for d in &docs {
            built.add(extract(d, lexicon()));
        }
        // Each document alone, through its JSON line, folded back in a rotated order and
        // in two groups: what `extract` and `merge` do.
        let lines: Vec<GraphFile> = docs
            .iter()
            .map(|d| {
                let mut one = StanceGraph::with_max_evidence(usize::MAX);
                one.add(extract(d, lexicon()));
                serde_json::from_str(&stancegraph::export::json::to_line(&one)).expect("line re-imports")
            })
            .collect();
        let n = lines.len();
        let order: Vec<usize> = (0..n).map(|i| (i + seed as usize % n) % n).collect();
        let (left, right) = order.split_at(n / 2);
        let group = |ids: &[usize]| {
            let mut g = StanceGraph::with_max_evidence(usize::MAX);
            for &i in ids {
                g.absorb(to_graph(&lines[i], usize::MAX));
            }
            to_file(&g)
        };
        let mut merged = StanceGraph::with_max_evidence(cap);
        merged.absorb(to_graph(&group(right), cap));
        merged.absorb(to_graph(&group(left), cap));
        prop_assert_eq!(to_file(&merged), to_file(&built));
    }

    #[test]
    fn export_and_import_round_trip(texts in prop::collection::vec(article(), 1..3)) {
        let docs: Vec<Document> = texts.into_iter().enumerate().map(|(i, t)| doc(i, t)).collect();
        let mut g = StanceGraph::default();
        for d in &docs {
            g.add(extract(d, lexicon()));
        }
        let back: GraphFile = serde_json::from_str(&to_string(&g)).expect("re-imports");
        prop_assert_eq!(back, to_file(&g));
    }

    /// The file is written from borrowed views, not from [`GraphFile`]: the two must
    /// not drift apart, tallies (written where evidence was left out) included.
    #[test]
    fn streamed_json_is_the_graph_file(texts in prop::collection::vec(article(), 1..3), cap in 1usize..3) {
        let mut g = StanceGraph::with_max_evidence(cap);
        for (i, t) in texts.into_iter().enumerate() {
            g.add(extract(&doc(i, t), lexicon()));
        }
        prop_assert_eq!(streamed(&g), to_string(&g));
    }
}

fn streamed(graph: &StanceGraph) -> String {
    let mut out = Vec::new();
    write(graph, &mut out).expect("writes to memory");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn streamed_json_of_a_large_graph_is_the_graph_file() {
    // Past the writer's 64 KB chunks, with evidence left out of the repeated edges.
    let mut g = StanceGraph::with_max_evidence(2);
    for i in 0..4000 {
        g.add(extract(
            &doc(i, format!("China rejected the United States plan {i}. Russia condemned Ukraine.")),
            lexicon(),
        ));
    }
    let text = streamed(&g);
    assert!(text.len() > 2 * 65_536, "{} bytes", text.len());
    assert!(text.contains("\"tally\""));
    assert_eq!(text, to_string(&g));
}

#[test]
fn generated_articles_do_produce_edges() {
    // The properties above are only as strong as the edges they see.
    let text = "China rejected the United States. Russia condemned Ukraine. ".to_string();
    let file = graph_of(&[doc(0, text)]);
    assert!(file.edges.iter().filter(|e| e.relation == stancegraph::graph::Relation::Stance).count() >= 2);
}

/// Found by `arbitrary_unicode_with_quotes_and_newlines`: ids of non-ASCII names broke
/// the schema, and a signature line of only an emoji made an empty id.
#[test]
fn regression_non_ascii_ids_and_emoji_signatures() -> Result<(), TestCaseError> {
    check(&[doc(0, "é said U.S.— 🙂(@x) May 1, 2025".into())])?;
    check(&[doc(1, "\u{201c}We will talk to China,\u{201d} said José Núñez, an analyst.".into())])?;
    let file = graph_of(&[doc(2, "This is the base and it stays ours for ever. — 🙂 (@x) May 1, 2025".into())]);
    assert!(file.nodes.iter().all(|n| !n.id.is_empty()));
    Ok(())
}
