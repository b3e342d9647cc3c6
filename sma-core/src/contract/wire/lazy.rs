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

/// Checks, without building it, that `json` (valid JSON, as a [`raw_json`] read gives it) is an
/// object of strings (what a `SipHeaders` map reads): the error a `BTreeMap<String, String>`
/// would give, at the same place.
///
/// The JSON was already read once, so its strings are known to be well formed: one scan of its
/// structure decides, and serde reads it again only to word a refusal.
pub(crate) fn check_string_map(json: &str) -> Result<(), serde_json::Error> {
    if is_string_map(json.as_bytes()) {
        debug_assert!(read_string_map(json).is_ok(), "the scan passed what serde refuses");
        Ok(())
    } else {
        read_string_map(json)
    }
}

/// Whether valid JSON `json` is surely an object whose values are all strings; `false` leaves
/// the answer to serde. Only the structure is looked at (the strings' insides were checked
/// when the JSON was read): from each string's opening quote to its closing one, and what
/// lies between a string and the next must be `:` after a key and `,` or `}` after a value.
/// A `\u` escape is left to serde, which refuses one half of a surrogate pair in a `String`.
fn is_string_map(json: &[u8]) -> bool {
    let ws = |mut at: usize| {
        while json.get(at).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            at += 1;
        }
        at
    };
    // From a string's opening quote, the index after its closing quote.
    let string = |at: usize| -> Option<usize> {
        if json.get(at) != Some(&b'"') {
            return None;
        }
        let mut at = at + 1;
        loop {
            at = quote_or_backslash(json, at)?;
            if json[at] == b'"' {
                return Some(at + 1);
            }
            if json.get(at + 1) == Some(&b'u') {
                return None;
            }
            at += 2; // a backslash and the character it escapes
        }
    };
    let mut at = ws(0);
    if json.get(at) != Some(&b'{') {
        return false;
    }
    at = ws(at + 1);
    if json.get(at) == Some(&b'}') {
        return ws(at + 1) == json.len();
    }
    loop {
        let Some(after_key) = string(at) else { return false };
        at = ws(after_key);
        if json.get(at) != Some(&b':') {
            return false;
        }
        let Some(after_value) = string(ws(at + 1)) else { return false };
        at = ws(after_value);
        match json.get(at) {
            Some(b',') => at = ws(at + 1),
            Some(b'}') => return ws(at + 1) == json.len(),
            _ => return false,
        }
    }
}

/// The index of the first `"` or `\` in `bytes` from `from` on, eight bytes at a time (the
/// zero-byte test of Mycroft, as `serde_json` scans strings: a borrow can only mark bytes
/// after the first match, so the lowest mark is exact).
fn quote_or_backslash(bytes: &[u8], mut from: usize) -> Option<usize> {
    const ONES: u64 = u64::MAX / 255;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & (ONES << 7);
    while let Some(chunk) = bytes.get(from..from + 8) {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        let found = zero(word ^ (ONES * u64::from(b'"'))) | zero(word ^ (ONES * u64::from(b'\\')));
        if found != 0 {
            return Some(from + found.trailing_zeros() as usize / 8);
        }
        from += 8;
    }
    let rest = bytes.get(from..)?;
    rest.iter().position(|&b| b == b'"' || b == b'\\').map(|at| from + at)
}

fn read_string_map(json: &str) -> Result<(), serde_json::Error> {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    struct Strings;
    impl<'de> Visitor<'de> for Strings {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while map.next_key::<IgnoredAny>()?.is_some() {
                map.next_value::<StrOnly>()?;
            }
            Ok(())
        }
    }
    struct StrOnly;
    impl<'de> serde::Deserialize<'de> for StrOnly {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = StrOnly;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a string")
                }
                fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<StrOnly, E> {
                    Ok(StrOnly)
                }
            }
            d.deserialize_str(V)
        }
    }
    let mut de = serde_json::Deserializer::from_str(json);
    de.deserialize_map(Strings)
}

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
    fn the_scan_of_a_string_map_agrees_with_serde() {
        let cases = [
            r#"{}"#,
            " { } ",
            r#"{"a":"1"}"#,
            r#"{ "a" : "1" , "b":"" }"#,
            r#"{"a\"b":"c\\","d":"\u0041\"}"}"#,
            r#"{"a":"1","a":"2"}"#,
            "{\n \"a\" :\t\"1\"\r\n}\n",
            r#"{"a":"x\\\\"}"#,
            r#"{"a":"b\",\"c\":1"}"#,
            r#"{"a":"\"","b":1}"#,
            r#"{"a":"1","b":"2","c":[]}"#,
            r#"{"a":"1","b":{}}"#,
            r#"{"a":"\ud888"}"#,
            r#"{"a":"\ud83d\ude00"}"#,
            r#"{"a":1}"#,
            r#"{"a":"1","b":null}"#,
            r#"{"a":{"b":"c"}}"#,
            r#"{"a":["b"]}"#,
            r#"{"a":true}"#,
            r#"["a"]"#,
            r#""a""#,
            "null",
            "3",
        ];
        for json in cases {
            let serde = read_string_map(json);
            let escapes_a_code_point = json.contains("\\u");
            assert_eq!(
                is_string_map(json.as_bytes()),
                serde.is_ok() && !escapes_a_code_point,
                "{json}"
            );
            assert_eq!(
                check_string_map(json).map_err(|e| e.to_string()),
                serde.map_err(|e| e.to_string()),
                "{json}"
            );
        }
        assert!(is_string_map(br#"{"a":"1"}"#));
        assert!(!is_string_map(br#"{"a":"1"#), "cut short");
    }

    #[test]
    fn the_eight_byte_scan_finds_the_first_quote_or_backslash() {
        // Every byte value at every place of 0 to 19 bytes, after any other byte value.
        for len in 0..20 {
            for at in 0..len {
                for byte in 0..=255u8 {
                    for before in [b'a', 0x00, 0x21, 0x23, 0x5b, 0x5d, 0x80, 0xa2, 0xdc, 0xff] {
                        let mut bytes = vec![before; len];
                        bytes[at] = byte;
                        let expected = bytes.iter().position(|&b| b == b'"' || b == b'\\');
                        assert_eq!(quote_or_backslash(&bytes, 0), expected, "{bytes:?}");
                    }
                }
            }
        }
        assert_eq!(quote_or_backslash(br#"ab"cd"ef"#, 3), Some(5));
        assert_eq!(quote_or_backslash(b"ab", 3), None);
    }

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
