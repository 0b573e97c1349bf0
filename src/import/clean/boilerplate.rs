//! Boilerplate lines: lines that recur, normalised, across many articles of a corpus — outlet
//! promos, share bars, copyright lines, "Read more", an outlet's repeated byline.
//!
//! A line is normalised by folding case, writing every run of digits as `#` and collapsing white
//! space, so "© 2023 The Courier" and "© 2024 the courier" are one line. The rule (README,
//! "Cleaning"): a normalised line is boilerplate when it is in at least
//! `boilerplate_min_articles` articles (10) **and** at least `boilerplate_min_share` of them
//! (0.5%), those articles tell at least half as many different stories, and it has between
//! `boilerplate_min_words` (3) and `boilerplate_max_words` (60) words. Why:
//!
//! - page furniture is by nature on a large share of an outlet's pages, while a repeated
//!   heading or formula of real text ("National defense", "Thank you and good afternoon.") is on
//!   a few; ten articles keeps such lines of small corpora (the 250 State of the Union speeches
//!   repeat headings in up to 8), and 0.5% scales the bar with large corpora (100 of 20,000);
//! - one- and two-word lines are usually headings, so they are kept, except a short list of
//!   furniture lines ("read more", "advertisement", "share", …);
//! - a line ending in `:` or `,` leads into the next (a salutation such as "To the Congress of
//!   the United States:", a letter's "The White House,"), so it belongs to the text and is kept;
//! - lines of more than 60 words are prose: text shared that way is the near-duplicate pass's
//!   business;
//! - furniture surrounds many different stories, while the paragraphs of a story syndicated
//!   fifty times are in fifty articles of one story. An article's story is told by its longest
//!   line (copies share it), so a line must be in articles of at least half as many different
//!   longest lines as the article minimum.

use std::hash::Hasher;

use rayon::prelude::*;
use rustc_hash::{FxHashSet, FxHasher};

use crate::model::{Article, BoilerplateLine, CleaningOptions};

/// Short lines that are page furniture whatever the word minimum (normalised, without final
/// punctuation).
const FURNITURE: &[&str] = &[
    "advertisement",
    "click here",
    "comments",
    "continue reading",
    "email",
    "print",
    "read more",
    "related",
    "related articles",
    "related stories",
    "share",
    "share this",
    "share this article",
    "sign up",
    "skip advertisement",
    "subscribe",
    "top stories",
];

/// Normalise `line` into `buf` (lower case, digit runs as `#`, single spaces, trimmed); returns
/// the number of words (space-separated pieces holding a letter or digit).
pub(crate) fn normalise_line(line: &str, buf: &mut String) -> usize {
    normalise_line_upto(line, buf, usize::MAX)
}

/// [`normalise_line`], stopping (with a partial `buf`) once the line has more than `max_words`
/// words: such a line is prose, and most lines of news are.
fn normalise_line_upto(line: &str, buf: &mut String, max_words: usize) -> usize {
    buf.clear();
    let (mut words, mut in_word_alnum, mut pending_space, mut in_digits) = (0, false, false, false);
    for c in line.chars() {
        if c.is_whitespace() {
            pending_space = !buf.is_empty();
            in_digits = false;
            in_word_alnum = false;
            continue;
        }
        if pending_space {
            buf.push(' ');
            pending_space = false;
        }
        if c.is_numeric() {
            if !in_digits {
                buf.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                buf.extend(c.to_lowercase());
            }
        }
        if c.is_alphanumeric() && !in_word_alnum {
            in_word_alnum = true;
            words += 1;
            if words > max_words {
                return words;
            }
        }
    }
    words
}

/// Whether a normalised line of `words` words may be boilerplate under `opts`.
pub(crate) fn eligible(line: &str, words: usize, opts: &CleaningOptions) -> bool {
    if words == 0 {
        return false;
    }
    let bare = line.trim_end_matches(['.', '!', '…', ' ', '»', '›', '>']);
    if FURNITURE.contains(&bare) {
        return true;
    }
    if line.ends_with([':', ',']) {
        return false;
    }
    (opts.boilerplate_min_words..=opts.boilerplate_max_words).contains(&words)
}

/// Whether a line has more than twice `max_words` space-separated pieces: a cheap byte scan that
/// spares most paragraphs of prose the normalisation.
fn surely_prose(line: &str, max_words: usize) -> bool {
    let limit = max_words.saturating_mul(2);
    let mut pieces = 0;
    let mut in_piece = false;
    for &b in line.as_bytes() {
        let space = b.is_ascii_whitespace();
        if !space && !in_piece {
            pieces += 1;
            if pieces > limit {
                return true;
            }
        }
        in_piece = !space;
    }
    false
}

fn hash_line(line: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(line.as_bytes());
    h.finish()
}

/// The story of an article: a hash of its longest line (trimmed), which copies share.
fn story(text: &str) -> u64 {
    let longest = text
        .lines()
        .map(str::trim)
        .max_by_key(|l| l.len())
        .unwrap_or("");
    hash_line(longest)
}

/// The hashes of the distinct eligible lines of `text`, sorted.
fn line_hashes(text: &str, opts: &CleaningOptions) -> Vec<u64> {
    let mut buf = String::new();
    let mut out: Vec<u64> = text
        .lines()
        .filter(|line| !surely_prose(line, opts.boilerplate_max_words))
        .filter_map(|line| {
            let words = normalise_line_upto(line, &mut buf, opts.boilerplate_max_words);
            eligible(&buf, words, opts).then(|| hash_line(&buf))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The boilerplate lines of a corpus: their hashes (for removal), the lines with their article
/// counts (for the report), by count descending then line, and for each article whether it holds
/// one (the others need no second look).
pub(crate) fn find(
    articles: &[Article],
    opts: &CleaningOptions,
) -> (FxHashSet<u64>, Vec<BoilerplateLine>, Vec<bool>) {
    let per_article: Vec<(Vec<u64>, u64)> = articles
        .par_iter()
        .map(|a| (line_hashes(&a.text, opts), story(&a.text)))
        .collect();
    // (line, story, article) for every eligible line, grouped by line then story.
    let mut held: Vec<(u64, u64, u32)> = per_article
        .iter()
        .enumerate()
        .flat_map(|(i, (hashes, story))| hashes.iter().map(move |&h| (h, *story, i as u32)))
        .collect();
    held.par_sort_unstable();
    // hash -> (articles holding the line, stories among them, first article holding it)
    let counts = held.chunk_by(|x, y| x.0 == y.0).map(|run| {
        let stories = run.chunk_by(|x, y| x.1 == y.1).count() as u64;
        let first = run.iter().map(|x| x.2 as usize).min().unwrap_or(0);
        (run[0].0, (run.len() as u64, stories, first))
    });
    let share_min = (opts.boilerplate_min_share * articles.len() as f64).ceil() as u64;
    let min = opts.boilerplate_min_articles.max(share_min).max(2);
    let found: Vec<(u64, u64, usize)> = counts
        .filter(|(_, (n, stories, _))| *n >= min && *stories * 2 >= min)
        .map(|(h, (n, _, first))| (h, n, first))
        .collect();
    let mut lines: Vec<BoilerplateLine> = found
        .iter()
        .filter_map(|&(h, n, first)| {
            let mut buf = String::new();
            articles[first].text.lines().find_map(|line| {
                normalise_line(line, &mut buf);
                (hash_line(&buf) == h).then(|| BoilerplateLine {
                    line: buf.clone(),
                    articles: n,
                })
            })
        })
        .collect();
    lines.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.line.cmp(&b.line))
    });
    let set: FxHashSet<u64> = found.iter().map(|f| f.0).collect();
    let holds = per_article
        .iter()
        .map(|(hashes, _)| hashes.iter().any(|h| set.contains(h)))
        .collect();
    (set, lines, holds)
}

/// The byte ranges (line contents, without line ends) of the boilerplate lines of `text`.
pub(crate) fn ranges_in(
    text: &str,
    boilerplate: &FxHashSet<u64>,
    opts: &CleaningOptions,
) -> Vec<(usize, usize)> {
    let mut buf = String::new();
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let line = piece.trim_end_matches(['\n', '\r']);
        if surely_prose(line, opts.boilerplate_max_words) {
            start += piece.len();
            continue;
        }
        let words = normalise_line_upto(line, &mut buf, opts.boilerplate_max_words);
        if eligible(&buf, words, opts) && boilerplate.contains(&hash_line(&buf)) {
            out.push((start, start + line.len()));
        }
        start += piece.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_normalised_by_case_digits_and_space() {
        let mut buf = String::new();
        assert_eq!(normalise_line("  © 2024  The\tCourier 12:30 ", &mut buf), 4);
        assert_eq!(buf, "© # the courier #:#");
        assert_eq!(normalise_line("Share | Facebook | X", &mut buf), 3);
        assert_eq!(buf, "share | facebook | x");
        assert_eq!(normalise_line("   ", &mut buf), 0);
        assert_eq!(buf, "");
    }

    #[test]
    fn headings_salutations_and_prose_are_not_eligible() {
        let o = CleaningOptions::default();
        let check = |line: &str| {
            let mut buf = String::new();
            let words = normalise_line(line, &mut buf);
            eligible(&buf, words, &o)
        };
        assert!(check("Sign up for the Morning Digest newsletter"));
        assert!(check("Read more"));
        assert!(check("Advertisement."));
        assert!(!check("National defense"));
        assert!(!check("To the Congress of the United States:"));
        assert!(!check("The White House,"));
        assert!(!check(&"word ".repeat(61)));
    }

    fn article(text: &str) -> Article {
        Article {
            text: text.to_owned(),
            ..Article::default()
        }
    }

    #[test]
    fn a_line_needs_ten_articles_and_half_a_percent() {
        let o = CleaningOptions::default();
        let mut articles: Vec<Article> = (0..10)
            .map(|i| {
                article(&format!(
                    "Story of {} here, told at more length than the promo.\nSign up for our 2 newsletters today\n",
                    "x".repeat(i + 1)
                ))
            })
            .collect();
        articles.push(article("Nine copies only of this line\n"));
        let (set, lines, holds) = find(&articles, &o);
        assert_eq!(holds.iter().filter(|&&h| h).count(), 10);
        assert_eq!(set.len(), 1);
        assert_eq!(
            lines,
            vec![BoilerplateLine {
                line: "sign up for our # newsletters today".into(),
                articles: 10
            }]
        );
        let text = "Story.\r\nSign up for our 3 newsletters today\r\nEnd.";
        assert_eq!(ranges_in(text, &set, &o), vec![(8, 43)]);
        // Nine articles are too few.
        let (set, _, _) = find(&articles[1..], &o);
        assert!(set.is_empty());
        // A story in twelve copies: its short paragraph is in twelve articles of one story.
        let lead = "Long lead. ".repeat(20);
        let copies: Vec<Article> = (0..12)
            .map(|_| article(&format!("{lead}\nA short paragraph of the story.\n")))
            .collect();
        let (set, _, _) = find(&copies, &o);
        assert!(set.is_empty());
    }
}
