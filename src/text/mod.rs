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
