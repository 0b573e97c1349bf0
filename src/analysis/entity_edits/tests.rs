//! The edits on a hand-built entity layer (every figure worked out by hand), the rules file, and
//! the edits applied by the engine to a tiny analysed corpus.

use super::*;
use crate::analysis::entities::Mention;
use crate::analysis::{AnalysisSettings, analyze};
use crate::jobs::{CancelToken, Progress};
use crate::model::{Article, Corpus};
use EntityKind::{Location as Loc, Misc, Organization as Org, Person as Per};

const T0: &str = "Jane Doe met Doe in Cairo.";
const T1: &str = "Cairo hosts Acme. Doe spoke Mon.";

/// A mention of `surface` (its first occurrence at or after `from`) in `text`.
fn at(text: &str, surface: &str, from: usize, kind: EntityKind, entity: u32) -> Mention {
    let start = text[from..].find(surface).expect("surface in text") + from;
    Mention {
        start,
        end: start + surface.len(),
        kind,
        entity,
    }
}

fn ent(name: &str, kind: EntityKind, variants: &[(&str, u64)]) -> Entity {
    Entity {
        name: name.into(),
        kind,
        variants: variants.iter().map(|(s, n)| ((*s).into(), *n)).collect(),
    }
}

/// What a (bad) extractor might say: "Cairo" as an alias of the person, "Acme" a PERSON, the
/// bare "Doe" of the second text apart, "Mon" a place.
fn extracted() -> CorpusEntities {
    CorpusEntities {
        entities: vec![
            ent("Acme", Per, &[("Acme", 1)]),
            ent("Doe", Per, &[("Doe", 1)]),
            ent(
                "Jane Doe",
                Per,
                &[("Cairo", 2), ("Doe", 1), ("Jane Doe", 1)],
            ),
            ent("Mon", Loc, &[("Mon", 1)]),
        ],
        mentions: vec![
            vec![
                at(T0, "Jane Doe", 0, Per, 2),
                at(T0, "Doe", 5, Per, 2),
                at(T0, "Cairo", 0, Per, 2),
            ],
            vec![
                at(T1, "Cairo", 0, Per, 2),
                at(T1, "Acme", 0, Per, 0),
                at(T1, "Doe", 0, Per, 1),
                at(T1, "Mon", 0, Loc, 3),
            ],
        ],
    }
}

fn apply(edits: Vec<EntityEdit>) -> (CorpusEntities, Vec<String>) {
    let mut ce = extracted();
    let notes = EntityRules { edits }.apply(&mut ce, &[T0, T1]);
    (ce, notes)
}

/// (name, type, mentions) of every entity.
fn table(ce: &CorpusEntities) -> Vec<(&str, EntityKind, u64)> {
    ce.entities
        .iter()
        .map(|e| {
            (
                e.name.as_str(),
                e.kind,
                e.variants.iter().map(|v| v.1).sum(),
            )
        })
        .collect()
}

/// (surface, type, entity id) of every mention of text `t`.
fn mentions<'a>(ce: &CorpusEntities, t: usize, text: &'a str) -> Vec<(&'a str, EntityKind, u32)> {
    ce.mentions[t]
        .iter()
        .map(|m| (&text[m.start..m.end], m.kind, m.entity))
        .collect()
}

#[test]
fn no_edits_leave_the_entities_untouched() {
    let (ce, notes) = apply(Vec::new());
    assert_eq!(ce, extracted());
    assert!(notes.is_empty());
}

#[test]
fn merge_moves_mentions_and_variants_into_the_target() {
    let (ce, notes) = apply(vec![
        EntityEdit::new(EditAction::Merge, "Doe", Some(Per)).to("Jane Doe"),
    ]);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(
        table(&ce),
        [("Acme", Per, 1), ("Jane Doe", Per, 5), ("Mon", Loc, 1)]
    );
    assert_eq!(
        ce.entities[1].variants,
        [
            ("Cairo".into(), 2),
            ("Doe".into(), 2),
            ("Jane Doe".into(), 1)
        ]
    );
    assert_eq!(
        mentions(&ce, 1, T1),
        [
            ("Cairo", Per, 1),
            ("Acme", Per, 0),
            ("Doe", Per, 1),
            ("Mon", Loc, 2)
        ]
    );
}

#[test]
fn split_makes_the_alias_an_entity_of_the_type_given() {
    let (ce, notes) = apply(vec![
        EntityEdit::new(EditAction::Split, "Jane Doe", None)
            .to("Cairo")
            .as_kind(Loc),
    ]);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(
        table(&ce),
        [
            ("Acme", Per, 1),
            ("Cairo", Loc, 2),
            ("Doe", Per, 1),
            ("Jane Doe", Per, 2),
            ("Mon", Loc, 1)
        ]
    );
    assert_eq!(
        mentions(&ce, 0, T0),
        [("Jane Doe", Per, 3), ("Doe", Per, 3), ("Cairo", Loc, 1)]
    );
    // Without a type the alias keeps the entity's.
    let (ce, _) = apply(vec![
        EntityEdit::new(EditAction::Split, "Jane Doe", None).to("Doe"),
    ]);
    assert_eq!(
        table(&ce),
        [
            ("Acme", Per, 1),
            ("Doe", Per, 2),
            ("Jane Doe", Per, 3),
            ("Mon", Loc, 1)
        ]
    );
}

#[test]
fn rename_retype_and_hide() {
    let (ce, notes) = apply(vec![
        EntityEdit::new(EditAction::Rename, "Jane Doe", None).to("Jane A. Doe"),
        EntityEdit::new(EditAction::Retype, "Acme", None).as_kind(Org),
        EntityEdit::new(EditAction::Hide, "Mon", Some(Loc)),
    ]);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(
        table(&ce),
        [("Acme", Org, 1), ("Doe", Per, 1), ("Jane A. Doe", Per, 4)]
    );
    assert_eq!(
        mentions(&ce, 1, T1),
        [("Cairo", Per, 2), ("Acme", Org, 0), ("Doe", Per, 1)]
    );
}

#[test]
fn edits_apply_in_order_and_equal_names_join() {
    let (ce, notes) = apply(vec![
        EntityEdit::new(EditAction::Split, "Jane Doe", None)
            .to("Cairo")
            .as_kind(Loc),
        // Renaming to a name and type that exist joins the two entities.
        EntityEdit::new(EditAction::Rename, "Doe", None).to("Jane Doe"),
        EntityEdit::new(EditAction::Retype, "acme", None).as_kind(Org),
        EntityEdit::new(EditAction::Hide, "Mon", None),
        EntityEdit::new(EditAction::Rename, "Jane Doe", None).to("Jane A. Doe"),
    ]);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(
        table(&ce),
        [("Acme", Org, 1), ("Cairo", Loc, 2), ("Jane A. Doe", Per, 3)]
    );
    assert_eq!(
        mentions(&ce, 0, T0),
        [("Jane Doe", Per, 2), ("Doe", Per, 2), ("Cairo", Loc, 1)]
    );
    assert_eq!(
        mentions(&ce, 1, T1),
        [("Cairo", Loc, 1), ("Acme", Org, 0), ("Doe", Per, 2)]
    );
}

#[test]
fn edits_that_name_nothing_are_skipped_with_a_note() {
    let (ce, notes) = apply(vec![
        EntityEdit::new(EditAction::Hide, "Nobody", None),
        EntityEdit::new(EditAction::Hide, "Mon", Some(Per)),
        EntityEdit::new(EditAction::Merge, "Doe", None).to("Doe"),
        EntityEdit::new(EditAction::Split, "Acme", None).to("Cairo"),
        EntityEdit::new(EditAction::Retype, "Acme", None),
        EntityEdit::new(EditAction::Rename, "Acme", None),
    ]);
    assert_eq!(ce, extracted());
    assert_eq!(
        notes,
        [
            "edit 1 (hide \"Nobody\"): no entity named \"Nobody\"",
            "edit 2 (hide \"Mon\" (PERSON)): no PERSON entity named \"Mon\"",
            "edit 3 (merge \"Doe\" into \"Doe\"): an entity cannot be merged into itself",
            "edit 4 (split \"Cairo\" off \"Acme\"): \"Acme\" has no alias \"Cairo\"",
            "edit 5 (retype \"Acme\" as ?): no new type",
            "edit 6 (rename \"Acme\" to \"\"): no new name",
        ]
    );
}

#[test]
fn rules_file_round_trip() {
    let rules = EntityRules {
        edits: vec![
            EntityEdit::new(EditAction::Merge, "Doe", Some(Per)).to("Jane Doe"),
            EntityEdit::new(EditAction::Split, "Jane Doe", None)
                .to("Cairo, Egypt")
                .as_kind(Loc),
            EntityEdit::new(EditAction::Rename, "Jane Doe", None).to("Jane \"JD\" Doe"),
            EntityEdit::new(EditAction::Retype, "Acme", None).as_kind(Org),
            EntityEdit::new(EditAction::Hide, "Mon", Some(Misc)),
        ],
    };
    let text = rules.to_csv();
    assert_eq!(
        text,
        "action,entity,type,target,target_type\n\
         merge,Doe,PERSON,Jane Doe,\n\
         split,Jane Doe,,\"Cairo, Egypt\",LOCATION\n\
         rename,Jane Doe,,\"Jane \"\"JD\"\" Doe\",\n\
         retype,Acme,,,ORGANIZATION\n\
         hide,Mon,MISC,,\n"
    );
    let (back, warnings) = EntityRules::from_csv(&text).expect("reads");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(back, rules);
}

#[test]
fn rules_file_columns_by_name_and_bad_rows_listed() {
    // Columns in another order, upper case, a BOM, a short row, a blank row, and the new type
    // of a retype written in the target column.
    let text = "\u{feff}Entity,ACTION,target\n\
                Doe,merge,Jane Doe\n\
                Acme,retype,org\n\
                Mon,explode,\n\
                ,hide,\n\
                Doe,rename\n\
                ,\n\
                Zed,HIDE,\n";
    let (rules, warnings) = EntityRules::from_csv(text).expect("reads");
    assert_eq!(
        rules.edits,
        [
            EntityEdit::new(EditAction::Merge, "Doe", None).to("Jane Doe"),
            EntityEdit::new(EditAction::Retype, "Acme", None).as_kind(Org),
            EntityEdit::new(EditAction::Hide, "Zed", None),
        ]
    );
    assert_eq!(
        warnings,
        [
            "line 4: unknown action \"explode\" (merge, split, rename, retype or hide); skipped",
            "line 5: no entity named; skipped",
            "line 6: rename needs a target; skipped",
        ]
    );
    let (_, bad_type) = EntityRules::from_csv("action,entity,type\nhide,X,ANIMAL\n").expect("ok");
    assert_eq!(
        bad_type,
        ["line 2: unknown type \"ANIMAL\" (PERSON, ORGANIZATION, LOCATION or MISC); skipped"]
    );
}

#[test]
fn malformed_rules_files_are_errors() {
    assert_eq!(EntityRules::from_csv(""), Err(RulesFileError::Empty));
    assert_eq!(EntityRules::from_csv(" \n"), Err(RulesFileError::Empty));
    assert_eq!(
        EntityRules::from_csv("merge,Doe,PERSON,Jane Doe\n"),
        Err(RulesFileError::NoHeader)
    );
    assert_eq!(
        EntityRules::from_csv("\u{0}\u{1}garbage"),
        Err(RulesFileError::NoHeader)
    );
}

/// Three articles naming Angela Merkel ("Angela Merkel", then "Merkel" twice), Emmanuel Macron
/// ("Emmanuel Macron", "Macron"), Paris (twice in one article) and Berlin (once in each of two).
fn news() -> Corpus {
    let art = |id: u32, text: &str| Article {
        id,
        source: format!("a{id}.txt"),
        text: text.to_owned(),
        ..Article::default()
    };
    Corpus {
        articles: vec![
            art(
                0,
                "Angela Merkel visited Paris on Monday. Merkel met Emmanuel Macron in Paris.",
            ),
            art(1, "Merkel spoke in Berlin on Tuesday."),
            art(2, "Macron flew to Berlin."),
        ],
        ..Corpus::default()
    }
}

fn analysed(edits: Vec<EntityEdit>) -> crate::analysis::Analysis {
    let settings = AnalysisSettings {
        entity_rules: EntityRules { edits },
        ..AnalysisSettings::default()
    };
    analyze(
        &news(),
        &settings,
        &Progress::default(),
        &CancelToken::new(),
    )
    .expect("analyses")
}

/// (name, type, mentions, articles) of the entity table, as every view and export reads it.
fn stats(a: &crate::analysis::Analysis) -> Vec<(String, EntityKind, u64, u32)> {
    a.entity_stats
        .iter()
        .map(|s| {
            let e = &a.entities.entities[s.entity as usize];
            (e.name.clone(), e.kind, s.mentions, s.doc_freq)
        })
        .collect()
}

fn select(a: &crate::analysis::Analysis, query: &str) -> Vec<u32> {
    let filter = crate::analysis::filter::Filter::parse(query).expect("query parses");
    a.select(&news(), &filter)
}

#[test]
fn the_engine_applies_the_edits_before_the_index() {
    let s = |n: &str| n.to_owned();
    // Without edits (hand-checked against the text).
    let plain = analysed(Vec::new());
    assert_eq!(
        stats(&plain),
        [
            (s("Angela Merkel"), Per, 3, 2),
            (s("Berlin"), Loc, 2, 2),
            (s("Emmanuel Macron"), Per, 2, 2),
            (s("Paris"), Loc, 2, 1),
        ]
    );
    let a = analysed(vec![
        EntityEdit::new(EditAction::Split, "Angela Merkel", None).to("Merkel"),
        EntityEdit::new(EditAction::Rename, "Emmanuel Macron", None).to("E. Macron"),
        EntityEdit::new(EditAction::Hide, "Berlin", None),
        EntityEdit::new(EditAction::Retype, "Paris", None).as_kind(Misc),
    ]);
    assert!(a.entity_edit_notes.is_empty(), "{:?}", a.entity_edit_notes);
    assert_eq!(
        stats(&a),
        [
            (s("E. Macron"), Per, 2, 2),
            (s("Merkel"), Per, 2, 2),
            (s("Paris"), Misc, 2, 1),
            (s("Angela Merkel"), Per, 1, 1),
        ]
    );
    assert_eq!(
        (a.summary.entity_mentions, a.summary.distinct_entities),
        (7, 4)
    );
    // The filter, the per-article index and the pairs see the edited entities.
    assert_eq!(select(&a, "entity:Merkel"), [0, 1]);
    assert_eq!(select(&a, "entity:\"Angela Merkel\""), [0]);
    assert_eq!(select(&a, "entity:Berlin"), Vec::<u32>::new());
    assert_eq!(select(&a, "type:MISC"), [0]);
    assert_eq!(a.docs[2].entities.len(), 1);
    let names = |p: &crate::analysis::entities::EntityPair| {
        (a.entity_name(p.a).to_owned(), a.entity_name(p.b).to_owned())
    };
    assert!(a.entity_pairs.iter().all(|p| {
        let (x, y) = names(p);
        x != "Berlin" && y != "Berlin"
    }));
}

#[test]
fn the_engine_merges_and_keyness_counts_the_merged_entity() {
    let a = analysed(vec![
        EntityEdit::new(EditAction::Merge, "Emmanuel Macron", None).to("Angela Merkel"),
    ]);
    let s = |n: &str| n.to_owned();
    assert_eq!(
        stats(&a),
        [
            (s("Angela Merkel"), Per, 5, 3),
            (s("Berlin"), Loc, 2, 2),
            (s("Paris"), Loc, 2, 1),
        ]
    );
    // "Macron" is now an alias of the merged entity, named in every article.
    assert_eq!(select(&a, "entity:Macron"), [0, 1, 2]);
    // Keyness of the first article against the others: the merged entity has 3 mentions there
    // and 2 in the reference.
    let k = a.keyness(&[0], &[1, 2], 1);
    let merged = a
        .entities
        .entities
        .iter()
        .position(|e| e.name == "Angela Merkel");
    let row = k
        .rows
        .iter()
        .find(|r| {
            Some(r.item) == merged.map(|e| crate::analysis::keyness::KeyItem::Entity(e as u32))
        })
        .expect("the merged entity is tested");
    assert_eq!((row.target_count, row.reference_count), (3, 2));
}
