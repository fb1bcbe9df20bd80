//! The calendar: a source's own date, read from its header, and days counted
//! from it. Days are numbers (days since 1970-01-01, as
//! [`days_from_civil`](crate::extract::slots::days_from_civil) counts them), so
//! a weekday, a calendar date and "yesterday" can be compared as one thing.
//!
//! Where a source's date is read, in order (the first found wins):
//! - a `date:` key in a `---` front-matter block at the top of the file (after
//!   a UTF-8 byte order mark, if any);
//! - in the header block (the first [`HEADER_LINES`] lines after any front
//!   matter): a labelled line (`Date: September 3, 2024`, `Published 3 September
//!   2024`, `Updated Sept. 3, 2024, 9:10 a.m.`), a date alone on its line
//!   (`2024-09-03`, `Tuesday, 3 September 2024`, `September 3, 2024 | Science desk`),
//!   or a wire dateline (`CITY, September 3, 2024 (Agency) —`).
//!
//! A date without a year (`CITY, September 3 (Agency) —`) gives no date: the year
//! cannot be told. A date that does not exist (`2023-02-29`) is rejected and
//! reported as a [`DateWarning`] naming its line; the source then reads as
//! undated unless a later header line gives a date.

use crate::extract::slots::{days_from_civil, days_in_month, month};

/// How many lines after any front matter are the header block: a headline, a
/// standfirst, a byline and a date line with blank lines between them.
pub const HEADER_LINES: usize = 8;

/// Front matter longer than this is not looked through (a file starting with
/// `---` may be a Markdown rule, not metadata).
const MAX_FRONT_MATTER_LINES: usize = 40;

/// Words that label a date line, alone or before a colon ("Date:", "Published",
/// "Last updated on").
const LABELS: &[&str] = &[
    "date",
    "dated",
    "published",
    "published on",
    "first published",
    "first published on",
    "posted",
    "posted on",
    "updated",
    "updated on",
    "last updated",
    "last updated on",
    "publication date",
    "pubdate",
];

/// After a date alone on its line, at most this many words may follow a
/// separator ("September 3, 2024 | Science desk", "…, 9:10 a.m. ET"); more is a
/// sentence that starts with a date, not a header.
const MAX_TRAILING_WORDS: usize = 6;

/// A problem with a source's stated date, for the user: the engine never
/// prints, the command line shows these on standard error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateWarning {
    /// 1-based line of the file.
    pub line: usize,
    pub message: String,
}

/// The date a source states for itself (`YYYY-MM-DD`) and the problems met
/// while reading it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceDate {
    pub date: Option<String>,
    pub warnings: Vec<DateWarning>,
}

/// A date as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// A day that exists: year, month, day.
    Day(i64, i64, i64),
    /// Month and day, no year ("September 3").
    NoYear(i64, i64),
    /// A day that does not exist, and why.
    Impossible(String),
}

/// Reads the date a source states in its front matter or header block.
pub fn source_date(text: &str) -> SourceDate {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text
        .lines()
        .take(MAX_FRONT_MATTER_LINES + HEADER_LINES + 2)
        .collect();
    let mut found = SourceDate::default();
    let mut header_start = 0;
    if lines.first().is_some_and(|l| l.trim() == "---") {
        let closing = lines
            .iter()
            .enumerate()
            .skip(1)
            .take(MAX_FRONT_MATTER_LINES)
            .find(|(_, l)| matches!(l.trim(), "---" | "..."))
            .map(|(i, _)| i);
        if let Some(closing) = closing {
            for (i, line) in lines.iter().enumerate().take(closing).skip(1) {
                let Some((key, value)) = line.split_once(':') else {
                    continue;
                };
                if key.trim().eq_ignore_ascii_case("date") && found.take(value.trim(), i + 1) {
                    return found;
                }
            }
            header_start = closing + 1;
        }
    }
    for (i, line) in lines
        .iter()
        .enumerate()
        .skip(header_start)
        .take(HEADER_LINES)
    {
        if let Some(date) = header_line_date(line.trim()) {
            if found.take(date, i + 1) {
                return found;
            }
        }
    }
    found
}

impl SourceDate {
    /// Reads `written` (a date and what follows it on its line) as found on
    /// `line`; true when it gave the source's date.
    fn take(&mut self, written: &str, line: usize) -> bool {
        match date_at(written).map(|(date, _)| date) {
            Some(Written::Day(y, m, d)) => {
                self.date = Some(format!("{y:04}-{m:02}-{d:02}"));
                true
            }
            Some(Written::Impossible(why)) => {
                self.warnings.push(DateWarning {
                    line,
                    message: format!("date {why}: ignored, the source is read as undated"),
                });
                false
            }
            Some(Written::NoYear(..)) | None => false,
        }
    }
}

/// Where a header line states a date: the text from the date on, or None when
/// the line is not a date line.
fn header_line_date(line: &str) -> Option<&str> {
    // "Date: …", "Published: …": everything after the colon is the date's.
    if let Some((key, value)) = line.split_once(':') {
        let key = key.trim().to_ascii_lowercase();
        if LABELS.contains(&key.as_str()) {
            return Some(value.trim());
        }
    }
    // "Published 3 September 2024", "Updated Sept. 3, 2024, 9:10 a.m. ET".
    let lower = line.to_ascii_lowercase();
    let unlabelled = LABELS
        .iter()
        .filter(|label| {
            lower.starts_with(*label) && lower[label.len()..].starts_with(char::is_whitespace)
        })
        .map(|label| line[label.len()..].trim_start())
        .max_by_key(|rest| std::cmp::Reverse(rest.len()))
        .unwrap_or(line);
    if let Some((_, used)) = date_at(unlabelled) {
        return header_tail_ok(&unlabelled[used..]).then_some(unlabelled);
    }
    dateline(line)
}

/// Whether what follows a date on a header line keeps it a header line: nothing,
/// or a separator and a few words (a desk, a time).
fn header_tail_ok(rest: &str) -> bool {
    let rest = rest.trim();
    rest.is_empty()
        || (rest.starts_with(['|', '·', '•', ',', '—', '–', '-', '/', '('])
            && rest.split_whitespace().count() <= MAX_TRAILING_WORDS)
}

/// A wire dateline: a city in capitals, maybe a region, then the date and the
/// agency or a dash ("LYON, September 3, 2024 (Agency) —"). Returns the text
/// from the date on.
fn dateline(line: &str) -> Option<&str> {
    let city_end = line
        .find(|c: char| !(c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-')))
        .unwrap_or(line.len());
    let city = line[..city_end].trim_end();
    if city.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    let mut rest = line[city.len()..].trim_start();
    // "RANCAGUA, Chile, September 3, 2024": a region or country after the city.
    if let Some(after) = rest.strip_prefix(',') {
        let after = after.trim_start();
        if date_at(after).is_none() {
            let region_end = after.find(',')?;
            let region = &after[..region_end];
            if !region
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase))
                || region.split_whitespace().count() > 3
            {
                return None;
            }
            rest = after[region_end..].trim_start();
        }
    }
    let rest = rest
        .strip_prefix(',')
        .or_else(|| rest.strip_prefix('('))?
        .trim_start();
    let (_, used) = date_at(rest)?;
    let after = rest[used..].trim_start();
    after
        .starts_with([')', '(', '—', '–', '-', ','])
        .then_some(rest)
}

/// A date at the start of `s`, and how many bytes it takes: `2024-09-03`,
/// `2024/9/3`, `September 3, 2024`, `Sept. 3 2024`, `3 September 2024`, `3rd of
/// March`, `September 3`, each maybe after a weekday (`Friday, September 3, 2024`).
/// Month names must be capitalised in running text; the header reader passes
/// lines as they are.
pub fn date_at(s: &str) -> Option<(Written, usize)> {
    if let Some((word, end)) = alpha_word(s, 0) {
        if crate::extract::slots::weekday(&word.to_ascii_lowercase()).is_some() {
            let next = skip(s, end, &[',', ' ']);
            return date_core(&s[next..]).map(|(w, used)| (w, next + used));
        }
    }
    date_core(s)
}

fn date_core(s: &str) -> Option<(Written, usize)> {
    if let Some(found) = iso(s) {
        return Some(found);
    }
    // Month first: "September 3, 2024", "Sept. 3".
    if let Some((word, end)) = alpha_word(s, 0) {
        let m = month(&word.to_ascii_lowercase())?;
        let mut j = end;
        if s[j..].starts_with('.') {
            j += 1;
        }
        let spaced = skip(s, j, &[' ']);
        if spaced == j {
            return None;
        }
        let (d, day_end) = day_number(s, spaced)?;
        let year_start = skip(s, day_end, &[',', ' ']);
        return Some(match year_at(s, year_start) {
            Some((y, end)) => (checked(y, m, d), end),
            None => (Written::NoYear(m, d), day_end),
        });
    }
    // Day first: "3 September 2024", "14th of March".
    let (d, day_end) = day_number(s, 0)?;
    let mut j = skip(s, day_end, &[' ']);
    if j == day_end {
        return None;
    }
    if s[j..].starts_with("of ") {
        j = skip(s, j + 2, &[' ']);
    }
    let (word, end) = alpha_word(s, j)?;
    let m = month(&word.to_ascii_lowercase())?;
    let mut month_end = end;
    if s[month_end..].starts_with('.') {
        month_end += 1;
    }
    let year_start = skip(s, month_end, &[',', ' ']);
    Some(match year_at(s, year_start) {
        Some((y, end)) => (checked(y, m, d), end),
        None => (Written::NoYear(m, d), month_end),
    })
}

/// `YYYY-MM-DD` or `YYYY/MM/DD` (one- or two-digit month and day), not followed
/// by another digit; a time may follow (`2024-09-03T09:00`).
fn iso(s: &str) -> Option<(Written, usize)> {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    if b.len() < 8 || digits(0) != 4 {
        return None;
    }
    let sep = b[4];
    if sep != b'-' && sep != b'/' {
        return None;
    }
    let month_len = digits(5);
    if !(1..=2).contains(&month_len) || b.get(5 + month_len) != Some(&sep) {
        return None;
    }
    let day_start = 5 + month_len + 1;
    let day_len = digits(day_start);
    if !(1..=2).contains(&day_len) {
        return None;
    }
    let end = day_start + day_len;
    let y: i64 = s[..4].parse().ok()?;
    let m: i64 = s[5..5 + month_len].parse().ok()?;
    let d: i64 = s[day_start..end].parse().ok()?;
    if !(1000..3000).contains(&y) {
        return None;
    }
    Some((checked(y, m, d), end))
}

/// The day if it exists; otherwise why not.
fn checked(y: i64, m: i64, d: i64) -> Written {
    if !(1..=12).contains(&m) {
        return Written::Impossible(format!("{y:04}-{m:02}-{d:02} has no month {m}"));
    }
    let last = days_in_month(y, m);
    if !(1..=last).contains(&d) {
        return Written::Impossible(format!(
            "{y:04}-{m:02}-{d:02} does not exist ({} {y} has {last} days)",
            crate::extract::month_name(m)
        ));
    }
    Written::Day(y, m, d)
}

/// A run of ASCII letters starting at `at` and its end.
fn alpha_word(s: &str, at: usize) -> Option<(&str, usize)> {
    let len = s[at..]
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    (len > 0).then(|| (&s[at..at + len], at + len))
}

/// A day of the month, "14" or "14th", not followed by a digit or letter.
fn day_number(s: &str, at: usize) -> Option<(i64, usize)> {
    let rest = &s[at..];
    let len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&len) {
        return None;
    }
    let d: i64 = rest[..len].parse().ok()?;
    let mut end = at + len;
    let suffix = s[end..].get(..2).map(str::to_ascii_lowercase);
    if matches!(suffix.as_deref(), Some("st" | "nd" | "rd" | "th")) {
        end += 2;
    }
    if s[end..].starts_with(|c: char| c.is_ascii_alphanumeric()) || !(1..=31).contains(&d) {
        return None;
    }
    Some((d, end))
}

/// A four-digit year between 1000 and 2999, not followed by a digit.
fn year_at(s: &str, at: usize) -> Option<(i64, usize)> {
    let rest = &s[at..];
    let len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if len != 4 {
        return None;
    }
    let y: i64 = rest[..4].parse().ok()?;
    (1000..3000).contains(&y).then_some((y, at + 4))
}

fn skip(s: &str, mut at: usize, chars: &[char]) -> usize {
    while let Some(c) = s[at..].chars().next().filter(|c| chars.contains(c)) {
        at += c.len_utf8();
    }
    at
}

/// The day number of a `YYYY-MM-DD` source date.
pub fn day_of(date: &str) -> Option<i64> {
    match iso(date)? {
        (Written::Day(y, m, d), _) => Some(days_from_civil(y, m, d)),
        _ => None,
    }
}

/// Weekdays, Monday first, as [`weekday_of`] numbers them.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// 0 for Monday … 6 for Sunday (1970-01-01, day 0, was a Thursday).
pub fn weekday_of(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

/// The position of a lower-case weekday name in [`WEEKDAYS`].
pub fn weekday_index(name: &str) -> Option<usize> {
    WEEKDAYS.iter().position(|w| *w == name)
}

/// The day a weekday names, counted from the source's date: the latest such
/// day on or before it (a report of what happened), or with `future` the
/// first on or after it (a plan); `strictly` leaves the source's own day out
/// ("last Sunday" written on a Sunday is a week earlier).
pub fn resolve_weekday(source_day: i64, weekday: usize, future: bool, strictly: bool) -> i64 {
    let today = weekday_of(source_day) as i64;
    let target = weekday as i64;
    let shift = if future {
        (target - today).rem_euclid(7)
    } else {
        -(today - target).rem_euclid(7)
    };
    match (shift, strictly) {
        (0, true) if future => source_day + 7,
        (0, true) => source_day - 7,
        _ => source_day + shift,
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        source_date(text).date
    }

    #[test]
    fn front_matter_with_and_without_a_byte_order_mark() {
        assert_eq!(
            date("---\ntitle: Hives\ndate: 2024-09-03\n---\nText").as_deref(),
            Some("2024-09-03")
        );
        assert_eq!(
            date("\u{feff}---\ndate: 2024-09-03\n---\nText").as_deref(),
            Some("2024-09-03")
        );
        assert_eq!(
            date("\u{feff}date: 2024-09-03\nText").as_deref(),
            Some("2024-09-03")
        );
        assert_eq!(
            date("---\r\ndate: 2024-09-03T08:15:00Z\r\n---\r\nText").as_deref(),
            Some("2024-09-03")
        );
        assert_eq!(date("date: soon\nText"), None);
    }

    #[test]
    fn labelled_lines_in_any_case_and_news_forms() {
        for (text, want) in [
            (
                "Seed bank reopens\nDate: September 3, 2024\n\nBody.",
                "2024-09-03",
            ),
            ("Seed bank reopens\nDATE: 3 September 2024\n", "2024-09-03"),
            ("Seed bank reopens\ndate: Sept. 3, 2024\n", "2024-09-03"),
            ("Headline\nPublished 3 Sep 2024\n", "2024-09-03"),
            (
                "Headline\nUpdated Sep. 3, 2024, 6:40 p.m. CET\n",
                "2024-09-03",
            ),
            ("Headline\nLast updated on 2024/9/3\n", "2024-09-03"),
        ] {
            assert_eq!(date(text).as_deref(), Some(want), "{text:?}");
        }
    }

    #[test]
    fn a_date_alone_on_a_header_line() {
        assert_eq!(
            date("Orchard growers count losses\nSeptember 3, 2024\n\nBody text.").as_deref(),
            Some("2024-09-03")
        );
        assert_eq!(
            date("Headline\n\nBy A. Writer\nTuesday, 3 September 2024\n").as_deref(),
            Some("2024-09-03")
        );
        assert_eq!(
            date("Headline\n3 September 2024 | Farm desk\n").as_deref(),
            Some("2024-09-03")
        );
        // A sentence that opens with a date is the body, not the header.
        assert_eq!(
            date("Headline\nSeptember 3, 2024, was the day the growers of the valley met to count losses.\n"),
            None
        );
        // Past the header block: not the source's date.
        assert_eq!(date(&format!("{}2024-09-03\n", "line\n".repeat(12))), None);
    }

    #[test]
    fn wire_datelines_need_a_year() {
        assert_eq!(
            date("Headline\n\nVALENCE, Sept. 3, 2024 (Farmwire) — Growers met.").as_deref(),
            Some("2024-09-03")
        );
        assert_eq!(
            date("Headline\n\nSAINT-DENIS, Réunion, 3 September 2024 — Growers met.").as_deref(),
            Some("2024-09-03")
        );
        assert_eq!(
            date("Headline\n\nVALENCE, Sept. 3 (Farmwire) — Growers met."),
            None
        );
        assert_eq!(date("Headline\n\nVALENCE — Growers met on Sept. 3."), None);
    }

    #[test]
    fn impossible_dates_are_warned_about_with_their_line() {
        let read = source_date("Headline\ndate: 2023-02-29\nBody.");
        assert_eq!(read.date, None);
        assert_eq!(read.warnings.len(), 1);
        assert_eq!(read.warnings[0].line, 2);
        assert!(
            read.warnings[0]
                .message
                .contains("February 2023 has 28 days"),
            "{:?}",
            read.warnings
        );
        let read = source_date("---\ndate: 2024-13-01\n---\n");
        assert_eq!(read.warnings[0].line, 2);
        assert!(read.warnings[0].message.contains("no month 13"));
        // A leap year has the day; a later line still gives the date.
        assert_eq!(date("date: 2024-02-29").as_deref(), Some("2024-02-29"));
        let read = source_date("Date: April 31, 2024\nApril 30, 2024\n");
        assert_eq!(read.date.as_deref(), Some("2024-04-30"));
        assert_eq!(read.warnings[0].line, 1);
    }

    #[test]
    fn weekdays_resolve_against_the_source_date() {
        // 2024-09-03 was a Tuesday.
        let tuesday = days_from_civil(2024, 9, 3);
        assert_eq!(WEEKDAYS[weekday_of(tuesday)], "tuesday");
        let sunday = weekday_index("sunday").unwrap();
        assert_eq!(resolve_weekday(tuesday, sunday, false, false), tuesday - 2);
        assert_eq!(resolve_weekday(tuesday, 1, false, false), tuesday);
        assert_eq!(resolve_weekday(tuesday, 1, false, true), tuesday - 7);
        assert_eq!(resolve_weekday(tuesday, sunday, true, false), tuesday + 5);
        assert_eq!(civil_from_days(tuesday), (2024, 9, 3));
        assert_eq!(day_of("2024-09-03"), Some(tuesday));
    }
}
