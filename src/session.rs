//! A session: one corpus and how it is looked at — the paths it is opened from, how it is
//! imported and analysed, the filter, the Timeline's periods and trend lines, and the view shown.
//!
//! The desktop app keeps one per corpus it has opened (restored when the corpus is opened again)
//! and writes named ones with "Save session as…" (a JSON file, `*.lexiscope.json`); the command
//! line reads those with `--session` (`analyze`, `keyness`), so a selection made in the app can be
//! re-run in a script. The shape has no UI type in it: the app's own parts (view, periods, trend
//! lines) are plain names.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::analysis::AnalysisSettings;
use crate::analysis::filter::{Filter, FilterError};
use crate::model::{CleaningOptions, Granularity};

/// What a session file says it is in its `format` field.
pub const FORMAT: &str = "lexiscope-session";

/// The session file version this build writes and reads (older versions are read too).
pub const VERSION: u32 = 1;

/// Session files larger than this are refused (a session is a few kilobytes; entity rules make
/// it grow by a line per edit).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The calendar periods of timelines and trends: picked by the user, or chosen from the corpus's
/// dates ([`crate::analysis::periods::auto_granularity`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Periods {
    #[default]
    Auto,
    Fixed(Granularity),
}

impl Periods {
    /// The granularity to draw, given what `Auto` stands for in this corpus.
    pub fn resolve(self, auto: Granularity) -> Granularity {
        match self {
            Self::Auto => auto,
            Self::Fixed(g) => g,
        }
    }

    /// The choice as the user reads it: `Auto (month)`, `week`.
    pub fn label(self, auto: Granularity) -> String {
        match self {
            Self::Auto => format!("Auto ({})", auto.as_str()),
            Self::Fixed(g) => g.as_str().to_owned(),
        }
    }
}

/// A trend line the user keeps on the Timeline, by name: term and entity ids change with every
/// analysis, names do not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinnedTrend {
    /// An entity's canonical name (`true`) or a term as counted (`false`).
    pub entity: bool,
    pub name: String,
}

/// How a corpus is imported, as the app lets the user choose it: the `--metadata`,
/// `--id-column` and `--keep-duplicates` of the command line, and the cleaning switches.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportChoices {
    /// A metadata table to join (see the README, "Metadata tables").
    pub metadata: Option<PathBuf>,
    /// The table's id column, instead of the detected one.
    pub id_column: Option<String>,
    /// Keep exact duplicate articles.
    pub keep_duplicates: bool,
    /// The cleaning switches (boilerplate lines, near-duplicates).
    pub cleaning: CleaningOptions,
}

impl ImportChoices {
    /// The import options these choices describe (the caps keep their defaults).
    pub fn options(&self) -> crate::import::ImportOptions {
        crate::import::ImportOptions {
            metadata: self.metadata.clone(),
            id_column: self.id_column.clone(),
            keep_duplicates: self.keep_duplicates,
            cleaning: self.cleaning.clone(),
            ..crate::import::ImportOptions::default()
        }
    }
}

/// The filter of a session as the user typed it (the filter bar's three fields; facet choices
/// are part of the query). Empty strings mean "no bound" / "no query".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedFilter {
    pub from: String,
    pub to: String,
    pub query: String,
}

impl SavedFilter {
    /// The text form of a filter.
    pub fn of(filter: &Filter) -> Self {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Self {
            from: date(filter.from),
            to: date(filter.to),
            query: filter
                .query
                .as_ref()
                .map(|q| q.text.clone())
                .unwrap_or_default(),
        }
    }

    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.from.trim().is_empty() && self.to.trim().is_empty() && self.query.trim().is_empty()
    }

    /// The filter, parsed as the filter bar parses it.
    pub fn parse(&self) -> Result<Filter, FilterError> {
        Filter::from_parts(&self.from, &self.to, &self.query)
    }
}

/// One corpus and how it is looked at (see the module documentation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// [`FORMAT`] in a session file.
    pub format: String,
    /// [`VERSION`] when written by this build.
    pub version: u32,
    /// The paths the corpus is opened from (the key of the app's per-corpus sessions).
    pub paths: Vec<PathBuf>,
    pub analysis: AnalysisSettings,
    pub import: ImportChoices,
    pub filter: SavedFilter,
    /// The app's tab (`Timeline`, `Keyness` …); empty for the default.
    pub view: String,
    pub periods: Periods,
    /// The Timeline's trend lines; `None` until the Timeline was first shown (it then starts
    /// with the top terms).
    pub trends: Option<Vec<PinnedTrend>>,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            paths: Vec::new(),
            analysis: AnalysisSettings::default(),
            import: ImportChoices::default(),
            filter: SavedFilter::default(),
            view: String::new(),
            periods: Periods::Auto,
            trends: None,
        }
    }
}

/// Why a session file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is {size} bytes, more than a session file can be ({MAX_FILE_BYTES} bytes)")]
    TooLarge { path: String, size: u64 },
    #[error("{path} is not a Lexiscope session file ({reason})")]
    NotASession { path: String, reason: String },
    #[error(
        "{path} was written by a newer Lexiscope (session version {version}; this one reads up to {VERSION})"
    )]
    Newer { path: String, version: u32 },
    #[error("{path} names no corpus")]
    NoCorpus { path: String },
    #[error("cannot write the session: {0}")]
    Write(String),
}

impl Session {
    /// Read a session file. Relative corpus and metadata paths are taken from the file's folder,
    /// so a session saved beside its corpus travels with it.
    pub fn load(path: &Path) -> Result<Session, SessionError> {
        let shown = path.display().to_string();
        let read = |source| SessionError::Read {
            path: shown.clone(),
            source,
        };
        let size = std::fs::metadata(path).map_err(read)?.len();
        if size > MAX_FILE_BYTES {
            return Err(SessionError::TooLarge { path: shown, size });
        }
        let text = std::fs::read_to_string(path).map_err(read)?;
        let not = |reason: String| SessionError::NotASession {
            path: shown.clone(),
            reason,
        };
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| not(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(not(format!("no \"format\": \"{FORMAT}\" field")));
        }
        let mut session: Session = serde_json::from_value(value).map_err(|e| not(e.to_string()))?;
        if session.version > VERSION {
            return Err(SessionError::Newer {
                path: shown,
                version: session.version,
            });
        }
        if session.paths.is_empty() {
            return Err(SessionError::NoCorpus { path: shown });
        }
        let base = path.parent().unwrap_or(Path::new("."));
        for p in &mut session.paths {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        if let Some(m) = &mut session.import.metadata
            && m.is_relative()
        {
            *m = base.join(&*m);
        }
        Ok(session)
    }

    /// Write the session as a JSON file, all at once (never half-written).
    pub fn save(&self, path: &Path) -> Result<(), SessionError> {
        let session = Session {
            format: FORMAT.to_owned(),
            version: VERSION,
            ..self.clone()
        };
        let text = serde_json::to_string_pretty(&session)
            .map_err(|e| SessionError::Write(e.to_string()))?;
        crate::export::write_text_atomic(path, &(text + "\n"))
            .map_err(|e| SessionError::Write(e.to_string()))
    }
}

#[cfg(test)]
mod tests;
