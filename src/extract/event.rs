//! The day of one-off events: "sentenced on Friday", "came ashore late Thursday",
//! "lifted off on Tuesday, Sept. 10". Event kinds and their trigger words are
//! data (rules/knowledge/events.toml).

use super::SentenceContext;
use crate::claim::{Claim, QualifierBox, Subject, SubjectKind, Text, Value};
use regex::Regex;
use std::sync::LazyLock;

pub const EVENT_WEEKDAY: &str = "event_weekday";
pub const LANDFALL_CATEGORY: &str = "landfall_category";

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

/// How far (bytes) a weekday may be from its event's trigger.
const MAX_DISTANCE: usize = 60;

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
    for caps in WEEKDAY.captures_iter(ctx.text) {
        let day = caps.name("day").expect("day");
        if is_time_zone_conversion(ctx.text, day.start()) {
            continue;
        }
        let nearest = found
            .iter()
            .map(|&(s, e, class)| {
                let distance = if e <= day.start() {
                    day.start() - e
                } else {
                    s.saturating_sub(day.end())
                };
                (distance, s, e, class)
            })
            .filter(|(d, s, e, _)| {
                *d <= MAX_DISTANCE
                    && !crosses_clause(ctx.text, *s.min(&day.start()), *e.max(&day.end()))
            })
            .min_by_key(|(d, s, _, _)| (*d, *s));
        let Some((_, s, e, class)) = nearest else {
            continue;
        };
        let start = s.min(day.start());
        let end = e.max(day.end());
        // Whose sentencing: anchored to the person, so co-defendants' days differ freely.
        let person = ctx
            .knowledge
            .event(&ctx.text[s..e])
            .filter(|ev| ev.person)
            .and_then(|_| {
                let reach = super::char_floor(ctx.text, (end + 40).min(ctx.text.len()));
                super::person::sentenced_person(ctx, super::tail(ctx.text, reach, 300), people)
            });
        let (kind, key, label) = match &person {
            Some(name) => (
                SubjectKind::Series,
                format!("{class}:{}", ctx.knowledge.skeleton(name)),
                name.clone(),
            ),
            None if ctx
                .knowledge
                .event(&ctx.text[s..e])
                .is_some_and(|ev| ev.person) =>
            {
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
                text: label.into(),
                kind,
                key: key.into(),
                label: Text::default(),
            },
            predicate: EVENT_WEEKDAY,
            value: Value::text(day.as_str(), day.as_str().to_lowercase()),
            span: ctx.span(start, end),
            sentence: ctx.sentence_span(),
            qualifiers: QualifierBox::default(),
        });
    }
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

/// A sentence break or semicolon between trigger and weekday means they belong to
/// different clauses.
fn crosses_clause(text: &str, start: usize, end: usize) -> bool {
    text[start..end].contains([';', '—'])
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
    fn time_zone_conversions_are_not_other_days() {
        assert_eq!(
            days("It made landfall at 20:30 local time on Wednesday (00:30 GMT Thursday)."),
            vec![("event:landfall".into(), "Wednesday".into())]
        );
    }
}
