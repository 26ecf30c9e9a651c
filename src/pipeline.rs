//! Drives the stages over a corpus: documents are streamed from [`ingest`], extracted
//! in parallel on a rayon pool, and handed back **in input order**, so a run with one
//! thread and a run with many fold the same documents in the same order and give
//! byte-identical graphs. Memory holds the documents in flight, not the corpus.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;

use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::extract::{self, Extraction, Lexicon};
use crate::graph::StanceGraph;
use crate::ingest::{self, Diagnostic, DocumentStream, Item, ReadOptions, Reason};

/// How a corpus is run.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// Reading options (`--strict`).
    pub read: ReadOptions,
    /// Extraction threads; 0 means one per core.
    pub jobs: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        Self { read: ReadOptions::default(), jobs: 1 }
    }
}

/// One input's result, in input order.
#[derive(Debug)]
pub enum Outcome {
    /// A document's extraction.
    Extracted {
        /// What it contributes.
        extraction: Extraction,
        /// Hash of its text (xxh3-64).
        hash: u64,
        /// Input bytes it came from.
        bytes: u64,
    },
    /// A problem with an input.
    Problem(Diagnostic),
}

/// The hash that tells the same article apart from a different one.
pub fn text_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// Bytes the inputs hold (stdin counts as unknown, 0): the denominator of progress.
pub fn input_bytes(sources: &[ingest::Source]) -> u64 {
    sources
        .iter()
        .filter_map(|s| match s {
            ingest::Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            ingest::Source::Stdin => None,
        })
        .sum()
}

/// Reads and extracts every input, calling `each` with the outcomes in input order.
pub fn run(sources: Vec<ingest::Source>, lexicon: &Lexicon, options: RunOptions, mut each: impl FnMut(Outcome)) {
    let stream = DocumentStream::new(sources, options.read);
    let jobs = if options.jobs == 0 { rayon::current_num_threads() } else { options.jobs };
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) if jobs > 1 => pool,
        // One thread, or no threads to be had: the calling thread does the work.
        _ => return run_sequential(stream, lexicon, each),
    };
    // Documents travel in batches: one hand-over per batch, not per article, keeps the
    // threads working instead of waiting on each other. Bounded, so a slow consumer holds
    // back the readers instead of buffering the corpus.
    let (tx, rx) = sync_channel::<(usize, Vec<Outcome>)>(jobs * 4);
    let batches = Batches { items: stream, next: 0 };
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.install(|| {
                batches.par_bridge().for_each_with(tx, |tx, (seq, items)| {
                    let outcomes = items.into_iter().map(|item| process(item, lexicon)).collect();
                    // The receiver lives until every sender is gone; a failed send cannot happen.
                    let _ = tx.send((seq, outcomes));
                });
            });
        });
        let mut waiting: BTreeMap<usize, Vec<Outcome>> = BTreeMap::new();
        let mut next = 0;
        for (seq, outcomes) in rx {
            waiting.insert(seq, outcomes);
            while let Some(outcomes) = waiting.remove(&next) {
                outcomes.into_iter().for_each(&mut each);
                next += 1;
            }
        }
    });
}

/// Groups a stream into numbered batches of about [`BATCH_BYTES`] of text.
struct Batches {
    items: DocumentStream,
    next: usize,
}

const BATCH_BYTES: usize = 256 << 10;
const BATCH_ITEMS: usize = 64;

impl Iterator for Batches {
    type Item = (usize, Vec<Item>);

    fn next(&mut self) -> Option<Self::Item> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while bytes < BATCH_BYTES && batch.len() < BATCH_ITEMS {
            let Some(item) = self.items.next() else { break };
            if let Item::Document(doc, _) = &item {
                bytes += doc.text.len();
            }
            batch.push(item);
        }
        if batch.is_empty() {
            return None;
        }
        self.next += 1;
        Some((self.next - 1, batch))
    }
}

fn run_sequential(stream: DocumentStream, lexicon: &Lexicon, each: impl FnMut(Outcome)) {
    stream.map(|item| process(item, lexicon)).for_each(each);
}

fn process(item: Item, lexicon: &Lexicon) -> Outcome {
    match item {
        Item::Document(doc, bytes) => {
            let hash = text_hash(&doc.text);
            Outcome::Extracted { extraction: extract::extract(&doc, lexicon), hash, bytes }
        }
        Item::Problem(d) => Outcome::Problem(d),
    }
}

/// What a build did besides the graph.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Problems, in input order.
    pub diagnostics: Vec<Diagnostic>,
    /// Documents folded in.
    pub documents: usize,
    /// Documents left out because the graph already had their text.
    pub duplicates: usize,
}

/// The reason duplicate texts are reported under: counted, listed only on request.
pub const DUPLICATE: Reason = Reason::DuplicateArticle;

impl BuildReport {
    /// The inputs of `paths`, with a report that already holds (and has shown) the
    /// problems of finding them.
    fn start(paths: &[PathBuf], progress: &mut dyn Progress) -> (Vec<ingest::Source>, Self) {
        let (sources, found) = ingest::collect_sources(paths);
        progress.begin(&sources);
        let mut report = Self::default();
        for d in found {
            report.problem(d, progress);
        }
        (sources, report)
    }

    /// Shows a problem and keeps it.
    fn problem(&mut self, diagnostic: Diagnostic, progress: &mut dyn Progress) {
        progress.problem(&diagnostic);
        self.diagnostics.push(diagnostic);
    }

    /// A document whose text an earlier one (`first`) already had.
    fn duplicate(&mut self, doc: &str, first: &str, progress: &mut dyn Progress) {
        let d = Diagnostic::warning(doc, DUPLICATE, format!("same text as {first}; counted once"));
        self.problem(d, progress);
        self.duplicates += 1;
    }
}

/// Progress as a build goes: input bytes and documents done.
pub trait Progress {
    /// The inputs are known (before any is read): a bar can size itself from them.
    fn begin(&mut self, _sources: &[ingest::Source]) {}
    /// A document (or a problem) is done.
    fn advance(&mut self, bytes: u64, documents: usize);
    /// A problem to show now.
    fn problem(&mut self, diagnostic: &Diagnostic);
}

/// Progress that shows nothing.
pub struct Silent;

impl Progress for Silent {
    fn advance(&mut self, _: u64, _: usize) {}
    fn problem(&mut self, _: &Diagnostic) {}
}

/// Folds every input into `graph` (empty, or loaded for an update). The same text
/// twice, under any id, is counted once: the first one in input order keeps it.
pub fn build_into(
    graph: &mut StanceGraph,
    paths: &[PathBuf],
    lexicon: &Lexicon,
    options: RunOptions,
    progress: &mut dyn Progress,
) -> BuildReport {
    let (sources, mut report) = BuildReport::start(paths, progress);
    run(sources, lexicon, options, |outcome| match outcome {
        Outcome::Extracted { extraction, hash, bytes } => {
            if let Some(first) = graph.document_with_hash(hash) {
                report.duplicate(&extraction.doc, first, progress);
            } else {
                graph.add_hashed(extraction, Some(hash));
                report.documents += 1;
            }
            progress.advance(bytes, 1);
        }
        Outcome::Problem(d) => {
            report.problem(d, progress);
            progress.advance(0, 0);
        }
    });
    report
}

/// Writes one line per document: the graph of that document alone, with all its
/// evidence and its text hash (the map step of a scale-out; `merge` is the reduce).
/// The same text twice is written once.
pub fn extract_to(
    out: &mut dyn std::io::Write,
    paths: &[PathBuf],
    lexicon: &Lexicon,
    options: RunOptions,
    progress: &mut dyn Progress,
) -> std::io::Result<BuildReport> {
    let (sources, mut report) = BuildReport::start(paths, progress);
    let mut seen: std::collections::HashMap<u64, String> = Default::default();
    let mut failure = None;
    run(sources, lexicon, options, |outcome| match outcome {
        Outcome::Extracted { extraction, hash, bytes } => {
            if let Some(first) = seen.get(&hash) {
                report.duplicate(&extraction.doc, first, progress);
            } else if failure.is_none() {
                seen.insert(hash, extraction.doc.clone());
                let mut one = StanceGraph::with_max_evidence(usize::MAX);
                one.add_hashed(extraction, Some(hash));
                if let Err(e) = out.write_all(crate::export::json::to_line(&one).as_bytes()) {
                    failure = Some(e);
                }
                report.documents += 1;
            }
            progress.advance(bytes, 1);
        }
        Outcome::Problem(d) => report.problem(d, progress),
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(report),
    }
}

/// Folds graph files and `extract` outputs (files or folders of them) into `graph`.
/// Merging is associative and order-independent: any grouping of the shards gives the
/// graph one `build` of all their articles gives. A document already in the graph (same
/// id or same text) is skipped; a multi-document graph that overlaps is folded in with
/// a warning, since its shared documents' edges can no longer be told apart.
pub fn merge_into(graph: &mut StanceGraph, paths: &[PathBuf], progress: &mut dyn Progress) -> BuildReport {
    let (sources, mut report) = BuildReport::start(paths, progress);
    for source in sources {
        let name = source.name();
        let mut fold = |file: crate::export::json::GraphFile, line: Option<usize>, bytes: u64| {
            let other = crate::export::json::to_graph(&file, usize::MAX);
            let shared = graph.shared_documents(&other);
            let total = other.documents.len();
            if !shared.is_empty() && shared.len() == total {
                let message = format!("{} already merged; skipped", shared.join(", "));
                report.problem(Diagnostic { line, ..Diagnostic::warning(&name, DUPLICATE, message) }, progress);
                report.duplicates += total;
            } else {
                if !shared.is_empty() {
                    let message = format!(
                        "{} of its {total} documents were already merged ({}...); their edges are counted twice",
                        shared.len(),
                        shared[0]
                    );
                    report
                        .problem(Diagnostic { line, ..Diagnostic::warning(&name, Reason::Overlap, message) }, progress);
                }
                report.documents += total - shared.len();
                graph.absorb(other);
            }
            progress.advance(bytes, total);
        };
        let mut problems = Vec::new();
        if let Err(d) = read_graph_source(&source, &name, &mut fold, &mut problems) {
            problems.push(d);
        }
        for d in problems {
            report.problem(d, progress);
        }
    }
    report
}

/// Calls `fold` with each graph of a source: a whole graph file, or one graph per line.
fn read_graph_source(
    source: &ingest::Source,
    name: &str,
    fold: &mut dyn FnMut(crate::export::json::GraphFile, Option<usize>, u64),
    problems: &mut Vec<Diagnostic>,
) -> Result<(), Diagnostic> {
    use std::io::{BufRead, Read};
    let unreadable = |e: std::io::Error| Diagnostic::error(name, None, Reason::Unreadable, format!("cannot read: {e}"));
    let mut reader: Box<dyn BufRead> = match source {
        ingest::Source::File(p) => Box::new(std::io::BufReader::new(std::fs::File::open(p).map_err(unreadable)?)),
        ingest::Source::Stdin => Box::new(std::io::BufReader::new(std::io::stdin())),
    };
    let mut first = String::new();
    reader.read_line(&mut first).map_err(unreadable)?;
    let parse = crate::export::json::parse_graph;
    if let Ok(file) = parse(first.trim()) {
        fold(file, Some(1), first.len() as u64);
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(unreadable)?;
            if line.trim().is_empty() {
                continue;
            }
            match parse(&line) {
                Ok(file) => fold(file, Some(i + 2), line.len() as u64 + 1),
                Err(m) => problems.push(Diagnostic::error(name, Some(i + 2), Reason::NotAGraph, m)),
            }
        }
        return Ok(());
    }
    let mut text = first;
    reader.read_to_string(&mut text).map_err(unreadable)?;
    let file = parse(&text).map_err(|m| Diagnostic::error(name, None, Reason::NotAGraph, m))?;
    fold(file, None, text.len() as u64);
    Ok(())
}
