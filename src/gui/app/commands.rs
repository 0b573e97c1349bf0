//! What clicks ask for: the [`Command`]s collected during the UI pass, run after it.

use super::App;
use crate::analysis::filter::Filter;
use crate::analysis::keyness::KeyItem;
use crate::gui::command::{Command, PickPurpose, View};
use crate::gui::picker::PickKind;

impl App {
    pub(super) fn run_command(&mut self, cmd: Command) {
        match cmd {
            Command::OpenPaths(paths) => self.open_paths(paths),
            Command::PickToOpen(kind) => self.ask(kind, PickPurpose::Open),
            Command::CancelLoad => self.cancel_load(),
            Command::Reanalyze => self.reanalyze(),
            Command::ExportAll => {
                if self.session.scope.corpus.articles.is_empty() {
                    self.set_status("Open a corpus first: there is nothing to export.", true);
                } else {
                    self.ask(PickKind::ExportFolder, PickPurpose::ExportAll);
                }
            }
            Command::ExportCsv(export) => {
                let kind = PickKind::SaveFile {
                    suggested_name: export.file_name(),
                };
                self.ask(kind, PickPurpose::ExportCsv(export));
            }
            Command::SavePng { rect, name } => self.ask_save(PickPurpose::SavePng { rect, name }),
            Command::SaveChart(file) => self.ask_save(PickPurpose::SaveChart(file)),
            Command::ShowView(v) => self.view = v,
            Command::Drill(series) => self.panels.detail.show(series),
            Command::ShowPeriod { from, to, label } => {
                self.panels.documents.show_period(from, to, label);
                self.view = View::Documents;
            }
            Command::OpenArticle { doc, span } => {
                self.panels.documents.open(doc, span);
                self.view = View::Documents;
            }
            Command::AddTrend(series) => {
                self.panels.timeline.add_series(series);
                self.view = View::Timeline;
            }
            Command::ConcordanceEntity(e) => {
                let name = self.session.scope.analysis.entity_name(e).to_owned();
                self.panels.concordance.search_entity(e, &name);
                self.view = View::Concordance;
            }
            Command::Concordance(text) => {
                self.panels.concordance.search(&text);
                self.view = View::Concordance;
            }
            Command::ApplyFilter(filter) => self.change_filter(filter),
            Command::ClearFilter => self.change_filter(Filter::default()),
            Command::SetDates { from, to } => {
                let filter = Filter {
                    from,
                    to,
                    ..self.filter.requested.clone()
                };
                self.change_filter(filter);
            }
            Command::RemoveQuery => {
                let filter = Filter {
                    query: None,
                    ..self.filter.requested.clone()
                };
                self.change_filter(filter);
            }
            Command::ConcordanceIn { item, docs, label } => {
                let name = self.session.scope.analysis.item_name(item).to_owned();
                let entity = match item {
                    KeyItem::Entity(e) => Some(e),
                    KeyItem::Term(_) => None,
                };
                self.panels
                    .concordance
                    .search_in(&name, entity, docs, label);
                self.view = View::Concordance;
            }
            Command::FilterBack => self.filter_back(),
            Command::FilterForward => self.filter_forward(),
            Command::SetTheme(theme) => self.state.theme = theme,
            Command::ApplySettings {
                analysis,
                top_n,
                import,
            } => self.apply_settings(analysis, top_n, import),
            Command::Picked(purpose, paths) => self.picked(purpose, paths),
            Command::CancelExport => self.cancel_export(),
            Command::EditEntities(rules) => {
                self.state.analysis.entity_rules = rules;
                self.reanalyze();
            }
            cmd @ (Command::ExportEntityRules(_)
            | Command::ImportEntityRules
            | Command::SaveSession
            | Command::OpenSession) => self.run_file_command(cmd),
        }
    }

    /// The commands that ask for a file to read or write (entity rules, sessions).
    fn run_file_command(&mut self, cmd: Command) {
        match cmd {
            Command::ExportEntityRules(rules) => {
                let kind = PickKind::SaveFile {
                    suggested_name: "entity_rules.csv".into(),
                };
                self.ask(kind, PickPurpose::ExportEntityRules(rules));
            }
            Command::ImportEntityRules => {
                self.ask(PickKind::OpenCsv, PickPurpose::ImportEntityRules);
            }
            Command::SaveSession => {
                if self.session.paths.is_empty() {
                    self.set_status("Open a corpus first: there is no session to save.", true);
                } else {
                    self.ask_save(PickPurpose::SaveSession);
                }
            }
            Command::OpenSession => self.ask(PickKind::OpenSession, PickPurpose::OpenSession),
            _ => {}
        }
    }
}

impl App {
    /// Keep the settings window's settings and re-analyse (or import again, when the import
    /// choices changed).
    fn apply_settings(
        &mut self,
        analysis: crate::analysis::AnalysisSettings,
        top_n: usize,
        import: crate::gui::settings::ImportChoices,
    ) {
        // The settings window does not edit the entity corrections: an edit made while it was
        // open stays.
        let entity_rules = std::mem::take(&mut self.state.analysis.entity_rules);
        self.state.analysis = crate::analysis::AnalysisSettings {
            entity_rules,
            ..analysis
        };
        self.state.top_n = top_n;
        if import == self.state.import {
            self.reanalyze();
        } else {
            // Import again: a table joined or dropped changes the articles themselves.
            self.state.import = import;
            self.open_paths(self.session.paths.clone());
        }
    }
}
