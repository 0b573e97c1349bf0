//! The command line: raw flags (clap) are validated into ready configs, then handed to the core.
//! Without a subcommand the desktop app opens (feature `gui`).
//!
//! Exit codes: 0 success (import problems are listed, not fatal); 1 bad arguments or another
//! error; 2 nothing could be imported or the output could not be written.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::analysis::filter::Filter;
use crate::analysis::query::Query;
use crate::analysis::{Analysis, AnalysisSettings, analyze};
use crate::export::{ExportOptions, write_all, write_text_atomic};
use crate::import::{ImportOptions, import_paths};
use crate::jobs::{CancelToken, Job, JobPoll, Progress};
use crate::model::{Corpus, Granularity};

/// Lexiscope: word, entity and date statistics of article collections.
#[derive(Parser, Debug)]
#[command(name = "lexiscope", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the desktop app on the given files, folders or zip archives.
    Open {
        /// Files, folders or .zip archives.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Import a corpus, analyse it and write every statistic as CSV into a folder.
    Analyze(AnalyzeArgs),
    /// Keyness of a target sub-corpus against a reference (default: the rest of the corpus):
    /// log-likelihood G² with p-values (Bonferroni), log ratio, raw and per-million counts.
    Keyness(KeynessArgs),
    /// Write every entity mention (source, character offsets into the decoded file, type,
    /// surface text, canonical entity) as JSON lines or CSV.
    Mentions {
        /// Files, folders or .zip archives.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = MentionsFormat::Jsonl)]
        format: MentionsFormat,
        /// Output file (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Keep exact duplicate articles.
        #[arg(long)]
        keep_duplicates: bool,
    },
    /// Score the entity extractor on a gold set (default: the bundled one) and print precision,
    /// recall and F1 per type.
    NerEval {
        /// Gold file with `[[TYPE|surface]]` markup, passages separated by blank lines.
        gold: Option<PathBuf>,
    },
    /// Benchmarks: build a large corpus, or time the pipeline on one.
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// Scale a seed corpus to a target size on disk (dates shifted, one paragraph dropped per
    /// copy so copies are not duplicates), or, with `--articles`, build that many short
    /// news-style articles from its paragraphs.
    MakeCorpus {
        /// Seed files or folders (e.g. ../shared/corpora/sotu).
        #[arg(required = true)]
        seed: Vec<PathBuf>,
        /// Target size in megabytes.
        #[arg(long, default_value_t = 100)]
        size_mb: u64,
        /// Instead: this many articles of 2–4 seed paragraphs each, dated 2015–2024 (the same
        /// corpus on every run).
        #[arg(long, conflicts_with = "size_mb")]
        articles: Option<u64>,
        /// Output folder.
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Time import, every analysis stage and the interactive re-aggregations on a corpus.
    Run {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Time the desktop app's frames (UI code, layout, tessellation; headless) on every view
    /// with a corpus loaded, without and with a date-range filter.
    #[cfg(feature = "gui")]
    Ui {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Frames timed per view.
        #[arg(long, default_value_t = 60)]
        frames: usize,
    },
}

/// Options shared by every command that imports and analyses.
#[derive(Args, Debug, Clone)]
pub struct CorpusArgs {
    /// Files, folders (recursive) or .zip archives: .txt/.md articles, JSON, JSONL, CSV, TSV.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Stopword languages, comma-separated names or ISO codes (e.g. `english,fr`), or `none`.
    #[arg(long, default_value = "english", value_delimiter = ',')]
    pub stopwords: Vec<String>,
    /// Extra stopwords, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub add_stopwords: Vec<String>,
    /// Snowball stemming language (e.g. `english`); off by default.
    #[arg(long)]
    pub stem: Option<String>,
    /// Keep tokens made only of digits in word statistics.
    #[arg(long)]
    pub keep_numbers: bool,
    /// Keep exact duplicate articles (by default they are counted once).
    #[arg(long)]
    pub keep_duplicates: bool,
    /// Field holding the title in JSON/JSONL/CSV records (default: detected).
    #[arg(long)]
    pub title_field: Option<String>,
    /// Field holding the date in JSON/JSONL/CSV records (default: detected).
    #[arg(long)]
    pub date_field: Option<String>,
    /// Field holding the text in JSON/JSONL/CSV records (default: detected).
    #[arg(long)]
    pub text_field: Option<String>,
    /// Only articles dated on or after this day (YYYY-MM-DD); undated articles are left out.
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// Only articles dated on or before this day (YYYY-MM-DD); undated articles are left out.
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// Only articles matching this query, e.g. `'iran OR iraq NOT "peace talks"'`,
    /// `'entity:"Antony Blinken"'`, `type:PERSON`, `section:world`.
    #[arg(long)]
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
    /// Granularity of term_trends.csv and entity_trends.csv.
    #[arg(long, value_enum, default_value_t = TrendGranularity::Auto)]
    pub trend_granularity: TrendGranularity,
}

#[derive(Args, Debug)]
pub struct KeynessArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The target filter: `from:YYYY-MM-DD`, `to:YYYY-MM-DD` and/or a query, in one string.
    #[arg(long)]
    pub target: String,
    /// The reference filter (same syntax); default: every article not in the target.
    #[arg(long)]
    pub reference: Option<String>,
    /// Smallest count (target + reference) for an item to be tested.
    #[arg(long, default_value_t = 5)]
    pub min_freq: u64,
    /// Output CSV file.
    #[arg(long, short)]
    pub out: PathBuf,
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
    fn resolve(self) -> Option<Granularity> {
        match self {
            Self::Auto => None,
            Self::Day => Some(Granularity::Day),
            Self::Week => Some(Granularity::Week),
            Self::Month => Some(Granularity::Month),
            Self::Year => Some(Granularity::Year),
        }
    }
}

/// A failure with its exit code.
pub struct Failure {
    pub code: u8,
    pub error: anyhow::Error,
}

fn fail(code: u8, error: anyhow::Error) -> Failure {
    Failure { code, error }
}

impl CorpusArgs {
    /// Validated import options.
    pub fn import_options(&self) -> ImportOptions {
        ImportOptions {
            keep_duplicates: self.keep_duplicates,
            title_field: self.title_field.clone(),
            date_field: self.date_field.clone(),
            text_field: self.text_field.clone(),
            ..ImportOptions::default()
        }
    }

    /// Validated analysis settings.
    pub fn settings(&self, top_n: usize) -> anyhow::Result<AnalysisSettings> {
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
            collocation_window: self.window.max(1),
            min_collocation_count: self.min_colloc.max(1),
            min_ngram_count: self.min_ngram.max(1),
            top_n,
            ..AnalysisSettings::default()
        };
        // Fail early on unknown languages, before a long import.
        crate::text::Normalizer::new(
            &settings.stopword_languages,
            &settings.extra_stopwords,
            settings.stem_language.as_deref(),
        )
        .map_err(anyhow::Error::msg)?;
        Ok(settings)
    }

    /// The article filter, parsed (bad queries are reported with their position).
    pub fn filter(&self) -> anyhow::Result<Filter> {
        let query = match self.query.as_deref().map(str::trim) {
            Some(q) if !q.is_empty() => {
                Some(Query::parse(q).with_context(|| format!("bad --query '{q}'"))?)
            }
            _ => None,
        };
        if let (Some(f), Some(t)) = (self.from, self.to)
            && f > t
        {
            bail!("--from {f} is after --to {t}");
        }
        Ok(Filter {
            from: self.from,
            to: self.to,
            query,
        })
    }
}

/// Run a job on its thread while drawing a progress bar from its [`Progress`].
fn run_with_bar<T: Send + 'static>(
    name: &str,
    quiet: bool,
    work: impl FnOnce(&Progress, &CancelToken) -> Result<T, crate::jobs::Cancelled> + Send + 'static,
) -> anyhow::Result<T> {
    let mut job = Job::spawn(name, 0, work, || {}).context("cannot start a worker thread")?;
    let bar = if quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(1000)
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg:28} [{bar:30}] {percent:>3}%")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    loop {
        match job.poll() {
            JobPoll::Running => {
                let p = job.progress.snapshot();
                bar.set_message(if p.files_total > 0 && p.units_total == 0 {
                    format!("{} ({}/{} files)", p.stage, p.files_done, p.files_total)
                } else {
                    p.stage.clone()
                });
                bar.set_position((p.fraction() * 1000.0) as u64);
                std::thread::sleep(Duration::from_millis(50));
            }
            JobPoll::Done(v) => {
                bar.finish_and_clear();
                return Ok(v);
            }
            JobPoll::Cancelled => bail!("{name} was cancelled"),
            JobPoll::Failed(msg) => bail!("{name} failed: {msg}"),
        }
    }
}

/// Import, filter and analyse as the arguments say. The filter is applied to the imported corpus
/// and the selection is analysed from scratch, so filtered statistics are exact.
pub fn load_and_analyze(
    args: &CorpusArgs,
    top_n: usize,
) -> Result<(Corpus, Analysis, Filter), Failure> {
    let settings = args.settings(top_n).map_err(|e| fail(1, e))?;
    let filter = args.filter().map_err(|e| fail(1, e))?;
    let (paths, opts) = (args.paths.clone(), args.import_options());
    let started = Instant::now();
    let corpus = run_with_bar("import", args.quiet, move |p, c| {
        import_paths(&paths, &opts, p, c)
    })
    .map_err(|e| fail(1, e))?;
    if corpus.articles.is_empty() {
        for p in &corpus.report.problems {
            eprintln!("  {}: {} ({})", p.kind.as_str(), p.message, p.path);
        }
        return Err(fail(
            2,
            anyhow::anyhow!(
                "nothing could be imported from {} file(s)",
                corpus.report.files_seen
            ),
        ));
    }
    let (corpus, analysis) = analyze_filtered(corpus, settings, &filter, args.quiet)?;
    if !args.quiet {
        print_summary(&corpus, &analysis, started.elapsed());
    }
    Ok((corpus, analysis, filter))
}

fn analyze_filtered(
    corpus: Corpus,
    settings: AnalysisSettings,
    filter: &Filter,
    quiet: bool,
) -> Result<(Corpus, Analysis), Failure> {
    let corpus = std::sync::Arc::new(corpus);
    let run = |corpus: std::sync::Arc<Corpus>, settings: AnalysisSettings| {
        run_with_bar("analysis", quiet, move |p, c| {
            analyze(&corpus, &settings, p, c).map_err(|_| crate::jobs::Cancelled)
        })
        .map_err(|e| fail(1, e))
    };
    let analysis = run(corpus.clone(), settings.clone())?;
    let corpus = std::sync::Arc::try_unwrap(corpus).unwrap_or_else(|arc| (*arc).clone());
    if filter.is_empty() {
        return Ok((corpus, analysis));
    }
    let keep = analysis.select(&corpus, filter);
    if keep.is_empty() {
        return Err(fail(
            2,
            anyhow::anyhow!("no article matches the filter: {}", filter.describe()),
        ));
    }
    let sub = subcorpus(&corpus, &keep);
    let sub = std::sync::Arc::new(sub);
    let analysis = run(sub.clone(), settings)?;
    let sub = std::sync::Arc::try_unwrap(sub).unwrap_or_else(|arc| (*arc).clone());
    Ok((sub, analysis))
}

/// A corpus holding only the given articles (ids renumbered), with the same report.
pub fn subcorpus(corpus: &Corpus, docs: &[u32]) -> Corpus {
    let mut sub = Corpus {
        name: corpus.name.clone(),
        sources: corpus.sources.clone(),
        articles: Vec::with_capacity(docs.len()),
        report: corpus.report.clone(),
    };
    for (i, &d) in docs.iter().enumerate() {
        let mut a = corpus.articles[d as usize].clone();
        a.id = i as u32;
        sub.articles.push(a);
    }
    sub
}

fn print_summary(corpus: &Corpus, a: &Analysis, elapsed: Duration) {
    let r = &corpus.report;
    let s = &a.summary;
    let mb = r.bytes_read as f64 / 1e6;
    let secs = elapsed.as_secs_f64().max(1e-9);
    eprintln!(
        "{}: {} files, {} articles, {} tokens, {} distinct terms, {} entities",
        corpus.name, r.files_seen, s.articles, s.tokens, s.distinct_terms, s.distinct_entities
    );
    eprintln!(
        "dates: {} – {} ({} undated); duplicates dropped: {}; problems: {}",
        s.first_date.map_or("-".into(), |d| d.to_string()),
        s.last_date.map_or("-".into(), |d| d.to_string()),
        s.undated,
        s.duplicates_dropped,
        r.problems.len()
    );
    eprintln!(
        "time: {:.2} s ({:.1} MB/s, {:.2} M words/s)",
        secs,
        mb / secs,
        s.tokens as f64 / secs / 1e6
    );
    for p in r.problems.iter().take(20) {
        eprintln!("  {}: {} ({})", p.kind.as_str(), p.message, p.path);
    }
    if r.problems.len() > 20 {
        eprintln!(
            "  … and {} more (see import_problems.csv)",
            r.problems.len() - 20
        );
    }
}

/// What produced an export, written as `export_params.json` next to the CSVs.
pub fn export_params(corpus: &Corpus, a: &Analysis, filter: &Filter) -> String {
    let v = serde_json::json!({
        "lexiscope_version": env!("CARGO_PKG_VERSION"),
        "sources": corpus.sources,
        "filter": {
            "from": filter.from.map(|d| d.to_string()),
            "to": filter.to.map(|d| d.to_string()),
            "query": filter.query.as_ref().map(|q| q.text.clone()),
        },
        "settings": a.settings,
        "articles": a.summary.articles,
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

fn cmd_analyze(args: &AnalyzeArgs) -> Result<(), Failure> {
    let (corpus, analysis, filter) = load_and_analyze(&args.corpus, args.top_n)?;
    let opts = ExportOptions {
        trend_granularity: args.trend_granularity.resolve(),
        top_n: args.top_n,
    };
    let files = write_all(&args.out, &corpus, &analysis, &opts)
        .map_err(|e| fail(2, anyhow::Error::new(e)))?;
    write_text_atomic(
        &args.out.join("export_params.json"),
        &export_params(&corpus, &analysis, &filter),
    )
    .map_err(|e| fail(2, anyhow::Error::new(e)))?;
    if !args.corpus.quiet {
        eprintln!("wrote {} files to {}", files.len() + 1, args.out.display());
    }
    Ok(())
}

/// The gold set shipped with the sources, scored by `lexiscope ner-eval` without arguments.
const BUNDLED_GOLD: &str = include_str!("../tests/gold/ner_gold.txt");

fn cmd_ner_eval(gold: Option<PathBuf>) -> anyhow::Result<()> {
    let text = match &gold {
        Some(p) => {
            std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?
        }
        None => BUNDLED_GOLD.to_owned(),
    };
    let started = Instant::now();
    let report = crate::analysis::entities::evaluate_gold(&text);
    println!("{report}");
    eprintln!(
        "scored {} in {:.0} ms",
        gold.as_deref()
            .map_or("the bundled gold set".to_owned(), |p| p
                .display()
                .to_string()),
        started.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}

fn cmd_mentions(
    paths: Vec<PathBuf>,
    format: MentionsFormat,
    out: Option<PathBuf>,
    keep_duplicates: bool,
) -> Result<(), Failure> {
    use crate::analysis::entities::{MentionFormat, write_mentions};
    let opts = ImportOptions {
        keep_duplicates,
        ..ImportOptions::default()
    };
    let corpus = run_with_bar("import", true, move |p, c| {
        import_paths(&paths, &opts, p, c)
    })
    .map_err(|e| fail(1, e))?;
    if corpus.articles.is_empty() {
        return Err(fail(2, anyhow::anyhow!("nothing could be imported")));
    }
    for p in &corpus.report.problems {
        eprintln!("  {}: {} ({})", p.kind.as_str(), p.message, p.path);
    }
    let format = match format {
        MentionsFormat::Jsonl => MentionFormat::Jsonl,
        MentionsFormat::Csv => MentionFormat::Csv,
    };
    let written = match &out {
        Some(path) => {
            // Written to a temporary file and renamed, like every export.
            let mut buf = Vec::new();
            let n = write_mentions(&corpus, format, &mut buf).map_err(|e| fail(2, e.into()))?;
            let text = String::from_utf8(buf).map_err(|e| fail(2, e.into()))?;
            write_text_atomic(path, &text).map_err(|e| fail(2, e.into()))?;
            n
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            let n = write_mentions(&corpus, format, &mut lock).map_err(|e| fail(2, e.into()))?;
            std::io::Write::flush(&mut lock).map_err(|e| fail(2, e.into()))?;
            n
        }
    };
    eprintln!("{written} mentions in {} articles", corpus.articles.len());
    Ok(())
}

fn cmd_keyness(args: &KeynessArgs) -> Result<(), Failure> {
    let target = Filter::parse(&args.target)
        .with_context(|| format!("bad --target '{}'", args.target))
        .map_err(|e| fail(1, e))?;
    let reference = match &args.reference {
        Some(r) => Some(
            Filter::parse(r)
                .with_context(|| format!("bad --reference '{r}'"))
                .map_err(|e| fail(1, e))?,
        ),
        None => None,
    };
    let (corpus, analysis, _) = load_and_analyze(&args.corpus, 50)?;
    let t = analysis.select(&corpus, &target);
    let r = match &reference {
        Some(f) => analysis.select(&corpus, f),
        None => {
            let all: Vec<u32> = (0..analysis.docs.len() as u32).collect();
            let mut rest = all;
            rest.retain(|d| t.binary_search(d).is_err());
            rest
        }
    };
    if t.is_empty() || r.is_empty() {
        return Err(fail(
            2,
            anyhow::anyhow!(
                "the target has {} and the reference {} articles: both need at least one",
                t.len(),
                r.len()
            ),
        ));
    }
    let k = analysis.keyness(&t, &r, args.min_freq);
    crate::export::write_keyness(&args.out, &analysis, &k).map_err(|e| fail(2, e.into()))?;
    let params = serde_json::json!({
        "target": args.target,
        "reference": args.reference.clone().unwrap_or_else(|| "rest of the corpus".into()),
        "target_articles": t.len(),
        "reference_articles": r.len(),
        "min_freq": args.min_freq,
        "bonferroni_p": k.bonferroni_p,
        "settings": analysis.settings,
    });
    let params_path = args.out.with_extension("params.json");
    write_text_atomic(
        &params_path,
        &serde_json::to_string_pretty(&params).unwrap_or_default(),
    )
    .map_err(|e| fail(2, e.into()))?;
    if !args.corpus.quiet {
        eprintln!(
            "target {} articles, reference {} articles; {} items, {} significant (p < {:.2e}); wrote {}",
            t.len(),
            r.len(),
            k.rows.len(),
            k.rows.iter().filter(|r| r.significant).count(),
            k.bonferroni_p,
            args.out.display()
        );
    }
    Ok(())
}

fn cmd_bench(cmd: BenchCommand) -> anyhow::Result<()> {
    match cmd {
        BenchCommand::MakeCorpus {
            seed,
            size_mb,
            articles,
            out,
        } => {
            let (files, bytes) = match articles {
                Some(n) => crate::bench::make_news_corpus(&seed, &out, n)?,
                None => crate::bench::make_corpus(&seed, &out, size_mb * 1_000_000)?,
            };
            eprintln!(
                "wrote {files} files, {:.1} MB, to {}",
                bytes as f64 / 1e6,
                out.display()
            );
        }
        BenchCommand::Run { paths } => {
            let report = crate::bench::run(&paths, &AnalysisSettings::default())?;
            print!("{}", report.render());
        }
        #[cfg(feature = "gui")]
        BenchCommand::Ui { paths, frames } => {
            let (corpus, analysis) = crate::bench::load(&paths)?;
            println!(
                "corpus: {} articles, {} words",
                analysis.summary.articles, analysis.summary.tokens
            );
            let filter = crate::bench::half_range_filter(&analysis);
            let rows = crate::gui::frame_bench::frame_times(corpus, analysis, frames, Some(filter));
            print!("{}", crate::gui::frame_bench::render(&rows));
        }
    }
    Ok(())
}

/// Parse the command line and run. `main.rs` turns the result into the process exit code.
pub fn main() -> ExitCode {
    #[cfg(feature = "gui")]
    let _ = crate::gui::LAUNCHED.set(std::time::Instant::now());
    let cli = Cli::parse();
    let result = match cli.command {
        None => open_gui(Vec::new()),
        Some(Command::Open { paths }) => open_gui(paths),
        Some(Command::Analyze(args)) => cmd_analyze(&args),
        Some(Command::Bench(b)) => cmd_bench(b).map_err(|e| fail(1, e)),
        Some(Command::Mentions {
            paths,
            format,
            out,
            keep_duplicates,
        }) => cmd_mentions(paths, format, out, keep_duplicates),
        Some(Command::Keyness(args)) => cmd_keyness(&args),
        Some(Command::NerEval { gold }) => cmd_ner_eval(gold).map_err(|e| fail(1, e)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {:#}", f.error);
            ExitCode::from(f.code)
        }
    }
}

#[cfg(feature = "gui")]
fn open_gui(paths: Vec<PathBuf>) -> Result<(), Failure> {
    crate::gui::run(paths).map_err(|e| fail(1, e))
}

#[cfg(not(feature = "gui"))]
fn open_gui(_paths: Vec<PathBuf>) -> Result<(), Failure> {
    use clap::CommandFactory;
    let _ = Cli::command().print_help();
    Err(fail(
        1,
        anyhow::anyhow!("this build has no desktop app (built without the `gui` feature)"),
    ))
}
