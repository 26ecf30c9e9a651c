//! Stance edges from cue words: for each cue in a sentence, who acts (the subject, or
//! the agent after "by"/"from"), toward whom (the object, or the subject of a
//! passive), whether it is negated ("will not allow") or hedged ("would", "unlikely
//! to"), and, for stances toward an issue ("rejected the proposal"), the document's
//! counterpart as the implicit target.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::quotes::{is_preposition, Quote};
use super::{DocContext, Evidence, NodeRef, Stance};
use crate::lexicon::{CuePattern, FormKind, Negation};
use crate::text::{Sentence, Token, WordFilter, WordSet};

static NEGATORS: WordSet = WordSet::named("negators");
static LITOTE_HEADS: WordSet = WordSet::named("litote_heads");
static ARTICLES: WordSet = WordSet::named("articles");
static VOICING_CAUSATIVES: WordSet = WordSet::named("voicing_causatives");
static INFINITIVE_MARKERS: WordSet = WordSet::named("infinitive_markers");
static PARTY_PREPOSITIONS: WordSet = WordSet::named("party_prepositions");
static PARTNER_PREPOSITIONS: WordSet = WordSet::named("partner_prepositions");
static AUSPICES_PREPOSITIONS: WordSet = WordSet::named("auspices_prepositions");
static CAPITALISED_NOT_MODAL: WordSet = WordSet::named("capitalised_not_modal");
static PASSIVE_AGENT_MARKERS: WordSet = WordSet::named("passive_agent_markers");
static RELATIVE_PRONOUNS: WordSet = WordSet::named("relative_pronouns");
static PLURAL_ACTOR_PRONOUNS: WordSet = WordSet::named("plural_actor_pronouns");
static SINGULAR_ACTOR_PRONOUNS: WordSet = WordSet::named("singular_actor_pronouns");
static ACTOR_POSSESSIVES: WordSet = WordSet::named("actor_possessives");
static SPEAKER_PRONOUNS: WordSet = WordSet::named("speaker_pronouns");
static DELEGATE_PREPOSITIONS: WordSet = WordSet::named("delegate_prepositions");
static DEFINITE_ARTICLES: WordSet = WordSet::named("definite_articles");
static NUMERAL_PAIR_DETERMINERS: WordSet = WordSet::named("numeral_pair_determiners");
static COMPLEMENTIZERS: WordSet = WordSet::named("complementizers");
static CLAUSE_CONJUNCTIONS: WordSet = WordSet::named("clause_conjunctions");
static FIRST_PERSON_SINGULAR: WordSet = WordSet::named("first_person_singular");
static LEADER_COMPOUND_HEADS: WordSet = WordSet::named("leader_compound_heads");
static COLLECTIVE_HEADS: WordSet = WordSet::named("collective_heads");
static MUTUAL_VERBS: WordSet = WordSet::named("mutual_verbs");
static NON_STATE_GROUP_NOUNS: WordSet = WordSet::named("non_state_group_nouns");
static OFFICE_PREPOSITIONS: WordSet = WordSet::named("office_prepositions");
static DENIAL_VERBS: WordSet = WordSet::named("denial_verbs");
static PLURAL_OBJECT_PRONOUNS: WordSet = WordSet::named("plural_object_pronouns");
static ROLE_PREPOSITIONS: WordSet = WordSet::named("role_prepositions");
static GROUP_OTHERS: WordSet = WordSet::named("group_others");
static OFFICIAL_ROLES: WordSet = WordSet::named("official_roles");

/// Word endings, from the language data: a gerund or present participle ("-ing"), a
/// past form ("-ed"), a manner adverb ("-ly").
static GERUND_SUFFIXES: LazyLock<&'static [String]> = LazyLock::new(|| crate::language::get().list("gerund_suffixes"));
static PAST_SUFFIXES: LazyLock<&'static [String]> = LazyLock::new(|| crate::language::get().list("past_suffixes"));
static VERB_S_SUFFIXES: LazyLock<&'static [String]> = LazyLock::new(|| crate::language::get().list("verb_s_suffixes"));
static ADVERB_SUFFIXES: LazyLock<&'static [String]> = LazyLock::new(|| crate::language::get().list("adverb_suffixes"));

fn ends_with_any(word: &str, suffixes: &[String]) -> bool {
    suffixes.iter().any(|s| word.ends_with(s.as_str()))
}

/// "-ing": a gerund or a present participle.
fn is_gerund(word: &str) -> bool {
    ends_with_any(word, &GERUND_SUFFIXES)
}

/// "-ed": a past form.
fn is_past_form(word: &str) -> bool {
    ends_with_any(word, &PAST_SUFFIXES)
}

/// "-ly": a manner adverb.
fn is_adverb(word: &str) -> bool {
    ends_with_any(word, &ADVERB_SUFFIXES)
}
static MODALS: WordSet = WordSet::named("modals");
static REPORTING: WordSet = WordSet::named("reporting");
static BE_FORMS: WordSet = WordSet::named("be_forms");
static LIST_GLUE: WordSet = WordSet::named("list_glue");
static COMITATIVE_HEADS: WordSet = WordSet::named("comitative_heads");
static COMITATIVE_PREPOSITIONS: WordSet = WordSet::named("comitative_prepositions");
/// How much a document must tie two actors before one is the other's implicit target.
const MIN_COUNTERPART_SCORE: usize = 2;
/// How much more the implicit target must be tied than the runner-up: half as much again.
const COUNTERPART_MARGIN: (usize, usize) = (3, 2);
static PARTICIPLES: WordSet = WordSet::named("participles");
static PASSIVE_FILLERS: WordSet = WordSet::named("passive_fillers");
static NOMINAL_DETERMINERS: WordSet = WordSet::named("nominal_determiners");
static POSSESSIVES: WordSet = WordSet::named("possessives");
static CONTRAST_WORDS: WordSet = WordSet::named("contrast_words");
static SUBJECT_OPENERS: WordSet = WordSet::named("subject_openers");
static AGENT_PREPOSITIONS: WordSet = WordSet::named("agent_prepositions");
/// The preposition that names a noun act's doer after its object ("the attack on A by B").
static NOUN_AGENT_PREPOSITIONS: WordSet = WordSet::named("noun_agent_prepositions");
/// Prepositions that open a sentence with a phrase about its subject ("In its war with A, B ...").
static FRONTING_PREPOSITIONS: WordSet = WordSet::named("fronting_prepositions");
static COMPARISON_WORDS: WordSet = WordSet::named("comparison_words");
static SUBJECT_PRONOUNS: WordSet = WordSet::named("subject_pronouns");
static DELEGATE_NOUNS: WordSet = WordSet::named("delegate_nouns");
static PAIR_HEADS: WordSet = WordSet::named("pair_heads");
static PAIR_DETERMINERS: WordSet = WordSet::named("pair_determiners");
static DISPUTE_HEADS: WordSet = WordSet::named("dispute_heads");
static DISPUTE_MODIFIERS: WordSet = WordSet::named("dispute_modifiers");
static EXPERIENCER_PREPOSITIONS: WordSet = WordSet::named("experiencer_prepositions");
static CAUSATIVES: WordSet = WordSet::named("causatives");
static MEDIATION_NOUNS: WordSet = WordSet::named("mediation_nouns");
static DIRECTION_WORDS: WordSet = WordSet::named("direction_words");
static AUXILIARIES: WordSet = WordSet::named("auxiliaries");
static PARTICLES: WordSet = WordSet::named("particles");
static TOPIC_PREPOSITIONS: WordSet = WordSet::named("topic_prepositions");
static CALL_PREPOSITIONS: WordSet = WordSet::named("call_prepositions");
static COORDINATORS: WordSet = WordSet::named("coordinators");
static PARENTHETICAL_OPENERS: WordSet = WordSet::named("parenthetical_openers");
static STATE_PARTICIPLES: WordSet = WordSet::named("state_participles");
static COMPLEMENT_PREPOSITIONS: WordSet = WordSet::named("complement_prepositions");

/// A sentence seen as tokens, with the mentions and quotes that cover each token.
struct View<'a> {
    sentence: &'a Sentence,
    tokens: &'a [Token<'a>],
    /// Index into `ctx.mentions` for tokens inside a mention.
    mention: &'a [Option<usize>],
    /// Index into the quotes for tokens inside a quote's words; empty until [`View::place_quotes`].
    quote: Vec<Option<usize>>,
    /// The sentence as evidence, made once for all the stances its cues yield: its
    /// date is parsed from the text.
    evidence: OnceCell<Evidence>,
}

impl<'a> View<'a> {
    /// The sentence's tokens and the mentions covering them; the quotes are looked up
    /// only once a cue is found ([`View::place_quotes`]): most sentences have none.
    /// `covering` is [`super::covering_each`] of the document's tokens.
    fn new(ctx: &'a DocContext, index: usize, covering: &'a [Option<usize>]) -> Self {
        let sentence = &ctx.seg.sentences[index];
        let range = ctx.sentence_range(index);
        Self {
            sentence,
            tokens: &ctx.tokens[range.clone()],
            mention: &covering[range],
            quote: Vec::new(),
            evidence: OnceCell::new(),
        }
    }

    fn place_quotes(&mut self, quotes: &[Quote]) {
        // Only the few quotes that reach into the sentence can hold its tokens; quotes
        // come in text order without overlapping, so those are found by binary search.
        let first = quotes.partition_point(|q| q.inner_end <= self.sentence.start);
        let count = quotes[first..].iter().take_while(|q| q.inner_start < self.sentence.end).count();
        let near = &quotes[first..first + count];
        self.quote = self
            .tokens
            .iter()
            .map(|t| near.iter().position(|q| q.inner_start <= t.start && t.end <= q.inner_end).map(|k| first + k))
            .collect();
    }

    fn evidence(&self, ctx: &DocContext) -> Evidence {
        self.evidence.get_or_init(|| ctx.evidence(self.sentence.start, self.sentence.end)).clone()
    }

    fn first_token_of(&self, mi: usize) -> Option<usize> {
        self.mention.iter().position(|m| *m == Some(mi))
    }

    fn last_token_of(&self, mi: usize) -> Option<usize> {
        self.mention.iter().rposition(|m| *m == Some(mi))
    }
}

struct CueMatch {
    cue: usize,
    first: usize,
    last: usize,
}

/// A stance whose target the sentence does not name: settled once the whole
/// document has been read.
struct Pending {
    stance: Stance,
    source_camp: String,
}

pub(crate) fn find_stances(ctx: &DocContext, quotes: &[Quote]) -> Vec<Stance> {
    // A stance's target is always a mention with a camp (or the pronoun or co-occurring
    // actor standing for one; only a source may also be a quote's speaker): a document
    // without such a mention has no stance to find.
    if !ctx.mentions.iter().any(|m| ctx.camp(&m.node).is_some()) {
        return Vec::new();
    }
    let mut explicit = Vec::new();
    let mut pending = Vec::new();
    // The mention over each token, found in one walk for the document: a vector per
    // sentence was an allocation for each.
    let mut covering = super::covering_each(&ctx.mentions, &ctx.tokens);
    for (index, sentence) in ctx.seg.sentences.iter().enumerate() {
        if ctx.seg.paragraphs[sentence.paragraph].kind == crate::text::ParagraphKind::Furniture {
            continue;
        }
        let mut cues = {
            let view = View::new(ctx, index, &covering);
            drop_embedded_acts(ctx, &view, find_cues(ctx, &view))
        };
        if cues.is_empty() {
            continue;
        }
        // Only a sentence with a cue needs its compounds read: most have none.
        cover_leader_compounds(ctx, ctx.sentence_range(index), &mut covering);
        uncover_non_state_groups(ctx, ctx.sentence_range(index), &mut covering);
        let mut view = View::new(ctx, index, &covering);
        // A bare joint noun ("talks") names its parties only by a hyphenated pair
        // before it; without one it is no act to analyse.
        cues.retain(|c| !is_bare_joint_noun(ctx, c) || hyphen_pair(ctx, &view, c.first).is_some());
        if cues.is_empty() {
            continue;
        }
        view.place_quotes(quotes);
        for (i, cm) in cues.iter().enumerate() {
            // The next verb cue starts another act; a cue noun may sit inside this one's
            // object ("rejected a demand by Britain").
            let next_cue = cues[i + 1..].iter().find(|c| ctx.lex.cues.cues[c.cue].is_verb).map(|c| c.first);
            analyse(ctx, &view, quotes, cm, next_cue, &mut explicit, &mut pending);
        }
    }
    resolve_pending(ctx, &mut explicit, pending);
    explicit
}

/// "the Saudi-led coalition", "the US-led force": a name joined to one of these heads
/// leads what the compound describes, so the compound's token stands for it, as a
/// subject ("the Saudi-led coalition struck") or an object ("called on the US-led
/// coalition"). The tokenizer keeps the compound one token, which no mention covers.
fn cover_leader_compounds(ctx: &DocContext, range: std::ops::Range<usize>, covering: &mut [Option<usize>]) {
    for (i, t) in ctx.tokens.iter().enumerate().take(range.end).skip(range.start) {
        // A hyphen inside a word marks its token: most tokens are rejected on that
        // flag before their text is searched.
        if covering[i].is_some() || !t.marked || !t.norm.as_bytes().contains(&b'-') {
            continue;
        }
        let Some((_, head)) = t.norm.rsplit_once('-') else { continue };
        if !LEADER_COMPOUND_HEADS.contains(head) {
            continue;
        }
        let at = ctx.mentions.partition_point(|m| m.start < t.start);
        if ctx.mentions.get(at).is_some_and(|m| m.start == t.start && m.end < t.end && m.is_agentive()) {
            covering[i] = Some(at);
        }
    }
}

/// The most words between a demonym and the group noun it qualifies ("Syrian Kurdish rebels").
const MAX_GROUP_MODIFIERS: usize = 1;

/// "Syrian rebels", "Kurdish militants": a state's demonym before a noun for people
/// who fight or oppose a government names where they come from, not the state acting
/// or acted on. The demonym's tokens stop standing for the state in this sentence.
fn uncover_non_state_groups(ctx: &DocContext, range: std::ops::Range<usize>, covering: &mut [Option<usize>]) {
    for i in range.clone() {
        let Some(mi) = covering[i] else { continue };
        if covering.get(i + 1).is_some_and(|&n| n == Some(mi)) {
            continue; // not the mention's last token
        }
        let group = (i + 1..(i + 2 + MAX_GROUP_MODIFIERS).min(range.end))
            .take_while(|&j| covering[j].is_none() && !ctx.tokens[j].is_punct())
            .any(|j| NON_STATE_GROUP_NOUNS.contains(ctx.tokens[j].norm));
        if !group || !is_demonym(ctx, mi) {
            continue;
        }
        for c in covering[range.start..=i].iter_mut().filter(|c| **c == Some(mi)) {
            *c = None;
        }
    }
}

/// Whether a mention's words are one of its actor's demonyms ("Syrian"), not a name.
fn is_demonym(ctx: &DocContext, mi: usize) -> bool {
    let m = &ctx.mentions[mi];
    let surface = ctx.doc.text.get(m.start..m.end).unwrap_or("");
    ctx.lex
        .gazetteer
        .find(surface)
        .into_iter()
        .any(|f| f.start == 0 && f.end == surface.len() && f.target.kind == FormKind::Demonym)
}

/// "President Jo Vale of Ruritania", "Foreign Minister Lee of Freedonia": a person
/// followed by "of" and an actor holds an office of that actor, whatever the
/// gazetteer's affiliation says; the actor stands for the person when the person's
/// own camp is another or none.
fn office_actor(ctx: &DocContext, view: &View, mi: usize) -> Option<NodeRef> {
    if !matches!(ctx.mentions[mi].node, NodeRef::Person(_)) {
        return None;
    }
    let of = view.last_token_of(mi)? + 1;
    if !OFFICE_PREPOSITIONS.contains(view.tokens.get(of)?.norm) {
        return None;
    }
    let at = (of + 1..(of + 3).min(view.tokens.len())).find(|&i| !ARTICLES.contains(view.tokens[i].norm))?;
    let office = &ctx.mentions[view.mention[at]?];
    let camp = ctx.camp(&office.node)?;
    (matches!(office.node, NodeRef::Actor(_)) && ctx.camp(&ctx.mentions[mi].node) != Some(camp))
        .then(|| office.node.clone())
}

fn find_cues(ctx: &DocContext, view: &View) -> Vec<CueMatch> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < view.tokens.len() {
        if view.mention[i].is_none() {
            if let Some(cm) = cue_at(ctx, view, i) {
                i = cm.last + 1;
                out.push(cm);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The first of the patterns starting with the word at `start` that matches there.
/// A first word may head dozens of patterns ("talks", "launched"): what they all test
/// first, the next word and the words a gap reaches, is looked up once for all of them,
/// and whether the word is used as a noun once for all its verb patterns.
fn cue_at(ctx: &DocContext, view: &View, start: usize) -> Option<CueMatch> {
    let patterns = ctx.lex.cues.starting_with(view.tokens[start].norm);
    if patterns.is_empty() {
        return None;
    }
    let next = view.tokens.get(start + 1).map(|t| t.norm);
    let mut gap: Option<&[Token]> = None;
    let mut nominal: Option<bool> = None;
    patterns.iter().find_map(|p| {
        let fits = match p.tokens.get(1) {
            Some(second) if second != "*" => next.is_some_and(|n| same_word(n, second)),
            Some(_) => match p.tokens.get(2) {
                Some(after) if after != "*" => {
                    gap.get_or_insert_with(|| gap_words(view, start + 1)).iter().any(|t| same_word(t.norm, after))
                }
                _ => true,
            },
            None => true,
        };
        if !fits {
            return None;
        }
        let last = match_pattern(view, start, p)?;
        let verb = ctx.lex.cues.cues[p.cue].is_verb;
        let nominal = verb && *nominal.get_or_insert_with(|| is_nominal_use(view, start));
        (!nominal).then_some(CueMatch { cue: p.cue, first: start, last })
    })
}

/// String equality that rejects on the length and the first byte before comparing the
/// rest: nearly every word a pattern is tried on differs from it there.
fn same_word(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// Acts inside acts: "threatened to strike" is a threat, "accused Iran of supplying
/// drones" an accusation; the inner verb names what the outer act is about, not a
/// second act. A verb cue right after "to" that follows another cue, or a gerund cue
/// right after "of"/"for" a few words after another cue, is dropped.
fn drop_embedded_acts(ctx: &DocContext, view: &View, cues: Vec<CueMatch>) -> Vec<CueMatch> {
    let mut out: Vec<CueMatch> = Vec::with_capacity(cues.len());
    for cm in cues {
        let inner = out.last().is_some_and(|prev| {
            let before = cm.first.checked_sub(1).map(|i| view.tokens[i].norm);
            let verb = ctx.lex.cues.cues[cm.cue].is_verb;
            // "urged to talk", and "called for the council to meet", where the
            // cue itself ends on "to". After a cue that holds its own object
            // ("strengthen cooperation to deter X") the infinitive is a purpose, an
            // act of its own.
            let complement = prev.last + 1 == cm.first || (prev.last + 2 == cm.first && prev.first == prev.last);
            let infinitive = before.is_some_and(|w| INFINITIVE_MARKERS.contains(w)) && complement;
            let gerund = before.is_some_and(|w| COMPLEMENT_PREPOSITIONS.contains(w))
                && is_gerund(view.tokens[cm.first].norm)
                && prev.last + 6 >= cm.first;
            verb && (infinitive || gerund)
        });
        if !inner {
            out.push(cm);
        }
    }
    out
}

/// The most words a `*` in a cue pattern stands for ("pledged a further 2 billion in aid").
const MAX_GAP: usize = 6;

/// The words a `*` gap starting at `from` can reach: up to `MAX_GAP + 1` of them, the
/// clause not ending before the last; what [`match_pattern`]'s gap looks for, without
/// its recursion. A family expands into many patterns per first word, and nearly all
/// of them fail on their second word or, after a gap ("cut * supplies"), on the word
/// the gap must reach: [`cue_at`] tests those first.
fn gap_words<'v>(view: &View<'v>, from: usize) -> &'v [Token<'v>] {
    let tokens = view.tokens;
    let limit = tokens.len().min(from + MAX_GAP + 1);
    let Some(reach) = tokens.get(from..limit) else { return &[] };
    let end = reach.iter().position(Token::ends_clause).map_or(reach.len(), |c| c + 1);
    &reach[..end]
}

/// The last token of a match of `pattern` at `start`; `*` skips up to `MAX_GAP` words.
fn match_pattern(view: &View, start: usize, pattern: &CuePattern) -> Option<usize> {
    fn go(view: &View, pos: usize, pats: &[String]) -> Option<usize> {
        let (first, rest) = pats.split_first()?;
        if first == "*" {
            for skip in 0..=MAX_GAP {
                let at = pos + skip;
                // The gap may not cross a clause end: each step looks at the one word
                // it adds to the gap.
                if skip > 0 && view.tokens.get(at - 1).is_some_and(Token::ends_clause) {
                    return None;
                }
                if let Some(end) = go(view, at, rest) {
                    return Some(end);
                }
            }
            return None;
        }
        let t = view.tokens.get(pos)?;
        if t.norm != *first || view.mention[pos].is_some() {
            return None;
        }
        if rest.is_empty() {
            Some(pos)
        } else {
            go(view, pos + 1, rest)
        }
    }
    go(view, start, &pattern.tokens)
}

fn region_bounds(view: &View, first: usize, last: usize) -> (usize, usize) {
    let q = view.quote[first];
    let mut left = first;
    while left > 0
        && view.quote[left - 1] == q
        && !view.tokens[left - 1].ends_clause()
        && view.tokens[left - 1].norm != ":"
    {
        left -= 1;
    }
    let mut right = last;
    while right + 1 < view.tokens.len() && !view.tokens[right + 1].ends_clause() {
        if view.quote[right + 1] == q {
            right += 1;
        } else if let Some(end) = q.is_none().then(|| embedded_quote_end(view, right + 1)).flatten() {
            right = end;
        } else {
            break;
        }
    }
    (left, right)
}

/// The most words of a quotation a narrated clause reads through.
const MAX_EMBEDDED_QUOTE: usize = 8;

/// 'expressed concern over the "growing cooperation" between A and B': a short
/// quotation inside a narrated clause, which goes on after it, is part of that clause.
/// Returns its last token.
fn embedded_quote_end(view: &View, start: usize) -> Option<usize> {
    let q = view.quote[start]?;
    let len = view.quote[start..].iter().take_while(|&&x| x == Some(q)).count();
    let is_mark =
        |t: &Token| t.norm.chars().all(|c| matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\'' | '\u{2018}' | '\u{2019}'));
    let close = (start + len..view.tokens.len()).find(|&i| !is_mark(&view.tokens[i]))?;
    let goes_on = view.quote[close].is_none() && !view.tokens[close].is_punct();
    (len <= MAX_EMBEDDED_QUOTE && goes_on).then_some(close - 1)
}

#[allow(clippy::too_many_arguments)]
fn analyse(
    ctx: &DocContext,
    view: &View,
    quotes: &[Quote],
    cm: &CueMatch,
    next_cue: Option<usize>,
    explicit: &mut Vec<Stance>,
    pending: &mut Vec<Pending>,
) {
    let cue = &ctx.lex.cues.cues[cm.cue];
    let (left, right) = region_bounds(view, cm.first, cm.last);
    let speaker = view.quote[cm.first].and_then(|q| quotes[q].speaker.clone());
    let window = |n: usize| &view.tokens[left.max(cm.first.saturating_sub(n))..cm.first];

    // "not only", "makes no secret of", "no doubt": a negator before these words
    // asserts more, it does not deny.
    let negated = (window(6).iter().any(|t| NEGATORS.contains(t.norm))
        && !window(6).windows(2).any(|w| NEGATORS.contains(w[0].norm) && LITOTE_HEADS.contains(w[1].norm)))
        || denied(view, cm.first, left);
    let (kind, goldstein) = match (negated, &cue.negated) {
        (false, _) => (cue.kind.clone(), cue.goldstein),
        (true, Negation::Drop) => return,
        (true, Negation::Becomes(kind, score)) => (kind.clone(), *score),
    };
    // "will never recognise the occupation": a refusal is a stance on an issue, whose
    // target may go unnamed like any rejection's.
    let implicit_target = cue.implicit_target || negated;
    if cue.reciprocal && !cue.is_noun && !negated {
        if let Some(sides) = opposed_sides(ctx, view, cm.last, right) {
            push_sides(ctx, view, cue, cm, &sides, is_hedged(window(8)), explicit);
            return;
        }
    }
    // "India-Pakistan talks", "Israeli-Palestinian clashes": a bare joint noun names
    // no parties by itself; only a hyphenated pair before it does.
    if is_bare_joint_noun(ctx, cm) {
        let pair = hyphen_pair(ctx, view, cm.first).filter(|_| !negated);
        if let Some((first, rest)) = pair.as_deref().and_then(<[NodeRef]>::split_first) {
            let sides = (vec![first.clone()], rest.to_vec());
            push_sides(ctx, view, cue, cm, &sides, is_hedged(window(8)), explicit);
        }
        return;
    }

    // "is concerned about", "is committed to the defence of": a participle that names
    // the subject's own state is no passive waiting for an agent.
    let passive = !cue.is_noun && is_passive(view, cm.first) && !STATE_PARTICIPLES.contains(view.tokens[cm.first].norm);
    // "the attack on Mali by JNIM": a noun act's doer after its object; the object
    // is then the target, not the subject before the noun.
    let noun_act = if cue.is_noun { noun_agent(ctx, view, cm.last, right) } else { None };
    let agent = match &noun_act {
        Some((agents, _)) => Some(agents.clone()),
        None if passive || cue.agent_after => agent_after(ctx, view, cm.last, right),
        None => None,
    };
    // "sanctions would be met with a response": a passive names its patient, not who
    // acts; without an agent there is no source.
    if passive && agent.is_none() {
        return;
    }
    let (sources, pronoun, targets) = match agent {
        Some(agents) => {
            let object = noun_act.and_then(|(_, object)| object);
            let subject = || subject_before(ctx, view, cm.first, left, None).map(|s| s.0);
            let targets = if object.is_some() || !(passive || cue.agent_after) { object } else { subject() };
            (agents, false, targets)
        }
        None => {
            // Where the object can stand takes a walk to the clause's end: only a cue
            // that finds its doer, or a caused emotion its experiencer, takes it.
            let object_limit = || object_end(view, cm, right, next_cue);
            let found = caused_emotion(ctx, view, cm, left, object_limit);
            if let Some((experiencers, causers)) = found {
                (experiencers, false, causers)
            } else {
                let Some((subjects, pronoun)) = cue_subject(ctx, view, cm, left, speaker.as_ref()) else {
                    return;
                };
                let camps: Vec<Option<&str>> = subjects.iter().map(|s| ctx.camp(s)).collect();
                // A joint act's partner is a party, never a place it happens in
                // ("held talks in Kabul", "drills near Taiwan").
                let places = !implicit_target && !cue.reciprocal;
                let mut object = object_after(ctx, view, cm, object_limit(), &camps, places, explicit);
                // "In their dispute with India, Pakistan and China ...": a noun's owners
                // named after it are not its object.
                if cue.is_noun {
                    object = object.map(|mut o| {
                        o.retain(|t| !subjects.contains(t));
                        o
                    });
                    object = object.filter(|o| !o.is_empty());
                }
                (subjects, pronoun, object)
            }
        }
    };
    let sources: Vec<NodeRef> = sources.into_iter().filter(|s| ctx.camp(s).is_some()).collect();
    if sources.is_empty() {
        return;
    }
    // Most cues have no source; the hedge is looked for only once one is found.
    let speculative = is_hedged(window(8));
    let cue_text = ctx.doc.text[view.tokens[cm.first].start..view.tokens[cm.last].end].to_string();
    let evidence = view.evidence(ctx);
    let mut confidence = if pronoun { 0.75 } else { 0.9 };
    if speculative {
        confidence *= 0.5;
    }
    let make = |source: &NodeRef, target: &NodeRef, confidence: f64| Stance {
        source: source.clone(),
        target: target.clone(),
        kind: kind.clone(),
        goldstein,
        speculative,
        negated,
        confidence: (confidence * 100.0).round() / 100.0,
        cue: cue_text.clone(),
        evidence: evidence.clone(),
    };
    let push = |out: &mut Vec<Stance>, s: &NodeRef, t: &NodeRef, c: f64| {
        if ctx.camp(s).is_some() && ctx.camp(t).is_some() && ctx.camp(s) != ctx.camp(t) {
            out.push(make(s, t, c));
        }
    };
    // "A and B met", "talks between A and B": a joint act goes each way between its
    // doers; an actor named later in the clause ("under C's mediation") is no party
    // to it unless the cue takes it as its partner ("A and B held talks with C").
    // "A and B have not met": a joint act that did not happen is no act of either.
    // "A and B agreed to ...": an agreement between its subjects is mutual, whatever
    // the cue's own reading for one subject ("Iran agreed to the terms" yields).
    let mutual = cue.reciprocal || MUTUAL_VERBS.contains(view.tokens[cm.first].norm);
    let joint = mutual && distinct_camps(ctx, &sources) >= 2;
    if joint && negated {
        return;
    }
    // "A and B held talks with C", "A and B joined drills with C": with a partner
    // named after the cue, the doers act together toward it, not on each other.
    let partner = joint && targets.as_ref().is_some_and(|t| partner_follows(view, cm.last, t, ctx));
    if joint && !partner {
        for s in &sources {
            for t in &sources {
                push(explicit, s, t, confidence);
            }
        }
        if let Some(mediator) = mediator_after(ctx, view, cm.last, right) {
            for t in &sources {
                push(explicit, &mediator, t, confidence);
            }
        }
    }
    match targets {
        Some(targets) if !joint || partner => {
            for s in &sources {
                for t in &targets {
                    push(explicit, s, t, confidence);
                    if cue.reciprocal {
                        push(explicit, t, s, confidence);
                    }
                }
            }
        }
        Some(_) => {}
        None if joint => {}
        // "A and B have no formal ties": a refusal held jointly is about the pair
        // itself or an issue; no third actor is its clear target.
        None if negated && distinct_camps(ctx, &sources) >= 2 => {}
        None if implicit_target => {
            let camps: Vec<Option<&str>> = sources.iter().map(|s| ctx.camp(s)).collect();
            if let Some(other) = subject_before_source(ctx, view, cm.first, &camps) {
                for s in &sources {
                    push(explicit, s, &other, confidence * 0.8);
                    if cue.reciprocal {
                        push(explicit, &other, s, confidence * 0.8);
                    }
                }
            } else {
                for s in &sources {
                    if let Some(camp) = ctx.camp(s) {
                        let placeholder = NodeRef::Actor(camp.to_string());
                        let source_camp = camp.to_string();
                        pending.push(Pending { stance: make(s, &placeholder, confidence * 0.7), source_camp });
                    }
                }
            }
        }
        None => {}
    }
}

/// The most words between a denial and the act it denies ("denied that it had ever supplied").
const MAX_DENIAL_GAP: usize = 6;

/// "denied that it had supplied arms", "denies arming the rebels": an act reported
/// under a denial did not happen, as if negated. The denial is a "that" clause's verb
/// or a gerund's.
fn denied(view: &View, first: usize, left: usize) -> bool {
    let from = left.max(first.saturating_sub(MAX_DENIAL_GAP));
    (from..first).any(|i| {
        let next = &view.tokens[i + 1];
        DENIAL_VERBS.contains(view.tokens[i].norm)
            && (COMPLEMENTIZERS.contains(next.norm) || (i + 1 == first && is_gerund(next.norm)))
    })
}

/// The words that set one side of a joint act against the other ("pitting A against B").
static SIDE_PREPOSITIONS: WordSet = WordSet::named("side_prepositions");

/// The most words a side of [`opposed_sides`] spans ("Congolese troops, allied militias
/// and Burundian soldiers").
const MAX_SIDE_WORDS: usize = 12;

/// "pitting A and B against C": a joint act whose object is split by "against" sets
/// the actors before it against those after it, whoever the sentence's subject is
/// (often a war or a fight, no actor at all). Each side is every actor named in it,
/// however many words of description lie between them.
fn opposed_sides(ctx: &DocContext, view: &View, last: usize, right: usize) -> Option<(Vec<NodeRef>, Vec<NodeRef>)> {
    let end = right.min(last + MAX_SIDE_WORDS + 1);
    let against =
        (last + 1..=end).find(|&i| SIDE_PREPOSITIONS.contains(view.tokens[i].norm) && view.mention[i].is_none())?;
    let actors_in = |from: usize, to: usize| {
        let mut out: Vec<NodeRef> = Vec::new();
        for i in from..to.min(view.tokens.len()) {
            let Some(mi) = view.mention[i].filter(|&mi| view.first_token_of(mi) == Some(i)) else { continue };
            let m = &ctx.mentions[mi];
            let camp = ctx.camp(&m.node);
            if m.is_agentive() && camp.is_some() && !out.iter().any(|o| ctx.camp(o) == camp) {
                out.push(m.node.clone());
            }
        }
        out
    };
    // The first side is the verb's object: it starts right after the cue.
    if view.mention[last + 1].is_none() && !view.tokens.get(last + 1).is_some_and(|t| t.capitalised) {
        let opens = view.tokens.get(last + 1).is_some_and(|t| NOMINAL_DETERMINERS.contains(t.norm));
        if !opens {
            return None;
        }
    }
    let first = actors_in(last + 1, against);
    // The second side is bounded only by the sentence: it is the name right after
    // "against" and those coordinated with it.
    let second = (against + 1..=right.min(against + 3))
        .find_map(|i| view.mention[i].filter(|&mi| ctx.mentions[mi].is_agentive()))
        .map(|mi| expand(ctx, view, mi, Direction::Right))
        .unwrap_or_default();
    (!first.is_empty() && !second.is_empty()).then_some((first, second))
}

/// Each actor of one side against each of the other, both ways.
fn push_sides(
    ctx: &DocContext,
    view: &View,
    cue: &crate::lexicon::Cue,
    cm: &CueMatch,
    sides: &(Vec<NodeRef>, Vec<NodeRef>),
    speculative: bool,
    explicit: &mut Vec<Stance>,
) {
    let cue_text = ctx.doc.text[view.tokens[cm.first].start..view.tokens[cm.last].end].to_string();
    let evidence = view.evidence(ctx);
    for (a, b) in sides.0.iter().flat_map(|a| sides.1.iter().map(move |b| (a, b))) {
        for (s, t) in [(a, b), (b, a)] {
            if ctx.camp(s) == ctx.camp(t) {
                continue;
            }
            explicit.push(Stance {
                source: s.clone(),
                target: t.clone(),
                kind: cue.kind.clone(),
                goldstein: cue.goldstein,
                speculative,
                negated: false,
                confidence: if speculative { 0.45 } else { 0.9 },
                cue: cue_text.clone(),
                evidence: evidence.clone(),
            });
        }
    }
}

/// Who does a cue's act when no agent follows it: for a noun, an actor right before
/// it ("U.N. sanctions"); a participle after a comma or dash shares its main clause's
/// subject; otherwise the subject before the cue, which must own a noun cue;
/// "talks between A and B" are A's and B's.
fn cue_subject(
    ctx: &DocContext,
    view: &View,
    cm: &CueMatch,
    left: usize,
    speaker: Option<&NodeRef>,
) -> Option<(Vec<NodeRef>, bool)> {
    let cue = &ctx.lex.cues.cues[cm.cue];
    if cue.is_noun {
        if let Some(found) = modifier_before(ctx, view, cm.first) {
            return Some(found);
        }
        if let Some(found) = fronted_possessor(ctx, view, cm.first) {
            return Some(found);
        }
    }
    if let Some(main) = participle_subject(ctx, view, cm.first, left) {
        return Some(main);
    }
    if cue.reciprocal {
        if let Some(parties) = parties_between(ctx, view, cm) {
            return Some((parties, false));
        }
    }
    if !cue.is_noun {
        if let Some(found) = infinitive_subject(ctx, view, cm.first, left) {
            return Some(found);
        }
        if let Some(found) = coordinated_verb_subject(ctx, view, cm.first, left, speaker) {
            return Some(found);
        }
    }
    let found = subject_before(ctx, view, cm.first, left, speaker)?;
    (!cue.is_noun || owns_noun(ctx, view, cm.first, left)).then_some(found)
}

/// The most words between a fronted phrase's noun and the comma that closes the phrase.
const MAX_FRONTED_PHRASE: usize = 10;

/// "In its trade war with America, China ...", "During their dispute with India, A and
/// B ...": a possessive in a phrase that opens the sentence looks ahead to the main
/// clause's subject, right after the comma that closes the phrase.
fn fronted_possessor(ctx: &DocContext, view: &View, first: usize) -> Option<(Vec<NodeRef>, bool)> {
    let opens = view.tokens.len() > first
        && (2..=4).contains(&first)
        && FRONTING_PREPOSITIONS.contains(view.tokens[0].norm)
        && POSSESSIVES.contains(view.tokens[1].norm)
        && (1..first).all(|i| view.mention[i].is_none() && !view.tokens[i].is_punct());
    if !opens {
        return None;
    }
    let end = (view.tokens.len() - 1).min(first + MAX_FRONTED_PHRASE);
    let comma = (first + 1..end).find(|&i| view.tokens[i].is_punct())?;
    if view.tokens[comma].norm != "," {
        return None;
    }
    let at = if NOMINAL_DETERMINERS.contains(view.tokens[comma + 1].norm) { comma + 2 } else { comma + 1 };
    let mi = view.mention.get(at).copied().flatten()?;
    let m = &ctx.mentions[mi];
    (view.first_token_of(mi) == Some(at) && m.is_agentive() && !m.pronoun)
        .then(|| (expand(ctx, view, mi, Direction::Right), true))
}

/// "denied shelling the towns, and accused Ukraine of lying", "met Vale and praised
/// Ruritania": a past verb right after "and" or "but" shares the subject of the verb
/// before it, not the nearest name (often that verb's object).
fn coordinated_verb_subject(
    ctx: &DocContext,
    view: &View,
    first: usize,
    left: usize,
    speaker: Option<&NodeRef>,
) -> Option<(Vec<NodeRef>, bool)> {
    let conj = first.checked_sub(1).filter(|&i| i > left && CLAUSE_CONJUNCTIONS.contains(view.tokens[i].norm))?;
    let past = |i: usize| {
        let t = &view.tokens[i];
        view.mention[i].is_none() && !t.capitalised && (is_past_form(t.norm) || PARTICIPLES.contains(t.norm))
    };
    if !past(first) {
        return None;
    }
    let previous = (left..conj).rev().find(|&i| past(i) && !is_determined_noun(view, i))?;
    subject_before(ctx, view, previous, left, speaker)
}

/// "called for the UN to meet", "urged Iran and Iraq to talk": the name right before
/// "to" is the subject of the verb after it, even as the object of a preposition.
fn infinitive_subject(ctx: &DocContext, view: &View, first: usize, left: usize) -> Option<(Vec<NodeRef>, bool)> {
    let to = first.checked_sub(1).filter(|&i| i > left && INFINITIVE_MARKERS.contains(view.tokens[i].norm))?;
    let mi = view.mention[to - 1]?;
    let m = &ctx.mentions[mi];
    // "out of Budapest to protest": a name governed by a preposition other than the
    // "for" of a call is a place or a circumstance.
    let start = view.first_token_of(mi)?;
    let governed = governing_word(view, start)
        .is_some_and(|g| is_preposition(view.tokens[g].norm) && !CALL_PREPOSITIONS.contains(view.tokens[g].norm));
    (m.is_agentive() && !governed).then(|| (expand(ctx, view, mi, Direction::Left), m.pronoun))
}

/// A joint act's noun with no preposition after it ("talks", "clashes").
fn is_bare_joint_noun(ctx: &DocContext, cm: &CueMatch) -> bool {
    let cue = &ctx.lex.cues.cues[cm.cue];
    cue.reciprocal && cue.is_noun && cm.first == cm.last
}

/// The most words between a hyphenated pair and its noun ("Israeli-Palestinian peace talks").
const MAX_PAIR_MODIFIERS: usize = 2;

/// "India-Pakistan clashes", "Israeli-Palestinian peace talks": two names joined by a
/// hyphen before a joint act's noun are its parties. The tokenizer keeps the pair one
/// token, which no single mention covers.
fn hyphen_pair(ctx: &DocContext, view: &View, first: usize) -> Option<Vec<NodeRef>> {
    let from = first.saturating_sub(MAX_PAIR_MODIFIERS + 1);
    for j in (from..first).rev() {
        let t = &view.tokens[j];
        if t.is_punct() || view.mention[j].is_some() {
            return None;
        }
        if !t.norm.as_bytes().contains(&b'-') {
            continue;
        }
        let mut parties: Vec<NodeRef> = Vec::new();
        for m in super::starting_within(&ctx.mentions, t.start, t.end) {
            let camp = ctx.camp(&m.node);
            if m.end <= t.end && m.is_agentive() && camp.is_some() && !parties.iter().any(|p| ctx.camp(p) == camp) {
                parties.push(m.node.clone());
            }
        }
        return (parties.len() >= 2).then_some(parties);
    }
    None
}

/// "talks between A and B", "clashes between A and B": the parties of a joint act.
fn parties_between(ctx: &DocContext, view: &View, cm: &CueMatch) -> Option<Vec<NodeRef>> {
    let at = if PARTY_PREPOSITIONS.contains(view.tokens[cm.last].norm) { cm.last } else { cm.last + 1 };
    if !PARTY_PREPOSITIONS.contains(view.tokens.get(at)?.norm) {
        return None;
    }
    let mi = (at + 1..(at + 4).min(view.tokens.len())).find_map(|i| view.mention[i])?;
    let parties = expand(ctx, view, mi, Direction::Right);
    (distinct_camps(ctx, &parties) >= 2).then_some(parties)
}

/// Whether a joint act's object is its partner: the actor follows the cue right
/// after "with" ("A and B held talks with C"), not later in the clause.
fn partner_follows(view: &View, last: usize, targets: &[NodeRef], ctx: &DocContext) -> bool {
    let near = (last + 1..(last + 7).min(view.tokens.len())).find(|&i| view.mention[i].is_some());
    near.is_some_and(|i| {
        let node = view.mention[i].map(|mi| &ctx.mentions[mi].node);
        node.is_some_and(|n| targets.contains(n))
            && view.tokens[last..i].iter().any(|t| PARTNER_PREPOSITIONS.contains(t.norm))
    })
}

/// The mediator of a joint act: "brokered by C", "mediated by C", "under C's
/// mediation", "under the auspices of C".
fn mediator_after(ctx: &DocContext, view: &View, last: usize, right: usize) -> Option<NodeRef> {
    let agentive = |i: usize| view.mention[i].map(|mi| &ctx.mentions[mi]).filter(|m| m.is_agentive());
    for i in last + 1..=right {
        let t = view.tokens[i].norm;
        let by_participle =
            AGENT_PREPOSITIONS.contains(t) && i > 0 && is_past_form(view.tokens[i - 1].norm) && i - 1 > last;
        if by_participle {
            return (i + 1..=(i + 3).min(right)).find_map(agentive).map(|m| m.node.clone());
        }
        if AUSPICES_PREPOSITIONS.contains(t) {
            let span = i + 1..=(i + 6).min(right);
            if !view.tokens[span.clone()].iter().any(|t| MEDIATION_NOUNS.contains(t.norm)) {
                continue;
            }
            return span.into_iter().find_map(agentive).map(|m| m.node.clone());
        }
    }
    None
}

/// Whether the subject of the verb at `verb` is an actor ("Russia on Monday raised"),
/// not a thing ("Russia's drills raised", "the video from Syria raised"): going back,
/// an actor is met before a determiner or a possessive.
fn actor_subject(ctx: &DocContext, view: &View, verb: usize, left: usize) -> bool {
    let mut i = verb;
    while i > left {
        i -= 1;
        let t = view.tokens[i].norm;
        if t == "'s" || NOMINAL_DETERMINERS.contains(t) && view.mention[i].is_none() {
            return false;
        }
        if let Some(mi) = view.mention[i] {
            let start = view.first_token_of(mi).unwrap_or(i);
            if !governed_by_preposition(view, start) && ctx.mentions[mi].is_agentive() {
                return true;
            }
            i = start;
        }
    }
    false
}

/// "X's move raised concerns among Y": an emotion a cause raises belongs to whoever
/// feels it (Y, about X), not to the cause. Returns the experiencers and the causers;
/// with no experiencer named, no one is found to hold the stance.
fn caused_emotion(
    ctx: &DocContext,
    view: &View,
    cm: &CueMatch,
    left: usize,
    object_limit: impl FnOnce() -> usize,
) -> Option<(Vec<NodeRef>, Option<Vec<NodeRef>>)> {
    let verb = if CAUSATIVES.contains(view.tokens[cm.first].norm) {
        cm.first
    } else {
        (left..cm.first).rev().take(3).find(|&i| CAUSATIVES.contains(view.tokens[i].norm))?
    };
    // "sparked Japan's concerns" names its owner; "China has raised concerns": an
    // actor that is the verb's subject feels the concern itself.
    if verb < cm.first && modifier_before(ctx, view, cm.first).is_some() {
        return None;
    }
    // "China has raised concerns" voices China's own; "Kenya sparked outrage" causes
    // someone else's, and names no one who feels it. "Chile deepened cooperation" is
    // no emotion at all: a causative before a cooperative act is the act's own verb.
    // A verb cue after a causative is no emotion it causes ("deepened cooperation to
    // deter X": the causative is another act's).
    let cue = &ctx.lex.cues.cues[cm.cue];
    let causes_it = verb == cm.first || cue.is_noun;
    let voiced = VOICING_CAUSATIVES.contains(view.tokens[verb].norm) || cue.goldstein >= 0.0 || !causes_it;
    if voiced && actor_subject(ctx, view, verb, left) {
        return None;
    }
    let experiencers = (cm.last + 1..object_limit().min(cm.last + 4)).find_map(|i| {
        if !EXPERIENCER_PREPOSITIONS.contains(view.tokens[i].norm) {
            return None;
        }
        let mi = (i + 1..(i + 4).min(view.tokens.len())).find_map(|j| view.mention[j])?;
        ctx.mentions[mi].is_agentive().then(|| expand(ctx, view, mi, Direction::Right))
    });
    let causers = (left..verb).rev().find_map(|i| {
        let mi = view.mention[i]?;
        ctx.mentions[mi].is_agentive().then(|| vec![ctx.mentions[mi].node.clone()])
    });
    Some((experiencers.unwrap_or_default(), causers))
}

fn distinct_camps(ctx: &DocContext, nodes: &[NodeRef]) -> usize {
    let mut camps: Vec<&str> = nodes.iter().filter_map(|n| ctx.camp(n)).collect();
    camps.sort();
    camps.dedup();
    camps.len()
}

fn is_hedged(window: &[Token]) -> bool {
    let Some(modal) = window
        .iter()
        .rposition(|t| MODALS.contains(t.norm) && !(t.capitalised && CAPITALISED_NOT_MODAL.contains(t.norm)))
    else {
        return false;
    };
    // "announced that it would upgrade" reports an intention; it is no hedge.
    !window[..modal].iter().any(|t| REPORTING.contains(t.norm))
}

/// A participle after a form of "be", adverbs and "and" allowed between ("was
/// heavily and unjustly criticised"), or a participle that modifies the noun before it
/// ("a militia backed by Rwanda", "the statement released on Monday").
fn is_passive(view: &View, first: usize) -> bool {
    let w = view.tokens[first].norm;
    if !(is_past_form(w) || PARTICIPLES.contains(w)) {
        return false;
    }
    let mut i = first;
    while i > 0 && first - i < 6 {
        i -= 1;
        let t = view.tokens[i].norm;
        if BE_FORMS.contains(t) {
            return true;
        }
        if !(PASSIVE_FILLERS.contains(t) || is_adverb(t)) {
            break;
        }
    }
    reduced_relative(view, first)
}

/// "a militia group backed by Rwanda", "the statement released.": a participle
/// followed by "by" and a name (an active verb takes an object, not "by"), or one
/// right after "the" and a noun with nothing after it, describes; no one before it
/// did the act.
fn reduced_relative(view: &View, first: usize) -> bool {
    let Some(prev) = first.checked_sub(1) else { return false };
    if AUXILIARIES.contains(view.tokens[prev].norm) {
        return false;
    }
    let mut next = first + 1;
    while view.tokens.get(next).is_some_and(|t| is_adverb(t.norm) && view.mention[next].is_none()) {
        next += 1;
    }
    let Some(n) = view.tokens.get(next) else { return false };
    if PASSIVE_AGENT_MARKERS.contains(n.norm) {
        let named = view.mention[next + 1..].iter().take(4).any(Option::is_some);
        let gerund = view.tokens.get(next + 1).is_some_and(|t| is_gerund(t.norm));
        return named && !gerund;
    }
    let p = &view.tokens[prev];
    let described = view.mention[prev].is_none() && !p.is_punct() && !p.capitalised && is_determined_noun(view, prev);
    described && n.is_punct()
}

/// A common noun right after a determiner: "the statement", "a group".
fn is_determined_noun(view: &View, at: usize) -> bool {
    at.checked_sub(1).is_some_and(|i| NOMINAL_DETERMINERS.contains(view.tokens[i].norm) && view.mention[i].is_none())
}

/// "was rejected by X", "threats from X": the agent after the cue.
fn agent_after(ctx: &DocContext, view: &View, last: usize, right: usize) -> Option<Vec<NodeRef>> {
    let by = (last..=(last + 3).min(right)).find(|&i| AGENT_PREPOSITIONS.contains(view.tokens[i].norm))?;
    // "responded to the attacks by carrying out strikes": a means, not an agent.
    if view.tokens.get(by + 1).is_some_and(|t| is_gerund(t.norm) && view.mention[by + 1].is_none()) {
        return None;
    }
    (by + 1..=(by + 6).min(right)).find_map(|i| {
        let mi = view.mention[i]?;
        ctx.mentions[mi].is_agentive().then(|| expand(ctx, view, mi, Direction::Right))
    })
}

/// The most words of a noun act's object between the noun and a "by" naming its doer
/// ("sanctions on North Korea by Japan").
const MAX_NOUN_OBJECT: usize = 5;

/// "the attack on Mali by JNIM", "criticism of Israel by Spain": the actor right after
/// a "by" that follows a noun act's object is its doer; the actors in the object are
/// its target. A verb or a common noun between makes the "by" another word's agent
/// ("the attack on Mali was condemned by France").
#[allow(clippy::type_complexity)]
fn noun_agent(
    ctx: &DocContext,
    view: &View,
    last: usize,
    right: usize,
) -> Option<(Vec<NodeRef>, Option<Vec<NodeRef>>)> {
    let end = right.min(last + MAX_NOUN_OBJECT + 1);
    let by = (last + 1..=end).find(|&i| NOUN_AGENT_PREPOSITIONS.contains(view.tokens[i].norm))?;
    // Only an actor (or nothing) may stand between: after a common noun "by" is that
    // noun's ("a rejection of attempts by Britain", "concerns about abuses by A").
    let object_is_actor = (last + 1..by).all(|i| match view.mention[i] {
        Some(mi) => !ctx.mentions[mi].pronoun,
        None => NOMINAL_DETERMINERS.contains(view.tokens[i].norm),
    });
    if !object_is_actor {
        return None;
    }
    // The doer opens the phrase after "by" (a determiner at most before it).
    let doer = (by + 1..=(by + 2).min(right)).find_map(|i| view.mention[i])?;
    let gap_ok = view
        .first_token_of(doer)
        .is_some_and(|f| f == by + 1 || NOMINAL_DETERMINERS.contains(view.tokens[by + 1].norm));
    if !gap_ok || !ctx.mentions[doer].is_agentive() {
        return None;
    }
    let agents = expand(ctx, view, doer, Direction::Right);
    let object = (last + 1..by).find_map(|i| view.mention[i].filter(|&mi| ctx.mentions[mi].is_agentive()));
    Some((agents, object.map(|mi| expand(ctx, view, mi, Direction::Right))))
}

#[derive(Clone, Copy)]
enum Direction {
    Left,
    Right,
}

/// A mention and the ones coordinated with it: "Iran, China, Russia, and India".
fn expand(ctx: &DocContext, view: &View, mi: usize, dir: Direction) -> Vec<NodeRef> {
    let mut group = vec![ctx.mentions[mi].node.clone()];
    let mut edge = match dir {
        Direction::Left => view.first_token_of(mi),
        Direction::Right => view.last_token_of(mi),
    };
    // "A, B and C" ends at C: going right, nothing joins after "and"; going left,
    // a second "and" starts another phrase ("talks between A and B, C said").
    let mut coordinated = false;
    while let Some(at) = edge {
        let mut i = at;
        let next = loop {
            let step = match dir {
                Direction::Left => i.checked_sub(1),
                Direction::Right => Some(i + 1).filter(|&j| j < view.tokens.len()),
            };
            let Some(j) = step else { break None };
            if j.abs_diff(at) > MAX_COORDINATION_GAP {
                break None;
            }
            i = j;
            if let Some(m) = view.mention[j] {
                let gap = match dir {
                    Direction::Left => &view.tokens[j + 1..at],
                    Direction::Right => &view.tokens[at + 1..j],
                };
                let joins = gap.iter().any(|t| COORDINATORS.contains(t.norm));
                if coordinated && (joins || matches!(dir, Direction::Right)) {
                    break None;
                }
                coordinated |= joins;
                break coordinating_gap(gap, matches!(dir, Direction::Left)).then_some(m);
            }
        };
        let Some(m) = next.filter(|&m| ctx.mentions[m].is_agentive()) else { break };
        // "talks with Hamas, and Turkey supported ...": after a comma, a name with a
        // verb of its own opens a clause; it joins no list.
        if matches!(dir, Direction::Right) && opens_clause_after_comma(view, at, m) {
            break;
        }
        // "Like the Houthis, Hezbollah ...": a compared name is no co-subject.
        if matches!(dir, Direction::Left) && view.first_token_of(m).is_some_and(|s| compared(view, s)) {
            break;
        }
        group.push(ctx.mentions[m].node.clone());
        edge = match dir {
            Direction::Left => view.first_token_of(m),
            Direction::Right => view.last_token_of(m),
        };
    }
    group.sort();
    group.dedup();
    group
}

/// Whether the mention `m`, after a comma following token `at`, is the subject of a
/// verb right after it (a past form, an auxiliary or a modal).
fn opens_clause_after_comma(view: &View, at: usize, m: usize) -> bool {
    let Some(last) = view.last_token_of(m) else { return false };
    let first = view.first_token_of(m).unwrap_or(last);
    let comma = view.tokens[at + 1..first].iter().any(|t| t.norm == ",");
    comma
        && view.tokens.get(last + 1).is_some_and(|t| {
            view.mention[last + 1].is_none()
                && !t.capitalised
                && (is_past_form(t.norm) || AUXILIARIES.contains(t.norm) || MODALS.contains(t.norm))
        })
}

/// The most words between two coordinated names ("A, and the long-isolated B").
const MAX_COORDINATION_GAP: usize = 6;

/// Whether the words between two names coordinate them: list glue ("," "and" "the"),
/// and up to two modifiers after a determiner ("and the long-isolated B").
fn coordinating_gap(gap: &[Token], comitative_joins: bool) -> bool {
    let mut glue = 0;
    let mut after_determiner = false;
    let mut modifiers = 0;
    let mut comitative = false;
    for (k, t) in gap.iter().enumerate() {
        if LIST_GLUE.contains(t.norm) {
            glue += 1;
            after_determiner = NOMINAL_DETERMINERS.contains(t.norm);
            continue;
        }
        // "A, along with B, fired", "A together with B": B acts with A as if joined
        // by "and". Only a subject is read so: after an object ("condemned A, along
        // with B") B may as well be a second doer.
        if comitative_joins && (comitative || is_comitative(gap, k)) {
            comitative = !comitative;
            glue += 1;
            after_determiner = false;
            continue;
        }
        let modifier = after_determiner && !t.is_punct() && !t.capitalised && !is_preposition(t.norm);
        if modifier && modifiers < 2 {
            modifiers += 1;
            continue;
        }
        return false;
    }
    glue > 0
}

/// Whether the gap's words at `k` join two names as doers together ("along with").
fn is_comitative(gap: &[Token], k: usize) -> bool {
    gap.get(k).is_some_and(|w| COMITATIVE_HEADS.contains(w.norm))
        && gap.get(k + 1).is_some_and(|w| COMITATIVE_PREPOSITIONS.contains(w.norm))
}

/// "along with B" before a cue: B is governed by a preposition, yet a doer.
fn comitative_governed(view: &View, start: usize) -> bool {
    governing_word(view, start).is_some_and(|g| g > 0 && is_comitative(view.tokens, g - 1))
}

/// The subject: the nearest actor, person or pronoun before the cue in its clause,
/// not one governed by a preposition (unless a relative clause follows it: "ISIS-K,
/// which carried out", or it names who sent the people acting: "officials from A and
/// B"). "Both sides" and "the two countries" are the last two actors named. In a quote
/// with no noun before the cue, the speaker. Returns the group and whether a pronoun
/// or a reference had to be resolved.
fn subject_before(
    ctx: &DocContext,
    view: &View,
    first: usize,
    left: usize,
    speaker: Option<&NodeRef>,
) -> Option<(Vec<NodeRef>, bool)> {
    let mut i = first;
    while i > left {
        i -= 1;
        if let Some(mi) = view.mention[i] {
            let Some(start) = view.first_token_of(mi) else { continue };
            let governed =
                governed_by_preposition(view, start) && !sent_from(view, start) && !comitative_governed(view, start);
            let relative = view.tokens.get(i + 2).is_some_and(|t| RELATIVE_PRONOUNS.contains(t.norm))
                && view.tokens.get(i + 1).is_some_and(|t| t.norm == ",");
            let m = &ctx.mentions[mi];
            if (!governed || relative) && m.is_agentive() {
                if let Some(office) = office_actor(ctx, view, mi) {
                    return Some((vec![office], false));
                }
                return Some((expand(ctx, view, mi, Direction::Left), m.pronoun));
            }
            i = start;
            continue;
        }
        if !SUBJECT_CLUES.may_contain(view.tokens[i].norm) {
            continue;
        }
        if let Some(open) = parenthetical_start(view, i, left) {
            i = open;
            continue;
        }
        let t = &view.tokens[i];
        if let Some(pair) = pair_reference(ctx, view, i, &[]) {
            if !governed_by_preposition(view, pair_start(view, i)) {
                return Some((pair, true));
            }
        }
        let subject_position = i == left || SUBJECT_OPENERS.contains(view.tokens[i - 1].norm);
        if let Some(node) = collective_reference(ctx, view, i, left) {
            return Some((vec![node], true));
        }
        let w = t.norm;
        let resolved = if PLURAL_ACTOR_PRONOUNS.contains(w) && subject_position {
            let named_here = view.mention[left..i].iter().flatten().any(|&mi| ctx.mentions[mi].is_agentive());
            let previous = if named_here { None } else { previous_subject(ctx, t.start) };
            previous.or_else(|| ctx.last_actor_before(t.start, None))
        } else if (SINGULAR_ACTOR_PRONOUNS.contains(w) && subject_position)
            || (ACTOR_POSSESSIVES.contains(w) && i + 1 == first)
        {
            ctx.last_actor_before(t.start, None)
        } else if SPEAKER_PRONOUNS.contains(w) {
            speaker.cloned()
        } else {
            continue;
        };
        if let Some(node) = resolved {
            return Some((vec![node], true));
        }
    }
    // "the rebels received information", in a quote: a noun the gazetteer does not
    // know is the subject, not the speaker.
    let noun_subject = view.tokens[left..first].iter().any(|t| NOMINAL_DETERMINERS.contains(t.norm));
    speaker.filter(|_| !noun_subject).map(|s| (vec![s.clone()], false))
}

/// The most modifiers between a collective reference's determiner and its head ("its
/// foreign ministry").
const MAX_COLLECTIVE_MODIFIERS: usize = 2;

/// "The country also criticised ...", "its foreign ministry said ...": a definite or
/// possessed collective noun opening a clause stands for an actor: that of the
/// sentence's subject before it ("Pashinian said the country could ..."), else the
/// previous sentence's subject, else the last actor named. Returns that actor when the
/// noun at `head` is such a reference.
fn collective_reference(ctx: &DocContext, view: &View, head: usize, left: usize) -> Option<NodeRef> {
    if !COLLECTIVE_HEADS.contains(view.tokens[head].norm) || view.mention[head].is_some() {
        return None;
    }
    let mut start = head.checked_sub(1)?;
    let mut modifiers = 0;
    loop {
        let t = &view.tokens[start];
        if DEFINITE_ARTICLES.contains(t.norm) || ACTOR_POSSESSIVES.contains(t.norm) {
            break;
        }
        let modifier = view.mention[start].is_none() && !t.is_punct() && !t.capitalised && !is_preposition(t.norm);
        if !modifier || modifiers == MAX_COLLECTIVE_MODIFIERS || start <= left {
            return None;
        }
        modifiers += 1;
        start -= 1;
    }
    let opens_clause = start == left || SUBJECT_OPENERS.contains(view.tokens[start - 1].norm);
    // "Russia, the first country to recognise ...": a noun phrase right after a name
    // and a comma describes that name; the walk goes on to it.
    let appositive = start >= 2 && view.tokens[start - 1].norm == "," && view.mention[start - 2].is_some();
    if !opens_clause || appositive {
        return None;
    }
    let pos = view.tokens[start].start;
    let here = (0..start).find_map(|i| {
        let mi = view.mention[i].filter(|&mi| view.first_token_of(mi) == Some(i))?;
        let m = &ctx.mentions[mi];
        (m.is_agentive() && !governed_by_preposition(view, i)).then(|| ctx.camp(&m.node)).flatten()
    });
    let camp = here.map(str::to_string).or_else(|| {
        let previous = previous_subject(ctx, pos)?;
        ctx.camp(&previous).map(str::to_string)
    });
    camp.map(NodeRef::Actor).or_else(|| ctx.last_actor_before(pos, None))
}

/// "The Houthis took the port. They have also sought ...": a plural pronoun opening a
/// clause with no actor before it continues the previous sentence's subject, the
/// first actor or person in it that no preposition governs, rather than whatever
/// actor that sentence named last ("... most of northern Yemen").
fn previous_subject(ctx: &DocContext, pos: usize) -> Option<NodeRef> {
    let here = ctx.seg.sentences.partition_point(|s| s.start <= pos);
    let prev = ctx.seg.sentences.get(here.checked_sub(2)?)?;
    super::starting_within(&ctx.mentions, prev.start, prev.end)
        .iter()
        .filter(|m| m.end <= prev.end && m.is_agentive() && !m.pronoun && ctx.camp(&m.node).is_some())
        .find(|m| {
            let before = ctx.tokens_in(prev.start, m.start);
            let governing = before.iter().rev().find(|t| !ARTICLES.contains(t.norm));
            !governing.is_some_and(|g| is_preposition(g.norm))
        })
        .map(|m| m.node.clone())
}

/// "The EU, which counts Greece as a member, threatened ...": at the comma that closes
/// a relative clause, the comma that opens it, so that the
/// subject is looked for before it.
fn parenthetical_start(view: &View, close: usize, left: usize) -> Option<usize> {
    if view.tokens[close].norm != "," {
        return None;
    }
    let open = (left + 1..close).rev().find(|&j| view.tokens[j].norm == ",")?;
    PARENTHETICAL_OPENERS.contains(view.tokens.get(open + 1)?.norm).then_some(open)
}

/// "with the Philippines": a preposition before the mention, determiners aside.
fn governed_by_preposition(view: &View, start: usize) -> bool {
    governing_word(view, start).is_some_and(|i| is_preposition(view.tokens[i].norm))
}

/// The word before a mention, determiners skipped.
fn governing_word(view: &View, start: usize) -> Option<usize> {
    (0..start).rev().find(|&i| !ARTICLES.contains(view.tokens[i].norm))
}

/// "officials from A", "delegations of A": a preposition after people an actor sends,
/// which makes the actor the doer; so does one after an office ("the president of A",
/// "a spokesman for A's foreign ministry").
fn sent_from(view: &View, start: usize) -> bool {
    governing_word(view, start).is_some_and(|p| {
        let Some(before) = p.checked_sub(1).map(|b| view.tokens[b].norm) else { return false };
        let w = view.tokens[p].norm;
        (DELEGATE_PREPOSITIONS.contains(w) && DELEGATE_NOUNS.contains(before))
            || (ROLE_PREPOSITIONS.contains(w) && OFFICIAL_ROLES.contains(before))
    })
}

/// A name after "like" or "unlike": compared with the subject, not coordinated.
fn compared(view: &View, start: usize) -> bool {
    governing_word(view, start).is_some_and(|i| COMPARISON_WORDS.contains(view.tokens[i].norm))
}

/// Where a reference to two parties starts: "both" or "the".
fn pair_start(view: &View, at: usize) -> usize {
    if at > 0 && DEFINITE_ARTICLES.contains(view.tokens[at - 1].norm) {
        at - 1
    } else {
        at
    }
}

/// Numerals past two that count the parties of a group reference ("the three
/// countries"), in order from three.
static GROUP_NUMERALS: LazyLock<Vec<Vec<&'static str>>> =
    LazyLock::new(|| crate::language::get().ordered("group_numerals"));

/// The words a reference to a group of parties starts on ("both", "two", "three").
fn group_reference_words() -> Vec<&'static str> {
    let mut words = PAIR_DETERMINERS.words();
    words.extend(GROUP_NUMERALS.iter().flatten().copied());
    words
}

/// A filter over `words` and every word of `lists`.
fn filter_of(lists: &[&WordSet], mut words: Vec<&'static str>) -> WordFilter {
    for list in lists {
        words.extend(list.words());
    }
    WordFilter::new(words.into_iter())
}

/// Every word [`subject_before`] acts on when no mention covers it: a comma closing a
/// parenthetical, a group reference, a collective noun, a pronoun. It walks back over
/// every word of the clause, and nearly all are none of these: one filter test turns
/// them away before the eight lists are asked.
static SUBJECT_CLUES: LazyLock<WordFilter> = LazyLock::new(|| {
    let mut words = group_reference_words();
    words.push(",");
    filter_of(&subject_clue_lists(), words)
});

/// The lists of [`SUBJECT_CLUES`].
fn subject_clue_lists() -> [&'static WordSet; 5] {
    [&COLLECTIVE_HEADS, &PLURAL_ACTOR_PRONOUNS, &SINGULAR_ACTOR_PRONOUNS, &ACTOR_POSSESSIVES, &SPEAKER_PRONOUNS]
}

/// Every word [`object_after`] acts on when no mention covers it: a group reference or
/// a plural object pronoun; as [`SUBJECT_CLUES`] for the subject.
static OBJECT_CLUES: LazyLock<WordFilter> =
    LazyLock::new(|| filter_of(&[&PLURAL_OBJECT_PRONOUNS, &DISPUTE_HEADS], group_reference_words()));

/// How many actors "both", "two" or a group numeral at `at` refers to.
fn reference_count(word: &str) -> Option<usize> {
    if PAIR_DETERMINERS.contains(word) {
        return Some(2);
    }
    GROUP_NUMERALS.iter().position(|spellings| spellings.contains(&word)).map(|i| i + 3)
}

/// "both sides", "the two countries", "the three other nations" at `at`: the last
/// two (three, ...) actors named before it (in this sentence or the two before),
/// outside the camps in `exclude`.
fn pair_reference(ctx: &DocContext, view: &View, at: usize, exclude: &[&str]) -> Option<Vec<NodeRef>> {
    let t = &view.tokens[at];
    // The head is checked first: nearly every word is no numeral's, and the word sets
    // reject it cheaply.
    let mut head_at = at + 1;
    if view.tokens.get(head_at).is_some_and(|h| GROUP_OTHERS.contains(h.norm)) {
        head_at += 1;
    }
    if !PAIR_HEADS.contains(view.tokens.get(head_at)?.norm) {
        return None;
    }
    let count = reference_count(t.norm)?;
    let numeral = count > 2 || NUMERAL_PAIR_DETERMINERS.contains(t.norm);
    if numeral && !(at > 0 && DEFINITE_ARTICLES.contains(view.tokens[at - 1].norm)) {
        return None;
    }
    let mut found: Vec<NodeRef> = Vec::with_capacity(count);
    let mut before = t.start;
    while found.len() < count {
        let node = ctx.last_actor_before(before, exclude.first().copied())?;
        let camp = ctx.camp(&node)?;
        // The next one back starts before this mention.
        let here = ctx.mentions.partition_point(|m| m.start < before);
        let prior = ctx.mentions[..here].iter().rposition(|m| m.node == node && m.end <= before)?;
        let fresh = !exclude.contains(&camp) && !found.iter().any(|f| ctx.camp(f) == Some(camp));
        if fresh && !qualifies_named_actor(ctx, prior) {
            found.push(node.clone());
        }
        before = ctx.mentions[prior].start;
    }
    Some(found)
}

/// "both sides", "the two sides", "the warring parties" around `at` (its determiner,
/// or its head after an article): where the reference starts. Sides and parties name
/// the parties to a dispute; "the two countries" names the last two named instead.
fn dispute_reference(view: &View, at: usize) -> Option<usize> {
    let word = view.tokens[at].norm;
    let norm = |k: usize| view.tokens.get(k).map_or("", |t| t.norm);
    if PAIR_DETERMINERS.contains(word) {
        let head = at + 1 + usize::from(DISPUTE_MODIFIERS.contains(norm(at + 1)));
        return DISPUTE_HEADS.contains(norm(head)).then(|| pair_start(view, at));
    }
    if !DISPUTE_HEADS.contains(word) {
        return None;
    }
    let mut det = at.checked_sub(1)?;
    if DISPUTE_MODIFIERS.contains(norm(det)) {
        det = det.checked_sub(1)?;
    }
    DEFINITE_ARTICLES.contains(norm(det)).then_some(det)
}

/// The sides of the dispute reported so far: the two actors that opposed each other
/// most often (each way counting extra when both have). Where the one referring to
/// the sides is one of them ("people from both sides"), or two disputes tie, the
/// reference names no dispute's sides. With `mutual`, only a dispute both sides took
/// part in counts.
fn dispute_pair(ctx: &DocContext, settled: &[Stance], exclude: &[&str], mutual: bool) -> Option<Vec<NodeRef>> {
    let mut counts: BTreeMap<(&str, &str), [usize; 2]> = BTreeMap::new();
    for s in settled.iter().filter(|s| s.goldstein < 0.0 && !s.speculative) {
        let (Some(a), Some(b)) = (ctx.camp(&s.source), ctx.camp(&s.target)) else { continue };
        if a == b {
            continue;
        }
        let (key, way) = if a < b { ((a, b), 0) } else { ((b, a), 1) };
        counts.entry(key).or_default()[way] += 1;
    }
    let mut best: Option<((&str, &str), usize)> = None;
    let mut tied = false;
    for (pair, [there, back]) in counts {
        if mutual && (there == 0 || back == 0) {
            continue;
        }
        // Both ways counts double: a dispute is mutual more surely than an attack.
        let total = there + back + there.min(back);
        match best {
            Some((_, top)) if top > total => {}
            Some((_, top)) if top == total => tied = true,
            _ => {
                best = Some((pair, total));
                tied = false;
            }
        }
    }
    let ((a, b), _) = best.filter(|_| !tied)?;
    if exclude.contains(&a) || exclude.contains(&b) {
        return None;
    }
    Some(vec![NodeRef::Actor(a.to_string()), NodeRef::Actor(b.to_string())])
}

/// "the Lebanese militant group Hezbollah": a demonym that describes the named actor
/// after it (a few lower-case words between) is no party of its own.
fn qualifies_named_actor(ctx: &DocContext, mention: usize) -> bool {
    let m = &ctx.mentions[mention];
    let Some(next) = ctx.mentions.get(mention + 1) else { return false };
    if next.node == m.node || !matches!(next.node, NodeRef::Actor(_)) {
        return false;
    }
    let kind_of = |start: usize, end: usize| {
        let surface = ctx.doc.text.get(start..end).unwrap_or("");
        ctx.lex
            .gazetteer
            .find(surface)
            .into_iter()
            .find(|f| f.start == 0 && f.end == surface.len())
            .map(|f| f.target.kind)
    };
    let is_demonym =
        kind_of(m.start, m.end) == Some(FormKind::Demonym) && kind_of(next.start, next.end) != Some(FormKind::Demonym);
    let between = ctx.doc.text.get(m.end..next.start).unwrap_or("");
    let words: Vec<&str> = between.split_whitespace().collect();
    is_demonym
        && words.len() <= 3
        && words.iter().all(|w| w.chars().all(|c| c.is_ascii_lowercase()) && !COORDINATORS.contains(w))
}

/// Verbs that carry a noun's meaning: "voiced opposition", "imposed sanctions",
/// "maintained a line of communication".
static LIGHT_VERBS: WordSet = WordSet::named("light_verbs");
/// Predicates that give their subject an act named by a noun ("responsible for the attacks").
static LIGHT_PREDICATES: WordSet = WordSet::named("light_predicates");

/// Whether the subject found before a noun cue owns it: a possessive or a modifier
/// right before the noun phrase ("the Taliban's firm rejection", "his broader
/// confrontation"), or a light verb between subject and noun ("voiced opposition").
/// "Beijing will ensure that the threat remains" does not make the threat Beijing's.
fn owns_noun(ctx: &DocContext, view: &View, cue: usize, left: usize) -> bool {
    let mut i = cue;
    let mut gap = 0;
    while i > left {
        i -= 1;
        let t = &view.tokens[i];
        if let Some(mi) = view.mention[i] {
            let possessive = view.tokens.get(i + 1).is_some_and(|n| n.norm == "'s");
            let m = &ctx.mentions[mi];
            if possessive || gap <= 1 || (m.pronoun && gap <= 2) {
                return true;
            }
            return false;
        }
        if POSSESSIVES.contains(t.norm) && gap <= 3 {
            return true;
        }
        // The light verb governs the noun: a few words of its phrase between them
        // ("voiced strong opposition"), not a clause ("put aside ... to address threats").
        if (LIGHT_VERBS.contains(t.norm) || LIGHT_PREDICATES.contains(t.norm)) && gap <= 3 {
            // "a coalition carrying out strikes": a participle after a common noun is
            // that noun's act, not the subject's.
            let noun_before = is_gerund(t.norm)
                && i > 0
                && view.mention[i - 1].is_none()
                && !view.tokens[i - 1].is_punct()
                && !BE_FORMS.contains(view.tokens[i - 1].norm);
            return !noun_before;
        }
        if t.norm != "'s" {
            gap += 1;
        }
    }
    false
}

/// ", warning that ...", ", calling it ...": a participle after a comma shares the
/// subject of its main clause, the first actor of the clause, not the nearest one
/// ("Iran rejected a demand by Britain and France, warning that ...").
fn participle_subject(ctx: &DocContext, view: &View, first: usize, left: usize) -> Option<(Vec<NodeRef>, bool)> {
    // After a comma or a dash ("upset the bloc - meeting Putin in Moscow").
    let after_comma = first > 0 && matches!(view.tokens[first - 1].norm, "," | "-" | "\u{2013}" | "\u{2014}");
    if !(after_comma && is_gerund(view.tokens[first].norm)) {
        return None;
    }
    (left..first).find_map(|i| {
        let mi = view.mention[i]?;
        let m = &ctx.mentions[mi];
        let starts_here = view.first_token_of(mi) == Some(i);
        (starts_here && m.is_agentive() && !governed_by_preposition(view, i))
            .then(|| (expand(ctx, view, mi, Direction::Right), m.pronoun))
    })
}

/// "U.N. sanctions", "Moscow's concerns": the actor right before a noun cue is its source.
fn modifier_before(ctx: &DocContext, view: &View, first: usize) -> Option<(Vec<NodeRef>, bool)> {
    let mut i = first.checked_sub(1)?;
    if view.tokens[i].norm == "'s" {
        i = i.checked_sub(1)?;
    }
    let mi = view.mention[i]?;
    let m = &ctx.mentions[mi];
    m.is_agentive().then(|| (vec![m.node.clone()], m.pronoun))
}

/// A verb form after a determiner is a noun or an adjective: "the release", "the
/// sanctioned minister", "a negotiated solution". It describes; it reports no act.
fn is_nominal_use(view: &View, first: usize) -> bool {
    let before = first.checked_sub(1).map(|i| view.tokens[i].norm);
    let w = view.tokens[first].norm;
    let modifies_next = view
        .tokens
        .get(first + 1)
        .is_some_and(|t| !t.is_punct() && !is_preposition(t.norm) && !COMPLEMENTIZERS.contains(t.norm));
    let participle = |w: &str| is_past_form(w) || PARTICIPLES.contains(w);
    // "have sent forces": a verb's -s form right after a past verb is its object, a
    // plural noun; "the release of detained citizens": a participle after a
    // preposition describes the noun after it.
    if ends_with_any(w, &VERB_S_SUFFIXES) && first > 0 && after_verb(view, first - 1) {
        return true;
    }
    if before.is_some_and(|b| is_preposition(b) && !PASSIVE_AGENT_MARKERS.contains(b)) && participle(w) && modifies_next
    {
        return true;
    }
    // "the G7 meeting", "a U.S. bombing": a gerund after a name that a determiner opens.
    let named_modifier = first > 0
        && is_gerund(w)
        && view.mention[first - 1]
            .and_then(|mi| view.first_token_of(mi))
            .and_then(|start| start.checked_sub(1))
            .is_some_and(|d| NOMINAL_DETERMINERS.contains(view.tokens[d].norm));
    if named_modifier {
        return true;
    }
    if !before.is_some_and(|b| NOMINAL_DETERMINERS.contains(b)) {
        return false;
    }
    if is_past_form(w) || PARTICIPLES.contains(w) || is_gerund(w) {
        // "the sanctioned minister", "a worrying precedent"
        return modifies_next;
    }
    true
}

/// Whether the word at `at` ends a verb that takes an object: a past form ("have
/// sent forces"), a light verb ("launched strikes"), or its particle ("carrying out
/// strikes").
fn after_verb(view: &View, at: usize) -> bool {
    let verb_at = |i: usize| {
        let w = view.tokens[i].norm;
        view.mention[i].is_none() && (is_past_form(w) || PARTICIPLES.contains(w) || LIGHT_VERBS.contains(w))
    };
    verb_at(at) || (PARTICLES.contains(view.tokens[at].norm) && at > 0 && verb_at(at - 1))
}

/// The object: the first actor after the cue in its clause outside the subject's
/// camp, preferring one that is not a place ("in Afghanistan").
fn object_after(
    ctx: &DocContext,
    view: &View,
    cm: &CueMatch,
    right: usize,
    source_camps: &[Option<&str>],
    places_allowed: bool,
    settled: &[Stance],
) -> Option<Vec<NodeRef>> {
    let last = cm.first;
    let mut place = None;
    let mut camps: Vec<&str> = source_camps.iter().flatten().copied().collect();
    camps.sort_unstable();
    camps.dedup();
    for i in last + 1..=right.min(last + 16) {
        let Some(mi) = view.mention[i] else {
            if !OBJECT_CLUES.may_contain(view.tokens[i].norm) {
                continue;
            }
            // "called on both sides to stop fighting"
            // A subject of two parties is what "the two sides" after it names again.
            // Unless a preposition governs it ("revive the dialogue between the two
            // countries"): then it names two others.
            // "both sides", "the warring parties": the sides of the dispute the
            // document has reported, wherever they were last named.
            let dispute = dispute_reference(view, i);
            if camps.len() < 2 || governed_by_preposition(view, dispute.unwrap_or_else(|| pair_start(view, i))) {
                if let Some(pair) = dispute.and_then(|_| dispute_pair(ctx, settled, &camps, false)) {
                    return Some(pair);
                }
                if let Some(pair) = pair_reference(ctx, view, i, &camps) {
                    return Some(pair);
                }
            }
            // "urging them to", "warned them": a plural object pronoun is the last
            // actor named outside the doer's camp.
            if PLURAL_OBJECT_PRONOUNS.contains(view.tokens[i].norm) {
                let node = ctx.last_actor_before(view.tokens[i].start, camps.first().copied());
                if let Some(node) = node.filter(|n| !source_camps.contains(&ctx.camp(n))) {
                    // "them" is plural: one side of a dispute fought both ways stands
                    // for both (a pronoun is a weaker tie than "both sides").
                    let sides = dispute_pair(ctx, settled, &camps, true);
                    if let Some(sides) = sides.filter(|p| p.iter().any(|side| ctx.camp(side) == ctx.camp(&node))) {
                        return Some(sides);
                    }
                    return Some(vec![node]);
                }
            }
            continue;
        };
        if view.first_token_of(mi) != Some(i) {
            continue;
        }
        let m = &ctx.mentions[mi];
        let camp = ctx.camp(&m.node);
        if camp.is_none() || source_camps.contains(&camp) {
            continue;
        }
        // "condemned what she called ...": a pronoun after the cue is rarely its object.
        if m.modifier || m.pronoun {
            continue;
        }
        // "hostility towards Israel", "a visit to Kabul": a name the cue's own
        // preposition governs is its object, even where that preposition makes places.
        let cue_governs =
            is_preposition(view.tokens[cm.last].norm) && cm.last > cm.first && governing_word(view, i) == Some(cm.last);
        if m.locative && !cue_governs {
            // "met over Libya", "talks on Syria": a place named as the topic is no
            // counterpart; "arrived in Kabul", "visited Kabul" make it one.
            if !governing_word(view, i).is_some_and(|g| TOPIC_PREPOSITIONS.contains(view.tokens[g].norm)) {
                place.get_or_insert(mi);
            }
            continue;
        }
        if let Some(office) = office_actor(ctx, view, mi) {
            return Some(vec![office]);
        }
        return Some(expand(ctx, view, mi, Direction::Right));
    }
    // A place is a target only for acts done to it ("visited Kabul"), not for a
    // stance on an issue, which falls back to the document's counterpart instead.
    place.filter(|_| places_allowed).map(|mi| vec![ctx.mentions[mi].node.clone()])
}

/// Where a cue's object can stand: before the next verb cue of the sentence, a
/// contrasting clause (", while ...", ", but ...") or a second verb phrase ("and pledged").
fn object_end(view: &View, cm: &CueMatch, right: usize, next_cue: Option<usize>) -> usize {
    let end = next_cue.map_or(right, |n| right.min(n.saturating_sub(1)));
    (cm.last + 1..end)
        .find(|&i| {
            // Only a word of these lists or a gerund can close the object: the rest
            // are turned away on one filter test and one suffix test.
            let w = view.tokens[i].norm;
            (OBJECT_END_CLUES.may_contain(w) || is_gerund(w)) && closes_object(view, cm, i)
        })
        .unwrap_or(end)
}

/// The words besides a gerund that can close a cue's object ([`closes_object`]): a
/// clause conjunction, an infinitive marker, a comma before a contrast, a semicolon.
static OBJECT_END_CLUES: LazyLock<WordFilter> =
    LazyLock::new(|| filter_of(&[&CLAUSE_CONJUNCTIONS, &INFINITIVE_MARKERS], vec![",", ";"]));

/// Whether the word at `i`, after cue `cm`, ends the stretch its object may stand in.
fn closes_object(view: &View, cm: &CueMatch, i: usize) -> bool {
    let next = view.tokens.get(i + 1);
    let conjunction = CLAUSE_CONJUNCTIONS.contains(view.tokens[i].norm);
    let contrast = view.tokens[i].norm == "," && next.is_some_and(|t| CONTRAST_WORDS.contains(t.norm));
    // "condemned the attacks and pledged aid to Ukraine": a second verb phrase.
    let next_verb_phrase =
        conjunction && next.is_some_and(|t| !t.capitalised && is_past_form(t.norm) && view.mention[i + 1].is_none());
    // "recognised the declaration and it keeps troops in Cyprus": a new clause.
    let new_clause = (conjunction || view.tokens[i].norm == ";")
        && next.is_some_and(|t| SUBJECT_PRONOUNS.contains(t.norm) && !FIRST_PERSON_SINGULAR.contains(t.norm));
    // "called on the bloc's leaders to suspend Hungary's rights": past an object
    // (a name, or what the cue's preposition governs), an infinitive is that
    // object's act, not the cue's; "proposed a meeting to improve relations with
    // X" is a purpose, and X still the cue's.
    let infinitive = INFINITIVE_MARKERS.contains(view.tokens[i].norm)
        && i > cm.last + 1
        && (view.mention[cm.last + 1..i].iter().any(Option::is_some) || is_preposition(view.tokens[cm.last].norm))
        && next.is_some_and(|t| {
            !t.capitalised
                && !t.is_punct()
                && view.mention[i + 1].is_none()
                && !NOMINAL_DETERMINERS.contains(t.norm)
                && !POSSESSIVES.contains(t.norm)
                && !DIRECTION_WORDS.contains(t.norm)
                && !t.norm.starts_with(|c: char| c.is_ascii_digit())
        });
    // "Serbia rejected and Kosovo welcomed the ruling": a name with its own verb.
    let new_subject = conjunction
        && view.mention[i + 1].is_some()
        && view.mention[i + 1].and_then(|mi| view.last_token_of(mi)).is_some_and(|last| {
            view.tokens.get(last + 1).is_some_and(|t| {
                !t.capitalised && (is_past_form(t.norm) || AUXILIARIES.contains(t.norm) || MODALS.contains(t.norm))
            })
        });
    // "the coalition carrying out strikes in Syria": a participle clause describes
    // a noun of the object, and what it names is not the cue's object.
    let participle_clause = i > cm.last + 1 && is_gerund(view.tokens[i].norm) && view.mention[i].is_none() && {
        let b = &view.tokens[i - 1];
        view.mention[i - 1].is_none()
            && !b.is_punct()
            && !b.capitalised
            && !NOMINAL_DETERMINERS.contains(b.norm)
            && !is_preposition(b.norm)
            && !BE_FORMS.contains(b.norm)
            && !AUXILIARIES.contains(b.norm)
            && takes_object(view, i)
    };
    contrast || next_verb_phrase || new_clause || infinitive || new_subject || participle_clause
}

/// Whether the verb form at `at` takes an object right after it ("carrying out
/// strikes", "supplying Russia", "fighting the militants"), as a noun ("a major
/// rescheduling of debts") does not.
fn takes_object(view: &View, at: usize) -> bool {
    view.tokens.get(at + 1).is_some_and(|n| {
        view.mention[at + 1].is_some()
            || PARTICLES.contains(n.norm)
            || (NOMINAL_DETERMINERS.contains(n.norm) && n.norm != "'s")
            || POSSESSIVES.contains(n.norm)
    })
}

/// For an implicit target: the subject of the clause the source's cue sits in, when
/// that is another actor ("with the Taliban firmly rejecting the idea" after "U.S.
/// officials"): the first actor before the cue, in the same quote or outside quotes.
fn subject_before_source(ctx: &DocContext, view: &View, cue: usize, source_camps: &[Option<&str>]) -> Option<NodeRef> {
    (0..cue).filter(|&i| view.quote[i] == view.quote[cue]).find_map(|i| {
        let m = &ctx.mentions[view.mention[i]?];
        let camp = ctx.camp(&m.node);
        (m.is_agentive() && camp.is_some() && !source_camps.contains(&camp))
            .then(|| NodeRef::Actor(camp.unwrap_or_default().to_string()))
    })
}

/// Implicit targets go to the actor the source deals with most in this document:
/// sentences shared with the source, plus explicit stances of the same polarity
/// toward it (the source's own counting twice), with at least two such ties.
fn resolve_pending(ctx: &DocContext, explicit: &mut Vec<Stance>, pending: Vec<Pending>) {
    if pending.is_empty() {
        return;
    }
    let cooccurrence = sentence_cooccurrence(ctx);
    let mut own_edges: BTreeMap<(String, bool, String), usize> = BTreeMap::new();
    for s in explicit.iter() {
        if let (Some(a), Some(b)) = (ctx.camp(&s.source), ctx.camp(&s.target)) {
            *own_edges.entry((a.to_string(), s.goldstein > 0.0, b.to_string())).or_default() += 1;
        }
    }
    for p in pending {
        let positive = p.stance.goldstein > 0.0;
        let mut scores: BTreeMap<&str, usize> = BTreeMap::new();
        for (&(a, b), n) in &cooccurrence {
            if a == p.source_camp && b != p.source_camp {
                *scores.entry(b).or_default() += n;
            }
        }
        for ((a, pol, b), n) in &own_edges {
            if *pol != positive || *b == p.source_camp {
                continue;
            }
            // The source's own stances count twice; everyone else's show what the
            // document's dispute is about ("foreign troops" are someone's troops).
            let weight = if *a == p.source_camp { 2 } else { 1 };
            *scores.entry(b.as_str()).or_default() += weight * n;
        }
        // One shared sentence is too thin a tie to name a target on, and where a
        // second actor is tied almost as closely the dispute is not clear: no edge.
        let mut ranked: Vec<(&str, usize)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let runner_up = ranked.get(1).map_or(0, |r| r.1);
        let best = ranked
            .first()
            .filter(|&&(_, score)| {
                score >= MIN_COUNTERPART_SCORE && score * COUNTERPART_MARGIN.1 >= runner_up * COUNTERPART_MARGIN.0
            })
            .map(|&(camp, _)| NodeRef::Actor(camp.to_string()));
        if let Some(target) = best {
            explicit.push(Stance { target, ..p.stance });
        }
    }
}

/// For each ordered pair of actors, how many sentences name both.
fn sentence_cooccurrence<'c>(ctx: &'c DocContext) -> BTreeMap<(&'c str, &'c str), usize> {
    let mut out: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for s in &ctx.seg.sentences {
        let mut camps: Vec<&str> = super::starting_within(&ctx.mentions, s.start, s.end)
            .iter()
            .filter(|m| m.end <= s.end && m.is_agentive())
            .filter_map(|m| ctx.camp(&m.node))
            .collect();
        camps.sort();
        camps.dedup();
        for a in &camps {
            for b in &camps {
                if a != b {
                    *out.entry((a, b)).or_default() += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filters in front of the subject and object walks must let through every
    /// word the walks act on, or a list grown in the data would be skipped unseen.
    #[test]
    fn the_clue_filters_let_every_listed_word_through() {
        for word in subject_clue_lists().iter().flat_map(|l| l.words()).chain(group_reference_words()).chain([","]) {
            assert!(SUBJECT_CLUES.may_contain(word), "subject clue {word:?} filtered out");
        }
        for word in
            PLURAL_OBJECT_PRONOUNS.words().into_iter().chain(DISPUTE_HEADS.words()).chain(group_reference_words())
        {
            assert!(OBJECT_CLUES.may_contain(word), "object clue {word:?} filtered out");
        }
        for word in CLAUSE_CONJUNCTIONS.words().into_iter().chain(INFINITIVE_MARKERS.words()).chain([",", ";"]) {
            assert!(OBJECT_END_CLUES.may_contain(word), "object end {word:?} filtered out");
        }
        assert!(group_reference_words().contains(&"both"));
    }

    fn token(text: &str, at: usize) -> Token<'_> {
        Token { start: at, end: at + text.len(), norm: text, capitalised: false, marked: false }
    }

    #[test]
    fn a_gap_reaches_through_its_clause_end_and_no_further() {
        let words = ["cut", "the", "oil", ".", "supplies", "to", "x"];
        let tokens: Vec<Token> = words.iter().enumerate().map(|(i, w)| token(w, i * 10)).collect();
        let sentence = Sentence { start: 0, end: 70, paragraph: 0 };
        let mention = vec![None; tokens.len()];
        let view = View {
            sentence: &sentence,
            tokens: &tokens,
            mention: &mention,
            quote: Vec::new(),
            evidence: OnceCell::new(),
        };
        let reached: Vec<&str> = gap_words(&view, 1).iter().map(|t| t.norm).collect();
        assert_eq!(reached, ["the", "oil", "."]);
        assert_eq!(gap_words(&view, 4).len(), 3);
        assert!(gap_words(&view, 7).is_empty());
        assert!(gap_words(&view, 9).is_empty());
    }

    #[test]
    fn words_are_the_same_only_when_equal() {
        assert!(same_word("talks", "talks"));
        assert!(!same_word("talks", "tasks"));
        assert!(!same_word("talk", "talks"));
        assert!(!same_word("", "a"));
        assert!(same_word("", ""));
    }
}
