//! "Save PNG…": a chart is cropped out of a window screenshot and encoded with the `png` crate,
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
