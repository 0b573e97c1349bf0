//! The global filter: the filter bar's text, the filter asked for and the one applied, the
//! history Back and Forward walk through, and the background job that selects and re-aggregates
//! the filtered articles.

use std::sync::Arc;

use super::App;
use crate::analysis::filter::{Filter, SubCorpus};
use crate::gui::chrome::FilterBar;
use crate::jobs::Latest;

/// Everything about the global filter.
pub(crate) struct FilterState {
    pub bar: FilterBar,
    /// The filter last asked for (applied, or being applied).
    pub requested: Filter,
    /// The filter behind the scope's sub-corpus.
    pub applied: Option<Filter>,
    /// Earlier filters (most recent last) and the ones Back left (most recent last).
    pub back: Vec<Filter>,
    pub forward: Vec<Filter>,
    /// Selecting and re-aggregating, keyed by the filter.
    job: Latest<Arc<SubCorpus>, Filter>,
}

impl Default for FilterState {
    fn default() -> Self {
        Self {
            bar: FilterBar::default(),
            requested: Filter::default(),
            applied: None,
            back: Vec::new(),
            forward: Vec::new(),
            job: Latest::new("lexiscope-filter"),
        }
    }
}

impl FilterState {
    /// Show `filter` in the bar's fields.
    pub fn show_in_bar(&mut self, filter: &Filter) {
        self.bar.show(filter);
    }

    /// The filter as the chrome sees it.
    pub fn chrome_cx(&mut self) -> crate::gui::chrome::FilterCx<'_> {
        crate::gui::chrome::FilterCx {
            bar: &mut self.bar,
            requested: &self.requested,
            can_go_back: !self.back.is_empty(),
            can_go_forward: !self.forward.is_empty(),
            busy: self.job.busy(),
        }
    }

    /// Whether the filter is being applied.
    pub fn busy(&self) -> bool {
        self.job.busy()
    }
}

impl App {
    /// Apply a new filter the user asked for: the current one goes into the Back history and
    /// the Forward history is dropped; the filter bar shows the new filter.
    /// A filter naming a field the corpus does not have is not applied: the filter bar says
    /// which fields there are.
    pub fn change_filter(&mut self, filter: Filter) {
        if let Err(e) = self.session.scope.analysis.check_fields(&filter) {
            self.filter.show_in_bar(&filter);
            self.filter.bar.error = Some(e.to_string());
            return;
        }
        let f = &mut self.filter;
        if filter != f.requested {
            let previous = std::mem::replace(&mut f.requested, filter.clone());
            f.back.push(previous);
            f.forward.clear();
        }
        f.show_in_bar(&filter);
        self.apply_filter(filter);
    }

    /// Go back to the filter before the current one.
    pub fn filter_back(&mut self) {
        let f = &mut self.filter;
        if let Some(filter) = f.back.pop() {
            let current = std::mem::replace(&mut f.requested, filter.clone());
            f.forward.push(current);
            f.show_in_bar(&filter);
            self.apply_filter(filter);
        }
    }

    /// Undo a [`App::filter_back`].
    pub fn filter_forward(&mut self) {
        let f = &mut self.filter;
        if let Some(filter) = f.forward.pop() {
            let current = std::mem::replace(&mut f.requested, filter.clone());
            f.back.push(current);
            f.show_in_bar(&filter);
            self.apply_filter(filter);
        }
    }

    /// The filter last asked for (it may still be being applied).
    pub fn filter(&self) -> &Filter {
        &self.filter.requested
    }

    /// Select and re-aggregate the filtered sub-corpus in the background (or drop it at once for
    /// an empty filter). The views keep showing the current scope until the result is ready; a
    /// new filter or a new corpus cancels the job, so a stale result is never shown.
    pub fn apply_filter(&mut self, filter: Filter) {
        self.filter.bar.error = None;
        self.filter.requested = filter.clone();
        if filter.is_empty() {
            self.filter.job.cancel();
            if self.session.scope.sub.is_some() {
                self.session.scope.sub = None;
                self.session.bump_key();
            }
            self.filter.bar.applied = None;
            self.filter.applied = None;
            return;
        }
        let corpus = self.session.scope.corpus.clone();
        let analysis = self.session.scope.analysis.clone();
        let job_filter = filter.clone();
        let work = move |_: &crate::jobs::Progress, cancel: &crate::jobs::CancelToken| {
            let docs = analysis.select(&corpus, &job_filter);
            cancel.check()?;
            let mut sub = analysis.aggregate(&docs);
            cancel.check()?;
            sub.phrases = Some(analysis.phrases_for(&corpus, &docs, cancel)?);
            Ok(Arc::new(sub))
        };
        let wake = self.wake();
        self.filter.job.start(filter, work, wake);
    }

    pub(super) fn poll_filter(&mut self) {
        match self.filter.job.poll_keyed() {
            None => {}
            Some((filter, Ok(sub))) => {
                self.session.scope.sub = Some(sub);
                self.session.bump_key();
                self.filter.bar.applied = Some(filter.describe());
                self.filter.applied = Some(filter);
            }
            Some((_, Err(msg))) => {
                let msg = format!("The filter failed: {msg}");
                self.filter.bar.error = Some(msg.clone());
                self.set_status(msg, true);
            }
        }
    }

    /// Whether the filter is being applied.
    pub fn is_filtering(&self) -> bool {
        self.filter.busy()
    }
}
