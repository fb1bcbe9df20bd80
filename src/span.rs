//! Byte spans into a source's text and their translation to line/column.

use serde::Serialize;

/// The largest source a span can address, in bytes (offsets are stored as `u32`, so
/// a claim stays small on million-claim runs). Reading refuses larger texts.
pub const MAX_SOURCE_BYTES: usize = u32::MAX as usize;

/// A half-open byte range `[start, end)` into a source's text as read. Offsets are
/// stored as `u32` (see [`MAX_SOURCE_BYTES`]) and read back as `usize`; serialised
/// as `{"start": n, "end": n}` like any number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    start: u32,
    end: u32,
}

/// An offset as stored: sources never exceed [`MAX_SOURCE_BYTES`] (ingest refuses
/// them), so this never saturates outside a bug, which debug builds catch.
fn narrow(offset: usize) -> u32 {
    debug_assert!(
        offset <= MAX_SOURCE_BYTES,
        "span offset {offset} beyond {MAX_SOURCE_BYTES}"
    );
    u32::try_from(offset).unwrap_or(u32::MAX)
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span {
            start: narrow(start),
            end: narrow(end),
        }
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    pub fn len(&self) -> usize {
        self.end() - self.start()
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The span shifted by `offset` bytes: extractors work on a sentence slice and
    /// report spans relative to it.
    pub fn offset(self, offset: usize) -> Self {
        Span::new(self.start() + offset, self.end() + offset)
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// `start..end`, to slice the text the span is into.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }
}

/// Start offsets of every line, so a byte offset maps to a 1-based line and a
/// 1-based column counted in characters (what editors and the JSON report use).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// (byte offset, characters before it) about every `CHECKPOINT` bytes, so a
    /// column on a 5 MB line is found without counting the whole line.
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        // A checkpoint at the first char boundary at least CHECKPOINT bytes past
        // the last one: the characters between are counted a stretch at a
        // time (the standard library's count is word-parallel), not decoded
        // one by one, which cost more than the rest of reading a source.
        let mut checkpoints = vec![(0, 0)];
        let (mut at, mut chars) = (0, 0);
        loop {
            let mut next = at + CHECKPOINT;
            while next < text.len() && !text.is_char_boundary(next) {
                next += 1;
            }
            if next >= text.len() {
                break;
            }
            chars += text[at..next].chars().count();
            checkpoints.push((next, chars));
            at = next;
        }
        LineIndex {
            line_starts,
            checkpoints,
        }
    }

    /// Characters in `text[..offset]` (`offset` on a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let at = self.checkpoints.partition_point(|&(b, _)| b <= offset);
        let (byte, chars) = at.checked_sub(1).map_or((0, 0), |k| self.checkpoints[k]);
        chars + text.get(byte..offset).map_or(0, |s| s.chars().count())
    }

    /// 1-based (line, column); the column counts characters, not bytes.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(exact) => exact,
            Err(next) => next - 1,
        };
        let line_start = self.line_starts[line];
        let end = offset.min(text.len());
        let column = match text.get(line_start..end) {
            // A short line is counted directly; a long one from checkpoints.
            Some(before) if before.len() <= CHECKPOINT => before.chars().count(),
            Some(_) => self.chars_before(text, end) - self.chars_before(text, line_start),
            None => 0,
        };
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_character_column() {
        let text = "ab\r\nçd e\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 0), (1, 1));
        assert_eq!(index.line_column(text, 4), (2, 1));
        // 'ç' is two bytes but one column.
        assert_eq!(index.line_column(text, 7), (2, 3));
        assert_eq!(index.line_column(text, 10), (3, 1));
    }

    #[test]
    fn columns_on_a_long_line_match_counting() {
        let text = "é😀 word ".repeat(2000) + "\nabc";
        let index = LineIndex::new(&text);
        for offset in (0..text.len())
            .filter(|&i| text.is_char_boundary(i))
            .step_by(97)
        {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = text[line_start..offset].chars().count() + 1;
            assert_eq!(index.line_column(&text, offset).1, expected, "at {offset}");
        }
        assert_eq!(index.line_column(&text, text.len()), (2, 4));
    }

    #[test]
    fn checkpoints_are_those_of_decoding_every_char() {
        for text in [
            String::new(),
            "a".repeat(CHECKPOINT),
            "a".repeat(CHECKPOINT + 1),
            "é😀 word ".repeat(700),
            "x".repeat(CHECKPOINT - 1) + "😀" + &"ü".repeat(CHECKPOINT),
        ] {
            let mut expected = vec![(0, 0)];
            let mut next = CHECKPOINT;
            for (chars, (i, _)) in text.char_indices().enumerate() {
                if i >= next {
                    expected.push((i, chars));
                    next = i + CHECKPOINT;
                }
            }
            assert_eq!(LineIndex::new(&text).checkpoints, expected);
        }
    }

    #[test]
    fn overlap_is_half_open() {
        assert!(Span::new(0, 5).overlaps(&Span::new(4, 6)));
        assert!(!Span::new(0, 5).overlaps(&Span::new(5, 6)));
    }
}
