//! GitHub Actions workflow commands: one annotation per claim location, so a
//! pull request shows the contradiction on every line that states it.

use super::locate;
use crate::findings::Status;
use crate::pipeline::Analysis;
use crate::rules::Severity;
use std::fmt::Write;

/// Data after `::` is escaped for `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Property values also escape `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(analysis: &Analysis) -> String {
    let mut out = String::new();
    for finding in analysis.findings.iter().filter(|f| f.status == Status::New) {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = format!("crosscheck {}: {}", finding.rule, finding.entity);
        for value in &finding.values {
            for &claim in &value.claims {
                let location = locate(&analysis.claims[claim], &analysis.sources);
                let message = format!("{} — this source says: {}", finding.message, value.value);
                let _ = writeln!(
                    out,
                    "::{command} file={},line={},col={},title={}::{}",
                    escape_property(&location.source),
                    location.line,
                    location.column,
                    escape_property(&title),
                    escape_data(&message)
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_per_github_rules() {
        assert_eq!(super::escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(super::escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
