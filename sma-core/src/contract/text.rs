//! [`Text`]: the string type of the model, read from an event without an allocation.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::{Borrow, Cow};
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;

type Repr = bytestring::ByteString;

/// An immutable string: every string of the model (ids, phone numbers, event fields, action
/// parameters) is one.
///
/// A `Text` read from an invocation shares the event's bytes: reading the event allocates no
/// string, and cloning one (a `CallId` into an action, say) costs a reference count. A `Text`
/// made from a `&str` or a `String` owns a copy, and one made by [`Text::from_static`] points at
/// the static string. It reads as a `&str` (`Deref`, `as_str`), compares with `str` and
/// `String`, and travels as a plain JSON string.
///
/// A `Text` taken from an event keeps that event's bytes (a few kilobytes) alive as long as it
/// lives: to keep one in long-lived state without them, store [`Text::detached`] or a
/// `String`.
///
/// ```
/// use sma_core::text::Text;
/// let id = Text::from("c-1");
/// assert_eq!(id, "c-1");
/// assert_eq!(id.len(), 3);
/// assert_eq!(format!("{id}"), "c-1");
/// assert_eq!(serde_json::to_string(&id).unwrap(), r#""c-1""#);
/// let read: Text = serde_json::from_str(r#""c-1""#).unwrap();
/// assert_eq!(read, id);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(Repr);

impl Text {
    /// A `Text` of a static string, without a copy (usable in `const`).
    ///
    /// ```
    /// const GREETING: sma_core::text::Text = sma_core::text::Text::from_static("Hello");
    /// assert_eq!(GREETING, "Hello");
    /// ```
    pub const fn from_static(s: &'static str) -> Text {
        Text(bytestring::ByteString::from_static(s))
    }

    /// The string.
    ///
    /// ```
    /// assert_eq!(sma_core::text::Text::from("x").as_str(), "x");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The string, owned (a copy, unless this `Text` owns a `String`'s buffer alone).
    ///
    /// ```
    /// assert_eq!(sma_core::text::Text::from("x").into_string(), "x".to_string());
    /// ```
    pub fn into_string(self) -> String {
        self.as_str().to_owned()
    }

    /// The same string in storage of its own: it no longer keeps an event's bytes alive.
    ///
    /// ```
    /// let t = sma_core::text::Text::from("c-1").detached();
    /// assert_eq!(t, "c-1");
    /// ```
    pub fn detached(&self) -> Text {
        Text::from(self.as_str())
    }
}

thread_local! {
    /// The body of the event being read on this thread: strings read from it are shared.
    static BODY: RefCell<Option<Body>> = const { RefCell::new(None) };
}

/// Runs `read` on the text of `body`, with the strings read from it sharing `body`: the
/// invocation reader. Nested or panicking reads leave the previous body in place.
pub(crate) fn reading<R>(body: &Body, read: impl FnOnce(&str) -> R) -> R {
    struct Restore(Option<Body>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            BODY.with(|b| *b.borrow_mut() = previous);
        }
    }
    let _restore = Restore(BODY.with(|b| b.borrow_mut().replace(body.clone())));
    read(body)
}

/// The body of an event, checked to be UTF-8 once for all its strings.
pub(crate) type Body = bytestring::ByteString;

/// The body of an event as the reader shares it, when it is UTF-8 (a body that is not cannot
/// be an invocation: the reader reads such bytes without sharing them, and reports the error).
/// Cloning `bytes` costs a reference count, except for a `Bytes` made from a `Vec`, which
/// allocates its shared header once.
pub(crate) fn body(bytes: &bytes::Bytes) -> Option<Body> {
    Body::try_from(bytes.clone()).ok()
}

/// `locate` of the body being read and the offset of `s` in it, when `s` lies in it: the
/// place of a string the reader borrowed, to keep the JSON around it as received.
pub(crate) fn in_body<R>(s: &str, locate: impl FnOnce(&Body, usize) -> R) -> Option<R> {
    BODY.with(|b| {
        let b = b.borrow();
        let body = b.as_ref()?;
        let offset = (s.as_ptr() as usize).checked_sub(body.as_ptr() as usize)?;
        (offset + s.len() <= body.len()).then(|| locate(body, offset))
    })
}

/// `s` as a `Text`: a share of the body being read when `s` lies in it, else a copy.
pub(crate) fn shared(s: &str) -> Text {
    let start = s.as_ptr() as usize;
    let found = BODY.with(|b| {
        let b = b.borrow();
        let body = b.as_ref()?;
        let from = body.as_ptr() as usize;
        (start >= from && start + s.len() <= from + body.len()).then(|| body.slice_ref(s))
    });
    found.map_or_else(|| Text::from(s), Text)
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl AsRef<[u8]> for Text {
    fn as_ref(&self) -> &[u8] {
        self.as_str().as_bytes()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Repr::from(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::from(s.as_str())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Repr::from(s))
    }
}

impl From<Box<str>> for Text {
    fn from(s: Box<str>) -> Text {
        Text::from(String::from(s))
    }
}

impl From<Cow<'_, str>> for Text {
    fn from(s: Cow<'_, str>) -> Text {
        match s {
            Cow::Borrowed(s) => Text::from(s),
            Cow::Owned(s) => Text::from(s),
        }
    }
}

impl From<&Text> for Text {
    fn from(s: &Text) -> Text {
        s.clone()
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.into_string()
    }
}

impl std::str::FromStr for Text {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Text, Self::Err> {
        Ok(Text::from(s))
    }
}

macro_rules! compare {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for Text {
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == &other[..]
            }
        }
        impl PartialEq<Text> for $other {
            fn eq(&self, other: &Text) -> bool {
                &self[..] == other.as_str()
            }
        }
    )*};
}
compare!(str, String, Cow<'_, str>);

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text, E> {
                Ok(shared(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::from(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::from(v))
            }
        }
        d.deserialize_str(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_read_from_the_body_share_it_and_others_are_copies() {
        let body = body(&bytes::Bytes::from_static(br#"["c-1","a\"b"]"#)).unwrap();
        let read: Vec<Text> = reading(&body, |s| serde_json::from_str(s).unwrap());
        assert_eq!(read, ["c-1", "a\"b"]);
        let inside = body.as_ptr() as usize..body.as_ptr() as usize + body.len();
        assert!(inside.contains(&(read[0].as_ptr() as usize)), "an unescaped string is shared");
        assert!(!inside.contains(&(read[1].as_ptr() as usize)), "an escaped one is a copy");
        // Outside the reader, nothing is shared.
        let alone: Text = serde_json::from_str(r#""c-1""#).unwrap();
        assert_eq!(alone, "c-1");
    }

    #[test]
    fn a_body_that_is_not_utf8_is_not_shared() {
        assert!(body(&bytes::Bytes::from_static(b"\xff")).is_none());
    }
}
