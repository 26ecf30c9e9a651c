//! Word sets: the closed word lists every pass asks about, and the filter in
//! front of them (also in front of the cue index and the gazetteer's first words).

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
