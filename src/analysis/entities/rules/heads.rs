//! Head words and capitals: events ("World War II") are not entities; head words type a name
//! ("Bank of England", "North Africa"); all-caps headings and datelines take only lexicon names.

use super::{Strength, Typer};
use crate::analysis::entities::EntityKind;
use crate::analysis::entities::candidates::Ctx;
use crate::analysis::entities::lexicon::{EVENT_CUES, EVENT_HEADS, LexKind, STATE_HEADS};
use crate::analysis::entities::tokens::{ALLCAPS, LINE_START, TokKind};

impl Typer<'_, '_> {
    /// A name of two or more words standing alone in quotation marks ("Call of Duty", a song, a
    /// book, a slogan): a title of a work, not an entity. A trailing comma or period inside the
    /// quotes is allowed.
    pub(super) fn quoted_title(&self, run: &[usize]) -> bool {
        let ctx = self.ctx;
        let is_quote = |i: usize| {
            ctx.toks.get(i).is_some_and(|t| t.kind == TokKind::Punct)
                && matches!(
                    ctx.word(i),
                    "\"" | "\u{201c}" | "\u{201d}" | "\u{2018}" | "\u{2019}"
                )
        };
        let (Some(&a), Some(&b)) = (run.first(), run.last()) else {
            return false;
        };
        if self.words_of(run).len() < 2 || a == 0 || !is_quote(a - 1) {
            return false;
        }
        let mut k = b + 1;
        if ctx.toks.get(k).is_some_and(|t| t.kind == TokKind::Punct)
            && matches!(ctx.word(k), "," | "." | "!" | "?")
        {
            k += 1;
        }
        is_quote(k)
    }

    /// A byline or dateline line made of one run, a name then a place ("Jane Doe Cairo", "By Jane
    /// Doe Cairo"): split before the longest place of the lexicon that ends the line, so the place
    /// is never read as part of the name. Returns whether the run was split (and typed).
    pub(super) fn byline_split(&mut self, run: &[usize], depth: u8) -> bool {
        let ctx = self.ctx;
        let (Some(&a), Some(&b)) = (run.first(), run.last()) else {
            return false;
        };
        let line_start = ctx.toks[a].has(LINE_START)
            || a.checked_sub(1).is_some_and(|p| {
                ctx.toks[p].has(LINE_START) && matches!(ctx.word(p), "By" | "by" | "BY")
            });
        let line_end = ctx.toks.get(b + 1).is_none_or(|t| t.has(LINE_START));
        if !line_start || !line_end || self.words_of(run).len() < 3 {
            return false;
        }
        let split = (2..run.len()).find(|&k| {
            ctx.toks[run[k]].kind == TokKind::Word
                && matches!(
                    ctx.lex.lookup(self.span(&run[k..])),
                    Some(LexKind::Place | LexKind::Country)
                )
                && ctx.lex.lookup(self.span(run)).is_none()
                && ctx.lex.first_names.contains(ctx.word(run[0]))
        });
        let Some(k) = split else {
            return false;
        };
        self.run(&run[..k], true, depth + 1);
        self.run(&run[k..], false, depth + 1);
        true
    }

    /// An all-caps heading line ("BOULDER DAM", "RELATIONS WITH MEXICO"): capitals say nothing
    /// there, so only lexicon entries are taken, longest first, looked up as written ("NATO") or in
    /// title case ("Mexico").
    pub(super) fn heading(&mut self, run: &[usize]) {
        let ctx = self.ctx;
        let mut p = 0;
        while p < run.len() {
            let max = (run.len() - p).min(ctx.lex.max_words * 2);
            let found = (1..=max).rev().find_map(|n| {
                let part = &run[p..p + n];
                let last = ctx.toks[part[n - 1]];
                if ctx.toks[part[0]].kind != TokKind::Word || last.kind != TokKind::Word {
                    return None;
                }
                let title = title_case(ctx, part);
                let t = title.as_str();
                if ctx.sets.months_days.contains(t)
                    || ctx.sets.generic.contains(t)
                    || ctx.lex.nationalities.contains(t)
                    || (n == 1 && ctx.lex.stopwords.contains(title.to_lowercase().as_str()))
                    || (n == 1 && self.stats.is_common_word(t))
                {
                    return None;
                }
                let kind = ctx
                    .lex
                    .lookup(self.span(part))
                    .or_else(|| ctx.lex.lookup(&title))?;
                Some((n, kind))
            });
            // Not the first part of a longer name ("BOULDER DAM", "TEXAS RANGERS POLICE").
            let head_after = |n: usize| {
                run.get(p + n).is_some_and(|&i| {
                    let w = title_case(ctx, &[i]);
                    ctx.sets.loc_heads.contains(w.as_str())
                        || ctx.sets.org_heads.contains(w.as_str())
                })
            };
            match found {
                Some((n, _)) if head_after(n) => p += n,
                Some((n, kind)) => {
                    let part = &run[p..p + n];
                    self.emit(part, kind.entity_kind(), Strength::Strong, false);
                    p += n;
                }
                None => p += 1,
            }
        }
    }

    /// An event rather than an entity: a war, a championship, a storm ("World War II",
    /// "Hurricane Ian", "Champions League" is left to the lexicon).
    pub(super) fn event(&self, run: &[usize]) -> bool {
        let ctx = self.ctx;
        let w = |p: usize| ctx.word(run[p]);
        if EVENT_CUES.contains(&w(0)) && run.len() > 1 {
            return true;
        }
        if run
            .iter()
            .any(|&i| matches!(ctx.word(i), "of" | "for" | "on"))
        {
            return false;
        }
        let n = run.len();
        let last = w(n - 1);
        EVENT_HEADS.contains(&last)
            || (n > 1 && roman_numeral(last) && EVENT_HEADS.contains(&w(n - 2)))
    }

    /// "Bank of England", "Strait of Hormuz": a head word before "of"/"for" types the name;
    /// "North Africa", "Southern California": a compass word before a place is part of it.
    pub(super) fn head_of(&self, run: &[usize]) -> Option<EntityKind> {
        let ctx = self.ctx;
        let first = ctx.word(run[0]);
        let second = run.get(1).map_or("", |&i| ctx.word(i));
        if second == "of" && STATE_HEADS.contains(&first) && run.len() > 2 {
            // "Republic of Chile", "Kingdom of Saudi Arabia": the state's full name.
            let rest = if ctx.word(run[2]) == "the" {
                &run[3..]
            } else {
                &run[2..]
            };
            let place = !rest.is_empty()
                && ctx
                    .lex
                    .lookup(self.span(rest))
                    .is_some_and(|k| k != LexKind::Org);
            if place {
                return Some(EntityKind::Location);
            }
        }
        if first == "District" && second == "of" {
            return Some(EntityKind::Location);
        }
        if matches!(second, "of" | "for" | "on") && !ctx.sets.titles.contains(first) {
            if ctx.sets.loc_heads.contains(first)
                || matches!(first, "Isle" | "Cape" | "Gulf" | "Lake" | "Mount")
            {
                return Some(EntityKind::Location);
            }
            if ctx.sets.org_heads.contains(first) || ctx.sets.generic.contains(first) {
                return Some(EntityKind::Organization);
            }
        }
        let compass = matches!(
            first,
            "North"
                | "South"
                | "East"
                | "West"
                | "Northern"
                | "Southern"
                | "Eastern"
                | "Western"
                | "Central"
        );
        if compass && run.len() > 1 {
            let rest = &run[1..];
            if self.words_of(rest).len() == rest.len()
                && ctx
                    .lex
                    .lookup(self.span(rest))
                    .is_some_and(|k| k != LexKind::Org)
            {
                return Some(EntityKind::Location);
            }
        }
        None
    }

    /// A dateline in capitals at the start of a line ("KYIV (Reuters) —", "MEXICO CITY —").
    pub(super) fn dateline(&self, run: &[usize]) -> Option<EntityKind> {
        let ctx = self.ctx;
        let first = ctx.toks[run[0]];
        if !first.has(LINE_START) || !run.iter().all(|&i| ctx.toks[i].has(ALLCAPS)) {
            return None;
        }
        ctx.lex
            .lookup(&title_case(ctx, run))
            .filter(|k| *k != LexKind::Org)
            .map(|_| EntityKind::Location)
    }
}

/// The words of a run in title case ("MEXICO CITY" → "Mexico City"), for lexicon lookups.
fn title_case(ctx: &Ctx<'_>, run: &[usize]) -> String {
    let mut out = String::new();
    for &i in run {
        if ctx.toks[i].kind != TokKind::Word {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let w = ctx.word(i);
        if matches!(w, "OF" | "THE" | "AND" | "DE" | "DEL" | "DA" | "DO") && !out.is_empty() {
            out.push_str(&w.to_lowercase());
            continue;
        }
        let mut first = true;
        for c in w.chars() {
            if first {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            first = !c.is_alphabetic() && c != '\'';
        }
    }
    out
}

/// "II", "IV", "XIII".
fn roman_numeral(w: &str) -> bool {
    !w.is_empty() && w.len() <= 5 && w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}
