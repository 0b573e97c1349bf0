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

/// One key's count in one article, as stored while counting.
pub(super) trait Entry: Copy + Ord + Send + Sync {
    type K: Key;
    /// Store that `key` occurs `count` times in one article.
    fn push_run(out: &mut Vec<Self>, key: Self::K, count: u32);
    fn key(self) -> Self::K;
    /// Occurrences this entry stands for.
    fn count(self) -> u32;
    /// Articles this entry stands for (0 or 1).
    fn docs(self) -> u32;
}

impl<K: Key> Entry for (K, u32) {
    type K = K;
    fn push_run(out: &mut Vec<Self>, key: K, count: u32) {
        out.push((key, count));
    }
    fn key(self) -> K {
        self.0
    }
    fn count(self) -> u32 {
        self.1
    }
    fn docs(self) -> u32 {
        1
    }
}

/// Bits of a [`Narrow`] entry's count; its key has the other 42 (two 21-bit term ids).
const NARROW_COUNT_BITS: u32 = 22;

/// A two-term key (`a << 21 | b`, ids below 2²¹) and its count in one article (below 2²²) in
/// one `u64`: half the memory of a (key, count) pair, and integer sorting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Narrow(u64);

impl Narrow {
    fn new(key: u64, count: u32) -> Self {
        Narrow(key << NARROW_COUNT_BITS | u64::from(count))
    }
}

impl Entry for Narrow {
    type K = u64;
    fn push_run(out: &mut Vec<Self>, key: u64, count: u32) {
        out.push(Narrow::new(key, count));
    }
    fn key(self) -> u64 {
        self.0 >> NARROW_COUNT_BITS
    }
    fn count(self) -> u32 {
        (self.0 & ((1 << NARROW_COUNT_BITS) - 1)) as u32
    }
    fn docs(self) -> u32 {
        1
    }
}

/// A 63-bit key (three 21-bit term ids) in one `u64` with a flag bit, one entry per occurrence:
/// the flag marks an article's first occurrence, so entries count both occurrences and articles.
/// Most trigrams occur once in an article, so this is about half the memory of (key, count)
/// pairs, which need 16 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Repeated(u64);

impl Entry for Repeated {
    type K = u64;
    fn push_run(out: &mut Vec<Self>, key: u64, count: u32) {
        out.push(Repeated(key << 1 | 1));
        out.extend(std::iter::repeat_n(Repeated(key << 1), count as usize - 1));
    }
    fn key(self) -> u64 {
        self.0 >> 1
    }
    fn count(self) -> u32 {
        1
    }
    fn docs(self) -> u32 {
        (self.0 & 1) as u32
    }
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

/// Sum sorted entries, one entry per article and key, into counts with article frequencies; keep
/// keys counted at least `min` times.
fn merge_sorted<E: Entry>(entries: &[E], min: u64, out: &mut Vec<Counted<E::K>>) {
    let mut cur: Option<Counted<E::K>> = None;
    for &e in entries {
        let (key, n) = (e.key(), e.count());
        match &mut cur {
            Some(c) if c.key == key => {
                c.count += u64::from(n);
                c.docs += e.docs();
            }
            _ => {
                if let Some(c) = cur.take().filter(|c| c.count >= min) {
                    out.push(c);
                }
                cur = Some(Counted {
                    key,
                    count: u64::from(n),
                    docs: e.docs(),
                });
            }
        }
    }
    if let Some(c) = cur.filter(|c| c.count >= min) {
        out.push(c);
    }
}

/// Per-thread state of [`count_entries`]: one vector of entries per bucket, and a scratch vector
/// for one article's keys.
struct Partitioned<E: Entry> {
    buckets: Vec<Vec<E>>,
    scratch: Vec<E::K>,
}

impl<E: Entry> Partitioned<E> {
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
            E::push_run(&mut self.buckets[k.bucket()], k, (j - i) as u32);
            i = j;
        }
    }
}

/// Articles are counted in consecutive slices of about this many tokens: only one slice's
/// per-article entries are held at a time, next to the running totals.
const SLICE_TOKENS: usize = 1 << 23;

/// Consecutive slices of `seqs` of at least `tokens` tokens each (the last may hold fewer).
fn token_slices<S: Seq>(seqs: &[S], tokens: usize) -> impl Iterator<Item = &[S]> {
    super::slices_by(seqs, tokens, |s| s.as_ref().len())
}

/// Merge two key-sorted count lists into one, summing counts and articles of equal keys.
fn merge_totals<K: Ord + Copy>(a: Vec<Counted<K>>, b: Vec<Counted<K>>) -> Vec<Counted<K>> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => match x.key.cmp(&y.key) {
                std::cmp::Ordering::Less => a.next(),
                std::cmp::Ordering::Greater => b.next(),
                std::cmp::Ordering::Equal => {
                    let (x, y) = (a.next(), b.next());
                    x.zip(y).map(|(x, y)| Counted {
                        key: x.key,
                        count: x.count + y.count,
                        docs: x.docs + y.docs,
                    })
                }
            },
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
    out.shrink_to_fit();
    out
}

/// Collect one kind of key from every article and count them: total count and number of articles
/// per key, for keys counted at least `min` times, in no particular order.
///
/// Each article's keys are sorted and run-length encoded (small, in cache), which gives article
/// frequencies for free; the runs are scattered into [`BUCKETS`] hash buckets, and each bucket
/// is then sorted and merged independently, in parallel. No global sort, and no second copy of
/// every key as a concatenate-then-sort merge would need. This runs over [`SLICE_TOKENS`] of
/// articles at a time, each slice's counts merged into running totals per bucket, so memory
/// grows with the distinct keys rather than with every key of every article; when the first
/// slice shows that keys hardly repeat (totals larger than the entries they replace), the rest
/// is counted in one slice, as without slicing.
fn count_entries<E: Entry, S: Seq>(
    seqs: &[S],
    vocab: &Vocabulary,
    window: usize,
    kind: KeyKind,
    min: u64,
    pack: impl Fn(u128) -> E::K + Sync,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Vec<Counted<E::K>>, Cancelled> {
    let keys = KeySpec { window, kind, min };
    let slicing = Slicing {
        tokens: SLICE_TOKENS,
        adaptive: true,
    };
    count_sliced::<E, S>(seqs, vocab, keys, slicing, pack, progress, cancel)
}

/// What [`count_entries`] collects.
#[derive(Clone, Copy)]
struct KeySpec {
    window: usize,
    kind: KeyKind,
    min: u64,
}

/// How [`count_sliced`] cuts the articles.
#[derive(Clone, Copy)]
struct Slicing {
    /// Tokens per slice.
    tokens: usize,
    /// Count everything after the first slice as one slice when keys hardly repeat.
    adaptive: bool,
}

/// [`count_entries`] over slices of articles.
fn count_sliced<E: Entry, S: Seq>(
    seqs: &[S],
    vocab: &Vocabulary,
    KeySpec { window, kind, min }: KeySpec,
    slicing: Slicing,
    pack: impl Fn(u128) -> E::K + Sync,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Vec<Counted<E::K>>, Cancelled> {
    let mut totals: Vec<Vec<Counted<E::K>>> = (0..BUCKETS).map(|_| Vec::new()).collect();
    let (mut rest, mut slice_tokens, mut first) = (seqs, slicing.tokens, true);
    while let Some(slice) = token_slices(rest, slice_tokens).next() {
        rest = &rest[slice.len()..];
        let last = rest.is_empty();
        // Few fold pieces: each holds a vector per bucket.
        let min_len = (slice.len() / (4 * rayon::current_num_threads().max(1))).max(1);
        let parts: Vec<Partitioned<E>> = slice
            .par_iter()
            .with_min_len(min_len)
            .fold(Partitioned::new, |mut part, seq| {
                if !cancel.is_cancelled() {
                    doc_keys(seq.as_ref(), vocab, window, kind, &pack, &mut part.scratch);
                    part.add_article();
                    progress.units_done.fetch_add(1, Ordering::Relaxed);
                }
                part
            })
            .collect();
        cancel.check()?;
        // Transpose: bucket → the pieces each fold produced for it (moved, not copied).
        let mut per_bucket: Vec<Vec<Vec<E>>> = (0..BUCKETS).map(|_| Vec::new()).collect();
        for part in parts {
            for (b, v) in part.buckets.into_iter().enumerate() {
                if !v.is_empty() {
                    per_bucket[b].push(v);
                }
            }
        }
        let entries: usize = per_bucket.iter().flatten().map(Vec::len).sum();
        totals = per_bucket
            .into_par_iter()
            .zip(totals)
            .map(|(pieces, total)| {
                let mut all: Vec<E> = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
                for p in pieces {
                    all.extend_from_slice(&p);
                }
                all.sort_unstable();
                let mut counted = Vec::new();
                merge_sorted(&all, 1, &mut counted);
                drop(all);
                let mut merged = merge_totals(total, counted);
                if last {
                    merged.retain(|c| c.count >= min);
                    merged.shrink_to_fit();
                }
                merged
            })
            .collect();
        cancel.check()?;
        // Running totals hold every distinct key at the size of a count, a few times an entry.
        // That pays when keys repeat across slices (wire copies, boilerplate, replicated text);
        // when the first slice's totals already outweigh its entries, the rest is one slice.
        if first && !last && slicing.adaptive {
            let distinct: usize = totals.iter().map(Vec::len).sum();
            let totals_bytes = distinct * std::mem::size_of::<Counted<E::K>>();
            if totals_bytes > entries * std::mem::size_of::<E>() {
                slice_tokens = usize::MAX;
            }
        }
        first = false;
    }
    Ok(totals.into_iter().flatten().collect())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sums_counts_and_counts_documents() {
        let mut merged = Vec::new();
        merge_sorted(&[(1u64, 2), (1, 3), (5, 1), (7, 1)], 2, &mut merged);
        let mut narrow = Vec::new();
        let n = |k, c| Narrow::new(k, c);
        merge_sorted(&[n(1, 2), n(1, 3), n(5, 1), n(7, 1)], 2, &mut narrow);
        assert_eq!(narrow, merged);
        // The same runs as one entry per occurrence, the first of each article flagged.
        let mut entries = Vec::new();
        for (k, c) in [(1, 2), (1, 3), (5, 1), (7, 1)] {
            Repeated::push_run(&mut entries, k, c);
        }
        assert_eq!(entries.len(), 7);
        entries.sort_unstable();
        let mut repeated = Vec::new();
        merge_sorted(&entries, 2, &mut repeated);
        assert_eq!(repeated, merged);
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

    #[test]
    fn totals_merge_by_key_and_slices_cover_every_article() {
        let c = |key: u64, count, docs| Counted { key, count, docs };
        assert_eq!(
            merge_totals(
                vec![c(1, 2, 1), c(4, 1, 1)],
                vec![c(1, 3, 2), c(2, 1, 1), c(9, 1, 1)]
            ),
            vec![c(1, 5, 3), c(2, 1, 1), c(4, 1, 1), c(9, 1, 1)]
        );
        assert_eq!(merge_totals(Vec::new(), vec![c(3, 1, 1)]), vec![c(3, 1, 1)]);
        let seqs = vec![vec![0; 3], vec![0; 1], vec![0; 5], vec![0; 2]];
        let sizes: Vec<Vec<usize>> = token_slices(&seqs, 4)
            .map(|s| s.iter().map(Vec::len).collect())
            .collect();
        // Slices close once they reach four tokens: 3+1, then 5, then the remaining 2.
        assert_eq!(sizes, vec![vec![3, 1], vec![5], vec![2]]);
        assert_eq!(token_slices::<Vec<u32>>(&[], 4).count(), 0);
    }

    #[test]
    fn counting_in_slices_equals_counting_at_once() {
        let (vocab, two) = vocab_and_seqs();
        // Eight articles: the two above four times over.
        let seqs: Vec<Vec<u32>> = (0..4).flat_map(|_| two.clone()).collect();
        let (p, c) = (Progress::default(), CancelToken::new());
        for kind in [KeyKind::Bigrams, KeyKind::Trigrams, KeyKind::Pairs] {
            let keys = KeySpec {
                window: 2,
                kind,
                min: 2,
            };
            let count = |tokens, adaptive| {
                let slicing = Slicing { tokens, adaptive };
                count_sliced::<Repeated, _>(&seqs, &vocab, keys, slicing, narrow3, &p, &c)
                    .map(sorted)
                    .expect("counts")
            };
            let whole = count(usize::MAX, false);
            assert!(!whole.is_empty(), "{kind:?}");
            // One article per slice, and slices of about three articles; with the switch to one
            // slice after the first (these tiny articles hardly repeat keys) and without.
            for adaptive in [false, true] {
                assert_eq!(count(1, adaptive), whole, "{kind:?}");
                assert_eq!(count(15, adaptive), whole, "{kind:?}");
            }
        }
        // "a b" twice in each copy of the first article and once in each copy of the second: 12
        // times in 8 articles, when every article is a slice of its own.
        let keys = KeySpec {
            window: 1,
            kind: KeyKind::Bigrams,
            min: 1,
        };
        let slicing = Slicing {
            tokens: 1,
            adaptive: false,
        };
        let bigrams = count_sliced::<Narrow, _>(&seqs, &vocab, keys, slicing, narrow2, &p, &c);
        let ab = narrow2(1); // a = 0 (high half), b = 1
        let got = sorted(bigrams.expect("counts"));
        assert_eq!(got.iter().find(|g| g.0 == ab), Some(&(ab, 12, 8)));
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
}
