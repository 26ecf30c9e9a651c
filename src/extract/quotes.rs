//! Direct quotes and who said them: `"...," X said`, `X said, "..."`, `according to X`,
//! "he added", a quote that continues the last speaker, a block quote over a dash
//! line, and a social-media embed signed "— Name (@handle) date".

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::mentions::SPEECH_VERBS;
use super::{DocContext, Evidence, NodeRef, PersonInfo, Statement};
use crate::text::{ParagraphKind, Token, WordSet};

/// A quotation and its attribution.
#[derive(Debug, Clone)]
pub(crate) struct Quote {
    /// The quoted words.
    pub inner_start: usize,
    pub inner_end: usize,
    /// One past the closing quote mark.
    pub close: usize,
    /// The passage that holds the quote and its attribution (the evidence).
    pub passage_start: usize,
    pub passage_end: usize,
    /// Who said it, when the text says.
    pub speaker: Option<NodeRef>,
    /// No closing mark ends it: news style for a quotation that goes on in the next
    /// paragraph.
    pub open_ended: bool,
}

/// The node a statement aims at when no actor is its counterpart: one node of kind
/// `topic` (not an actor, so no camp, no stance and no actor count takes it in).
pub(crate) const NO_COUNTERPART: &str = "no-counterpart";

/// Fewer words than this are scare quotes, not statements.
const MIN_QUOTE_WORDS: usize = 3;

/// The document's quotes and their speakers, in text order; their quoted spans never
/// overlap.
pub(crate) fn attribute_quotes(ctx: &mut DocContext) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let paragraphs = ctx.seg.paragraphs.clone();
    for (pi, p) in paragraphs.iter().enumerate() {
        if p.kind != ParagraphKind::Body && p.kind != ParagraphKind::Title {
            continue;
        }
        if let Some(q) = embedded_post(ctx, p.start, p.end) {
            quotes.push(q);
            continue;
        }
        let spans: Vec<_> = quote_spans(&ctx.doc.text, p.start, p.end)
            .into_iter()
            .filter(|&(_, _, a, b)| has_quote_words(&ctx.doc.text[a..b]))
            .collect();
        if spans.is_empty() {
            if let Some(next) = paragraphs.get(pi + 1) {
                if let Some(q) = block_quote(ctx, p.start, p.end, next.start, next.end) {
                    quotes.push(q);
                }
            }
            continue;
        }
        for (open, close, inner_start, inner_end) in spans {
            let previous = quotes.last().cloned();
            let (q, described) = attribute(ctx, open, close, inner_start, inner_end, previous.as_ref(), p.start);
            if let Some(info) = described {
                ctx.persons.entry(info.id.clone()).or_insert(info);
            }
            quotes.push(q);
        }
    }
    // Stances find a sentence's quotes by binary search on this.
    debug_assert!(quotes.windows(2).all(|w| w[0].inner_end <= w[1].inner_start), "quotes in text order");
    quotes
}

/// At least [`MIN_QUOTE_WORDS`] words with a letter: reads no further than that.
fn has_quote_words(s: &str) -> bool {
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).nth(MIN_QUOTE_WORDS - 1).is_some()
}

/// `(open mark, after close mark, inner start, inner end)` for each top-level quote.
///
/// Double marks of any style pair with each other (`“`, `”`, `"` and the doubled
/// apostrophe `''` of some archives): a straight mark may be closed by a curly one.
/// Single marks pair only with single marks, and only where they cannot be apostrophes.
pub(crate) fn quote_spans(text: &str, from: usize, to: usize) -> Vec<(usize, usize, usize, usize)> {
    let s = &text[from..to];
    let mut out = Vec::new();
    // The open mark: where it starts, its length in bytes, and whether it is double.
    let mut open: Option<(usize, usize, bool)> = None;
    // Only quote marks matter: jump from one to the next (`"`, `'`, or the lead byte
    // of the curly marks) and look at the characters on either side.
    let mut pos = 0;
    while let Some(i) = memchr::memchr3(b'"', b'\'', 0xE2, &s.as_bytes()[pos..]) {
        pos += i;
        let Some(c) = s[pos..].chars().next() else { break };
        let doubled = c == '\'' && s.as_bytes().get(pos + 1) == Some(&b'\'');
        let width = if doubled { 2 } else { c.len_utf8() };
        let after = pos + width;
        let prev = s[..pos].chars().next_back();
        let next = s[after..].chars().next();
        let at_word_start =
            prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '\u{2014}' | '\u{2013}' | ':'));
        let at_word_end = next.is_none_or(|n| !n.is_alphanumeric());
        let double = doubled || matches!(c, '"' | '\u{201c}' | '\u{201d}');
        match (open, c) {
            (None, '\u{201c}') => open = Some((pos, width, true)),
            (None, '"') if at_word_start || next.is_some_and(char::is_alphanumeric) => open = Some((pos, width, true)),
            (None, '\'') if doubled && (at_word_start || next.is_some_and(char::is_alphanumeric)) => {
                open = Some((pos, width, true));
            }
            (None, '\u{2018}') if at_word_start => open = Some((pos, width, false)),
            (None, '\'') if !doubled && at_word_start && next.is_some_and(char::is_alphabetic) => {
                open = Some((pos, width, false));
            }
            (Some((start, w, true)), _) if double && c != '\u{201c}' => {
                out.push((from + start, from + after, from + start + w, from + pos));
                open = None;
            }
            (Some((start, w, false)), '\u{2019}' | '\'')
                if !doubled && at_word_end && prev.is_some_and(|p| !p.is_whitespace()) =>
            {
                out.push((from + start, from + after, from + start + w, from + pos));
                open = None;
            }
            _ => {}
        }
        pos = after;
    }
    // A quote left open runs to the paragraph's end (news style for multi-paragraph
    // quotes); a single mark only where nothing else can open: the paragraph's first
    // character, or after a colon.
    if let Some((start, w, double)) = open {
        let opens_paragraph = s[..start].trim_end().is_empty() || s[..start].trim_end().ends_with(':');
        if double || opens_paragraph {
            out.push((from + start, to, from + start + w, to));
        }
    }
    out
}

fn attribute(
    ctx: &DocContext,
    open: usize,
    close: usize,
    inner_start: usize,
    inner_end: usize,
    previous: Option<&Quote>,
    paragraph_start: usize,
) -> (Quote, Option<PersonInfo>) {
    let text = &ctx.doc.text;
    let sa = ctx.sentence_at(open).map_or(paragraph_start, |s| s.start);
    let sb = ctx.sentence_at(close.saturating_sub(1)).map_or(close, |s| s.end);
    let sb = attribution_sentence_end(ctx, inner_start, inner_end, close, sb.max(close));
    let before_from = match previous {
        Some(p) if p.close >= sa && p.close <= open => p.close,
        _ => sa,
    }
    .min(open);
    // The attribution after the quote stops at the next quote mark.
    let after_to = next_quote_mark(&text[close..sb]).map_or(sb, |i| close + i);
    let after = ctx.tokens_in(close, after_to);
    let before = ctx.tokens_in(before_from, open);
    let mut speaker = match speaker_after(ctx, after) {
        Some((node, false)) => Some(node),
        Some((node, true)) => Some(speaker_before(ctx, before).unwrap_or(node)),
        None => speaker_before(ctx, before),
    };
    let mut described = None;
    if speaker.is_none() {
        match described_speaker(ctx, after, before, open) {
            Some(Described::Actor(node)) => speaker = Some(node),
            Some(Described::Person(info)) => {
                speaker = Some(NodeRef::Person(info.id.clone()));
                described = Some(info);
            }
            None => {}
        }
    }
    if speaker.is_none() {
        speaker = according_to_document(ctx, after, before, open);
    }
    let mut passage_start = sa;
    // A later quote of the sentence an attributed quote opened (`"A," said X, "and B"`,
    // or two partial quotes in one paraphrase) has the same speaker.
    if speaker.is_none() {
        if let Some(p) = previous.filter(|p| p.close >= sa && p.close <= open && p.speaker.is_some()) {
            speaker = p.speaker.clone();
        }
    }
    if speaker.is_none() {
        speaker = trailing_attribution(ctx, ctx.tokens_in(close, sb));
    }
    // The segmenter may keep `"A," X said. "B"` in one sentence: what ends a clause
    // before the quote is a sentence of its own for attribution.
    let (sa, before) = match last_clause_end(before).filter(|_| speaker.is_none()) {
        Some(c) => (before[c].end, &before[c + 1..]),
        None => (sa, before),
    };
    // `X said, "A," adding, "B"`: only punctuation and speech verbs before the quote.
    let bare = before.iter().all(|t| t.is_punct() || is_speech_verb(t));
    if speaker.is_none() && bare {
        if let Some((node, from)) = previous_sentence_speaker(ctx, sa, previous) {
            speaker = Some(node);
            passage_start = from;
        }
    }
    if speaker.is_none() && bare {
        // A quote that opens its sentence with no attribution continues the last speaker
        // (however far on, when that quotation was left open to go on).
        let near = |p: &&Quote| p.open_ended || open.saturating_sub(p.passage_end) < 400;
        if let Some(p) = previous.filter(|p| p.speaker.is_some()).filter(near) {
            speaker = p.speaker.clone();
        }
    }
    let quote = Quote {
        inner_start,
        inner_end: trim_end(text, inner_start, inner_end),
        close,
        passage_start,
        passage_end: sb.min(text.len()),
        speaker,
        open_ended: close == inner_end,
    };
    (quote, described)
}

/// "X said in a statement. "We will appeal."": the sentence before attributes the
/// quote that opens the next one, when no quote came between; after a quote of its
/// own (`"A," X said. "B"`) the attribution after its last mark does. The speaker and
/// where that sentence starts.
fn previous_sentence_speaker(ctx: &DocContext, sa: usize, previous: Option<&Quote>) -> Option<(NodeRef, usize)> {
    let text = &ctx.doc.text;
    // The last sentence that starts before `sa` (white space may part the two).
    let k = ctx.seg.sentences.partition_point(|s| s.start < sa).checked_sub(1)?;
    let ps = &ctx.seg.sentences[k];
    // A paragraph that ends in a colon ("Vale went on:") introduces the next one.
    let introduces = text[ps.start..ps.end].trim_end().ends_with(':');
    if ps.paragraph != ctx.sentence_at(sa).map_or(ps.paragraph, |s| s.paragraph) && !introduces {
        return None;
    }
    // Only what comes before `sa`: the sentence may go on past a clause end.
    let (start, end) = (ps.start, ps.end.min(sa));
    let sentence = &text[start..end];
    if next_quote_mark(sentence).is_none() {
        if previous.is_some_and(|p| p.close > start) {
            return None;
        }
        let tokens = ctx.tokens_in(start, end);
        let body = tokens.iter().rposition(|t| !t.ends_clause()).map_or(tokens, |i| &tokens[..=i]);
        if !introduces && !body.iter().any(is_speech_verb) {
            return None;
        }
        return speaker_before(ctx, body).map(|n| (n, start));
    }
    // The last closing mark of that sentence, and the attribution after it.
    let tail = last_quote_mark_end(sentence)?;
    let tokens = ctx.tokens_in(start + tail, end);
    speaker_after(ctx, tokens).map(|(node, _)| (node, start))
}

/// One past the last double quote mark of any style in `s`.
fn last_quote_mark_end(s: &str) -> Option<usize> {
    let curly = s.rfind(['\u{201d}', '"']).map(|i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    curly.into_iter().chain(s.rfind("''").map(|i| i + 2)).max()
}

/// A quote ending in `?` or `!` ends its sentence for the segmenter, though the
/// attribution that follows (`"Why not?" Vale asked.`) belongs to it: the sentence
/// after is taken in when it opens with one.
fn attribution_sentence_end(ctx: &DocContext, inner_start: usize, inner_end: usize, close: usize, sb: usize) -> usize {
    let text = &ctx.doc.text;
    let asks = text[inner_start..inner_end].trim_end().ends_with(['?', '!']);
    let rest = &text[sb..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if !asks || sb > close + 1 {
        return sb;
    }
    let Some(next) = ctx.sentence_at(sb + gap).filter(|s| s.start == sb + gap) else { return sb };
    // "Vale asked", "asked Vale", "the aide asked": a speech verb among the first words,
    // with no quote opening before it.
    let tokens = ctx.tokens_in(next.start, next.end);
    let verb = tokens.iter().take(6).position(is_speech_verb);
    match verb {
        Some(v) if tokens[..v].iter().all(|t| !t.norm.contains(['"', '\u{201c}'])) => next.end,
        _ => sb,
    }
}

/// A speaker the text describes instead of naming.
enum Described {
    /// "the ministry said", "the statement said": the actor (or person) it speaks for.
    Actor(NodeRef),
    /// "one senior aide said": a person with no name and no affiliation.
    Person(PersonInfo),
}

/// Nouns for a person described, not named ("the moderator", "one source").
static PERSON_NOUNS: WordSet = WordSet::named("person_nouns");
/// Nouns for a body that speaks for the actor last named ("the ministry said").
static BODY_NOUNS: WordSet = WordSet::named("body_nouns");
/// Words that open a described speaker ("the", "a", "one", "another").
static DESCRIBED_OPENERS: WordSet = WordSet::named("described_openers");
/// "the": a described speaker met before, or an office's holder.
static DEFINITE_ARTICLES: WordSet = WordSet::named("definite_articles");
/// Titles of an office one person holds: "the PM said" is its holder, named before.
static OFFICE_TITLES: WordSet = WordSet::named("office_titles");
/// Words that open a subordinate clause ("after", "when").
static CLAUSE_OPENERS: WordSet = WordSet::named("clause_openers");
/// Nouns for a text that speaks for whoever issued it ("the statement said").
static DOCUMENT_NOUNS: WordSet = WordSet::named("document_nouns");
/// Function words that end a described speaker's phrase ("the day after he said").
static DESCRIBED_STOPS: WordSet = WordSet::named("described_stops");

/// `"...," the moderator said` / `"...," said one senior aide` / `A senior official
/// said, "..."`: a noun phrase of lower-case words beside the speech verb, its last
/// word a person noun, a role or a body noun.
fn described_speaker(ctx: &DocContext, after: &[Token], before: &[Token], open: usize) -> Option<Described> {
    let k = after.iter().position(|t| !t.is_punct());
    let phrase = match k {
        Some(k) if is_speech_verb(&after[k]) => noun_phrase_at(ctx, after, k + 1),
        Some(k) => noun_phrase_at(ctx, after, k).filter(|&(_, end)| after.get(end).is_some_and(is_speech_verb)),
        None => None,
    }
    .map(|(a, b)| &after[a..b])
    .or_else(|| {
        let clause_start = last_clause_end(before).map_or(0, |i| i + 1);
        let clause = &before[clause_start..];
        let v = clause.iter().rposition(is_speech_verb)?;
        let start = (0..v).rev().take(6).find(|&i| DESCRIBED_OPENERS.contains(clause[i].norm))?;
        let (a, b) = noun_phrase_at(ctx, clause, start)?;
        (b == v).then(|| &clause[a..b])
    })?;
    let last = phrase.last()?;
    let head = last.norm;
    if BODY_NOUNS.contains(head) {
        if let Some(actor) = ctx.last_actor_before(open, None) {
            return Some(Described::Actor(actor));
        }
    }
    if DOCUMENT_NOUNS.contains(head) {
        // "the statement said": the words of whoever the passage says issued it.
        if let Some(node) = ctx.last_actor_before(open, None).or_else(|| last_person_in_paragraph(ctx, open)) {
            return Some(Described::Actor(node));
        }
    }
    // "the PM said": the office's holder, the person the passage is about.
    if DEFINITE_ARTICLES.contains(phrase[0].norm) && OFFICE_TITLES.contains(head) {
        // Only what comes before the phrase can name the holder.
        if let Some(node) = office_holder(ctx, head, open.min(phrase[0].start)) {
            return Some(Described::Actor(node));
        }
    }
    // "a Wagner-linked account said": a speaker that is no person, qualified by an
    // actor, speaks for that actor.
    let known = PERSON_NOUNS.contains(head) || super::mentions::is_role_word(head);
    if !known {
        let qualifier = phrase.iter().find_map(|t| {
            super::starting_within(&ctx.mentions, t.start, t.end)
                .iter()
                .find(|m| matches!(m.node, NodeRef::Actor(_)))
                .map(|m| m.node.clone())
        });
        if let Some(actor) = qualifier {
            return Some(Described::Actor(actor));
        }
    }
    // A capitalised head names a thing ("the Senate") unless it is a noun for a person
    // ("a Texas Republican"); a lower-case one beside a speech verb is the speaker.
    if last.capitalised && !known {
        return None;
    }
    // "the ministers" again: the plural speaker met before as "ministers from A and B".
    if DEFINITE_ARTICLES.contains(phrase[0].norm) && is_plural_role(head) {
        if let Some(actor) = earlier_collective(ctx, head, phrase[0].start) {
            return Some(Described::Actor(actor));
        }
    }
    let words = &phrase[1..];
    let name = ctx.doc.text[words.first()?.start..phrase.last()?.end].to_string();
    // "the official" again: the one unnamed speaker met before whose role has that head.
    if DEFINITE_ARTICLES.contains(phrase[0].norm) {
        let same_head = |p: &&PersonInfo| p.role.as_deref().and_then(|r| r.split_whitespace().last()) == Some(head);
        let mut same = ctx.persons.values().filter(|p| p.id.starts_with("unnamed-")).filter(same_head);
        if let (Some(known), None) = (same.next(), same.next()) {
            return Some(Described::Person(known.clone()));
        }
    }
    // "the official" speaks for the actor the passage just named; "a voter" for no one.
    let affiliation = super::mentions::is_official_role(head)
        .then(|| ctx.last_actor_before(open, None))
        .flatten()
        .and_then(|n| ctx.camp(&n).map(str::to_string));
    let id = match &affiliation {
        Some(actor) => format!("unnamed-{actor}-{}", super::slug(&name)),
        None => format!("unnamed-{}", super::slug(&name)),
    };
    Some(Described::Person(PersonInfo { id, name: name.clone(), affiliation, role: Some(name) }))
}

/// `..., "...," according to a joint statement`: the document speaks for the subject
/// of the clause before the quote (a plural speaker referred back to, a collective,
/// a name), else for the actor last named.
fn according_to_document(ctx: &DocContext, after: &[Token], before: &[Token], open: usize) -> Option<NodeRef> {
    let k = after.iter().position(|t| !t.is_punct())?;
    if !is_according_to(&after[k..]) {
        return None;
    }
    let (_, b) = noun_phrase_at(ctx, after, k + according_len())?;
    if !DOCUMENT_NOUNS.contains(after[b - 1].norm) {
        return None;
    }
    let clause = &before[last_clause_end(before).map_or(0, |i| i + 1)..];
    let subject = match clause {
        [the, head, ..] if DEFINITE_ARTICLES.contains(the.norm) && is_plural_role(head.norm) => {
            earlier_collective(ctx, head.norm, the.start)
        }
        [the, _, head, ..] if DEFINITE_ARTICLES.contains(the.norm) && is_plural_role(head.norm) => {
            earlier_collective(ctx, head.norm, the.start)
        }
        _ => sentence_collective(ctx, clause).or_else(|| free_nominal_at(ctx, clause, 0)),
    };
    subject.or_else(|| ctx.last_actor_before(open, None))
}

/// The first actor of the latest `[head] from [the] A, B ...` before `pos`.
fn earlier_collective(ctx: &DocContext, head: &str, pos: usize) -> Option<NodeRef> {
    let tokens = ctx.tokens_in(0, pos);
    (0..tokens.len().saturating_sub(2)).rev().find_map(|p| {
        if tokens[p].norm != head || !COLLECTIVE_PREPOSITIONS.contains(tokens[p + 1].norm) {
            return None;
        }
        let q = p + 2 + usize::from(super::mentions::DETERMINERS.contains(tokens[p + 2].norm));
        actor_mention_end(ctx, tokens, q)?;
        let t = &tokens[q];
        super::covering(&ctx.mentions, t.start, t.end).map(|m| ctx.mentions[m].node.clone())
    })
}

/// `[start, end)` of a described noun phrase opening at `start`: an opener, then one
/// to four words, none of them a function word, a date or a known name.
fn noun_phrase_at(ctx: &DocContext, tokens: &[Token], start: usize) -> Option<(usize, usize)> {
    if !tokens.get(start).is_some_and(|t| DESCRIBED_OPENERS.contains(t.norm)) {
        return None;
    }
    let words = tokens[start + 1..]
        .iter()
        .take(4)
        .take_while(|t| {
            !t.is_punct()
                && !is_speech_verb(t)
                && !DESCRIBED_STOPS.contains(t.norm)
                && !is_preposition(t.norm)
                && !crate::date::is_calendar_word(t.norm)
                && !t.norm.chars().next().is_some_and(|c| c.is_ascii_digit())
                && !(t.capitalised && names_person(ctx, t))
        })
        .count();
    (words > 0).then_some((start, start + 1 + words))
}

/// The person "the [title]" refers back to: the first person named (outside a quote)
/// in the latest of the last few sentences that names one, when the role the text
/// gives them, if any, is that title.
fn office_holder(ctx: &DocContext, title: &str, pos: usize) -> Option<NodeRef> {
    let text = &ctx.doc.text;
    let here = ctx.seg.sentences.partition_point(|s| s.start <= pos);
    let node = ctx.seg.sentences[here.saturating_sub(4)..here].iter().rev().find_map(|s| {
        let end = s.end.min(pos);
        super::starting_within(&ctx.mentions, s.start, end)
            .iter()
            .filter(|m| m.end <= end && matches!(m.node, NodeRef::Person(_)))
            .find(|m| !inside_quote(&text[s.start..m.start]))
            .map(|m| m.node.clone())
    })?;
    let NodeRef::Person(id) = &node else { return None };
    let role = ctx.persons.get(id).and_then(|p| p.role.as_deref()).unwrap_or("").to_lowercase();
    let holds = role.trim().is_empty()
        || role.split_whitespace().any(|w| w == title)
        // Titles and what they abbreviate, `short=long`: "the PM" holds "Prime Minister".
        || OFFICE_SHORT_FORMS
            .iter()
            .filter_map(|f| f.split_once('='))
            .any(|(short, long)| short == title && role.contains(long));
    holds.then_some(node)
}

/// Whether the end of `s` lies inside a quotation that `s` opens.
pub(crate) fn inside_quote(s: &str) -> bool {
    let count = |c: char| s.matches(c).count();
    count('\u{201c}') > count('\u{201d}') || count('"') % 2 == 1 || s.matches("''").count() % 2 == 1
}

/// A mention of a person covers `t`.
fn names_person(ctx: &DocContext, t: &Token) -> bool {
    super::covering(&ctx.mentions, t.start, t.end).is_some_and(|m| matches!(ctx.mentions[m].node, NodeRef::Person(_)))
}

/// The last person named in the paragraph before `pos`.
fn last_person_in_paragraph(ctx: &DocContext, pos: usize) -> Option<NodeRef> {
    let para = ctx.seg.paragraphs.iter().rev().find(|p| p.start <= pos)?;
    let before = ctx.mentions.partition_point(|m| m.start < pos);
    ctx.mentions[..before]
        .iter()
        .rev()
        .take_while(|m| m.start >= para.start)
        .find(|m| m.end <= pos && matches!(m.node, NodeRef::Person(_)))
        .map(|m| m.node.clone())
}

/// Where the next double quote mark of any style opens in `s`: a straight or an
/// opening curly mark, or a doubled apostrophe. One pass jumps from one candidate
/// byte to the next, where a search per style decoded every character.
fn next_quote_mark(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut pos = 0;
    while let Some(i) = memchr::memchr3(b'"', b'\'', 0xE2, &bytes[pos..]) {
        let at = pos + i;
        let rest = &bytes[at..];
        if rest[0] == b'"' || rest.starts_with(b"''") || rest.starts_with("\u{201c}".as_bytes()) {
            return Some(at);
        }
        pos = at + 1;
    }
    None
}

/// The quoted text without the comma or full stop that news style puts inside it.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let inner = &text[start..end];
    start + inner.trim_end_matches([',', ' ']).len()
}

/// Where the last clause of `tokens` ends: a full stop after a title or an initial
/// ("Mr. Vale", "Jo T. Vale") ends no clause.
fn last_clause_end(tokens: &[Token]) -> Option<usize> {
    (0..tokens.len()).rev().find(|&i| tokens[i].ends_clause() && !abbreviation_dot(tokens, i))
}

/// The full stop at `i` closes an abbreviation: a courtesy title, a rank or an initial.
fn abbreviation_dot(tokens: &[Token], i: usize) -> bool {
    use super::mentions::{COURTESY_TITLES, TITLE_ABBREVIATIONS};
    let Some(prev) = i.checked_sub(1).map(|j| &tokens[j]) else { return false };
    tokens[i].norm == "."
        && (COURTESY_TITLES.contains(prev.norm)
            || TITLE_ABBREVIATIONS.contains(prev.norm)
            || prev.capitalised && prev.end - prev.start == 1)
}

fn is_speech_verb(t: &Token) -> bool {
    SPEECH_VERBS.contains(t.norm)
}

/// `"...," X said` / `"...," said X, a ...` / `"...," he added`; true when the
/// speaker comes from a trailing "according to", which an explicit speaker before
/// the quote outranks.
fn speaker_after(ctx: &DocContext, tokens: &[Token]) -> Option<(NodeRef, bool)> {
    let k = tokens.iter().position(|t| !t.is_punct())?;
    if tokens[..k].iter().any(|t| matches!(t.norm, "." | "!" | "?")) {
        return None;
    }
    if is_speech_verb(&tokens[k]) {
        return after_verb(ctx, tokens, k + 1).map(|n| (n, false));
    }
    if is_according_to(&tokens[k..]) {
        let from = k + according_len();
        return (from..tokens.len().min(k + 8)).find_map(|i| nominal_at(ctx, tokens, i)).map(|n| (n, true));
    }
    // '"...," after Vale said': the name belongs to another clause.
    if CLAUSE_OPENERS.contains(tokens[k].norm) {
        return None;
    }
    for i in k..tokens.len().min(k + 6) {
        if let Some(node) = nominal_at(ctx, tokens, i) {
            // "X said" or "X, the mayor of a town on the coast, said".
            let verb_follows = tokens[i + 1..tokens.len().min(i + 20)]
                .iter()
                .take_while(|t| !matches!(t.norm, "." | "!" | "?" | ";"))
                .enumerate()
                .any(|(j, t)| is_speech_verb(t) && (j < 8 || tokens[i + j].norm == ","));
            return verb_follows.then_some((node, false));
        }
    }
    None
}

/// `"A" that the plan can work, said Jo Vale` / `..., Jo Vale said.`: an attribution
/// after a comma further on in the quote's sentence, ending it.
fn trailing_attribution(ctx: &DocContext, tokens: &[Token]) -> Option<NodeRef> {
    let end = tokens.iter().position(|t| matches!(t.norm, "." | "!" | "?" | ";")).unwrap_or(tokens.len());
    let tokens = &tokens[..end];
    let c = tokens.iter().rposition(|t| t.norm == ",")?;
    let rest = &tokens[c + 1..];
    let first = rest.first()?;
    if finite_speech_verb(first) {
        return nominal_at(ctx, rest, 1).and_then(|_| after_verb(ctx, rest, 1));
    }
    // ", Jo Vale said" and nothing but an adverbial after the verb.
    let v = rest.iter().take(6).position(finite_speech_verb)?;
    let tail_ok = rest.get(v + 1).is_none_or(|t| SPEAKER_NAME_FOLLOWERS.contains(t.norm));
    let node = free_nominal_at(ctx, rest, 0)?;
    let covered_to_verb = rest[..v].iter().all(|t| super::overlapping(&ctx.mentions, t.start, t.end));
    (tail_ok && covered_to_verb).then_some(node)
}

/// Prepositions that may follow a speaker's name or verb ("said Jo Vale on Tuesday").
static SPEAKER_NAME_FOLLOWERS: WordSet = WordSet::named("speaker_name_followers");

/// The speaker after an inverted speech verb: the first nominal, but the person in
/// `said Ruritania's consul in Osaka, Jo Vale` (an actor qualifying a role, then the
/// name after the comma).
fn after_verb(ctx: &DocContext, tokens: &[Token], from: usize) -> Option<NodeRef> {
    let end = tokens.len().min(from + 8);
    let i = (from..end).find(|&i| nominal_at(ctx, tokens, i).is_some())?;
    let node = nominal_at(ctx, tokens, i)?;
    if matches!(node, NodeRef::Actor(_)) {
        // "said Ohio State University professor Jo Vale": a person named before the
        // clause goes on is the one the actor's words qualify.
        let stop = (i + 1..tokens.len().min(i + 8)).find(|&j| tokens[j].is_punct()).unwrap_or(tokens.len().min(i + 8));
        let person = (i + 1..stop).filter_map(|j| nominal_at(ctx, tokens, j)).find(|n| matches!(n, NodeRef::Person(_)));
        if person.is_some() {
            return person;
        }
        let comma = (i + 1..tokens.len().min(i + 8)).find(|&j| matches!(tokens[j].norm, "," | "." | ";"));
        if let Some(c) = comma.filter(|&c| tokens[c].norm == ",") {
            if let Some(person @ NodeRef::Person(_)) = nominal_at(ctx, tokens, c + 1) {
                return Some(person);
            }
        }
    }
    Some(node)
}

/// `X said, "..."` / `According to X, "..."` / `X made it clear: "..."`.
///
/// The speech verb nearest the quote governs it; its subject is the speaker: for a
/// participle (", declaring") the clause's first nominal, after "who" the nominal the
/// relative clause hangs on, else the nominal nearest before the verb that no
/// preposition governs ("Kenya's defence minister Jo Vale said" is Jo Vale).
fn speaker_before(ctx: &DocContext, tokens: &[Token]) -> Option<NodeRef> {
    let according = (0..tokens.len()).find(|&i| is_according_to(&tokens[i..]));
    let verb_after_according = according.is_some_and(|i| tokens[i + according_len()..].iter().any(is_speech_verb));
    if let (Some(i), false) = (according, verb_after_according) {
        if let Some(node) = (i + according_len()..tokens.len().min(i + 8)).find_map(|j| nominal_at(ctx, tokens, j)) {
            return Some(node);
        }
    }
    let clause_start = last_clause_end(tokens).map_or(0, |i| i + 1);
    let clause = &tokens[clause_start..];
    let colon = clause.last().is_some_and(|t| t.norm == ":");
    let verbs: Vec<usize> = (0..clause.len()).rev().filter(|&i| is_speech_verb(&clause[i])).collect();
    for &v in &verbs {
        if let Some(node) = subject_of(ctx, clause, v) {
            return Some(node);
        }
        // `Said Vale, "..."`, or `"A," said Vale, "B"` with A too short to keep: the
        // verb opens the clause, and its subject follows it.
        // A participle ("Speaking in Kabul, ...") has its subject later in the clause.
        let after_mark = clause[..v].iter().rposition(is_quote_mark).map_or(0, |i| i + 1);
        let opens = clause[after_mark..v].iter().all(Token::is_punct) && finite_speech_verb(&clause[v]);
        if opens && nominal_at(ctx, clause, v + 1).is_some() {
            if let Some(node) = after_verb(ctx, clause, v + 1) {
                return Some(node);
            }
        }
    }
    // "Speaking to reporters, Vale made it clear: "..."": the colon introduces the quote.
    if colon {
        return (0..clause.len()).find_map(|i| free_nominal_at(ctx, clause, i));
    }
    if verbs.is_empty() {
        return statement_signers(ctx, clause);
    }
    None
}

/// Prepositions that open a statement's frame ("In a joint statement, A and B "..."").
static STATEMENT_PREPOSITIONS: WordSet = WordSet::named("statement_prepositions");

/// `In a statement on Friday, Kenya's minister Jo Vale "..."`: the signer the quote
/// follows, with no speech verb. Several signers are the statement's collective: the
/// first signer's actor speaks.
fn statement_signers(ctx: &DocContext, clause: &[Token]) -> Option<NodeRef> {
    if !clause.first().is_some_and(|t| STATEMENT_PREPOSITIONS.contains(t.norm)) {
        return None;
    }
    let doc = clause.iter().take(6).position(|t| DOCUMENT_NOUNS.contains(t.norm))?;
    let comma = doc + clause[doc..].iter().position(|t| t.norm == ",")?;
    let signers = &clause[comma + 1..];
    let several = signers.iter().any(|t| COORDINATORS.contains(t.norm));
    let first_mention = signers
        .iter()
        .find_map(|t| super::starting_within(&ctx.mentions, t.start, t.end).first().map(|m| m.node.clone()));
    if several {
        let node = first_mention?;
        return Some(match ctx.camp(&node) {
            Some(actor) => NodeRef::Actor(actor.to_string()),
            None => node,
        });
    }
    (0..signers.len()).find_map(|i| nominal_at(ctx, signers, i)).or(first_mention)
}

/// The collective a sentence opens with: the signers of a statement, a coordination
/// of actors or a plural speaker tied to actors, as the first actor named.
fn sentence_collective(ctx: &DocContext, tokens: &[Token]) -> Option<NodeRef> {
    let end = tokens.iter().position(is_quote_mark).unwrap_or(tokens.len());
    let tokens = &tokens[..end];
    if STATEMENT_PREPOSITIONS.contains(tokens.first()?.norm) && tokens.iter().any(|t| COORDINATORS.contains(t.norm)) {
        if let Some(node) = statement_signers(ctx, tokens) {
            return Some(node);
        }
    }
    collective_subject(ctx, tokens, tokens.len()).filter(|_| {
        // Only a subject that is plural: more than one actor, or a plural noun.
        tokens.iter().take(8).any(|t| COORDINATORS.contains(t.norm) || is_plural_role(t.norm))
    })
}

/// The speaker of the speech verb at `v` in `clause` (see [`speaker_before`]).
fn subject_of(ctx: &DocContext, clause: &[Token], v: usize) -> Option<NodeRef> {
    // "a Truth Social post": a noun, not a verb.
    if v.checked_sub(1).is_some_and(|j| super::mentions::DETERMINERS.contains(clause[j].norm)) {
        return None;
    }
    if v >= 1 && RELATIVE_PRONOUNS.contains(clause[v - 1].norm) {
        // "Jo Vale, a senior aide at the ministry, who said": people, then anyone.
        let before_who = if v >= 2 && clause[v - 2].norm == "," { v - 2 } else { v - 1 };
        let person =
            (0..before_who).rev().filter_map(|i| nominal_at(ctx, clause, i)).find(|n| matches!(n, NodeRef::Person(_)));
        return person
            .or_else(|| (before_who.saturating_sub(6)..before_who).rev().find_map(|i| nominal_at(ctx, clause, i)));
    }
    // "pushback from Beijing, which when asked about the summit said": a relative
    // clause on a thing, however long, hangs on the nominal before its comma.
    if let Some(r) = (v.saturating_sub(16)..v).rev().find(|&r| THING_RELATIVE_PRONOUNS.contains(clause[r].norm)) {
        let nothing_named = !(r + 1..v).any(|i| free_nominal_at(ctx, clause, i).is_some());
        if r >= 2 && clause[r - 1].norm == "," && nothing_named {
            if let Some(node) = nominal_at(ctx, clause, r - 2) {
                return Some(node);
            }
        }
    }
    if is_participle(&clause[v]) {
        // "with spokesman Jo Vale saying": a nominal right before the participle is its
        // subject.
        if let Some(node) = v.checked_sub(1).and_then(|j| free_or_covered_nominal(ctx, clause, j)) {
            return Some(node);
        }
        // "After Kenya struck, Uganda said ..., promising": the participle shares the
        // subject of the finite speech verb before it.
        if let Some(node) =
            (0..v).rev().filter(|&j| finite_speech_verb(&clause[j])).find_map(|j| subject_of(ctx, clause, j))
        {
            return Some(node);
        }
        return (0..v).find_map(|i| free_nominal_at(ctx, clause, i));
    }
    if v >= 1 && COORDINATORS.contains(clause[v - 1].norm) {
        // "He promised that Kenya would help and said": the coordinated verb shares
        // the clause's subject, not the nominal inside the first verb's complement.
        if let Some(node) = (0..v - 1).find_map(|i| free_nominal_at(ctx, clause, i)) {
            return Some(node);
        }
    }
    if let Some(node) = appositive_head(ctx, clause, v) {
        return Some(node);
    }
    if let Some(node) = collective_subject(ctx, clause, v) {
        return Some(node);
    }
    let nearest = (0..v).rev().find_map(|i| free_nominal_at(ctx, clause, i).map(|n| (i, n)));
    // "Jo Vale, Kenya's ambassador, said": an actor owning the appositive's role
    // qualifies it; the person the appositive describes is the speaker.
    if let Some((i, NodeRef::Actor(_))) = &nearest {
        let owner = clause[*i + 1..v].iter().find(|t| !t.capitalised).is_some_and(|t| t.norm == "'s");
        if owner {
            let person =
                (0..*i).rev().filter_map(|j| free_nominal_at(ctx, clause, j)).find(|n| matches!(n, NodeRef::Person(_)));
            if person.is_some() {
                return person;
            }
        }
    }
    nearest.map(|(_, n)| n)
}

/// Prepositions that tie a plural described speaker to the actors it belongs to
/// ("ministers from A and B").
static COLLECTIVE_PREPOSITIONS: WordSet = WordSet::named("collective_prepositions");

/// A plural role or person noun ("ministers", "officials", "sources").
fn is_plural_role(w: &str) -> bool {
    w.strip_suffix('s').is_some_and(|one| super::mentions::is_official_role(one) || PERSON_NOUNS.contains(one))
}

/// One past the last token of the actor mention that starts at token `i`.
fn actor_mention_end(ctx: &DocContext, tokens: &[Token], i: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    let m = &ctx.mentions[super::covering(&ctx.mentions, t.start, t.end)?];
    if !matches!(m.node, NodeRef::Actor(_)) || m.start < t.start {
        return None;
    }
    Some(i + tokens[i..].iter().take_while(|t| t.end <= m.end).count())
}

/// `A, B and the C` from the actor at token `i`: one past its last conjunct, and how
/// many conjuncts it has.
fn actor_coordination(ctx: &DocContext, tokens: &[Token], i: usize) -> Option<(usize, usize)> {
    let mut end = actor_mention_end(ctx, tokens, i)?;
    let mut conjuncts = 1;
    loop {
        let joins = |j: usize| tokens.get(j).is_some_and(|t| t.norm == "," || COORDINATORS.contains(t.norm));
        let mut j = end;
        if !joins(j) {
            break;
        }
        j += 1;
        if tokens.get(j).is_some_and(|t| COORDINATORS.contains(t.norm)) {
            j += 1;
        }
        if tokens.get(j).is_some_and(|t| super::mentions::DETERMINERS.contains(t.norm)) {
            j += 1;
        }
        let Some(e) = actor_mention_end(ctx, tokens, j) else { break };
        end = e;
        conjuncts += 1;
    }
    Some((end, conjuncts))
}

/// The first actor of a plural speaker tied to actors (`officials from A, B and C`),
/// or of a coordination of actors (`A, B and C said`): a collective speaks as the
/// first actor it names. The phrase must be the subject: nothing nameable before it
/// in the clause, nor between it and the verb at `v`.
fn collective_subject(ctx: &DocContext, clause: &[Token], v: usize) -> Option<NodeRef> {
    let first_free = (0..v).find(|&i| free_nominal_at(ctx, clause, i).is_some());
    let plural = (0..v.saturating_sub(2))
        .find(|&p| is_plural_role(clause[p].norm) && COLLECTIVE_PREPOSITIONS.contains(clause[p + 1].norm));
    let (first, end) = match plural {
        Some(p) if first_free.is_none_or(|f| f > p) => {
            let q = p + 2 + usize::from(super::mentions::DETERMINERS.contains(clause[p + 2].norm));
            (q, actor_coordination(ctx, clause, q)?.0)
        }
        _ => {
            let f = first_free?;
            let (end, conjuncts) = actor_coordination(ctx, clause, f)?;
            if conjuncts < 2 {
                return None;
            }
            (f, end)
        }
    };
    // A comma before the verb may open another clause ("A and B met, officials said").
    if end > v || (end..v).any(|i| clause[i].norm == "," || free_nominal_at(ctx, clause, i).is_some()) {
        return None;
    }
    let t = &clause[first];
    super::covering(&ctx.mentions, t.start, t.end).map(|m| ctx.mentions[m].node.clone())
}

/// `Jo Vale, a representative of Kenya's Security Service (KSS), said`: the nominal
/// just before an appositive that a determiner opens, between commas before the verb.
fn appositive_head(ctx: &DocContext, clause: &[Token], v: usize) -> Option<NodeRef> {
    if v < 2 || clause[v - 1].norm != "," {
        return None;
    }
    let c = (0..v - 1).rev().find(|&c| clause[c].norm == ",")?;
    if !clause.get(c + 1).is_some_and(|t| DESCRIBED_OPENERS.contains(t.norm)) {
        return None;
    }
    free_or_covered_nominal(ctx, clause, c.checked_sub(1)?)
}

/// A quotation mark of any style, as a token.
fn is_quote_mark(t: &Token) -> bool {
    !t.norm.is_empty() && t.norm.chars().all(|c| matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\'' | '\u{2019}'))
}

/// "who" before a speech verb: the speaker is the nominal the relative clause hangs on.
static RELATIVE_PRONOUNS: WordSet = WordSet::named("relative_pronouns");
/// "which" before a speech verb: the speaker is the thing (a state, a body) it hangs on.
static THING_RELATIVE_PRONOUNS: WordSet = WordSet::named("thing_relative_pronouns");
/// "and" before a speech verb: it shares the clause's subject.
static COORDINATORS: WordSet = WordSet::named("verb_coordinators");

/// Lists the attribution rules read on every token: looked up once, not per call.
static PARTICIPLE_ENDINGS: LazyLock<&'static [String]> =
    LazyLock::new(|| crate::language::get().list("participle_endings"));
static ACCORDING_TO: LazyLock<&'static [String]> = LazyLock::new(|| crate::language::get().list("according_to"));
static OFFICE_SHORT_FORMS: LazyLock<&'static [String]> =
    LazyLock::new(|| crate::language::get().list("office_short_forms"));

/// A present participle ("saying"), by its ending (data: `participle_endings`).
fn is_participle(t: &Token) -> bool {
    PARTICIPLE_ENDINGS.iter().any(|e| t.norm.ends_with(e.as_str()))
}

/// A speech verb that is not a participle.
fn finite_speech_verb(t: &Token) -> bool {
    is_speech_verb(t) && !is_participle(t)
}

/// The nominal whose last word is at `i`, when no preposition governs its first word.
fn free_or_covered_nominal(ctx: &DocContext, clause: &[Token], i: usize) -> Option<NodeRef> {
    let t = clause.get(i)?;
    match super::covering(&ctx.mentions, t.start, t.end) {
        Some(mi) => {
            let first = clause.iter().position(|c| c.start >= ctx.mentions[mi].start)?;
            free_nominal_at(ctx, clause, first)
        }
        None => free_nominal_at(ctx, clause, i),
    }
}

/// [`nominal_at`] for a nominal whose first word no preposition governs: "According
/// to The Associated Press, Trump's comments ..." is Trump's.
fn free_nominal_at(ctx: &DocContext, clause: &[Token], i: usize) -> Option<NodeRef> {
    let token = clause.get(i)?;
    // Looked up once here for the three questions below: each lookup is a search.
    let mention = super::covering(&ctx.mentions, token.start, token.end);
    let first = match mention {
        Some(mi) => clause.iter().position(|t| t.start >= ctx.mentions[mi].start).unwrap_or(i),
        None => i,
    };
    if first != i || first.checked_sub(1).is_some_and(|j| is_preposition(clause[j].norm)) {
        return None;
    }
    let locative = mention.is_some_and(|mi| ctx.mentions[mi].locative);
    nominal_covered(ctx, token, mention).filter(|_| !locative)
}

pub(crate) fn is_preposition(w: &str) -> bool {
    GOVERNING_PREPOSITIONS.contains(w)
}

/// Prepositions that govern a nominal, so it is no speech verb's subject.
static GOVERNING_PREPOSITIONS: WordSet = WordSet::named("governing_prepositions");

/// "he", "she": a person speaks.
static PERSON_SUBJECT_PRONOUNS: WordSet = WordSet::named("person_subject_pronouns");
/// "they": an actor speaks.
static GROUP_SUBJECT_PRONOUNS: WordSet = WordSet::named("group_subject_pronouns");

/// `tokens` open with "according to" (the phrase is data: `according_to`).
fn is_according_to(tokens: &[Token]) -> bool {
    let phrase: &[String] = &ACCORDING_TO;
    !phrase.is_empty() && tokens.len() >= phrase.len() && tokens.iter().zip(phrase).all(|(t, w)| t.norm == w)
}

/// How many words "according to" has.
fn according_len() -> usize {
    ACCORDING_TO.len()
}

/// The speaker a token names: a mention there (not an actor that only qualifies a
/// person's title), or a pronoun.
fn nominal_at(ctx: &DocContext, tokens: &[Token], i: usize) -> Option<NodeRef> {
    let t = tokens.get(i)?;
    nominal_covered(ctx, t, super::covering(&ctx.mentions, t.start, t.end))
}

/// [`nominal_at`] for a token whose covering mention is known.
fn nominal_covered(ctx: &DocContext, t: &Token, mention: Option<usize>) -> Option<NodeRef> {
    if let Some(m) = mention.map(|i| &ctx.mentions[i]) {
        return (!m.modifier).then(|| m.node.clone());
    }
    if PERSON_SUBJECT_PRONOUNS.contains(t.norm) {
        ctx.last_person_before(t.end)
    } else if GROUP_SUBJECT_PRONOUNS.contains(t.norm) {
        // "They also expressed ...": a collective the sentence before opened with.
        let here = ctx.seg.sentences.partition_point(|s| s.start <= t.start);
        let previous = here.checked_sub(2).map(|k| &ctx.seg.sentences[k]);
        previous
            .and_then(|s| sentence_collective(ctx, ctx.tokens_in(s.start, s.end)))
            .or_else(|| ctx.last_actor_before(t.start, None))
    } else {
        None
    }
}

/// A paragraph with no quote marks, followed by a short line opening with a dash
/// that names who said it.
fn block_quote(ctx: &mut DocContext, ps: usize, pe: usize, ds: usize, de: usize) -> Option<Quote> {
    let text = &ctx.doc.text;
    let line = text[ds..de].trim();
    let name = line.strip_prefix(['\u{2013}', '\u{2014}', '-', '\u{2015}'])?.trim();
    if name.is_empty() || name.split_whitespace().count() > 6 || !has_quote_words(&text[ps..pe]) {
        return None;
    }
    let name_start = de - line.len() + (line.len() - name.len());
    let speaker = speaker_named(ctx, name_start, name_start + name.len())?;
    Some(Quote {
        inner_start: ps,
        inner_end: pe,
        close: pe,
        passage_start: ps,
        passage_end: de,
        speaker: Some(speaker),
        open_ended: false,
    })
}

/// Spaced marks that part two forms of a name in a signature line.
const SIGNATURE_SEPARATORS: [&str; 4] = [" - ", " \u{2013} ", " | ", " / "];

/// A social-media embed: `Text... pic.twitter.com/x — Name (@handle) Month D, YYYY`.
fn embedded_post(ctx: &mut DocContext, ps: usize, pe: usize) -> Option<Quote> {
    let text = &ctx.doc.text;
    let para = &text[ps..pe];
    // The last "(@", found from its rarer byte with memchr: every paragraph is asked.
    let handle = memchr::memrchr_iter(b'@', para.as_bytes()).find(|&at| at > 0 && para.as_bytes()[at - 1] == b'(')? - 1;
    let dash = para[..handle].rfind(['\u{2014}', '\u{2013}'])?;
    let name_part = &para[dash + '\u{2014}'.len_utf8()..handle];
    // "— Jo Vale - جو ویل (@jovale)": a name given in two forms keeps the first.
    let cut = SIGNATURE_SEPARATORS.iter().filter_map(|sep| name_part.find(sep)).min().unwrap_or(name_part.len());
    let name = name_part[..cut].trim();
    if name.is_empty() || name.split_whitespace().count() > 5 {
        return None;
    }
    let mut quote_end = dash;
    if let Some(link) = para[..dash].find("pic.twitter.com") {
        quote_end = link;
    }
    let body = para[..quote_end].trim_end();
    if !has_quote_words(body) {
        return None;
    }
    let name_start = ps + dash + '\u{2014}'.len_utf8() + (name_part.len() - name_part.trim_start().len());
    let speaker = speaker_named(ctx, name_start, name_start + name.len())?;
    Some(Quote {
        inner_start: ps,
        inner_end: ps + body.len(),
        close: ps + body.len(),
        passage_start: ps,
        passage_end: pe,
        speaker: Some(speaker),
        open_ended: false,
    })
}

/// The node a signature line names: a known name in it, or a new person of that name
/// (none when the line has no letters to name anyone by).
fn speaker_named(ctx: &mut DocContext, start: usize, end: usize) -> Option<NodeRef> {
    let found = ctx.lex.gazetteer.find(&ctx.doc.text[start..end]).into_iter().next();
    if let Some(m) = found.filter(|m| m.end - m.start + 2 >= end - start) {
        return Some(ctx.node_for(m.target));
    }
    let name = ctx.doc.text[start..end].to_string();
    let id = super::slug(&name);
    if id.is_empty() {
        return None;
    }
    if let Some(known) = ctx.persons.values().find(|p| p.name.ends_with(&name) || name.ends_with(p.name.as_str())) {
        return Some(NodeRef::Person(known.id.clone()));
    }
    ctx.persons.entry(id.clone()).or_insert(PersonInfo { id: id.clone(), name, affiliation: None, role: None });
    Some(NodeRef::Person(id))
}

/// One statement edge per attributed quote; the target is the first other actor the
/// quote names, else one its sentence names, else the document's main counterpart,
/// else the [`NO_COUNTERPART`] topic node.
pub(crate) fn statements(ctx: &DocContext, quotes: &[Quote]) -> Vec<Statement> {
    let mut out = Vec::new();
    // The counterpart depends only on the speaker's camp: worked out once per camp, or
    // an article of thousands of quotes would count its mentions thousands of times.
    let mut counterparts: BTreeMap<Option<&str>, Option<NodeRef>> = BTreeMap::new();
    // Quotes of one passage share its evidence, whose date is parsed from its text.
    let mut passage: Option<((usize, usize), Evidence)> = None;
    for q in quotes {
        let Some(speaker) = &q.speaker else { continue };
        let own = ctx.camp(speaker);
        let other = |from: usize, to: usize| {
            super::starting_within(&ctx.mentions, from, to)
                .iter()
                .filter(|m| m.end <= to && !m.locative)
                .find(|m| ctx.camp(&m.node).is_some_and(|c| Some(c) != own))
                .map(|m| m.node.clone())
        };
        let target = other(q.inner_start, q.inner_end)
            .or_else(|| other(q.passage_start, q.passage_end))
            .or_else(|| counterparts.entry(own).or_insert_with(|| ctx.counterpart(own)).clone())
            .or_else(|| {
                matches!(speaker, NodeRef::Person(_)).then(|| own.map(|c| NodeRef::Actor(c.to_string()))).flatten()
            });
        // A quote with no counterpart is still a statement: it goes to the one topic node.
        let target = target.filter(|t| t != speaker).unwrap_or_else(|| NodeRef::Actor(NO_COUNTERPART.to_string()));
        out.push(Statement {
            source: speaker.clone(),
            target,
            quote: ctx.doc.text[q.inner_start..q.inner_end].trim().to_string(),
            evidence: passage_evidence(ctx, &mut passage, q).clone(),
        });
    }
    out
}

/// The evidence of `q`'s passage: the last one made when it is the same passage.
fn passage_evidence<'e>(ctx: &DocContext, last: &'e mut Option<((usize, usize), Evidence)>, q: &Quote) -> &'e Evidence {
    let span = (q.passage_start, q.passage_end);
    if last.as_ref().is_some_and(|(s, _)| *s != span) {
        *last = None;
    }
    &last.get_or_insert_with(|| (span, ctx.evidence(span.0, span.1))).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_quote_mark_is_the_first_of_any_double_style() {
        assert_eq!(next_quote_mark("he said. \"Yes\""), Some(9));
        assert_eq!(next_quote_mark("it\u{2019}s \u{201c}no\u{201d}"), Some(7));
        assert_eq!(next_quote_mark("Vale's view: ''no''"), Some(13));
        // A closing curly mark, a dash and a single apostrophe open nothing.
        assert_eq!(next_quote_mark("done\u{201d} \u{2014} Vale's"), None);
        assert_eq!(next_quote_mark(""), None);
    }

    #[test]
    fn finds_curly_straight_and_single_quotes_but_not_apostrophes() {
        let text = "He said \u{201c}it won\u{2019}t work\u{201d} and \"we agree\" and \u{2018}no way out\u{2019} for Afghanistan\u{2019}s sake.";
        let spans = quote_spans(text, 0, text.len());
        let inner: Vec<&str> = spans.iter().map(|&(_, _, a, b)| &text[a..b]).collect();
        assert_eq!(inner, ["it won\u{2019}t work", "we agree", "no way out"]);
    }

    /// A document with an embedded post between a lead paragraph and a closing one.
    fn post_between_paragraphs(lead: &str, post: &str) -> crate::ingest::Document {
        crate::ingest::Document {
            id: "post".into(),
            title: None,
            date: None,
            url: None,
            text: format!("{lead}\n\n{post}\n\nNothing more was said about it."),
        }
    }

    #[test]
    fn an_embedded_post_is_a_quote_of_whoever_signs_it() {
        let lex = crate::extract::Lexicon::load(&[], &[]).expect("built-in lexicons load");
        let post = "We will not give the base back to anyone, not now and not later, whatever is offered to us and whoever asks for it in the weeks to come. pic.twitter.com/x1 \u{2014} Zabihullah Mujahid (@Zabihullah_M) September 21, 2025";
        let doc = post_between_paragraphs("A spokesman answered the president on Sunday morning.", post);
        let arena = bumpalo::Bump::new();
        let mut staged = crate::extract::Staged::segment(&doc, &lex, &arena);
        staged.find_mentions();
        assert_eq!(staged.attribute_quotes(), 1);
        let plain = crate::ingest::Document { text: doc.text.replace("(@", "(at "), ..doc.clone() };
        let mut staged = crate::extract::Staged::segment(&plain, &lex, &arena);
        staged.find_mentions();
        assert_eq!(staged.attribute_quotes(), 0);
    }

    #[test]
    fn a_signature_with_two_forms_of_the_name_keeps_the_first() {
        let lex = crate::extract::Lexicon::load(&[], &[]).expect("built-in lexicons load");
        let post = "We will not reopen the bridge to anyone, not now and not later, whatever is offered to us and whoever asks for it in the weeks to come. pic.twitter.com/x1 \u{2014} Jo Vale | \u{062c}\u{0648} (@jovale) September 21, 2025";
        let doc = post_between_paragraphs("A spokesman answered the council on Sunday morning.", post);
        let arena = bumpalo::Bump::new();
        let mut staged = crate::extract::Staged::segment(&doc, &lex, &arena);
        staged.find_mentions();
        assert_eq!(staged.attribute_quotes(), 1);
        let persons: Vec<String> = staged.finish().persons.into_keys().collect();
        assert_eq!(persons, ["jo-vale"]);
    }

    #[test]
    fn nested_single_quotes_stay_inside_the_double_quote() {
        let text = "\u{201c}They pledged that \u{2018}it will not use force,\u{2019} so keep it,\u{201d} he wrote.";
        let spans = quote_spans(text, 0, text.len());
        assert_eq!(spans.len(), 1);
    }
}
