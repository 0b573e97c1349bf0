//! Small widgets shared by the chrome and the panels.

use egui::Ui;

/// A single-line text field with an accessible label shown before it.
pub fn labelled_edit(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    hint: &str,
    width: f32,
) -> egui::Response {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(width),
    )
    .labelled_by(l.id)
}
