//! The pieces the model's `Deserialize` impls are made of: the object key of a one-pass
//! reader ([`Key`]), the types that own some keys of the object they are flattened into
//! ([`Flat`]), and the lenient readers used through `#[serde(deserialize_with = ...)]`.

use super::parse_bool;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;

/// An object key as read: borrowed from the input when it can be (no escapes in it), owned
/// otherwise. Known keys are matched without allocating; an unknown one is copied once, into
/// the `extra` map that keeps it.
pub(crate) enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    pub(crate) fn into_string(self) -> String {
        match self {
            Key::Borrowed(s) => s.to_owned(),
            Key::Owned(s) => s,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// A type read from some keys of the object it is `#[serde(flatten)]`ed into, by
/// `#[derive(DeserializeWire)]`: it takes the keys it owns as the object is read, and is built
/// when the object ends. (serde's own flatten buffers every other key of the object to replay
/// them; this reads each key once.)
pub(crate) trait Flat<'de>: Sized {
    /// What has been read so far.
    type Parts: Default;

    /// Reads the value of `key` into `parts` if this type owns `key` (`true`), else leaves the
    /// value unread (`false`).
    fn take<A: MapAccess<'de>>(
        parts: &mut Self::Parts,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// The value, once the object has been read: taken out of `parts` (by reference, so that
    /// large parts are not copied to be taken apart).
    fn finish<E: de::Error>(parts: &mut Self::Parts) -> Result<Self, E>;
}

thread_local! {
    static ONE_PASS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `read` in one-pass mode: a value that reading once cannot keep exactly as received (an
/// action's parameters that do not fit their type) fails the reading instead of being buffered
/// for a second look, and the caller reads again in the default mode. Valid input, the common
/// case, is read once.
pub(crate) fn one_pass<T>(read: impl FnOnce() -> T) -> T {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            ONE_PASS.set(self.0);
        }
    }
    let _reset = Reset(ONE_PASS.replace(true));
    read()
}

/// Whether the current reading is in [`one_pass`] mode.
pub(crate) fn in_one_pass() -> bool {
    ONE_PASS.get()
}

// Lenient readers used through `#[serde(deserialize_with = ...)]`.

/// A formatted string type (`E164`, `DigitsRegex`, `DtmfString`) that the wire model keeps as
/// received: an echo of what a handler in another language sent is not dropped for breaking the
/// format. Everywhere else these types check their format when they are read.
pub(crate) trait AsReceived: Sized {
    /// The string, unchecked.
    fn as_received(s: crate::contract::text::Text) -> Self;
}

/// Reads an optional formatted string exactly as received (see [`AsReceived`]).
pub(crate) fn opt_as_received<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: AsReceived,
{
    Ok(Option::<crate::contract::text::Text>::deserialize(d)?.map(T::as_received))
}

/// Reads an optional unsigned integer sent as a JSON number or a numeric string.
pub(crate) fn opt_int<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64>,
{
    match d.deserialize_any(IntVisitor { optional: true })? {
        None => Ok(None),
        Some(n) => T::try_from(n)
            .map(Some)
            .map_err(|_| de::Error::custom(format_args!("integer {n} is out of range"))),
    }
}

/// Reads an unsigned integer sent as a JSON number or a numeric string.
pub(crate) fn int<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64>,
{
    match d.deserialize_any(IntVisitor { optional: false })? {
        None => Err(de::Error::custom("expected an integer, found null")),
        Some(n) => T::try_from(n)
            .map_err(|_| de::Error::custom(format_args!("integer {n} is out of range"))),
    }
}

struct IntVisitor {
    optional: bool,
}

impl<'de> Visitor<'de> for IntVisitor {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a non-negative integer, as a JSON number or a string of digits")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        u64::try_from(v)
            .map(Some)
            .map_err(|_| E::custom(format_args!("expected a non-negative integer, found {v}")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.fract() == 0.0 && v >= 0.0 && v <= u64::MAX as f64 {
            Ok(Some(v as u64))
        } else {
            Err(E::custom(format_args!("expected an integer, found {v}")))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        v.trim()
            .parse::<u64>()
            .map(Some)
            .map_err(|_| E::custom(format_args!("expected an integer, found the string {v:?}")))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        if self.optional { Ok(None) } else { Err(E::custom("expected an integer, found null")) }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// Reads an optional boolean sent as a JSON boolean or as `"true"`/`"True"`/`"false"`.
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    struct BoolVisitor;
    impl<'de> Visitor<'de> for BoolVisitor {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a boolean, as JSON true/false or the string \"true\"/\"false\"")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            parse_bool(v).map(Some).ok_or_else(|| {
                E::custom(format_args!("expected a boolean, found the string {v:?}"))
            })
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }
    d.deserialize_any(BoolVisitor)
}

/// Reads a string into a type made from strings without copying it first: a documented value
/// of an open enum is matched in place, and only a string that is kept is copied.
pub(crate) fn text<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromWire,
{
    d.deserialize_str(TextVisitor { empty_is_none: false, _t: std::marker::PhantomData })?
        .ok_or_else(|| de::Error::custom("expected a string"))
}

/// Reads an optional string where `""` means "not given" (see [`Normalization::EmptyLegAddress`](super::Normalization::EmptyLegAddress)).
pub(crate) fn non_empty<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromWire,
{
    d.deserialize_option(TextVisitor { empty_is_none: true, _t: std::marker::PhantomData })
}

/// A type read from a JSON string by [`text`] and [`non_empty`].
pub(crate) trait FromWire: for<'a> From<&'a str> + From<String> {
    /// From a string borrowed from the input: the ids share the event's body (see
    /// [`Text`](crate::contract::text::Text)); the others match or copy it.
    fn from_borrowed(s: &str) -> Self {
        Self::from(s)
    }
}

struct TextVisitor<T> {
    empty_is_none: bool,
    _t: std::marker::PhantomData<T>,
}

impl<'de, T> Visitor<'de> for TextVisitor<T>
where
    T: FromWire,
{
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok((!(self.empty_is_none && v.is_empty())).then(|| T::from_borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok((!(self.empty_is_none && v.is_empty())).then(|| T::from(v)))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok((!(self.empty_is_none && v.is_empty())).then(|| T::from(v)))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        if self.empty_is_none { Ok(None) } else { Err(E::custom("expected a string, found null")) }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}
