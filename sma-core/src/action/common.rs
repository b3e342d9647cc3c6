//! Value types shared by several actions and events.

use crate::wire::{non_empty, open_enum};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// Declares a string newtype that travels as a plain JSON string.
macro_rules! string_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a string as it travels on the wire.
            pub fn new(value: impl Into<String>) -> Self {
                $name(value.into())
            }
            /// The string as it travels on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
            /// Unwraps the string.
            pub fn into_string(self) -> String {
                self.0
            }
        }
        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_newtype! {
    /// The id of one call leg: `Participants[].CallId` in an event, the `CallId` parameter of
    /// an action (a UUID string on the wire).
    ///
    /// See [PSTN Audio invocations](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
    ///
    /// ```
    /// let id = sma_core::CallId::from("4f1b7c0e-0000-4000-8000-000000000001");
    /// assert_eq!(id, "4f1b7c0e-0000-4000-8000-000000000001");
    /// ```
    CallId
}

string_newtype! {
    /// The id of a whole call, all legs included: `CallDetails.TransactionId` (a UUID string).
    /// It is constant from the first event to the last and is the key of
    /// `UpdateSipMediaApplicationCall`.
    ///
    /// See [PSTN Audio invocations](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
    ///
    /// ```
    /// let id = sma_core::TransactionId::from("t-1");
    /// assert_eq!(id.as_str(), "t-1");
    /// ```
    TransactionId
}

/// Which leg of the call: the wire strings `"LEG-A"` and `"LEG-B"` (`ParticipantTag`).
///
/// LEG-A is the leg that started the transaction (the inbound caller, or the callee of
/// `CreateSipMediaApplicationCall`); LEG-B is the leg the service created for a
/// `CallAndBridge` or a `JoinChimeMeeting`. Tags are read case-insensitively (one doc page writes
/// `Leg-A`, see [`Normalization::LegTagCase`](crate::wire::Normalization::LegTagCase)); any other
/// string is kept in [`ParticipantTag::Other`].
///
/// See [Using call legs](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::ParticipantTag;
/// let tag: ParticipantTag = serde_json::from_str("\"Leg-b\"").unwrap();
/// assert_eq!(tag, ParticipantTag::LegB);
/// assert_eq!(serde_json::to_string(&tag).unwrap(), "\"LEG-B\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParticipantTag {
    /// `"LEG-A"`.
    LegA,
    /// `"LEG-B"`.
    LegB,
    /// Any other string, kept as received (only doc templates carry one).
    Other(String),
}

impl ParticipantTag {
    /// The canonical wire string.
    pub fn as_str(&self) -> &str {
        match self {
            ParticipantTag::LegA => "LEG-A",
            ParticipantTag::LegB => "LEG-B",
            ParticipantTag::Other(s) => s,
        }
    }
}

impl From<&str> for ParticipantTag {
    fn from(s: &str) -> Self {
        if s.eq_ignore_ascii_case("LEG-A") {
            ParticipantTag::LegA
        } else if s.eq_ignore_ascii_case("LEG-B") {
            ParticipantTag::LegB
        } else {
            ParticipantTag::Other(s.to_owned())
        }
    }
}

impl From<String> for ParticipantTag {
    fn from(s: String) -> Self {
        match ParticipantTag::from(s.as_str()) {
            ParticipantTag::Other(_) => ParticipantTag::Other(s),
            known => known,
        }
    }
}

impl fmt::Display for ParticipantTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ParticipantTag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ParticipantTag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(ParticipantTag::from(s.as_ref()))
    }
}

/// How an action names the leg it acts on: the `CallId` and `ParticipantTag` parameters.
///
/// On the wire these are two optional sibling parameters. When both are given `CallId` wins;
/// when neither is given the service acts on the leg that caused the invocation. An empty
/// string counts as absent ([`Normalization::EmptyLegAddress`](crate::wire::Normalization::EmptyLegAddress)).
///
/// See [Using call legs](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::action::LegAddress;
/// use sma_core::{CallId, ParticipantTag};
/// let a: LegAddress = serde_json::from_str(r#"{"CallId": "", "ParticipantTag": "LEG-B"}"#).unwrap();
/// assert_eq!(a, LegAddress { call_id: None, participant_tag: Some(ParticipantTag::LegB) });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LegAddress {
    /// `CallId`: the leg by id.
    #[serde(
        rename = "CallId",
        default,
        deserialize_with = "non_empty",
        skip_serializing_if = "Option::is_none"
    )]
    pub call_id: Option<CallId>,
    /// `ParticipantTag`: the leg by tag.
    #[serde(
        rename = "ParticipantTag",
        default,
        deserialize_with = "non_empty",
        skip_serializing_if = "Option::is_none"
    )]
    pub participant_tag: Option<ParticipantTag>,
}

impl LegAddress {
    /// Addresses the leg with this `CallId`.
    pub fn call(id: impl Into<CallId>) -> Self {
        LegAddress { call_id: Some(id.into()), participant_tag: None }
    }
    /// Addresses the leg with this tag.
    pub fn tag(tag: ParticipantTag) -> Self {
        LegAddress { call_id: None, participant_tag: Some(tag) }
    }
    /// Adds a `ParticipantTag` beside the `CallId` (the service then ignores the tag; some doc
    /// examples send both).
    ///
    /// ```
    /// use sma_core::{action::LegAddress, ParticipantTag};
    /// let a = LegAddress::call("c-1").and_tag(ParticipantTag::LegA);
    /// assert_eq!(a.participant_tag, Some(ParticipantTag::LegA));
    /// ```
    pub fn and_tag(mut self, tag: ParticipantTag) -> Self {
        self.participant_tag = Some(tag);
        self
    }

    /// Neither given: the service acts on the leg that caused the invocation.
    pub fn is_default(&self) -> bool {
        self.call_id.is_none() && self.participant_tag.is_none()
    }
}

string_newtype! {
    /// A phone number in E.164 form (`+` then 2 to 15 digits), as a JSON string.
    ///
    /// Values read from the wire are kept as received (events carry `"SMA"` or placeholders);
    /// [`E164::check`] tells whether a value is valid, and the action builders only accept
    /// checked numbers. The API pattern is `^\+?[1-9]\d{1,14}$`; `sma` writes the `+` always.
    ///
    /// See [CallAndBridge](https://docs.aws.amazon.com/chime-sdk/latest/dg/call-and-bridge.html).
    ///
    /// ```
    /// use sma_core::action::E164;
    /// assert!(E164::from("+12065550100").check().is_ok());
    /// assert!(E164::from("2065550100").check().is_err());
    /// ```
    E164
}

impl E164 {
    /// A checked number: `+`, a first digit 1–9, then 1 to 14 more digits.
    ///
    /// ```
    /// use sma_core::action::E164;
    /// assert!(E164::parse("+12065550100").is_ok());
    /// assert!(E164::parse("206-555-0100").is_err());
    /// ```
    pub fn parse(s: impl Into<String>) -> Result<Self, FormatError> {
        let n = E164(s.into());
        n.check().map(|()| n)
    }

    /// Checks the E.164 form of a value read from the wire.
    pub fn check(&self) -> Result<(), FormatError> {
        sma_syntax::e164(self.as_str())
            .map_err(|rule| FormatError::new("E.164 phone number", self.as_str(), rule))
    }

    /// A literal already checked at compile time by `e164!`.
    #[doc(hidden)]
    pub fn __literal(s: &'static str) -> Self {
        E164(s.to_owned())
    }
}

/// A string that does not have the format the service requires.
///
/// ```
/// use sma_core::action::E164;
/// let err = E164::from("555").check().unwrap_err();
/// assert!(err.to_string().contains("E.164"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// What kind of value was expected (`"E.164 phone number"`, ...).
    pub kind: &'static str,
    /// The value that was given.
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
        write!(f, "{:?} is not a valid {}: it {}", self.value, self.kind, self.rule)
    }
}

impl std::error::Error for FormatError {}

string_newtype! {
    /// The regular expression the caller's digits must match: `InputDigitsRegex` of
    /// `ReceiveDigits`, `PlayAudioAndGetDigits` and `SpeakAndGetDigits`. A JSON string: the
    /// backslashes of the regex are escaped in JSON (`"^\\d{2}#$"` is the regex `^\d{2}#$`).
    ///
    /// See [ReceiveDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/listen-to-digits.html).
    ///
    /// ```
    /// let re = sma_core::action::DigitsRegex::from(r"^\d{2}#$");
    /// assert_eq!(serde_json::to_string(&re).unwrap(), r#""^\\d{2}#$""#);
    /// ```
    DigitsRegex
}

impl DigitsRegex {
    /// A checked regex (see [`sma_syntax::regex`] for the dialect `sma` accepts).
    ///
    /// ```
    /// use sma_core::action::DigitsRegex;
    /// assert!(DigitsRegex::parse(r"^\d{4}#$").is_ok());
    /// assert!(DigitsRegex::parse(r"^\w+$").is_err());
    /// ```
    pub fn parse(s: impl Into<String>) -> Result<Self, FormatError> {
        let r = DigitsRegex(s.into());
        r.check().map(|()| r)
    }

    /// Checks a regex read from the wire against the dialect.
    pub fn check(&self) -> Result<(), FormatError> {
        sma_syntax::digits_regex(self.as_str())
            .map(drop)
            .map_err(|e| FormatError::new("digits regex", self.as_str(), e.to_string()))
    }

    /// A literal already checked at compile time by `regex!`.
    #[doc(hidden)]
    pub fn __literal(s: &'static str) -> Self {
        DigitsRegex(s.to_owned())
    }
}

string_newtype! {
    /// The DTMF string `SendDigits` plays: up to 50 symbols from `0-9 * # A B C D ,`
    /// (a comma is a 500 ms pause).
    ///
    /// See [SendDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/send-digits.html).
    ///
    /// ```
    /// use sma_core::action::DtmfString;
    /// assert!(DtmfString::from(",,*1234#").check().is_ok());
    /// assert!(DtmfString::from("12x").check().is_err());
    /// ```
    DtmfString
}

impl DtmfString {
    /// The longest string `SendDigits` accepts.
    pub const MAX_LEN: usize = sma_syntax::MAX_SEND_DIGITS;

    /// A checked DTMF string.
    ///
    /// ```
    /// use sma_core::action::DtmfString;
    /// assert!(DtmfString::parse("1234#").is_ok());
    /// assert!(DtmfString::parse("").is_err());
    /// ```
    pub fn parse(s: impl Into<String>) -> Result<Self, FormatError> {
        let d = DtmfString(s.into());
        d.check().map(|()| d)
    }

    /// Checks length (1–50) and alphabet (`0-9 * # A B C D ,`).
    pub fn check(&self) -> Result<(), FormatError> {
        sma_syntax::dtmf_string(self.as_str())
            .map_err(|rule| FormatError::new("DTMF string", self.as_str(), rule))
    }

    /// A literal already checked at compile time by `dtmf!`.
    #[doc(hidden)]
    pub fn __literal(s: &'static str) -> Self {
        DtmfString(s.to_owned())
    }
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

open_enum! {
    /// Where audio lives: `AudioSource.Type` / `RecordingDestination.Type` /
    /// `Destination.Type`. Only `"S3"` exists.
    ///
    /// See [PlayAudio](https://docs.aws.amazon.com/chime-sdk/latest/dg/play-audio.html).
    ///
    /// ```
    /// assert_eq!(sma_core::action::StorageType::S3.as_str(), "S3");
    /// ```
    pub enum StorageType {
        /// `"S3"`: an Amazon S3 bucket of the SIP media application's account.
        S3 = "S3",
    }
}

/// A WAV file in S3 that the service plays: `AudioSource`, `FailureAudioSource` and
/// `CallAndBridge.RingbackTone`, `{"Type":"S3","BucketName":…,"Key":…}`.
///
/// The object must be uncompressed PCM WAV (8 kHz mono recommended, ≤ 50 MB) in a bucket of the
/// same account that lets `voiceconnector.chime.amazonaws.com` `s3:GetObject`.
///
/// See [PlayAudio](https://docs.aws.amazon.com/chime-sdk/latest/dg/play-audio.html).
///
/// ```
/// use sma_core::action::AudioSource;
/// let a = AudioSource::s3("my-bucket", "welcome.wav");
/// assert_eq!(
///     serde_json::to_value(&a).unwrap(),
///     serde_json::json!({"Type": "S3", "BucketName": "my-bucket", "Key": "welcome.wav"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AudioSource {
    /// `Type`: always `S3`.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<StorageType>,
    /// `BucketName`.
    #[serde(rename = "BucketName", default, skip_serializing_if = "Option::is_none")]
    pub bucket_name: Option<String>,
    /// `Key`: the object key of the WAV file.
    #[serde(rename = "Key", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AudioSource {
    /// A WAV object in S3.
    pub fn s3(bucket: impl Into<String>, key: impl Into<String>) -> Self {
        AudioSource {
            kind: Some(StorageType::S3),
            bucket_name: Some(bucket.into()),
            key: Some(key.into()),
            extra: Map::new(),
        }
    }
}

/// The custom SIP headers of a leg: `Participants[].SipHeaders` in events and
/// `CallAndBridge.SipHeaders` in actions, a JSON object of string to string.
///
/// Allowed names start with `x-` or are `User-to-User` or `Diversion`; `X-AMZN` and the
/// internal prefixes `x-vine`, `x-amzn`, `x-vc`, `x-canary`, `x-voice` are rejected by the
/// service; a header is at most 2,048 characters. Names keep the case they were received in;
/// [`SipHeaders::header`] looks one up case-insensitively, as SIP does.
///
/// As a handler argument it extracts the SIP headers of LEG-A's INVITE (empty when there were
/// none).
///
/// See [Using SIP headers](https://docs.aws.amazon.com/chime-sdk/latest/dg/sip-headers.html).
///
/// ```
/// let mut h = sma_core::SipHeaders::new();
/// h.insert("User-to-User".into(), "616263;encoding=hex".into());
/// assert_eq!(h.header("user-to-user"), Some("616263;encoding=hex"));
/// assert_eq!(serde_json::to_string(&h).unwrap(), r#"{"User-to-User":"616263;encoding=hex"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SipHeaders(pub BTreeMap<String, String>);

impl SipHeaders {
    /// No headers.
    pub fn new() -> Self {
        SipHeaders(BTreeMap::new())
    }

    /// The value of header `name`, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl std::ops::Deref for SipHeaders {
    type Target = BTreeMap<String, String>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for SipHeaders {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl From<BTreeMap<String, String>> for SipHeaders {
    fn from(map: BTreeMap<String, String>) -> Self {
        SipHeaders(map)
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for SipHeaders {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        SipHeaders(iter.into_iter().map(|(k, v)| (k.into(), v.into())).collect())
    }
}

/// The SIP response code of a hang-up: `Hangup.SipResponseCode` and the HANGUP event's
/// echo. Written as a JSON number; docs send `"0"` as a string, and both are read.
///
/// See [Hangup](https://docs.aws.amazon.com/chime-sdk/latest/dg/hangup.html).
///
/// ```
/// use sma_core::action::SipResponseCode;
/// let c: SipResponseCode = serde_json::from_str("\"486\"").unwrap();
/// assert_eq!(c, SipResponseCode::Busy);
/// assert_eq!(serde_json::to_string(&c).unwrap(), "486");
/// assert_eq!(serde_json::from_str::<SipResponseCode>("603").unwrap(), SipResponseCode::Other(603));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SipResponseCode {
    /// `0`: normal clearing.
    NormalClearing,
    /// `480`: temporarily unavailable (also used when no one answers).
    Unavailable,
    /// `486`: busy here.
    Busy,
    /// Any other code, kept as received (HANGUP events may report one; the `Hangup` action
    /// accepts only the three above).
    Other(u16),
}

impl SipResponseCode {
    /// The codes the `Hangup` action accepts.
    pub const KNOWN: &'static [SipResponseCode] =
        &[SipResponseCode::NormalClearing, SipResponseCode::Unavailable, SipResponseCode::Busy];

    /// The numeric code.
    pub fn code(self) -> u16 {
        match self {
            SipResponseCode::NormalClearing => 0,
            SipResponseCode::Unavailable => 480,
            SipResponseCode::Busy => 486,
            SipResponseCode::Other(n) => n,
        }
    }

    /// `false` for [`Self::Other`].
    pub fn is_known(self) -> bool {
        !matches!(self, SipResponseCode::Other(_))
    }
}

impl From<u16> for SipResponseCode {
    fn from(n: u16) -> Self {
        match n {
            0 => SipResponseCode::NormalClearing,
            480 => SipResponseCode::Unavailable,
            486 => SipResponseCode::Busy,
            n => SipResponseCode::Other(n),
        }
    }
}

impl fmt::Display for SipResponseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())
    }
}

impl Serialize for SipResponseCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.code())
    }
}

impl<'de> Deserialize<'de> for SipResponseCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::wire::int::<D, u16>(d).map(SipResponseCode::from)
    }
}
