//! The byline and dateline of wire copy at the head of an article: a first line
//! "By Jane Doe, Outlet" and a first paragraph opening "CAIRO (Reuters) —" or "WASHINGTON —".
//!
//! Both are recognised by shape, article by article, and only at the very start of the body, so
//! a sentence that merely starts with "By" or a capitalised word is never touched:
//!
//! - byline: "By" then a capitalised word, at most 12 words, not ending like a sentence
//!   (`.`, `!`, `?`, `:`);
//! - dateline: before the first dash (`—`, `–`, `--` or ` - `, within 80 bytes) at most 8 words
//!   whose first is an all-capital place name of two letters or more, and either an agency in
//!   parentheses at the end ("LONDON, March 3 (Reuters)") or no lower-case letter at all
//!   ("NEW YORK"); some text must follow.

/// Whether `line` is a byline.
pub(crate) fn is_byline(line: &str) -> bool {
    let line = line.trim();
    let mut words = line.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if !first.eq_ignore_ascii_case("by") {
        return false;
    }
    let starts_upper = words
        .next()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    starts_upper && line.split_whitespace().count() <= 12 && !line.ends_with(['.', '!', '?', ':'])
}

/// The dashes a dateline ends with, longest first.
const DASHES: &[&str] = &[" -- ", " — ", " – ", " - ", "—", "–", "--"];

/// The length in bytes of the dateline opening `text` (with its dash and the space after), if
/// it opens with one.
pub(crate) fn dateline_len(text: &str) -> Option<usize> {
    let mut end = text.len().min(120);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let (at, dash) = DASHES
        .iter()
        .filter_map(|d| head.find(d).map(|i| (i, *d)))
        .min_by_key(|&(i, d)| (i, std::cmp::Reverse(d.len())))?;
    if at == 0 || at > 80 {
        return None;
    }
    let prefix = text[..at].trim_end();
    if prefix.contains('\n') || prefix.split_whitespace().count() > 8 {
        return None;
    }
    let first = prefix.split_whitespace().next()?;
    let letters: Vec<char> = first.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || letters.iter().any(|c| !c.is_uppercase()) {
        return None;
    }
    let agency = prefix.ends_with(')') && prefix.contains('(');
    if !agency && prefix.chars().any(char::is_lowercase) {
        return None;
    }
    let after = at + dash.len();
    let rest = &text[after..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let body = &rest[spaces..];
    if body.trim().is_empty() || body.starts_with('\n') {
        return None;
    }
    Some(after + spaces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_by_shape() {
        assert!(is_byline("By Jane Doe, The Courier"));
        assert!(is_byline("BY JOHN ROE and ANA LIMA"));
        assert!(is_byline("By The Associated Press"));
        assert!(!is_byline("By the end of the year we had built roads."));
        assert!(!is_byline("By Friday, the talks had failed."));
        assert!(!is_byline("Bystanders ran"));
        assert!(!is_byline(""));
    }

    #[test]
    fn datelines_by_shape() {
        fn cut(t: &str) -> Option<&str> {
            dateline_len(t).map(|n| &t[n..])
        }
        assert_eq!(
            cut("CAIRO (Reuters) — Talks resumed."),
            Some("Talks resumed.")
        );
        assert_eq!(
            cut("WASHINGTON (AP) -- The Senate voted."),
            Some("The Senate voted.")
        );
        assert_eq!(
            cut("LONDON, March 3 (Reuters) - Prices rose."),
            Some("Prices rose.")
        );
        assert_eq!(cut("NEW YORK — Stocks fell."), Some("Stocks fell."));
        assert_eq!(cut("I — and I alone — decide."), None);
        assert_eq!(cut("Congress — not the courts — decides."), None);
        assert_eq!(cut("The FBI — and others — came."), None);
        assert_eq!(cut("PARIS —\nNext line"), None);
        assert_eq!(cut("No dash here at all."), None);
        assert_eq!(cut("ÉVIAN (AFP) — Lac."), Some("Lac."));
    }
}
