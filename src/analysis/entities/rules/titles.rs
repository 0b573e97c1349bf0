//! Titles: a title with nothing after it ("Prime Minister") is not an entity, and a title run
//! before a name ("Secretary of State Antony Blinken") is cut off, making the rest a person.

use super::Typer;
use crate::analysis::entities::lexicon::TITLE_OBJECTS;
use crate::analysis::entities::tokens::TokKind;

impl Typer<'_, '_> {
    /// Title words (cut hyphenated titles into parts: "Surgeon-General").
    pub(super) fn is_title_word(&self, w: &str) -> bool {
        let titles = &self.ctx.sets.titles;
        titles.contains(w) || (w.contains('-') && w.split('-').all(|p| titles.contains(p)))
    }

    /// A title with nothing after it ("Secretary of the Treasury", "Prime Minister", "Chancellor
    /// of the Exchequer"): by the annotation rules not an entity.
    pub(super) fn bare_title(&self, run: &[usize]) -> bool {
        let ctx = self.ctx;
        // Leading department words belong to the title: "Home Secretary", "Treasury Secretary".
        let mut p = 0;
        while p + 1 < run.len() && TITLE_OBJECTS.contains(&ctx.word(run[p])) {
            p += 1;
        }
        let first = ctx.word(run[p]);
        let next = ctx.word(run[(p + 1).min(run.len() - 1)]);
        if !self.is_title_word(first) || (first == "District" && next == "of") {
            return false;
        }
        while p < run.len() && self.is_title_word(ctx.word(run[p])) {
            p += 1;
        }
        if p < run.len() && ctx.word(run[p]) == "of" {
            p += 1;
            if p < run.len() && ctx.word(run[p]) == "the" {
                p += 1;
            }
            while p < run.len() && self.title_object(ctx.word(run[p])) {
                p += 1;
            }
        }
        p >= run.len()
    }

    /// A word that can be the object of a title ("of State", "of Foreign Affairs").
    pub(super) fn title_object(&self, w: &str) -> bool {
        let sets = self.ctx.sets;
        TITLE_OBJECTS.contains(&w)
            || sets.generic.contains(w)
            || sets.titles.contains(w)
            || matches!(w, "and" | "&")
    }

    /// Find a title run ("Secretary of State", "Prime Minister", "Mr.") followed by a name. Returns
    /// the end of the prefix before the titles and the start of the name.
    pub(super) fn title_split(&self, run: &[usize]) -> Option<(usize, usize)> {
        let ctx = self.ctx;
        let is_title = |p: usize| {
            let w = ctx.word(run[p]);
            // "District Judge" but not "District of Columbia".
            self.is_title_word(w)
                && !(w == "District" && run.get(p + 1).is_some_and(|&n| ctx.word(n) == "of"))
        };
        let start = (0..run.len()).find(|&p| is_title(p))?;
        let mut p = start;
        while p < run.len() {
            let w = ctx.word(run[p]);
            if is_title(p) {
                p += 1;
            } else if w == "of" && p + 1 < run.len() {
                // "Secretary of State", "Minister of Foreign Affairs": the object is part of the title.
                p += 1;
                if ctx.word(run[p]) == "the" {
                    p += 1;
                }
                p += 1;
                while p < run.len() && self.title_object(ctx.word(run[p])) {
                    p += 1;
                }
            } else {
                break;
            }
        }
        (p < run.len() && ctx.toks[run[p]].kind == TokKind::Word).then_some((start, p))
    }
}
