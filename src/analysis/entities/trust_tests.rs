//! Unit tests of issue 15 ("entities users can trust"): safe merging, typing without a PERSON
//! default, and spans. Each corpus is tiny and the expected values are worked out by hand.

use super::*;

fn extract(texts: &[&str]) -> CorpusEntities {
    Extractor::bundled()
        .extract_corpus(texts, &CancelToken::new())
        .expect("not cancelled")
}

/// (surface, type) of every mention, in text order.
fn mentions(texts: &[&str]) -> Vec<(String, &'static str)> {
    let ce = extract(texts);
    let mut out = Vec::new();
    for (text, ms) in texts.iter().zip(&ce.mentions) {
        for m in ms {
            out.push((text[m.start..m.end].to_string(), m.kind.as_str()));
        }
    }
    out
}

fn pairs(v: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    v.iter().map(|(s, k)| ((*s).to_string(), *k)).collect()
}

/// The entity a surface form was merged into: (canonical name, type).
fn entity_of(ce: &CorpusEntities, texts: &[&str], surface: &str) -> Option<(String, EntityKind)> {
    texts.iter().zip(&ce.mentions).find_map(|(t, ms)| {
        ms.iter().find(|m| &t[m.start..m.end] == surface).map(|m| {
            let e = &ce.entities[m.entity as usize];
            (e.name.clone(), e.kind)
        })
    })
}

#[test]
fn an_entity_never_mixes_types() {
    // "IRGC" is defined by an organisation; "CAR" by a country: each acronym takes its
    // expansion's type, and every entity's mentions all have the entity's type.
    let texts = [
        "Iran's Islamic Revolutionary Guard Corps (IRGC) fired missiles. The IRGC said so.",
        "Fighting spread in the Central African Republic (CAR) on Monday. The CAR army fled.",
    ];
    let ce = extract(&texts);
    for ms in &ce.mentions {
        for m in ms {
            assert_eq!(m.kind, ce.entities[m.entity as usize].kind);
        }
    }
    assert_eq!(
        entity_of(&ce, &texts, "CAR"),
        Some(("Central African Republic".into(), EntityKind::Location))
    );
    assert_eq!(
        entity_of(&ce, &texts, "IRGC"),
        Some((
            "Islamic Revolutionary Guard Corps".into(),
            EntityKind::Organization
        ))
    );
}

#[test]
fn a_byline_place_is_not_absorbed_by_the_name() {
    let texts = [
        "By Jane Doe Cairo\nEgypt raised interest rates on Thursday, the central bank said.",
        "Doe wrote that prices in Cairo rose again.",
    ];
    let ce = extract(&texts);
    assert_eq!(
        entity_of(&ce, &texts, "Cairo"),
        Some(("Cairo".into(), EntityKind::Location))
    );
    assert_eq!(
        entity_of(&ce, &texts, "Jane Doe"),
        Some(("Jane Doe".into(), EntityKind::Person))
    );
    assert_eq!(
        entity_of(&ce, &texts, "Doe"),
        Some(("Jane Doe".into(), EntityKind::Person))
    );
    let cairo = ce
        .entities
        .iter()
        .find(|e| e.name == "Jane Doe")
        .expect("Jane Doe");
    assert!(
        cairo.variants.iter().all(|(v, _)| v != "Cairo"),
        "{cairo:?}"
    );
}

#[test]
fn the_canonical_name_is_the_most_frequent_full_form_without_labels() {
    let texts = [
        "Democrat Jane Doe won the seat. Doe thanked voters.",
        "Sen. Jane Doe spoke. Jane Doe said the bill would pass. Doe left.",
        "Jane Q. Doe was sworn in. Doe smiled.",
    ];
    let ce = extract(&texts);
    let people: Vec<&Entity> = ce
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .collect();
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].name, "Jane Doe");
    // Jane Doe 3 times, Doe 3 times, Jane Q. Doe once.
    let total: u64 = people[0].variants.iter().map(|v| v.1).sum();
    assert_eq!(total, 7, "{:?}", people[0].variants);
}

#[test]
fn a_bare_surname_joins_the_unique_full_name_of_the_corpus() {
    let texts = [
        "John Smith, the mayor, opened the bridge on Monday.",
        "Smith said the bridge cost $4 million.",
    ];
    let ce = extract(&texts);
    assert_eq!(
        entity_of(&ce, &texts, "Smith"),
        Some(("John Smith".into(), EntityKind::Person))
    );
    // Two full names in the corpus: "Smith" in a third text with neither stays apart, but in a
    // text with one of them it joins that one.
    let texts = [
        "John Smith opened the bridge.",
        "Mary Smith closed the school.",
        "Smith said nothing.",
        "Mary Smith spoke first. Smith then left.",
    ];
    let ce = extract(&texts);
    let ids: Vec<String> = texts
        .iter()
        .zip(&ce.mentions)
        .flat_map(|(t, ms)| {
            ms.iter()
                .filter(|m| &t[m.start..m.end] == "Smith")
                .map(|m| ce.entities[m.entity as usize].name.clone())
        })
        .collect();
    assert_eq!(ids, ["Smith", "Mary Smith"]);
}

#[test]
fn unknown_names_without_evidence_are_misc_not_person() {
    let f = mentions(&["Profits at Zorblat rose. Analysts expect Zorblat to grow."]);
    assert_eq!(f, pairs(&[("Zorblat", "MISC"), ("Zorblat", "MISC")]));
    // With evidence ("said", an age, a first name) the type is PERSON.
    let f = mentions(&["Quimby said the plan failed. Police held Okonkwo, 41, overnight."]);
    assert_eq!(f, pairs(&[("Quimby", "PERSON"), ("Okonkwo", "PERSON")]));
    // MISC is a type of its own for filters and exports.
    assert_eq!(EntityKind::parse("misc"), Some(EntityKind::Misc));
    assert_eq!(EntityKind::parse("UNKNOWN"), Some(EntityKind::Misc));
    assert_eq!(EntityKind::Misc.as_str(), "MISC");
}

#[test]
fn capitals_are_locations_and_groups_are_not_entities() {
    let f = mentions(&[
        "Officials in London and Paris met Hindus and Muslims from Kentucky. Kentuckians and Texans \
         voted. More than a dozen Democrats and three Republicans defected, but Democrats say the \
         plan fails.",
    ]);
    assert_eq!(
        f,
        pairs(&[
            ("London", "LOCATION"),
            ("Paris", "LOCATION"),
            ("Kentucky", "LOCATION"),
            ("Democrats", "ORGANIZATION"),
        ])
    );
}

#[test]
fn mail_headers_urls_and_hashes_are_not_entities() {
    let f = mentions(&[
        "Date: Mon, 4 Mar 2024 10:00:00\nSee https://Example.org/Reports/Kyiv or mail Anna@Example.org \
         about commit Fa9c3b2e7d. Ukraine said so.",
    ]);
    assert_eq!(f, pairs(&[("Ukraine", "LOCATION")]));
}

#[test]
fn hyphenated_compounds_yield_the_name() {
    let f = mentions(&[
        "The Berlin-based group backed a UN-backed plan. Ronald Reagan left office in 1989. \
         Reagan-era rules and anti-Israel protests were discussed in Taliban-held areas.",
    ]);
    assert_eq!(
        f,
        pairs(&[
            ("Berlin", "LOCATION"),
            ("UN", "ORGANIZATION"),
            ("Ronald Reagan", "PERSON"),
            ("Reagan", "PERSON"),
            ("Israel", "LOCATION"),
            ("Taliban", "ORGANIZATION"),
        ])
    );
}

#[test]
fn long_of_for_and_organisation_names_are_kept_whole() {
    let f = mentions(&[
        "Monitors from the Organization for Security and Co-operation in Europe arrived in Kyiv.",
    ]);
    assert_eq!(
        f,
        pairs(&[
            (
                "Organization for Security and Co-operation in Europe",
                "ORGANIZATION"
            ),
            ("Kyiv", "LOCATION"),
        ])
    );
}

#[test]
fn headline_lines_and_quoted_titles_are_not_mined() {
    let f = mentions(&[
        "Why Gentle Giants Still Rule The Small Screen In Canada\nThe band played \"Golden Hour \
         Forever\" in Toronto on Friday.",
    ]);
    assert_eq!(f, pairs(&[("Canada", "LOCATION"), ("Toronto", "LOCATION")]));
}
