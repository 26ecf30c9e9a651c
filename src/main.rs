//! The `stancegraph` command: argument parsing and printing around the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod allocator;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use stancegraph::date::Date;
use stancegraph::export::{self, json, Format};
use stancegraph::graph::{Polarity, StanceGraph};
use stancegraph::ingest::{ProblemCounts, Severity};
use stancegraph::query::{load_graph, render, Answer, Filters, Queries, Summary};

/// News articles in, stakeholder graph out.
///
/// With no command, builds the sample corpus in data/corpus into output/.
///
/// A bad input never stops a run: it is reported on stderr with its file (and line),
/// counted in the summary, and the rest goes on ("keep going" is the only mode).
///
/// Exit status: 0 all inputs read; 1 some inputs were skipped or damaged (the graph
/// of the rest is written); 2 nothing could be done (bad arguments, lexicon or output,
/// no document read: then nothing is written).
#[derive(Parser)]
#[command(name = "stancegraph", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the graph of articles: files, folders (recursive) or - for stdin.
    Build(BuildArgs),
    /// Ask a graph questions: positions, between, who, statements, matrix, actors.
    Query(QueryArgs),
    /// The map step of a scale-out: one JSON line per article (its graph alone), to
    /// stdout or a file, for `merge`.
    Extract(ExtractArgs),
    /// The reduce step: fold `extract` outputs and graph files, in any order and
    /// grouping, into one graph (the same graph one `build` of all the articles gives).
    Merge(MergeArgs),
    /// Write a graph in another format (Graphviz, GraphML, GEXF, Cytoscape.js,
    /// node-link JSON, CSV, an HTML explorer), whole or cut around an actor or dates.
    Export(ExportArgs),
}

/// The names a graph is asked about resolve through the lexicon: a user's own actors
/// and language data count as they did when the graph was built.
#[derive(Args, Clone, Default)]
struct NameArgs {
    /// More actors and persons (TOML, as data/actors.toml), for resolving names; may repeat.
    #[arg(long = "actors", global = true)]
    actors: Vec<PathBuf>,
    /// More language data (TOML, as data/en/*.toml); may repeat.
    #[arg(long = "lang-data", global = true)]
    lang_data: Vec<PathBuf>,
}

#[derive(Args)]
struct ExportArgs {
    /// The graph (written by `build` or `merge`).
    graph: PathBuf,
    /// The format: json, dot, svg, png, pdf, graphml, gexf, cytoscape, node-link, csv, html.
    #[arg(long, value_parser = parse_format)]
    format: Format,
    /// The file to write (a folder for csv); default stdout.
    #[arg(short = 'o', long = "out")]
    out: Option<PathBuf>,
    /// Only this actor and what lies within --depth steps of it (its people count as it).
    #[arg(long)]
    focus: Option<String>,
    /// Steps from --focus.
    #[arg(long, default_value_t = 1)]
    depth: usize,
    /// Drop edges said fewer times than this.
    #[arg(long, default_value_t = 1)]
    min_count: usize,
    /// Only evidence dated on or after (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    since: Option<Date>,
    /// Only evidence dated on or before (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    until: Option<Date>,
    /// `actor`: persons folded into the actor they speak for, one edge per actor pair
    /// and polarity (for centrality in Gephi or networkx); `person`: as built.
    #[arg(long, value_enum, default_value = "person")]
    level: Level,
    #[command(flatten)]
    names: NameArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Level {
    Person,
    Actor,
}

/// Where a graph goes.
#[derive(Args, Clone, Default)]
struct OutputArgs {
    /// Folder for graph.json, graph.dot and graph.svg [default: output].
    #[arg(short = 'o', long = "out")]
    out: Option<PathBuf>,
    /// Write only the JSON graph, to this file.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Write only the DOT graph, to this file (with --json: both).
    #[arg(long)]
    dot: Option<PathBuf>,
    /// Formats to write into the output folder, comma-separated, or `all`
    /// [default: json,dot,svg]: json, dot, svg, png, pdf, graphml, gexf, cytoscape,
    /// node-link, csv, html.
    #[arg(long = "format", value_delimiter = ',', value_parser = parse_formats)]
    formats: Vec<Formats>,
    /// Evidence sentences kept per edge (counts and scores always cover all of them).
    #[arg(long, default_value_t = stancegraph::graph::DEFAULT_MAX_EVIDENCE, value_parser = parse_positive)]
    max_evidence: usize,
    /// Print no summary and no progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// Also list each duplicate article (same text as one before), not only their count.
    #[arg(short, long)]
    verbose: bool,
    /// Write the outputs even when no document was read (an empty graph); without it,
    /// a run that read nothing writes nothing and exits with status 2.
    #[arg(long)]
    allow_empty: bool,
}

/// One `--format` item: a format, or `all` of them.
#[derive(Clone)]
struct Formats(Vec<Format>);

fn parse_formats(s: &str) -> std::result::Result<Formats, String> {
    if s.eq_ignore_ascii_case("all") {
        return Ok(Formats(Format::all()));
    }
    parse_format(s).map(|f| Formats(vec![f])).map_err(|e| format!("{e} or all"))
}

/// A format by the name its exporter gives (the registry in `export`).
fn parse_format(s: &str) -> std::result::Result<Format, String> {
    Format::named(s).ok_or_else(|| {
        let names: Vec<&str> = Format::all().into_iter().map(Format::name).collect();
        format!("'{s}' is not a format; use {}", names.join(", "))
    })
}

fn parse_positive(s: &str) -> std::result::Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("'{s}' is not a whole number of at least 1")),
    }
}

/// How articles are read and extracted.
#[derive(Args, Clone, Default)]
struct ReadArgs {
    /// More actors and persons (TOML, as data/actors.toml); may repeat.
    #[arg(long = "actors")]
    actors: Vec<PathBuf>,
    /// More cues (TOML, as data/cues.toml); may repeat.
    #[arg(long = "cues")]
    cues: Vec<PathBuf>,
    /// More language data (TOML, as data/en/*.toml: word lists, speech verbs, titles);
    /// its lists extend the built-in ones; may repeat.
    #[arg(long = "lang-data")]
    lang_data: Vec<PathBuf>,
    /// Skip files with invalid UTF-8 instead of decoding them lossily.
    #[arg(long)]
    strict: bool,
    /// Extraction threads [default: one per core]. The graph is the same for any number.
    #[arg(short = 'j', long, value_parser = parse_positive)]
    jobs: Option<usize>,
}

impl ReadArgs {
    fn run_options(&self) -> stancegraph::pipeline::RunOptions {
        stancegraph::pipeline::RunOptions {
            read: stancegraph::ingest::ReadOptions { strict: self.strict },
            jobs: self.jobs.unwrap_or(0),
        }
    }
}

#[derive(Args)]
struct ExtractArgs {
    /// Articles: .txt/.md, .html, .jsonl (one article a line), folders, or -.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The JSON Lines file to write (- for stdout).
    #[arg(short = 'o', long = "out", default_value = "-")]
    out: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// Print no summary and no progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// Also list each duplicate article (same text as one before), not only their count.
    #[arg(short, long)]
    verbose: bool,
}

#[derive(Args)]
struct MergeArgs {
    /// `extract` outputs (.jsonl), graph files (.json), or folders of them.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args)]
struct QueryArgs {
    #[command(subcommand)]
    question: Question,
    /// The graph to ask (written by `build`).
    #[arg(long, global = true, default_value = "output/graph.json")]
    graph: PathBuf,
    /// Build the graph from these articles instead of reading one.
    #[arg(long = "from", global = true, num_args = 1..)]
    from: Vec<PathBuf>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value = "table")]
    format: OutputFormat,
    /// Evidence dated on or after (YYYY-MM-DD).
    #[arg(long, global = true, value_parser = parse_date)]
    since: Option<Date>,
    /// Evidence dated on or before (YYYY-MM-DD).
    #[arg(long, global = true, value_parser = parse_date)]
    until: Option<Date>,
    /// Only these event types (comma-separated: reject,threaten).
    #[arg(long = "type", global = true, value_delimiter = ',', value_parser = parse_event_type)]
    types: Vec<String>,
    /// Only support or only oppose.
    #[arg(long, global = true, value_enum)]
    polarity: Option<PolarityArg>,
    /// Only evidence from documents whose id contains this.
    #[arg(long, global = true)]
    doc: Option<String>,
    /// Only edges at least this confident (0-1).
    #[arg(long, global = true, value_parser = parse_fraction)]
    min_confidence: Option<f64>,
    /// Count hedged evidence ("would", "could"), left out by default.
    #[arg(long, global = true)]
    include_speculative: bool,
    #[command(flatten)]
    names: NameArgs,
}

#[derive(Subcommand)]
enum Question {
    /// Everything ACTOR (and its people) supports and opposes, by counterpart.
    Positions { actor: String },
    /// Every edge both ways between two actors, in time order.
    Between { a: String, b: String },
    /// The actors that oppose or support X, ranked.
    Who {
        /// Actors that oppose this one.
        #[arg(long, conflicts_with = "supports", required_unless_present = "supports")]
        opposes: Option<String>,
        /// Actors that support this one.
        #[arg(long)]
        supports: Option<String>,
    },
    /// Attributed quotes.
    Statements {
        /// By this person.
        #[arg(long)]
        speaker: Option<String>,
        /// By this actor and the people who speak for it.
        #[arg(long, conflicts_with = "speaker")]
        actor: Option<String>,
    },
    /// The stakeholder matrix: net stance of each row actor toward each column actor.
    Matrix {
        /// The actors, by name (or comma-separated); default: the ten busiest.
        /// (`--actors` is the actors file, as for every command.)
        #[arg(value_delimiter = ',')]
        names: Vec<String>,
    },
    /// The actors and persons in the graph.
    Actors,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum OutputFormat {
    Table,
    Json,
    Csv,
    Markdown,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum PolarityArg {
    Support,
    Oppose,
}

/// An event type of the cue lexicon; anything else is refused with the list.
fn parse_event_type(s: &str) -> std::result::Result<String, String> {
    let types = stancegraph::lexicon::EVENT_TYPES;
    let t = s.trim().to_lowercase().replace([' ', '-'], "_");
    if types.contains(&t.as_str()) {
        Ok(t)
    } else {
        Err(format!("'{s}' is not an event type; use one of {}", types.join(", ")))
    }
}

/// A number from 0 to 1.
fn parse_fraction(s: &str) -> std::result::Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("'{s}' is not a number from 0 to 1")),
    }
}

fn parse_date(s: &str) -> std::result::Result<Date, String> {
    Date::parse_iso(s).ok_or_else(|| format!("'{s}' is not a YYYY-MM-DD date"))
}

#[derive(Args)]
struct BuildArgs {
    /// Articles: .txt/.md, .html, .jsonl (one article a line), folders, or -.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Add the articles to this graph instead of starting empty; articles it already
    /// holds (same text) are counted once. Without other outputs, the graph is rewritten.
    #[arg(long, value_name = "GRAPH")]
    update: Option<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    read: ReadArgs,
}

#[global_allocator]
static ALLOCATOR: allocator::MiMalloc = allocator::MiMalloc;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        // A reader that stopped early (`| head`) is not an error: the output ends quietly.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stancegraph: error: {}", describe(&e));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<stancegraph::Error>().is_some_and(|s| {
                matches!(s, stancegraph::Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

/// An error and its causes on one line, each said once: a library error that already
/// quotes its cause ("path: No such file") does not get it repeated.
fn describe(e: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// Standard output, where a closed pipe ends the run quietly (see [`main`]).
fn emit(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).context("<stdout>: cannot write")
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    let args = match cli.command {
        Some(Command::Build(args)) => args,
        Some(Command::Query(args)) => return query(args),
        None => {
            let corpus = Path::new("data/corpus");
            if !corpus.is_dir() {
                bail!("no command given and ./data/corpus is not here to build; try `stancegraph build ARTICLES...` (see --help)");
            }
            BuildArgs {
                inputs: vec![corpus.into()],
                update: None,
                output: OutputArgs {
                    max_evidence: stancegraph::graph::DEFAULT_MAX_EVIDENCE,
                    formats: vec![Formats(available_formats())],
                    ..Default::default()
                },
                read: ReadArgs::default(),
            }
        }
        Some(Command::Extract(args)) => return extract(args),
        Some(Command::Merge(args)) => return merge(args),
        Some(Command::Export(args)) => return export_graph(args),
    };
    build(args)
}

fn build(args: BuildArgs) -> Result<ExitCode> {
    let lexicon = stancegraph::api::lexicon_with_language(&args.read.actors, &args.read.cues, &args.read.lang_data)?;
    let targets = output_targets(&args.output, args.update.as_deref())?;
    for (_, path) in &targets {
        check_writable(path)?;
    }
    let mut graph = match &args.update {
        Some(path) => json::to_graph(&load_graph(path)?, args.output.max_evidence),
        None => StanceGraph::with_max_evidence(args.output.max_evidence),
    };
    let before = graph.documents.len();
    let mut progress = Bar::new(args.output.quiet, args.output.verbose);
    let report =
        stancegraph::pipeline::build_into(&mut graph, &args.inputs, &lexicon, args.read.run_options(), &mut progress);
    progress.finish();
    let code = finish(&graph, &report, &targets, &args.output, before);
    leave_to_exit(graph);
    leave_to_exit(lexicon);
    code
}

/// The process is about to end: its memory goes back to the system at once, where
/// freeing a large graph node by node took 2% of a run.
fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}

/// Writes the outputs and prints the summary; the exit code says whether inputs failed.
/// A run that read no document writes nothing (a typo in a path must not replace a
/// graph with an empty one) unless `--allow-empty`.
fn finish(
    graph: &StanceGraph,
    report: &stancegraph::pipeline::BuildReport,
    targets: &[(Format, PathBuf)],
    output: &OutputArgs,
    before: usize,
) -> Result<ExitCode> {
    if report.documents == 0 && report.duplicates == 0 && !output.allow_empty {
        print_problems_to_stderr(&report.diagnostics);
        eprintln!(
            "stancegraph: error: no document was read, so nothing was written (--allow-empty writes an empty graph)"
        );
        return Ok(ExitCode::from(2));
    }
    let mut file = None;
    let mut undrawn = Vec::new();
    for (format, path) in targets {
        if *format == Format::Json {
            export::write_atomic_with(path, |out| json::write(graph, out))?;
            continue;
        }
        let file = file.get_or_insert_with(|| json::to_file(graph));
        // A drawing that cannot be made (dot too slow or failing) costs only itself.
        match write_rendered(*format, file, path) {
            Err(e) if format.is_drawing() => {
                eprintln!("stancegraph: {}: not drawn: {}", path.display(), describe(&e));
                undrawn.push(path.clone());
            }
            other => other?,
        }
    }
    if !output.quiet {
        let file = file.get_or_insert_with(|| json::to_file(graph));
        let mut text = String::new();
        if before > 0 {
            text.push_str(&format!("{before} documents were in the graph already\n"));
        }
        let written: Vec<(Format, PathBuf)> = targets.iter().filter(|(_, p)| !undrawn.contains(p)).cloned().collect();
        text.push_str(&summary_text(&Summary::of(file, report.documents), &written));
        for line in problem_lines(&report.diagnostics) {
            text.push_str(&line);
            text.push('\n');
        }
        emit(&text)?;
    }
    Ok(if undrawn.is_empty() { exit_code(&report.diagnostics) } else { ExitCode::from(1) })
}

fn exit_code(diagnostics: &[stancegraph::ingest::Diagnostic]) -> ExitCode {
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let lexicon = stancegraph::api::lexicon_with_language(&args.read.actors, &args.read.cues, &args.read.lang_data)?;
    let mut progress = Bar::new(args.quiet, args.verbose);
    let options = args.read.run_options();
    let report = if args.out.as_os_str() == "-" {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        stancegraph::pipeline::extract_to(&mut out, &args.inputs, &lexicon, options, &mut progress)
            .and_then(|r| std::io::Write::flush(&mut out).map(|()| r))
            .context("<stdout>: cannot write")?
    } else {
        check_writable(&args.out)?;
        let mut report = None;
        export::write_atomic_with(&args.out, |out| {
            report = Some(stancegraph::pipeline::extract_to(out, &args.inputs, &lexicon, options, &mut progress)?);
            Ok(())
        })?;
        report.unwrap_or_default()
    };
    progress.finish();
    if !args.quiet {
        eprintln!("{} documents extracted", report.documents);
        print_problems_to_stderr(&report.diagnostics);
    }
    Ok(exit_code(&report.diagnostics))
}

fn merge(args: MergeArgs) -> Result<ExitCode> {
    let targets = output_targets(&args.output, None)?;
    for (_, path) in &targets {
        check_writable(path)?;
    }
    let mut graph = StanceGraph::with_max_evidence(args.output.max_evidence);
    let mut progress = Bar::new(args.output.quiet, args.output.verbose);
    let report = stancegraph::pipeline::merge_into(&mut graph, &args.inputs, &mut progress);
    progress.finish();
    let code = finish(&graph, &report, &targets, &args.output, 0);
    leave_to_exit(graph);
    code
}

/// A progress bar on stderr for runs longer than a couple of seconds; never on a
/// pipe or with --quiet. Problems are printed above it as they come.
struct Bar {
    bar: Option<indicatif::ProgressBar>,
    total: u64,
    shown: bool,
    started: std::time::Instant,
    documents: usize,
    bytes: u64,
    verbose: bool,
}

impl Bar {
    fn new(quiet: bool, verbose: bool) -> Self {
        use std::io::IsTerminal;
        let shown = !quiet && std::io::stderr().is_terminal();
        Self { bar: None, total: 0, shown, started: std::time::Instant::now(), documents: 0, bytes: 0, verbose }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    fn start(&self) -> indicatif::ProgressBar {
        let bar = indicatif::ProgressBar::with_draw_target(
            (self.total > 0).then_some(self.total),
            indicatif::ProgressDrawTarget::stderr(),
        );
        // Rate and ETA come from `status`: the bar appears after two seconds, and
        // indicatif's own estimate would count everything read by then as one burst.
        let template = if self.total > 0 {
            "{elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {msg}"
        } else {
            "{elapsed_precise} {spinner} {binary_bytes} {msg}"
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    }
}

impl Bar {
    /// Documents done, the average rate since the start, and the time left at that rate.
    fn status(&self) -> String {
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = self.bytes as f64 / seconds;
        let mut status = format!("{} docs {:.1} MB/s", self.documents, rate / 1e6);
        if self.total > 0 && rate > 0.0 {
            let left = self.total.saturating_sub(self.bytes) as f64 / rate;
            status.push_str(&format!(" ETA {}:{:02}", (left / 60.0) as u64, (left % 60.0) as u64));
        }
        status
    }
}

impl stancegraph::pipeline::Progress for Bar {
    fn begin(&mut self, sources: &[stancegraph::ingest::Source]) {
        if self.shown {
            self.total = stancegraph::pipeline::input_bytes(sources);
        }
    }

    fn advance(&mut self, bytes: u64, documents: usize) {
        self.documents += documents;
        self.bytes += bytes;
        if self.bar.is_none() && self.shown && self.started.elapsed().as_secs_f64() > 2.0 {
            // It appears late, but counts from the start: what was read before is done too.
            let bar = self.start().with_elapsed(self.started.elapsed()).with_position(self.bytes);
            bar.set_message(self.status());
            self.bar = Some(bar);
        } else if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
        if let Some(bar) = &self.bar {
            if self.documents.is_multiple_of(64) {
                bar.set_message(self.status());
            }
        }
    }

    fn problem(&mut self, diagnostic: &stancegraph::ingest::Diagnostic) {
        // Wire copies are common in news: counted in the summary, listed on request.
        if diagnostic.reason == stancegraph::pipeline::DUPLICATE && !self.verbose {
            return;
        }
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{diagnostic}")),
            None => eprintln!("{diagnostic}"),
        }
    }
}

/// Every format, less those that need Graphviz when it is missing (said once).
fn available_formats() -> Vec<Format> {
    if export::graphviz_available() {
        return Format::all();
    }
    eprintln!("note: {}", export::GRAPHVIZ_MISSING);
    Format::all().into_iter().filter(|f| !f.needs_graphviz()).collect()
}

/// What to write where. Asked-for drawings need Graphviz: without it, that is an error
/// before any work; the default set just leaves the SVG out, with a note.
fn output_targets(output: &OutputArgs, update: Option<&Path>) -> Result<Vec<(Format, PathBuf)>> {
    if output.json.is_some() || output.dot.is_some() {
        let json = output.json.iter().map(|p| (Format::Json, p.clone()));
        return Ok(json.chain(output.dot.iter().map(|p| (Format::Dot, p.clone()))).collect());
    }
    if let (Some(graph), None, true) = (update, &output.out, output.formats.is_empty()) {
        return Ok(vec![(Format::Json, graph.to_path_buf())]);
    }
    let out = output.out.clone().unwrap_or_else(|| "output".into());
    let mut formats: Vec<Format> = output.formats.iter().flat_map(|f| f.0.iter().copied()).collect();
    if formats.is_empty() {
        formats = vec![Format::Json, Format::Dot, Format::Svg];
    } else if formats.iter().any(|f| f.needs_graphviz()) && !export::graphviz_available() {
        bail!("{}", export::GRAPHVIZ_MISSING);
    }
    formats.sort();
    formats.dedup();
    Ok(formats.into_iter().map(|f| (f, out.join(f.file_names()[0]))).collect())
}

/// Writes a rendered format: at `path`, or, for several files, beside it.
fn write_rendered(format: Format, file: &json::GraphFile, path: &Path) -> Result<()> {
    Ok(export::write_file(format, file, path)?)
}

fn export_graph(args: ExportArgs) -> Result<ExitCode> {
    let file = load_graph(&args.graph)?;
    let lexicon = stancegraph::api::lexicon_with_language(&args.names.actors, &[], &args.names.lang_data)?;
    let focus = match &args.focus {
        Some(name) => {
            Some(Queries::new(&file, Some(&lexicon.gazetteer)).resolve(name).map_err(|e| anyhow::anyhow!(e))?)
        }
        None => None,
    };
    let view = export::view::ViewOptions {
        focus,
        depth: args.depth,
        min_count: args.min_count,
        since: args.since,
        until: args.until,
    };
    let file = export::view::apply(&file, &view);
    let file = if args.level == Level::Actor { export::view::actor_level(&file) } else { file };
    if args.format.needs_graphviz() && !export::graphviz_available() {
        bail!("{}", export::GRAPHVIZ_MISSING);
    }
    match &args.out {
        Some(out) if args.format == Format::Csv => {
            std::fs::create_dir_all(out).with_context(|| format!("{}: cannot create output folder", out.display()))?;
            write_rendered(args.format, &file, &out.join("nodes.csv"))?;
        }
        Some(out) => {
            check_writable(out)?;
            write_rendered(args.format, &file, out)?;
        }
        None if args.format == Format::Csv => {
            bail!("csv writes four files (nodes.csv, edges.csv and their Neo4j twins): give -o FOLDER")
        }
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            for (_, bytes) in export::render(args.format, &file)? {
                stdout.write_all(&bytes).context("<stdout>: cannot write")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Fails before any work when an output folder cannot be made or written.
fn check_writable(path: &Path) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create output folder", dir.display()))?;
    tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("{}: output folder is not writable", dir.display()))?;
    Ok(())
}

fn print_problems_to_stderr(diagnostics: &[stancegraph::ingest::Diagnostic]) {
    for line in problem_lines(diagnostics) {
        eprintln!("{line}");
    }
}

/// One line counting what was skipped or damaged, by reason.
fn problem_lines(diagnostics: &[stancegraph::ingest::Diagnostic]) -> Vec<String> {
    let counts = ProblemCounts::of(diagnostics);
    let list = |counts: &[(stancegraph::ingest::Reason, usize)]| {
        counts.iter().map(|(r, n)| format!("{n} {r}")).collect::<Vec<_>>().join(", ")
    };
    let mut lines = Vec::new();
    if !counts.errors.is_empty() {
        lines.push(format!("problems (see stderr): {}", list(&counts.errors)));
    }
    if !counts.warnings.is_empty() {
        lines.push(format!("warnings: {}", list(&counts.warnings)));
    }
    lines
}

/// The summary after a build, as [`Summary`] counts it, and the files written.
fn summary_text(summary: &Summary, targets: &[(Format, PathBuf)]) -> String {
    let Summary { documents, actors, persons, support, oppose, statements, .. } = summary;
    let mut text = format!("{documents} documents: {actors} actors, {persons} persons\n");
    text.push_str(&format!("edges: {support} support, {oppose} oppose, {statements} quoted statements\n"));
    if !summary.strongest.is_empty() {
        text.push_str("strongest positions (most sentences; hedged ones left out):\n");
    }
    for (a, b, stand) in &summary.strongest {
        text.push_str(&format!(
            "  {a} {} {b}  ({} sentences: {}; net Goldstein {:+.1}, mean {:+.1})\n",
            match stand.word() {
                "mixed" => "is mixed toward",
                w => w,
            },
            stand.count(),
            stand.split(),
            stand.net(),
            stand.mean(),
        ));
    }
    for (_, t) in targets {
        text.push_str(&format!("wrote {}\n", t.display()));
    }
    text
}

fn query(args: QueryArgs) -> Result<ExitCode> {
    let lexicon = stancegraph::api::lexicon_with_language(&args.names.actors, &[], &args.names.lang_data)?;
    let file = if args.from.is_empty() {
        load_graph(&args.graph)?
    } else {
        let (graph, diagnostics, documents) = stancegraph::build_graph(&args.from, &lexicon);
        for d in &diagnostics {
            eprintln!("{d}");
        }
        if documents == 0 {
            bail!("no document was read from --from, so there is nothing to ask");
        }
        json::to_file(&graph)
    };
    let filters = Filters {
        since: args.since,
        until: args.until,
        types: args.types.clone(),
        polarity: args.polarity.map(|p| match p {
            PolarityArg::Support => Polarity::Support,
            PolarityArg::Oppose => Polarity::Oppose,
        }),
        doc: args.doc.clone(),
        min_confidence: args.min_confidence,
        include_speculative: args.include_speculative,
    };
    let question = match args.question {
        Question::Positions { actor } => stancegraph::query::Question::Positions(actor),
        Question::Between { a, b } => stancegraph::query::Question::Between(a, b),
        Question::Who { opposes, supports } => match (opposes, supports) {
            (Some(x), _) => stancegraph::query::Question::Who(x, Polarity::Oppose),
            (None, Some(x)) => stancegraph::query::Question::Who(x, Polarity::Support),
            (None, None) => bail!("say --opposes X or --supports X"),
        },
        Question::Statements { speaker, actor } => stancegraph::query::Question::Statements { speaker, actor },
        Question::Matrix { names } => stancegraph::query::Question::Matrix(names),
        Question::Actors => stancegraph::query::Question::Actors,
    };
    let answer: Answer = stancegraph::query::answer(&file, Some(&lexicon.gazetteer), &question, &filters)
        .map_err(|e| anyhow::anyhow!(e))?;
    if matches!(args.format, OutputFormat::Csv) {
        for note in &answer.notes {
            eprintln!("note: {note}");
        }
    }
    let text = match args.format {
        OutputFormat::Table => render::table(&answer, table_style()),
        OutputFormat::Json => render::json(&answer),
        OutputFormat::Csv => render::csv(&answer),
        OutputFormat::Markdown => render::markdown(&answer),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Wrapped and coloured on a terminal; plain when piped. COLUMNS sets the width.
fn table_style() -> render::TableStyle {
    use std::io::IsTerminal;
    let tty = std::io::stdout().is_terminal();
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    render::TableStyle { width, fit_terminal: tty, colour: tty && std::env::var_os("NO_COLOR").is_none() }
}
