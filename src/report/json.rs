//! The JSON rendering: the result struct, pretty-printed, field names as
//! documented in `docs/json-reference.md`. Every JSON result goes through
//! [`render`], which refuses a NaN or infinite number ([`super::finite`])
//! instead of letting it become a silent `null`.

use super::finite::{check, NonFinite};
use serde::Serialize;

/// Pretty JSON of any result, with a final newline; an error naming the
/// field when a number is NaN or infinite.
pub fn render<T: Serialize + ?Sized>(result: &T) -> Result<String, NonFinite> {
    check(result)?;
    let mut s = serde_json::to_string_pretty(result).map_err(|e| NonFinite::Other(e.to_string()))?;
    s.push('\n');
    Ok(s)
}
