//! The claim builder: where a claim's qualifiers are decided once for every
//! extractor that uses it — the interval a hedged figure allows, the period
//! the sentence puts it in, and whether it is about a past holder ("former").
//! Attribution ("…, police said") is applied to every claim of a sentence by
//! the sentence loop in `extract`.

use super::qualifiers::{hedged_interval, period_near, Bound};
use super::SentenceContext;
use crate::claim::{Claim, Qualifiers, Subject, Value};
use compact_str::format_compact;

/// The period a sentence's opening time phrase sets for the clause after it ("In
/// August 2025, a derailment … killed two people"), for a claim after its comma.
fn fronted_period(sentence: &str, claim_start: usize, source_date: Option<&str>) -> Option<String> {
    const OPENERS: &[&str] = &[
        "in ", "on ", "by ", "since ", "during ", "until ", "last ", "back in ", "earlier ",
        "after ", "before ",
    ];
    let comma = sentence.get(..60.min(sentence.len()))?.find(',')?;
    if claim_start <= comma {
        return None;
    }
    let opening = sentence[..comma].to_ascii_lowercase();
    OPENERS
        .iter()
        .any(|o| opening.starts_with(o))
        .then(|| super::qualifiers::period(&sentence[..comma], source_date))
        .flatten()
}

/// Whether the sentence is about an earlier instance of something ("at its
/// previous meeting, members voted 9-0", "in the prior round"): its claims are
/// then not about the story's own event.
fn earlier_instance(sentence: &str) -> bool {
    const MARKERS: &[&str] = &["previous ", "prior ", "preceding ", "earlier "];
    let lower = sentence.to_ascii_lowercase();
    MARKERS.iter().any(|marker| {
        lower
            .match_indices(marker)
            .any(|(at, _)| at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric())
    })
}

/// A claim before its qualifiers are read.
pub struct Draft {
    pub subject: Subject,
    pub predicate: &'static str,
    pub value: Value,
    /// Where the value is stated, relative to the sentence.
    pub start: usize,
    pub end: usize,
    /// The hedge written before a figure.
    pub hedge: Option<(&'static str, Bound)>,
    /// Whether the value is a measured figure (a count, an amount, a share, a
    /// length of time), which rounding makes approximate; dates and ordinals are not.
    pub rounded: bool,
    /// Whether the words before the claim mark it as about the past ("former").
    pub former: bool,
    pub period: Period,
}

/// Which period a claim is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// The one the clause around the value names ("in 2023", "this year"), if any.
    OfClause,
    /// None: the value is itself a date or a period.
    IsTheValue,
    /// The value is a period relative to a date the source does not give ("next
    /// year" in an undated article): compared only with claims of the same kind.
    Undated,
}

impl Draft {
    pub fn build(self, ctx: &SentenceContext) -> Claim {
        let mut value = self.value;
        if self.rounded || self.hedge.is_some() {
            if let Some(interval) = value.interval {
                value.interval = Some(hedged_interval(
                    interval.lo,
                    interval.hi,
                    self.hedge.map(|(_, bound)| bound),
                ));
            }
        }
        // A total over several places ("52 people in Kent and Sussex") is
        // another figure than one place's: the story's thing it counts is
        // named with them.
        let mut subject = self.subject;
        if self.rounded && subject.kind == crate::claim::SubjectKind::Event {
            // A subject that already names them ("the children listed in $where") keeps its name.
            if let Some(places) = super::qualifiers::places_together(&ctx.text[self.end..])
                .filter(|places| !subject.key.contains(places.as_str()))
            {
                subject.key = format_compact!("{} in {places}", subject.key);
                subject.label = format_compact!("{} in {places}", subject.label);
            }
        }
        let qualifiers = Qualifiers {
            hedge: self.hedge.map(|(words, _)| words),
            time: match self.period {
                Period::OfClause => period_near(ctx.text, self.start, self.end, ctx.source_date)
                    .or_else(|| fronted_period(ctx.text, self.start, ctx.source_date))
                    .map(Into::into)
                    .or_else(|| earlier_instance(ctx.text).then(|| "earlier".into())),
                Period::IsTheValue => None,
                Period::Undated => Some(crate::claim::UNDATED.into()),
            },
            attribution: None,
            former: self.former,
            ..Qualifiers::NONE
        };
        Claim {
            source: ctx.source,
            subject,
            predicate: self.predicate,
            value,
            span: ctx.span(self.start, self.end),
            sentence: ctx.sentence_span(),
            qualifiers: qualifiers.into(),
        }
    }
}
