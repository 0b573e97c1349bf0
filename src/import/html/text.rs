//! The readable text of a parsed HTML document: a walk over the DOM (an explicit traversal, so
//! deeply nested input cannot overflow the stack) that drops what a reader of the article does
//! not read and turns block elements into paragraphs.
//!
//! Dropped with everything inside them:
//! - elements that are not text: `script`, `style`, `noscript`, `template`, `head`, `title`,
//!   `iframe`, `svg`, `canvas`, `button`, `select`, `textarea`;
//! - page furniture: `nav`, `header`, `footer`, `aside`, `form`, and elements whose ARIA role is
//!   `navigation`, `banner`, `contentinfo`, `complementary`, `search` or `dialog`, or that are
//!   `hidden`/`aria-hidden="true"`;
//! - ads and widgets: elements whose `class` or `id` names one (see [`is_junk_name`]).
//!
//! Then the density rule: a paragraph more than half of whose characters are link text (a menu,
//! a list of related stories, a "Share: Facebook Twitter" bar) is dropped.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Node};

/// Elements whose content is never text.
const HIDDEN: [&str; 12] = [
    "script", "style", "noscript", "template", "head", "title", "iframe", "svg", "canvas",
    "button", "select", "textarea",
];

/// Page furniture around the article.
const FURNITURE: [&str; 5] = ["nav", "header", "footer", "aside", "form"];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: [&str; 6] = [
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
];

/// Elements that end a paragraph where they open and where they close.
const BLOCKS: [&str; 31] = [
    "address",
    "article",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "body",
    "html",
    "caption",
    "details",
];

/// Words that, as a whole part of a `class` or `id` (split at `-`, `_`, spaces and case
/// changes are not split), mark an ad or a widget.
const JUNK_PARTS: [&str; 8] = [
    "ad", "ads", "adv", "share", "social", "related", "promo", "cookie",
];

/// Words that mark an ad or a widget wherever they occur in a `class` or `id`.
const JUNK_SUBSTRINGS: [&str; 15] = [
    "advert",
    "promo",
    "sharing",
    "social",
    "newsletter",
    "related",
    "cookie",
    "subscribe",
    "sponsor",
    "banner",
    "sidebar",
    "breadcrumb",
    "popup",
    "outbrain",
    "taboola",
];

/// Whether a `class` or `id` value names an ad or a widget: a part (split at `-`, `_` and
/// whitespace) is `ad`, `ads`, `adv`, `share`, `social`, `related`, `promo` or `cookie`, or the
/// value contains one of the longer words (`advert`, `newsletter`, `subscribe`, `sponsor`…).
/// Whole parts for the short words, so `header`, `shadow` and `loading` are not ads.
pub(super) fn is_junk_name(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    lower
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .any(|part| JUNK_PARTS.contains(&part))
        || JUNK_SUBSTRINGS.iter().any(|w| lower.contains(w))
}

/// Whether the element and everything in it is left out.
fn dropped(el: &scraper::node::Element) -> bool {
    let name = el.name();
    if HIDDEN.contains(&name) || FURNITURE.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if el
        .attr("role")
        .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    el.attr("class").is_some_and(is_junk_name) || el.attr("id").is_some_and(is_junk_name)
}

/// Paragraphs being collected: the current one, with how many of its characters are link text.
#[derive(Default)]
struct Paragraphs {
    done: Vec<String>,
    line: String,
    /// Whitespace was met since the last character: one space goes before the next one.
    space: bool,
    chars: usize,
    link_chars: usize,
}

impl Paragraphs {
    fn push_text(&mut self, text: &str, in_link: bool) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.space && !self.line.is_empty() && !self.line.ends_with('\n') {
                self.line.push(' ');
            }
            self.space = false;
            self.line.push(c);
            self.chars += 1;
            if in_link {
                self.link_chars += 1;
            }
        }
    }

    fn line_break(&mut self) {
        if !self.line.is_empty() && !self.line.ends_with('\n') {
            self.line.push('\n');
        }
        self.space = false;
    }

    fn end_paragraph(&mut self) {
        let text = self.line.trim();
        // The density rule: mostly link text is navigation, not prose.
        if !text.is_empty() && self.link_chars * 2 <= self.chars {
            self.done.push(text.to_owned());
        }
        self.line.clear();
        self.space = false;
        self.chars = 0;
        self.link_chars = 0;
    }
}

/// The paragraphs of the readable text under `root`.
pub(super) fn paragraphs(root: ElementRef<'_>) -> Vec<String> {
    let mut out = Paragraphs::default();
    let mut skipping: Option<ego_tree::NodeId> = None;
    let mut links = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => out.push_text(t, links > 0),
                    Node::Element(el) => {
                        if node.id() != root.id() && dropped(el) {
                            skipping = Some(node.id());
                        } else if el.name() == "br" {
                            out.line_break();
                        } else if el.name() == "a" {
                            links += 1;
                        } else if BLOCKS.contains(&el.name()) {
                            out.end_paragraph();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    if el.name() == "a" {
                        links = links.saturating_sub(1);
                    } else if BLOCKS.contains(&el.name()) {
                        out.end_paragraph();
                    }
                }
            }
        }
    }
    out.end_paragraph();
    out.done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_names_by_part_and_by_word() {
        for junk in [
            "ad",
            "ad-slot",
            "top_ads",
            "share-bar",
            "newsletter-signup",
            "RelatedStories",
            "cookieConsent",
            "sponsored",
        ] {
            assert!(is_junk_name(junk), "{junk}");
        }
        for fine in [
            "header-title",
            "article-body",
            "shadow",
            "loading",
            "readable",
            "story",
        ] {
            assert!(!is_junk_name(fine), "{fine}");
        }
    }
}
