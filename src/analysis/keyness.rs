//! Keyness (a target sub-corpus against a reference) and rising/falling terms per period.
//!
//! Keyness follows the usual corpus-linguistics recipe (Rayson & Garside 2000; Hardie 2014):
//! for an item seen `a` times in a target of `c` tokens and `b` times in a reference of `d`
//! tokens, with expected values `E1 = c·(a+b)/(c+d)` and `E2 = d·(a+b)/(c+d)`,
//! log-likelihood `G² = 2·(a·ln(a/E1) + b·ln(b/E2))` (zero terms omitted), signed negative when the
//! item is under-represented in the target; its p-value from χ² with one degree of freedom; and
//! the log ratio `log2((a/c) / (b/d))` as effect size, with 0.5 added to a zero count. A row is
//! significant when its p-value is below 0.05 divided by the number of items tested (Bonferroni).
//!
//! Rising and falling terms: for each period, a term's rate (per million tokens of the period) is
//! compared with its mean rate over the trailing window of earlier periods, as a z-score with the
//! window's standard deviation (floored so a flat history does not divide by zero). A term rises
//! in a period when z ≥ the threshold and it is seen at least `min_count` times there.

use rayon::prelude::*;
use serde::Serialize;

use super::{Analysis, per_million};
use crate::model::Granularity;

/// What a keyness row is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum KeyItem {
    Term(u32),
    Entity(u32),
}

/// One item's keyness.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct KeynessRow {
    pub item: KeyItem,
    pub target_count: u64,
    pub reference_count: u64,
    pub target_per_million: f64,
    pub reference_per_million: f64,
    /// Signed G²: positive = over-represented in the target.
    pub log_likelihood: f64,
    pub p_value: f64,
    pub log_ratio: f64,
    /// p below the Bonferroni-corrected threshold.
    pub significant: bool,
}

/// Keyness of every term and entity seen at least `min_freq` times in target and reference
/// together, sorted by signed G² descending (most over-represented first).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Keyness {
    pub target_articles: usize,
    pub reference_articles: usize,
    pub target_tokens: u64,
    pub reference_tokens: u64,
    /// 0.05 / number of items tested.
    pub bonferroni_p: f64,
    pub rows: Vec<KeynessRow>,
}

/// The complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7).
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// p-value of a χ² statistic with one degree of freedom.
pub fn chi2_p_1df(stat: f64) -> f64 {
    if stat <= 0.0 {
        1.0
    } else {
        erfc((stat / 2.0).sqrt()).clamp(0.0, 1.0)
    }
}

/// Signed G², p-value and log ratio for counts `a` in `c` tokens against `b` in `d` tokens.
pub fn keyness_scores(a: u64, c: u64, b: u64, d: u64) -> (f64, f64, f64) {
    if c == 0 || d == 0 || a + b == 0 {
        return (0.0, 1.0, 0.0);
    }
    let (af, bf, cf, df) = (a as f64, b as f64, c as f64, d as f64);
    let e1 = cf * (af + bf) / (cf + df);
    let e2 = df * (af + bf) / (cf + df);
    let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    let g2 = 2.0 * (term(af, e1) + term(bf, e2));
    let ratio = ((af.max(0.5) / cf) / (bf.max(0.5) / df)).log2();
    let signed = if af / cf >= bf / df { g2 } else { -g2 };
    (signed, chi2_p_1df(g2), ratio)
}

/// Counts of every term and entity over a set of articles, and its token total.
fn totals(a: &Analysis, docs: &[u32]) -> (Vec<u64>, Vec<u64>, u64) {
    let mut terms = vec![0u64; a.vocab.terms.len()];
    let mut ents = vec![0u64; a.entities.entities.len()];
    let mut tokens = 0;
    for &d in docs {
        let di = &a.docs[d as usize];
        tokens += u64::from(di.tokens);
        for &(t, n) in a.terms_of(d) {
            terms[t as usize] += u64::from(n);
        }
        for &(e, n) in &di.entities {
            ents[e as usize] += u64::from(n);
        }
    }
    (terms, ents, tokens)
}

impl Analysis {
    /// Keyness of `target` against `reference` (both ascending article ids; typically the
    /// reference is the rest of the corpus). Stopwords and numbers are left out like in word
    /// statistics.
    pub fn keyness(&self, target: &[u32], reference: &[u32], min_freq: u64) -> Keyness {
        let (t_terms, t_ents, c) = totals(self, target);
        let (r_terms, r_ents, d) = totals(self, reference);
        let mut items: Vec<(KeyItem, u64, u64)> = (0..t_terms.len())
            .filter(|&i| self.vocab.is_content(i as u32))
            .map(|i| (KeyItem::Term(i as u32), t_terms[i], r_terms[i]))
            .chain((0..t_ents.len()).map(|i| (KeyItem::Entity(i as u32), t_ents[i], r_ents[i])))
            .filter(|(_, x, y)| x + y >= min_freq.max(1))
            .collect();
        let bonferroni_p = 0.05 / items.len().max(1) as f64;
        let mut rows: Vec<KeynessRow> = items
            .par_drain(..)
            .map(|(item, x, y)| {
                let (g2, p, lr) = keyness_scores(x, c, y, d);
                KeynessRow {
                    item,
                    target_count: x,
                    reference_count: y,
                    target_per_million: per_million(x, c),
                    reference_per_million: per_million(y, d),
                    log_likelihood: g2,
                    p_value: p,
                    log_ratio: lr,
                    significant: p < bonferroni_p,
                }
            })
            .collect();
        rows.par_sort_unstable_by(|x, y| {
            y.log_likelihood
                .total_cmp(&x.log_likelihood)
                .then_with(|| self.item_name(x.item).cmp(self.item_name(y.item)))
        });
        Keyness {
            target_articles: target.len(),
            reference_articles: reference.len(),
            target_tokens: c,
            reference_tokens: d,
            bonferroni_p,
            rows,
        }
    }

    /// Display text of a keyness item.
    pub fn item_name(&self, item: KeyItem) -> &str {
        match item {
            KeyItem::Term(t) => self.vocab.term(t),
            KeyItem::Entity(e) => self.entity_name(e),
        }
    }

    /// Terms and entities whose rate rose or fell most against their own recent history, per
    /// period of `g` (see the module docs). Looks at the `candidates` most frequent terms and
    /// entities; rows are sorted by period, then |z| descending.
    pub fn bursts(&self, g: Granularity, params: &BurstParams) -> Vec<Burst> {
        let items: Vec<KeyItem> = self
            .terms
            .iter()
            .take(params.candidates)
            .map(|t| KeyItem::Term(t.term))
            .chain(
                self.entity_stats
                    .iter()
                    .take(params.candidates)
                    .map(|e| KeyItem::Entity(e.entity)),
            )
            .collect();
        let mut out: Vec<Burst> = items
            .par_iter()
            .flat_map_iter(|&item| {
                let trend = match item {
                    KeyItem::Term(t) => self.term_trend(t, g),
                    KeyItem::Entity(e) => self.entity_trend(e, g),
                };
                burst_points(&trend, params)
                    .into_iter()
                    .map(move |(i, z, base)| Burst {
                        item,
                        period: trend[i].period,
                        count: trend[i].count,
                        per_million: trend[i].per_million,
                        baseline_per_million: base,
                        z,
                    })
            })
            .collect();
        out.sort_by(|x, y| {
            x.period
                .cmp(&y.period)
                .then_with(|| y.z.abs().total_cmp(&x.z.abs()))
                .then_with(|| self.item_name(x.item).cmp(self.item_name(y.item)))
        });
        out
    }
}

/// Settings of the rising/falling detector.
#[derive(Clone, Debug, PartialEq)]
pub struct BurstParams {
    /// Earlier periods the current one is compared with.
    pub window: usize,
    /// |z| at or above which a change is reported.
    pub z_threshold: f64,
    /// Smallest count in the period (rising) or mean count in the window (falling).
    pub min_count: u64,
    /// How many of the most frequent terms (and entities) are examined.
    pub candidates: usize,
}

impl Default for BurstParams {
    fn default() -> Self {
        Self {
            window: 8,
            z_threshold: 3.0,
            min_count: 5,
            candidates: 2000,
        }
    }
}

/// A period in which an item rose (z > 0) or fell (z < 0) against its trailing window.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Burst {
    pub item: KeyItem,
    pub period: chrono::NaiveDate,
    pub count: u64,
    pub per_million: f64,
    pub baseline_per_million: f64,
    pub z: f64,
}

/// (period index, z, baseline rate) of each reported change in one trend. Periods without tokens
/// are skipped (no evidence either way).
fn burst_points(trend: &[super::TrendPoint], p: &BurstParams) -> Vec<(usize, f64, f64)> {
    let mut out = Vec::new();
    let mut history: Vec<(f64, u64)> = Vec::new();
    for (i, pt) in trend.iter().enumerate() {
        if history.len() >= p.window.max(2) {
            let w = &history[history.len() - p.window.max(2)..];
            let n = w.len() as f64;
            let mean = w.iter().map(|x| x.0).sum::<f64>() / n;
            let var = w.iter().map(|x| (x.0 - mean).powi(2)).sum::<f64>() / (n - 1.0);
            let mean_count = w.iter().map(|x| x.1).sum::<u64>() as f64 / n;
            // Floor: a tenth of the mean rate, or 1 per million, whichever is larger.
            let sd = var.sqrt().max(mean * 0.1).max(1.0);
            let z = (pt.per_million - mean) / sd;
            let rising = z >= p.z_threshold && pt.count >= p.min_count;
            let falling = z <= -p.z_threshold && mean_count >= p.min_count as f64;
            if rising || falling {
                out.push((i, z, mean));
            }
        }
        history.push((pt.per_million, pt.count));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyness_by_hand() {
        // a = 30 of c = 1000, b = 10 of d = 1000: E1 = E2 = 20.
        // G² = 2·(30·ln 1.5 + 10·ln 0.5) = 10.464962…; log ratio = log2(3).
        let (g2, p, lr) = keyness_scores(30, 1000, 10, 1000);
        assert!((g2 - 10.464_962_875).abs() < 1e-6, "{g2}");
        assert!((lr - 3f64.log2()).abs() < 1e-12);
        // χ²(1) = 10.465 → p ≈ 0.001217.
        assert!((p - 0.001_217).abs() < 2e-6, "{p}");
        let (g2, _, lr) = keyness_scores(10, 1000, 30, 1000);
        assert!(g2 < 0.0 && lr < 0.0);
        // A zero count uses 0.5 for the log ratio.
        let (_, _, lr) = keyness_scores(0, 1000, 8, 1000);
        assert!((lr - (0.5f64 / 8.0).log2()).abs() < 1e-12);
    }

    #[test]
    fn erfc_matches_known_values() {
        assert!((erfc(0.0) - 1.0).abs() < 1e-7);
        assert!((erfc(1.0) - 0.157_299_207).abs() < 1e-7);
        assert!((chi2_p_1df(3.841_459) - 0.05).abs() < 1e-6);
    }

    #[test]
    fn bursts_flag_a_jump_over_a_flat_history() {
        let pt = |count: u64, per_million: f64| super::super::TrendPoint {
            period: chrono::NaiveDate::from_ymd_opt(2023, 1, 1).expect("date"),
            count,
            per_million,
        };
        // Eight periods near 100 per million, then 400: mean 100, sd floor 10 → z = 30.
        let mut trend: Vec<_> = (0..8)
            .map(|i| pt(10, if i % 2 == 0 { 99.0 } else { 101.0 }))
            .collect();
        trend.push(pt(40, 400.0));
        let got = burst_points(&trend, &BurstParams::default());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 8);
        assert!((got[0].1 - 30.0).abs() < 1e-9, "{:?}", got);
        // Too few occurrences in the period: not reported.
        trend[8] = pt(4, 400.0);
        assert!(burst_points(&trend, &BurstParams::default()).is_empty());
    }
}
