//! The counting loop: collect keys from slices of articles in parallel, scatter their runs into
//! hash buckets, sort and merge each bucket on its own, and merge each slice's counts into running
//! totals ([`count_entries`]).

use std::sync::atomic::Ordering;

use rayon::prelude::*;

use super::entries::{Entry, merge_sorted};
use super::keys::{BUCKETS, Key, KeyKind, doc_keys};
use super::{Counted, Seq};
use crate::analysis::Vocabulary;
use crate::jobs::{CancelToken, Cancelled, Progress};

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
    crate::analysis::slices_by(seqs, tokens, |s| s.as_ref().len())
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
pub(super) fn count_entries<E: Entry, S: Seq>(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::counting::entries::{Narrow, Repeated};
    use crate::analysis::counting::tests::{sorted, vocab_and_seqs};
    use crate::analysis::counting::{narrow2, narrow3};

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
}
