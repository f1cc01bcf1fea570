//! The JSON rendering: the result struct, pretty-printed, field names as
//! documented in `docs/json-reference.md`.

use serde::Serialize;

/// Pretty JSON of any result, with a final newline.
pub fn render<T: Serialize>(result: &T) -> String {
    let mut s = serde_json::to_string_pretty(result).expect("results serialise: all numbers are finite");
    s.push('\n');
    s
}
