//! "PNG…": a chart's SVG rendered at 2x with resvg (the whole chart: title, axes, legend), or,
//! for a chart without a [`crate::export::ChartSpec`], a crop of a window screenshot encoded with
//! the `png` crate,
//! written atomically like every export.

use std::path::Path;
use std::sync::Arc;

/// Crop `rect` (in points) out of a window screenshot and write it as a PNG, atomically.
pub fn write_png_crop(
    path: &Path,
    image: &Arc<egui::ColorImage>,
    rect: egui::Rect,
    pixels_per_point: f32,
) -> Result<(), String> {
    let [w, h] = image.size;
    let px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, y0) = (px(rect.min.x, w), px(rect.min.y, h));
    let (x1, y1) = (px(rect.max.x, w), px(rect.max.y, h));
    if x1 <= x0 || y1 <= y0 {
        return Err("the chart was not visible when the screenshot was taken".into());
    }
    let mut data = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for x in x0..x1 {
            let c = image.pixels[y * w + x];
            data.extend_from_slice(&[c.r(), c.g(), c.b(), 255]);
        }
    }
    let tmp = path.with_extension("png.tmp");
    let result = (|| -> Result<(), String> {
        let file = std::fs::File::create(&tmp).map_err(|e| e.to_string())?;
        let mut enc = png::Encoder::new(
            std::io::BufWriter::new(file),
            (x1 - x0) as u32,
            (y1 - y0) as u32,
        );
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(&data).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
        std::fs::rename(&tmp, path).map_err(|e| e.to_string())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// How much larger than on screen "PNG…" draws a chart.
pub const CHART_PNG_SCALE: f32 = 2.0;

/// Render a chart's SVG (see [`crate::export::chart_svg`]) at `scale` into PNG bytes, with
/// egui's own font so the picture is the same on every machine.
pub fn render_chart_png(spec: &crate::export::ChartSpec, scale: f32) -> Result<Vec<u8>, String> {
    use resvg::{tiny_skia, usvg};
    let svg = crate::export::chart_svg(spec);
    let mut opt = usvg::Options::default();
    opt.fontdb_mut()
        .load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    opt.font_family = "Ubuntu".to_owned();
    let tree =
        usvg::Tree::from_str(&svg, &opt).map_err(|e| format!("cannot draw the chart: {e}"))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap =
        tiny_skia::Pixmap::new(w, h).ok_or_else(|| format!("cannot draw a {w}×{h} image"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the chart: {e}"))
}

/// "PNG…": the chart's SVG rendered at [`CHART_PNG_SCALE`], written atomically.
pub fn write_chart_png(path: &Path, spec: &crate::export::ChartSpec) -> Result<(), String> {
    let bytes = render_chart_png(spec, CHART_PNG_SCALE)?;
    crate::export::write_bytes_atomic(path, &bytes).map_err(|e| e.to_string())
}
