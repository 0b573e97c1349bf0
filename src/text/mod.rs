//! Text processing: language identification ([`language`]), word segmentation (Unicode UAX #29,
//! with an equivalent fast path for ASCII text, and [`segment`] for Chinese and Japanese), case folding, phrase and sentence boundaries, stopwords and stemming.
//!
//! The tokenizer reports *breaks* before each word: a phrase break (any punctuation between two
//! words, so n-grams never span a comma) and a sentence break (`.`, `!`, `?` not after an
//! abbreviation, or a blank line), used by collocation windows.
//!
//! Before segmenting, [`links`] finds the spans that are not ordinary words: links and e-mail
//! addresses (never word tokens) and `#hashtags` and `@handles` (one word token each).

pub mod language;
pub mod links;
pub mod segment;
mod tokenize;
mod words;

pub use tokenize::{Break, WordToken, for_each_word, words};
pub use words::{
    LANGUAGES, Language, Normalizer, StemmerChoice, is_numeric, language_code, stemmer_algorithm,
    stopword_set,
};

/// A text cell as a spreadsheet may read it safely: a cell that begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return (which spreadsheets may run as a formula, OWASP's list) gets a
/// leading `'`. Every CSV the tool writes passes its text cells through this.
pub fn spreadsheet_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The bytes of a word of at most 16 bytes, zero-padded, as one integer: a hash-map key that
/// needs no pointer into the text and no `memcmp`. Distinct words give distinct keys because
/// no tokenizer puts a NUL character in a word (NUL is neither a letter, a digit nor a joiner).
pub fn pack16(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    Some(u128::from_le_bytes(buf))
}

#[cfg(test)]
mod tests {
    #[test]
    fn pack16_keys_up_to_sixteen_bytes() {
        use super::pack16;
        assert_eq!(pack16(""), Some(0));
        assert_eq!(pack16("a"), Some(0x61));
        assert_ne!(pack16("ab"), pack16("ba"));
        assert!(pack16("sixteen-letters!").is_some());
        assert_eq!(pack16("seventeen-letters"), None);
        // Multi-byte characters count in bytes: eight two-byte letters fit, nine do not.
        assert!(pack16("éééééééé").is_some());
        assert_eq!(pack16("ééééééééé"), None);
    }
}
