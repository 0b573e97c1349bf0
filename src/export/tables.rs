//! The per-table CSV writers: one function per file of `lexiscope analyze`, plus the tables only
//! the app exports (keyness, concordance). Each takes the rows to write as a slice, so the app can
//! export exactly the rows it shows.

use std::path::Path;

use super::{ExportError, date, num, safe, write_csv_atomic};
use crate::analysis::concordance::KwicLine;
use crate::analysis::entities::EntityPair;
use crate::analysis::keyness::{Burst, KeyItem, Keyness, format_p};
use crate::analysis::languages::language_mix;
use crate::analysis::{
    Analysis, Collocation, EntityStat, NgramStat, TermStat, Timeline, TrendPoint,
};
use crate::model::{Corpus, Granularity, MetadataTable, Problem, WEEKDAYS};
use crate::text::language::UNDETERMINED;

/// `summary.csv`: metric, value.
pub fn write_summary(path: &Path, corpus: &Corpus, a: &Analysis) -> Result<(), ExportError> {
    let s = &a.summary;
    let mut rows: Vec<(&str, String)> = vec![
        ("corpus", corpus.name.clone()),
        ("files_seen", corpus.report.files_seen.to_string()),
        ("articles", s.articles.to_string()),
        ("tokens", s.tokens.to_string()),
        ("distinct_terms", s.distinct_terms.to_string()),
        ("type_token_ratio", num(s.type_token_ratio)),
        ("hapax", s.hapax.to_string()),
        ("mean_article_tokens", num(s.mean_article_tokens)),
        ("median_article_tokens", num(s.median_article_tokens)),
        ("first_date", date(s.first_date)),
        ("last_date", date(s.last_date)),
        ("undated", s.undated.to_string()),
        ("duplicates_dropped", s.duplicates_dropped.to_string()),
    ];
    rows.extend(super::cleaning_summary(&corpus.report.cleaning));
    rows.extend([
        ("entity_mentions", s.entity_mentions.to_string()),
        ("distinct_entities", s.distinct_entities.to_string()),
        ("import_problems", corpus.report.problems.len().to_string()),
        ("urls_found", s.urls_found.to_string()),
        ("emails_found", s.emails_found.to_string()),
        ("hashtags_found", s.hashtags_found.to_string()),
        ("handles_found", s.handles_found.to_string()),
        (
            "markup_bytes_stripped",
            corpus.report.markup_bytes_stripped.to_string(),
        ),
        ("stopwords", a.settings.stopword_languages.join("+")),
        (
            "stemming",
            a.settings
                .stem_language
                .clone()
                .unwrap_or_else(|| "none".into()),
        ),
    ]);
    write_csv_atomic(path, |w| {
        w.write_record(["metric", "value"])?;
        for (k, v) in rows {
            w.write_record([k, &safe(&v)])?;
        }
        Ok(())
    })
}

/// `terms.csv`: rank, term, count, per_million, doc_freq, dispersion_dp.
pub fn write_terms(path: &Path, a: &Analysis, terms: &[TermStat]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "rank",
            "term",
            "count",
            "per_million",
            "doc_freq",
            "dispersion_dp",
        ])?;
        for (i, t) in terms.iter().enumerate() {
            w.write_record([
                (i + 1).to_string().as_str(),
                &safe(a.vocab.term(t.term)),
                &t.count.to_string(),
                &num(t.per_million),
                &t.doc_freq.to_string(),
                &num(t.dispersion_dp),
            ])?;
        }
        Ok(())
    })
}

/// `bigrams.csv` / `trigrams.csv`: ngram, count, doc_freq.
pub fn write_ngrams(path: &Path, ngrams: &[NgramStat]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["ngram", "count", "doc_freq"])?;
        for g in ngrams {
            w.write_record([
                &*safe(&g.text),
                &g.count.to_string(),
                &g.doc_freq.to_string(),
            ])?;
        }
        Ok(())
    })
}

/// `collocations.csv`.
pub fn write_collocations(
    path: &Path,
    a: &Analysis,
    rows: &[Collocation],
) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "word_a",
            "word_b",
            "count",
            "freq_a",
            "freq_b",
            "pmi",
            "log_likelihood",
            "t_score",
        ])?;
        for c in rows {
            w.write_record([
                &*safe(a.vocab.term(c.a)),
                &safe(a.vocab.term(c.b)),
                &c.count.to_string(),
                &c.freq_a.to_string(),
                &c.freq_b.to_string(),
                &num(c.pmi),
                &num(c.log_likelihood),
                &num(c.t_score),
            ])?;
        }
        Ok(())
    })
}

/// `entities.csv`: entity, type, mentions, doc_freq, first_date, last_date, variants.
pub fn write_entities(path: &Path, a: &Analysis, rows: &[EntityStat]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "entity",
            "type",
            "mentions",
            "doc_freq",
            "first_date",
            "last_date",
            "variants",
        ])?;
        for s in rows {
            let e = &a.entities.entities[s.entity as usize];
            let variants: Vec<&str> = e.variants.iter().map(|(v, _)| v.as_str()).collect();
            w.write_record([
                &*safe(&e.name),
                e.kind.as_str(),
                &s.mentions.to_string(),
                &s.doc_freq.to_string(),
                &date(s.first_date),
                &date(s.last_date),
                &safe(&variants.join("; ")),
            ])?;
        }
        Ok(())
    })
}

/// `entity_aliases.csv`: entity, type, variant, count (one row per surface variant).
pub fn write_entity_aliases(
    path: &Path,
    a: &Analysis,
    rows: &[EntityStat],
) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["entity", "type", "variant", "count"])?;
        for s in rows {
            let e = &a.entities.entities[s.entity as usize];
            for (variant, n) in &e.variants {
                w.write_record([
                    &*safe(&e.name),
                    e.kind.as_str(),
                    &safe(variant),
                    &n.to_string(),
                ])?;
            }
        }
        Ok(())
    })
}

/// `entity_pairs.csv`: both entities with their types, same-sentence and same-article counts,
/// PMI and G² over articles.
pub fn write_entity_pairs(
    path: &Path,
    a: &Analysis,
    rows: &[EntityPair],
) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "entity_a",
            "type_a",
            "entity_b",
            "type_b",
            "sentence_count",
            "article_count",
            "pmi",
            "log_likelihood",
        ])?;
        for p in rows {
            let (ea, eb) = (
                &a.entities.entities[p.a as usize],
                &a.entities.entities[p.b as usize],
            );
            w.write_record([
                &*safe(&ea.name),
                ea.kind.as_str(),
                &safe(&eb.name),
                eb.kind.as_str(),
                &p.sentence_count.to_string(),
                &p.article_count.to_string(),
                &num(p.pmi),
                &num(p.log_likelihood),
            ])?;
        }
        Ok(())
    })
}

fn item_kind(a: &Analysis, item: KeyItem) -> &'static str {
    match item {
        KeyItem::Term(_) => "term",
        KeyItem::Entity(e) => a.entities.entities[e as usize].kind.as_str(),
    }
}

/// Keyness table: item, kind (`term` or the entity type), counts and rates in target and
/// reference, signed G², p-value, log ratio, and whether it passes the Bonferroni threshold.
pub fn write_keyness(path: &Path, a: &Analysis, k: &Keyness) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "item",
            "kind",
            "target_count",
            "reference_count",
            "target_per_million",
            "reference_per_million",
            "log_likelihood",
            "p_value",
            "log_ratio",
            "significant_bonferroni",
        ])?;
        for r in &k.rows {
            w.write_record([
                &*safe(a.item_name(r.item)),
                item_kind(a, r.item),
                &r.target_count.to_string(),
                &r.reference_count.to_string(),
                &num(r.target_per_million),
                &num(r.reference_per_million),
                &num(r.log_likelihood),
                &format_p(r.p_value, 3),
                &num(r.log_ratio),
                if r.significant { "yes" } else { "no" },
            ])?;
        }
        Ok(())
    })
}

/// `rising_falling.csv`: period, item, kind, direction, count, per_million,
/// baseline_per_million, z.
pub fn write_bursts(
    path: &Path,
    a: &Analysis,
    g: Granularity,
    rows: &[Burst],
) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "period",
            "start_date",
            "item",
            "kind",
            "direction",
            "count",
            "per_million",
            "baseline_per_million",
            "z",
        ])?;
        for b in rows {
            w.write_record([
                g.label(b.period).as_str(),
                &b.period.to_string(),
                &safe(a.item_name(b.item)),
                item_kind(a, b.item),
                if b.z > 0.0 { "rising" } else { "falling" },
                &b.count.to_string(),
                &num(b.per_million),
                &num(b.baseline_per_million),
                &num(b.z),
            ])?;
        }
        Ok(())
    })
}

/// `timeline_<granularity>.csv`: period, start_date, articles, tokens.
pub fn write_timeline(path: &Path, tl: &Timeline) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["period", "start_date", "articles", "tokens"])?;
        for i in 0..tl.periods.len() {
            w.write_record([
                tl.label(i),
                tl.periods[i].to_string(),
                tl.articles[i].to_string(),
                tl.tokens[i].to_string(),
            ])?;
        }
        Ok(())
    })
}

/// Long-format trends (`term_trends.csv`, `entity_trends.csv`): period, name, count,
/// per_million (plus `type` for entities), every period of the granularity included.
pub fn write_trends(
    path: &Path,
    g: Granularity,
    name_header: &str,
    series: &[(String, Option<&str>, Vec<TrendPoint>)],
) -> Result<(), ExportError> {
    let typed = series.iter().any(|(_, t, _)| t.is_some());
    write_csv_atomic(path, |w| {
        let mut header = vec!["period", "start_date", name_header];
        if typed {
            header.push("type");
        }
        header.extend(["count", "per_million"]);
        w.write_record(&header)?;
        for (name, kind, points) in series {
            for p in points {
                let mut row = vec![
                    g.label(p.period),
                    p.period.to_string(),
                    safe(name).into_owned(),
                ];
                if typed {
                    row.push(kind.unwrap_or("").to_owned());
                }
                row.extend([p.count.to_string(), num(p.per_million)]);
                w.write_record(&row)?;
            }
        }
        Ok(())
    })
}

/// `documents.csv`: id, source, title, date, tokens, top_terms (TF-IDF, `; `-separated), then
/// one column per metadata field (in [`crate::analysis::facets::Facets`] order; a field named like
/// a fixed column gets a `field_` prefix; several values of one field are `; `-separated).
pub fn write_documents(
    path: &Path,
    corpus: &Corpus,
    a: &Analysis,
    docs: &[u32],
) -> Result<(), ExportError> {
    const FIXED: [&str; 6] = ["id", "source", "title", "date", "tokens", "top_terms"];
    let fields: Vec<&str> = a.facets.fields.iter().map(|f| f.name.as_str()).collect();
    write_csv_atomic(path, |w| {
        let mut header: Vec<String> = FIXED.iter().map(|s| (*s).to_owned()).collect();
        header.extend(fields.iter().map(|f| {
            if FIXED.iter().any(|x| x.eq_ignore_ascii_case(f)) {
                format!("field_{f}")
            } else {
                safe(f).into_owned()
            }
        }));
        w.write_record(&header)?;
        for &d in docs {
            let art = &corpus.articles[d as usize];
            let idx = &a.docs[d as usize];
            let top: Vec<&str> = idx
                .top_terms
                .iter()
                .map(|&(t, _)| a.vocab.term(t))
                .collect();
            let mut row = vec![
                art.id.to_string(),
                safe(&art.source).into_owned(),
                safe(&art.title).into_owned(),
                date(art.date),
                idx.tokens.to_string(),
                safe(&top.join("; ")).into_owned(),
            ];
            for f in &fields {
                let values: Vec<&str> = art
                    .metadata
                    .iter()
                    .filter(|(k, v)| k.trim().eq_ignore_ascii_case(f) && !v.trim().is_empty())
                    .map(|(_, v)| v.trim())
                    .collect();
                row.push(safe(&values.join("; ")).into_owned());
            }
            w.write_record(&row)?;
        }
        Ok(())
    })
}

/// `facets.csv`: field, value, articles, tokens — every value of every categorical metadata
/// field (see [`crate::analysis::facets`]), fields by name, values by articles descending.
pub fn write_facets(path: &Path, a: &Analysis) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["field", "value", "articles", "tokens"])?;
        for f in a.facets.categorical() {
            for c in f.counts(a, None) {
                w.write_record([
                    safe(&f.name).as_ref(),
                    safe(&c.value).as_ref(),
                    &c.articles.to_string(),
                    &c.tokens.to_string(),
                ])?;
            }
        }
        Ok(())
    })
}

/// `languages.csv`: language (ISO code as tagged, `und` when undetermined), name, articles,
/// tokens, and the stopword lists and stemmer its articles were processed with (`none`).
pub fn write_languages(path: &Path, corpus: &Corpus, a: &Analysis) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "language",
            "name",
            "articles",
            "tokens",
            "stopwords",
            "stemmer",
        ])?;
        for row in language_mix(a, corpus) {
            let processed_as = if row.language == UNDETERMINED {
                a.languages.main.as_str()
            } else {
                row.language.as_str()
            };
            let (lists, stem) = a.settings.resolved_for(processed_as);
            let lists = if lists.is_empty() {
                "none".to_owned()
            } else {
                lists.join("+")
            };
            w.write_record([
                safe(&row.language).as_ref(),
                safe(&row.name).as_ref(),
                &row.articles.to_string(),
                &row.tokens.to_string(),
                &safe(&lists),
                &safe(stem.as_deref().unwrap_or("none")),
            ])?;
        }
        Ok(())
    })
}

/// `import_problems.csv`: kind, message, path.
pub fn write_problems(path: &Path, problems: &[Problem]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["kind", "message", "path"])?;
        for p in problems {
            w.write_record([p.kind.as_str(), &safe(&p.message), &safe(&p.path)])?;
        }
        Ok(())
    })
}

/// `metadata_tables.csv`: path, id_column, rows, rows_matched, rows_without_file,
/// files_without_row (one row per metadata table joined).
pub fn write_metadata_tables(path: &Path, tables: &[MetadataTable]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "path",
            "id_column",
            "rows",
            "rows_matched",
            "rows_without_file",
            "files_without_row",
        ])?;
        for t in tables {
            w.write_record([
                safe(&t.path).as_ref(),
                &safe(&t.id_column),
                &t.rows.to_string(),
                &t.rows_matched.to_string(),
                &t.rows_without_file.to_string(),
                &t.files_without_row.to_string(),
            ])?;
        }
        Ok(())
    })
}

/// `weekdays.csv`: weekday, articles.
pub fn write_weekdays(path: &Path, a: &Analysis) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["weekday", "articles"])?;
        for (day, n) in WEEKDAYS.iter().zip(a.weekdays) {
            w.write_record([day.to_string(), n.to_string()])?;
        }
        Ok(())
    })
}

/// `concordance.csv`: doc, title, date, left, match, right, start, end.
pub fn write_kwic(path: &Path, corpus: &Corpus, rows: &[KwicLine]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "doc", "title", "date", "left", "match", "right", "start", "end",
        ])?;
        for l in rows {
            let art = corpus.articles.get(l.doc as usize);
            w.write_record([
                l.doc.to_string().as_str(),
                &safe(art.map_or("", |a| a.title.as_str())),
                &art.and_then(|a| a.date)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                &safe(&l.left),
                &safe(&l.matched),
                &safe(&l.right),
                &l.start.to_string(),
                &l.end.to_string(),
            ])?;
        }
        Ok(())
    })
}
