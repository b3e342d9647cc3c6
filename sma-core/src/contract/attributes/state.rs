//! Typed state in the transaction attributes: `Response::state` writes it, the `State<T>` handler
//! argument reads it. The rules are on the `attributes` module page.

use super::TransactionAttributes;
use serde::Serialize;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde_json::Value;

/// Writes `state` as attributes: one per top-level field (see the module documentation).
///
/// ```
/// #[derive(serde::Serialize)]
/// struct S { step: u8, note: Option<String> }
/// let attrs = sma_core::attributes::to_attributes(&S { step: 3, note: None }).unwrap();
/// assert_eq!(attrs.len(), 1);
/// ```
pub fn to_attributes<T: Serialize>(state: &T) -> Result<TransactionAttributes, serde_json::Error> {
    to_changes(state).map(|(set, _cleared)| set)
}

/// The attributes `state` sets, and the names of its fields that are `None` (`null`), which
/// [`Response::state`](crate::Response::state) removes from the stored map.
pub(crate) fn to_changes<T: Serialize>(
    state: &T,
) -> Result<(TransactionAttributes, Vec<String>), serde_json::Error> {
    let Value::Object(fields) = serde_json::to_value(state)? else {
        return Err(de::Error::custom("state must serialize as a struct or a map"));
    };
    let mut out = TransactionAttributes::new();
    let cleared = to_strings(fields, |key, value| {
        out.insert(key, value);
    });
    Ok((out, cleared))
}

/// The one mapping of fields to strings: a string as it is, any other value as its JSON text;
/// `put` receives each field that is set, and the names of the `null` ones are returned.
pub(crate) fn to_strings(
    fields: serde_json::Map<String, Value>,
    mut put: impl FnMut(String, String),
) -> Vec<String> {
    let mut cleared = Vec::new();
    for (key, value) in fields {
        match value {
            Value::Null => cleared.push(key),
            Value::String(s) => put(key, s),
            other => put(key, other.to_string()),
        }
    }
    cleared
}

/// Reads `T` from attributes (see the module documentation).
pub fn from_attributes<T: DeserializeOwned>(
    attrs: &TransactionAttributes,
) -> Result<T, serde_json::Error> {
    let map = de::value::MapDeserializer::new(attrs.iter().map(|(k, v)| {
        let value = match v {
            Value::String(s) => Stored::Text(Attr(s.as_str())),
            other => Stored::Json(other),
        };
        (k.as_str(), value)
    }));
    T::deserialize(map)
}

/// Reads `T` from a map of strings (the `Arguments` of an API call), by the same rules as
/// [`from_attributes`].
pub(crate) fn from_strings<T: DeserializeOwned>(
    map: &std::collections::BTreeMap<String, String>,
) -> Result<T, serde_json::Error> {
    let map = de::value::MapDeserializer::new(
        map.iter().map(|(k, v)| (k.as_str(), Stored::Text(Attr(v.as_str())))),
    );
    T::deserialize(map)
}

/// One stored value: a string (the form `sma` writes) or JSON another handler stored.
enum Stored<'a> {
    Text(Attr<'a>),
    Json(&'a Value),
}

impl<'de> IntoDeserializer<'de, serde_json::Error> for Stored<'de> {
    type Deserializer = StoredDeserializer<'de>;
    fn into_deserializer(self) -> StoredDeserializer<'de> {
        StoredDeserializer(self)
    }
}

/// Reads a [`Stored`] value: text by the type asked for, JSON as JSON.
struct StoredDeserializer<'a>(Stored<'a>);

macro_rules! dispatch {
    ($($method:ident $(, $arg:ident: $t:ty)*;)+) => {$(
        fn $method<V: Visitor<'de>>(self $(, $arg: $t)*, visitor: V) -> Result<V::Value, Self::Error> {
            match self.0 {
                Stored::Text(a) => de::Deserializer::$method(a $(, $arg)*, visitor),
                Stored::Json(v) => de::Deserializer::$method(v $(, $arg)*, visitor),
            }
        }
    )+};
}

impl<'de> de::Deserializer<'de> for StoredDeserializer<'de> {
    type Error = serde_json::Error;

    dispatch! {
        deserialize_any; deserialize_bool; deserialize_i8; deserialize_i16; deserialize_i32;
        deserialize_i64; deserialize_i128; deserialize_u8; deserialize_u16; deserialize_u32;
        deserialize_u64; deserialize_u128; deserialize_f32; deserialize_f64; deserialize_char;
        deserialize_str; deserialize_string; deserialize_bytes; deserialize_byte_buf;
        deserialize_option; deserialize_unit; deserialize_seq; deserialize_map;
        deserialize_identifier; deserialize_ignored_any;
        deserialize_unit_struct, name: &'static str;
        deserialize_newtype_struct, name: &'static str;
        deserialize_tuple, len: usize;
        deserialize_tuple_struct, name: &'static str, len: usize;
        deserialize_struct, name: &'static str, fields: &'static [&'static str];
        deserialize_enum, name: &'static str, variants: &'static [&'static str];
    }
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
    fn json_stored_by_another_handler_is_read_as_json() {
        #[derive(Debug, PartialEq, Deserialize)]
        struct Transcribe {
            params: Params,
            step: String,
            count: u32,
        }
        #[derive(Debug, PartialEq, Deserialize)]
        struct Params {
            language: String,
        }
        let attrs: TransactionAttributes = serde_json::from_value(serde_json::json!({
            "params": {"language": "en-US"}, "step": "listen", "count": 3
        }))
        .unwrap();
        let t: Transcribe = from_attributes(&attrs).unwrap();
        assert_eq!(t.params.language, "en-US");
        assert_eq!((t.step.as_str(), t.count), ("listen", 3));
    }

    #[test]
    fn a_value_that_does_not_fit_is_an_error() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct S {
            retries: u32,
        }
        let attrs: TransactionAttributes = [("retries", "many")].into();
        let err = from_attributes::<S>(&attrs).unwrap_err().to_string();
        assert!(err.contains("\"many\" is not a u32"), "{err}");
    }
}
