//! What part of a graph to draw or hand to another tool: an ego network around one
//! actor, edges said often enough, evidence within dates. Works on the export types, so
//! every format sees the same cut.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use super::json::{EdgeOut, GraphFile};
use crate::date::Date;
use crate::graph::Relation;

/// The cut.
#[derive(Debug, Clone, Default)]
pub struct ViewOptions {
    /// Keep this actor (node id) and what lies within `depth` steps of it; persons count
    /// as their actor.
    pub focus: Option<String>,
    /// Steps from the focus (default 1).
    pub depth: usize,
    /// Drop stance and statement edges said fewer times than this.
    pub min_count: usize,
    /// Keep evidence dated on or after.
    pub since: Option<Date>,
    /// Keep evidence dated on or before.
    pub until: Option<Date>,
}

impl ViewOptions {
    /// Nothing is cut.
    pub fn is_everything(&self) -> bool {
        self.focus.is_none() && self.min_count <= 1 && self.since.is_none() && self.until.is_none()
    }
}

/// The graph cut to `options`. Counts of date-cut edges are the evidence kept, which
/// the evidence cap may make smaller than the truth; nodes left without edges go.
pub fn apply(file: &GraphFile, options: &ViewOptions) -> GraphFile {
    if options.is_everything() {
        return file.clone();
    }
    let mut out = file.clone();
    if options.since.is_some() || options.until.is_some() {
        out.edges = out.edges.into_iter().filter_map(|e| cut_dates(e, options.since, options.until)).collect();
        out.documents.retain(|d| in_range(d.date, options.since, options.until));
    }
    out.edges.retain(|e| e.relation == Relation::Affiliation || e.count >= options.min_count.max(1));
    let camps = camps(&out);
    let camp = |id: &str| camps.get(id).cloned().unwrap_or_else(|| id.to_string());
    if let Some(focus) = &options.focus {
        let keep = ego(&out, &camp, &camp(focus), options.depth.max(1));
        out.edges.retain(|e| keep.contains(&camp(&e.source)) && keep.contains(&camp(&e.target)));
    }
    let linked: BTreeSet<&str> = out
        .edges
        .iter()
        .filter(|e| e.relation != Relation::Affiliation)
        .flat_map(|e| [e.source.as_str(), e.target.as_str()])
        .collect();
    // A person stays with their actor; an actor stays if it or one of its people acts.
    let acting: BTreeSet<String> = linked.iter().map(|id| camp(id)).collect();
    let kept: BTreeSet<String> = out
        .nodes
        .iter()
        .filter(|n| linked.contains(n.id.as_str()) || (n.kind != "person" && acting.contains(&n.id)))
        .map(|n| n.id.clone())
        .collect();
    out.nodes.retain(|n| kept.contains(&n.id));
    out.edges.retain(|e| kept.contains(&e.source) && kept.contains(&e.target));
    out
}

fn in_range(date: Option<Date>, since: Option<Date>, until: Option<Date>) -> bool {
    match date {
        Some(d) => since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u),
        None => since.is_none() && until.is_none(),
    }
}

fn cut_dates(mut e: EdgeOut, since: Option<Date>, until: Option<Date>) -> Option<EdgeOut> {
    if e.relation == Relation::Affiliation {
        return Some(e);
    }
    e.evidence.retain(|x| in_range(x.date, since, until));
    if e.evidence.is_empty() {
        return None;
    }
    e.count = e.evidence.len();
    e.first_date = e.evidence.iter().filter_map(|x| x.date).min();
    e.last_date = e.evidence.iter().filter_map(|x| x.date).max();
    e.speculative = e.evidence.iter().all(|x| x.speculative);
    e.tally = None;
    Some(e)
}

/// The actor each person stands for.
fn camps(file: &GraphFile) -> HashMap<String, String> {
    file.nodes
        .iter()
        .filter(|n| n.kind == "person")
        .filter_map(|n| Some((n.id.clone(), n.affiliation.clone()?)))
        .collect()
}

/// Actors within `depth` steps of `focus`, over stance and statement edges either way.
fn ego(file: &GraphFile, camp: &dyn Fn(&str) -> String, focus: &str, depth: usize) -> BTreeSet<String> {
    let mut next: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in file.edges.iter().filter(|e| e.relation != Relation::Affiliation) {
        let (a, b) = (camp(&e.source), camp(&e.target));
        next.entry(a.clone()).or_default().insert(b.clone());
        next.entry(b).or_default().insert(a);
    }
    let mut seen: BTreeSet<String> = BTreeSet::from([focus.to_string()]);
    let mut queue = VecDeque::from([(focus.to_string(), 0usize)]);
    while let Some((id, d)) = queue.pop_front() {
        if d == depth {
            continue;
        }
        for n in next.get(&id).into_iter().flatten() {
            if seen.insert(n.clone()) {
                queue.push_back((n.clone(), d + 1));
            }
        }
    }
    seen
}
