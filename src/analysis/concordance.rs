//! Keyword in context (KWIC): every occurrence of a word or phrase with its left and right
//! context, found by walking only the articles the postings say can hold it.

use serde::Serialize;

use super::Analysis;
use crate::jobs::{CancelToken, Cancelled};
use crate::model::Corpus;
use crate::text::{Normalizer, words};

/// One concordance line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KwicLine {
    pub doc: u32,
    /// Byte range of the match in the article text.
    pub start: usize,
    pub end: usize,
    pub left: String,
    pub matched: String,
    pub right: String,
}

impl KwicLine {
    /// The word just left of the match, folded (for "sort by left").
    pub fn left_key(&self) -> String {
        self.left
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_lowercase()
    }
    /// The word just right of the match, folded (for "sort by right").
    pub fn right_key(&self) -> String {
        self.right
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase()
    }
}

/// The normaliser that matches the analysis' settings (so typed words find counted terms), in
/// the corpus majority language when stopwords or stemming follow each article's language.
pub fn normalizer_for(analysis: &Analysis) -> Normalizer {
    analysis
        .settings
        .normalizer_in(&analysis.languages.main)
        .or_else(|_| Normalizer::new(&[], &[], None))
        .expect("a normaliser without stopwords or stemmer always builds")
}

/// A word pattern: an exact term, or a prefix (`econom*`).
#[derive(Clone, Debug, PartialEq)]
pub enum Pattern {
    Term(String),
    Prefix(String),
}

impl Pattern {
    fn matches(&self, term: &str) -> bool {
        match self {
            Pattern::Term(t) => t == term,
            Pattern::Prefix(p) => term.starts_with(p.as_str()),
        }
    }
}

/// Turn typed words into patterns (`*` at the end of a word makes a prefix).
pub fn patterns(norm: &Normalizer, typed: &str) -> Vec<Pattern> {
    patterns_known(norm, typed, &|_| false)
}

/// [`patterns`], keeping a typed word whole when its term is `known` (counted by the analysis):
/// a Chinese or Japanese word typed alone is then found even where the text's own segmenter
/// (chosen by the whole text's script) cuts it like the word alone would not be cut.
pub fn patterns_known(
    norm: &Normalizer,
    typed: &str,
    known: &dyn Fn(&str) -> bool,
) -> Vec<Pattern> {
    typed
        .split_whitespace()
        .flat_map(|w| {
            let whole = norm.term_of(w);
            if let Some(p) = w.strip_suffix('*').filter(|p| !p.is_empty()) {
                vec![Pattern::Prefix(norm.fold(p))]
            } else if known(&whole) {
                vec![Pattern::Term(whole)]
            } else {
                words(w)
                    .into_iter()
                    .map(|t| Pattern::Term(norm.term_of(&w[t.start..t.end])))
                    .collect()
            }
        })
        .collect()
}

/// Byte spans of every occurrence of the pattern sequence in `text`.
pub fn find_spans(text: &str, pats: &[Pattern], norm: &Normalizer) -> Vec<(usize, usize)> {
    if pats.is_empty() {
        return Vec::new();
    }
    let toks = words(text);
    let terms: Vec<String> = toks
        .iter()
        .map(|t| norm.term_of(&text[t.start..t.end]))
        .collect();
    (0..toks.len().saturating_sub(pats.len() - 1))
        .filter(|&i| pats.iter().zip(&terms[i..]).all(|(p, t)| p.matches(t)))
        .map(|i| (toks[i].start, toks[i + pats.len() - 1].end))
        .collect()
}

/// Articles (ascending) whose index can hold all the patterns: the intersection of postings.
pub fn candidate_docs(analysis: &Analysis, pats: &[Pattern]) -> Vec<u32> {
    let mut result: Option<Vec<u32>> = None;
    for p in pats {
        let docs = pattern_docs(analysis, p);
        result = Some(match result {
            None => docs,
            Some(prev) => super::docset::intersect(&prev, &docs),
        });
    }
    result.unwrap_or_default()
}

/// Articles containing a term matching the pattern.
pub fn pattern_docs(analysis: &Analysis, p: &Pattern) -> Vec<u32> {
    match p {
        Pattern::Term(t) => analysis
            .vocab
            .id(t)
            .map(|id| {
                analysis
                    .term_postings
                    .get(id as usize)
                    .map(|(d, _)| d)
                    .collect()
            })
            .unwrap_or_default(),
        Pattern::Prefix(prefix) => {
            let mut docs: Vec<u32> = analysis
                .vocab
                .terms
                .iter()
                .enumerate()
                .filter(|(_, t)| t.starts_with(prefix.as_str()))
                .flat_map(|(id, _)| analysis.term_postings.get(id).map(|(d, _)| d))
                .collect();
            docs.sort_unstable();
            docs.dedup();
            docs
        }
    }
}

/// Cut at most `n` words of context left or right of a byte position, on one line (empty when
/// `pos` is not a character boundary of `text`).
pub fn context(text: &str, pos: usize, n: usize, left: bool) -> String {
    let Some((before, after)) = text.get(..pos).zip(text.get(pos..)) else {
        return String::new();
    };
    let piece = if left { before } else { after };
    let toks = words(piece);
    let cut = if left {
        toks.len()
            .checked_sub(n)
            .and_then(|i| toks.get(i))
            .map_or(0, |t| t.start)
    } else {
        toks.get(n.saturating_sub(1)).map_or(piece.len(), |t| t.end)
    };
    let s = if left { &piece[cut..] } else { &piece[..cut] };
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every occurrence of `typed` (a word, a phrase, or `prefix*` words) in the given articles (all
/// when `docs` is `None`), in article order, with `context_words` words on each side.
pub fn concordance(
    analysis: &Analysis,
    corpus: &Corpus,
    docs: Option<&[u32]>,
    typed: &str,
    context_words: usize,
) -> Vec<KwicLine> {
    let norm = normalizer_for(analysis);
    let pats = patterns_known(&norm, typed, &|t| analysis.vocab.id(t).is_some());
    let mut cands = candidate_docs(analysis, &pats);
    if let Some(allowed) = docs {
        cands = super::docset::intersect(&cands, allowed);
    }
    use rayon::prelude::*;
    cands
        .par_iter()
        .flat_map_iter(|&doc| {
            let text = &corpus.articles[doc as usize].text;
            find_spans(text, &pats, &norm)
                .into_iter()
                .map(|(s, e)| KwicLine {
                    doc,
                    start: s,
                    end: e,
                    left: context(text, s, context_words, true),
                    matched: text[s..e].to_owned(),
                    right: context(text, e, context_words, false),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every mention of an entity, in context, in the given articles (all when `None`), from the
/// extractor's mention spans (so every variant of the entity is found, and nothing else).
pub fn entity_kwic(
    corpus: &Corpus,
    analysis: &Analysis,
    entity: u32,
    docs: Option<&[u32]>,
    context_words: usize,
    cancel: &CancelToken,
) -> Result<Vec<KwicLine>, Cancelled> {
    let mut out = Vec::new();
    let Some(postings) = analysis.entity_postings.get(entity as usize) else {
        return Ok(out);
    };
    for &(doc, _) in postings {
        cancel.check()?;
        if docs.is_some_and(|d| d.binary_search(&doc).is_err()) {
            continue;
        }
        let (Some(article), Some(mentions)) = (
            corpus.articles.get(doc as usize),
            analysis.entities.mentions.get(doc as usize),
        ) else {
            continue;
        };
        let text = &article.text;
        for m in mentions.iter().filter(|m| m.entity == entity) {
            let Some(matched) = text.get(m.start..m.end) else {
                continue;
            };
            out.push(KwicLine {
                doc,
                start: m.start,
                end: m.end,
                left: context(text, m.start, context_words, true),
                matched: matched.to_owned(),
                right: context(text, m.end, context_words, false),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_context() {
        let norm = Normalizer::new(&[], &[], None).expect("plain");
        let text = "The United States and the united   states again. United Kingdom.";
        let pats = patterns(&norm, "United States");
        let spans = find_spans(text, &pats, &norm);
        assert_eq!(spans, vec![(4, 17), (26, 41)]);
        assert_eq!(context(text, 26, 2, true), "and the");
        assert_eq!(context(text, 41, 1, false), "again");
        let pre = patterns(&norm, "unit*");
        assert_eq!(find_spans(text, &pre, &norm).len(), 3);
    }
}
