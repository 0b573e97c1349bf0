//! The statistics tables computed from the index: word statistics, TF-IDF, n-grams,
//! collocations and entity statistics. [`ngram_stats`] and [`collocations_from`] also serve
//! sub-corpora ([`crate::analysis::phrases`]).

use rayon::prelude::*;

use super::counts::Counts;
use crate::analysis::counting::Counted;
use crate::analysis::{
    Analysis, Collocation, EntityStat, NgramStat, TermStat, Vocabulary, collocation_scores,
    dispersion_dp, order, per_million,
};

/// Word statistics: count, per million, article frequency and dispersion of every content term,
/// most frequent first.
pub(super) fn build_term_stats(a: &mut Analysis) {
    let total: u64 = a.docs.iter().map(|d| u64::from(d.tokens)).sum();
    let sizes: Vec<u32> = a.docs.iter().map(|d| d.tokens).collect();
    let postings = &a.term_postings;
    let mut terms: Vec<TermStat> = (0..postings.len())
        .into_par_iter()
        .filter(|&id| postings.list_len(id) > 0 && a.vocab.is_content(id as u32))
        .map(|id| {
            let p = postings.to_vec(id);
            let p = p.as_slice();
            let count: u64 = p.iter().map(|&(_, c)| u64::from(c)).sum();
            TermStat {
                term: id as u32,
                count,
                per_million: per_million(count, total),
                doc_freq: p.len() as u32,
                dispersion_dp: dispersion_dp(p, &sizes, total),
            }
        })
        .collect();
    let rank = &a.vocab.rank;
    terms.par_sort_unstable_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| order(rank, x.term).cmp(&order(rank, y.term)))
    });
    a.terms = terms;
}

/// Each article's top TF-IDF terms (`tfidf_per_document` of them).
pub(super) fn build_tfidf(a: &mut Analysis) {
    let n = a.docs.len() as f64;
    let k = a.settings.tfidf_per_document;
    let (vocab, postings, rows) = (&a.vocab, &a.term_postings, &a.doc_content);
    let rank = &vocab.rank;
    a.docs.par_iter_mut().enumerate().for_each(|(i, d)| {
        let mut scored: Vec<(u32, f32)> = rows
            .row(i)
            .iter()
            .map(|&(id, c)| {
                let df = postings.list_len(id as usize) as f64;
                (id, (f64::from(c) * (n / df).ln()) as f32)
            })
            .filter(|(_, s)| *s > 0.0)
            .collect();
        // Best score first, then alphabetical (ranks order terms as their texts do).
        let cmp = |x: &(u32, f32), y: &(u32, f32)| {
            y.1.total_cmp(&x.1)
                .then_with(|| order(rank, x.0).cmp(&order(rank, y.0)))
        };
        if k > 0 && scored.len() > k {
            scored.select_nth_unstable_by(k - 1, cmp);
        }
        scored.truncate(k);
        scored.sort_unstable_by(cmp);
        // Only the top `k` are kept: give back the room of the article's other terms.
        scored.shrink_to_fit();
        d.top_terms = scored;
    });
}

/// Sort counted n-grams (most frequent first, then alphabetically) and give them their texts.
pub(in crate::analysis) fn ngram_stats<K: Copy + Send + Sync, const N: usize>(
    counted: &mut [Counted<K>],
    ids: impl Fn(K) -> [u32; N] + Sync,
    vocab: &Vocabulary,
    rank: &[u32],
) -> Vec<NgramStat> {
    let ranks = |k: K| ids(k).map(|t| rank[t as usize]);
    counted.par_sort_unstable_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| ranks(x.key).cmp(&ranks(y.key)))
    });
    counted
        .par_iter()
        .map(|c| {
            let terms = ids(c.key);
            let mut text = String::with_capacity(N * 8);
            for (i, &t) in terms.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                text.push_str(vocab.term(t));
            }
            let mut slots = [NgramStat::NONE; 3];
            slots[..N].copy_from_slice(&terms);
            NgramStat {
                terms: slots,
                text,
                count: c.count,
                doc_freq: c.docs,
            }
        })
        .collect()
}

/// The bigram and trigram tables.
pub(super) fn build_ngrams(a: &mut Analysis, counts: &mut Counts) {
    let rank = a.vocab.rank.clone();
    a.bigrams = ngram_stats(
        &mut counts.bigrams,
        |k| [(k >> 32) as u32, k as u32],
        &a.vocab,
        &rank,
    );
    a.trigrams = ngram_stats(
        &mut counts.trigrams,
        |k| [(k >> 64) as u32, (k >> 32) as u32, k as u32],
        &a.vocab,
        &rank,
    );
}

/// The collocation table, from the co-occurring pairs.
pub(super) fn build_collocations(a: &mut Analysis, pairs: &[Counted<u64>], slots: u64) {
    let n: u64 = a.docs.iter().map(|d| u64::from(d.tokens)).sum();
    // Term frequencies once, not once per pair (frequent terms have long postings).
    let postings = &a.term_postings;
    let freq: Vec<u64> = (0..postings.len())
        .into_par_iter()
        .map(|t| postings.get(t).map(|(_, c)| u64::from(c)).sum())
        .collect();
    a.collocations = collocations_from(pairs, &a.vocab, |t| freq[t as usize], n, slots);
}

/// Score and sort co-occurring pairs (keys `a << 32 | b`) given term frequencies, the token
/// count and the window's neighbour slots of the (sub-)corpus.
pub(in crate::analysis) fn collocations_from(
    pairs: &[Counted<u64>],
    vocab: &Vocabulary,
    freq: impl Fn(u32) -> u64 + Sync,
    n: u64,
    slots: u64,
) -> Vec<Collocation> {
    let rank = &vocab.rank;
    let mut out: Vec<Collocation> = pairs
        .par_iter()
        .map(|c| {
            let (x, y, count) = ((c.key >> 32) as u32, c.key as u32, c.count);
            // Alphabetical order within the pair (ranks order terms as their texts do).
            let (a_id, b_id) = if order(rank, x) <= order(rank, y) {
                (x, y)
            } else {
                (y, x)
            };
            let (fa, fb) = (freq(a_id), freq(b_id));
            let (pmi, log_likelihood, t_score) = collocation_scores(count, fa, fb, n, slots);
            Collocation {
                a: a_id,
                b: b_id,
                count,
                freq_a: fa,
                freq_b: fb,
                pmi,
                log_likelihood,
                t_score,
            }
        })
        .collect();
    out.par_sort_unstable_by(|x, y| {
        y.log_likelihood
            .total_cmp(&x.log_likelihood)
            .then_with(|| order(rank, x.a).cmp(&order(rank, y.a)))
            .then_with(|| order(rank, x.b).cmp(&order(rank, y.b)))
    });
    out
}

/// Entity statistics: mentions, article frequency and date range, most mentioned first.
pub(super) fn build_entity_stats(a: &mut Analysis) {
    let mut stats: Vec<EntityStat> = a
        .entity_postings
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(id, p)| {
            let dates = p.iter().filter_map(|&(d, _)| a.doc_dates[d as usize]);
            let (first, last) = dates.fold((None, None), |(lo, hi), d| {
                (
                    Some(lo.map_or(d, |x: chrono::NaiveDate| x.min(d))),
                    Some(hi.map_or(d, |x: chrono::NaiveDate| x.max(d))),
                )
            });
            EntityStat {
                entity: id as u32,
                mentions: p.iter().map(|&(_, c)| u64::from(c)).sum(),
                doc_freq: p.len() as u32,
                first_date: first,
                last_date: last,
            }
        })
        .collect();
    let rank = &a.entity_rank;
    stats.sort_by(|x, y| {
        y.mentions
            .cmp(&x.mentions)
            .then_with(|| order(rank, x.entity).cmp(&order(rank, y.entity)))
            .then_with(|| x.entity.cmp(&y.entity))
    });
    a.entity_stats = stats;
}
