//! Transaction attributes: the map the service stores for the whole call, and typed state
//! written to it and read from it.
//!
//! # How typed state maps to attributes
//!
//! [`Response::state(&value)`](crate::Response::state) writes a struct (or a map) and the
//! [`State<T>`](crate::State) handler argument reads it back; [`to_attributes`] and
//! [`from_attributes`] are the same mapping as functions.
//!
//! - Each top-level field is one attribute, named as serde names the field (`#[serde(rename)]`
//!   applies).
//! - A string field is stored as it is; any other value (a number, a boolean, a list, a nested
//!   struct) as its JSON text: `attempts: 2` is stored as `"2"`, `tags: ["a"]` as `"[\"a\"]"`.
//! - A field that is `None` **removes** its attribute: writing `note: Some("x")`, then
//!   `note: None`, leaves no `note`, and reading gives `None` again. ([`to_attributes`] alone
//!   simply leaves such a field out.)
//! - Other stored attributes are kept: `state` changes only the fields of `T`. To start over,
//!   call [`Response::clear_attributes`](crate::Response::clear_attributes) first.
//! - Reading parses each attribute as its field's type wants: a number field parses `"2"`, a
//!   string field takes the text verbatim, a struct field parses its JSON. An attribute another
//!   handler stored as JSON (the AWS workshop stores an object) is read as that JSON.
//! - Limits: the service stores at most 100 attributes in 20 KB (see
//!   [`Limits`](crate::rules::Limits)); a larger state is refused before it is sent.
//!
//! ```
//! use sma_core::Response;
//!
//! #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
//! struct Order { step: u32, note: Option<String> }
//!
//! let first = Response::empty().state(&Order { step: 1, note: Some("call back".into()) });
//! let stored = first.resolve(None).unwrap().transaction_attributes.unwrap();
//! assert_eq!((stored.get("step"), stored.get("note")), (Some("1"), Some("call back")));
//!
//! let next = Response::empty().state(&Order { step: 2, note: None });
//! let stored = next.resolve(Some(&stored)).unwrap().transaction_attributes.unwrap();
//! assert_eq!(stored.get("note"), None, "None removes the attribute");
//! let back: Order = sma_core::attributes::from_attributes(&stored).unwrap();
//! assert_eq!(back, Order { step: 2, note: None });
//! ```

mod state;

pub use state::{from_attributes, to_attributes};
pub(crate) use state::{from_strings, to_changes, to_strings};

use crate::contract::wire::LazyJson;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `TransactionAttributes`: the map the service stores for the whole call and echoes in
/// `CallDetails.TransactionAttributes` of every later event.
///
/// Sending a map stores it; sending `{}` clears it; omitting it (or `null`) keeps it. Whether a
/// map with other keys merges or replaces is documented both ways, so `sma` always sends the
/// complete map.
///
/// The documents show string values only, and `sma` writes strings; but a handler in another
/// language may have stored other JSON (the AWS workshop stores an object): such values are
/// read, kept and written back unchanged ([`TransactionAttributes::value`] reads them; the
/// response check warns with [`Rule::AttributeValueType`](crate::rules::Rule::AttributeValueType)).
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
/// assert_eq!(attrs.get("attempts"), Some("2"));
/// assert_eq!(attrs["language"], "fr");
/// assert_eq!(from_attributes::<Menu>(&attrs).unwrap(), menu);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TransactionAttributes(LazyJson<Map<String, Value>>);

impl TransactionAttributes {
    /// No attributes.
    pub fn new() -> Self {
        TransactionAttributes(LazyJson::new(Map::new()))
    }

    fn map(&self) -> &Map<String, Value> {
        self.0.get()
    }

    fn map_mut(&mut self) -> &mut Map<String, Value> {
        self.0.get_mut()
    }

    /// The number of attributes.
    pub fn len(&self) -> usize {
        self.map().len()
    }

    /// No attributes.
    pub fn is_empty(&self) -> bool {
        self.map().is_empty()
    }

    /// The string value of `key` (`None` when absent, or stored as other JSON).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.map().get(key).and_then(Value::as_str)
    }

    /// The value of `key` as stored, whatever its JSON type.
    pub fn value(&self, key: &str) -> Option<&Value> {
        self.map().get(key)
    }

    /// Whether `key` is stored.
    pub fn contains_key(&self, key: &str) -> bool {
        self.map().contains_key(key)
    }

    /// Stores a string value; returns what was stored before.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) -> Option<Value> {
        self.map_mut().insert(key.into(), Value::String(value.into()))
    }

    /// Stores any JSON value (the documents show strings only: prefer [`insert`](Self::insert)).
    pub fn insert_value(&mut self, key: impl Into<String>, value: Value) -> Option<Value> {
        self.map_mut().insert(key.into(), value)
    }

    /// Removes `key`; returns what was stored.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.map_mut().remove(key)
    }

    /// Removes every attribute.
    pub fn clear(&mut self) {
        self.map_mut().clear();
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map().keys()
    }

    /// The attributes, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.map().iter()
    }

    /// The keys whose value is not a string.
    pub fn non_string_keys(&self) -> impl Iterator<Item = &String> {
        self.map().iter().filter(|(_, v)| !v.is_string()).map(|(k, _)| k)
    }
}

impl std::ops::Index<&str> for TransactionAttributes {
    type Output = Value;

    /// The value of `key`; panics when it is not stored (as `serde_json::Map` does).
    fn index(&self, key: &str) -> &Value {
        &self.map()[key]
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for TransactionAttributes {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        TransactionAttributes(LazyJson::new(
            iter.into_iter().map(|(k, v)| (k.into(), v.into())).collect(),
        ))
    }
}

impl<K: Into<String>, V: Into<Value>> Extend<(K, V)> for TransactionAttributes {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        self.map_mut().extend(iter.into_iter().map(|(k, v)| (k.into(), v.into())));
    }
}

impl<K: Into<String>, V: Into<Value>, const N: usize> From<[(K, V); N]> for TransactionAttributes {
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl IntoIterator for TransactionAttributes {
    type Item = (String, Value);
    type IntoIter = serde_json::map::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_inner().into_iter()
    }
}

impl<'a> IntoIterator for &'a TransactionAttributes {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.map().iter()
    }
}

impl Serialize for TransactionAttributes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.map().serialize(s)
    }
}

/// Read as any JSON object, kept as received until an attribute is read.
impl<'de> Deserialize<'de> for TransactionAttributes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = crate::contract::wire::raw_json(d)?;
        // Any JSON object reads as a map (a repeated key keeps its last value).
        if !raw.trim_start().starts_with('{') {
            return Err(serde::de::Error::invalid_type(
                serde::de::Unexpected::Other("JSON that is not an object"),
                &"a map",
            ));
        }
        Ok(TransactionAttributes(LazyJson::from_raw(raw)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn any_json_is_kept_and_written_back() {
        let raw = json!({"params": {"lang": "en"}, "n": 3, "step": "menu"});
        let attrs: TransactionAttributes = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(attrs.get("step"), Some("menu"));
        assert_eq!(attrs.get("n"), None);
        assert_eq!(attrs.value("n"), Some(&json!(3)));
        assert_eq!(attrs.non_string_keys().collect::<Vec<_>>(), ["n", "params"]);
        assert_eq!(serde_json::to_value(&attrs).unwrap(), raw);
    }
}
