//! SARIF 2.1.0, as GitHub code scanning reads it: one result per finding with a
//! location per claim, our fingerprint in `partialFingerprints`, and accepted
//! findings marked as suppressed. Columns are counted in UTF-16 code units, the
//! SARIF default (`columnKind: utf16CodeUnits`).

use crate::findings::{Finding, Status};
use crate::pipeline::Analysis;
use crate::rules::Severity;
use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::{json, Value};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A claim as a SARIF location; `id` is set for related locations, which the
/// result's message links to.
fn claim_location(analysis: &Analysis, claim: usize, value: &str, id: Option<usize>) -> Value {
    let located = analysis.located(claim);
    let location = &located.location;
    let mut out = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": record_uri(location)},
            "region": {
                "startLine": location.line,
                "startColumn": located.start_utf16,
                "endLine": located.end_line,
                "endColumn": located.end_utf16,
                "snippet": {"text": location.text},
            },
        },
        "message": {"text": format!("{value} ({}:{})", location.shown(), location.line)},
    });
    // A quotation's speaker is a region of interest within the same file:
    // SARIF's `annotations` on the location (§3.28.6), so the claim's region
    // and the result's related locations keep their meaning and ids.
    if let (Some(speaker), Some((end_line, start, end))) =
        (&location.speaker, located.speaker_utf16)
    {
        out["annotations"] = json!([{
            "startLine": speaker.line,
            "startColumn": start,
            "endLine": end_line,
            "endColumn": end,
            "snippet": {"text": speaker.text},
            "message": {"text": format!("speaker: {}", speaker.text)},
        }]);
    }
    if let Some(id) = id {
        out["id"] = json!(id);
    }
    out
}

/// Brackets in plain-text SARIF messages would read as links (§3.11.6).
fn escape(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}

/// One finding as a SARIF result. GitHub shows only the first location, so
/// the first claim is the location and every other claim a related location,
/// each linked from the message (`… Steve here, [Steve](1) vs [Richard](2)`).
fn result(analysis: &Analysis, f: &Finding) -> Value {
    let mut claims = f
        .values
        .iter()
        .flat_map(|v| v.claims.iter().map(move |&i| (v.value.as_str(), i)));
    let first = claims.next();
    let locations: Vec<Value> = first
        .map(|(value, claim)| claim_location(analysis, claim, value, None))
        .into_iter()
        .collect();
    let related: Vec<Value> = claims
        .enumerate()
        .map(|(i, (value, claim))| claim_location(analysis, claim, value, Some(i + 1)))
        .collect();
    let mut next_id = 1;
    let groups: Vec<String> = f
        .values
        .iter()
        .enumerate()
        .map(|(g, v)| {
            let links: Vec<String> = (0..v.claims.len())
                .map(|c| {
                    if g == 0 && c == 0 {
                        format!("{} (here)", escape(&v.value))
                    } else {
                        let link = format!("[{}]({next_id})", escape(&v.value));
                        next_id += 1;
                        link
                    }
                })
                .collect();
            links.join(", ")
        })
        .collect();
    let message = if groups.len() > 1 || !related.is_empty() {
        format!("{}. Stated: {}", escape(&f.message), groups.join(" vs "))
    } else {
        escape(&f.message)
    };
    let mut result = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": message},
        "locations": locations,
        "partialFingerprints": {"crosscheck/v1": f.fingerprint},
        "properties": {"status": f.status.as_str(), "entity": f.entity, "predicate": f.predicate},
    });
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    if !f.story.is_empty() {
        result["properties"]["story"] = json!(f.story);
    }
    if !f.across.is_empty() {
        result["properties"]["acrossStories"] = json!(f.across);
    }
    let suppression = match f.status {
        Status::Suppressed => Some(json!({
            "kind": "external",
            "status": "accepted",
            "justification": f.reason.clone().unwrap_or_default(),
        })),
        Status::Baselined => Some(json!({
            "kind": "external",
            "status": "accepted",
            "justification": "accepted in the baseline",
        })),
        Status::New => None,
    };
    if let Some(s) = suppression {
        result["suppressions"] = json!([s]);
    }
    // A state relative to a baseline exists only when there was one; an
    // acceptance in crosscheck.toml is a suppression, not a baseline.
    if let Some(baseline) = &analysis.baseline {
        result["baselineState"] = json!(if baseline.holds(&f.fingerprint) {
            "unchanged"
        } else {
            "new"
        });
    }
    result
}

/// A baseline entry no finding matches any more: an `absent` result, located
/// at the entry in the baseline file (GitHub needs a location to show it).
fn absent(analysis: &Analysis, entry: &crate::baseline::Entry) -> Value {
    // `pass` at level `none`: the contradiction is gone, nothing to alert on.
    let mut result = json!({
        "ruleId": entry.rule,
        "level": "none",
        "message": {"text": format!("Fixed: {}", escape(&entry.summary))},
        "partialFingerprints": {"crosscheck/v1": entry.fingerprint},
        "baselineState": "absent",
        "kind": "pass",
        "properties": {"status": "fixed", "entity": entry.entity},
    });
    if let Some(baseline) = analysis.baseline.as_ref().filter(|b| !b.path.is_empty()) {
        result["locations"] = json!([{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&baseline.path)},
                "region": {"startLine": baseline.line(&entry.fingerprint)},
            },
        }]);
    }
    result
}

/// A path as a URI reference (RFC 3986): every byte but unreserved characters
/// and `/` percent-encoded, so a space, `#`, `?`, `%` or a non-ASCII letter in
/// a file name stays part of the path.
pub fn uri(path: &str) -> String {
    percent_encode(path, b"-._~/")
}

/// Percent-encodes every byte but ASCII letters, digits and `keep`.
fn percent_encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || keep.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A location's artifact URI: the file, and for a record of an archive the
/// record's id in the query (`archive.jsonl?record=ID`, the id
/// percent-encoded), so every record is an artifact of its own and the
/// fragment stays free, as SARIF §3.4.3 asks.
fn record_uri(location: &super::Location) -> String {
    match &location.record {
        Some(id) => format!(
            "{}?record={}",
            uri(&location.source),
            percent_encode(id, b"-._~")
        ),
        None => uri(&location.source),
    }
}

/// The project's README, where the rules and their settings are explained:
/// from the package's `repository` (Cargo.toml), and no `informationUri` at
/// all rather than a made-up one when it is not set.
fn information_uri() -> Option<String> {
    option_env!("CARGO_PKG_REPOSITORY")
        .filter(|r| r.starts_with("https://"))
        .map(|r| format!("{}#readme", r.trim_end_matches('/')))
}

/// A rule's help: its explanation, and how to accept one of its findings.
fn help(rule: &crate::rules::Rule) -> String {
    format!(
        "{}\n\nTo accept a finding after review: `crosscheck accept FINGERPRINT --reason \"…\"` \
         (the fingerprint is in the report).",
        rule.explanation.trim()
    )
}

fn log(analysis: &Analysis) -> Log<'_> {
    let rules: Vec<Value> = analysis
        .rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": {"text": r.message.replace("{entity}", "an entity").replace("{values}", "different values").replace("{predicate}", "a predicate")},
                "fullDescription": {"text": r.explanation.trim()},
                "help": {"text": help(r), "markdown": help(r)},
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {"predicates": r.predicates, "origin": r.origin},
            })
        })
        .collect();
    Log { rules, analysis }
}

/// The SARIF log, serialised as `serde_json::Value` objects are (keys in sorted
/// order), with its results made one at a time as they are written.
struct Log<'a> {
    rules: Vec<Value>,
    analysis: &'a Analysis,
}

impl Serialize for Log<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut log = serializer.serialize_map(Some(3))?;
        log.serialize_entry("$schema", SCHEMA_URI)?;
        log.serialize_entry("runs", &[Run(self)])?;
        log.serialize_entry("version", "2.1.0")?;
        log.end()
    }
}

struct Run<'a, 'b>(&'b Log<'a>);

impl Serialize for Run<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Log { rules, analysis } = self.0;
        let mut run = serializer.serialize_map(Some(4))?;
        run.serialize_entry("columnKind", "utf16CodeUnits")?;
        run.serialize_entry(
            "properties",
            &json!({"stories": super::story_summaries(analysis)}),
        )?;
        run.serialize_entry("results", &Results(analysis))?;
        let mut tool = json!({"driver": {
            "name": "crosscheck",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }});
        if let Some(uri) = information_uri() {
            tool["driver"]["informationUri"] = json!(uri);
        }
        run.serialize_entry("tool", &tool)?;
        run.end()
    }
}

struct Results<'a>(&'a Analysis);

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let analysis = self.0;
        serializer.collect_seq(
            analysis
                .findings
                .iter()
                .map(|f| result(analysis, &f))
                .chain(analysis.fixed.iter().map(|e| absent(analysis, e))),
        )
    }
}

/// Writes the log as it is serialised.
pub fn write(analysis: &Analysis, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::write_pretty(&log(analysis), out)
}

pub fn render(analysis: &Analysis) -> String {
    super::written(|out| write(analysis, out))
}

#[cfg(test)]
mod tests {
    #[test]
    fn streamed_log_is_laid_out_as_a_json_value() {
        let knowledge = crate::knowledge::Knowledge::builtin();
        let rules = crate::rules::load::builtin();
        let sources = [
            "Steve Witkoff, 68, met Putin.",
            "Richard Witkoff, 67, flew in.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| crate::ingest::Source::from_text(format!("{i}.txt"), t.to_string()))
        .collect();
        let analysis = crate::pipeline::analyze(sources, &rules, &knowledge);
        assert!(!analysis.findings.is_empty());
        let streamed = super::render(&analysis);
        let value: serde_json::Value = serde_json::from_str(&streamed).unwrap();
        assert_eq!(
            streamed,
            serde_json::to_string_pretty(&value).unwrap() + "\n"
        );
    }
}
