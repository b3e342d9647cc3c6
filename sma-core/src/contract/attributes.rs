//! Transaction attributes: the string map the service stores for the whole call, and typed state
//! written to it and read from it (`Response::state` writes, the `State<T>` handler argument
//! reads).
//!
//! Each top-level field of `T` is one attribute. Strings are stored as they are; every other
//! value (numbers, booleans, lists, nested structs) as its JSON text. `None` fields are not
//! stored. Reading applies the reverse: a field typed as a number parses its attribute, a field
//! typed as a string takes it verbatim.

use serde::Serialize;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde_json::Value;
use std::collections::BTreeMap;

/// `TransactionAttributes`: string keys to string values stored by the service for the whole
/// call and echoed in `CallDetails.TransactionAttributes` of every later event.
///
/// Sending a map stores it; sending `{}` clears it; omitting it (or `null`) keeps it. Whether a
/// map with other keys merges or replaces is documented both ways, so `sma` always sends the
/// complete map.
///
/// See [Using transaction attributes](https://docs.aws.amazon.com/chime-sdk/latest/dg/transaction-attributes.html).
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use sma_core::attributes::{from_attributes, to_attributes};
///
/// #[derive(Serialize, Deserialize, PartialEq, Debug)]
/// struct Menu { attempts: u32, language: String, vip: bool }
///
/// let menu = Menu { attempts: 2, language: "fr".into(), vip: true };
/// let attrs: sma_core::TransactionAttributes = to_attributes(&menu).unwrap();
/// assert_eq!(attrs["attempts"], "2");
/// assert_eq!(attrs["language"], "fr");
/// assert_eq!(from_attributes::<Menu>(&attrs).unwrap(), menu);
/// ```
pub type TransactionAttributes = BTreeMap<String, String>;

/// Writes `state` as attributes: one per top-level field (see the module documentation).
///
/// ```
/// #[derive(serde::Serialize)]
/// struct S { step: u8, note: Option<String> }
/// let attrs = sma_core::attributes::to_attributes(&S { step: 3, note: None }).unwrap();
/// assert_eq!(attrs.len(), 1);
/// ```
pub fn to_attributes<T: Serialize>(state: &T) -> Result<TransactionAttributes, serde_json::Error> {
    let Value::Object(fields) = serde_json::to_value(state)? else {
        return Err(de::Error::custom("state must serialize as a struct or a map"));
    };
    let mut out = TransactionAttributes::new();
    for (key, value) in fields {
        match value {
            Value::Null => {}
            Value::String(s) => {
                out.insert(key, s);
            }
            other => {
                out.insert(key, other.to_string());
            }
        }
    }
    Ok(out)
}

/// Reads `T` from attributes (see the module documentation).
pub fn from_attributes<T: DeserializeOwned>(
    attrs: &TransactionAttributes,
) -> Result<T, serde_json::Error> {
    let map =
        de::value::MapDeserializer::new(attrs.iter().map(|(k, v)| (k.as_str(), Attr(v.as_str()))));
    T::deserialize(map)
}

/// One attribute value, read according to the type asked for.
struct Attr<'a>(&'a str);

impl<'de> IntoDeserializer<'de, serde_json::Error> for Attr<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl Attr<'_> {
    fn json(&self) -> Result<Value, serde_json::Error> {
        serde_json::from_str(self.0)
    }
}

macro_rules! parsed {
    ($($method:ident => $visit:ident: $t:ty),+ $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            let v: $t = self.0.trim().parse().map_err(|_| {
                de::Error::custom(format_args!("{:?} is not a {}", self.0, stringify!($t)))
            })?;
            visitor.$visit(v)
        }
    )+};
}

impl<'de> de::Deserializer<'de> for Attr<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_borrowed_str(self.0)
    }

    parsed! {
        deserialize_bool => visit_bool: bool,
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_i128 => visit_i128: i128,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_u128 => visit_u128: u128,
        deserialize_f32 => visit_f32: f32,
        deserialize_f64 => visit_f64: f64,
        deserialize_char => visit_char: char,
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_some(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        // A unit variant is stored as its name; any other shape as JSON.
        match self.json() {
            Ok(value @ (Value::Object(_) | Value::String(_))) => {
                de::Deserializer::deserialize_enum(value, name, variants, visitor)
            }
            _ => visitor.visit_enum(self.0.into_deserializer()),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        de::Deserializer::deserialize_seq(self.json()?, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        de::Deserializer::deserialize_map(self.json()?, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        de::Deserializer::deserialize_struct(self.json()?, name, fields, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        de::Deserializer::deserialize_tuple(self.json()?, len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        de::Deserializer::deserialize_tuple_struct(self.json()?, name, len, visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        str string bytes byte_buf unit_struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Step {
        Menu,
        Bridging { attempt: u8 },
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Flow {
        step: Step,
        retries: u32,
        caller: String,
        digits: String,
        vip: bool,
        tags: Vec<String>,
        note: Option<String>,
        score: f64,
    }

    #[test]
    fn round_trips_through_the_string_map() {
        for step in [Step::Menu, Step::Bridging { attempt: 2 }] {
            let flow = Flow {
                step,
                retries: 3,
                caller: "+12065550100".into(),
                digits: "0042".into(),
                vip: false,
                tags: vec!["a".into(), "b".into()],
                note: None,
                score: 0.5,
            };
            let attrs = to_attributes(&flow).unwrap();
            assert_eq!(attrs["digits"], "0042", "strings stay verbatim, even numeric ones");
            assert_eq!(attrs["retries"], "3");
            assert!(!attrs.contains_key("note"));
            assert_eq!(from_attributes::<Flow>(&attrs).unwrap(), flow);
        }
    }

    #[test]
    fn a_value_that_does_not_fit_is_an_error() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct S {
            retries: u32,
        }
        let attrs: TransactionAttributes = [("retries".to_owned(), "many".to_owned())].into();
        let err = from_attributes::<S>(&attrs).unwrap_err().to_string();
        assert!(err.contains("\"many\" is not a u32"), "{err}");
    }
}
