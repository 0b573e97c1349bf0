//! Stages 1 and 2 of the pipeline: tokenise every article in parallel, intern its words into one
//! vocabulary (first-seen order), then renumber the vocabulary so that content terms come first
//! and rank terms alphabetically.

use std::sync::atomic::Ordering;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::analysis::counting::{BREAK_SHIFT, ID_MASK};
use crate::analysis::{Vocabulary, ranks_by, slices_by};
use crate::jobs::{CancelToken, Cancelled, Progress};
use crate::model::Article;
use crate::text::{Break, Normalizer, for_each_word, is_numeric};

/// Tokenise every article and intern its words: the vocabulary in first-seen order, and the
/// token ids of the articles in consecutive buffers.
///
/// Tokenises in parallel, a slice of the corpus at a time, and interns each slice (in article
/// order, so ids are first-seen) while the next one is tokenised: only two slices' per-article
/// surface tables are alive at once.
pub(super) fn intern_corpus(
    articles: &[Article],
    norms: &[Normalizer],
    doc_norm: &[u16],
    keep_numbers: bool,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<(Vocabulary, Vec<TokenBuf>), Cancelled> {
    let tokenize = |(offset, slice)| tokenize_slice(slice, offset, doc_norm, progress, cancel);
    let mut interner = Interner::new(norms, keep_numbers);
    // One exact-size buffer of token ids per slice (few large allocations that outlive the
    // per-article scratch, so freed scratch memory is not pinned between them).
    let mut bufs: Vec<TokenBuf> = Vec::new();
    let mut offset = 0;
    let mut slices = slices_by(articles, INTERN_SLICE_BYTES, |a| a.text.len()).map(|slice| {
        let start = offset;
        offset += slice.len();
        (start, slice)
    });
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
    Ok((interner.vocab, bufs))
}

/// One article after tokenising: its distinct surface word forms (slices of its text, so nothing
/// is copied) and the token sequence over them.
struct LocalDoc<'a> {
    forms: Vec<&'a str>,
    seq: Vec<u32>,
    /// Index of the article's normaliser (its language's, when stopwords or stemming follow it).
    norm: usize,
}

fn tokenize_local(text: &str, norm: usize) -> LocalDoc<'_> {
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
    LocalDoc { forms, seq, norm }
}

/// Tokenise the articles of one slice in parallel.
fn tokenize_slice<'a>(
    slice: &'a [Article],
    offset: usize,
    doc_norm: &[u16],
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Vec<LocalDoc<'a>>, Cancelled> {
    slice
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            cancel.check()?;
            let norm = doc_norm.get(offset + i).map_or(0, |&n| usize::from(n));
            let doc = tokenize_local(&a.text, norm);
            progress.units_done.fetch_add(1, Ordering::Relaxed);
            Ok(doc)
        })
        .collect()
}

/// Articles are tokenised and interned in consecutive slices of about this many bytes.
const INTERN_SLICE_BYTES: usize = 16 << 20;

/// Interns every article's surface forms into one vocabulary: surface → folded form (case
/// folding, once per distinct surface and normaliser in the corpus) → term (stemmed when asked),
/// in first-seen order. With one normaliser per language, a term is a stopword when it is one in
/// the language of any article it occurs in.
struct Interner<'a, 'n> {
    norms: &'n [Normalizer],
    vocab: Vocabulary,
    /// Per normaliser: surface → term id, folded form → term id.
    surface_ids: Vec<FxHashMap<&'a str, u32>>,
    form_ids: Vec<FxHashMap<String, u32>>,
}

impl<'a, 'n> Interner<'a, 'n> {
    fn new(norms: &'n [Normalizer], keep_numbers: bool) -> Self {
        Self {
            norms,
            vocab: Vocabulary {
                keep_numbers,
                ..Vocabulary::default()
            },
            surface_ids: norms.iter().map(|_| FxHashMap::default()).collect(),
            form_ids: norms.iter().map(|_| FxHashMap::default()).collect(),
        }
    }

    /// The term id of one surface form under normaliser `n`.
    fn id(&mut self, n: usize, surface: &'a str) -> u32 {
        let n = n.min(self.norms.len().saturating_sub(1));
        if let Some(&id) = self.surface_ids[n].get(surface) {
            return id;
        }
        let (norm, vocab) = (&self.norms[n], &mut self.vocab);
        let form = norm.fold(surface);
        let id = match self.form_ids[n].get(form.as_str()) {
            Some(&id) => id,
            None => {
                let term = norm.term(&form);
                let stop = norm.is_stopword(&form) || norm.is_stopword(&term);
                let id = match vocab.ids.get(&term) {
                    Some(&id) => {
                        // Across languages a stopword anywhere is a stopword (one normaliser
                        // keeps its first-seen mark, as it always did).
                        if self.norms.len() > 1 {
                            vocab.stop[id as usize] |= stop;
                        }
                        id
                    }
                    None => {
                        let id = vocab.terms.len() as u32;
                        vocab.numeric.push(is_numeric(&term));
                        vocab.stop.push(stop);
                        vocab.ids.insert(term.clone(), id);
                        vocab.terms.push(term);
                        id
                    }
                };
                self.form_ids[n].insert(form, id);
                id
            }
        };
        self.surface_ids[n].insert(surface, id);
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
        for LocalDoc { forms, seq, norm } in locals {
            cancel.check()?;
            let remap: Vec<u32> = forms.into_iter().map(|f| self.id(norm, f)).collect();
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
pub(super) struct TokenBuf {
    ids: Vec<u32>,
    /// Tokens of each article, in order.
    lens: Vec<usize>,
}

impl TokenBuf {
    /// Each article's sequence.
    pub(super) fn seqs(&self) -> impl Iterator<Item = &[u32]> {
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
pub(super) fn content_first(vocab: Vocabulary, bufs: &mut [TokenBuf]) -> Vocabulary {
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

/// Each term's position in alphabetical order. Comparing n-grams word by word on these ranks
/// orders them exactly as comparing their space-joined texts (a space sorts before every word
/// character), without building or comparing strings.
pub(super) fn alphabetical_ranks(vocab: &Vocabulary) -> Vec<u32> {
    ranks_by(vocab.terms.len(), |t| vocab.term(t))
}
