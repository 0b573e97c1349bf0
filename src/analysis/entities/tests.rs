//! Unit tests of the extraction rules, each on a tiny corpus.

use super::*;

fn ents(texts: &[&str]) -> Vec<(String, &'static str)> {
    let ce = Extractor::bundled()
        .extract_corpus(texts, &CancelToken::new())
        .expect("not cancelled");
    let mut out = Vec::new();
    for (text, ms) in texts.iter().zip(&ce.mentions) {
        for m in ms {
            out.push((text[m.start..m.end].to_string(), m.kind.as_str()));
        }
    }
    out
}

fn has(found: &[(String, &str)], surface: &str, kind: &str) -> bool {
    found.iter().any(|(s, k)| s == surface && *k == kind)
}

#[test]
fn titles_are_cues_not_part_of_the_span() {
    let f = ents(&["Mr. Obama met Secretary of State Antony Blinken and Prime Minister Begin."]);
    assert!(has(&f, "Obama", "PERSON"), "{f:?}");
    assert!(has(&f, "Antony Blinken", "PERSON"), "{f:?}");
    assert!(has(&f, "Begin", "PERSON"), "{f:?}");
}

#[test]
fn possessive_is_stripped() {
    let f = ents(&["The talks were Antony Blinken's idea."]);
    assert_eq!(f, [("Antony Blinken".to_string(), "PERSON")]);
}

#[test]
fn modifier_names_count() {
    let f = ents(&["Donald Trump spoke. Critics attacked the Trump administration on trade."]);
    assert!(has(&f, "Trump", "PERSON"), "{f:?}");
}

#[test]
fn sentence_initial_common_words_are_not_entities() {
    let f = ents(&["Yesterday the rain stopped. But the city of Paris was flooded. This was new."]);
    assert_eq!(f, [("Paris".to_string(), "LOCATION")]);
}

#[test]
fn months_weekdays_and_nationalities_are_not_entities() {
    let f = ents(&["Israeli and American officials met on Monday in May in Cairo."]);
    assert_eq!(f, [("Cairo".to_string(), "LOCATION")]);
}

#[test]
fn particles_acronyms_and_hyphenated_places() {
    let f = ents(&[
        "Bashar al-Assad met Mohammed bin Salman. Bill de Blasio visited Guinea-Bissau with NATO and the FBI. I agree.",
    ]);
    for (s, k) in [
        ("Bashar al-Assad", "PERSON"),
        ("Mohammed bin Salman", "PERSON"),
        ("Bill de Blasio", "PERSON"),
        ("Guinea-Bissau", "LOCATION"),
        ("NATO", "ORGANIZATION"),
        ("FBI", "ORGANIZATION"),
    ] {
        assert!(has(&f, s, k), "{s} {f:?}");
    }
    assert!(!f.iter().any(|(s, _)| s == "I"));
}

#[test]
fn legal_suffixes_and_of_names_are_organizations() {
    let f = ents(&[
        "Shares of Acme Widgets Inc rose, the Ministry of Finance said, and the University of Georgia agreed.",
    ]);
    assert!(has(&f, "Acme Widgets Inc", "ORGANIZATION"), "{f:?}");
    assert!(has(&f, "Ministry of Finance", "ORGANIZATION"), "{f:?}");
    assert!(has(&f, "University of Georgia", "ORGANIZATION"), "{f:?}");
}

#[test]
fn surname_alone_joins_the_full_name_and_acronyms_join_expansions() {
    let texts = [
        "Antony Blinken arrived in Cairo. Blinken said the Islamic Revolutionary Guard Corps (IRGC) was a threat.",
        "Blinken later met U.S. officials. The IRGC denied it. The United States and America agreed.",
    ];
    let ce = Extractor::bundled()
        .extract_corpus(&texts, &CancelToken::new())
        .expect("ok");
    let names: Vec<&str> = ce.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Antony Blinken"), "{names:?}");
    assert!(!names.contains(&"Blinken"), "{names:?}");
    assert!(!names.contains(&"IRGC"), "{names:?}");
    assert!(!names.contains(&"U.S."), "{names:?}");
    let us = ce
        .entities
        .iter()
        .find(|e| e.name == "United States")
        .expect("US");
    assert!(us.variants.len() >= 2, "{:?}", us.variants);
    let mut sorted = ce.entities.clone();
    sorted.sort_by(|a, b| (&a.name, a.kind).cmp(&(&b.name, b.kind)));
    assert_eq!(sorted, ce.entities);
}

#[test]
fn two_people_with_one_surname_stay_apart() {
    let texts = ["Serena Williams beat Venus Williams. Williams said it was hard."];
    let ce = Extractor::bundled()
        .extract_corpus(&texts, &CancelToken::new())
        .expect("ok");
    let names: Vec<&str> = ce.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Williams"), "{names:?}");
    assert!(
        names.contains(&"Serena Williams") && names.contains(&"Venus Williams"),
        "{names:?}"
    );
}

#[test]
fn bare_titles_are_not_entities() {
    let f = ents(&[
        "The Secretary of the Treasury met the Secretary of War. The Home Secretary and the \
         Chancellor of the Exchequer agreed. The Secretary of the Navy spoke to the Navy and the \
         Department of the Treasury.",
    ]);
    assert_eq!(
        f,
        [
            ("Navy".to_string(), "ORGANIZATION"),
            ("Department of the Treasury".to_string(), "ORGANIZATION")
        ]
    );
}

#[test]
fn headings_historical_states_and_the_district() {
    let texts = [
        "BOULDER DAM\nThe Secretary of the Interior visited the District of Columbia.\n\n\
                  RELATIONS WITH MEXICO\nThe Soviet Union, Yugoslavia and the Ottoman Empire.",
    ];
    let f = ents(&texts);
    for (s, k) in [
        ("District of Columbia", "LOCATION"),
        ("MEXICO", "LOCATION"),
        ("Soviet Union", "LOCATION"),
        ("Yugoslavia", "LOCATION"),
        ("Ottoman Empire", "LOCATION"),
    ] {
        assert!(has(&f, s, k), "{s} {f:?}");
    }
    assert_eq!(f.len(), 5, "{f:?}");
}

#[test]
fn the_house_joins_the_house_of_representatives_and_names_are_real_spans() {
    let texts = [
        "The House of Representatives met. Later the House voted, and the White House objected.",
        "WASHINGTON (AP) - Donald J. Trump spoke in Washington. Trump left.",
    ];
    let ce = Extractor::bundled()
        .extract_corpus(&texts, &CancelToken::new())
        .expect("ok");
    let names: Vec<&str> = ce.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(!names.contains(&"House"), "{names:?}");
    assert!(names.contains(&"White House"), "{names:?}");
    assert!(names.contains(&"Donald J. Trump"), "{names:?}");
    assert!(!names.contains(&"WASHINGTON"), "{names:?}");
    let house = ce
        .entities
        .iter()
        .find(|e| e.name == "House of Representatives")
        .expect("house");
    assert_eq!(house.variants.len(), 2, "{:?}", house.variants);
    for e in &ce.entities {
        let real = e.variants.iter().any(|(v, _)| *v == e.name)
            || ["United States", "Washington"].contains(&e.name.as_str());
        assert!(real, "{e:?}");
    }
}

#[test]
fn never_panics_on_odd_input() {
    let odd = [
        "",
        "   ",
        "'s",
        "U.",
        "Ünïcödé Ωμέγα Москва Пекин 北京 東京 and Zürich-Nord's Café (ÉTÉ)",
        "A\u{0}B \u{feff}C D. E.F.G.H. & & of of Mr. . al- bin",
        "Mr. Mr. Mr.",
        "(((IRGC)))",
    ];
    let huge = "Antony Blinken visited Cairo. ".repeat(2000);
    let mut texts: Vec<&str> = odd.to_vec();
    texts.push(&huge);
    let ce = Extractor::bundled()
        .extract_corpus(&texts, &CancelToken::new())
        .expect("ok");
    for (t, ms) in texts.iter().zip(&ce.mentions) {
        for m in ms {
            assert!(t.get(m.start..m.end).is_some());
        }
    }
}

#[test]
fn cancelled_extraction_returns_cancelled() {
    let cancel = CancelToken::new();
    cancel.cancel();
    assert_eq!(
        Extractor::bundled().extract_corpus(&["x"], &cancel),
        Err(Cancelled)
    );
}

#[test]
#[ignore]
fn debug_print() {
    let t = std::env::var("NER_TEXT").unwrap_or_default();
    let f = ents(&[&t]);
    println!("{f:?}");
}
