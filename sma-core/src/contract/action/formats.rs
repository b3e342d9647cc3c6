//! Formatted strings the service checks: phone numbers, digit regexes, DTMF strings and keys.
//!
//! A value of these types made in Rust code has been checked: it comes from a literal macro
//! (`e164!`, `regex!`, `dtmf!`, checked at compile time) or from `parse` / `TryFrom`, which
//! return the same [`FormatError`] the response check would report. There is no unchecked
//! `From<&str>`.
//!
//! Values read from the wire are kept exactly as received, even when they break the format (an
//! echo of what a handler in another language sent must not be dropped); `check` tells whether
//! such a value is valid, and the response check reports it before a response leaves.

use crate::contract::text::Text;
use crate::contract::wire::open_enum;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A string that does not have the format the service requires.
///
/// ```
/// use sma_core::action::E164;
/// let err = E164::parse("555").unwrap_err();
/// assert!(err.to_string().contains("E.164"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// What kind of value was expected (`"E.164 phone number"`, ...).
    pub kind: &'static str,
    /// The value that was given (not part of the message, which may be logged).
    pub value: String,
    /// The rule it breaks, worded as the fix.
    pub rule: String,
}

impl FormatError {
    pub(crate) fn new(kind: &'static str, value: &str, rule: impl Into<String>) -> Self {
        FormatError { kind, value: value.to_owned(), rule: rule.into() }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The value is left out: it may be a phone number or a PIN, and errors get logged.
        write!(f, "is not a valid {}: it {}", self.kind, self.rule)
    }
}

impl std::error::Error for FormatError {}

/// A value that is already a checked `T`: `T` itself (from a literal macro or `parse`). The
/// builders take their formatted parameters through it, so that a plain string is an error that
/// says how to make a checked value.
///
/// ```
/// use sma_core::action::{Checked, E164};
/// fn number(n: impl Checked<E164>) -> E164 { n.into_checked() }
/// assert_eq!(number(sma_core::e164!("+12065550100")), "+12065550100");
/// ```
#[diagnostic::on_unimplemented(
    message = "expected a checked `{T}`, found `{Self}`",
    label = "not a checked `{T}`",
    note = "write a literal checked at compile time (`e164!(\"+12065550100\")`, `regex!(\"^[12]$\")`, `dtmf!(\"1234#\")`), or check a computed value with `{T}::parse(value)?`, which returns the error the response check would report"
)]
pub trait Checked<T> {
    /// The checked value.
    fn into_checked(self) -> T;
}

/// Declares a checked string newtype: made by `parse`, `TryFrom`, `FromStr` or its literal macro,
/// read leniently from the wire, written as a plain JSON string.
macro_rules! checked_string {
    ($(#[$meta:meta])* $name:ident, $kind:literal, $check:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(Text);

        /// Reading one checks it: a value that breaks the format is an error (the wire model
        /// keeps echoed values as received, through its own reader).
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $name::parse(Text::deserialize(d)?).map_err(serde::de::Error::custom)
            }
        }

        impl crate::contract::wire::AsReceived for $name {
            fn as_received(s: Text) -> Self {
                $name(s)
            }
        }

        impl $name {
            /// Checks `s` and wraps it; the error is the one the response check reports.
            pub fn parse(s: impl Into<Text>) -> Result<Self, FormatError> {
                let value = $name(s.into());
                value.check().map(|()| value)
            }

            /// Checks the format of this value (values read from the wire are kept as received).
            pub fn check(&self) -> Result<(), FormatError> {
                Self::check_str(&self.0)
            }

            /// [`Self::check`] on a string that is not wrapped (nothing is allocated unless
            /// it fails).
            #[allow(dead_code)]
            pub(crate) fn check_str(s: &str) -> Result<(), FormatError> {
                let check: fn(&str) -> Result<(), String> = $check;
                check(s).map_err(|rule| FormatError::new($kind, s, rule))
            }

            /// The identity on checked values; it exists so that `E164::from("…")` is an
            /// error that names `parse` and the literal macros (there is no unchecked `From`).
            #[doc(hidden)]
            #[allow(clippy::should_implement_trait)]
            pub fn from(value: impl Checked<$name>) -> Self {
                value.into_checked()
            }
        }

        #[diagnostic::do_not_recommend]
        impl Checked<$name> for $name {
            fn into_checked(self) -> $name {
                self
            }
        }

        impl TryFrom<&str> for $name {
            type Error = FormatError;
            fn try_from(s: &str) -> Result<Self, FormatError> {
                $name::parse(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = FormatError;
            fn try_from(s: String) -> Result<Self, FormatError> {
                $name::parse(s)
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = FormatError;
            fn from_str(s: &str) -> Result<Self, FormatError> {
                $name::parse(s)
            }
        }

        string_views!($name);
    };
}

checked_string! {
    /// A phone number in E.164 form: `+`, a first digit 1–9, then 1 to 14 more digits
    /// (`CallAndBridge.CallerIdNumber`, the `Uri` of a PSTN endpoint).
    ///
    /// Make one with `e164!("+12065550100")` (checked at compile time) or
    /// `E164::parse(value)?`. The API pattern is `^\+?[1-9]\d{1,14}$`; `sma` writes the `+`.
    ///
    /// See [CallAndBridge](https://docs.aws.amazon.com/chime-sdk/latest/dg/call-and-bridge.html).
    ///
    /// ```
    /// use sma_core::action::E164;
    /// let sales: E164 = "+12065550100".parse().unwrap();
    /// assert_eq!(sales, "+12065550100");
    /// assert!(E164::parse("206-555-0100").is_err());
    /// assert!(E164::try_from("2065550100").is_err());
    /// ```
    E164,
    "E.164 phone number",
    |s| sma_syntax::e164(s).map_err(str::to_owned)
}

checked_string! {
    /// The regular expression the caller's digits must match: `InputDigitsRegex` of
    /// `ReceiveDigits`, `PlayAudioAndGetDigits` and `SpeakAndGetDigits`.
    ///
    /// Make one with `regex!(r"^\d{4}#$")` (checked at compile time) or
    /// `DigitsRegex::parse(value)?`; the dialect `sma` accepts is described in
    /// [`sma_syntax::regex`]. On the wire it is a JSON string, so the regex's backslashes are
    /// escaped (`"^\\d{2}#$"` is the regex `^\d{2}#$`).
    ///
    /// See [ReceiveDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/listen-to-digits.html).
    ///
    /// ```
    /// use sma_core::action::DigitsRegex;
    /// let re = DigitsRegex::parse(r"^\d{2}#$").unwrap();
    /// assert_eq!(serde_json::to_string(&re).unwrap(), r#""^\\d{2}#$""#);
    /// assert!(DigitsRegex::parse(r"^\w+$").is_err());
    /// ```
    DigitsRegex,
    "digits regex",
    |s| sma_syntax::digits_regex(s).map(drop).map_err(|e| e.to_string())
}

checked_string! {
    /// The DTMF string `SendDigits` plays: 1 to 50 symbols from `0-9 * # A B C D ,` (a comma is a
    /// 500 ms pause). Make one with `dtmf!(",,1234#")` or `DtmfString::parse(value)?`.
    ///
    /// See [SendDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/send-digits.html).
    ///
    /// ```
    /// use sma_core::action::DtmfString;
    /// assert!(DtmfString::parse(",,*1234#").is_ok());
    /// assert!(DtmfString::parse("12x").is_err());
    /// assert!(DtmfString::parse("").is_err());
    /// ```
    DtmfString,
    "DTMF string",
    sma_syntax::dtmf_string
}

impl DtmfString {
    /// The longest string `SendDigits` accepts.
    pub const MAX_LEN: usize = sma_syntax::MAX_SEND_DIGITS;
}

open_enum! {
    /// One DTMF key a caller can press: `"0"`–`"9"`, `"*"`, `"#"`; the elements of
    /// `PlaybackTerminators`, `TerminatorDigits` and `RecordingTerminators`.
    ///
    /// See [PlayAudio](https://docs.aws.amazon.com/chime-sdk/latest/dg/play-audio.html).
    ///
    /// ```
    /// use sma_core::action::DtmfKey;
    /// assert_eq!(DtmfKey::from("#"), DtmfKey::Pound);
    /// assert_eq!(DtmfKey::Star.as_str(), "*");
    /// ```
    pub enum DtmfKey {
        /// `"0"`.
        Zero = "0",
        /// `"1"`.
        One = "1",
        /// `"2"`.
        Two = "2",
        /// `"3"`.
        Three = "3",
        /// `"4"`.
        Four = "4",
        /// `"5"`.
        Five = "5",
        /// `"6"`.
        Six = "6",
        /// `"7"`.
        Seven = "7",
        /// `"8"`.
        Eight = "8",
        /// `"9"`.
        Nine = "9",
        /// `"*"`.
        Star = "*",
        /// `"#"`.
        Pound = "#",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_try_from_give_the_checks_error() {
        let e = E164::parse("+0123").unwrap_err();
        assert_eq!(e.kind, "E.164 phone number");
        assert_eq!(E164::try_from("+0123".to_owned()).unwrap_err(), e);
        assert!("^[12]$".parse::<DigitsRegex>().is_ok());
        assert!(DtmfString::try_from("1".repeat(51).as_str()).is_err());
    }

    #[test]
    fn read_values_are_checked_and_wire_echoes_kept_as_received() {
        // Read on its own (a user's config, say), a value is checked on the way in.
        let e = serde_json::from_str::<E164>("\"+1 415 555 0188\"").unwrap_err();
        assert!(e.to_string().contains("E.164"), "{e}");
        assert!(!e.to_string().contains("555"), "the value is not in the message: {e}");
        assert!(serde_json::from_str::<DtmfString>("\"12E4\"").is_err());
        assert_eq!(serde_json::from_str::<E164>("\"+14155550188\"").unwrap(), "+14155550188");
        // Inside an action read from the wire, an echo keeps what the handler sent.
        let bridge: crate::contract::action::CallAndBridge =
            serde_json::from_str(r#"{"CallerIdNumber":"+1 415 555 0188"}"#).unwrap();
        let n = bridge.caller_id_number.unwrap();
        assert_eq!(n.as_str(), "+1 415 555 0188");
        assert!(n.check().is_err());
    }
}
