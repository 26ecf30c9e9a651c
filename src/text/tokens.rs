//! Tokens: words and punctuation, with "'s" and "n't" split off, each with the
//! lower-cased norm the rules compare.

use bumpalo::Bump;
use compact_str::CompactString;

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
            out.push(if b.is_ascii() {
                // One ASCII mark: its own norm, no capital, nothing inside it.
                let (start, end) = (from + pos, from + after);
                Token { start, end, norm: &text[start..end], capitalised: false, marked: false }
            } else {
                make_token(text, from + pos, from + after, arena)
            });
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
pub(super) fn is_ascii_space(b: u8) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn tokens_split_possessives_and_negations() {
        let text = "Trump\u{2019}s bid won't work for the U.S. now";
        let arena = Bump::new();
        let norms: Vec<String> =
            tokenize(text, 0, text.len(), &arena).into_iter().map(|t| t.norm.to_string()).collect();
        assert_eq!(norms, ["trump", "'s", "bid", "wo", "n't", "work", "for", "the", "u.s.", "now"]);
    }
}
