//! The link tables: every URL and e-mail address of the corpus with its count and article
//! count, the domains they point to, and the `#hashtag` and `@handle` terms.
//!
//! Links are found by the same pre-pass the tokenizer uses ([`crate::text::links`]), so a link
//! counted here is never also counted as words. Hashtags and handles *are* terms (one token
//! each, sigil included), so their tables are the hashtag and handle rows of the term table.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Analysis, TermStat};
use crate::jobs::{CancelToken, Cancelled};
use crate::model::Article;
use crate::text::links::{SpanKind, domain_of, special_spans};

/// One URL or e-mail address, as written (final punctuation left out).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LinkStat {
    pub link: String,
    /// [`SpanKind::Url`] or [`SpanKind::Email`].
    pub kind: SpanKind,
    /// Lower case, without `www.` (see [`domain_of`]).
    pub domain: String,
    pub count: u64,
    /// Articles that hold the link.
    pub doc_freq: u32,
}

/// One domain: the links that point to it (or addresses at it).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DomainStat {
    pub domain: String,
    /// Occurrences of links to the domain.
    pub count: u64,
    /// Articles with at least one such link.
    pub doc_freq: u32,
}

/// The corpus' links and domains, count descending then text.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LinkTables {
    pub links: Vec<LinkStat>,
    pub domains: Vec<DomainStat>,
}

impl LinkTables {
    /// Occurrences of links of `kind` in the corpus.
    pub fn found(&self, kind: SpanKind) -> u64 {
        self.links
            .iter()
            .filter(|l| l.kind == kind)
            .map(|l| l.count)
            .sum()
    }
}

/// Count the links of every article (in parallel; the cancel token checked per article).
pub fn link_tables(articles: &[Article], cancel: &CancelToken) -> Result<LinkTables, Cancelled> {
    let per_doc: Vec<FxHashMap<(SpanKind, &str), u64>> = articles
        .par_iter()
        .map(|a| {
            cancel.check()?;
            let mut counts: FxHashMap<(SpanKind, &str), u64> = FxHashMap::default();
            for s in special_spans(&a.text) {
                if matches!(s.kind, SpanKind::Url | SpanKind::Email) {
                    *counts.entry((s.kind, &a.text[s.start..s.end])).or_default() += 1;
                }
            }
            Ok(counts)
        })
        .collect::<Result<_, Cancelled>>()?;
    let mut links: FxHashMap<(SpanKind, &str), (u64, u32)> = FxHashMap::default();
    let mut domains: FxHashMap<String, (u64, u32)> = FxHashMap::default();
    for counts in per_doc {
        let mut doc_domains: FxHashMap<String, u64> = FxHashMap::default();
        for ((kind, link), n) in counts {
            let entry = links.entry((kind, link)).or_default();
            entry.0 += n;
            entry.1 += 1;
            *doc_domains.entry(domain_of(kind, link)).or_default() += n;
        }
        for (domain, n) in doc_domains {
            let entry = domains.entry(domain).or_default();
            entry.0 += n;
            entry.1 += 1;
        }
    }
    let mut links: Vec<LinkStat> = links
        .into_iter()
        .map(|((kind, link), (count, doc_freq))| LinkStat {
            link: link.to_owned(),
            kind,
            domain: domain_of(kind, link),
            count,
            doc_freq,
        })
        .collect();
    links.sort_by(|a, b| (b.count, &a.link, a.kind).cmp(&(a.count, &b.link, b.kind)));
    let mut domains: Vec<DomainStat> = domains
        .into_iter()
        .map(|(domain, (count, doc_freq))| DomainStat {
            domain,
            count,
            doc_freq,
        })
        .collect();
    domains.sort_by(|a, b| (b.count, &a.domain).cmp(&(a.count, &b.domain)));
    Ok(LinkTables { links, domains })
}

impl Analysis {
    /// The rows of `terms` (any term table: the corpus' or a selection's) that are hashtags
    /// (`sigil` `'#'`) or handles (`'@'`), in the table's order.
    pub fn tagged_terms(&self, terms: &[TermStat], sigil: char) -> Vec<TermStat> {
        terms
            .iter()
            .filter(|t| self.vocab.term(t.term).starts_with(sigil))
            .copied()
            .collect()
    }
}
