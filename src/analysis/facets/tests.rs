use chrono::NaiveDate;

use super::*;
use crate::analysis::filter::{Filter, FilterError};
use crate::analysis::{AnalysisSettings, analyze};
use crate::jobs::{CancelToken, Progress};
use crate::model::{Article, Granularity};

/// Six articles: party and speaker fields, one lower-case `spd`, one undated, one without fields.
fn corpus() -> Corpus {
    let rows: [(Option<(i32, u32, u32)>, &[(&str, &str)], &str); 6] = [
        (
            Some((2020, 1, 5)),
            &[("Party", "SPD"), ("speaker", "Ames")],
            "tax tax school",
        ),
        (
            Some((2020, 2, 10)),
            &[("party", "CDU/CSU"), ("speaker", "Berg")],
            "tax road",
        ),
        (
            Some((2020, 2, 20)),
            &[("party", " SPD "), ("speaker", "Cole")],
            "school school",
        ),
        (
            Some((2021, 3, 1)),
            &[("party", "Grüne"), ("speaker", "Ames")],
            "road",
        ),
        (None, &[("party", "spd"), ("speaker", "")], "tax"),
        (Some((2021, 5, 1)), &[], "tax"),
    ];
    let articles = rows
        .iter()
        .enumerate()
        .map(|(i, (date, meta, text))| Article {
            id: i as u32,
            source: format!("{i}.txt"),
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            text: (*text).to_owned(),
            metadata: meta
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            ..Article::default()
        })
        .collect();
    Corpus {
        name: "parl".into(),
        articles,
        ..Corpus::default()
    }
}

fn analysed() -> (Corpus, Analysis) {
    let c = corpus();
    let settings = AnalysisSettings::default();
    let a = analyze(&c, &settings, &Progress::default(), &CancelToken::new()).expect("analysis");
    (c, a)
}

#[test]
fn fields_group_values_and_keep_the_first_spelling_of_the_name() {
    let (_, a) = analysed();
    let party = a.facets.field("PARTY").expect("party field");
    assert_eq!(party.name, "Party");
    let values: Vec<(&str, &[u32])> = party
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.docs.as_slice()))
        .collect();
    assert_eq!(
        values,
        [
            ("SPD", &[0, 2][..]),
            ("CDU/CSU", &[1][..]),
            ("Grüne", &[3][..]),
            ("spd", &[4][..])
        ]
    );
    assert_eq!(party.articles, 5);
    assert!(party.categorical);
    // The empty speaker cell of article 4 is no value.
    assert_eq!(a.facets.field("speaker").expect("speaker").articles, 4);
    assert_eq!(
        a.facets.known_fields(),
        ["entity", "type", "title", "Party", "speaker"]
    );
}

#[test]
fn values_match_whole_and_case_insensitively_or_by_prefix() {
    let (_, a) = analysed();
    let party = a.facets.field("party").expect("party");
    assert_eq!(party.docs_matching("spd"), [0, 2, 4]);
    assert_eq!(party.docs_matching("SP*"), [0, 2, 4]);
    assert_eq!(party.docs_matching("cdu/csu"), [1]);
    assert_eq!(party.docs_matching("CDU"), Vec::<u32>::new());
    assert_eq!(party.docs_matching("*"), [0, 1, 2, 3, 4]);
}

#[test]
fn counts_follow_the_selection() {
    let (_, a) = analysed();
    let party = a.facets.field("party").expect("party");
    let all: Vec<(String, u64, u64)> = party
        .counts(&a, None)
        .into_iter()
        .map(|c| (c.value, c.articles, c.tokens))
        .collect();
    assert_eq!(
        all,
        [
            ("SPD".to_owned(), 2, 5),
            ("CDU/CSU".to_owned(), 1, 2),
            ("Grüne".to_owned(), 1, 1),
            ("spd".to_owned(), 1, 1),
        ]
    );
    let selected = [1, 2, 5];
    let some: Vec<(String, u64)> = party
        .counts(&a, Some(&selected))
        .into_iter()
        .map(|c| (c.value, c.articles))
        .collect();
    assert_eq!(some, [("CDU/CSU".to_owned(), 1), ("SPD".to_owned(), 1)]);
}

#[test]
fn timelines_split_by_value_with_other_and_no_value() {
    let (_, a) = analysed();
    let party = a.facets.field("party").expect("party");
    let tl = a.timeline(Granularity::Year);
    assert_eq!(tl.periods.len(), 2);
    let split: Vec<(String, Vec<u64>)> = party
        .split_timeline(&a, tl, None, 1)
        .into_iter()
        .map(|s| (s.label, s.counts))
        .collect();
    // SPD: articles 0 and 2 (2020). Other: 1 (2020), 3 (2021), 4 undated. No value: 5 (2021).
    assert_eq!(
        split,
        [
            ("SPD".to_owned(), vec![2, 0]),
            (OTHER.to_owned(), vec![1, 1]),
            (NO_VALUE.to_owned(), vec![0, 1]),
        ]
    );
    let tax = a.vocab.id("tax").expect("tax");
    let mut per_doc = vec![0u64; a.docs.len()];
    for (d, n) in a.term_postings.get(tax as usize) {
        per_doc[d as usize] = u64::from(n);
    }
    let weighted: Vec<Vec<u64>> = party
        .split_weighted(&a, tl, None, 1, |d| per_doc[d as usize])
        .into_iter()
        .map(|s| s.counts)
        .collect();
    assert_eq!(weighted, [vec![2, 0], vec![1, 0], vec![0, 1]]);
}

#[test]
fn queries_select_by_field_and_unknown_fields_are_errors() {
    let (c, a) = analysed();
    let select = |q: &str| a.select(&c, &Filter::parse(q).expect("filter"));
    assert_eq!(select("party:spd"), [0, 2, 4]);
    assert_eq!(select("party:\"CDU/CSU\" OR speaker:ames"), [0, 1, 3]);
    assert_eq!(select("speaker:Ames tax"), [0]);
    assert!(
        a.check_fields(&Filter::parse("Party:spd tax").expect("f"))
            .is_ok()
    );
    match a.check_fields(&Filter::parse("tax OR path:sport").expect("f")) {
        Err(FilterError::UnknownField { field, known }) => {
            assert_eq!(field, "path");
            assert_eq!(known, ["entity", "type", "title", "Party", "speaker"]);
        }
        other => panic!("expected an unknown field, got {other:?}"),
    }
}

#[test]
fn fields_of_mostly_distinct_values_are_not_listed() {
    let articles = (0..30)
        .map(|i| Article {
            id: i,
            text: "x".into(),
            metadata: vec![
                ("url".into(), format!("https://example.org/{i}")),
                ("desk".into(), ["world", "sport"][i as usize % 2].into()),
            ],
            ..Article::default()
        })
        .collect();
    let facets = Facets::build(&Corpus {
        articles,
        ..Corpus::default()
    });
    let listed: Vec<&str> = facets.categorical().map(|f| f.name.as_str()).collect();
    assert_eq!(listed, ["desk"]);
    let url = facets.field("url").expect("still searchable");
    assert!(!url.categorical);
    assert_eq!(url.docs_matching("https://example.org/7"), [7]);
}
