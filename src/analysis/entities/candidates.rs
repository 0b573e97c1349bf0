//! Candidate sequences: maximal runs of capitalised words, joined over name particles ("bin",
//! "de", "van der"), initials ("Donald J. Trump"), title abbreviations ("Mr."), "&", and the
//! connectors "of"/"for"/"and" when the words around them make an organisation or a place
//! ("Bank of England", "Securities and Exchange Commission"). [`super::rules`] then splits and
//! types each run.

use super::lexicon::{Lexicon, PARTICLES, WordSets};
use super::tokens::{
    BLOCK_START, CAP, DOTTED, HEADING, LINE_START, POSSESSIVE, SENT_START, TokKind, Token,
};

/// Words that may be followed by "of"/"for"/"on" inside a name ("University of Georgia",
/// "Secretary of State" — the latter is a title run, split off later).
const OF_HEADS: &[&str] = &[
    "Bank",
    "University",
    "House",
    "Strait",
    "Straits",
    "Gulf",
    "Bay",
    "Republic",
    "Kingdom",
    "Isle",
    "Cape",
    "Sea",
    "Office",
    "Ministry",
    "Department",
    "Secretary",
    "Minister",
    "Director",
    "Commissioner",
    "Governor",
    "Chancellor",
    "Mayor",
    "Duke",
    "Prince",
    "Princess",
    "King",
    "Queen",
    "Archbishop",
    "Bishop",
    "Commonwealth",
    "Federation",
    "Union",
    "Port",
    "Lake",
    "Church",
    "Institute",
    "Museum",
    "College",
    "School",
    "Academy",
    "Court",
    "Council",
    "Commission",
    "Committee",
    "Board",
    "Bureau",
    "Organization",
    "Organisation",
    "League",
    "Association",
    "Federation",
    "Society",
    "Societies",
    "Party",
    "Army",
    "Mount",
    "Gulf",
    "Sea",
    "Islands",
    "Cathedral",
    "Supreme",
    "Emir",
    "Sultan",
    "Sheikh",
    "Chief",
    "Order",
    "District",
    "Empire",
    "Endowment",
    "Treaty",
    "Convention",
    "Constitution",
    "Charter",
    "Declaration",
    "Peace",
    "Principality",
    "Duchy",
];

pub(crate) struct Ctx<'t> {
    pub text: &'t str,
    pub toks: &'t [Token],
    pub lex: &'static Lexicon,
    pub sets: &'static WordSets,
}

impl<'t> Ctx<'t> {
    pub fn word(&self, i: usize) -> &'t str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// A word that can be part of a name: capitalised (or "al-Assad"), not a month or weekday,
    /// not the pronoun "I", not part of a URL, address or hash.
    pub fn is_name_word(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        if t.kind != TokKind::Word || !t.has(CAP) {
            return false;
        }
        let w = t.text(self.text);
        w != "I" && !self.sets.months_days.contains(w) && !machine_fragment(self.text, t)
    }

    /// Token `i` may not continue a name that ended at token `i - 1`: it starts a new block (after
    /// a blank or short line), or one of the two lines is an all-caps heading.
    pub fn breaks_before(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return true;
        };
        if !t.has(LINE_START) {
            return false;
        }
        let prev_heading = i
            .checked_sub(1)
            .and_then(|p| self.toks.get(p))
            .is_some_and(|p| p.has(HEADING));
        t.has(BLOCK_START) || t.has(HEADING) || prev_heading
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && t.text(self.text) == p)
    }

    /// The last word of the run of name words starting at `i`.
    fn run_last_word(&self, mut i: usize) -> &'t str {
        let mut last = "";
        while self.is_name_word(i) {
            last = self.word(i);
            if self.toks[i].has(POSSESSIVE) {
                break;
            }
            i += 1;
        }
        last
    }
}

/// A candidate run: token indices of its words (connectors included), in order.
pub(crate) type Run = Vec<usize>;

/// Find every candidate run in the tokens.
pub(crate) fn find_runs(ctx: &Ctx<'_>) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < ctx.toks.len() {
        if !ctx.is_name_word(i) {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        let mut j = i;
        loop {
            let tj = &ctx.toks[j];
            if tj.has(POSSESSIVE) {
                // "People's Liberation Army", "Medical Examiner's Office": a possessive inside an
                // organisation name.
                let last = ctx.run_last_word(j + 1);
                let owner = ctx.word(j);
                let common_owner = ctx.sets.generic.contains(owner)
                    || ctx.sets.org_heads.contains(owner)
                    || matches!(
                        owner,
                        "Women" | "Men" | "Children" | "People" | "Workers" | "Veterans"
                    );
                if common_owner && ctx.is_name_word(j + 1) && ctx.sets.org_heads.contains(last) {
                    run.push(j + 1);
                    j += 1;
                    continue;
                }
                break;
            }
            let mut k = j + 1;
            // "Mr. Obama", "Donald J. Trump": skip the period after a title or an initial.
            let wj = ctx.word(j);
            // (Not when the period ends a sentence: "... and Vice President. The effect".)
            if ctx.is_punct(k, ".")
                && !tj.has(DOTTED)
                && !ctx.toks.get(k + 1).is_some_and(|t| t.has(SENT_START))
                && (wj.len() == 1
                    || ctx.sets.titles.contains(wj)
                    || matches!(wj, "St" | "ST" | "Mt" | "MT" | "Ft" | "FT"))
            {
                k += 1;
            }
            if ctx.breaks_before(k) {
                break;
            }
            if ctx.is_name_word(k) {
                run.push(k);
                j = k;
                continue;
            }
            // "Organization for Security and Co-operation in Europe": after an organisation head
            // and "of"/"for", "and" and "in" may continue the name.
            let long_org = run.len() > 2
                && ctx.sets.org_heads.contains(ctx.word(run[0]))
                && run.iter().any(|&x| matches!(ctx.word(x), "of" | "for"));
            if let Some(next) = connector_join(ctx, j, k, long_org) {
                run.extend(k..next);
                run.push(next);
                j = next;
                continue;
            }
            break;
        }
        i = j + 1;
        runs.push(run);
    }
    runs
}

/// Whether token `t` is part of a URL, a mail address, a query string or a hash: its
/// whitespace-delimited chunk holds "://", "www.", "@", "=" or "#", or more than one "/", or the
/// word mixes letters with two or more digits ("a9F3kQ27").
fn machine_fragment(text: &str, t: &Token) -> bool {
    const LOOK: usize = 256;
    let bytes = text.as_bytes();
    let mut a = t.start;
    while a > 0 && t.start - a < LOOK && !bytes[a - 1].is_ascii_whitespace() {
        a -= 1;
    }
    let mut b = t.end;
    while b < bytes.len() && b - t.end < LOOK && !bytes[b].is_ascii_whitespace() {
        b += 1;
    }
    let chunk = &bytes[a..b];
    let has = |needle: &[u8]| chunk.windows(needle.len()).any(|w| w == needle);
    let slashes = chunk.iter().filter(|&&c| c == b'/').count();
    let word = &bytes[t.start..t.end];
    let digits = word.iter().filter(|c| c.is_ascii_digit()).count();
    has(b"://")
        || has(b"www.")
        || chunk.iter().any(|c| matches!(c, b'@' | b'=' | b'#'))
        || slashes > 1
        || (digits >= 2 && word.len() >= 6)
}

/// If the tokens from `k` on are connectors that may join the name word `j` to a following name
/// word, return the index of that following name word.
fn connector_join(ctx: &Ctx<'_>, j: usize, k: usize, long_org: bool) -> Option<usize> {
    let next = connector_target(ctx, j, k, long_org)?;
    (!(k..=next).any(|i| ctx.breaks_before(i))).then_some(next)
}

fn connector_target(ctx: &Ctx<'_>, j: usize, k: usize, long_org: bool) -> Option<usize> {
    let t = ctx.toks.get(k)?;
    let w = ctx.word(k);
    let prev = ctx.word(j);
    if t.kind == TokKind::Punct {
        // "Procter & Gamble", "AT&T".
        return (w == "&" && ctx.is_name_word(k + 1)).then_some(k + 1);
    }
    if t.kind != TokKind::Word {
        return None;
    }
    if PARTICLES.contains(&w) {
        // "bin Salman", "van der Leyen", "da Silva".
        let mut n = k + 1;
        if PARTICLES.contains(&ctx.word(n)) {
            n += 1;
        }
        return ctx.is_name_word(n).then_some(n);
    }
    match w {
        "of" | "for" | "on" => {
            if !OF_HEADS.contains(&prev) && !ctx.sets.org_heads.contains(prev) {
                return None;
            }
            let n = if ctx.word(k + 1) == "the" {
                k + 2
            } else {
                k + 1
            };
            ctx.is_name_word(n).then_some(n)
        }
        "and"
            if long_org && ctx.is_name_word(k + 1) && ctx.lex.lookup(ctx.word(k + 1)).is_none() =>
        {
            Some(k + 1)
        }
        "in" if long_org
            && ctx.is_name_word(k + 1)
            && ctx.lex.lookup(ctx.word(k + 1)).is_some_and(|l| {
                matches!(
                    l,
                    super::lexicon::LexKind::Place | super::lexicon::LexKind::Country
                )
            }) =>
        {
            Some(k + 1)
        }
        "and" => {
            // Only inside organisation names that end in a head word, and not between two names
            // that stand alone ("Army and Navy", "House and Senate": the part after "and" is a
            // single word).
            let n = k + 1;
            let last = ctx.run_last_word(n);
            let single = !ctx.is_name_word(n + 1) || ctx.toks[n].has(POSSESSIVE);
            (ctx.is_name_word(n) && ctx.sets.org_heads.contains(last) && !single).then_some(n)
        }
        _ => None,
    }
}
