//! Byte spans into a source's text and their translation to line/column.

use serde::Serialize;

/// A half-open byte range `[start, end)` into a source's text as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The span shifted by `offset` bytes: extractors work on a sentence slice and
    /// report spans relative to it.
    pub fn offset(self, offset: usize) -> Self {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Start offsets of every line, so a byte offset maps to a 1-based line and a
/// 1-based column counted in characters (what editors and the JSON report use).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// 1-based (line, column); the column counts characters, not bytes.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(exact) => exact,
            Err(next) => next - 1,
        };
        let line_start = self.line_starts[line];
        let end = offset.min(text.len());
        let column = text.get(line_start..end).map_or(0, |s| s.chars().count());
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
    fn overlap_is_half_open() {
        assert!(Span::new(0, 5).overlaps(&Span::new(4, 6)));
        assert!(!Span::new(0, 5).overlaps(&Span::new(5, 6)));
    }
}
