//! Values several actions share: S3 audio, SIP headers and SIP response codes.

use crate::contract::text::Text;
use crate::contract::wire; // the support `DeserializeWire` expands to
use crate::contract::wire::{LazyJson, open_enum};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sma_macros::DeserializeWire;
use std::collections::BTreeMap;
use std::fmt;

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
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
pub struct AudioSource {
    /// `Type`: always `S3`.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<StorageType>,
    /// `BucketName`.
    #[serde(rename = "BucketName", default, skip_serializing_if = "Option::is_none")]
    pub bucket_name: Option<Text>,
    /// `Key`: the object key of the WAV file.
    #[serde(rename = "Key", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<Text>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl AudioSource {
    /// A WAV object in S3.
    pub fn s3(bucket: impl Into<Text>, key: impl Into<Text>) -> Self {
        AudioSource {
            kind: Some(StorageType::S3),
            bucket_name: Some(bucket.into()),
            key: Some(key.into()),
            extra: wire::Extra::new(),
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
/// h.insert("User-to-User", "616263;encoding=hex");
/// assert_eq!(h.header("user-to-user"), Some("616263;encoding=hex"));
/// assert_eq!(serde_json::to_string(&h).unwrap(), r#"{"User-to-User":"616263;encoding=hex"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SipHeaders(LazyJson<BTreeMap<String, String>>);

impl SipHeaders {
    /// No headers.
    pub fn new() -> Self {
        SipHeaders(LazyJson::new(BTreeMap::new()))
    }

    /// Adds (or replaces) header `name`; returns the value it had.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<String>) -> Option<String> {
        self.0.get_mut().insert(name.into(), value.into())
    }

    /// The value of header `name`, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The headers as a map.
    pub fn into_map(self) -> BTreeMap<String, String> {
        self.0.into_inner()
    }
}

impl std::ops::Deref for SipHeaders {
    type Target = BTreeMap<String, String>;
    fn deref(&self) -> &Self::Target {
        self.0.get()
    }
}

impl std::ops::DerefMut for SipHeaders {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.0.get_mut()
    }
}

impl From<BTreeMap<String, String>> for SipHeaders {
    fn from(map: BTreeMap<String, String>) -> Self {
        SipHeaders(LazyJson::new(map))
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for SipHeaders {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        SipHeaders::from(
            iter.into_iter().map(|(k, v)| (k.into(), v.into())).collect::<BTreeMap<_, _>>(),
        )
    }
}

impl Serialize for SipHeaders {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.get().serialize(s)
    }
}

/// Read as an object of strings, kept as received until a header is read (an INVITE's
/// headers travel with every event of the call; most handlers never look at them).
impl<'de> Deserialize<'de> for SipHeaders {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::contract::wire::string_map(d).map(SipHeaders)
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
        crate::contract::wire::int::<D, u16>(d).map(SipResponseCode::from)
    }
}
