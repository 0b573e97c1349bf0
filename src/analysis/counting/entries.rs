//! How one key's count in one article is stored while counting ([`Entry`]): a (key, count)
//! pair, or packed into one `u64` ([`Narrow`], [`Repeated`]) when the term ids fit; and summing
//! sorted entries into counts ([`merge_sorted`]).

use super::Counted;
use super::keys::Key;

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
pub(super) const NARROW_COUNT_BITS: u32 = 22;

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

/// Sum sorted entries, one entry per article and key, into counts with article frequencies; keep
/// keys counted at least `min` times.
pub(super) fn merge_sorted<E: Entry>(entries: &[E], min: u64, out: &mut Vec<Counted<E::K>>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::counting::run_length;

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
}
