//! The lexicon stage: the gazetteer (who can be named: `gazetteer`) and the cue
//! lexicon (what words signal a stance: `cues`), loaded from TOML and compiled for
//! matching, and the regular verb morphology (`morphology`) that inflects the cues and
//! the language data's verb lists.
//!
//! Both are data: `data/actors.toml` and `data/cues.toml` are embedded in the binary,
//! and user files given with `--actors` / `--cues` are merged on top (same id or same
//! cue text: the user's entry wins).

mod cues;
mod gazetteer;
pub(crate) mod morphology;

pub use cues::{words, Cue, CueLexicon, CuePattern, Negation, EVENT_TYPES};
pub use gazetteer::{ActorEntry, FormKind, FormMatch, FormTarget, Gazetteer, PersonEntry};

use crate::error::Error;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_load() {
        let gaz = Gazetteer::load(&[]).expect("built-in actors parse");
        assert!(gaz.actors.len() > 200, "every UN member state is in the gazetteer");
        assert_eq!(gaz.actor("united-states").map(|a| a.label.as_str()), Some("United States"));
        assert!(CueLexicon::load(&[]).expect("built-in cues parse").cues.len() > 20);
    }
}
