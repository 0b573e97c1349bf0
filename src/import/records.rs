//! Records of structured files and the rules shared by every structured format: which field is
//! the title, the date or the text (common names, matched case-insensitively and ignoring `_`,
//! `-`, `.` and spaces, unless [`ImportOptions`] names them), the other scalar fields kept as
//! metadata in record order, and the grouping of problems (a missing text or date *field* is
//! reported once for the file when no record has it, and per record otherwise, so ten thousand
//! records without a date column give one problem, not ten thousand), and any problem repeated
//! word for word by several records is listed once for the file, with the count and the first
//! record numbers (`2,225 records (#3, #5, #9, …): The record has no date; …`).

use super::dates::{self, DateError};
use super::{ImportOptions, Outcome};
use std::collections::HashMap;

use crate::model::{Article, Problem, ProblemKind};

pub(super) const TITLE_NAMES: &[&str] = &["title", "headline", "heading"];
pub(super) const DATE_NAMES: &[&str] = &[
    "date",
    "published",
    "publishdate",
    "publishedat",
    "publisheddate",
    "publicationdate",
    "datepublished",
    "pubdate",
    "timestamp",
    "createdat",
    "created",
    "datetime",
];
pub(super) const TEXT_NAMES: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "fulltext",
    "articlebody",
    "articletext",
    "maintext",
    "contents",
    "story",
];

/// One field value, borrowed from the parsed file.
#[derive(Clone, Copy, Debug)]
pub(super) enum Scalar<'a> {
    Str(&'a str),
    Num(&'a serde_json::Number),
    Bool(bool),
    /// Null, arrays and objects: never metadata, never text.
    Other,
}

impl Scalar<'_> {
    pub(super) fn to_text(self) -> Option<String> {
        match self {
            Scalar::Str(s) => Some(s.to_owned()),
            Scalar::Num(n) => Some(n.to_string()),
            Scalar::Bool(b) => Some(b.to_string()),
            Scalar::Other => None,
        }
    }
}

/// Which field plays which role in a record (indexes into its fields).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Roles {
    pub title: Option<usize>,
    pub date: Option<usize>,
    pub text: Option<usize>,
}

fn normalise_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' ' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn find_role(keys: &[&str], explicit: Option<&str>, names: &[&str]) -> Option<usize> {
    if let Some(wanted) = explicit {
        return keys
            .iter()
            .position(|k| k.trim().eq_ignore_ascii_case(wanted.trim()));
    }
    let normalised: Vec<String> = keys.iter().map(|k| normalise_name(k)).collect();
    names
        .iter()
        .find_map(|name| normalised.iter().position(|k| k == name))
}

pub(super) fn detect_roles(keys: &[&str], opts: &ImportOptions) -> Roles {
    Roles {
        title: find_role(keys, opts.title_field.as_deref(), TITLE_NAMES),
        date: find_role(keys, opts.date_field.as_deref(), DATE_NAMES),
        text: find_role(keys, opts.text_field.as_deref(), TEXT_NAMES),
    }
}

/// Collects the records of one file and groups their problems.
pub(super) struct Records<'o> {
    path: &'o str,
    /// Where articles and problems go.
    pub out: &'o mut Outcome,
    count: usize,
    without_text_field: Vec<String>,
    with_date_field: usize,
    without_date_field: Vec<String>,
    /// `out.problems.len()` when these records started: the problems after it are theirs.
    first_problem: usize,
}

impl<'o> Records<'o> {
    pub(super) fn new(path: &'o str, out: &'o mut Outcome) -> Self {
        Self {
            path,
            first_problem: out.problems.len(),
            out,
            count: 0,
            without_text_field: Vec::new(),
            with_date_field: 0,
            without_date_field: Vec::new(),
        }
    }

    fn next_source(&mut self) -> String {
        self.count += 1;
        format!("{}#{}", self.path, self.count)
    }

    /// A record that could not be parsed at all.
    pub(super) fn bad(&mut self, message: String) {
        let source = self.next_source();
        self.out.problem(ProblemKind::Parse, source, message);
    }

    pub(super) fn add(&mut self, fields: &[(&str, Scalar<'_>)], roles: Roles) {
        let source = self.next_source();
        let value = |role: Option<usize>| role.and_then(|i| fields.get(i)).map(|f| f.1);
        let text = value(roles.text)
            .and_then(Scalar::to_text)
            .map(|t| self.clean(t));
        let Some(text) = text else {
            self.without_text_field.push(source);
            return;
        };
        if text.trim().is_empty() {
            let message = "The record's text is empty; it was skipped.".to_owned();
            self.out.problem(ProblemKind::Empty, source, message);
            return;
        }
        let date = match value(roles.date) {
            None | Some(Scalar::Other) => {
                self.without_date_field.push(source.clone());
                None
            }
            Some(value) => {
                self.with_date_field += 1;
                match record_date(value) {
                    Ok(d) => d,
                    Err(message) => {
                        self.out.problem(ProblemKind::Date, source.clone(), message);
                        None
                    }
                }
            }
        };
        let title = value(roles.title)
            .and_then(Scalar::to_text)
            .map(|t| super::html::decode_entities(t.trim()).into_owned())
            .unwrap_or_default();
        let used = [roles.title, roles.date, roles.text];
        let metadata = fields
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.contains(&Some(*i)))
            .filter_map(|(_, (k, v))| Some(((*k).to_owned(), v.to_text()?)))
            .collect();
        self.out.articles.push(Article {
            source,
            title,
            date,
            text,
            metadata,
            ..Article::default()
        });
    }

    /// A text field as article text: HTML reduced to its readable text (the markup bytes
    /// counted), plain text with its stray character references decoded.
    fn clean(&mut self, text: String) -> String {
        if super::html::looks_like_html(&text) {
            let plain = super::html::html_to_text(&text);
            self.out.markup_bytes += text.len().saturating_sub(plain.len()) as u64;
            plain
        } else {
            match super::html::decode_entities(&text) {
                std::borrow::Cow::Borrowed(_) => text,
                std::borrow::Cow::Owned(decoded) => decoded,
            }
        }
    }

    /// Report grouped problems.
    pub(super) fn finish(self) {
        let (path, first_problem) = (self.path, self.first_problem);
        let out = self.list_field_problems();
        group_repeats(path, &mut out.problems, first_problem);
    }

    /// List the missing text and date fields, once per file when no record has the field.
    fn list_field_problems(self) -> &'o mut Outcome {
        let records = self.count;
        if !self.without_text_field.is_empty() && self.without_text_field.len() == records {
            let message = format!(
                "No text field ({}) was found in any of its {records} records; nothing was \
                 imported from it.",
                TEXT_NAMES[..4].join(", ")
            );
            self.out.problem(ProblemKind::Parse, self.path, message);
        } else {
            for source in self.without_text_field {
                let message = "The record has no text field; it was skipped.".to_owned();
                self.out.problem(ProblemKind::Empty, source, message);
            }
        }
        let dated_candidates = self.with_date_field + self.without_date_field.len();
        if self.with_date_field == 0 && dated_candidates > 0 {
            let message = format!(
                "No date field ({}) was found; its {dated_candidates} articles are undated.",
                DATE_NAMES[..4].join(", ")
            );
            self.out.problem(ProblemKind::Date, self.path, message);
        } else {
            for source in self.without_date_field {
                let message = "The record has no date; the article is undated.".to_owned();
                self.out.problem(ProblemKind::Date, source, message);
            }
        }
        self.out
    }
}

/// Replace the problems of `path`'s records (from `first` on) that repeat word for word by one
/// problem for the file each, in the order they first appeared.
fn group_repeats(path: &str, problems: &mut Vec<Problem>, first: usize) {
    let mine = problems.split_off(first.min(problems.len()));
    let mut groups: Vec<(Problem, Vec<String>)> = Vec::new();
    let mut index: HashMap<(ProblemKind, String), usize> = HashMap::new();
    for problem in mine {
        let key = (problem.kind, problem.message.clone());
        match index.get(&key) {
            Some(&i) => groups[i].1.push(problem.path),
            None => {
                index.insert(key, groups.len());
                let paths = vec![problem.path.clone()];
                groups.push((problem, paths));
            }
        }
    }
    for (problem, paths) in groups {
        if paths.len() < 2 {
            problems.push(problem);
            continue;
        }
        let prefix = format!("{path}#");
        let mut records: Vec<String> = paths
            .iter()
            .take(3)
            .map(|p| format!("#{}", p.strip_prefix(&prefix).unwrap_or(p)))
            .collect();
        if paths.len() > 3 {
            records.push("…".to_owned());
        }
        let listed = records.join(", ");
        problems.push(Problem {
            kind: problem.kind,
            message: format!(
                "{} records ({listed}): {}",
                thousands(paths.len()),
                problem.message
            ),
            path: path.to_owned(),
        });
    }
}

/// `2225` as `2,225`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The date of a record: `Ok(None)` for an empty value, `Err(message)` when unusable.
fn record_date(value: Scalar<'_>) -> Result<Option<chrono::NaiveDate>, String> {
    match value {
        Scalar::Str(s) if s.trim().is_empty() => {
            Err("The record has no date; the article is undated.".to_owned())
        }
        Scalar::Str(s) => dates::parse_plausible_date(s)
            .map(Some)
            .map_err(|e| e.message(s)),
        Scalar::Num(n) => {
            let raw = n.to_string();
            // An eight-digit integer is a compact date (20230131), not a 1970 timestamp.
            let date = if raw.len() == 8 && raw.bytes().all(|b| b.is_ascii_digit()) {
                dates::parse_date(&raw)
            } else {
                n.as_f64().and_then(dates::date_from_timestamp)
            };
            let date = date.ok_or_else(|| DateError::Unparsable.message(&raw))?;
            dates::check_plausible(date, dates::today())
                .map(Some)
                .map_err(|e| e.message(&raw))
        }
        Scalar::Bool(b) => Err(DateError::Unparsable.message(&b.to_string())),
        Scalar::Other => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_problems_are_grouped_per_file() {
        let mut out = Outcome::default();
        out.problem(ProblemKind::Parse, "other.csv", "Earlier, not ours.");
        let mut records = Records::new("f.csv", &mut out);
        let fields = |date: &'static str| [("date", Scalar::Str(date)), ("text", Scalar::Str("t"))];
        let roles = Roles {
            title: None,
            date: Some(0),
            text: Some(1),
        };
        for date in ["", "2023-01-31", "", "soon", "", "", ""] {
            records.add(&fields(date), roles);
        }
        records.bad("Line 9 is broken.".to_owned());
        records.add(&fields("soon"), roles);
        records.finish();
        let listed: Vec<(&str, &str)> = out
            .problems
            .iter()
            .map(|p| (p.path.as_str(), p.message.as_str()))
            .collect();
        assert_eq!(
            listed,
            [
                ("other.csv", "Earlier, not ours."),
                (
                    "f.csv",
                    "5 records (#1, #3, #5, …): The record has no date; the article is undated."
                ),
                (
                    "f.csv",
                    "2 records (#4, #9): The date \"soon\" could not be read; the article is \
                     undated."
                ),
                ("f.csv#8", "Line 9 is broken."),
            ]
        );
        assert_eq!(out.articles.len(), 8);
        assert_eq!(
            (thousands(7), thousands(2225), thousands(1_234_567)),
            ("7".to_owned(), "2,225".to_owned(), "1,234,567".to_owned())
        );
    }

    #[test]
    fn field_names_are_matched_loosely_and_by_priority() {
        let opts = ImportOptions::default();
        let keys = ["ID", "Headline", "pub_date", "Full Text", "body"];
        let roles = detect_roles(&keys, &opts);
        assert_eq!(
            roles,
            Roles {
                title: Some(1),
                date: Some(2),
                text: Some(4)
            }
        );
        let opts = ImportOptions {
            text_field: Some("full text".to_owned()),
            ..ImportOptions::default()
        };
        assert_eq!(detect_roles(&keys, &opts).text, Some(3));
    }
}
