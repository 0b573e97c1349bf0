//! The analysis pipeline: tokenise every article in parallel, intern words into one vocabulary,
//! count terms, n-grams and collocations with a parallel fold/reduce, run the entity extractor,
//! and build the per-article index, postings and timelines.
//!
//! Stages report progress and check the cancel token once per article.

use std::sync::atomic::Ordering;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::entities::Extractor;
use super::{
    Analysis, AnalysisSettings, Collocation, DocIndex, EntityStat, NgramStat, RowsBuilder, Summary,
    TermStat, Timeline, Vocabulary, collocation_scores, dispersion_dp, order, per_million,
    ranks_by, slices_by,
};
use crate::jobs::{CancelToken, Cancelled, Progress};
use crate::model::{Corpus, Granularity, weekday_index};
use crate::stage_clock::StageClock;
use crate::text::{Break, Normalizer, for_each_word, is_numeric};

/// Why an analysis did not produce a result.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error("cancelled")]
    Cancelled,
    #[error("invalid settings: {0}")]
    Settings(String),
}

impl From<Cancelled> for AnalysisError {
    fn from(_: Cancelled) -> Self {
        Self::Cancelled
    }
}

use super::counting::{
    BREAK_SHIFT, Counted, ID_MASK, count_bigrams, count_pairs, count_trigrams, run_length,
};

/// One article after tokenising: its distinct surface word forms (slices of its text, so nothing
/// is copied) and the token sequence over them.
struct LocalDoc<'a> {
    forms: Vec<&'a str>,
    seq: Vec<u32>,
}

fn tokenize_local(text: &str) -> LocalDoc<'_> {
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut forms = Vec::new();
    let mut seq = Vec::with_capacity(text.len() / 6);
    for_each_word(text, |t| {
        let surface = &text[t.start..t.end];
        let id = match ids.get(surface) {
            Some(&id) => id,
            None => {
                let id = forms.len() as u32;
                ids.insert(surface, id);
                forms.push(surface);
                id
            }
        };
        let brk = match t.brk {
            Break::None => 0,
            Break::Phrase => 1,
            Break::Sentence => 2,
        };
        seq.push(id | (brk << BREAK_SHIFT));
    });
    LocalDoc { forms, seq }
}

/// Merged n-gram and co-occurrence counts.
struct Counts {
    bigrams: Vec<Counted<u64>>,
    trigrams: Vec<Counted<u128>>,
    pairs: Vec<Counted<u64>>,
}

/// Analyse a corpus. Deterministic: the same corpus and settings give identical results.
pub fn analyze(
    corpus: &Corpus,
    settings: &AnalysisSettings,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Analysis, AnalysisError> {
    let norm = Normalizer::new(
        &settings.stopword_languages,
        &settings.extra_stopwords,
        settings.stem_language.as_deref(),
    )
    .map_err(AnalysisError::Settings)?;
    let articles = &corpus.articles;
    let n_docs = articles.len() as u64;
    let mut clock = StageClock::new();

    // 1. Tokenise in parallel, a slice of the corpus at a time, and intern each slice (in article
    // order, so ids are first-seen) while the next one is tokenised: only two slices' per-article
    // surface tables are alive at once.
    progress.set_stage("Tokenising and building the vocabulary");
    progress.units_total.store(n_docs, Ordering::Relaxed);
    let tokenize = |slice| tokenize_slice(slice, progress, cancel);
    let mut interner = Interner::new(&norm, settings.keep_numbers);
    // One exact-size buffer of token ids per slice (few large allocations that outlive the
    // per-article scratch, so freed scratch memory is not pinned between them).
    let mut bufs: Vec<TokenBuf> = Vec::new();
    let mut slices = slices_by(articles, INTERN_SLICE_BYTES, |a| a.text.len());
    let mut pending = match slices.next() {
        Some(first) => tokenize(first)?,
        None => Vec::new(),
    };
    for next in slices {
        let (interned, tokenized) = rayon::join(
            || interner.add_all(std::mem::take(&mut pending), cancel),
            || tokenize(next),
        );
        bufs.push(interned?);
        pending = tokenized?;
    }
    bufs.push(interner.add_all(pending, cancel)?);
    let vocab = interner.vocab;
    clock.lap("tokenise and intern");

    // 2. Vocabulary order: content terms first, ranks by name.
    progress.set_stage("Building vocabulary");
    let mut vocab = content_first(vocab, &mut bufs);
    let seqs: Vec<&[u32]> = bufs.iter().flat_map(TokenBuf::seqs).collect();
    vocab.rank = alphabetical_ranks(&vocab);
    clock.lap("vocabulary order");

    // 3. Per-article term counts, n-grams and co-occurrences (parallel fold/reduce).
    progress.set_stage("Counting words and n-grams");
    let window = settings.collocation_window.max(1);
    progress.units_total.store(3 * n_docs, Ordering::Relaxed);
    let min_ngram = settings.min_ngram_count.max(1);
    let mut counts = Counts {
        bigrams: count_bigrams(&seqs, &vocab, min_ngram, progress, cancel)?,
        trigrams: count_trigrams(&seqs, &vocab, min_ngram, progress, cancel)?,
        pairs: count_pairs(
            &seqs,
            &vocab,
            window,
            settings.min_collocation_count.max(1),
            progress,
            cancel,
        )?,
    };
    // After the n-grams, so that their working memory and these counts are never held together.
    let doc_terms: Vec<(u32, Vec<(u32, u32)>)> = seqs
        .par_iter()
        .map(|seq| {
            let ids: Vec<u32> = seq.iter().map(|t| t & ID_MASK).collect();
            (seq.len() as u32, run_length(ids))
        })
        .collect();
    drop(seqs);
    drop(bufs);
    cancel.check()?;
    clock.lap("count words, n-grams, collocations");

    // 4. Entities.
    progress.set_stage("Finding entities");
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let entities = Extractor::bundled().extract_corpus_timed(&texts, cancel, &mut clock)?;
    cancel.check()?;
    let entity_pairs = super::entities::entity_pairs(&entities, &texts);
    drop(texts);
    clock.lap("entities: co-occurring pairs");

    // 5. Index, statistics, timelines.
    progress.set_stage("Building index");
    cancel.check()?;
    let mut analysis = Analysis {
        settings: settings.clone(),
        doc_dates: articles.iter().map(|a| a.date).collect(),
        ..Analysis::default()
    };
    // Sized up front: growing by doubling would copy the index and briefly hold it twice.
    let split = |terms: &[(u32, u32)]| terms.partition_point(|&(t, _)| t < vocab.content_terms);
    let content_len: usize = doc_terms.iter().map(|(_, t)| split(t)).sum();
    let all_len: usize = doc_terms.iter().map(|(_, t)| t.len()).sum();
    let mut content_rows = RowsBuilder::with_capacity(doc_terms.len(), content_len);
    let mut other_rows = RowsBuilder::with_capacity(doc_terms.len(), all_len - content_len);
    analysis.docs = doc_terms
        .into_iter()
        .zip(&entities.mentions)
        .map(|((tokens, terms), mentions)| {
            let mut ents: FxHashMap<u32, u32> = FxHashMap::default();
            for m in mentions {
                *ents.entry(m.entity).or_default() += 1;
            }
            let mut entities: Vec<(u32, u32)> = ents.into_iter().collect();
            entities.sort_unstable();
            let at = split(&terms);
            content_rows.push(&terms[..at]);
            other_rows.push(&terms[at..]);
            DocIndex {
                tokens,
                entities,
                top_terms: Vec::new(),
            }
        })
        .collect();
    analysis.doc_content = content_rows.finish();
    analysis.doc_other = other_rows.finish();
    analysis.term_postings = postings(analysis.docs.len(), vocab.terms.len(), |d| {
        analysis.terms_of(d)
    });
    analysis.entity_postings = postings(analysis.docs.len(), entities.entities.len(), |d| {
        &analysis.docs[d as usize].entities
    });
    analysis.vocab = vocab;
    let ents = &entities.entities;
    analysis.entity_rank = ranks_by(ents.len(), |e| ents[e as usize].name.as_str());
    analysis.entities = entities;
    analysis.entity_pairs = entity_pairs;
    clock.lap("per-article index");
    build_term_stats(&mut analysis);
    build_tfidf(&mut analysis);
    build_ngrams(&mut analysis, &mut counts);
    build_collocations(&mut analysis, &counts.pairs);
    build_entity_stats(&mut analysis);
    clock.lap("statistics tables");
    build_timelines(&mut analysis);
    analysis.summary = summary(&analysis, corpus);
    clock.lap("dates and summary");
    analysis.stages = clock.stages;
    Ok(analysis)
}

/// Tokenise the articles of one slice in parallel.
fn tokenize_slice<'a>(
    slice: &'a [crate::model::Article],
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Vec<LocalDoc<'a>>, Cancelled> {
    slice
        .par_iter()
        .map(|a| {
            cancel.check()?;
            let doc = tokenize_local(&a.text);
            progress.units_done.fetch_add(1, Ordering::Relaxed);
            Ok(doc)
        })
        .collect()
}

/// Articles are tokenised and interned in consecutive slices of about this many bytes.
const INTERN_SLICE_BYTES: usize = 16 << 20;

/// Interns every article's surface forms into one vocabulary: surface → folded form (case
/// folding, once per distinct surface in the corpus) → term (stemmed when asked), in first-seen
/// order.
struct Interner<'a, 'n> {
    norm: &'n Normalizer,
    vocab: Vocabulary,
    surface_ids: FxHashMap<&'a str, u32>,
    form_ids: FxHashMap<String, u32>,
}

impl<'a, 'n> Interner<'a, 'n> {
    fn new(norm: &'n Normalizer, keep_numbers: bool) -> Self {
        Self {
            norm,
            vocab: Vocabulary {
                keep_numbers,
                ..Vocabulary::default()
            },
            surface_ids: FxHashMap::default(),
            form_ids: FxHashMap::default(),
        }
    }

    /// The term id of one surface form.
    fn id(&mut self, surface: &'a str) -> u32 {
        if let Some(&id) = self.surface_ids.get(surface) {
            return id;
        }
        let (norm, vocab) = (self.norm, &mut self.vocab);
        let form = norm.fold(surface);
        let id = match self.form_ids.get(form.as_str()) {
            Some(&id) => id,
            None => {
                let term = norm.term(&form);
                let stop = norm.is_stopword(&form) || norm.is_stopword(&term);
                let id = match vocab.ids.get(&term) {
                    Some(&id) => id,
                    None => {
                        let id = vocab.terms.len() as u32;
                        vocab.numeric.push(is_numeric(&term));
                        vocab.stop.push(stop);
                        vocab.ids.insert(term.clone(), id);
                        vocab.terms.push(term);
                        id
                    }
                };
                self.form_ids.insert(form, id);
                id
            }
        };
        self.surface_ids.insert(surface, id);
        id
    }

    /// Rewrite each article's sequence from its local surface ids to term ids, in order, into
    /// one buffer.
    fn add_all(
        &mut self,
        locals: Vec<LocalDoc<'a>>,
        cancel: &CancelToken,
    ) -> Result<TokenBuf, Cancelled> {
        let mut buf = TokenBuf {
            ids: Vec::with_capacity(locals.iter().map(|l| l.seq.len()).sum()),
            lens: Vec::with_capacity(locals.len()),
        };
        for LocalDoc { forms, seq } in locals {
            cancel.check()?;
            let remap: Vec<u32> = forms.into_iter().map(|f| self.id(f)).collect();
            buf.ids.extend(seq.iter().map(|&tok| {
                let brk = tok & !ID_MASK;
                remap[(tok & ID_MASK) as usize] | brk
            }));
            buf.lens.push(seq.len());
        }
        Ok(buf)
    }
}

/// The token sequences of consecutive articles, back to back.
struct TokenBuf {
    ids: Vec<u32>,
    /// Tokens of each article, in order.
    lens: Vec<usize>,
}

impl TokenBuf {
    /// Each article's sequence.
    fn seqs(&self) -> impl Iterator<Item = &[u32]> {
        let mut rest = self.ids.as_slice();
        self.lens.iter().map(move |&n| {
            let (seq, tail) = rest.split_at(n);
            rest = tail;
            seq
        })
    }
}

/// Renumber terms so that every content term comes before every stopword and number (the
/// index then stores the two apart), rewriting the token buffers to the new ids.
fn content_first(vocab: Vocabulary, bufs: &mut [TokenBuf]) -> Vocabulary {
    let n = vocab.terms.len();
    let is_content: Vec<bool> = (0..n as u32).map(|t| vocab.is_content(t)).collect();
    let mut order: Vec<u32> = (0..n as u32).filter(|&t| is_content[t as usize]).collect();
    let content_terms = order.len() as u32;
    order.extend((0..n as u32).filter(|&t| !is_content[t as usize]));
    let mut new_id = vec![0u32; n];
    for (new, &old) in order.iter().enumerate() {
        new_id[old as usize] = new as u32;
    }
    let chunks = bufs.iter_mut().flat_map(|b| b.ids.chunks_mut(1 << 16));
    chunks
        .collect::<Vec<_>>()
        .into_par_iter()
        .for_each(|chunk| {
            for tok in chunk.iter_mut() {
                let brk = *tok & !ID_MASK;
                *tok = new_id[(*tok & ID_MASK) as usize] | brk;
            }
        });
    let Vocabulary {
        terms,
        stop,
        numeric,
        keep_numbers,
        ..
    } = vocab;
    let pick = |v: &[bool]| order.iter().map(|&o| v[o as usize]).collect::<Vec<bool>>();
    let (stop, numeric) = (pick(&stop), pick(&numeric));
    let mut terms: Vec<Option<String>> = terms.into_iter().map(Some).collect();
    let terms: Vec<String> = order
        .iter()
        .map(|&o| terms[o as usize].take().unwrap_or_default())
        .collect();
    let ids = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), i as u32))
        .collect();
    Vocabulary {
        terms,
        stop,
        numeric,
        ids,
        keep_numbers,
        rank: Vec::new(),
        content_terms,
    }
}

/// Invert per-article (id, count) lists into id → (article, count), ascending article.
fn postings<'a, I: IntoIterator<Item = &'a (u32, u32)>>(
    n_docs: usize,
    n_ids: usize,
    get: impl Fn(u32) -> I,
) -> Vec<Vec<(u32, u32)>> {
    // Count first, so every list is allocated at its exact size (growing by doubling leaves
    // about a third of the index unused on large corpora).
    let mut sizes = vec![0usize; n_ids];
    for doc in 0..n_docs as u32 {
        for &(id, _) in get(doc) {
            sizes[id as usize] += 1;
        }
    }
    let mut out: Vec<Vec<(u32, u32)>> = sizes.into_iter().map(Vec::with_capacity).collect();
    for doc in 0..n_docs as u32 {
        for &(id, c) in get(doc) {
            out[id as usize].push((doc, c));
        }
    }
    out
}

fn build_term_stats(a: &mut Analysis) {
    let total: u64 = a.docs.iter().map(|d| u64::from(d.tokens)).sum();
    let sizes: Vec<u32> = a.docs.iter().map(|d| d.tokens).collect();
    let mut terms: Vec<TermStat> = a
        .term_postings
        .par_iter()
        .enumerate()
        .filter(|(id, p)| !p.is_empty() && a.vocab.is_content(*id as u32))
        .map(|(id, p)| {
            let count: u64 = p.iter().map(|&(_, c)| u64::from(c)).sum();
            TermStat {
                term: id as u32,
                count,
                per_million: per_million(count, total),
                doc_freq: p.len() as u32,
                dispersion_dp: dispersion_dp(p, &sizes, total),
            }
        })
        .collect();
    let rank = &a.vocab.rank;
    terms.par_sort_unstable_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| order(rank, x.term).cmp(&order(rank, y.term)))
    });
    a.terms = terms;
}

fn build_tfidf(a: &mut Analysis) {
    let n = a.docs.len() as f64;
    let k = a.settings.tfidf_per_document;
    let (vocab, postings, rows) = (&a.vocab, &a.term_postings, &a.doc_content);
    let rank = &vocab.rank;
    a.docs.par_iter_mut().enumerate().for_each(|(i, d)| {
        let mut scored: Vec<(u32, f32)> = rows
            .row(i)
            .iter()
            .map(|&(id, c)| {
                let df = postings[id as usize].len() as f64;
                (id, (f64::from(c) * (n / df).ln()) as f32)
            })
            .filter(|(_, s)| *s > 0.0)
            .collect();
        // Best score first, then alphabetical (ranks order terms as their texts do).
        let cmp = |x: &(u32, f32), y: &(u32, f32)| {
            y.1.total_cmp(&x.1)
                .then_with(|| order(rank, x.0).cmp(&order(rank, y.0)))
        };
        if k > 0 && scored.len() > k {
            scored.select_nth_unstable_by(k - 1, cmp);
        }
        scored.truncate(k);
        scored.sort_unstable_by(cmp);
        // Only the top `k` are kept: give back the room of the article's other terms.
        scored.shrink_to_fit();
        d.top_terms = scored;
    });
}

/// Each term's position in alphabetical order. Comparing n-grams word by word on these ranks
/// orders them exactly as comparing their space-joined texts (a space sorts before every word
/// character), without building or comparing strings.
fn alphabetical_ranks(vocab: &Vocabulary) -> Vec<u32> {
    ranks_by(vocab.terms.len(), |t| vocab.term(t))
}

pub(super) fn ngram_stats<K: Copy + Send + Sync, const N: usize>(
    counted: &mut [Counted<K>],
    ids: impl Fn(K) -> [u32; N] + Sync,
    vocab: &Vocabulary,
    rank: &[u32],
) -> Vec<NgramStat> {
    let ranks = |k: K| ids(k).map(|t| rank[t as usize]);
    counted.par_sort_unstable_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| ranks(x.key).cmp(&ranks(y.key)))
    });
    counted
        .par_iter()
        .map(|c| {
            let terms = ids(c.key);
            let mut text = String::with_capacity(N * 8);
            for (i, &t) in terms.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                text.push_str(vocab.term(t));
            }
            let mut slots = [NgramStat::NONE; 3];
            slots[..N].copy_from_slice(&terms);
            NgramStat {
                terms: slots,
                text,
                count: c.count,
                doc_freq: c.docs,
            }
        })
        .collect()
}

fn build_ngrams(a: &mut Analysis, counts: &mut Counts) {
    let rank = a.vocab.rank.clone();
    a.bigrams = ngram_stats(
        &mut counts.bigrams,
        |k| [(k >> 32) as u32, k as u32],
        &a.vocab,
        &rank,
    );
    a.trigrams = ngram_stats(
        &mut counts.trigrams,
        |k| [(k >> 64) as u32, (k >> 32) as u32, k as u32],
        &a.vocab,
        &rank,
    );
}

fn build_collocations(a: &mut Analysis, pairs: &[Counted<u64>]) {
    let n: u64 = a.docs.iter().map(|d| u64::from(d.tokens)).sum();
    // Term frequencies once, not once per pair (frequent terms have long postings).
    let freq: Vec<u64> = a
        .term_postings
        .par_iter()
        .map(|p| p.iter().map(|&(_, c)| u64::from(c)).sum())
        .collect();
    let window = a.settings.collocation_window.max(1);
    a.collocations = collocations_from(pairs, &a.vocab, |t| freq[t as usize], n, window);
}

/// Score and sort co-occurring pairs (keys `a << 32 | b`) given term frequencies and the token
/// count of the (sub-)corpus.
pub(super) fn collocations_from(
    pairs: &[Counted<u64>],
    vocab: &Vocabulary,
    freq: impl Fn(u32) -> u64 + Sync,
    n: u64,
    window: usize,
) -> Vec<Collocation> {
    let rank = &vocab.rank;
    let mut out: Vec<Collocation> = pairs
        .par_iter()
        .map(|c| {
            let (x, y, count) = ((c.key >> 32) as u32, c.key as u32, c.count);
            // Alphabetical order within the pair (ranks order terms as their texts do).
            let (a_id, b_id) = if order(rank, x) <= order(rank, y) {
                (x, y)
            } else {
                (y, x)
            };
            let (fa, fb) = (freq(a_id), freq(b_id));
            let (pmi, log_likelihood, t_score) = collocation_scores(count, fa, fb, n, window);
            Collocation {
                a: a_id,
                b: b_id,
                count,
                freq_a: fa,
                freq_b: fb,
                pmi,
                log_likelihood,
                t_score,
            }
        })
        .collect();
    out.par_sort_unstable_by(|x, y| {
        y.log_likelihood
            .total_cmp(&x.log_likelihood)
            .then_with(|| order(rank, x.a).cmp(&order(rank, y.a)))
            .then_with(|| order(rank, x.b).cmp(&order(rank, y.b)))
    });
    out
}

fn build_entity_stats(a: &mut Analysis) {
    let mut stats: Vec<EntityStat> = a
        .entity_postings
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(id, p)| {
            let dates = p.iter().filter_map(|&(d, _)| a.doc_dates[d as usize]);
            let (first, last) = dates.fold((None, None), |(lo, hi), d| {
                (
                    Some(lo.map_or(d, |x: chrono::NaiveDate| x.min(d))),
                    Some(hi.map_or(d, |x: chrono::NaiveDate| x.max(d))),
                )
            });
            EntityStat {
                entity: id as u32,
                mentions: p.iter().map(|&(_, c)| u64::from(c)).sum(),
                doc_freq: p.len() as u32,
                first_date: first,
                last_date: last,
            }
        })
        .collect();
    let rank = &a.entity_rank;
    stats.sort_by(|x, y| {
        y.mentions
            .cmp(&x.mentions)
            .then_with(|| order(rank, x.entity).cmp(&order(rank, y.entity)))
            .then_with(|| x.entity.cmp(&y.entity))
    });
    a.entity_stats = stats;
}

/// Timelines of every granularity over the dated articles in `docs`.
pub(crate) fn timelines_for(
    docs: impl Iterator<Item = u32> + Clone,
    analysis: &Analysis,
) -> Vec<Timeline> {
    let dated = docs.filter_map(|d| Some((d, analysis.doc_dates[d as usize]?)));
    let range = dated.clone().fold(None, |acc: Option<(_, _)>, (_, date)| {
        Some(acc.map_or((date, date), |(lo, hi)| (date.min(lo), date.max(hi))))
    });
    Granularity::ALL
        .iter()
        .map(|&g| {
            let Some((first, last)) = range else {
                return Timeline {
                    granularity: Some(g),
                    ..Timeline::default()
                };
            };
            let periods = g.periods(first, last);
            let mut tl = Timeline {
                granularity: Some(g),
                articles: vec![0; periods.len()],
                tokens: vec![0; periods.len()],
                periods,
            };
            for (doc, date) in dated.clone() {
                if let Some(i) = tl.period_index(date) {
                    tl.articles[i] += 1;
                    tl.tokens[i] += u64::from(analysis.docs[doc as usize].tokens);
                }
            }
            tl
        })
        .collect()
}

fn build_timelines(a: &mut Analysis) {
    a.timelines = timelines_for(0..a.docs.len() as u32, a);
    let mut weekdays = [0u32; 7];
    for d in a.doc_dates.iter().flatten() {
        weekdays[weekday_index(*d)] += 1;
    }
    a.weekdays = weekdays;
}

fn median(mut v: Vec<u32>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_unstable();
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        f64::from(v[m])
    } else {
        (f64::from(v[m - 1]) + f64::from(v[m])) / 2.0
    }
}

fn summary(a: &Analysis, corpus: &Corpus) -> Summary {
    let tokens: u64 = a.docs.iter().map(|d| u64::from(d.tokens)).sum();
    let all_forms = a.term_postings.iter().filter(|p| !p.is_empty()).count() as u64;
    let range = corpus.date_range();
    Summary {
        articles: a.docs.len() as u64,
        tokens,
        distinct_terms: a.terms.len() as u64,
        type_token_ratio: if tokens == 0 {
            0.0
        } else {
            all_forms as f64 / tokens as f64
        },
        hapax: a.terms.iter().filter(|t| t.count == 1).count() as u64,
        mean_article_tokens: if a.docs.is_empty() {
            0.0
        } else {
            tokens as f64 / a.docs.len() as f64
        },
        median_article_tokens: median(a.docs.iter().map(|d| d.tokens).collect()),
        first_date: range.map(|r| r.0),
        last_date: range.map(|r| r.1),
        undated: a.doc_dates.iter().filter(|d| d.is_none()).count() as u64,
        duplicates_dropped: corpus.report.duplicates_dropped,
        entity_mentions: a.entity_stats.iter().map(|e| e.mentions).sum(),
        distinct_entities: a.entity_stats.len() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::filter::Filter;
    use crate::analysis::query::Query;
    use crate::model::Article;
    use chrono::NaiveDate;

    fn corpus() -> Corpus {
        let art = |id: u32, date: Option<(i32, u32, u32)>, text: &str| Article {
            id,
            source: format!("a{id}.txt"),
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            text: text.to_owned(),
            ..Article::default()
        };
        Corpus {
            name: "tiny".into(),
            articles: vec![
                art(0, Some((2023, 1, 2)), "The cat sat. The cat ran!"),
                art(
                    1,
                    Some((2023, 1, 9)),
                    "A dog sat with the cat, then the dog slept.",
                ),
                art(2, None, "Dogs and cats."),
            ],
            ..Corpus::default()
        }
    }

    fn run(settings: AnalysisSettings) -> (Corpus, Analysis) {
        let c = corpus();
        let a = analyze(&c, &settings, &Progress::default(), &CancelToken::new())
            .expect("analysis runs");
        (c, a)
    }

    fn settings() -> AnalysisSettings {
        AnalysisSettings {
            min_collocation_count: 2,
            ..AnalysisSettings::default()
        }
    }

    #[test]
    fn word_statistics_by_hand() {
        let (_, a) = run(settings());
        let rows: Vec<(&str, u64, u32)> = a
            .terms
            .iter()
            .map(|t| (a.vocab.term(t.term), t.count, t.doc_freq))
            .collect();
        assert_eq!(
            rows,
            [
                ("cat", 3, 2),
                ("dog", 2, 1),
                ("sat", 2, 2),
                ("cats", 1, 1),
                ("dogs", 1, 1),
                ("ran", 1, 1),
                ("slept", 1, 1)
            ]
        );
        let cat = a.terms[0];
        assert!((cat.per_million - 3.0 / 19.0 * 1e6).abs() < 1e-6);
        assert!((cat.dispersion_dp - 20.0 / 57.0).abs() < 1e-12);
        let s = &a.summary;
        assert_eq!(
            (s.articles, s.tokens, s.distinct_terms, s.hapax),
            (3, 19, 7, 4)
        );
        assert!((s.type_token_ratio - 12.0 / 19.0).abs() < 1e-12);
        assert_eq!(s.median_article_tokens, 6.0);
        assert_eq!(s.undated, 1);
    }

    #[test]
    fn ngrams_collocations_and_tfidf_by_hand() {
        let (_, a) = run(settings());
        let bi: Vec<(&str, u64, u32)> = a
            .bigrams
            .iter()
            .map(|g| (g.text.as_str(), g.count, g.doc_freq))
            .collect();
        assert_eq!(bi, [("the cat", 3, 2)]);
        assert!(a.trigrams.is_empty());
        let col: Vec<(&str, &str, u64)> = a
            .collocations
            .iter()
            .map(|c| (a.vocab.term(c.a), a.vocab.term(c.b), c.count))
            .collect();
        assert_eq!(col, [("cat", "dog", 2), ("cat", "sat", 2)]);
        // E = 3·2·8/19: fewer co-occurrences than chance.
        assert!((a.collocations[0].pmi - (2.0f64 / (48.0 / 19.0)).log2()).abs() < 1e-12);
        let top: Vec<&str> = a.docs[0]
            .top_terms
            .iter()
            .map(|&(t, _)| a.vocab.term(t))
            .collect();
        assert_eq!(top, ["ran", "cat", "sat"]);
    }

    #[test]
    fn timelines_and_trends() {
        let (_, a) = run(settings());
        let week = a.timeline(Granularity::Week);
        let labels: Vec<String> = (0..week.periods.len()).map(|i| week.label(i)).collect();
        assert_eq!(labels, ["2023-W01", "2023-W02"]);
        assert_eq!(week.articles, [1, 1]);
        assert_eq!(week.tokens, [6, 10]);
        assert_eq!(a.timeline(Granularity::Day).periods.len(), 8);
        assert_eq!(a.weekdays[0], 2);
        let cat = a.vocab.id("cat").expect("cat is a term");
        let trend = a.term_trend(cat, Granularity::Week);
        assert_eq!(trend.iter().map(|p| p.count).collect::<Vec<_>>(), [2, 1]);
        assert!((trend[0].per_million - 2.0 / 6.0 * 1e6).abs() < 1e-6);
    }

    #[test]
    fn filters_reaggregate_from_the_index() {
        let (c, a) = run(settings());
        let sel = |q: &str| {
            let f = Filter {
                query: Some(Query::parse(q).expect("query parses")),
                ..Filter::default()
            };
            a.select(&c, &f)
        };
        assert_eq!(sel("dog"), [1]);
        assert_eq!(sel("dog*"), [1, 2]);
        assert_eq!(sel("cat NOT dog"), [0]);
        assert_eq!(sel("\"the cat\""), [0, 1]);
        assert_eq!(sel("\"cat the\""), Vec::<u32>::new());
        assert_eq!(sel("cats OR ran"), [0, 2]);
        let dated = Filter {
            from: NaiveDate::from_ymd_opt(2023, 1, 5),
            ..Filter::default()
        };
        assert_eq!(a.select(&c, &dated), [1]);
        // The whole corpus re-aggregated equals the analysis.
        let all = a.aggregate(&[0, 1, 2]);
        assert_eq!(all.terms, a.terms);
        let sub = a.aggregate(&[0, 1]);
        assert_eq!(sub.tokens, 16);
        assert_eq!((sub.terms[0].count, sub.terms[0].doc_freq), (3, 2));
        assert_eq!(sub.terms.len(), 5);
    }

    #[test]
    fn keyness_on_the_tiny_corpus_by_hand() {
        let (_, a) = run(settings());
        // Target: the first article (6 tokens, "cat" twice); reference: the others (13 tokens,
        // "cat" once). E1 = 6·3/19, E2 = 13·3/19 → G² = 1.550612…, log ratio = log2(13/3).
        let k = a.keyness(&[0], &[1, 2], 1);
        assert_eq!((k.target_tokens, k.reference_tokens), (6, 13));
        let cat = a.vocab.id("cat").expect("cat");
        let row = k
            .rows
            .iter()
            .find(|r| r.item == crate::analysis::keyness::KeyItem::Term(cat))
            .expect("cat is tested");
        assert_eq!((row.target_count, row.reference_count), (2, 1));
        assert!((row.log_likelihood - 1.550_612_273).abs() < 1e-6);
        assert!((row.log_ratio - (13.0f64 / 3.0).log2()).abs() < 1e-9);
        assert!((row.p_value - 0.213_045).abs() < 1e-5);
        assert!(!row.significant);
        // "dog" is only in the reference: under-represented, negative G².
        let dog = a.vocab.id("dog").expect("dog");
        let dog_row = k
            .rows
            .iter()
            .find(|r| r.item == crate::analysis::keyness::KeyItem::Term(dog))
            .expect("dog is tested");
        assert!(dog_row.log_likelihood < 0.0);
        // Seven content terms tested, no entities in this text: threshold 0.05 / 7.
        assert!((k.bonferroni_p - 0.05 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn phrases_of_a_subcorpus_match_a_fresh_count() {
        let (c, a) = run(settings());
        let cancel = CancelToken::new();
        let all = a.phrases_for(&c, &[0, 1, 2], &cancel).expect("runs");
        assert_eq!(all.bigrams, a.bigrams);
        assert_eq!(all.trigrams, a.trigrams);
        assert_eq!(all.collocations, a.collocations);
        // Only the first article: "the cat" twice (one article); no collocation reaches 2.
        let first = a.phrases_for(&c, &[0], &cancel).expect("runs");
        let bi: Vec<(&str, u64, u32)> = first
            .bigrams
            .iter()
            .map(|g| (g.text.as_str(), g.count, g.doc_freq))
            .collect();
        assert_eq!(bi, [("the cat", 2, 1)]);
        assert!(first.collocations.is_empty());
    }

    #[test]
    fn stemming_merges_forms() {
        let (_, a) = run(AnalysisSettings {
            stem_language: Some("english".into()),
            ..settings()
        });
        let rows: Vec<(&str, u64)> = a
            .terms
            .iter()
            .take(2)
            .map(|t| (a.vocab.term(t.term), t.count))
            .collect();
        assert_eq!(rows, [("cat", 4), ("dog", 3)]);
    }

    /// Deterministic pseudo-random texts mixing scripts, punctuation, capitals and odd spaces:
    /// the whole pipeline (entities included) must never panic on data.
    #[test]
    fn never_panics_on_odd_text() {
        const PIECES: &[&str] = &[
            "The",
            "U.S.",
            "Mr.",
            "Obama's",
            " ",
            "  ",
            ".",
            "!",
            "?",
            ",",
            "\n",
            "\n\n",
            "\r\n",
            "°",
            "Straße",
            "Ünter",
            "東京",
            "Да",
            "’",
            "“",
            "”",
            "—",
            "…",
            "al-Assad",
            "(IRGC)",
            "Inc.",
            "\u{AD}",
            "\u{200D}",
            "\u{FEFF}",
            "1,000.5",
            "'",
            "\"",
            "Ministry of",
            "A",
            "é",
            "e\u{301}",
            "🙂",
            "ﬁ",
            "İstanbul",
            "ǅ",
            "\t",
            "-",
            "_",
            ":",
            "§",
            "x²",
        ];
        let mut state = 0x2545_F491_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let articles: Vec<Article> = (0..60u32)
            .map(|id| {
                let len = (next() % 120) as usize;
                let text: String = (0..len)
                    .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                    .collect();
                Article {
                    id,
                    text,
                    ..Article::default()
                }
            })
            .collect();
        let c = Corpus {
            articles,
            ..Corpus::default()
        };
        let a = analyze(&c, &settings(), &Progress::default(), &CancelToken::new())
            .expect("analysis runs");
        assert_eq!(a.docs.len(), 60);
        for (doc, mentions) in a.entities.mentions.iter().enumerate() {
            let text = &c.articles[doc].text;
            for m in mentions {
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            }
        }
    }

    #[test]
    fn cancelled_analysis_returns_nothing() {
        let cancel = CancelToken::new();
        cancel.cancel();
        let r = analyze(&corpus(), &settings(), &Progress::default(), &cancel);
        assert!(matches!(r, Err(AnalysisError::Cancelled)));
    }
}
