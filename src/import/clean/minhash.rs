//! MinHash signatures of word 5-shingles and the exact Jaccard similarity they estimate.
//!
//! Words are runs of letters and digits, case-folded. Each run of five words (a shingle) is
//! hashed to 32 bits. The signature is a one-permutation MinHash with optimal densification
//! (Shrivastava, ICML 2017): each shingle is hashed once more to 64 bits, whose high bits pick one
//! of [`HASHES`] bins and whose low bits are kept as the bin's minimum; a bin no shingle fell into
//! borrows the value of the first non-empty bin on a fixed pseudo-random probe sequence of its
//! own, the same for every article. Two signatures agree in a bin with probability the Jaccard
//! similarity of the shingle sets, so the share of agreeing bins estimates it (standard error
//! about `sqrt(J(1 − J)/120)`, at most 0.046). One hash per shingle instead of 120 makes the
//! signature about as cheap as reading the words.

use std::hash::Hasher;

use rustc_hash::FxHasher;

/// Hash functions per signature.
pub const HASHES: usize = 120;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;

/// A 64-bit mixer (the MurmurHash3 finaliser).
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    z = (z ^ (z >> 33)).wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    z ^ (z >> 33)
}

/// Hashes of the case-folded words of `text`, in order.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut h = FxHasher::default();
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            in_word = true;
            if c.is_ascii() {
                h.write_u8(c.to_ascii_lowercase() as u8);
            } else {
                for l in c.to_lowercase() {
                    h.write_u32(l as u32);
                }
            }
        } else if in_word {
            out.push(h.finish());
            h = FxHasher::default();
            in_word = false;
        }
    }
    if in_word {
        out.push(h.finish());
    }
    out
}

/// The 32-bit hashes of the word 5-shingles of `words` (one shingle of all words when there are
/// fewer), sorted and without repeats: the set Jaccard similarity is measured on.
pub fn shingles(words: &[u64]) -> Vec<u32> {
    let mut out: Vec<u32> = words
        .windows(SHINGLE_WORDS.min(words.len()).max(1))
        .map(|w| {
            let mut x = 0x2545_F491_4F6C_DD1D_u64;
            for &h in w {
                x = (x.rotate_left(23) ^ h).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            }
            x ^= x >> 29;
            (x >> 32) as u32
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The MinHash signature of a shingle set (all `u32::MAX` for an empty one).
pub fn signature(shingles: &[u32]) -> [u32; HASHES] {
    let mut mins = [u32::MAX; HASHES];
    let mut filled = [false; HASHES];
    for &x in shingles {
        let h = mix(u64::from(x) ^ 0x5851_F42D_4C95_7F2D);
        let bin = (((h >> 32) * HASHES as u64) >> 32) as usize;
        mins[bin] = mins[bin].min(h as u32);
        filled[bin] = true;
    }
    if shingles.is_empty() {
        return mins;
    }
    let mut out = mins;
    for i in 0..HASHES {
        if filled[i] {
            continue;
        }
        // The probe sequence of bin i: the same in every article.
        for attempt in 1u64.. {
            let h = mix(((i as u64) << 32) | attempt);
            let j = (((h >> 32) * HASHES as u64) >> 32) as usize;
            if filled[j] {
                out[i] = mins[j];
                break;
            }
        }
    }
    out
}

/// The share of positions where two signatures agree: the estimated Jaccard similarity.
pub fn estimate(a: &[u32; HASHES], b: &[u32; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// The exact Jaccard similarity of two sorted sets without repeats (1 for two empty sets).
pub fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        1.0
    } else {
        both as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_ignore_punctuation() {
        assert_eq!(
            word_hashes("The cat, THE CAT!"),
            word_hashes("the cat the cat")
        );
        assert_eq!(word_hashes("  ").len(), 0);
        assert_eq!(word_hashes("Zürich 2024").len(), 2);
    }

    #[test]
    fn shingles_of_five_words() {
        let w = word_hashes("a b c d e f");
        assert_eq!(shingles(&w).len(), 2);
        assert_eq!(shingles(&word_hashes("a b")).len(), 1);
        assert!(shingles(&[]).is_empty());
        // A repeated five-word run is one shingle.
        assert_eq!(shingles(&word_hashes("a b c d e a b c d e")).len(), 5);
    }

    #[test]
    fn jaccard_of_sorted_sets() {
        assert_eq!(jaccard(&[1, 2, 3, 4], &[3, 4, 5, 6]), 2.0 / 6.0);
        assert_eq!(jaccard(&[], &[]), 1.0);
        assert_eq!(jaccard(&[1], &[]), 0.0);
    }

    /// 1,000 pairs of random sets of 400 shingles whose Jaccard similarity is set exactly (from
    /// 0 to 1): the estimate is unbiased and within ±0.05 of it for most pairs.
    #[test]
    fn minhash_estimates_known_jaccard() {
        let mut state = 7u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u32
        };
        let (mut within, mut signed, mut abs) = (0, 0.0, 0.0);
        for pair in 0..1000u32 {
            // |A ∩ B| = s, |A| = |B| = 400 → J = s / (800 − s).
            let s = (pair * 400 / 1000) as usize;
            let shared: Vec<u32> = (0..s).map(|_| next()).collect();
            let mut a = shared.clone();
            let mut b = shared;
            a.extend((s..400).map(|_| next()));
            b.extend((s..400).map(|_| next()));
            a.sort_unstable();
            a.dedup();
            b.sort_unstable();
            b.dedup();
            let exact = jaccard(&a, &b);
            let est = estimate(&signature(&a), &signature(&b));
            signed += est - exact;
            abs += (est - exact).abs();
            within += usize::from((est - exact).abs() <= 0.05);
        }
        eprintln!(
            "bias {:.4}, mean |error| {:.4}, within ±0.05: {within}/1000",
            signed / 1000.0,
            abs / 1000.0
        );
        assert!((signed / 1000.0).abs() < 0.005, "bias {}", signed / 1000.0);
        assert!(abs / 1000.0 < 0.03, "mean error {}", abs / 1000.0);
        assert!(within >= 800, "{within} of 1000 within ±0.05");
    }
}
