//! How an export's columns map onto the canonical fields of
//! `docs/actuals-format.md`: a small TOML file with one optional table per
//! file kind. Anything not given keeps the canonical meaning.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A whole mapping file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// `[inquiries]`.
    #[serde(default)]
    pub inquiries: FileMapping,
    /// `[orders]`.
    #[serde(default)]
    pub orders: FileMapping,
    /// `[shipments]`.
    #[serde(default)]
    pub shipments: FileMapping,
    /// `[agent_states]`.
    #[serde(default)]
    pub agent_states: FileMapping,
}

/// The mapping of one file kind. Keys other than the settings below are
/// canonical field names; a name that is not a field of the file kind is
/// refused when the file is read.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FileMapping {
    /// Field separator, one ASCII character; default `,`.
    pub delimiter: Option<String>,
    /// IANA time zone of timestamps without an offset; default: the scenario's.
    pub time_zone: Option<String>,
    /// A chrono `strftime` format for timestamps; default: RFC 3339 or
    /// `YYYY-MM-DD HH:MM[:SS[.fff]]`.
    pub timestamp_format: Option<String>,
    /// Values meaning "no value", besides the empty field.
    #[serde(default)]
    pub missing: Vec<String>,
    /// Rows to leave out: every column of an entry must hold one of its values.
    #[serde(default)]
    pub skip: Vec<BTreeMap<String, Vec<String>>>,
    /// Agent-state exports only: canonical state name → the export's
    /// values meaning it (`break = ["AUX", "LUNCH"]`).
    #[serde(default)]
    pub states: BTreeMap<String, Vec<String>>,
    /// Inquiries exports only: the scenario's class name → the export's
    /// values meaning it (`priority = ["2"]`).
    #[serde(default)]
    pub classes: BTreeMap<String, Vec<String>>,
    /// Canonical field name → where its value comes from.
    #[serde(flatten)]
    pub fields: BTreeMap<String, Source>,
}

/// Where a canonical field's value comes from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Source {
    /// One column.
    Column(String),
    /// Several columns joined with a space (a date and a time column).
    Joined(Vec<String>),
    /// A flag: true when `column` holds one of `values`.
    Matches {
        /// The column.
        column: String,
        /// The values meaning true.
        values: Vec<String>,
    },
}

impl Mapping {
    /// Reads a mapping file; the error names the file and, where known, the line.
    pub fn load(path: &Path) -> Result<Self, String> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: cannot read the mapping file: {e}"))?;
        Self::from_toml(&text, &name)
    }

    /// Reads a mapping from TOML text; errors name it `name` and, where
    /// known, the line.
    pub fn from_toml(text: &str, name: &str) -> Result<Self, String> {
        let mapping: Self = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(l) => format!("{name}:{l}: {}", e.message().trim()),
                None => format!("{name}: {}", e.message().trim()),
            }
        })?;
        if [&mapping.inquiries, &mapping.orders, &mapping.shipments].iter().any(|m| !m.states.is_empty()) {
            return Err(format!(
                "{name}: `states` (the export's state names) belongs in the `[agent_states]` table only"
            ));
        }
        if [&mapping.orders, &mapping.shipments, &mapping.agent_states].iter().any(|m| !m.classes.is_empty()) {
            return Err(format!(
                "{name}: `classes` (the export's class values) belongs in the `[inquiries]` table only"
            ));
        }
        crate::actuals::agent_states::StateNames::new(&mapping.agent_states.states)
            .map_err(|m| format!("{name}: {m}"))?;
        Ok(mapping)
    }
}

impl FileMapping {
    /// The field separator as a byte.
    pub fn delimiter_byte(&self) -> Result<u8, String> {
        match self.delimiter.as_deref() {
            None => Ok(b','),
            Some(d) if d.len() == 1 && d.is_ascii() => Ok(d.as_bytes()[0]),
            Some(d) => Err(format!("`delimiter = {d:?}` must be one ASCII character, e.g. \",\" or \"\\t\"")),
        }
    }
}
