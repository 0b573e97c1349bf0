//! The global filter: applying it in the background, and the history of earlier filters that
//! Back and Forward walk through.

use std::sync::Arc;

use super::App;
use crate::analysis::filter::Filter;
use crate::jobs::{Job, JobPoll};

impl App {
    /// Apply a new filter the user asked for: the current one goes into the Back history and
    /// the Forward history is dropped; the filter bar shows the new filter.
    pub fn change_filter(&mut self, filter: Filter) {
        if filter == self.requested_filter {
            self.show_in_filter_bar(&filter);
            self.apply_filter(filter);
            return;
        }
        let previous = std::mem::replace(&mut self.requested_filter, filter.clone());
        self.filter_back.push(previous);
        self.filter_forward.clear();
        self.show_in_filter_bar(&filter);
        self.apply_filter(filter);
    }

    /// Go back to the filter before the current one.
    pub fn filter_back(&mut self) {
        if let Some(filter) = self.filter_back.pop() {
            let current = std::mem::replace(&mut self.requested_filter, filter.clone());
            self.filter_forward.push(current);
            self.show_in_filter_bar(&filter);
            self.apply_filter(filter);
        }
    }

    /// Undo a [`App::filter_back`].
    pub fn filter_forward(&mut self) {
        if let Some(filter) = self.filter_forward.pop() {
            let current = std::mem::replace(&mut self.requested_filter, filter.clone());
            self.filter_back.push(current);
            self.show_in_filter_bar(&filter);
            self.apply_filter(filter);
        }
    }

    /// The filter last asked for (it may still be being applied).
    pub fn filter(&self) -> &Filter {
        &self.requested_filter
    }

    pub(super) fn show_in_filter_bar(&mut self, filter: &Filter) {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        self.filter_text.from = date(filter.from);
        self.filter_text.to = date(filter.to);
        self.filter_text.query = filter
            .query
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
    }

    /// Select and re-aggregate the filtered sub-corpus in the background (or drop it at once for
    /// an empty filter). The views keep showing the current scope until the result is ready.
    pub fn apply_filter(&mut self, filter: Filter) {
        self.filter_text.error = None;
        self.requested_filter = filter.clone();
        if let Some(job) = self.filter_job.take() {
            job.cancel.cancel();
        }
        if filter.is_empty() {
            if self.scope.sub.is_some() {
                self.scope.sub = None;
                self.scope.key = self.bump_key();
            }
            self.filter_text.applied = None;
            self.applied_filter = None;
            return;
        }
        let corpus = self.scope.corpus.clone();
        let analysis = self.scope.analysis.clone();
        let generation = Arc::as_ptr(&analysis) as u64;
        let wake = self.wake();
        let work = move |_: &crate::jobs::Progress, cancel: &crate::jobs::CancelToken| {
            let docs = analysis.select(&corpus, &filter);
            cancel.check()?;
            let mut sub = analysis.aggregate(&docs);
            cancel.check()?;
            sub.phrases = Some(analysis.phrases_for(&corpus, &docs, cancel)?);
            Ok((Arc::new(sub), filter))
        };
        match Job::spawn("lexiscope-filter", generation, work, wake) {
            Ok(job) => self.filter_job = Some(job),
            Err(e) => self.set_status(format!("Cannot start the filter: {e}"), true),
        }
    }

    pub(super) fn poll_filter(&mut self) {
        let Some(job) = &mut self.filter_job else {
            return;
        };
        let result = match job.poll() {
            JobPoll::Running => return,
            r => r,
        };
        let current = job.generation == Arc::as_ptr(&self.scope.analysis) as u64;
        self.filter_job = None;
        match result {
            JobPoll::Done((sub, filter)) if current => {
                self.scope.sub = Some(sub);
                self.scope.key = self.bump_key();
                self.filter_text.applied = Some(filter.describe());
                self.applied_filter = Some(filter);
            }
            JobPoll::Failed(msg) => {
                self.filter_text.error = Some(format!("The filter failed: {msg}"))
            }
            _ => {}
        }
    }

    /// Whether the filter is being applied.
    pub fn is_filtering(&self) -> bool {
        self.filter_job.is_some()
    }
}
