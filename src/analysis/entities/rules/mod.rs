//! Typing rules: split each candidate run into names and give each a type and a strength.
//!
//! Order of evidence, strongest first: the whole run is a lexicon entry; the run ends in a legal
//! suffix ("Inc") or an organisation/place head word ("… Department", "… River"); a title run
//! ("Secretary of State") splits a prefix (typed on its own) from a person; the run starts with a
//! lexicon entry; then, for unknown names, acronyms, particles, first names and the words around
//! the run (a lower-case person cue before it, "said" after it, a place preposition before it).
//! Unknown names without any cue get [`Strength::Default`] and are settled with corpus evidence in
//! [`super::resolve`].
//!
//! This module runs the rules over a run ([`Typer::run`]) and trims it ([`Typer::strip`]); the
//! evidence lives in [`titles`] (titles and bare titles), [`heads`] (head words, events, headings
//! and datelines in capitals) and [`unknown`] (names no lexicon or head word explains).

mod groups;
mod heads;
mod titles;
mod unknown;

use super::EntityKind;
use super::candidates::Ctx;
use super::lexicon::LexKind;
use super::stats::CorpusStats;
use super::tokens::{ALLCAPS, HEADING, HEADLINE, SENT_START, TokKind};

/// How sure a rule is about the type of a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    Default,
    Weak,
    Strong,
}

/// A typed candidate mention (byte offsets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub strength: Strength,
    pub words: u16,
    /// Typed as a place only because a city or region list holds it (a surname can override).
    pub weak_place: bool,
}

pub(crate) struct Typer<'c, 't> {
    pub ctx: &'c Ctx<'t>,
    pub stats: &'c CorpusStats<'c>,
    pub out: Vec<Cand>,
}

impl Typer<'_, '_> {
    fn words_of(&self, run: &[usize]) -> Vec<usize> {
        run.iter()
            .copied()
            .filter(|&i| self.ctx.toks[i].kind == TokKind::Word)
            .collect()
    }

    fn span(&self, run: &[usize]) -> &str {
        let (Some(&a), Some(&b)) = (run.first(), run.last()) else {
            return "";
        };
        self.ctx
            .text
            .get(self.ctx.toks[a].start..self.ctx.toks[b].end)
            .unwrap_or("")
    }

    /// Longest lexicon entry starting at run position 0: its length in run positions.
    fn lexicon_prefix(&self, run: &[usize]) -> Option<(usize, LexKind)> {
        let max = run.len().min(self.ctx.lex.max_words * 2);
        (1..=max)
            .rev()
            .find_map(|n| self.ctx.lex.lookup(self.span(&run[..n])).map(|k| (n, k)))
    }

    fn emit(&mut self, run: &[usize], kind: EntityKind, strength: Strength, weak_place: bool) {
        let (Some(&a), Some(&b)) = (run.first(), run.last()) else {
            return;
        };
        let words = self.words_of(run).len().min(u16::MAX as usize) as u16;
        let (start, end) = (self.ctx.toks[a].start, self.ctx.toks[b].end);
        self.out.push(Cand {
            start,
            end,
            kind,
            strength,
            words,
            weak_place,
        });
    }

    /// Process one candidate run from [`super::candidates::find_runs`].
    pub fn run(&mut self, run: &[usize], person_cue: bool, depth: u8) {
        // Headings in capitals and Title-Case headline lines: capitals there say nothing, so
        // only lexicon names are taken.
        if run
            .first()
            .is_some_and(|&i| self.ctx.toks[i].has(HEADING) || self.ctx.toks[i].has(HEADLINE))
        {
            return self.heading(run);
        }
        let run = self.strip(run, person_cue);
        if run.is_empty() || depth > 4 {
            return;
        }
        if depth == 0 && self.byline_split(run, depth) {
            return;
        }
        let ctx = self.ctx;
        let words = self.words_of(run);
        let last = ctx.word(run[run.len() - 1]);
        let sets = ctx.sets;
        let span = self.span(run);
        let nationality = |w: &str| w.split('-').all(|p| ctx.lex.nationalities.contains(p));
        let in_lexicon = ctx.lex.lookup(span).is_some();
        if words.len() == 1 && self.group(words[0]) {
            return;
        }
        if self.quoted_title(run) {
            return;
        }
        // "Treaty of Ghent", "Constitution of the United States": documents, not entities.
        // The name after "of" is still typed on its own, as the gold set does ("the Constitution
        // of the United States" → United States).
        if run.len() > 2 && sets.law_heads_contains(ctx.word(run[0])) && ctx.word(run[1]) == "of" {
            let rest = if ctx.word(run[2]) == "the" {
                &run[3..]
            } else {
                &run[2..]
            };
            return self.run(rest, false, depth + 1);
        }
        if sets.law_heads_contains(last) || (!in_lexicon && (nationality(last) || self.event(run)))
        {
            return;
        }
        if !in_lexicon && self.bare_title(run) {
            return;
        }
        if matches!(
            last,
            "Majesty" | "Highness" | "Excellency" | "Holiness" | "Majesties"
        ) {
            // "His Britannic Majesty", "Her Royal Highness": forms of address.
            return;
        }
        if let Some(kind) = ctx.lex.lookup(span) {
            if person_cue && kind == LexKind::Place {
                // "Mr. Obama": a title beats a city list.
                return self.emit(run, EntityKind::Person, Strength::Strong, false);
            }
            if words.len() > 1 || self.single_ok(run[0], Some(kind), person_cue) {
                self.emit(
                    run,
                    kind.entity_kind(),
                    Strength::Strong,
                    kind == LexKind::Place,
                );
            }
            return;
        }
        if words.len() > 1 && sets.legal.contains(last) {
            return self.emit(run, EntityKind::Organization, Strength::Strong, false);
        }
        if words.len() > 1 && sets.org_heads.contains(last) {
            return self.emit(run, EntityKind::Organization, Strength::Strong, false);
        }
        if words.len() > 1 && sets.loc_heads.contains(last) {
            return self.emit(run, EntityKind::Location, Strength::Strong, false);
        }
        if let Some(t) = self.title_split(run) {
            let (prefix_end, rest) = t;
            self.run(&run[..prefix_end], false, depth + 1);
            return self.run(&run[rest..], true, depth + 1);
        }
        if let Some(kind) = self.head_of(run) {
            return self.emit(run, kind, Strength::Strong, false);
        }
        if let Some(kind) = self.dateline(run) {
            return self.emit(run, kind, Strength::Strong, false);
        }
        if let Some(prefix) = self.lexicon_prefix(run)
            && self.lexicon_prefix_run(run, prefix, person_cue, depth)
        {
            return;
        }
        self.unknown(run, person_cue);
    }

    /// A run that starts with a lexicon entry (`n` run positions of kind `kind`): a company with
    /// generic nouns after it is dropped, a company name or a place with a plural ("Denver
    /// Nuggets") is an organisation, and otherwise the entry and the rest are typed on their own. Returns false, leaving the run to [`Typer::unknown`], when the entry
    /// says nothing about it: a first name alone, or a person cue before a longer name.
    fn lexicon_prefix_run(
        &mut self,
        run: &[usize],
        (n, kind): (usize, LexKind),
        person_cue: bool,
        depth: u8,
    ) -> bool {
        let ctx = self.ctx;
        let first_name = sets_first_name(self, run[0]);
        // "opposition leader Kemi Badenoch": a lower-case person cue beats a city or company
        // list for the first word of a longer name.
        let prev = run[0].checked_sub(1).map_or("", |p| ctx.word(p));
        let cue =
            person_cue || (ctx.sets.lower_person_cues.contains(prev) && kind != LexKind::Country);
        if first_name && n == 1 || cue && n < run.len() {
            return false;
        }
        if kind == LexKind::Org {
            // "Southern States": a company-list word before generic nouns is no company.
            let rest_generic = run[n..].iter().all(|&i| {
                ctx.toks[i].kind != TokKind::Word || ctx.sets.generic.contains(ctx.word(i))
            });
            if !rest_generic {
                self.emit(run, EntityKind::Organization, Strength::Strong, false);
            }
            return true;
        }
        // "Denver Nuggets", "New England Patriots": a place and a plural are a team.
        let rest = &run[n..];
        if rest.len() == 1
            && plural(ctx.word(rest[0]))
            && !ctx.sets.generic.contains(ctx.word(rest[0]))
        {
            self.emit(run, EntityKind::Organization, Strength::Weak, false);
            return true;
        }
        self.run(&run[..n], false, depth + 1);
        self.run(rest, person_cue, depth + 1);
        true
    }

    /// Drop leading function words, nationality adjectives and sentence-initial common words, and
    /// trailing connectors.
    fn strip<'r>(&self, mut run: &'r [usize], person_cue: bool) -> &'r [usize] {
        let ctx = self.ctx;
        while let Some(&first) = run.first() {
            let t = ctx.toks[first];
            let w = ctx.word(first);
            if t.kind != TokKind::Word || !t.has(super::tokens::CAP) {
                run = &run[1..];
                continue;
            }
            if ctx.sets.titles.contains(w)
                || (run.len() > 1 && self.lexicon_prefix(run).is_some_and(|(n, _)| n > 1))
            {
                break;
            }
            let lower = w.to_lowercase();
            let acronym_in_lexicon = t.has(ALLCAPS) && ctx.lex.lookup(w).is_some();
            let last = ctx.word(run[run.len() - 1]);
            let named = run.len() > 1
                && (ctx.sets.org_heads.contains(last) || ctx.sets.loc_heads.contains(last));
            if !person_cue
                && !named
                && ctx.lex.stopwords.contains(lower.as_str())
                && !acronym_in_lexicon
            {
                run = &run[1..];
                continue;
            }
            if ctx.lex.nationalities.contains(w) {
                let last = ctx.word(run[run.len() - 1]);
                let head = ctx.sets.org_heads.contains(last) || ctx.sets.loc_heads.contains(last);
                if run.len() > 1 && head {
                    break;
                }
                run = &run[1..];
                continue;
            }
            let initial = t.has(SENT_START) || t.has(HEADLINE);
            // Party labels before a name are not part of it ("Democrat Jane Doe").
            let adjective = matches!(
                w,
                "Democratic"
                    | "Republican"
                    | "Conservative"
                    | "Liberal"
                    | "Democrat"
                    | "Tory"
                    | "Labour"
                    | "Labor"
                    | "Socialist"
                    | "Independent"
                    | "GOP"
            );
            let next_first_name = run.len() > 1 && sets_first_name(self, run[1]);
            let unknown_initial = initial
                && ctx.lex.lookup(w).is_none()
                && (self.stats.is_common_word(w)
                    || (next_first_name
                        && self.stats.get(w).cap_mid == 0
                        && !sets_first_name(self, run[0])));
            if run.len() > 1 && (unknown_initial || (adjective && next_first_name)) {
                run = &run[1..];
                continue;
            }
            break;
        }
        while let Some(&last) = run.last() {
            let t = ctx.toks[last];
            if t.kind == TokKind::Word && t.has(super::tokens::CAP) {
                break;
            }
            run = &run[..run.len() - 1];
        }
        run
    }
}

fn sets_first_name(typer: &Typer<'_, '_>, i: usize) -> bool {
    typer.ctx.lex.first_names.contains(typer.ctx.word(i))
}

/// A capitalised plural ("Lakers", "Houthis"), not a name ending in -ss, -us or -is.
fn plural(w: &str) -> bool {
    w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && w.len() > 3
}
