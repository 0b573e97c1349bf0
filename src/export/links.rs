//! The link tables as CSV: `links.csv`, `domains.csv`, `hashtags.csv` and `handles.csv`.

use std::path::Path;

use super::{ExportError, safe, write_csv_atomic};
use crate::analysis::links::{DomainStat, LinkStat};
use crate::analysis::{Analysis, TermStat};

/// `links.csv`: url, kind (`url` or `email`), domain, count, articles.
pub fn write_links(path: &Path, rows: &[LinkStat]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["url", "kind", "domain", "count", "articles"])?;
        for l in rows {
            w.write_record([
                safe(&l.link).as_ref(),
                l.kind.name(),
                safe(&l.domain).as_ref(),
                &l.count.to_string(),
                &l.doc_freq.to_string(),
            ])?;
        }
        Ok(())
    })
}

/// `domains.csv`: domain, links (occurrences of links to it), articles.
pub fn write_domains(path: &Path, rows: &[DomainStat]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["domain", "links", "articles"])?;
        for d in rows {
            w.write_record([
                safe(&d.domain).as_ref(),
                &d.count.to_string(),
                &d.doc_freq.to_string(),
            ])?;
        }
        Ok(())
    })
}

/// `hashtags.csv` (`sigil` `'#'`) or `handles.csv` (`'@'`): term, count, articles — the
/// hashtag or handle rows of `terms`. A handle cell starts with `@`, so it is written `'@who`
/// like every text cell a spreadsheet could run as a formula.
pub fn write_tagged(
    path: &Path,
    a: &Analysis,
    terms: &[TermStat],
    sigil: char,
) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["term", "count", "articles"])?;
        for t in a.tagged_terms(terms, sigil) {
            w.write_record([
                safe(a.vocab.term(t.term)).as_ref(),
                &t.count.to_string(),
                &t.doc_freq.to_string(),
            ])?;
        }
        Ok(())
    })
}
