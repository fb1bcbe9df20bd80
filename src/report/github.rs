//! GitHub Actions workflow commands: one annotation per claim location, so a
//! pull request shows the contradiction on every line that states it.

use crate::findings::Status;
use crate::pipeline::Analysis;
use crate::rules::Severity;

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

/// Writes one annotation per claim location as it goes (the message repeats on
/// every line, so the output may be far larger than the analysis).
pub fn write(analysis: &Analysis, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for finding in analysis.findings.iter().filter(|f| f.status == Status::New) {
        let finding = &*finding;
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = escape_property(&format!("crosscheck {}: {}", finding.rule, finding.entity));
        for value in &finding.values {
            let message = escape_data(&format!(
                "{} — this source says: {}",
                finding.message, value.value
            ));
            for &claim in &value.claims {
                let located = analysis.located(claim);
                let location = &located.location;
                writeln!(
                    out,
                    "::{command} file={},line={},col={},title={title}::{message}",
                    escape_property(&location.shown()),
                    location.line,
                    location.column,
                )?;
            }
        }
    }
    Ok(())
}

pub fn render(analysis: &Analysis) -> String {
    super::written(|out| write(analysis, out))
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_per_github_rules() {
        assert_eq!(super::escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(super::escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
