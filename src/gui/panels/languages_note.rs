//! The Overview's language block: the corpus's language mix (from the `language` facet), the
//! stopword lists and stemmer each language was processed with when they follow the language,
//! which articles entities were looked for in, and a note for every script no installed font
//! can draw.

use egui::{RichText, Ui};

use super::ViewCx;
use crate::analysis::languages::{ENTITY_LANGUAGES, FIELD, active_lists};
use crate::gui::charts::fmt_int;
use crate::text::language::language_name;

/// Draw the block (nothing for a corpus whose articles carry no language).
pub fn languages_ui(ui: &mut Ui, cx: &ViewCx<'_>, missing_fonts: &[&str]) {
    let a = &cx.scope.analysis;
    let Some(field) = a
        .facets
        .fields
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(FIELD))
    else {
        return;
    };
    ui.add_space(8.0);
    let mix: Vec<String> = field
        .values
        .iter()
        .take(8)
        .map(|v| {
            format!(
                "{} ({}) {}",
                language_name(&v.value),
                v.value,
                fmt_int(v.docs.len() as u64)
            )
        })
        .collect();
    let more = field.values.len().saturating_sub(8);
    let more = if more > 0 {
        format!(" · {more} more")
    } else {
        String::new()
    };
    ui.label(format!("Languages: {}{more}", mix.join(" · ")))
        .on_hover_text("Articles per language (the `language` facet; `language:de` filters).");
    if a.settings.follows_language() {
        let lists: Vec<String> = active_lists(&a.settings, &a.languages)
            .into_iter()
            .map(|(code, stop, stem)| format!("{code}: stopwords {stop}, stemmer {stem}"))
            .collect();
        ui.label(RichText::new(format!("Per language — {}", lists.join(" · "))).weak())
            .on_hover_text(
                "Stopwords or stemming are 'auto': each article uses its own language's lists. \
                 Undetermined articles use the majority language's.",
            );
    }
    let other = field
        .values
        .iter()
        .filter(|v| !ENTITY_LANGUAGES.contains(&v.value.as_str()) && v.value != "und")
        .map(|v| v.docs.len() as u64)
        .sum::<u64>();
    if other > 0 {
        ui.label(
            RichText::new(format!(
                "Entities: English articles only ({} articles in other languages have none).",
                fmt_int(other)
            ))
            .weak(),
        )
        .on_hover_text(
            "The entity rules are English ones (a capital letter starts a name); German \
             capitalises every noun, other languages differ again.",
        );
    }
    for script in missing_fonts {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "No installed font draws {script} text: it shows as boxes. Install one \
                 (e.g. fonts-noto-cjk, fonts-noto-core) and restart."
            ),
        );
    }
}
