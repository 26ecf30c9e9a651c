//! The query stage: questions analysts ask of a graph ("what is China's position?",
//! "who opposes the US?"), answered from the JSON graph alone, so a saved graph and
//! a freshly built one give the same answers.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde_json::{json, Value};

use crate::date::Date;
use crate::error::{Error, Result};
use crate::export::json::{parse_graph, EdgeOut, EvidenceOut, GraphFile, NodeOut};
use crate::graph::{Polarity, Relation};
use crate::lexicon::Gazetteer;

/// Reads and checks a graph file: missing, truncated, foreign or wrong-version files
/// are errors that name the file.
pub fn load_graph(path: &Path) -> Result<GraphFile> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.into(), source })?;
    parse_graph(&text).map_err(|message| Error::Graph { path: path.into(), message })
}

/// Which edges and evidence a question looks at.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Evidence dated on or after.
    pub since: Option<Date>,
    /// Evidence dated on or before.
    pub until: Option<Date>,
    /// Event types to keep (empty: all).
    pub types: Vec<String>,
    /// Support or oppose only.
    pub polarity: Option<Polarity>,
    /// Evidence from documents whose id contains this.
    pub doc: Option<String>,
    /// Edges at least this confident.
    pub min_confidence: Option<f64>,
    /// Keep hedged evidence ("would", "could"), left out by default.
    pub include_speculative: bool,
}

/// An edge as a question sees it: ends lifted to their actors, evidence filtered.
#[derive(Debug, Clone)]
struct View<'a> {
    edge: &'a EdgeOut,
    source_camp: Option<&'a str>,
    target_camp: Option<&'a str>,
    evidence: Vec<&'a EvidenceOut>,
}

impl View<'_> {
    fn count(&self) -> usize {
        self.evidence.len()
    }

    fn net(&self) -> f64 {
        self.edge.goldstein.unwrap_or(0.0) * self.count() as f64
    }
}

/// One answer: a title, columns, and rows of JSON values (numbers stay numbers).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// What was asked.
    pub title: String,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, one value per column.
    pub rows: Vec<Vec<Value>>,
}

/// A graph ready for questions.
pub struct Queries<'g> {
    graph: &'g GraphFile,
    nodes: HashMap<&'g str, &'g NodeOut>,
    gazetteer: Option<&'g Gazetteer>,
}

impl<'g> Queries<'g> {
    /// Questions over `graph`; the gazetteer, when given, lets a name resolve through
    /// forms the graph never saw ("Beijing" for `china`).
    pub fn new(graph: &'g GraphFile, gazetteer: Option<&'g Gazetteer>) -> Self {
        let nodes = graph.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
        Self { graph, nodes, gazetteer }
    }

    fn camp(&self, id: &'g str) -> Option<&'g str> {
        let node = self.nodes.get(id)?;
        match node.kind.as_str() {
            "person" => node.affiliation.as_deref(),
            "media" => None,
            _ => Some(id),
        }
    }

    fn label(&self, id: &str) -> String {
        self.nodes.get(id).map_or_else(|| id.to_string(), |n| n.label.clone())
    }

    /// A node id for a name as a person types it: id, label, alias or gazetteer form,
    /// any case. Unknown names get suggestions.
    pub fn resolve(&self, name: &str) -> std::result::Result<String, String> {
        let wanted = normalise(name);
        for n in &self.graph.nodes {
            if normalise(&n.id) == wanted
                || normalise(&n.label) == wanted
                || n.aliases.iter().any(|a| normalise(a) == wanted)
            {
                return Ok(n.id.clone());
            }
        }
        if let Some(gaz) = self.gazetteer {
            for m in gaz.find(name) {
                if m.start == 0 && m.end == name.len() {
                    let id = match m.target.kind {
                        crate::lexicon::FormKind::Person => gaz.persons[m.target.index].id.clone(),
                        _ => gaz.actors[m.target.index].id.clone(),
                    };
                    if self.nodes.contains_key(id.as_str()) {
                        return Ok(id);
                    }
                }
            }
            let title = capitalise_words(name);
            if title != name {
                if let Ok(id) = self.resolve(&title) {
                    return Ok(id);
                }
            }
        }
        Err(self.suggest(name))
    }

    fn suggest(&self, name: &str) -> String {
        let wanted = normalise(name);
        let wanted_ref = &wanted;
        let mut scored: Vec<(usize, &str)> = self
            .graph
            .nodes
            .iter()
            .flat_map(|n| {
                std::iter::once(&n.label)
                    .chain(n.aliases.iter())
                    .map(move |form| (edit_distance(wanted_ref, &normalise(form)), n.label.as_str()))
            })
            .collect();
        scored.sort();
        let mut names: Vec<&str> = Vec::new();
        for (d, label) in scored {
            if d <= 3.max(wanted.len() / 3) && !names.contains(&label) {
                names.push(label);
            }
            if names.len() == 3 {
                break;
            }
        }
        if names.is_empty() {
            format!("no actor '{name}' in the graph (`stancegraph query actors` lists them)")
        } else {
            format!("no actor '{name}' — did you mean {}?", names.join(", "))
        }
    }

    fn views(&self, filters: &Filters, relation: Relation) -> Vec<View<'g>> {
        self.graph
            .edges
            .iter()
            .filter(|e| e.relation == relation)
            .filter(|e| filters.types.is_empty() || e.kind.as_ref().is_some_and(|k| filters.types.contains(k)))
            .filter(|e| filters.polarity.is_none() || e.polarity == filters.polarity)
            .filter(|e| filters.min_confidence.is_none_or(|m| e.confidence >= m))
            .filter_map(|e| {
                let evidence: Vec<&EvidenceOut> = e
                    .evidence
                    .iter()
                    .filter(|x| filters.include_speculative || !x.speculative)
                    .filter(|x| filters.doc.as_ref().is_none_or(|d| x.doc.contains(d.as_str())))
                    .filter(|x| filters.since.is_none_or(|s| x.date.is_some_and(|d| d >= s)))
                    .filter(|x| filters.until.is_none_or(|u| x.date.is_some_and(|d| d <= u)))
                    .collect();
                (!evidence.is_empty()).then(|| View {
                    edge: e,
                    source_camp: self.camp(&e.source),
                    target_camp: self.camp(&e.target),
                    evidence,
                })
            })
            .collect()
    }

    /// Everything an actor (and the people who speak for it) supports and opposes,
    /// by counterpart.
    pub fn positions(&self, actor: &str, filters: &Filters) -> Answer {
        let actor = self.camp_of_input(actor);
        let mut groups: BTreeMap<&str, Vec<View>> = BTreeMap::new();
        for v in self.views(filters, Relation::Stance) {
            if v.source_camp == Some(actor.as_str()) {
                if let Some(t) = v.target_camp.filter(|t| *t != actor) {
                    groups.entry(t).or_default().push(v);
                }
            }
        }
        let mut rows: Vec<(f64, Vec<Value>)> = groups
            .into_iter()
            .map(|(counterpart, views)| {
                let net: f64 = views.iter().map(View::net).sum();
                let (first, last) = date_range(views.iter().flat_map(|v| v.evidence.iter().copied()));
                let row = vec![
                    json!(self.label(counterpart)),
                    json!(stance_word(net)),
                    json!(type_summary(&views)),
                    json!(round1(net)),
                    json!(first),
                    json!(last),
                    json!(strongest_evidence(&views, 3)),
                ];
                (net, row)
            })
            .collect();
        rows.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
        Answer {
            title: format!("Positions of {}", self.label(&actor)),
            columns: cols(&["counterpart", "stance", "types", "net_goldstein", "first", "last", "evidence"]),
            rows: rows.into_iter().map(|(_, r)| r).collect(),
        }
    }

    /// The actor a name stands for: a person's affiliation, or the actor itself.
    fn camp_of_input(&self, id: &str) -> String {
        self.nodes.get(id).and_then(|n| self.camp(n.id.as_str())).unwrap_or(id).to_string()
    }

    /// Every edge both ways between two actors, in time order.
    pub fn between(&self, a: &str, b: &str, filters: &Filters) -> Answer {
        let (a, b) = (self.camp_of_input(a), self.camp_of_input(b));
        let mut rows: Vec<(Option<Date>, Vec<Value>)> = Vec::new();
        for relation in [Relation::Stance, Relation::Statement] {
            for v in self.views(filters, relation) {
                let (Some(s), Some(t)) = (v.source_camp, v.target_camp) else { continue };
                if !((s == a && t == b) || (s == b && t == a)) {
                    continue;
                }
                for x in &v.evidence {
                    let what = match (&v.edge.quote, v.edge.polarity) {
                        (Some(q), _) => format!("said \"{q}\""),
                        (None, Some(p)) => format!("{} {}", polarity_word(p), v.edge.kind.as_deref().unwrap_or("")),
                        _ => String::new(),
                    };
                    rows.push((
                        x.date,
                        vec![
                            json!(x.date),
                            json!(format!("{} -> {}", self.label(&v.edge.source), self.label(&v.edge.target))),
                            json!(what),
                            json!(x.text),
                            json!(x.doc),
                        ],
                    ));
                }
            }
        }
        rows.sort_by(|x, y| {
            (x.0, &x.1[1].to_string(), &x.1[3].to_string()).cmp(&(y.0, &y.1[1].to_string(), &y.1[3].to_string()))
        });
        Answer {
            title: format!("Between {} and {}", self.label(&a), self.label(&b)),
            columns: cols(&["date", "direction", "what", "evidence", "doc"]),
            rows: rows.into_iter().map(|(_, r)| r).collect(),
        }
    }

    /// The actors that take a stance of this polarity toward `target`, ranked.
    pub fn who(&self, target: &str, polarity: Polarity, filters: &Filters) -> Answer {
        let target = self.camp_of_input(target);
        let mut by_source: BTreeMap<&str, Vec<View>> = BTreeMap::new();
        let mut f = filters.clone();
        f.polarity = Some(polarity);
        for v in self.views(&f, Relation::Stance) {
            if v.target_camp == Some(target.as_str()) {
                if let Some(s) = v.source_camp.filter(|s| *s != target) {
                    by_source.entry(s).or_default().push(v);
                }
            }
        }
        let mut rows: Vec<(usize, f64, Vec<Value>)> = by_source
            .into_iter()
            .map(|(source, views)| {
                let count: usize = views.iter().map(View::count).sum();
                let net: f64 = views.iter().map(View::net).sum();
                let row = vec![
                    json!(self.label(source)),
                    json!(count),
                    json!(type_summary(&views)),
                    json!(round1(net)),
                    json!(strongest_evidence(&views, 1).into_iter().next()),
                ];
                (count, net, row)
            })
            .collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.abs().total_cmp(&a.1.abs())));
        Answer {
            title: format!(
                "Who {} {}",
                if polarity == Polarity::Support { "supports" } else { "opposes" },
                self.label(&target)
            ),
            columns: cols(&["actor", "count", "types", "net_goldstein", "evidence"]),
            rows: rows.into_iter().map(|(_, _, r)| r).collect(),
        }
    }

    /// Attributed quotes, by a speaker or by everyone who speaks for an actor.
    pub fn statements(&self, speaker: Option<&str>, actor: Option<&str>, filters: &Filters) -> Answer {
        let actor = actor.map(|a| self.camp_of_input(a));
        let mut rows: Vec<(Option<Date>, Vec<Value>)> = Vec::new();
        for v in self.views(filters, Relation::Statement) {
            if speaker.is_some_and(|s| s != v.edge.source)
                || actor.as_ref().is_some_and(|a| v.source_camp != Some(a.as_str()))
            {
                continue;
            }
            let node = self.nodes.get(v.edge.source.as_str());
            for x in &v.evidence {
                rows.push((
                    x.date,
                    vec![
                        json!(x.date),
                        json!(self.label(&v.edge.source)),
                        json!(node.and_then(|n| n.role.clone())),
                        json!(v.source_camp.map(|c| self.label(c))),
                        json!(v.edge.quote),
                        json!(x.doc),
                    ],
                ));
            }
        }
        rows.sort_by(|x, y| {
            (x.0, x.1[1].to_string(), x.1[4].to_string()).cmp(&(y.0, y.1[1].to_string(), y.1[4].to_string()))
        });
        Answer {
            title: "Statements".into(),
            columns: cols(&["date", "speaker", "role", "for", "quote", "doc"]),
            rows: rows.into_iter().map(|(_, r)| r).collect(),
        }
    }

    /// The stakeholder matrix: rows take the stance, columns receive it.
    pub fn matrix(&self, actors: &[String], filters: &Filters) -> Answer {
        let views = self.views(filters, Relation::Stance);
        let mut cells: BTreeMap<(&str, &str), Vec<&View>> = BTreeMap::new();
        for v in &views {
            if let (Some(s), Some(t)) = (v.source_camp, v.target_camp) {
                if s != t {
                    cells.entry((s, t)).or_default().push(v);
                }
            }
        }
        let chosen: Vec<String> = if actors.is_empty() {
            self.busiest_actors(&cells, 10)
        } else {
            actors.iter().map(|a| self.camp_of_input(a)).collect()
        };
        let mut columns = vec!["stance of \\ toward".to_string()];
        columns.extend(chosen.iter().map(|a| self.label(a)));
        let rows = chosen
            .iter()
            .map(|row| {
                let mut out = vec![json!(self.label(row))];
                for col in &chosen {
                    let cell = cells.get(&(row.as_str(), col.as_str())).map_or(String::new(), |vs| {
                        let owned: Vec<View> = vs.iter().map(|v| (*v).clone()).collect();
                        let net: f64 = owned.iter().map(View::net).sum();
                        let net = net.round();
                        let net = if net == 0.0 { "0".to_string() } else { format!("{net:+.0}") };
                        format!("{net} ({})", type_summary(&owned))
                    });
                    out.push(json!(cell));
                }
                out
            })
            .collect();
        Answer { title: "Stakeholder matrix (net Goldstein)".into(), columns, rows }
    }

    fn busiest_actors(&self, cells: &BTreeMap<(&str, &str), Vec<&View>>, n: usize) -> Vec<String> {
        let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
        for ((s, t), vs) in cells {
            let c: usize = vs.iter().map(|v| v.count()).sum();
            *degree.entry(s).or_default() += c;
            *degree.entry(t).or_default() += c;
        }
        let mut ranked: Vec<(&str, usize)> = degree.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        ranked.into_iter().take(n).map(|(id, _)| id.to_string()).collect()
    }

    /// The actors and persons in the graph.
    pub fn actors(&self, filters: &Filters) -> Answer {
        let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
        for relation in [Relation::Stance, Relation::Statement] {
            for v in self.views(filters, relation) {
                *degree.entry(v.edge.source.as_str()).or_default() += v.count();
                *degree.entry(v.edge.target.as_str()).or_default() += v.count();
            }
        }
        let mut nodes: Vec<&NodeOut> = self.graph.nodes.iter().collect();
        nodes.sort_by(|a, b| {
            degree
                .get(b.id.as_str())
                .cmp(&degree.get(a.id.as_str()))
                .then(b.mentions.cmp(&a.mentions))
                .then(a.id.cmp(&b.id))
        });
        let rows = nodes
            .into_iter()
            .map(|n| {
                vec![
                    json!(n.id),
                    json!(n.label),
                    json!(n.kind),
                    json!(n.affiliation.as_deref().map(|a| self.label(a))),
                    json!(n.aliases.join(", ")),
                    json!(n.mentions),
                    json!(degree.get(n.id.as_str()).copied().unwrap_or(0)),
                ]
            })
            .collect();
        Answer {
            title: "Actors".into(),
            columns: cols(&["id", "label", "kind", "for", "aliases", "mentions", "edges"]),
            rows,
        }
    }
}

fn cols(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn stance_word(net: f64) -> &'static str {
    if net > 0.0 {
        "supports"
    } else if net < 0.0 {
        "opposes"
    } else {
        "mixed"
    }
}

fn polarity_word(p: Polarity) -> &'static str {
    match p {
        Polarity::Support => "supports:",
        Polarity::Oppose => "opposes:",
        Polarity::Neutral => "neutral:",
    }
}

/// "2 reject, 1 threaten", most frequent first.
fn type_summary(views: &[View]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in views {
        *counts.entry(v.edge.kind.as_deref().unwrap_or("stance")).or_default() += v.count();
    }
    let mut pairs: Vec<(&str, usize)> = counts.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    pairs.iter().map(|(k, n)| format!("{n} {k}")).collect::<Vec<_>>().join(", ")
}

fn date_range<'a>(evidence: impl Iterator<Item = &'a EvidenceOut>) -> (Option<Date>, Option<Date>) {
    let dates: BTreeSet<Date> = evidence.filter_map(|x| x.date).collect();
    (dates.first().copied(), dates.last().copied())
}

/// The strongest pieces of evidence: highest |Goldstein|, then most confident, then earliest.
fn strongest_evidence(views: &[View], n: usize) -> Vec<String> {
    let mut all: Vec<(f64, f64, Option<Date>, &EvidenceOut)> = views
        .iter()
        .flat_map(|v| {
            v.evidence.iter().map(move |x| (v.edge.goldstein.unwrap_or(0.0).abs(), v.edge.confidence, x.date, *x))
        })
        .collect();
    all.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)).then(a.3.text.cmp(&b.3.text)));
    let mut out: Vec<String> = Vec::new();
    for (_, _, date, x) in all {
        let line =
            format!("{} [{}{}]", x.text.replace('\n', " "), x.doc, date.map(|d| format!(", {d}")).unwrap_or_default());
        if !out.contains(&line) {
            out.push(line);
        }
        if out.len() == n {
            break;
        }
    }
    out
}

fn normalise(s: &str) -> String {
    let lower = s.trim().to_lowercase().replace('\u{2019}', "'");
    lower.strip_prefix("the ").unwrap_or(&lower).replace('-', " ")
}

fn capitalise_words(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Output formats for answers.
pub mod render {
    use super::Answer;
    use serde_json::{json, Value};

    fn cell_text(v: &Value) -> String {
        match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            Value::Array(items) => items.iter().map(cell_text).collect::<Vec<_>>().join("\n"),
            other => other.to_string(),
        }
    }

    /// How a table is laid out: wrapped to the terminal, coloured, or plain.
    #[derive(Debug, Clone, Copy, Default)]
    pub struct TableStyle {
        /// Wrap to this many columns.
        pub width: Option<u16>,
        /// Wrap to the terminal's width.
        pub fit_terminal: bool,
        /// Colour support green and opposition red.
        pub colour: bool,
    }

    /// An aligned table with a title line.
    pub fn table(answer: &Answer, style: TableStyle) -> String {
        use comfy_table::{Cell, Color, ContentArrangement, Table};
        if answer.rows.is_empty() {
            return format!("{}\n(nothing found)\n", answer.title);
        }
        let mut t = Table::new();
        t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
        if style.fit_terminal || style.width.is_some() {
            t.set_content_arrangement(ContentArrangement::Dynamic);
        }
        if let Some(w) = style.width {
            t.set_width(w);
        }
        t.set_header(answer.columns.clone());
        for row in &answer.rows {
            t.add_row(row.iter().map(|v| {
                let text = cell_text(v);
                let colour = match text.as_str() {
                    "supports" => Some(Color::Green),
                    "opposes" => Some(Color::Red),
                    _ => None,
                };
                match colour.filter(|_| style.colour) {
                    Some(c) => Cell::new(text).fg(c),
                    None => Cell::new(text),
                }
            }));
        }
        if !style.colour {
            t.force_no_tty();
        }
        format!("{}\n{t}\n", answer.title)
    }

    /// `{"query": title, "columns": [...], "rows": [{column: value}]}`.
    pub fn json(answer: &Answer) -> String {
        let rows: Vec<Value> = answer
            .rows
            .iter()
            .map(|r| Value::Object(answer.columns.iter().cloned().zip(r.iter().cloned()).collect()))
            .collect();
        let mut s =
            serde_json::to_string_pretty(&json!({"query": answer.title, "columns": answer.columns, "rows": rows}))
                .unwrap_or_default();
        s.push('\n');
        s
    }

    fn csv_field(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }

    /// RFC 4180 CSV with a header row; lists are joined with " | ".
    pub fn csv(answer: &Answer) -> String {
        let mut out = answer.columns.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(",");
        out.push('\n');
        for row in &answer.rows {
            let fields: Vec<String> = row.iter().map(|v| csv_field(&cell_text(v).replace('\n', " | "))).collect();
            out.push_str(&fields.join(","));
            out.push('\n');
        }
        out
    }

    /// A GitHub-flavoured Markdown table under a heading.
    pub fn markdown(answer: &Answer) -> String {
        let esc = |s: String| s.replace('|', "\\|").replace('\n', "<br>");
        let mut out = format!(
            "### {}\n\n| {} |\n|{}|\n",
            answer.title,
            answer.columns.iter().map(|c| esc(c.clone())).collect::<Vec<_>>().join(" | "),
            vec!["---"; answer.columns.len()].join("|")
        );
        for row in &answer.rows {
            out.push_str(&format!("| {} |\n", row.iter().map(|v| esc(cell_text(v))).collect::<Vec<_>>().join(" | ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("china", "chine"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("talibn", "taliban"), 1);
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let a = Answer {
            title: "t".into(),
            columns: vec!["a".into(), "b".into()],
            rows: vec![vec![json!("x, \"y\""), json!(2)]],
        };
        assert_eq!(render::csv(&a), "a,b\n\"x, \"\"y\"\"\",2\n");
    }
}
