//! The import step that gives every article a `language` metadata field (an ISO 639-1 code, or
//! `und` when undetermined), so the language is a facet (`language:de` in queries), a column of
//! `documents.csv` and the key of per-language stopwords, stemming and entity extraction.
//!
//! Precedence: a `language` field the article already has (from its JSON/CSV record or a
//! metadata table; a known name or code is rewritten as its ISO code, `German` → `de`) wins over
//! [`ImportOptions::language`](super::ImportOptions::language) (`--language`), which wins over
//! detection ([`CorpusDetector`]: the corpus's languages found on a sample, each article matched
//! against them and checked, full detection where the check fails).

use rayon::prelude::*;

use crate::jobs::{CancelToken, Cancelled};
use crate::model::Article;
use crate::text::language::{CorpusDetector, FIELD, UNDETERMINED, normalize_code};

/// Tag every article with its language (see the module documentation).
pub fn tag_languages(
    articles: &mut [Article],
    forced: Option<&str>,
    cancel: &CancelToken,
) -> Result<(), Cancelled> {
    let forced =
        forced.map(|f| normalize_code(f).map_or_else(|| f.trim().to_lowercase(), str::to_owned));
    let has_own = |a: &Article| {
        a.metadata
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case(FIELD))
    };
    let detector = if forced.is_some() {
        CorpusDetector::full()
    } else {
        let texts: Vec<&str> = articles
            .iter()
            .filter(|a| !has_own(a))
            .map(|a| a.text.as_str())
            .collect();
        CorpusDetector::for_texts(&texts)
    };
    articles.par_iter_mut().try_for_each(|a| {
        cancel.check()?;
        let existing = a
            .metadata
            .iter_mut()
            .find(|(k, _)| k.eq_ignore_ascii_case(FIELD));
        match existing {
            Some((_, value)) => {
                if let Some(code) = normalize_code(value) {
                    *value = code.to_owned();
                }
            }
            None => {
                let code = forced
                    .clone()
                    .unwrap_or_else(|| detector.detect(&a.text).unwrap_or(UNDETERMINED).to_owned());
                a.metadata.push((FIELD.to_owned(), code));
            }
        }
        Ok(())
    })
}
