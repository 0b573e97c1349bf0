//! Words › Links & tags: hashtags and handles as terms, links and domains, a hashtag opening
//! its concordance.

use egui_kittest::kittest::Queryable;
use lexiscope::gui::App;
use lexiscope::gui::View;
use lexiscope::model::{Article, Corpus};

use crate::helpers::{analysed, harness, settle};

/// Three posts: `#Ebola` twice, `@WHO` once, two links to bit.ly and one e-mail address.
fn tweets_app() -> App {
    let texts = [
        "Clinic opens http://bit.ly/a1 #Ebola",
        "Thanks @WHO see bit.ly/b2 #ebola",
        "Write to press@who.int",
    ];
    let corpus = Corpus {
        name: "tweets".into(),
        articles: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Article {
                id: i as u32,
                source: format!("t{i}.txt"),
                text: (*t).to_owned(),
                ..Article::default()
            })
            .collect(),
        ..Corpus::default()
    };
    analysed(corpus)
}

#[test]
fn links_and_tags_tables_and_a_hashtag_concordance() {
    let mut h = harness(tweets_app());
    h.get_by_label("Words").click();
    h.run();
    h.get_by_label("Links & tags").click();
    h.run();
    h.get_by_label_contains("2 links and 1 e-mail addresses in the corpus");
    h.get_by_label_contains("2 hashtags and 1 handles in the selection");
    h.get_by_label("@who");
    h.get_by_label("bit.ly");
    h.get_by_label("who.int");
    h.get_by_label("http://bit.ly/a1");
    h.get_by_label("#ebola").click();
    h.step();
    settle(&mut h);
    assert_eq!(h.state().view(), View::Concordance);
    h.get_by_label("2 lines in 2 articles");
}
