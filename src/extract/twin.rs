//! A regex and its ASCII twin.
//!
//! Resolving capture groups is the regex crate's costliest step here: its
//! bounded backtracker clears and walks a visited set as large as the
//! pattern's states times the match's length, and a Unicode class such as
//! `\p{L}` or `[^,;]` compiles to dozens of states, repeated once per counted
//! or optional copy. The twin is the same pattern with every class cut down
//! to its ASCII members and every Unicode word boundary made an ASCII one, so
//! it compiles to a fraction of the states.
//!
//! On a haystack made only of ASCII the two are the same regex: a class
//! matches an ASCII character exactly when its ASCII part does, and a word
//! boundary between ASCII characters (or the haystack's ends) is the same in
//! both modes. Every path through the pattern, and the order in which the
//! leftmost-first semantics prefer them, is therefore unchanged, so the
//! match and every group are the same. `Twin::on` hands out the twin only for
//! such a haystack (most sentences: all of a generated corpus, nine in ten
//! of the shared corpora's) and the pattern as written for any other.

use regex::Regex;
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Look, Repetition,
};

pub struct Twin {
    unicode: Regex,
    ascii: Regex,
}

impl Twin {
    /// Compiles `pattern` and its ASCII twin.
    ///
    /// # Panics
    /// If `pattern` is not a valid regex (a bug in a pattern written in the
    /// code, as with `Regex::new(…).expect(…)`).
    pub fn new(pattern: &str) -> Twin {
        let unicode = Regex::new(pattern).expect("valid regex");
        let hir = regex_syntax::Parser::new()
            .parse(pattern)
            .expect("valid regex");
        let ascii = Regex::new(&ascii_only(&hir).to_string()).expect("the ASCII twin compiles");
        debug_assert_eq!(
            unicode.capture_names().collect::<Vec<_>>(),
            ascii.capture_names().collect::<Vec<_>>()
        );
        Twin { unicode, ascii }
    }

    /// The pattern as written (for its groups' names and numbers, which the
    /// twin shares).
    pub fn as_written(&self) -> &Regex {
        &self.unicode
    }

    /// The regex to search `haystack` with: the twin when it is all ASCII.
    /// Every search of the returned regex must be over this same haystack
    /// (or, for `with_ascii`, one known to be ASCII).
    pub fn on(&self, haystack: &str) -> &Regex {
        self.with_ascii(haystack.is_ascii())
    }

    /// As `on`, for a caller that knows whether its haystack is ASCII (a
    /// slice of a sentence checked once).
    pub fn with_ascii(&self, ascii: bool) -> &Regex {
        if ascii {
            &self.ascii
        } else {
            &self.unicode
        }
    }
}

/// `hir` with every class cut to its ASCII members and every Unicode word
/// boundary made the ASCII one; literals, repetitions, groups (with their
/// names and numbers) and alternations in their order are kept.
fn ascii_only(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) => hir.clone(),
        HirKind::Class(Class::Unicode(class)) => {
            let mut class = class.clone();
            class.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]));
            Hir::class(Class::Unicode(class))
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut class = class.clone();
            class.intersect(&ClassBytes::new([ClassBytesRange::new(0, 0x7F)]));
            Hir::class(Class::Bytes(class))
        }
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(ascii_only(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(ascii_only(&cap.sub)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(ascii_only).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(ascii_only).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The twin finds what the pattern finds, group for group, on ASCII text.
    #[test]
    fn the_twin_agrees_on_ascii_text() {
        let patterns = [
            r"(?i:according\s+to)\s+(?:the\s+)?(?P<a>(?:\p{Lu}[\p{L}.’'-]*\s?){1,4}|\p{Ll}+)",
            r"^(?P<the>The\s+)?(?P<np>[\p{L}][\p{L}’'.-]*(?:\s+[\p{L}][\p{L}’'.-]*){0,4}?)(?:,\s*[^,;]{1,80},)?\s+(?P<v>said|says)\b",
            r"(?i)(?P<num>\d+)\s*(?P<unit>km|miles)(?-u:\b)",
            r"\b(?P<w>\w+)\B",
        ];
        let texts = [
            "According to the Water Board, 12 were rescued",
            "The water board, Xxx Yyy, has said it",
            "Police said; the crowd of 3 KM, 4 miles",
            "saidx said_ said3 it's",
            "",
        ];
        for pattern in patterns {
            let twin = Twin::new(pattern);
            for text in texts {
                let ours: Vec<Vec<Option<(usize, usize)>>> = twin
                    .on(text)
                    .captures_iter(text)
                    .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                    .collect();
                let theirs: Vec<Vec<Option<(usize, usize)>>> = twin
                    .unicode
                    .captures_iter(text)
                    .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                    .collect();
                assert_eq!(ours, theirs, "{pattern} on {text:?}");
            }
        }
        // A haystack with any other character gets the pattern as written.
        let twin = Twin::new(r"\p{L}+");
        assert_eq!(twin.on("Zoë").find("Zoë").unwrap().as_str(), "Zoë");
    }
}
