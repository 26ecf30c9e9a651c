//! The `stancegraph` command: argument parsing and printing around the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use stancegraph::date::Date;
use stancegraph::export::{self, dot, json};
use stancegraph::extract::Lexicon;
use stancegraph::graph::{Polarity, Relation, StanceGraph};
use stancegraph::ingest::Severity;
use stancegraph::query::{load_graph, render, Answer, Filters, Queries};

/// News articles in, stakeholder graph out.
///
/// With no command, builds the sample corpus in data/corpus into output/.
///
/// A bad input never stops a run: it is reported on stderr with its file (and line),
/// counted in the summary, and the rest goes on ("keep going" is the only mode).
///
/// Exit status: 0 all inputs read; 1 some inputs were skipped or damaged (the graph
/// of the rest is written); 2 nothing could be done (bad arguments, lexicon or output).
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
    #[arg(long = "type", global = true, value_delimiter = ',')]
    types: Vec<String>,
    /// Only support or only oppose.
    #[arg(long, global = true, value_enum)]
    polarity: Option<PolarityArg>,
    /// Only evidence from documents whose id contains this.
    #[arg(long, global = true)]
    doc: Option<String>,
    /// Only edges at least this confident (0-1).
    #[arg(long, global = true)]
    min_confidence: Option<f64>,
    /// Count hedged evidence ("would", "could"), left out by default.
    #[arg(long, global = true)]
    include_speculative: bool,
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
        /// The actors (comma-separated); default: the ten busiest.
        #[arg(long, value_delimiter = ',')]
        actors: Vec<String>,
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

fn parse_date(s: &str) -> std::result::Result<Date, String> {
    Date::parse_iso(s).ok_or_else(|| format!("'{s}' is not a YYYY-MM-DD date"))
}

#[derive(Args)]
struct BuildArgs {
    /// Articles: .txt/.md, .html, .jsonl (one article a line), folders, or -.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Folder for graph.json, graph.dot and graph.svg.
    #[arg(short = 'o', long = "out", default_value = "output")]
    out: PathBuf,
    /// Write only the JSON graph, to this file.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Write only the DOT graph, to this file (with --json: both).
    #[arg(long)]
    dot: Option<PathBuf>,
    /// More actors and persons (TOML, as data/actors.toml); may repeat.
    #[arg(long = "actors")]
    actors: Vec<PathBuf>,
    /// More cues (TOML, as data/cues.toml); may repeat.
    #[arg(long = "cues")]
    cues: Vec<PathBuf>,
    /// Skip files with invalid UTF-8 instead of decoding them lossily.
    #[arg(long)]
    strict: bool,
    /// Print no summary.
    #[arg(short, long)]
    quiet: bool,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("stancegraph: error: {e:#}");
            ExitCode::from(2)
        }
    }
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
                out: "output".into(),
                json: None,
                dot: None,
                actors: vec![],
                cues: vec![],
                strict: false,
                quiet: false,
            }
        }
    };
    build(args)
}

fn read_all(paths: &[PathBuf]) -> Result<Vec<(String, String)>> {
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).with_context(|| format!("{}: cannot read", p.display()))?;
            Ok((p.display().to_string(), text))
        })
        .collect()
}

fn build(args: BuildArgs) -> Result<ExitCode> {
    let lexicon = Lexicon::load(&read_all(&args.actors)?, &read_all(&args.cues)?)?;
    let targets = output_targets(&args);
    for path in &targets {
        check_writable(path)?;
    }
    let options = stancegraph::ingest::ReadOptions { strict: args.strict };
    let (graph, diagnostics, documents) = stancegraph::build_graph_with(&args.inputs, &lexicon, options);
    for d in &diagnostics {
        eprintln!("{d}");
    }
    for path in &targets {
        write_output(&graph, path)?;
    }
    if !args.quiet {
        print_summary(&graph, documents, &targets);
        print_problems(&diagnostics);
    }
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn output_targets(args: &BuildArgs) -> Vec<PathBuf> {
    if args.json.is_some() || args.dot.is_some() {
        return args.json.iter().chain(args.dot.iter()).cloned().collect();
    }
    let mut out = vec![args.out.join("graph.json"), args.out.join("graph.dot")];
    if export::graphviz_available() {
        out.push(args.out.join("graph.svg"));
    } else {
        eprintln!("note: {}", export::GRAPHVIZ_MISSING);
    }
    out
}

/// Fails before any work when an output folder cannot be made or written.
fn check_writable(path: &Path) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create output folder", dir.display()))?;
    tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("{}: output folder is not writable", dir.display()))?;
    Ok(())
}

fn write_output(graph: &StanceGraph, path: &Path) -> Result<()> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let bytes = match ext.as_str() {
        "dot" | "gv" => dot::to_string(graph).into_bytes(),
        "svg" => dot::to_svg(graph)?,
        _ => json::to_string(graph).into_bytes(),
    };
    export::write_atomic(path, &bytes)?;
    Ok(())
}

/// One line counting what was skipped or damaged, by reason.
fn print_problems(diagnostics: &[stancegraph::ingest::Diagnostic]) {
    let mut by_reason: std::collections::BTreeMap<(bool, &str), usize> = Default::default();
    for d in diagnostics {
        *by_reason.entry((d.severity == Severity::Error, d.reason)).or_default() += 1;
    }
    let list = |errors: bool| {
        by_reason
            .iter()
            .filter(|((e, _), _)| *e == errors)
            .map(|((_, r), n)| format!("{n} {r}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (errors, warnings) = (list(true), list(false));
    if !errors.is_empty() {
        println!("problems (see stderr): {errors}");
    }
    if !warnings.is_empty() {
        println!("warnings: {warnings}");
    }
}

fn print_summary(graph: &StanceGraph, documents: usize, targets: &[PathBuf]) {
    let nodes = graph.nodes();
    let actors = nodes.iter().filter(|n| n.kind != "person" && n.kind != "media").count();
    let persons = nodes.iter().filter(|n| n.kind == "person").count();
    let (mut support, mut oppose, mut statements) = (0, 0, 0);
    let mut net: std::collections::BTreeMap<(String, String), (f64, usize)> = Default::default();
    for (s, t, e) in graph.edges() {
        match (e.relation, e.polarity) {
            (Relation::Stance, Some(p)) => {
                if p == Polarity::Support {
                    support += e.count();
                } else if p == Polarity::Oppose {
                    oppose += e.count();
                }
                if let (Some(a), Some(b)) = (graph.camp(s), graph.camp(t)) {
                    let entry = net.entry((a.to_string(), b.to_string())).or_default();
                    entry.0 += e.goldstein().unwrap_or(0.0) * e.count() as f64;
                    entry.1 += e.count();
                }
            }
            (Relation::Statement, _) => statements += e.count(),
            _ => {}
        }
    }
    println!("{documents} documents: {actors} actors, {persons} persons");
    println!("edges: {support} support, {oppose} oppose, {statements} quoted statements");
    let mut strongest: Vec<_> = net.into_iter().collect();
    strongest.sort_by(|a, b| b.1 .0.abs().total_cmp(&a.1 .0.abs()).then(a.0.cmp(&b.0)));
    if !strongest.is_empty() {
        println!("strongest positions:");
    }
    for ((a, b), (score, n)) in strongest.into_iter().take(5) {
        let label = |id: &str| graph.get(id).map_or(id.to_string(), |n| n.label.clone());
        let verb = if score < 0.0 { "opposes" } else { "supports" };
        println!("  {} {verb} {}  (net Goldstein {score:+.1} over {n})", label(&a), label(&b));
    }
    for t in targets {
        println!("wrote {}", t.display());
    }
}

fn query(args: QueryArgs) -> Result<ExitCode> {
    let lexicon = Lexicon::load(&[], &[])?;
    let file = if args.from.is_empty() {
        load_graph(&args.graph)?
    } else {
        let (graph, diagnostics, _) = stancegraph::build_graph(&args.from, &lexicon);
        for d in &diagnostics {
            eprintln!("{d}");
        }
        json::to_file(&graph)
    };
    let queries = Queries::new(&file, Some(&lexicon.gazetteer));
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
    let resolve = |name: &str| queries.resolve(name).map_err(|e| anyhow::anyhow!(e));
    let answer: Answer = match &args.question {
        Question::Positions { actor } => queries.positions(&resolve(actor)?, &filters),
        Question::Between { a, b } => queries.between(&resolve(a)?, &resolve(b)?, &filters),
        Question::Who { opposes, supports } => match (opposes, supports) {
            (Some(x), _) => queries.who(&resolve(x)?, Polarity::Oppose, &filters),
            (None, Some(x)) => queries.who(&resolve(x)?, Polarity::Support, &filters),
            (None, None) => bail!("say --opposes X or --supports X"),
        },
        Question::Statements { speaker, actor } => {
            let speaker = speaker.as_deref().map(resolve).transpose()?;
            let actor = actor.as_deref().map(resolve).transpose()?;
            queries.statements(speaker.as_deref(), actor.as_deref(), &filters)
        }
        Question::Matrix { actors } => {
            let ids = actors.iter().map(|a| resolve(a)).collect::<Result<Vec<_>>>()?;
            queries.matrix(&ids, &filters)
        }
        Question::Actors => queries.actors(&filters),
    };
    let text = match args.format {
        OutputFormat::Table => render::table(&answer, table_style()),
        OutputFormat::Json => render::json(&answer),
        OutputFormat::Csv => render::csv(&answer),
        OutputFormat::Markdown => render::markdown(&answer),
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// Wrapped and coloured on a terminal; plain when piped. COLUMNS sets the width.
fn table_style() -> render::TableStyle {
    use std::io::IsTerminal;
    let tty = std::io::stdout().is_terminal();
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    render::TableStyle { width, fit_terminal: tty, colour: tty && std::env::var_os("NO_COLOR").is_none() }
}
