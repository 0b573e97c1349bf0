//! Counting n-grams and window co-occurrences by sorting instead of hashing.
//!
//! Each article turns its token sequence into packed integer keys, sorts them and run-length
//! encodes them (so document frequency comes for free); the runs are scattered into hash buckets,
//! and each bucket is sorted and merged on its own, in parallel. On large corpora this is several
//! times faster than updating shared hash maps, whose random access misses the cache on every
//! token.

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

/// A packed n-gram or pair key.
pub(super) trait Key: Ord + Copy + Send + Sync {
    /// Which of [`BUCKETS`] buckets the key is counted in (a multiplicative hash of its bits, so
    /// the frequent low ids spread evenly).
    fn bucket(self) -> usize;
}

const BUCKET_BITS: u32 = 10;
/// Keys are partitioned into this many buckets, each sorted and merged on its own.
const BUCKETS: usize = 1 << BUCKET_BITS;

impl Key for u64 {
    fn bucket(self) -> usize {
        (self.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BUCKET_BITS)) as usize
    }
}

impl Key for u128 {
    fn bucket(self) -> usize {
        ((self as u64) ^ ((self >> 64) as u64).rotate_left(21)).bucket()
    }
}

/// Collect one kind of key of one article into `keys` (cleared first), sorted: bigrams
/// (`a << 32 | b`), trigrams (`a << 64 | b << 32 | c`), or unordered content-word pairs within
/// `window` positions in one sentence. N-grams do not cross any punctuation; those made only of
/// non-content words (stopwords, numbers) are left out. `pack` narrows the key (bigrams and pairs
/// fit in a `u64`, halving their memory).
pub(super) fn doc_keys<K: Ord + Copy>(
    seq: &[u32],
    vocab: &Vocabulary,
    window: usize,
    kind: KeyKind,
    pack: impl Fn(u128) -> K,
    keys: &mut Vec<K>,
) {
    let content = |id: u32| vocab.is_content(id);
    keys.clear();
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
    keys.sort_unstable();
}

/// Sum sorted (key, count) entries, one entry per article and key, into counts with article
/// frequencies; keep keys counted at least `min` times.
fn merge_sorted<K: Key>(entries: &[(K, u32)], min: u64, out: &mut Vec<Counted<K>>) {
    let mut cur: Option<Counted<K>> = None;
    for &(key, n) in entries {
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
}

/// Per-thread state of [`count_kind`]: one vector of (key, count in the article) per bucket,
/// and a scratch vector for one article's keys.
struct Partitioned<K> {
    buckets: Vec<Vec<(K, u32)>>,
    scratch: Vec<K>,
}

impl<K: Key> Partitioned<K> {
    fn new() -> Self {
        Self {
            buckets: (0..BUCKETS).map(|_| Vec::new()).collect(),
            scratch: Vec::new(),
        }
    }

    /// Run-length encode the sorted `scratch` into the buckets.
    fn add_article(&mut self) {
        let keys = &self.scratch;
        let mut i = 0;
        while i < keys.len() {
            let k = keys[i];
            let mut j = i + 1;
            while j < keys.len() && keys[j] == k {
                j += 1;
            }
            self.buckets[k.bucket()].push((k, (j - i) as u32));
            i = j;
        }
    }
}

/// Collect one kind of key from every article and count them: total count and number of articles
/// per key, for keys counted at least `min` times, in no particular order.
///
/// Each article's keys are sorted and run-length encoded (small, in cache), which gives article
/// frequencies for free; the runs are scattered into [`BUCKETS`] hash buckets, and each bucket
/// is then sorted and merged independently, in parallel. No global sort, and no second copy of
/// every key as a concatenate-then-sort merge would need.
pub(super) fn count_kind<K: Key>(
    seqs: &[Vec<u32>],
    vocab: &Vocabulary,
    window: usize,
    kind: KeyKind,
    min: u64,
    pack: impl Fn(u128) -> K + Sync,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Vec<Counted<K>>, Cancelled> {
    let parts: Vec<Partitioned<K>> = seqs
        .par_iter()
        .with_min_len(16)
        .fold(Partitioned::new, |mut part, seq| {
            if !cancel.is_cancelled() {
                doc_keys(seq, vocab, window, kind, &pack, &mut part.scratch);
                part.add_article();
                progress.units_done.fetch_add(1, Ordering::Relaxed);
            }
            part
        })
        .collect();
    cancel.check()?;
    // Transpose: bucket → the pieces each fold produced for it (moved, not copied).
    let mut per_bucket: Vec<Vec<Vec<(K, u32)>>> = (0..BUCKETS).map(|_| Vec::new()).collect();
    for part in parts {
        for (b, v) in part.buckets.into_iter().enumerate() {
            if !v.is_empty() {
                per_bucket[b].push(v);
            }
        }
    }
    let counted: Vec<Vec<Counted<K>>> = per_bucket
        .into_par_iter()
        .map(|pieces| {
            let mut all: Vec<(K, u32)> = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
            for p in pieces {
                all.extend_from_slice(&p);
            }
            all.sort_unstable_by_key(|e| e.0);
            let mut out = Vec::new();
            merge_sorted(&all, min, &mut out);
            out
        })
        .collect();
    cancel.check()?;
    Ok(counted.concat())
}

/// Trigram counts with keys `a << 64 | b << 32 | c`. When every term id fits in 21 bits (a
/// vocabulary under two million terms) the keys are counted packed in a `u64` (half the memory
/// and faster sorting) and widened afterwards.
pub(super) fn count_trigrams(
    seqs: &[Vec<u32>],
    vocab: &Vocabulary,
    min: u64,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Vec<Counted<u128>>, Cancelled> {
    const BITS: u32 = 21;
    const MASK: u64 = (1 << BITS) - 1;
    if vocab.terms.len() as u64 > MASK {
        return count_kind(
            seqs,
            vocab,
            1,
            KeyKind::Trigrams,
            min,
            |k| k,
            progress,
            cancel,
        );
    }
    let narrow = |k: u128| {
        ((k >> 64) as u64) << (2 * BITS) | ((k >> 32) as u64 & MASK) << BITS | (k as u64 & MASK)
    };
    let packed = count_kind(
        seqs,
        vocab,
        1,
        KeyKind::Trigrams,
        min,
        narrow,
        progress,
        cancel,
    )?;
    Ok(packed
        .into_iter()
        .map(|c| Counted {
            key: u128::from(c.key >> (2 * BITS)) << 64
                | u128::from((c.key >> BITS) & MASK) << 32
                | u128::from(c.key & MASK),
            count: c.count,
            docs: c.docs,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sums_counts_and_counts_documents() {
        let mut merged = Vec::new();
        merge_sorted(&[(1u64, 2), (1, 3), (5, 1), (7, 1)], 2, &mut merged);
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

    /// Five terms, term 4 a stopword; ids written as the tokens of two articles.
    fn vocab_and_seqs() -> (Vocabulary, Vec<Vec<u32>>) {
        let vocab = Vocabulary {
            terms: ["a", "b", "c", "d", "the"].map(String::from).to_vec(),
            stop: vec![false, false, false, false, true],
            numeric: vec![false; 5],
            content_terms: 4,
            ..Vocabulary::default()
        };
        let phrase = 1 << BREAK_SHIFT;
        // Article 0: "a b c , a b c the"; article 1: "a b c d".
        let seqs = vec![vec![0, 1, 2, phrase, 1, 2, 4], vec![0, 1, 2, 3]];
        (vocab, seqs)
    }

    fn sorted<K: Ord + Copy>(mut v: Vec<Counted<K>>) -> Vec<(K, u64, u32)> {
        v.sort_by_key(|c| c.key);
        v.into_iter().map(|c| (c.key, c.count, c.docs)).collect()
    }

    #[test]
    fn packed_trigrams_equal_wide_keys() {
        let (vocab, seqs) = vocab_and_seqs();
        let (p, c) = (Progress::default(), CancelToken::new());
        let tri = |a: u128, b: u128, c: u128| a << 64 | b << 32 | c;
        let packed = sorted(count_trigrams(&seqs, &vocab, 1, &p, &c).expect("counts"));
        let wide = sorted(
            count_kind(&seqs, &vocab, 1, KeyKind::Trigrams, 1, |k| k, &p, &c).expect("counts"),
        );
        // "a b c" twice in the first article and once in the second; "b c d" and "b c the" once
        // (the phrase break stops "b c a" and "c a b").
        assert_eq!(
            wide,
            vec![
                (tri(0, 1, 2), 3, 2),
                (tri(1, 2, 3), 1, 1),
                (tri(1, 2, 4), 1, 1)
            ]
        );
        assert_eq!(packed, wide);
    }

    #[test]
    fn pairs_within_the_window_and_minimum_count() {
        let (vocab, seqs) = vocab_and_seqs();
        let (p, c) = (Progress::default(), CancelToken::new());
        let pair = |a: u64, b: u64| a << 32 | b;
        let narrow = |k: u128| k as u64;
        // Window 1: neighbours only (a phrase break does not end a sentence), never with the
        // stopword. a–b and b–c three times in two articles; a–c and c–d once, under the minimum.
        let got = sorted(
            count_kind(&seqs, &vocab, 1, KeyKind::Pairs, 2, narrow, &p, &c).expect("counts"),
        );
        assert_eq!(got, vec![(pair(0, 1), 3, 2), (pair(1, 2), 3, 2)]);
    }
}
