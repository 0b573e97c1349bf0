//! Near-duplicate clusters: articles that are copies of each other with small edits (another
//! headline or byline, a sentence trimmed or added, different white space).
//!
//! The method (README, "Cleaning"): MinHash signatures of word 5-shingles ([`super::minhash`]),
//! locality-sensitive hashing with 24 bands of 5 rows (two articles become candidates when all
//! five values of one band agree: probability `1 − (1 − J⁵)²⁴`, 98.8% at J = 0.7, 99.99% at 0.8,
//! 53% at 0.5, 5.7% at 0.3), then every candidate pair is verified on the exact Jaccard
//! similarity of the shingle sets against the threshold (0.7 by default: a wire story of four
//! paragraphs with its last one cut by an editor is still a copy at about 0.75, while two
//! independent articles share almost no five-word run). Verified pairs are joined into clusters
//! (single link). Articles under [`MIN_WORDS`] words are left out: a few words are too little to
//! call a copy. Within a band bucket only consecutive members and the first are paired, so a
//! story in a thousand copies costs a few thousand checks, not half a million.

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::minhash::{HASHES, shingles, signature, word_hashes};
use crate::jobs::{CancelToken, Cancelled};

/// Bands of the LSH index.
const BANDS: usize = 24;
/// Signature values per band.
const ROWS: usize = HASHES / BANDS;
/// Articles with fewer words are not clustered.
pub const MIN_WORDS: usize = 15;

/// One cluster: article indexes with their similarity to the representative, which comes first.
pub type Cluster = Vec<(usize, f64)>;

fn band_key(sig: &[u32]) -> u64 {
    let mut x = 0xCBF2_9CE4_8422_2325_u64;
    for &v in sig {
        x = (x ^ u64::from(v)).wrapping_mul(0x0100_0000_01B3);
    }
    x
}

/// Candidate pairs `(i, j)`, `i < j`, sorted and without repeats.
fn candidates(sigs: &[Option<[u32; HASHES]>]) -> Vec<(u32, u32)> {
    let mut pairs: Vec<(u32, u32)> = (0..BANDS)
        .into_par_iter()
        .flat_map_iter(|band| {
            let mut keys: Vec<(u64, u32)> = sigs
                .iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    let s = s.as_ref()?;
                    Some((band_key(&s[band * ROWS..(band + 1) * ROWS]), i as u32))
                })
                .collect();
            keys.sort_unstable();
            let mut out = Vec::new();
            for run in keys.chunk_by(|a, b| a.0 == b.0) {
                for (k, w) in run.windows(2).enumerate() {
                    out.push((w[0].1, w[1].1));
                    if k > 0 {
                        out.push((run[0].1, w[1].1));
                    }
                }
            }
            out
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

fn find_root(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let up = parent[parent[x as usize] as usize];
        parent[x as usize] = up;
        x = up;
    }
    x
}

/// The near-duplicate clusters of `texts` at Jaccard `threshold`, in order of their
/// representative (the earliest dated member, undated last, then the first in order).
pub fn clusters(
    texts: &[&str],
    dates: &[Option<NaiveDate>],
    threshold: f64,
    cancel: &CancelToken,
) -> Result<Vec<Cluster>, Cancelled> {
    // The shingle sets are kept for the checks (4 bytes a word; less than the analysis takes).
    let (sigs, sets): (Vec<Option<[u32; HASHES]>>, Vec<Vec<u32>>) = texts
        .par_iter()
        .map(|t| {
            cancel.check()?;
            let words = word_hashes(t);
            if words.len() < MIN_WORDS {
                return Ok((None, Vec::new()));
            }
            let set = shingles(&words);
            Ok((Some(signature(&set)), set))
        })
        .collect::<Result<Vec<_>, Cancelled>>()?
        .into_iter()
        .unzip();
    let pairs = candidates(&sigs);
    drop(sigs);
    cancel.check()?;
    let mut involved: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    involved.par_sort_unstable();
    involved.dedup();
    let set = |i: u32| sets[i as usize].as_slice();
    let edges: Vec<(u32, u32)> = pairs
        .par_iter()
        .filter(|&&(a, b)| super::minhash::jaccard(set(a), set(b)) >= threshold)
        .copied()
        .collect();
    cancel.check()?;
    let mut parent: Vec<u32> = (0..texts.len() as u32).collect();
    for (a, b) in edges {
        let (ra, rb) = (find_root(&mut parent, a), find_root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    let mut groups: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for &i in &involved {
        let root = find_root(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut out: Vec<Cluster> = groups
        .into_values()
        .filter(|g| g.len() >= 2)
        .map(|mut g| {
            g.sort_unstable();
            let rep = g
                .iter()
                .copied()
                .min_by_key(|&i| (dates[i as usize].is_none(), dates[i as usize], i))
                .unwrap_or(g[0]);
            let mut members: Cluster = vec![(rep as usize, 1.0)];
            members.extend(g.iter().filter(|&&i| i != rep).map(|&i| {
                let sim = super::minhash::jaccard(set(rep), set(i));
                (i as usize, sim)
            }));
            members
        })
        .collect();
    out.sort_by_key(|c| c[0].0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(seed: u32, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("w{}x{}", seed, i)).collect()
    }

    #[test]
    fn copies_with_edits_cluster_and_distinct_texts_do_not() {
        let base = words(1, 200);
        let mut trimmed = base.clone();
        trimmed.drain(100..110);
        let mut added = base.clone();
        added.splice(50..50, words(9, 8));
        let other = words(2, 200);
        let texts: Vec<String> = [&base, &trimmed, &other, &added]
            .iter()
            .map(|w| w.join(" "))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let d = NaiveDate::from_ymd_opt(2024, 1, 2);
        let dates = [d, d, None, NaiveDate::from_ymd_opt(2024, 1, 1)];
        let got = clusters(&refs, &dates, 0.8, &CancelToken::new()).expect("runs");
        assert_eq!(got.len(), 1);
        let ids: Vec<usize> = got[0].iter().map(|m| m.0).collect();
        // The earliest dated copy (index 3) represents the cluster.
        assert_eq!(ids, vec![3, 0, 1]);
        // 196 shingles of the base; 12 new ones with 4 lost in the added copy → 192/208.
        assert!((got[0][1].1 - 192.0 / 208.0).abs() < 1e-9, "{:?}", got[0]);
    }

    #[test]
    fn nothing_is_a_copy_in_unrelated_texts() {
        let texts: Vec<String> = (0..300).map(|i| words(i, 60).join(" ")).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let dates = vec![None; refs.len()];
        let got = clusters(&refs, &dates, 0.8, &CancelToken::new()).expect("runs");
        assert!(got.is_empty());
        // Short texts are never clustered, even when equal.
        let got = clusters(&["a b c", "a b c"], &[None, None], 0.8, &CancelToken::new());
        assert_eq!(got.expect("runs"), Vec::<Cluster>::new());
    }
}
