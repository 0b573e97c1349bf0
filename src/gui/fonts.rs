//! Fonts for every script: egui's bundled fonts cover Latin, Greek and Cyrillic only, so the
//! installed system fonts that cover other scripts (CJK, Arabic, Hebrew, Devanagari, Thai…) are
//! appended as fallbacks to both font families. Nothing is bundled: a CJK font is 15–20 MB, more
//! than the whole app. When a script of the corpus has no font, Overview says so
//! ([`missing_scripts`]).
//!
//! Fonts are found by file name under the usual font folders (Debian's `fonts-noto-cjk`,
//! `fonts-noto-core`, `fonts-dejavu-core`, `fonts-wqy-zenhei`, `fonts-droid-fallback`…), with no
//! font-config dependency.

use std::path::{Path, PathBuf};

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily, FontId};

/// Font files worth loading, by file name, best first. One file per script is enough; a later
/// file is loaded only when it adds a script no earlier one covers.
const CANDIDATES: &[(&str, &[&str])] = &[
    (
        "DejaVuSans.ttf",
        &["Arabic", "Hebrew", "Armenian", "Georgian"],
    ),
    ("NotoSansCJK-Regular.ttc", &["CJK"]),
    ("NotoSansCJKsc-Regular.otf", &["CJK"]),
    ("NotoSansCJKjp-Regular.otf", &["CJK"]),
    ("wqy-zenhei.ttc", &["CJK"]),
    ("wqy-microhei.ttc", &["CJK"]),
    ("DroidSansFallbackFull.ttf", &["CJK"]),
    ("NotoSansArabic-Regular.ttf", &["Arabic"]),
    ("NotoNaskhArabic-Regular.ttf", &["Arabic"]),
    ("NotoSansHebrew-Regular.ttf", &["Hebrew"]),
    ("NotoSansDevanagari-Regular.ttf", &["Devanagari"]),
    ("NotoSansThai-Regular.ttf", &["Thai"]),
    ("NotoSansBengali-Regular.ttf", &["Bengali"]),
    ("NotoSansTamil-Regular.ttf", &["Tamil"]),
    ("NotoSansKhmer-Regular.ttf", &["Khmer"]),
];

/// The folders searched for fonts, recursively (three levels at most).
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![
        PathBuf::from("/usr/share/fonts"),
        PathBuf::from("/usr/local/share/fonts"),
        PathBuf::from("/Library/Fonts"),
        PathBuf::from("/System/Library/Fonts"),
        PathBuf::from("C:\\Windows\\Fonts"),
    ];
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".local/share/fonts"));
        dirs.push(Path::new(&home).join(".fonts"));
    }
    dirs
}

fn find_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if depth > 0 {
                find_files(&path, depth - 1, out);
            }
        } else {
            out.push(path);
        }
    }
}

/// The installed fallback font files, best first, one per script.
pub fn system_fallbacks() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in font_dirs() {
        find_files(&dir, 3, &mut files);
    }
    let mut covered: Vec<&str> = Vec::new();
    let mut chosen = Vec::new();
    for (name, scripts) in CANDIDATES {
        if scripts.iter().all(|s| covered.contains(s)) {
            continue;
        }
        if let Some(path) = files
            .iter()
            .find(|p| p.file_name().is_some_and(|f| f == *name))
        {
            covered.extend(scripts.iter());
            chosen.push(path.clone());
        }
    }
    chosen
}

/// Append the installed fallback fonts to egui's families; returns the files loaded. A file that
/// cannot be read is skipped.
pub fn install(ctx: &egui::Context) -> Vec<PathBuf> {
    let mut loaded = Vec::new();
    for path in system_fallbacks() {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let name = path
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
        let families = [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect();
        ctx.add_font(FontInsert::new(
            &name,
            FontData::from_owned(bytes),
            families,
        ));
        loaded.push(path);
    }
    loaded
}

/// Scripts and one common letter of each, to ask the fonts about.
const SCRIPT_SAMPLES: &[(&str, char, fn(char) -> bool)] = &[
    ("Chinese/Japanese", '中', crate::text::segment::is_cjk),
    (
        "Korean",
        '한',
        |c| matches!(c as u32, 0xAC00..=0xD7AF | 0x1100..=0x11FF),
    ),
    (
        "Arabic",
        'ع',
        |c| matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F),
    ),
    ("Hebrew", 'א', |c| matches!(c as u32, 0x0590..=0x05FF)),
    ("Devanagari", 'क', |c| matches!(c as u32, 0x0900..=0x097F)),
    ("Thai", 'ก', |c| matches!(c as u32, 0x0E00..=0x0E7F)),
    ("Greek", 'α', |c| matches!(c as u32, 0x0370..=0x03FF)),
    ("Cyrillic", 'д', |c| matches!(c as u32, 0x0400..=0x04FF)),
];

/// The scripts that occur in `texts` (the first 500 characters of each are read) and that no
/// installed font can draw.
pub fn missing_scripts<'a>(
    ctx: &egui::Context,
    texts: impl Iterator<Item = &'a str>,
) -> Vec<&'static str> {
    let mut present = [false; SCRIPT_SAMPLES.len()];
    for text in texts {
        for c in text.chars().take(500) {
            if c.is_ascii() {
                continue;
            }
            for (i, (_, _, is_script)) in SCRIPT_SAMPLES.iter().enumerate() {
                present[i] |= is_script(c);
            }
        }
    }
    let font = FontId::proportional(14.0);
    SCRIPT_SAMPLES
        .iter()
        .zip(present)
        .filter(|&((_, sample, _), there)| there && !ctx.fonts_mut(|f| f.has_glyph(&font, *sample)))
        .map(|((name, _, _), _)| *name)
        .collect()
}
