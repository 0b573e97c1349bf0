//! Text processing: word segmentation (Unicode UAX #29, with an equivalent fast path for ASCII
//! text), case folding, phrase and sentence boundaries, stopwords and stemming.
//!
//! The tokenizer reports *breaks* before each word: a phrase break (any punctuation between two
//! words, so n-grams never span a comma) and a sentence break (`.`, `!`, `?` not after an
//! abbreviation, or a blank line), used by collocation windows.

mod tokenize;
mod words;

pub use tokenize::{Break, WordToken, for_each_word, words};
pub use words::{
    Normalizer, StemmerChoice, is_numeric, language_code, stemmer_algorithm, stopword_set,
};

/// The bytes of a word of at most 16 bytes, zero-padded, as one integer: a hash-map key that
/// needs no pointer into the text and no `memcmp`. Distinct words give distinct keys because
/// words never hold a NUL byte (the importer rejects text with NUL bytes, and no tokenizer puts
/// one in a word).
pub fn pack16(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    Some(u128::from_le_bytes(buf))
}
