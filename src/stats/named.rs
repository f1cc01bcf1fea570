//! Named values in a fixed order: the figures of a result by name, written
//! as one JSON object.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// Named values serialised as a JSON object in a fixed order.
#[derive(Debug, Clone, PartialEq)]
pub struct Named<T>(pub Vec<(String, T)>);

impl<T: Serialize> Serialize for Named<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<T> Named<T> {
    /// The value named `name` (a [`crate::figures::Figure`] or a name).
    pub fn get(&self, name: impl AsRef<str>) -> Option<&T> {
        let name = name.as_ref();
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}
