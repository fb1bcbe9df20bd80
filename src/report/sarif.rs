//! SARIF 2.1.0, as GitHub code scanning reads it: one result per finding with a
//! location per claim, our fingerprint in `partialFingerprints`, and accepted
//! findings marked as suppressed. Columns are counted in UTF-16 code units, the
//! SARIF default (`columnKind: utf16CodeUnits`).

use super::locate;
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

/// One finding as a SARIF result.
fn result(analysis: &Analysis, f: &Finding) -> Value {
    let locations: Vec<Value> = f
        .values
        .iter()
        .flat_map(|v| v.claims.iter().map(move |&i| (v, i)))
        .map(|(v, i)| {
            let claim = &analysis.claims[i];
            let source = &analysis.sources[claim.source];
            let location = locate(claim, &analysis.sources);
            let (end_line, _) = source.line_column(claim.span.end());
            json!({
                "physicalLocation": {
                    "artifactLocation": {"uri": location.source},
                    "region": {
                        "startLine": location.line,
                        "startColumn": utf16_column(&source.text, claim.span.start()),
                        "endLine": end_line,
                        "endColumn": utf16_column(&source.text, claim.span.end()),
                        "snippet": {"text": location.text},
                    },
                },
                "message": {"text": format!("{}: {}", f.entity, v.value)},
            })
        })
        .collect();
    let mut result = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": f.message},
        "locations": locations,
        "partialFingerprints": {"crosscheck/v1": f.fingerprint},
        "properties": {"status": f.status.as_str(), "entity": f.entity, "predicate": f.predicate},
    });
    if !f.story.is_empty() {
        result["properties"]["story"] = json!(f.story);
    }
    if !f.across.is_empty() {
        result["properties"]["acrossStories"] = json!(f.across);
    }
    let suppression = match f.status {
        Status::Suppressed => {
            Some(json!({"kind": "external", "justification": f.reason.clone().unwrap_or_default()}))
        }
        Status::Baselined => {
            Some(json!({"kind": "external", "justification": "accepted in the baseline"}))
        }
        Status::New => None,
    };
    if let Some(s) = suppression {
        result["suppressions"] = json!([s]);
        result["baselineState"] = json!("unchanged");
    } else {
        result["baselineState"] = json!("new");
    }
    result
}

/// 1-based UTF-16 column of byte `offset` in `text`, and of `end`.
fn utf16_column(text: &str, offset: usize) -> usize {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].encode_utf16().count() + 1
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
                "help": {"text": r.explanation.trim(), "markdown": r.explanation.trim()},
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
        run.serialize_entry(
            "tool",
            &json!({"driver": {
                "name": "crosscheck",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/crosscheck",
                "rules": rules,
            }}),
        )?;
        run.end()
    }
}

struct Results<'a>(&'a Analysis);

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.findings.iter().map(|f| result(self.0, f)))
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

    #[test]
    fn columns_count_utf16_units() {
        let text = "a\n😀b";
        assert_eq!(super::utf16_column(text, text.find('b').unwrap()), 3);
    }
}
