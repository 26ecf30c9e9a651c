//! The query stage: questions analysts ask of a graph ("what is China's position?",
//! "who opposes the US?"), answered from the JSON graph alone, so a saved graph and
//! a freshly built one give the same answers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{json, Value};

use crate::date::Date;
use crate::error::{Error, Result};
use crate::export::json::{parse_graph, EdgeOut, EvidenceOut, GraphFile, GraphIndex, NodeOut};
use crate::graph::{Polarity, Relation};
use crate::lexicon::Gazetteer;
use crate::model::NodeKind;

/// Reads and checks a graph file: missing, truncated, foreign or wrong-version files
/// are errors that name the file.
pub fn load_graph(path: &Path) -> Result<GraphFile> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.into(), source })?;
    parse_graph(&text).map_err(|message| Error::Graph { path: path.into(), message })
}

/// A question, as the command line asks it: names as a person types them.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// What an actor (and its people) supports and opposes.
    Positions(String),
    /// Every edge both ways between two actors.
    Between(String, String),
    /// The actors taking this stance toward one.
    Who(String, Polarity),
    /// Attributed quotes, by a speaker or by an actor's people.
    Statements {
        /// By this person.
        speaker: Option<String>,
        /// By this actor and its people.
        actor: Option<String>,
    },
    /// The stakeholder matrix of these actors (empty: the ten busiest).
    Matrix(Vec<String>),
    /// The actors and persons.
    Actors,
}

/// Answers a question about a graph file, names resolved through the graph and, when
/// given, the gazetteer: the library's one call for "answer query Q". An unknown name
/// is an error with suggestions.
pub fn answer(
    file: &GraphFile,
    gazetteer: Option<&Gazetteer>,
    question: &Question,
    filters: &Filters,
) -> std::result::Result<Answer, String> {
    let q = Queries::new(file, gazetteer);
    Ok(match question {
        Question::Positions(actor) => q.positions(&q.resolve(actor)?, filters),
        Question::Between(a, b) => q.between(&q.resolve(a)?, &q.resolve(b)?, filters),
        Question::Who(target, polarity) => q.who(&q.resolve(target)?, *polarity, filters),
        Question::Statements { speaker, actor } => {
            let speaker = speaker.as_deref().map(|s| q.resolve(s)).transpose()?;
            let actor = actor.as_deref().map(|a| q.resolve(a)).transpose()?;
            q.statements(speaker.as_deref(), actor.as_deref(), filters)
        }
        Question::Matrix(names) => {
            let ids = names.iter().map(|n| q.resolve(n)).collect::<std::result::Result<Vec<_>, _>>()?;
            q.matrix(&ids, filters)
        }
        Question::Actors => q.actors(filters),
    })
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

/// An edge's figures as a question counts them: from the full tallies, or, when a
/// filter needs each sentence (a document, dates the edge straddles), from the evidence
/// kept, which is then a lower bound unless it is all of it.
#[derive(Debug, Clone, Copy, Default)]
struct Figures {
    count: usize,
    tenths: i64,
    first: Option<Date>,
    last: Option<Date>,
    lower_bound: bool,
}

/// An edge as a question sees it: ends lifted to their actors, figures counted, the
/// evidence that passes the filters kept for display.
#[derive(Debug, Clone)]
struct View<'a> {
    edge: &'a EdgeOut,
    source_camp: Option<&'a str>,
    target_camp: Option<&'a str>,
    figures: Figures,
    evidence: Vec<&'a EvidenceOut>,
}

impl View<'_> {
    fn count(&self) -> usize {
        self.figures.count
    }
}

/// Where one actor stands toward another over all their edges (people counted as
/// their actor, each sentence once): the split, the sum and the mean.
#[derive(Debug, Clone, Default)]
pub struct Stand {
    /// Sentences of support.
    pub support: usize,
    /// Sentences of opposition.
    pub oppose: usize,
    /// Sentences with a score of zero.
    pub neutral: usize,
    /// Sum of their Goldstein scores, in tenths.
    pub goldstein_tenths: i64,
    /// Sentences by event type.
    pub types: BTreeMap<String, usize>,
    /// Earliest dated sentence.
    pub first: Option<Date>,
    /// Latest dated sentence.
    pub last: Option<Date>,
    /// Some figure came from kept evidence only (a filter needed each sentence).
    pub lower_bound: bool,
}

impl Stand {
    fn add(&mut self, v: &View) {
        let n = v.count();
        match v.edge.polarity {
            Some(Polarity::Support) => self.support += n,
            Some(Polarity::Oppose) => self.oppose += n,
            _ => self.neutral += n,
        }
        self.goldstein_tenths += v.figures.tenths;
        *self.types.entry(v.edge.kind.clone().unwrap_or_else(|| "stance".into())).or_default() += n;
        self.first = [self.first, v.figures.first].into_iter().flatten().min();
        self.last = [self.last, v.figures.last].into_iter().flatten().max();
        self.lower_bound |= v.figures.lower_bound;
    }

    /// Sentences in all.
    pub fn count(&self) -> usize {
        self.support + self.oppose + self.neutral
    }

    /// Net Goldstein: the sum over every sentence.
    pub fn net(&self) -> f64 {
        self.goldstein_tenths as f64 / 10.0
    }

    /// Mean Goldstein per sentence.
    pub fn mean(&self) -> f64 {
        if self.count() == 0 {
            0.0
        } else {
            round1(self.net() / self.count() as f64)
        }
    }

    /// "supports", "opposes", or "mixed" when there are sentences both ways.
    pub fn word(&self) -> &'static str {
        match (self.support, self.oppose) {
            (s, o) if s > 0 && o > 0 => "mixed",
            _ => stance_word(self.net()),
        }
    }

    /// "support 3 / oppose 1".
    pub fn split(&self) -> String {
        format!("support {} / oppose {}", self.support, self.oppose)
    }

    /// "2 reject, 1 threaten", most frequent first.
    pub fn type_summary(&self) -> String {
        let mut pairs: Vec<(&String, &usize)> = self.types.iter().collect();
        pairs.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        pairs.iter().map(|(k, n)| format!("{n} {k}")).collect::<Vec<_>>().join(", ")
    }
}

/// What the summary after a build says, counted from the graph file as every query
/// counts: nodes by kind, every sentence of every edge (not only the evidence kept),
/// and the strongest positions between actors (hedged sentences left out). The
/// binary only prints it.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Documents read in this run.
    pub documents: usize,
    /// Actor nodes (states, organisations, groups...: neither people, outlets nor topics).
    pub actors: usize,
    /// Person nodes.
    pub persons: usize,
    /// Sentences of support over all stance edges.
    pub support: usize,
    /// Sentences of opposition over all stance edges.
    pub oppose: usize,
    /// Quoted statements.
    pub statements: usize,
    /// The actor pairs with the most sentences: (source label, target label, stand),
    /// at most [`Summary::STRONGEST`].
    pub strongest: Vec<(String, String, Stand)>,
}

impl Summary {
    /// Pairs [`Summary::strongest`] lists at most.
    pub const STRONGEST: usize = 5;

    /// The summary of `file` after a run that read `documents` documents.
    pub fn of(file: &GraphFile, documents: usize) -> Self {
        let kinds = || file.nodes.iter().map(|n| NodeKind::of(&n.kind));
        let (mut support, mut oppose, mut statements) = (0, 0, 0);
        for e in &file.edges {
            match (e.relation, e.polarity) {
                (Relation::Stance, Some(Polarity::Support)) => support += e.count,
                (Relation::Stance, Some(Polarity::Oppose)) => oppose += e.count,
                (Relation::Statement, _) => statements += e.count,
                _ => {}
            }
        }
        Self {
            documents,
            actors: kinds().filter(|k| k.is_actor()).count(),
            persons: kinds().filter(|&k| k == NodeKind::Person).count(),
            support,
            oppose,
            statements,
            strongest: Queries::new(file, None).strongest(Self::STRONGEST, &Filters::default()),
        }
    }
}

/// The note an answer carries when some figure is a lower bound.
const LOWER_BOUND_NOTE: &str = "some counts are lower bounds: the --doc or date filter needs each sentence, and the graph keeps only the best few per edge (build with a larger --max-evidence for exact figures)";

/// One answer: a title, columns, and rows of JSON values (numbers stay numbers).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// What was asked.
    pub title: String,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, one value per column.
    pub rows: Vec<Vec<Value>>,
    /// What a reader must know to read the figures right (lower bounds).
    pub notes: Vec<String>,
}

impl Answer {
    fn new(title: String, columns: Vec<String>, rows: Vec<Vec<Value>>, lower_bound: bool) -> Self {
        let notes = if lower_bound { vec![LOWER_BOUND_NOTE.to_string()] } else { Vec::new() };
        Self { title, columns, rows, notes }
    }
}

/// A graph ready for questions.
pub struct Queries<'g> {
    graph: &'g GraphFile,
    index: GraphIndex<'g>,
    gazetteer: Option<&'g Gazetteer>,
}

impl<'g> Queries<'g> {
    /// Questions over `graph`; the gazetteer, when given, lets a name resolve through
    /// forms the graph never saw ("Beijing" for `china`).
    pub fn new(graph: &'g GraphFile, gazetteer: Option<&'g Gazetteer>) -> Self {
        Self { graph, index: GraphIndex::new(graph), gazetteer }
    }

    fn camp(&self, id: &str) -> Option<&'g str> {
        self.index.camp(id)
    }

    fn label(&self, id: &str) -> String {
        self.index.label(id)
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
                    if self.index.get(&id).is_some() {
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

    /// The edges of a relation that pass the filters, with their figures. `fold`: count
    /// each sentence once per actor pair (a person's edge beside their actor's).
    fn views(&self, filters: &Filters, relation: Relation, fold: bool) -> Vec<View<'g>> {
        self.graph
            .edges
            .iter()
            .filter(|e| e.relation == relation)
            .filter(|e| filters.types.is_empty() || e.kind.as_ref().is_some_and(|k| filters.types.contains(k)))
            .filter(|e| filters.polarity.is_none() || e.polarity == filters.polarity)
            .filter(|e| filters.min_confidence.is_none_or(|m| e.confidence >= m))
            .filter_map(|e| {
                let passes = |x: &&EvidenceOut| {
                    (filters.include_speculative || !x.speculative)
                        && !(fold && x.folded)
                        && filters.doc.as_ref().is_none_or(|d| x.doc.contains(d.as_str()))
                        && filters.since.is_none_or(|s| x.date.is_some_and(|d| d >= s))
                        && filters.until.is_none_or(|u| x.date.is_some_and(|d| d <= u))
                };
                let evidence: Vec<&EvidenceOut> = e.evidence.iter().filter(passes).collect();
                let figures = figures(e, filters, fold, &evidence);
                (figures.count > 0).then(|| View {
                    edge: e,
                    source_camp: self.camp(&e.source),
                    target_camp: self.camp(&e.target),
                    figures,
                    evidence,
                })
            })
            .collect()
    }

    /// Where each actor stands toward each other actor, people counted as their actor.
    fn stands(&self, filters: &Filters) -> BTreeMap<(&'g str, &'g str), (Stand, Vec<View<'g>>)> {
        let mut out: BTreeMap<(&str, &str), (Stand, Vec<View>)> = BTreeMap::new();
        for v in self.views(filters, Relation::Stance, true) {
            if let (Some(s), Some(t)) = (v.source_camp, v.target_camp) {
                if s != t {
                    let entry = out.entry((s, t)).or_default();
                    entry.0.add(&v);
                    entry.1.push(v);
                }
            }
        }
        out
    }

    /// The `n` actor pairs with the most evidence: (source label, target label, stand).
    pub fn strongest(&self, n: usize, filters: &Filters) -> Vec<(String, String, Stand)> {
        let mut pairs: Vec<((&str, &str), Stand)> =
            self.stands(filters).into_iter().map(|(pair, (stand, _))| (pair, stand)).collect();
        pairs.sort_by(|a, b| {
            b.1.count().cmp(&a.1.count()).then(b.1.net().abs().total_cmp(&a.1.net().abs())).then(a.0.cmp(&b.0))
        });
        pairs.into_iter().take(n).map(|((s, t), stand)| (self.label(s), self.label(t), stand)).collect()
    }

    /// Everything an actor (and the people who speak for it) supports and opposes,
    /// by counterpart, the most evidence first.
    pub fn positions(&self, actor: &str, filters: &Filters) -> Answer {
        let actor = self.camp_of_input(actor);
        let mut rows: Vec<(usize, f64, Vec<Value>)> = Vec::new();
        let mut lower_bound = false;
        for ((s, t), (stand, views)) in self.stands(filters) {
            if s != actor {
                continue;
            }
            lower_bound |= stand.lower_bound;
            let row = vec![
                json!(self.label(t)),
                json!(stand.word()),
                json!(stand.count()),
                json!(stand.split()),
                json!(round1(stand.net())),
                json!(stand.mean()),
                json!(stand.type_summary()),
                json!(stand.first),
                json!(stand.last),
                json!(strongest_evidence(&views, 3)),
            ];
            rows.push((stand.count(), stand.net(), row));
        }
        rows.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.abs().total_cmp(&a.1.abs())));
        Answer::new(
            format!("Positions of {}", self.label(&actor)),
            cols(&[
                "counterpart",
                "stance",
                "sentences",
                "split",
                "net_goldstein",
                "mean_goldstein",
                "types",
                "first",
                "last",
                "evidence",
            ]),
            rows.into_iter().map(|(_, _, r)| r).collect(),
            lower_bound,
        )
    }

    /// The actor a name stands for: a person's affiliation, or the actor itself.
    fn camp_of_input(&self, id: &str) -> String {
        self.index.get(id).and_then(|n| self.camp(n.id.as_str())).unwrap_or(id).to_string()
    }

    /// Every edge both ways between two actors, in time order.
    pub fn between(&self, a: &str, b: &str, filters: &Filters) -> Answer {
        let (a, b) = (self.camp_of_input(a), self.camp_of_input(b));
        let mut rows: Vec<(Option<Date>, Vec<Value>)> = Vec::new();
        let mut partial = false;
        for relation in [Relation::Stance, Relation::Statement] {
            for v in self.views(filters, relation, true) {
                let (Some(s), Some(t)) = (v.source_camp, v.target_camp) else { continue };
                if !((s == a && t == b) || (s == b && t == a)) {
                    continue;
                }
                partial |= !v.edge.evidence_complete();
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
        let mut answer = Answer::new(
            format!("Between {} and {}", self.label(&a), self.label(&b)),
            cols(&["date", "direction", "what", "evidence", "doc"]),
            rows.into_iter().map(|(_, r)| r).collect(),
            false,
        );
        if partial {
            answer
                .notes
                .push("the sentences listed are the best few kept per edge; `query positions` counts them all".into());
        }
        answer
    }

    /// The actors that take a stance of this polarity toward `target`, ranked by how
    /// many sentences say so, with the split both ways so a mixed relation shows.
    pub fn who(&self, target: &str, polarity: Polarity, filters: &Filters) -> Answer {
        let target = self.camp_of_input(target);
        let mut both = filters.clone();
        both.polarity = None;
        let mut rows: Vec<(usize, f64, Vec<Value>)> = Vec::new();
        let mut lower_bound = false;
        for ((s, t), (stand, views)) in self.stands(&both) {
            let wanted: Vec<View> = views.into_iter().filter(|v| v.edge.polarity == Some(polarity)).collect();
            if t != target || wanted.is_empty() || filters.polarity.is_some_and(|p| p != polarity) {
                continue;
            }
            let mut this_way = Stand::default();
            wanted.iter().for_each(|v| this_way.add(v));
            lower_bound |= stand.lower_bound;
            let row = vec![
                json!(self.label(s)),
                json!(this_way.count()),
                json!(stand.split()),
                json!(this_way.type_summary()),
                json!(round1(this_way.net())),
                json!(this_way.mean()),
                json!(strongest_evidence(&wanted, 1).into_iter().next()),
            ];
            rows.push((this_way.count(), this_way.net(), row));
        }
        rows.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.abs().total_cmp(&a.1.abs())));
        Answer::new(
            format!(
                "Who {} {}",
                if polarity == Polarity::Support { "supports" } else { "opposes" },
                self.label(&target)
            ),
            cols(&["actor", "sentences", "split", "types", "net_goldstein", "mean_goldstein", "evidence"]),
            rows.into_iter().map(|(_, _, r)| r).collect(),
            lower_bound,
        )
    }

    /// Attributed quotes, by a speaker or by everyone who speaks for an actor.
    pub fn statements(&self, speaker: Option<&str>, actor: Option<&str>, filters: &Filters) -> Answer {
        let actor = actor.map(|a| self.camp_of_input(a));
        let mut rows: Vec<(Option<Date>, Vec<Value>)> = Vec::new();
        for v in self.views(filters, Relation::Statement, false) {
            if speaker.is_some_and(|s| s != v.edge.source)
                || actor.as_ref().is_some_and(|a| v.source_camp != Some(a.as_str()))
            {
                continue;
            }
            let node = self.index.get(v.edge.source.as_str());
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
        Answer::new(
            "Statements".into(),
            cols(&["date", "speaker", "role", "for", "quote", "doc"]),
            rows.into_iter().map(|(_, r)| r).collect(),
            false,
        )
    }

    /// The stakeholder matrix: rows take the stance, columns receive it. A cell is the
    /// net Goldstein with the split: "+12 (5 support, 1 oppose)".
    pub fn matrix(&self, actors: &[String], filters: &Filters) -> Answer {
        let stands = self.stands(filters);
        let chosen: Vec<String> = if actors.is_empty() {
            busiest_actors(&stands, 10)
        } else {
            actors.iter().map(|a| self.camp_of_input(a)).collect()
        };
        let mut columns = vec!["stance of \\ toward".to_string()];
        columns.extend(chosen.iter().map(|a| self.label(a)));
        let mut lower_bound = false;
        let rows = chosen
            .iter()
            .map(|row| {
                let mut out = vec![json!(self.label(row))];
                for col in &chosen {
                    let cell = stands.get(&(row.as_str(), col.as_str())).map_or(String::new(), |(stand, _)| {
                        lower_bound |= stand.lower_bound;
                        let net = stand.net().round();
                        let net = if net == 0.0 { "0".to_string() } else { format!("{net:+.0}") };
                        format!("{net} ({} support, {} oppose)", stand.support, stand.oppose)
                    });
                    out.push(json!(cell));
                }
                out
            })
            .collect();
        Answer::new("Stakeholder matrix (net Goldstein)".into(), columns, rows, lower_bound)
    }

    /// The actors and persons in the graph.
    pub fn actors(&self, filters: &Filters) -> Answer {
        let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
        for relation in [Relation::Stance, Relation::Statement] {
            for v in self.views(filters, relation, false) {
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
                    json!(crate::model::NodeKind::parse(&n.kind).map_or(n.kind.as_str(), |k| k.label())),
                    json!(n.affiliation.as_deref().map(|a| self.label(a))),
                    json!(n.aliases.join(", ")),
                    json!(n.mentions),
                    json!(degree.get(n.id.as_str()).copied().unwrap_or(0)),
                ]
            })
            .collect();
        Answer::new("Actors".into(), cols(&["id", "label", "kind", "for", "aliases", "mentions", "edges"]), rows, false)
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

/// An edge's figures under the filters: exact from the tally when no filter needs each
/// sentence (or the evidence is complete), else counted from `evidence` as a lower bound.
fn figures(e: &EdgeOut, filters: &Filters, fold: bool, evidence: &[&EvidenceOut]) -> Figures {
    let t = e.full_tally();
    let (first, last) = (t.first_date, t.last_date);
    let outside = filters.since.is_some_and(|s| last.is_none_or(|l| l < s))
        || filters.until.is_some_and(|u| first.is_none_or(|f| f > u));
    if outside {
        return Figures::default();
    }
    let inside = filters.since.is_none_or(|s| first.is_some_and(|f| f >= s))
        && filters.until.is_none_or(|u| last.is_some_and(|l| l <= u));
    if filters.doc.is_some() || !inside {
        let tenths =
            evidence.iter().map(|x| x.goldstein.or(e.goldstein).map_or(0, |g| (g * 10.0).round() as i64)).sum();
        let dates: BTreeSet<Date> = evidence.iter().filter_map(|x| x.date).collect();
        return Figures {
            count: evidence.len(),
            tenths,
            first: dates.first().copied(),
            last: dates.last().copied(),
            lower_bound: !e.evidence_complete(),
        };
    }
    let (mut count, mut hedged, mut tenths) = (t.count, t.speculative, t.goldstein_tenths);
    if fold {
        count = count.saturating_sub(t.folded);
        hedged = hedged.saturating_sub(t.folded_speculative);
        tenths -= t.folded_goldstein_tenths;
    }
    if !filters.include_speculative && hedged > 0 {
        // The tally sums hedged and plain scores together: the plain share of the sum
        // is taken at the edge's mean, which keeps its sign.
        let plain = count.saturating_sub(hedged);
        tenths = if count == 0 { 0 } else { (tenths as f64 * plain as f64 / count as f64).round() as i64 };
        count = plain;
    }
    Figures { count, tenths, first, last, lower_bound: false }
}

/// The `n` actors with the most sentences, either way.
fn busiest_actors(stands: &BTreeMap<(&str, &str), (Stand, Vec<View>)>, n: usize) -> Vec<String> {
    let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
    for ((s, t), (stand, _)) in stands {
        *degree.entry(s).or_default() += stand.count();
        *degree.entry(t).or_default() += stand.count();
    }
    let mut ranked: Vec<(&str, usize)> = degree.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.into_iter().take(n).map(|(id, _)| id.to_string()).collect()
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
        let notes: String = answer.notes.iter().map(|n| format!("note: {n}\n")).collect();
        if answer.rows.is_empty() {
            return format!("{}\n(nothing found)\n{notes}", answer.title);
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
        format!("{}\n{t}\n{notes}", answer.title)
    }

    /// `{"query": title, "columns": [...], "rows": [{column: value}]}`.
    pub fn json(answer: &Answer) -> String {
        let rows: Vec<Value> = answer
            .rows
            .iter()
            .map(|r| Value::Object(answer.columns.iter().cloned().zip(r.iter().cloned()).collect()))
            .collect();
        let mut value = json!({"query": answer.title, "columns": answer.columns, "rows": rows});
        if !answer.notes.is_empty() {
            value["notes"] = json!(answer.notes);
        }
        let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
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
        for note in &answer.notes {
            out.push_str(&format!("\n*Note: {note}*\n"));
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
            notes: vec![],
        };
        assert_eq!(render::csv(&a), "a,b\n\"x, \"\"y\"\"\",2\n");
    }
}
