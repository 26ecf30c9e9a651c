//! The graph as DOT, built with graphviz-rust and styled for reading: support green,
//! opposition red, quotes grey and dashed; shape by kind; each person drawn in a box
//! with the actor they speak for; one arrow per actor pair and polarity, labelled with
//! its types and count. A large graph is drawn bounded (the actors with the most
//! evidence, and a note of what was left out); nodes with no arrow are not drawn.
//! Drawing runs Graphviz's `dot` under a time limit, or, where it is not installed,
//! a pure-Rust layout (layout-rs) for the SVG.
//!
//! graphviz-rust prints ids as given, so every label is quoted and escaped here
//! (`Id::Escaped` with `\` and `"` escaped and newlines as `\n`).

use std::collections::{BTreeMap, BTreeSet};

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use super::json::{GraphFile, GraphIndex, NodeOut};
use crate::error::{Error, Result};
use crate::graph::{Polarity, Relation, StanceGraph};
use crate::model::NodeKind;

const SUPPORT: &str = "#2e7d32";
const OPPOSE: &str = "#c62828";
const QUOTE: &str = "#757575";

/// A quoted, escaped DOT string.
pub fn quoted(s: &str) -> Id {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), quoted(value))
}

fn shape(kind: &str) -> &'static str {
    match NodeKind::of(kind) {
        NodeKind::State | NodeKind::DeFactoGovernment => "box",
        NodeKind::Organization | NodeKind::Format => "hexagon",
        NodeKind::ArmedGroup | NodeKind::PoliticalGroup => "octagon",
        NodeKind::Person => "ellipse",
        NodeKind::Media => "note",
        NodeKind::Topic => "plaintext",
    }
}

fn node_stmt(n: &NodeOut) -> Stmt {
    let mut attributes = vec![attr("label", &n.label), attr("shape", shape(&n.kind))];
    let kind = NodeKind::of(&n.kind);
    if kind == NodeKind::Person {
        attributes.push(attr("fontsize", "11"));
    } else {
        attributes.push(attr("style", "filled,rounded"));
        attributes.push(attr(
            "fillcolor",
            if matches!(kind, NodeKind::Media | NodeKind::Topic) { "#eeeeee" } else { "#e3f2fd" },
        ));
    }
    let tip = match (&n.role, &n.affiliation) {
        (Some(role), _) => format!("{} ({role})", n.label),
        _ => format!("{} ({})", n.label, kind.label()),
    };
    attributes.push(attr("tooltip", &tip));
    // The SVG keeps this id, which the HTML explorer finds the node by.
    attributes.push(attr("id", &format!("n:{}", n.id)));
    Stmt::Node(DotNode { id: NodeId(quoted(&n.id), None), attributes })
}

/// The graph as a graphviz-rust structure, bounded as [`DrawOptions::default`] says.
pub fn to_graph(graph: &StanceGraph) -> Graph {
    let file = super::json::to_file(graph);
    let index = GraphIndex::new(&file);
    to_graph_of(&index, &drawing(&index, DrawOptions::default()))
}

const TITLE: &str = "stancegraph: who supports and opposes whom, with people beside the actor they speak for";

/// The DOT of a drawing.
fn to_graph_of(graph: &GraphIndex, drawing: &Drawing) -> Graph {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", "LR"),
            attr("fontname", "Helvetica"),
            Attribute(Id::Plain("label".into()), Id::Html(key_label(drawing.left_out.as_deref()))),
            attr("labelloc", "t"),
            attr("overlap", "false"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![attr("fontname", "Helvetica")])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("fontname", "Helvetica"), attr("fontsize", "10")])),
    ];
    // People sit in a box with the actor they speak for.
    let drawn: BTreeSet<&str> = drawing.nodes.iter().map(|n| n.id.as_str()).collect();
    let mut members: BTreeMap<&str, Vec<&NodeOut>> = BTreeMap::new();
    for n in &drawing.nodes {
        if let Some(aff) = n.affiliation.as_deref().filter(|a| drawn.contains(a) && graph.get(a).is_some()) {
            members.entry(aff).or_default().push(n);
        }
    }
    for n in &drawing.nodes {
        if NodeKind::of(&n.kind) == NodeKind::Person && n.affiliation.as_deref().is_some_and(|a| drawn.contains(a)) {
            continue;
        }
        match members.get(n.id.as_str()) {
            Some(people) => {
                let mut inner = vec![
                    Stmt::Attribute(attr("style", "rounded,dashed")),
                    Stmt::Attribute(attr("color", "#90a4ae")),
                    Stmt::Attribute(attr("label", "")),
                    node_stmt(n),
                ];
                inner.extend(people.iter().map(|p| node_stmt(p)));
                let id = Id::Plain(format!("cluster_{}", n.id.replace(|c: char| !c.is_ascii_alphanumeric(), "_")));
                stmts.push(Stmt::Subgraph(Subgraph { id, stmts: inner }));
            }
            None => stmts.push(node_stmt(n)),
        }
    }
    stmts.extend(drawing.edges.iter().map(edge_stmt));
    Graph::DiGraph { id: Id::Plain("stancegraph".into()), strict: false, stmts }
}

/// The title and a one-line key (what colours, strokes and shapes mean) as a Graphviz
/// HTML label: a line of text instead of a boxed cluster beside the drawing.
fn key_label(left_out: Option<&str>) -> String {
    let esc = super::xml::escape;
    let mut label = format!(
        "<<font point-size=\"14\">{}</font><br/>\
<font color=\"{SUPPORT}\">&#x2192; supports</font> &#160; <font color=\"{OPPOSE}\">&#x2192; opposes</font> &#160; \
<font color=\"{OPPOSE}\">&#x2026;&#x2192; hedged (would, could)</font> &#160; <font color=\"{QUOTE}\">- -&#x2192; quoted statement</font> &#160; \
&#x25AD; state &#160; &#x2B21; organisation &#160; &#x25CB; person &#160; octagon: armed or political group",
        esc(TITLE)
    );
    if let Some(note) = left_out {
        label.push_str(&format!("<br/><font point-size=\"10\" color=\"#616161\">{}</font>", esc(note)));
    }
    label.push('>');
    label
}

/// How much a drawing shows.
#[derive(Debug, Clone, Copy)]
pub struct DrawOptions {
    /// Collective actors drawn at most: past this, the ones with the most evidence.
    pub max_actors: usize,
    /// Arrows drawn at most: past this, the ones with the most sentences.
    pub max_arrows: usize,
}

/// Actors a drawing shows unless told otherwise: what a page can still be read at.
pub const DEFAULT_MAX_ACTORS: usize = 30;

/// Arrows a drawing shows unless told otherwise: past about a hundred labelled arrows a
/// drawing is a tangle, and Graphviz's layout time climbs steeply.
pub const DEFAULT_MAX_ARROWS: usize = 100;

impl Default for DrawOptions {
    fn default() -> Self {
        Self { max_actors: DEFAULT_MAX_ACTORS, max_arrows: DEFAULT_MAX_ARROWS }
    }
}

/// What a drawing shows: nodes with at least one arrow, the arrows, and a note of what
/// was left out when the graph was too large to draw whole.
#[derive(Debug)]
pub struct Drawing<'g> {
    /// Nodes drawn, in id order.
    pub nodes: Vec<&'g NodeOut>,
    /// Arrows drawn.
    pub edges: Vec<DrawnEdge>,
    /// "Drawn: the 40 actors with the most evidence, of 812 ..." when bounded.
    pub left_out: Option<String>,
}

/// Chooses what to draw. Up to `max_actors` actors, everything with an arrow is drawn,
/// people beside their actor. Past it, the actors with the most sentences are drawn
/// without their people and quotes, and the note says how much was left out.
pub fn drawing<'g>(graph: &GraphIndex<'g>, options: DrawOptions) -> Drawing<'g> {
    let all = drawn_edges(graph);
    let max = options.max_actors.max(1);
    let mut weight: BTreeMap<&str, usize> = BTreeMap::new();
    for d in all.iter().filter(|d| d.stance.is_some()) {
        *weight.entry(d.source.as_str()).or_default() += d.count;
        *weight.entry(d.target.as_str()).or_default() += d.count;
    }
    let actors = weight.len();
    let bounded = actors > max || all.len() > options.max_arrows.max(1);
    let (mut edges, left_out) = if bounded {
        let mut ranked: Vec<(&str, usize)> = weight.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let kept: BTreeSet<String> = ranked.iter().take(max).map(|(id, _)| id.to_string()).collect();
        let total = all.len();
        let mut edges: Vec<DrawnEdge> = all
            .into_iter()
            .filter(|d| d.stance.is_some() && kept.contains(&d.source) && kept.contains(&d.target))
            .collect();
        // The arrows with the most sentences, back in their stable order.
        let mut order: Vec<usize> = (0..edges.len()).collect();
        order.sort_by(|&a, &b| edges[b].count.cmp(&edges[a].count).then(a.cmp(&b)));
        let chosen: BTreeSet<usize> = order.into_iter().take(options.max_arrows.max(1)).collect();
        let mut i = 0;
        edges.retain(|_| {
            i += 1;
            chosen.contains(&(i - 1))
        });
        let shown: BTreeSet<&str> = edges.iter().flat_map(|d| [d.source.as_str(), d.target.as_str()]).collect();
        let note = format!(
            "Drawn: {} of {actors} actors and {} of {total} arrows, those with the most sentences; people and quotes left out (graph.json has everything)",
            shown.len(),
            edges.len(),
        );
        (edges, Some(note))
    } else {
        (all, None)
    };
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for d in &edges {
        ids.insert(graph.get(&d.source).map_or("", |n| n.id.as_str()));
        ids.insert(graph.get(&d.target).map_or("", |n| n.id.as_str()));
    }
    if !bounded {
        // People whose stances are drawn as their actor's still stand beside it.
        for e in &graph.file.edges {
            if e.relation != Relation::Stance {
                continue;
            }
            for end in [e.source.as_str(), e.target.as_str()] {
                let person = graph.get(end).is_some_and(|n| NodeKind::of(&n.kind) == NodeKind::Person);
                if person && graph.camp(end).is_some_and(|c| ids.contains(c)) {
                    ids.insert(end);
                }
            }
        }
    }
    for (i, d) in edges.iter_mut().enumerate() {
        d.id = format!("d{i}");
    }
    let nodes = graph.file.nodes.iter().filter(|n| ids.contains(n.id.as_str())).collect();
    Drawing { nodes, edges, left_out }
}

/// An arrow of the drawing, and what the HTML explorer shows when it is clicked.
/// Stances are drawn between the actors people speak for, merged by type and polarity,
/// so a diagram shows one arrow where the JSON keeps each speaker's edge; quotes stay
/// between speaker and target.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DrawnEdge {
    /// Its SVG id.
    pub id: String,
    /// Source actor (or speaker).
    pub source: String,
    /// Target actor.
    pub target: String,
    /// Its event types, most frequent first ("reject, threaten"), or "said".
    #[serde(rename = "type")]
    pub kind: String,
    /// The event types merged into it, most frequent first.
    pub types: Vec<String>,
    /// Sentences by event type.
    #[serde(skip)]
    type_counts: BTreeMap<String, usize>,
    /// support, oppose, neutral, or statement.
    pub polarity: String,
    /// Sentences behind it.
    pub count: usize,
    /// Earliest dated evidence.
    pub first_date: Option<crate::date::Date>,
    /// Latest dated evidence.
    pub last_date: Option<crate::date::Date>,
    /// The evidence (the kept sample of each merged edge).
    pub evidence: Vec<DrawnEvidence>,
    /// Every merged edge is hedged: drawn dotted.
    #[serde(skip)]
    speculative: bool,
    /// The stance's first sentence, or the quote.
    #[serde(skip)]
    tooltip: String,
    /// `None` for quotes.
    #[serde(skip)]
    stance: Option<Polarity>,
}

/// One sentence behind an arrow.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DrawnEvidence {
    /// Document id.
    pub doc: String,
    /// The sentence.
    pub text: String,
    /// Its date.
    pub date: Option<crate::date::Date>,
    /// Who said it, for stances by a person.
    pub by: String,
}

/// The arrows [`to_graph`] draws, in its order (stances, then quotes) and with its ids.
pub fn drawn_edges(graph: &GraphIndex) -> Vec<DrawnEdge> {
    type Key<'a> = (bool, &'a str, &'a str, Option<Polarity>);
    let mut drawn: BTreeMap<Key, DrawnEdge> = BTreeMap::new();
    for e in &graph.file.edges {
        let (source, target) = (e.source.as_str(), e.target.as_str());
        let (a, b, kind, stance) = match (e.relation, e.polarity) {
            (Relation::Stance, Some(p)) => {
                let (Some(a), Some(b)) = (graph.camp(source), graph.camp(target)) else { continue };
                if a == b {
                    continue;
                }
                (a, b, e.kind.as_deref().unwrap_or("stance").replace('_', " "), Some(p))
            }
            (Relation::Statement, _) => (source, target, "said".to_string(), None),
            _ => continue,
        };
        let d = drawn.entry((stance.is_none(), a, b, stance)).or_insert_with(|| DrawnEdge {
            id: String::new(),
            source: a.to_string(),
            target: b.to_string(),
            kind: String::new(),
            types: Vec::new(),
            type_counts: BTreeMap::new(),
            polarity: stance.map_or("statement".into(), |p| format!("{p:?}").to_lowercase()),
            count: 0,
            first_date: None,
            last_date: None,
            evidence: Vec::new(),
            speculative: e.speculative,
            tooltip: String::new(),
            stance,
        });
        d.speculative &= e.speculative;
        // Between actors a sentence counts once, whoever of their people said it too.
        let folded = if stance.is_some() { e.full_tally().folded } else { 0 };
        d.count += e.count.saturating_sub(folded);
        *d.type_counts.entry(kind).or_default() += e.count.saturating_sub(folded);
        if d.tooltip.is_empty() {
            d.tooltip = match stance {
                Some(_) => e.evidence.first().map_or(String::new(), |x| x.text.clone()),
                None => e.quote.clone().unwrap_or_default(),
            };
        }
        let (first, last) = (e.first_date, e.last_date);
        d.first_date = [d.first_date, first].into_iter().flatten().min();
        d.last_date = [d.last_date, last].into_iter().flatten().max();
        let by = graph.get(source).map_or(source.to_string(), |n| n.label.clone());
        d.evidence.extend(e.evidence.iter().filter(|x| stance.is_none() || !x.folded).map(|x| DrawnEvidence {
            doc: x.doc.clone(),
            text: x.text.clone(),
            date: x.date,
            by: by.clone(),
        }));
    }
    let mut out: Vec<DrawnEdge> = drawn.into_values().filter(|d| d.count > 0).collect();
    for (i, d) in out.iter_mut().enumerate() {
        d.id = format!("d{i}");
        let mut types: Vec<(&String, &usize)> = d.type_counts.iter().collect();
        types.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        d.types = types.iter().map(|(t, _)| t.to_string()).collect();
        d.kind = match d.types.len() {
            0..=2 => d.types.join(", "),
            n => format!("{}, {} +{} more", d.types[0], d.types[1], n - 2),
        };
        d.evidence.truncate(EVIDENCE_SHOWN);
    }
    out
}

/// Sentences an arrow of the HTML page carries: enough to read, bounded for big graphs.
const EVIDENCE_SHOWN: usize = 20;

/// "reject, threaten ×4".
fn edge_label(d: &DrawnEdge) -> String {
    if d.count > 1 {
        format!("{} \u{d7}{}", d.kind, d.count)
    } else {
        d.kind.clone()
    }
}

fn edge_stmt(d: &DrawnEdge) -> Stmt {
    let label = edge_label(d);
    let attributes = match d.stance {
        Some(polarity) => {
            let color = match polarity {
                Polarity::Support => SUPPORT,
                Polarity::Oppose => OPPOSE,
                Polarity::Neutral => QUOTE,
            };
            let width = format!("{:.1}", 1.0 + (d.count as f64).ln());
            let mut attributes = vec![
                attr("label", &label),
                attr("color", color),
                attr("fontcolor", color),
                attr("penwidth", &width),
                attr("tooltip", &d.tooltip),
            ];
            if d.speculative {
                attributes.push(attr("style", "dotted"));
            }
            attributes.push(attr("id", &d.id));
            attributes
        }
        None => vec![
            attr("label", &label),
            attr("color", QUOTE),
            attr("fontcolor", QUOTE),
            attr("style", "dashed"),
            attr("tooltip", &d.tooltip),
            attr("id", &d.id),
        ],
    };
    edge(&d.source, &d.target, attributes)
}

fn edge(source: &str, target: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(DotEdge {
        ty: EdgeTy::Pair(Vertex::N(NodeId(quoted(source), None)), Vertex::N(NodeId(quoted(target), None))),
        attributes,
    })
}

/// DOT text.
pub fn to_string(graph: &StanceGraph) -> String {
    file_to_string(&super::json::to_file(graph))
}

/// DOT text of a graph file.
pub fn file_to_string(file: &GraphFile) -> String {
    let index = GraphIndex::new(file);
    let mut s = to_graph_of(&index, &drawing(&index, DrawOptions::default())).print(&mut PrinterContext::default());
    s.push('\n');
    s
}

/// The image formats a drawing is made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Image {
    /// Scalable, with tooltips and the ids the HTML explorer uses.
    Svg,
    /// A bitmap.
    Png,
    /// A printable page.
    Pdf,
}

impl Image {
    fn flag(self) -> &'static str {
        match self {
            Image::Svg => "-Tsvg",
            Image::Png => "-Tpng",
            Image::Pdf => "-Tpdf",
        }
    }
}

/// The SVG drawing, bounded as [`DrawOptions::default`] says.
pub fn to_svg(file: &GraphFile) -> Result<Vec<u8>> {
    render(file, Image::Svg)
}

/// The drawing as an image: Graphviz's `dot` where installed, else (SVG only) the
/// built-in layout.
pub fn render(file: &GraphFile, image: Image) -> Result<Vec<u8>> {
    let index = GraphIndex::new(file);
    render_drawing(&index, &drawing(&index, DrawOptions::default()), image)
}

/// [`render`] of a drawing already chosen (the HTML page needs its arrows too).
pub fn render_drawing(graph: &GraphIndex, drawing: &Drawing, image: Image) -> Result<Vec<u8>> {
    if graphviz_available() {
        let dot = to_graph_of(graph, drawing).print(&mut PrinterContext::default());
        let bytes = run_dot(&dot, image, dot_time_limit(), drawing)?;
        return Ok(if image == Image::Pdf { fixed_pdf_dates(bytes) } else { bytes });
    }
    match image {
        Image::Svg => builtin_svg(drawing),
        _ => Err(Error::Render(GRAPHVIZ_MISSING.into())),
    }
}

/// How long `dot` may take: a drawing is bounded, so a run this long is a layout that
/// will not finish. `STANCEGRAPH_DOT_SECONDS` changes it.
pub const DOT_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

fn dot_time_limit() -> std::time::Duration {
    std::env::var("STANCEGRAPH_DOT_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| *s > 0.0)
        .map_or(DOT_TIME_LIMIT, std::time::Duration::from_secs_f64)
}

/// Runs `dot` on DOT text under a time limit; its complaints come back as one line.
fn run_dot(dot: &str, image: Image, limit: std::time::Duration, drawing: &Drawing) -> Result<Vec<u8>> {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let mut command = Command::new("dot");
    command.arg(image.flag()).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    if std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
        // Cairo stamps a PDF with this date instead of now: the same graph, the same bytes.
        command.env("SOURCE_DATE_EPOCH", "0");
    }
    let failed = |what: String| Error::Render(format!("Graphviz's dot {what}; the other formats were written"));
    let mut child = command.spawn().map_err(|e| failed(format!("could not start: {e}")))?;
    let mut stdin = child.stdin.take();
    let text = dot.to_string();
    let feeder = std::thread::spawn(move || stdin.as_mut().map(|s| s.write_all(text.as_bytes())));
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.as_mut().map(|s| s.read_to_end(&mut bytes));
        bytes
    });
    let mut stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.as_mut().map(|s| s.read_to_string(&mut text));
        text
    });
    let started = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!(
                    "did not finish drawing {} nodes and {} arrows within {} s",
                    drawing.nodes.len(),
                    drawing.edges.len(),
                    limit.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(20)),
            Err(e) => return Err(failed(format!("failed: {e}"))),
        }
    };
    let _ = feeder.join();
    let bytes = reader.join().unwrap_or_default();
    let complaint = errors.join().unwrap_or_default();
    if !status.success() || bytes.is_empty() {
        let first = complaint.lines().find(|l| !l.trim().is_empty()).unwrap_or("no output");
        return Err(failed(format!("failed: {}", first.trim())));
    }
    Ok(bytes)
}

/// A PDF's creation and modification dates set to a fixed one, in place and of the same
/// length (the file's byte offsets stay right), for Graphviz builds whose Cairo ignores
/// SOURCE_DATE_EPOCH.
fn fixed_pdf_dates(mut pdf: Vec<u8>) -> Vec<u8> {
    for key in [&b"/CreationDate (D:"[..], &b"/ModDate (D:"[..]] {
        let mut from = 0;
        while let Some(at) = memchr::memmem::find(&pdf[from..], key).map(|i| i + from) {
            let start = at + key.len();
            let end = pdf[start..].iter().position(|&b| b == b')').map_or(start, |i| start + i);
            // 2000-01-01 00:00:00 in the same number of digits, time zone zeroed.
            let mut fixed = b"20000101000000".iter().chain(std::iter::repeat(&b'0'));
            for b in pdf[start..end].iter_mut().filter(|b| b.is_ascii_digit()) {
                *b = *fixed.next().unwrap_or(&b'0');
            }
            from = end;
        }
    }
    pdf
}

/// The drawing laid out by layout-rs, for machines without Graphviz: plain boxes and
/// coloured arrows, no people boxes or HTML key (layout-rs draws neither).
fn builtin_svg(drawing: &Drawing) -> Result<Vec<u8>> {
    let text = simple_dot(drawing);
    let svg = std::panic::catch_unwind(|| {
        let mut parser = layout::gv::DotParser::new(&text);
        let tree = parser.process().ok()?;
        let mut builder = layout::gv::GraphBuilder::new();
        builder.visit_graph(&tree);
        let mut graph = builder.get();
        let mut svg = layout::backends::svg::SVGWriter::new();
        graph.do_it(false, false, false, &mut svg);
        Some(svg.finalize())
    });
    match svg {
        Ok(Some(svg)) => Ok(svg.into_bytes()),
        _ => Err(Error::Render("the built-in layout could not draw this graph; install Graphviz".into())),
    }
}

/// The drawing as the DOT subset layout-rs reads.
fn simple_dot(drawing: &Drawing) -> String {
    let q = |s: &str| {
        let Id::Escaped(s) = quoted(s) else { return String::new() };
        s
    };
    let mut out = String::from("digraph stancegraph {\n  rankdir=LR;\n");
    // Without people boxes, a person whose stances are drawn as their actor's would stand alone.
    let ends: BTreeSet<&str> = drawing.edges.iter().flat_map(|d| [d.source.as_str(), d.target.as_str()]).collect();
    for n in drawing.nodes.iter().filter(|n| ends.contains(n.id.as_str())) {
        let kind = NodeKind::of(&n.kind);
        let fill = if kind == NodeKind::Person { "#ffffff" } else { "#e3f2fd" };
        out.push_str(&format!("  {} [label={} shape=box fillcolor=\"{fill}\"];\n", q(&n.id), q(&n.label)));
    }
    for d in &drawing.edges {
        let color = match d.stance {
            Some(Polarity::Support) => SUPPORT,
            Some(Polarity::Oppose) => OPPOSE,
            _ => QUOTE,
        };
        let style = if d.stance.is_none() || d.speculative { " style=dashed" } else { "" };
        out.push_str(&format!(
            "  {} -> {} [label={} color=\"{color}\"{style}];\n",
            q(&d.source),
            q(&d.target),
            q(&edge_label(d))
        ));
    }
    out.push_str("}\n");
    out
}

/// Whether Graphviz's `dot` can be run.
pub fn graphviz_available() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The one line to print when `dot` is missing and a PNG or PDF was asked for.
pub const GRAPHVIZ_MISSING: &str =
    "Graphviz's `dot` is not on PATH, so no PNG or PDF was drawn (the SVG and HTML use the built-in layout); install it (Debian/Ubuntu: apt-get install graphviz, macOS: brew install graphviz) for those";

/// `--format dot`.
pub struct DotExporter;

impl super::Exporter for DotExporter {
    fn name(&self) -> &'static str {
        "dot"
    }
    fn about(&self) -> &'static str {
        "Graphviz source, with a key"
    }
    fn files(&self) -> &'static [&'static str] {
        &["graph.dot"]
    }
    fn render(&self, file: &GraphFile) -> Result<Vec<Vec<u8>>> {
        Ok(vec![file_to_string(file).into_bytes()])
    }
}

/// `--format svg`, `png`, `pdf`.
pub struct ImageExporter(pub Image);

impl super::Exporter for ImageExporter {
    fn name(&self) -> &'static str {
        match self.0 {
            Image::Svg => "svg",
            Image::Png => "png",
            Image::Pdf => "pdf",
        }
    }
    fn about(&self) -> &'static str {
        match self.0 {
            Image::Svg => "drawn by Graphviz (or, without it, the built-in layout); evidence as tooltips",
            Image::Png => "drawn by Graphviz",
            Image::Pdf => "drawn by Graphviz, reproducibly",
        }
    }
    fn files(&self) -> &'static [&'static str] {
        match self.0 {
            Image::Svg => &["graph.svg"],
            Image::Png => &["graph.png"],
            Image::Pdf => &["graph.pdf"],
        }
    }
    fn needs_graphviz(&self) -> bool {
        self.0 != Image::Svg
    }
    fn is_drawing(&self) -> bool {
        true
    }
    fn render(&self, file: &GraphFile) -> Result<Vec<Vec<u8>>> {
        Ok(vec![render(file, self.0)?])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_quoted_and_escaped() {
        let Id::Escaped(s) = quoted("say \"no\"\\ now\nplease") else { panic!("escaped id") };
        assert_eq!(s, "\"say \\\"no\\\"\\\\ now\\nplease\"");
    }
}
