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
        .filter(|n| linked.contains(n.id.as_str()) || (!is_person(&n.kind) && acting.contains(&n.id)))
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

fn is_person(kind: &str) -> bool {
    crate::model::NodeKind::of(kind) == crate::model::NodeKind::Person
}

/// The actor each person stands for.
fn camps(file: &GraphFile) -> HashMap<String, String> {
    file.nodes
        .iter()
        .filter(|n| is_person(&n.kind))
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

/// The graph at the level of actors, for network tools: persons folded into the actor
/// they speak for (people with no actor, and news outlets, left out), one edge per
/// actor pair, relation and polarity, each sentence counted once. Its `type` lists the
/// event types merged, most frequent first; its tally adds up theirs.
pub fn actor_level(file: &GraphFile) -> GraphFile {
    use crate::graph::Tally;
    let nodes: HashMap<&str, &super::json::NodeOut> = file.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let camp = |id: &str| {
        nodes
            .get(id)
            .and_then(|n| crate::model::camp(n.id.as_str(), &n.kind, n.affiliation.as_deref()))
            .map(str::to_string)
    };
    type Key = (String, String, Relation, Option<crate::graph::Polarity>);
    /// Tally, sentences by type, evidence, highest confidence.
    type Merged = (Tally, BTreeMap<String, usize>, Vec<super::json::EvidenceOut>, f64);
    let mut merged: BTreeMap<Key, Merged> = BTreeMap::new();
    for e in file.edges.iter().filter(|e| e.relation != Relation::Affiliation) {
        let (Some(s), Some(t)) = (camp(&e.source), camp(&e.target)) else { continue };
        if s == t {
            continue;
        }
        let full = e.full_tally();
        let entry = merged.entry((s, t, e.relation, e.polarity)).or_default();
        let mut part = full.clone();
        if e.relation == Relation::Stance {
            part.count = full.count.saturating_sub(full.folded);
            part.speculative = full.speculative.saturating_sub(full.folded_speculative);
            part.goldstein_tenths = full.goldstein_tenths - full.folded_goldstein_tenths;
            part.scored = full.scored.saturating_sub(full.folded);
            part.folded = 0;
            part.folded_speculative = 0;
            part.folded_goldstein_tenths = 0;
        }
        entry.0.absorb(&part);
        *entry.1.entry(e.kind.clone().unwrap_or_default()).or_default() += part.count;
        entry.2.extend(e.evidence.iter().filter(|x| !x.folded).cloned());
        entry.3 = entry.3.max(e.confidence);
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut edges = Vec::new();
    for ((source, target, relation, polarity), (tally, types, mut evidence, confidence)) in merged {
        if tally.count == 0 {
            continue;
        }
        let mut types: Vec<(String, usize)> = types.into_iter().collect();
        types.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        evidence.sort_by(|a, b| (&a.doc, a.start).cmp(&(&b.doc, b.start)));
        evidence.dedup_by(|a, b| a.doc == b.doc && a.start == b.start);
        evidence.truncate(file.max_evidence.unwrap_or(crate::graph::DEFAULT_MAX_EVIDENCE));
        used.insert(source.clone());
        used.insert(target.clone());
        edges.push(EdgeOut {
            source,
            target,
            relation,
            kind: Some(types.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(", ")),
            polarity,
            goldstein: (tally.scored > 0).then(|| (tally.goldstein_tenths as f64 / tally.scored as f64).round() / 10.0),
            quote: None,
            count: tally.count,
            confidence,
            speculative: tally.count > 0 && tally.speculative == tally.count,
            first_date: tally.first_date,
            last_date: tally.last_date,
            evidence,
            tally: Some(tally),
        });
    }
    let mut out = file.clone();
    out.nodes.retain(|n| used.contains(&n.id));
    out.edges = edges;
    out
}
