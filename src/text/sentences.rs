//! Sentences: abbreviation-safe splitting that keeps a quote of several sentences
//! whole.

use super::WordSet;

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

/// Bytes in the longest of the [`ABBREVIATIONS`].
const LONGEST_ABBREVIATION: usize = 6;

/// Words after which a stop ends no sentence (`abbreviations` in data/en/sentences.toml).
static ABBREVIATIONS: WordSet = WordSet::named("abbreviations");

/// Words that open a new sentence after a dotted acronym ("moved to the U.S. It now";
/// `sentence_openers` in data/en/sentences.toml).
static SENTENCE_OPENERS: WordSet = WordSet::named("sentence_openers");

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
pub(super) fn for_each_sentence(text: &str, from: usize, to: usize, mut emit: impl FnMut(usize, usize)) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text, 0, text.len()).into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn abbreviations_are_found_in_any_case_and_fit_the_stack_buffer() {
        assert_eq!(ABBREVIATIONS.words().iter().map(|w| w.len()).max(), Some(LONGEST_ABBREVIATION));
        assert!(is_abbreviation("Approx") && is_abbreviation("GOV'T") && is_abbreviation("Sept"));
        assert!(!is_abbreviation("Approxi") && !is_abbreviation("Kabul") && !is_abbreviation(""));
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
    fn a_sentence_ends_after_nested_closing_quotes() {
        let text = "He said \u{201c}they pledged \u{2018}no force.\u{2019}\u{201d} And then he left.";
        assert_eq!(sentences(text).len(), 2);
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
}
