//! English verb morphology: the regular inflections the language data's `[verbs]`
//! lists and the cue lexicon's verbs and nouns are generated with (irregular forms are
//! data: `data/en/morphology.toml`).

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The regular third-person singular (also the regular plural of a noun).
pub fn third_person(w: &str) -> String {
    if w.ends_with('s') || w.ends_with("sh") || w.ends_with("ch") || w.ends_with('x') || w.ends_with('z') {
        [w, "es"].concat()
    } else if w.ends_with('y') && w.len() > 1 && !w[..w.len() - 1].ends_with(is_vowel) {
        [&w[..w.len() - 1], "ies"].concat()
    } else {
        [w, "s"].concat()
    }
}

/// The regular past tense and participle.
pub fn past(w: &str) -> String {
    if w.ends_with('e') {
        [w, "d"].concat()
    } else if w.ends_with('y') && w.len() > 1 && !w[..w.len() - 1].ends_with(is_vowel) {
        [&w[..w.len() - 1], "ied"].concat()
    } else if doubles_final(w) {
        [w, &w[w.len() - 1..], "ed"].concat()
    } else {
        [w, "ed"].concat()
    }
}

/// The regular gerund.
pub fn gerund(w: &str) -> String {
    if w.ends_with("ee") {
        [w, "ing"].concat()
    } else if let Some(stem) = w.strip_suffix('e') {
        [stem, "ing"].concat()
    } else if doubles_final(w) {
        [w, &w[w.len() - 1..], "ing"].concat()
    } else {
        [w, "ing"].concat()
    }
}

/// Short consonant-vowel-consonant verbs double their last letter ("ban" -> "banned").
fn doubles_final(w: &str) -> bool {
    let mut from_end = w.chars().rev();
    let (Some(last), Some(middle), Some(before)) = (from_end.next(), from_end.next(), from_end.next()) else {
        return false;
    };
    from_end.nth(1).is_none() && !is_vowel(last) && !"wxy".contains(last) && is_vowel(middle) && !is_vowel(before)
}
