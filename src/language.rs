//! The language's words as data: every closed word list the rules consult (speech
//! verbs, role nouns, negators, prepositions, furniture phrases...) and the verb
//! morphology that inflects them, read from `data/en/*.toml` and from the user's
//! `--lang-data` files. Rules name a list by its key and never spell its words, so
//! adding a word, or a language, is a data edit.
//!
//! This module is a leaf: it knows no other stage, so every stage may read it. The
//! words are loaded once per process (before the first document) and then shared
//! read-only by every thread.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::error::{Error, Result};
pub use crate::lexicon::morphology::{gerund, past, third_person};

/// The built-in English data, in the order the files merge.
const BUILTIN: &[(&str, &str)] = &[
    ("<built-in data/en/morphology.toml>", include_str!("../data/en/morphology.toml")),
    ("<built-in data/en/calendar.toml>", include_str!("../data/en/calendar.toml")),
    ("<built-in data/en/words.toml>", include_str!("../data/en/words.toml")),
    ("<built-in data/en/lexicon.toml>", include_str!("../data/en/lexicon.toml")),
    ("<built-in data/en/furniture.toml>", include_str!("../data/en/furniture.toml")),
    ("<built-in data/en/speech.toml>", include_str!("../data/en/speech.toml")),
    ("<built-in data/en/roles.toml>", include_str!("../data/en/roles.toml")),
    ("<built-in data/en/sentences.toml>", include_str!("../data/en/sentences.toml")),
];

/// One file of language data.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageFile {
    /// Lists used exactly as written (lower case).
    #[serde(default)]
    words: BTreeMap<String, Vec<String>>,
    /// Lists of verbs (or verb phrases) given in their base form; every inflection
    /// is generated.
    #[serde(default)]
    verbs: BTreeMap<String, Vec<String>>,
    /// Irregular verb forms, by base form.
    #[serde(default)]
    irregular: BTreeMap<String, Vec<String>>,
    /// Lists whose order means something (months, weekdays), kept as written; an
    /// entry may give several space-separated spellings of one item.
    #[serde(default)]
    ordered: BTreeMap<String, Vec<String>>,
}

/// The merged language data: named word lists, verbs already inflected.
#[derive(Debug, Default)]
pub struct Language {
    lists: FxHashMap<String, Vec<String>>,
    irregular: FxHashMap<String, Vec<String>>,
    ordered: FxHashMap<String, Vec<String>>,
}

static LANGUAGE: OnceLock<Language> = OnceLock::new();

/// Loads the built-in data plus the user's files (`(path, contents)` pairs) as the
/// language of this process. A user list extends the built-in list of the same key.
/// It must run before the first document is read; later calls fail.
pub fn install(extra: &[(String, String)]) -> Result<()> {
    let language = Language::load(extra)?;
    LANGUAGE.set(language).map_err(|_| Error::Lexicon {
        path: "<language data>".into(),
        message: "language data must be installed before the first document is read".into(),
    })
}

/// The language of this process: what [`install`] loaded, else the built-in data.
pub fn get() -> &'static Language {
    LANGUAGE.get_or_init(|| Language::load(&[]).expect("the built-in language data parses (tested)"))
}

impl Language {
    /// The built-in files and then `extra`, merged and inflected.
    pub fn load(extra: &[(String, String)]) -> Result<Self> {
        let builtin = BUILTIN.iter().map(|(p, t)| (p.to_string(), t.to_string()));
        let mut files = Vec::new();
        for (path, text) in builtin.chain(extra.iter().cloned()) {
            let file: LanguageFile = toml::from_str(&text).map_err(|e| crate::lexicon::toml_error(&path, &text, &e))?;
            files.push((path, file));
        }
        let mut language = Language::default();
        for (_, file) in &files {
            for (base, forms) in &file.irregular {
                language
                    .irregular
                    .entry(base.to_lowercase())
                    .or_default()
                    .extend(forms.iter().map(|f| f.to_lowercase()));
            }
        }
        for (path, file) in files {
            for (key, words) in file.words {
                language.extend_list(&path, key, words.into_iter().map(|w| w.to_lowercase()).collect())?;
            }
            for (key, items) in file.ordered {
                let list = language.ordered.entry(key).or_default();
                if list.is_empty() {
                    list.extend(items.into_iter().map(|w| w.to_lowercase()));
                } else if items.len() == list.len() {
                    // A user's file adds spellings item by item ("sept." beside "september").
                    for (have, more) in list.iter_mut().zip(items) {
                        have.push(' ');
                        have.push_str(&more.to_lowercase());
                    }
                } else {
                    return Err(Error::Lexicon {
                        path: path.clone(),
                        message: format!(
                            "ordered list has {} items where the built-in one has {}",
                            items.len(),
                            list.len()
                        ),
                    });
                }
            }
            for (key, verbs) in file.verbs {
                let forms = verbs.iter().flat_map(|v| language.inflect_verb(v)).map(|t| t.join(" ")).collect();
                language.extend_list(&path, key, forms)?;
            }
        }
        for list in language.lists.values_mut() {
            list.sort();
            list.dedup();
        }
        Ok(language)
    }

    fn extend_list(&mut self, path: &str, key: String, words: Vec<String>) -> Result<()> {
        if let Some(bad) = words.iter().find(|w| w.trim().is_empty()) {
            return Err(Error::Lexicon {
                path: path.into(),
                message: format!("list `{key}` has an empty entry {bad:?}"),
            });
        }
        self.lists.entry(key).or_default().extend(words);
        Ok(())
    }

    /// The words of list `key`, sorted. Rules name their lists in code and the data
    /// must define them all: a key the data lacks is a bug of the built-in data, and
    /// panics at the list's first use.
    pub fn list(&self, key: &str) -> &[String] {
        match self.lists.get(key) {
            Some(words) => words,
            None => panic!("language data has no word list `{key}`: add it to data/en/"),
        }
    }

    /// The ordered list `key`: each item's spellings, first the full form.
    pub fn ordered(&self, key: &str) -> Vec<Vec<&str>> {
        match self.ordered.get(key) {
            Some(items) => items.iter().map(|i| i.split_whitespace().collect()).collect(),
            None => panic!("language data has no ordered list `{key}`: add it to data/en/"),
        }
    }

    /// All inflections of a verb phrase, by its first word: base, third person, past,
    /// gerund and the irregular forms the data gives.
    pub fn inflect_verb(&self, phrase: &str) -> Vec<Vec<String>> {
        let tokens: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        let Some((head, rest)) = tokens.split_first() else { return Vec::new() };
        let mut forms = vec![head.clone(), third_person(head), past(head), gerund(head)];
        if let Some(irregular) = self.irregular.get(head) {
            forms.extend(irregular.iter().cloned());
        }
        forms.sort();
        forms.dedup();
        forms.into_iter().map(|f| std::iter::once(f).chain(rest.iter().cloned()).collect()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_parses() {
        Language::load(&[]).unwrap();
    }

    #[test]
    fn inflects_regular_and_irregular_verbs() {
        let lang = Language::load(&[]).unwrap();
        let forms: Vec<String> = lang.inflect_verb("reject").into_iter().map(|t| t.join(" ")).collect();
        assert_eq!(forms, ["reject", "rejected", "rejecting", "rejects"]);
        let forms: Vec<String> = lang.inflect_verb("meet with").into_iter().map(|t| t.join(" ")).collect();
        assert!(forms.contains(&"met with".to_string()));
        assert!(forms.contains(&"meeting with".to_string()));
        assert_eq!(past("worry"), "worried");
        assert_eq!(gerund("voice"), "voicing");
        assert_eq!(past("ban"), "banned");
    }

    #[test]
    fn user_lists_extend_builtin_ones_and_verbs_are_inflected() {
        let extra = [(
            "mine.toml".to_string(),
            "[verbs]\nspeech_test = [\"mutter\"]\n[words]\nspeech_test = [\"quoth\"]\n".to_string(),
        )];
        let lang = Language::load(&extra).unwrap();
        let list = lang.list("speech_test");
        for w in ["mutter", "muttered", "muttering", "mutters", "quoth"] {
            assert!(list.iter().any(|x| x == w), "{w} missing from {list:?}");
        }
    }

    #[test]
    fn ordered_lists_keep_their_order_and_users_add_spellings_item_by_item() {
        let lang = Language::load(&[]).unwrap();
        let months = lang.ordered("months");
        assert_eq!(months.len(), 12);
        assert_eq!(months[8][0], "september");
        let extra = [("de.toml".to_string(), "[ordered]\nweekdays = [\"montag\", \"dienstag\", \"mittwoch\", \"donnerstag\", \"freitag\", \"samstag\", \"sonntag\"]\n".to_string())];
        let lang = Language::load(&extra).unwrap();
        assert_eq!(lang.ordered("weekdays")[6], ["sunday", "sonntag"]);
        let short = [("bad.toml".to_string(), "[ordered]\nweekdays = [\"montag\"]\n".to_string())];
        assert!(Language::load(&short).unwrap_err().to_string().contains("7"));
    }

    #[test]
    fn a_bad_file_names_its_line() {
        let extra = [("bad.toml".to_string(), "[words]\nx = [\"a\",\n".to_string())];
        let err = Language::load(&extra).unwrap_err().to_string();
        assert!(err.starts_with("bad.toml:"), "{err}");
        let extra = [("bad.toml".to_string(), "[nouns]\nx = [\"a\"]\n".to_string())];
        assert!(Language::load(&extra).is_err());
    }
}
