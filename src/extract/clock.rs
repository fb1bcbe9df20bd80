//! The clock time of an event: "at about 8.15am", "soon after 1 p.m.", "at
//! 16:05 local time", "before midnight". A time is read as an interval of
//! minutes, its hedge included, so "around 6.20am" and "6.30am" agree while
//! "about 08:15" and "after 13:00" do not.
//!
//! Minutes are counted on a clock day that runs from 04:00 to 04:00 the next
//! morning: "before midnight", "just after midnight" and "12:20 a.m." are read
//! on one night, as a report of one night tells them.

use super::SentenceContext;
use crate::claim::{Claim, Interval, QualifierBox, Subject, SubjectKind, Value};
use regex::Regex;
use std::sync::LazyLock;

pub const EVENT_TIME: &str = "event_time";

/// A time with its hedge and time zone. A plain decimal ("8.15") is a time only
/// with "a.m."/"p.m."; a 24-hour time needs its colon ("14:30").
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:(?P<hedge>about|around|approximately|roughly|some|shortly after|soon after|just after|shortly before|just before|before|after|by)\s+)?",
        r"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s?(?P<ampm>[ap])\.?\s?m(?-u:\b)\.?",
        r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?-u:\b)",
        r"|(?P<word>midnight|noon|midday)(?-u:\b))",
        r"(?:\s+(?P<zone>local time|GMT|UTC|[ECMP][SD]T|BST|CES?T|JST|AE[SD]T)(?-u:\b))?",
    ))
    .expect("valid regex")
});

/// How far (bytes) a time may be from its event's trigger.
const MAX_DISTANCE: usize = 60;

/// The clock day starts at this minute (04:00): earlier times are the night's end.
const DAY_START: i64 = 4 * 60;

/// Minutes of slack for a time written to the minute ("8:15", reporters round to
/// five minutes) and for one written to the hour ("1 p.m.", "noon").
const MINUTE_SLACK: i64 = 5;
const HOUR_SLACK: i64 = 10;
/// What "about", "around" add on each side; what "shortly after" allows.
const ABOUT: i64 = 15;
const SHORTLY: i64 = 30;

/// One clock time a sentence states.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ClockTime {
    pub start: usize,
    pub end: usize,
    /// Minutes on the clock day, lowest and highest the words allow.
    pub lo: i64,
    pub hi: i64,
    /// "HH:MM" as written, without its hedge.
    pub key: String,
    /// "UTC" for GMT and UTC, a named zone as written, or None for local time.
    pub zone: Option<String>,
}

/// Every clock time in `text` outside brackets: a bracketed time ("(0840 GMT)")
/// restates another and is not read.
pub(super) fn clock_times(text: &str) -> Vec<ClockTime> {
    // Cheap cue: no digit and no "midnight"/"noon"/"midday", no time.
    if !text.bytes().any(|b| b.is_ascii_digit())
        && !["midnight", "noon", "midday"]
            .iter()
            .any(|w| text.contains(w))
    {
        return Vec::new();
    }
    let mut found = Vec::new();
    for caps in CLOCK.captures_iter(text).take(32) {
        let whole = caps.get(0).expect("match");
        let before = &text[..whole.start()];
        if before.matches('(').count() > before.matches(')').count() {
            continue;
        }
        // "7:30 AM: Where the storm came ashore": a live report's time stamp
        // dates the post, not the event it tells of.
        if before.trim().is_empty()
            && text[whole.end()..]
                .trim_start()
                .starts_with([':', '|', '—', '-'])
        {
            continue;
        }
        let hedge = caps.name("hedge").map(|h| h.as_str().to_ascii_lowercase());
        let (minute, slack) = if let Some(h) = caps.name("h") {
            let h: i64 = h.as_str().parse().unwrap_or(0);
            let pm = caps["ampm"].eq_ignore_ascii_case("p");
            let m: i64 = caps
                .name("m")
                .map_or(0, |m| m.as_str().parse().unwrap_or(0));
            let slack = if caps.name("m").is_some() {
                MINUTE_SLACK
            } else {
                HOUR_SLACK
            };
            ((h % 12 + if pm { 12 } else { 0 }) * 60 + m, slack)
        } else if let Some(h) = caps.name("h24") {
            let h: i64 = h.as_str().parse().unwrap_or(0);
            let m: i64 = caps["m24"].parse().unwrap_or(0);
            (h * 60 + m, MINUTE_SLACK)
        } else {
            let word = caps["word"].to_ascii_lowercase();
            (if word == "midnight" { 0 } else { 12 * 60 }, HOUR_SLACK)
        };
        // On the clock day, midnight is its last minute unless a time follows it.
        let after_midnight = hedge.as_deref().is_some_and(|h| h.ends_with("after"));
        let t = if minute < DAY_START && (minute > 0 || after_midnight) {
            minute + 24 * 60
        } else if minute == 0 {
            24 * 60
        } else {
            minute
        };
        let (lo, hi) = match hedge.as_deref() {
            Some("about" | "around" | "approximately" | "roughly" | "some") => {
                (t - slack - ABOUT, t + slack + ABOUT)
            }
            Some("shortly after" | "soon after" | "just after") => (t, t + SHORTLY),
            Some("shortly before" | "just before") => (t - SHORTLY, t),
            Some("after") => (t, DAY_START + 24 * 60),
            Some("before" | "by") => (DAY_START, t),
            _ => (t - slack, t + slack),
        };
        let zone = caps.name("zone").and_then(|z| {
            let z = z.as_str();
            if z.eq_ignore_ascii_case("local time") {
                None
            } else if z == "GMT" || z == "UTC" {
                Some("UTC".to_string())
            } else {
                Some(z.to_string())
            }
        });
        found.push(ClockTime {
            start: whole.start(),
            end: whole.end(),
            lo,
            hi,
            key: format!("{:02}:{:02}", (minute / 60) % 24, minute % 60),
            zone,
        });
    }
    found
}

/// An `event_time` claim for each event whose trigger has a clock time near it
/// in its clause. The event is named as its place is (kind, and the day for
/// kinds a story holds several of); times in different zones are kept apart.
pub fn extract(ctx: &SentenceContext, claims: &mut Vec<Claim>) {
    if ctx.event_triggers.is_empty() {
        return;
    }
    let times = clock_times(ctx.text);
    if times.is_empty() {
        return;
    }
    let mut used = Vec::new();
    for &(trigger_start, trigger_end) in &ctx.event_triggers {
        let trigger = &ctx.text[trigger_start..trigger_end];
        let Some(event) = ctx.knowledge.event(trigger) else {
            continue;
        };
        let Some(key) = super::place::event_key(ctx, trigger_start, trigger_end, event) else {
            continue;
        };
        let nearest = times
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.contains(i))
            .filter_map(|(i, time)| {
                let distance = if trigger_end <= time.start {
                    time.start - trigger_end
                } else {
                    trigger_start.saturating_sub(time.end)
                };
                let (from, to) = (trigger_start.min(time.start), trigger_end.max(time.end));
                let complement = time.end <= trigger_start
                    && super::event::is_complement(&ctx.text[time.end..trigger_start]);
                (distance <= MAX_DISTANCE
                    && !complement
                    && !super::event::crosses_clause(ctx.text, from, to, time.end <= trigger_start))
                .then_some((distance, i, time))
            })
            .min_by_key(|(distance, i, _)| (*distance, *i));
        let Some((_, i, time)) = nearest else {
            continue;
        };
        used.push(i);
        let (key, label) = match &time.zone {
            Some(zone) => (format!("{}/{zone}", key.0), format!("{} ({zone})", key.1)),
            None => key,
        };
        let written = ctx.text[time.start..time.end].trim();
        claims.push(Claim {
            source: ctx.source,
            subject: Subject {
                text: trigger.into(),
                kind: SubjectKind::Event,
                key: format!("{key}:time").into(),
                label: format!("the time of {label}").into(),
            },
            predicate: EVENT_TIME,
            value: Value {
                canonical: written.into(),
                key: time.key.as_str().into(),
                interval: Some(Interval {
                    lo: time.lo as f64,
                    hi: time.hi as f64,
                }),
                aliases: Box::default(),
            },
            span: ctx.span(time.start, time.end),
            sentence: ctx.sentence_span(),
            qualifiers: QualifierBox::default(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(i64, i64, Option<String>)> {
        clock_times(text)
            .into_iter()
            .map(|t| (t.lo, t.hi, t.zone))
            .collect()
    }

    #[test]
    fn hedges_make_intervals() {
        assert_eq!(read("at about 8.15am"), vec![(475, 515, None)]);
        assert_eq!(read("shortly after 1 p.m."), vec![(780, 810, None)]);
        assert_eq!(read("at 16:05 local time"), vec![(960, 970, None)]);
        assert_eq!(read("after 7pm"), vec![(1140, 1680, None)]);
        assert_eq!(
            read("before 10:20 GMT"),
            vec![(240, 620, Some("UTC".into()))]
        );
    }

    #[test]
    fn midnight_joins_the_night_before() {
        assert_eq!(read("just before 11.50pm"), vec![(1400, 1430, None)]);
        assert_eq!(read("before midnight"), vec![(240, 1440, None)]);
        assert_eq!(read("soon after midnight"), vec![(1440, 1470, None)]);
        assert_eq!(read("at 12:20 a.m."), vec![(1455, 1465, None)]);
    }

    #[test]
    fn restatements_and_figures_are_not_times() {
        assert_eq!(read("At 7:10 p.m. (1810 GMT) on Friday").len(), 1);
        assert!(read("a 3.5 magnitude tremor and 12 people").is_empty());
        assert!(read("I am 12 and she is 9.").is_empty());
        assert!(read("6:45 PM: The launch, seen from the beach").is_empty());
    }
}
