//! The arguments of an API call, typed on both sides: the `ArgumentsMap` of
//! `CreateSipMediaApplicationCall` and the `Arguments` of `UpdateSipMediaApplicationCall`.
//!
//! The code that starts or updates a call writes a value with [`to_arguments`]; the handler
//! reads it back with the [`Arguments<T>`](crate::Arguments) argument, which is
//! [`from_arguments`]. Use one type on both sides (the `sma-client` crate and the simulator take
//! it too), and a renamed field or a changed type is a compile error or a failing test, not a
//! surprise on a live call.
//!
//! # The mapping
//!
//! The API takes a map of strings, at most [`MAX_ARGUMENTS`] entries. A value is mapped as
//! typed state is mapped to transaction attributes (see [`attributes`](crate::attributes)):
//!
//! - each top-level field is one entry, named as serde names it;
//! - a string is sent as it is; a number or a boolean as its text (`minutes: 15` as `"15"`),
//!   read back by the field's type; a list or a nested struct as its JSON text;
//! - a field that is `None` is left out, and reads back as `None`;
//! - a map of strings, or a list of `(key, value)` pairs, is sent entry by entry.
//!
//! ```
//! use sma_core::arguments::{from_arguments, to_arguments};
//!
//! #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
//! struct Reminder { appointment: String, minutes: u32, note: Option<String> }
//!
//! let reminder = Reminder { appointment: "A-17".into(), minutes: 15, note: None };
//! let map = to_arguments(&reminder).unwrap();
//! assert_eq!(map["minutes"], "15");
//! assert!(!map.contains_key("note"));
//! assert_eq!(from_arguments::<Reminder>(&map).unwrap(), reminder);
//! ```
//!
//! See [CreateSipMediaApplicationCall](https://docs.aws.amazon.com/chime-sdk/latest/APIReference/API_voice-chime_CreateSipMediaApplicationCall.html)
//! and [UpdateSipMediaApplicationCall](https://docs.aws.amazon.com/chime-sdk/latest/APIReference/API_voice-chime_UpdateSipMediaApplicationCall.html).

use crate::contract::attributes::{from_strings, to_strings};
use crate::contract::wire::without_values;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeMap;

/// The most entries `ArgumentsMap` (create) and `Arguments` (update) take: "Maximum number of
/// 20 items" in the API reference of both calls.
pub const MAX_ARGUMENTS: usize = sma_syntax::MAX_ARGUMENTS;

/// A type whose arguments are counted at compile time, by `#[derive(CallArguments)]`: a type
/// that could write more than [`MAX_ARGUMENTS`] entries is a compile error on the field that is
/// one too many, and so is a shape that is never a map (a tuple struct, a unit variant of an
/// enum without `#[serde(tag = ..)]`). What the derive cannot count (a `flatten`ed field, a
/// newtype) is checked when the value is sent, as for any other `Serialize` type.
///
/// See [Updating in-progress calls](https://docs.aws.amazon.com/chime-sdk/latest/dg/update-sip-call.html).
///
/// ```
/// use sma_core::arguments::CallArguments;
///
/// #[derive(serde::Serialize, serde::Deserialize, CallArguments)]
/// #[serde(tag = "action", rename_all = "lowercase")]
/// enum Update {
///     Announce { text: String },
///     Transfer { to: String },
///     Hangup,
/// }
/// assert_eq!(Update::MAX_ENTRIES, Some(2));
/// ```
pub trait CallArguments: Serialize {
    /// The most entries a value writes; `None` where the derive cannot count them.
    const MAX_ENTRIES: Option<usize>;
}

/// Derives [`CallArguments`](trait@CallArguments): counts the entries at compile time (see the
/// trait).
pub use sma_macros::CallArguments;

/// The string map the API sends and the handler receives.
///
/// See [Updating in-progress calls](https://docs.aws.amazon.com/chime-sdk/latest/dg/update-sip-call.html).
///
/// ```
/// let map: sma_core::arguments::ArgumentsMap = [("action".into(), "mute".into())].into();
/// assert_eq!(map["action"], "mute");
/// ```
pub type ArgumentsMap = BTreeMap<String, String>;

/// Why a value cannot be sent as arguments, or arguments cannot be read as a type. The message
/// names fields and limits, never values (which are call data).
///
/// See [Updating in-progress calls](https://docs.aws.amazon.com/chime-sdk/latest/dg/update-sip-call.html).
///
/// ```
/// let too_many: std::collections::BTreeMap<String, u8> = (0..21).map(|i| (format!("k{i}"), i)).collect();
/// let err = sma_core::arguments::to_arguments(&too_many).unwrap_err();
/// assert!(err.to_string().contains("21 entries"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgumentsError {
    message: String,
}

impl ArgumentsError {
    fn new(message: String) -> Self {
        ArgumentsError { message }
    }
}

impl std::fmt::Display for ArgumentsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ArgumentsError {}

/// Writes `value` as the string map the API sends (see the module page for the mapping),
/// refusing what the API refuses: more than [`MAX_ARGUMENTS`] entries, an empty key, or a value
/// that is not a struct, a map or a list of pairs.
///
/// ```
/// let map = sma_core::arguments::to_arguments(&[("action", "mute"), ("attendee", "a-1")]).unwrap();
/// assert_eq!(map.len(), 2);
/// assert!(sma_core::arguments::to_arguments(&42).is_err());
/// ```
pub fn to_arguments<T: Serialize + ?Sized>(value: &T) -> Result<ArgumentsMap, ArgumentsError> {
    let value = serde_json::to_value(value).map_err(|e| {
        ArgumentsError::new(format!(
            "cannot write the arguments: {}",
            without_values(&e.to_string())
        ))
    })?;
    let fields = match value {
        Value::Object(fields) => fields,
        Value::Array(pairs) => pairs_to_fields(pairs)?,
        Value::Null => serde_json::Map::new(),
        _ => {
            return Err(ArgumentsError::new(
                "the arguments must be a struct, a map or a list of (key, value) pairs".into(),
            ));
        }
    };
    let mut map = ArgumentsMap::new();
    to_strings(fields, |key, value| {
        map.insert(key, value);
    });
    if map.len() > MAX_ARGUMENTS {
        return Err(ArgumentsError::new(format!(
            "the arguments have {} entries; the API takes at most {MAX_ARGUMENTS}",
            map.len()
        )));
    }
    if map.contains_key("") {
        return Err(ArgumentsError::new("an argument has an empty name".into()));
    }
    Ok(map)
}

/// A list of `[key, value]` pairs (how a list of tuples serializes) as fields.
fn pairs_to_fields(pairs: Vec<Value>) -> Result<serde_json::Map<String, Value>, ArgumentsError> {
    pairs
        .into_iter()
        .map(|pair| match pair {
            Value::Array(mut kv) if kv.len() == 2 => match kv.remove(0) {
                Value::String(key) => Ok((key, kv.remove(0))),
                _ => Err(ArgumentsError::new("an argument's name is not a string".into())),
            },
            _ => {
                Err(ArgumentsError::new("a list of arguments must hold (key, value) pairs".into()))
            }
        })
        .collect()
}

/// Reads `T` from the arguments of an event (see the module page); what the handler argument
/// [`Arguments<T>`](crate::Arguments) does.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Cancel { reason: String, attempt: u8 }
/// let map = [("reason".to_string(), "asked".to_string()), ("attempt".into(), "2".into())].into();
/// let cancel: Cancel = sma_core::arguments::from_arguments(&map).unwrap();
/// assert_eq!(cancel.attempt, 2);
/// ```
pub fn from_arguments<T: DeserializeOwned>(map: &ArgumentsMap) -> Result<T, ArgumentsError> {
    from_strings(map).map_err(|e| {
        ArgumentsError::new(format!("the arguments do not fit: {}", without_values(&e.to_string())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Reminder {
        appointment: String,
        minutes: u32,
        urgent: bool,
        tags: Vec<String>,
        note: Option<String>,
    }

    #[test]
    fn a_struct_round_trips_with_its_types() {
        let r = Reminder {
            appointment: "0042".into(),
            minutes: 15,
            urgent: true,
            tags: vec!["a".into()],
            note: Some("n".into()),
        };
        let map = to_arguments(&r).unwrap();
        assert_eq!(map["appointment"], "0042", "a numeric string stays a string");
        assert_eq!((map["minutes"].as_str(), map["urgent"].as_str()), ("15", "true"));
        assert_eq!(map["tags"], r#"["a"]"#);
        assert_eq!(from_arguments::<Reminder>(&map).unwrap(), r);
    }

    #[test]
    fn maps_and_pairs_are_sent_entry_by_entry() {
        let pairs = to_arguments(&vec![("a", "1"), ("b", "2")]).unwrap();
        let map = to_arguments(&BTreeMap::from([("a", "1"), ("b", "2")])).unwrap();
        assert_eq!(pairs, map);
        assert_eq!(to_arguments(&()).unwrap(), ArgumentsMap::new(), "no arguments");
    }

    #[test]
    fn what_the_api_refuses_is_refused_without_values() {
        let at_limit: BTreeMap<String, u32> = (0..20).map(|i| (format!("k{i}"), i)).collect();
        assert_eq!(to_arguments(&at_limit).unwrap().len(), 20);
        let over: BTreeMap<String, u32> = (0..21).map(|i| (format!("k{i}"), i)).collect();
        assert!(to_arguments(&over).unwrap_err().to_string().contains("21 entries"));
        assert!(to_arguments(&"secret").unwrap_err().to_string().contains("must be a struct"));
        assert!(to_arguments(&[("", "x")]).is_err());
        assert!(to_arguments(&[(1, "x")]).is_err());
        let bad: ArgumentsMap = [("minutes".to_string(), "+14155550199".to_string())].into();
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct M {
            minutes: u32,
        }
        let err = from_arguments::<M>(&bad).unwrap_err().to_string();
        assert!(err.contains("is not a u32") && !err.contains("4155550199"), "{err}");
    }
}
