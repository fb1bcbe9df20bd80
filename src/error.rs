//! The one error type of the engine: always a single line naming the culprit.

use std::fmt;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl Error {
    /// A problem with a file the user gave us: `path: reason`.
    pub fn input(path: &Path, reason: impl fmt::Display) -> Self {
        Error {
            message: one_line(&format!("{}: {reason}", crate::ingest::display_path(path))),
        }
    }

    /// A problem at a position in a configuration file: `path:line:column: reason`.
    pub fn at(path: &str, line: usize, column: usize, reason: impl fmt::Display) -> Self {
        Error {
            message: one_line(&format!("{path}:{line}:{column}: {reason}")),
        }
    }

    pub fn usage(reason: impl fmt::Display) -> Self {
        Error {
            message: reason.to_string(),
        }
    }

    /// Several errors collected in one pass (a rule folder with many mistakes).
    pub fn many(errors: Vec<Error>) -> Self {
        Error {
            message: errors
                .into_iter()
                .map(|e| e.message)
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// Control characters (a newline in a rule id or a file name) escaped, so one
/// error stays one line.
fn one_line(message: &str) -> String {
    if !message.chars().any(char::is_control) {
        return message.to_string();
    }
    message
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
