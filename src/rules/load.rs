//! Reading rule files: every error in every file is collected and reported as
//! `file:line:column: what is wrong`.

use super::{Comparator, PeriodScope, Rule, Severity};
use crate::error::Error;
use crate::extract::PREDICATES;
use crate::knowledge::{line_column, toml_error};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// The rules shipped in `rules/`, built into the binary so it works from any folder.
pub const BUILTIN_RULES: &[(&str, &str)] = &[
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
    (
        "landfall-category.toml",
        include_str!("../../rules/landfall-category.toml"),
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
        "title-style.toml",
        include_str!("../../rules/title-style.toml"),
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
    for (path, text) in files {
        let file: RuleFile = match toml::from_str(text) {
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
            if !PREDICATES.contains(&predicate.get_ref().as_str()) {
                errors.push(at(
                    predicate.span(),
                    format!(
                        "unknown predicate `{}` (known: {})",
                        predicate.get_ref(),
                        PREDICATES.join(", ")
                    ),
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
            origin: path.clone(),
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
