//! Entity co-occurrence: pairs of canonical entities named in the same sentence and in the same
//! article, with association scores computed over articles.
//!
//! An article longer than [`PASSAGE_BYTES`] counts as several units for the article-level
//! co-occurrence: consecutive passages of whole sentences, each starting a new passage once the
//! current one reaches that length. Without this, one long document (a book, a concatenated
//! archive, a mail folder in one file) pairs every entity with every other — quadratic time,
//! memory and output in its length; with it, the cost grows linearly. Articles of news length
//! are one unit, as before. Below, "articles" means these units.
//!
//! With N articles, `n_a` and `n_b` the numbers of articles naming each entity and `n_ab` the
//! number naming both:
//!
//! - PMI = log2( n_ab · N / (n_a · n_b) ).
//! - G² (log-likelihood) = 2 Σ O · ln(O / E) over the 2×2 table of articles (both, a only, b only,
//!   neither), with E the counts expected under independence (cells with O = 0 add nothing).

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::CorpusEntities;
use super::tokens::is_abbreviation;

/// Co-occurrence of two canonical entities (`a < b`, ids into [`CorpusEntities::entities`]).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EntityPair {
    pub a: u32,
    pub b: u32,
    /// Sentences naming both.
    pub sentence_count: u64,
    /// Articles naming both.
    pub article_count: u64,
    pub pmi: f64,
    pub log_likelihood: f64,
}

/// Sentence spans (byte offsets, end exclusive) of `text`: a sentence ends at `.`, `!` or `?`
/// followed by white space (closing quotes and brackets stay with it), and at every line break.
/// Periods after single capitals ("J.") and common titles ("Mr.") do not end a sentence. Spans
/// are trimmed of white space; empty ones are skipped.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let push = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if s + lead < e - trail {
            out.push((s + lead, e - trail));
        }
    };
    // Jump from one line break or sentence end to the next (memchr), not byte by byte.
    let mut bang = memchr::memchr(b'!', bytes);
    let mut i = 0;
    while i < bytes.len() {
        if bang.is_some_and(|p| p < i) {
            bang = memchr::memchr(b'!', &bytes[i..]).map(|p| p + i);
        }
        let other = memchr::memchr3(b'\n', b'.', b'?', &bytes[i..]).map(|p| p + i);
        match (other, bang) {
            (Some(a), Some(b)) => i = a.min(b),
            (Some(p), None) | (None, Some(p)) => i = p,
            (None, None) => break,
        }
        let b = bytes[i];
        if b == b'\n' {
            push(start, i, &mut out);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len()
                && matches!(bytes[j], b'"' | b'\'' | b')' | b']' | b'.' | b'!' | b'?')
            {
                j += 1;
            }
            let at_space = j >= bytes.len() || bytes[j].is_ascii_whitespace();
            let word_start = text[..i]
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(0, |(p, c)| p + c.len_utf8());
            let word = &text[word_start..i];
            let abbreviation = b == b'.'
                && (word.chars().count() == 1 && word.chars().all(char::is_uppercase)
                    || is_abbreviation(word));
            if at_space && !abbreviation {
                push(start, j, &mut out);
                start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(start, bytes.len(), &mut out);
    out
}

/// Article frequencies and (sentence, article) co-occurrence counts, keyed by entity and pair.
type Counts = (FxHashMap<u32, u64>, FxHashMap<(u32, u32), (u64, u64)>);

/// Articles longer than this many bytes count as several passages (see the module docs).
pub const PASSAGE_BYTES: usize = 20_000;

/// Count one article's entities and pairs into `counts`; returns how many units (articles or
/// passages) it counted as.
fn count_article(text: &str, mentions: &[super::Mention], counts: &mut Counts) -> u64 {
    let (doc_freq, pairs) = counts;
    // Sentences after the last mention hold no pairs: split only up to its end (the boundaries
    // before its start do not depend on what follows it).
    let last_end = mentions.iter().map(|m| m.end).max().unwrap_or(0);
    let text = text.get(..last_end).unwrap_or(text);
    let distinct = |ids: &mut Vec<u32>| {
        ids.sort_unstable();
        ids.dedup();
    };
    let mut all: Vec<u32> = mentions.iter().map(|m| m.entity).collect();
    distinct(&mut all);
    // Fewer than two entities: no pair, no need for sentences (or passages).
    let spans = if all.len() < 2 {
        Vec::new()
    } else {
        sentence_spans(text)
    };
    // Passage starts: a new passage begins at the first sentence that starts PASSAGE_BYTES or
    // more after the current passage's start.
    let mut passages: Vec<usize> = vec![0];
    for &(s, _) in &spans {
        if s - passages[passages.len() - 1] >= PASSAGE_BYTES {
            passages.push(s);
        }
    }
    let mut unit_ids: Vec<Vec<u32>> = vec![Vec::new(); passages.len()];
    for m in mentions {
        let unit = passages
            .partition_point(|&p| p <= m.start)
            .saturating_sub(1);
        unit_ids[unit].push(m.entity);
    }
    // Every passage up to the last mention is a unit, even one that names nobody (like an
    // article that names nobody).
    let units = unit_ids.len() as u64;
    for ids in &mut unit_ids {
        distinct(ids);
        for (x, &a) in ids.iter().enumerate() {
            *doc_freq.entry(a).or_default() += 1;
            for &b in &ids[x + 1..] {
                pairs.entry((a, b)).or_default().1 += 1;
            }
        }
    }
    let mut m = 0;
    let mut in_sentence: Vec<u32> = Vec::new();
    for (s, e) in spans {
        in_sentence.clear();
        while m < mentions.len() && mentions[m].start < e {
            if mentions[m].start >= s {
                in_sentence.push(mentions[m].entity);
            }
            m += 1;
        }
        distinct(&mut in_sentence);
        for (x, &a) in in_sentence.iter().enumerate() {
            for &b in &in_sentence[x + 1..] {
                pairs.entry((a, b)).or_default().0 += 1;
            }
        }
    }
    units
}

/// Merge two workers' counts, the smaller into the larger.
fn merge_counts((f1, c1): Counts, (f2, c2): Counts) -> Counts {
    let (mut f, small_f) = if f1.len() >= f2.len() {
        (f1, f2)
    } else {
        (f2, f1)
    };
    for (k, v) in small_f {
        *f.entry(k).or_default() += v;
    }
    let (mut c, small_c) = if c1.len() >= c2.len() {
        (c1, c2)
    } else {
        (c2, c1)
    };
    for (k, (s, a)) in small_c {
        let e = c.entry(k).or_default();
        e.0 += s;
        e.1 += a;
    }
    (f, c)
}

/// Every pair of entities named together in at least one article, sorted by article count
/// (descending), then by ids.
pub fn entity_pairs(ce: &CorpusEntities, texts: &[&str]) -> Vec<EntityPair> {
    // Articles in parallel, each worker into its own maps, merged smaller into larger. Few,
    // large pieces: every piece's map holds up to every pair.
    let min_len = (ce.mentions.len() / (4 * rayon::current_num_threads().max(1))).max(1);
    let (units, (doc_freq, counts)) = ce
        .mentions
        .par_iter()
        .enumerate()
        .with_min_len(min_len)
        .fold(
            || (0u64, Counts::default()),
            |(units, mut counts), (t, mentions)| {
                let text = texts.get(t).copied().unwrap_or("");
                (units + count_article(text, mentions, &mut counts), counts)
            },
        )
        .reduce(
            || (0, Counts::default()),
            |(u1, x), (u2, y)| (u1 + u2, merge_counts(x, y)),
        );
    let n_articles = units as f64;
    let counts: Vec<((u32, u32), (u64, u64))> = counts.into_iter().collect();
    let mut pairs: Vec<EntityPair> = counts
        .into_par_iter()
        .filter(|(_, (_, articles))| *articles > 0)
        .map(|((a, b), (sentence_count, article_count))| {
            let na = doc_freq.get(&a).copied().unwrap_or(0) as f64;
            let nb = doc_freq.get(&b).copied().unwrap_or(0) as f64;
            let (pmi, log_likelihood) = scores(article_count as f64, na, nb, n_articles);
            EntityPair {
                a,
                b,
                sentence_count,
                article_count,
                pmi,
                log_likelihood,
            }
        })
        .collect();
    // (a, b) is unique, so an unstable sort gives one order.
    pairs.par_sort_unstable_by(|x, y| {
        y.article_count
            .cmp(&x.article_count)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    pairs
}

/// PMI and G² of a 2×2 contingency table (see the module docs).
fn scores(nab: f64, na: f64, nb: f64, n: f64) -> (f64, f64) {
    if nab <= 0.0 || na <= 0.0 || nb <= 0.0 || n <= 0.0 {
        return (0.0, 0.0);
    }
    let pmi = (nab * n / (na * nb)).log2();
    let observed = [nab, na - nab, nb - nab, n - na - nb + nab];
    let expected = [
        na * nb / n,
        na * (n - nb) / n,
        (n - na) * nb / n,
        (n - na) * (n - nb) / n,
    ];
    let g2 = 2.0
        * observed
            .iter()
            .zip(expected)
            .filter(|(o, e)| **o > 0.0 && *e > 0.0)
            .map(|(o, e)| o * (o / e).ln())
            .sum::<f64>();
    (pmi, g2.max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_after_multibyte_characters() {
        let text = "It was 40°. Then ünter Straße. Done!";
        let spans = sentence_spans(text);
        let got: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["It was 40°.", "Then ünter Straße.", "Done!"]);
    }
    use crate::analysis::entities::{Entity, EntityKind, Mention};

    /// The splitter as it was written before it jumped with memchr: one byte at a time.
    fn sentence_spans_bytewise(text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut start = 0;
        let push = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
            let seg = &text[s..e];
            let lead = seg.len() - seg.trim_start().len();
            let trail = seg.len() - seg.trim_end().len();
            if s + lead < e - trail {
                out.push((s + lead, e - trail));
            }
        };
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' {
                push(start, i, &mut out);
                start = i + 1;
            } else if matches!(b, b'.' | b'!' | b'?') {
                let mut j = i + 1;
                while j < bytes.len()
                    && matches!(bytes[j], b'"' | b'\'' | b')' | b']' | b'.' | b'!' | b'?')
                {
                    j += 1;
                }
                let at_space = j >= bytes.len() || bytes[j].is_ascii_whitespace();
                let word_start = text[..i]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| !c.is_alphanumeric())
                    .map_or(0, |(p, c)| p + c.len_utf8());
                let word = &text[word_start..i];
                let abbreviation = b == b'.'
                    && (word.chars().count() == 1 && word.chars().all(char::is_uppercase)
                        || is_abbreviation(word));
                if at_space && !abbreviation {
                    push(start, j, &mut out);
                    start = j;
                }
                i = j;
                continue;
            }
            i += 1;
        }
        push(start, bytes.len(), &mut out);
        out
    }

    #[test]
    fn jumping_splitter_equals_the_bytewise_one() {
        for t in [
            "",
            "!",
            "Wow.!! Yes",
            "\"Stop!\" he said. Then?! Nothing!",
            "Mr. Smith met J. Doe! At 3.5 p.m.\nNext line?No space! End!",
            "Acme Inc. said so. U.S. troops left!\n\n",
            "Trailing bang!",
            "Ünïcödé ends. Ça va? Oui! «Non.» Fin.",
            "no punctuation at all",
            "\n\n!!\n??\n..",
        ] {
            assert_eq!(sentence_spans(t), sentence_spans_bytewise(t), "{t:?}");
        }
    }

    #[test]
    fn sentences_skip_titles_and_initials() {
        let t = "Mr. Obama met Donald J. Trump. They talked!\nNew line";
        let s: Vec<&str> = sentence_spans(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            ["Mr. Obama met Donald J. Trump.", "They talked!", "New line"]
        );
    }

    #[test]
    fn pair_counts_and_scores() {
        let e = |n: &str| Entity {
            name: n.into(),
            kind: EntityKind::Person,
            variants: vec![],
        };
        let m = |start, entity| Mention {
            start,
            end: start + 1,
            kind: EntityKind::Person,
            entity,
        };
        let texts = ["a b. c", "a b", "c"];
        let ce = CorpusEntities {
            entities: vec![e("a"), e("b"), e("c")],
            mentions: vec![
                vec![m(0, 0), m(2, 1), m(5, 2)],
                vec![m(0, 0), m(2, 1)],
                vec![m(0, 2)],
            ],
        };
        let pairs = entity_pairs(&ce, &texts);
        assert_eq!(
            (
                pairs[0].a,
                pairs[0].b,
                pairs[0].article_count,
                pairs[0].sentence_count
            ),
            (0, 1, 2, 2)
        );
        // n_ab = 2, n_a = n_b = 2, N = 3: PMI = log2(1.5).
        assert!((pairs[0].pmi - 1.5f64.log2()).abs() < 1e-9);
        assert!(pairs[0].log_likelihood > 0.0);
        assert_eq!(pairs.len(), 3);
    }

    #[test]
    fn long_articles_pair_entities_within_passages_only() {
        // A long article: passage 1 names A and B, then filler past PASSAGE_BYTES, then
        // passage 2 names C and D. Two units: A–B and C–D pair, A–C does not.
        let filler = "Nothing happened here at all. ".repeat(PASSAGE_BYTES / 30 + 10);
        let text = format!("Alpha met Beta. {filler}Gamma met Delta.");
        let at = |name: &str| text.find(name).expect("named");
        let mention = |name: &str, entity: u32| super::super::Mention {
            start: at(name),
            end: at(name) + name.len(),
            kind: super::super::EntityKind::Person,
            entity,
        };
        let ce = CorpusEntities {
            mentions: vec![vec![
                mention("Alpha", 0),
                mention("Beta", 1),
                mention("Gamma", 2),
                mention("Delta", 3),
            ]],
            ..CorpusEntities::default()
        };
        let pairs = entity_pairs(&ce, &[text.as_str()]);
        let got: Vec<(u32, u32, u64, u64)> = pairs
            .iter()
            .map(|p| (p.a, p.b, p.sentence_count, p.article_count))
            .collect();
        assert_eq!(got, [(0, 1, 1, 1), (2, 3, 1, 1)]);
        // Two units of which one names A and B: PMI = log2(1·2 / (1·1)) = 1.
        assert!((pairs[0].pmi - 1.0).abs() < 1e-12, "{}", pairs[0].pmi);
    }

    #[test]
    fn pair_rows_grow_linearly_with_document_length() {
        // The same 40-entity passage repeated: k copies in one document give the pairs of one
        // passage (780), not of 40·k entities named together.
        let names: Vec<String> = (0..40).map(|i| format!("Name{i:02}")).collect();
        let passage = format!(
            "{}. {}",
            names.join(" and "),
            "Filler text here. ".repeat(1200)
        );
        for copies in [1usize, 2, 4] {
            let text = passage.repeat(copies);
            let mut mentions = Vec::new();
            let mut offset = 0;
            for c in 0..copies {
                for (i, n) in names.iter().enumerate() {
                    let start = offset + passage.find(n.as_str()).expect("named");
                    mentions.push(super::super::Mention {
                        start,
                        end: start + n.len(),
                        kind: super::super::EntityKind::Person,
                        entity: (c * 40 + i) as u32,
                    });
                }
                offset += passage.len();
            }
            let ce = CorpusEntities {
                mentions: vec![mentions],
                ..CorpusEntities::default()
            };
            let pairs = entity_pairs(&ce, &[text.as_str()]);
            assert_eq!(pairs.len(), 780 * copies, "{copies} copies");
        }
    }
}
