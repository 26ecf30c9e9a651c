//! Paragraphs: lines joined where a hard wrap split them, then each marked as title,
//! heading, body or furniture; the sentences of the title and body come out of the
//! same pass.

use super::furniture::{ends_article, phrases_in_pair};
use super::sentences::{for_each_sentence, Sentence};
use super::tokens::is_ascii_space;

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

pub(super) fn split_paragraphs(text: &str) -> Vec<Paragraph> {
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

/// A line of fewer words than this may be page furniture.
const SHORT_LINE_WORDS: usize = 40;
/// How much of a long line's start is lower-cased to look for an end marker: more
/// Marks each paragraph's kind and returns the sentences of the title and body
/// paragraphs: a body paragraph is split once, both to count and to keep.
pub(super) fn classify(text: &str, paragraphs: &mut [Paragraph]) -> Vec<Sentence> {
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

/// Screens every paragraph, the short ones two at a time (see `scan_pair` in
/// [`super::furniture`]). End markers open a line, so a long paragraph needs no more
/// than its word count capped.
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

/// `s.split_whitespace().take(cap).count()`, reading ASCII bytes as they are: it
/// runs over every paragraph, and decoding each character was 4% of a run.
fn count_words(s: &str, cap: usize) -> usize {
    if s.is_ascii() {
        // Word starts counted without a branch per byte, so the loop vectorises; a
        // block of bytes at a time, up to the block that reaches the cap.
        const BLOCK: usize = 256;
        let bytes = s.as_bytes();
        let mut words = usize::from(bytes.first().is_some_and(|&b| !is_ascii_space(b)));
        // Pairs of neighbours (a, b), counted where a space is followed by a non-space.
        let last_pair = bytes.len().saturating_sub(1);
        let mut from = 0;
        while from < last_pair && words < cap {
            let to = (from + BLOCK).min(last_pair);
            let pairs = bytes[from..to].iter().zip(&bytes[from + 1..=to]);
            words += pairs.map(|(&a, &b)| usize::from(is_ascii_space(a) & !is_ascii_space(b))).sum::<usize>();
            from = to;
        }
        return words.min(cap);
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

fn has_lowercase_word(s: &str) -> bool {
    s.split_whitespace().any(|w| w.chars().next().is_some_and(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // Long lines are read a block at a time: words of every length, with a space or
        // a word across each block's edge, under and over the cap.
        for word in 1..12 {
            for gap in 1..3 {
                let unit = format!("{}{}", "w".repeat(word), " ".repeat(gap));
                for lead in ["", " ", "  "] {
                    let s = format!("{lead}{}", unit.repeat(700 / unit.len()));
                    for cap in [1, 39, 40, 41, 100, 1000] {
                        assert_eq!(
                            count_words(&s, cap),
                            s.split_whitespace().take(cap).count(),
                            "{word}/{gap} cap {cap}"
                        );
                    }
                }
            }
        }
    }
}
