//! Counting n-grams and window co-occurrences by sorting instead of hashing.
//!
//! Each article turns its token sequence into packed integer keys, sorts them and run-length
//! encodes them (so document frequency comes for free); the runs are scattered into hash buckets,
//! and each bucket is sorted and merged on its own, in parallel. On large corpora this is several
//! times faster than updating shared hash maps, whose random access misses the cache on every
//! token.
//!
//! [`keys`] says which keys an article yields, [`entries`] how they are stored while counting, and
//! [`sliced`] runs the counting loop; this module packs and unpacks the keys of each kind.

mod entries;
mod keys;
mod sliced;

use super::Vocabulary;
use crate::jobs::{CancelToken, Cancelled, Progress};
use entries::{NARROW_COUNT_BITS, Narrow, Repeated};
use keys::KeyKind;
use sliced::count_entries;

/// One article's token sequence: a vector of its own, or a slice of a shared buffer.
pub(super) trait Seq: AsRef<[u32]> + Sync {}
impl<T: AsRef<[u32]> + Sync> Seq for T {}

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

/// Sort `keys` and count each distinct key: (key, occurrences), ascending key.
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

/// Bits of one term id in packed narrow keys.
const ID_BITS: u32 = 21;
const ID_BITS_MASK: u64 = (1 << ID_BITS) - 1;

/// Whether term ids fit in [`ID_BITS`] bits, and a key's count within any one article (at most
/// `per_token` per token) fits in a [`Narrow`] entry.
fn narrow_fits<S: Seq>(seqs: &[S], vocab: &Vocabulary, per_token: usize) -> bool {
    let longest = seqs.iter().map(|s| s.as_ref().len()).max().unwrap_or(0);
    (vocab.terms.len() as u64) <= ID_BITS_MASK
        && (longest.saturating_mul(per_token) as u64) < (1 << NARROW_COUNT_BITS)
}

/// A two-term key `a << 32 | b` narrowed to `a << 21 | b`, and back.
fn narrow2(k: u128) -> u64 {
    ((k >> 32) as u64) << ID_BITS | (k as u64 & ID_BITS_MASK)
}
/// A three-term key `a << 64 | b << 32 | c` narrowed to `a << 42 | b << 21 | c`.
fn narrow3(k: u128) -> u64 {
    ((k >> 64) as u64) << (2 * ID_BITS) | narrow2(k & ((1 << 64) - 1))
}
fn widen2(c: Counted<u64>) -> Counted<u64> {
    Counted {
        key: (c.key >> ID_BITS) << 32 | (c.key & ID_BITS_MASK),
        ..c
    }
}

/// Count one kind of two-term key (bigrams, or co-occurring pairs within `window`), keys
/// `a << 32 | b`. Counted as [`Narrow`] entries when they fit (vocabularies under two million
/// terms), else as (key, count) pairs.
fn count_two_term<S: Seq>(
    seqs: &[S],
    vocab: &Vocabulary,
    window: usize,
    kind: KeyKind,
    min: u64,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Vec<Counted<u64>>, Cancelled> {
    let per_token = if kind == KeyKind::Pairs { window } else { 1 };
    if narrow_fits(seqs, vocab, per_token) {
        let v =
            count_entries::<Narrow, _>(seqs, vocab, window, kind, min, narrow2, progress, cancel)?;
        Ok(v.into_iter().map(widen2).collect())
    } else {
        count_entries::<(u64, u32), _>(
            seqs,
            vocab,
            window,
            kind,
            min,
            |k| k as u64,
            progress,
            cancel,
        )
    }
}

/// The neighbour slots of one article's token sequence: for every token, the positions within
/// `window` on either side that lie in the same sentence (the same positions [`count_pairs`]
/// looks at). Summed over a corpus this is the `slots` of
/// [`crate::analysis::collocation_scores`]' null model.
pub(crate) fn window_slots(seq: &[u32], window: usize) -> u64 {
    let mut slots = 0u64;
    let mut sentence_start = 0;
    for (i, t) in seq.iter().enumerate() {
        if t >> BREAK_SHIFT == 2 {
            sentence_start = i;
        }
        // Each earlier position in reach gives a slot to both tokens of the pair.
        slots += 2 * (i - sentence_start).min(window) as u64;
    }
    slots
}

/// Bigram counts, keys `a << 32 | b`; bigrams never cross punctuation.
pub(super) fn count_bigrams<S: Seq>(
    seqs: &[S],
    vocab: &Vocabulary,
    min: u64,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Vec<Counted<u64>>, Cancelled> {
    count_two_term(seqs, vocab, 1, KeyKind::Bigrams, min, progress, cancel)
}

/// Counts of unordered content-word pairs within `window` positions in one sentence, keys
/// `a << 32 | b` with `a < b`.
pub(super) fn count_pairs<S: Seq>(
    seqs: &[S],
    vocab: &Vocabulary,
    window: usize,
    min: u64,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Vec<Counted<u64>>, Cancelled> {
    count_two_term(seqs, vocab, window, KeyKind::Pairs, min, progress, cancel)
}

/// Trigram counts with keys `a << 64 | b << 32 | c`. When every term id fits in 21 bits (a
/// vocabulary under two million terms) the keys are counted packed in a `u64` (half the memory
/// and faster sorting) and widened afterwards.
pub(super) fn count_trigrams<S: Seq>(
    seqs: &[S],
    vocab: &Vocabulary,
    min: u64,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Vec<Counted<u128>>, Cancelled> {
    if vocab.terms.len() as u64 > ID_BITS_MASK {
        return count_entries::<(u128, u32), _>(
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
    let packed = count_entries::<Repeated, _>(
        seqs,
        vocab,
        1,
        KeyKind::Trigrams,
        min,
        narrow3,
        progress,
        cancel,
    )?;
    Ok(packed
        .into_iter()
        .map(|c| Counted {
            key: u128::from(c.key >> (2 * ID_BITS)) << 64
                | u128::from((c.key >> ID_BITS) & ID_BITS_MASK) << 32
                | u128::from(c.key & ID_BITS_MASK),
            count: c.count,
            docs: c.docs,
        })
        .collect())
}

/// One article's bigrams (`n` = 2, keys `a << 32 | b`) or trigrams (`n` = 3, keys
/// `a << 64 | b << 32 | c`) with their counts in it, ascending key: the keys [`count_bigrams`]
/// and [`count_trigrams`] count.
pub(super) fn ngram_keys(seq: &[u32], vocab: &Vocabulary, n: usize) -> Vec<(u128, u32)> {
    let kind = if n == 3 {
        KeyKind::Trigrams
    } else {
        KeyKind::Bigrams
    };
    let mut keys = Vec::new();
    keys::doc_keys(seq, vocab, 1, kind, |k| k, &mut keys);
    run_length(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Five terms, term 4 a stopword; ids written as the tokens of two articles.
    pub(super) fn vocab_and_seqs() -> (Vocabulary, Vec<Vec<u32>>) {
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

    pub(super) fn sorted<K: Ord + Copy>(mut v: Vec<Counted<K>>) -> Vec<(K, u64, u32)> {
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
            count_entries::<(u128, u32), _>(&seqs, &vocab, 1, KeyKind::Trigrams, 1, |k| k, &p, &c)
                .expect("counts"),
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
        // Window 1: neighbours only (a phrase break does not end a sentence), never with the
        // stopword. a–b and b–c three times in two articles; a–c and c–d once, under the minimum.
        let got = sorted(count_pairs(&seqs, &vocab, 1, 2, &p, &c).expect("counts"));
        assert_eq!(got, vec![(pair(0, 1), 3, 2), (pair(1, 2), 3, 2)]);
        let wide = count_entries::<(u64, u32), _>(
            &seqs,
            &vocab,
            1,
            KeyKind::Pairs,
            2,
            |k| k as u64,
            &p,
            &c,
        );
        assert_eq!(sorted(wide.expect("counts")), got);
        // Window 2 also pairs words one apart: a–b, a–c and b–c four times each in two articles
        // (three times in the first), b–d and c–d once.
        let got = sorted(count_pairs(&seqs, &vocab, 2, 1, &p, &c).expect("counts"));
        assert_eq!(
            got,
            vec![
                (pair(0, 1), 4, 2),
                (pair(0, 2), 4, 2),
                (pair(1, 2), 4, 2),
                (pair(1, 3), 1, 1),
                (pair(2, 3), 1, 1)
            ]
        );
    }

    #[test]
    fn window_slots_stop_at_sentence_ends() {
        let sentence = 2 << BREAK_SHIFT;
        let phrase = 1 << BREAK_SHIFT;
        // Two two-word sentences: one slot each token, 4 in all.
        assert_eq!(window_slots(&[0, 1, sentence, 1], 4), 4);
        // Five words, window 2: left reaches 0,1,2,2,2 → 7 pairs → 14 slots. Phrase breaks do
        // not cut the window.
        assert_eq!(window_slots(&[0, 1, phrase, 2, 3], 2), 14);
        // Full windows: a long sentence approaches 2·window slots a token.
        let long: Vec<u32> = (0..1000).collect();
        assert_eq!(window_slots(&long, 4), 2 * (4 * 1000 - (1 + 2 + 3 + 4)));
    }
}
