//! Typed slots: the recognisers a pattern's `$name:type` calls at a token. Each
//! is written once here and shared by every pattern; each reads the longest
//! stretch of tokens it can and returns the value a claim compares.

use super::qualifiers::{hedge_words, last_significant_unit, Bound};
use super::tokens::{Shape, Token};
use crate::claim::{Interval, Text, Value};
use crate::normalize::number::{parse_number, parse_ordinal};
use compact_str::format_compact;
use regex::Regex;

/// The kinds of slot a pattern may name.
#[derive(Debug, Clone)]
pub enum SlotKind {
    Number,
    Ordinal,
    Money,
    Percent,
    Duration,
    /// A physical measure with its unit: a length, speed, area or mass,
    /// converted to one unit per dimension.
    Measure,
    /// A change of a rate in basis points: "25 basis points", "0.25 percentage
    /// point", "a quarter-point", "half a percentage point".
    Points,
    Date,
    /// When something old was made or lived: a century or millennium ("the
    /// 8th century BC", "the late 12th century") or an age of centuries
    /// ("about 2,500 years", read before "old" or "ago"), as an interval of
    /// calendar years (BC negative), the age counted back from the source's
    /// date.
    Era,
    Person,
    Organisation,
    Place,
    Quotation,
    Identifier,
    /// Any one word.
    Word,
    /// One word that is not a name: lower case, or capitalised only because it
    /// starts the sentence ("Exports rose", "prices in Accra rose").
    Noun,
    /// One token whose text matches the expression (anchored at both ends).
    Regex(Regex),
}

impl SlotKind {
    /// Every slot type by the name rule files use.
    pub const NAMES: &'static [&'static str] = &[
        "number",
        "ordinal",
        "money",
        "percent",
        "duration",
        "measure",
        "points",
        "date",
        "era",
        "person",
        "organisation",
        "place",
        "quotation",
        "identifier",
        "word",
        "noun",
    ];

    pub fn by_name(name: &str) -> Option<SlotKind> {
        Some(match name {
            "number" => SlotKind::Number,
            "ordinal" => SlotKind::Ordinal,
            "money" => SlotKind::Money,
            "percent" => SlotKind::Percent,
            "duration" => SlotKind::Duration,
            "measure" => SlotKind::Measure,
            "points" => SlotKind::Points,
            "date" => SlotKind::Date,
            "era" => SlotKind::Era,
            "person" => SlotKind::Person,
            "organisation" | "organization" => SlotKind::Organisation,
            "place" => SlotKind::Place,
            "quotation" => SlotKind::Quotation,
            "identifier" => SlotKind::Identifier,
            "word" => SlotKind::Word,
            "noun" => SlotKind::Noun,
            _ => return None,
        })
    }

    /// Whether a value of this kind names someone or something a claim can be about.
    pub fn is_person(&self) -> bool {
        matches!(self, SlotKind::Person)
    }
}

/// What a slot read: up to token `end` (exclusive), with the value it states and
/// the hedge written before a figure.
#[derive(Debug, Clone)]
pub struct SlotMatch {
    pub end: usize,
    pub value: Value,
    pub hedge: Option<(&'static str, Bound)>,
    /// A period relative to a publication date the source does not give ("next
    /// year" in an undated article): comparable only with others of its kind.
    pub relative: bool,
}

/// What recognisers need besides the tokens.
pub struct SlotContext<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// The source's publication date (`YYYY-MM-DD`), for dates written without a year.
    pub source_date: Option<&'a str>,
}

impl SlotContext<'_> {
    fn lower(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
    }

    fn written(&self, from: usize, to: usize) -> &str {
        &self.text[self.tokens[from].start..self.tokens[to - 1].end]
    }

    /// Whether a slot of `kind` can start at token `at`: a cheap test that lets
    /// a pattern skip a start without reading the slot. Never false where
    /// [`SlotContext::read`] would read one.
    pub fn may_start(&self, kind: &SlotKind, at: usize) -> bool {
        let Some(token) = self.tokens.get(at) else {
            return false;
        };
        let figure_like = || {
            token.has_digit()
                || parse_number(&token.lower).is_some()
                || token.lower == "a"
                || self.hedge(at).0.is_some()
                || token.lower.split_once('-').is_some()
        };
        match kind {
            SlotKind::Number | SlotKind::Percent | SlotKind::Duration | SlotKind::Measure => {
                figure_like()
            }
            SlotKind::Points => {
                figure_like() || matches!(token.lower.as_str(), "half" | "quarter" | "three")
            }
            SlotKind::Money => {
                figure_like()
                    || token.shape == Shape::Punct
                    || token.is_capitalised()
                    || token.lower.len() <= 2
            }
            SlotKind::Ordinal => parse_ordinal(&token.lower).is_some(),
            SlotKind::Identifier => token.has_digit(),
            SlotKind::Person | SlotKind::Organisation | SlotKind::Place => token.is_capitalised(),
            SlotKind::Quotation => token.shape == Shape::Quote,
            _ => true,
        }
    }

    /// Reads a slot of `kind` starting at token `at`.
    pub fn read(&self, kind: &SlotKind, at: usize) -> Option<SlotMatch> {
        if at >= self.tokens.len() {
            return None;
        }
        match kind {
            SlotKind::Number => self.number(at),
            SlotKind::Ordinal => self.ordinal(at),
            SlotKind::Money => self.money(at),
            SlotKind::Percent => self.percent(at),
            SlotKind::Duration => self.duration(at),
            SlotKind::Measure => self.measure(at),
            SlotKind::Points => self.points(at),
            SlotKind::Date => self.date(at),
            SlotKind::Era => self.era(at),
            SlotKind::Person => self.person(at),
            SlotKind::Organisation => self.organisation(at),
            SlotKind::Place => self.place(at),
            SlotKind::Quotation => self.quotation(at),
            SlotKind::Identifier => self.identifier(at),
            SlotKind::Word => {
                let token = &self.tokens[at];
                token.is_word().then(|| self.words(at, at + 1))
            }
            SlotKind::Noun => {
                let token = &self.tokens[at];
                let sentence_initial = self.tokens[..at].iter().all(|t| !t.is_word());
                let noun = match token.shape {
                    Shape::Lower => !is_function_word(&token.lower),
                    Shape::Capitalised => sentence_initial,
                    _ => false,
                };
                // A word that starts a date ("late next year") is the date's.
                (noun && self.date(at).is_none()).then(|| self.words(at, at + 1))
            }
            SlotKind::Regex(regex) => {
                let token = &self.tokens[at];
                regex
                    .is_match(&self.text[token.start..token.end])
                    .then(|| self.words(at, at + 1))
            }
        }
    }

    /// A text value: the words as written, compared without case.
    fn words(&self, from: usize, to: usize) -> SlotMatch {
        let written = self.written(from, to);
        SlotMatch {
            end: to,
            value: Value::text(written, crate::knowledge::fold(written)),
            hedge: None,
            relative: false,
        }
    }

    /// A hedge ("more than", "nearly") at `at`: its words and the token after it.
    fn hedge(&self, at: usize) -> (Option<(&'static str, Bound)>, usize) {
        // Most tokens start no hedge: one lookup instead of trying every hedge.
        static FIRST_WORDS: std::sync::LazyLock<Vec<&'static str>> =
            std::sync::LazyLock::new(|| {
                let mut words: Vec<&str> = hedge_words()
                    .iter()
                    .filter_map(|(words, _)| words.split(' ').next())
                    .collect();
                words.sort_unstable();
                words.dedup();
                words
            });
        if FIRST_WORDS.binary_search(&self.lower(at)).is_err() {
            return (None, at);
        }
        for &(words, bound) in hedge_words() {
            let mut i = at;
            let mut all = true;
            for word in words.split(' ') {
                if self.lower(i) != word {
                    all = false;
                    break;
                }
                i += 1;
            }
            if all {
                return (Some((words, bound)), i);
            }
        }
        (None, at)
    }

    /// A bare figure at `at` without a hedge: the value and the token after it.
    /// Digits ("8,200", "2.5"), digits with a scale ("3.5m", "2bn", "3 million"),
    /// number words ("twelve", "twenty-one", "three dozen", "four hundred").
    fn figure(&self, at: usize) -> Option<(f64, usize)> {
        let token = self.tokens.get(at)?;
        let lower = token.lower.as_str();
        let (mut value, mut next) = match token.shape {
            Shape::Number => (parse_number(lower)?, at + 1),
            Shape::Mixed => {
                let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
                let scale = scale_suffix(&lower[digits.len()..])?;
                return Some((parse_number(digits)? * scale, at + 1));
            }
            Shape::Lower | Shape::Capitalised => {
                if lower == "a" && self.lower(at + 1) == "dozen" {
                    (12.0, at + 2)
                } else {
                    let v = parse_number(lower)?;
                    (v, at + 1)
                }
            }
            _ => return None,
        };
        if token.shape != Shape::Number && self.lower(next) == "dozen" {
            value *= 12.0;
            next += 1;
        }
        if self.lower(next) == "hundred" {
            value *= 100.0;
            next += 1;
        }
        if let Some(scale) = scale_word(self.lower(next)) {
            value *= scale;
            next += 1;
        }
        Some((value, next))
    }

    fn number(&self, at: usize) -> Option<SlotMatch> {
        let (hedge, at_figure) = self.hedge(at);
        let (value, end) = self.figure(at_figure)?;
        Some(SlotMatch {
            end,
            value: Value::number(display(value), Interval::exact(value)),
            hedge,
            relative: false,
        })
    }

    fn ordinal(&self, at: usize) -> Option<SlotMatch> {
        let n = parse_ordinal(self.lower(at))?;
        Some(SlotMatch {
            end: at + 1,
            value: Value::number(format_compact!("{n}"), Interval::exact(f64::from(n))),
            hedge: None,
            relative: false,
        })
    }

    /// "$45m", "US$1.2 billion", "€700m", "£2.9bn", "40 million cedis",
    /// "USD 3.6 million"; "$45m (€41m)" is one figure in two currencies, the
    /// second kept as an alias. The key is the currency and the amount.
    fn money(&self, at: usize) -> Option<SlotMatch> {
        let (hedge, at) = self.hedge(at);
        let (currency, amount, end) = self.amount(at)?;
        let mut end = end;
        // "$6–8 million", "$6 million to $8 million": one range, the scale written
        // at its end applying to a start written without one.
        let mut range = None;
        if matches!(self.lower(end), "-" | "–" | "to") {
            let figure_at = if currency_symbol(self.lower(end + 1)) == Some(currency) {
                end + 2
            } else {
                end + 1
            };
            if let Some((upper, after)) = self.figure(figure_at) {
                let written_scale = self.tokens.get(end - 1).is_some_and(|t| {
                    scale_word(t.lower.as_str()).is_some() || t.shape == Shape::Mixed
                });
                let lower = if written_scale || upper <= amount {
                    amount
                } else {
                    let bare = parse_number(
                        self.lower(figure_at)
                            .trim_end_matches(|c: char| c.is_ascii_alphabetic()),
                    );
                    let scale = bare.filter(|b| *b > 0.0).map_or(1.0, |b| upper / b);
                    amount * scale
                };
                if upper > lower {
                    range = Some((lower, upper));
                    end = after;
                }
            }
        }
        let mut aliases = Vec::new();
        if self.lower(end) == "(" {
            // "€68m (about $78m)", "€68m (~$78m)": a conversion may be hedged.
            let (_, inner) = self.hedge(end + 1);
            let inner = if self.lower(inner) == "~" {
                inner + 1
            } else {
                inner
            };
            if let Some((other, other_amount, after)) = self.amount(inner) {
                if self.lower(after) == ")" {
                    aliases.push(format_compact!("{other} {}", display(other_amount)));
                    end = after + 1;
                }
            }
        }
        let (key, interval) = match range {
            Some((lo, hi)) => (
                format_compact!("{currency} {}-{}", display(lo), display(hi)),
                Interval { lo, hi },
            ),
            None => (
                format_compact!("{currency} {}", display(amount)),
                Interval::exact(amount),
            ),
        };
        Some(SlotMatch {
            end,
            value: Value {
                canonical: key.clone(),
                key,
                interval: Some(interval),
                aliases: aliases.into_boxed_slice(),
            },
            hedge,
            relative: false,
        })
    }

    /// A currency and an amount at `at`: (ISO code, amount, token after).
    fn amount(&self, at: usize) -> Option<(&'static str, f64, usize)> {
        // A symbol or code first: "$", "US$" (two tokens "US" "$"), "€", "USD".
        let (currency, figure_at) = match currency_symbol(self.lower(at)) {
            Some(c) => (Some(c), at + 1),
            // Written together only: in "a $110m heist" the "a" is the article.
            None if self.lower(at + 1) == "$"
                && matches!(self.lower(at), "us" | "a" | "c" | "nz" | "hk" | "s")
                && self
                    .tokens
                    .get(at)
                    .zip(self.tokens.get(at + 1))
                    .is_some_and(|(prefix, symbol)| prefix.end == symbol.start) =>
            {
                (currency_symbol(&format!("{}$", self.lower(at))), at + 2)
            }
            None => match currency_code(self.lower(at)) {
                Some(c)
                    if self
                        .tokens
                        .get(at)
                        .is_some_and(|t| t.shape == Shape::AllCaps) =>
                {
                    (Some(c), at + 1)
                }
                _ => (None, at),
            },
        };
        let (amount, after) = self.figure(figure_at)?;
        if let Some(currency) = currency {
            return Some((currency, amount, after));
        }
        let currency = currency_word(self.lower(after))?;
        Some((currency, amount, after + 1))
    }

    /// "17%", "17 percent", "17 per cent"; percentage points are not percents.
    fn percent(&self, at: usize) -> Option<SlotMatch> {
        let (hedge, at) = self.hedge(at);
        let (value, next) = self.figure(at)?;
        let end = match self.lower(next) {
            "%" => next + 1,
            "percent" => next + 1,
            "per" if self.lower(next + 1) == "cent" => next + 2,
            _ => return None,
        };
        Some(figure_match(
            format_compact!("{}%", display(value)),
            value,
            end,
            hedge,
        ))
    }

    /// "nine years", "18 months", "a two-year term" ("two-year" is one token);
    /// compared in days.
    fn duration(&self, at: usize) -> Option<SlotMatch> {
        let (hedge, at) = self.hedge(at);
        let (mut value, unit, mut end) = match self.figure(at) {
            Some((value, next)) => {
                // "two and a half years"
                let (value, next) = match self.and_a_half(next) {
                    Some(after) => (value + 0.5, after),
                    None => (value, next),
                };
                let unit = time_unit(self.lower(next))?;
                (value, unit, next + 1)
            }
            // "nearly a year", "more than a decade": the article is one unit
            // (a day or longer: "a second" is more often an ordinal).
            None if matches!(self.lower(at), "a" | "an") => {
                let unit = time_unit(self.lower(at + 1)).filter(|(_, days)| *days >= 1.0)?;
                (1.0, unit, at + 2)
            }
            None => {
                // "two-year": a number word and a unit joined by a hyphen.
                let (number, unit) = self.lower(at).split_once('-')?;
                (parse_number(number)?, time_unit(unit)?, at + 1)
            }
        };
        // "a year and a half", "two years and a half"
        if let Some(after) = self.and_a_half(end) {
            value += 0.5;
            end = after;
        }
        let (name, days) = unit;
        let plural = if value == 1.0 { "" } else { "s" };
        Some(SlotMatch {
            end,
            value: Value::number(
                format_compact!("{} {name}{plural}", display(value)),
                Interval::exact(value * days),
            ),
            hedge,
            relative: false,
        })
    }

    /// The token after "and a half" (or "and one half") starting at `at`.
    fn and_a_half(&self, at: usize) -> Option<usize> {
        (self.lower(at) == "and"
            && matches!(self.lower(at + 1), "a" | "one")
            && self.lower(at + 2) == "half")
            .then_some(at + 3)
    }

    /// "900 metres", "3,000 feet", "195 mph", "315 km/h (195 mph)", "120 sq km":
    /// converted to one unit per dimension (m, km/h, km², kg), the unit written
    /// first deciding the value and a bracketed conversion read as part of it.
    /// The key is the unit and the figure, so figures of two dimensions never meet.
    fn measure(&self, at: usize) -> Option<SlotMatch> {
        let (hedge, at) = self.hedge(at);
        let (value, next) = self.figure(at)?;
        let (unit, factor, mut end) = self.unit(next)?;
        if self.lower(end) == "(" {
            if let Some((_, next)) = self.figure(end + 1) {
                if let Some((other, _, after)) = self.unit(next) {
                    if other == unit && self.lower(after) == ")" {
                        end = after + 1;
                    }
                }
            }
        }
        let amount = value * factor;
        let shown = display(amount);
        Some(SlotMatch {
            end,
            value: Value {
                canonical: format_compact!("{shown} {unit}"),
                key: format_compact!("{unit} {shown}"),
                interval: Some(Interval::exact(amount)),
                aliases: Box::default(),
            },
            hedge,
            relative: false,
        })
    }

    /// A rate's change in basis points: "25 basis points", "25bp", "a
    /// 25-basis-point cut", "0.25 percentage point", "a quarter-point", "a
    /// quarter of a percentage point", "half a point", "three-quarters of a point".
    fn points(&self, at: usize) -> Option<SlotMatch> {
        let (hedge, mut at) = self.hedge(at);
        if self.lower(at) == "a" {
            at += 1;
        }
        let word = self.lower(at);
        // "25-basis-point", "half-point", "quarter-point", "three-quarter-point"
        if let Some(stem) = word
            .strip_suffix("-basis-point")
            .or_else(|| word.strip_suffix("-percentage-point"))
            .or_else(|| word.strip_suffix("-point"))
        {
            let per = if word.ends_with("-basis-point") {
                1.0
            } else {
                100.0
            };
            let value = match stem {
                "half" => 50.0,
                "quarter" => 25.0,
                "three-quarter" => 75.0,
                _ => parse_number(stem)? * per,
            };
            return Some(points_value(value, at + 1, hedge));
        }
        // "half a point", "a quarter of a percentage point", "three-quarters of a point"
        let fraction = match word {
            "half" => Some(50.0),
            "quarter" => Some(25.0),
            "three-quarters" => Some(75.0),
            _ => None,
        };
        if let Some(value) = fraction {
            let mut next = at + 1;
            if self.lower(next) == "of" {
                next += 1;
            }
            if self.lower(next) == "a" {
                next += 1;
            }
            if self.lower(next) == "percentage" {
                next += 1;
            }
            return matches!(self.lower(next), "point" | "points")
                .then(|| points_value(value, next + 1, hedge));
        }
        let (value, next) = self.figure(at)?;
        match (self.lower(next), self.lower(next + 1)) {
            ("basis", "point" | "points") => Some(points_value(value, next + 2, hedge)),
            ("bp" | "bps", _) => Some(points_value(value, next + 1, hedge)),
            ("percentage", "point" | "points") => {
                Some(points_value(value * 100.0, next + 2, hedge))
            }
            _ => None,
        }
    }

    /// A unit of length, speed, area or mass at `at`: its dimension's unit, the
    /// factor into it, and the token after it.
    fn unit(&self, at: usize) -> Option<(&'static str, f64, usize)> {
        const MILE: f64 = 1.609_344;
        let word = self.lower(at);
        let next = self.lower(at + 1);
        // Two- and three-token units first: "km/h", "miles per hour", "sq km".
        if next == "/" && matches!(self.lower(at + 2), "h" | "hr") && word == "km" {
            return Some(("km/h", 1.0, at + 3));
        }
        if next == "per" && self.lower(at + 2) == "hour" {
            let factor = match word {
                "miles" | "mile" => MILE,
                "kilometres" | "kilometers" | "km" => 1.0,
                _ => return None,
            };
            return Some(("km/h", factor, at + 3));
        }
        if matches!(word, "sq" | "square") {
            let factor = match next {
                "km" | "kilometres" | "kilometers" => 1.0,
                "miles" | "mi" => MILE * MILE,
                _ => return None,
            };
            return Some(("km²", factor, at + 2));
        }
        Some(match word {
            "kph" | "km/h" => ("km/h", 1.0, at + 1),
            "mph" => ("km/h", MILE, at + 1),
            "knots" | "knot" => ("km/h", 1.852, at + 1),
            "m" | "metres" | "meters" | "metre" | "meter" => ("m", 1.0, at + 1),
            "km" | "kilometres" | "kilometers" | "kilometre" | "kilometer" => ("m", 1000.0, at + 1),
            "feet" | "ft" | "foot" => ("m", 0.3048, at + 1),
            "miles" | "mile" => ("m", MILE * 1000.0, at + 1),
            "kg" | "kilograms" | "kilogrammes" => ("kg", 1.0, at + 1),
            "tonnes" | "tons" | "tonne" => ("kg", 1000.0, at + 1),
            _ => return None,
        })
    }

    /// "July 21", "Nov. 17", "17 November 2023", "July 21, 2025", "March 2024", "1962"
    /// and weekdays. A date is an interval of days (a month or a year is a wider
    /// one), so a death "in 1994" and one "on 2 April 1993" conflict while a birth
    /// "in 1962" and one "on 14 August 1962" agree. A date without a year takes the
    /// source's year; with no source date it is compared by month and day.
    fn date(&self, at: usize) -> Option<SlotMatch> {
        // "by June", "before the end of the year": no later than; "after", "since": no earlier.
        let bound = match self.lower(at) {
            "by" | "before" | "until" | "till" => Some(false),
            "after" | "since" => Some(true),
            _ => None,
        };
        let Some(from_start) = bound else {
            return self.period(at).or_else(|| self.calendar_date(at));
        };
        let mut inner = self.period(at + 1).or_else(|| self.calendar_date(at + 1))?;
        let interval = inner.value.interval?;
        inner.value.interval = Some(if from_start {
            Interval {
                lo: interval.lo,
                hi: f64::INFINITY,
            }
        } else {
            Interval {
                lo: f64::NEG_INFINITY,
                hi: interval.hi,
            }
        });
        let word = self.lower(at);
        inner.value.canonical = format_compact!("{word} {}", inner.value.canonical);
        inner.value.key = format_compact!("{word} {}", inner.value.key);
        Some(inner)
    }

    /// "the 8th century BC", "the early third millennium BCE", "the 12th
    /// century" (AD unless marked), or an age of at least two centuries
    /// ("about 2,500 years", "more than 4,000 years") counted back from the
    /// source's year: no person's age in years is that great, so an age here
    /// is a thing's.
    fn era(&self, at: usize) -> Option<SlotMatch> {
        self.century(at).or_else(|| self.age_in_years(at))
    }

    fn century(&self, at: usize) -> Option<SlotMatch> {
        let mut i = at;
        if self.lower(i) == "the" {
            i += 1;
        }
        // Thirds of the span: "early", "mid", "late".
        let part = match self.lower(i) {
            "early" => Some(0),
            "mid" | "middle" => Some(1),
            "late" => Some(2),
            _ => None,
        };
        if part.is_some() {
            i += 1;
        }
        let n = f64::from(parse_ordinal(self.lower(i)).filter(|n| (1..=60).contains(n))?);
        let span = match self.lower(i + 1) {
            "century" => 100.0,
            "millennium" => 1000.0,
            _ => return None,
        };
        let mut end = i + 2;
        let era = self.lower(end);
        let before_christ = matches!(era, "bc" | "bce" | "b.c" | "b.c.")
            || (era == "b" && self.lower(end + 1) == ".");
        if before_christ || matches!(era, "ad" | "ce" | "a.d" | "a.d.") {
            end += 1;
            // "B.C." may be read as "b.c" and its last dot; a bare "BC." ends
            // the sentence.
            if self.lower(end) == "." && era.contains('.') {
                end += 1;
            }
        }
        // Years counted from the era's start: the 8th century AD is 701–800,
        // the 8th century BC 800–701 BC, written here as -800..-701.
        let (mut lo, mut hi) = if before_christ {
            (-n * span, -(n - 1.0) * span - 1.0)
        } else {
            ((n - 1.0) * span + 1.0, n * span)
        };
        if let Some(third) = part {
            let width = (hi - lo + 1.0) / 3.0;
            lo = (lo + width * f64::from(third)).round();
            hi = (lo + width - 1.0).round();
        }
        let from = if self.lower(at) == "the" { at + 1 } else { at };
        Some(SlotMatch {
            end,
            value: era_value(self.written(from, end), Interval { lo, hi }),
            hedge: None,
            relative: false,
        })
    }

    fn age_in_years(&self, at: usize) -> Option<SlotMatch> {
        let year = self
            .source_date
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse::<f64>().ok())?;
        let (hedge, at_figure) = self.hedge(at);
        let (age, next) = self.figure(at_figure)?;
        if self.lower(next) != "years" || age < 200.0 {
            return None;
        }
        // Half the last significant digit, as for an exact count: "about 2,800
        // years" reaches back to 2,850 and forward to 2,750, not to 2,700
        // (which a source would write as such).
        let spread = (last_significant_unit(age) / 2.0).min(age * 0.1);
        let born = year - age;
        let interval = match hedge.map(|(_, bound)| bound) {
            // Older than stated: made no later than the year counted back.
            Some(Bound::Above | Bound::AtLeast) => Interval {
                lo: f64::NEG_INFINITY,
                hi: born,
            },
            Some(Bound::AtMost | Bound::Below) => Interval {
                lo: born,
                hi: f64::INFINITY,
            },
            Some(Bound::Nearly) => Interval {
                lo: born,
                hi: born + spread,
            },
            _ => Interval {
                lo: born - spread,
                hi: born + spread,
            },
        };
        Some(SlotMatch {
            end: next + 1,
            value: era_value(self.written(at, next + 1), interval),
            hedge: None,
            relative: false,
        })
    }

    /// Periods news writes relative to its own date, and quarters and halves:
    /// "the second quarter [of 2026]", "Q3", "early 2027", "mid-2027", "late next
    /// year", "next month", "the end of the year", "the first half".
    /// Without a year in the words, the source's year is the reference; in an
    /// undated source the period is kept relative (see [`SlotMatch::relative`]).
    fn period(&self, at: usize) -> Option<SlotMatch> {
        let source_year = self
            .source_date
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse::<i64>().ok());
        let source_month = self
            .source_date
            .and_then(|d| d.get(5..7))
            .and_then(|m| m.parse::<i64>().ok());
        let mut i = at;
        if self.lower(i) == "the" {
            i += 1;
        }
        // A period starts with one of a few words: anything else is not one.
        let opening = self.lower(i);
        let head_word = opening.split_once('-').map_or(opening, |(head, _)| head);
        if !matches!(
            head_word,
            "early"
                | "beginning"
                | "mid"
                | "middle"
                | "late"
                | "end"
                | "q1"
                | "q2"
                | "q3"
                | "q4"
                | "first"
                | "second"
                | "third"
                | "fourth"
                | "1st"
                | "2nd"
                | "3rd"
                | "4th"
                | "next"
                | "this"
                | "last"
                | "year"
        ) && self.year(i).is_none()
        {
            return None;
        }
        // Which part of a year: (first month, last month).
        let mut part: Option<(i64, i64)> = None;
        let mut month_offset: Option<i64> = None;
        let lower = self.lower(i).to_string();
        let (head, joined_year) = match lower.split_once('-') {
            Some((head, year)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => {
                (head.to_string(), year.parse::<i64>().ok())
            }
            _ => (lower.clone(), None),
        };
        match head.as_str() {
            "early" | "beginning" => part = Some((1, 4)),
            "mid" | "middle" => part = Some((5, 8)),
            "late" => part = Some((9, 12)),
            "end" => part = Some((10, 12)),
            "q1" | "q2" | "q3" | "q4" => {
                let q = i64::from(head.as_bytes()[1] - b'0');
                part = Some((3 * q - 2, 3 * q));
            }
            _ => {
                if let Some(q) =
                    crate::normalize::number::parse_ordinal(&head).filter(|q| (1..=4).contains(q))
                {
                    let q = i64::from(q);
                    match self.lower(i + 1) {
                        "quarter" => part = Some((3 * q - 2, 3 * q)),
                        "half" if q <= 2 => part = Some((6 * q - 5, 6 * q)),
                        _ => return None,
                    }
                    i += 1;
                }
            }
        }
        let mut year_words = i;
        if part.is_some() {
            year_words += 1;
            if joined_year.is_none() && matches!(self.lower(year_words), "of" | "-") {
                year_words += 1;
            }
        }
        let mut end = year_words;
        // The year: "2026", "next year", "this year", "the year", or none (the current).
        let (year, relative_years) = if let Some(year) = joined_year {
            end = i + 1;
            (Some(year), None)
        } else if let Some(year) = self.year(year_words) {
            end = year_words + 1;
            (Some(year), None)
        } else {
            let mut j = year_words;
            if self.lower(j) == "the" {
                j += 1;
            }
            let offset = match self.lower(j) {
                "next" => Some(1),
                "this" | "the" => Some(0),
                "last" => Some(-1),
                _ => None,
            };
            match (offset, self.lower(j + 1)) {
                (Some(offset), "year") => {
                    end = j + 2;
                    (None, Some(offset))
                }
                (Some(offset), "month") if part.is_none() => {
                    month_offset = Some(offset);
                    end = j + 2;
                    (None, Some(0))
                }
                _ if part.is_some()
                    && head != "end"
                    && head != "early"
                    && head != "late"
                    && head != "mid" =>
                {
                    // "the second quarter" alone: of the current year.
                    (None, Some(0))
                }
                _ => return None,
            }
        };
        let (reference, relative) = match (year, relative_years) {
            (Some(year), _) => (year, false),
            (None, Some(offset)) => match source_year {
                Some(source) => (source + offset, false),
                // No date to count from: a notional year, compared only with other
                // relative periods of undated sources.
                None => (1 + offset, true),
            },
            (None, None) => return None,
        };
        let (first_month, last_month) = match (part, month_offset) {
            (Some(part), _) => part,
            (None, Some(offset)) => {
                let month = source_month? + offset;
                (month, month)
            }
            (None, None) => (1, 12),
        };
        let (first_month, last_month) = (first_month.clamp(1, 12), last_month.clamp(1, 12));
        let first = days_from_civil(reference, first_month, 1);
        let last = days_from_civil(reference + last_month / 12, last_month % 12 + 1, 1) - 1;
        let written = self.written(at, end);
        let canonical = if relative {
            Text::from(written)
        } else if (first_month, last_month) == (1, 12) {
            format_compact!("{reference}")
        } else {
            format_compact!("{reference}-{first_month:02}..{last_month:02}")
        };
        let mut found = span_value(canonical, first, last, end);
        found.relative = relative;
        Some(found)
    }

    fn calendar_date(&self, at: usize) -> Option<SlotMatch> {
        if let Some(day) = weekday(self.lower(at)) {
            return Some(SlotMatch {
                end: at + 1,
                value: Value::text(&self.text[self.tokens[at].start..self.tokens[at].end], day),
                hedge: None,
                relative: false,
            });
        }
        let source_year = self
            .source_date
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse::<i64>().ok());
        // Month first: "July 21", "Nov. 17, 2023", "March 2024".
        if let Some(month) = month(self.lower(at)) {
            let mut next = at + 1;
            if self.lower(next) == "." {
                next += 1;
            }
            if let Some(day) = self.day(next) {
                next += 1;
                if self.lower(next) == "," && self.year(next + 1).is_some() {
                    next += 1;
                }
                let year = self.year(next);
                let end = if year.is_some() { next + 1 } else { next };
                return Some(self.day_value(year.or(source_year), month, day, at, end));
            }
            let year = self.year(next)?;
            let first = days_from_civil(year, month, 1);
            let last = days_from_civil(year + month / 12, month % 12 + 1, 1) - 1;
            return Some(span_value(
                format_compact!("{year}-{month:02}"),
                first,
                last,
                next + 1,
            ));
        }
        // Day first: "17 November 2023", "14 August".
        if let Some(day) = self.day(at) {
            let mut next = at + 1;
            if self.lower(next) == "of" {
                next += 1;
            }
            let month = month(self.lower(next))?;
            next += 1;
            if self.lower(next) == "." {
                next += 1;
            }
            let year = self.year(next);
            let end = if year.is_some() { next + 1 } else { next };
            return Some(self.day_value(year.or(source_year), month, day, at, end));
        }
        let year = self.year(at)?;
        let first = days_from_civil(year, 1, 1);
        let last = days_from_civil(year + 1, 1, 1) - 1;
        Some(span_value(format_compact!("{year}"), first, last, at + 1))
    }

    fn day_value(
        &self,
        year: Option<i64>,
        month: i64,
        day: i64,
        from: usize,
        end: usize,
    ) -> SlotMatch {
        match year {
            Some(year) if day <= days_in_month(year, month) => {
                let n = days_from_civil(year, month, day);
                span_value(format_compact!("{year}-{month:02}-{day:02}"), n, n, end)
            }
            // No year to place it in: compared by month and day only.
            _ => SlotMatch {
                end,
                value: Value::text(
                    self.written(from, end),
                    format_compact!("--{month:02}-{day:02}"),
                ),
                hedge: None,
                relative: false,
            },
        }
    }

    /// A day of the month: "5", "5th", "21st".
    fn day(&self, at: usize) -> Option<i64> {
        let token = self.tokens.get(at)?;
        let n = match token.shape {
            Shape::Number if !token.lower.contains([',', '.']) => token.lower.parse().ok()?,
            Shape::Mixed => i64::from(parse_ordinal(&token.lower)?),
            _ => return None,
        };
        (1..=31).contains(&n).then_some(n)
    }

    /// A year of four digits between 1000 and 2999.
    fn year(&self, at: usize) -> Option<i64> {
        let token = self.tokens.get(at)?;
        if token.shape != Shape::Number || token.lower.len() != 4 {
            return None;
        }
        let year: i64 = token.lower.parse().ok()?;
        (1000..3000).contains(&year).then_some(year)
    }

    /// A run of capitalised words, with the particles names and places carry
    /// between them ("Rosa de la Vega", "Ho Chi Minh City"), at most `max` words.
    /// Calendar words are never part of a name.
    fn capitalised_run(&self, at: usize, max: usize, joiners: &[&str]) -> Option<usize> {
        let starts = |i: usize| {
            self.tokens.get(i).is_some_and(|t| {
                t.is_capitalised() && month(&t.lower).is_none() && weekday(&t.lower).is_none()
            })
        };
        if !starts(at) {
            return None;
        }
        let mut end = at + 1;
        let mut words = 1;

        while words < max {
            if starts(end) {
                end += 1;
                words += 1;
                continue;
            }
            // Joiners only between two capitalised words ("Bank of Ghana").
            let mut j = end;
            while j < self.tokens.len()
                && joiners.contains(&self.lower(j))
                && self.tokens[j].shape == Shape::Lower
            {
                j += 1;
            }
            if j > end && starts(j) {
                end = j + 1;
                words += 1;
                continue;
            }
            break;
        }
        // A sentence's first word is capitalised whatever it is ("Officials",
        // "Beekeepers"): alone, it is a name only when written in capitals or
        // followed by an appositive's comma ("Okafor, born in…").
        let sentence_initial = self.tokens[..at].iter().all(|t| !t.is_word());
        if sentence_initial
            && words == 1
            && self.tokens[at].shape != Shape::AllCaps
            && self.lower(end) != ","
        {
            return None;
        }
        Some(end)
    }

    fn person(&self, at: usize) -> Option<SlotMatch> {
        const PARTICLES: &[&str] = &[
            "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von",
            "der", "den", "ter", "bin", "binti", "ibn", "al", "el", "y",
        ];
        // Right after "in", "at", "from"…, capitalised words name a place.
        if at > 0
            && matches!(
                self.lower(at - 1),
                "in" | "at"
                    | "from"
                    | "near"
                    | "to"
                    | "into"
                    | "outside"
                    | "across"
                    | "via"
                    | "towards"
            )
        {
            return None;
        }
        let end = self.capitalised_run(at, 5, PARTICLES)?;
        Some(self.words(at, end))
    }

    fn organisation(&self, at: usize) -> Option<SlotMatch> {
        let end = self.capitalised_run(at, 8, &["of", "for", "and", "&", "the", "on"])?;
        Some(self.words(at, end))
    }

    fn place(&self, at: usize) -> Option<SlotMatch> {
        const JOINERS: &[&str] = &[
            "of", "de", "la", "del", "do", "upon", "on", "du", "des", "da", "di", "della", "dos",
            "das",
        ];
        let mut end = self.capitalised_run(at, 5, JOINERS)?;
        // "Gare de l'Est", "Quai d'Orsay": an elided article joined to the
        // capitalised word it stands before ends the place.
        let mut next = end;
        while self
            .tokens
            .get(next)
            .is_some_and(|t| t.shape == Shape::Lower)
            && JOINERS.contains(&self.lower(next))
        {
            next += 1;
        }
        if self.tokens.get(next).is_some_and(|t| {
            let mut chars = self.text[t.start..t.end].chars();
            matches!(chars.next(), Some('l' | 'd'))
                && matches!(chars.next(), Some('\'' | '’'))
                && chars.next().is_some_and(char::is_uppercase)
        }) {
            end = next + 1;
        }
        Some(self.words(at, end))
    }

    /// From an opening quotation mark to the next one; the value is its words.
    fn quotation(&self, at: usize) -> Option<SlotMatch> {
        if self.tokens[at].shape != Shape::Quote {
            return None;
        }
        let close = (at + 1..self.tokens.len()).find(|&i| self.tokens[i].shape == Shape::Quote)?;
        if close == at + 1 {
            return None;
        }
        let inside = self.written(at + 1, close);
        Some(SlotMatch {
            end: close + 1,
            value: Value::text(inside, crate::knowledge::fold(inside)),
            hedge: None,
            relative: false,
        })
    }

    /// One token with a digit that is not a plain figure with a unit: "7310",
    /// "KQ4417", "19-cv-2280"; compared without case.
    fn identifier(&self, at: usize) -> Option<SlotMatch> {
        let token = &self.tokens[at];
        if !token.has_digit() || matches!(self.lower(at + 1), "%" | "percent") {
            return None;
        }
        let written = &self.text[token.start..token.end];
        Some(SlotMatch {
            end: at + 1,
            value: Value::text(written, written.to_uppercase()),
            hedge: None,
            relative: false,
        })
    }
}

/// Words of the closed classes (prepositions, articles, pronouns, auxiliaries,
/// conjunctions): never the noun a claim is about.
pub(crate) fn is_function_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
        "before", "being", "but", "by", "can", "could", "did", "do", "does", "during", "each",
        "for", "from", "had", "has", "have", "he", "her", "here", "his", "i", "in", "into", "is",
        "it", "its", "may", "might", "more", "most", "must", "my", "no", "not", "of", "on", "only",
        "or", "our", "over", "shall", "she", "should", "since", "so", "some", "than", "that",
        "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "under",
        "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "who",
        "will", "with", "would", "you", "your",
    ];
    WORDS.binary_search(&word).is_ok()
}

fn span_value(canonical: Text, first: i64, last: i64, end: usize) -> SlotMatch {
    SlotMatch {
        relative: false,
        end,
        value: Value {
            key: canonical.clone(),
            canonical,
            interval: Some(Interval {
                lo: first as f64,
                hi: last as f64,
            }),
            aliases: Box::default(),
        },
        hedge: None,
    }
}

/// A slot's reading of one exact figure, shown as `canonical`.
fn figure_match(
    canonical: Text,
    value: f64,
    end: usize,
    hedge: Option<(&'static str, Bound)>,
) -> SlotMatch {
    SlotMatch {
        end,
        value: Value::number(canonical, Interval::exact(value)),
        hedge,
        relative: false,
    }
}

fn points_value(value: f64, end: usize, hedge: Option<(&'static str, Bound)>) -> SlotMatch {
    figure_match(format_compact!("{} bp", display(value)), value, end, hedge)
}

/// A figure as shown: whole numbers without a point, others with up to two decimals.
pub fn display(value: f64) -> Text {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format_compact!("{}", value as i64)
    } else {
        let s = format!("{value:.2}");
        Text::from(s.trim_end_matches('0').trim_end_matches('.'))
    }
}

fn scale_word(word: &str) -> Option<f64> {
    Some(match word {
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bln" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

fn scale_suffix(suffix: &str) -> Option<f64> {
    Some(match suffix {
        "k" => 1e3,
        "m" | "mn" => 1e6,
        "b" | "bn" => 1e9,
        "tn" => 1e12,
        _ => return None,
    })
}

fn currency_symbol(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "$" | "us$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "₦" => "NGN",
        "₩" => "KRW",
        "₱" => "PHP",
        "₽" => "RUB",
        "₺" => "TRY",
        "₫" => "VND",
        "a$" => "AUD",
        "c$" => "CAD",
        "nz$" => "NZD",
        "hk$" => "HKD",
        "s$" => "SGD",
        _ => return None,
    })
}

/// ISO 4217 codes written before an amount ("USD 45m").
fn currency_code(word: &str) -> Option<&'static str> {
    if word.len() != 3 {
        return None;
    }
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CNY", "INR", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "KRW",
        "BRL", "MXN", "ZAR", "NGN", "KES", "GHS", "EGP", "TRY", "RUB", "SEK", "NOK", "DKK", "PLN",
        "IDR", "PHP", "VND", "THB", "MYR", "PKR", "BDT", "ARS", "CLP", "COP", "PEN", "UAH", "SAR",
        "AED", "QAR",
    ];
    CODES.iter().copied().find(|c| c.eq_ignore_ascii_case(word))
}

/// Currency names written after an amount ("40 million cedis").
fn currency_word(word: &str) -> Option<&'static str> {
    Some(match word.trim_end_matches('s') {
        "dollar" => "USD",
        "euro" => "EUR",
        "pound" => "GBP",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupee" => "INR",
        "franc" => "CHF",
        "naira" => "NGN",
        "cedi" => "GHS",
        "shilling" => "KES",
        "rand" => "ZAR",
        "peso" => "MXN",
        "real" | "reai" => "BRL",
        "won" => "KRW",
        "rupiah" => "IDR",
        "dong" => "VND",
        "baht" => "THB",
        "ringgit" => "MYR",
        "lira" => "TRY",
        "ruble" | "rouble" => "RUB",
        "hryvnia" => "UAH",
        "zloty" => "PLN",
        "krona" | "krone" => "SEK",
        "riyal" => "SAR",
        "dirham" => "AED",
        _ => return None,
    })
}

/// A unit of time and its length in days.
fn time_unit(word: &str) -> Option<(&'static str, f64)> {
    Some(match word {
        "second" | "seconds" => ("second", 1.0 / 86_400.0),
        "minute" | "minutes" => ("minute", 1.0 / 1_440.0),
        "hour" | "hours" => ("hour", 1.0 / 24.0),
        "day" | "days" => ("day", 1.0),
        "week" | "weeks" => ("week", 7.0),
        "month" | "months" => ("month", 30.436_875),
        "year" | "years" => ("year", 365.242_5),
        "decade" | "decades" => ("decade", 3_652.425),
        _ => return None,
    })
}

/// January = 1; full names and the abbreviations news style uses.
pub fn month(word: &str) -> Option<i64> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

pub fn weekday(word: &str) -> Option<&'static str> {
    Some(match word {
        "monday" => "monday",
        "tuesday" => "tuesday",
        "wednesday" => "wednesday",
        "thursday" => "thursday",
        "friday" => "friday",
        "saturday" => "saturday",
        "sunday" => "sunday",
        _ => return None,
    })
}

pub fn days_in_month(year: i64, month: i64) -> i64 {
    days_from_civil(year + month / 12, month % 12 + 1, 1) - days_from_civil(year, month, 1)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// An era's value: the words as written, keyed by the century its span's
/// middle falls in, so one source's "the 6th century BC" and "about 2,600
/// years" are one value, not two a source states (see
/// `one_value_per_source`). An open-ended span keeps its words as its key.
fn era_value(written: &str, interval: Interval) -> Value {
    let mut value = Value::number(written, interval);
    let middle = (interval.lo + interval.hi) / 2.0;
    if middle.is_finite() {
        let century = (middle.abs() / 100.0).floor() as i64 + 1;
        let era = if middle < 0.0 { " BC" } else { "" };
        value.key = format_compact!("century {century}{era}");
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    /// What a slot read: canonical form, key, interval and the token after it.
    type Read = (String, String, Option<(f64, f64)>, usize);

    fn read(kind: &str, text: &str) -> Option<Read> {
        let tokens = tokenize(text);
        let ctx = SlotContext {
            text,
            tokens: &tokens,
            source_date: Some("2025-06-01"),
        };
        let m = ctx.read(&SlotKind::by_name(kind).unwrap(), 0)?;
        Some((
            m.value.canonical.to_string(),
            m.value.key.to_string(),
            m.value.interval.map(|i| (i.lo, i.hi)),
            m.end,
        ))
    }

    #[test]
    fn eras_are_spans_of_calendar_years() {
        let bc = read("era", "the 8th century BC.").unwrap();
        assert_eq!(
            (bc.0.as_str(), bc.2),
            ("8th century BC", Some((-800.0, -701.0)))
        );
        // The sentence's full stop is not part of the era.
        assert_eq!(bc.3, 4);
        assert_eq!(
            read("era", "the twelfth century").unwrap().2,
            Some((1101.0, 1200.0))
        );
        assert_eq!(
            read("era", "the late 3rd millennium BCE").unwrap().2,
            Some((-2333.0, -2001.0))
        );
        // An age counted back from the source's year (2025), keyed by its
        // century like the century it falls in.
        let age = read("era", "about 2,800 years old").unwrap();
        assert_eq!(age.2, Some((-825.0, -725.0)));
        assert_eq!(age.1, bc.1);
        assert_eq!(
            read("era", "more than 4,000 years").unwrap().2.unwrap().1,
            -1975.0
        );
        // A person's age, a duration without "years" or an ordinal without a
        // century is no era.
        assert!(read("era", "82 years old").is_none());
        assert!(read("era", "the 8th floor").is_none());
        assert!(read("era", "2,800 metres").is_none());
    }

    #[test]
    fn measures_are_converted_to_one_unit() {
        assert_eq!(read("measure", "3,000 feet below").unwrap().0, "914.4 m");
        assert_eq!(read("measure", "about 240 km/h (150 mph) at").unwrap().3, 9);
        let mph = read("measure", "150 miles per hour").unwrap();
        assert_eq!(mph.1, "km/h 241.4");
        assert!(read("measure", "150 people").is_none());
    }

    #[test]
    fn rate_changes_in_basis_points() {
        for (text, bp) in [
            ("75 basis points", "75 bp"),
            ("0.75 percentage point", "75 bp"),
            ("a quarter-point cut", "25 bp"),
            ("half a percentage point", "50 bp"),
            ("a quarter of a point", "25 bp"),
            ("a 75-basis-point rise", "75 bp"),
            ("three-quarters of a point", "75 bp"),
        ] {
            assert_eq!(
                read("points", text).map(|r| r.0).as_deref(),
                Some(bp),
                "{text}"
            );
        }
        assert!(read("points", "a quarter of an hour").is_none());
        assert!(read("points", "75 points").is_none());
    }

    #[test]
    fn a_money_range_scales_both_ends() {
        for text in [
            "$3–5 million for",
            "$3 million to $5 million for",
            "$3-5m for",
        ] {
            let got = read("money", text).unwrap();
            assert_eq!(got.2, Some((3e6, 5e6)), "{text}: {got:?}");
            assert_eq!(got.0, "USD 3000000-5000000", "{text}");
        }
        assert_eq!(read("money", "$3m to fund").unwrap().2, Some((3e6, 3e6)));
    }

    #[test]
    fn numbers_in_digits_words_and_scales() {
        assert_eq!(read("number", "8,200 bales").unwrap().0, "8200");
        assert_eq!(read("number", "3.5m doses").unwrap().0, "3500000");
        assert_eq!(read("number", "three dozen goats").unwrap().0, "36");
        assert_eq!(read("number", "four hundred tonnes").unwrap().0, "400");
        assert_eq!(read("number", "2.1 million doses").unwrap().0, "2100000");
        assert_eq!(read("number", "nearly 900 hives").unwrap().3, 2);
        assert!(read("number", "dozens of hives").is_none());
    }

    #[test]
    fn money_in_two_currencies_is_one_figure() {
        let (canonical, _, interval, end) = read("money", "$45m (€41m) for the mill").unwrap();
        assert_eq!(canonical, "USD 45000000");
        assert_eq!(interval, Some((4.5e7, 4.5e7)));
        assert_eq!(end, 6);
        assert_eq!(read("money", "40 million cedis").unwrap().0, "GHS 40000000");
        assert_eq!(read("money", "US$1.2 billion").unwrap().0, "USD 1200000000");
        assert_eq!(read("money", "A$40m").unwrap().0, "AUD 40000000");
        // "a $110m heist": the article, not the Australian dollar's prefix.
        assert!(read("money", "a $110m heist").is_none());
        assert_eq!(read("money", "$110m heist").unwrap().0, "USD 110000000");
        assert!(read("money", "40 million tonnes").is_none());
    }

    #[test]
    fn percents_and_durations() {
        assert_eq!(read("percent", "17% in May").unwrap().0, "17%");
        assert_eq!(read("percent", "8 per cent").unwrap().0, "8%");
        assert!(read("percent", "3 percentage points").is_none());
        assert_eq!(read("duration", "18 months").unwrap().0, "18 months");
        assert_eq!(read("duration", "two-year trial").unwrap().0, "2 years");
        // Halves, before the unit or after it.
        for (written, read_as) in [
            ("two and a half years in", "2.5 years"),
            ("a year and a half in", "1.5 years"),
            ("three weeks and a half", "3.5 weeks"),
            ("two years and a month", "2 years"),
        ] {
            assert_eq!(read("duration", written).unwrap().0, read_as, "{written}");
        }
    }

    #[test]
    fn dates_are_intervals_of_days() {
        let born = read("date", "14 August 1962").unwrap();
        assert_eq!(born.0, "1962-08-14");
        let year = read("date", "1962 in").unwrap().2.unwrap();
        let day = born.2.unwrap();
        assert!(year.0 <= day.0 && day.1 <= year.1);
        assert_eq!(read("date", "Nov. 17, 2023").unwrap().0, "2023-11-17");
        // No year: the source's (2025).
        assert_eq!(read("date", "July 21 at noon").unwrap().0, "2025-07-21");
        assert_eq!(read("date", "March 2024").unwrap().0, "2024-03");
        assert_eq!(read("date", "Thursday").unwrap().1, "thursday");
        assert!(read("date", "31 February 2025").unwrap().2.is_none());
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn names_stop_at_lower_case_words_and_keep_particles() {
        assert_eq!(read("person", "Rosa de la Vega said").unwrap().3, 4);
        assert_eq!(read("organisation", "Bank of Ghana said").unwrap().3, 3);
        assert_eq!(read("place", "Port Louis on Monday").unwrap().3, 2);
        assert!(read("person", "Monday morning").is_none());
    }

    #[test]
    fn identifiers_and_quotations() {
        assert_eq!(read("identifier", "kq4417 landed").unwrap().1, "KQ4417");
        assert!(read("identifier", "40% of").is_none());
        assert_eq!(
            read("quotation", "“We will stay,” she").unwrap().1,
            "we will stay,"
        );
    }
}
