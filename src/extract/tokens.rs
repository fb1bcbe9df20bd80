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
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let mut tokens = Vec::with_capacity(chars.len() / 5 + 1);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_alphanumeric() {
            i += 1;
            while let Some(c) = at(i) {
                if c.is_alphanumeric() {
                    i += 1;
                    continue;
                }
                let prev = at(i - 1).unwrap_or(' ');
                let Some(next) = at(i + 1) else { break };
                let joins = match c {
                    ',' | '.' => prev.is_ascii_digit() && next.is_ascii_digit(),
                    '-' | '‑' => {
                        next.is_alphanumeric() && !(prev.is_ascii_digit() && next.is_ascii_digit())
                    }
                    c if is_apostrophe(c) => {
                        let possessive = matches!(next, 's' | 'S')
                            && !at(i + 2).is_some_and(char::is_alphanumeric);
                        next.is_alphabetic() && !possessive
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                i += 2;
            }
            let word = &text[offset(start)..offset(i)];
            tokens.push(Token {
                start: offset(start),
                end: offset(i),
                lower: lower(word),
                shape: word_shape(word),
            });
            continue;
        }
        // A possessive or contraction ending: "'s" after a word.
        if is_apostrophe(c)
            && matches!(at(i + 1), Some('s' | 'S'))
            && !at(i + 2).is_some_and(char::is_alphanumeric)
            && i > 0
            && at(i - 1).is_some_and(char::is_alphanumeric)
        {
            tokens.push(Token {
                start: offset(i),
                end: offset(i + 2),
                lower: "'s".into(),
                shape: Shape::Punct,
            });
            i += 2;
            continue;
        }
        let shape = if is_quote(c) || (is_apostrophe(c) && c == '’') {
            Shape::Quote
        } else {
            Shape::Punct
        };
        i += 1;
        let symbol = &text[offset(start)..offset(i)];
        tokens.push(Token {
            start: offset(start),
            end: offset(i),
            lower: lower(symbol),
            shape,
        });
    }
    tokens
}

/// The form literals compare with: lower case, curly apostrophes and the
/// non-breaking hyphen made plain.
pub fn lower(word: &str) -> Text {
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

fn word_shape(word: &str) -> Shape {
    let digits = word.chars().any(|c| c.is_ascii_digit());
    let letters = word.chars().any(char::is_alphabetic);
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
