//! The lexicon stage: the gazetteer (who can be named) and the cue lexicon (what
//! words signal a stance), loaded from TOML and compiled for matching.
//!
//! Both are data: `data/actors.toml` and `data/cues.toml` are embedded in the binary,
//! and user files given with `--actors` / `--cues` are merged on top (same id or same
//! cue text: the user's entry wins).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::text::{Token, WordFilter};

const BUILTIN_ACTORS: &str = include_str!("../../data/actors.toml");
const BUILTIN_CUES: &str = include_str!("../../data/cues.toml");

/// A collective actor or a news outlet, as the gazetteer describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEntry {
    /// Canonical slug, e.g. `united-states`.
    pub id: String,
    /// Display name.
    pub label: String,
    /// `state`, `organization`, `armed_group`, `media`, ...
    pub kind: String,
    /// Proper-name forms: official name, capital, metonyms.
    #[serde(default)]
    pub names: Vec<String>,
    /// Adjectives that name the actor before a noun ("Chinese troops").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Forms that count only when the document names the actor unambiguously too.
    #[serde(default)]
    pub ambiguous: Vec<String>,
}

/// A named person who speaks or acts for an actor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    /// Canonical slug, e.g. `wang-yi`.
    pub id: String,
    /// Full name as usually printed.
    pub name: String,
    /// The collective actor this person speaks for.
    pub affiliation: Option<String>,
    /// Office, for display.
    #[serde(default)]
    pub role: Option<String>,
    /// Other forms (surname, transliterations).
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFile {
    #[serde(default)]
    actor: Vec<ActorEntry>,
    #[serde(default)]
    person: Vec<PersonEntry>,
    /// Forms that name no actor but hold an actor's form ("Latin American" holds
    /// "American"): matched, so the form inside is passed over, and then dropped.
    #[serde(default)]
    not_actors: Vec<String>,
}

/// How a surface form names its entity; it decides how the mention may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// A proper name or metonym of a collective actor.
    Name,
    /// An adjective ("Chinese").
    Demonym,
    /// A person's full name or alias.
    Person,
}

/// What a matched surface form refers to.
#[derive(Debug, Clone, Copy)]
pub struct FormTarget {
    /// Index into `Gazetteer::actors` or `Gazetteer::persons`.
    pub index: usize,
    /// How the form names it.
    pub kind: FormKind,
    /// Needs corroboration from an unambiguous form in the same document.
    pub ambiguous: bool,
}

/// The compiled gazetteer: every surface form, indexed by its first word.
pub struct Gazetteer {
    /// Collective actors and media outlets.
    pub actors: Vec<ActorEntry>,
    /// Known persons.
    pub persons: Vec<PersonEntry>,
    forms: FormIndex,
    actor_by_id: FxHashMap<String, usize>,
    person_by_id: FxHashMap<String, usize>,
}

/// A raw gazetteer hit in a text: byte span and what it names.
#[derive(Debug, Clone, Copy)]
pub struct FormMatch {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the form names.
    pub target: FormTarget,
}

impl Gazetteer {
    /// The built-in gazetteer plus optional user files, later files overriding by id.
    pub fn load(extra: &[(String, String)]) -> Result<Self> {
        let mut file = parse_actor_file("<built-in data/actors.toml>", BUILTIN_ACTORS)?;
        for (path, text) in extra {
            let more = parse_actor_file(path, text)?;
            merge_by_id(&mut file.actor, more.actor, |a| a.id.clone());
            merge_by_id(&mut file.person, more.person, |p| p.id.clone());
            file.not_actors.extend(more.not_actors);
        }
        let persons = file.persons_checked()?;
        Self::compile(file.actor, persons, &file.not_actors)
    }

    fn compile(actors: Vec<ActorEntry>, persons: Vec<PersonEntry>, not_actors: &[String]) -> Result<Self> {
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Option<FormTarget>> = Vec::new();
        // Forms are trimmed (paragraphs are searched one by one: a form must not reach
        // into the white space around them), and an empty one would match everywhere.
        let mut push = |form: &str, target: Option<FormTarget>| {
            let form = form.trim();
            if form.is_empty() {
                return;
            }
            for variant in case_variants(form) {
                patterns.push(variant);
                targets.push(target);
            }
        };
        // Given first, so that an actor form of the same spelling never wins over them.
        for form in not_actors {
            push(form, None);
        }
        for (index, actor) in actors.iter().enumerate() {
            let forms = std::iter::once(&actor.label).chain(&actor.names);
            for form in forms {
                let ambiguous = actor.ambiguous.iter().any(|a| a == form);
                push(form, Some(FormTarget { index, kind: FormKind::Name, ambiguous }));
            }
            for form in &actor.demonyms {
                let ambiguous = actor.ambiguous.iter().any(|a| a == form);
                push(form, Some(FormTarget { index, kind: FormKind::Demonym, ambiguous }));
            }
        }
        for (index, person) in persons.iter().enumerate() {
            let target = Some(FormTarget { index, kind: FormKind::Person, ambiguous: false });
            push(&person.name, target);
            for alias in &person.aliases {
                push(alias, target);
            }
        }
        let forms = FormIndex::new(patterns, targets);
        let actor_by_id = actors.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        let person_by_id = persons.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
        Ok(Self { actors, persons, forms, actor_by_id, person_by_id })
    }

    /// Every gazetteer form in `text` that stands as whole words.
    pub fn find(&self, text: &str) -> Vec<FormMatch> {
        let mut found = Vec::new();
        self.forms.search(text, text.len(), word_starts(text, 0, text.len()), &mut found);
        found
    }

    /// [`Gazetteer::find`] for the forms inside the `spans` of `text` (sorted byte
    /// ranges), looked for only where a word starts: at the `tokens` of the spans
    /// (sorted) and after the marks inside them ("pro-Russian"). The tokenizer has
    /// found the words already, so no byte between them is read again.
    pub fn find_within(&self, text: &str, spans: &[(usize, usize)], tokens: &[Token]) -> Vec<FormMatch> {
        let mut found = Vec::new();
        let mut tokens = tokens;
        for &(start, end) in spans {
            let first = tokens.partition_point(|t| t.start < start);
            let inside = tokens[first..].partition_point(|t| t.start < end);
            let mut search = Search { index: &self.forms, text, limit: end, covered_to: 0 };
            for t in &tokens[first..first + inside] {
                if t.marked {
                    word_starts(text, t.start, t.end)
                        .for_each(|at| search.at(at, first_word(&text[at..end]).len(), &mut found));
                } else {
                    // A plain word (or mark) is its own first word.
                    search.at(t.start, t.end - t.start, &mut found);
                }
            }
            tokens = &tokens[first + inside..];
        }
        found
    }

    /// The collective actor with this id.
    pub fn actor(&self, id: &str) -> Option<&ActorEntry> {
        self.actor_by_id.get(id).map(|&i| &self.actors[i])
    }

    /// The known person with this id.
    pub fn person(&self, id: &str) -> Option<&PersonEntry> {
        self.person_by_id.get(id).map(|&i| &self.persons[i])
    }
}

impl ActorFile {
    /// Persons whose affiliation names no actor are a data error worth stopping for.
    fn persons_checked(&self) -> Result<Vec<PersonEntry>> {
        let ids: std::collections::HashSet<&str> = self.actor.iter().map(|a| a.id.as_str()).collect();
        for p in &self.person {
            if let Some(aff) = &p.affiliation {
                if !ids.contains(aff.as_str()) {
                    return Err(Error::Lexicon {
                        path: "actors".into(),
                        message: format!("person '{}' has affiliation '{}', which is no actor id", p.id, aff),
                    });
                }
            }
        }
        Ok(self.person.clone())
    }
}

fn parse_actor_file(path: &str, text: &str) -> Result<ActorFile> {
    let file: ActorFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    for a in &file.actor {
        if a.id.trim().is_empty() || a.label.trim().is_empty() {
            return Err(Error::Lexicon { path: path.into(), message: "an [[actor]] has an empty id or label".into() });
        }
    }
    Ok(file)
}

/// TOML errors name the line and column, as an editor would.
pub(crate) fn toml_error(path: &str, text: &str, err: &toml::de::Error) -> Error {
    let message = match err.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Error::Lexicon { path: format!("{path}:{line}:{column}"), message: err.message().to_string() };
        }
        None => err.message().to_string(),
    };
    Error::Lexicon { path: path.into(), message }
}

fn merge_by_id<T>(base: &mut Vec<T>, more: Vec<T>, key: impl Fn(&T) -> String) {
    for item in more {
        let k = key(&item);
        match base.iter_mut().find(|b| key(b) == k) {
            Some(slot) => *slot = item,
            None => base.push(item),
        }
    }
}

/// A form as written, and with its first letter upper-cased ("the Kremlin" opens a
/// sentence as "The Kremlin"). Matching is otherwise case-sensitive so that "US" is
/// never the pronoun "us".
fn case_variants(form: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    let mut chars = form.chars();
    if let Some(first) = chars.next() {
        if first.is_lowercase() {
            out.push(first.to_uppercase().chain(chars).collect());
        }
    }
    out
}

/// The surface forms, found by hash from where a word starts. A form is looked up by
/// its first word (its leading letters and digits, or its first character when that
/// is neither): at a word start only the forms with that first word can match, and
/// the longest that does is the match there, as with a leftmost-longest automaton.
struct FormIndex {
    forms: Vec<String>,
    /// `None` for a form that names no actor.
    targets: Vec<Option<FormTarget>>,
    by_first_word: FxHashMap<String, FirstWordForms>,
    first_words: WordFilter,
}

/// The forms that share a first word. Most are told apart by the two bytes after it
/// (" R" in "the Republic of Chad"), so only those with the text's two bytes are
/// compared: a common first word ("the") would otherwise be tried against dozens.
#[derive(Default)]
struct FirstWordForms {
    /// Forms with two bytes or more after the first word, by those bytes, then longest
    /// first, then in the order given (the form given first wins among equals).
    long: Vec<(u16, usize)>,
    /// The rest (the first word alone, "U.S" + "."), longest first.
    short: Vec<usize>,
}

impl FormIndex {
    fn new(forms: Vec<String>, targets: Vec<Option<FormTarget>>) -> Self {
        let mut by_first_word: FxHashMap<String, FirstWordForms> = FxHashMap::default();
        for (i, form) in forms.iter().enumerate() {
            let key = first_word(form);
            let entry = by_first_word.entry(key.to_string()).or_default();
            match form.as_bytes().get(key.len()..key.len() + 2) {
                Some(&[a, b]) => entry.long.push((u16::from_be_bytes([a, b]), i)),
                _ => entry.short.push(i),
            }
        }
        for entry in by_first_word.values_mut() {
            entry.long.sort_by_key(|&(pair, i)| (pair, std::cmp::Reverse(forms[i].len()), i));
            entry.short.sort_by_key(|&i| (std::cmp::Reverse(forms[i].len()), i));
        }
        let first_words = WordFilter::new(by_first_word.keys().map(String::as_str));
        Self { forms, targets, by_first_word, first_words }
    }

    /// Appends the whole-word forms that start at `starts` (ascending) and end by `limit`.
    fn search(&self, text: &str, limit: usize, starts: impl Iterator<Item = usize>, found: &mut Vec<FormMatch>) {
        let mut search = Search { index: self, text, limit, covered_to: 0 };
        starts.for_each(|at| search.at(at, first_word(&text[at..limit]).len(), found));
    }

    /// The longest form that `rest` starts with; its first word is `rest[..key_len]`.
    fn longest_at(&self, rest: &str, key_len: usize) -> Option<usize> {
        let entry = self.by_first_word.get(&rest[..key_len])?;
        let matches = |&i: &usize| rest.starts_with(self.forms[i].as_str());
        let long = rest.as_bytes().get(key_len..key_len + 2).and_then(|next| {
            // Two bytes as one number (big-endian, so sorted as the bytes are): compared
            // in a register, where byte arrays were compared by `memcmp`.
            let pair = u16::from_be_bytes([next[0], next[1]]);
            let from = entry.long.partition_point(|(p, _)| *p < pair);
            entry.long[from..].iter().take_while(|(p, _)| *p == pair).map(|&(_, i)| i).find(matches)
        });
        long.or_else(|| entry.short.iter().copied().find(matches))
    }
}

/// One leftmost-longest pass over a span, start by start.
struct Search<'a> {
    index: &'a FormIndex,
    text: &'a str,
    limit: usize,
    /// The end of the last form matched: starts before it are passed over.
    covered_to: usize,
}

impl Search<'_> {
    /// The form at `start`, whose first word is `key_len` bytes long. A form that
    /// matches but runs into a word ("Chad" in "Chadwick") is no mention, and the
    /// starts it covers are passed over.
    ///
    /// Nine words in ten start no form: the first-word filter turns them away before
    /// anything else is looked at, inlined into each caller so that they cost no call.
    #[inline(always)]
    fn at(&mut self, start: usize, key_len: usize, found: &mut Vec<FormMatch>) {
        if start < self.limit && self.index.first_words.may_contain(&self.text[start..start + key_len]) {
            self.match_at(start, key_len, found);
        }
    }

    /// [`Search::at`] for a word the filter let through.
    fn match_at(&mut self, start: usize, key_len: usize, found: &mut Vec<FormMatch>) {
        if start < self.covered_to || follows_letter(self.text, start) {
            return;
        }
        let Some(i) = self.index.longest_at(&self.text[start..self.limit], key_len) else { return };
        let end = start + self.index.forms[i].len();
        self.covered_to = end;
        // The start is a word start already; the end must be one too.
        if letter_at(self.text, end) {
            return;
        }
        let Some(target) = self.index.targets[i] else { return };
        let form = &self.index.forms[i];
        if names_a_place_of_origin(&self.text[end..self.limit])
            || (target.kind == FormKind::Person && !form.contains(' ') && runs_into_a_name(&self.text[end..self.limit]))
        {
            return;
        }
        found.push(FormMatch { start, end, target });
    }
}

static PLACE_COMPOUND_HEADS: crate::text::WordSet = crate::text::WordSet::named("place_compound_heads");

/// "London-based", "Kyiv-born": the name says where someone sits or comes from.
fn names_a_place_of_origin(after: &str) -> bool {
    let Some(rest) = after.strip_prefix('-') else { return false };
    let head = first_word(rest);
    !head.is_empty() && PLACE_COMPOUND_HEADS.contains(&head.to_lowercase())
}

/// A one-word person alias followed by another capitalised word ("Abbas Kiarostami
/// said", "Yunus-Bek Yevkurov") is part of somebody else's name. In a run of capitals
/// ("Trump Addresses Munich Attack", a headline) the next word tells nothing.
fn runs_into_a_name(after: &str) -> bool {
    let mut chars = after.chars();
    let joint = chars.next();
    if !matches!(joint, Some(' ' | '-')) || !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    if joint == Some('-') {
        return true;
    }
    let rest = &after[1..];
    let next = first_word(rest);
    let mut then = rest[next.len()..].chars();
    match then.next() {
        Some(' ') => then.next().is_some_and(|c| !c.is_uppercase()),
        _ => true,
    }
}

/// The first word of `s`: its leading letters and digits, or its first character
/// when that is neither. ASCII is read byte by byte.
fn first_word(s: &str) -> &str {
    let bytes = s.as_bytes();
    let ascii_run = crate::text::ascii_alphanumeric_run_end(bytes, 0);
    let end = match bytes.get(ascii_run) {
        Some(b) if !b.is_ascii() => {
            s[ascii_run..].char_indices().find(|(_, c)| !c.is_alphanumeric()).map_or(s.len(), |(i, _)| ascii_run + i)
        }
        _ => ascii_run,
    };
    if end > 0 {
        &s[..end]
    } else {
        s.chars().next().map_or("", |c| &s[..c.len_utf8()])
    }
}

/// Where a word may start in `[start, end)` (a token, or a whole text): at its start,
/// and after each character that is not a letter or digit ("pro-Russian", "U.S.-led").
fn word_starts(text: &str, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
    let lead = first_word(&text[start..end]).len();
    let inner = (lead < end - start).then(|| {
        text[start + lead..end]
            .char_indices()
            .scan(text[..start + lead].chars().next_back(), move |previous, (at, c)| {
                let starts_word = !previous.is_some_and(char::is_alphanumeric);
                *previous = Some(c);
                Some(starts_word.then_some(start + lead + at))
            })
            .flatten()
    });
    std::iter::once(start).chain(inner.into_iter().flatten())
}

/// Whether a letter or digit comes right before `at`: then no word starts at `at`
/// (the "n't" of "don't"). A hyphen or a dot is a boundary ("U.S.-led", "pro-Russian").
fn follows_letter(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..at].chars().next_back().is_some_and(char::is_alphanumeric),
    }
}

/// Whether a letter or digit comes at `at`: a form ending there runs into a word.
fn letter_at(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

// ---------------------------------------------------------------------------
// Cues

/// CAMEO-like event types; the JSON carries them as snake_case strings.
pub const EVENT_TYPES: &[&str] = &[
    "statement",
    "appeal",
    "intend_cooperate",
    "consult",
    "diplomatic_cooperation",
    "material_cooperation",
    "aid",
    "yield",
    "demand",
    "disapprove",
    "reject",
    "threaten",
    "protest",
    "posture",
    "reduce_relations",
    "coerce",
    "assault",
    "fight",
];

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
    "drop".into()
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
                "drop" => Negation::Drop,
                other => Negation::Becomes(other.to_string(), default_goldstein(other)),
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
            let mut seen = std::collections::HashSet::new();
            patterns.retain(|p| seen.insert((p.tokens.clone(), p.cue)));
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

fn parse_cue_file(path: &str, text: &str) -> Result<CueFile> {
    let file: CueFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    for (i, block) in file.cue.iter().enumerate() {
        let n = i + 1;
        if !EVENT_TYPES.contains(&block.kind.as_str()) {
            return Err(Error::Lexicon {
                path: path.into(),
                message: format!("cue block {n}: unknown type '{}' (known: {})", block.kind, EVENT_TYPES.join(", ")),
            });
        }
        if block.negated != "drop" && !EVENT_TYPES.contains(&block.negated.as_str()) {
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

/// The score a negated cue takes when it turns into another type.
fn default_goldstein(kind: &str) -> f64 {
    match kind {
        "reject" => -4.0,
        "disapprove" => -2.0,
        "demand" => -5.0,
        "threaten" => -6.0,
        _ => -1.0,
    }
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
    fn pluralises_the_head_noun_not_the_preposition() {
        let forms: Vec<String> = pluralise(&words("threat from")).into_iter().map(|t| t.join(" ")).collect();
        assert_eq!(forms, ["threat from", "threats from"]);
    }

    #[test]
    fn builtin_lexicons_load() {
        let gaz = Gazetteer::load(&[]).expect("built-in actors parse");
        assert!(gaz.actors.len() > 200, "every UN member state is in the gazetteer");
        assert_eq!(gaz.actor("united-states").map(|a| a.label.as_str()), Some("United States"));
        assert!(CueLexicon::load(&[]).expect("built-in cues parse").cues.len() > 20);
    }

    #[test]
    fn user_forms_are_trimmed_and_empty_ones_ignored() {
        let extra = "[[actor]]\nid = \"x\"\nlabel = \"Xland\"\nkind = \"state\"\nnames = [\" Xo \", \"\", \"  \"]\n";
        let gaz = Gazetteer::load(&[("x.toml".into(), extra.into())]).expect("parses");
        let text = "Xo said so.\n\nNothing else here.";
        let hits: Vec<(usize, usize)> = gaz.find(text).iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(hits, [(0, 2)]);
    }

    #[test]
    fn matching_is_case_sensitive_and_whole_word() {
        let gaz = Gazetteer::load(&[]).expect("built-in actors parse");
        let text = "Tell us what the US and the Kremlin think of Indiana.";
        let ids: Vec<&str> = gaz.find(text).iter().map(|m| gaz.actors[m.target.index].id.as_str()).collect();
        assert_eq!(ids, ["united-states", "russia"]);
    }

    #[test]
    fn the_longest_form_wins_and_words_after_marks_count() {
        let gaz = Gazetteer::load(&[]).expect("built-in actors parse");
        let text = "Chadwick met the Republic of Chad's envoy; pro-Russian and U.S.-led groups too.";
        let hits: Vec<(&str, &str)> =
            gaz.find(text).iter().map(|m| (&text[m.start..m.end], gaz.actors[m.target.index].id.as_str())).collect();
        assert_eq!(hits, [("the Republic of Chad", "chad"), ("Russian", "russia"), ("U.S.", "united-states")]);
    }

    #[test]
    fn searching_at_tokens_finds_what_searching_the_text_finds() {
        let gaz = Gazetteer::load(&[]).expect("built-in actors parse");
        let mut texts: Vec<String> = [
            "Don't say Chadwick; say the Republic of Chad. Iran's and Iraq\u{2019}s envoys, U.S.-led, pro-Russian.",
            "Côte d'Ivoire and the Côte d\u{2019}Ivoire; (China) \"Russia\" -India- al-Qaeda's men.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
        for entry in std::fs::read_dir(corpus).expect("the sample corpus is there") {
            texts.push(std::fs::read_to_string(entry.expect("a listing").path()).expect("a readable article"));
        }
        for text in &texts {
            let spans: Vec<(usize, usize)> = text
                .split_inclusive('\n')
                .scan(0, |at, line| {
                    let span = (*at, *at + line.trim_end().len());
                    *at += line.len();
                    Some(span)
                })
                .filter(|(a, b)| a < b)
                .collect();
            let arena = bumpalo::Bump::new();
            let mut tokens = Vec::new();
            for &(a, b) in &spans {
                crate::text::tokenize_into(text, a, b, &arena, &mut tokens);
            }
            let by_text: Vec<(usize, usize)> = spans
                .iter()
                .flat_map(|&(a, b)| gaz.find(&text[a..b]).into_iter().map(move |m| (a + m.start, a + m.end)))
                .collect();
            let by_tokens: Vec<(usize, usize)> =
                gaz.find_within(text, &spans, &tokens).iter().map(|m| (m.start, m.end)).collect();
            assert!(!by_text.is_empty());
            assert_eq!(by_tokens, by_text);
        }
    }

    #[test]
    fn bad_toml_reports_line_and_column() {
        let err = Gazetteer::load(&[("mine.toml".into(), "[[actor]]\nid = \"x\"\nlabel = 3\n".into())])
            .err()
            .expect("a number is no label");
        let msg = err.to_string();
        assert!(msg.starts_with("mine.toml:3:9: "), "{msg}");
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
