//! The graph stage: one node per canonical actor or person across all documents,
//! edges merged by (source, target, relation, type, polarity) with a count, a
//! combined confidence and all their evidence.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use crate::date::Date;
use crate::extract::{Evidence, Extraction};

/// What an edge says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// A position or act toward the target.
    Stance,
    /// A direct quote by the source, about or to the target.
    Statement,
    /// A person speaks for an actor.
    Affiliation,
}

/// Support or oppose, from the sign of the Goldstein score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// Cooperative.
    Support,
    /// Conflictual.
    Oppose,
    /// Score zero.
    Neutral,
}

impl Polarity {
    /// The polarity of a Goldstein score.
    pub fn of(goldstein: f64) -> Self {
        if goldstein > 0.0 {
            Polarity::Support
        } else if goldstein < 0.0 {
            Polarity::Oppose
        } else {
            Polarity::Neutral
        }
    }
}

/// A node: a collective actor, an outlet or a person.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Canonical id.
    pub id: String,
    /// Display name.
    pub label: String,
    /// `state`, `organization`, `armed_group`, `person`, `media`, ...
    pub kind: String,
    /// Surface forms seen.
    pub aliases: BTreeSet<String>,
    /// For persons: the actor they speak for.
    pub affiliation: Option<String>,
    /// For persons: the role the text gives them.
    pub role: Option<String>,
    /// Mentions across documents.
    pub mentions: usize,
    /// Documents that name it.
    pub documents: BTreeSet<String>,
}

/// One piece of evidence on a merged edge.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeEvidence {
    /// Where it stands.
    pub evidence: Evidence,
    /// The cue word(s), for stances.
    pub cue: Option<String>,
    /// Hedged in this sentence.
    pub speculative: bool,
    /// Confidence of this piece.
    pub confidence: f64,
    /// Goldstein score of this piece (stances).
    pub goldstein: Option<f64>,
}

/// A merged edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// What it says.
    pub relation: Relation,
    /// Event type, for stances (and "statement" for quotes).
    pub kind: Option<String>,
    /// Support or oppose, for stances.
    pub polarity: Option<Polarity>,
    /// For statements: the quoted words.
    pub quote: Option<String>,
    /// All the evidence, in document order.
    pub evidence: Vec<EdgeEvidence>,
}

impl Edge {
    /// How many distinct sentences say it.
    pub fn count(&self) -> usize {
        self.evidence.len()
    }

    /// Combined confidence: independent pieces of evidence reinforce each other.
    pub fn confidence(&self) -> f64 {
        let miss: f64 = self.evidence.iter().map(|e| 1.0 - e.confidence).product();
        (((1.0 - miss) * 100.0).round() / 100.0).min(0.99)
    }

    /// Mean Goldstein score of the occurrences (cues of one type differ in weight).
    pub fn goldstein(&self) -> Option<f64> {
        let scores: Vec<f64> = self.evidence.iter().filter_map(|e| e.goldstein).collect();
        (!scores.is_empty()).then(|| (scores.iter().sum::<f64>() / scores.len() as f64 * 10.0).round() / 10.0)
    }

    /// Every piece of evidence is hedged.
    pub fn speculative(&self) -> bool {
        !self.evidence.is_empty() && self.evidence.iter().all(|e| e.speculative)
    }

    /// Earliest and latest dated evidence.
    pub fn date_range(&self) -> (Option<Date>, Option<Date>) {
        let dates = self.evidence.iter().filter_map(|e| e.evidence.date);
        (dates.clone().min(), dates.max())
    }
}

type EdgeKey = (String, String, Relation, Option<String>, Option<Polarity>, Option<String>);

/// The stakeholder graph.
#[derive(Debug, Default)]
pub struct StanceGraph {
    /// The petgraph underneath; indices stay valid as nodes come and go.
    pub graph: StableDiGraph<Node, Edge>,
    index: HashMap<String, NodeIndex>,
    edges: HashMap<EdgeKey, petgraph::stable_graph::EdgeIndex>,
    /// Documents folded in: id and date.
    pub documents: BTreeMap<String, Option<Date>>,
}

impl StanceGraph {
    /// Folds one document's extraction into the graph.
    pub fn add(&mut self, ex: Extraction) {
        self.documents.insert(ex.doc.clone(), ex.date);
        for (id, seen) in &ex.actors {
            let n = self.node(id, &seen.label, &seen.kind);
            n.aliases.extend(seen.aliases.iter().cloned());
            n.mentions += seen.mentions;
            n.documents.insert(ex.doc.clone());
        }
        for (id, seen) in &ex.persons {
            let n = self.node(id, &seen.info.name, "person");
            n.aliases.extend(seen.aliases.iter().cloned());
            n.mentions += seen.mentions;
            n.documents.insert(ex.doc.clone());
            // Documents may disagree; the smallest value wins so input order never matters.
            keep_smallest(&mut n.affiliation, seen.info.affiliation.clone());
            keep_smallest(&mut n.role, seen.info.role.clone().filter(|r| !r.is_empty()));
            if let Some(aff) = seen.info.affiliation.clone() {
                self.link(id, &aff, Relation::Affiliation, None, None, None);
            }
        }
        for s in ex.stances {
            let evidence = EdgeEvidence {
                evidence: s.evidence,
                cue: Some(s.cue),
                speculative: s.speculative,
                confidence: s.confidence,
                goldstein: Some(s.goldstein),
            };
            let polarity = Some(Polarity::of(s.goldstein));
            self.link(s.source.id(), s.target.id(), Relation::Stance, Some(s.kind), polarity, None).push(evidence);
        }
        for s in ex.statements {
            let evidence =
                EdgeEvidence { evidence: s.evidence, cue: None, speculative: false, confidence: 0.9, goldstein: None };
            self.link(s.source.id(), s.target.id(), Relation::Statement, Some("statement".into()), None, Some(s.quote))
                .push(evidence);
        }
    }

    fn node(&mut self, id: &str, label: &str, kind: &str) -> &mut Node {
        let idx = *self.index.entry(id.to_string()).or_insert_with(|| {
            self.graph.add_node(Node {
                id: id.to_string(),
                label: label.to_string(),
                kind: kind.to_string(),
                aliases: BTreeSet::new(),
                affiliation: None,
                role: None,
                mentions: 0,
                documents: BTreeSet::new(),
            })
        });
        &mut self.graph[idx]
    }

    fn link(
        &mut self,
        source: &str,
        target: &str,
        relation: Relation,
        kind: Option<String>,
        polarity: Option<Polarity>,
        quote: Option<String>,
    ) -> EvidenceSink<'_> {
        let (Some(&a), Some(&b)) = (self.index.get(source), self.index.get(target)) else {
            return EvidenceSink(None);
        };
        if a == b {
            return EvidenceSink(None);
        }
        let key = (source.to_string(), target.to_string(), relation, kind.clone(), polarity, quote.clone());
        let graph = &mut self.graph;
        let idx = *self
            .edges
            .entry(key)
            .or_insert_with(|| graph.add_edge(a, b, Edge { relation, kind, polarity, quote, evidence: Vec::new() }));
        EvidenceSink(Some(&mut self.graph[idx]))
    }

    /// A node by id.
    pub fn get(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.graph[i])
    }

    /// Nodes sorted by id: the order every export uses.
    pub fn nodes(&self) -> Vec<&Node> {
        let mut nodes: Vec<&Node> = self.graph.node_weights().collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        nodes
    }

    /// Edges with their end ids, in a stable order.
    pub fn edges(&self) -> Vec<(&str, &str, &Edge)> {
        let mut edges: Vec<(&str, &str, &Edge)> = self
            .graph
            .edge_references()
            .map(|e| (self.graph[e.source()].id.as_str(), self.graph[e.target()].id.as_str(), e.weight()))
            .collect();
        edges.sort_by(|a, b| {
            (a.0, a.1, a.2.relation, &a.2.kind, a.2.polarity, &a.2.quote).cmp(&(
                b.0,
                b.1,
                b.2.relation,
                &b.2.kind,
                b.2.polarity,
                &b.2.quote,
            ))
        });
        edges
    }

    /// The collective actor a node stands for: itself, or a person's affiliation.
    pub fn camp<'a>(&'a self, id: &'a str) -> Option<&'a str> {
        let node = self.get(id)?;
        match node.kind.as_str() {
            "person" => node.affiliation.as_deref(),
            "media" => None,
            _ => Some(id),
        }
    }
}

fn keep_smallest(slot: &mut Option<String>, candidate: Option<String>) {
    if let Some(c) = candidate {
        if slot.as_ref().is_none_or(|s| c < *s) {
            *slot = Some(c);
        }
    }
}

/// Where a merged edge takes its next piece of evidence; a refused link takes none.
struct EvidenceSink<'a>(Option<&'a mut Edge>);

impl EvidenceSink<'_> {
    fn push(self, item: EdgeEvidence) {
        if let Some(edge) = self.0 {
            // Kept sorted by (doc, start), one piece per sentence. Evidence mostly comes in
            // document order, so the common case appends.
            fn key(e: &EdgeEvidence) -> (&str, usize) {
                (e.evidence.doc.as_str(), e.evidence.start)
            }
            let new = (item.evidence.doc.as_str(), item.evidence.start);
            match edge.evidence.last().map(key) {
                None => edge.evidence.push(item),
                Some(last) if last < new => edge.evidence.push(item),
                Some(last) if last == new => {}
                Some(_) => {
                    let at = edge.evidence.partition_point(|e| key(e) < new);
                    if edge.evidence.get(at).map(key) != Some(new) {
                        edge.evidence.insert(at, item);
                    }
                }
            }
        }
    }
}
