//! An object of strings read once and kept as received until it is first used (the SIP
//! headers).

use super::fields::Key;
use super::lazy::LazyJson;
use crate::contract::text;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;

/// A JSON object of strings, read as a `BTreeMap<String, String>` is (the same refusals, at
/// their place in the event) into a [`LazyJson`] map.
///
/// Read from an event's body, nothing is built: serde's reader checks each key and value as a
/// string as it goes by, and the object's text, located from its first key, is kept for the
/// map to be built on first use. (Keeping the text first and checking it after scanned every
/// header a second time: 6.2k instructions for the 22 headers of the benchmarks' large event,
/// see `BENCHMARKS.md`.) Elsewhere, or when the first key holds an escape and so cannot be
/// located, the map is built at once.
pub(crate) fn string_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<LazyJson<BTreeMap<String, String>>, D::Error> {
    struct StringMap;

    impl<'de> Visitor<'de> for StringMap {
        type Value = LazyJson<BTreeMap<String, String>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let Some(first) = map.next_key::<Key<'de>>()? else {
                return Ok(LazyJson::new(BTreeMap::new()));
            };
            let Key::Borrowed(first) = first else { return built(first, map) };
            let Some(start) =
                text::in_body(first, |body, at| object_start(body.as_bytes(), at)).flatten()
            else {
                return built(Key::Borrowed(first), map);
            };
            // Every string borrowed here comes from the same input as the first key: its place
            // is the first key's plus their distance. `last`: after the last one located.
            let origin = first.as_ptr() as usize;
            let after =
                |s: &str| (s.as_ptr() as usize).checked_sub(origin).map(|d| d + s.len() + 1);
            let mut last = after(first);
            loop {
                if let Some(value) = map.next_value_seed(Located)? {
                    last = after(value).or(last);
                }
                match map.next_key::<Key<'de>>()? {
                    Some(Key::Borrowed(key)) => last = after(key).or(last),
                    Some(Key::Owned(_)) => {}
                    None => break,
                }
            }
            let kept = text::in_body(first, |body, at| {
                let from = at + last?;
                let end = object_end(body.as_bytes(), from)?;
                body.get(start..=end).map(text::shared)
            })
            .flatten();
            // Not reached: the object was read whole, so its closing brace follows its strings.
            let kept = kept.ok_or_else(|| de::Error::custom("an object of strings cut short"))?;
            debug_assert!(
                serde_json::from_str::<BTreeMap<String, String>>(&kept).is_ok(),
                "the kept object does not read as the checked one"
            );
            Ok(LazyJson::from_raw(kept))
        }
    }

    /// A string, checked and not built: borrowed from the input when it holds no escape.
    struct Located;

    impl<'de> DeserializeSeed<'de> for Located {
        type Value = Option<&'de str>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<&'de str>, D::Error> {
            d.deserialize_str(self)
        }
    }

    impl<'de> Visitor<'de> for Located {
        type Value = Option<&'de str>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Some(v))
        }

        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(None)
        }
    }

    d.deserialize_map(StringMap)
}

/// The rest of the object after its first key, built at once.
fn built<'de, A: MapAccess<'de>>(
    first: Key<'de>,
    mut map: A,
) -> Result<LazyJson<BTreeMap<String, String>>, A::Error> {
    let mut strings = BTreeMap::new();
    let mut key = first;
    loop {
        strings.insert(key.into_string(), map.next_value::<String>()?);
        match map.next_key::<Key<'de>>()? {
            Some(next) => key = next,
            None => return Ok(LazyJson::new(strings)),
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The place of the `{` before the first key, whose text starts at `key` in `json`.
fn object_start(json: &[u8], key: usize) -> Option<usize> {
    let mut at = key.checked_sub(1).filter(|&q| json.get(q) == Some(&b'"'))?;
    while at > 0 && is_space(json[at - 1]) {
        at -= 1;
    }
    let open = at.checked_sub(1)?;
    (json[open] == b'{').then_some(open)
}

/// The place of the `}` that closes an object of strings, from `from`, a place between two
/// of its tokens: what follows is only strings, `:`, `,` and white space up to it.
fn object_end(json: &[u8], mut from: usize) -> Option<usize> {
    loop {
        match *json.get(from)? {
            b'}' => return Some(from),
            b':' | b',' => from += 1,
            b if is_space(b) => from += 1,
            b'"' => {
                from += 1;
                loop {
                    match *json.get(from)? {
                        b'"' => break,
                        b'\\' => from += 2,
                        _ => from += 1,
                    }
                }
                from += 1;
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `json` (an object in `{"h": …}`) as the invocation reader does, from its body.
    fn from_body(json: &str) -> Result<LazyJson<BTreeMap<String, String>>, String> {
        let event = format!(r#"{{"x":1, "h": {json} }}"#);
        let body = text::Body::from(event);
        text::reading(&body, |s| {
            let mut d = serde_json::Deserializer::from_str(s);
            Outer::deserialize(&mut d).map(|o| o.0).map_err(|e| e.to_string())
        })
    }

    struct Outer(LazyJson<BTreeMap<String, String>>);

    impl Outer {
        fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Outer, D::Error> {
            #[derive(serde::Deserialize)]
            struct Wire {
                #[serde(rename = "h", deserialize_with = "string_map")]
                h: LazyJson<BTreeMap<String, String>>,
            }
            serde::Deserialize::deserialize(d).map(|w: Wire| Outer(w.h))
        }
    }

    /// Reads `json` as a `BTreeMap<String, String>`, inside the same event.
    fn as_map(json: &str) -> Result<BTreeMap<String, String>, String> {
        #[derive(serde::Deserialize)]
        struct Wire {
            h: BTreeMap<String, String>,
        }
        serde_json::from_str::<Wire>(&format!(r#"{{"x":1, "h": {json} }}"#))
            .map(|w| w.h)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn reads_as_a_map_of_strings_does() {
        let cases = [
            (r#"{}"#, true),
            (" { } ", true),
            (r#"{"a":"1"}"#, true),
            (r#"{ "a" : "1" , "b":"" }"#, true),
            (r#"{"a\"b":"c\\","d":"\u0041\"}"}"#, false),
            (r#"{"a":"1","b\"":"2"}"#, true),
            (r#"{"a":"1","b":"2\""}"#, true),
            (r#"{"a":"1","b":"2\"","c\n":"\u00e9"}"#, true),
            (r#"{"a":"1","a":"2"}"#, true),
            ("{\n \"a\" :\t\"1\"\r\n}\n", true),
            (r#"{"a":"x\\\\"}"#, true),
            (r#"{"a":"b\",\"c\":1"}"#, true),
            (r#"{"a":"\"","b":1}"#, true),
            (r#"{"a":"1","b":"2","c":[]}"#, true),
            (r#"{"a":"1","b":{}}"#, true),
            (r#"{"a":"\ud888"}"#, true),
            (r#"{"a":"\ud83d\ude00"}"#, true),
            (r#"{"\ud888":"a"}"#, false),
            (r#"{"a":1}"#, true),
            (r#"{"a":"1","b":null}"#, true),
            (r#"{"a":{"b":"c"}}"#, true),
            (r#"{"a":["b"]}"#, true),
            (r#"{"a":true}"#, true),
            (r#"["a"]"#, true),
            (r#""a""#, true),
            ("null", true),
            ("3", true),
        ];
        for (json, located) in cases {
            let want = as_map(json);
            let got = from_body(json);
            match (&got, &want) {
                (Ok(lazy), Ok(map)) => {
                    assert_eq!(lazy.is_kept(), located && !map.is_empty(), "{json}");
                    assert_eq!(lazy.get(), map, "{json}");
                }
                (Err(got), Err(want)) => assert_eq!(got, want, "{json}"),
                _ => panic!("{json}: {:?} against {want:?}", got.map(|l| l.get().clone())),
            }
            // Not from an event's body: built at once, the same.
            let elsewhere: Result<BTreeMap<String, String>, String> = serde_json::from_str::<
                serde_json::Value,
            >(json)
            .map_err(|e| e.to_string())
            .and_then(|v| string_map(v).map(|l| l.get().clone()).map_err(|e| e.to_string()));
            assert_eq!(elsewhere.is_ok(), want.is_ok(), "{json}");
            if let (Ok(a), Ok(b)) = (elsewhere, want) {
                assert_eq!(a, b, "{json}");
            }
        }
    }

    #[test]
    fn the_kept_text_is_the_object_shared_with_the_body() {
        let lazy = from_body("{ \"a\" : \"1\" ,\n\"b\":\"2\" }").unwrap();
        assert_eq!(lazy.kept(), Some("{ \"a\" : \"1\" ,\n\"b\":\"2\" }"));
    }

    #[test]
    fn the_closing_brace_is_found_past_escaped_strings() {
        let json = br#"{"a":"1" , "b\"}" : "c\\" } "#;
        assert_eq!(object_end(json, 8), Some(26));
        assert_eq!(object_end(json, 9), Some(26));
        assert_eq!(object_end(br#"{"a":"1""#, 8), None, "cut short");
        assert_eq!(object_end(br#"{"a":"1",3}"#, 8), None, "not a string");
        assert_eq!(object_start(br#" { "a":"1"}"#, 4), Some(1));
        assert_eq!(object_start(br#"["a"]"#, 2), None);
        assert_eq!(object_start(br#"a"#, 0), None);
    }
}
