//! Reading rule files: every error in every file is collected and reported as
//! `file:line:column: what is wrong`.

use super::{Comparator, Example, PeriodScope, Rule, Scope, Severity};
use crate::error::Error;
use crate::extract::declared::{self, knowledge_sets, Extraction};
use crate::extract::slots::SlotKind;
use crate::extract::PREDICATES;
use crate::knowledge::line_column;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// The rules shipped in `rules/`, built into the binary so it works from any folder.
pub const BUILTIN_RULES: &[(&str, &str)] = &[
    (
        "arrest-place.toml",
        include_str!("../../rules/arrest-place.toml"),
    ),
    (
        "completion-count.toml",
        include_str!("../../rules/completion-count.toml"),
    ),
    (
        "deal-amount.toml",
        include_str!("../../rules/deal-amount.toml"),
    ),
    (
        "event-count.toml",
        include_str!("../../rules/event-count.toml"),
    ),
    (
        "event-duration.toml",
        include_str!("../../rules/event-duration.toml"),
    ),
    (
        "event-place.toml",
        include_str!("../../rules/event-place.toml"),
    ),
    (
        "event-time.toml",
        include_str!("../../rules/event-time.toml"),
    ),
    (
        "event-weekday.toml",
        include_str!("../../rules/event-weekday.toml"),
    ),
    ("figure.toml", include_str!("../../rules/figure.toml")),
    (
        "head-of-government.toml",
        include_str!("../../rules/head-of-government.toml"),
    ),
    ("journey.toml", include_str!("../../rules/journey.toml")),
    (
        "landfall-category.toml",
        include_str!("../../rules/landfall-category.toml"),
    ),
    (
        "lead-figure.toml",
        include_str!("../../rules/lead-figure.toml"),
    ),
    (
        "life-dates.toml",
        include_str!("../../rules/life-dates.toml"),
    ),
    (
        "name-spelling.toml",
        include_str!("../../rules/name-spelling.toml"),
    ),
    (
        "organisation-head.toml",
        include_str!("../../rules/organisation-head.toml"),
    ),
    (
        "output-rate.toml",
        include_str!("../../rules/output-rate.toml"),
    ),
    (
        "people-count.toml",
        include_str!("../../rules/people-count.toml"),
    ),
    (
        "percent-change.toml",
        include_str!("../../rules/percent-change.toml"),
    ),
    (
        "person-affiliation.toml",
        include_str!("../../rules/person-affiliation.toml"),
    ),
    (
        "person-age.toml",
        include_str!("../../rules/person-age.toml"),
    ),
    (
        "person-first-name.toml",
        include_str!("../../rules/person-first-name.toml"),
    ),
    (
        "person-office.toml",
        include_str!("../../rules/person-office.toml"),
    ),
    (
        "person-party.toml",
        include_str!("../../rules/person-party.toml"),
    ),
    (
        "prison-term.toml",
        include_str!("../../rules/prison-term.toml"),
    ),
    ("quantity.toml", include_str!("../../rules/quantity.toml")),
    (
        "quote-speaker.toml",
        include_str!("../../rules/quote-speaker.toml"),
    ),
    (
        "record-count.toml",
        include_str!("../../rules/record-count.toml"),
    ),
    (
        "series-count.toml",
        include_str!("../../rules/series-count.toml"),
    ),
    (
        "series-ordinal.toml",
        include_str!("../../rules/series-ordinal.toml"),
    ),
    (
        "service-identifier.toml",
        include_str!("../../rules/service-identifier.toml"),
    ),
    ("timeframe.toml", include_str!("../../rules/timeframe.toml")),
    (
        "title-style.toml",
        include_str!("../../rules/title-style.toml"),
    ),
    (
        "value-amount.toml",
        include_str!("../../rules/value-amount.toml"),
    ),
    (
        "vessel-identifier.toml",
        include_str!("../../rules/vessel-identifier.toml"),
    ),
    (
        "vote-split.toml",
        include_str!("../../rules/vote-split.toml"),
    ),
    (
        "weekday-date.toml",
        include_str!("../../rules/weekday-date.toml"),
    ),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: Spanned<String>,
    predicates: Vec<Spanned<String>>,
    compare: Spanned<Comparator>,
    severity: Severity,
    message: Spanned<String>,
    #[serde(default)]
    explanation: String,
    #[serde(default)]
    period: PeriodScope,
    #[serde(default = "yes")]
    skip_former: bool,
    #[serde(default)]
    undated_severity: Option<Severity>,
    #[serde(default)]
    by_attribution: bool,
    #[serde(default)]
    one_value_per_source: bool,
    #[serde(default)]
    transposed_only: bool,
    #[serde(default)]
    updates: bool,
    #[serde(default)]
    within_source: bool,
    #[serde(default)]
    scope: Scope,
    #[serde(default)]
    extract: Vec<ExtractBlock>,
    #[serde(default)]
    sets: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    examples: Vec<Spanned<Example>>,
}

/// `[[extract]]`: a pattern and the claim each of its matches states.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtractBlock {
    /// Which of the rule's predicates the claim is of (the rule's only one when left out).
    #[serde(default)]
    predicate: Option<Spanned<String>>,
    pattern: Spanned<OneOrMany>,
    subject: Spanned<OneOrMany>,
    value: Spanned<String>,
    /// Words of which the sentence before the match's must hold one: a figure
    /// whose thing that sentence names ("… were taken. Experts put their value
    /// at …").
    #[serde(default)]
    previous_sentence: Vec<String>,
}

/// One string or a list of strings (several patterns, fallback subjects).
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// Each string of a `OneOrMany` value with the byte offset of the value's
/// source text it starts at (its opening quote), found by searching the value's
/// text in order, since TOML keeps no span for the items of an untagged list.
fn items<'a>(value: &'a Spanned<OneOrMany>, text: &str) -> Vec<(&'a str, usize)> {
    let span = value.span();
    match value.get_ref() {
        OneOrMany::One(one) => vec![(one.as_str(), span.start)],
        OneOrMany::Many(many) => {
            let mut from = span.start + 1;
            many.iter()
                .map(|item| {
                    let found = text[from..span.end]
                        .find(item.as_str())
                        .map_or(span.start, |i| from + i - 1);
                    from = (found + 1 + item.len()).min(span.end);
                    (item.as_str(), found)
                })
                .collect()
        }
    }
}

/// Where the text of a TOML string value starts, after its opening quotes.
fn string_start(text: &str, value_start: usize) -> usize {
    let rest = &text[value_start..];
    if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
        let after = value_start + 3;
        // A newline right after the opening quotes is not part of the string.
        if text[after..].starts_with('\n') {
            after + 1
        } else {
            after
        }
    } else {
        value_start + 1
    }
}

fn yes() -> bool {
    true
}

pub fn builtin() -> Vec<Rule> {
    parse_files(&builtin_files()).expect("built-in rules are valid")
}

/// The built-in rule files as `(<built-in>/name.toml, text)`.
pub fn builtin_files() -> Vec<(String, String)> {
    BUILTIN_RULES
        .iter()
        .map(|(name, text)| (format!("<built-in>/{name}"), text.to_string()))
        .collect()
}

/// Every `*.toml` file directly in `dir`, in name order.
pub fn load_dir(dir: &Path) -> Result<Vec<Rule>, Error> {
    let files = read_dir(dir)?;
    if files.is_empty() {
        return Err(Error::input(dir, "no rule files (*.toml) in this folder"));
    }
    parse_files(&files)
}

/// The text of every `*.toml` file directly in `dir`, in name order, each
/// named as it is shown in errors.
pub fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, Error> {
    if dir.is_file() {
        return Err(Error::input(
            dir,
            "is a file; `--rules` takes a folder of rule files",
        ));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::input(
            dir,
            format!("cannot read rule folder: {}", crate::ingest::io_reason(&e)),
        )
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::input(
                &path,
                format!("cannot read: {}", crate::ingest::io_reason(&e)),
            )
        })?;
        files.push((crate::ingest::display_path(&path), text));
    }
    Ok(files)
}

/// The rule id a file's text names, when it can be read.
fn peek_id(text: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(text).ok()?;
    table.get("id")?.as_str().map(str::to_string)
}

/// The built-in rules (unless `defaults` is false) extended by the user's rule
/// files: a file whose id is a built-in rule's replaces that rule, any other
/// adds one. Every file is validated together, so a user's rule may compare a
/// predicate a built-in rule extracts.
pub fn extend(user: Vec<(String, String)>, defaults: bool) -> Result<Vec<Rule>, Error> {
    let replaced: std::collections::BTreeSet<String> =
        user.iter().filter_map(|(_, text)| peek_id(text)).collect();
    let mut files: Vec<(String, String)> = if defaults {
        builtin_files()
            .into_iter()
            .filter(|(_, text)| peek_id(text).is_none_or(|id| !replaced.contains(&id)))
            .collect()
    } else {
        Vec::new()
    };
    files.extend(user);
    parse_files(&files)
}

/// Where a loaded rule comes from, as `crosscheck rules` says it.
pub fn provenance(rule: &Rule, defaults: bool) -> String {
    if rule.origin.starts_with("<built-in>/") {
        return "built-in".to_string();
    }
    let builtin_id = BUILTIN_RULES
        .iter()
        .any(|(_, text)| peek_id(text).as_deref() == Some(rule.id.as_str()));
    if defaults && builtin_id {
        format!("replaced by {}", rule.origin)
    } else {
        format!("added by {}", rule.origin)
    }
}

/// The placeholders a rule's `message` may hold.
pub const PLACEHOLDERS: &[&str] = &["entity", "values", "predicate"];

/// Each `{name}` in a message that is not a placeholder, with the byte offset
/// in the file's text it is written at (the value's start when not found
/// literally, as after an escape).
fn placeholder_errors(
    text: &str,
    span: std::ops::Range<usize>,
    message: &str,
) -> Vec<(usize, String)> {
    let raw = text.get(span.clone()).unwrap_or("");
    let mut errors = Vec::new();
    let mut searched = 0;
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        rest = &after[close + 1..];
        let word = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !word || PLACEHOLDERS.contains(&name) {
            continue;
        }
        let written = format!("{{{name}}}");
        let offset = match raw[searched..].find(&written) {
            Some(i) => {
                let at = searched + i;
                searched = at + written.len();
                span.start + at
            }
            None => span.start,
        };
        errors.push((
            offset,
            format!(
                "unknown placeholder `{written}` in `message` (valid: {})",
                PLACEHOLDERS
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    errors
}

/// What the values of one of the engine's predicates are, when a comparator's
/// fit can be known: numbers, days, or words (names, places, offices).
fn value_kind(predicate: &str) -> Option<&'static str> {
    match predicate {
        "age" | "series_ordinal" | "series_count" | "landfall_category" | "prison_term"
        | "requested_term" | "quantity" | "event_duration" => Some("numbers"),
        "event_weekday" => Some("days"),
        "first_name" | "name_spelling" | "head_of_government" | "quote_speaker"
        | "office_holder" | "party" | "title_style" | "office" | "event_place"
        | "facility_place" => Some("words"),
        _ => None,
    }
}

/// Whether `compare` can compare the engine's values of `predicate`.
fn comparator_fits(predicate: &str, compare: Comparator) -> Result<(), String> {
    let Some(kind) = value_kind(predicate) else {
        return Ok(());
    };
    let fitting: &[Comparator] = match kind {
        "numbers" => &[
            Comparator::Numeric,
            Comparator::Amount,
            Comparator::Functional,
        ],
        "days" => &[Comparator::Day, Comparator::Functional],
        _ => &[
            Comparator::Functional,
            Comparator::Place,
            Comparator::Office,
        ],
    };
    if fitting.contains(&compare) {
        return Ok(());
    }
    let name = |c: &Comparator| format!("{c:?}").to_lowercase();
    Err(format!(
        "`compare = \"{}\"` does not fit predicate `{predicate}`, whose values are {kind} (fitting: {})",
        name(&compare),
        fitting.iter().map(name).collect::<Vec<_>>().join(", ")
    ))
}

/// Why `compare` cannot compare the values a slot of `kind` reads, if it cannot.
fn slot_fits(kind: &SlotKind, compare: Comparator) -> Option<String> {
    use Comparator::{Amount, Day, Numeric, Office, Place};
    let (values, unfit): (&str, &[Comparator]) = match kind {
        SlotKind::Number
        | SlotKind::Ordinal
        | SlotKind::Money
        | SlotKind::Percent
        | SlotKind::Duration
        | SlotKind::Measure
        | SlotKind::Points => ("a number", &[Place, Office, Day]),
        SlotKind::Date => ("a date", &[Place, Office, Amount]),
        // A span of calendar years, compared as numbers, not as days.
        SlotKind::Era => ("a span of years", &[Place, Office, Day, Amount]),
        SlotKind::Person
        | SlotKind::Organisation
        | SlotKind::Place
        | SlotKind::Quotation
        | SlotKind::Identifier
        | SlotKind::Word
        | SlotKind::Noun => ("words", &[Numeric, Amount, Day]),
        SlotKind::Regex(_) => return None,
    };
    unfit.contains(&compare).then(|| {
        format!(
            "{values}, which `compare = \"{}\"` cannot compare",
            format!("{compare:?}").to_lowercase()
        )
    })
}

/// Every mistake of a rule file the strict reading stops at the first of:
/// unknown keys, values of the wrong type or variant, missing keys, unknown
/// placeholders, each with the byte offset it is at. Empty when the text is
/// not TOML.
fn structural_errors(text: &str) -> Vec<(usize, String)> {
    type Table = BTreeMap<Spanned<String>, Spanned<toml::Value>>;
    #[derive(Deserialize)]
    struct Blocks {
        #[serde(default)]
        extract: Vec<Table>,
        #[serde(default)]
        examples: Vec<Table>,
    }
    let Ok(top) = toml::from_str::<Table>(text) else {
        return Vec::new();
    };
    let blocks = toml::from_str::<Blocks>(text).ok();
    let mut found: Vec<(usize, String)> = Vec::new();
    fn check<T: serde::de::DeserializeOwned>(
        value: &Spanned<toml::Value>,
        found: &mut Vec<(usize, String)>,
    ) {
        if let Err(e) = T::deserialize(value.get_ref().clone()) {
            found.push((value.span().start, e.message().trim().replace('\n', " ")));
        }
    }
    fn unknown(key: &Spanned<String>, expected: &[&str], found: &mut Vec<(usize, String)>) {
        found.push((
            key.span().start,
            format!(
                "unknown key `{}`, expected one of {}",
                key.get_ref(),
                expected
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    const KEYS: &[&str] = &[
        "id",
        "predicates",
        "compare",
        "severity",
        "message",
        "explanation",
        "period",
        "skip_former",
        "undated_severity",
        "by_attribution",
        "one_value_per_source",
        "transposed_only",
        "updates",
        "within_source",
        "scope",
        "extract",
        "sets",
        "examples",
    ];
    for (key, value) in &top {
        match key.get_ref().as_str() {
            "id" | "message" | "explanation" => check::<String>(value, &mut found),
            "predicates" => check::<Vec<String>>(value, &mut found),
            "compare" => check::<Comparator>(value, &mut found),
            "severity" | "undated_severity" => check::<Severity>(value, &mut found),
            "period" => check::<PeriodScope>(value, &mut found),
            "scope" => check::<Scope>(value, &mut found),
            "skip_former"
            | "by_attribution"
            | "one_value_per_source"
            | "transposed_only"
            | "updates"
            | "within_source" => check::<bool>(value, &mut found),
            "sets" => check::<BTreeMap<String, Vec<String>>>(value, &mut found),
            "extract" | "examples" => {}
            _ => unknown(key, KEYS, &mut found),
        }
        if key.get_ref() == "message" {
            if let toml::Value::String(message) = value.get_ref() {
                found.extend(placeholder_errors(text, value.span(), message));
            }
        }
    }
    let value = |name: &str| {
        top.iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(_, v)| v)
    };
    if let (Some(compare), Some(predicates)) = (value("compare"), value("predicates")) {
        if let (Ok(comparator), Ok(predicates)) = (
            Comparator::deserialize(compare.get_ref().clone()),
            Vec::<String>::deserialize(predicates.get_ref().clone()),
        ) {
            for predicate in predicates {
                if let Err(reason) = comparator_fits(&predicate, comparator) {
                    found.push((compare.span().start, reason));
                }
            }
        }
    }
    for required in ["id", "predicates", "compare", "severity", "message"] {
        if !top.keys().any(|k| k.get_ref() == required) {
            found.push((0, format!("missing key `{required}`")));
        }
    }
    if let Some(blocks) = blocks {
        for block in &blocks.extract {
            for (key, value) in block {
                match key.get_ref().as_str() {
                    "predicate" | "value" => check::<String>(value, &mut found),
                    "pattern" | "subject" => check::<OneOrMany>(value, &mut found),
                    _ => unknown(
                        key,
                        &["predicate", "pattern", "subject", "value"],
                        &mut found,
                    ),
                }
            }
        }
        for block in &blocks.examples {
            for (key, value) in block {
                match key.get_ref().as_str() {
                    "flags" | "passes" => check::<Vec<String>>(value, &mut found),
                    _ => unknown(key, &["flags", "passes"], &mut found),
                }
            }
        }
    }
    found
}

/// Parses and validates rule files, collecting every error before failing.
pub fn parse_files(files: &[(String, String)]) -> Result<Vec<Rule>, Error> {
    let mut errors = Vec::new();
    let mut rules = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let parsed: Vec<Result<RuleFile, toml::de::Error>> =
        files.iter().map(|(_, text)| toml::from_str(text)).collect();
    // A predicate is one an extractor of the engine reads, or one that some
    // loaded rule file has an [[extract]] block for.
    let declared: Vec<String> = parsed
        .iter()
        .flatten()
        .flat_map(|file| {
            file.extract
                .iter()
                .filter_map(|block| match &block.predicate {
                    Some(p) => Some(p.get_ref().clone()),
                    None => {
                        (file.predicates.len() == 1).then(|| file.predicates[0].get_ref().clone())
                    }
                })
        })
        .collect();
    for ((path, text), file) in files.iter().zip(parsed) {
        let file = match file {
            Ok(file) => file,
            Err(e) => {
                // Serde stops at a file's first mistake: look for the others.
                let mut every = structural_errors(text);
                let first = e.span().map_or(0, |span| span.start);
                let first_at = line_column(text, first);
                if !every
                    .iter()
                    .any(|(at, _)| line_column(text, *at) == first_at)
                {
                    every.push((first, e.message().trim().replace('\n', " ")));
                }
                every.sort();
                for (offset, reason) in every {
                    let (line, column) = line_column(text, offset);
                    errors.push(Error::at(path, line, column, reason));
                }
                continue;
            }
        };
        let at = |span: std::ops::Range<usize>, reason: String| {
            let (line, column) = line_column(text, span.start);
            Error::at(path, line, column, reason)
        };
        let id = file.id.get_ref().clone();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            errors.push(at(
                file.id.span(),
                format!("rule id `{id}` must be lower-case letters, digits and '-'"),
            ));
        }
        if let Some(first) = seen.get(&id) {
            errors.push(at(
                file.id.span(),
                format!("duplicate rule id `{id}` (also in {first})"),
            ));
        } else {
            seen.insert(id.clone(), path.clone());
        }
        if file.predicates.is_empty() {
            errors.push(at(
                file.id.span(),
                "`predicates` must name at least one predicate".to_string(),
            ));
        }
        for predicate in &file.predicates {
            let name = predicate.get_ref();
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                errors.push(at(
                    predicate.span(),
                    format!("predicate `{name}` must be lower-case letters, digits and '_'"),
                ));
            }
            if !PREDICATES.contains(&name.as_str()) && !declared.contains(name) {
                errors.push(at(
                    predicate.span(),
                    format!(
                        "unknown predicate `{name}`: no rule file has an [[extract]] block for it (the engine's own: {})",
                        PREDICATES.join(", ")
                    ),
                ));
            }
        }
        for predicate in &file.predicates {
            if let Err(reason) = comparator_fits(predicate.get_ref(), *file.compare.get_ref()) {
                errors.push(at(file.compare.span(), reason));
            }
        }
        for (offset, reason) in
            placeholder_errors(text, file.message.span(), file.message.get_ref())
        {
            errors.push(at(offset..offset, reason));
        }
        for name in file.sets.keys() {
            if knowledge_sets().any(|k| k == name.as_str()) {
                errors.push(at(
                    file.id.span(),
                    format!(
                        "set `{name}` has the name of a knowledge list; call it something else"
                    ),
                ));
            }
        }
        let mut extract = Vec::new();
        for block in &file.extract {
            let predicate = match &block.predicate {
                Some(p) if file.predicates.iter().any(|q| q.get_ref() == p.get_ref()) => {
                    p.get_ref().clone()
                }
                Some(p) => {
                    errors.push(at(
                        p.span(),
                        format!("`{}` is not one of this rule's predicates", p.get_ref()),
                    ));
                    continue;
                }
                None if file.predicates.len() == 1 => file.predicates[0].get_ref().clone(),
                None => {
                    errors.push(at(
                        block.value.span(),
                        "this rule has several predicates: say which one the claim is of with `predicate = \"…\"`".to_string(),
                    ));
                    continue;
                }
            };
            for (pattern_text, pattern_at) in items(&block.pattern, text) {
                let starts_at = string_start(text, pattern_at);
                let pattern = match declared::pattern_parse(pattern_text) {
                    Ok(pattern) => pattern,
                    Err(e) => {
                        errors.push(at(
                            starts_at + e.offset..starts_at + e.offset,
                            format!("in pattern: {}", e.message),
                        ));
                        continue;
                    }
                };
                let mut sets_used = std::collections::BTreeSet::new();
                declared::set_names(&pattern, &mut sets_used);
                for set in sets_used {
                    if !file.sets.contains_key(&set) && !knowledge_sets().any(|k| k == set.as_str())
                    {
                        errors.push(at(
                            pattern_at..pattern_at,
                            format!(
                                "in pattern: unknown set `@{set}` (define it under [sets], or use a knowledge list: {})",
                                knowledge_sets().map(|s| format!("@{s}")).collect::<Vec<_>>().join(", ")
                            ),
                        ));
                    }
                }
                let mut subject = Vec::new();
                for (subject_text, subject_at) in items(&block.subject, text) {
                    match declared::parse_subject(subject_text, &pattern) {
                        Ok(spec) => subject.push(spec),
                        // A block's subjects are read once per pattern: say a mistake once.
                        Err(reason) => {
                            let error = at(subject_at..subject_at, reason);
                            if !errors.contains(&error) {
                                errors.push(error);
                            }
                        }
                    }
                }
                let value = match declared::parse_value(block.value.get_ref(), &pattern) {
                    Ok(value) => value,
                    Err(reason) => {
                        let error = at(block.value.span(), reason);
                        if !errors.contains(&error) {
                            errors.push(error);
                        }
                        continue;
                    }
                };
                if let declared::ValueSpec::Capture { capture, .. } = &value {
                    let slot = &pattern.captures[*capture];
                    if let Some(reason) = slot
                        .kind
                        .as_ref()
                        .and_then(|kind| slot_fits(kind, *file.compare.get_ref()))
                    {
                        let error = at(
                            block.value.span(),
                            format!("`${}` reads {reason}", slot.name),
                        );
                        if !errors.contains(&error) {
                            errors.push(error);
                        }
                    }
                }
                extract.push(Extraction {
                    predicate: crate::extract::predicate(&predicate),
                    pattern,
                    subject,
                    value,
                    previous_sentence: block
                        .previous_sentence
                        .iter()
                        .map(|w| w.trim().to_lowercase())
                        .filter(|w| !w.is_empty())
                        .collect(),
                });
            }
        }
        for example in &file.examples {
            let e = example.get_ref();
            if e.flags.len() + e.passes.len() < 2 || (!e.flags.is_empty() && !e.passes.is_empty()) {
                errors.push(at(
                    example.span(),
                    "an example is `flags = [SOURCE, SOURCE, …]` or `passes = [SOURCE, SOURCE, …]`, with two sources or more".to_string(),
                ));
            }
        }
        rules.push(Rule {
            id,
            predicates: file
                .predicates
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            compare: *file.compare.get_ref(),
            severity: file.severity,
            message: file.message.into_inner(),
            explanation: file.explanation,
            period: file.period,
            skip_former: file.skip_former,
            undated_severity: file.undated_severity,
            by_attribution: file.by_attribution,
            one_value_per_source: file.one_value_per_source,
            transposed_only: file.transposed_only,
            updates: file.updates,
            within_source: file.within_source,
            scope: file.scope,
            origin: path.clone(),
            extract,
            sets: file.sets,
            examples: file.examples.into_iter().map(Spanned::into_inner).collect(),
        });
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(Error::many(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_load() {
        let rules = builtin();
        assert!(rules.iter().any(|r| r.id == "person-first-name"));
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let files = vec![(
            "rules/bad.toml".to_string(),
            "id = \"x\"\npredicates = [\"first_name\", \"shoe_size\"]\ncompare = \"functional\"\nseverity = \"error\"\nmessage = \"m\"\n".to_string(),
        )];
        let err = parse_files(&files).unwrap_err().to_string();
        assert!(
            err.starts_with("rules/bad.toml:2:29: unknown predicate `shoe_size`"),
            "{err}"
        );
    }

    #[test]
    fn every_error_is_collected() {
        let files = vec![
            ("a.toml".to_string(), "id = \"a\"\npredicates = [\"first_name\"]\ncompare = \"sideways\"\nseverity = \"error\"\nmessage = \"m\"\n".to_string()),
            ("b.toml".to_string(), "id = \"b\"\npredicates = [\"first_name\"]\ncompare = \"functional\"\nseverity = \"loud\"\nmessage = \"m\"\n".to_string()),
        ];
        let err = parse_files(&files).unwrap_err().to_string();
        assert_eq!(err.lines().count(), 2, "{err}");
        assert!(
            err.lines().next().unwrap().starts_with("a.toml:3:11:"),
            "{err}"
        );
        assert!(
            err.lines().nth(1).unwrap().starts_with("b.toml:4:12:"),
            "{err}"
        );
    }

    #[test]
    fn duplicate_ids_are_errors() {
        let text = "id = \"a\"\npredicates = [\"first_name\"]\ncompare = \"functional\"\nseverity = \"error\"\nmessage = \"m\"\n";
        let files = vec![
            ("a.toml".to_string(), text.to_string()),
            ("b.toml".to_string(), text.to_string()),
        ];
        let err = parse_files(&files).unwrap_err().to_string();
        assert!(
            err.contains("b.toml:1:6: duplicate rule id `a` (also in a.toml)"),
            "{err}"
        );
    }
}
