//! A page's title and publication date, from its meta tags, JSON-LD and `<time>` elements.

use chrono::NaiveDate;
use scraper::{Html, Selector};
use serde_json::Value;

use crate::import::dates;

/// The values of `attr` of the elements matching `css`, trimmed, non-empty, in document order.
fn values<'d>(doc: &'d Html, css: &str, attr: &'static str) -> Vec<&'d str> {
    let Ok(selector) = Selector::parse(css) else {
        return Vec::new();
    };
    doc.select(&selector)
        .filter_map(|e| e.value().attr(attr))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

/// The text of the first element matching `css`, whitespace runs made one space.
fn first_text(doc: &Html, css: &str) -> Option<String> {
    let selector = Selector::parse(css).ok()?;
    doc.select(&selector)
        .map(|e| {
            e.text()
                .flat_map(str::split_whitespace)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .find(|t| !t.is_empty())
}

/// `og:title`, else `twitter:title`, else `<title>`, else the first `<h1>`; empty when none.
pub(super) fn title(doc: &Html) -> String {
    let meta = values(
        doc,
        "meta[property='og:title'], meta[name='og:title']",
        "content",
    )
    .into_iter()
    .chain(values(doc, "meta[name='twitter:title']", "content"))
    .next()
    .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    meta.or_else(|| first_text(doc, "head title, title"))
        .or_else(|| first_text(doc, "h1"))
        .unwrap_or_default()
}

/// Meta tags that state the publication date, most specific first.
const DATE_METAS: &str = "meta[property='article:published_time'], \
     meta[name='article:published_time'], meta[property='og:published_time'], \
     meta[name='pubdate'], meta[name='publishdate'], meta[name='date'], \
     meta[name='DC.date.issued'], meta[name='dc.date'], meta[name='sailthru.date'], \
     meta[itemprop='datePublished']";

/// The publication date: the first stated one in the order of the module docs. When dates are
/// stated but none can be read, the first is returned as written (for the import report).
pub(super) fn date(doc: &Html) -> (Option<NaiveDate>, Option<String>) {
    let mut stated: Vec<String> = values(doc, DATE_METAS, "content")
        .into_iter()
        .map(str::to_owned)
        .collect();
    stated.extend(json_ld_dates(doc));
    stated.extend(
        values(doc, "[itemprop='datePublished']", "datetime")
            .into_iter()
            .chain(values(doc, "time[datetime]", "datetime"))
            .map(str::to_owned),
    );
    let found = stated
        .iter()
        .find_map(|raw| dates::parse_plausible_date(raw).ok());
    match found {
        Some(d) => (Some(d), None),
        None => (None, stated.into_iter().next()),
    }
}

/// Every `datePublished` of the page's JSON-LD blocks (top level, arrays and `@graph`).
fn json_ld_dates(doc: &Html) -> Vec<String> {
    let Ok(selector) = Selector::parse("script[type='application/ld+json']") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for script in doc.select(&selector) {
        let json: String = script.text().collect();
        if let Ok(value) = serde_json::from_str::<Value>(&json) {
            collect_date_published(&value, &mut out, 0);
        }
    }
    out
}

/// `datePublished` values under `value`, depth-first, to a bounded depth (JSON from a page may
/// nest deeply on purpose).
fn collect_date_published(value: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::String(s)) = map.get("datePublished") {
                out.push(s.trim().to_owned());
            }
            for v in map.values() {
                collect_date_published(v, out, depth + 1);
            }
        }
        Value::Array(items) => {
            for v in items {
                collect_date_published(v, out, depth + 1);
            }
        }
        _ => {}
    }
}
