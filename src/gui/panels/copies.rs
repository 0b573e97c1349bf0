//! The "copies of this article" list of the reader: the other members of the article's
//! near-duplicate cluster, with their similarity, each opened by a click when it is in the corpus
//! (dropped copies are listed by source).

use egui::{RichText, Ui};
use rustc_hash::FxHashMap;

use crate::model::{CleaningReport, NearDuplicateCluster};

/// The near-duplicate cluster of each article, built once per corpus.
#[derive(Default)]
pub struct CopiesIndex {
    /// The scope key this index was built for, so a new corpus rebuilds it.
    built_for: Option<u64>,
    cluster_of: FxHashMap<u32, usize>,
}

impl CopiesIndex {
    /// Make the index describe `report`.
    pub fn update(&mut self, key: u64, report: &CleaningReport) {
        if self.built_for != Some(key) {
            self.cluster_of = report.cluster_of_articles();
            self.built_for = Some(key);
        }
    }

    /// The cluster of article `doc`, if it has copies.
    pub fn cluster<'r>(
        &self,
        report: &'r CleaningReport,
        doc: u32,
    ) -> Option<&'r NearDuplicateCluster> {
        report
            .near_duplicate_clusters
            .get(*self.cluster_of.get(&doc)?)
    }
}

/// The copies of article `doc` in `cluster`; returns the copy clicked, to open it.
pub fn copies_ui(ui: &mut Ui, cluster: &NearDuplicateCluster, doc: u32) -> Option<u32> {
    let mut open = None;
    let others = cluster.members.len().saturating_sub(1);
    egui::CollapsingHeader::new(format!("Copies of this article ({others})"))
        .id_salt(("copies", doc))
        .default_open(true)
        .show(ui, |ui| {
            for (k, m) in cluster.members.iter().enumerate() {
                if m.article_id == Some(doc) {
                    continue;
                }
                ui.horizontal_wrapped(|ui| {
                    let name = if m.title.is_empty() {
                        m.source.as_str()
                    } else {
                        m.title.as_str()
                    };
                    match m.article_id {
                        Some(id) => {
                            if ui.link(name).clicked() {
                                open = Some(id);
                            }
                        }
                        None => {
                            ui.label(name);
                        }
                    }
                    let role = if k == 0 {
                        "representative".to_owned()
                    } else {
                        format!("{:.0}% similar", m.similarity * 100.0)
                    };
                    ui.label(RichText::new(role).weak());
                    if m.article_id.is_none() {
                        ui.label(RichText::new("(dropped: counted once)").weak());
                    }
                    ui.label(RichText::new(&m.source).weak().small());
                });
            }
        });
    open
}
