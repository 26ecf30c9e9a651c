//! Page furniture: the phrases (share buttons, newsletter blurbs) that mark a short
//! line as no article text, and the end markers after which nothing is.

use std::sync::OnceLock;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::Anchored;

use super::WordSet;

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

/// than the longest marker.
const MARKER_CHARS: usize = 40;

/// Whether paragraph `s` is an end marker: what follows it is not the article.
pub(super) fn ends_article(s: &str, short: bool) -> bool {
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
pub(super) fn phrases_in_pair(a: &str, b: &str) -> (bool, bool) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

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
    fn every_end_marker_fits_in_the_lower_cased_start_of_a_long_line() {
        assert!(END_MARKERS.words().iter().all(|m| m.chars().count() < MARKER_CHARS));
    }
}
