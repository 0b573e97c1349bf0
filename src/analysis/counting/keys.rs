//! Which keys an article yields: bigrams, trigrams or window co-occurrence pairs, packed into
//! integers ([`doc_keys`]), and the hash bucket each key is counted in ([`Key::bucket`]).

use super::{BREAK_SHIFT, ID_MASK};
use crate::analysis::Vocabulary;

/// Which keys to collect from an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum KeyKind {
    Bigrams,
    Trigrams,
    Pairs,
}

/// A packed n-gram or pair key.
pub(super) trait Key: Ord + Copy + Send + Sync {
    /// Which of [`BUCKETS`] buckets the key is counted in (a multiplicative hash of its bits, so
    /// the frequent low ids spread evenly).
    fn bucket(self) -> usize;
}

const BUCKET_BITS: u32 = 10;
/// Keys are partitioned into this many buckets, each sorted and merged on its own.
pub(super) const BUCKETS: usize = 1 << BUCKET_BITS;

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
