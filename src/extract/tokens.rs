//! A sentence as tokens: words, numbers, punctuation and quotation marks, each
//! with its byte span, a lower-case form and a shape. Patterns in rule files
//! match tokens, never raw bytes, so "8,200", "twenty-one", "O'Neill" and "58-42"
//! read the same way in every check.

use crate::claim::Text;

/// What a token looks like, which typed slots use to recognise names and figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// "ferry", "twenty-one".
    Lower,
    /// "Tema", "Jean-Pierre", "McAllister".
    Capitalised,
    /// "NASA", "UN" (two or more letters, no lower-case letter).
    AllCaps,
    /// "8,200", "2.5", "2031".
    Number,
    /// Letters and digits together: "3.5m", "21st", "KQ4417", "19-cv-2280".
    Mixed,
    /// A quotation mark: " “ ” « » and a single quote outside a word.
    Quote,
    /// Any other single character: "," "." "$" "%" "(".
    Punct,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte offsets in the sentence.
    pub start: usize,
    pub end: usize,
    /// Lower-case, with curly apostrophes as straight ones: what literals compare to.
    pub lower: Text,
    pub shape: Shape,
}

impl Token {
    pub fn is_word(&self) -> bool {
        matches!(
            self.shape,
            Shape::Lower | Shape::Capitalised | Shape::AllCaps | Shape::Mixed | Shape::Number
        )
    }

    /// Starts with a capital letter (a name, an acronym, a place).
    pub fn is_capitalised(&self) -> bool {
        matches!(self.shape, Shape::Capitalised | Shape::AllCaps)
    }

    pub fn has_digit(&self) -> bool {
        matches!(self.shape, Shape::Number | Shape::Mixed)
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '‘')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Splits `text` into tokens. Inside a word, an apostrophe or hyphen joins
/// letters ("O'Neill", "Jean-Pierre", "19-cv-2280"), and a comma or point joins
/// digits ("8,200", "2.5"). A hyphen between two digits separates them, so a
/// vote or a score ("58-42") is three tokens; a possessive "'s" is a token of
/// its own, so "the ministry's" ends in the word "ministry".
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, &mut tokens);
    tokens
}

/// [`tokenize`] into a buffer the caller reuses (cleared first).
pub fn tokenize_into(text: &str, tokens: &mut Vec<Token>) {
    tokens.clear();
    // The char at byte `at` and the byte after it.
    let bytes = text.as_bytes();
    // `pos` is always a char boundary: it only moves by whole chars.
    let at = |pos: usize| -> Option<(char, usize)> {
        let b = *bytes.get(pos)?;
        if b < 0x80 {
            return Some((char::from(b), pos + 1));
        }
        let c = text[pos..].chars().next()?;
        Some((c, pos + c.len_utf8()))
    };
    let mut pos = 0;
    // The char before `pos`, for possessives.
    let mut previous: Option<char> = None;
    while let Some((c, after)) = at(pos) {
        let start = pos;
        if c.is_whitespace() {
            previous = Some(c);
            pos = after;
            continue;
        }
        if c.is_alphanumeric() {
            let mut last = c;
            pos = after;
            while let Some((c, after)) = at(pos) {
                if c.is_alphanumeric() {
                    last = c;
                    pos = after;
                    continue;
                }
                let Some((next, after_next)) = at(after) else {
                    break;
                };
                let joins = match c {
                    ',' | '.' => last.is_ascii_digit() && next.is_ascii_digit(),
                    '-' | '‑' => {
                        next.is_alphanumeric() && !(last.is_ascii_digit() && next.is_ascii_digit())
                    }
                    c if is_apostrophe(c) => {
                        let possessive = matches!(next, 's' | 'S')
                            && !at(after_next).is_some_and(|(c, _)| c.is_alphanumeric());
                        next.is_alphabetic() && !possessive
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                last = next;
                pos = after_next;
            }
            let (lower, shape) = lower_and_shape(&text[start..pos]);
            tokens.push(Token {
                start,
                end: pos,
                lower,
                shape,
            });
            previous = Some(last);
            continue;
        }
        // A possessive or contraction ending: "'s" after a word.
        if is_apostrophe(c) && previous.is_some_and(char::is_alphanumeric) {
            if let Some((s @ ('s' | 'S'), after_s)) = at(after) {
                if !at(after_s).is_some_and(|(c, _)| c.is_alphanumeric()) {
                    tokens.push(Token {
                        start,
                        end: after_s,
                        lower: "'s".into(),
                        shape: Shape::Punct,
                    });
                    previous = Some(s);
                    pos = after_s;
                    continue;
                }
            }
        }
        let shape = if is_quote(c) || c == '’' {
            Shape::Quote
        } else {
            Shape::Punct
        };
        tokens.push(Token {
            start,
            end: after,
            lower: lower(&text[start..after]),
            shape,
        });
        previous = Some(c);
        pos = after;
    }
}

/// The form literals compare with: lower case, curly apostrophes and the
/// non-breaking hyphen made plain.
pub fn lower(word: &str) -> Text {
    // Most words are ASCII: no per-character case mapping needed.
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return Text::from(word);
        }
        let mut out = Text::from(word);
        out.make_ascii_lowercase();
        return out;
    }
    let mut out = Text::default();
    for c in word.chars() {
        match c {
            '’' => out.push('\''),
            '‑' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// A word's [`lower`] form and [`word_shape`]: for an ASCII word (most of
/// them) both from one count of its capitals, small letters and digits,
/// instead of a pass over it for each question.
fn lower_and_shape(word: &str) -> (Text, Shape) {
    if !word.is_ascii() {
        return (lower(word), word_shape(word));
    }
    let (mut capitals, mut small, mut digits) = (0usize, 0usize, 0usize);
    for b in word.bytes() {
        capitals += usize::from(b.is_ascii_uppercase());
        small += usize::from(b.is_ascii_lowercase());
        digits += usize::from(b.is_ascii_digit());
    }
    let letters = capitals + small;
    let shape = if digits > 0 && letters == 0 {
        Shape::Number
    } else if digits > 0 {
        Shape::Mixed
    } else if !word.as_bytes()[0].is_ascii_uppercase() {
        Shape::Lower
    } else if letters >= 2 && small == 0 {
        Shape::AllCaps
    } else {
        Shape::Capitalised
    };
    let mut lower = Text::from(word);
    if capitals > 0 {
        lower.make_ascii_lowercase();
    }
    (lower, shape)
}

fn word_shape(word: &str) -> Shape {
    let digits = word.bytes().any(|b| b.is_ascii_digit());
    let letters = if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_alphabetic())
    } else {
        word.chars().any(char::is_alphabetic)
    };
    if digits && !letters {
        return Shape::Number;
    }
    if digits {
        return Shape::Mixed;
    }
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    if !first_upper {
        return Shape::Lower;
    }
    let letter_count = word.chars().filter(|c| c.is_alphabetic()).count();
    if letter_count >= 2 && !word.chars().any(char::is_lowercase) {
        Shape::AllCaps
    } else {
        Shape::Capitalised
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_count_gives_the_lower_form_and_shape() {
        for word in [
            "ferry",
            "Tema",
            "NASA",
            "UN",
            "A",
            "a",
            "8,200",
            "2.5",
            "21st",
            "KQ4417",
            "19-cv-2280",
            "O'Neill",
            "Jean-Pierre",
            "McAllister",
            "X1",
            "I",
            "Zoë",
            "ÉCOLE",
        ] {
            assert_eq!(
                lower_and_shape(word),
                (lower(word), word_shape(word)),
                "{word}"
            );
        }
    }

    fn words(text: &str) -> Vec<(String, Shape)> {
        tokenize(text)
            .into_iter()
            .map(|t| (text[t.start..t.end].to_string(), t.shape))
            .collect()
    }

    #[test]
    fn figures_stay_whole_and_scores_split() {
        let t = words("About 7,400 voters (2.5m) backed it 58-42.");
        let texts: Vec<&str> = t.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            texts,
            ["About", "7,400", "voters", "(", "2.5m", ")", "backed", "it", "58", "-", "42", "."]
        );
        assert_eq!(t[1].1, Shape::Number);
        assert_eq!(t[4].1, Shape::Mixed);
    }

    #[test]
    fn names_keep_apostrophes_and_hyphens_and_possessives_split() {
        let t = words("Jean-Pierre O’Neill’s NGO filed case 19-cv-2280.");
        let texts: Vec<&str> = t.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Jean-Pierre",
                "O’Neill",
                "’s",
                "NGO",
                "filed",
                "case",
                "19-cv-2280",
                "."
            ]
        );
        assert_eq!(t[0].1, Shape::Capitalised);
        assert_eq!(t[3].1, Shape::AllCaps);
        assert_eq!(t[6].1, Shape::Mixed);
        assert_eq!(tokenize("O’Neill’s")[1].lower, "'s");
    }

    #[test]
    fn quotation_marks_are_their_own_shape() {
        let t = words("“We will,” she said.");
        assert_eq!(t[0].1, Shape::Quote);
        assert_eq!(t[4].1, Shape::Quote);
    }

    #[test]
    fn spans_are_byte_offsets_on_char_boundaries() {
        let text = "Ça coûte 5 €, à Zürich.";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(t.start < t.end);
        }
    }
}
