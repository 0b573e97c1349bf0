//! What each subcommand does: import with a progress bar, analyse (the selection, when a filter
//! is given), and write the results, mapping failures to exit codes.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use super::{
    AnalyzeArgs, BenchCommand, CorpusArgs, ExportArgs, Failure, KeynessArgs, MentionsFormat, fail,
};
use crate::analysis::filter::Filter;
use crate::analysis::{AnalysisSettings, Analyzed, SelectionError, analyze, select_from};
use crate::export::{ExportOptions, KeynessParams, Params, write_folder, write_text_atomic};
use crate::import::{ImportOptions, import_paths};
use crate::jobs::{CancelToken, Job, JobPoll, Progress};
use crate::store;

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

/// Import, filter and analyse as the arguments say: the whole corpus is analysed (or read from
/// its store), then the core's one selection entry point ([`select_from`]) picks the filtered
/// articles and analyses them from scratch, so filtered statistics are exact.
pub fn load_and_analyze(args: &CorpusArgs, top_n: usize) -> Result<(Analyzed, Filter), Failure> {
    let args = &args.with_session().map_err(|e| fail(1, e))?;
    let settings = args.settings(top_n).map_err(|e| fail(1, e))?;
    let filter = args.filter().map_err(|e| fail(1, e))?;
    args.metadata.check().map_err(|e| fail(1, e))?;
    let started = Instant::now();
    let whole = whole_corpus(args, settings)?;
    if filter.is_empty() {
        print_edit_notes(&whole.analysis.entity_edit_notes);
        if !args.quiet {
            print_summary(&whole, started.elapsed());
        }
        return Ok((whole, filter));
    }
    let job_filter = filter.clone();
    let analyzed = run_with_bar("selection", args.quiet, move |p, c| {
        Ok(select_from(whole, &job_filter, p, c))
    })
    .map_err(|e| fail(1, e))?
    .map_err(|e| match e {
        SelectionError::NoMatch(_) => fail(2, e.into()),
        SelectionError::Filter(_) => fail(1, anyhow::anyhow!("bad --query: {e}")),
        SelectionError::Analysis(e) => fail(1, e.into()),
    })?;
    print_edit_notes(&analyzed.analysis.entity_edit_notes);
    if !args.quiet {
        print_summary(&analyzed, started.elapsed());
    }
    Ok((analyzed, filter))
}

/// The whole corpus analysed: read from the store when it is there and current, else imported
/// and analysed (and the store written).
fn whole_corpus(args: &CorpusArgs, settings: AnalysisSettings) -> Result<Analyzed, Failure> {
    let (paths, opts) = (args.paths.clone(), args.import_options());
    let dir = args.store_dir();
    let stamps = match store::lookup(dir.as_deref(), &paths, &opts, &settings, false) {
        store::Lookup::Hit(analyzed) => {
            if !args.quiet {
                eprintln!(
                    "store: read {} from the store (unchanged)",
                    analyzed.corpus.name
                );
            }
            return Ok(analyzed);
        }
        store::Lookup::Miss { miss, stamps } => {
            if !args.quiet && dir.is_some() && miss != store::Miss::Absent {
                eprintln!("store: {miss}; analysing again");
            }
            stamps
        }
        // Not asked for: the command line waits for the fresh analysis.
        store::Lookup::Stale { stamps, .. } => Some(stamps),
    };
    let import_opts = opts.clone();
    let import_paths_ = paths.clone();
    let corpus = run_with_bar("import", args.quiet, move |p, c| {
        import_paths(&import_paths_, &import_opts, p, c)
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
    let corpus = Arc::new(corpus);
    let analysis = run_with_bar("analysis", args.quiet, move |p, c| {
        Ok(analyze(&corpus, &settings, p, c).map(|a| (corpus, a)))
    })
    .map_err(|e| fail(1, e))?
    .map_err(|e| fail(1, e.into()))?;
    let whole = Analyzed {
        corpus: analysis.0,
        analysis: Arc::new(analysis.1),
    };
    if let (Some(dir), Some(stamps)) = (dir, stamps) {
        store_in_background(dir, paths, opts, stamps, &whole, args.quiet);
    }
    Ok(whole)
}

/// Store writes still running; [`finish_store_writes`] waits for them before the process ends.
static STORE_WRITES: std::sync::Mutex<Vec<std::thread::JoinHandle<()>>> =
    std::sync::Mutex::new(Vec::new());

/// Write the store on a thread of its own while the command writes its files.
fn store_in_background(
    dir: PathBuf,
    paths: Vec<PathBuf>,
    opts: crate::import::ImportOptions,
    stamps: Vec<store::Stamp>,
    whole: &Analyzed,
    quiet: bool,
) {
    let whole = whole.clone();
    let write = move || match store::keep(&dir, &paths, &opts, stamps, &whole) {
        Ok(path) if !quiet => eprintln!("store: wrote {}", path.display()),
        Ok(_) => {}
        Err(e) => eprintln!("warning: the store was not written: {e}"),
    };
    match std::thread::Builder::new()
        .name("lexiscope-store".into())
        .spawn(write)
    {
        Ok(handle) => STORE_WRITES
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(handle),
        Err(e) => eprintln!("warning: the store was not written: {e}"),
    }
}

/// Wait for the store writes started by this command.
pub(super) fn finish_store_writes() {
    let handles = std::mem::take(
        &mut *STORE_WRITES
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    for h in handles {
        let _ = h.join();
    }
}

/// The entity edits that were skipped (an entity the rules name was not found), on standard
/// error.
fn print_edit_notes(notes: &[String]) {
    for n in notes {
        eprintln!("warning: --entity-rules: {n}");
    }
}

fn print_summary(analyzed: &Analyzed, elapsed: Duration) {
    let corpus = &analyzed.corpus;
    let r = &corpus.report;
    let s = &analyzed.analysis.summary;
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
    for table in &r.metadata_tables {
        eprintln!("{table}");
    }
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

pub(super) fn cmd_analyze(args: &AnalyzeArgs) -> Result<(), Failure> {
    let (Analyzed { corpus, analysis }, filter) = load_and_analyze(&args.corpus, args.top_n)?;
    let opts = ExportOptions {
        trend_granularity: args.trend_granularity.resolve(),
        top_n: args.top_n,
        min_pair_articles: args.min_pair_articles.max(1),
    };
    let params = Params::new(&corpus, &analysis, &filter)
        .with_entity_rules_file(args.corpus.rules.entity_rules.as_deref());
    let files = write_folder(&args.out, &corpus, &analysis, &opts, &params)
        .map_err(|e| fail(2, anyhow::Error::new(e)))?;
    if !args.corpus.quiet {
        eprintln!("wrote {} files to {}", files.len(), args.out.display());
    }
    Ok(())
}

pub(super) fn cmd_export(args: &ExportArgs) -> Result<(), Failure> {
    let (Analyzed { corpus, analysis }, filter) = load_and_analyze(&args.corpus, 50)?;
    let params = Params::new(&corpus, &analysis, &filter)
        .with_entity_rules_file(args.corpus.rules.entity_rules.as_deref());
    let files = crate::export::write_parquet(&args.parquet, &corpus, &analysis, &params)
        .map_err(|e| fail(2, anyhow::Error::new(e)))?;
    if !args.corpus.quiet {
        eprintln!("wrote {} files to {}", files.len(), args.parquet.display());
    }
    Ok(())
}

/// The gold sets shipped with the sources, scored by `lexiscope ner-eval` without arguments: the
/// original set (read while writing rules) and the held-out set of issue 15, reported apart.
const BUNDLED_GOLD: [(&str, &str); 2] = [
    (
        "tests/gold/ner_gold.txt (original set)",
        include_str!("../../tests/gold/ner_gold.txt"),
    ),
    (
        "tests/gold/ner_gold_new.txt (held-out set)",
        include_str!("../../tests/gold/ner_gold_new.txt"),
    ),
];

pub(super) fn cmd_ner_eval(gold: Option<PathBuf>) -> anyhow::Result<()> {
    let sets: Vec<(String, String)> = match &gold {
        Some(p) => vec![(
            p.display().to_string(),
            std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?,
        )],
        None => BUNDLED_GOLD
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect(),
    };
    let started = Instant::now();
    for (name, text) in &sets {
        let report = crate::analysis::entities::evaluate_gold(text);
        println!("{name}\n{report}");
    }
    eprintln!(
        "scored {} in {:.0} ms",
        gold.as_deref()
            .map_or("the bundled gold sets".to_owned(), |p| p
                .display()
                .to_string()),
        started.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}

pub(super) fn cmd_mentions(
    paths: Vec<PathBuf>,
    format: MentionsFormat,
    out: Option<PathBuf>,
    keep_duplicates: bool,
    limits: &super::LimitArgs,
    metadata: &super::MetadataArgs,
    rules: &super::EntityRulesArgs,
) -> Result<(), Failure> {
    use crate::analysis::entities::{MentionFormat, write_mentions};
    metadata.check().map_err(|e| fail(1, e))?;
    let rules = rules.load().map_err(|e| fail(1, e))?;
    let opts = ImportOptions {
        keep_duplicates,
        ..metadata.import_options(limits.import_options())
    };
    let corpus = run_with_bar("import", true, move |p, c| {
        import_paths(&paths, &opts, p, c)
    })
    .map_err(|e| fail(1, e))?;
    if corpus.articles.is_empty() {
        return Err(fail(2, anyhow::anyhow!("nothing could be imported")));
    }
    for table in &corpus.report.metadata_tables {
        eprintln!("{table}");
    }
    for p in &corpus.report.problems {
        eprintln!("  {}: {} ({})", p.kind.as_str(), p.message, p.path);
    }
    let format = match format {
        MentionsFormat::Jsonl => MentionFormat::Jsonl,
        MentionsFormat::Csv => MentionFormat::Csv,
    };
    let (written, notes) = match &out {
        Some(path) => {
            // Written to a temporary file and renamed, like every export.
            let mut buf = Vec::new();
            let n =
                write_mentions(&corpus, &rules, format, &mut buf).map_err(|e| fail(2, e.into()))?;
            let text = String::from_utf8(buf).map_err(|e| fail(2, e.into()))?;
            write_text_atomic(path, &text).map_err(|e| fail(2, e.into()))?;
            n
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            let n = write_mentions(&corpus, &rules, format, &mut lock)
                .map_err(|e| fail(2, e.into()))?;
            std::io::Write::flush(&mut lock).map_err(|e| fail(2, e.into()))?;
            n
        }
    };
    print_edit_notes(&notes);
    eprintln!("{written} mentions in {} articles", corpus.articles.len());
    Ok(())
}

pub(super) fn cmd_keyness(args: &KeynessArgs) -> Result<(), Failure> {
    let parse = |flag: &str, text: &str| {
        Filter::parse(text)
            .with_context(|| format!("bad --{flag} '{text}'"))
            .map_err(|e| fail(1, e))
    };
    let target = parse("target", &args.target)?;
    let reference = match &args.reference {
        Some(r) => Some(parse("reference", r)?),
        None => None,
    };
    let (Analyzed { corpus, analysis }, filter) = load_and_analyze(&args.corpus, 50)?;
    for (flag, f) in [("target", Some(&target)), ("reference", reference.as_ref())] {
        if let Some(f) = f {
            analysis
                .check_fields(f)
                .map_err(|e| fail(1, anyhow::anyhow!("bad --{flag}: {e}")))?;
        }
    }
    let t = analysis.select(&corpus, &target);
    let r = match &reference {
        Some(f) => analysis.select(&corpus, f),
        None => analysis.rest_of(&t),
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
    let sides = KeynessParams::new(
        if reference.is_some() {
            "Reference"
        } else {
            "Rest"
        },
        (args.target.clone(), &target),
        (
            args.reference
                .clone()
                .unwrap_or_else(|| "rest of the corpus".into()),
            reference.as_ref(),
        ),
        args.min_freq,
        &k,
    );
    Params::new(&corpus, &analysis, &filter)
        .with_entity_rules_file(args.corpus.rules.entity_rules.as_deref())
        .with_keyness(sides)
        .write(&args.out.with_extension("params.json"))
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

pub(super) fn cmd_bench(cmd: BenchCommand) -> anyhow::Result<()> {
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
        BenchCommand::Reopen { paths, store } => {
            let dir = store
                .or_else(crate::store::default_dir)
                .ok_or_else(|| anyhow::anyhow!("no store folder: pass --store DIR"))?;
            print!("{}", crate::bench::reopen(&paths, &dir)?);
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
