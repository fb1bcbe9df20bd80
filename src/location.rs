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
    /// The claim's sentence around its value, as the text report shows it.
    pub excerpt: Excerpt,
    /// The speaker's end line and UTF-16 start and end columns (SARIF), when
    /// the location has a speaker.
    pub speaker_utf16: Option<(usize, usize, usize)>,
    /// The speaker's line around the name, as the text report shows it.
    pub speaker_excerpt: Option<Excerpt>,
}

/// The text before the value (`…` where the line goes on), the value, and
/// the text after it, each on one line.
#[derive(Debug, Clone)]
pub struct Excerpt {
    pub before: String,
    pub value: String,
    pub after: String,
}

impl Located {
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
                excerpt: excerpt(text, claim.span, claim.sentence),
                // The speaker's words shown in their line: the name may be in
                // another sentence than the quotation, even another paragraph.
                speaker_excerpt: speaker_span(claim, source)
                    .map(|s| excerpt(text, s, line_around(text, s))),
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

/// Sentences longer than this are cut around the value.
const MAX_SENTENCE_CHARS: usize = 160;

/// Bytes of the sentence either side of a value looked at: a 5 MB sentence
/// costs no more than a short one.
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

/// Whitespace runs as one space, keeping one at either end if there was some
/// (the text either side of a value is joined to it).
fn collapse(text: &str) -> String {
    let mut out = String::new();
    if text.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(&one_line(text));
    if text.ends_with(char::is_whitespace) && !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// The claim's sentence with the value where the claim's own span is (not
/// wherever the same words first occur), and `…` where the shown text does not
/// reach the start or end of the line.
fn excerpt(text: &str, span: crate::span::Span, sentence: crate::span::Span) -> Excerpt {
    let (start, end) = (span.start(), span.end());
    let sentence_start = sentence.start().min(start);
    let sentence_end = sentence.end().max(end);
    let from = sentence_start.max(start.saturating_sub(CONTEXT_BYTES));
    let to = sentence_end.min(end.saturating_add(CONTEXT_BYTES));
    // Whether the line goes on before or after the shown text: scanned only
    // as far as the first character that is not a space (not to the line's
    // ends, which on a 5 MB line would cost a pass per claim).
    let cut_before = slice(text, 0, from)
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .any(|c| !c.is_whitespace());
    let cut_after = slice(text, to, text.len())
        .chars()
        .take_while(|&c| c != '\n')
        .any(|c| !c.is_whitespace());
    let before = collapse(slice(text, from, start)).trim_start().to_string();
    let value = one_line(slice(text, start, end));
    let after = collapse(slice(text, end, to)).trim_end().to_string();
    let (mut before, mut after) = trim_context(&before, &after, value.chars().count());
    if cut_before && !before.starts_with('…') {
        before.insert(0, '…');
    }
    if cut_after && !after.ends_with('…') {
        after.push('…');
    }
    Excerpt {
        before,
        value,
        after,
    }
}

/// The line holding `span`, looked for no further than the excerpt shows.
fn line_around(text: &str, span: crate::span::Span) -> crate::span::Span {
    let before = slice(
        text,
        span.start().saturating_sub(CONTEXT_BYTES),
        span.start(),
    );
    let after = slice(text, span.end(), span.end().saturating_add(CONTEXT_BYTES));
    let from = before.rfind('\n').map_or(span.start() - before.len(), |i| {
        span.start() - before.len() + i + 1
    });
    let to = after
        .find('\n')
        .map_or(span.end() + after.len(), |i| span.end() + i);
    crate::span::Span::new(from, to)
}

/// Shortens the context either side of the value so the line stays readable.
fn trim_context(before: &str, after: &str, value_chars: usize) -> (String, String) {
    let budget = MAX_SENTENCE_CHARS.saturating_sub(value_chars) / 2;
    let before_chars: Vec<char> = before.chars().collect();
    let before = if before_chars.len() > budget {
        format!(
            "…{}",
            before_chars[before_chars.len() - budget..]
                .iter()
                .collect::<String>()
        )
    } else {
        before.to_string()
    };
    let after_chars: Vec<char> = after.chars().collect();
    let after = if after_chars.len() > budget {
        format!("{}…", after_chars[..budget].iter().collect::<String>())
    } else {
        after.to_string()
    };
    (before, after)
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
