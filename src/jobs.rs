//! The one shape for long work (import, analysis, export): a named thread, a [`Progress`] the UI
//! reads through atomics, a [`CancelToken`] checked often, and a generation number so that a stale
//! result from a cancelled or superseded job is dropped by whoever started it.
//!
//! rayon is used *inside* a job; the job thread itself is a plain named thread so that it never
//! blocks a rayon worker while waiting for more rayon work.
//!
//! [`Latest`] is the one job slot every front end keeps: starting a job cancels the one before it
//! and bumps the generation, so a stale result can never be shown, and a failure (a panic, or a
//! thread that could not start) always comes back from [`Latest::poll`] as an error message.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, sync_channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The job was cancelled before it finished; nothing it did is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

/// A cheap, cloneable cancel flag shared between the starter and the worker.
#[derive(Clone, Debug, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    pub fn new() -> Self {
        Self::default()
    }
    /// Ask the job to stop at its next check.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
    /// `Err(Cancelled)` once cancellation was asked for: use with `?` in loops.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Progress counters of a running job. All counters only grow except when a new stage starts.
#[derive(Debug, Default)]
pub struct Progress {
    pub files_total: AtomicU64,
    pub files_done: AtomicU64,
    pub bytes_total: AtomicU64,
    pub bytes_done: AtomicU64,
    pub articles: AtomicU64,
    /// Work units of the current stage (for stages that are not file-based).
    pub units_total: AtomicU64,
    pub units_done: AtomicU64,
    stage: Mutex<String>,
}

/// A consistent-enough copy of [`Progress`] for display.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgressSnapshot {
    pub stage: String,
    pub files_total: u64,
    pub files_done: u64,
    pub bytes_total: u64,
    pub bytes_done: u64,
    pub articles: u64,
    pub units_total: u64,
    pub units_done: u64,
}

impl ProgressSnapshot {
    /// Fraction done of the current stage when the stage counts its work: its units, else the
    /// files and bytes while files are still being read. `None` for a stage that does not count
    /// (entity finding, index building): shown as an indeterminate bar, never as a bar stuck at
    /// 100%.
    pub fn stage_fraction(&self) -> Option<f32> {
        let reading = (self.files_total > 0 && self.files_done < self.files_total)
            || (self.bytes_total > 0 && self.bytes_done < self.bytes_total);
        (self.units_total > 0 || reading).then(|| self.fraction())
    }

    /// Fraction done in `0.0..=1.0`, from bytes when known, else files, else units.
    pub fn fraction(&self) -> f32 {
        let ratio = |done: u64, total: u64| (done as f64 / total as f64).clamp(0.0, 1.0) as f32;
        if self.units_total > 0 {
            ratio(self.units_done, self.units_total)
        } else if self.bytes_total > 0 {
            ratio(self.bytes_done, self.bytes_total)
        } else if self.files_total > 0 {
            ratio(self.files_done, self.files_total)
        } else {
            0.0
        }
    }
}

impl Progress {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Start a named stage; resets the unit counters.
    pub fn set_stage(&self, stage: &str) {
        if let Ok(mut s) = self.stage.lock() {
            stage.clone_into(&mut s);
        }
        self.units_total.store(0, Ordering::Relaxed);
        self.units_done.store(0, Ordering::Relaxed);
    }

    pub fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> ProgressSnapshot {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        ProgressSnapshot {
            stage: self.stage.lock().map(|s| s.clone()).unwrap_or_default(),
            files_total: get(&self.files_total),
            files_done: get(&self.files_done),
            bytes_total: get(&self.bytes_total),
            bytes_done: get(&self.bytes_done),
            articles: get(&self.articles),
            units_total: get(&self.units_total),
            units_done: get(&self.units_done),
        }
    }
}

/// A job running on its own named thread.
pub struct Job<T> {
    pub name: String,
    pub generation: u64,
    pub progress: Arc<Progress>,
    pub cancel: CancelToken,
    rx: Receiver<Result<T, Cancelled>>,
    handle: Option<JoinHandle<()>>,
}

/// What polling a job found.
pub enum JobPoll<T> {
    Running,
    Done(T),
    Cancelled,
    /// The worker thread ended without sending a result (it panicked).
    Failed(String),
}

impl<T: Send + 'static> Job<T> {
    /// Run `work` on a new thread called `name`. `on_update` is called when the job ends (the GUI
    /// passes a closure that requests a repaint).
    pub fn spawn(
        name: &str,
        generation: u64,
        work: impl FnOnce(&Progress, &CancelToken) -> Result<T, Cancelled> + Send + 'static,
        on_done: impl Fn() + Send + 'static,
    ) -> std::io::Result<Self> {
        let progress = Progress::new();
        let cancel = CancelToken::new();
        let (tx, rx): (SyncSender<Result<T, Cancelled>>, _) = sync_channel(1);
        let (p, c) = (progress.clone(), cancel.clone());
        let handle = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let result = work(&p, &c);
                let _ = tx.send(result);
                on_done();
            })?;
        Ok(Self {
            name: name.to_owned(),
            generation,
            progress,
            cancel,
            rx,
            handle: Some(handle),
        })
    }

    /// Non-blocking check for the result.
    pub fn poll(&mut self) -> JobPoll<T> {
        match self.rx.try_recv() {
            Ok(Ok(v)) => JobPoll::Done(v),
            Ok(Err(Cancelled)) => JobPoll::Cancelled,
            Err(TryRecvError::Empty) => JobPoll::Running,
            Err(TryRecvError::Disconnected) => {
                let msg = match self.handle.take().map(JoinHandle::join) {
                    Some(Err(panic)) => panic_message(&panic),
                    _ => "the worker stopped without a result".to_owned(),
                };
                JobPoll::Failed(msg)
            }
        }
    }

    /// Block until the job ends (tests and the CLI).
    pub fn wait(mut self) -> JobPoll<T> {
        match self.rx.recv() {
            Ok(Ok(v)) => JobPoll::Done(v),
            Ok(Err(Cancelled)) => JobPoll::Cancelled,
            Err(_) => match self.handle.take().map(JoinHandle::join) {
                Some(Err(panic)) => JobPoll::Failed(panic_message(&panic)),
                _ => JobPoll::Failed("the worker stopped without a result".to_owned()),
            },
        }
    }
}

/// A slot for the newest job of one kind, with the key it was started for (`()` when there is
/// none). Starting a job cancels the previous one and drops its result; [`Latest::poll`] returns
/// the newest job's result, or its failure, once.
pub struct Latest<T, K = ()> {
    name: &'static str,
    generation: u64,
    running: Option<(K, Job<T>, Instant)>,
    /// A job that could not be started, reported by the next poll.
    spawn_error: Option<(K, String)>,
}

impl<T: Send + 'static, K: Clone> Latest<T, K> {
    /// An empty slot whose jobs run on threads called `name`.
    pub fn new(name: &'static str) -> Self {
        Self {
            name,
            generation: 0,
            running: None,
            spawn_error: None,
        }
    }

    /// Start `work` for `key`, cancelling the running job (its result will never be returned).
    /// `on_done` runs on the worker when it ends (the app passes a repaint request).
    pub fn start(
        &mut self,
        key: K,
        work: impl FnOnce(&Progress, &CancelToken) -> Result<T, Cancelled> + Send + 'static,
        on_done: impl Fn() + Send + 'static,
    ) {
        self.cancel();
        self.spawn_error = None;
        match Job::spawn(self.name, self.generation, work, on_done) {
            Ok(job) => self.running = Some((key, job, Instant::now())),
            Err(e) => self.spawn_error = Some((key, format!("cannot start {}: {e}", self.name))),
        }
    }

    /// Cancel the running job, if any; its result is dropped.
    pub fn cancel(&mut self) {
        self.generation += 1;
        if let Some((_, job, _)) = self.running.take() {
            job.cancel.cancel();
        }
    }

    /// The result of the newest job once it has ended: `Ok` with its value, or `Err` with why it
    /// failed. `None` while it runs, when the slot is empty, or when the job was cancelled.
    pub fn poll(&mut self) -> Option<Result<T, String>> {
        self.poll_keyed().map(|(_, r)| r)
    }

    /// [`Latest::poll`], with the key the job was started for.
    pub fn poll_keyed(&mut self) -> Option<(K, Result<T, String>)> {
        if let Some(failed) = self.spawn_error.take() {
            return Some((failed.0, Err(failed.1)));
        }
        let (_, job, _) = self.running.as_mut()?;
        let result = match job.poll() {
            JobPoll::Running => return None,
            JobPoll::Done(v) => Some(Ok(v)),
            JobPoll::Cancelled => None,
            JobPoll::Failed(msg) => Some(Err(msg)),
        };
        let (key, _, _) = self.running.take()?;
        result.map(|r| (key, r))
    }

    /// Whether a job is running.
    pub fn busy(&self) -> bool {
        self.running.is_some()
    }

    /// The key of the running job.
    pub fn key(&self) -> Option<&K> {
        self.running.as_ref().map(|(k, _, _)| k)
    }

    /// The running job's progress.
    pub fn progress(&self) -> Option<ProgressSnapshot> {
        self.running.as_ref().map(|(_, j, _)| j.progress.snapshot())
    }

    /// How long the running job has been running.
    pub fn elapsed(&self) -> Option<Duration> {
        self.running.as_ref().map(|(_, _, t)| t.elapsed())
    }

    /// Bumped by every start and cancel.
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "the worker panicked".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_that_do_not_count_have_no_fraction() {
        let snap = |files: (u64, u64), bytes: (u64, u64), units: (u64, u64)| ProgressSnapshot {
            files_done: files.0,
            files_total: files.1,
            bytes_done: bytes.0,
            bytes_total: bytes.1,
            units_done: units.0,
            units_total: units.1,
            ..ProgressSnapshot::default()
        };
        // Reading: bytes decide.
        assert_eq!(snap((1, 4), (25, 100), (0, 0)).stage_fraction(), Some(0.25));
        // A counting stage after the files were read: its units.
        assert_eq!(snap((4, 4), (100, 100), (3, 6)).stage_fraction(), Some(0.5));
        // Entity finding after the files were read: no fraction, not 100%.
        assert_eq!(snap((4, 4), (100, 100), (0, 0)).stage_fraction(), None);
        assert_eq!(snap((0, 0), (0, 0), (0, 0)).stage_fraction(), None);
    }

    #[test]
    fn job_reports_result_and_cancellation() {
        let job = Job::spawn("t-ok", 1, |_, _| Ok(41 + 1), || {}).expect("spawn");
        assert!(matches!(job.wait(), JobPoll::Done(42)));

        let job = Job::<u32>::spawn(
            "t-cancel",
            2,
            |_, cancel| loop {
                cancel.check()?;
                std::thread::yield_now();
            },
            || {},
        )
        .expect("spawn");
        job.cancel.cancel();
        assert!(matches!(job.wait(), JobPoll::Cancelled));
    }

    #[test]
    fn snapshot_fraction_prefers_units_then_bytes() {
        let p = Progress::new();
        p.bytes_total.store(200, Ordering::Relaxed);
        p.bytes_done.store(50, Ordering::Relaxed);
        assert!((p.snapshot().fraction() - 0.25).abs() < 1e-6);
        p.units_total.store(4, Ordering::Relaxed);
        p.units_done.store(3, Ordering::Relaxed);
        assert!((p.snapshot().fraction() - 0.75).abs() < 1e-6);
    }
    /// Poll until the slot yields something or `tries` polls passed.
    fn settle<T: Send + 'static, K: Clone>(
        slot: &mut Latest<T, K>,
        tries: usize,
    ) -> Option<(K, Result<T, String>)> {
        for _ in 0..tries {
            if let Some(r) = slot.poll_keyed() {
                return Some(r);
            }
            if !slot.busy() {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        None
    }

    #[test]
    fn latest_returns_the_newest_result_once() {
        let mut slot: Latest<u32, &str> = Latest::new("t-latest");
        assert!(!slot.busy() && slot.poll().is_none());
        let (tx, rx) = sync_channel::<()>(0);
        // The first job waits for a signal that never comes before it is superseded.
        slot.start(
            "first",
            move |_, cancel| {
                while rx.recv_timeout(Duration::from_millis(5)).is_err() {
                    cancel.check()?;
                }
                Ok(1)
            },
            || {},
        );
        let first_generation = slot.generation();
        assert_eq!(slot.key(), Some(&"first"));
        slot.start("second", |_, _| Ok(2), || {});
        assert!(slot.generation() > first_generation);
        drop(tx);
        assert_eq!(settle(&mut slot, 2000), Some(("second", Ok(2))));
        assert!(!slot.busy());
        assert_eq!(slot.poll(), None, "a result is returned once");
    }

    #[test]
    fn latest_reports_panics_and_drops_cancelled_jobs() {
        let mut slot: Latest<u32> = Latest::new("t-panic");
        slot.start((), |_, _| panic!("bad input"), || {});
        let (_, r) = settle(&mut slot, 2000).expect("a result");
        assert_eq!(r, Err("bad input".to_owned()));

        slot.start(
            (),
            |_, cancel| loop {
                cancel.check()?;
                std::thread::yield_now();
            },
            || {},
        );
        assert!(slot.busy());
        slot.cancel();
        assert!(!slot.busy());
        assert_eq!(slot.poll(), None);
    }
}
