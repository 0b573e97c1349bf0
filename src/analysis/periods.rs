//! Which calendar granularity suits a corpus, and which article dates lie far from the rest.
//!
//! Both look at the *robust* date range: from the 1st to the 99th percentile of the dated
//! articles (all of them under 100 dated articles), so that one mis-dated article (a 1970 Unix
//! epoch, a year typed wrong) neither stretches a weekly axis over decades nor goes unnoticed.

use chrono::NaiveDate;

use super::Analysis;
use crate::model::Granularity;

/// The robust date range of the dated articles, and the articles dated far outside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateSpread {
    /// First and last date of the robust range (`None` without dated articles).
    pub robust: Option<(NaiveDate, NaiveDate)>,
    /// Articles dated more than the robust range's own length (and at least 30 days) before or
    /// after it, ascending id.
    pub outliers: Vec<u32>,
}

/// The robust range and the outliers of the dates (indexed by article id; `None` = undated).
pub fn date_spread(dates: &[Option<NaiveDate>]) -> DateSpread {
    let mut sorted: Vec<NaiveDate> = dates.iter().flatten().copied().collect();
    if sorted.is_empty() {
        return DateSpread::default();
    }
    sorted.sort_unstable();
    let n = sorted.len();
    let (lo, hi) = if n < 100 {
        (sorted[0], sorted[n - 1])
    } else {
        (sorted[n / 100], sorted[n - 1 - n / 100])
    };
    let margin = chrono::Days::new((hi - lo).num_days().max(30) as u64);
    let (far_before, far_after) = (lo - margin, hi + margin);
    let outliers = dates
        .iter()
        .enumerate()
        .filter(|(_, d)| d.is_some_and(|d| d < far_before || d > far_after))
        .map(|(i, _)| i as u32)
        .collect();
    DateSpread {
        robust: Some((lo, hi)),
        outliers,
    }
}

/// The granularity that suits a span of days: the finest that keeps the number of periods
/// readable (years over 20 years, months over 2 years, weeks over 90 days, else days).
pub fn granularity_for_span(span_days: i64) -> Granularity {
    match span_days {
        d if d > 365 * 20 => Granularity::Year,
        d if d > 365 * 2 => Granularity::Month,
        d if d > 90 => Granularity::Week,
        _ => Granularity::Day,
    }
}

/// The granularity for timelines and trend tables, from the robust date range.
pub fn auto_granularity(a: &Analysis) -> Granularity {
    let span = date_spread(&a.doc_dates)
        .robust
        .map_or(0, |(lo, hi)| (hi - lo).num_days());
    granularity_for_span(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn one_misdated_article_does_not_stretch_the_axis() {
        // 200 articles over four months of 2017, one dated 1970-01-01, two undated.
        let mut dates: Vec<Option<NaiveDate>> = (0..200)
            .map(|i| d(2017, 1, 1).map(|x| x + chrono::Days::new(i % 120)))
            .collect();
        dates.push(d(1970, 1, 1));
        dates.extend([None, None]);
        let spread = date_spread(&dates);
        assert_eq!(spread.outliers, [200]);
        let (lo, hi) = spread.robust.expect("dated");
        assert!(lo >= d(2017, 1, 1).expect("date") && hi <= d(2017, 5, 1).expect("date"));
        assert_eq!(
            granularity_for_span((hi - lo).num_days()),
            Granularity::Week
        );
        // Over the full range (47 years) it would have been years: 2 bars for the real data.
        assert_eq!(granularity_for_span(47 * 365), Granularity::Year);
    }

    #[test]
    fn small_corpora_use_every_date_and_have_no_outliers_within_the_margin() {
        let dates = [d(2020, 1, 1), d(2020, 3, 1), None, d(2020, 2, 1)];
        let spread = date_spread(&dates);
        assert_eq!(spread.robust, d(2020, 1, 1).zip(d(2020, 3, 1)));
        assert!(spread.outliers.is_empty());
        assert_eq!(date_spread(&[None]), DateSpread::default());
    }
}
