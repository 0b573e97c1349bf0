//! The languages of a corpus as the analysis uses them: each article's language (its `language`
//! metadata field, set at import by detection, by the record itself or by `--language`), the
//! word normaliser each article gets when stopwords or stemming are `auto`, and the language mix
//! (`languages.csv`, Overview).
//!
//! Decisions:
//! - An article whose language is undetermined (`und`: too short or too mixed to tell) is
//!   processed as the corpus majority language (the language of most articles that have one);
//!   a corpus where no article has a language is processed as English, the tool's old default.
//!   Its metadata still says `und`.
//! - With `auto`, an article gets its language's stopword list (NLTK's list where NLTK has the
//!   language, stopwords-iso otherwise: the English list is the one the tool always used, so
//!   English results do not change) and its Snowball stemmer when stemming is `auto` and one
//!   exists. A language without a list gets no stopwords.
//! - Stopword marks are per term: a word that is a stopword in the language of any article it
//!   occurs in is a stopword everywhere (German `die` in a German–English corpus). Typed queries,
//!   KWIC and trend look-ups use the normaliser of the majority language.

use rustc_hash::FxHashMap;

use super::{Analysis, AnalysisSettings};
use crate::model::{Article, Corpus};
use crate::text::{Normalizer, language};

/// The setting value that makes stopwords or stemming follow each article's language.
pub const AUTO: &str = "auto";

pub use crate::text::language::FIELD;

/// The languages entities are extracted for: the extractor's rules are English ones (a capital
/// letter starts a name), which German (every noun capitalised) and most other languages break.
pub const ENTITY_LANGUAGES: [&str; 1] = ["en"];

/// An article's language code as written in its metadata (normalised to ISO 639-1 when the value
/// is a known name or code), or `None` when it has no `language` field.
pub fn article_language(article: &Article) -> Option<String> {
    let value = article
        .metadata
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(FIELD))
        .map(|(_, v)| v.trim())?;
    Some(language::normalize_code(value).map_or_else(|| value.to_lowercase(), str::to_owned))
}

/// The languages the analysis processes the corpus in: one per distinct article language, and
/// each article's index into that list.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Languages {
    /// Distinct processing languages (ISO codes), sorted.
    pub codes: Vec<String>,
    /// Each article's index into `codes`.
    pub doc_language: Vec<u16>,
    /// The majority language, used for undetermined articles and typed queries.
    pub main: String,
}

impl Languages {
    /// Resolve every article's processing language.
    pub fn of(corpus: &Corpus) -> Self {
        let tagged: Vec<Option<String>> = corpus.articles.iter().map(article_language).collect();
        let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
        for code in tagged.iter().flatten() {
            if code != language::UNDETERMINED {
                *counts.entry(code.as_str()).or_default() += 1;
            }
        }
        let main = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map_or("en", |(c, _)| *c)
            .to_owned();
        let resolved: Vec<&str> = tagged
            .iter()
            .map(|t| match t.as_deref() {
                Some(c) if c != language::UNDETERMINED => c,
                _ => main.as_str(),
            })
            .collect();
        let mut codes: Vec<String> = resolved.iter().map(|c| (*c).to_owned()).collect();
        codes.sort();
        codes.dedup();
        let doc_language = resolved
            .iter()
            .map(|c| codes.binary_search_by(|x| x.as_str().cmp(c)).unwrap_or(0) as u16)
            .collect();
        Self {
            codes,
            doc_language,
            main,
        }
    }

    /// The processing language of an article.
    pub fn of_doc(&self, doc: usize) -> &str {
        self.doc_language
            .get(doc)
            .and_then(|&i| self.codes.get(i as usize))
            .map_or(self.main.as_str(), String::as_str)
    }
}

impl AnalysisSettings {
    /// Whether stopwords or stemming follow each article's language.
    pub fn follows_language(&self) -> bool {
        self.stopword_languages
            .iter()
            .any(|l| l.eq_ignore_ascii_case(AUTO))
            || self
                .stem_language
                .as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case(AUTO))
    }

    /// The stopword lists and stemmer these settings give an article in `language` (an ISO
    /// code): `auto` becomes that language's list and stemmer where they exist.
    pub fn resolved_for(&self, language: &str) -> (Vec<String>, Option<String>) {
        let auto_list = crate::text::language_code(language)
            .filter(|c| stop_words::lookup(c).is_some())
            .map(|c| {
                crate::text::LANGUAGES
                    .iter()
                    .find(|l| l.code == c)
                    .map_or(c, |l| l.name)
            });
        let mut lists: Vec<String> = Vec::new();
        for l in &self.stopword_languages {
            let l = if l.eq_ignore_ascii_case(AUTO) {
                match auto_list {
                    Some(name) => name.to_owned(),
                    None => continue,
                }
            } else {
                l.clone()
            };
            if !lists.contains(&l) {
                lists.push(l);
            }
        }
        let stem = match self.stem_language.as_deref() {
            Some(l) if l.eq_ignore_ascii_case(AUTO) => crate::text::stemmer_algorithm(language)
                .and_then(|_| crate::text::language_code(language))
                .and_then(|c| crate::text::LANGUAGES.iter().find(|l| l.code == c))
                .map(|l| l.name.to_owned()),
            other => other.map(str::to_owned),
        };
        (lists, stem)
    }

    /// The word normaliser for articles in `language` (see [`Self::resolved_for`]).
    pub fn normalizer_in(&self, language: &str) -> Result<Normalizer, String> {
        let (lists, stem) = self.resolved_for(language);
        Ok(
            Normalizer::new(&lists, &self.extra_stopwords, stem.as_deref())?
                .with_possessives(self.fold_possessives),
        )
    }
}

/// One row of the language mix.
#[derive(Clone, Debug, PartialEq)]
pub struct LanguageRow {
    /// ISO code as in the metadata (`und` for undetermined, `(none)` for articles without one).
    pub language: String,
    /// English name of the language.
    pub name: String,
    pub articles: u32,
    pub tokens: u64,
}

/// The article's language as tagged (`und` when the article has no language field).
fn tagged_language(article: &Article) -> String {
    article_language(article).unwrap_or_else(|| language::UNDETERMINED.to_owned())
}

/// Articles and word tokens per tagged language, most articles first, then by code.
pub fn language_mix(analysis: &Analysis, corpus: &Corpus) -> Vec<LanguageRow> {
    let mut rows: FxHashMap<String, (u32, u64)> = FxHashMap::default();
    for (a, doc) in corpus.articles.iter().zip(&analysis.docs) {
        let row = rows.entry(tagged_language(a)).or_default();
        row.0 += 1;
        row.1 += u64::from(doc.tokens);
    }
    let mut rows: Vec<LanguageRow> = rows
        .into_iter()
        .map(|(language, (articles, tokens))| LanguageRow {
            name: language::language_name(&language),
            language,
            articles,
            tokens,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(a.language.cmp(&b.language))
    });
    rows
}

/// What `auto` resolved to, per processing language, for display: `(language, stopword lists,
/// stemmer)`, e.g. `("de", "german", "german")`; `none` where there is none.
pub fn active_lists(
    settings: &AnalysisSettings,
    languages: &Languages,
) -> Vec<(String, String, String)> {
    languages
        .codes
        .iter()
        .map(|code| {
            let (lists, stem) = settings.resolved_for(code);
            let lists = if lists.is_empty() {
                "-".to_owned()
            } else {
                lists.join("+")
            };
            (
                code.clone(),
                lists,
                stem.unwrap_or_else(|| "none".to_owned()),
            )
        })
        .collect()
}
