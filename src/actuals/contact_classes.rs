//! The class of each exported chat (the `class` field of an inquiries
//! export), as an index into the scenario's `[[chat.classes]]`. The
//! mapping's `[inquiries] classes` table names the export's values of each
//! class (`priority = ["2"]`); a value it does not list is taken as a class
//! name. A scenario without classes ignores the field.

use super::mapping::FileMapping;
use super::reader::{Row, RowError};
use crate::scenario::Scenario;
use std::collections::HashMap;

/// How an export's class values become the scenario's classes.
#[derive(Debug, Clone, Default)]
pub struct ClassNames {
    /// The scenario's class names, in file order (empty: classes ignored).
    names: Vec<String>,
    /// The export's value → class index, from the mapping's `classes`.
    mapped: HashMap<String, u8>,
}

impl ClassNames {
    /// The classes of `scenario`, with the values `mapping` gives them; an
    /// error names a mapped class the scenario does not have (a scenario
    /// without classes ignores the mapping's).
    pub fn new(mapping: &FileMapping, scenario: &Scenario) -> Result<Self, String> {
        let names: Vec<String> = scenario.model.chat.classes.iter().map(|c| c.name.clone()).collect();
        let mut mapped = HashMap::new();
        if names.is_empty() {
            return Ok(Self::default());
        }
        for (class, values) in &mapping.classes {
            let i = names.iter().position(|n| n == class).ok_or_else(|| {
                format!("mapping: `[inquiries] classes.{class}` is not a class of the scenario ({})", listed(&names))
            })?;
            mapped.extend(values.iter().map(|v| (v.clone(), i as u8)));
        }
        Ok(Self { names, mapped })
    }

    /// The class of `row` (`None`: the scenario has no classes, or the row
    /// gives none); an error names a value that is no class.
    pub fn resolve(&self, row: &Row) -> Result<Option<u8>, RowError> {
        if self.names.is_empty() || !row.has("class") {
            return Ok(None);
        }
        let Some(value) = row.text("class")? else { return Ok(None) };
        if let Some(&i) = self.mapped.get(value.as_ref()) {
            return Ok(Some(i));
        }
        match self.names.iter().position(|n| *n == value) {
            Some(i) => Ok(Some(i as u8)),
            None => Err(row.invalid(
                "class",
                format!(
                    "`{value}` is not a class of the scenario ({}); map the export's values with the mapping's `classes` table",
                    listed(&self.names)
                ),
            )),
        }
    }
}

fn listed(names: &[String]) -> String {
    if names.is_empty() {
        "it has none".to_string()
    } else {
        format!("classes: {}", names.join(", "))
    }
}
