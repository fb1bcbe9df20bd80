//! SARIF 2.1.0, as GitHub code scanning reads it: one result per finding with a
//! location per claim, our fingerprint in `partialFingerprints`, and accepted
//! findings marked as suppressed. Columns are counted in UTF-16 code units, the
//! SARIF default (`columnKind: utf16CodeUnits`).

use super::locate;
use crate::findings::Status;
use crate::pipeline::Analysis;
use crate::rules::Severity;
use serde_json::{json, Value};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// 1-based UTF-16 column of byte `offset` in `text`, and of `end`.
fn utf16_column(text: &str, offset: usize) -> usize {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].encode_utf16().count() + 1
}

pub fn render(analysis: &Analysis) -> String {
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
    let results: Vec<Value> = analysis
        .findings
        .iter()
        .map(|f| {
            let locations: Vec<Value> = f
                .values
                .iter()
                .flat_map(|v| v.claims.iter().map(move |&i| (v, i)))
                .map(|(v, i)| {
                    let claim = &analysis.claims[i];
                    let source = &analysis.sources[claim.source];
                    let location = locate(claim, &analysis.sources);
                    let (end_line, _) = source.line_column(claim.span.end);
                    json!({
                        "physicalLocation": {
                            "artifactLocation": {"uri": location.source},
                            "region": {
                                "startLine": location.line,
                                "startColumn": utf16_column(&source.text, claim.span.start),
                                "endLine": end_line,
                                "endColumn": utf16_column(&source.text, claim.span.end),
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
            let suppression = match f.status {
                Status::Suppressed => Some(json!({"kind": "external", "justification": f.reason.clone().unwrap_or_default()})),
                Status::Baselined => Some(json!({"kind": "external", "justification": "accepted in the baseline"})),
                Status::New => None,
            };
            if let Some(s) = suppression {
                result["suppressions"] = json!([s]);
                result["baselineState"] = json!("unchanged");
            } else {
                result["baselineState"] = json!("new");
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "crosscheck",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/crosscheck",
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_count_utf16_units() {
        let text = "a\n😀b";
        assert_eq!(super::utf16_column(text, text.find('b').unwrap()), 3);
    }
}
