use super::*;

fn article(text: &str, offset: usize) -> Article {
    Article {
        text: text.to_owned(),
        body_char_offset: offset,
        ..Article::default()
    }
}

#[test]
fn removed_lines_keep_every_offset_true() {
    let source = "Héadline\n\nBy Jane Doe, The Courier\nCAIRO (Reuters) — Talks in Cairo resumed.\n\
                  Share | Facebook\nÉgypt said yes.\nSign up now\n";
    let body = 10; // chars of "Héadline\n\n"
    let text: String = source.chars().skip(body).collect();
    let mut a = article(&text, body);
    let mut lines = FxHashSet::default();
    for line in ["share | facebook", "sign up now"] {
        lines.insert({
            let mut h = rustc_hash::FxHasher::default();
            std::hash::Hasher::write(&mut h, line.as_bytes());
            std::hash::Hasher::finish(&h)
        });
    }
    let opts = CleaningOptions {
        boilerplate_min_words: 2,
        ..CleaningOptions::default()
    };
    let e = clean_article(&mut a, &lines, &opts);
    assert_eq!(
        a.text,
        "Talks in Cairo resumed.\n                \nÉgypt said yes."
    );
    assert_eq!((e.lines, e.byline, e.dateline), (2, true, true));
    // 16 + 11 bytes of lines, 24 of the byline, 20 of the dateline ("—" is 3 bytes).
    assert_eq!(e.bytes, 16 + 11 + 24 + 20);
    // Every character of the cleaned text is at its offset in the source.
    let source_chars: Vec<char> = source.chars().collect();
    for (i, c) in a.text.chars().enumerate() {
        if c != ' ' {
            assert_eq!(source_chars[a.body_char_offset + i], c, "at {i}");
        }
    }
    assert_eq!(a.body_char_offset, body + 25 + 18);
}

#[test]
fn untouched_articles_stay_as_they_are() {
    let mut a = article("  Plain text, nothing to cut.\n", 3);
    let e = clean_article(&mut a, &FxHashSet::default(), &CleaningOptions::default());
    assert_eq!(a.text, "  Plain text, nothing to cut.\n");
    assert_eq!((a.body_char_offset, e.bytes), (3, 0));
}

#[test]
fn copies_are_marked_and_dropped_unless_kept() {
    let story: String = (0..40).map(|i| format!("word{i} ")).collect();
    let edited = format!("{story} and one more sentence here");
    let other: String = (0..40).map(|i| format!("other{i} ")).collect();
    let make = || {
        vec![
            Article {
                source: "a.txt".into(),
                ..article(&story, 0)
            },
            Article {
                source: "b.txt".into(),
                ..article(&other, 0)
            },
            Article {
                source: "c.txt".into(),
                ..article(&edited, 0)
            },
        ]
    };
    let mut report = CleaningReport::default();
    let kept = near_duplicates(make(), 0.8, false, &mut report, &CancelToken::new())
        .expect("not cancelled");
    let sources: Vec<&str> = kept.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources, ["a.txt", "b.txt"]);
    assert_eq!(kept[0].metadata, vec![("copies".into(), "yes".into())]);
    assert_eq!(kept[1].metadata, vec![("copies".into(), "no".into())]);
    assert_eq!(report.near_duplicates_dropped, 1);
    let members = &report.near_duplicate_clusters[0].members;
    assert_eq!(members.len(), 2);
    assert_eq!(
        (members[0].article_id, members[1].article_id),
        (Some(0), None)
    );
    // 36 shingles, and 5 more in the edited copy: 36 / 41.
    assert!((members[1].similarity - 36.0 / 41.0).abs() < 1e-9);

    let mut report = CleaningReport::default();
    let kept = near_duplicates(make(), 0.8, true, &mut report, &CancelToken::new())
        .expect("not cancelled");
    assert_eq!(kept.len(), 3);
    assert_eq!(
        report.near_duplicate_clusters[0].members[1].article_id,
        Some(2)
    );
    assert_eq!(report.near_duplicates_dropped, 0);
}
