//! Qualifiers read from the words around a value: hedges, time, attribution.

use super::twin::Twin;
use regex::Regex;
use std::sync::LazyLock;

/// Words that make a number approximate or a bound, longest first, with the
/// interval they allow around the stated value `v`.
const HEDGES: &[(&str, Bound)] = &[
    ("more than", Bound::Above),
    ("greater than", Bound::Above),
    ("upwards of", Bound::Above),
    ("at least", Bound::AtLeast),
    ("no fewer than", Bound::AtLeast),
    ("no less than", Bound::AtLeast),
    ("as many as", Bound::AtMost),
    ("up to", Bound::AtMost),
    ("at most", Bound::AtMost),
    ("fewer than", Bound::Below),
    ("less than", Bound::Below),
    ("under", Bound::Below),
    ("nearly", Bound::Nearly),
    ("almost", Bound::Nearly),
    ("close to", Bound::Approx),
    ("around", Bound::Approx),
    ("about", Bound::Approx),
    ("roughly", Bound::Approx),
    ("approximately", Bound::Approx),
    ("some", Bound::Approx),
    ("an estimated", Bound::Approx),
    ("estimated", Bound::Approx),
    ("over", Bound::Above),
    ("above", Bound::Above),
    ("just over", Bound::Above),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Above,
    AtLeast,
    AtMost,
    Below,
    Nearly,
    Approx,
}

/// Every hedge, longest first, so "just over" is read before "over".
pub fn hedge_words() -> &'static [(&'static str, Bound)] {
    static SORTED: LazyLock<Vec<(&'static str, Bound)>> = LazyLock::new(|| {
        let mut hedges = HEDGES.to_vec();
        hedges.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        hedges
    });
    &SORTED
}

/// The interval a figure `lo..=hi` allows with its hedge: the one policy every
/// claim of a figure follows (counts, terms, prices, dates). An unhedged figure
/// keeps a small tolerance for rounding in unit conversions ("701 sq km (270 sq
/// miles)"), more when it is a round thousand.
pub fn hedged_interval(lo: f64, hi: f64, hedge: Option<Bound>) -> crate::claim::Interval {
    use crate::claim::Interval;
    match hedge {
        Some(Bound::Above) | Some(Bound::AtLeast) => Interval {
            lo,
            hi: f64::INFINITY,
        },
        Some(Bound::AtMost) | Some(Bound::Below) => Interval { lo: 0.0, hi },
        Some(Bound::Nearly) => Interval { lo: lo * 0.85, hi },
        Some(Bound::Approx) => Interval {
            lo: lo * 0.85,
            hi: hi * 1.15,
        },
        None => {
            // A multiple of a thousand of one or two significant digits
            // ("27,000", "1.5 million") may be rounded; one of three or more
            // ("412 million", "1.25 million") is written to its last digit.
            let round = lo == hi
                && lo >= 1000.0
                && lo % 1000.0 == 0.0
                && lo / last_significant_unit(lo) < 100.0;
            // A count written to its last digit past a thousand ("26,912",
            // "412 million") is exact: 1 % of it would span a hundred or more
            // and reach a neighbour a source wrote as "more than 27,000"
            // (or a figure with two digits swapped). It keeps half its last
            // significant digit, and a thousandth for a converted unit.
            let exact = lo == hi && lo >= 1000.0 && !round && lo.fract() == 0.0;
            if exact {
                let half_digit = last_significant_unit(lo) / 2.0;
                let spread = half_digit.max(lo * 0.001);
                return Interval {
                    lo: lo - spread,
                    hi: hi + spread,
                };
            }
            let tolerance = if round { 0.05 } else { 0.01 };
            Interval {
                lo: lo * (1.0 - tolerance),
                hi: hi * (1.0 + tolerance),
            }
        }
    }
}

/// The place value of a whole number's last non-zero digit (26,912 → 1,
/// 26,910 → 10).
pub(super) fn last_significant_unit(mut n: f64) -> f64 {
    let mut unit = 1.0;
    while n >= 10.0 && n % 10.0 == 0.0 {
        n /= 10.0;
        unit *= 10.0;
    }
    unit
}

/// The hedge written just before byte `at` of `text`, if any.
pub fn hedge_before(text: &str, at: usize) -> Option<(&'static str, Bound)> {
    let before = super::tail(text, at, 40).trim_end().to_lowercase();
    HEDGES
        .iter()
        .filter(|(word, _)| {
            before.ends_with(word)
                && before[..before.len() - word.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .max_by_key(|(word, _)| word.len())
        .map(|(w, b)| (*w, *b))
}

static THIS_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(this|last|next) (year|month|week)(?-u:\b)|(?-u:\b)in a single year(?-u:\b)|(?-u:\b)so far this year(?-u:\b)",
    )
    .expect("valid regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(19[5-9]\d|20[0-4]\d)(?-u:\b)").expect("valid regex"));

/// The period a sentence's claims are about, normalised: "this-year", or an
/// explicit year ("2023"). With a source date, "this year" becomes that year.
pub fn period(text: &str, source_date: Option<&str>) -> Option<String> {
    // "have died since the outbreak began last month", "the most since
    // 2019": a period after "since" is where a running count starts, not
    // the time the count is of.
    let since = since_at(text);
    if let Some(m) = THIS_PERIOD.find(text).filter(|m| m.start() < since) {
        let lower = m.as_str().to_lowercase();
        let unit = if lower.contains("month") {
            "month"
        } else if lower.contains("week") {
            "week"
        } else {
            "year"
        };
        let relation = if lower.starts_with("last") {
            "last"
        } else if lower.starts_with("next") {
            "next"
        } else {
            "this"
        };
        // With a publication date, "this year", "last year" and "next year" are
        // calendar years, comparable with years written out ("in 2025").
        if unit == "year" {
            if let Some(year) = source_date
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse::<i32>().ok())
            {
                let offset = match relation {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                return Some((year + offset).to_string());
            }
        }
        return Some(format!("{relation}-{unit}"));
    }
    YEAR.find(text)
        .filter(|m| m.start() < since)
        .map(|m| m.as_str().to_string())
}

/// Where the word "since" is in `text` (any case), or the text's length.
fn since_at(text: &str) -> usize {
    text.match_indices("since")
        .chain(text.match_indices("Since"))
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + 5..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .min()
        .unwrap_or(text.len())
}

/// The period stated in the clause around `[start, end)` (between commas, semicolons,
/// dashes or brackets), so "the third flight for Resilience, which flew in 2020" is
/// not read as a claim about 2020.
pub fn period_near(
    text: &str,
    start: usize,
    end: usize,
    source_date: Option<&str>,
) -> Option<String> {
    const CLAUSE_BREAKS: &[char] = &[',', ';', '—', '–', '(', ')'];
    // Clauses are short; looking no further than this keeps long lines linear.
    const REACH: usize = 300;
    let back = super::tail(text, start, REACH);
    let back_start = start - back.len();
    let clause_start = back.rfind(CLAUSE_BREAKS).map_or(back_start, |i| {
        back_start + i + back[i..].chars().next().map_or(1, char::len_utf8)
    });
    let ahead_end = super::char_floor(text, (end + REACH).min(text.len()));
    let clause_end = text[end..ahead_end]
        .find(CLAUSE_BREAKS)
        .map_or(ahead_end, |i| end + i);
    period(&text[clause_start..clause_end], source_date)
}

static SAID_BY: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(concat!(
        r"(?i:according\s+to)\s+(?:the\s+)?(?P<a>(?:\p{Lu}[\p{L}.’'-]*\s?){1,4}|\p{Ll}+)",
        r"|^(?:The\s+)?(?P<c>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2})\s+(?:said|say|says|claimed|claim|claims|estimated|estimate|estimates|reported|report|reports)\s+(?:that\s+)?(?:about\s+|some\s+|more\s+than\s+|at\s+least\s+)?\d",
        r"|,\s*(?:the\s+)?(?P<b>\p{Ll}+|(?:\p{Lu}[\p{L}.’'-]*\s?){1,4})\s+(?:said|say|says|claimed|claim|claims|estimated|estimate|estimates|reported|report|reports)\s*[.,;]?$",
    ))
});

/// Who a sentence credits its claims to ("according to police", "…, organisers
/// said"), lower-cased, if anyone.
pub fn attribution(text: &str) -> Option<String> {
    let text = text.trim_end();
    party(&SAID_BY.on(text).captures(text)?)
}

fn party(caps: &regex::Captures) -> Option<String> {
    let who = caps
        .name("a")
        .or_else(|| caps.name("b"))
        .or_else(|| caps.name("c"))?
        .as_str()
        .trim();
    let who = who
        .trim_start_matches("the ")
        .trim_end_matches(['.', ','])
        .trim();
    (!who.is_empty()).then(|| who.to_lowercase())
}

/// Who a sentence credits its claims to and the stretch of it the credit covers,
/// as byte offsets into `text`: "according to the coast guard" at the end of
/// "48 crew were aboard; 12 were rescued, according to the coast guard" covers
/// "12 were rescued" only, so the first clause's figure stays the story's own
/// and is compared with every party's. A credit that opens the sentence
/// ("According to police, …", "Police said …") covers it to its end.
pub fn attribution_scope(text: &str) -> Option<(String, usize, usize)> {
    let trimmed = text.trim_end();
    let opening = opening_party(trimmed);
    let Some(caps) = SAID_BY.on(trimmed).captures(trimmed) else {
        return opening;
    };
    // "The survey put its depth at 35 km, officials said": the figure is the
    // subject's estimate, which the officials only relay; a credit in a later
    // clause ("…; 12 were rescued, police said") keeps that clause.
    if let Some(opening) = opening {
        if caps.get(0).is_some_and(|m| m.start() < opening.2) {
            return Some(opening);
        }
    }
    let party = party(&caps)?;
    let phrase = caps.get(0)?;
    let opens = trimmed[..phrase.start()].trim().is_empty();
    if opens || caps.name("c").is_some() {
        return Some((party, 0, text.len()));
    }
    let start = clause_break_before(trimmed, phrase.start());
    let end = clause_break_after(trimmed, phrase.end()).unwrap_or(text.len());
    Some((party, start, end))
}

/// A sentence-opening subject, an optional appositive, up to two auxiliaries or
/// adverbs and a verb that states or estimates a figure: "The water board,
/// Xxx Yyy, has estimated …", "The port authority put the bill at …", "The
/// airline's own engineers expect …". The subject is checked word by word
/// afterwards (`party_words`), since a pattern cannot tell a noun phrase from
/// "After the storm" or "It". The subject is the shortest that reaches a verb,
/// so in "The board has put …" "has" is read as the auxiliary.
static OPENING_PARTY: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(concat!(
        r"^(?P<the>The\s+)?(?P<np>[\p{L}][\p{L}’'.-]*(?:\s+[\p{L}][\p{L}’'.-]*){0,4}?)",
        r"(?:,\s*[^,;]{1,80},)?",
        r"\s+(?:(?:has|have|had|will|would|now|also|initially|earlier|previously|separately)\s+){0,2}",
        r"(?P<v>said|says|say|told|estimated|estimates|estimate|put|puts|placed|places|expects|expect|expected|forecast|forecasts|projected|projects|predicted|predicts|calculated|calculates|reckoned|reckons)\b",
    ))
});

/// Words that cannot be part of a party's name at the head of a sentence:
/// pronouns and determiners (whose referent is read elsewhere), prepositions and
/// conjunctions (which open a clause, not a subject) and auxiliaries.
const NOT_PARTY_WORDS: &[&str] = &[
    "a", "after", "all", "also", "an", "and", "are", "as", "at", "before", "both", "but", "by",
    "each", "for", "from", "had", "has", "have", "he", "her", "here", "his", "i", "if", "in", "is",
    "it", "its", "many", "most", "my", "no", "not", "of", "on", "one", "only", "or", "our", "she",
    "so", "some", "that", "their", "then", "there", "these", "they", "this", "those", "to", "was",
    "we", "were", "what", "when", "which", "while", "who", "will", "with", "would", "you",
];

/// The party a sentence opens with when it states or estimates what follows
/// ("The water board, Xxx Yyy, has estimated that new pipes would cost about
/// $9m"), lower-cased without its article, and the stretch its credit covers:
/// from the start to the end of the verb's clause. Two parties' estimates of one
/// cost are two views, like the police's count of a crowd and its organisers'.
fn opening_party(text: &str) -> Option<(String, usize, usize)> {
    let lead = text.len() - text.trim_start().len();
    let text_from = &text[lead..];
    let caps = OPENING_PARTY.on(text_from).captures(text_from)?;
    let np = caps.name("np")?.as_str();
    if !party_words(np, caps.name("the").is_some()) {
        return None;
    }
    let verb = caps.name("v")?;
    let verb_end = lead + verb.end();
    let end = clause_break_after(text, verb_end).unwrap_or(text.len());
    // "put" and "placed" state a figure only as "put … at": "put forward a
    // plan" credits nothing.
    if matches!(verb.as_str(), "put" | "puts" | "placed" | "places")
        && !text[verb_end..end].contains(" at ")
    {
        return None;
    }
    Some((party_key(np), 0, end))
}

/// One party, however a source names it: a capitalised name by its last word
/// ("President Xxx Yyy" and "Yyy" are one speaker; a name with "of" keeps its
/// words, "Ministry of Health"), a description without its possessives ("the
/// ferry's operator" and "the ferry operator"). Merging two parties only lets
/// their figures be compared, as before attribution was read.
fn party_key(np: &str) -> String {
    let words: Vec<&str> = np.split_whitespace().collect();
    let named = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if named && words.len() > 1 {
        if let Some(last) = words.last() {
            return last.to_lowercase();
        }
    }
    words
        .iter()
        .map(|w| super::strip_possessive(w).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `np` reads as a party: no pronoun, preposition or auxiliary (an
/// "of" only inside a capitalised name, "Ministry of Health"), and without "The"
/// a capitalised name or a bare plural at the sentence's head ("Police",
/// "Inspectors", "Xxx Yyy").
fn party_words(np: &str, has_article: bool) -> bool {
    let words: Vec<&str> = np.split_whitespace().collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    words.iter().enumerate().all(|(i, w)| {
        let lower = w.to_lowercase();
        if lower == "of" {
            return i > 0
                && capitalised(words[i - 1])
                && words.get(i + 1).is_some_and(|next| capitalised(next));
        }
        if NOT_PARTY_WORDS.contains(&lower.as_str()) {
            return false;
        }
        has_article || i == 0 || capitalised(w)
    })
}

/// Where clauses join: a semicolon, a dash, or a comma before a conjunction
/// that starts a new clause ("…, and 12 were rescued").
const CLAUSE_JOINS: &[&str] = &[
    "; ",
    " — ",
    " – ",
    " -- ",
    ", and ",
    ", but ",
    ", while ",
    ", whereas ",
    ", although ",
    ", though ",
    ", with ",
];

/// Every clause joint in one automaton: one pass finds them all, where a
/// search per joint built a substring searcher eleven times for each side of
/// each attributed sentence.
static CLAUSE_JOINTS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(CLAUSE_JOINS).expect("clause joints build an automaton")
});

/// Just after the last clause joint before `at` (every occurrence counts,
/// overlapping ones too), or 0.
fn clause_break_before(text: &str, at: usize) -> usize {
    CLAUSE_JOINTS
        .find_overlapping_iter(&text[..at])
        .map(|m| m.end())
        .max()
        .unwrap_or(0)
}

/// Where the first clause joint after `at` starts.
fn clause_break_after(text: &str, at: usize) -> Option<usize> {
    CLAUSE_JOINTS
        .find_overlapping_iter(&text[at..])
        .map(|m| m.start())
        .min()
        .map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exact_count_keeps_its_last_digit() {
        let count = hedged_interval(26_912.0, 26_912.0, None);
        assert!(count.hi < 27_000.0 && count.lo > 26_880.0, "{count:?}");
        // A round figure keeps the tolerance of its rounding.
        let round = hedged_interval(27_000.0, 27_000.0, None);
        assert!(round.lo <= 26_000.0 && round.hi >= 28_000.0, "{round:?}");
        // Three significant digits of a large figure are its own digits.
        let millions = hedged_interval(412e6, 412e6, None);
        assert_eq!((millions.lo, millions.hi), (411.5e6, 412.5e6));
        let swapped = hedged_interval(421e6, 421e6, None);
        assert!(swapped.lo > millions.hi, "{swapped:?}");
        let rounded = hedged_interval(1.5e6, 1.5e6, None);
        assert!(rounded.lo <= 1.43e6 && rounded.hi >= 1.57e6, "{rounded:?}");
        let tens = hedged_interval(2_350.0, 2_350.0, None);
        assert_eq!((tens.lo, tens.hi), (2_345.0, 2_355.0));
        // Below a thousand, 1 % for conversions' rounding, as before.
        let small = hedged_interval(701.0, 701.0, None);
        assert!((small.lo - 693.99).abs() < 1e-9, "{small:?}");
    }

    #[test]
    fn hedges_are_read_before_a_number() {
        let text = "Ukraine reports over 19,000 children";
        let at = text.find("19,000").unwrap();
        assert_eq!(hedge_before(text, at), Some(("over", Bound::Above)));
        let text = "at least 10 people";
        assert_eq!(hedge_before(text, 9), Some(("at least", Bound::AtLeast)));
        assert_eq!(hedge_before("moreover 5", 9), None);
    }

    #[test]
    fn periods() {
        assert_eq!(
            period("for the sixth time this year", None).as_deref(),
            Some("this-year")
        );
        assert_eq!(
            period("for the sixth time this year", Some("2025-12-02")).as_deref(),
            Some("2025")
        );
        assert_eq!(
            period("the Biden administration's 2023 sanctions", None).as_deref(),
            Some("2023")
        );
        assert_eq!(period("on Tuesday", None), None);
    }

    #[test]
    fn period_is_read_in_the_clause_only() {
        let text = "It is the third flight for Resilience, which flew in 2020.";
        let at = text.find("third").unwrap();
        assert_eq!(period_near(text, at, at + 5, None), None);
        let text = "MANILA — the fourth storm this year — hit";
        let at = text.find("fourth").unwrap();
        assert_eq!(
            period_near(text, at, at + 6, None).as_deref(),
            Some("this-year")
        );
    }

    #[test]
    fn a_final_attribution_covers_its_own_clause() {
        let text = "The ward had 40 beds; 31 were taken, according to the health board.";
        let (party, start, end) = attribution_scope(text).unwrap();
        assert_eq!(party, "health");
        assert_eq!(&text[start..start + 2], "31");
        assert_eq!(end, text.len());
        let text = "Some 212 runners started, and 190 finished, the organisers said.";
        let (_, start, _) = attribution_scope(text).unwrap();
        assert!(text[..start].contains("212") && !text[..start].contains("190"));
        let text = "According to the ministry, 12 schools closed; 30 stayed open.";
        let (_, start, end) = attribution_scope(text).unwrap();
        assert_eq!((start, end), (0, text.len()));
        let text = "Inspectors said 18 hives were lost and 4 survived.";
        assert_eq!(attribution_scope(text).unwrap().1, 0);
    }

    #[test]
    fn an_opening_party_credits_its_own_clause() {
        let text = "The water board, Xxx Yyy, has estimated that the pipes would cost about $9m.";
        assert_eq!(
            attribution_scope(text),
            Some(("water board".to_string(), 0, text.len()))
        );
        let text = "The rail operator's own engineers put the repair bill at $4m; the line reopens in 2027.";
        let (party, start, end) = attribution_scope(text).unwrap();
        assert_eq!(party, "rail operator own engineers");
        assert_eq!(start, 0);
        assert!(text[..end].ends_with("$4m"));
        let text = "The water board put the pipes' cost at $12m, officials said.";
        assert_eq!(attribution_scope(text).unwrap().0, "water board");
        let text = "The water board has put the pipes' cost at $12m.";
        assert_eq!(attribution_scope(text).unwrap().0, "water board");
        let text = "Health Minister Xxx Yyy said 3,000 beds were ready.";
        assert_eq!(attribution_scope(text).unwrap().0, "yyy");
        let text = "The ferry's operator said 40 cars were aboard.";
        assert_eq!(attribution_scope(text).unwrap().0, "ferry operator");
        let text = "The Ministry of Health expects 3,000 cases this winter.";
        assert_eq!(attribution_scope(text).unwrap().0, "ministry of health");
        // Pronouns, clause openers and "put forward" credit nobody.
        assert_eq!(attribution_scope("It estimated the cost at $3m."), None);
        assert_eq!(
            attribution_scope("After the flood the council said 40 homes were lost."),
            None
        );
        assert_eq!(
            attribution_scope("The council put forward a plan costing $3m."),
            None
        );
        assert_eq!(
            attribution_scope("The council has not said whether it will pay $3m."),
            None
        );
    }

    #[test]
    fn clause_breaks_are_the_nearest_joints_either_side() {
        let text = "a; b, and c — D, while e; f";
        let at = text.find('D').unwrap();
        assert_eq!(clause_break_before(text, at), at);
        assert_eq!(clause_break_after(text, at), text.find(", while"));
        // Overlapping joints (" — " and " – " share a space): the later one counts.
        let text = "x — – y";
        assert_eq!(
            clause_break_before(text, text.len()),
            text.find('y').unwrap()
        );
        assert_eq!(clause_break_after("no joint here", 0), None);
    }

    #[test]
    fn attribution_names_the_party() {
        assert_eq!(
            attribution("12 people were hurt, police said.").as_deref(),
            Some("police")
        );
        assert_eq!(
            attribution("30 people were hurt, according to the organisers.").as_deref(),
            Some("organisers")
        );
        assert_eq!(
            attribution("The toll rose to 30, the Red Cross said.").as_deref(),
            Some("red cross")
        );
        assert_eq!(attribution("Prosecutors had asked for 30 years."), None);
        assert_eq!(
            attribution("Police said 12 protesters were arrested.").as_deref(),
            Some("police")
        );
    }
}

/// "in Kent and Sussex", "across Kent, Essex and Sussex": several places
/// named together right after a figure, before its clause ends.
static PLACES_TOGETHER: LazyLock<Regex> = LazyLock::new(|| {
    let place = r"\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}";
    Regex::new(&format!(
        r"^[^,;:.!?()]{{0,40}}?(?-u:\b)(?:in|across)\s+(?P<places>{place}(?:,\s+{place})*,?\s+and\s+{place})"
    ))
    .expect("valid regex")
});

/// The places a figure is a total over, when the words after it name several
/// together ("52 people in Kent and Sussex" → "kent and sussex"): a
/// total over several places is not the figure of one of them ("40 people in
/// Kent"), so the two are never compared. Days and months are no places.
pub fn places_together(after: &str) -> Option<String> {
    if !after.contains(" and ") {
        return None;
    }
    let places = PLACES_TOGETHER.captures(after)?.name("places")?.as_str();
    let words: Vec<&str> = places
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| super::is_calendar_word(w)) {
        return None;
    }
    Some(crate::knowledge::fold(&words.join(" ")))
}

#[cfg(test)]
mod places_together_tests {
    use super::places_together;

    #[test]
    fn several_places_after_a_figure_are_its_scope() {
        assert_eq!(
            places_together(" people in Kent and Sussex, officials said."),
            Some("kent and sussex".into())
        );
        assert_eq!(
            places_together(" homes across Kent, Essex and Sussex."),
            Some("kent essex and sussex".into())
        );
        // One place, a clause that ends first, months: no scope.
        assert_eq!(
            places_together(" people in Kent; Sussex and Essex said"),
            None
        );
        assert_eq!(places_together(" people in Kent."), None);
        assert_eq!(places_together(" cases in March and April."), None);
    }
}
