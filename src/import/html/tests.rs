use super::*;

#[test]
fn page_fixture_gives_exactly_the_article() {
    let page = extract_page(include_str!(
        "../../../tests/fixtures/html/ebola-article.html"
    ));
    assert_eq!(page.title, "Ebola clinic opens in Monrovia");
    // article:published_time wins over JSON-LD datePublished (2014-10-07).
    assert_eq!(page.date, NaiveDate::from_ymd_opt(2014, 10, 8));
    assert_eq!(
        page.text,
        "A new Ebola treatment clinic opened in Monrovia on Wednesday, health officials \
         said.\n\nThe clinic has 120 beds & a laboratory, and it is run by the Ministry of \
         Health with support from the WHO.\n\n\u{201C}We can finally isolate patients \
         early,\u{201D} said Dr. Moses Kollie."
    );
}

#[test]
fn title_and_date_fall_back_in_order() {
    let page = extract_page(
        "<html><head><title> Plain  title </title>\
         <script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\"},\
         {\"datePublished\":\"March 3, 2020\"}]}</script></head>\
         <body><p>Text.</p><time datetime=\"2019-01-01\">then</time></body></html>",
    );
    assert_eq!(page.title, "Plain title");
    assert_eq!(page.date, NaiveDate::from_ymd_opt(2020, 3, 3));
    let page = extract_page(
        "<h1>Only a heading</h1><p>Body <time datetime=\"2021-05-06T10:00\">x</time></p>",
    );
    assert_eq!(page.title, "Only a heading");
    assert_eq!(page.date, NaiveDate::from_ymd_opt(2021, 5, 6));
    assert_eq!(
        page.text, "Body x",
        "the heading equal to the title is not repeated"
    );
    let page = extract_page("<meta property=\"article:published_time\" content=\"soon\"><p>x</p>");
    assert_eq!(
        (page.date, page.unreadable_date.as_deref()),
        (None, Some("soon"))
    );
}

#[test]
fn fragments_blocks_breaks_and_hidden_content() {
    let html = "<html><head><title>Hidden title</title><style>p { color: red }</style>\
                </head><body><h1>Big&nbsp;news</h1><p>First <b>bold</b> line.<br>Second \
                line &amp; more</p><script type=\"x\">var a = '<p>';</script><!-- a \
                comment --><div data-x=\"a>b\">Caf&eacute; &#8364;5 &#x41; &#150; &bogus; \
                a < b</div></body></html>";
    assert_eq!(
        html_to_text(html),
        "Big news\n\nFirst bold line.\nSecond line & more\n\nCafé €5 A – &bogus; a < b"
    );
}

#[test]
fn html_fields_are_told_from_prose() {
    for html in [
        "<p>One</p>",
        "a<br>b",
        "x <a href=\"u\">link</a>",
        "<div class=x>y</div>",
    ] {
        assert!(looks_like_html(html), "{html}");
    }
    for prose in [
        "a < b and c > d",
        "5 <b",
        "if x<y then <i",
        "<notatag>",
        "plain",
    ] {
        assert!(!looks_like_html(prose), "{prose}");
    }
}

#[test]
fn broken_html_never_panics() {
    for html in [
        "<",
        "<!--",
        "<script>never closed",
        "<p class=\"open",
        "&",
        "&#;",
        "&#xFFFFFFFFF;",
        "&#0;",
        "é<é>&é;",
        "</>",
        "<article>",
        "<meta property='og:title'>",
    ] {
        let _ = html_to_text(html);
        let _ = extract_page(html);
    }
    // Seeded random pieces: no panic, and no tag survives whole.
    const PIECES: [&str; 16] = [
        "<p>",
        "</p>",
        "<script>",
        "</SCRIPT>",
        "<!--",
        "-->",
        "&amp;",
        "&#x",
        ";",
        "<b",
        ">",
        "\"",
        "é",
        "word",
        " ",
        "<style a='>'>",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..2000 {
        let mut html = String::new();
        for _ in 0..(state % 12) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            html.push_str(PIECES[(state % 16) as usize]);
        }
        let text = html_to_text(&html);
        assert!(!text.contains("<p>") && !text.contains("</p>"), "{html:?}");
    }
    // Deep nesting is walked without recursion.
    let deep = "<div>".repeat(20_000) + "deep" + &"</div>".repeat(20_000);
    assert_eq!(html_to_text(&deep), "deep");
}
