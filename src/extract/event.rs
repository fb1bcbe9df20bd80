//! The day of one-off events: "sentenced on Friday", "came ashore late Thursday",
//! "lifted off on Tuesday, Sept. 10". Event kinds and their trigger words are
//! data (rules/knowledge/events.toml).

use super::SentenceContext;
use crate::claim::{Claim, QualifierBox, Subject, SubjectKind, Text, Value};
use regex::Regex;
use std::sync::LazyLock;

pub const EVENT_WEEKDAY: &str = "event_weekday";
pub const DATE_WEEKDAY: &str = "date_weekday";
pub const LANDFALL_CATEGORY: &str = "landfall_category";
pub const EVENT_DURATION: &str = "event_duration";

/// "as a Category 3 storm", "a Category 4 hurricane".
static CATEGORY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)Category\s+(?P<n>[1-5])(?-u:\b)").expect("valid regex"));

/// Words that make a storm's category its peak, not its strength at landfall.
static PEAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:peak|peaked|peaking|reaching|reached|top|strengthened|exploded|intensified|weakened|downgraded|forecast)(?-u:\b)").expect("valid regex")
});

/// The category a storm had when it made landfall: read only next to a landfall
/// trigger ("came ashore … as a Category 3 storm", "a Category 3 at landfall").
fn landfall_category(
    ctx: &SentenceContext,
    found: &[(usize, usize, &str)],
    claims: &mut Vec<Claim>,
) {
    for caps in CATEGORY.captures_iter(ctx.text) {
        let whole = caps.get(0).expect("match");
        // Events whose class says a storm's category is stated there (events.toml).
        let rated = |class: &str| {
            ctx.knowledge
                .event_of_class(class)
                .is_some_and(|e| e.category)
        };
        let landfall_before = found
            .iter()
            .filter(|(_, e, c)| rated(c) && *e <= whole.start() && whole.start() - e <= 120)
            .max_by_key(|(s, _, _)| *s);
        let landfall_after = found
            .iter()
            .filter(|(s, _, c)| rated(c) && *s >= whole.end() && s - whole.end() <= 20)
            .min_by_key(|(_, e, _)| *e);
        let (start, end, class) = match (landfall_before, landfall_after) {
            (Some(&(s, _, c)), _) if !PEAK.is_match(&ctx.text[s..whole.start()]) => {
                (s, whole.end(), c)
            }
            (_, Some(&(_, e, c))) if !PEAK.is_match(&ctx.text[whole.end()..e]) => {
                (whole.start(), e, c)
            }
            _ => continue,
        };
        let n = &caps["n"];
        claims.push(Claim {
            source: ctx.source,
            subject: Subject {
                text: class.into(),
                kind: SubjectKind::Event,
                key: format!("event:{class}").into(),
                label: format!("the {class}").into(),
            },
            predicate: LANDFALL_CATEGORY,
            value: Value::number(
                format!("Category {n}"),
                crate::claim::Interval::exact(n.parse().unwrap_or(0.0)),
            ),
            span: ctx.span(start.min(whole.start()), end.max(whole.end())),
            sentence: ctx.sentence_span(),
            qualifiers: QualifierBox::default(),
        });
    }
}

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:’s|'s)?(?-u:\b)")
        .expect("valid regex")
});

/// Where a calendar date may start: a day before a capitalised word ("13
/// April") or a month name before a day ("April 13", "Apr. 13"); the calendar
/// reads the rest.
static DATE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]+|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)")
        .expect("valid regex")
});

/// Days named relative to the source's date: (first, last) day offsets.
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?P<yesterday>yesterday|last night)|(?P<today>today|tonight|this morning|this afternoon|this evening)|(?:earlier )?(?P<this>this week)|(?P<last>last week))(?-u:\b)")
        .expect("valid regex")
});

/// Words before a weekday that make it a plan ("next Friday", "this coming
/// Friday") or an earlier week ("last Sunday").
static WEEKDAY_MODIFIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?P<word>next|coming|last)\s+$").expect("valid regex")
});

/// A clause about the future, or about what was then the future ("would",
/// "was due to"): what it dates is a plan, not what happened.
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:will|shall|would|(?:is|are|was|were) (?:due|scheduled|expected|set) (?:to|for)|plans? to|planned to|intends? to)(?-u:\b)|’ll|'ll)")
        .expect("valid regex")
});

/// The clause of `text` that ends at `at`: back to the last comma, semicolon,
/// dash, opening quotation mark or conjunction opening a subordinate clause.
pub(super) fn clause_before(text: &str, at: usize) -> &str {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ';' | '—' | ',' | '“' | '"'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = &text[start..at];
    // A subordinate clause starts at its conjunction: in "they will appeal
    // after the board voted on Friday" the vote is no plan.
    let mut from = 0;
    let mut offset = 0;
    for word in clause.split(' ') {
        offset += word.len() + 1;
        if SUBORDINATORS.contains(&word.to_ascii_lowercase().as_str()) {
            from = offset.min(clause.len());
        }
    }
    &clause[from..]
}

/// Words that open a subordinate clause of time or reason: the main
/// clause's "will" or "could" is not the subordinate clause's.
const SUBORDINATORS: &[&str] = &[
    "after", "before", "when", "since", "because", "once", "until", "while", "although", "though",
    "whereas",
];

/// Whether the clause before an event's trigger makes it a plan or a
/// possibility ("will", "was due to", "may eventually", "could"): not an event
/// that happened, so its day or place is not compared with one that did.
pub(super) fn planned_or_possible(clause: &str) -> bool {
    static POSSIBLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:may|might|could)(?-u:\b)").expect("valid regex")
    });
    FUTURE.is_match(clause) || POSSIBLE.is_match(clause)
}

/// A clock time or day given in a named time zone: that day may be the
/// previous or next day elsewhere, so a one-day difference is no conflict.
static TIME_ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:local time|GMT|UTC|[A-Z][a-z]+ time|time zone|[ECMP][SD]T|CES?T|BST|JST|IST|AE[SD]T)(?-u:\b)")
        .expect("valid regex")
});

/// A sentence naming more days than this is a timetable, not the report of
/// an event: only its first days are read, so that a hostile sentence of
/// thousands of dates costs no more than a short one.
const MAX_DAYS: usize = 32;

/// How far (bytes) a day may be from its event's trigger.
const MAX_DISTANCE: usize = 60;

/// A day as a sentence names it, before the source's date resolves it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Named {
    /// "on Sunday" (0 = Monday); `earlier`: "last Sunday".
    Weekday { day: usize, earlier: bool },
    /// "1 September 2024", "Sept. 1" (no year: `year` 0).
    Date { year: i64, month: i64, day: i64 },
    /// "yesterday" (-1, -1), "this week" (days from the week's Monday).
    Relative { first: i64, last: i64, week: bool },
}

/// One mention of a day: where, what, and whether it names a plan.
#[derive(Clone, Copy)]
pub(super) struct DayRef {
    start: usize,
    end: usize,
    named: Named,
    planned: bool,
    /// The weekday written beside a date ("Tuesday, Sept. 10"): the key when
    /// the date has no year to place it.
    beside: Option<usize>,
    /// Where that weekday is written.
    beside_at: Option<(usize, usize)>,
}

impl DayRef {
    /// How far this day is from the words `start..end`, when it is near
    /// enough and in the same clause to date them.
    fn reach(&self, text: &str, start: usize, end: usize) -> Option<usize> {
        let distance = if end <= self.start {
            self.start - end
        } else {
            start.saturating_sub(self.end)
        };
        let day_first = self.end <= start;
        // Another noun's complement ("the survivors of a stranding") before
        // the event, a reporting clause after it: the day is not the event's.
        let elsewhere = if day_first {
            is_complement(&text[self.end..start])
        } else {
            end <= self.start && is_reported_on(&text[end..self.start])
        };
        (distance <= MAX_DISTANCE
            && !elsewhere
            && !crosses_clause(
                text,
                start.min(self.start),
                end.max(self.end),
                self.end <= start,
            ))
        .then_some(distance)
    }
}

/// The days `ctx`'s sentence names, read once per sentence.
fn sentence_days<'c>(ctx: &'c SentenceContext) -> &'c [DayRef] {
    ctx.days.get_or_init(|| days_named(ctx.text))
}

/// Every day the sentence names, weekdays written beside a date left to the
/// date ("Tuesday, April 15" is one day).
fn days_named(text: &str) -> Vec<DayRef> {
    let mut found: Vec<DayRef> = Vec::new();
    let mut last_end = 0;
    // A date needs a digit (`\d` is any Unicode digit, hence any non-ASCII
    // byte lets it run) and a weekday "day": most sentences have neither.
    let may_have_date = text.bytes().any(|b| b.is_ascii_digit() || !b.is_ascii());
    let dates = may_have_date.then(|| DATE_START.find_iter(text));
    for m in dates.into_iter().flatten().take(MAX_DAYS) {
        let Some((written, used)) = crate::calendar::date_at(&text[m.start()..]) else {
            continue;
        };
        let named = match written {
            crate::calendar::Written::Day(year, month, day) => Named::Date { year, month, day },
            crate::calendar::Written::NoYear(month, day) => Named::Date {
                year: 0,
                month,
                day,
            },
            crate::calendar::Written::Impossible(_) => continue,
        };
        if m.start() < last_end {
            continue;
        }
        last_end = m.start() + used;
        found.push(DayRef {
            start: m.start(),
            end: m.start() + used,
            named,
            planned: false,
            beside: None,
            beside_at: None,
        });
    }
    let weekdays = text.contains("day").then(|| WEEKDAY.captures_iter(text));
    for caps in weekdays.into_iter().flatten().take(MAX_DAYS) {
        let day = caps.name("day").expect("day");
        let index =
            crate::calendar::weekday_index(&day.as_str().to_ascii_lowercase()).expect("a weekday");
        if is_time_zone_conversion(text, day.start()) {
            continue;
        }
        if let Some(date) = found.iter_mut().find(|f| {
            (f.start..f.end).contains(&day.start())
                || (day.end() <= f.start
                    && text[day.end()..f.start]
                        .trim_matches([',', ' ', '('])
                        .is_empty())
        }) {
            date.beside = Some(index);
            date.beside_at = Some((day.start(), day.end()));
            continue;
        }
        let modifier = WEEKDAY_MODIFIER
            .captures(super::tail(text, day.start(), 24))
            .map(|c| c["word"].to_ascii_lowercase());
        found.push(DayRef {
            start: day.start(),
            end: day.end(),
            named: Named::Weekday {
                day: index,
                earlier: modifier.as_deref() == Some("last"),
            },
            planned: matches!(modifier.as_deref(), Some("next" | "coming")),
            beside: None,
            beside_at: None,
        });
    }
    for caps in RELATIVE.captures_iter(text).take(MAX_DAYS) {
        let whole = caps.get(0).expect("match");
        let (first, last, week) = if caps.name("yesterday").is_some() {
            (-1, -1, false)
        } else if caps.name("today").is_some() {
            (0, 0, false)
        } else if caps.name("this").is_some() {
            (0, 0, true)
        } else {
            (-7, -7, true)
        };
        found.push(DayRef {
            start: whole.start(),
            end: whole.end(),
            named: Named::Relative { first, last, week },
            planned: false,
            beside: None,
            beside_at: None,
        });
    }
    for day in &mut found {
        day.planned |= FUTURE.is_match(clause_before(text, day.start));
    }
    found.sort_by_key(|d| d.start);
    found
}

/// What a named day is, counted from the source's date (days since 1970):
/// a range of days (one day for most), or None when the source's date is
/// needed and missing. Past reports resolve a weekday to the latest such day
/// on or before the source's date, plans to the first on or after it.
fn resolve(named: Named, planned: bool, source_day: Option<i64>) -> Option<(i64, i64)> {
    use crate::calendar::{resolve_weekday, weekday_of};
    match named {
        Named::Weekday { day, earlier } => source_day
            .map(|s| resolve_weekday(s, day, planned, earlier))
            .map(|d| (d, d)),
        Named::Date { year, month, day } if year > 0 => {
            let n = super::slots::days_from_civil(year, month, day);
            Some((n, n))
        }
        Named::Date { month, day, .. } => {
            let source = source_day?;
            let (year, _, _) = crate::calendar::civil_from_days(source);
            let this_year = super::slots::days_from_civil(year, month, day);
            // A date without a year is the nearest one on the right side of the
            // source's date: "on December 30" in a January report is last year's.
            let n = if !planned && this_year > source + 1 {
                super::slots::days_from_civil(year - 1, month, day)
            } else if planned && this_year < source - 1 {
                super::slots::days_from_civil(year + 1, month, day)
            } else {
                this_year
            };
            Some((n, n))
        }
        Named::Relative { first, last, week } => {
            let source = source_day?;
            if week {
                let monday = source - weekday_of(source) as i64 + first;
                let end = if first == 0 { source } else { monday + 6 };
                Some((monday, end))
            } else {
                Some((source + first, source + last))
            }
        }
    }
}

/// The weekday a text writes beside a date ("on Wednesday, 4 March", "Friday
/// (12 June)"), as a claim about that date; and, when the calendar puts the
/// date on another weekday, the calendar's weekday as a second claim of the
/// same source, so the text is seen to contradict itself. A date without a
/// year takes the source's year (the nearest such date on the right side of
/// the source's date); in an undated source it is not read.
/// A month and day without a year, in an undated source, as the date
/// nearest its story's date (the year before, of, or after it): the source
/// was written about the same days as its story's others, on which side of
/// them nobody can tell.
fn nearest_in_story(story_date: Option<&str>, month: i64, day: i64) -> Option<i64> {
    let story = crate::calendar::day_of(story_date?)?;
    let (year, _, _) = crate::calendar::civil_from_days(story);
    [year - 1, year, year + 1]
        .into_iter()
        .map(|y| super::slots::days_from_civil(y, month, day))
        .min_by_key(|n| (n - story).abs())
}

pub fn weekdays_of_dates(ctx: &SentenceContext, claims: &mut Vec<Claim>) {
    use crate::calendar::{civil_from_days, weekday_of, WEEKDAYS};
    // Cheap cue: a weekday's name, found by its ending "day" and the
    // capitalised stem before it (most sentences have none).
    let names_a_weekday = ctx.text.match_indices("day").any(|(i, _)| {
        let before = &ctx.text[..i];
        ["Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun"]
            .iter()
            .any(|stem| before.ends_with(stem))
    });
    if !names_a_weekday {
        return;
    }
    let source_day = ctx.source_date.and_then(crate::calendar::day_of);
    for day in days_named(ctx.text) {
        // A weekday alone ("on Thursday") in a dated source is a day too: it
        // names its weekday for the date it resolves to, so another source's
        // wrong weekday beside that date is seen against it.
        let (written, (at, at_end)) = match (day.beside, day.beside_at, day.named) {
            (Some(written), Some(at), Named::Date { .. }) => (written, at),
            (_, _, Named::Weekday { day: written, .. }) if source_day.is_some() => {
                (written, (day.start, day.end))
            }
            _ => continue,
        };
        let resolved = match (source_day, day.named) {
            (
                None,
                Named::Date {
                    year: 0,
                    month,
                    day,
                },
            ) => nearest_in_story(ctx.story_date, month, day).map(|n| (n, n)),
            _ => resolve(day.named, day.planned, source_day),
        };
        let Some((n, last)) = resolved else {
            continue;
        };
        if n != last {
            continue;
        }
        let (year, month, date) = civil_from_days(n);
        let key = format!("date:{year:04}-{month:02}-{date:02}");
        let label = if matches!(day.named, Named::Weekday { .. }) {
            format!("{date} {} {year}", super::month_name(month))
        } else {
            ctx.text[day.start..day.end]
                .trim_end_matches([',', ' ', ')'])
                .to_string()
        };
        let subject = Subject {
            text: label.as_str().into(),
            kind: SubjectKind::Thing,
            key: key.into(),
            label: format!("{label} ({year:04}-{month:02}-{date:02})").into(),
        };
        let capital = |w: usize| WEEKDAYS[w][..1].to_ascii_uppercase() + &WEEKDAYS[w][1..];
        claims.push(Claim {
            source: ctx.source,
            subject: subject.clone(),
            predicate: DATE_WEEKDAY,
            value: Value::text(capital(written), WEEKDAYS[written]),
            span: ctx.span(at, at_end),
            sentence: ctx.sentence_span(),
            qualifiers: QualifierBox::default(),
        });
        let actual = weekday_of(n);
        if actual != written && !matches!(day.named, Named::Weekday { .. }) {
            claims.push(Claim {
                source: ctx.source,
                subject,
                predicate: DATE_WEEKDAY,
                value: Value::text(
                    format!("{} (the calendar's day for this date)", capital(actual)),
                    WEEKDAYS[actual],
                ),
                span: ctx.span(day.start, day.start + label.len()),
                sentence: ctx.sentence_span(),
                qualifiers: QualifierBox::default(),
            });
        }
    }
}

pub fn extract(ctx: &SentenceContext, people: &[(usize, String)], claims: &mut Vec<Claim>) {
    let found: Vec<(usize, usize, &str)> = ctx
        .event_triggers
        .iter()
        .filter_map(|&(start, end)| {
            ctx.knowledge
                .event_class(&ctx.text[start..end])
                .map(|c| (start, end, c))
        })
        .collect();
    if found.is_empty() {
        return;
    }
    landfall_category(ctx, &found, claims);
    durations(ctx, &found, claims);
    let source_day = ctx.source_date.and_then(crate::calendar::day_of);
    let days = sentence_days(ctx);
    let time_zone = says_time_zones_differ(ctx.text, days, source_day);
    // Each day goes to its nearest trigger; a trigger keeps its nearest day
    // only ("celebrating on Wednesday after the rocket lifted off yesterday":
    // Wednesday dates the celebration). Days of one moment in two time zones
    // are the kept day's aliases.
    let attached: Vec<(DayRef, usize, usize, &str, usize)> = days
        .iter()
        .copied()
        .filter_map(|day| {
            let (distance, s, e, class) = found
                .iter()
                .filter_map(|&(s, e, class)| {
                    day.reach(ctx.text, s, e)
                        .map(|distance| (distance, s, e, class))
                })
                .min_by_key(|(d, s, _, _)| (*d, *s))?;
            Some((day, s, e, class, distance))
        })
        .collect();
    for (day, s, e, class, distance) in &attached {
        let (s, e, class) = (*s, *e, *class);
        if attached
            .iter()
            .any(|other| other.1 == s && (other.4, other.0.start) < (*distance, day.start))
        {
            continue;
        }
        let which = which_one(ctx.text, s);
        // "the next meeting is scheduled for 14 October": the coming one.
        let next = which.as_deref() == Some("next");
        let dated = DayRef {
            planned: day.planned || next,
            ..*day
        };
        let Some(value) = day_value(ctx.text, &dated, source_day, time_zone) else {
            continue;
        };
        let start = s.min(day.start);
        let end = e.max(day.end);
        let plain = which.is_none();
        let class = match (day.planned, which) {
            // Every source's "next meeting" is the one coming after its date,
            // whether told as a plan ("will next meet") or not.
            (_, Some(which)) if which == "next" => format!("next {class}"),
            (true, _) => format!("planned {class}"),
            (false, Some(which)) if which.starts_with('#') => format!("{class} {which}"),
            (false, Some(which)) => format!("{which} {class}"),
            (false, None) => class.to_string(),
        };
        let class = match other_year(ctx, s, e) {
            Some(year) => format!("{class} of {year}"),
            None => class,
        };
        // Kinds a story holds several of: a meeting in one city is told apart
        // from a meeting in another, whose days then need not agree.
        let event = ctx.knowledge.event(&ctx.text[s..e]);
        let class = match event
            .filter(|ev| (ev.place_by_day || ev.several) && !next)
            .and_then(|ev| super::place::place_key_after(ctx, e, ev.place_from))
        {
            Some(place) => format!("{class} in {place}"),
            None => match event
                .filter(|ev| !ev.place && !ev.place_by_day && !ev.person && plain)
                .and_then(|_| place_before_where(ctx, s))
            {
                Some(place) => format!("{class} in {place}"),
                None => class,
            },
        };
        // Whose sentencing: anchored to the person, so co-defendants' days differ freely.
        let person = event.filter(|ev| ev.person).and_then(|_| {
            let reach = super::char_floor(ctx.text, (end + 40).min(ctx.text.len()));
            super::person::sentenced_person(ctx, super::tail(ctx.text, reach, 300), people)
        });
        // An event's label is its own ("the declaration"); a person's event is
        // named by the normaliser, from the person.
        let (kind, key, label) = match &person {
            Some(name) => (
                SubjectKind::Series,
                format!("{class}:{}", ctx.knowledge.skeleton(name)),
                name.clone(),
            ),
            None if event.is_some_and(|ev| ev.person) => {
                (SubjectKind::Series, format!("{class}:"), String::new())
            }
            None => (
                SubjectKind::Event,
                format!("event:{class}"),
                format!("the {class}"),
            ),
        };
        claims.push(Claim {
            source: ctx.source,
            subject: Subject {
                label: if kind == SubjectKind::Event {
                    Text::from(label.as_str())
                } else {
                    Text::default()
                },
                text: label.into(),
                kind,
                key: key.into(),
            },
            predicate: EVENT_WEEKDAY,
            value,
            span: ctx.span(start, end),
            sentence: ctx.sentence_span(),
            qualifiers: QualifierBox::default(),
        });
    }
}

/// Words before a lasting event that rank it among others ("the worst
/// blackout for a decade", "the first strike in 30 years"): a length of time
/// after it is how long since the last such, not how long it lasted.
const RANKING: &[&str] = &[
    "first",
    "worst",
    "biggest",
    "largest",
    "longest",
    "deadliest",
    "most",
    "only",
    "last",
];

/// Words after a length of time that make it a distance in time or a part
/// of something else ("three weeks of talks", "a year ago", "two days
/// later"), not the event's length.
const NOT_A_LENGTH: &[&str] = &["of", "ago", "later", "earlier", "since", "into"];

/// How long an event of a lasting kind (events.toml's `lasts`) lasted: "the
/// blackout lasted nine hours", "an outage … that left 40,000 homes without
/// power for 11 hours", "a 12-day strike", "the strike ended after three
/// weeks". Read after the trigger, in its clause and before any other
/// event's trigger; kept apart like the event's day: plans, another
/// occurrence ("a second strike"), another year's.
fn durations(ctx: &SentenceContext, found: &[(usize, usize, &str)], claims: &mut Vec<Claim>) {
    use super::slots::{SlotContext, SlotKind};
    let lasting = |&&(s, e, _): &&(usize, usize, &str)| {
        ctx.knowledge
            .event(&ctx.text[s..e])
            .is_some_and(|event| event.lasts)
    };
    if !found.iter().any(|f| lasting(&f)) {
        return;
    }
    let tokens = super::tokens::tokenize(ctx.text);
    let slots = SlotContext {
        text: ctx.text,
        tokens: &tokens,
        source_date: ctx.source_date,
    };
    let lower = |i: usize| tokens.get(i).map_or("", |t| t.lower.as_str());
    let mut done: Vec<&str> = Vec::new();
    for (n, &(s, e, class)) in found.iter().enumerate() {
        if !lasting(&&found[n]) || done.contains(&class) {
            continue;
        }
        let before = ctx.text[..s].trim_end();
        if planned_or_possible(clause_before(before, before.len())) {
            continue;
        }
        let which = which_one(ctx.text, s);
        if which.as_deref() == Some("next") {
            continue;
        }
        let first = tokens.partition_point(|t| t.start < s);
        let after = tokens.partition_point(|t| t.start < e);
        let ranked = tokens[first.saturating_sub(3)..first]
            .iter()
            .any(|t| RANKING.contains(&t.lower.as_str()));
        // "a nine-hour blackout", "the 12-day strike": the length as the
        // event's modifier.
        let mut length = (first.saturating_sub(2)..first).find_map(|i| {
            slots
                .read(&SlotKind::Duration, i)
                .filter(|m| m.end == first)
                .map(|m| (i, m))
        });
        // "lasted nine hours", "for 11 hours", "ended after three weeks": up
        // to the next event's trigger, in the trigger's clause.
        let next_trigger = found.get(n + 1).map_or(ctx.text.len(), |f| f.0);
        let mut i = after;
        while length.is_none() && i < tokens.len() {
            let token = &tokens[i];
            if token.start > e + 110
                || token.start >= next_trigger
                || crosses_clause(ctx.text, s, token.start, false)
                || ctx.text[e..token.start].contains(['(', ':'])
            {
                break;
            }
            let cue = match token.lower.as_str() {
                "lasted" | "lasting" | "lasts" | "after" => true,
                "for" => !ranked,
                _ => false,
            };
            if cue {
                let at = if lower(i + 1) == "for" { i + 2 } else { i + 1 };
                length = slots
                    .read(&SlotKind::Duration, at)
                    .filter(|m| !NOT_A_LENGTH.contains(&lower(m.end)))
                    .map(|m| (at, m));
            }
            i += 1;
        }
        let Some((at, m)) = length else {
            continue;
        };
        done.push(class);
        let class = match which {
            Some(which) if which.starts_with('#') => format!("{class} {which}"),
            Some(which) => format!("{which} {class}"),
            None => class.to_string(),
        };
        let class = match other_year(ctx, s, e) {
            Some(year) => format!("{class} of {year}"),
            None => class,
        };
        let start = tokens[at].start;
        let end = tokens[m.end - 1].end;
        claims.push(
            super::builder::Draft {
                subject: Subject {
                    text: class.as_str().into(),
                    kind: SubjectKind::Event,
                    key: format!("event:{class}").into(),
                    label: format!("the {class}").into(),
                },
                predicate: EVENT_DURATION,
                value: m.value,
                start,
                end,
                hedge: m.hedge,
                rounded: true,
                former: false,
                period: super::builder::Period::IsTheValue,
            }
            .build(ctx),
        );
    }
}

/// A source that tells one occurrence of a kind a story may hold several of
/// (events.toml's `several`) tells of it throughout: when all its places for
/// the kind are one, its days, times and lengths of the kind are keyed by
/// that place, as its days would be in a sentence that names it; when all
/// its days for the kind are one, its places are keyed by that day. A story
/// whose sources each tell a different fire (one at a depot on Monday, one
/// at a mill on Thursday) keeps them apart in every sentence, not only in
/// those that name the place or the day.
pub fn one_occurrence_per_source(knowledge: &crate::knowledge::Knowledge, claims: &mut [Claim]) {
    use super::clock::EVENT_TIME;
    use super::place::EVENT_PLACE;
    // A day as `day_key` writes it: a weekday, a date without a year, a
    // range of days, or any of them with another year.
    let is_day = |part: &str| {
        crate::calendar::weekday_index(part).is_some()
            || part.starts_with("--")
            || part.starts_with("days ")
            || part.contains('/')
    };
    for event in knowledge.events.iter().filter(|e| e.several) {
        let class = event.class.as_str();
        let base = format!("event:{class}");
        let with_place = format!("{base} in ");
        let mut days: Vec<&str> = Vec::new();
        let mut places: Vec<&str> = Vec::new();
        for claim in claims.iter() {
            let Some(rest) = claim.subject.key.strip_prefix(base.as_str()) else {
                continue;
            };
            if claim.predicate == EVENT_WEEKDAY
                && (rest.is_empty() || claim.subject.key.starts_with(&with_place))
                && !days.contains(&claim.value.key.as_str())
            {
                days.push(&claim.value.key);
            }
            if claim.predicate == EVENT_PLACE
                && (rest.is_empty() || rest.starts_with('@'))
                && !places.contains(&claim.value.canonical.as_str())
            {
                places.push(&claim.value.canonical);
            }
        }
        let day = match days.as_slice() {
            [day] => Some(day.to_string()),
            _ => None,
        };
        let place = match places.as_slice() {
            [place] => Some(place.to_string()),
            _ => None,
        };
        if day.is_none() && place.is_none() {
            continue;
        }
        for claim in claims.iter_mut() {
            let Some(rest) = claim.subject.key.strip_prefix(base.as_str()) else {
                continue;
            };
            let rest = rest.to_string();
            let (key, label) = match (claim.predicate, &day, &place) {
                (EVENT_PLACE, Some(day), _)
                    if rest.is_empty()
                        || rest
                            .strip_prefix('@')
                            .is_some_and(|kind| !is_day(kind.split(':').next().unwrap_or(""))) =>
                {
                    let kind = rest
                        .strip_prefix('@')
                        .map_or(String::new(), |k| format!(":{k}"));
                    (
                        format!("{base}@{day}{kind}"),
                        format!("the {class} ({day})"),
                    )
                }
                (EVENT_TIME, _, Some(place))
                    if rest == ":time" || (rest.starts_with('/') && rest.ends_with(":time")) =>
                {
                    (
                        format!("{base} in {place}{rest}"),
                        format!("the time of the {class} in {place}"),
                    )
                }
                (EVENT_WEEKDAY | EVENT_DURATION, _, Some(place)) if rest.is_empty() => (
                    format!("{base} in {place}"),
                    format!("the {class} in {place}"),
                ),
                _ => continue,
            };
            claim.subject.key = key.into();
            claim.subject.label = label.into();
        }
    }
}

/// "before reaching Xxx, where it came ashore on Monday", "moved on to Xxx,
/// where the storm made landfall": a place that a relative "where" clause
/// opens on is the place of the event the clause tells, a stage of a story
/// told as a sequence. For kinds with no one place per story, such an
/// occurrence is told apart by its place: the storm's landfall in one
/// country and its first in another are two events, whose days differ.
fn place_before_where(ctx: &SentenceContext, trigger_start: usize) -> Option<String> {
    static WHERE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[^\p{L}])(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3}),\s+where\s+(?:it|they|the\s+\p{Ll}+)\s+(?:\p{Ll}+\s+)?$",
        )
        .expect("valid regex")
    });
    let before = super::tail(ctx.text, trigger_start, 120);
    if !before.contains("where") {
        return None;
    }
    let place = WHERE.captures(before)?.get(1)?.as_str();
    (!super::is_calendar_word(place)).then(|| ctx.knowledge.skeleton(place))
}

/// "in 1994", "In August 1997": the year a sentence sets its event in, when it
/// is not the source's own year (any such year in an undated source). An event
/// of another year is another occurrence of its kind ("when another bridge
/// collapsed in 1994"), never the story's. The year is read before the trigger, or after
/// it in the same clause: "fined on Friday, in what ended the affair of
/// 1997" dates the affair, not the fine.
pub(super) fn other_year(ctx: &SentenceContext, start: usize, end: usize) -> Option<String> {
    static IN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)in\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\.?\s+)?(?P<year>(?:19|20)\d\d)(?-u:\b)")
            .expect("valid regex")
    });
    // "the 1998 flood": a year written as the event's own modifier.
    static YEAR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(?P<year>(?:19|20)\d\d)(?:’s|'s)?\s+(?:[a-z-]+\s+)?$")
            .expect("valid regex")
    });
    let own = ctx.source_date.and_then(|d| d.get(..4));
    if let Some(year) = YEAR_BEFORE
        .captures(super::tail(ctx.text, start, 24))
        .map(|c| c["year"].to_string())
        .filter(|year| Some(year.as_str()) != own)
    {
        return Some(year);
    }
    IN_YEAR
        .captures_iter(ctx.text)
        .filter(|c| {
            let at = c.get(0).map_or(0, |m| m.start());
            at < start || (at >= end && !ctx.text[end..at].contains([',', ';', '—', '(']))
        })
        .map(|c| c["year"].to_string())
        .find(|year| Some(year.as_str()) != own)
}

/// The day a sentence gives for the event whose trigger spans `start..end`,
/// as the key its day claim carries ("monday", or "--02-26" for a date
/// without a year in an undated source): what tells one meeting from another
/// of the same kind. Plans and days in another clause are not its day.
pub(super) fn day_key(ctx: &SentenceContext, start: usize, end: usize) -> Option<String> {
    let source_day = ctx.source_date.and_then(crate::calendar::day_of);
    sentence_days(ctx)
        .iter()
        .filter(|day| !day.planned)
        .filter_map(|day| {
            day.reach(ctx.text, start, end)
                .map(|distance| (distance, day))
        })
        .min_by_key(|(distance, day)| (*distance, day.start))
        .and_then(|(_, day)| day_value(ctx.text, day, source_day, false))
        .map(|value| value.key.to_string())
}

/// Which of several events of one kind a trigger names, from the words just
/// before it ("the second launch", "a separate declaration", "the earlier
/// verdict"): an ordinal past the first keeps the second launch apart from
/// the first, and "another" or "separate" keep an event apart from the
/// story's own.
fn which_one(text: &str, trigger_start: usize) -> Option<String> {
    let before = super::tail(text, trigger_start, 32);
    let word = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .find_map(|w| {
            let lower = w.to_lowercase();
            // The first of a series is the story's own event, as an event
            // named without an ordinal is.
            if let Some(n) = crate::normalize::number::parse_ordinal(&lower) {
                return (n > 1).then(|| format!("#{n}"));
            }
            if lower == "next" {
                return Some("next".to_string());
            }
            matches!(
                lower.as_str(),
                "another" | "separate" | "earlier" | "previous" | "later" | "other"
            )
            .then(|| "other".to_string())
        })?;
    Some(word)
}

/// The event a count at `[start, end)` is a count of: the nearest trigger of
/// the sentence within its clause ("a mass stranding of 146 pilot whales",
/// "146 pilot whales came ashore", "the fire destroyed 40 homes"), as the
/// event's label with what tells occurrences apart: an ordinal or "another"
/// ("a second fire"), another year ("in 2017, more than 600 whales
/// beached"), a plan ("will close 12 schools"). None when no trigger shares
/// the figure's clause.
pub fn count_anchor(ctx: &SentenceContext, start: usize, end: usize) -> Option<String> {
    /// How far, in bytes, a trigger may stand from the figure it anchors.
    const REACH: usize = 60;
    let (s, e, class) = ctx
        .event_triggers
        .iter()
        .filter_map(|&(s, e)| {
            let class = ctx.knowledge.event_class(&ctx.text[s..e])?;
            let between = if e <= start {
                &ctx.text[e..start]
            } else if s >= end {
                &ctx.text[end..s]
            } else {
                return None;
            };
            let one_clause = between.len() <= REACH && !between.contains([';', '—', '(', ')']);
            one_clause.then_some((between.len(), s, e, class))
        })
        .min_by_key(|&(distance, s, _, _)| (distance, s))
        .map(|(_, s, e, class)| (s, e, class))?;
    let planned = planned_or_possible(clause_before(ctx.text, s.min(start)));
    let class = match which_one(ctx.text, s) {
        Some(which) if which.starts_with('#') => format!("{class} {which}"),
        Some(which) => format!("{which} {class}"),
        None if planned => format!("planned {class}"),
        None => class.to_string(),
    };
    // A year between the event and the figure dates the figure ("the largest
    // stranding since 2017, when more than 600 whales beached"): a count of
    // that year's occurrence.
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)(?:19|20)\d\d(?-u:\b)").expect("valid regex"));
    let own = ctx.source_date.and_then(|d| d.get(..4));
    let (from, to) = if e <= start { (e, start) } else { (end, s) };
    // A figure before its trigger is dated by a year just before it too
    // ("since 2017, when more than 600 whales beached").
    let before_figure = if s >= end {
        super::tail(ctx.text, start, 40)
    } else {
        ""
    };
    let year_between = YEAR
        .find_iter(&ctx.text[from..to])
        .chain(YEAR.find_iter(before_figure))
        .map(|m| m.as_str())
        .find(|year| Some(*year) != own)
        .map(str::to_string);
    Some(
        match year_between.or_else(|| other_year(ctx, s.min(start), e.max(end))) {
            Some(year) => format!("{class} of {year}"),
            None => class,
        },
    )
}

/// Whether the sentence itself says its event fell on two neighbouring days
/// in two time zones ("late Monday in Lima, early Tuesday GMT"): then each of
/// its days, and another source's choice of either, is the same moment.
fn says_time_zones_differ(text: &str, days: &[DayRef], source_day: Option<i64>) -> bool {
    if !TIME_ZONE.is_match(text) {
        return false;
    }
    let weekdays: Vec<usize> = days
        .iter()
        .filter_map(
            |d| match (d.named, resolve(d.named, d.planned, source_day)) {
                (Named::Weekday { day, .. }, _) => Some(day),
                (_, Some((first, last))) if first == last => {
                    Some(crate::calendar::weekday_of(first))
                }
                _ => d.beside,
            },
        )
        .collect();
    weekdays.iter().any(|a| {
        weekdays
            .iter()
            .any(|b| (a + 1) % 7 == *b || (b + 1) % 7 == *a)
    })
}

/// The value of a named day: keyed by its weekday when one is known (so
/// undated sources' weekdays compare as before), with the day itself as an
/// interval when the source's date or a full date fixes it. A day given in a
/// named time zone is widened by a day each way, and its neighbouring weekdays
/// are aliases.
fn day_value(text: &str, day: &DayRef, source_day: Option<i64>, time_zone: bool) -> Option<Value> {
    use crate::calendar::{weekday_of, WEEKDAYS};
    let written = &text[day.start..day.end];
    let days = resolve(day.named, day.planned, source_day);
    let weekday = match (day.named, days) {
        (Named::Weekday { day, .. }, _) => Some(day),
        (_, Some((first, last))) if first == last => Some(weekday_of(first)),
        _ => day.beside,
    };
    let (canonical, key) = match (day.named, weekday) {
        (Named::Weekday { .. }, Some(w)) => (written.to_string(), WEEKDAYS[w].to_string()),
        (_, Some(w)) => {
            let name = WEEKDAYS[w];
            let capital = name[..1].to_ascii_uppercase() + &name[1..];
            (format!("{written} ({capital})"), name.to_string())
        }
        (Named::Date { month, day, .. }, None) => {
            (written.to_string(), format!("--{month:02}-{day:02}"))
        }
        // A week or a relative day without a date to count from.
        (_, None) => match days {
            Some((first, last)) => (written.to_string(), format!("days {first}..{last}")),
            None => return None,
        },
    };
    let mut value = Value::text(canonical, key);
    value.interval = days.map(|(first, last)| {
        let slack = if time_zone { 1.0 } else { 0.0 };
        crate::claim::Interval {
            lo: first as f64 - slack,
            hi: last as f64 + slack,
        }
    });
    if time_zone {
        if let Some(w) = weekday {
            value.aliases = [WEEKDAYS[(w + 6) % 7], WEEKDAYS[(w + 1) % 7]]
                .into_iter()
                .map(Text::from)
                .collect();
        }
    }
    Some(value)
}

/// "20:30 local time on Wednesday (00:30 GMT Thursday)": the bracketed weekday restates
/// the same moment in another time zone.
fn is_time_zone_conversion(text: &str, at: usize) -> bool {
    let before = super::tail(text, at, 60);
    match before.rfind('(') {
        Some(open) if !before[open..].contains(')') => {
            let inside = &before[open..];
            inside.contains("GMT") || inside.contains("UTC")
        }
        _ => false,
    }
}

/// Whether the words between a day and the event's trigger after it make the
/// event the complement of another noun ("ordered on Wednesday a review of
/// the blackout", "on Monday opened an inquiry into the fire", "worked
/// through Tuesday to keep alive the survivors of a mass stranding"): the day
/// dates that noun (the review, the inquiry, the survivors), not the event.
pub(super) fn is_complement(between: &str) -> bool {
    static COMPLEMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\p{L}\s+(?:of|into)\s+(?:(?:the|a|an|its|their|this|that)\s+)?(?:\p{L}+(?:'s|’s)\s+)?(?-i:\p{Ll}[\p{Ll}-]*\s+){0,2}$")
            .expect("valid regex")
    });
    (between.contains(" of ") || between.contains(" into ")) && COMPLEMENT.is_match(between)
}

/// Whether the words between an event and a later day end in a reporting
/// clause ("sentenced to about 9 years, a court spokeswoman said on
/// Friday"): the day is the saying's, not the event's.
fn is_reported_on(between: &str) -> bool {
    static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
        // Not quote::SPEECH_VERBS: it holds "declared", which is the event
        // itself in "a state of emergency … was declared on Thursday".
        Regex::new(r"(?i),[^,;]*(?-u:\b)(?:said|says|told|added|stated|reported|confirmed|announced)(?-u:\b)[^,;]*$")
            .expect("valid regex")
    });
    between.contains(',') && REPORTED.is_match(between)
}

/// A semicolon, a dash or a coordinated clause (", and", ", but", ", while")
/// between trigger and day means they belong to different clauses: "first
/// seen on 2 May, and declared on Monday" dates two things.
pub(super) fn crosses_clause(text: &str, start: usize, end: usize, day_first: bool) -> bool {
    let between = &text[start..end];
    // "dug into Wednesday for the walkers buried after the embankment gave
    // way": a day before "after", "before", "since" or "until" dates the
    // main clause, not the event the subordinate clause names; so does a
    // day before the "that" of reported words ("said on Monday, adding that
    // the speed of the raid …": Monday is the day of the saying).
    static SUBORDINATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:after|before|since|until|that)(?-u:\b)").expect("valid regex")
    });
    if day_first && SUBORDINATE.is_match(between) {
        return true;
    }
    between.contains([';', '—'])
        || [", and ", ", but ", ", while ", ", whereas "]
            .iter()
            .any(|joint| between.contains(joint))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn days(text: &str) -> Vec<(String, String)> {
        let knowledge = Knowledge::builtin();
        let ctx = SentenceContext::standalone(text, &knowledge);
        let mut claims = Vec::new();
        extract(&ctx, &[], &mut claims);
        claims
            .into_iter()
            .map(|c| (c.subject.key.to_string(), c.value.canonical.to_string()))
            .collect()
    }

    #[test]
    fn weekday_of_the_nearest_event() {
        assert_eq!(
            days("Chauvin was sentenced on Friday to 22 years."),
            vec![("sentencing:hauvin".into(), "Friday".into())]
        );
        assert_eq!(
            days("Milton came ashore late Thursday near Siesta Key."),
            vec![("event:landfall".into(), "Thursday".into())]
        );
        assert_eq!(
            days("The jury's verdict came on a Tuesday in April; he was sentenced on Friday."),
            vec![
                ("verdict:".into(), "Tuesday".into()),
                ("sentencing:".into(), "Friday".into())
            ]
        );
    }

    #[test]
    fn a_day_of_the_report_is_not_the_events() {
        assert_eq!(
            days("The farmer was sentenced to about 9 years, a court spokeswoman said on Friday."),
            vec![]
        );
        assert_eq!(
            days("The farmer was sentenced on Friday to about 9 years, a spokeswoman said."),
            vec![("sentencing:".into(), "Friday".into())]
        );
    }

    #[test]
    fn a_day_before_another_nouns_complement_is_not_the_events() {
        // The day dates the work and the survivors, not the stranding.
        assert_eq!(
            days("Rangers worked through Friday to feed the survivors of a mass stranding."),
            vec![]
        );
        assert_eq!(
            days("The whales died on Friday in a stranding near the spit."),
            vec![("event:stranding".into(), "Friday".into())]
        );
    }

    /// Subject key, value key, and the first day as (year, month, day).
    type DayClaim = (String, String, Option<(i64, i64, i64)>);

    /// The day claims of a sentence read in a source dated Tuesday 3 September 2024.
    fn dated_days(text: &str) -> Vec<DayClaim> {
        let knowledge = Knowledge::builtin();
        let mut ctx = SentenceContext::standalone(text, &knowledge);
        ctx.source_date = Some("2024-09-03");
        let mut claims = Vec::new();
        extract(&ctx, &[], &mut claims);
        claims
            .into_iter()
            .filter(|c| c.predicate == EVENT_WEEKDAY)
            .map(|c| {
                (
                    c.subject.key.to_string(),
                    c.value.key.to_string(),
                    c.value
                        .interval
                        .map(|i| crate::calendar::civil_from_days(i.lo as i64)),
                )
            })
            .collect()
    }

    #[test]
    fn weekdays_dates_and_relative_days_are_days_of_the_source_week() {
        let sunday = Some((2024, 9, 1));
        for text in [
            "The probe lifted off on Sunday from the coastal range.",
            "The probe lifted off on 1 September from the coastal range.",
            "The probe lifted off on Sunday, September 1, from the coastal range.",
            "The probe lifted off two days ago, on Sept. 1, 2024.",
        ] {
            assert_eq!(
                dated_days(text),
                vec![("event:launch".into(), "sunday".into(), sunday)],
                "{text}"
            );
        }
        assert_eq!(
            dated_days("The probe lifted off yesterday."),
            vec![("event:launch".into(), "monday".into(), Some((2024, 9, 2)))]
        );
        assert_eq!(
            dated_days("The probe lifted off last Thursday."),
            vec![(
                "event:launch".into(),
                "thursday".into(),
                Some((2024, 8, 29))
            )]
        );
        // A date of another thing, in a clause of its own, is not the launch's.
        assert!(
            dated_days("The probe was assembled on 2 August, and the launch came on Sunday.")
                .iter()
                .all(|(_, day, _)| day == "sunday")
        );
    }

    #[test]
    fn a_sentence_of_thousands_of_days_reads_only_its_first() {
        let text = format!(
            "The probe lifted off {}.",
            "on 1 September, Sunday ".repeat(20_000)
        );
        assert!(dated_days(&text).len() <= MAX_DAYS);
    }

    #[test]
    fn plans_are_kept_apart_from_what_happened() {
        for text in [
            "The agency said the probe would be launched on Friday.",
            "The probe was due to be launched on Friday, the agency said.",
            "The probe is scheduled to be launched on Friday.",
        ] {
            assert_eq!(dated_days(text)[0].0, "event:planned launch", "{text}");
        }
        assert_eq!(
            dated_days("“We will launch the second probe next Friday,” she said."),
            vec![(
                "event:planned launch".into(),
                "friday".into(),
                Some((2024, 9, 6))
            )]
        );
    }

    #[test]
    fn two_days_in_two_time_zones_are_one_moment() {
        let knowledge = Knowledge::builtin();
        let text = "The probe lifted off late Monday in Lima, early Tuesday GMT.";
        let ctx = SentenceContext::standalone(text, &knowledge);
        let mut claims = Vec::new();
        extract(&ctx, &[], &mut claims);
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].value.key, "monday");
        assert_eq!(&*claims[0].value.aliases, ["sunday", "tuesday"]);
        // One time zone alone ("local time") says nothing about another day.
        let text = "The probe lifted off at 21:10 local time on Monday.";
        let ctx = SentenceContext::standalone(text, &knowledge);
        let mut claims = Vec::new();
        extract(&ctx, &[], &mut claims);
        assert!(claims[0].value.aliases.is_empty());
    }

    #[test]
    fn category_at_landfall_not_at_peak() {
        let knowledge = Knowledge::builtin();
        let text = "After peaking as a Category 5 earlier in the week, it made landfall as a Category 3 storm.";
        let ctx = SentenceContext::standalone(text, &knowledge);
        let mut claims = Vec::new();
        extract(&ctx, &[], &mut claims);
        let categories: Vec<_> = claims
            .iter()
            .filter(|c| c.predicate == LANDFALL_CATEGORY)
            .map(|c| c.value.canonical.clone())
            .collect();
        assert_eq!(categories, vec!["Category 3"]);
    }

    #[test]
    fn the_next_occurrence_is_one_event_and_counts_forward() {
        // Dated Tuesday 3 September 2024: 14 October without a year is ahead.
        for text in [
            "The board will next meet on 14 October.",
            "The board's next meeting is scheduled for 14 October.",
        ] {
            assert_eq!(
                dated_days(text),
                vec![(
                    "event:next meeting".into(),
                    "monday".into(),
                    Some((2024, 10, 14))
                )],
                "{text}"
            );
        }
    }

    #[test]
    fn meetings_in_two_places_are_two_events() {
        let keys: Vec<String> = dated_days(
            "A preparatory meeting in Bergen on Monday set the agenda for the summit in Oslo on Wednesday.",
        )
        .into_iter()
        .map(|(key, _, _)| key)
        .collect();
        assert_eq!(keys, ["event:meeting in Bergen", "event:meeting in Oslo"]);
    }

    #[test]
    fn events_of_other_years_are_other_occurrences() {
        assert_eq!(
            dated_days("When a bridge collapsed on a Sunday in 1994, no one was hurt.")[0].0,
            "event:collapse of 1994"
        );
        // A year in a later clause dates something else.
        assert_eq!(
            dated_days("The bridge collapsed on Sunday, in what ended a feud begun in 1997.")[0].0,
            "event:collapse"
        );
    }

    #[test]
    fn a_day_before_a_subordinate_clause_dates_the_main_one() {
        assert!(dated_days(
            "Crews dug into Wednesday for the walkers buried after the embankment gave way."
        )
        .is_empty());
    }

    #[test]
    fn a_day_before_reported_words_dates_the_saying() {
        assert!(dated_days(
            "The curator said on Tuesday, adding that the theft had been planned for months."
        )
        .is_empty());
        assert_eq!(
            dated_days("The theft on Tuesday had been planned for months.").len(),
            1
        );
    }

    #[test]
    fn a_place_a_where_clause_opens_on_is_its_events() {
        let knowledge = Knowledge::builtin();
        let keys = |text: &str| {
            let ctx = SentenceContext::standalone(text, &knowledge);
            let mut claims = Vec::new();
            extract(&ctx, &[], &mut claims);
            claims
                .into_iter()
                .map(|c| c.subject.key.to_string())
                .collect::<Vec<_>>()
        };
        let there = keys("It weakened before reaching Tonga, where it came ashore on Monday.");
        assert_eq!(there.len(), 1);
        assert_ne!(there, keys("It came ashore on Monday."));
        // Kinds with one place per story keep one identity.
        assert_eq!(
            keys("They drove to Mbeya, where the bus crashed on Monday."),
            keys("The bus crashed on Monday.")
        );
    }

    #[test]
    fn time_zone_conversions_are_not_other_days() {
        assert_eq!(
            days("It made landfall at 20:30 local time on Wednesday (00:30 GMT Thursday)."),
            vec![("event:landfall".into(), "Wednesday".into())]
        );
    }
}
