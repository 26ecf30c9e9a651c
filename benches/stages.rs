//! Per-stage benchmarks (criterion): sentence splitting, actor matching, quote
//! attribution, stance extraction, export, and the whole extraction. Input: the first
//! 1,000 articles of ../shared/corpora/reuters21578-bbc.jsonl when it is there (read in
//! place, never copied), else the sample corpus in data/corpus. Throughput is in bytes
//! of article text, so the numbers read as MB/s.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use stancegraph::extract::{extract, Lexicon, Staged};
use stancegraph::graph::StanceGraph;
use stancegraph::ingest::{collect_sources, Document, DocumentStream, Item, ReadOptions};

fn corpus() -> Vec<Document> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let news = root.join("../shared/corpora/reuters21578-bbc.jsonl");
    let input: PathBuf = if news.exists() { news } else { root.join("data/corpus") };
    let (sources, _) = collect_sources(&[input]);
    DocumentStream::new(sources, ReadOptions::default())
        .filter_map(|item| match item {
            Item::Document(doc, _) => Some(doc),
            Item::Problem(_) => None,
        })
        .take(1000)
        .collect()
}

fn stages(c: &mut Criterion) {
    let lexicon = Lexicon::load(&[], &[]).expect("built-in lexicon");
    let docs = corpus();
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(bytes)).sample_size(10);

    group.bench_function("sentence splitting", |b| {
        b.iter(|| docs.iter().map(|d| stancegraph::text::segment(&d.text).sentences.len()).sum::<usize>())
    });
    let arena = bumpalo::Bump::new();
    let segmented: Vec<Staged> = docs.iter().map(|d| Staged::segment(d, &lexicon, &arena)).collect();
    group.bench_function("actor matching", |b| {
        b.iter_batched(
            || segmented.clone(),
            |mut all| all.iter_mut().map(Staged::find_mentions).sum::<usize>(),
            BatchSize::LargeInput,
        )
    });
    let with_mentions: Vec<Staged> = segmented
        .into_iter()
        .map(|mut s| {
            s.find_mentions();
            s
        })
        .collect();
    group.bench_function("quote attribution", |b| {
        b.iter_batched(
            || with_mentions.clone(),
            |mut all| all.iter_mut().map(Staged::attribute_quotes).sum::<usize>(),
            BatchSize::LargeInput,
        )
    });
    let with_quotes: Vec<Staged> = with_mentions
        .into_iter()
        .map(|mut s| {
            s.attribute_quotes();
            s
        })
        .collect();
    group.bench_function("stance extraction", |b| {
        b.iter(|| with_quotes.iter().map(Staged::find_stances).sum::<usize>())
    });
    group.bench_function("whole extraction", |b| {
        b.iter(|| docs.iter().map(|d| extract(d, &lexicon).stances.len()).sum::<usize>())
    });
    let mut graph = StanceGraph::default();
    for d in &docs {
        graph.add(extract(d, &lexicon));
    }
    group.bench_function("export json", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            stancegraph::export::json::write(&graph, &mut out).map(|()| out.len())
        })
    });
    group.bench_function("export dot", |b| b.iter(|| stancegraph::export::dot::to_string(&graph).len()));
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
