//! What the app's "Export CSV…" buttons write: a [`CsvExport`] holds exactly the rows a table or
//! chart shows (a snapshot taken on click), written off the UI thread with the atomic writers of
//! [`super::tables`].

use std::path::Path;
use std::sync::Arc;

use super::tables::{
    write_bursts, write_collocations, write_documents, write_entities, write_keyness, write_kwic,
    write_ngrams, write_problems, write_terms, write_timeline, write_trends,
};
use super::{ExportError, Params};
use crate::analysis::concordance::KwicLine;
use crate::analysis::dispersion::DispersionRow;
use crate::analysis::facets::SplitSeries;
use crate::analysis::keyness::{Burst, Keyness};
use crate::analysis::{
    Analysis, Collocation, EntityStat, NgramStat, TermStat, Timeline, TrendPoint,
};
use crate::model::{Corpus, Granularity, Problem};

/// One named trend series of a trends export: (name, entity type, points).
pub type TrendRows = (String, Option<&'static str>, Vec<TrendPoint>);

/// The rows behind one table or chart.
#[derive(Clone, Debug)]
pub enum CsvExport {
    Terms(Vec<TermStat>),
    /// `bigrams` or `trigrams`, and the rows.
    Ngrams(&'static str, Vec<NgramStat>),
    Collocations(Vec<Collocation>),
    Entities(Vec<EntityStat>),
    Timeline(Timeline),
    Trends(Granularity, Vec<TrendRows>),
    Documents(Vec<u32>),
    Problems(Vec<Problem>),
    Kwic(Vec<KwicLine>),
    /// Where a search's hits fall in each article (the dispersion plot's rows).
    Dispersion(Vec<DispersionRow>),
    /// A keyness table and the `export_params.json` (filters, settings) written next to it.
    Keyness {
        keyness: Arc<Keyness>,
        params: Box<Params>,
    },
    /// Rising and falling items per period.
    Bursts(Granularity, Arc<Vec<Burst>>),
    /// Articles per period split by the values of a metadata field.
    FacetSplit {
        granularity: Granularity,
        field: String,
        /// First day of each period.
        periods: Vec<chrono::NaiveDate>,
        series: Vec<SplitSeries>,
    },
}

impl CsvExport {
    /// The file name suggested in the save dialog.
    pub fn file_name(&self) -> String {
        match self {
            Self::Terms(_) => "terms.csv".into(),
            Self::Ngrams(kind, _) => format!("{kind}.csv"),
            Self::Collocations(_) => "collocations.csv".into(),
            Self::Entities(_) => "entities.csv".into(),
            Self::Timeline(tl) => format!(
                "timeline_{}.csv",
                tl.granularity.unwrap_or(Granularity::Day).as_str()
            ),
            Self::Trends(..) => "trends.csv".into(),
            Self::Documents(_) => "documents.csv".into(),
            Self::Problems(_) => "import_problems.csv".into(),
            Self::Kwic(_) => "concordance.csv".into(),
            Self::Dispersion(_) => "dispersion.csv".into(),
            Self::Keyness { .. } => "keyness.csv".into(),
            Self::Bursts(g, _) => format!("rising_falling_{}.csv", g.as_str()),
            Self::FacetSplit {
                granularity, field, ..
            } => format!(
                "timeline_{}_by_{}.csv",
                granularity.as_str(),
                file_safe(field)
            ),
        }
    }

    /// Number of data rows (for the status message).
    pub fn rows(&self) -> usize {
        match self {
            Self::Terms(v) => v.len(),
            Self::Ngrams(_, v) => v.len(),
            Self::Collocations(v) => v.len(),
            Self::Entities(v) => v.len(),
            Self::Timeline(tl) => tl.periods.len(),
            Self::Trends(_, s) => s.iter().map(|x| x.2.len()).sum(),
            Self::Documents(v) => v.len(),
            Self::Problems(v) => v.len(),
            Self::Kwic(v) => v.len(),
            Self::Dispersion(v) => v.len(),
            Self::Keyness { keyness, .. } => keyness.rows.len(),
            Self::Bursts(_, v) => v.len(),
            Self::FacetSplit { series, .. } => series.iter().map(|s| s.counts.len()).sum(),
        }
    }

    /// Write the rows to `path` atomically.
    pub fn write(&self, path: &Path, corpus: &Corpus, a: &Analysis) -> Result<(), ExportError> {
        match self {
            Self::Terms(rows) => write_terms(path, a, rows),
            Self::Ngrams(_, rows) => write_ngrams(path, rows),
            Self::Collocations(rows) => write_collocations(path, a, rows),
            Self::Entities(rows) => write_entities(path, a, rows),
            Self::Timeline(tl) => write_timeline(path, tl),
            Self::Trends(g, series) => {
                let s: Vec<(String, Option<&str>, Vec<TrendPoint>)> = series
                    .iter()
                    .map(|(n, k, p)| (n.clone(), k.map(|k| k as &str), p.clone()))
                    .collect();
                write_trends(path, *g, "name", &s)
            }
            Self::Documents(docs) => write_documents(path, corpus, a, docs),
            Self::Problems(rows) => write_problems(path, rows),
            Self::Kwic(rows) => write_kwic(path, corpus, rows),
            Self::Dispersion(rows) => write_dispersion(path, corpus, rows),
            Self::Keyness { keyness, params } => {
                write_keyness(path, a, keyness)?;
                params.write(&path.with_file_name("export_params.json"))
            }
            Self::Bursts(g, rows) => write_bursts(path, a, *g, rows),
            Self::FacetSplit {
                granularity,
                field,
                periods,
                series,
            } => write_facet_split(path, *granularity, field, periods, series),
        }
    }
}

/// A field name as part of a file name: letters, digits, `-` and `_` kept, the rest `_`.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `timeline_G_by_FIELD.csv`: period, field, value, articles — one row per period and value.
pub fn write_facet_split(
    path: &Path,
    g: Granularity,
    field: &str,
    periods: &[chrono::NaiveDate],
    series: &[SplitSeries],
) -> Result<(), ExportError> {
    super::write_csv_atomic(path, |w| {
        w.write_record(["period", "granularity", "field", "value", "articles"])?;
        for s in series {
            for (p, n) in periods.iter().zip(&s.counts) {
                w.write_record([
                    p.to_string().as_str(),
                    g.as_str(),
                    &super::safe(field),
                    &super::safe(&s.label),
                    &n.to_string(),
                ])?;
            }
        }
        Ok(())
    })
}

/// `dispersion.csv`: article_id, date, source, title, tokens, hits, positions — one row per
/// article with a hit, in the plot's order; `positions` are the hits' relative positions (0..1,
/// four decimals) joined by `; `.
pub fn write_dispersion(
    path: &Path,
    corpus: &Corpus,
    rows: &[DispersionRow],
) -> Result<(), ExportError> {
    super::write_csv_atomic(path, |w| {
        w.write_record([
            "article_id",
            "date",
            "source",
            "title",
            "tokens",
            "hits",
            "positions",
        ])?;
        for r in rows {
            let Some(art) = corpus.articles.get(r.doc as usize) else {
                continue;
            };
            let positions: Vec<String> = r.positions.iter().map(|p| format!("{p:.4}")).collect();
            w.write_record([
                r.doc.to_string().as_str(),
                &super::date(art.date),
                &super::safe(&corpus.relative_source(&art.source)),
                &super::safe(&art.title),
                &r.tokens.to_string(),
                &r.hits().to_string(),
                &positions.join("; "),
            ])?;
        }
        Ok(())
    })
}

/// The dispersion plot as a chart for SVG/PNG: one row per article (date and name), at most
/// `max_rows` of them, in the rows' order.
pub fn dispersion_chart(
    corpus: &Corpus,
    rows: &[DispersionRow],
    title: &str,
    max_rows: usize,
) -> super::ChartSpec {
    let rows = rows
        .iter()
        .take(max_rows)
        .filter_map(|r| {
            let art = corpus.articles.get(r.doc as usize)?;
            let date = art.date.map(|d| format!("{d} ")).unwrap_or_default();
            Some((
                format!("{date}{} ({})", corpus.article_name(art), r.hits()),
                r.positions.clone(),
            ))
        })
        .collect();
    super::ChartSpec {
        title: title.to_owned(),
        value_axis: "position in the article (0 = start, 1 = end)".into(),
        category_axis: "article (hits)".into(),
        kind: super::ChartKind::Dispersion(rows),
    }
}
