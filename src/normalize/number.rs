//! Numbers as written in news text: digits with separators, number words,
//! ordinals ("sixth", "6th"), fractions ("22 and a half", "22 1/2").

const UNITS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("dozen", 12),
    ("a dozen", 12),
    ("a hundred", 100),
];

const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
];

/// Regex alternation of every number word, longest first.
pub fn number_word_pattern() -> String {
    let mut words: Vec<&str> = UNITS.iter().map(|(w, _)| *w).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.join("|")
}

/// Regex alternation of every ordinal word, longest first.
pub fn ordinal_word_pattern() -> String {
    let mut words: Vec<&str> = ORDINALS.iter().map(|(w, _)| *w).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.join("|")
}

/// "sixth" → 6, "6th" → 6, "21st" → 21.
pub fn parse_ordinal(word: &str) -> Option<u32> {
    // Typed slots ask this of most tokens: an ASCII word is compared in place
    // (lower-casing it allocated a string each time), with the same result.
    if word.is_ascii() {
        if let Some(&(_, n)) = ORDINALS.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)) {
            return Some(n);
        }
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &word[digits.len()..];
        return if ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(suffix))
        {
            digits.parse().ok()
        } else {
            None
        };
    }
    let lower = word.to_lowercase();
    if let Some(&(_, n)) = ORDINALS.iter().find(|(w, _)| *w == lower) {
        return Some(n);
    }
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &lower[digits.len()..];
    if matches!(suffix, "st" | "nd" | "rd" | "th") {
        digits.parse().ok()
    } else {
        None
    }
}

/// "five" → 5, "19,000" → 19000, "3.4" → 3.4, "twenty-two" → 22.
pub fn parse_number(word: &str) -> Option<f64> {
    let word = word.trim();
    // Digits with separators, the common case, read without allocating.
    if word.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        if !word
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        {
            return None;
        }
        if !word.contains(',') {
            return word.parse().ok();
        }
        // Digits never change case: only the separators go.
        let cleaned: String = word.chars().filter(|c| *c != ',').collect();
        return cleaned.parse().ok();
    } else if !word.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) {
        return None;
    } else if word.is_ascii() {
        // A word, not digits: only a number word or "twenty-two" reads as a
        // number. Typed slots ask this of most tokens, so it is compared in
        // place rather than lower-cased into a new string first.
        let unit = |w: &str| {
            UNITS
                .iter()
                .find(|(u, _)| u.eq_ignore_ascii_case(w))
                .map(|(_, n)| *n)
        };
        if let Some(n) = unit(word) {
            return Some(f64::from(n));
        }
        let (tens, unit_word) = word.split_once('-')?;
        let (tens, unit_value) = (unit(tens)?, unit(unit_word)?);
        return (tens >= 20 && unit_value < 10).then(|| f64::from(tens + unit_value));
    }
    let lower = word.to_lowercase();
    if let Some(&(_, n)) = UNITS.iter().find(|(w, _)| *w == lower) {
        return Some(f64::from(n));
    }
    if let Some((tens, unit)) = lower.split_once('-') {
        let tens = UNITS.iter().find(|(w, _)| *w == tens)?.1;
        let unit = UNITS.iter().find(|(w, _)| *w == unit)?.1;
        if tens >= 20 && unit < 10 {
            return Some(f64::from(tens + unit));
        }
        return None;
    }
    let cleaned: String = lower.chars().filter(|c| *c != ',').collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    cleaned.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(parse_ordinal("sixth"), Some(6));
        assert_eq!(parse_ordinal("Fifth"), Some(5));
        assert_eq!(parse_ordinal("21st"), Some(21));
        assert_eq!(parse_ordinal("sixty"), None);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("five"), Some(5.0));
        assert_eq!(parse_number("19,000"), Some(19000.0));
        assert_eq!(parse_number("3.4"), Some(3.4));
        assert_eq!(parse_number("twenty-two"), Some(22.0));
        assert_eq!(parse_number("abc"), None);
    }

    /// The reading before ASCII words were compared in place: lower-case, then look up.
    fn reference(word: &str) -> (Option<f64>, Option<u32>) {
        let lower = word.trim().to_lowercase();
        let unit = |w: &str| UNITS.iter().find(|(u, _)| *u == w).map(|(_, n)| *n);
        let number = match lower.split_once('-') {
            _ if lower.starts_with(|c: char| c.is_ascii_digit()) => {
                let cleaned: String = lower.chars().filter(|c| *c != ',').collect();
                cleaned
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.')
                    .then(|| cleaned.parse().ok())
                    .flatten()
            }
            _ if !lower.starts_with(|c: char| c.is_ascii_alphabetic()) => None,
            _ if unit(&lower).is_some() => unit(&lower).map(f64::from),
            Some((t, u)) => match (unit(t), unit(u)) {
                (Some(t), Some(u)) if t >= 20 && u < 10 => Some(f64::from(t + u)),
                _ => None,
            },
            None => None,
        };
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let ordinal = ORDINALS
            .iter()
            .find(|(w, _)| *w == lower)
            .map(|(_, n)| *n)
            .or_else(|| {
                matches!(&lower[digits.len()..], "st" | "nd" | "rd" | "th")
                    .then(|| digits.parse().ok())
                    .flatten()
            });
        (number, ordinal)
    }

    #[test]
    fn words_in_any_case_read_as_lower_case() {
        for word in [
            "Five",
            "FIVE",
            "fIvE",
            "Twenty-Two",
            "TWENTY-two",
            "twenty-Eleven",
            "Ten-Two",
            "A Dozen",
            "Dozen",
            "Sixth",
            "SIXTH",
            "21ST",
            "3Rd",
            "1,200",
            "19,000.5",
            "4.5",
            "2031",
            "twenty",
            "Ninety-Nine",
            "one-",
            "-one",
            "Co-Op",
            "Kane",
            "Tenth",
            "x1st",
            "st",
            "1st2",
            "Zero",
            "Hundred",
            "\u{212A}ane",
            "Zwölf",
            "Élan",
            "1,2a",
        ] {
            assert_eq!(
                (parse_number(word), parse_ordinal(word)),
                reference(word),
                "{word}"
            );
        }
    }
}
