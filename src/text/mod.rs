//! The text stage: paragraphs, page furniture, sentences and tokens, all as byte
//! spans into the document text. Nothing here copies or rewrites the text, so a
//! span made here reaches an edge's evidence unchanged.

use std::sync::OnceLock;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::Anchored;
use bumpalo::Bump;
use compact_str::CompactString;
use rustc_hash::FxHashSet;

use crate::date::Date;

/// A closed list of words (prepositions, role nouns, speech verbs...) that the
/// extractors ask about nearly every token: a hash set built on first use, where a
/// scan of the list cost a tenth of the run.
pub struct WordSet {
    words: Words,
    index: OnceLock<WordIndex>,
}

/// Where a [`WordSet`]'s words come from.
enum Words {
    /// Spelled in the code (tests, and sets that are not language).
    Literal(&'static [&'static str]),
    /// A list of the language data ([`crate::language`]), by key.
    Named(&'static str),
}

/// The built form of a [`WordSet`].
struct WordIndex {
    filter: WordFilter,
    set: FxHashSet<&'static str>,
}

impl WordIndex {
    fn build(words: &[&'static str]) -> Self {
        Self { filter: WordFilter::new(words.iter().copied()), set: words.iter().copied().collect() }
    }

    fn build_named(key: &str) -> Self {
        let words: Vec<&'static str> = crate::language::get().list(key).iter().map(String::as_str).collect();
        Self::build(&words)
    }

    fn contains(&self, word: &str) -> bool {
        self.filter.may_contain(word) && self.set.contains(word)
    }
}

/// A quick "certainly not" for word lookups. Most words looked up in a word list or
/// the cue lexicon are not there, and this turns nearly all of them away with one bit
/// test, before anything is hashed in full: a bit set indexed by a hash of the
/// length and the first two and last two bytes. At 64 bits per word (a few kilobytes
/// for the gazetteer) it lets about one stranger in sixty through; at 16 bits, the
/// one in twelve it let through cost more hashing than the larger set costs in cache.
#[derive(Clone)]
pub struct WordFilter {
    bits: Vec<u64>,
    /// Index bits: the bit set has `1 << log2_bits` bits.
    log2_bits: u32,
}

impl WordFilter {
    /// A filter that lets `words` through.
    pub fn new<'a>(words: impl ExactSizeIterator<Item = &'a str>) -> Self {
        let log2_bits = (words.len().max(1) * 64).next_power_of_two().trailing_zeros().max(9);
        let mut filter = Self { bits: vec![0; (1 << log2_bits) / 64], log2_bits };
        for word in words {
            let slot = filter.slot(word);
            filter.bits[slot / 64] |= 1 << (slot % 64);
        }
        filter
    }

    /// `false` only for a word not given to [`WordFilter::new`].
    pub fn may_contain(&self, word: &str) -> bool {
        let slot = self.slot(word);
        self.bits[slot / 64] & (1 << (slot % 64)) != 0
    }

    fn slot(&self, word: &str) -> usize {
        // Fibonacci hashing: the top bits of the product mix every byte of the key.
        (filter_key(word.as_bytes()).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.log2_bits)) as usize
    }
}

/// The length and the first two and last two bytes of a word, as one number: two
/// loads of two bytes each, where a bounds-checked load per byte cost a third of
/// every lookup.
#[inline]
fn filter_key(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let ends = match (bytes.first_chunk::<2>(), bytes.last_chunk::<2>()) {
        (Some(&first), Some(&last)) => u64::from(u16::from_le_bytes(first)) | u64::from(u16::from_le_bytes(last)) << 16,
        _ => bytes.first().map_or(0, |&b| u64::from(b)),
    };
    ends | (n as u64) << 32
}

impl WordSet {
    /// A set of `words`; nothing is built until the first lookup.
    pub const fn new(words: &'static [&'static str]) -> Self {
        Self { words: Words::Literal(words), index: OnceLock::new() }
    }

    /// The words, for checks over the whole list.
    pub fn words(&self) -> Vec<&'static str> {
        match self.words {
            Words::Literal(words) => words.to_vec(),
            Words::Named(key) => crate::language::get().list(key).iter().map(String::as_str).collect(),
        }
    }

    /// The language data's list `key` (see `data/en/`); read on the first lookup.
    pub const fn named(key: &'static str) -> Self {
        Self { words: Words::Named(key), index: OnceLock::new() }
    }

    /// Whether `word` is one of the words, exactly (the lists are lower case).
    pub fn contains(&self, word: &str) -> bool {
        self.index
            .get_or_init(|| match self.words {
                Words::Literal(words) => WordIndex::build(words),
                Words::Named(key) => WordIndex::build_named(key),
            })
            .contains(word)
    }
}

/// What a paragraph is to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    /// The headline.
    Title,
    /// Running article text.
    Body,
    /// A short line without closing punctuation: section head, byline, caption.
    Heading,
    /// Menus, share buttons, teasers, newsletter blurbs: never read for stances.
    Furniture,
}

/// A paragraph: a line, or lines a hard wrap split.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Paragraph {
    /// First byte.
    pub start: usize,
    /// One past the last byte (trailing white space excluded).
    pub end: usize,
    /// Its role.
    pub kind: ParagraphKind,
}

/// A sentence; quotes that run over several sentences stay in one.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Sentence {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// A word or punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'t> {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Lower-cased, curly apostrophes made straight. Most words are so already and
    /// borrow their text; the others are lower-cased into the document's arena. A copy
    /// per token, even inline, was a twentieth of the run.
    pub norm: &'t str,
    /// Starts with an upper-case letter.
    pub capitalised: bool,
    /// A word may start inside it, after a mark ("pro-Russian", "U.S.", "'s"), or it
    /// runs on into letters ("do" of "don't"): it is not one plain word.
    pub marked: bool,
}

impl Token<'_> {
    /// A single punctuation character.
    pub fn is_punct(&self) -> bool {
        !self.norm.chars().any(char::is_alphanumeric)
    }

    /// Ends a clause: a stop or a semicolon.
    pub fn ends_clause(&self) -> bool {
        matches!(self.norm, ";" | "." | "!" | "?")
    }
}

/// The segmented document.
#[derive(Debug, Clone)]
pub struct Segmented {
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences of the title and body paragraphs, in order.
    pub sentences: Vec<Sentence>,
}

/// Splits `text` into paragraphs and sentences, marking furniture.
pub fn segment(text: &str) -> Segmented {
    let mut paragraphs = split_paragraphs(text);
    let sentences = classify(text, &mut paragraphs);
    Segmented { paragraphs, sentences }
}

fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    // Room for a paragraph per 300 bytes or so, as news has: grown from nothing, the
    // vector was copied several times per document.
    let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(text.len() / 300 + 4);
    let mut previous_blank = true;
    let mut offset = 0;
    // Line ends found with memchr: lines are short in hard-wrapped wire copy, and a
    // `split` per line cost more than the lines' reading.
    let bytes = text.as_bytes();
    let unterminated = (!bytes.is_empty() && bytes.last() != Some(&b'\n')).then_some(bytes.len());
    for line_end in memchr::memchr_iter(b'\n', bytes).map(|i| i + 1).chain(unterminated) {
        let line = &text[offset..line_end];
        let trimmed = line.trim();
        let start = offset + (line.len() - line.trim_start().len());
        offset = line_end;
        if trimmed.is_empty() {
            previous_blank = true; // a blank line: a hard paragraph break
            continue;
        }
        let end = start + trimmed.len();
        let continues = !previous_blank
            && paragraphs.last().is_some_and(|p| is_wrapped_continuation(&text[p.start..p.end], &text[start..end]));
        match paragraphs.last_mut() {
            Some(p) if continues => p.end = end,
            _ => paragraphs.push(Paragraph { start, end, kind: ParagraphKind::Body }),
        }
        previous_blank = false;
    }
    paragraphs
}

/// Hard-wrapped text continues a paragraph on the next line: the line before does
/// not end a sentence and the next one does not open with a capital.
fn is_wrapped_continuation(previous: &str, next: &str) -> bool {
    let ends_open = !previous.trim_end().ends_with(is_closing_char);
    // Inside a block already wrapped, an open line goes on whatever the next one opens
    // with ("President Hassan" / "Rouhani said"), unless it opens a list item.
    if ends_open && previous.contains('\n') && previous.len() > 60 && !next.starts_with(['-', '•', '*', '–', '—'])
    {
        return true;
    }
    let next_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    // Looked at only when the cheaper tests leave the question open: every line asks.
    let ends_mid_sentence = || {
        previous.trim_end().ends_with([',', '-', ';'])
            || previous.split_whitespace().last().is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
    };
    ends_open
        && (next_lower || previous.len() > 60 && !next.starts_with(['-', '•', '*', '–', '—']) && ends_mid_sentence())
}

fn is_closing_char(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '"' | '\u{201d}' | '\'' | '\u{2019}' | ':' | ')' | '…')
}

/// The furniture phrases (`furniture_phrases` in data/en/furniture.toml).
fn furniture_phrase_list() -> Vec<&'static str> {
    crate::language::get().list("furniture_phrases").iter().map(String::as_str).collect()
}

/// All the furniture phrases in one automaton, stepped by hand (see [`phrases_in_pair`]).
struct FurniturePhrases {
    dfa: aho_corasick::dfa::DFA,
    start: StateID,
}

fn furniture_phrases() -> &'static FurniturePhrases {
    static AUTOMATON: OnceLock<FurniturePhrases> = OnceLock::new();
    AUTOMATON.get_or_init(|| {
        let dfa = aho_corasick::dfa::Builder::new()
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(furniture_phrase_list())
            .expect("the phrases are plain strings");
        let start = dfa.start_state(Anchored::No).expect("a DFA is built for unanchored search by default");
        FurniturePhrases { dfa, start }
    })
}

impl FurniturePhrases {
    /// Steps through `bytes` from `state`: whether a phrase ends on the way.
    fn scan(&self, mut state: StateID, bytes: &[u8]) -> bool {
        let mut hit = false;
        for &b in bytes {
            state = self.dfa.next_state(Anchored::No, state, b);
            hit |= self.dfa.is_match(state);
        }
        hit
    }

    /// Whether each of two lines holds a phrase, both read in one loop. A step waits
    /// on the one before (a load from the transition table), so one line at a time
    /// leaves the core idle between steps; two independent lines fill that time.
    fn scan_pair(&self, a: &[u8], b: &[u8]) -> (bool, bool) {
        let (mut state_a, mut state_b) = (self.start, self.start);
        let (mut hit_a, mut hit_b) = (false, false);
        for (&x, &y) in a.iter().zip(b) {
            state_a = self.dfa.next_state(Anchored::No, state_a, x);
            state_b = self.dfa.next_state(Anchored::No, state_b, y);
            hit_a |= self.dfa.is_match(state_a);
            hit_b |= self.dfa.is_match(state_b);
        }
        let common = a.len().min(b.len());
        if a.len() > common {
            hit_a = hit_a || self.scan(state_a, &a[common..]);
        } else {
            hit_b = hit_b || self.scan(state_b, &b[common..]);
        }
        (hit_a, hit_b)
    }
}

/// Lines that end the article: what follows them is teasers and blurbs
/// (`end_markers` in data/en/furniture.toml).
static END_MARKERS: WordSet = WordSet::named("end_markers");

/// [`END_MARKERS`] in a list read once: every paragraph after the fifth sentence asks.
fn end_markers() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| END_MARKERS.words())
}
/// End markers that count only as a line of their own ("Author").
static END_MARKERS_ALONE: WordSet = WordSet::named("end_markers_alone");
/// End markers that count only when the line addresses readers ("Dear readers").
static END_MARKERS_TO_READERS: WordSet = WordSet::named("end_markers_to_readers");
static READER_WORDS: WordSet = WordSet::named("reader_words");

/// A line of fewer words than this may be page furniture.
const SHORT_LINE_WORDS: usize = 40;
/// How much of a long line's start is lower-cased to look for an end marker: more
/// than the longest marker.
const MARKER_CHARS: usize = 40;

/// Marks each paragraph's kind and returns the sentences of the title and body
/// paragraphs: a body paragraph is split once, both to count and to keep.
fn classify(text: &str, paragraphs: &mut [Paragraph]) -> Vec<Sentence> {
    let mut sentences = Vec::with_capacity(text.len() / 120 + 4);
    let mut body_sentences = 0usize;
    let mut ended = false;
    let mut title_seen = false;
    let screens = screen(text, paragraphs);
    for ((index, p), screen) in paragraphs.iter_mut().enumerate().zip(screens) {
        let s = &text[p.start..p.end];
        let Screen { words: n_words, furniture_phrase } = screen;
        let short = n_words < SHORT_LINE_WORDS;
        if ended {
            p.kind = ParagraphKind::Furniture;
            continue;
        }
        if body_sentences >= 5 && ends_article(s, short) {
            ended = true;
            p.kind = ParagraphKind::Furniture;
            continue;
        }
        let closed = s.trim_end().ends_with(is_closing_char);
        // A phrase marks furniture only in a line that is no sentence: "the ministry
        // said it would subscribe to the declaration." is article text.
        if furniture_phrase && !is_sentence(s, n_words) {
            p.kind = ParagraphKind::Furniture;
            continue;
        }
        // A line that reads as prose without its stop (a summary line, a last
        // paragraph cut off mid-sentence) is text, once the title is seen.
        if !closed && n_words <= 25 && !(title_seen && reads_as_prose(s, n_words)) {
            if !title_seen && body_sentences == 0 && n_words >= 4 && has_lowercase_word(s)
                || !title_seen && n_words >= 6 && body_sentences == 0
            {
                p.kind = ParagraphKind::Title;
                title_seen = true;
                push_sentences(text, p, index, &mut sentences);
            } else {
                p.kind = ParagraphKind::Heading;
            }
            continue;
        }
        p.kind = ParagraphKind::Body;
        body_sentences += push_sentences(text, p, index, &mut sentences);
    }
    sentences
}

/// Words a line needs to read as prose rather than as a heading or caption.
const PROSE_WORDS: usize = 10;

/// A sentence: ends with a stop and reads as prose.
fn is_sentence(s: &str, n_words: usize) -> bool {
    s.trim_end().ends_with(['.', '!', '?']) && reads_as_prose(s, n_words)
}

/// Enough words, most of them lower-case (headings capitalise theirs).
fn reads_as_prose(s: &str, n_words: usize) -> bool {
    if n_words < PROSE_WORDS {
        return false;
    }
    let lower = s.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_lowercase)).count();
    lower * 2 > n_words
}

/// What [`classify`] needs to know of a paragraph's text alone.
#[derive(Clone, Copy)]
struct Screen {
    /// Its words, counted up to [`SHORT_LINE_WORDS`].
    words: usize,
    /// A short line with a furniture phrase: phrases count only in short lines.
    furniture_phrase: bool,
}

/// Screens every paragraph, the short ones two at a time (see
/// [`FurniturePhrases::scan_pair`]). End markers open a line, so a long paragraph needs
/// no more than its word count capped.
fn screen(text: &str, paragraphs: &[Paragraph]) -> Vec<Screen> {
    let line = |p: &Paragraph| &text[p.start..p.end];
    let mut screens: Vec<Screen> = paragraphs
        .iter()
        .map(|p| Screen { words: count_words(line(p), SHORT_LINE_WORDS), furniture_phrase: false })
        .collect();
    let mut unpaired: Option<usize> = None;
    for index in 0..paragraphs.len() {
        if screens[index].words >= SHORT_LINE_WORDS {
            continue;
        }
        let Some(first) = unpaired.take() else {
            unpaired = Some(index);
            continue;
        };
        let (a, b) = phrases_in_pair(line(&paragraphs[first]), line(&paragraphs[index]));
        screens[first].furniture_phrase = a;
        screens[index].furniture_phrase = b;
    }
    if let Some(last) = unpaired {
        screens[last].furniture_phrase = phrases_in_pair(line(&paragraphs[last]), "").0;
    }
    screens
}

/// Appends the sentences of paragraph `index`; returns how many.
fn push_sentences(text: &str, p: &Paragraph, index: usize, out: &mut Vec<Sentence>) -> usize {
    let before = out.len();
    for_each_sentence(text, p.start, p.end, |start, end| out.push(Sentence { start, end, paragraph: index }));
    out.len() - before
}

/// Whether paragraph `s` is an end marker: what follows it is not the article.
fn ends_article(s: &str, short: bool) -> bool {
    let lower = if short { s.to_lowercase() } else { lowercase_prefix(s, MARKER_CHARS) };
    end_markers().iter().any(|m| {
        lower.starts_with(m) && if short { is_end_marker(&lower, m) } else { is_end_marker(&s.to_lowercase(), m) }
    })
}

/// A furniture phrase in `s`, in any case.
#[cfg(test)]
fn has_furniture_phrase(s: &str) -> bool {
    phrases_in_pair(s, "").0
}

/// Whether each of two lines holds a furniture phrase, in any case. ASCII lines (nearly
/// all) are read as they are; others are lower-cased first, as a letter outside ASCII
/// may lower-case to one inside it.
fn phrases_in_pair(a: &str, b: &str) -> (bool, bool) {
    let (a, b) = (case_folded(a), case_folded(b));
    furniture_phrases().scan_pair(a.as_bytes(), b.as_bytes())
}

fn case_folded(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.to_lowercase())
    }
}

/// `s.split_whitespace().take(cap).count()`, reading ASCII bytes as they are: it
/// runs over every paragraph, and decoding each character was 4% of a run.
fn count_words(s: &str, cap: usize) -> usize {
    if s.is_ascii() {
        // Word starts counted without a branch per byte, so the loop vectorises; the
        // whole line is read, which costs less than stopping at the cap.
        let bytes = s.as_bytes();
        let first = bytes.first().is_some_and(|&b| !is_ascii_space(b));
        let pairs = bytes.iter().zip(bytes.get(1..).unwrap_or_default());
        let starts: usize = pairs.map(|(&a, &b)| usize::from(is_ascii_space(a) & !is_ascii_space(b))).sum();
        return (usize::from(first) + starts).min(cap);
    }
    let mut words = 0;
    let mut in_word = false;
    for (at, &b) in s.as_bytes().iter().enumerate() {
        let space = match b {
            _ if b.is_ascii() => is_ascii_space(b),
            // A continuation byte belongs to the character its lead byte decided.
            0x80..=0xBF => continue,
            _ => s[at..].chars().next().is_some_and(char::is_whitespace),
        };
        if !space && !in_word {
            words += 1;
            if words == cap {
                break;
            }
        }
        in_word = !space;
    }
    words
}

/// The first `max_chars` characters of `s`, lower-cased: enough for markers that open a line.
fn lowercase_prefix(s: &str, max_chars: usize) -> String {
    let end = s.char_indices().nth(max_chars).map_or(s.len(), |(i, _)| i);
    s[..end].to_lowercase()
}

/// "Dear readers" opens a blurb only when it addresses readers; "author" only alone.
fn is_end_marker(lower: &str, marker: &str) -> bool {
    if END_MARKERS_TO_READERS.contains(marker) {
        return READER_WORDS.words().iter().any(|w| lower.contains(w));
    }
    if END_MARKERS_ALONE.contains(marker) {
        return lower.split_whitespace().count() <= 3;
    }
    true
}

fn has_lowercase_word(s: &str) -> bool {
    s.split_whitespace().any(|w| w.chars().next().is_some_and(char::is_lowercase))
}

/// Bytes in the longest of the [`ABBREVIATIONS`].
const LONGEST_ABBREVIATION: usize = 6;

static ABBREVIATIONS: WordSet = WordSet::new(&[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "rep", "sen", "gov", "st", "jr",
    "sr", "inc", "ltd", "co", "corp", "vs", "etc", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "a.m", "p.m", "i.e", "e.g", "approx", "est", "dept", "gov't", "mt", "ft", "pres",
    "amb", "cmdr", "brig", "hon", "rev", "fig",
]);

/// Words that open a new sentence after a dotted acronym ("moved to the U.S. It now").
static SENTENCE_OPENERS: WordSet = WordSet::new(&[
    "it",
    "the",
    "he",
    "she",
    "they",
    "we",
    "i",
    "but",
    "and",
    "in",
    "this",
    "that",
    "a",
    "an",
    "on",
    "at",
    "for",
    "however",
    "meanwhile",
    "there",
    "its",
    "his",
    "her",
    "their",
    "as",
    "after",
    "while",
    "when",
    "since",
    "yet",
    "still",
    "if",
    "so",
    "some",
    "many",
    "both",
    "earlier",
    "later",
]);

/// Sentence boundaries inside `[from, to)`: abbreviation-safe, and never inside an
/// open double quote, so a quote of several sentences stays whole.
///
/// Only stops and double quote marks can end a sentence or change whether one may
/// end, so the scan jumps from one such mark to the next and looks at the characters
/// around it; the letters in between are never decoded.
pub fn split_sentences(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for_each_sentence(text, from, to, |start, end| out.push((start, end)));
    out
}

/// [`split_sentences`], handing each span to `emit` as it is found: a document's
/// sentences go straight into one vector, with no vector per paragraph between.
fn for_each_sentence(text: &str, from: usize, to: usize, mut emit: impl FnMut(usize, usize)) {
    let s = &text[from..to];
    let mut start = 0usize;
    let mut in_curly = false;
    let mut in_straight = false;
    let mut pos = 0usize;
    let mut marks = SentenceMarks::new(s);
    while let Some(at) = marks.next_from(pos) {
        let Some(c) = s[at..].chars().next() else { break };
        let after = at + c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '\u{2026}' | '"' | '\u{201c}' | '\u{201d}') {
            pos = after;
            continue;
        }
        let closes_quote = (c == '\u{201d}' && in_curly) || (c == '"' && in_straight);
        match c {
            '\u{201c}' => in_curly = true,
            '\u{201d}' => in_curly = false,
            '"' => in_straight = !in_straight,
            _ => {}
        }
        // `...about that.” According to` ends a sentence at the closing mark.
        if closes_quote && ends_with_stop(&s[..at]) {
            let next = skip_whitespace(s, after);
            if next > after && s[next..].chars().next().is_some_and(|n| n.is_uppercase() || n == '\u{201c}') {
                emit(from + start, from + after);
                start = next;
                pos = next;
                continue;
            }
        }
        if matches!(c, '.' | '!' | '?' | '\u{2026}') && !in_curly && !in_straight {
            // Take closing quotes and brackets that belong to this sentence.
            let mut end = after;
            while let Some(d) = s[end..].chars().next() {
                if !matches!(d, '"' | '\u{201d}' | '\u{2019}' | '\'' | ')' | ']' | '.' | '!' | '?') {
                    break;
                }
                if d == '"' {
                    in_straight = !in_straight;
                }
                end += d.len_utf8();
            }
            if s[end..].chars().next().is_some_and(char::is_whitespace) && !in_straight {
                let next = skip_whitespace(s, end);
                let next_ok = s[next..].chars().next().is_some_and(|n| {
                    n.is_uppercase()
                        || n.is_numeric()
                        || matches!(
                            n,
                            '"' | '\u{201c}'
                                | '\u{2018}'
                                | '\''
                                | '('
                                | '['
                                | '\u{2022}'
                                | '-'
                                | '\u{2013}'
                                | '\u{2014}'
                        )
                });
                if next_ok && (c != '.' || !is_abbreviation_before(s, at, &s[next..])) {
                    emit(from + start, from + end);
                    start = next;
                    pos = next;
                    continue;
                }
            }
            pos = end;
            continue;
        }
        pos = after;
    }
    if start < s.len() && !s[start..].trim().is_empty() {
        emit(from + start, from + s.trim_end().len());
    }
}

/// Finds the bytes that may begin a stop or a double quote mark: `.`, `!`, `?`,
/// `"`, or the lead byte of `…`, `“` and `”` (and of other three-byte punctuation,
/// which the caller skips). Two vectorised searches (stops; quote marks) instead of a
/// test per byte; each remembers its last find, as the scan only moves forward and
/// quote marks are often far apart.
struct SentenceMarks<'a> {
    bytes: &'a [u8],
    stop: Lookahead,
    quote: Lookahead,
}

/// The result of a forward search, kept while it is still ahead.
#[derive(Clone, Copy)]
enum Lookahead {
    /// Not searched yet, or the last find is behind the scan.
    Unknown,
    /// The next one is here.
    At(usize),
    /// None until the end.
    None,
}

impl<'a> SentenceMarks<'a> {
    fn new(s: &'a str) -> Self {
        Self { bytes: s.as_bytes(), stop: Lookahead::Unknown, quote: Lookahead::Unknown }
    }

    /// The first mark at or after `from`; `from` never goes back between calls.
    fn next_from(&mut self, from: usize) -> Option<usize> {
        let rest = &self.bytes[from.min(self.bytes.len())..];
        let stop = Self::refresh(&mut self.stop, from, || memchr::memchr3(b'.', b'!', b'?', rest));
        let quote = Self::refresh(&mut self.quote, from, || memchr::memchr2(b'"', 0xE2, rest));
        match (stop, quote) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn refresh(cached: &mut Lookahead, from: usize, search: impl FnOnce() -> Option<usize>) -> Option<usize> {
        match *cached {
            Lookahead::At(at) if at >= from => Some(at),
            Lookahead::None => None,
            _ => {
                let found = search().map(|i| from + i);
                *cached = found.map_or(Lookahead::None, Lookahead::At);
                found
            }
        }
    }
}

/// `head` ends with a stop, perhaps followed by inner closing quotes: `affairs.’`.
fn ends_with_stop(head: &str) -> bool {
    let inner = head.trim_end_matches(['\u{2019}', '\'', '"']);
    inner.ends_with(['.', '!', '?', '\u{2026}'])
}

fn skip_whitespace(s: &str, from: usize) -> usize {
    s.len() - s[from..].trim_start_matches(char::is_whitespace).len()
}

fn is_abbreviation_before(s: &str, dot: usize, next: &str) -> bool {
    let word_start = s[..dot]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201c}')
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &s[word_start..dot];
    // A single capital is an initial ("S. Jaishankar"), as is "W.A".
    let is_initials = !word.is_empty()
        && word.split('.').all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase));
    if is_initials {
        // "U.S." and "U.K." end sentences too; initials of a name do not.
        if word.len() == 1 {
            return true;
        }
        let next_word = next.chars().take_while(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
        return !SENTENCE_OPENERS.contains(&next_word);
    }
    is_abbreviation(word)
}

/// Whether `word`, lower-cased, is one of the [`ABBREVIATIONS`]. Every stop that may
/// end a sentence asks: an ASCII word (nearly all) is lower-cased on the stack.
fn is_abbreviation(word: &str) -> bool {
    if !word.is_ascii() {
        return ABBREVIATIONS.contains(&word.to_lowercase());
    }
    let mut buf = [0u8; LONGEST_ABBREVIATION];
    crate::date::ascii_lowercase(word, &mut buf).is_some_and(|lower| ABBREVIATIONS.contains(lower))
}

/// Words and punctuation of `[from, to)`, with "'s" and "n't" split off.
/// Norms that are not the text itself are lower-cased into `arena`.
pub fn tokenize<'t>(text: &'t str, from: usize, to: usize, arena: &'t Bump) -> Vec<Token<'t>> {
    let mut out = Vec::with_capacity((to - from) / 5);
    tokenize_into(text, from, to, arena, &mut out);
    out
}

/// [`tokenize`], appending to `out`: a document's paragraphs share one vector.
///
/// ASCII is read byte by byte and only other characters are decoded; news text is
/// almost all ASCII, and this is the one pass that looks at every character.
pub fn tokenize_into<'t>(text: &'t str, from: usize, to: usize, arena: &'t Bump, out: &mut Vec<Token<'t>>) {
    let s = &text[from..to];
    let bytes = s.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        let (alphanumeric, after) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), pos + 1)
        } else {
            let c = s[pos..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            if c.is_whitespace() {
                pos += c.len_utf8();
                continue;
            }
            (c.is_alphanumeric(), pos + c.len_utf8())
        };
        if is_ascii_space(b) {
            pos += 1;
        } else if let Some(AsciiRun { end, upper }) = plain_ascii_word(bytes, pos) {
            // The scan that found the word's end saw its capitals: most words have
            // none and borrow the text as their norm without another look.
            let raw = &s[pos..end];
            let norm = if upper { ascii_lowercase_in(raw, arena) } else { raw };
            let capitalised = b.is_ascii_uppercase();
            out.push(Token { start: from + pos, end: from + end, norm, capitalised, marked: false });
            pos = end;
        } else if !alphanumeric {
            out.push(make_token(text, from + pos, from + after, arena));
            pos = after;
        } else {
            let word = scan_word(s, after);
            let mut end = word.end;
            // Dotted acronyms keep their final dot: "U.S.".
            if end - pos <= 6 && word.dotted && bytes.get(end) == Some(&b'.') {
                end += 1;
            }
            push_word(text, arena, out, from + pos, from + end, word.apostrophe);
            pos = end;
        }
    }
}

/// The end of the word at `pos` when it is ASCII letters and digits ending at white
/// space or plain punctuation, as nearly all words are: such a word needs none of
/// [`scan_word`]'s joining rules and none of [`normalise`]'s Unicode cases.
#[inline]
fn plain_ascii_word(bytes: &[u8], pos: usize) -> Option<AsciiRun> {
    if !bytes[pos].is_ascii_alphanumeric() {
        return None;
    }
    let run = ascii_alphanumeric_run(bytes, pos);
    match bytes.get(run.end) {
        Some(b'.' | b'-' | b'\'' | b'&') => None,
        Some(b) if !b.is_ascii() => None,
        _ => Some(run),
    }
}

/// A run of ASCII letters and digits.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct AsciiRun {
    /// One past its last byte.
    pub end: usize,
    /// It holds an upper-case letter.
    pub upper: bool,
}

/// The end of the run of ASCII letters and digits at `from`.
pub(crate) fn ascii_alphanumeric_run_end(bytes: &[u8], from: usize) -> usize {
    ascii_alphanumeric_run(bytes, from).end
}

/// The run of ASCII letters and digits at `from`. Eight bytes are tested at a time (a
/// word's end costs no mispredicted branch), and the same masks tell its capitals;
/// the last few bytes of `bytes` one by one.
pub(crate) fn ascii_alphanumeric_run(bytes: &[u8], from: usize) -> AsciiRun {
    let mut end = from;
    let mut upper = false;
    while let Some(chunk) = bytes.get(end..end + 8) {
        let masks = AlphanumericMasks::of(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        let stops = masks.stops();
        if stops != 0 {
            // The high bits of the bytes before the first stop.
            let before_stop = (stops & stops.wrapping_neg()) - 1;
            upper |= masks.upper & before_stop != 0;
            return AsciiRun { end: end + (stops.trailing_zeros() / 8) as usize, upper };
        }
        upper |= masks.upper != 0;
        end += 8;
    }
    for &b in &bytes[end..] {
        if !b.is_ascii_alphanumeric() {
            break;
        }
        upper |= b.is_ascii_uppercase();
        end += 1;
    }
    AsciiRun { end, upper }
}

/// Per-byte classes of eight bytes, as the high bit of each byte. Each test is a
/// subtraction from the byte with its high bit set, which never borrows from the next
/// byte: the high bit survives exactly when the byte is at least the bound.
struct AlphanumericMasks {
    /// ASCII letters and digits.
    alphanumeric: u64,
    /// ASCII upper-case letters.
    upper: u64,
}

impl AlphanumericMasks {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;

    fn of(x: u64) -> Self {
        let at_least = |v: u64, bound: u8| ((v | Self::HIGH) - Self::ONES * u64::from(bound)) & Self::HIGH;
        let ascii = !x & Self::HIGH;
        let low = x & !Self::HIGH;
        let folded = low | (Self::ONES * 0x20); // upper-case letters onto lower-case ones
        let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
        let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1) & ascii;
        // A letter is upper-case when its 0x20 bit is clear; shifted onto the high bit.
        let upper = letter & !(x << 2);
        Self { alphanumeric: (digit | letter) & ascii, upper }
    }

    /// The bytes that end a run.
    fn stops(&self) -> u64 {
        !self.alphanumeric & Self::HIGH
    }
}

/// `raw` (ASCII) lower-cased into `arena`.
fn ascii_lowercase_in<'t>(raw: &str, arena: &'t Bump) -> &'t str {
    let lower = arena.alloc_str(raw);
    lower.make_ascii_lowercase();
    lower
}

/// What [`scan_word`] saw of a word.
struct WordScan {
    /// One past its last byte.
    end: usize,
    /// It holds a dot ("U.S").
    dotted: bool,
    /// It holds an apostrophe, straight or curly ("Iran's").
    apostrophe: bool,
}

/// The rest of a word that started before `from`: letters and digits, and `.-'’&`
/// when a letter or digit follows them.
fn scan_word(s: &str, from: usize) -> WordScan {
    let bytes = s.as_bytes();
    let mut scan = WordScan { end: from, dotted: false, apostrophe: false };
    while scan.end < bytes.len() {
        let b = bytes[scan.end];
        if b.is_ascii_alphanumeric() {
            scan.end += 1;
            continue;
        }
        let (d, width) = if b.is_ascii() {
            (b as char, 1)
        } else {
            let d = s[scan.end..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            (d, d.len_utf8())
        };
        let next = scan.end + width;
        let joins = matches!(d, '.' | '-' | '\'' | '\u{2019}' | '&')
            && s[next..].chars().next().is_some_and(char::is_alphanumeric);
        if !(joins || !d.is_ascii() && d.is_alphanumeric()) {
            break;
        }
        scan.dotted |= d == '.';
        scan.apostrophe |= matches!(d, '\'' | '\u{2019}');
        scan.end = next;
    }
    scan
}

/// White space as `char::is_whitespace` has it, for one ASCII byte: a space or `\t`
/// to `\r`, tested without a branch so that loops over bytes vectorise.
fn is_ascii_space(b: u8) -> bool {
    (b == b' ') | (b.wrapping_sub(b'\t') < 5)
}

fn push_word<'t>(text: &'t str, arena: &'t Bump, out: &mut Vec<Token<'t>>, start: usize, end: usize, apostrophe: bool) {
    // Most words have no apostrophe: no lower-casing, no allocation for them.
    if apostrophe {
        let word = &text[start..end];
        let lower = word.to_lowercase();
        for suffix in ["'s", "\u{2019}s", "n't", "n\u{2019}t"] {
            if word.len() > suffix.len() + 1 && lower.ends_with(suffix) {
                let cut = end - suffix.len();
                if text.is_char_boundary(cut) {
                    let mut stem = make_token(text, start, cut, arena);
                    stem.marked |= suffix.starts_with('n');
                    out.push(stem);
                    out.push(make_token(text, cut, end, arena));
                    return;
                }
            }
        }
    }
    out.push(make_token(text, start, end, arena));
}

fn make_token<'t>(text: &'t str, start: usize, end: usize, arena: &'t Bump) -> Token<'t> {
    let raw = &text[start..end];
    let capitalised = match raw.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => raw.chars().next().is_some_and(char::is_uppercase),
    };
    let last = raw.char_indices().next_back().map_or(0, |(at, _)| at);
    let marked = raw[..last].chars().any(|c| !c.is_alphanumeric());
    Token { start, end, norm: token_norm(raw, arena), capitalised, marked }
}

/// [`normalise`] for a token: the text itself when it is normal already (lower-case
/// ASCII, most words), else lower-cased into `arena`.
fn token_norm<'t>(raw: &'t str, arena: &'t Bump) -> &'t str {
    if !raw.bytes().any(|b| b >= 0x80 || b.is_ascii_uppercase()) {
        return raw;
    }
    if raw.is_ascii() {
        return ascii_lowercase_in(raw, arena);
    }
    let lower = normalise(raw);
    if lower == raw {
        raw
    } else {
        arena.alloc_str(&lower)
    }
}

/// A word as the rules compare it: lower-cased as `str::to_lowercase` does it, with
/// curly apostrophes made straight; inline (no heap) when short, as words nearly
/// always are. ASCII, nearly every word, takes the first two branches.
#[inline]
pub fn normalise(word: &str) -> CompactString {
    if !word.bytes().any(|b| b >= 0x80 || b.is_ascii_uppercase()) {
        return CompactString::new(word);
    }
    if word.is_ascii() {
        let mut ascii = CompactString::new(word);
        ascii.make_ascii_lowercase();
        return ascii;
    }
    let lower: CompactString = if word.contains('\u{3a3}') {
        // Capital sigma lower-cases by its position in the word: leave that to std.
        CompactString::from(word.to_lowercase())
    } else {
        word.chars().flat_map(char::to_lowercase).collect()
    };
    if lower.contains('\u{2019}') {
        CompactString::from(lower.replace('\u{2019}', "'"))
    } else {
        lower
    }
}

/// The date a sentence speaks of ("on Sunday, September 21"), resolved against the
/// document's date; `None` when it names none or cannot be placed.
pub fn sentence_date(sentence: &str, document_date: Option<Date>) -> Option<Date> {
    crate::date::find_in_sentence(sentence, document_date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text, 0, text.len()).into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn alphanumeric_runs_end_where_the_byte_test_says() {
        for b in 0..=255u8 {
            let mut bytes = [b'a'; 20];
            for at in 0..20 {
                bytes[at] = b;
                let expected = if b.is_ascii_alphanumeric() { 20 } else { at };
                assert_eq!(ascii_alphanumeric_run_end(&bytes, 0), expected, "byte {b:#x} at {at}");
                bytes[at] = b'Z';
            }
        }
        assert_eq!(ascii_alphanumeric_run_end(b"Kabul9 x", 0), 6);
        assert_eq!(ascii_alphanumeric_run_end(b"ab", 2), 2);
    }

    #[test]
    fn alphanumeric_runs_see_the_capitals_before_their_end_only() {
        let reference = |bytes: &[u8], from: usize| {
            let end =
                from + bytes[from..].iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(bytes.len() - from);
            AsciiRun { end, upper: bytes[from..end].iter().any(u8::is_ascii_uppercase) }
        };
        for b in 0..=255u8 {
            for at in 0..20 {
                for stop in 0..=20 {
                    let mut bytes = [b'q'; 20];
                    bytes[at] = b;
                    if stop < 20 {
                        bytes[stop] = b' ';
                    }
                    for from in [0, 3] {
                        assert_eq!(
                            ascii_alphanumeric_run(&bytes, from),
                            reference(&bytes, from),
                            "{b:#x} at {at}, stop {stop}"
                        );
                    }
                }
            }
        }
        assert_eq!(ascii_alphanumeric_run(b"iPhone sales", 0), AsciiRun { end: 6, upper: true });
        assert_eq!(ascii_alphanumeric_run(b"kabul Talks", 0), AsciiRun { end: 5, upper: false });
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let pieces = [
            "a",
            "Ab",
            " ",
            "\t",
            "\n",
            "\x0B",
            "\x0C",
            "\r",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "\u{85}",
            "é",
            "’",
            "—",
            "\u{200b}",
            "x\u{2028}y",
        ];
        // Every string of up to three pieces, and caps below, at and above the count.
        let mut strings = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> =
                strings.iter().flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}"))).collect();
            strings.extend(longer);
        }
        for s in &strings {
            for cap in 1..5 {
                assert_eq!(count_words(s, cap), s.split_whitespace().take(cap).count(), "{s:?} cap {cap}");
            }
        }
    }

    #[test]
    fn abbreviations_are_found_in_any_case_and_fit_the_stack_buffer() {
        assert_eq!(ABBREVIATIONS.words().iter().map(|w| w.len()).max(), Some(LONGEST_ABBREVIATION));
        assert!(is_abbreviation("Approx") && is_abbreviation("GOV'T") && is_abbreviation("Sept"));
        assert!(!is_abbreviation("Approxi") && !is_abbreviation("Kabul") && !is_abbreviation(""));
    }

    #[test]
    fn furniture_phrases_are_found_in_any_case() {
        assert!(has_furniture_phrase("Sign Up for our briefing"));
        assert!(has_furniture_phrase("ÉDITION — FOLLOW US"));
        assert!(has_furniture_phrase("© 2025 Example Media"));
        assert!(!has_furniture_phrase("Officials signed the deal"));
    }

    /// The lines of the sample corpus, and each phrase alone, cut short, in capitals
    /// and at either end of a line.
    fn furniture_test_lines() -> Vec<String> {
        let corpus = [
            include_str!("../../data/corpus/01-trump-wants-bagram.txt"),
            include_str!("../../data/corpus/02-taliban-reject.md"),
            include_str!("../../data/corpus/03-neighbours-oppose.txt"),
            include_str!("../../data/corpus/04-india-taliban.txt"),
            include_str!("../../data/corpus/05-china-interests.txt"),
            include_str!("../../data/corpus/06-prisoner-deal.html"),
        ];
        let mut lines: Vec<String> = corpus.iter().flat_map(|text| text.lines()).map(str::to_string).collect();
        // And the start of each line at every 40th byte, for lines of every length.
        let starts: Vec<String> = lines
            .iter()
            .flat_map(|l| l.char_indices().map(|(at, _)| at).filter(|at| at % 40 == 0).map(|at| l[..at].to_string()))
            .collect();
        lines.extend(starts);
        for phrase in furniture_phrase_list() {
            let cut = phrase.char_indices().last().map_or(0, |(at, _)| at);
            lines.extend([
                phrase.to_string(),
                phrase[..cut].to_string(),
                phrase.to_uppercase(),
                format!("Read on: {phrase}"),
                format!("{phrase}, then the news"),
            ]);
        }
        lines
    }

    #[test]
    fn lines_read_in_pairs_agree_with_the_automatons_own_search() {
        let phrases = furniture_phrase_list();
        let reference = AhoCorasick::builder().ascii_case_insensitive(true).build(&phrases).expect("phrases");
        let lines = furniture_test_lines();
        let expected: Vec<bool> = lines.iter().map(|l| reference.is_match(&l.to_lowercase())).collect();
        assert!(expected.iter().filter(|&&hit| hit).count() > phrases.len() * 3);
        assert!(expected.iter().filter(|&&hit| !hit).count() > 100, "{}", lines.len());
        // Every line beside every fifth one, either way round: lines of every length
        // meet, so each side is left to finish alone.
        for (i, a) in lines.iter().enumerate() {
            for (j, b) in lines.iter().enumerate().step_by(5) {
                assert_eq!(phrases_in_pair(a, b), (expected[i], expected[j]), "{a:?} beside {b:?}");
            }
        }
    }

    #[test]
    fn word_sets_find_their_words_and_nothing_else() {
        static SET: WordSet = WordSet::new(&["in", "at", "according", "n't", ""]);
        for w in ["in", "at", "according", "n't", ""] {
            assert!(SET.contains(w), "{w}");
        }
        // Same first letter, last letter or length as a member: the filter lets some
        // through, the set must still say no.
        for w in ["an", "it", "accordion", "according ", "In", "nt", "a", "ant"] {
            assert!(!SET.contains(w), "{w}");
        }
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let text = "Dr. Smith met S. Jaishankar in Sept. 2025. The U.S. Army left. They moved to the U.S. It was over.";
        assert_eq!(
            sentences(text),
            [
                "Dr. Smith met S. Jaishankar in Sept. 2025.",
                "The U.S. Army left.",
                "They moved to the U.S.",
                "It was over."
            ]
        );
    }

    #[test]
    fn a_quote_of_several_sentences_stays_whole() {
        let text = "\u{201c}We never will. It is final,\u{201d} he said. Then he left.";
        assert_eq!(sentences(text), ["\u{201c}We never will. It is final,\u{201d} he said.", "Then he left."]);
    }

    #[test]
    fn multibyte_quote_before_a_full_stop_is_no_crash() {
        // Found by proptest: the word before a dot began inside a three-byte quote mark.
        let text = "\u{201c}\u{201d}. \u{2018}\u{201d}";
        let _ = sentences(text);
        let seg = segment(text);
        assert!(seg.sentences.iter().all(|s| text.is_char_boundary(s.start) && text.is_char_boundary(s.end)));
    }

    #[test]
    fn a_sentence_ends_after_nested_closing_quotes() {
        let text = "He said \u{201c}they pledged \u{2018}no force.\u{2019}\u{201d} And then he left.";
        assert_eq!(sentences(text).len(), 2);
    }

    #[test]
    fn every_end_marker_fits_in_the_lower_cased_start_of_a_long_line() {
        assert!(END_MARKERS.words().iter().all(|m| m.chars().count() < MARKER_CHARS));
    }

    #[test]
    fn furniture_and_teasers_are_marked() {
        let body = "The minister spoke on Monday. He said more. Then again. And again. Once more. Last one.";
        let text = format!("Follow us on social\n\nA Title About the World Order\n\n{body}\n\nRelated Articles\n\nTeaser text about China here.\n");
        let seg = segment(&text);
        let kinds: Vec<ParagraphKind> = seg.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                ParagraphKind::Furniture,
                ParagraphKind::Title,
                ParagraphKind::Body,
                ParagraphKind::Furniture,
                ParagraphKind::Furniture
            ]
        );
        assert!(seg.sentences.iter().all(|s| !text[s.start..s.end].contains("Teaser")));
    }

    #[test]
    fn tokens_outside_ascii_are_read_as_characters() {
        // No-break space separates; hyphens and ampersands join; capitals and sigma
        // lower-case as str::to_lowercase has them; a curly apostrophe is made straight.
        let text = "\u{c9}LYS\u{c9}E\u{a0}pro-Russian AT&T \u{39f}\u{394}\u{3a5}\u{3a3}\u{3a3}\u{395}\u{399}\u{391} \u{201c}Kyiv\u{2019}s\u{201d}";
        let arena = Bump::new();
        let tokens = tokenize(text, 0, text.len(), &arena);
        let norms: Vec<&str> = tokens.iter().map(|t| t.norm).collect();
        assert_eq!(
            norms,
            [
                "\u{e9}lys\u{e9}e",
                "pro-russian",
                "at&t",
                "\u{3bf}\u{3b4}\u{3c5}\u{3c3}\u{3c3}\u{3b5}\u{3b9}\u{3b1}",
                "\u{201c}",
                "kyiv",
                "'s",
                "\u{201d}"
            ]
        );
        assert!(tokens[0].capitalised && !tokens[1].capitalised && tokens[5].capitalised);
        assert!(tokens
            .iter()
            .all(|t| t.end > t.start && text.is_char_boundary(t.start) && text.is_char_boundary(t.end)));
    }

    #[test]
    fn sentence_ends_follow_stops_and_closing_marks_only() {
        let text = "Prices rose 3.5 percent\u{2026} Then they fell! \u{201c}Why?\u{201d} asked one. (It was late.) \"Fine.\" The end";
        assert_eq!(
            sentences(text),
            [
                "Prices rose 3.5 percent\u{2026}",
                "Then they fell!",
                "\u{201c}Why?\u{201d} asked one.",
                "(It was late.)",
                "\"Fine.\"",
                "The end"
            ]
        );
    }

    #[test]
    fn tokens_split_possessives_and_negations() {
        let text = "Trump\u{2019}s bid won't work for the U.S. now";
        let arena = Bump::new();
        let norms: Vec<String> =
            tokenize(text, 0, text.len(), &arena).into_iter().map(|t| t.norm.to_string()).collect();
        assert_eq!(norms, ["trump", "'s", "bid", "wo", "n't", "work", "for", "the", "u.s.", "now"]);
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph() {
        let text =
            "The talks between the two sides went on for a long time and\nended late on Friday.\nNext paragraph here.";
        let seg = segment(text);
        assert_eq!(seg.paragraphs.len(), 2);
    }
}
