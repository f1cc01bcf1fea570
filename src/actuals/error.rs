//! Errors of an import: which file, which line and column, and what is
//! wrong; and the tally of bad rows skipped on request.

use serde::Serialize;
use std::fmt;

/// An export that cannot be read. Its message names the file, the line and
/// the column where known, and says what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// The file.
    pub file: String,
    /// 1-based line, where known.
    pub line: Option<u64>,
    /// The column, where known.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    /// An error about the whole file.
    pub fn whole_file(file: &str, message: String) -> Self {
        Self { file: file.to_string(), line: None, column: None, message }
    }

    /// An error at `line` (and `column`).
    pub fn at(file: &str, line: u64, column: Option<String>, message: String) -> Self {
        Self { file: file.to_string(), line: Some(line), column, message }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ": column `{column}`")?;
        }
        write!(f, ": {}", self.message)?;
        if self.line.is_some() {
            write!(f, " (--skip-bad-rows skips such rows and reports them)")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}

#[cfg(test)]
mod shown_tests {
    use super::shown;

    #[test]
    fn long_values_are_cut_and_short_ones_kept() {
        assert_eq!(shown("three"), "three");
        let long = "a,b\n".repeat(5000);
        let s = shown(&long);
        assert!(s.ends_with("… (20000 characters)") && s.chars().count() < 100, "{s}");
        assert!(!s.contains('\n'));
    }
}

/// Most characters of a value echoed in a message.
const MAX_SHOWN: usize = 60;

/// `text` as an error message shows it: whole when short, else its first
/// 40 characters and how long it is, so that a field of megabytes does not
/// make a message of megabytes. Line breaks show as `\n`.
pub fn shown(text: &str) -> String {
    let n = text.chars().count();
    let cut: String = if n <= MAX_SHOWN { text.to_string() } else { text.chars().take(40).collect() };
    let cut = cut.replace('\n', "\\n").replace('\r', "\\r");
    if n <= MAX_SHOWN {
        cut
    } else {
        format!("{cut}… ({n} characters)")
    }
}

/// How many lines of each reason are kept as examples.
const EXAMPLES: usize = 5;

/// Bad rows skipped, by reason, with the first lines of each.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BadRows {
    /// Rows skipped [count].
    pub skipped: u64,
    /// `(reason, count, first lines)`, in order of first occurrence.
    pub reasons: Vec<BadReason>,
}

/// One reason rows were skipped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BadReason {
    /// What was wrong.
    pub reason: String,
    /// Rows skipped for it [count].
    pub rows: u64,
    /// The first lines where it occurred.
    pub first_lines: Vec<u64>,
}

impl BadRows {
    /// Counts a skipped row at `line` for `reason`.
    pub fn add(&mut self, line: u64, reason: &str) {
        self.skipped += 1;
        match self.reasons.iter_mut().find(|r| r.reason == reason) {
            Some(r) => {
                r.rows += 1;
                if r.first_lines.len() < EXAMPLES {
                    r.first_lines.push(line);
                }
            }
            None => self.reasons.push(BadReason { reason: reason.to_string(), rows: 1, first_lines: vec![line] }),
        }
    }
}
