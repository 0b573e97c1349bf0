//! Statistical measures: dispersion and word-association scores. Pure functions, unit-tested
//! against values worked out by hand.

/// Association scores of a word pair seen together `count` times within a window.
///
/// This is *surface co-occurrence* (Evert 2008, "Corpora and collocations"): with `n` word tokens
/// and term frequencies `freq_a` and `freq_b`, each occurrence of `a` has, on average,
/// `slots / n` neighbour slots — the positions within the window on either side *in the same
/// sentence of the same article* (`slots` is their total over the corpus, see
/// the counting module's `window_slots`) — each filled by `b` with probability
/// `freq_b / n` under independence. The expected co-occurrence count is therefore
/// `E = freq_a · freq_b · slots / n²`. (Assuming full windows, `slots = 2·window·n`, overstates
/// `E` wherever sentences are short: independent words then came out negative.) Then
/// - PMI = log2(O / E),
/// - G² = 2 · (O · ln(O / E) − (O − E)) (the Poisson form of log-likelihood, "simple-ll"),
///   signed negative when O < E,
/// - t-score = (O − E) / √O.
///
/// Returns `(pmi, log_likelihood, t_score)`; all zero when a marginal is zero.
pub fn collocation_scores(
    count: u64,
    freq_a: u64,
    freq_b: u64,
    n: u64,
    slots: u64,
) -> (f64, f64, f64) {
    if count == 0 || freq_a == 0 || freq_b == 0 || n == 0 || slots == 0 {
        return (0.0, 0.0, 0.0);
    }
    let o = count as f64;
    let nf = n as f64;
    let e = freq_a as f64 * freq_b as f64 * slots as f64 / (nf * nf);
    let pmi = (o / e).log2();
    let g2 = 2.0 * (o * (o / e).ln() - (o - e));
    let g2 = if o < e { -g2 } else { g2 };
    let t = (o - e) / o.sqrt();
    (pmi, g2, t)
}

/// Gries' DP (deviation of proportions) of a term over articles.
///
/// `postings` holds (article, count) for the articles that contain the term, `article_tokens` the
/// size of every article and `total_tokens` their sum. DP = ½ · Σᵢ |vᵢ/f − sᵢ| over all articles,
/// where vᵢ is the term's count in article i, f its total and sᵢ the article's share of the
/// corpus. Articles without the term contribute sᵢ each, so only the postings are walked.
/// 0 means spread exactly as the articles' sizes; values near 1 mean concentrated in few.
pub fn dispersion_dp(postings: &[(u32, u32)], article_tokens: &[u32], total_tokens: u64) -> f64 {
    let f: u64 = postings.iter().map(|&(_, c)| u64::from(c)).sum();
    if f == 0 || total_tokens == 0 {
        return 0.0;
    }
    let (mut sum, mut covered) = (0.0f64, 0.0f64);
    for &(doc, c) in postings {
        let s =
            f64::from(article_tokens.get(doc as usize).copied().unwrap_or(0)) / total_tokens as f64;
        sum += (f64::from(c) / f as f64 - s).abs();
        covered += s;
    }
    (0.5 * (sum + (1.0 - covered).max(0.0))).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dp_by_hand() {
        // Three articles of 10, 20 and 70 tokens (shares .1, .2, .7). A term seen 2×, 2× and 0×:
        // |.5-.1| + |.5-.2| + |0-.7| = .4 + .3 + .7 = 1.4 → DP = .7.
        let dp = dispersion_dp(&[(0, 2), (1, 2)], &[10, 20, 70], 100);
        assert!((dp - 0.7).abs() < 1e-12, "{dp}");
        // Proportional to size → 0.
        let even = dispersion_dp(&[(0, 1), (1, 2), (2, 7)], &[10, 20, 70], 100);
        assert!(even.abs() < 1e-12, "{even}");
    }

    #[test]
    fn collocation_scores_by_hand() {
        // O = 8, f(a) = 20, f(b) = 10, N = 1000, full windows of 5 (10 slots a token, 10,000 in
        // all) → E = 20·10·10,000/1000² = 2.
        let (pmi, g2, t) = collocation_scores(8, 20, 10, 1000, 10_000);
        assert!((pmi - 2.0).abs() < 1e-12); // log2(8/2)
        let want_g2 = 2.0 * (8.0 * 4f64.ln() - 6.0); // 10.1807…
        assert!((g2 - want_g2).abs() < 1e-9, "{g2}");
        assert!((t - 6.0 / 8f64.sqrt()).abs() < 1e-12);
        // Fewer than expected: negative association.
        let (pmi, g2, _) = collocation_scores(1, 20, 10, 1000, 10_000);
        assert!(pmi < 0.0 && g2 < 0.0);
        // Two-word sentences: one slot a token (1,000 in all) → E = 0.2, PMI = log2(8/0.2).
        let (pmi, _, _) = collocation_scores(8, 20, 10, 1000, 1000);
        assert!((pmi - 40f64.log2()).abs() < 1e-12, "{pmi}");
    }
}
