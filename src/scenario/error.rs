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
