//! Language identification over a whole corpus, fast where the corpus allows it.
//!
//! Full detection ([`super::detect`]) compares every text with the trigram profiles of all the
//! languages of its script (some 40 for Latin script): about 60 µs an article, which on 100,000
//! short news articles was 40% of the whole import and analysis. Most corpora are in one or a
//! few languages, so:
//!
//! 1. A sample of [`SAMPLE`] articles spread over the corpus is detected in full. The languages
//!    found there (at most [`MAX_FAST`], each with a stopword list) are the corpus's candidates.
//! 2. Every article is then matched against the candidates only (the trigram profiles of those
//!    languages; with one candidate, none), and the match is accepted only when the text's first
//!    words look like that language: at least [`MIN_WORDS`] words, of which at least
//!    [`MIN_STOPWORD_SHARE`] are its stopwords (running text in a language has 30–50%; text in
//!    another language a few percent).
//! 3. Everything else — short texts, articles in a language the sample missed, scripts outside
//!    the candidates', a corpus of many languages, and any corpus of fewer than `2 × SAMPLE`
//!    articles — gets full detection, so an undetermined text stays `und` and a German article
//!    in an English corpus is still German.

use rustc_hash::FxHashSet;
use whatlang::{Detector, Lang};

use super::{DETECT_PREFIX_BYTES, MIN_LETTERS, detect, iso639_1, prefix};

/// Articles detected in full to find the corpus's languages.
pub const SAMPLE: usize = 400;

/// Most candidate languages for the fast path (more: every article is detected in full).
pub const MAX_FAST: usize = 4;

/// Fewest words in the detected prefix for the fast path.
pub const MIN_WORDS: usize = 40;

/// Smallest share of the prefix's words that must be stopwords of the language matched.
pub const MIN_STOPWORD_SHARE: f64 = 0.25;

/// A language detector for one corpus (see the module documentation).
pub struct CorpusDetector {
    /// The candidates' detector and, per candidate, its code and stopwords (none: full detection
    /// only).
    fast: Option<(Detector, Vec<(&'static str, FxHashSet<&'static str>)>)>,
}

impl CorpusDetector {
    /// Find the languages of a corpus from a sample of its texts.
    pub fn for_texts(texts: &[&str]) -> CorpusDetector {
        // A small corpus costs little in full, and its sample would be most of it.
        if texts.len() < 2 * SAMPLE {
            return CorpusDetector::full();
        }
        let step = (texts.len() / SAMPLE).max(1);
        let mut found: Vec<&'static str> = Vec::new();
        for text in texts.iter().step_by(step).take(SAMPLE) {
            if let Some(code) = detect(text)
                && !found.contains(&code)
            {
                found.push(code);
            }
        }
        CorpusDetector {
            fast: fast_path(&found),
        }
    }

    /// Full detection for every text (what a corpus of many languages gets).
    pub fn full() -> CorpusDetector {
        CorpusDetector { fast: None }
    }

    /// Whether texts are matched against the sample's languages first.
    pub fn is_fast(&self) -> bool {
        self.fast.is_some()
    }

    /// The ISO 639-1 code of the language of `text`, or `None` when undetermined (as
    /// [`detect`]).
    pub fn detect(&self, text: &str) -> Option<&'static str> {
        if let Some((detector, candidates)) = &self.fast {
            let head = prefix(text, DETECT_PREFIX_BYTES);
            let code = if candidates.len() == 1 {
                Some(candidates[0].0)
            } else {
                detector.detect_lang(head).map(iso639_1)
            };
            if let Some((code, stop)) = code.and_then(|c| candidates.iter().find(|(k, _)| *k == c))
                && looks_like(head, stop)
            {
                return Some(code);
            }
        }
        detect(text)
    }
}

/// The fast path for these sample languages, when there are few and each has a stopword list.
fn fast_path(
    found: &[&'static str],
) -> Option<(Detector, Vec<(&'static str, FxHashSet<&'static str>)>)> {
    if found.is_empty() || found.len() > MAX_FAST {
        return None;
    }
    let mut langs = Vec::new();
    let mut candidates = Vec::new();
    for &code in found {
        let lang = Lang::all().iter().copied().find(|&l| iso639_1(l) == code)?;
        let words = stop_words::lookup(code)?;
        langs.push(lang);
        candidates.push((code, words.iter().copied().collect()));
    }
    Some((Detector::with_allowlist(langs), candidates))
}

/// Whether at least [`MIN_WORDS`] words begin the text and [`MIN_STOPWORD_SHARE`] of them are
/// in `stop`.
fn looks_like(text: &str, stop: &FxHashSet<&'static str>) -> bool {
    let (mut words, mut hits) = (0usize, 0usize);
    let mut letters = 0usize;
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic() && c != '\'') {
        if word.is_empty() {
            continue;
        }
        words += 1;
        letters += word.chars().count();
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if stop.contains(lower.as_str()) {
            hits += 1;
        }
    }
    letters >= MIN_LETTERS && words >= MIN_WORDS && hits as f64 >= MIN_STOPWORD_SHARE * words as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "The committee said on Tuesday that the new rules would come into force \
        next year, and that the ministry was still talking with the unions about how the \
        changes should be paid for. It was not clear whether the plan would be put to a vote \
        before the summer, but several members of the committee said they expected it to pass \
        with a large majority.";
    const DE: &str = "Der Ausschuss teilte am Dienstag mit, dass die neuen Regeln im nächsten \
        Jahr in Kraft treten sollen und dass das Ministerium noch mit den Gewerkschaften darüber \
        spricht, wie die Änderungen bezahlt werden sollen. Es war nicht klar, ob über den Plan \
        vor dem Sommer abgestimmt wird, aber mehrere Mitglieder des Ausschusses sagten, sie \
        erwarteten eine große Mehrheit.";

    #[test]
    fn an_english_corpus_takes_the_fast_path_and_still_finds_a_german_article() {
        let texts = vec![EN; 1000];
        let d = CorpusDetector::for_texts(&texts);
        assert!(d.is_fast());
        assert_eq!(d.detect(EN), Some("en"));
        // Not among the sample's languages: detected in full.
        assert_eq!(d.detect(DE), Some("de"));
        // Too short for either path to name a language.
        assert_eq!(d.detect("Hello there"), None);
    }

    #[test]
    fn a_two_language_corpus_matches_each_article_to_its_language() {
        let texts: Vec<&str> = (0..1000)
            .map(|i| if i % 3 == 0 { DE } else { EN })
            .collect();
        let d = CorpusDetector::for_texts(&texts);
        assert!(d.is_fast());
        assert_eq!(d.detect(DE), Some("de"));
        assert_eq!(d.detect(EN), Some("en"));
    }

    #[test]
    fn fast_and_full_detection_agree_on_running_text() {
        let texts: Vec<&str> = (0..1000)
            .map(|i| if i % 2 == 0 { DE } else { EN })
            .collect();
        let fast = CorpusDetector::for_texts(&texts);
        assert!(fast.is_fast());
        let full = CorpusDetector::full();
        // A small corpus is detected in full.
        assert!(!CorpusDetector::for_texts(&texts[..100]).is_fast());
        for t in [EN, DE] {
            assert_eq!(fast.detect(t), full.detect(t));
        }
    }
}
