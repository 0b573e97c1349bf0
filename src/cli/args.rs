//! The command line's flags (clap) and their validation into ready configs: import options,
//! analysis settings and the article filter, each built by the core's one constructor.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::analysis::AnalysisSettings;
use crate::analysis::entity_edits::EntityRules;
use crate::analysis::filter::{Filter, FilterError};
use crate::import::ImportOptions;
use crate::model::{CleaningOptions, Granularity};
use crate::session::Session;

/// Options shared by every command that imports and analyses.
#[derive(Args, Debug, Clone)]
pub struct CorpusArgs {
    /// Files, folders (recursive) or .zip archives: .txt/.md articles, .eml/.mbox mail, JSON,
    /// JSONL, CSV, TSV.
    #[arg(required_unless_present = "session")]
    pub paths: Vec<PathBuf>,
    /// A session file saved by the app ("Session › Save session as…"): its corpus (when no path
    /// is given), import choices, analysis settings and filter. `--from`, `--to` and `--query`
    /// given here replace the session's; flags that change the analysis cannot be combined
    /// with it.
    #[arg(long, value_name = "FILE", conflicts_with_all = [
        "stopwords", "add_stopwords", "stem", "keep_numbers", "keep_possessives",
        "keep_duplicates", "keep_boilerplate", "keep_near_duplicates", "no_near_duplicates",
        "window", "min_ngram", "min_colloc", "entity_rules",
    ])]
    pub session: Option<PathBuf>,
    /// Where the corpus store is kept (README, "Corpus store"): by default the user's cache
    /// folder (`LEXISCOPE_STORE_DIR`, `$XDG_CACHE_HOME/lexiscope/stores`); an unchanged
    /// collection opened again is read from it instead of being imported and analysed.
    #[arg(long, value_name = "DIR", conflicts_with = "no_store")]
    pub store: Option<PathBuf>,
    /// Neither read nor write a store (also `LEXISCOPE_STORE=off`).
    #[arg(long)]
    pub no_store: bool,
    /// The session read from `--session` (see [`CorpusArgs::with_session`]).
    #[arg(skip)]
    pub loaded_session: Option<Session>,
    /// Stopword languages, comma-separated names or ISO codes (e.g. `english,fr`), `auto` (each
    /// article's own language) or `none`.
    #[arg(long, default_value = "auto", value_delimiter = ',')]
    pub stopwords: Vec<String>,
    /// Extra stopwords, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub add_stopwords: Vec<String>,
    /// Snowball stemming language (e.g. `english`), or `auto` (each article's own language);
    /// off by default.
    #[arg(long)]
    pub stem: Option<String>,
    /// Keep tokens made only of digits in word statistics.
    #[arg(long)]
    pub keep_numbers: bool,
    /// Count `trump's` apart from `trump` (by default the English possessive `'s` is folded
    /// into the word).
    #[arg(long)]
    pub keep_possessives: bool,
    /// Keep exact duplicates and near-duplicate copies (by default each is counted once).
    #[arg(long)]
    pub keep_duplicates: bool,
    /// Keep boilerplate lines (promos, share bars, copyright lines), bylines and datelines.
    #[arg(long)]
    pub keep_boilerplate: bool,
    /// Count every near-duplicate copy (they are still found and listed).
    #[arg(long)]
    pub keep_near_duplicates: bool,
    /// Do not look for near-duplicates at all.
    #[arg(long)]
    pub no_near_duplicates: bool,
    /// Field holding the title in JSON/JSONL/CSV records (default: detected).
    #[arg(long)]
    pub title_field: Option<String>,
    /// Field holding the date in JSON/JSONL/CSV records (default: detected).
    #[arg(long)]
    pub date_field: Option<String>,
    /// Field holding the text in JSON/JSONL/CSV records (default: detected).
    #[arg(long)]
    pub text_field: Option<String>,
    /// Only articles dated on or after this day (YYYY, YYYY-MM or YYYY-MM-DD: the first day of
    /// the period); undated articles are left out.
    #[arg(long)]
    pub from: Option<String>,
    /// Only articles dated on or before this day (YYYY, YYYY-MM or YYYY-MM-DD: the last day of
    /// the period); undated articles are left out.
    #[arg(long)]
    pub to: Option<String>,
    /// Only articles matching this query, e.g. `'iran OR iraq NOT "peace talks"'`,
    /// `'entity:"Antony Blinken"'`, `type:PERSON`, `section:world`, `-tax`.
    #[arg(long, allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Collocation window (words on either side).
    #[arg(long, default_value_t = 4)]
    pub window: usize,
    /// Smallest count listed for bigrams and trigrams.
    #[arg(long, default_value_t = 2)]
    pub min_ngram: u64,
    /// Smallest co-occurrence count listed for collocations.
    #[arg(long, default_value_t = 3)]
    pub min_colloc: u64,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub metadata: MetadataArgs,
    #[command(flatten)]
    pub rules: EntityRulesArgs,
    /// Do not show a progress bar or summary.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Folder to write the CSV files into (created if missing).
    #[arg(long, short)]
    pub out: PathBuf,
    /// How many top terms and entities get trend tables.
    #[arg(long, default_value_t = 50)]
    pub top_n: usize,
    /// Smallest number of articles a pair of entities must share to be listed in
    /// entity_pairs.csv (1 lists every pair).
    #[arg(long, default_value_t = 2)]
    pub min_pair_articles: u64,
    /// Granularity of term_trends.csv and entity_trends.csv.
    #[arg(long, value_enum, default_value_t = TrendGranularity::Auto)]
    pub trend_granularity: TrendGranularity,
}

#[derive(Args, Debug)]
pub struct KeynessArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The target filter: `from:YYYY-MM-DD`, `to:YYYY-MM-DD` and/or a query, in one string.
    #[arg(long, allow_hyphen_values = true)]
    pub target: String,
    /// The reference filter (same syntax); default: every article not in the target.
    #[arg(long, allow_hyphen_values = true)]
    pub reference: Option<String>,
    /// Smallest count (target + reference) for an item to be tested.
    #[arg(long, default_value_t = 5)]
    pub min_freq: u64,
    /// Output CSV file.
    #[arg(long, short)]
    pub out: PathBuf,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Folder to write the Parquet tables into (created if missing): articles, article × term
    /// counts, article × entity counts and entity mentions.
    #[arg(long, value_name = "DIR")]
    pub parquet: PathBuf,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionsFormat {
    Jsonl,
    Csv,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrendGranularity {
    Auto,
    Day,
    Week,
    Month,
    Year,
}

impl TrendGranularity {
    pub fn resolve(self) -> Option<Granularity> {
        match self {
            Self::Auto => None,
            Self::Day => Some(Granularity::Day),
            Self::Week => Some(Granularity::Week),
            Self::Month => Some(Granularity::Month),
            Self::Year => Some(Granularity::Year),
        }
    }
}

impl CorpusArgs {
    /// These arguments with `--session` read: the session's corpus when no path is given, its
    /// filter parts where the command line gives none, its metadata table unless `--metadata`
    /// names one; its settings and import choices are kept for [`Self::settings`] and
    /// [`Self::import_options`].
    pub fn with_session(&self) -> anyhow::Result<CorpusArgs> {
        let Some(path) = &self.session else {
            return Ok(self.clone());
        };
        let s = Session::load(path).map_err(|e| anyhow::anyhow!("--session: {e}"))?;
        let mut args = self.clone();
        if args.paths.is_empty() {
            args.paths.clone_from(&s.paths);
        }
        let part = |given: &Option<String>, saved: &str| {
            given
                .clone()
                .or_else(|| (!saved.trim().is_empty()).then(|| saved.to_owned()))
        };
        args.from = part(&self.from, &s.filter.from);
        args.to = part(&self.to, &s.filter.to);
        args.query = part(&self.query, &s.filter.query);
        if args.metadata.metadata.is_none() {
            args.metadata.metadata.clone_from(&s.import.metadata);
            args.metadata.id_column.clone_from(&s.import.id_column);
        }
        args.loaded_session = Some(s);
        Ok(args)
    }

    /// The store folder to use, if any.
    pub fn store_dir(&self) -> Option<PathBuf> {
        if self.no_store {
            None
        } else {
            self.store.clone().or_else(crate::store::default_dir)
        }
    }

    /// Validated import options.
    pub fn import_options(&self) -> ImportOptions {
        let (keep_duplicates, cleaning) = match &self.loaded_session {
            Some(s) => (s.import.keep_duplicates, s.import.cleaning.clone()),
            None => (
                self.keep_duplicates,
                CleaningOptions {
                    keep_boilerplate: self.keep_boilerplate,
                    keep_near_duplicates: self.keep_near_duplicates,
                    find_near_duplicates: !self.no_near_duplicates,
                    ..CleaningOptions::default()
                },
            ),
        };
        ImportOptions {
            keep_duplicates,
            cleaning,
            title_field: self.title_field.clone(),
            date_field: self.date_field.clone(),
            text_field: self.text_field.clone(),
            ..self.metadata.import_options(self.limits.import_options())
        }
    }

    /// Validated analysis settings.
    pub fn settings(&self, top_n: usize) -> anyhow::Result<AnalysisSettings> {
        if let Some(s) = &self.loaded_session {
            let settings = AnalysisSettings {
                top_n,
                ..s.analysis.clone()
            };
            settings.normalizer().map_err(anyhow::Error::msg)?;
            return Ok(settings);
        }
        let settings = AnalysisSettings {
            stopword_languages: self
                .stopwords
                .iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty() && !s.eq_ignore_ascii_case("none"))
                .collect(),
            extra_stopwords: self.add_stopwords.clone(),
            stem_language: self.stem.clone(),
            keep_numbers: self.keep_numbers,
            fold_possessives: !self.keep_possessives,
            collocation_window: self.window.max(1),
            min_collocation_count: self.min_colloc.max(1),
            min_ngram_count: self.min_ngram.max(1),
            top_n,
            entity_rules: self.rules.load()?,
            ..AnalysisSettings::default()
        };
        // Fail early on unknown languages, before a long import.
        settings.normalizer().map_err(anyhow::Error::msg)?;
        Ok(settings)
    }

    /// The article filter of `--from`, `--to` and `--query`, built by the core's one filter
    /// constructor (bad queries are reported with their position).
    pub fn filter(&self) -> anyhow::Result<Filter> {
        let part = |s: &Option<String>| s.clone().unwrap_or_default();
        let (from, to, query) = (part(&self.from), part(&self.to), part(&self.query));
        Filter::from_parts(&from, &to, &query).map_err(|e| match e {
            FilterError::From(m) => anyhow::anyhow!("bad --from '{from}': {m}"),
            FilterError::To(m) => anyhow::anyhow!("bad --to '{to}': {m}"),
            FilterError::Order { from, to } => anyhow::anyhow!("--from {from} is after --to {to}"),
            FilterError::Query(q) => anyhow::anyhow!("bad --query '{query}': {q}"),
            e @ FilterError::UnknownField { .. } => anyhow::anyhow!("bad --query '{query}': {e}"),
        })
    }
}

/// The import caps (README, "Limits"), in megabytes (10^6 bytes); the defaults are
/// `ImportOptions`' own (512 MiB, 256 MiB, 4 GiB).
#[derive(Args, Debug, Clone, Default)]
pub struct LimitArgs {
    /// Largest file read, in MB (default 512 MiB); a larger file is refused and listed.
    #[arg(long)]
    pub max_file_mb: Option<u64>,
    /// Largest zip entry read (decompressed), in MB (default 256 MiB).
    #[arg(long)]
    pub max_zip_entry_mb: Option<u64>,
    /// Most bytes decompressed from all archives of one import together, in MB (default 4 GiB).
    #[arg(long)]
    pub max_zip_total_mb: Option<u64>,
}

impl LimitArgs {
    /// Default import options with these caps.
    pub fn import_options(&self) -> ImportOptions {
        let d = ImportOptions::default();
        let bytes =
            |mb: Option<u64>, default: u64| mb.map_or(default, |mb| mb.saturating_mul(1_000_000));
        ImportOptions {
            max_file_bytes: bytes(self.max_file_mb, d.max_file_bytes),
            max_zip_entry_bytes: bytes(self.max_zip_entry_mb, d.max_zip_entry_bytes),
            max_zip_total_bytes: bytes(self.max_zip_total_mb, d.max_zip_total_bytes),
            ..d
        }
    }
}

/// The metadata table flags (README, "Metadata tables").
#[derive(Args, Debug, Clone, Default)]
pub struct MetadataArgs {
    /// A CSV, TSV, JSON or JSONL table with one row per text file (an id column naming the file
    /// by relative path, name or stem, plus date, title and other columns) to join to the files.
    #[arg(long, value_name = "FILE")]
    pub metadata: Option<PathBuf>,
    /// The column of metadata tables (given or found in the folders) naming the files (default:
    /// detected).
    #[arg(long, value_name = "C")]
    pub id_column: Option<String>,
    /// The language of every article that does not name its own in its record or a metadata
    /// table (an ISO code such as `de`, or a name), instead of detecting it.
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,
}

impl MetadataArgs {
    /// `opts` with these flags.
    pub fn import_options(&self, opts: ImportOptions) -> ImportOptions {
        ImportOptions {
            metadata: self.metadata.clone(),
            id_column: self.id_column.clone(),
            language: self.language.clone(),
            ..opts
        }
    }

    /// Fail early, before a long import, when the table given cannot be found.
    pub fn check(&self) -> anyhow::Result<()> {
        if let Some(lang) = &self.language
            && crate::text::language::normalize_code(lang).is_none()
        {
            anyhow::bail!("--language {lang}: not a language name or ISO code");
        }
        match &self.metadata {
            Some(path) if !path.is_file() => {
                anyhow::bail!("--metadata {}: no such file", path.display())
            }
            _ => Ok(()),
        }
    }
}

/// The entity editor's corrections (README, "Correcting entities").
#[derive(Args, Debug, Clone, Default)]
pub struct EntityRulesArgs {
    /// A rules CSV (`action,entity,type,target,target_type`, as the app's "Export rules…"
    /// writes) of entity corrections to apply: merge, split, rename, retype, hide.
    #[arg(long, value_name = "FILE")]
    pub entity_rules: Option<PathBuf>,
}

impl EntityRulesArgs {
    /// The rules of `--entity-rules` (none without the flag). Rows that cannot be used are
    /// reported on standard error and skipped; a missing or unreadable file, or one without the
    /// header, is an error.
    pub fn load(&self) -> anyhow::Result<EntityRules> {
        let Some(path) = &self.entity_rules else {
            return Ok(EntityRules::default());
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("--entity-rules {}: {e}", path.display()))?;
        let (rules, warnings) = EntityRules::from_csv(&text)
            .map_err(|e| anyhow::anyhow!("--entity-rules {}: {e}", path.display()))?;
        for w in warnings {
            eprintln!("warning: --entity-rules {}: {w}", path.display());
        }
        Ok(rules)
    }
}
