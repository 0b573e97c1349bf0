//! Bigrams, trigrams and collocations of a sub-corpus. Unlike term and entity counts, these are
//! not kept per article (that would multiply the index size), so the selected articles are
//! tokenised again — in parallel, off the UI thread — with the analysis' own vocabulary, and
//! counted exactly as the whole corpus was.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::concordance::normalizer_for;
use super::counting::{
    BREAK_SHIFT, count_bigrams, count_pairs, count_trigrams, ngram_keys, window_slots,
};
use super::engine::{collocations_from, ngram_stats};
use super::{Analysis, Collocation, NgramStat};
use crate::jobs::{CancelToken, Cancelled, Progress};
use crate::model::Corpus;
use crate::text::{Break, Normalizer, for_each_word};

/// The n-gram and collocation tables of a set of articles.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Phrases {
    pub bigrams: Vec<NgramStat>,
    pub trigrams: Vec<NgramStat>,
    pub collocations: Vec<Collocation>,
}

/// One article's count of one n-gram of the analysis' tables (see [`Analysis::article_ngrams`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArticleNgram {
    pub article: u32,
    /// 2: `index` is a row of [`Analysis::bigrams`]; 3: of [`Analysis::trigrams`].
    pub n: u8,
    pub index: u32,
    pub count: u32,
}

/// Turns articles back into the token sequences the analysis counted: the analysis' own
/// normalisers (one per language when stopwords or stemming follow it) and vocabulary.
struct Retokenizer<'a> {
    analysis: &'a Analysis,
    main: Normalizer,
    by_language: Vec<Normalizer>,
}

impl<'a> Retokenizer<'a> {
    fn new(analysis: &'a Analysis) -> Self {
        let by_language: Vec<Normalizer> = if analysis.settings.follows_language() {
            let codes = &analysis.languages.codes;
            codes
                .iter()
                .map(|c| analysis.settings.normalizer_in(c))
                .collect::<Result<_, _>>()
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        Self {
            analysis,
            main: normalizer_for(analysis),
            by_language,
        }
    }

    /// Article `d`'s tokens as `id | break << BREAK_SHIFT`.
    fn seq(&self, corpus: &Corpus, d: u32) -> Vec<u32> {
        let a = self.analysis;
        let lang = a.languages.doc_language.get(d as usize);
        let norm = lang
            .and_then(|&l| self.by_language.get(usize::from(l)))
            .unwrap_or(&self.main);
        let text = corpus
            .articles
            .get(d as usize)
            .map_or("", |a| a.text.as_str());
        let mut cache: FxHashMap<&str, Option<u32>> = FxHashMap::default();
        let mut seq = Vec::with_capacity(text.len() / 6);
        let mut pending_break = 0u32;
        for_each_word(text, |t| {
            let surface = &text[t.start..t.end];
            let id = *cache
                .entry(surface)
                .or_insert_with(|| a.vocab.id(&norm.term(&norm.fold(surface))));
            let brk = match t.brk {
                Break::None => 0,
                Break::Phrase => 1,
                Break::Sentence => 2,
            }
            .max(pending_break);
            match id {
                Some(id) => {
                    seq.push(id | (brk << BREAK_SHIFT));
                    pending_break = 0;
                }
                // A word the analysis never saw cannot happen for the same corpus; treat it as
                // a phrase break rather than joining its neighbours.
                None => pending_break = brk.max(1),
            }
        });
        seq
    }
}

impl Analysis {
    /// For the articles `docs` (ascending), their counts of the bigrams and trigrams listed in
    /// [`Analysis::bigrams`] and [`Analysis::trigrams`] (those at the minimum count or above):
    /// summed over every article of `corpus` (the corpus this analysis was made from) they give
    /// each n-gram's count, and their rows its article count.
    pub fn article_ngrams(
        &self,
        corpus: &Corpus,
        docs: std::ops::Range<u32>,
        cancel: &CancelToken,
    ) -> Result<Vec<ArticleNgram>, Cancelled> {
        let key2 = |t: &[u32; 3]| u128::from(t[0]) << 32 | u128::from(t[1]);
        let key3 = |t: &[u32; 3]| u128::from(t[0]) << 64 | key2(&[t[1], t[2], 0]);
        let index = |grams: &[NgramStat], key: &dyn Fn(&[u32; 3]) -> u128| {
            grams
                .iter()
                .enumerate()
                .map(|(i, g)| (key(&g.terms), i as u32))
                .collect::<FxHashMap<u128, u32>>()
        };
        let (bi, tri) = (index(&self.bigrams, &key2), index(&self.trigrams, &key3));
        let retok = Retokenizer::new(self);
        let docs = docs.start..docs.end.min(self.docs.len() as u32);
        let per_doc: Vec<Vec<ArticleNgram>> = docs
            .into_par_iter()
            .map(|d| {
                cancel.check()?;
                let seq = retok.seq(corpus, d);
                let mut rows = Vec::new();
                for (n, map) in [(2u8, &bi), (3, &tri)] {
                    if map.is_empty() {
                        continue;
                    }
                    for (key, count) in ngram_keys(&seq, &self.vocab, usize::from(n)) {
                        if let Some(&index) = map.get(&key) {
                            rows.push(ArticleNgram {
                                article: d,
                                n,
                                index,
                                count,
                            });
                        }
                    }
                }
                Ok(rows)
            })
            .collect::<Result<_, Cancelled>>()?;
        Ok(per_doc.into_iter().flatten().collect())
    }

    /// Count bigrams, trigrams and collocations over `docs` (ascending article ids of `corpus`,
    /// the corpus this analysis was made from), with the analysis' settings. Over every article it
    /// gives exactly the analysis' own tables.
    pub fn phrases_for(
        &self,
        corpus: &Corpus,
        docs: &[u32],
        cancel: &CancelToken,
    ) -> Result<Phrases, Cancelled> {
        let retok = Retokenizer::new(self);
        let seqs: Vec<Vec<u32>> = docs
            .par_iter()
            .map(|&d| {
                cancel.check()?;
                Ok(retok.seq(corpus, d))
            })
            .collect::<Result<_, Cancelled>>()?;
        let s = &self.settings;
        let window = s.collocation_window.max(1);
        let min_ngram = s.min_ngram_count.max(1);
        let progress = Progress::default();
        let vocab = &self.vocab;
        let mut bi = count_bigrams(&seqs, vocab, min_ngram, &progress, cancel)?;
        let mut tri = count_trigrams(&seqs, vocab, min_ngram, &progress, cancel)?;
        let pairs = count_pairs(
            &seqs,
            vocab,
            window,
            s.min_collocation_count.max(1),
            &progress,
            cancel,
        )?;
        let slots: u64 = seqs.par_iter().map(|s| window_slots(s, window)).sum();
        let mut freq = vec![0u64; vocab.terms.len()];
        let mut n = 0u64;
        for &d in docs {
            if let Some(di) = self.docs.get(d as usize) {
                n += u64::from(di.tokens);
                for &(t, c) in self.terms_of(d) {
                    freq[t as usize] += u64::from(c);
                }
            }
        }
        Ok(Phrases {
            bigrams: ngram_stats(
                &mut bi,
                |k| [(k >> 32) as u32, k as u32],
                vocab,
                &vocab.rank,
            ),
            trigrams: ngram_stats(
                &mut tri,
                |k| [(k >> 64) as u32, (k >> 32) as u32, k as u32],
                vocab,
                &vocab.rank,
            ),
            collocations: collocations_from(&pairs, vocab, |t| freq[t as usize], n, slots),
        })
    }
}

/// The order in which the two words of a collocation are read. Collocations are counted as
/// unordered pairs (`a` before `b` by text); this looks the pair up in the n-grams: the order of
/// the more frequent bigram (`white house`), else of the more frequent trigram with the two at
/// its ends (`secretary of state`). Pairs found in neither keep their text order, marked
/// unknown.
#[derive(Clone, Debug, Default)]
pub struct ReadingOrder {
    /// (first, second) → count, over bigrams and trigram ends.
    adjacent: FxHashMap<(u32, u32), u64>,
    spaced: FxHashMap<(u32, u32), u64>,
}

impl ReadingOrder {
    /// Index the n-grams of an analysis (or of a filtered selection).
    pub fn new(bigrams: &[NgramStat], trigrams: &[NgramStat]) -> Self {
        let mut adjacent = FxHashMap::default();
        for g in bigrams {
            *adjacent.entry((g.terms[0], g.terms[1])).or_insert(0) += g.count;
        }
        let mut spaced = FxHashMap::default();
        for g in trigrams {
            *spaced.entry((g.terms[0], g.terms[2])).or_insert(0) += g.count;
        }
        Self { adjacent, spaced }
    }

    /// The pair `(a, b)` in reading order, and whether the order was found in the text.
    pub fn order(&self, a: u32, b: u32) -> (u32, u32, bool) {
        for map in [&self.adjacent, &self.spaced] {
            let ab = map.get(&(a, b)).copied().unwrap_or(0);
            let ba = map.get(&(b, a)).copied().unwrap_or(0);
            if ab + ba > 0 {
                return if ba > ab { (b, a, true) } else { (a, b, true) };
            }
        }
        (a, b, false)
    }
}

#[cfg(test)]
mod reading_order_tests {
    use super::*;

    fn gram(terms: &[u32], count: u64) -> NgramStat {
        let mut t = [NgramStat::NONE; 3];
        t[..terms.len()].copy_from_slice(terms);
        NgramStat {
            terms: t,
            text: String::new(),
            count,
            doc_freq: 1,
        }
    }

    #[test]
    fn pairs_are_read_in_the_order_the_text_uses_most() {
        // 1 = house, 2 = white, 3 = secretary, 4 = state, 5 = war, 6 = peace.
        let order = ReadingOrder::new(
            &[gram(&[2, 1], 40), gram(&[1, 2], 3)],
            &[
                gram(&[3, 99, 4], 12),
                gram(&[6, 99, 5], 1),
                gram(&[5, 99, 6], 1),
            ],
        );
        assert_eq!(order.order(1, 2), (2, 1, true), "white house");
        assert_eq!(order.order(2, 1), (2, 1, true));
        assert_eq!(order.order(4, 3), (3, 4, true), "secretary of state");
        // A tie keeps the order asked for; an unseen pair is unknown.
        assert_eq!(order.order(5, 6), (5, 6, true));
        assert_eq!(order.order(7, 8), (7, 8, false));
    }
}
