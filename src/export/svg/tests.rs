//! The SVG is read back with a real XML parser (quick-xml, already in the dependency tree), so a
//! title with `&` or `<` proves the escaping, and the counts are those of the drawn elements.

use super::*;
use quick_xml::Reader;
use quick_xml::events::Event;

/// One element: its name, its attributes, the text directly inside it.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Element {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Every element of the document, in order; panics (fails the test) on malformed XML.
fn parse(svg: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(svg);
    let mut out: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        let event = reader.read_event().expect("well-formed XML");
        match event {
            Event::Start(e) => {
                out.push(element(&e));
                open.push(out.len() - 1);
            }
            Event::Empty(e) => out.push(element(&e)),
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => {
                if let Some(&i) = open.last() {
                    out[i].text.push_str(&t.decode().expect("utf-8"));
                }
            }
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref().expect("char ref") {
                    Some(c) => c.to_string(),
                    None => match r.decode().expect("utf-8").as_ref() {
                        "amp" => "&".to_owned(),
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        other => panic!("unknown entity {other}"),
                    },
                };
                if let Some(&i) = open.last() {
                    out[i].text.push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn element(e: &quick_xml::events::BytesStart<'_>) -> Element {
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.expect("attribute");
            let v = a
                .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .expect("value")
                .into_owned();
            (String::from_utf8_lossy(a.key.as_ref()).into_owned(), v)
        })
        .collect();
    Element {
        name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
        attrs,
        text: String::new(),
    }
}

fn with_class<'a>(doc: &'a [Element], name: &str, class: &str) -> Vec<&'a Element> {
    doc.iter()
        .filter(|e| e.name == name && e.attr("class") == Some(class))
        .collect()
}

fn title(doc: &[Element]) -> String {
    doc.iter()
        .find(|e| e.name == "title")
        .map(|e| e.text.clone())
        .unwrap_or_default()
}

#[test]
fn ranked_bars_have_title_bars_labels_and_ticks() {
    let spec = ChartSpec {
        title: "Top 3 terms & <friends>".into(),
        value_axis: "count".into(),
        category_axis: "term".into(),
        kind: ChartKind::Ranked(vec![
            ("war".into(), 1200.0),
            ("peace".into(), 800.0),
            ("treaty".into(), 50.0),
        ]),
    };
    let doc = parse(&chart_svg(&spec));
    assert_eq!(title(&doc), "Top 3 terms & <friends>");
    let heading = with_class(&doc, "text", "chart-title");
    assert_eq!(heading.len(), 1);
    assert_eq!(heading[0].text, "Top 3 terms & <friends>");
    let bars = with_class(&doc, "rect", "bar");
    assert_eq!(bars.len(), 3);
    // Widths are proportional to the values: the axis runs 0..1,200 (ticks of 200).
    let w: Vec<f64> = bars
        .iter()
        .map(|b| b.attr("width").and_then(|v| v.parse().ok()).unwrap_or(-1.0))
        .collect();
    assert!((w[0] / w[1] - 1200.0 / 800.0).abs() < 0.01, "{w:?}");
    assert!((w[0] / w[2] - 24.0).abs() < 0.1, "{w:?}");
    let texts: Vec<&str> = doc
        .iter()
        .filter(|e| e.name == "text")
        .map(|e| e.text.as_str())
        .collect();
    for t in [
        "war", "peace", "treaty", "0", "600", "1,200", "count", "term",
    ] {
        assert!(texts.contains(&t), "{t} missing from {texts:?}");
    }
}

#[test]
fn period_lines_have_a_legend_and_one_point_per_value() {
    let nan = f64::NAN;
    let spec = ChartSpec {
        title: "Trends".into(),
        value_axis: "per million tokens".into(),
        category_axis: "month".into(),
        kind: ChartKind::PeriodLines {
            periods: vec!["Jan 1940".into(), "Feb 1940".into(), "Mar 1940".into()],
            series: vec![
                ("war".into(), vec![1.0, 2.5, 4.0]),
                ("peace".into(), vec![0.5, nan, 1.0]),
            ],
        },
    };
    let doc = parse(&chart_svg(&spec));
    assert_eq!(title(&doc), "Trends");
    // Three points of war, two of peace (the gap draws nothing).
    assert_eq!(with_class(&doc, "circle", "point").len(), 5);
    let legend: Vec<&str> = with_class(&doc, "text", "legend-entry")
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(legend, ["war", "peace"]);
    // peace's line is broken in two single points: two moves, no line-to.
    let paths: Vec<&str> = doc
        .iter()
        .filter(|e| e.name == "path")
        .filter_map(|e| e.attr("d"))
        .collect();
    assert_eq!(paths.len(), 2);
    assert_eq!(paths[0].matches('M').count(), 1);
    assert_eq!(paths[0].matches('L').count(), 2);
    assert_eq!(paths[1].matches('M').count(), 2);
    assert_eq!(paths[1].matches('L').count(), 0);
    let axis: Vec<&str> = with_class(&doc, "text", "axis-label")
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(axis, ["per million tokens", "month"]);
}

#[test]
fn period_bars_and_dispersion_ticks_are_counted() {
    let spec = ChartSpec {
        title: "Articles per year".into(),
        value_axis: "articles".into(),
        category_axis: "year".into(),
        kind: ChartKind::PeriodBars {
            periods: vec!["1940".into(), "1941".into()],
            values: vec![3.0, 7.0],
        },
    };
    let doc = parse(&chart_svg(&spec));
    assert_eq!(with_class(&doc, "rect", "bar").len(), 2);
    let spec = ChartSpec {
        title: "Dispersion of \"war\"".into(),
        value_axis: "position in the article (0 = start, 1 = end)".into(),
        category_axis: "article".into(),
        kind: ChartKind::Dispersion(vec![
            ("a.txt".into(), vec![0.0, 0.5, 1.0]),
            ("b.txt".into(), vec![0.25]),
        ]),
    };
    let doc = parse(&chart_svg(&spec));
    assert_eq!(title(&doc), "Dispersion of \"war\"");
    let hits = with_class(&doc, "line", "hit");
    assert_eq!(hits.len(), 4);
    // The track of 0..1 spans the plot: 0.5 sits halfway between 0 and 1.
    let x: Vec<f64> = hits
        .iter()
        .map(|h| h.attr("x1").and_then(|v| v.parse().ok()).unwrap_or(-1.0))
        .collect();
    assert!((x[1] - (x[0] + x[2]) / 2.0).abs() < 0.01, "{x:?}");
}

#[test]
fn ticks_are_round_and_labelled_with_units() {
    assert_eq!(
        nice_ticks(0.0, 1200.0, 6).0,
        [0.0, 200.0, 400.0, 600.0, 800.0, 1000.0, 1200.0]
    );
    assert_eq!(nice_ticks(0.0, 1.0, 4).0, [0.0, 0.25, 0.5, 0.75, 1.0]);
    assert_eq!(tick_label(12_000.0, 2000.0), "12,000");
    assert_eq!(tick_label(-1500.0, 500.0), "-1,500");
    assert_eq!(tick_label(0.25, 0.25), "0.25");
    assert_eq!(xml_escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
}

#[test]
fn the_file_is_written_atomically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("chart.svg");
    let spec = ChartSpec {
        title: "t".into(),
        value_axis: "count".into(),
        category_axis: String::new(),
        kind: ChartKind::Ranked(vec![("x".into(), 1.0)]),
    };
    write_svg(&path, &spec).expect("writes");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.starts_with("<?xml"));
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "no temp file left"
    );
}

#[test]
fn zipf_points_sit_on_log_axes() {
    let spec = ChartSpec {
        title: "Zipf".into(),
        value_axis: "count (log10 scale)".into(),
        category_axis: "rank (log10 scale)".into(),
        kind: ChartKind::LogLog(vec![[1.0, 100.0], [10.0, 10.0], [100.0, 1.0], [0.0, 5.0]]),
    };
    let doc = parse(&chart_svg(&spec));
    // The point at x = 0 has no logarithm: three points drawn.
    let pts = with_class(&doc, "circle", "point");
    assert_eq!(pts.len(), 3);
    let cx: Vec<f64> = pts
        .iter()
        .map(|p| p.attr("cx").and_then(|v| v.parse().ok()).unwrap_or(-1.0))
        .collect();
    // Ranks 1, 10, 100 are evenly spaced on a log axis.
    assert!(((cx[1] - cx[0]) - (cx[2] - cx[1])).abs() < 0.02, "{cx:?}");
    let texts: Vec<&str> = doc
        .iter()
        .filter(|e| e.name == "text")
        .map(|e| e.text.as_str())
        .collect();
    for t in [
        "1",
        "10",
        "100",
        "rank (log10 scale)",
        "count (log10 scale)",
    ] {
        assert!(texts.contains(&t), "{t} missing from {texts:?}");
    }
}
