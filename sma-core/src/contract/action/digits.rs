//! Actions that listen for DTMF in the background or send it.

use super::{Checked, DigitsRegex, DtmfString, Target, millis};
use crate::contract::wire; // the support `DeserializeWire` expands to
use crate::contract::wire::{opt_as_received, opt_int};
use serde::Serialize;
use sma_macros::DeserializeWire;
use std::time::Duration;

/// `ReceiveDigits`: arms a background DTMF listener on a leg.
///
/// Parameters on the wire: `CallId` / `ParticipantTag`, `InputDigitsRegex` (required),
/// `InBetweenDigitsDurationInMilliseconds` (required) and `FlushDigitsDurationInMilliseconds`
/// (required, greater than the in-between duration).
///
/// Events: ACTION_SUCCESSFUL with `ReceivedDigits: ""` when armed, then DIGITS_RECEIVED each
/// time the buffered digits match. Error type: `InvalidActionParameter`.
///
/// See [ReceiveDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/listen-to-digits.html).
///
/// ```
/// let r: sma_core::action::ReceiveDigits = serde_json::from_str(
///     r#"{"InputDigitsRegex":"^\\*\\d$","InBetweenDigitsDurationInMilliseconds":1000,"FlushDigitsDurationInMilliseconds":10000}"#).unwrap();
/// assert_eq!(r.flush_digits_duration_in_milliseconds, Some(10000));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct ReceiveDigits {
    /// `CallId` / `ParticipantTag`: the leg.
    #[serde(flatten)]
    pub target: Target,
    /// `InputDigitsRegex`.
    #[serde(
        default,
        deserialize_with = "opt_as_received",
        skip_serializing_if = "Option::is_none"
    )]
    pub input_digits_regex: Option<DigitsRegex>,
    /// `InBetweenDigitsDurationInMilliseconds`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub in_between_digits_duration_in_milliseconds: Option<u32>,
    /// `FlushDigitsDurationInMilliseconds`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub flush_digits_duration_in_milliseconds: Option<u32>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl ReceiveDigits {
    /// Listens on the invoking leg for digits matching `regex`, matching after `in_between` of
    /// silence and flushing the buffer after `flush` (> `in_between`).
    ///
    /// ```
    /// use sma_core::action::ReceiveDigits;
    /// use sma_core::regex;
    /// use std::time::Duration;
    /// let r = ReceiveDigits::new(regex!(r"^\*\d$"), Duration::from_secs(1), Duration::from_secs(10));
    /// assert_eq!(r.flush_digits_duration_in_milliseconds, Some(10_000));
    /// ```
    pub fn new(regex: impl Checked<DigitsRegex>, in_between: Duration, flush: Duration) -> Self {
        ReceiveDigits {
            input_digits_regex: Some(regex.into_checked()),
            in_between_digits_duration_in_milliseconds: Some(millis(in_between)),
            flush_digits_duration_in_milliseconds: Some(millis(flush)),
            ..Default::default()
        }
    }
}

/// `SendDigits`: plays DTMF tones on a leg (e.g. to drive a remote IVR).
///
/// Parameters on the wire: `CallId` (required), `Digits` (required, ≤ 50 of `0-9 * # A-D ,`)
/// and `ToneDurationInMilliseconds` (50–24000, default 250). Error type:
/// `InvalidActionParameter`.
///
/// See [SendDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/send-digits.html).
///
/// ```
/// let s: sma_core::action::SendDigits = serde_json::from_str(r#"{"CallId":"c","Digits":",,1#"}"#).unwrap();
/// assert_eq!(s.digits.unwrap().as_str(), ",,1#");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct SendDigits {
    /// `CallId`: the leg (required).
    #[serde(flatten)]
    pub target: Target,
    /// `Digits`.
    #[serde(
        default,
        deserialize_with = "opt_as_received",
        skip_serializing_if = "Option::is_none"
    )]
    pub digits: Option<DtmfString>,
    /// `ToneDurationInMilliseconds`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub tone_duration_in_milliseconds: Option<u32>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl SendDigits {
    /// Sends `digits` on the leg `target`.
    ///
    /// ```
    /// use sma_core::action::{SendDigits, Target};
    /// use sma_core::dtmf;
    /// let s = SendDigits::new(Target::call("c-1"), dtmf!(",,1234#")).tone_duration(std::time::Duration::from_millis(100));
    /// assert_eq!(s.tone_duration_in_milliseconds, Some(100));
    /// ```
    pub fn new(target: impl Into<Target>, digits: impl Checked<DtmfString>) -> Self {
        SendDigits {
            target: target.into(),
            digits: Some(digits.into_checked()),
            ..Default::default()
        }
    }

    /// `ToneDurationInMilliseconds` (50–24000).
    pub fn tone_duration(mut self, d: Duration) -> Self {
        self.tone_duration_in_milliseconds = Some(millis(d));
        self
    }
}
