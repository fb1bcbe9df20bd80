//! Reading rule files: every error in every file is collected and reported as
//! `file:line:column: what is wrong`.

use super::{Comparator, Example, PeriodScope, Rule, Scope, Severity};
use crate::error::Error;
use crate::extract::declared::{self, Extraction, KNOWLEDGE_SETS};
use crate::extract::PREDICATES;
use crate::knowledge::{line_column, toml_error};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// The rules shipped in `rules/`, built into the binary so it works from any folder.
pub const BUILTIN_RULES: &[(&str, &str)] = &[
    (
        "deal-amount.toml",
        include_str!("../../rules/deal-amount.toml"),
    ),
    (
        "event-place.toml",
        include_str!("../../rules/event-place.toml"),
    ),
    (
        "event-weekday.toml",
        include_str!("../../rules/event-weekday.toml"),
    ),
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
        "people-count.toml",
        include_str!("../../rules/people-count.toml"),
    ),
    (
        "percent-change.toml",
        include_str!("../../rules/percent-change.toml"),
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
        "vote-split.toml",
        include_str!("../../rules/vote-split.toml"),
    ),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: Spanned<String>,
    predicates: Vec<Spanned<String>>,
    compare: Comparator,
    severity: Severity,
    message: String,
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
    let files: Vec<(String, String)> = BUILTIN_RULES
        .iter()
        .map(|(name, text)| (format!("<built-in>/{name}"), text.to_string()))
        .collect();
    parse_files(&files).expect("built-in rules are valid")
}

/// Every `*.toml` file directly in `dir`, in name order.
pub fn load_dir(dir: &Path) -> Result<Vec<Rule>, Error> {
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
    if files.is_empty() {
        return Err(Error::input(dir, "no rule files (*.toml) in this folder"));
    }
    parse_files(&files)
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
                errors.push(toml_error(path, text, &e));
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
        for name in file.sets.keys() {
            if KNOWLEDGE_SETS.contains(&name.as_str()) {
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
                    if !file.sets.contains_key(&set) && !KNOWLEDGE_SETS.contains(&set.as_str()) {
                        errors.push(at(
                            pattern_at..pattern_at,
                            format!(
                                "in pattern: unknown set `@{set}` (define it under [sets], or use a knowledge list: {})",
                                KNOWLEDGE_SETS.iter().map(|s| format!("@{s}")).collect::<Vec<_>>().join(", ")
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
                extract.push(Extraction {
                    predicate: crate::extract::predicate(&predicate),
                    pattern,
                    subject,
                    value,
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
            compare: file.compare,
            severity: file.severity,
            message: file.message,
            explanation: file.explanation,
            period: file.period,
            skip_former: file.skip_former,
            undated_severity: file.undated_severity,
            by_attribution: file.by_attribution,
            one_value_per_source: file.one_value_per_source,
            transposed_only: file.transposed_only,
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
