//! Calendar dates without a clock: documents and evidence are dated to the day.
//! Reads the forms news uses ("Sept. 17, 2025", "20 September 2025", "2025-09-19",
//! "20/09/2025") and resolves "on Sunday, September 21" against the document date.

use std::fmt;

/// A day in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
    /// Day, 1-31.
    pub day: u32,
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let valid =
            (1900..=2200).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// Days since 1970-01-01; negative before.
    pub fn ordinal(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `n` days later (or earlier, for negative `n`).
    pub fn plus_days(self, n: i64) -> Self {
        let z = self.ordinal() + n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// 0 = Monday .. 6 = Sunday.
    pub fn weekday(self) -> u32 {
        (self.ordinal() + 3).rem_euclid(7) as u32
    }

    /// Parses `YYYY-MM-DD` (a time part after it is ignored).
    pub fn parse_iso(s: &str) -> Option<Self> {
        let s = s.trim();
        let head = s.get(..10)?;
        let mut parts = head.split('-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.parse().ok()?;
        Self::new(y, m, d)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {s}")))
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Month and day names from the language data (`data/en/calendar.toml`), looked up
/// without allocating: most words fail on their first letter, the rest on one hash.
struct Calendar {
    months: rustc_hash::FxHashMap<&'static str, u32>,
    /// Full month names and spellings longer than three letters: never part of a name.
    month_words: rustc_hash::FxHashSet<&'static str>,
    weekdays: rustc_hash::FxHashMap<&'static str, u32>,
    month_initials: [bool; 256],
    weekday_initials: [bool; 256],
    /// What every day name ends with ("day"): a sentence without it names no day.
    weekday_suffix: String,
}

static WEEKDAY_ANCHORS: crate::text::WordSet = crate::text::WordSet::named("weekday_anchors");

/// The longest month or day spelling the lookups lower-case on the stack.
const LONGEST_CALENDAR_WORD: usize = 16;

fn calendar() -> &'static Calendar {
    static CALENDAR: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
    CALENDAR.get_or_init(|| {
        let language = crate::language::get();
        let mut c = Calendar {
            months: Default::default(),
            month_words: Default::default(),
            weekdays: Default::default(),
            month_initials: [false; 256],
            weekday_initials: [false; 256],
            weekday_suffix: String::new(),
        };
        for (i, spellings) in language.ordered("months").into_iter().enumerate() {
            for (j, w) in spellings.into_iter().enumerate() {
                let w = w.trim_end_matches('.');
                c.months.insert(w, i as u32 + 1);
                if j == 0 || w.len() > 3 {
                    c.month_words.insert(w);
                }
                c.month_initials[usize::from(w.as_bytes()[0])] = true;
            }
        }
        let days = language.ordered("weekdays");
        for (i, spellings) in days.iter().enumerate() {
            for w in spellings {
                c.weekdays.insert(w, i as u32);
                c.weekday_initials[usize::from(w.as_bytes()[0])] = true;
            }
        }
        c.weekday_suffix = common_suffix(days.iter().flatten().copied());
        c
    })
}

fn common_suffix<'a>(mut words: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = words.next() else { return String::new() };
    let mut suffix = first.to_string();
    for w in words {
        while !w.ends_with(suffix.as_str()) {
            suffix.remove(0);
        }
    }
    suffix
}

fn month_number(word: &str) -> Option<u32> {
    let c = calendar();
    if !c.month_initials[usize::from(word.as_bytes().first()?.to_ascii_lowercase())] {
        return None;
    }
    let mut buf = [0u8; LONGEST_CALENDAR_WORD];
    c.months.get(ascii_lowercase(word.trim_end_matches('.'), &mut buf)?).copied()
}

/// `word` lower-cased into `buf`, when it is ASCII and fits: month and day names
/// are (as are the sentence splitter's abbreviations), so a longer or non-ASCII word
/// is none of them (no allocation per word). A word in lower case already (a token's
/// norm) is returned as it is.
pub(crate) fn ascii_lowercase<'a, const N: usize>(word: &'a str, buf: &'a mut [u8; N]) -> Option<&'a str> {
    if word.len() > N || !word.is_ascii() {
        return None;
    }
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(word);
    }
    let out = &mut buf[..word.len()];
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// A month or day name, in lower case ("sept" too): never part of a person's name.
pub fn is_calendar_word(lower: &str) -> bool {
    calendar().month_words.contains(lower) || weekday_number(lower).is_some()
}

fn weekday_number(word: &str) -> Option<u32> {
    let c = calendar();
    if !c.weekday_initials[usize::from(word.as_bytes().first()?.to_ascii_lowercase())] {
        return None;
    }
    let mut buf = [0u8; LONGEST_CALENDAR_WORD];
    c.weekdays.get(ascii_lowercase(word.trim_end_matches(','), &mut buf)?).copied()
}

/// Words of `s` between white space and `()|`, without the punctuation around them.
/// ASCII is split byte by byte: every evidence sentence is searched for a date, and
/// a split that decoded each character cost more than the search itself.
fn words(s: &str) -> Vec<&str> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let (mut start, mut pos) = (0, 0);
    while pos < bytes.len() {
        let (separator, width) = if bytes[pos].is_ascii() {
            (matches!(bytes[pos], b' ' | b'\t'..=b'\r' | b'(' | b')' | b'|'), 1)
        } else {
            let Some(c) = s[pos..].chars().next() else { break };
            (c.is_whitespace(), c.len_utf8())
        };
        if separator {
            push_trimmed(&s[start..pos], &mut out);
            start = pos + width;
        }
        pos += width;
    }
    push_trimmed(&s[start..], &mut out);
    out
}

fn push_trimmed<'a>(word: &'a str, out: &mut Vec<&'a str>) {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    if !word.is_empty() {
        out.push(word);
    }
}

fn number(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
    if digits.is_empty() || digits.len() > 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The first full date (with a year) in `text`: a dateline or a date line.
///
/// Every form has a year from 1900 on, so four digits in a row (a word holding them
/// is no month and no day), and a date's words start at most two words before its
/// year (the day of "19 September 2025", the month of "September 19, 2025") and end
/// with it. So only the words from two before the first such year to the last are
/// read: most sentences, and most that hold a number, have none, and the others are
/// split around their years only.
pub fn find_full_date(text: &str) -> Option<Date> {
    let (first_year, last_year) = four_digit_runs(text.as_bytes())?;
    let from = start_of_words_before(text, first_year, WORDS_BEFORE_YEAR);
    first_full_date(&words(&text[from..end_of_piece(text, last_year)]))
}

/// How many words before its year a date's words may start.
const WORDS_BEFORE_YEAR: usize = 2;

/// The first full date in a text's words, read in order.
fn first_full_date(ws: &[&str]) -> Option<Date> {
    for (i, w) in ws.iter().enumerate() {
        // "2025-09-20" and "20/09/2025" open with a digit; month names with a letter.
        if w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            if let Some(d) = Date::parse_iso(w) {
                return Some(d);
            }
            if w.as_bytes().contains(&b'/') {
                if let Some(d) = parse_slashed(w) {
                    return Some(d);
                }
            }
        } else if let Some(m) = month_number(w) {
            // "September 19, 2025" / "Sep 20, 2025"
            if let (Some(d), Some(y)) = (ws.get(i + 1).and_then(|x| number(x)), ws.get(i + 2).and_then(|x| number(x))) {
                if y >= 1900 {
                    if let Some(date) = Date::new(y as i32, m, d) {
                        return Some(date);
                    }
                }
            }
            // "19 September 2025"
            if let (Some(d), Some(y)) =
                (i.checked_sub(1).and_then(|j| number(ws[j])), ws.get(i + 1).and_then(|x| number(x)))
            {
                if y >= 1900 {
                    if let Some(date) = Date::new(y as i32, m, d) {
                        return Some(date);
                    }
                }
            }
        }
    }
    None
}

/// Where four ASCII digits in a row end first and last in `bytes` (the byte of each
/// fourth digit).
fn four_digit_runs(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut run = 0;
    let mut found: Option<(usize, usize)> = None;
    for (at, &b) in bytes.iter().enumerate() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            found = Some(found.map_or((at, at), |(first, _)| (first, at)));
        }
    }
    found
}

/// Whether `c` separates the words [`words`] splits a text into.
fn is_word_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '|')
}

/// Whether a piece between separators holds a word once trimmed (see [`push_trimmed`]).
fn holds_word(piece: &str) -> bool {
    piece.chars().any(char::is_alphanumeric)
}

/// The start of the piece holding byte `at`, moved back over `n` more pieces that
/// hold words (or to the start of `text`): the same words follow from there as in
/// the whole text's split.
fn start_of_words_before(text: &str, at: usize, n: usize) -> usize {
    let piece_start = |end: usize| {
        text[..end].char_indices().rev().find(|&(_, c)| is_word_separator(c)).map_or(0, |(i, c)| i + c.len_utf8())
    };
    let mut start = piece_start(at);
    let mut counted = 0;
    while counted < n && start > 0 {
        let end = text[..start].trim_end_matches(is_word_separator).len();
        let previous = piece_start(end);
        if holds_word(&text[previous..end]) {
            counted += 1;
        }
        start = previous;
    }
    start
}

/// The end of the piece holding byte `at`.
fn end_of_piece(text: &str, at: usize) -> usize {
    text[at..].find(is_word_separator).map_or(text.len(), |i| at + i)
}

fn parse_slashed(w: &str) -> Option<Date> {
    let mut parts = w.trim_end_matches('.').split('/');
    let (Some(a), Some(b), Some(y), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let a: u32 = a.parse().ok()?;
    let b: u32 = b.parse().ok()?;
    let y: i32 = y.parse().ok()?;
    if y < 1900 {
        return None;
    }
    // Day first unless that cannot be (the US order): 20/09/2025 and 09/20/2025 both read.
    Date::new(y, b, a).or_else(|| Date::new(y, a, b))
}

/// Whether `needle` (ASCII, not empty) occurs in `haystack` in any ASCII case: its
/// first byte, in either case, is looked for with `memchr` and only there is the rest
/// compared.
fn contains_ignoring_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return true };
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), haystack)
        .any(|at| haystack.get(at + 1..at + needle.len()).is_some_and(|tail| tail.eq_ignore_ascii_case(rest)))
}

/// A date named in a sentence, resolved with the document's date for a missing year
/// or a bare day name ("on Friday": the last Friday on or before the document date).
pub fn find_in_sentence(sentence: &str, document: Option<Date>) -> Option<Date> {
    if let Some(d) = find_full_date(sentence) {
        return Some(d);
    }
    let doc = document?;
    // Both forms below need a number or a day name ("...day").
    let has_digit = sentence.bytes().any(|b| b.is_ascii_digit());
    let suffix = calendar().weekday_suffix.as_bytes();
    if !has_digit && !suffix.is_empty() && !contains_ignoring_ascii_case(sentence.as_bytes(), suffix) {
        return None;
    }
    let ws = words(sentence);
    for (i, w) in ws.iter().enumerate() {
        if let Some(m) = month_number(w) {
            let day = ws.get(i + 1).and_then(|x| number(x)).filter(|d| *d <= 31);
            if let Some(d) = day {
                if w.len() < 3 {
                    continue;
                }
                let mut date = Date::new(doc.year, m, d)?;
                if date.ordinal() > doc.ordinal() + 7 {
                    date = Date::new(doc.year - 1, m, d)?;
                }
                return Some(date);
            }
        }
    }
    for (i, w) in ws.iter().enumerate() {
        if let Some(wd) = weekday_number(w) {
            let previous = i.checked_sub(1).map(|j| ws[j].to_lowercase());
            if previous.is_some_and(|p| WEEKDAY_ANCHORS.contains(&p)) || w.ends_with(',') {
                let back = (i64::from(doc.weekday()) - i64::from(wd)).rem_euclid(7);
                return Some(doc.plus_days(-back));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search before it read only the words around years: every word of the text.
    fn first_full_date_in_every_word(text: &str) -> Option<Date> {
        if !text.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit)) {
            return None;
        }
        first_full_date(&words(text))
    }

    #[test]
    fn dates_are_found_around_years_as_in_every_word() {
        let pieces = [
            "19",
            "September",
            "Sept.",
            "2025",
            "2025,",
            "2025-09-19",
            "20/09/2025",
            "on",
            "Friday,",
            "(",
            ")",
            "|",
            "\u{2014}",
            "1987",
            "12345",
            "May",
            "3",
            "-",
            "\u{a0}",
            "31",
            "Feb",
            "2024.",
            "\u{201c}",
            "x1900y",
        ];
        let separators = [" ", " ", "  ", "\n", "(", "\u{a0}", ""];
        // A small linear congruential generator: the same strings on every run.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n
        };
        let mut found = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(2 + next(14)) {
                text.push_str(pieces[next(pieces.len())]);
                text.push_str(separators[next(separators.len())]);
            }
            let expected = first_full_date_in_every_word(&text);
            found += usize::from(expected.is_some());
            assert_eq!(find_full_date(&text), expected, "{text:?}");
        }
        assert!(found > 1000, "the generated texts hold dates: {found}");
        for line in include_str!("../data/corpus/01-trump-wants-bagram.txt").lines() {
            assert_eq!(find_full_date(line), first_full_date_in_every_word(line), "{line:?}");
        }
    }

    #[test]
    fn a_suffix_is_found_in_any_case_as_a_window_search_finds_it() {
        for hay in ["", "d", "da", "day", "DAY", "Friday", "fridaY.", "a d a y", "ddday", "dadayx", "\u{e9}day", "dya"]
        {
            for needle in ["day", "d", "xday"] {
                let expected = hay.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()));
                assert_eq!(
                    contains_ignoring_ascii_case(hay.as_bytes(), needle.as_bytes()),
                    expected,
                    "{hay:?} {needle:?}"
                );
            }
        }
    }

    #[test]
    fn reads_news_date_forms() {
        let d = Date::new(2025, 9, 19);
        assert_eq!(find_full_date("Published Sept. 19, 2025 at noon"), d);
        assert_eq!(find_full_date("19 September 2025"), d);
        assert_eq!(find_full_date(" date 2025-09-19 President"), d);
        assert_eq!(find_full_date("analysis from 19/09/2025."), d);
        assert_eq!(find_full_date("*Kabul, September 19, 2025*"), d);
        assert_eq!(find_full_date("no date here, 2025"), None);
        assert_eq!(find_full_date("on 19/9/25 and Sept. 19, 25"), None, "a year needs four digits");
        assert_eq!(find_full_date("filed 2025-9-19"), None, "ISO dates are ten characters");
    }

    #[test]
    fn day_arithmetic_round_trips() {
        let d = Date::new(2025, 9, 21).expect("valid");
        assert_eq!(d.weekday(), 6, "21 September 2025 was a Sunday");
        assert_eq!(d.plus_days(-366).plus_days(366), d);
        assert_eq!(Date::new(2024, 2, 29).map(|d| d.plus_days(1).to_string()), Some("2024-03-01".into()));
        assert_eq!(Date::new(2025, 2, 29), None);
    }

    #[test]
    fn relative_days_resolve_against_the_document() {
        let doc = Date::new(2025, 9, 23);
        assert_eq!(find_in_sentence("On Sunday, September 21, he spoke.", doc), Date::new(2025, 9, 21));
        assert_eq!(find_in_sentence("He spoke on Friday in Delhi.", doc), Date::new(2025, 9, 19));
        assert_eq!(find_in_sentence("He spoke on Friday.", None), None);
        assert_eq!(find_in_sentence("In December 12 talks", doc), Date::new(2024, 12, 12));
    }
}
