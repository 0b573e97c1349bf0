//! Plain data shared by every layer: articles, the imported corpus, the import report, and the
//! calendar periods used by timelines. No I/O and no UI here, so the CLI, the GUI and the tests can
//! all build on it.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

mod cleaning;

pub use cleaning::{
    BoilerplateLine, CleaningOptions, CleaningReport, ClusterMember, NearDuplicateCluster,
};

/// One article of a corpus, as imported.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Position in [`Corpus::articles`]; stable for the life of the corpus.
    pub id: u32,
    /// Where the article came from: a file path, `archive.zip!inner/path`, or `file.jsonl#3`
    /// (1-based record number) for records of structured files.
    pub source: String,
    /// Headline or title; may be empty.
    pub title: String,
    /// Publication date, when one could be found.
    pub date: Option<NaiveDate>,
    /// The body text that statistics are computed on.
    pub text: String,
    /// Offset, in Unicode characters, of `title` inside the decoded source file, when the title
    /// was read from the file's text (the ` date YYYY-MM-DD headline` line or a first short line).
    pub title_char_offset: Option<usize>,
    /// Offset, in Unicode characters, of `text` inside the decoded source file. Zero for records of
    /// structured files (JSON, JSONL, CSV), whose text is a field value.
    pub body_char_offset: usize,
    /// Other scalar fields of structured records, in their order in the record, then the
    /// columns of the metadata tables joined to the file (see [`MetadataTable`]), in table order.
    pub metadata: Vec<(String, String)>,
}

/// What kind of trouble an import ran into. Every problem names its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProblemKind {
    /// The file or folder could not be read (permissions, vanished, I/O error).
    Unreadable,
    /// The file holds NUL bytes and was skipped as binary.
    Binary,
    /// The file (or record) has no text.
    Empty,
    /// The text was not valid UTF-8/UTF-16 and was decoded as Windows-1252 (a note; the article
    /// was imported).
    Encoding,
    /// A date was missing from a structured record, unparsable, or implausible (before year 1000
    /// or more than a year in the future); the article was imported as undated.
    Date,
    /// A structured file (JSON, JSONL, CSV) or a record in it could not be parsed.
    Parse,
    /// A zip archive or an entry in it was refused (too large, corrupt, encrypted).
    Archive,
    /// The file type is not one Lexiscope reads, or the path is not a regular file (a FIFO, a
    /// device, a socket); it was skipped.
    Unsupported,
    /// The file is over the per-file size cap (`ImportOptions::max_file_bytes`); it was not read.
    TooLarge,
    /// A metadata table could not be joined, names a file that is not there, or a file has no
    /// row in it.
    Metadata,
}

impl ProblemKind {
    /// Stable lower-case name used in CSV exports and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unreadable => "unreadable",
            Self::Binary => "binary",
            Self::Empty => "empty",
            Self::Encoding => "encoding",
            Self::Date => "date",
            Self::Parse => "parse",
            Self::Archive => "archive",
            Self::Unsupported => "unsupported",
            Self::TooLarge => "too_large",
            Self::Metadata => "metadata",
        }
    }
}

/// One listed import problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub kind: ProblemKind,
    /// A full sentence for a person to read.
    pub message: String,
    /// The file (or `archive!entry`, or `file#record`) concerned.
    pub path: String,
}

impl std::fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `kind: message (path)`: the path last, as every listed problem reads.
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} ({})", self.kind, self.message, self.path)
    }
}

/// Counts and problems of one import.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Files looked at (zip entries count as files; folders do not).
    pub files_seen: u64,
    /// Articles kept in the corpus.
    pub articles_imported: u64,
    /// Exact duplicates (same normalised text) dropped; zero when duplicates are kept.
    pub duplicates_dropped: u64,
    /// Kept articles without a date.
    pub undated: u64,
    /// Total bytes read from disk or archives.
    pub bytes_read: u64,
    /// Every problem met, sorted by path then kind.
    pub problems: Vec<Problem>,
    /// The metadata tables joined to the files they name, by path.
    #[serde(default)]
    pub metadata_tables: Vec<MetadataTable>,
    /// Bytes of HTML markup (tags, scripts, navigation, ads) left out of article texts: the
    /// size of each page or HTML field less the size of the text kept.
    #[serde(default)]
    pub markup_bytes_stripped: u64,
    /// What the cleaning steps removed and found.
    #[serde(default)]
    pub cleaning: CleaningReport,
}

/// The report of one metadata table joined to the files its rows name (a CSV, TSV, JSON or
/// JSONL table with an id column naming each file by path, name or stem).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataTable {
    /// The table's path as shown.
    pub path: String,
    /// The column whose values name the files.
    pub id_column: String,
    /// Data rows in the table.
    pub rows: u64,
    /// Rows that name at least one imported plain-text file.
    pub rows_matched: u64,
    /// Plain-text files the table could describe (under its folder, or every one for a table
    /// given explicitly) that no row names.
    pub files_without_row: u64,
    /// Rows that name no imported plain-text file.
    pub rows_without_file: u64,
}

impl std::fmt::Display for MetadataTable {
    /// `metadata table index.tsv (id column id): 40 rows, 38 joined; 2 rows without a file, 1
    /// file without a row`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "metadata table {} (id column {}): {} rows, {} joined; {} rows without a file, {} \
             files without a row",
            self.path,
            self.id_column,
            self.rows,
            self.rows_matched,
            self.rows_without_file,
            self.files_without_row
        )
    }
}

/// An imported collection of articles plus the report of how it was imported.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// A short name for display: the folder or file name that was opened.
    pub name: String,
    /// The paths the corpus was imported from.
    pub sources: Vec<String>,
    pub articles: Vec<Article>,
    pub report: ImportReport,
}

impl Corpus {
    /// Earliest and latest article dates, if any article is dated.
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let mut dates = self.articles.iter().filter_map(|a| a.date);
        let first = dates.next()?;
        Some(dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
    }

    /// A corpus holding only the articles `docs` (in that order, ids out of range skipped), their
    /// ids renumbered from 0, with the same name, sources and import report.
    pub fn subset(&self, docs: &[u32]) -> Corpus {
        let articles = docs
            .iter()
            .filter_map(|&d| self.articles.get(d as usize))
            .enumerate()
            .map(|(i, a)| Article {
                id: i as u32,
                ..a.clone()
            })
            .collect();
        Corpus {
            name: self.name.clone(),
            sources: self.sources.clone(),
            articles,
            report: self.report.clone(),
        }
    }
}

/// At most how many words and characters [`Article::opening_words`] keeps.
const OPENING_WORDS: usize = 8;
const OPENING_CHARS: usize = 60;

/// How articles are named for a reader: lists show many untitled articles side by side, so a
/// name must tell them apart without the long folder prefix they all share.
impl Article {
    /// The first words of the text (at most 8 words and 60 characters, `…` included), ending in
    /// `…` when the text goes on; a single overlong word is cut.
    pub fn opening_words(&self) -> String {
        let budget = OPENING_CHARS - 1;
        let mut out = String::new();
        let mut len = 0;
        let mut words = self.text.split_whitespace();
        for word in words.by_ref().take(OPENING_WORDS) {
            let n = word.chars().count();
            let gap = usize::from(len > 0);
            if len + gap + n > budget {
                if len == 0 {
                    out.extend(word.chars().take(budget));
                }
                out.push('…');
                return out;
            }
            if gap == 1 {
                out.push(' ');
            }
            out.push_str(word);
            len += gap + n;
        }
        if words.next().is_some() {
            out.push('…');
        }
        out
    }
}

impl Corpus {
    /// The name of an article: its title, else [`Corpus::relative_source`] of its source.
    pub fn article_name(&self, art: &Article) -> String {
        let title = art.title.trim();
        if title.is_empty() {
            self.relative_source(&art.source)
        } else {
            title.to_owned()
        }
    }

    /// An article source relative to the opened folder: `/data/news/2020/a.txt` opened as
    /// `/data/news` reads `2020/a.txt`; a zip entry reads as its path inside the archive
    /// (`a.zip!inner/x.txt` → `inner/x.txt`); a record keeps its file (`f.jsonl#3`). A source
    /// under no opened path keeps its last path component.
    pub fn relative_source(&self, source: &str) -> String {
        let is_sep = |c: char| c == '/' || c == '\\';
        let under = self.sources.iter().find_map(|s| {
            let s = s.trim_end_matches(is_sep);
            let rest = source.strip_prefix(s).filter(|_| !s.is_empty())?;
            if let Some(inside) = rest.strip_prefix(is_sep) {
                return Some(inside);
            }
            // The opened path is the file (or archive) itself: keep its file name.
            (rest.is_empty() || rest.starts_with(['!', '#']))
                .then(|| &source[s.rfind(is_sep).map_or(0, |i| i + 1)..])
        });
        let rel = under.unwrap_or_else(|| {
            let outer = source.find('!').unwrap_or(source.len());
            &source[source[..outer].rfind(is_sep).map_or(0, |i| i + 1)..]
        });
        rel.split_once('!')
            .map_or(rel, |(_, inner)| inner)
            .to_owned()
    }
}

/// The calendar buckets a timeline can be drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Granularity {
    Day,
    Week,
    Month,
    Year,
}

impl Granularity {
    pub const ALL: [Granularity; 4] = [Self::Day, Self::Week, Self::Month, Self::Year];

    /// Lower-case name used in file names (`timeline_day.csv`) and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }

    /// The first day of the period that holds `date` (Monday for ISO weeks).
    pub fn period_start(self, date: NaiveDate) -> NaiveDate {
        match self {
            Self::Day => date,
            Self::Week => date - Duration::days(i64::from(date.weekday().num_days_from_monday())),
            Self::Month => date.with_day(1).unwrap_or(date),
            Self::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date),
        }
    }

    /// The first day of the period after the one starting at `start`.
    pub fn next_start(self, start: NaiveDate) -> NaiveDate {
        match self {
            Self::Day => start + Duration::days(1),
            Self::Week => start + Duration::days(7),
            Self::Month => {
                let (y, m) = if start.month() == 12 {
                    (start.year() + 1, 1)
                } else {
                    (start.year(), start.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(start + Duration::days(31))
            }
            Self::Year => NaiveDate::from_ymd_opt(start.year() + 1, 1, 1)
                .unwrap_or(start + Duration::days(366)),
        }
    }

    /// A human label for the period starting at `start`: `2023-01-31`, `2023-W05`, `2023-01`,
    /// `2023`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Self::Day => start.format("%Y-%m-%d").to_string(),
            Self::Week => {
                let iso = start.iso_week();
                format!("{:04}-W{:02}", iso.year(), iso.week())
            }
            Self::Month => start.format("%Y-%m").to_string(),
            Self::Year => start.format("%Y").to_string(),
        }
    }

    /// The label a reader sees for the period starting `start`: a date, never an ISO week
    /// number: `6 Feb 2017` (a day, or the week starting that Monday), `Feb 2017`, `2017`.
    /// ([`Granularity::label`] is the sortable form the CSV files use.)
    pub fn display_label(self, start: NaiveDate) -> String {
        match self {
            Self::Day | Self::Week => start.format("%-d %b %Y").to_string(),
            Self::Month => start.format("%b %Y").to_string(),
            Self::Year => start.format("%Y").to_string(),
        }
    }

    /// Every period start from the period of `first` to the period of `last`, empty ones included.
    pub fn periods(self, first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let end = self.period_start(last);
        let mut cur = self.period_start(first);
        while cur <= end {
            out.push(cur);
            cur = self.next_start(cur);
        }
        out
    }
}

/// Monday-first weekday index (0 = Monday … 6 = Sunday).
pub fn weekday_index(date: NaiveDate) -> usize {
    date.weekday().num_days_from_monday() as usize
}

/// Weekday names in [`weekday_index`] order.
pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn subset_keeps_the_chosen_articles_renumbered() {
        let article = |id: u32, title: &str| Article {
            id,
            title: title.into(),
            text: format!("text of {title}"),
            date: Some(d(2020, 1, id + 1)),
            ..Article::default()
        };
        let corpus = Corpus {
            name: "news".into(),
            sources: vec!["a/news".into()],
            articles: vec![article(0, "zero"), article(1, "one"), article(2, "two")],
            report: ImportReport {
                files_seen: 3,
                ..ImportReport::default()
            },
        };
        let sub = corpus.subset(&[0, 2, 7]);
        let got: Vec<(u32, &str, Option<NaiveDate>)> = sub
            .articles
            .iter()
            .map(|a| (a.id, a.title.as_str(), a.date))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, "zero", Some(d(2020, 1, 1))),
                (1, "two", Some(d(2020, 1, 3)))
            ]
        );
        assert_eq!(sub.articles[1].text, "text of two");
        assert_eq!((sub.name.as_str(), sub.report.files_seen), ("news", 3));
        assert_eq!(sub.sources, corpus.sources);
        assert!(corpus.subset(&[]).articles.is_empty());
    }

    #[test]
    fn display_labels_are_dates() {
        assert_eq!(Granularity::Week.display_label(d(2017, 2, 6)), "6 Feb 2017");
        assert_eq!(
            Granularity::Day.display_label(d(2017, 2, 16)),
            "16 Feb 2017"
        );
        assert_eq!(Granularity::Month.display_label(d(2017, 2, 1)), "Feb 2017");
        assert_eq!(Granularity::Year.display_label(d(2017, 1, 1)), "2017");
    }

    #[test]
    fn week_periods_start_on_monday_and_use_iso_labels() {
        // 2023-01-01 is a Sunday: it belongs to ISO week 2022-W52, which starts 2022-12-26.
        assert_eq!(
            Granularity::Week.period_start(d(2023, 1, 1)),
            d(2022, 12, 26)
        );
        assert_eq!(Granularity::Week.label(d(2022, 12, 26)), "2022-W52");
        assert_eq!(Granularity::Week.label(d(2023, 1, 30)), "2023-W05");
    }

    #[test]
    fn periods_fill_gaps_with_every_bucket() {
        let months = Granularity::Month.periods(d(2022, 11, 15), d(2023, 2, 1));
        let labels: Vec<_> = months
            .iter()
            .map(|m| Granularity::Month.label(*m))
            .collect();
        assert_eq!(labels, ["2022-11", "2022-12", "2023-01", "2023-02"]);
        assert_eq!(
            Granularity::Year
                .periods(d(1790, 1, 8), d(2026, 2, 1))
                .len(),
            237
        );
        assert_eq!(
            Granularity::Day
                .periods(d(2024, 2, 27), d(2024, 3, 1))
                .len(),
            4
        );
    }

    #[test]
    fn articles_are_named_by_title_else_by_their_path_inside_the_opened_folder() {
        let corpus = Corpus {
            sources: vec!["/data/news/".into(), "/other/f.jsonl".into()],
            ..Corpus::default()
        };
        let name = |title: &str, source: &str| {
            corpus.article_name(&Article {
                title: title.into(),
                source: source.into(),
                ..Article::default()
            })
        };
        assert_eq!(name("  Budget vote ", "/data/news/a.txt"), "Budget vote");
        assert_eq!(name("", "/data/news/2020/jan/a.txt"), "2020/jan/a.txt");
        assert_eq!(name(" ", "/data/news/a.zip!inner/x.txt"), "inner/x.txt");
        assert_eq!(name("", "/data/news/f.jsonl#3"), "f.jsonl#3");
        // The opened path is the file itself: its name stays.
        assert_eq!(name("", "/other/f.jsonl#12"), "f.jsonl#12");
        // A folder whose name merely starts like an opened one is not inside it.
        assert_eq!(name("", "/data/newsroom/b.txt"), "b.txt");
        assert_eq!(name("", "/elsewhere/b.zip!c/d.txt"), "c/d.txt");
        assert_eq!(name("", r"C:\corpus\e.txt"), "e.txt");
    }

    #[test]
    fn opening_words_stop_at_eight_words_or_sixty_characters() {
        let words = |text: &str| {
            Article {
                text: text.into(),
                ..Article::default()
            }
            .opening_words()
        };
        assert_eq!(words("  The cat\nsat. "), "The cat sat.");
        assert_eq!(
            words("one two three four five six seven eight nine"),
            "one two three four five six seven eight…"
        );
        assert_eq!(
            words("one two three four five six seven eight"),
            "one two three four five six seven eight"
        );
        // 12 + 1 + 12 + 1 + 12 + 1 + 12 = 51 characters; the fifth word would pass 59.
        let long = "abcdefghijkl abcdefghijkl abcdefghijkl abcdefghijkl abcdefghijkl";
        assert_eq!(
            words(long),
            "abcdefghijkl abcdefghijkl abcdefghijkl abcdefghijkl…"
        );
        let one = "x".repeat(80);
        assert_eq!(words(&one).chars().count(), 60);
        assert!(words(&one).ends_with("x…"));
        assert_eq!(words(""), "");
    }
}
