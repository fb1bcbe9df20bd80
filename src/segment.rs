//! Splitting a source into sentences with byte spans.
//!
//! Every line is its own unit first (headlines, list items and bullet points are
//! never merged into the next sentence); then a line splits at `.`, `!` or `?`
//! followed by space and a capital, unless the word before the stop is an
//! abbreviation ("U.S.", "Sen.", "Jan.", "R-S.C."), an initial ("Peter A.") or a
//! number ("No. 3", "3.5").

use crate::span::Span;

/// Words that end with a full stop without ending a sentence (compared case-insensitively,
/// without the final stop).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt",
    "cmdr", "adm", "sgt", "st", "mt", "ft", "jr", "sr", "rev", "hon", "pres", "sec", "supt",
    "insp", "det", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "nos",
    "vs", "etc", "approx", "est", "inc", "ltd", "co", "corp", "dept", "univ", "ave", "blvd", "rd",
    "fig", "vol", "al", "e.g", "i.e", "a.m", "p.m", "ph.d", "u.s", "u.k", "u.n", "e.u",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// True for lines that look like headlines or list items (no final stop).
    pub is_heading: bool,
}

pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // Closing quotes and brackets belong to the sentence they end.
            let mut stop_end = i + 1;
            while stop_end < bytes.len() {
                let rest = &line[stop_end..];
                let Some(c) = rest.chars().next() else { break };
                if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']') {
                    stop_end += c.len_utf8();
                } else {
                    break;
                }
            }
            if ends_sentence(line, i, stop_end) {
                push(text, start + sentence_start, start + stop_end, out);
                sentence_start = stop_end;
            }
            i = stop_end;
        } else {
            i += 1;
        }
    }
    push(text, start + sentence_start, end, out);
}

/// Whether the stop at `stop` (a byte index into `line`) ends a sentence.
fn ends_sentence(line: &str, stop: usize, after_stop: usize) -> bool {
    let rest = &line[after_stop..];
    let mut rest_chars = rest.chars();
    match rest_chars.next() {
        None => return true,
        Some(c) if !c.is_whitespace() => return false,
        _ => {}
    }
    let next_word = rest.trim_start();
    let Some(next) = next_word.chars().next() else {
        return true;
    };
    if !(next.is_uppercase() || next.is_ascii_digit() || "\"“‘'(".contains(next)) {
        return false;
    }
    if line.as_bytes()[stop] != b'.' {
        return true;
    }
    let word = last_word(&line[..stop]);
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let bare = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    if ABBREVIATIONS.contains(&bare) {
        return false;
    }
    // A single capital letter is an initial ("Peter A. Cahill"); "U.S", "R-S.C" and the
    // like carry inner stops.
    let letters: Vec<char> = bare.chars().collect();
    if letters.len() == 1 && letters[0].is_alphabetic() {
        return false;
    }
    if bare.contains('.') && bare.len() <= 8 {
        return false;
    }
    true
}

fn last_word(before: &str) -> &str {
    let start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    &before[start..]
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let slice = &text[start..end];
    let trimmed_start = slice.len() - slice.trim_start_matches(is_blank).len();
    let trimmed_end = slice.trim_end_matches(is_blank).len();
    if trimmed_end <= trimmed_start {
        return;
    }
    let span = Span::new(start + trimmed_start, start + trimmed_end);
    let body = &text[span.start()..span.end()];
    let is_heading = !body.ends_with(['.', '!', '?', '"', '”', ':']);
    out.push(Sentence { span, is_heading });
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.span.start()..s.span.end()])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text =
            "The U.S. President met Sen. Lindsey Graham, R-S.C., on Jan. 5. Dr. Smith spoke.";
        assert_eq!(
            texts(text),
            vec![
                "The U.S. President met Sen. Lindsey Graham, R-S.C., on Jan. 5.",
                "Dr. Smith spoke."
            ]
        );
    }

    #[test]
    fn initials_and_decimals_do_not_end_sentences() {
        let text = "Judge Peter A. Cahill gave 22.5 years. It was final.";
        assert_eq!(
            texts(text),
            vec!["Judge Peter A. Cahill gave 22.5 years.", "It was final."]
        );
    }

    #[test]
    fn headlines_and_list_items_are_units() {
        let text = "Talks End Without Deal\n- energy markets\n- food security\nHe left.\r\n";
        let units = sentences(text);
        assert_eq!(
            texts(text),
            vec![
                "Talks End Without Deal",
                "- energy markets",
                "- food security",
                "He left."
            ]
        );
        assert!(units[0].is_heading);
        assert!(!units[3].is_heading);
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        let text = "He said, \"It is over.\" Then he left.";
        assert_eq!(
            texts(text),
            vec!["He said, \"It is over.\"", "Then he left."]
        );
    }

    #[test]
    fn spans_fall_on_char_boundaries() {
        let text = "\u{feff}Ça va. Très bien… Oui.";
        for s in sentences(text) {
            assert!(text.is_char_boundary(s.span.start()) && text.is_char_boundary(s.span.end()));
        }
    }
}
