//! Errors in a scenario: which file, where (line, field) and what is wrong.

use std::fmt;

/// A scenario that cannot be used. Its message names the file, the line and
/// the field where known, and says what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    /// The file (or `<built-in default>`).
    pub source_name: String,
    /// 1-based line in the file, where known.
    pub line: Option<usize>,
    /// Dotted path of the field, e.g. `chat.shifts[2].end`, where known.
    pub field: Option<String>,
    /// What is wrong, and what would fix it.
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source_name)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ScenarioError {}

/// A number as an error message shows it: as written for everyday sizes,
/// in scientific notation (`1e300`, `2.5e-9`) when very large or small, so
/// that a huge value does not print as hundreds of digits.
pub fn show(v: f64) -> String {
    if v.is_finite() && v != 0.0 && !(1e-6..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A TOML reader's message in the file's own words: `table` for map, `list`
/// for sequence, the range of a whole number, and no internal type names.
pub fn plain_words(message: &str) -> String {
    let mut m = message.trim().replace('\n', "; ");
    for (from, to) in [
        ("expected u32", "expected a whole number from 0 to 4294967295"),
        ("expected u64", "expected a whole number from 0 to 18446744073709551615"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected a list (`[...]`, or `[[...]]` tables)"),
        ("invalid type: map", "invalid type: table"),
        ("invalid type: sequence", "invalid type: list"),
    ] {
        m = m.replace(from, to);
    }
    if let Some(i) = m.find("expected struct Raw") {
        m.truncate(i);
        m.push_str("expected a table");
    }
    m
}
