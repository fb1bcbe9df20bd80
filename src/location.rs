//! Where a claim is, for a reader: its file (and record), line, column, words
//! and sentence, and the excerpt the text report underlines. Worked out from
//! the source's text; a run that lets go of texts story by story works it out
//! while the text is in hand and keeps only this, so its reports are the same.

use crate::claim::Claim;
use crate::ingest::Source;
use serde::Serialize;

/// A claim located for a reader: path, byte span, line and column, the words and the sentence.
#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub source: String,
    /// The record's id when `source` is an archive of records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub sentence: String,
    /// Where a quotation's speaker is named (quote-speaker claims only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
}

/// The words naming who said a quotation: the name credited, or the name a
/// pronoun stands for. Same fields and counting as the claim's own span.
#[derive(Debug, Clone, Serialize)]
pub struct Speaker {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: String,
}

/// The speaker's span if it can be sliced out of the source's text (a span
/// that cannot is left out rather than shown wrong).
fn speaker_span(claim: &Claim, source: &Source) -> Option<crate::span::Span> {
    let span = claim.qualifiers.speaker?;
    source.text.get(span.range()).map(|_| span)
}

pub fn locate(claim: &Claim, source: &Source) -> Location {
    let (line, column) = source.line_column(claim.span.start());
    let speaker = speaker_span(claim, source).map(|span| {
        let (line, column) = source.line_column(span.start());
        Speaker {
            start: span.start(),
            end: span.end(),
            line,
            column,
            text: one_line(&source.text[span.range()]),
        }
    });
    Location {
        source: source.path.clone(),
        record: source.record.clone(),
        start: claim.span.start(),
        end: claim.span.end(),
        line,
        column,
        text: source.text[claim.span.start()..claim.span.end()].to_string(),
        sentence: sentence_around(&source.text, claim),
        speaker,
    }
}

impl Location {
    /// The source as human-readable reports name it (`archive.jsonl#ID` for a record).
    pub fn shown(&self) -> std::borrow::Cow<'_, str> {
        match &self.record {
            Some(id) => format!("{}#{id}", self.source).into(),
            None => self.source.as_str().into(),
        }
    }
}

/// Bytes of context kept either side of a claim in a very long sentence, so that
/// locating thousands of claims in a 5 MB sentence stays linear.
const SENTENCE_CONTEXT: usize = 1024;

/// The claim's sentence on one line; a sentence longer than a few KiB is cut to
/// the claim and its context, with `…` where it was cut.
fn sentence_around(text: &str, claim: &Claim) -> String {
    let (sentence, span) = (claim.sentence, claim.span);
    if sentence.len() <= 4 * SENTENCE_CONTEXT {
        return one_line(&text[sentence.start()..sentence.end()]);
    }
    let mut start = span
        .start()
        .saturating_sub(SENTENCE_CONTEXT)
        .clamp(sentence.start(), sentence.end());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span
        .end()
        .saturating_add(SENTENCE_CONTEXT)
        .clamp(start, sentence.end());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut out = String::new();
    if start > sentence.start() {
        out.push('…');
    }
    out.push_str(&one_line(&text[start..end]));
    if end < sentence.end() {
        out.push('…');
    }
    out
}

/// Collapses runs of whitespace (sentences may span wrapped lines).
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Everything a report shows of where one claim is.
#[derive(Debug, Clone)]
pub struct Located {
    pub location: Location,
    /// Line of the span's end.
    pub end_line: usize,
    /// 1-based columns of the span's start and end in UTF-16 code units (SARIF).
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// The lines the claim's value is on, as the text report shows them.
    pub excerpt: Excerpt,
    /// The speaker's end line and UTF-16 start and end columns (SARIF), when
    /// the location has a speaker.
    pub speaker_utf16: Option<(usize, usize, usize)>,
}

/// Whole lines of a source around some spans (a claim's value, and whatever
/// else its report underlines), from the line of the first span's start to
/// the line of the last one's end, as the text report quotes them. A line
/// longer than `CONTEXT_BYTES` (1 KiB) either side of the spans is cut there: the
/// report's renderer shortens lines to its width anyway and marks where it
/// did, and a 5 MB line then costs no more than a short one.
#[derive(Debug, Clone)]
pub struct Excerpt {
    /// Byte offset in the source where `text` starts.
    pub at: usize,
    /// Line number (1-based) of `text`'s first line.
    pub line: usize,
    /// The lines, line breaks (`\n`, `\r\n`) kept between them.
    pub text: String,
}

impl Excerpt {
    /// The lines of `source` that `spans` (byte ranges of its text) are on.
    pub fn around(source: &Source, spans: &[std::ops::Range<usize>]) -> Self {
        let text = source.text.as_str();
        let first = spans.iter().map(|s| s.start).min().unwrap_or(0);
        let last = spans.iter().map(|s| s.end).max().unwrap_or(first);
        let (first, last) = (first.min(text.len()), last.min(text.len()).max(first));
        // The line's start and end are looked for only as far as the context
        // reaches: on a 5 MB line a search to its ends would cost a pass per claim.
        let reach = slice(text, first.saturating_sub(CONTEXT_BYTES), first);
        let start = match reach.rfind('\n') {
            Some(i) => first - reach.len() + i + 1,
            None => first - reach.len(),
        };
        let reach = slice(text, last, last.saturating_add(CONTEXT_BYTES));
        let end = last + reach.find('\n').unwrap_or(reach.len());
        Excerpt {
            at: start,
            line: source.line_column(start).0,
            text: text[start..end].to_string(),
        }
    }
}

impl Located {
    /// A claim whose location could not be had: nothing to show.
    pub fn empty() -> Self {
        Located {
            location: Location {
                source: String::new(),
                record: None,
                start: 0,
                end: 0,
                line: 0,
                column: 0,
                text: String::new(),
                sentence: String::new(),
                speaker: None,
            },
            end_line: 0,
            start_utf16: 0,
            end_utf16: 0,
            excerpt: Excerpt {
                at: 0,
                line: 0,
                text: String::new(),
            },
            speaker_utf16: None,
        }
    }

    pub fn of(claim: &Claim, source: &Source) -> Self {
        Self::all(&[claim], source).remove(0)
    }

    /// Each of `claims` (all of `source`) located. UTF-16 columns are counted
    /// in one sweep through the text in offset order, so thousands of claims
    /// on one 5 MB line cost one pass over it, not one each.
    pub fn all(claims: &[&Claim], source: &Source) -> Vec<Self> {
        let text = source.text.as_str();
        // Four offsets a claim: its span's, then its speaker's (the span's
        // again when it has none).
        let offsets: Vec<usize> = claims
            .iter()
            .flat_map(|c| {
                let speaker = speaker_span(c, source).unwrap_or(c.span);
                [c.span.start(), c.span.end(), speaker.start(), speaker.end()]
            })
            .collect();
        let columns = utf16_columns(text, &offsets);
        claims
            .iter()
            .zip(columns.chunks(4))
            .map(|(claim, columns)| Located {
                location: locate(claim, source),
                end_line: source.line_column(claim.span.end()).0,
                start_utf16: columns[0],
                end_utf16: columns[1],
                // The speaker's words may be in another sentence than the
                // quotation, even another paragraph: the excerpt takes in both.
                excerpt: Excerpt::around(
                    source,
                    &[claim.span.range()]
                        .into_iter()
                        .chain(speaker_span(claim, source).map(|s| s.range()))
                        .collect::<Vec<_>>(),
                ),
                speaker_utf16: speaker_span(claim, source)
                    .map(|s| (source.line_column(s.end()).0, columns[2], columns[3])),
            })
            .collect()
    }
}

/// 1-based UTF-16 columns of byte `offsets` (on character boundaries, in
/// any order) in `text`, in the order given.
fn utf16_columns(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut columns = vec![1; offsets.len()];
    let (mut at, mut units) = (0, 0);
    for i in order {
        let target = offsets[i].min(text.len());
        for c in text.get(at..target).unwrap_or("").chars() {
            units = if c == '\n' { 0 } else { units + c.len_utf16() };
        }
        at = target.max(at);
        columns[i] = units + 1;
    }
    columns
}

/// Bytes of a line either side of the spans an excerpt quotes.
const CONTEXT_BYTES: usize = 1024;

/// `text[from..to]`, both ends moved onto character boundaries (inwards).
fn slice(text: &str, mut from: usize, mut to: usize) -> &str {
    to = to.min(text.len());
    from = from.min(to);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[from..to.max(from)]
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_count_utf16_units() {
        let text = "a\n😀b";
        let b = text.find('b').unwrap();
        assert_eq!(super::utf16_columns(text, &[b, 0, 2]), vec![3, 1, 1]);
    }
}
