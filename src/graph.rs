//! The graph stage: one node per canonical actor or person across all documents,
//! edges merged by (source, target, relation, type, polarity) with exact tallies
//! (count, confidence, Goldstein, hedging, dates) and a capped sample of evidence, so
//! memory grows with actors and edges, not with the corpus.
//!
//! Folding is commutative and associative: [`StanceGraph::add`] and
//! [`StanceGraph::absorb`] give the same graph whatever the order, which is what lets
//! `extract` shards be merged in any order.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use crate::date::Date;
use crate::extract::{Evidence, Extraction, PersonSeen};

/// Maps keyed by text from the input: foldhash is several times faster than
/// SipHash and still seeded per run, so crafted input cannot aim at its buckets.
type FoldHashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type FoldHashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

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
    /// Documents that name it: a sample, the first ids in sort order, at most the
    /// graph's evidence cap (the count is exact).
    pub documents: BTreeSet<String>,
    /// How many documents name it.
    pub document_count: usize,
}

impl Node {
    /// [`Node::note_documents`] for one id, copied only when the sample keeps it: past
    /// the cap, most documents sort after the sample and are only counted.
    fn note_document(&mut self, id: &str, cap: usize) {
        let kept = self.documents.len() < cap || self.documents.last().is_some_and(|last| id < last.as_str());
        if kept && !self.documents.contains(id) {
            self.note_documents([id.to_string()], cap);
        }
    }

    fn note_documents(&mut self, ids: impl IntoIterator<Item = String>, cap: usize) {
        self.documents.extend(ids);
        while self.documents.len() > cap {
            self.documents.pop_last();
        }
    }
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
    /// Another edge between the same two actors, of the same type and polarity, already
    /// counts this sentence (a person's edge beside their actor's): an actor-level view
    /// counts it once.
    pub folded: bool,
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
    /// A sample of the evidence (the best-ranked, at most the graph's cap), in
    /// document order.
    pub evidence: Vec<EdgeEvidence>,
    /// Exact figures over all the evidence, kept or not.
    pub tally: Tally,
}

/// What an edge's figures are computed from: integers and counts only, so that sums
/// come out the same in any order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tally {
    /// Distinct sentences that say it.
    pub count: usize,
    /// Of those, hedged ones.
    pub speculative: usize,
    /// Sum of the Goldstein scores, in tenths.
    pub goldstein_tenths: i64,
    /// Pieces with a Goldstein score.
    pub scored: usize,
    /// How many pieces had each confidence, in thousandths.
    pub confidence_permille: BTreeMap<u16, usize>,
    /// Earliest dated evidence.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub first_date: Option<Date>,
    /// Latest dated evidence.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub last_date: Option<Date>,
    /// Of the pieces, those another edge of the same actor pair already counts
    /// ([`EdgeEvidence::folded`]).
    #[serde(skip_serializing_if = "is_zero", default)]
    pub folded: usize,
    /// Of the folded pieces, hedged ones.
    #[serde(skip_serializing_if = "is_zero", default)]
    pub folded_speculative: usize,
    /// Sum of the folded pieces' Goldstein scores, in tenths.
    #[serde(skip_serializing_if = "is_zero_i64", default)]
    pub folded_goldstein_tenths: i64,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn is_zero_i64(n: &i64) -> bool {
    *n == 0
}

impl Tally {
    /// Counts one piece of evidence.
    pub fn count_piece(&mut self, piece: &EdgeEvidence) {
        self.count += 1;
        self.speculative += usize::from(piece.speculative);
        let tenths = piece.goldstein.map(|g| (g * 10.0).round() as i64);
        if let Some(t) = tenths {
            self.goldstein_tenths += t;
            self.scored += 1;
        }
        if piece.folded {
            self.folded += 1;
            self.folded_speculative += usize::from(piece.speculative);
            self.folded_goldstein_tenths += tenths.unwrap_or(0);
        }
        let permille = (piece.confidence.clamp(0.0, 1.0) * 1000.0).round() as u16;
        *self.confidence_permille.entry(permille).or_default() += 1;
        if let Some(d) = piece.evidence.date {
            self.first_date = Some(self.first_date.map_or(d, |f| f.min(d)));
            self.last_date = Some(self.last_date.map_or(d, |l| l.max(d)));
        }
    }

    /// Adds another edge's tally.
    pub fn absorb(&mut self, other: &Tally) {
        self.count += other.count;
        self.speculative += other.speculative;
        self.goldstein_tenths += other.goldstein_tenths;
        self.scored += other.scored;
        self.folded += other.folded;
        self.folded_speculative += other.folded_speculative;
        self.folded_goldstein_tenths += other.folded_goldstein_tenths;
        for (c, n) in &other.confidence_permille {
            *self.confidence_permille.entry(*c).or_default() += n;
        }
        self.first_date = match (self.first_date, other.first_date) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last_date = match (self.last_date, other.last_date) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
}

impl Edge {
    /// How many distinct sentences say it (all of them, not only the kept sample).
    pub fn count(&self) -> usize {
        self.tally.count
    }

    /// Combined confidence: independent pieces of evidence reinforce each other.
    pub fn confidence(&self) -> f64 {
        let miss: f64 = self
            .tally
            .confidence_permille
            .iter()
            .map(|(&c, &n)| (1.0 - f64::from(c) / 1000.0).powi(n.min(i32::MAX as usize) as i32))
            .product();
        (((1.0 - miss) * 100.0).round() / 100.0).min(0.99)
    }

    /// Mean Goldstein score of the occurrences (cues of one type differ in weight).
    pub fn goldstein(&self) -> Option<f64> {
        let t = &self.tally;
        (t.scored > 0).then(|| (t.goldstein_tenths as f64 / t.scored as f64).round() / 10.0)
    }

    /// Every piece of evidence is hedged.
    pub fn speculative(&self) -> bool {
        self.tally.count > 0 && self.tally.speculative == self.tally.count
    }

    /// Earliest and latest dated evidence.
    pub fn date_range(&self) -> (Option<Date>, Option<Date>) {
        (self.tally.first_date, self.tally.last_date)
    }
}

type EdgeKey = (String, String, Relation, Option<String>, Option<Polarity>, Option<String>);

/// Evidence kept per edge unless told otherwise (`--max-evidence`).
pub const DEFAULT_MAX_EVIDENCE: usize = 5;

/// A document folded in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentInfo {
    /// Its date.
    pub date: Option<Date>,
    /// Hash of its text (xxh3-64): the same article twice is counted once.
    pub hash: Option<u64>,
}

/// The documents folded in. One entry per article of the corpus, so kept compact: an
/// archive's worth must fit beside the graph.
#[derive(Debug, Default)]
pub struct Documents {
    entries: Vec<(Box<str>, DocumentInfo)>,
    by_id: FoldHashMap<u64, u32>,
    /// Ids whose hash another id already took (in practice never).
    by_id_collided: FoldHashMap<Box<str>, u32>,
    by_text: FoldHashMap<u64, u32>,
}

impl Documents {
    /// How many.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// None yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        let i = match self.by_id.get(&id_hash(id)) {
            Some(&i) if &*self.entries[i as usize].0 == id => i,
            Some(_) => *self.by_id_collided.get(id)?,
            None => return None,
        };
        Some(i as usize)
    }

    /// Whether a document with this id is here.
    pub fn contains(&self, id: &str) -> bool {
        self.index_of(id).is_some()
    }

    /// The first document with this text hash.
    pub fn with_hash(&self, hash: u64) -> Option<&str> {
        self.by_text.get(&hash).map(|&i| &*self.entries[i as usize].0)
    }

    /// Records a document; an id seen before keeps its first date and smallest hash.
    pub fn insert(&mut self, id: &str, info: DocumentInfo) {
        let i = match self.index_of(id) {
            Some(i) => {
                let slot = &mut self.entries[i].1;
                slot.date = slot.date.or(info.date);
                keep_smallest(&mut slot.hash, info.hash);
                i
            }
            None => {
                let i = self.entries.len();
                let index = u32::try_from(i).unwrap_or(u32::MAX);
                match self.by_id.entry(id_hash(id)) {
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(index);
                    }
                    std::collections::hash_map::Entry::Occupied(_) => {
                        self.by_id_collided.insert(id.into(), index);
                    }
                }
                self.entries.push((id.into(), info));
                i
            }
        };
        if let Some(h) = info.hash {
            self.by_text.entry(h).or_insert(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }

    /// All of them, sorted by id.
    pub fn sorted(&self) -> Vec<(&str, &DocumentInfo)> {
        let mut all: Vec<(&str, &DocumentInfo)> = self.entries.iter().map(|(id, info)| (&**id, info)).collect();
        all.sort_unstable_by(|a, b| a.0.cmp(b.0));
        all
    }
}

fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// The stakeholder graph.
#[derive(Debug)]
pub struct StanceGraph {
    /// The petgraph underneath; indices stay valid as nodes come and go.
    pub graph: StableDiGraph<Node, Edge>,
    index: FoldHashMap<String, NodeIndex>,
    edges: FoldHashMap<EdgeKey, petgraph::stable_graph::EdgeIndex>,
    /// Documents folded in.
    pub documents: Documents,
    /// Persons whose actor is not a node yet, by actor: linked when it arrives, so the
    /// order documents come in never decides whether an affiliation edge exists.
    pending: BTreeMap<String, BTreeSet<String>>,
    max_evidence: usize,
}

impl Default for StanceGraph {
    fn default() -> Self {
        Self::with_max_evidence(DEFAULT_MAX_EVIDENCE)
    }
}

impl StanceGraph {
    /// An empty graph keeping at most `max_evidence` pieces of evidence per edge
    /// (at least one); counts and scores stay exact whatever the cap.
    pub fn with_max_evidence(max_evidence: usize) -> Self {
        Self {
            graph: StableDiGraph::default(),
            index: FoldHashMap::default(),
            edges: FoldHashMap::default(),
            documents: Documents::default(),
            pending: BTreeMap::new(),
            max_evidence: max_evidence.max(1),
        }
    }

    /// The evidence cap.
    pub fn max_evidence(&self) -> usize {
        self.max_evidence
    }

    /// The document already folded in with this text hash, if any.
    pub fn document_with_hash(&self, hash: u64) -> Option<&str> {
        self.documents.with_hash(hash)
    }

    /// Records a document; a hash already present keeps its first document.
    pub fn add_document(&mut self, id: &str, info: DocumentInfo) {
        self.documents.insert(id, info);
    }

    /// Folds one document's extraction into the graph.
    pub fn add(&mut self, ex: Extraction) {
        self.add_hashed(ex, None);
    }

    /// [`add`](Self::add), recording the hash of the document's text.
    pub fn add_hashed(&mut self, ex: Extraction, hash: Option<u64>) {
        self.add_document(&ex.doc, DocumentInfo { date: ex.date, hash });
        // Who stands for whom in this document, for counting a sentence once per actor pair.
        let affiliations: FoldHashMap<String, Option<String>> =
            ex.persons.iter().map(|(id, p)| (id.clone(), p.info.affiliation.clone())).collect();
        let outlets: FoldHashSet<String> = ex
            .actors
            .iter()
            .filter(|(_, a)| crate::model::NodeKind::of(&a.kind) == crate::model::NodeKind::Media)
            .map(|(id, _)| id.clone())
            .collect();
        let cap = self.max_evidence;
        for (id, seen) in ex.actors {
            let n = self.node(&id, &seen.label, &seen.kind);
            n.aliases.extend(seen.aliases);
            n.mentions += seen.mentions;
            n.document_count += 1;
            n.note_document(&ex.doc, cap);
        }
        for (id, seen) in ex.persons {
            let PersonSeen { info, aliases, mentions } = seen;
            let n = self.node(&id, &info.name, crate::model::NodeKind::Person.as_str());
            n.aliases.extend(aliases);
            n.mentions += mentions;
            n.document_count += 1;
            n.note_document(&ex.doc, cap);
            // Documents may disagree; the smallest value wins so input order never matters.
            keep_smallest(&mut n.affiliation, info.affiliation.clone());
            keep_smallest(&mut n.role, info.role.filter(|r| !r.is_empty()));
            if let Some(aff) = info.affiliation {
                self.affiliate(&id, &aff);
            }
        }
        // One piece per edge and sentence, however many cues the sentence has.
        let mut seen: FoldHashSet<(EdgeKey, usize)> = FoldHashSet::default();
        let mut pieces: Vec<(EdgeKey, EdgeEvidence)> = Vec::with_capacity(ex.stances.len());
        for s in ex.stances {
            let evidence = EdgeEvidence {
                evidence: s.evidence,
                cue: Some(s.cue),
                speculative: s.speculative,
                confidence: s.confidence,
                goldstein: Some(s.goldstein),
                folded: false,
            };
            let polarity = Some(Polarity::of(s.goldstein));
            let key = edge_key(s.source.id(), s.target.id(), Relation::Stance, Some(s.kind), polarity, None);
            if seen.insert((key.clone(), evidence.evidence.start)) {
                pieces.push((key, evidence));
            }
        }
        mark_folded(&mut pieces, &affiliations, &outlets);
        for (key, evidence) in pieces {
            let cap = self.max_evidence;
            self.link_key(key).push(evidence, cap);
        }
        for s in ex.statements {
            let evidence = EdgeEvidence {
                evidence: s.evidence,
                cue: None,
                speculative: false,
                confidence: 0.9,
                goldstein: None,
                folded: false,
            };
            let kind = Some("statement".to_string());
            let key = edge_key(s.source.id(), s.target.id(), Relation::Statement, kind, None, Some(s.quote));
            if seen.insert((key.clone(), evidence.evidence.start)) {
                let cap = self.max_evidence;
                self.link_key(key).push(evidence, cap);
            }
        }
    }

    /// Folds another graph in: nodes by id, edges by key, tallies added, evidence
    /// samples united and cut to the cap. Documents both graphs hold are the caller's
    /// to prevent (see [`shared_documents`](Self::shared_documents)).
    pub fn absorb(&mut self, other: StanceGraph) {
        for (id, info) in &other.documents.entries {
            self.add_document(id, *info);
        }
        for node in other.graph.node_weights() {
            self.merge_node(node.clone());
        }
        for (actor, persons) in &other.pending {
            for person in persons {
                self.affiliate(person, actor);
            }
        }
        for e in other.graph.edge_references() {
            let (source, target) = (&other.graph[e.source()].id, &other.graph[e.target()].id);
            self.merge_edge(source, target, e.weight().clone());
        }
    }

    /// Documents of `other` already here, by id or by text: folding them in again
    /// would count them twice.
    pub fn shared_documents(&self, other: &StanceGraph) -> Vec<String> {
        let mut shared: Vec<String> = other
            .documents
            .entries
            .iter()
            .filter(|(id, info)| {
                self.documents.contains(id) || info.hash.is_some_and(|h| self.documents.with_hash(h).is_some())
            })
            .map(|(id, _)| id.to_string())
            .collect();
        shared.sort();
        shared
    }

    /// Links a person to the actor they speak for, now or when the actor arrives.
    pub fn affiliate(&mut self, person: &str, actor: &str) {
        if self.index.contains_key(actor) {
            self.link_affiliation(person, actor);
        } else {
            self.pending.entry(actor.to_string()).or_default().insert(person.to_string());
        }
    }

    /// Folds an edge in by key: tallies added, evidence samples united and cut to the
    /// cap. Edges whose ends are not (yet) nodes are dropped.
    pub fn merge_edge(&mut self, source: &str, target: &str, edge: Edge) {
        let cap = self.max_evidence;
        let key = edge_key(source, target, edge.relation, edge.kind, edge.polarity, edge.quote);
        let mut sink = self.link_key(key);
        if let Some(into) = sink.0.as_deref_mut() {
            into.tally.absorb(&edge.tally);
        }
        sink.extend(edge.evidence.into_iter(), cap);
    }

    /// Folds a node in by id: names and documents united, mentions added.
    pub fn merge_node(&mut self, other: Node) {
        let cap = self.max_evidence;
        let n = self.node(&other.id, &other.label, &other.kind);
        n.aliases.extend(other.aliases);
        n.mentions += other.mentions;
        n.document_count += other.document_count;
        n.note_documents(other.documents, cap);
        keep_smallest(&mut n.affiliation, other.affiliation);
        keep_smallest(&mut n.role, other.role);
    }

    fn node(&mut self, id: &str, label: &str, kind: &str) -> &mut Node {
        let idx = match self.index.get(id) {
            Some(&idx) => idx,
            None => {
                let idx = self.graph.add_node(Node {
                    id: id.to_string(),
                    label: label.to_string(),
                    kind: kind.to_string(),
                    aliases: BTreeSet::new(),
                    affiliation: None,
                    role: None,
                    mentions: 0,
                    documents: BTreeSet::new(),
                    document_count: 0,
                });
                self.index.insert(id.to_string(), idx);
                for person in self.pending.remove(id).unwrap_or_default() {
                    self.link_affiliation(&person, id);
                }
                idx
            }
        };
        let node = &mut self.graph[idx];
        if *label < *node.label {
            node.label = label.to_string();
        }
        node
    }

    /// Affiliation edges carry no evidence: the link is all there is.
    fn link_affiliation(&mut self, person: &str, actor: &str) {
        self.link_key(edge_key(person, actor, Relation::Affiliation, None, None, None));
    }

    fn link_key(&mut self, key: EdgeKey) -> EvidenceSink<'_> {
        let (Some(&a), Some(&b)) = (self.index.get(&key.0), self.index.get(&key.1)) else {
            return EvidenceSink(None);
        };
        if a == b {
            return EvidenceSink(None);
        }
        let graph = &mut self.graph;
        let idx = *self.edges.entry(key).or_insert_with_key(|(_, _, relation, kind, polarity, quote)| {
            graph.add_edge(
                a,
                b,
                Edge {
                    relation: *relation,
                    kind: kind.clone(),
                    polarity: *polarity,
                    quote: quote.clone(),
                    evidence: Vec::new(),
                    tally: Tally::default(),
                },
            )
        });
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
        crate::model::camp(node.id.as_str(), &node.kind, node.affiliation.as_deref())
    }
}

/// Marks as folded each stance piece whose sentence another piece already gives between
/// the same two actors (people counted as their actor), with the same type and polarity.
/// The piece kept whole is the one with the fewest people at its ends, then the smallest
/// ids: a rule on the document alone, so the graph stays the same in any input order.
fn mark_folded(
    pieces: &mut [(EdgeKey, EdgeEvidence)],
    affiliations: &FoldHashMap<String, Option<String>>,
    outlets: &FoldHashSet<String>,
) {
    let camp = |id: &str| -> Option<String> {
        match affiliations.get(id) {
            Some(affiliation) => affiliation.clone(),
            None if outlets.contains(id) => None,
            None => Some(id.to_string()),
        }
    };
    let people =
        |key: &EdgeKey| usize::from(affiliations.contains_key(&key.0)) + usize::from(affiliations.contains_key(&key.1));
    type Group = (String, String, Option<String>, Option<Polarity>, String, usize);
    let mut primary: BTreeMap<Group, usize> = BTreeMap::new();
    for (i, (key, piece)) in pieces.iter().enumerate() {
        let (Some(a), Some(b)) = (camp(&key.0), camp(&key.1)) else { continue };
        let group = (a, b, key.3.clone(), key.4, piece.evidence.doc.clone(), piece.evidence.start);
        let rank = |j: usize| (people(&pieces[j].0), &pieces[j].0 .0, &pieces[j].0 .1);
        match primary.get(&group) {
            Some(&j) if rank(j) <= rank(i) => {}
            _ => {
                primary.insert(group, i);
            }
        }
    }
    let kept: FoldHashSet<usize> = primary.values().copied().collect();
    for (i, (key, piece)) in pieces.iter_mut().enumerate() {
        let grouped = camp(&key.0).is_some() && camp(&key.1).is_some();
        piece.folded = grouped && !kept.contains(&i);
    }
}

fn keep_smallest<T: Ord>(slot: &mut Option<T>, candidate: Option<T>) {
    if let Some(c) = candidate {
        if slot.as_ref().is_none_or(|s| c < *s) {
            *slot = Some(c);
        }
    }
}

fn edge_key(
    source: &str,
    target: &str,
    relation: Relation,
    kind: Option<String>,
    polarity: Option<Polarity>,
    quote: Option<String>,
) -> EdgeKey {
    (source.to_string(), target.to_string(), relation, kind, polarity, quote)
}

/// Which evidence an edge keeps when it has more than the cap: plain before hedged,
/// then the most confident, the earliest dated, and document order. A total order, so
/// the sample is the same whatever order the evidence came in.
fn rank(e: &EdgeEvidence) -> impl Ord + '_ {
    (
        e.speculative,
        std::cmp::Reverse((e.confidence * 1000.0).round() as i64),
        e.evidence.date.is_none(),
        e.evidence.date,
        e.evidence.doc.as_str(),
        e.evidence.start,
    )
}

fn position(e: &EdgeEvidence) -> (&str, usize) {
    (e.evidence.doc.as_str(), e.evidence.start)
}

/// Where a merged edge takes its next piece of evidence; a refused link takes none.
struct EvidenceSink<'a>(Option<&'a mut Edge>);

impl EvidenceSink<'_> {
    /// Counts a new piece and keeps it if it ranks among the best `cap`.
    fn push(mut self, item: EdgeEvidence, cap: usize) {
        if let Some(edge) = self.0.as_deref_mut() {
            edge.tally.count_piece(&item);
            keep(&mut edge.evidence, item, cap);
        }
    }

    /// Adds already-counted pieces (from another graph) to the sample.
    fn extend(mut self, items: impl Iterator<Item = EdgeEvidence>, cap: usize) {
        if let Some(edge) = self.0.as_deref_mut() {
            for item in items {
                keep(&mut edge.evidence, item, cap);
            }
        }
    }
}

/// Inserts in document order (the common case appends), then drops the worst-ranked
/// piece if the sample is over the cap.
fn keep(sample: &mut Vec<EdgeEvidence>, item: EdgeEvidence, cap: usize) {
    let new = position(&item);
    let at = match sample.last().map(position) {
        None => 0,
        Some(last) if last < new => sample.len(),
        _ => sample.partition_point(|e| position(e) < new),
    };
    if sample.get(at).map(position) == Some(new) {
        return;
    }
    sample.insert(at, item);
    if sample.len() > cap {
        let worst = (0..sample.len()).max_by(|&i, &j| rank(&sample[i]).cmp(&rank(&sample[j])));
        if let Some(worst) = worst {
            sample.remove(worst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{ActorSeen, NodeRef, PersonInfo, Stance};

    fn stance(source: NodeRef, target: &str, start: usize) -> Stance {
        Stance {
            source,
            target: NodeRef::Actor(target.into()),
            kind: "reject".into(),
            goldstein: -4.0,
            speculative: false,
            negated: false,
            confidence: 0.8,
            cue: "rejected".into(),
            evidence: Evidence {
                doc: "d".into(),
                text: format!("sentence {start}"),
                start,
                end: start + 10,
                date: None,
            },
        }
    }

    fn actor(label: &str) -> ActorSeen {
        ActorSeen { label: label.into(), kind: "state".into(), aliases: BTreeSet::new(), mentions: 1 }
    }

    /// A minister's rejection and their state's, said in one sentence, are one sentence
    /// between the two states; a second sentence by the minister alone counts too.
    #[test]
    fn a_sentence_counts_once_per_actor_pair() {
        let person = PersonInfo {
            id: "ana-lind".into(),
            name: "Ana Lind".into(),
            affiliation: Some("sweden".into()),
            role: Some("foreign minister".into()),
        };
        let ex = Extraction {
            doc: "d".into(),
            date: None,
            actors: [("sweden".to_string(), actor("Sweden")), ("norway".to_string(), actor("Norway"))].into(),
            persons: [("ana-lind".to_string(), PersonSeen { info: person, aliases: BTreeSet::new(), mentions: 1 })]
                .into(),
            stances: vec![
                stance(NodeRef::Person("ana-lind".into()), "norway", 0),
                stance(NodeRef::Actor("sweden".into()), "norway", 0),
                stance(NodeRef::Person("ana-lind".into()), "norway", 40),
            ],
            statements: vec![],
        };
        let mut g = StanceGraph::default();
        g.add(ex);
        let edges = g.edges();
        let by_person = edges.iter().find(|e| e.0 == "ana-lind").expect("person edge").2;
        let by_state = edges.iter().find(|e| e.0 == "sweden" && e.1 == "norway").expect("state edge").2;
        assert_eq!(
            (by_person.count(), by_person.tally.folded),
            (2, 1),
            "the shared sentence is folded on the person's edge"
        );
        assert_eq!((by_state.count(), by_state.tally.folded), (1, 0));
        let actor_level: usize = [by_person, by_state].iter().map(|e| e.count() - e.tally.folded).sum();
        assert_eq!(actor_level, 2, "two sentences between Sweden and Norway, not three");
    }
}
