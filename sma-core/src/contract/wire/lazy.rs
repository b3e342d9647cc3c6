//! [`LazyJson`]: a JSON value kept as received until it is first read.

use crate::contract::text::{self, Text};
use serde::Deserializer;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::sync::OnceLock;

/// A JSON value read from the event but parsed only when first used: maps an invocation
/// carries whole (SIP headers, transaction attributes) cost one copy of their text on every
/// invocation, and their entries only on the invocations that read them.
///
/// The owner checks the raw text when it is read (so that parsing later cannot fail); reading
/// and comparing go through the parsed value, so nothing but the cost differs from an eager
/// field.
pub(crate) struct LazyJson<T> {
    raw: Option<Text>,
    value: OnceLock<T>,
}

impl<T: DeserializeOwned + Default> LazyJson<T> {
    /// A value already parsed (or built).
    pub(crate) fn new(value: T) -> Self {
        LazyJson { raw: None, value: OnceLock::from(value) }
    }

    /// A value kept as received; `raw` must parse as a `T` (the owner checked it).
    pub(crate) fn from_raw(raw: Text) -> Self {
        LazyJson { raw: Some(raw), value: OnceLock::new() }
    }

    /// The value, parsed on first use.
    pub(crate) fn get(&self) -> &T {
        self.value.get_or_init(|| self.parse())
    }

    /// The value, to change (the raw text is dropped: it no longer says what the value is).
    pub(crate) fn get_mut(&mut self) -> &mut T {
        if self.value.get().is_none() {
            let parsed = self.parse();
            self.value = OnceLock::from(parsed);
        }
        self.raw = None;
        self.value.get_mut().expect("the value was just set")
    }

    /// The value, owned.
    pub(crate) fn into_inner(mut self) -> T {
        std::mem::take(self.get_mut())
    }

    /// The text kept as received, if any (tests).
    #[cfg(test)]
    pub(crate) fn kept(&self) -> Option<&str> {
        self.raw.as_deref()
    }

    /// Whether the value is still kept as received text (tests).
    #[cfg(test)]
    pub(crate) fn is_kept(&self) -> bool {
        self.raw.is_some()
    }

    fn parse(&self) -> T {
        self.raw.as_deref().and_then(|raw| serde_json::from_str(raw).ok()).unwrap_or_default()
    }
}

/// A JSON value's text as received: shared with the event's body when the event is read in
/// one pass (see [`Text`]), copied otherwise.
pub(crate) fn raw_json<'de, D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
    use serde::Deserialize;
    if super::in_one_pass() {
        Ok(text::shared(<&'de RawValue>::deserialize(d)?.get()))
    } else {
        Ok(Text::from(Box::<str>::from(Box::<RawValue>::deserialize(d)?)))
    }
}

impl<T: Clone> Clone for LazyJson<T> {
    fn clone(&self) -> Self {
        LazyJson { raw: self.raw.clone(), value: self.value.clone() }
    }
}

impl<T: DeserializeOwned + Default + PartialEq> PartialEq for LazyJson<T> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl<T: DeserializeOwned + Default + Eq> Eq for LazyJson<T> {}

impl<T: DeserializeOwned + Default + std::fmt::Debug> std::fmt::Debug for LazyJson<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl<T: DeserializeOwned + Default> Default for LazyJson<T> {
    fn default() -> Self {
        LazyJson::new(T::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn parsed_on_first_use_and_changed_in_place() {
        let raw = Text::from(r#"{"b":"2","a":"1"}"#);
        let mut lazy: LazyJson<BTreeMap<String, String>> = LazyJson::from_raw(raw);
        assert!(lazy.value.get().is_none(), "nothing parsed yet");
        assert_eq!(lazy.get().len(), 2);
        let copy = lazy.clone();
        lazy.get_mut().insert("c".into(), "3".into());
        assert!(lazy.raw.is_none());
        assert_ne!(lazy, copy);
        assert_eq!(format!("{copy:?}"), r#"{"a": "1", "b": "2"}"#);
        assert_eq!(lazy.into_inner().len(), 3);
    }
}
