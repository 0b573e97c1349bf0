//! Counting n-grams and window co-occurrences by sorting instead of hashing.
//!
//! Each article turns its token sequence into packed integer keys, sorts them and run-length
//! encodes them (so document frequency comes for free); the per-article runs of all articles are
//! then sorted together in parallel and merged. On large corpora this is several times faster
//! than updating shared hash maps, whose random access misses the cache on every token.

use rayon::prelude::*;

use std::sync::atomic::Ordering;

use super::Vocabulary;
use crate::jobs::{CancelToken, Cancelled, Progress};

/// Tokens are stored as `id | break << 30` while an article is processed.
pub(super) const BREAK_SHIFT: u32 = 30;
pub(super) const ID_MASK: u32 = (1 << BREAK_SHIFT) - 1;

/// A key with its total count and the number of articles it occurs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Counted<K> {
    pub key: K,
    pub count: u64,
    pub docs: u32,
}

/// Which keys to collect from an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum KeyKind {
    Bigrams,
    Trigrams,
    Pairs,
}

pub(super) fn run_length<K: Ord + Copy>(mut keys: Vec<K>) -> Vec<(K, u32)> {
    keys.sort_unstable();
    let mut out: Vec<(K, u32)> = Vec::with_capacity(keys.len() / 2);
    for k in keys {
        match out.last_mut() {
            Some((last, n)) if *last == k => *n += 1,
            _ => out.push((k, 1)),
        }
    }
    out.shrink_to_fit();
    out
}

/// One kind of key of one article, sorted and run-length encoded: bigrams (`a << 32 | b`),
/// trigrams (`a << 64 | b << 32 | c`), or unordered content-word pairs within `window` positions
/// in one sentence. N-grams do not cross any punctuation; those made only of non-content words
/// (stopwords, numbers) are left out. One kind at a time keeps peak memory to one key set.
/// `pack` narrows the key (bigrams and pairs fit in a `u64`, halving their memory).
pub(super) fn doc_keys<K: Ord + Copy>(
    seq: &[u32],
    vocab: &Vocabulary,
    window: usize,
    kind: KeyKind,
    pack: impl Fn(u128) -> K,
) -> Vec<(K, u32)> {
    let content = |id: u32| vocab.is_content(id);
    let mut keys: Vec<K> = Vec::with_capacity(seq.len());
    let mut sentence_start = 0;
    for i in 0..seq.len() {
        let id = seq[i] & ID_MASK;
        let brk = seq[i] >> BREAK_SHIFT;
        if brk == 2 {
            sentence_start = i;
        }
        match kind {
            KeyKind::Bigrams if i >= 1 && brk == 0 => {
                let a = seq[i - 1] & ID_MASK;
                if content(a) || content(id) {
                    keys.push(pack(u128::from(a) << 32 | u128::from(id)));
                }
            }
            KeyKind::Trigrams if i >= 2 && brk == 0 && (seq[i - 1] >> BREAK_SHIFT) == 0 => {
                let (z, a) = (seq[i - 2] & ID_MASK, seq[i - 1] & ID_MASK);
                if content(z) || content(a) || content(id) {
                    keys.push(pack(
                        u128::from(z) << 64 | u128::from(a) << 32 | u128::from(id),
                    ));
                }
            }
            KeyKind::Pairs if content(id) => {
                let lo = i.saturating_sub(window).max(sentence_start);
                for &prev in &seq[lo..i] {
                    let p = prev & ID_MASK;
                    if p != id && content(p) {
                        keys.push(pack(u128::from(p.min(id)) << 32 | u128::from(p.max(id))));
                    }
                }
            }
            _ => {}
        }
    }
    run_length(keys)
}

/// Merge the per-article runs of every article; keep keys counted at least `min` times.
pub(super) fn merge_counts<K: Ord + Copy + Send + Sync>(
    per_doc: Vec<Vec<(K, u32)>>,
    min: u64,
) -> Vec<Counted<K>> {
    let mut all: Vec<(K, u32)> = Vec::with_capacity(per_doc.iter().map(Vec::len).sum());
    for v in per_doc {
        all.extend_from_slice(&v);
    }
    all.par_sort_unstable_by_key(|e| e.0);
    let mut out: Vec<Counted<K>> = Vec::new();
    let mut cur: Option<Counted<K>> = None;
    for (key, n) in all {
        match &mut cur {
            Some(c) if c.key == key => {
                c.count += u64::from(n);
                c.docs += 1;
            }
            _ => {
                if let Some(c) = cur.take().filter(|c| c.count >= min) {
                    out.push(c);
                }
                cur = Some(Counted {
                    key,
                    count: u64::from(n),
                    docs: 1,
                });
            }
        }
    }
    if let Some(c) = cur.filter(|c| c.count >= min) {
        out.push(c);
    }
    out
}

/// Collect one kind of key from every article (in parallel) and merge the counts.
pub(super) fn count_kind<K: Ord + Copy + Send + Sync>(
    seqs: &[Vec<u32>],
    vocab: &Vocabulary,
    window: usize,
    kind: KeyKind,
    min: u64,
    pack: impl Fn(u128) -> K + Sync,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Vec<Counted<K>>, Cancelled> {
    let per_doc: Vec<Vec<(K, u32)>> = seqs
        .par_iter()
        .map(|seq| {
            cancel.check()?;
            let k = doc_keys(seq, vocab, window, kind, &pack);
            progress.units_done.fetch_add(1, Ordering::Relaxed);
            Ok(k)
        })
        .collect::<Result<_, Cancelled>>()?;
    Ok(merge_counts(per_doc, min))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sums_counts_and_counts_documents() {
        let merged = merge_counts(vec![vec![(1u64, 2), (5, 1)], vec![(1, 3)], vec![(7, 1)]], 2);
        assert_eq!(
            merged,
            vec![Counted {
                key: 1,
                count: 5,
                docs: 2
            }]
        );
        assert_eq!(run_length(vec![3u64, 1, 3, 3]), vec![(1, 1), (3, 3)]);
    }
}
