//! English verb morphology: the regular inflections the language data's `[verbs]`
//! lists and the cue lexicon's verbs and nouns are generated with (irregular forms are
//! data: `data/en/morphology.toml`).

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The regular third-person singular (also the regular plural of a noun).
pub fn third_person(w: &str) -> String {
    if w.ends_with('s') || w.ends_with("sh") || w.ends_with("ch") || w.ends_with('x') || w.ends_with('z') {
        format!("{w}es")
    } else if w.ends_with('y') && w.len() > 1 && !w[..w.len() - 1].ends_with(is_vowel) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

/// The regular past tense and participle.
pub fn past(w: &str) -> String {
    if w.ends_with('e') {
        format!("{w}d")
    } else if w.ends_with('y') && w.len() > 1 && !w[..w.len() - 1].ends_with(is_vowel) {
        format!("{}ied", &w[..w.len() - 1])
    } else if doubles_final(w) {
        format!("{w}{}ed", &w[w.len() - 1..])
    } else {
        format!("{w}ed")
    }
}

/// The regular gerund.
pub fn gerund(w: &str) -> String {
    if w.ends_with("ee") {
        format!("{w}ing")
    } else if let Some(stem) = w.strip_suffix('e') {
        format!("{stem}ing")
    } else if doubles_final(w) {
        format!("{w}{}ing", &w[w.len() - 1..])
    } else {
        format!("{w}ing")
    }
}

/// Short consonant-vowel-consonant verbs double their last letter ("ban" -> "banned").
fn doubles_final(w: &str) -> bool {
    let c: Vec<char> = w.chars().collect();
    let n = c.len();
    (3..=4).contains(&n)
        && !is_vowel(c[n - 1])
        && !"wxy".contains(c[n - 1])
        && is_vowel(c[n - 2])
        && !is_vowel(c[n - 3])
}
