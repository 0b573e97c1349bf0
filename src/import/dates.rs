//! Date parsing for imports: the many ways news data writes a publication date, reduced to a
//! calendar day, plus the plausibility rule (not before year 1000, not more than a year ahead).
//!
//! Zoned datetimes keep the date *as written*: `2023-01-31T23:30:00-05:00` is 31 January, not the
//! UTC day (1 February). A reader of the article saw the local date, and converting to UTC would
//! move late-evening articles to the next day. Unix timestamps carry no local date, so they are
//! read as UTC.

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveDateTime, Utc};

/// Why a date value could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// No supported format matched.
    Unparsable,
    /// The date parsed but is before year 1000 or more than a year after today.
    Implausible(NaiveDate),
}

impl DateError {
    /// A sentence describing the problem with `raw`, for the import report.
    pub fn message(self, raw: &str) -> String {
        match self {
            Self::Unparsable => {
                format!("The date \"{raw}\" could not be read; the article is undated.")
            }
            Self::Implausible(d) => format!(
                "The date \"{raw}\" ({d}) is before year 1000 or more than a year in the future; \
                 the article is undated."
            ),
        }
    }
}

/// Parse a date written in any supported format, without the plausibility check.
///
/// Supported: ISO dates (`2023-01-31`, `2023/01/31`, `20230131`, `31.01.2023`), ISO/RFC 3339
/// datetimes with or without a zone (`2023-01-31T10:00:00`, `2023-01-31 10:00`, `…Z`,
/// `…+02:00`), RFC 2822 (`Tue, 31 Jan 2023 10:00:00 +0000`), month names (`January 31, 2023`,
/// `Jan 31 2023`, `31 Jan 2023`, `Tuesday, 31 January 2023`), and Unix seconds (9–10 digits) or
/// milliseconds (12–13 digits) written as digits.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return parse_digits(s);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    parse_iso_like(s).or_else(|| parse_month_name(s))
}

/// Parse and check plausibility against today's date (UTC).
pub fn parse_plausible_date(s: &str) -> Result<NaiveDate, DateError> {
    let date = parse_date(s).ok_or(DateError::Unparsable)?;
    check_plausible(date, today())
}

/// The date of a Unix timestamp in seconds, or milliseconds when larger than 10^11, in UTC.
pub fn date_from_timestamp(value: f64) -> Option<NaiveDate> {
    if !value.is_finite() {
        return None;
    }
    let seconds = if value.abs() > 1e11 {
        value / 1000.0
    } else {
        value
    };
    if seconds.abs() > 1e13 {
        return None;
    }
    // In range after the check above, so the cast cannot saturate.
    DateTime::<Utc>::from_timestamp(seconds.floor() as i64, 0).map(|dt| dt.date_naive())
}

/// `Ok(date)` when `date` is in year 1000 or later and at most one year after `today`.
pub fn check_plausible(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let latest = today
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX);
    if date.year() < 1000 || date > latest {
        Err(DateError::Implausible(date))
    } else {
        Ok(date)
    }
}

/// Today's date in UTC.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// The first plausible date written in a file name as a token of its own: `2023-01-31`,
/// `2023_01_31`, `2023.01.31` or `20230131`, with the name's start or end or a character that is
/// neither a letter nor a digit on each side (`speech_1998-05-04.txt`, `19980504.txt`). Digits
/// inside a longer run of digits or letters are never a date: a hash such as
/// `7848dde101aa985090474a91ec93fcf0`, an id such as `1234567890123` or `2023-01-31x` gives none.
/// Year-month tokens (`2023-01`) are ignored: a month is not a publication day. Implausible or
/// invalid candidates are skipped silently: a file name is only a hint.
pub fn date_from_file_name(name: &str) -> Option<NaiveDate> {
    let today = today();
    let bounded = |at: usize, before: bool| {
        let side = if before {
            name.get(..at).and_then(|s| s.chars().next_back())
        } else {
            name.get(at..).and_then(|s| s.chars().next())
        };
        !side.is_some_and(char::is_alphanumeric)
    };
    let b = name.as_bytes();
    (0..b.len())
        .filter(|&start| b[start].is_ascii_digit() && bounded(start, true))
        .find_map(|start| {
            let (date, end) = file_name_token(b, start)?;
            (bounded(end, false) && check_plausible(date, today).is_ok()).then_some(date)
        })
}

/// The date token starting at byte `start` of a file name (`YYYY-MM-DD` with one separator
/// repeated, or `YYYYMMDD`) and the byte where it ends.
fn file_name_token(b: &[u8], start: usize) -> Option<(NaiveDate, usize)> {
    let digits = |from: usize, len: usize| -> Option<u32> {
        let part = b.get(from..from + len)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let (month_at, day_at, end) = match b.get(start + 4) {
        Some(sep @ (b'-' | b'_' | b'.')) if b.get(start + 7) == Some(sep) => {
            (start + 5, start + 8, start + 10)
        }
        _ => (start + 4, start + 6, start + 8),
    };
    let year = i32::try_from(digits(start, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, digits(month_at, 2)?, digits(day_at, 2)?)?;
    Some((date, end))
}

/// All-digit values: `YYYYMMDD`, Unix seconds or Unix milliseconds.
fn parse_digits(s: &str) -> Option<NaiveDate> {
    match s.len() {
        8 => NaiveDate::parse_from_str(s, "%Y%m%d").ok(),
        9 | 10 | 12 | 13 => s.parse::<f64>().ok().and_then(date_from_timestamp),
        _ => None,
    }
}

/// ISO-like dates and datetimes that RFC 3339 rejects: space separator, no seconds, no zone,
/// `+0200` zones, slashes and dots.
fn parse_iso_like(s: &str) -> Option<NaiveDate> {
    const DATE_FORMATS: [&str; 3] = ["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y"];
    for f in DATE_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d);
        }
    }
    const ZONED: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%dT%H:%M%z",
    ];
    for f in ZONED {
        if let Ok(dt) = DateTime::parse_from_str(s, f) {
            return Some(dt.date_naive());
        }
    }
    // A trailing `Z` or ` UTC` adds nothing to the date as written.
    let naive = s
        .strip_suffix('Z')
        .or_else(|| s.strip_suffix(" UTC"))
        .unwrap_or(s);
    const NAIVE: [&str; 6] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ];
    NAIVE
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(naive, f).ok())
        .map(|dt| dt.date())
}

/// Dates with month names: `January 31, 2023`, `Jan. 31 2023`, `31 Jan 2023`, with an optional
/// leading weekday and an optional trailing time.
fn parse_month_name(s: &str) -> Option<NaiveDate> {
    let cleaned = s.replace([',', '.'], " ");
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    if words.first().is_some_and(|w| is_weekday(w)) {
        words.remove(0);
    }
    // Keep only the three words of the date; a time (and zone) may follow.
    if words.len() < 3 {
        return None;
    }
    let (a, b, c) = (words[0], words[1], words[2]);
    let day_word = |w: &str| {
        w.trim_end_matches(|ch: char| ch.is_ascii_alphabetic())
            .to_owned()
    };
    // "January 31 2023" or "31 January 2023".
    let (month, day, year) = if a.starts_with(|ch: char| ch.is_ascii_alphabetic()) {
        (a, day_word(b), c)
    } else {
        (b, day_word(a), c)
    };
    let m = month_number(month)?;
    let d: u32 = day.parse().ok()?;
    if year.len() != 4 {
        return None;
    }
    let y: i32 = year.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(crate) fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| {
        *m == w || (w.len() <= 4 && m.starts_with(&w)) || (w == "sept" && *m == "september")
    })?;
    u32::try_from(index + 1).ok()
}

pub(crate) fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w = word.to_ascii_lowercase();
    w.len() >= 3 && DAYS.iter().any(|d| *d == w || d.starts_with(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn parses_every_supported_format() {
        let jan31 = Some(d(2023, 1, 31));
        let cases: &[(&str, Option<NaiveDate>)] = &[
            ("2023-01-31", jan31),
            ("  2023-01-31 ", jan31),
            ("2023-01-31T10:00:00", jan31),
            ("2023-01-31T10:00:00.123", jan31),
            ("2023-01-31 10:00:00", jan31),
            ("2023-01-31 10:00", jan31),
            ("2023-01-31T10:00", jan31),
            ("2023-01-31T10:00:00Z", jan31),
            ("2023-01-31T10:00:00.5Z", jan31),
            ("2023-01-31 10:00:00 UTC", jan31),
            ("2023-01-31T10:00:00+02:00", jan31),
            ("2023-01-31T10:00:00+0200", jan31),
            ("2023-01-31 10:00:00+02:00", jan31),
            ("2023-01-31 10:00:00 +0200", jan31),
            // Zoned datetimes keep the date as written, not the UTC date.
            ("2023-01-31T23:30:00-05:00", jan31),
            ("2023-01-31T00:30:00+09:00", jan31),
            ("Tue, 31 Jan 2023 10:00:00 +0000", jan31),
            ("Tue, 31 Jan 2023 23:00:00 -0800", jan31),
            ("31 Jan 2023 10:00:00 GMT", jan31),
            ("January 31, 2023", jan31),
            ("Jan 31, 2023", jan31),
            ("Jan. 31, 2023", jan31),
            ("january 31 2023", jan31),
            ("JAN 31 2023", jan31),
            ("31 Jan 2023", jan31),
            ("31 January 2023", jan31),
            ("Tuesday, January 31, 2023", jan31),
            ("Tuesday 31st January 2023", jan31),
            ("January 31st, 2023 10:00 AM", jan31),
            ("Sept 1, 2023", Some(d(2023, 9, 1))),
            ("2023/01/31", jan31),
            ("2023/01/31 10:00", jan31),
            ("31.01.2023", jan31),
            ("20230131", jan31),
            ("1675159200", jan31),    // Unix seconds, 2023-01-31T10:00:00Z
            ("1675159200000", jan31), // Unix milliseconds
            ("1790-01-08", Some(d(1790, 1, 8))),
            // Not dates.
            ("", None),
            ("yesterday", None),
            ("2023-13-01", None),
            ("2023-02-30", None),
            ("2023-01-31 garbage", None),
            ("31 Foo 2023", None),
            ("2023", None),
            ("12345", None),
            ("Ma 31 2023", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input), *expected, "input {input:?}");
        }
    }

    #[test]
    fn timestamps_switch_to_milliseconds_above_1e11() {
        assert_eq!(date_from_timestamp(1_675_159_200.0), Some(d(2023, 1, 31)));
        assert_eq!(
            date_from_timestamp(1_675_159_200_000.0),
            Some(d(2023, 1, 31))
        );
        assert_eq!(date_from_timestamp(0.0), Some(d(1970, 1, 1)));
        assert_eq!(date_from_timestamp(f64::NAN), None);
        assert_eq!(date_from_timestamp(1e300), None);
    }

    #[test]
    fn plausibility_rejects_ancient_and_far_future_dates() {
        let today = d(2024, 6, 1);
        assert_eq!(check_plausible(d(1000, 1, 1), today), Ok(d(1000, 1, 1)));
        assert!(check_plausible(d(999, 12, 31), today).is_err());
        assert_eq!(check_plausible(d(2025, 6, 1), today), Ok(d(2025, 6, 1)));
        assert_eq!(
            check_plausible(d(2025, 6, 2), today),
            Err(DateError::Implausible(d(2025, 6, 2)))
        );
        assert_eq!(
            parse_plausible_date("0999-01-01"),
            Err(DateError::Implausible(d(999, 1, 1)))
        );
        assert_eq!(parse_plausible_date("2999-01-01").ok(), None);
        assert_eq!(parse_plausible_date("nonsense"), Err(DateError::Unparsable));
    }

    #[test]
    fn file_names_give_dates_only_from_delimited_tokens() {
        let cases: &[(&str, Option<NaiveDate>)] = &[
            ("2023-01-31.txt", Some(d(2023, 1, 31))),
            ("news_2023_01_31_paris.txt", Some(d(2023, 1, 31))),
            ("20230131-paris.txt", Some(d(2023, 1, 31))),
            ("report.2023.01.31.md", Some(d(2023, 1, 31))),
            ("speech_1998-05-04.txt", Some(d(1998, 5, 4))),
            ("19980504.txt", Some(d(1998, 5, 4))),
            ("2023.01.31", Some(d(2023, 1, 31))),
            ("x 99999999 2023-02-01", Some(d(2023, 2, 1))),
            ("(2023-02-01)", Some(d(2023, 2, 1))),
            ("1790-Washington-1.txt", None),
            // Glued to letters or other digits: part of a hash, an id or a word.
            ("2023-01-31x", None),
            ("x2023-01-31", None),
            ("é20230131.txt", None),
            ("id1202301315.txt", None),
            ("00123.7848dde101aa985090474a91ec93fcf0", None),
            ("00123.7848dde1.20230131aa", None),
            ("ab.19980504ff.txt", None),
            ("1234567890123", None),
            ("1234567890123.txt", None),
            ("202301311.txt", None),
            // Year-month tokens are not days.
            ("2023-01.txt", None),
            ("report_2023_01.txt", None),
            ("2023-13-45.txt", None), // not a date
            ("0999-01-01.txt", None), // implausible
            ("2999-01-01.txt", None), // far future
            ("2023-01_31.txt", None), // mixed separators
            ("", None),
        ];
        for (name, expected) in cases {
            assert_eq!(date_from_file_name(name), *expected, "name {name:?}");
        }
    }
}
