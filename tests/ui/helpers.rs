//! Helpers of the UI tests: a tiny hand-made corpus analysed by the engine (with one entity added
//! by hand, since extraction is not what these tests are about), and a harness around the app.

#![allow(dead_code)]

use std::time::Duration;

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lexiscope::analysis::entities::{Entity, EntityPair, Mention};
use lexiscope::analysis::{AnalysisSettings, EntityKind, EntityStat, analyze};
use lexiscope::gui::App;
use lexiscope::gui::settings::Periods;
use lexiscope::jobs::{CancelToken, Progress};
use lexiscope::model::{Article, Corpus, Granularity};

/// Three articles: two dated a week apart, one undated.
///
/// Tokens: 6 + 10 + 3 = 19. Content terms (English stopwords out): cat 3 (2 articles), dog 2,
/// sat 2, cats 1, dogs 1, ran 1, slept 1.
pub fn tiny_corpus() -> Corpus {
    let art = |id: u32, title: &str, date: Option<(i32, u32, u32)>, text: &str| Article {
        id,
        source: format!("a{id}.txt"),
        title: title.to_owned(),
        date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        text: text.to_owned(),
        ..Article::default()
    };
    Corpus {
        name: "tiny".into(),
        articles: vec![
            art(0, "Cats", Some((2023, 1, 2)), "The cat sat. The cat ran!"),
            art(
                1,
                "Dogs",
                Some((2023, 1, 9)),
                "A dog sat with the cat, then the dog slept.",
            ),
            art(2, "Dogs and cats", None, "Dogs and cats."),
        ],
        ..Corpus::default()
    }
}

/// The tiny corpus, analysed, with one PERSON entity "Tabby" mentioned twice in the first
/// article (as "The cat", bytes 0..7 and 13..20).
pub fn tiny_app() -> App {
    tiny_app_with_entity("Tabby")
}

/// [`tiny_app`] with the entity named `name`.
pub fn tiny_app_with_entity(name: &str) -> App {
    let corpus = tiny_corpus();
    let settings = AnalysisSettings {
        min_collocation_count: 2,
        ..AnalysisSettings::default()
    };
    let mut a = analyze(
        &corpus,
        &settings,
        &Progress::default(),
        &CancelToken::new(),
    )
    .expect("the analysis runs");
    let mention = |start, end| Mention {
        start,
        end,
        kind: EntityKind::Person,
        entity: 0,
    };
    a.entities.entities = vec![Entity {
        name: name.into(),
        kind: EntityKind::Person,
        variants: vec![("The cat".into(), 2)],
    }];
    a.entities.mentions = vec![vec![mention(0, 7), mention(13, 20)], vec![], vec![]];
    a.docs[0].entities = vec![(0, 2)];
    a.entity_postings = vec![vec![(0, 2)]];
    a.entity_stats = vec![EntityStat {
        entity: 0,
        mentions: 2,
        doc_freq: 1,
        first_date: NaiveDate::from_ymd_opt(2023, 1, 2),
        last_date: NaiveDate::from_ymd_opt(2023, 1, 2),
    }];
    a.summary.entity_mentions = 2;
    a.summary.distinct_entities = 1;
    yearly(App::with_corpus(corpus, a))
}

/// The app drawing timelines by year (these tests were worked out by year; "Auto" would pick
/// days for the tiny corpus's one week).
fn yearly(mut app: App) -> App {
    app.state.periods = Periods::Fixed(Granularity::Year);
    app
}

/// An app showing `corpus`, analysed with the default settings.
pub fn analysed(corpus: Corpus) -> App {
    let a = analyze(
        &corpus,
        &AnalysisSettings::default(),
        &Progress::default(),
        &CancelToken::new(),
    )
    .expect("the analysis runs");
    App::with_corpus(corpus, a)
}

/// An app without a corpus.
pub fn app() -> App {
    App::new_for_test()
}

/// A headless harness around the app, in a window-sized area. `run` allows 16 frames to settle
/// (animations such as a theme fade or a spinner that stops may take a few more than the default
/// 4 on a loaded machine).
pub fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1300.0, 850.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut App| app.frame(ui), app)
}

/// Let background jobs (searches, exports) finish, then draw until the UI is still.
pub fn settle(h: &mut Harness<'static, App>) {
    // Commands of the last click run at the end of a frame; the jobs they start begin in the next.
    h.step();
    assert!(
        h.state_mut().wait_for_jobs(Duration::from_secs(20)),
        "background jobs did not finish"
    );
    h.run();
}

/// Click a text field by its label (which focuses it), then type into it.
pub fn type_into(h: &mut Harness<'static, App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// The tiny corpus with two entities set by hand: PERSON "Tabby" (written "The cat" twice in the
/// first article and "the cat" once in the second) and ORGANIZATION "Rex" ("A dog" and "the dog"
/// in the second article), named together in one sentence of one article.
pub fn entities_app() -> App {
    let corpus = tiny_corpus();
    let mut a = analyze(
        &corpus,
        &AnalysisSettings::default(),
        &Progress::default(),
        &CancelToken::new(),
    )
    .expect("the analysis runs");
    let mention = |start, end, kind, entity| Mention {
        start,
        end,
        kind,
        entity,
    };
    let (p, o) = (EntityKind::Person, EntityKind::Organization);
    a.entities.entities = vec![
        Entity {
            name: "Tabby".into(),
            kind: p,
            variants: vec![("The cat".into(), 2), ("the cat".into(), 1)],
        },
        Entity {
            name: "Rex".into(),
            kind: o,
            variants: vec![("A dog".into(), 1), ("the dog".into(), 1)],
        },
    ];
    // Second article: "A dog sat with the cat, then the dog slept."
    a.entities.mentions = vec![
        vec![mention(0, 7, p, 0), mention(13, 20, p, 0)],
        vec![
            mention(0, 5, o, 1),
            mention(15, 22, p, 0),
            mention(29, 36, o, 1),
        ],
        vec![],
    ];
    a.docs[0].entities = vec![(0, 2)];
    a.docs[1].entities = vec![(0, 1), (1, 2)];
    a.entity_postings = vec![vec![(0, 2), (1, 1)], vec![(1, 2)]];
    let day = |d| NaiveDate::from_ymd_opt(2023, 1, d);
    a.entity_stats = vec![
        EntityStat {
            entity: 0,
            mentions: 3,
            doc_freq: 2,
            first_date: day(2),
            last_date: day(9),
        },
        EntityStat {
            entity: 1,
            mentions: 2,
            doc_freq: 1,
            first_date: day(9),
            last_date: day(9),
        },
    ];
    a.entity_pairs = vec![EntityPair {
        a: 0,
        b: 1,
        sentence_count: 1,
        article_count: 1,
        pmi: 0.585,
        log_likelihood: 1.91,
    }];
    a.summary.entity_mentions = 5;
    a.summary.distinct_entities = 2;
    yearly(App::with_corpus(corpus, a))
}
