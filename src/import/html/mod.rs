//! HTML input: web pages (`.html`, `.htm`, `.xhtml`), HTML in JSON/CSV text fields and HTML
//! mail parts, reduced to the article's readable text, plus the light entity pass for plain text
//! ([`decode_entities`]).
//!
//! Pages are parsed by `scraper` (Servo's `html5ever`, the HTML5 parsing algorithm browsers
//! use, so broken markup is recovered as a browser would). The *main text* is taken from the
//! first element that exists of `[itemprop=articleBody]`, the `<article>` with the most text,
//! `<main>`, `[role=main]`, then `<body>`; inside it, the `text` walk drops scripts, navigation,
//! headers, footers, asides, forms, ads and widgets and link-dense paragraphs. The title is
//! `og:title`, else `twitter:title`, else `<title>`, else the first `<h1>`; a heading equal to the
//! title is not repeated in the text. The date is the first readable one of
//! `article:published_time` (and the other publication-date metas), JSON-LD `datePublished`,
//! `itemprop=datePublished`, then the first `<time datetime>`, read by [`super::dates`].

mod entities;
mod meta;
mod text;

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};

pub use entities::decode_entities;

/// The article of one web page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    pub title: String,
    pub date: Option<NaiveDate>,
    /// A date the page states but that could not be read or is implausible, as written.
    pub unreadable_date: Option<String>,
    /// Paragraphs separated by blank lines.
    pub text: String,
}

/// Extract the article of a whole HTML page.
pub fn extract_page(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let title = meta::title(&doc);
    let (date, unreadable_date) = meta::date(&doc);
    let mut paragraphs = text::paragraphs(main_element(&doc));
    if paragraphs
        .first()
        .is_some_and(|p| !title.is_empty() && p.trim() == title.trim())
    {
        paragraphs.remove(0);
    }
    Page {
        title,
        date,
        unreadable_date,
        text: paragraphs.join("\n\n"),
    }
}

/// The readable text of an HTML document or fragment (a mail part, a record field): the same
/// dropping rules as pages, over the whole document.
pub fn html_to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    text::paragraphs(doc.root_element()).join("\n\n")
}

/// Whether a text field holds HTML markup rather than plain text: it has an HTML element tag
/// (`<p>`, `</div>`, `<br/>`, `<a href=…>`…) of a common element. A lone `<` or `a <b> c` in
/// prose with no closing tag is not enough: at least one closing tag or `<br>`/`<p>` is needed.
pub fn looks_like_html(text: &str) -> bool {
    const TAGS: [&str; 20] = [
        "p",
        "br",
        "div",
        "span",
        "a",
        "b",
        "i",
        "em",
        "strong",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "table",
        "html",
        "body",
        "blockquote",
        "img",
    ];
    let bytes = text.as_bytes();
    let mut found = 0;
    for (at, _) in text.match_indices('<') {
        let rest = &bytes[at + 1..];
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let after = rest.get(name_start + name_len).copied();
        let name = String::from_utf8_lossy(&rest[name_start..name_start + name_len]).to_lowercase();
        let is_tag = TAGS.contains(&name.as_str()) && matches!(after, Some(b'>' | b' ' | b'/'));
        if is_tag {
            if closing || name == "br" || name == "p" {
                return true;
            }
            found += 1;
            if found >= 2 {
                return true;
            }
        }
    }
    false
}

/// The element that holds the article (see the module docs for the order).
fn main_element(doc: &Html) -> ElementRef<'_> {
    let first = |css: &str| {
        Selector::parse(css)
            .ok()
            .and_then(|s| doc.select(&s).next())
    };
    if let Some(body) = first("[itemprop~=articleBody]") {
        return body;
    }
    let articles = Selector::parse("article").ok();
    let longest = articles.as_ref().and_then(|s| {
        doc.select(s)
            .max_by_key(|a| a.text().map(|t| t.trim().len()).sum::<usize>())
    });
    longest
        .or_else(|| first("main"))
        .or_else(|| first("[role=main]"))
        .or_else(|| first("body"))
        .unwrap_or_else(|| doc.root_element())
}

#[cfg(test)]
mod tests;
