//! The guard between a result and its JSON: JSON has no number for NaN or
//! infinity, and serde_json would write either as `null` without a word,
//! so every number of a result is checked before it is written. A
//! non-finite number names the field that holds it (`kpis.occupancy.mean`)
//! and nothing is written. Figures that may be undefined are `Option`s or
//! summaries, which serialise as `null` by design, not by accident.

use serde::ser::{self, Impossible, Serialize, Serializer};
use std::fmt;

/// A number that JSON cannot hold, and where it is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NonFinite {
    /// `value` (NaN or infinite) at the dotted `path`.
    #[error("the figure `{path}` is {value}, which JSON cannot hold; nothing was written (please report this)")]
    Number {
        /// Dotted path of the field, e.g. `kpis.occupancy.mean`.
        path: String,
        /// The value found.
        value: f64,
    },
    /// The result could not be walked (a serialiser's own error).
    #[error("the result cannot be written as JSON: {0}")]
    Other(String),
}

impl ser::Error for NonFinite {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        NonFinite::Other(msg.to_string())
    }
}

/// Checks that every number of `value` is finite.
pub fn check<T: Serialize + ?Sized>(value: &T) -> Result<(), NonFinite> {
    value.serialize(&mut Checker { path: Vec::new() })
}

/// Walks a value, keeping the path of the field being visited.
struct Checker {
    path: Vec<String>,
}

impl Checker {
    fn float(&self, v: f64) -> Result<(), NonFinite> {
        if v.is_finite() {
            Ok(())
        } else {
            let mut path = String::new();
            for seg in &self.path {
                if !path.is_empty() && !seg.starts_with('[') {
                    path.push('.');
                }
                path.push_str(seg);
            }
            Err(NonFinite::Number { path, value: v })
        }
    }

    fn visit<T: Serialize + ?Sized>(&mut self, segment: String, value: &T) -> Result<(), NonFinite> {
        self.path.push(segment);
        let r = value.serialize(&mut *self);
        self.path.pop();
        r
    }
}

/// A sequence, tuple, map or struct being walked.
struct Compound<'a> {
    checker: &'a mut Checker,
    index: usize,
    key: String,
}

impl<'a> Compound<'a> {
    fn new(checker: &'a mut Checker) -> Self {
        Self { checker, index: 0, key: String::new() }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NonFinite> {
        let i = self.index;
        self.index += 1;
        self.checker.visit(format!("[{i}]"), value)
    }
}

macro_rules! fine {
    ($($name:ident($t:ty)),* $(,)?) => {
        $(fn $name(self, _: $t) -> Result<(), NonFinite> { Ok(()) })*
    };
}

impl<'a> Serializer for &'a mut Checker {
    type Ok = ();
    type Error = NonFinite;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fine!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str),
    );

    fn serialize_f32(self, v: f32) -> Result<(), NonFinite> {
        self.float(f64::from(v))
    }

    fn serialize_f64(self, v: f64) -> Result<(), NonFinite> {
        self.float(v)
    }

    fn serialize_none(self) -> Result<(), NonFinite> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), NonFinite> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), NonFinite> {
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), NonFinite> {
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), NonFinite> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), NonFinite> {
        self.visit(variant.to_string(), value)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, NonFinite> {
        Ok(Compound::new(self))
    }

    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, NonFinite> {
        Ok(Compound::new(self))
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, NonFinite> {
        Ok(Compound::new(self))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, NonFinite> {
        Ok(Compound::new(self))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, NonFinite> {
        Ok(Compound::new(self))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, NonFinite> {
        Ok(Compound::new(self))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, NonFinite> {
        Ok(Compound::new(self))
    }
}

/// Sequences and tuples: every element is checked in turn.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = NonFinite;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NonFinite> {
                self.element(value)
            }
            fn end(self) -> Result<(), NonFinite> {
                Ok(())
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = NonFinite;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NonFinite> {
        self.key = key.serialize(KeyText)?;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NonFinite> {
        let key = std::mem::take(&mut self.key);
        self.checker.visit(key, value)
    }
    fn end(self) -> Result<(), NonFinite> {
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = NonFinite;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), NonFinite> {
        self.checker.visit(key.to_string(), value)
    }
    fn end(self) -> Result<(), NonFinite> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = NonFinite;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), NonFinite> {
        self.checker.visit(key.to_string(), value)
    }
    fn end(self) -> Result<(), NonFinite> {
        Ok(())
    }
}

/// A map key as text, for the path. Keys of results are strings; any other
/// key is named by its kind.
struct KeyText;

macro_rules! key_as_text {
    ($($name:ident($t:ty)),* $(,)?) => {
        $(fn $name(self, v: $t) -> Result<String, NonFinite> { Ok(v.to_string()) })*
    };
}

impl Serializer for KeyText {
    type Ok = String;
    type Error = NonFinite;
    type SerializeSeq = Impossible<String, NonFinite>;
    type SerializeTuple = Impossible<String, NonFinite>;
    type SerializeTupleStruct = Impossible<String, NonFinite>;
    type SerializeTupleVariant = Impossible<String, NonFinite>;
    type SerializeMap = Impossible<String, NonFinite>;
    type SerializeStruct = Impossible<String, NonFinite>;
    type SerializeStructVariant = Impossible<String, NonFinite>;

    key_as_text!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
    );

    fn serialize_bytes(self, _: &[u8]) -> Result<String, NonFinite> {
        Ok("<bytes>".into())
    }
    fn serialize_none(self) -> Result<String, NonFinite> {
        Ok("<none>".into())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, NonFinite> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, NonFinite> {
        Ok("<unit>".into())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<String, NonFinite> {
        Ok(name.into())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<String, NonFinite> {
        Ok(variant.into())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<String, NonFinite> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: &T,
    ) -> Result<String, NonFinite> {
        Ok(variant.into())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NonFinite> {
        Err(NonFinite::Other("a map key is a sequence".into()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NonFinite> {
        Err(NonFinite::Other("a map key is a tuple".into()))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, NonFinite> {
        Err(NonFinite::Other("a map key is a tuple".into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NonFinite> {
        Err(NonFinite::Other("a map key is a tuple".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NonFinite> {
        Err(NonFinite::Other("a map key is a map".into()))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NonFinite> {
        Err(NonFinite::Other("a map key is a struct".into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NonFinite> {
        Err(NonFinite::Other("a map key is a struct".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Serialize)]
    struct Inner {
        ok: f64,
        maybe: Option<f64>,
        list: Vec<f64>,
    }

    #[derive(serde::Serialize)]
    struct Outer {
        name: String,
        inner: Inner,
        by_name: BTreeMap<String, (u32, f64)>,
    }

    fn outer(list_last: f64, tuple: f64) -> Outer {
        let mut by_name = BTreeMap::new();
        by_name.insert("a".to_string(), (1, tuple));
        Outer { name: "x".into(), inner: Inner { ok: 1.5, maybe: None, list: vec![0.0, list_last] }, by_name }
    }

    #[test]
    fn finite_results_pass_and_nulls_by_design_are_fine() {
        assert_eq!(check(&outer(2.0, 3.0)), Ok(()));
        assert_eq!(check(&crate::stats::Summary::of(&[f64::NAN])), Ok(()), "an undefined summary is null");
    }

    #[test]
    fn a_non_finite_number_is_named_by_its_path() {
        match check(&outer(f64::NAN, 3.0)) {
            Err(NonFinite::Number { path, value }) => assert!(path == "inner.list[1]" && value.is_nan(), "{path}"),
            other => panic!("{other:?}"),
        }
        let e = check(&outer(1.0, f64::NEG_INFINITY)).unwrap_err();
        assert_eq!(e, NonFinite::Number { path: "by_name.a[1]".into(), value: f64::NEG_INFINITY });
        assert!(e.to_string().contains("`by_name.a[1]` is -inf"));
    }
}
