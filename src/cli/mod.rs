//! The command line: raw flags (clap) are validated into ready configs, then handed to the core.
//! Without a subcommand the desktop app opens (feature `gui`).
//!
//! Exit codes: 0 success (import problems are listed, not fatal); 1 bad arguments or another
//! error; 2 nothing could be imported or the output could not be written.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod args;
mod run;

pub use args::{
    AnalyzeArgs, CorpusArgs, EntityRulesArgs, ExportArgs, KeynessArgs, LimitArgs, MentionsFormat,
    MetadataArgs, TrendGranularity,
};
pub use run::load_and_analyze;
use run::{cmd_analyze, cmd_bench, cmd_export, cmd_keyness, cmd_mentions, cmd_ner_eval};

/// Lexiscope: word, entity and date statistics of article collections.
#[derive(Parser, Debug)]
#[command(name = "lexiscope", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Subcommand, Debug)]
pub enum CliCommand {
    /// Open the desktop app on the given files, folders or zip archives.
    Open {
        /// Files, folders or .zip archives.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Import a corpus, analyse it and write every statistic as CSV into a folder.
    Analyze(AnalyzeArgs),
    /// Write the per-article tables every statistic is a sum of (articles with their metadata,
    /// article × term counts, article × entity counts, entity mentions) as Parquet files.
    Export(ExportArgs),
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
        #[command(flatten)]
        limits: LimitArgs,
        #[command(flatten)]
        metadata: MetadataArgs,
        #[command(flatten)]
        rules: EntityRulesArgs,
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
        /// Seed files or folders (e.g. assets/sample).
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
    /// Open a collection from its corpus store (analysing and storing it first when there is
    /// none) and report the reopen time, peak and resident memory, and the re-aggregation
    /// latencies on the stored analysis.
    Reopen {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The store folder (default: the user's cache folder, as for `analyze`).
        #[arg(long, value_name = "DIR")]
        store: Option<PathBuf>,
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

/// A failure with its exit code.
pub struct Failure {
    pub code: u8,
    pub error: anyhow::Error,
}

pub(crate) fn fail(code: u8, error: anyhow::Error) -> Failure {
    Failure { code, error }
}

/// Parse the command line and run. `main.rs` turns the result into the process exit code.
pub fn main() -> ExitCode {
    #[cfg(feature = "gui")]
    let _ = crate::gui::LAUNCHED.set(std::time::Instant::now());
    // clap exits with 2 on bad arguments; this tool's contract is 1 (2 means nothing could be
    // imported or written), so parse errors are printed and mapped here.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        None => open_gui(Vec::new()),
        Some(CliCommand::Open { paths }) => open_gui(paths),
        Some(CliCommand::Analyze(args)) => cmd_analyze(&args),
        Some(CliCommand::Export(args)) => cmd_export(&args),
        Some(CliCommand::Bench(b)) => cmd_bench(b).map_err(|e| fail(1, e)),
        Some(CliCommand::Mentions {
            paths,
            format,
            out,
            keep_duplicates,
            limits,
            metadata,
            rules,
        }) => cmd_mentions(
            paths,
            format,
            out,
            keep_duplicates,
            &limits,
            &metadata,
            &rules,
        ),
        Some(CliCommand::Keyness(args)) => cmd_keyness(&args),
        Some(CliCommand::NerEval { gold }) => cmd_ner_eval(gold).map_err(|e| fail(1, e)),
    };
    // A store written beside the command's own files is finished before the process ends.
    run::finish_store_writes();
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
