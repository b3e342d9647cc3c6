//! How `sma` reads and writes the wire format: lenient in, strict out.
//!
//! The AWS documentation and the service disagree with themselves in small ways (numbers sent
//! as strings, `Leg-A` next to `LEG-A`, two spellings of the SIP media application id, ...).
//! `sma` accepts every documented variant and always writes one canonical form. The difference
//! between what was read and what is written again is exactly the list of [`Normalization`]s
//! below, each tied to the rule of the contract it follows; nothing else changes, and no field
//! is dropped (unknown fields are kept and written back). The parameter normalizations apply to
//! the actions the model types; an action kept raw (an unknown type, parameters that do not fit
//! their type, keys beside `Type` and `Parameters`) is written back exactly as received.
//!
//! The project's conformance suite holds an oracle that applies these normalizations to raw JSON
//! and checks `serialize(parse(json)) == normalize(json)` for every golden file.
//!
//! ```
//! use sma_core::action::Action;
//! let raw = r#"{"Type": "Hangup", "Parameters": {"SipResponseCode": "0", "ParticipantTag": ""}}"#;
//! let action: Action = serde_json::from_str(raw).unwrap();
//! // NumbersAsStrings and EmptyLegAddress:
//! assert_eq!(serde_json::to_string(&action).unwrap(), r#"{"Type":"Hangup","Parameters":{"SipResponseCode":0}}"#);
//! ```

mod extra;
mod fields;
mod lazy;
mod path;
mod place;
mod strings;
mod write;

pub use extra::Extra;
pub(crate) use fields::{
    AsReceived, Flat, FromWire, Key, in_one_pass, int, non_empty, one_pass, opt_as_received,
    opt_bool, opt_int, text,
};
pub(crate) use lazy::{LazyJson, raw_json};
pub(crate) use place::{OptionSlotSeed, ReadInto, SlotSeed, read};
use std::fmt;
pub(crate) use strings::string_map;
pub(crate) use write::to_writer;

/// One difference between JSON `sma` accepts and the JSON it writes back.
///
/// Every variant names the rule of the PSTN Audio contract (the project's spec,
/// `pstn-audio.md`) that makes the two forms equivalent. The wire format itself is described in
/// [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::wire::Normalization;
/// assert_eq!(Normalization::ALL.len(), 9);
/// assert!(Normalization::LegTagCase.spec_rule().contains("case"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Normalization {
    /// Integer action parameters (`"Repeat": "5"`, `"SipResponseCode": "0"`) and `Sequence`
    /// sent as JSON strings are written as JSON numbers.
    NumbersAsStrings,
    /// Integer action parameters and `Sequence` sent as a number with a zero fraction (`3.0`)
    /// are written as integers (`3`).
    IntegralNumbers,
    /// Boolean action parameters sent as strings (`"Enable": "True"`) are written as JSON booleans.
    BooleansAsStrings,
    /// Participant tags are written `LEG-A` / `LEG-B` whatever case they arrived in (`Leg-A`).
    LegTagCase,
    /// `CallDetails.SipApplicationId` (doc examples) is written `SipMediaApplicationId` (real events).
    SmaIdSpelling,
    /// The event key `InvocationEvent` (one doc page) is written `InvocationEventType`.
    EventTypeKey,
    /// An empty `CallId` or `ParticipantTag` in action parameters (`""`, sent by AWS samples)
    /// means "not given" and is omitted.
    EmptyLegAddress,
    /// An action without `Parameters` (or with `null`) is written with `"Parameters": {}`.
    MissingParameters,
    /// A documented optional field sent as `null` is written as absent (unknown fields keep
    /// their `null`).
    NullMeansAbsent,
}

impl Normalization {
    /// All normalizations, in the order they are documented.
    pub const ALL: &'static [Normalization] = &[
        Normalization::NumbersAsStrings,
        Normalization::IntegralNumbers,
        Normalization::BooleansAsStrings,
        Normalization::LegTagCase,
        Normalization::SmaIdSpelling,
        Normalization::EventTypeKey,
        Normalization::EmptyLegAddress,
        Normalization::MissingParameters,
        Normalization::NullMeansAbsent,
    ];

    /// The contract rule behind this normalization (spec section and what it says).
    pub fn spec_rule(self) -> &'static str {
        match self {
            Normalization::NumbersAsStrings => {
                "spec 1a 'numbers as strings' and quirk 4: official examples send integer \
                 parameters as strings and the service echoes them as numbers; \
                 deserialize number-or-string, serialize real numbers"
            }
            Normalization::IntegralNumbers => {
                "spec 1a 'numbers as strings': integer parameters are integers; a JavaScript or \
                 Python handler may compute 3.0, which means 3"
            }
            Normalization::BooleansAsStrings => {
                "spec 1a 'Enable': the VoiceFocus page prints True/False; the service expects \
                 a JSON boolean"
            }
            Normalization::LegTagCase => {
                "spec 1a 'leg tag case' and quirk 7: case-5 writes Leg-A/Leg-B; parse tags \
                 case-insensitively, write LEG-A/LEG-B"
            }
            Normalization::SmaIdSpelling => {
                "spec 1a CallDetails and quirk 1: doc examples spell SipApplicationId, real \
                 events SipMediaApplicationId; accept both"
            }
            Normalization::EventTypeKey => {
                "spec 1a top level: the JoinChimeMeeting page spells the key InvocationEvent \
                 (doc bug)"
            }
            Normalization::EmptyLegAddress => {
                "spec 1d leg addressing: samples send \"ParticipantTag\": \"\" and \"CallId\": \"\" \
                 and the service treats them as absent (default: the invoking leg)"
            }
            Normalization::NullMeansAbsent => {
                "spec 1c and quirk 12: a null Actions or TransactionAttributes is a no-op, the \
                 same as omitting it; every optional field of the contract reads null as absent"
            }
            Normalization::MissingParameters => {
                "spec 1c: an action object is {\"Type\", \"Parameters\"}; an action without \
                 parameters is written with an empty object"
            }
        }
    }
}

impl fmt::Display for Normalization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// `array`, `string`, ... : the kind of a JSON value, for messages.
pub(crate) fn json_kind(v: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Why JSON could not be read as a model type: where (the JSON path of the offending field) and
/// what, without the offending value (it may be a phone number or a SIP header value).
///
/// ```
/// let err = sma_core::Invocation::from_slice(br#"{"InvocationEventType":"RINGING","Sequence":"one"}"#).unwrap_err();
/// assert_eq!(err.path(), "Sequence");
/// assert!(!err.to_string().contains("one"), "{err}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    path: String,
    message: String,
}

impl ReadError {
    /// The JSON path of the field that could not be read (`CallDetails.Participants[0].From`),
    /// `.` for the document itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong, with the value left out.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// An error about the document as a whole.
    pub(crate) fn whole(message: impl Into<String>) -> Self {
        ReadError { path: ".".to_owned(), message: message.into() }
    }

    fn from_path_error(e: serde_path_to_error::Error<serde_json::Error>) -> Self {
        ReadError { path: e.path().to_string(), message: without_values(&e.inner().to_string()) }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.path, self.message)
    }
}

impl std::error::Error for ReadError {}

/// Reads `T` from JSON text, naming the path of a field that does not fit: the path of the
/// value at the error's position in `text`, so that no path-tracking reader of `T` is compiled
/// (for the model of an event, that reader was 257 KB of the Lambda binary).
pub(crate) fn read_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ReadError> {
    serde_json::from_str(text).map_err(|e: serde_json::Error| {
        let at = path::offset_of(text, e.line(), e.column());
        ReadError {
            path: at.map_or_else(|| ".".to_owned(), |at| path::path_at(text, at)),
            message: without_values(&e.to_string()),
        }
    })
}

/// Reads `T` from a JSON value, naming the path of a field that does not fit.
pub(crate) fn read_value<'de, T: serde::Deserialize<'de>>(
    value: &'de serde_json::Value,
) -> Result<T, ReadError> {
    serde_path_to_error::deserialize(value).map_err(ReadError::from_path_error)
}

/// The size of `value` written as compact JSON, in bytes and in characters, counted without
/// writing it anywhere (the checks of a valid response allocate nothing).
pub(crate) fn json_size<T: serde::Serialize + ?Sized>(value: &T) -> JsonSize {
    let mut size = JsonSize::default();
    match serde_json::to_writer(&mut size, value) {
        Ok(()) => size,
        // Only a map with non-string keys fails, which the model cannot hold: count it as too
        // big rather than as nothing.
        Err(_) => JsonSize { bytes: usize::MAX, chars: usize::MAX },
    }
}

/// What [`json_size`] counts.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct JsonSize {
    pub(crate) bytes: usize,
    pub(crate) chars: usize,
}

impl std::io::Write for JsonSize {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes += buf.len();
        // serde_json writes whole UTF-8 sequences: count the bytes that start a character.
        self.chars += buf.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A `serde_json` message without its ` at line 1 column 42` suffix (for a value read from a
/// document of its own, the position says nothing).
pub(crate) fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) if e.line() > 0 => text[..at].to_owned(),
        _ => text,
    }
}

/// A serde message with the values it quotes left out: `invalid type: string "+1415…",
/// expected u32` becomes `invalid type: string "…", expected u32`. serde quotes a string with
/// escapes (`"say \"hi\""`): an escaped quote does not end it.
pub(crate) fn without_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' | '`' => {
                out.push(c);
                out.push('…');
                while let Some(inner) = chars.next() {
                    if inner == '\\' && c == '"' {
                        chars.next();
                    } else if inner == c {
                        break;
                    }
                }
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Declares an *open* string enum: the documented values as variants, plus `Other(String)`
/// that keeps any value this version does not know, exactly as received.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of `sma` does not know, kept exactly as received.
            Other(::std::string::String),
        }

        impl $name {
            /// Every documented value, in the order of the AWS documentation.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The wire strings of [`Self::KNOWN`], in the same order (usable in `const`).
            #[doc(hidden)]
            pub const WIRE_NAMES: &'static [&'static str] = &[$($wire),+];

            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Other(s) => s.as_str(),
                }
            }

            /// `false` for [`Self::Other`]: a value the AWS documentation does not list.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $wire => $name::$variant, )+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(s: ::std::string::String) -> Self {
                match $name::from(s.as_str()) {
                    $name::Other(_) => $name::Other(s),
                    known => known,
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                Ok($name::from(s))
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl $crate::contract::wire::FromWire for $name {}

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                // A documented value is matched in place; only another one is copied.
                $crate::contract::wire::text(d)
            }
        }
    };
}

pub(crate) use open_enum;

#[cfg(test)]
mod tests {
    #[test]
    fn json_size_counts_bytes_and_characters_of_the_compact_form() {
        let value = serde_json::json!({"k": "é€", "n": [1, 2.5, null]});
        let text = serde_json::to_string(&value).expect("JSON");
        let size = super::json_size(&value);
        assert_eq!(size.bytes, text.len());
        assert_eq!(size.chars, text.chars().count());
        assert!(size.chars < size.bytes);
    }

    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn every_normalization_names_a_spec_rule() {
        for n in Normalization::ALL {
            assert!(n.spec_rule().starts_with("spec "), "{n}");
        }
    }

    #[test]
    fn lenient_integers() {
        #[derive(serde::Deserialize)]
        struct S {
            #[serde(default, deserialize_with = "opt_int")]
            n: Option<u32>,
        }
        let read = |v: Value| serde_json::from_value::<S>(v).map(|s| s.n);
        assert_eq!(read(json!({"n": 5})).ok(), Some(Some(5)));
        assert_eq!(read(json!({"n": "5"})).ok(), Some(Some(5)));
        assert_eq!(read(json!({"n": " 7 "})).ok(), Some(Some(7)));
        assert_eq!(read(json!({"n": 3.0})).ok(), Some(Some(3)));
        assert_eq!(read(json!({"n": null})).ok(), Some(None));
        assert_eq!(read(json!({})).ok(), Some(None));
        let err = read(json!({"n": "five"})).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("\"five\"")));
        assert!(read(json!({"n": -1})).is_err());
        assert!(read(json!({"n": 5_000_000_000u64})).is_err());
        assert!(read(json!({"n": 1.5})).is_err());
    }

    #[test]
    fn lenient_booleans() {
        #[derive(serde::Deserialize)]
        struct S {
            #[serde(default, deserialize_with = "opt_bool")]
            b: Option<bool>,
        }
        let read = |v: Value| serde_json::from_value::<S>(v).map(|s| s.b).ok();
        assert_eq!(read(json!({"b": true})), Some(Some(true)));
        assert_eq!(read(json!({"b": "True"})), Some(Some(true)));
        assert_eq!(read(json!({"b": "false"})), Some(Some(false)));
        assert_eq!(read(json!({"b": "maybe"})), None);
    }
}
