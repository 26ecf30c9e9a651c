//! The cue lexicon: what words signal a stance. `data/cues.toml` (embedded) and the
//! user's `--cues` files, with verbs inflected, nouns pluralised and pattern families
//! expanded, indexed by first word.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use serde::Deserialize;

use super::toml_error;
use crate::error::{Error, Result};
use crate::model::EventType;
use crate::text::WordFilter;

const BUILTIN_CUES: &str = include_str!("../../data/cues.toml");

pub use crate::model::EVENT_TYPES;

/// What `negated` says of a cue that negation removes ("did not criticise": no edge).
const DROP: &str = "drop";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueBlock {
    #[serde(rename = "type")]
    kind: String,
    goldstein: f64,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default = "default_negated")]
    negated: String,
    #[serde(default)]
    implicit_target: bool,
    #[serde(default)]
    reciprocal: bool,
    #[serde(default)]
    agent_after: bool,
    /// A noun family (a `[slots]` list) every verb of the block governs: the verb gives
    /// the type and polarity, the noun only says what is acted on ("severed ties").
    #[serde(default)]
    object: Option<String>,
}

fn default_negated() -> String {
    DROP.into()
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    #[serde(default)]
    cue: Vec<CueBlock>,
    /// Named word lists a pattern names as `{name}` (one of them) or `{name?}` (one
    /// of them, or none): articles, degree words, the nouns of a family.
    #[serde(default)]
    slots: BTreeMap<String, Vec<String>>,
}

/// What a negated cue becomes.
#[derive(Debug, Clone, PartialEq)]
pub enum Negation {
    /// "did not criticise": no edge.
    Drop,
    /// "will not allow": an edge of this type and score.
    Becomes(String, f64),
}

/// One cue: its event type, score and behaviour.
#[derive(Debug, Clone)]
pub struct Cue {
    /// Event type, one of `EVENT_TYPES`.
    pub kind: String,
    /// Goldstein score; its sign is the polarity.
    pub goldstein: f64,
    /// What negation makes of it.
    pub negated: Negation,
    /// Falls back to the document's counterpart when no target is named.
    pub implicit_target: bool,
    /// Goes both ways.
    pub reciprocal: bool,
    /// A following "by"/"from" names the source.
    pub agent_after: bool,
    /// Whether the matched form is a verb (passives apply only to verbs).
    pub is_verb: bool,
    /// Whether it is a noun, whose owner must stand close or be a light verb's subject.
    pub is_noun: bool,
}

/// One token pattern: lower-case words, `*` for a short gap.
#[derive(Debug, Clone)]
pub struct CuePattern {
    /// The words to match.
    pub tokens: Vec<String>,
    /// Index into `CueLexicon::cues`.
    pub cue: usize,
}

/// The compiled cue lexicon, indexed by first word.
pub struct CueLexicon {
    /// Cue behaviours.
    pub cues: Vec<Cue>,
    by_first: FxHashMap<String, Vec<CuePattern>>,
    /// The first words again, as a filter: nearly every token is asked about.
    first_words: WordFilter,
}

impl CueLexicon {
    /// The built-in lexicon plus optional user files.
    pub fn load(extra: &[(String, String)]) -> Result<Self> {
        let mut file = parse_cue_file("<built-in data/cues.toml>", BUILTIN_CUES)?;
        for (path, text) in extra {
            let more = parse_cue_file(path, text)?;
            file.cue.extend(more.cue);
            for (name, words) in more.slots {
                file.slots.entry(name).or_default().extend(words);
            }
        }
        Self::compile(file)
    }

    fn compile(file: CueFile) -> Result<Self> {
        let slots = &file.slots;
        let mut cues = Vec::new();
        let mut by_first: FxHashMap<String, Vec<CuePattern>> = FxHashMap::default();
        for (n, block) in file.cue.into_iter().enumerate() {
            let negated = match block.negated.as_str() {
                DROP => Negation::Drop,
                other => Negation::Becomes(other.to_string(), negated_goldstein(other)),
            };
            let base = Cue {
                kind: block.kind.clone(),
                goldstein: block.goldstein,
                negated,
                implicit_target: block.implicit_target,
                reciprocal: block.reciprocal,
                agent_after: block.agent_after,
                is_verb: true,
                is_noun: false,
            };
            let verb_cue = cues.len();
            cues.push(base.clone());
            let noun_cue = cues.len();
            cues.push(Cue { is_verb: false, is_noun: true, ..base.clone() });
            let phrase_cue = cues.len();
            cues.push(Cue { is_verb: false, ..base });
            let mut add = |tokens: Vec<String>, cue: usize| {
                if let Some(first) = tokens.first() {
                    by_first.entry(first.clone()).or_default().push(CuePattern { tokens, cue });
                }
            };
            let expand = |pattern: &str| {
                expand_pattern(pattern, slots).map_err(|message| Error::Lexicon {
                    path: "cues".into(),
                    message: format!("cue block {}: pattern '{pattern}': {message}", n + 1),
                })
            };
            for verb in &block.verbs {
                let verb = match &block.object {
                    Some(object) => format!("{verb} * {{{object}}}"),
                    None => verb.clone(),
                };
                for tokens in expand(&verb)? {
                    for tokens in inflect_verb(&tokens.join(" ")) {
                        add(tokens, verb_cue);
                    }
                }
            }
            for noun in &block.nouns {
                for tokens in expand(noun)? {
                    for tokens in pluralise(&tokens) {
                        add(tokens, noun_cue);
                    }
                }
            }
            for phrase in &block.phrases {
                for tokens in expand(phrase)? {
                    add(tokens, phrase_cue);
                }
            }
        }
        for patterns in by_first.values_mut() {
            // One pattern once per cue (slots may spell it twice). The same words may
            // stay under two cues: a verb reading refused as a noun falls to the noun's.
            drop_repeats(patterns);
            // Longest first, so "hold talks with" beats "hold"; a gap counts for less
            // than a word, so the literal of two patterns of one length is tried first.
            patterns.sort_by_key(|p| {
                std::cmp::Reverse(p.tokens.iter().map(|t| if t == "*" { 1 } else { 2 }).sum::<usize>())
            });
        }
        let first_words = WordFilter::new(by_first.keys().map(String::as_str));
        Ok(Self { cues, by_first, first_words })
    }

    /// Patterns that may start with this lower-case word.
    pub fn starting_with(&self, word: &str) -> &[CuePattern] {
        if !self.first_words.may_contain(word) {
            return &[];
        }
        self.by_first.get(word).map_or(&[], Vec::as_slice)
    }
}

/// Removes later copies of a pattern under the same cue, keeping the first. Sorting
/// indices finds the copies without cloning each pattern into a hash set, which was a
/// quarter of the start-up.
fn drop_repeats(patterns: &mut Vec<CuePattern>) {
    let key = |i: usize| (patterns[i].cue, &patterns[i].tokens, i);
    let mut order: Vec<usize> = (0..patterns.len()).collect();
    order.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)));
    let mut repeat = vec![false; patterns.len()];
    for pair in order.windows(2) {
        let (kept, later) = (&patterns[pair[0]], &patterns[pair[1]]);
        if kept.cue == later.cue && kept.tokens == later.tokens {
            repeat[pair[1]] = true;
        }
    }
    let mut at = 0;
    patterns.retain(|_| {
        at += 1;
        !repeat[at - 1]
    });
}

fn parse_cue_file(path: &str, text: &str) -> Result<CueFile> {
    let file: CueFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    for (i, block) in file.cue.iter().enumerate() {
        let n = i + 1;
        if EventType::parse(&block.kind).is_none() {
            return Err(Error::Lexicon {
                path: path.into(),
                message: format!("cue block {n}: unknown type '{}' (known: {})", block.kind, EVENT_TYPES.join(", ")),
            });
        }
        if block.negated != DROP && EventType::parse(&block.negated).is_none() {
            return Err(Error::Lexicon {
                path: path.into(),
                message: format!("cue block {n}: negated = '{}' is neither \"drop\" nor a type", block.negated),
            });
        }
        if !(-10.0..=10.0).contains(&block.goldstein) {
            return Err(Error::Lexicon {
                path: path.into(),
                message: format!("cue block {n}: goldstein {} is outside -10..10", block.goldstein),
            });
        }
    }
    Ok(file)
}

/// The score a negated cue takes when it turns into another type (checked to be one
/// when the file is read).
fn negated_goldstein(kind: &str) -> f64 {
    EventType::parse(kind).map_or(-1.0, EventType::negated_goldstein)
}

/// Lower-case words of a phrase, splitting possessives off as the tokenizer does.
pub fn words(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

/// All inflections of a verb phrase, by its first word.
fn inflect_verb(phrase: &str) -> Vec<Vec<String>> {
    crate::language::get().inflect_verb(phrase)
}

/// The most patterns one written pattern may stand for: slots multiply.
const MAX_EXPANSIONS: usize = 4096;

/// Every word sequence a written pattern stands for. A word is itself; `(a|b)` is a,
/// b or nothing; `[a|b]` is a or b; `{name}` is one entry of the slot list `name`
/// (entries may be phrases) and `{name?}` that or nothing. So one line states a cue
/// family whose articles, modifiers and prepositions vary ("restore (full)
/// {diplomatic?} ties"), and the matcher still compares plain words.
fn expand_pattern(
    pattern: &str,
    slots: &BTreeMap<String, Vec<String>>,
) -> std::result::Result<Vec<Vec<String>>, String> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for word in pattern_words(pattern) {
        let choices = word_choices(word, slots)?;
        let mut next = Vec::with_capacity(out.len() * choices.len());
        for prefix in &out {
            for choice in &choices {
                next.push(prefix.iter().chain(choice).cloned().collect::<Vec<String>>());
            }
        }
        if next.len() > MAX_EXPANSIONS {
            return Err(format!("stands for more than {MAX_EXPANSIONS} word sequences"));
        }
        out = next;
    }
    out.retain(|tokens| tokens.first().is_some_and(|t| t != "*") && tokens.last().is_some_and(|t| t != "*"));
    if out.is_empty() {
        return Err("matches nothing, or starts or ends with a gap".into());
    }
    Ok(out)
}

/// A pattern's words: split at white space outside brackets, so that an alternative
/// may be a phrase ("[strike|air strike] on").
fn pattern_words(pattern: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0usize;
    pattern
        .split(move |c: char| {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            depth == 0 && c.is_whitespace()
        })
        .filter(|w| !w.is_empty())
}

/// What one written word of a pattern may be: each choice is zero or more words.
fn word_choices(word: &str, slots: &BTreeMap<String, Vec<String>>) -> std::result::Result<Vec<Vec<String>>, String> {
    let alternatives = |inner: &str| inner.split('|').map(words).filter(|w| !w.is_empty()).collect::<Vec<_>>();
    if let Some(inner) = word.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
        let mut choices = vec![Vec::new()];
        choices.extend(alternatives(inner));
        return Ok(choices);
    }
    if let Some(inner) = word.strip_prefix('[').and_then(|w| w.strip_suffix(']')) {
        let choices = alternatives(inner);
        return if choices.is_empty() { Err(format!("'{word}' offers no word")) } else { Ok(choices) };
    }
    if let Some(inner) = word.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
        let (name, optional) = match inner.strip_suffix('?') {
            Some(name) => (name, true),
            None => (inner, false),
        };
        let list = slots.get(name).ok_or_else(|| format!("no slot list '{name}' in [slots]"))?;
        let mut choices: Vec<Vec<String>> = if optional { vec![Vec::new()] } else { Vec::new() };
        choices.extend(list.iter().map(|entry| words(entry)).filter(|w| !w.is_empty()));
        return if choices.is_empty() { Err(format!("slot '{name}' is empty")) } else { Ok(choices) };
    }
    if word.contains(['(', ')', '[', ']', '{', '}', '|', ' ']) {
        return Err(format!("'{word}': a bracket must wrap the whole word"));
    }
    Ok(vec![vec![word.to_lowercase()]])
}

fn pluralise(tokens: &[String]) -> Vec<Vec<String>> {
    let mut out = vec![tokens.to_vec()];
    // The head noun is the last word unless a preposition follows it ("talks with").
    let prepositions = crate::language::get().list("prepositions");
    let head = tokens.iter().rposition(|t| t != "*" && prepositions.binary_search(t).is_err()).unwrap_or(0);
    let mut plural = tokens.to_vec();
    let h = &tokens[head];
    if !h.ends_with('s') {
        plural[head] = crate::language::third_person(h);
        out.push(plural);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_patterns_under_one_cue_are_dropped_and_the_rest_keep_their_order() {
        let pattern =
            |words: &str, cue: usize| CuePattern { tokens: words.split(' ').map(String::from).collect(), cue };
        let mut patterns = vec![
            pattern("hold talks", 1),
            pattern("hold", 2),
            pattern("hold talks", 3),
            pattern("hold talks", 1),
            pattern("hold", 2),
            pattern("hold * with", 1),
            pattern("hold talks", 1),
        ];
        drop_repeats(&mut patterns);
        let kept: Vec<(String, usize)> = patterns.iter().map(|p| (p.tokens.join(" "), p.cue)).collect();
        let expected = [("hold talks", 1), ("hold", 2), ("hold talks", 3), ("hold * with", 1)];
        assert_eq!(kept, expected.map(|(w, c)| (w.to_string(), c)));
    }

    #[test]
    fn pluralises_the_head_noun_not_the_preposition() {
        let forms: Vec<String> = pluralise(&words("threat from")).into_iter().map(|t| t.join(" ")).collect();
        assert_eq!(forms, ["threat from", "threats from"]);
    }

    fn spelled(pattern: &str, slots: &[(&str, &[&str])]) -> Vec<String> {
        let slots = slots.iter().map(|(k, v)| (k.to_string(), v.iter().map(|w| w.to_string()).collect())).collect();
        let mut out: Vec<String> =
            expand_pattern(pattern, &slots).expect("expands").iter().map(|t| t.join(" ")).collect();
        out.sort();
        out
    }

    #[test]
    fn optional_and_alternative_words_expand() {
        assert_eq!(spelled("restore (full) ties", &[]), ["restore full ties", "restore ties"]);
        assert_eq!(spelled("[strike|air strike] on", &[]), ["air strike on", "strike on"]);
        assert_eq!(
            spelled("cut {det?} ties", &[("det", &["the", "its"])]),
            ["cut its ties", "cut the ties", "cut ties"]
        );
        assert_eq!(
            spelled("sever * {rel}", &[("rel", &["ties", "diplomatic ties"])]),
            ["sever * diplomatic ties", "sever * ties"]
        );
    }

    #[test]
    fn bad_patterns_are_refused() {
        let none = BTreeMap::new();
        assert!(expand_pattern("cut {nothing} ties", &none).is_err(), "an unknown slot");
        assert!(expand_pattern("(|)", &none).is_err(), "a pattern that matches nothing");
        assert!(expand_pattern("* ties", &none).is_err(), "a leading gap");
        assert!(expand_pattern("cut[a|b]", &none).is_err(), "a bracket inside a word");
    }

    #[test]
    fn a_governed_object_takes_the_verbs_type() {
        let cues = "[slots]\nrel = [\"ties\"]\n[[cue]]\ntype = \"reduce_relations\"\ngoldstein = -4.0\nverbs = [\"sever\"]\nobject = \"rel\"\n";
        let lex = CueLexicon::load(&[("c.toml".into(), cues.into())]).expect("parses");
        let found =
            lex.starting_with("severed").iter().find(|p| p.tokens == ["severed", "*", "ties"]).expect("inflected");
        assert_eq!(lex.cues[found.cue].kind, "reduce_relations");
        assert!(lex.starting_with("sever").iter().all(|p| p.tokens.len() > 1), "the verb alone is no cue");
    }

    #[test]
    fn unknown_cue_type_is_rejected() {
        let bad = "[[cue]]\ntype = \"hug\"\ngoldstein = 1.0\nverbs = [\"hug\"]\n";
        let err = CueLexicon::load(&[("c.toml".into(), bad.into())]).err().expect("hug is no type");
        assert!(err.to_string().contains("unknown type 'hug'"));
    }
}
