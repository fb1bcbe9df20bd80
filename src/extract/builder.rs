//! The claim builder: where a claim's qualifiers are decided once for every
//! extractor that uses it — the interval a hedged figure allows, the period
//! the sentence puts it in, and whether it is about a past holder ("former").
//! Attribution ("…, police said") is applied to every claim of a sentence by
//! the sentence loop in `extract`.

use super::qualifiers::{hedged_interval, period_near, Bound};
use super::SentenceContext;
use crate::claim::{Claim, Qualifiers, Subject, Value};

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
        let qualifiers = Qualifiers {
            hedge: self.hedge.map(|(words, _)| words),
            time: period_near(ctx.text, self.start, self.end, ctx.source_date).map(Into::into),
            attribution: None,
            former: self.former,
        };
        Claim {
            source: ctx.source,
            subject: self.subject,
            predicate: self.predicate,
            value,
            span: ctx.span(self.start, self.end),
            sentence: ctx.sentence_span(),
            qualifiers: qualifiers.into(),
        }
    }
}
