//! What the "Export CSV…" and "Save PNG…" buttons write. A [`CsvExport`] holds exactly the rows a
//! table or chart shows (a snapshot taken on click) and is written off the UI thread with the
//! `export` module's atomic writers; chart images are cropped from a window screenshot and
//! encoded with the `png` crate.

use std::path::Path;
use std::sync::Arc;

use crate::analysis::concordance::KwicLine;
use crate::analysis::keyness::{Burst, Keyness};
use crate::analysis::{
    Analysis, Collocation, EntityStat, NgramStat, TermStat, Timeline, TrendPoint,
};
use crate::export::{
    ExportError, safe, write_bursts, write_collocations, write_csv_atomic, write_documents,
    write_entities, write_keyness, write_ngrams, write_problems, write_terms, write_text_atomic,
    write_timeline, write_trends,
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
    /// A keyness table and the `export_params.json` (filters, settings) written next to it.
    Keyness {
        keyness: Arc<Keyness>,
        params: String,
    },
    /// Rising and falling items per period.
    Bursts(Granularity, Arc<Vec<Burst>>),
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
            Self::Keyness { .. } => "keyness.csv".into(),
            Self::Bursts(g, _) => format!("rising_falling_{}.csv", g.as_str()),
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
            Self::Keyness { keyness, .. } => keyness.rows.len(),
            Self::Bursts(_, v) => v.len(),
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
            Self::Keyness { keyness, params } => {
                write_keyness(path, a, keyness)?;
                write_text_atomic(&path.with_file_name("export_params.json"), params)
            }
            Self::Bursts(g, rows) => write_bursts(path, a, *g, rows),
        }
    }
}

/// `concordance.csv`: doc, title, date, left, match, right, start, end.
pub fn write_kwic(path: &Path, corpus: &Corpus, rows: &[KwicLine]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "doc", "title", "date", "left", "match", "right", "start", "end",
        ])?;
        for l in rows {
            let art = corpus.articles.get(l.doc as usize);
            w.write_record([
                l.doc.to_string().as_str(),
                &safe(art.map_or("", |a| a.title.as_str())),
                &art.and_then(|a| a.date)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                &safe(&l.left),
                &safe(&l.matched),
                &safe(&l.right),
                &l.start.to_string(),
                &l.end.to_string(),
            ])?;
        }
        Ok(())
    })
}

/// Crop `rect` (in points) out of a window screenshot and write it as a PNG, atomically.
pub fn write_png_crop(
    path: &Path,
    image: &Arc<egui::ColorImage>,
    rect: egui::Rect,
    pixels_per_point: f32,
) -> Result<(), String> {
    let [w, h] = image.size;
    let px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, y0) = (px(rect.min.x, w), px(rect.min.y, h));
    let (x1, y1) = (px(rect.max.x, w), px(rect.max.y, h));
    if x1 <= x0 || y1 <= y0 {
        return Err("the chart was not visible when the screenshot was taken".into());
    }
    let mut data = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for x in x0..x1 {
            let c = image.pixels[y * w + x];
            data.extend_from_slice(&[c.r(), c.g(), c.b(), 255]);
        }
    }
    let tmp = path.with_extension("png.tmp");
    let result = (|| -> Result<(), String> {
        let file = std::fs::File::create(&tmp).map_err(|e| e.to_string())?;
        let mut enc = png::Encoder::new(
            std::io::BufWriter::new(file),
            (x1 - x0) as u32,
            (y1 - y0) as u32,
        );
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(&data).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
        std::fs::rename(&tmp, path).map_err(|e| e.to_string())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| format!("cannot write {}: {e}", path.display()))
}
