//! Stage 3 of the pipeline: bigram, trigram and co-occurrence counts over the interned token
//! buffers (see [`crate::analysis::counting`]), and each article's term counts for the index.

use rayon::prelude::*;

use super::intern::TokenBuf;
use crate::analysis::counting::{
    Counted, ID_MASK, count_bigrams, count_pairs, count_trigrams, run_length, window_slots,
};
use crate::analysis::{AnalysisSettings, Vocabulary};
use crate::jobs::{CancelToken, Cancelled, Progress};

/// Merged n-gram and co-occurrence counts.
pub(super) struct Counts {
    pub bigrams: Vec<Counted<u64>>,
    pub trigrams: Vec<Counted<u128>>,
    pub pairs: Vec<Counted<u64>>,
    /// Neighbour slots of the collocation window over the corpus (the null model's `slots`).
    pub slots: u64,
}

/// One article's token count and its (term, count) entries, ascending term.
pub(super) type DocTerms = (u32, Vec<(u32, u32)>);

/// Count n-grams and co-occurrences, then each article's terms, and free the token buffers.
pub(super) fn count_corpus(
    bufs: Vec<TokenBuf>,
    vocab: &Vocabulary,
    settings: &AnalysisSettings,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<(Counts, Vec<DocTerms>), Cancelled> {
    let seqs: Vec<&[u32]> = bufs.iter().flat_map(TokenBuf::seqs).collect();
    let window = settings.collocation_window.max(1);
    let min_ngram = settings.min_ngram_count.max(1);
    let counts = Counts {
        bigrams: count_bigrams(&seqs, vocab, min_ngram, progress, cancel)?,
        trigrams: count_trigrams(&seqs, vocab, min_ngram, progress, cancel)?,
        pairs: count_pairs(
            &seqs,
            vocab,
            window,
            settings.min_collocation_count.max(1),
            progress,
            cancel,
        )?,
        slots: seqs.par_iter().map(|s| window_slots(s, window)).sum(),
    };
    // After the n-grams, so that their working memory and these counts are never held together.
    let doc_terms: Vec<DocTerms> = seqs
        .par_iter()
        .map(|seq| {
            let ids: Vec<u32> = seq.iter().map(|t| t & ID_MASK).collect();
            (seq.len() as u32, run_length(ids))
        })
        .collect();
    drop(seqs);
    drop(bufs);
    cancel.check()?;
    Ok((counts, doc_terms))
}
