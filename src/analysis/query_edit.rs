//! Editing a query as facet choices: the top-level `field:value` groups of a query (what the facet
//! panel ticks and the filter bar shows as chips), adding or removing one value, and printing a
//! query tree back to text the parser reads.
//!
//! A *facet group* is a top-level item of the query (an item of its outermost AND, or the whole
//! query) that is `field:value` or an OR of `field:value`s of one field: `party:SPD` or
//! `(party:SPD OR party:FDP)`. Values of one field are OR-ed, fields AND-ed.

use super::filter::Filter;
use super::query::{Node, Query};

/// One field's chosen values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetGroup {
    /// The field as written in the query (lower-case: the parser folds field names).
    pub field: String,
    pub values: Vec<String>,
}

/// The items of the outermost AND (or the root alone).
fn top_items(root: &Node) -> Vec<&Node> {
    match root {
        Node::And(items) => items.iter().collect(),
        other => vec![other],
    }
}

/// The facet group an item is, if it is one.
fn as_group(node: &Node) -> Option<FacetGroup> {
    match node {
        Node::Field { field, value } if !is_built_in(field) => Some(FacetGroup {
            field: field.clone(),
            values: vec![value.clone()],
        }),
        Node::Or(items) => {
            let mut group: Option<FacetGroup> = None;
            for item in items {
                let Node::Field { field, value } = item else {
                    return None;
                };
                match &mut group {
                    None if !is_built_in(field) => {
                        group = Some(FacetGroup {
                            field: field.clone(),
                            values: vec![value.clone()],
                        });
                    }
                    Some(g) if g.field == *field => g.values.push(value.clone()),
                    _ => return None,
                }
            }
            group
        }
        _ => None,
    }
}

fn is_built_in(field: &str) -> bool {
    super::facets::BUILT_IN_FIELDS
        .iter()
        .any(|b| b.eq_ignore_ascii_case(field))
}

/// The facet groups of a query, in order, and the text of the rest of it (`None` when the query
/// is only facet groups).
pub fn facet_groups(q: &Query) -> (Vec<FacetGroup>, Option<String>) {
    let mut groups = Vec::new();
    let mut rest = Vec::new();
    for item in top_items(&q.root) {
        match as_group(item) {
            Some(g) => groups.push(g),
            None => rest.push(item.clone()),
        }
    }
    let rest = (!rest.is_empty()).then(|| to_text(&and_of(rest)));
    (groups, rest)
}

/// `filter` with `value` of `field` ticked (`on`) or unticked: the value joins (or leaves) that
/// field's group, a new group is added at the end, an emptied group is dropped. Field names are
/// compared without regard to case, and so are values (as the query matches them).
pub fn toggle_value(filter: &Filter, field: &str, value: &str, on: bool) -> Filter {
    let field = field.to_lowercase();
    let mut items: Vec<Node> = filter
        .query
        .as_ref()
        .map(|q| top_items(&q.root).into_iter().cloned().collect())
        .unwrap_or_default();
    let pos = items
        .iter()
        .position(|n| as_group(n).is_some_and(|g| g.field == field));
    let mut values = pos
        .and_then(|i| as_group(&items[i]))
        .map(|g| g.values)
        .unwrap_or_default();
    values.retain(|v| v.to_lowercase() != value.to_lowercase());
    if on {
        values.push(value.to_owned());
    }
    let group = (!values.is_empty()).then(|| {
        or_of(
            values
                .into_iter()
                .map(|value| Node::Field {
                    field: field.clone(),
                    value,
                })
                .collect(),
        )
    });
    match (pos, group) {
        (Some(i), Some(g)) => items[i] = g,
        (Some(i), None) => {
            items.remove(i);
        }
        (None, Some(g)) => items.push(g),
        (None, None) => {}
    }
    with_items(filter, items)
}

/// `filter` without the group of `field` (its chip was removed).
pub fn remove_field(filter: &Filter, field: &str) -> Filter {
    let field = field.to_lowercase();
    let items: Vec<Node> = filter
        .query
        .as_ref()
        .map(|q| top_items(&q.root).into_iter().cloned().collect())
        .unwrap_or_default();
    let items = items
        .into_iter()
        .filter(|n| as_group(n).is_none_or(|g| g.field != field))
        .collect();
    with_items(filter, items)
}

/// `filter` without its facet groups, keeping the rest of the query (its chip was removed).
pub fn remove_rest(filter: &Filter) -> Filter {
    let items: Vec<Node> = filter
        .query
        .as_ref()
        .map(|q| top_items(&q.root).into_iter().cloned().collect())
        .unwrap_or_default();
    let items = items
        .into_iter()
        .filter(|n| as_group(n).is_some())
        .collect();
    with_items(filter, items)
}

fn with_items(filter: &Filter, items: Vec<Node>) -> Filter {
    let query = (!items.is_empty()).then(|| {
        let root = and_of(items);
        Query {
            text: to_text(&root),
            root,
        }
    });
    Filter {
        query,
        ..filter.clone()
    }
}

fn and_of(mut items: Vec<Node>) -> Node {
    if items.len() == 1 {
        items.remove(0)
    } else {
        Node::And(items)
    }
}

fn or_of(mut items: Vec<Node>) -> Node {
    if items.len() == 1 {
        items.remove(0)
    } else {
        Node::Or(items)
    }
}

/// Items joined by `sep`, an OR group in parentheses (AND binds tighter).
fn join(items: &[Node], sep: &str) -> String {
    items
        .iter()
        .map(|n| match n {
            Node::Or(_) => format!("({})", to_text(n)),
            _ => to_text(n),
        })
        .collect::<Vec<_>>()
        .join(sep)
}

/// A query tree as text that [`Query::parse`] reads back to the same tree.
pub fn to_text(node: &Node) -> String {
    match node {
        Node::Word(w) => w.clone(),
        Node::Prefix(p) => format!("{p}*"),
        Node::Phrase(words) => format!("\"{}\"", words.join(" ")),
        Node::Field { field, value } => {
            let plain = !value.is_empty()
                && !value
                    .chars()
                    .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '"'));
            if plain {
                format!("{field}:{value}")
            } else {
                format!("{field}:\"{}\"", value.replace('"', ""))
            }
        }
        Node::And(items) => join(items, " "),
        Node::Or(items) => join(items, " OR "),
        Node::Not(inner) => match inner.as_ref() {
            Node::And(_) | Node::Or(_) => format!("NOT ({})", to_text(inner)),
            _ => format!("NOT {}", to_text(inner)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(q: &str) -> Filter {
        Filter::parse(q).expect("filter")
    }

    fn text(f: &Filter) -> String {
        f.query.as_ref().map(|q| q.text.clone()).unwrap_or_default()
    }

    #[test]
    fn printed_queries_parse_back_to_the_same_tree() {
        for q in [
            "iran OR iraq war NOT (peace OR treaty)",
            r#""United States" entity:"Antony Blinken" type:PERSON econ* -tax"#,
            r#"party:"CDU/CSU" (a OR b) NOT c"#,
            "(a OR b) OR c",
            "-(a b)",
        ] {
            let parsed = Query::parse(q).expect("parses");
            let again = Query::parse(&to_text(&parsed.root)).expect("reparses");
            assert_eq!(again.root, parsed.root, "{q} → {}", to_text(&parsed.root));
        }
    }

    #[test]
    fn groups_are_the_top_level_field_choices() {
        let f = filter(r#"tax (party:SPD OR party:"CDU/CSU") speaker:Ames entity:Merkel"#);
        let (groups, rest) = facet_groups(f.query.as_ref().expect("q"));
        assert_eq!(
            groups,
            [
                FacetGroup {
                    field: "party".into(),
                    values: vec!["SPD".into(), "CDU/CSU".into()]
                },
                FacetGroup {
                    field: "speaker".into(),
                    values: vec!["Ames".into()]
                },
            ]
        );
        assert_eq!(rest.as_deref(), Some("tax entity:Merkel"));
        // Mixed fields in one OR are not a group.
        let f = filter("party:SPD OR speaker:Ames");
        let (groups, rest) = facet_groups(f.query.as_ref().expect("q"));
        assert!(groups.is_empty());
        assert_eq!(rest.as_deref(), Some("party:SPD OR speaker:Ames"));
    }

    #[test]
    fn ticking_and_unticking_values_edits_one_group() {
        let f = filter("from:2020 tax");
        let f = toggle_value(&f, "Party", "SPD", true);
        assert_eq!(text(&f), "tax party:SPD");
        assert_eq!(f.from, chrono::NaiveDate::from_ymd_opt(2020, 1, 1));
        let f = toggle_value(&f, "party", "CDU/CSU", true);
        assert_eq!(text(&f), r"tax (party:SPD OR party:CDU/CSU)");
        let f = toggle_value(&f, "speaker", "Jo Ames", true);
        assert_eq!(
            text(&f),
            r#"tax (party:SPD OR party:CDU/CSU) speaker:"Jo Ames""#
        );
        let f = toggle_value(&f, "party", "SPD", false);
        assert_eq!(text(&f), r#"tax party:CDU/CSU speaker:"Jo Ames""#);
        let f = remove_field(&f, "speaker");
        assert_eq!(text(&f), "tax party:CDU/CSU");
        let g = remove_rest(&f);
        assert_eq!(text(&g), "party:CDU/CSU");
        let f = toggle_value(&f, "party", "CDU/CSU", false);
        assert_eq!(text(&f), "tax");
        let f = toggle_value(&filter(""), "party", "SPD", false);
        assert!(f.query.is_none());
    }
}
