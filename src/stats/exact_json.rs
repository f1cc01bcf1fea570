//! Floating-point columns written to JSON and read back bit for bit. Each
//! value is written as a string holding Rust's shortest text that reads
//! back as the same `f64` (`"0.30000000000000004"`, `"1e-7"`, `"NaN"`,
//! `"inf"`), and read with Rust's correctly rounded parser: a JSON number
//! would go through serde_json's float parser, which by default may miss by
//! one unit in the last place, and JSON has no number for NaN or infinity.
//! Used through `#[serde(with)]`.

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One value, exactly.
#[derive(Debug, Clone, Copy)]
struct Exact(f64);

impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{:?}", self.0))
    }
}

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Exact;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number as a string, such as \"0.25\", \"NaN\" or \"inf\"")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Exact, E> {
                Ok(Exact(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Exact, E> {
                Ok(Exact(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Exact, E> {
                Ok(Exact(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Exact, E> {
                v.parse().map(Exact).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// A column of values.
struct Column<'a>(&'a [f64]);

impl Serialize for Column<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|&x| Exact(x)))
    }
}

/// Columns: `Vec<Vec<f64>>`.
pub mod columns {
    use super::*;

    /// Writes the columns.
    pub fn serialize<S: Serializer>(v: &[Vec<f64>], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|c| Column(c)))
    }

    /// Reads the columns.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<f64>>, D::Error> {
        let v: Vec<Vec<Exact>> = Vec::deserialize(d)?;
        Ok(v.into_iter().map(|c| c.into_iter().map(|x| x.0).collect()).collect())
    }
}

/// Groups of columns: `Vec<Vec<Vec<f64>>>`.
pub mod column_groups {
    use super::*;

    struct Group<'a>(&'a [Vec<f64>]);

    impl Serialize for Group<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            columns::serialize(self.0, s)
        }
    }

    /// Writes the groups.
    pub fn serialize<S: Serializer>(v: &[Vec<Vec<f64>>], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|g| Group(g)))
    }

    /// Reads the groups.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<Vec<f64>>>, D::Error> {
        let v: Vec<Vec<Vec<Exact>>> = Vec::deserialize(d)?;
        Ok(v.into_iter().map(|g| g.into_iter().map(|c| c.into_iter().map(|x| x.0).collect()).collect()).collect())
    }
}
