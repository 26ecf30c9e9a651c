//! The text stage: paragraphs, page furniture, sentences and tokens, all as byte
//! spans into the document text. Nothing here copies or rewrites the text, so a
//! span made here reaches an edge's evidence unchanged.

mod furniture;
mod paragraphs;
mod sentences;
mod tokens;
mod words;

pub use paragraphs::{Paragraph, ParagraphKind};
pub use sentences::{split_sentences, Sentence};
pub(crate) use tokens::ascii_alphanumeric_run_end;
pub use tokens::{normalise, tokenize, tokenize_into, Token};
pub use words::{WordFilter, WordSet};

use crate::date::Date;
use paragraphs::{classify, split_paragraphs};

/// The segmented document.
#[derive(Debug, Clone)]
pub struct Segmented {
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences of the title and body paragraphs, in order.
    pub sentences: Vec<Sentence>,
}

/// Splits `text` into paragraphs and sentences, marking furniture.
pub fn segment(text: &str) -> Segmented {
    let mut paragraphs = split_paragraphs(text);
    let sentences = classify(text, &mut paragraphs);
    Segmented { paragraphs, sentences }
}

/// The date a sentence speaks of ("on Sunday, September 21"), resolved against the
/// document's date; `None` when it names none or cannot be placed.
pub fn sentence_date(sentence: &str, document_date: Option<Date>) -> Option<Date> {
    crate::date::find_in_sentence(sentence, document_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multibyte_quote_before_a_full_stop_is_no_crash() {
        // Found by proptest: the word before a dot began inside a three-byte quote mark.
        let text = "\u{201c}\u{201d}. \u{2018}\u{201d}";
        let _ = split_sentences(text, 0, text.len());
        let seg = segment(text);
        assert!(seg.sentences.iter().all(|s| text.is_char_boundary(s.start) && text.is_char_boundary(s.end)));
    }

    #[test]
    fn furniture_and_teasers_are_marked() {
        let body = "The minister spoke on Monday. He said more. Then again. And again. Once more. Last one.";
        let text = format!("Follow us on social\n\nA Title About the World Order\n\n{body}\n\nRelated Articles\n\nTeaser text about China here.\n");
        let seg = segment(&text);
        let kinds: Vec<ParagraphKind> = seg.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                ParagraphKind::Furniture,
                ParagraphKind::Title,
                ParagraphKind::Body,
                ParagraphKind::Furniture,
                ParagraphKind::Furniture
            ]
        );
        assert!(seg.sentences.iter().all(|s| !text[s.start..s.end].contains("Teaser")));
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph() {
        let text =
            "The talks between the two sides went on for a long time and\nended late on Friday.\nNext paragraph here.";
        let seg = segment(text);
        assert_eq!(seg.paragraphs.len(), 2);
    }
}
