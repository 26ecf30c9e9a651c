//! The extract stage: one document in, its actors, persons, attributed quotes and
//! stance edges out, each edge with the sentence that says it.
//!
//! Three passes over the segmented text, each in its own module:
//! `mentions` (who is named, including people found from their roles and later
//! surname-only or pronoun references), `quotes` (direct quotes and who said them)
//! and `stances` (cue words, with their source, target, negation and modality).

mod mentions;
mod quotes;
mod stances;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::ingest::Document;
use crate::lexicon::{CueLexicon, FormKind, FormTarget, Gazetteer};
use crate::model::NodeKind;
use crate::text::{self, Segmented};

pub use mentions::slug;

/// The gazetteer and cue lexicon together: everything extraction reads.
pub struct Lexicon {
    /// Who can be named.
    pub gazetteer: Gazetteer,
    /// What signals a stance.
    pub cues: CueLexicon,
}

impl Lexicon {
    /// Built-in data plus user files: `(path, contents)` pairs.
    pub fn load(actor_files: &[(String, String)], cue_files: &[(String, String)]) -> crate::Result<Self> {
        Ok(Self { gazetteer: Gazetteer::load(actor_files)?, cues: CueLexicon::load(cue_files)? })
    }
}

/// A graph node as extraction names it: a collective actor (or outlet) or a person.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum NodeRef {
    /// Gazetteer actor id.
    Actor(String),
    /// Person id.
    Person(String),
}

impl NodeRef {
    /// The node id.
    pub fn id(&self) -> &str {
        match self {
            NodeRef::Actor(id) | NodeRef::Person(id) => id,
        }
    }
}

/// A person named in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonInfo {
    /// Slug id.
    pub id: String,
    /// Name as printed (or the role, for an unnamed speaker).
    pub name: String,
    /// The collective actor they speak for; `None` for analysts and former officials.
    pub affiliation: Option<String>,
    /// The role the text gives them.
    pub role: Option<String>,
}

/// Where a claim stands in its document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Document id.
    pub doc: String,
    /// The sentence (or passage), exactly as in the document.
    pub text: String,
    /// Byte offset of `text` in the document.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The day the sentence speaks of, or the document's date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<Date>,
}

/// A stance or act of one actor toward another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    /// Who takes the position.
    pub source: NodeRef,
    /// Toward whom.
    pub target: NodeRef,
    /// CAMEO-like event type.
    pub kind: String,
    /// Goldstein score; its sign is the polarity.
    pub goldstein: f64,
    /// Hedged ("would", "could", "unlikely to").
    pub speculative: bool,
    /// Negation changed the cue ("will not allow" is a rejection).
    pub negated: bool,
    /// 0..1, lower for implicit targets, pronouns and hedges.
    pub confidence: f64,
    /// The cue as it stands in the text.
    pub cue: String,
    /// The sentence.
    pub evidence: Evidence,
}

/// A direct quote and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// The speaker.
    pub source: NodeRef,
    /// The actor the quote is about or addressed to.
    pub target: NodeRef,
    /// The quoted words.
    pub quote: String,
    /// The sentence(s) holding quote and attribution.
    pub evidence: Evidence,
}

/// Everything one document contributes to the graph.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Extraction {
    /// Document id.
    pub doc: String,
    /// Document date.
    pub date: Option<Date>,
    /// Collective actors (and outlets) named, with the surface forms seen and mention counts.
    pub actors: BTreeMap<String, ActorSeen>,
    /// Persons named.
    pub persons: BTreeMap<String, PersonSeen>,
    /// Stance edges.
    pub stances: Vec<Stance>,
    /// Attributed quotes.
    pub statements: Vec<Statement>,
}

/// How an actor was named in a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorSeen {
    /// Display name, from the gazetteer.
    pub label: String,
    /// Kind, from the gazetteer (`state`, `media`, ...).
    pub kind: String,
    /// Surface forms, as printed.
    pub aliases: BTreeSet<String>,
    /// Mentions in the article's text.
    pub mentions: usize,
}

/// A person and how often they were named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonSeen {
    /// Who.
    pub info: PersonInfo,
    /// Surface forms, as printed.
    pub aliases: BTreeSet<String>,
    /// Mentions.
    pub mentions: usize,
}

/// A name in the text resolved to a node.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub node: NodeRef,
    /// Follows "in", "at", "near"...: a place, not an actor acting.
    pub locative: bool,
    /// Qualifies a person's role ("British Prime Minister Keir Starmer").
    pub modifier: bool,
    /// A resolved "he" or "she".
    pub pronoun: bool,
}

impl Mention {
    /// Can act or be acted on as itself (not a place, not part of a role title).
    pub fn is_agentive(&self) -> bool {
        !self.locative && !self.modifier
    }
}

/// The mention that covers `[start, end)`, found by binary search: mentions are
/// sorted by start and overlap little, so only the last few starting before `start`
/// can cover it.
pub(crate) fn covering(mentions: &[Mention], start: usize, end: usize) -> Option<usize> {
    covering_among(mentions, mentions.partition_point(|m| m.start <= start), end)
}

/// The latest of the few mentions before index `i` (those starting at or before a
/// span) that reaches `end`.
fn covering_among(mentions: &[Mention], i: usize, end: usize) -> Option<usize> {
    (i.saturating_sub(COVERING_CANDIDATES)..i).rev().find(|&j| mentions[j].end >= end)
}

/// How many mentions starting before a span may cover it (mentions overlap little).
const COVERING_CANDIDATES: usize = 4;

/// [`covering`] for each of `tokens` (sorted by start), in one walk along the
/// mentions instead of a binary search per token.
pub(crate) fn covering_each(mentions: &[Mention], tokens: &[text::Token]) -> Vec<Option<usize>> {
    // The farthest end among the mentions `covering_among` looks at for each index: a
    // token that ends past it is covered by none, as most tokens are, and is turned
    // away with one comparison.
    let reach: Vec<usize> = (0..mentions.len())
        .map(|j| mentions[j.saturating_sub(COVERING_CANDIDATES - 1)..=j].iter().map(|m| m.end).max().unwrap_or(0))
        .collect();
    let mut i = tokens.first().map_or(0, |t| mentions.partition_point(|m| m.start <= t.start));
    tokens
        .iter()
        .map(|t| {
            while i < mentions.len() && mentions[i].start <= t.start {
                i += 1;
            }
            if i == 0 || reach[i - 1] < t.end {
                return None;
            }
            covering_among(mentions, i, t.end)
        })
        .collect()
}

/// Whether any mention overlaps `[start, end)`.
pub(crate) fn overlapping(mentions: &[Mention], start: usize, end: usize) -> bool {
    let i = mentions.partition_point(|m| m.start < end);
    (i.saturating_sub(4)..i).any(|j| mentions[j].end > start)
}

/// The mentions that start inside `[start, end)`.
pub(crate) fn starting_within(mentions: &[Mention], start: usize, end: usize) -> &[Mention] {
    let a = mentions.partition_point(|m| m.start < start);
    let b = mentions.partition_point(|m| m.start < end);
    &mentions[a..b.max(a)]
}

/// The per-document state the passes share.
#[derive(Clone)]
pub(crate) struct DocContext<'a> {
    pub doc: &'a Document,
    pub lex: &'a Lexicon,
    pub seg: Segmented,
    /// Tokens of the title and body paragraphs, made once and sliced by every pass.
    pub tokens: Vec<text::Token<'a>>,
    /// The range of `tokens` inside each sentence of `seg`, found in one walk: the
    /// passes that go sentence by sentence would otherwise search for them each time.
    sentence_ranges: Vec<std::ops::Range<usize>>,
    /// Sorted by start.
    pub mentions: Vec<Mention>,
    pub persons: BTreeMap<String, PersonInfo>,
}

impl DocContext<'_> {
    /// The node a gazetteer form names; a known person is registered on first sight.
    pub fn node_for(&mut self, target: FormTarget) -> NodeRef {
        let gazetteer = &self.lex.gazetteer;
        match target.kind {
            FormKind::Person => {
                let p = &gazetteer.persons[target.index];
                self.persons.entry(p.id.clone()).or_insert_with(|| PersonInfo {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    affiliation: p.affiliation.clone(),
                    role: p.role.clone(),
                });
                NodeRef::Person(p.id.clone())
            }
            _ => NodeRef::Actor(gazetteer.actors[target.index].id.clone()),
        }
    }

    /// The tokens of sentence `index` of `seg`: [`DocContext::tokens_in`] its span.
    pub fn sentence_tokens(&self, index: usize) -> &[text::Token<'_>] {
        &self.tokens[self.sentence_range(index)]
    }

    /// Where [`DocContext::sentence_tokens`] lie in `tokens`.
    pub fn sentence_range(&self, index: usize) -> std::ops::Range<usize> {
        self.sentence_ranges[index].clone()
    }

    /// The tokens lying wholly inside `[start, end)`.
    pub fn tokens_in(&self, start: usize, end: usize) -> &[text::Token<'_>] {
        let a = self.tokens.partition_point(|t| t.start < start);
        let b = self.tokens.partition_point(|t| t.end <= end);
        &self.tokens[a..b.max(a)]
    }

    /// The sentence holding byte `pos` (an empty one holds its start), by binary
    /// search: sentences are sorted and do not overlap.
    pub fn sentence_at(&self, pos: usize) -> Option<&text::Sentence> {
        let after = self.seg.sentences.partition_point(|s| s.start <= pos);
        after.checked_sub(1).map(|i| &self.seg.sentences[i]).filter(|s| pos < s.end.max(s.start + 1))
    }

    /// The collective actor a node stands for; `None` for outlets and independents.
    pub fn camp<'s>(&'s self, node: &'s NodeRef) -> Option<&'s str> {
        match node {
            NodeRef::Actor(id) => {
                let actor = self.lex.gazetteer.actor(id)?;
                (actor.kind != NodeKind::Media.as_str()).then_some(id.as_str())
            }
            NodeRef::Person(id) => self.persons.get(id).and_then(|p| p.affiliation.as_deref()),
        }
    }

    /// The last person named before `pos`: what "he" or "she" refers to.
    pub fn last_person_before(&self, pos: usize) -> Option<NodeRef> {
        let before = self.mentions.partition_point(|m| m.start < pos);
        self.mentions[..before]
            .iter()
            .rev()
            .filter(|m| m.end <= pos)
            .find(|m| matches!(m.node, NodeRef::Person(_)))
            .map(|m| m.node.clone())
    }

    /// The last collective actor named before `pos` outside `exclude`'s camp: "they", "it".
    /// Only the current and the previous sentence are searched: a pronoun reaches no further.
    pub fn last_actor_before(&self, pos: usize, exclude: Option<&str>) -> Option<NodeRef> {
        let here = self.seg.sentences.partition_point(|s| s.start <= pos);
        let from = self.seg.sentences.get(here.saturating_sub(2)).map_or(0, |s| s.start);
        let (first, before) =
            (self.mentions.partition_point(|m| m.start < from), self.mentions.partition_point(|m| m.start < pos));
        self.mentions[first..before.max(first)]
            .iter()
            .rev()
            .filter(|m| m.end <= pos && m.is_agentive() && matches!(m.node, NodeRef::Actor(_)))
            .find(|m| self.camp(&m.node).is_some_and(|c| Some(c) != exclude))
            .map(|m| m.node.clone())
    }

    /// The actor the document is most about, outside `exclude`'s camp: mentions
    /// counted, the headline's thrice.
    pub fn counterpart(&self, exclude: Option<&str>) -> Option<NodeRef> {
        let title_end =
            self.seg.paragraphs.iter().find(|p| p.kind == crate::text::ParagraphKind::Title).map_or(0, |p| p.end);
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for m in self.mentions.iter().filter(|m| m.is_agentive() && !m.pronoun) {
            if let Some(camp) = self.camp(&m.node).filter(|&c| Some(c) != exclude) {
                *counts.entry(camp).or_default() += if m.end <= title_end { 3 } else { 1 };
            }
        }
        counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map(|(id, _)| NodeRef::Actor(id.to_string()))
    }

    pub fn evidence(&self, start: usize, end: usize) -> Evidence {
        let text = &self.doc.text[start..end];
        Evidence {
            doc: self.doc.id.clone(),
            text: text.to_string(),
            start,
            end,
            date: text::sentence_date(text, self.doc.date).or(self.doc.date),
        }
    }
}

/// Runs the three passes over one document.
pub fn extract(doc: &Document, lex: &Lexicon) -> Extraction {
    let arena = bumpalo::Bump::new();
    let mut staged = Staged::segment(doc, lex, &arena);
    staged.find_mentions();
    staged.attribute_quotes();
    staged.finish()
}

/// [`extract`] one pass at a time, so each can be measured on its own (the criterion
/// benches) or stopped after.
#[derive(Clone)]
pub struct Staged<'a> {
    ctx: DocContext<'a>,
    quotes: Vec<quotes::Quote>,
}

impl<'a> Staged<'a> {
    /// Paragraphs, furniture, sentences and tokens; token norms that are not the
    /// text itself are lower-cased into `arena`.
    pub fn segment(doc: &'a Document, lex: &'a Lexicon, arena: &'a bumpalo::Bump) -> Self {
        let seg = text::segment(&doc.text);
        let mut tokens = Vec::with_capacity(doc.text.len() / 5);
        for p in
            seg.paragraphs.iter().filter(|p| matches!(p.kind, text::ParagraphKind::Title | text::ParagraphKind::Body))
        {
            text::tokenize_into(&doc.text, p.start, p.end, arena, &mut tokens);
        }
        let sentence_ranges = token_ranges(&seg.sentences, &tokens);
        let ctx = DocContext { doc, lex, seg, tokens, sentence_ranges, mentions: Vec::new(), persons: BTreeMap::new() };
        Self { ctx, quotes: Vec::new() }
    }

    /// Actor and person mentions (gazetteer, roles, pronouns); returns how many.
    pub fn find_mentions(&mut self) -> usize {
        mentions::find_mentions(&mut self.ctx);
        self.ctx.mentions.len()
    }

    /// Quotes and their speakers; returns how many.
    pub fn attribute_quotes(&mut self) -> usize {
        self.quotes = quotes::attribute_quotes(&mut self.ctx);
        self.quotes.len()
    }

    /// Stances, alone; returns how many.
    pub fn find_stances(&self) -> usize {
        stances::find_stances(&self.ctx, &self.quotes).len()
    }

    /// Stances and statements, summarised into the document's extraction.
    pub fn finish(self) -> Extraction {
        let statements = quotes::statements(&self.ctx, &self.quotes);
        let stances = stances::find_stances(&self.ctx, &self.quotes);
        summarise(&self.ctx, stances, statements)
    }
}

/// For each sentence (sorted, not overlapping), the range of `tokens` (sorted) lying
/// wholly inside it: what [`DocContext::tokens_in`] gives, in one walk for them all.
fn token_ranges(sentences: &[text::Sentence], tokens: &[text::Token]) -> Vec<std::ops::Range<usize>> {
    let mut first = 0;
    sentences
        .iter()
        .map(|s| {
            while first < tokens.len() && tokens[first].start < s.start {
                first += 1;
            }
            let inside = tokens[first..].iter().take_while(|t| t.end <= s.end).count();
            first..first + inside
        })
        .collect()
}

fn summarise(ctx: &DocContext, stances: Vec<Stance>, statements: Vec<Statement>) -> Extraction {
    let mut actors: BTreeMap<String, ActorSeen> = BTreeMap::new();
    let mut persons: BTreeMap<String, PersonSeen> = BTreeMap::new();
    for m in ctx.mentions.iter().filter(|m| !m.locative && !m.pronoun) {
        let surface = ctx.doc.text[m.start..m.end].to_string();
        match &m.node {
            NodeRef::Actor(id) => {
                let seen = actors.entry(id.clone()).or_default();
                seen.aliases.insert(surface);
                seen.mentions += 1;
            }
            NodeRef::Person(id) => {
                if let Some(info) = ctx.persons.get(id) {
                    let seen = persons.entry(id.clone()).or_insert_with(|| PersonSeen {
                        info: info.clone(),
                        aliases: BTreeSet::new(),
                        mentions: 0,
                    });
                    seen.aliases.insert(surface);
                    seen.mentions += 1;
                }
            }
        }
    }
    // Edge ends that were only named as places, or speakers found outside the body, still need nodes.
    let ends = stances
        .iter()
        .flat_map(|s| [&s.source, &s.target])
        .chain(statements.iter().flat_map(|s| [&s.source, &s.target]));
    for node in ends {
        match node {
            NodeRef::Actor(id) => {
                actors.entry(id.clone()).or_default();
            }
            NodeRef::Person(id) => {
                if let Some(info) = ctx.persons.get(id) {
                    persons.entry(id.clone()).or_insert_with(|| PersonSeen {
                        info: info.clone(),
                        aliases: BTreeSet::new(),
                        mentions: 0,
                    });
                }
            }
        }
    }
    for seen in persons.values() {
        if let Some(aff) = &seen.info.affiliation {
            actors.entry(aff.clone()).or_default();
        }
    }
    for (id, seen) in actors.iter_mut() {
        if let Some(entry) = ctx.lex.gazetteer.actor(id) {
            seen.label = entry.label.clone();
            seen.kind = entry.kind.clone();
        } else if id == quotes::NO_COUNTERPART {
            seen.label = "no named counterpart".into();
            seen.kind = NodeKind::Topic.as_str().into();
        } else {
            seen.label = id.clone();
            seen.kind = NodeKind::Organization.as_str().into();
        }
    }
    Extraction { doc: ctx.doc.id.clone(), date: ctx.doc.date, actors, persons, stances, statements }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sentence_gets_the_tokens_inside_it() {
        let lex = Lexicon::load(&[], &[]).expect("built-in lexicons load");
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
        let mut sentences = 0;
        for entry in std::fs::read_dir(corpus).expect("the sample corpus is there") {
            let path = entry.expect("a listing").path();
            let bytes = std::fs::read(&path).expect("a readable article");
            let name = path.to_string_lossy();
            for doc in crate::ingest::read_bytes_as(&name, &bytes).0 {
                let arena = bumpalo::Bump::new();
                let staged = Staged::segment(&doc, &lex, &arena);
                let ctx = &staged.ctx;
                for (i, s) in ctx.seg.sentences.iter().enumerate() {
                    assert_eq!(ctx.sentence_tokens(i), ctx.tokens_in(s.start, s.end), "{name}: {s:?}");
                    sentences += 1;
                }
            }
        }
        assert!(sentences > 50);
    }

    #[test]
    fn covering_each_token_agrees_with_covering_one_at_a_time() {
        let lex = Lexicon::load(&[], &[]).expect("built-in lexicons load");
        let text = "Vice President Jo Vale of the United States met the Taliban's Tom Roe in Kabul. \
                    The Islamic Emirate of Afghanistan and the U.S. Department of State spoke; \
                    Beijing, Moscow and New Delhi said nothing about the Bagram Air Base.";
        let doc = crate::ingest::Document { id: "d".into(), title: None, date: None, url: None, text: text.into() };
        let arena = bumpalo::Bump::new();
        let mut staged = Staged::segment(&doc, &lex, &arena);
        staged.find_mentions();
        let ctx = &staged.ctx;
        assert!(ctx.mentions.len() >= 6, "{:?}", ctx.mentions);
        let each = covering_each(&ctx.mentions, &ctx.tokens);
        for (t, found) in ctx.tokens.iter().zip(each) {
            assert_eq!(found, covering(&ctx.mentions, t.start, t.end), "{:?}", t.norm);
        }
    }
}
