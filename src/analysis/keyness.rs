//! Keyness (a target sub-corpus against a reference) and rising/falling terms per period.
//!
//! Keyness follows the usual corpus-linguistics recipe (Rayson & Garside 2000; Hardie 2014):
//! for an item seen `a` times in a target of `c` tokens and `b` times in a reference of `d`
//! tokens, with expected values `E1 = c·(a+b)/(c+d)` and `E2 = d·(a+b)/(c+d)`,
//! log-likelihood `G² = 2·(a·ln(a/E1) + b·ln(b/E2))` (zero terms omitted), signed negative when the
//! item is under-represented in the target; its p-value from χ² with one degree of freedom; and
//! the log ratio `log2((a/c + k) / (b/d + k))` as effect size, where `k = 1/(c+d)` is the rate of
//! one occurrence over both corpora, added to both rates so that the ratio is finite when a count
//! is zero and its sign always agrees with the observed rates (and so with the sign of G²;
//! Hardie's "0.5 for a zero count" does not: a target-only item in a target much larger than the
//! reference came out negative). A row is significant when its p-value is below 0.05 divided by
//! the number of items tested (Bonferroni). p-values below 1e-300 (beyond the precision of the
//! computation) are written `< 1e-300`.
//!
//! Rising and falling terms and entities ([`BurstParams`] holds the thresholds): a period is
//! judged only when it holds at least `min_articles` articles, against a baseline of the last
//! `window` earlier periods that hold at least `min_articles` articles each (periods with no or
//! few articles are skipped, never counted as zeros), and only when at least `min_baseline` such
//! periods exist. With `c_j` occurrences in `N_j` tokens in the baseline periods, the expected
//! count of a period of `N` tokens is `E = N · (Σc_j + 0.5) / ΣN_j` (half an occurrence added, so
//! an item never seen before has a small positive expectation rather than zero). Its variance is
//! the Poisson variance `E` plus the between-period variance of the item's rate, `τ² · N²`, where
//! `τ²` is the sample variance of `c_j / N_j` over up to `spread_window` earlier periods (more
//! than the baseline, so the estimate is steady) less its expected sampling part
//! (`mean(r / N_j)`, `r = Σc_j / ΣN_j`), floored at zero (method of moments, as for a
//! negative-binomial count). `z = (count − E) / √(E + τ²·N²)`. An item rises when
//! `z ≥ z_threshold` and `count ≥ min_count`; it falls when `z ≤ −z_threshold` and
//! `E ≥ min_count`. Nothing is capped.

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

/// A p-value for display: scientific notation with `digits` decimals, or `< 1e-300` below the
/// range the computation can tell apart from zero.
pub fn format_p(p: f64, digits: usize) -> String {
    if p < 1e-300 {
        "< 1e-300".to_owned()
    } else {
        format!("{p:.digits$e}")
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
    // The same pseudo-rate, one occurrence over both corpora, is added to both rates: the ratio
    // stays finite when one count is zero, and its sign always follows the observed rates.
    let pseudo = 1.0 / (cf + df);
    let ratio = ((af / cf + pseudo) / (bf / df + pseudo)).log2();
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
        let timeline = self.timeline(g);
        let mut out: Vec<Burst> = items
            .par_iter()
            .flat_map_iter(|&item| {
                let trend = match item {
                    KeyItem::Term(t) => self.term_trend(t, g),
                    KeyItem::Entity(e) => self.entity_trend(e, g),
                };
                burst_points(&trend, timeline, params)
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

/// Settings of the rising/falling detector (see the module docs for the model).
#[derive(Clone, Debug, PartialEq)]
pub struct BurstParams {
    /// Earlier periods (with enough articles) the current one is compared with.
    pub window: usize,
    /// Fewest baseline periods for a period to be judged at all.
    pub min_baseline: usize,
    /// Earlier periods (with enough articles) the between-period variance is estimated from:
    /// more than the baseline's `window`, so that the estimate is steady.
    pub spread_window: usize,
    /// Fewest articles for a period to be judged or to enter a baseline.
    pub min_articles: u32,
    /// |z| at or above which a change is reported.
    pub z_threshold: f64,
    /// Smallest count in the period (rising) or expected count (falling).
    pub min_count: u64,
    /// How many of the most frequent terms (and entities) are examined.
    pub candidates: usize,
}

impl Default for BurstParams {
    fn default() -> Self {
        Self {
            window: 8,
            min_baseline: 4,
            spread_window: 52,
            min_articles: 3,
            z_threshold: 3.0,
            min_count: 5,
            candidates: 2000,
        }
    }
}

/// A period in which an item rose (z > 0) or fell (z < 0) against its baseline.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Burst {
    pub item: KeyItem,
    pub period: chrono::NaiveDate,
    pub count: u64,
    pub per_million: f64,
    /// The baseline's pooled rate, `Σc_j / ΣN_j`, per million tokens.
    pub baseline_per_million: f64,
    pub z: f64,
}

/// The z-score of `count` in a period of `tokens` tokens against baseline periods given as
/// (count, tokens), with the between-period variance estimated over `spread` (earlier periods,
/// the baseline's among them); also the baseline's pooled rate per token and the expected count
/// (see the module docs).
pub fn burst_z(
    count: u64,
    tokens: u64,
    baseline: &[(u64, u64)],
    spread: &[(u64, u64)],
) -> (f64, f64, f64) {
    let sum_c: u64 = baseline.iter().map(|b| b.0).sum();
    let sum_n: u64 = baseline.iter().map(|b| b.1).sum();
    if sum_n == 0 || tokens == 0 || baseline.len() < 2 {
        return (0.0, 0.0, 0.0);
    }
    let rate = sum_c as f64 / sum_n as f64;
    let n = tokens as f64;
    let expected = n * (sum_c as f64 + 0.5) / sum_n as f64;
    let tau2 = between_period_variance(spread);
    let z = (count as f64 - expected) / (expected + tau2 * n * n).sqrt();
    (z, rate, expected)
}

/// The between-period variance of an item's rate over `periods` (count, tokens): the sample
/// variance of the rates less their expected sampling variance, floored at zero.
fn between_period_variance(periods: &[(u64, u64)]) -> f64 {
    let k = periods.len() as f64;
    let sum_n: u64 = periods.iter().map(|b| b.1).sum();
    if periods.len() < 2 || sum_n == 0 {
        return 0.0;
    }
    let rate = periods.iter().map(|b| b.0).sum::<u64>() as f64 / sum_n as f64;
    let rates: Vec<f64> = periods
        .iter()
        .map(|&(c, t)| c as f64 / t.max(1) as f64)
        .collect();
    let mean = rates.iter().sum::<f64>() / k;
    let sample_var = rates.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / (k - 1.0);
    let sampling = periods
        .iter()
        .map(|&(_, t)| rate / t.max(1) as f64)
        .sum::<f64>()
        / k;
    (sample_var - sampling).max(0.0)
}

/// (period index, z, baseline rate per million) of each reported change in one trend over the
/// periods of `tl`.
fn burst_points(
    trend: &[super::TrendPoint],
    tl: &super::Timeline,
    p: &BurstParams,
) -> Vec<(usize, f64, f64)> {
    let mut out = Vec::new();
    // (count, tokens) of the earlier periods with enough articles, oldest first.
    let mut history: Vec<(u64, u64)> = Vec::new();
    for (i, pt) in trend.iter().enumerate() {
        let tokens = tl.tokens.get(i).copied().unwrap_or(0);
        let articles = tl.articles.get(i).copied().unwrap_or(0);
        if tokens == 0 || articles < p.min_articles {
            continue;
        }
        let window = &history[history.len().saturating_sub(p.window.max(2))..];
        if window.len() >= p.min_baseline.max(2) {
            let spread = &history[history.len().saturating_sub(p.spread_window.max(2))..];
            let (z, rate, expected) = burst_z(pt.count, tokens, window, spread);
            let rising = z >= p.z_threshold && pt.count >= p.min_count;
            let falling = z <= -p.z_threshold && expected >= p.min_count as f64;
            if rising || falling {
                out.push((i, z, rate * 1e6));
            }
        }
        history.push((pt.count, tokens));
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
        // k = 1/2000: log2(0.0305 / 0.0105) = 1.538420…
        assert!((lr - (0.0305f64 / 0.0105).log2()).abs() < 1e-12, "{lr}");
        assert!((lr - 1.538_420).abs() < 1e-6, "{lr}");
        // χ²(1) = 10.465 → p ≈ 0.001217.
        assert!((p - 0.001_217).abs() < 2e-6, "{p}");
        let (g2, _, lr) = keyness_scores(10, 1000, 30, 1000);
        assert!(g2 < 0.0 && lr < 0.0);
        // A zero count: log2(0.0005 / 0.0085) = −4.087463….
        let (_, _, lr) = keyness_scores(0, 1000, 8, 1000);
        assert!((lr + 4.087_463).abs() < 1e-6, "{lr}");
    }

    #[test]
    fn log_ratio_sign_follows_the_rates_and_g2() {
        // A target-only item in a target 100 times the reference: 2 in 100,000 tokens against
        // 0 in 1,000. The old "0.5 for a zero count" gave log2((2/1e5)/(0.5/1e3)) = −4.64.
        let (g2, _, lr) = keyness_scores(2, 100_000, 0, 1000);
        assert!(g2 > 0.0, "{g2}");
        let k: f64 = 1.0 / 101_000.0;
        assert!((lr - ((2e-5 + k) / k).log2()).abs() < 1e-12, "{lr}");
        assert!(lr > 0.0);
        // And every combination of small counts agrees in sign.
        for (a, c, b, d) in [(1, 50_000, 0, 300), (0, 300, 1, 50_000), (3, 10, 400, 1000)] {
            let (g2, _, lr) = keyness_scores(a, c, b, d);
            assert_eq!(g2 > 0.0, lr > 0.0, "{a} {c} {b} {d}: {g2} {lr}");
        }
    }

    #[test]
    fn p_values_beyond_the_range_print_as_a_bound() {
        let (_, p, _) = keyness_scores(5000, 100_000, 10, 100_000);
        assert_eq!(p, 0.0);
        assert_eq!(format_p(p, 3), "< 1e-300");
        assert_eq!(format_p(0.001_217, 3), "1.217e-3");
    }

    #[test]
    fn erfc_matches_known_values() {
        assert!((erfc(0.0) - 1.0).abs() < 1e-7);
        assert!((erfc(1.0) - 0.157_299_207).abs() < 1e-7);
        assert!((chi2_p_1df(3.841_459) - 0.05).abs() < 1e-6);
    }

    fn tl(articles: &[u32], tokens: &[u64]) -> super::super::Timeline {
        let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 2).expect("date");
        super::super::Timeline {
            granularity: Some(Granularity::Week),
            periods: (0..tokens.len() as u64)
                .map(|i| start + chrono::Days::new(7 * i))
                .collect(),
            articles: articles.to_vec(),
            tokens: tokens.to_vec(),
        }
    }

    fn trend(tl: &super::super::Timeline, counts: &[u64]) -> Vec<super::super::TrendPoint> {
        counts
            .iter()
            .zip(&tl.tokens)
            .zip(&tl.periods)
            .map(|((&count, &tokens), &period)| super::super::TrendPoint {
                period,
                count,
                per_million: per_million(count, tokens),
            })
            .collect()
    }

    #[test]
    fn bursts_by_hand_against_a_flat_baseline() {
        // Four baseline weeks of 1,000 tokens with 2 occurrences each, then 20 in 1,000 tokens:
        // E = 1000 · 8.5 / 4000 = 2.125; the baseline rates are equal, so τ² = 0 and
        // z = (20 − 2.125) / √2.125 = 12.2622….
        let t = tl(&[3; 5], &[1000; 5]);
        let got = burst_points(&trend(&t, &[2, 2, 2, 2, 20]), &t, &BurstParams::default());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 4);
        assert!((got[0].1 - 12.262_2).abs() < 1e-3, "{got:?}");
        assert!(
            (got[0].2 - 2000.0).abs() < 1e-9,
            "baseline 2 per 1,000 tokens"
        );
        // Falling: 20 a week, then none. E = 20.125, z = −√20.125 = −4.486….
        let got = burst_points(
            &trend(&t, &[20, 20, 20, 20, 0]),
            &t,
            &BurstParams::default(),
        );
        assert_eq!(got.len(), 1);
        assert!((got[0].1 + 20.125f64.sqrt()).abs() < 1e-9, "{got:?}");
        // Too few occurrences in the period: not reported.
        let got = burst_points(&trend(&t, &[0, 0, 0, 0, 4]), &t, &BurstParams::default());
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn empty_and_thin_periods_are_skipped_not_counted_as_zeros() {
        // The reproduction: two articles nine weeks apart, "apple" 5 times in 16 and
        // 17 tokens. Only two non-empty weeks: no baseline, nothing judged.
        let mut articles = vec![0u32; 10];
        let mut tokens = vec![0u64; 10];
        let mut counts = vec![0u64; 10];
        (articles[0], tokens[0], counts[0]) = (1, 16, 5);
        (articles[9], tokens[9], counts[9]) = (1, 17, 5);
        let t = tl(&articles, &tokens);
        let loose = BurstParams {
            min_articles: 1,
            ..BurstParams::default()
        };
        assert!(burst_points(&trend(&t, &counts), &t, &loose).is_empty());
        // Empty weeks between baseline weeks do not dilute the baseline: the same flat history
        // as above with gaps gives the same z.
        let t = tl(
            &[3, 0, 3, 0, 3, 3, 0, 3],
            &[1000, 0, 1000, 0, 1000, 1000, 0, 1000],
        );
        let got = burst_points(
            &trend(&t, &[2, 0, 2, 0, 2, 2, 0, 20]),
            &t,
            &BurstParams::default(),
        );
        assert_eq!(got.len(), 1);
        assert!((got[0].1 - 12.262_2).abs() < 1e-3, "{got:?}");
        // A period with too few articles is neither judged nor part of a baseline.
        let t = tl(&[3, 3, 3, 3, 2], &[1000; 5]);
        let got = burst_points(&trend(&t, &[2, 2, 2, 2, 20]), &t, &BurstParams::default());
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn overdispersed_history_widens_the_variance() {
        // Rates 1, 9, 1, 9 per 1,000: r = 0.005, sample variance of the rates
        // 4 · 0.004² / 3 = 2.1333e-5, sampling part 0.005 / 1000 = 5e-6, so τ² = 1.6333e-5.
        // For 20 in 1,000 tokens: E = 1000 · 20.5 / 4000 = 5.125, Var = 5.125 + 16.333 = 21.458,
        // z = 14.875 / 4.6323 = 3.2111… (against √5.125 alone it would be 6.57).
        let history = [(1, 1000), (9, 1000), (1, 1000), (9, 1000)];
        let (z, rate, _) = burst_z(20, 1000, &history, &history);
        assert!((rate - 0.005).abs() < 1e-12);
        assert!((z - 3.211_1).abs() < 1e-3, "{z}");
    }

    #[test]
    fn the_spread_comes_from_the_longer_history() {
        // The last four periods are flat (5 a period), but the eight before them alternated
        // 1 and 9: over all twelve, the rates' sample variance is 8 · 0.004² / 11 = 1.1636e-5,
        // less 5e-6 sampling, τ² = 6.636e-6. E = 5.125 as above, Var = 5.125 + 6.636 = 11.761,
        // z = 14.875 / 3.4295 = 4.3374 (the flat baseline alone would say 6.5707).
        let mut history = [(1u64, 1000u64), (9, 1000)].repeat(4);
        history.extend([(5, 1000); 4]);
        let baseline = &history[8..];
        let (z, _, _) = burst_z(20, 1000, baseline, &history);
        assert!((z - 4.337_4).abs() < 1e-3, "{z}");
        let (z, _, _) = burst_z(20, 1000, baseline, baseline);
        assert!((z - 6.570_7).abs() < 1e-3, "{z}");
    }
}
