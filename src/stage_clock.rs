//! Wall time and peak resident memory per stage of a long job, for the benchmark.
//!
//! Peak memory per stage uses Linux's resettable high-water mark: `VmHWM` in `/proc/self/status`
//! is read at the end of a stage and reset (by writing `5` to `/proc/self/clear_refs`) for the
//! next one. Where that is not available (other systems, restricted `/proc`), peaks are `None`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Whether [`StageClock::new`] takes peaks: off unless a benchmark asks, because taking them
/// resets a process-wide counter.
static STAGE_PEAKS: AtomicBool = AtomicBool::new(false);

/// Make every [`StageClock::new`] from now on take the peak memory of each stage (the benchmark
/// does this; the app and the CLI leave `/proc` alone).
pub fn enable_stage_peaks() {
    STAGE_PEAKS.store(true, Ordering::Relaxed);
}

/// One finished stage.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    pub name: &'static str,
    pub seconds: f64,
    /// Peak resident memory of the process during the stage, in bytes, when measurable.
    pub peak_rss_bytes: Option<u64>,
}

/// Peak resident memory of this process since start (or since the last reset), in bytes
/// (Linux; `None` elsewhere).
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb = line.split_whitespace().nth(1)?.parse::<u64>().ok()?;
    Some(kb * 1024)
}

/// The process' resident memory now (Linux's `VmRSS`); `None` elsewhere.
pub fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb = line.split_whitespace().nth(1)?.parse::<u64>().ok()?;
    Some(kb * 1024)
}

/// Reset the peak to the current resident memory. False where that is not supported.
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Times consecutive stages: each [`lap`](StageClock::lap) ends the stage that began at the
/// previous lap (or at creation).
#[derive(Debug)]
pub struct StageClock {
    last: Instant,
    /// Whether peaks can be taken per stage (the reset works).
    per_stage_peaks: bool,
    pub stages: Vec<Stage>,
}

impl Default for StageClock {
    fn default() -> Self {
        Self::new()
    }
}

impl StageClock {
    /// Start the first stage now. Times only, unless [`enable_stage_peaks`] was called: then as
    /// [`with_peaks`](Self::with_peaks).
    pub fn new() -> Self {
        if STAGE_PEAKS.load(Ordering::Relaxed) {
            return Self::with_peaks();
        }
        Self::untimed_memory()
    }

    fn untimed_memory() -> Self {
        Self {
            last: Instant::now(),
            per_stage_peaks: false,
            stages: Vec::new(),
        }
    }

    /// Start the first stage now, and take the peak memory of each stage. This resets the
    /// process' high-water mark, so read any earlier peak first.
    pub fn with_peaks() -> Self {
        let per_stage_peaks = reset_peak_rss();
        Self {
            per_stage_peaks,
            ..Self::untimed_memory()
        }
    }

    /// End the current stage under `name` and start the next.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let peak_rss_bytes = if self.per_stage_peaks {
            let peak = peak_rss_bytes();
            reset_peak_rss();
            peak
        } else {
            None
        };
        self.stages.push(Stage {
            name,
            seconds: (now - self.last).as_secs_f64(),
            peak_rss_bytes,
        });
        // Reading and resetting the peak is not part of the next stage.
        self.last = Instant::now();
    }

    /// The largest per-stage peak, if any was measured.
    pub fn max_peak(&self) -> Option<u64> {
        self.stages.iter().filter_map(|s| s.peak_rss_bytes).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_timed_in_order_and_peaks_cover_an_allocation() {
        let mut clock = StageClock::with_peaks();
        let big = vec![1u8; 64 << 20];
        std::hint::black_box(&big);
        clock.lap("allocate");
        drop(big);
        clock.lap("free");
        let names: Vec<_> = clock.stages.iter().map(|s| s.name).collect();
        assert_eq!(names, ["allocate", "free"]);
        assert!(clock.stages.iter().all(|s| s.seconds >= 0.0));
        let mut plain = StageClock::untimed_memory();
        plain.lap("untimed memory");
        assert_eq!(plain.stages[0].peak_rss_bytes, None);
        // Only where the high-water mark can be reset (not in every container).
        if reset_peak_rss() {
            // 64 MiB touched during the first stage: its peak holds them. (The second stage's
            // peak is not compared: the high-water mark is process-wide, and the other unit
            // tests, running on other threads at the same time, move it.)
            let first = clock.stages[0].peak_rss_bytes.expect("Linux has VmHWM");
            assert!(first >= 64 << 20, "peak {first}");
            assert!(
                clock.stages[1].peak_rss_bytes.is_some(),
                "every stage is measured"
            );
        }
    }
}
