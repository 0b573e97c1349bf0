//! Turning a surface word into a term: case folding, apostrophe normalisation, stopwords
//! (from the `stop-words` crate: NLTK lists where NLTK has the language, stopwords-iso otherwise)
//! and optional Snowball stemming (`rust-stemmers`).

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashSet;

/// A language the text layer knows: its name, the code of its stopword list in the `stop-words`
/// crate, and its Snowball stemmer when there is one.
#[derive(Clone, Copy, Debug)]
pub struct Language {
    pub name: &'static str,
    pub code: &'static str,
    pub stemmer: Option<Algorithm>,
}

const fn lang(name: &'static str, code: &'static str, stemmer: Option<Algorithm>) -> Language {
    Language {
        name,
        code,
        stemmer,
    }
}

/// The one language table: the languages with a Snowball stemmer first (the ones the app offers),
/// then the ones with only a stopword list. Other stopwords-iso codes are accepted as codes.
pub const LANGUAGES: &[Language] = &[
    lang("english", "en", Some(Algorithm::English)),
    lang("french", "fr", Some(Algorithm::French)),
    lang("german", "de", Some(Algorithm::German)),
    lang("spanish", "es", Some(Algorithm::Spanish)),
    lang("italian", "it", Some(Algorithm::Italian)),
    lang("portuguese", "pt", Some(Algorithm::Portuguese)),
    lang("dutch", "nl", Some(Algorithm::Dutch)),
    lang("danish", "da", Some(Algorithm::Danish)),
    lang("swedish", "sv", Some(Algorithm::Swedish)),
    lang("norwegian", "no", Some(Algorithm::Norwegian)),
    lang("finnish", "fi", Some(Algorithm::Finnish)),
    lang("russian", "ru", Some(Algorithm::Russian)),
    lang("hungarian", "hu", Some(Algorithm::Hungarian)),
    lang("romanian", "ro", Some(Algorithm::Romanian)),
    lang("turkish", "tr", Some(Algorithm::Turkish)),
    lang("greek", "el", Some(Algorithm::Greek)),
    lang("arabic", "ar", Some(Algorithm::Arabic)),
    lang("indonesian", "id", None),
    lang("chinese", "zh", None),
    lang("hebrew", "he", None),
    lang("polish", "pl", None),
    lang("czech", "cs", None),
    lang("ukrainian", "uk", None),
    lang("japanese", "ja", None),
    lang("korean", "ko", None),
    lang("persian", "fa", None),
    lang("hindi", "hi", None),
    lang("catalan", "ca", None),
];

/// Map a language name or ISO 639-1 code to the code the `stop-words` crate uses.
pub fn language_code(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_lowercase();
    if let Some(l) = LANGUAGES.iter().find(|l| l.name == lower) {
        return Some(l.code);
    }
    stop_words::available_languages()
        .iter()
        .copied()
        .find(|c| *c == lower)
}

/// The stopword set for the given languages (names or codes) plus extra words. Unknown languages
/// are returned in the error so the caller can report them.
pub fn stopword_set(
    languages: &[String],
    extra: &[String],
) -> Result<FxHashSet<String>, Vec<String>> {
    let mut set = FxHashSet::default();
    let mut unknown = Vec::new();
    for lang in languages {
        if lang.eq_ignore_ascii_case("none") {
            continue;
        }
        match language_code(lang).and_then(stop_words::lookup) {
            Some(words) => set.extend(words.iter().map(|w| fold(w))),
            None => unknown.push(lang.clone()),
        }
    }
    set.extend(
        extra
            .iter()
            .map(|w| fold(w.trim()))
            .filter(|w| !w.is_empty()),
    );
    if unknown.is_empty() {
        Ok(set)
    } else {
        Err(unknown)
    }
}

/// A Snowball stemmer language, by name or code.
pub fn stemmer_algorithm(name: &str) -> Option<Algorithm> {
    let code = language_code(name)?;
    LANGUAGES.iter().find(|l| l.code == code)?.stemmer
}

/// Optional stemming.
pub enum StemmerChoice {
    None,
    Snowball(Stemmer),
}

/// Folds a surface word to its lookup form: lower case, typographic apostrophes as `'`.
fn fold(word: &str) -> String {
    let mut s = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    };
    if s.contains('\u{2019}') {
        s = s.replace('\u{2019}', "'");
    }
    s
}

/// Whether a folded word is made of digits (with `.`/`,` separators) and holds no letter.
pub fn is_numeric(word: &str) -> bool {
    word.chars().any(|c| c.is_numeric())
        && word
            .chars()
            .all(|c| c.is_numeric() || c == '.' || c == ',' || c == '\'')
}

/// A folded word without a final possessive `'s` (kept when nothing would be left).
fn strip_possessive(mut folded: String) -> String {
    if folded.len() > 2 && folded.ends_with("'s") {
        folded.truncate(folded.len() - 2);
    }
    folded
}

/// Surface word → term, shared by the analysis engine and by query parsing so that a word typed
/// by a user finds the same term.
pub struct Normalizer {
    stopwords: FxHashSet<String>,
    stemmer: StemmerChoice,
    /// Fold the English possessive `'s` into the word (`trump's` → `trump`).
    fold_possessives: bool,
}

impl Normalizer {
    /// Build from settings; errors name the unknown stopword or stemmer languages.
    pub fn new(
        stopword_languages: &[String],
        extra_stopwords: &[String],
        stem_language: Option<&str>,
    ) -> Result<Self, String> {
        let stopwords = stopword_set(stopword_languages, extra_stopwords)
            .map_err(|u| format!("unknown stopword language(s): {}", u.join(", ")))?;
        let stemmer = match stem_language {
            None => StemmerChoice::None,
            Some(l) if l.eq_ignore_ascii_case("none") => StemmerChoice::None,
            Some(l) => StemmerChoice::Snowball(Stemmer::create(
                stemmer_algorithm(l).ok_or_else(|| format!("no stemmer for language '{l}'"))?,
            )),
        };
        Ok(Self {
            stopwords,
            stemmer,
            fold_possessives: false,
        })
    }

    /// The same, folding the English possessive `'s` (or `’s`) into the word: `trump's` and
    /// `Trump’s` count as `trump`. Contractions of the same shape fold too (`it's` → `it`, a
    /// stopword either way).
    pub fn with_possessives(mut self, fold: bool) -> Self {
        self.fold_possessives = fold;
        self
    }

    /// Lower-cased, apostrophe-normalised surface form (possessive folded when asked).
    pub fn fold(&self, word: &str) -> String {
        let folded = fold(word);
        if self.fold_possessives {
            strip_possessive(folded)
        } else {
            folded
        }
    }

    /// Whether a folded word is a stopword.
    pub fn is_stopword(&self, folded: &str) -> bool {
        self.stopwords.contains(folded)
    }

    /// The term of a folded word (its stem when stemming is on; `#hashtags` and `@handles` are
    /// never stemmed: they are names).
    pub fn term(&self, folded: &str) -> String {
        if folded.starts_with(['#', '@']) {
            return folded.to_owned();
        }
        match &self.stemmer {
            StemmerChoice::None => folded.to_owned(),
            StemmerChoice::Snowball(s) => s.stem(folded).into_owned(),
        }
    }

    /// Surface word as typed → term.
    pub fn term_of(&self, word: &str) -> String {
        self.term(&self.fold(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_by_name_code_and_extra() {
        let set = stopword_set(&["english".into()], &["Said".into()]).expect("english exists");
        assert!(set.contains("the") && set.contains("said"));
        assert!(!set.contains("government"));
        let fr = stopword_set(&["fr".into()], &[]).expect("french exists");
        assert!(fr.contains("le"));
        assert!(
            stopword_set(&["none".into()], &[])
                .expect("none")
                .is_empty()
        );
        assert_eq!(
            stopword_set(&["klingonese".into()], &[]),
            Err(vec!["klingonese".to_owned()])
        );
    }

    #[test]
    fn normalizer_folds_and_stems() {
        let n = Normalizer::new(&[], &[], Some("english")).expect("english stemmer");
        assert_eq!(n.term_of("Running"), "run");
        assert_eq!(n.term_of("Nation’s"), "nation");
        let plain = Normalizer::new(&[], &[], None).expect("no stemmer");
        assert_eq!(plain.term_of("Nation’s"), "nation's");
        assert!(is_numeric("1,000.50") && !is_numeric("3rd") && !is_numeric("."));
    }

    #[test]
    fn possessives_fold_into_the_word_when_asked() {
        let plain = Normalizer::new(&[], &[], None).expect("plain");
        assert_eq!(plain.term_of("Trump's"), "trump's");
        let folding = Normalizer::new(&[], &[], None)
            .expect("plain")
            .with_possessives(true);
        assert_eq!(folding.term_of("Trump's"), "trump");
        assert_eq!(folding.term_of("Trump\u{2019}s"), "trump");
        assert_eq!(folding.term_of("trump"), "trump");
        assert_eq!(folding.term_of("'s"), "'s", "nothing left: kept");
        assert_eq!(folding.term_of("boss"), "boss");
    }
}
