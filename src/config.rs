//! `crosscheck.toml`: a team accepts findings (each with a reason) and adjusts
//! rules. Every error names the file, line and column.

use crate::error::Error;
use crate::findings::{Findings, Status};
use crate::knowledge::line_column;
use crate::rules::{Rule, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

pub const FILE_NAME: &str = "crosscheck.toml";

/// Folders are not walked deeper than this, so no story can be deeper either.
const MAX_STORY_DEPTH: usize = 64;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    accept: Vec<Spanned<Acceptance>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, RuleSettings>,
    #[serde(default)]
    stories: Option<StorySettings>,
    /// `[input]`: the field names of archive records.
    #[serde(default)]
    input: Option<crate::archive::Fields>,
    /// `default_rules = false`: start from no built-in rules.
    #[serde(default)]
    default_rules: Option<bool>,
}

/// `[stories]`: where a story's folder is below each folder argument.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StorySettings {
    depth: Spanned<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Acceptance {
    fingerprint: String,
    reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSettings {
    enabled: Option<bool>,
    severity: Option<Severity>,
}

/// The configuration a run applies.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// fingerprint → reason
    pub accepted: BTreeMap<String, String>,
    /// fingerprint → where its `[[accept]]` is (`file:line:column`), to point at
    /// a stale one.
    accepted_at: BTreeMap<String, String>,
    disabled: Vec<String>,
    severities: BTreeMap<String, Severity>,
    /// `[stories] depth`: how far below a folder argument a story's folder is.
    pub story_depth: Option<usize>,
    /// `[input]`: which fields of an archive's records hold the id, story,
    /// date, outlet and text (each defaults to its own name).
    pub fields: crate::archive::Fields,
}

/// `default_rules` of a configuration file, read before the rules are loaded
/// (the rest of the file is checked against them by `Config::load`).
pub fn default_rules(path: &Path) -> Result<Option<bool>, Error> {
    Ok(read(path)?.2.default_rules)
}

/// A configuration file's name as shown, its text, and what it says.
fn read(path: &Path) -> Result<(String, String, ConfigFile), Error> {
    let shown = crate::ingest::display_path(path);
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::input(
            path,
            format!("cannot read: {}", crate::ingest::io_reason(&e)),
        )
    })?;
    let file: ConfigFile =
        toml::from_str(&text).map_err(|e| crate::knowledge::toml_error(&shown, &text, &e))?;
    Ok((shown, text, file))
}

impl Config {
    /// Reads and validates a configuration file against the loaded rules,
    /// collecting every error.
    pub fn load(path: &Path, rules: &[Rule]) -> Result<Self, Error> {
        let (shown, text, file) = read(path)?;
        let at = |offset: usize, reason: String| {
            let (line, column) = line_column(&text, offset);
            Error::at(&shown, line, column, reason)
        };
        let mut errors = Vec::new();
        let mut config = Config::default();
        for acceptance in &file.accept {
            let span = acceptance.span();
            let acceptance = acceptance.get_ref();
            match acceptance.reason.as_deref().map(str::trim) {
                Some(reason) if !reason.is_empty() => {
                    config
                        .accepted
                        .insert(acceptance.fingerprint.clone(), reason.to_string());
                    let (line, column) = line_column(&text, span.start);
                    config.accepted_at.insert(
                        acceptance.fingerprint.clone(),
                        format!("{shown}:{line}:{column}"),
                    );
                }
                _ => errors.push(at(
                    span.start,
                    format!(
                        "accepting finding {} needs a `reason`",
                        acceptance.fingerprint
                    ),
                )),
            }
        }
        if let Some(stories) = &file.stories {
            match usize::try_from(*stories.depth.get_ref()) {
                Ok(depth) if depth <= MAX_STORY_DEPTH => config.story_depth = Some(depth),
                _ => errors.push(at(
                    stories.depth.span().start,
                    format!(
                        "`depth` must be a whole number from 0 (each folder argument is one \
                         story) to {MAX_STORY_DEPTH}"
                    ),
                )),
            }
        }
        if let Some(fields) = &file.input {
            config.fields = fields.clone();
        }
        for (id, settings) in &file.rules {
            if !rules.iter().any(|r| &r.id == id.get_ref()) {
                errors.push(at(
                    id.span().start,
                    format!("no rule named `{}`", id.get_ref()),
                ));
                continue;
            }
            if settings.enabled == Some(false) {
                config.disabled.push(id.get_ref().clone());
            }
            if let Some(severity) = settings.severity {
                config.severities.insert(id.get_ref().clone(), severity);
            }
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(Error::many(errors))
        }
    }

    /// The rules with this configuration's changes.
    pub fn adjust(&self, rules: Vec<Rule>) -> Vec<Rule> {
        rules
            .into_iter()
            .filter(|r| !self.disabled.contains(&r.id))
            .map(|mut r| {
                if let Some(severity) = self.severities.get(&r.id) {
                    r.severity = *severity;
                    r.undated_severity = r.undated_severity.map(|u| u.min(*severity));
                }
                r
            })
            .collect()
    }

    /// Acceptances that match no finding of the run (fixed, or a mistyped
    /// fingerprint), as `file:line:column: …` warnings.
    pub fn stale(&self, findings: &Findings) -> Vec<String> {
        if self.accepted.is_empty() {
            return Vec::new();
        }
        // Only accepted fingerprints are kept: a run's findings are read back
        // one at a time, not held.
        let present: std::collections::BTreeSet<String> = findings
            .iter()
            .filter(|f| self.accepted.contains_key(&f.fingerprint))
            .map(|f| f.fingerprint.clone())
            .collect();
        self.accepted
            .keys()
            .filter(|fingerprint| !present.contains(fingerprint.as_str()))
            .map(|fingerprint| {
                format!(
                    "{}: accepted finding {fingerprint} matches no finding (fixed, or a mistyped fingerprint)",
                    self.accepted_at.get(fingerprint).map_or("", String::as_str)
                )
            })
            .collect()
    }

    /// Marks accepted findings as suppressed, with their reason.
    pub fn suppress(&self, findings: &mut Findings) {
        if self.accepted.is_empty() {
            return;
        }
        findings.restate(|finding| {
            let reason = self.accepted.get(&finding.fingerprint)?;
            Some((Status::Suppressed, Some(reason.clone())))
        });
    }
}

/// What `crosscheck accept` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    Added,
    /// The fingerprint was accepted already: its reason was replaced.
    ReasonReplaced,
}

/// A fingerprint as findings have them: 16 lowercase hexadecimal digits.
pub fn is_fingerprint(text: &str) -> bool {
    text.len() == 16
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Adds `[[accept]]` for `fingerprint` to the configuration file at `path`
/// (created when absent), keeping the rest of the file, comments included, as
/// it was; an existing acceptance of the fingerprint gets the new reason.
pub fn accept(path: &Path, fingerprint: &str, reason: &str) -> Result<Accepted, Error> {
    let shown = crate::ingest::display_path(path);
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(Error::input(
                path,
                format!("cannot read: {}", crate::ingest::io_reason(&e)),
            ))
        }
    };
    // Parsed as a run reads it first, so that a file a run would refuse is
    // not edited into one it accepts.
    if !text.is_empty() {
        toml::from_str::<ConfigFile>(&text)
            .map_err(|e| crate::knowledge::toml_error(&shown, &text, &e))?;
    }
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| Error::input(path, format!("invalid TOML: {e}")))?;
    let mut none = toml_edit::ArrayOfTables::new();
    let tables = match doc.get_mut("accept") {
        None => Some(&mut none),
        Some(item) => item.as_array_of_tables_mut(),
    };
    let Some(tables) = tables else {
        return Err(Error::input(
            path,
            "`accept` is not a list of [[accept]] tables",
        ));
    };
    let existing = tables
        .iter_mut()
        .find(|t| t.get("fingerprint").and_then(|f| f.as_str()) == Some(fingerprint));
    let existing_reason = existing.is_some();
    let text = match existing {
        Some(table) => {
            table["reason"] = toml_edit::value(reason);
            doc.to_string()
        }
        None => {
            // Appended as text: toml_edit would put a new table before the
            // file's trailing comments, and here they stay where they were.
            let mut text = text;
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&format!(
                "[[accept]]\nfingerprint = {}\nreason = {}\n",
                toml_edit::Value::from(fingerprint),
                toml_edit::Value::from(reason)
            ));
            text
        }
    };
    let outcome = if existing_reason {
        Accepted::ReasonReplaced
    } else {
        Accepted::Added
    };
    crate::cli::write_atomically(path, text.as_bytes())?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acceptance_without_reason_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "[[accept]]\nfingerprint = \"abc\"\n\n[rules.no-such-rule]\nenabled = false\n",
        )
        .unwrap();
        let err = Config::load(&path, &crate::rules::load::builtin())
            .unwrap_err()
            .to_string();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        assert!(
            lines[0].ends_with(":1:1: accepting finding abc needs a `reason`"),
            "{err}"
        );
        assert!(
            lines[1].ends_with(":4:8: no rule named `no-such-rule`"),
            "{err}"
        );
    }

    #[test]
    fn accepting_keeps_comments_and_updates_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "# team settings\n[rules.person-age]\nenabled = false # noisy\n",
        )
        .unwrap();
        assert_eq!(
            accept(&path, "0123456789abcdef", "checked").unwrap(),
            Accepted::Added
        );
        assert_eq!(
            accept(&path, "0123456789abcdef", "checked twice").unwrap(),
            Accepted::ReasonReplaced
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# team settings\n[rules.person-age]\nenabled = false # noisy\n"),
            "{text}"
        );
        std::fs::write(&path, "# only a comment\n").unwrap();
        accept(&path, "0123456789abcdef", "a \"quoted\" reason").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# only a comment\n\n[[accept]]\n"),
            "{text}"
        );
        let config = Config::load(&path, &crate::rules::load::builtin()).unwrap();
        assert_eq!(config.accepted["0123456789abcdef"], "a \"quoted\" reason");
        std::fs::write(
            &path,
            "# team settings\n[rules.person-age]\nenabled = false # noisy\n",
        )
        .unwrap();
        accept(&path, "0123456789abcdef", "checked").unwrap();
        accept(&path, "0123456789abcdef", "checked twice").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches("[[accept]]").count(), 1, "{text}");
        let config = Config::load(&path, &crate::rules::load::builtin()).unwrap();
        assert_eq!(config.accepted["0123456789abcdef"], "checked twice");
        assert_eq!(config.stale(&Findings::default()).len(), 1);
        assert!(
            config
                .stale(&Findings::default())
                .iter()
                .all(|w| w.contains(":5:1: accepted finding 0123456789abcdef matches no finding")),
            "{:?}",
            config.stale(&Findings::default())
        );
    }

    #[test]
    fn story_depth_is_read_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "[stories]\ndepth = 2\n").unwrap();
        let config = Config::load(&path, &crate::rules::load::builtin()).unwrap();
        assert_eq!(config.story_depth, Some(2));
        std::fs::write(&path, "[stories]\ndepth = -1\n").unwrap();
        let err = Config::load(&path, &crate::rules::load::builtin())
            .unwrap_err()
            .to_string();
        assert!(err.ends_with(":2:9: `depth` must be a whole number from 0 (each folder argument is one story) to 64"), "{err}");
    }

    #[test]
    fn rules_are_disabled_and_adjusted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "[rules.person-age]\nenabled = false\n[rules.person-first-name]\nseverity = \"warning\"\n").unwrap();
        let config = Config::load(&path, &crate::rules::load::builtin()).unwrap();
        let rules = config.adjust(crate::rules::load::builtin());
        assert!(!rules.iter().any(|r| r.id == "person-age"));
        assert_eq!(
            rules
                .iter()
                .find(|r| r.id == "person-first-name")
                .unwrap()
                .severity,
            Severity::Warning
        );
    }
}
