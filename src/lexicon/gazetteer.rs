//! The gazetteer: who can be named. `data/actors.toml` (embedded) and the user's
//! `--actors` files, merged by id, compiled into an index of surface forms by first
//! word that is searched only where a word starts.

use rustc_hash::FxHashMap;

use serde::Deserialize;

use super::toml_error;
use crate::error::{Error, Result};
use crate::text::{Token, WordFilter};

const BUILTIN_ACTORS: &str = include_str!("../../data/actors.toml");

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
    /// Adjectives that name the actor before a noun ("Chinese troops"), and the plural
    /// nouns for its people ("Russians"; they name it only after a count or beside a
    /// speech verb: see `extract::mentions`).
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
    /// The bytes a first word starts with: forms start with a capital or one of a few
    /// lower-case words ("the"), so one array read turns away most lower-case words
    /// and marks before the filter hashes them.
    first_bytes: [bool; 256],
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
        let mut first_bytes = [false; 256];
        for key in by_first_word.keys() {
            if let Some(&b) = key.as_bytes().first() {
                first_bytes[usize::from(b)] = true;
            }
        }
        Self { forms, targets, by_first_word, first_words, first_bytes }
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
        if start < self.limit
            && self.text.as_bytes().get(start).is_some_and(|&b| self.index.first_bytes[usize::from(b)])
            && self.index.first_words.may_contain(&self.text[start..start + key_len])
        {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
