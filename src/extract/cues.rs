//! Cue words: one pass over a sentence finds the words without which an
//! extractor's patterns cannot match, so those patterns run only on the
//! sentences that have them.
//!
//! Most sentences of a news story state nothing a rule compares; running every
//! extractor's regexes over each of them cost far more than the claims found.
//! Each cue list here is a *necessary* condition read off the patterns it
//! guards (every match of the pattern contains one of the words, compared
//! without regard to ASCII case), so skipping a sentence never loses a claim.
//! When you change a pattern, change its cue list with it.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// A family of patterns that share a cue list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Cue {
    /// Ordinals, "N times", "N meetings", "on N counts" (`series`).
    Series,
    /// "the X administration", "the X government" (`administration`).
    Government,
    /// "President X", "Prime Minister X" (`administration`).
    HeadTitle,
    /// "16 years", "270 months", "a decade" (`term`).
    Duration,
    /// "Tropicana Field in …" (`place` facilities).
    Facility,
    /// "headed by", "led by" (`office`): the verb.
    LedVerb,
    /// "headed by", "led by" (`office`): "by".
    By,
    /// "the 32-year-old" (`age`).
    YearOld,
    /// "aged 31" (`age`).
    Aged,
}

/// Cue words per family. Matching is ASCII case-insensitive and by substring,
/// so a word also cues its longer forms ("year" → "years", "year-old").
/// `Cue::Series` also takes every ordinal word of the normaliser's list.
const CUE_WORDS: &[(Cue, &[&str])] = &[
    (
        Cue::Series,
        &[
            // "N times", "N meetings|visits|…", "on N counts" with "convicted|guilty".
            "times",
            "meetings",
            "visits",
            "trips",
            "rounds",
            "calls",
            "summits",
            "exchanges",
            "swaps",
            "landfalls",
            "flights",
            "convict",
            "guilty",
            // Ordinals written in figures: 1st, 2nd, 3rd, 4th…, 11th…, 22nd.
            "1st",
            "2nd",
            "3rd",
            "0th",
            "1th",
            "2th",
            "3th",
            "4th",
            "5th",
            "6th",
            "7th",
            "8th",
            "9th",
        ],
    ),
    (
        Cue::Government,
        &["administration", "white house", "government", "cabinet"],
    ),
    (
        Cue::HeadTitle,
        &["president", "prime minister", "chancellor", "premier"],
    ),
    (Cue::Duration, &["year", "month", "decade", "centur"]),
    (
        Cue::Facility,
        &[
            "field", "stadium", "arena", "airport", "ballpark", "coliseum", "speedway", "raceway",
        ],
    ),
    (Cue::LedVerb, &["headed", "led", "run", "directed"]),
    (Cue::By, &["by"]),
    (Cue::YearOld, &["-year-old"]),
    (Cue::Aged, &["aged"]),
];

struct Automaton {
    matcher: AhoCorasick,
    /// The cue of each pattern, by pattern id.
    cue_of: Vec<Cue>,
}

/// Every cue word with its cue: the `CUE_WORDS` table and the ordinal words.
pub fn words() -> Vec<(Cue, String)> {
    let ordinals = crate::normalize::number::ordinal_word_pattern();
    let ordinals = ordinals.split('|').map(|word| (Cue::Series, word));
    CUE_WORDS
        .iter()
        .flat_map(|&(cue, words)| words.iter().map(move |&word| (cue, word)))
        .chain(ordinals)
        .map(|(cue, word)| (cue, word.to_string()))
        .collect()
}

static AUTOMATON: LazyLock<Automaton> = LazyLock::new(|| {
    let (cue_of, patterns): (Vec<Cue>, Vec<String>) = words().into_iter().unzip();
    let matcher = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .expect("cue words build an automaton");
    Automaton { matcher, cue_of }
});

/// `pattern`'s matches in `text` where `present` (the pattern's cue) holds, and
/// none, without running the pattern, where it does not.
pub fn captures_if<'t>(
    present: bool,
    pattern: &'t Regex,
    text: &'t str,
) -> impl Iterator<Item = Captures<'t>> {
    present
        .then(|| pattern.captures_iter(text))
        .into_iter()
        .flatten()
}

/// Whether `text` has one of the two non-ASCII letters that Unicode case folding
/// maps to an ASCII one (ſ → s, the Kelvin sign → k): a case-insensitive pattern
/// matches them where an ASCII case-insensitive cue search would not, so such
/// text is never skipped.
pub fn has_ascii_lookalike(text: &str) -> bool {
    // Two substring searches: far faster than decoding every character.
    text.contains('\u{17F}') || text.contains('\u{212A}')
}

/// The cues present in one sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cues {
    bits: u32,
    digit: bool,
    /// Every cue on unsearched: an ungated run, or letters that fold to ASCII.
    every: bool,
}

impl Cues {
    pub fn of(text: &str) -> Self {
        if has_ascii_lookalike(text) {
            return Cues::all();
        }
        let automaton = &*AUTOMATON;
        let mut bits = 0u32;
        // Overlapping search: a cue inside another ("led" in "called") must not
        // hide the one that starts at the same place.
        for m in automaton.matcher.find_overlapping_iter(text) {
            bits |= Cues::bit(automaton.cue_of[m.pattern().as_usize()]);
        }
        Cues::found(bits, text)
    }

    /// The bit of `cue` in the set [`Cues::found`] takes.
    pub fn bit(cue: Cue) -> u32 {
        1 << cue as u8
    }

    /// The cues of `text` whose words an overlapping search of [`words`] (with
    /// others, see `declared::Patterns::sentence_cues`) found, as the bits of
    /// [`Cues::bit`]; for a text without ASCII look-alikes (which gets
    /// [`Cues::all`] unsearched).
    pub fn found(bits: u32, text: &str) -> Self {
        Cues {
            bits,
            digit: text.bytes().any(|b| b.is_ascii_digit()),
            every: false,
        }
    }

    /// Every cue, for callers that want every extractor to run.
    pub fn all() -> Self {
        Cues {
            bits: u32::MAX,
            digit: true,
            every: true,
        }
    }

    /// Whether the cue search was skipped, every cue turned on ([`Cues::all`]):
    /// a gate of its own (the declared patterns' cue search) must then let
    /// everything run too, and can tell so without searching the text again.
    pub fn every(self) -> bool {
        self.every
    }

    pub fn has(self, cue: Cue) -> bool {
        self.bits & (1 << cue as u8) != 0
    }

    /// Whether the sentence has a figure: quantities and ages need one.
    pub fn has_digit(self) -> bool {
        self.digit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cues_in_any_case_and_inside_longer_words() {
        let cues = Cues::of("He met them for the SIXTH time, at Tropicana Field, for 16 years.");
        assert!(cues.has(Cue::Series));
        assert!(cues.has(Cue::Facility));
        assert!(cues.has(Cue::Duration));
        assert!(cues.has_digit());
        assert!(!cues.has(Cue::Government));
    }

    #[test]
    fn a_sentence_without_cues_has_none() {
        let cues = Cues::of("Negotiators met behind closed doors on the outskirts.");
        assert!(!cues.has(Cue::Series));
        assert!(!cues.has(Cue::Duration));
        assert!(!cues.has_digit());
        assert!(!cues.has(Cue::By));
    }

    #[test]
    fn letters_that_fold_to_ascii_turn_every_cue_on() {
        // "(?i)sixth" matches "ſixth" (long s); the cue search must not skip it.
        assert_eq!(Cues::of("the \u{17F}ixth meeting"), Cues::all());
        assert_eq!(Cues::of("a \u{212A}elvin"), Cues::all());
        // The declared patterns' own cue search reads this instead of looking again.
        assert!(Cues::of("the \u{17F}ixth meeting").every());
        assert!(!Cues::of("the sixth meeting, in full").every());
    }

    #[test]
    fn overlapping_cues_are_all_found() {
        // "led" ends inside "called"; "by" must still be seen after it.
        let cues = Cues::of("the agency, led by Kalın");
        assert!(cues.has(Cue::LedVerb) && cues.has(Cue::By));
        let cues = Cues::of("the 22nd round");
        assert!(cues.has(Cue::Series));
    }
}
