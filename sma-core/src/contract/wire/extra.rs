//! [`Extra`]: the keys of an object the model does not know, kept as received.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::LazyLock;

/// The keys of a JSON object that this version of the model does not know, kept as received
/// and written back after the known ones: every `extra` field of the model is one.
///
/// It reads as the `serde_json::Map<String, Value>` it holds (`Deref`: `get`, `contains_key`,
/// `len`, `keys`, `iter`, ...) and changes as one (`DerefMut`: `insert`, `remove`, ...), and
/// converts from and into one. An empty `Extra`, which is what almost every object of an
/// event or a response has, holds no map at all: it is one pointer wide, and dropping it is a
/// test of that pointer. The first key put in it allocates its map (and its box).
///
/// ```
/// use serde_json::{Map, Value, json};
/// use sma_core::wire::Extra;
/// let mut extra = Extra::new();
/// assert!(extra.is_empty());
/// extra.insert("NewParameter".to_owned(), json!(7));
/// assert_eq!(extra.get("NewParameter"), Some(&json!(7)));
/// let map: Map<String, Value> = extra.clone().into();
/// assert_eq!(Extra::from(map), extra);
/// assert_eq!(serde_json::to_string(&extra).unwrap(), r#"{"NewParameter":7}"#);
/// ```
#[derive(Clone, Default)]
pub struct Extra(Option<Box<Map<String, Value>>>);

/// What an `Extra` without a map reads as.
static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);

impl Extra {
    /// No keys (no allocation).
    ///
    /// ```
    /// assert!(sma_core::wire::Extra::new().is_empty());
    /// ```
    pub const fn new() -> Extra {
        Extra(None)
    }

    /// The keys as a map (taken out of their box, or a new empty map).
    ///
    /// ```
    /// use serde_json::json;
    /// let mut extra = sma_core::wire::Extra::new();
    /// extra.insert("K".to_owned(), json!(true));
    /// assert_eq!(extra.into_map().len(), 1);
    /// ```
    pub fn into_map(self) -> Map<String, Value> {
        self.0.map(|m| *m).unwrap_or_default()
    }
}

impl Deref for Extra {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Map<String, Value> {
        self.0.as_deref().unwrap_or(&EMPTY)
    }
}

impl DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        self.0.get_or_insert_with(Box::default)
    }
}

impl From<Map<String, Value>> for Extra {
    fn from(map: Map<String, Value>) -> Extra {
        Extra((!map.is_empty()).then(|| Box::new(map)))
    }
}

impl From<Extra> for Map<String, Value> {
    fn from(extra: Extra) -> Map<String, Value> {
        extra.into_map()
    }
}

impl PartialEq for Extra {
    fn eq(&self, other: &Extra) -> bool {
        **self == **other
    }
}

impl Eq for Extra {}

impl PartialEq<Map<String, Value>> for Extra {
    fn eq(&self, other: &Map<String, Value>) -> bool {
        **self == *other
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl FromIterator<(String, Value)> for Extra {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Extra {
        Extra::from(Map::from_iter(iter))
    }
}

impl Extend<(String, Value)> for Extra {
    fn extend<I: IntoIterator<Item = (String, Value)>>(&mut self, iter: I) {
        let mut iter = iter.into_iter().peekable();
        if iter.peek().is_some() {
            (**self).extend(iter);
        }
    }
}

impl<'a> IntoIterator for &'a Extra {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        (**self).iter()
    }
}

impl<'a> IntoIterator for &'a mut Extra {
    type Item = (&'a String, &'a mut Value);
    type IntoIter = serde_json::map::IterMut<'a>;
    fn into_iter(self) -> Self::IntoIter {
        (**self).iter_mut()
    }
}

impl IntoIterator for Extra {
    type Item = (String, Value);
    type IntoIter = serde_json::map::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        self.into_map().into_iter()
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Some(map) => map.serialize(s),
            None => s.collect_map(std::iter::empty::<(&str, &Value)>()),
        }
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Extra, D::Error> {
        Map::deserialize(d).map(Extra::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_empty_extra_holds_no_map_and_equals_an_emptied_one() {
        let empty = Extra::new();
        assert!(empty.0.is_none());
        let mut emptied = Extra::new();
        emptied.insert("K".to_owned(), json!(1));
        emptied.remove("K");
        assert!(emptied.0.is_some());
        assert_eq!(empty, emptied);
        assert_eq!(format!("{empty:?}"), "{}");
        assert!(Extra::from(Map::new()).0.is_none());
        assert!(Extra::from_iter(Vec::new()).0.is_none());
        let mut extended = Extra::new();
        extended.extend(Vec::new());
        assert!(extended.0.is_none());
    }

    #[test]
    fn it_is_one_pointer_wide_where_the_map_is_three() {
        assert_eq!(std::mem::size_of::<Extra>(), std::mem::size_of::<usize>());
        assert_eq!(std::mem::size_of::<Map<String, Value>>(), 3 * std::mem::size_of::<usize>());
    }

    #[test]
    fn it_reads_and_writes_as_the_map_it_holds() {
        let text = r#"{"A":1,"B":{"C":[true,null]}}"#;
        let extra: Extra = serde_json::from_str(text).unwrap();
        assert_eq!(extra.len(), 2);
        assert_eq!(serde_json::to_string(&extra).unwrap(), text);
        assert_eq!(serde_json::to_string(&Extra::new()).unwrap(), "{}");
        let none: Extra = serde_json::from_str("{}").unwrap();
        assert!(none.0.is_none());
        let keys: Vec<&String> = (&extra).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["A", "B"]);
        let map: Map<String, Value> = extra.clone().into();
        assert_eq!(extra, map);
        assert_eq!(extra.into_iter().count(), 2);
    }
}
