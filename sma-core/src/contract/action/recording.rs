//! Call recording actions.

use super::{StorageType, Target};
use crate::contract::text::Text;
use crate::contract::wire; // the support `DeserializeWire` expands to
use crate::contract::wire::open_enum;
use serde::Serialize;
use sma_macros::DeserializeWire;

open_enum! {
    /// `Track` of `StartCallRecording`, relative to the SIP media application.
    ///
    /// See [StartCallRecording](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-call-recording.html).
    ///
    /// ```
    /// assert_eq!(sma_core::action::Track::Both.as_str(), "BOTH");
    /// ```
    pub enum Track {
        /// `"BOTH"`: stereo, incoming left and outgoing right.
        Both = "BOTH",
        /// `"INCOMING"`: the leg's party only (mono).
        Incoming = "INCOMING",
        /// `"OUTGOING"`: what the leg hears (mono).
        Outgoing = "OUTGOING",
    }
}

/// `Destination` of `StartCallRecording` and the `CallRecordingDestination` of its
/// ACTION_SUCCESSFUL: `{"Type":"S3","Location":"bucket[/prefix]"}` (in the event, the full
/// object key).
///
/// See [StartCallRecording](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-call-recording.html).
///
/// ```
/// let d: sma_core::action::CallRecordingDestination =
///     serde_json::from_str(r#"{"Type":"S3","Location":"bucket/prefix"}"#).unwrap();
/// assert_eq!(d.location.as_deref(), Some("bucket/prefix"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct CallRecordingDestination {
    /// `Type`: `S3`.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<StorageType>,
    /// `Location`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Text>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

/// `StartCallRecording`: records a leg to S3 as WAV until it is stopped or the call ends.
///
/// Parameters on the wire: `CallId` (required), `Track` (required) and `Destination`
/// (required). Start and stop only once per leg. ACTION_SUCCESSFUL carries
/// `CallRecordingDestination`. Error types: `InvalidActionParameter`, `SystemException`; the doc
/// failure example uses a single `Error` string (`NoAccessToDestination: …`).
///
/// See [StartCallRecording](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-call-recording.html).
///
/// ```
/// let s: sma_core::action::StartCallRecording = serde_json::from_str(
///     r#"{"CallId":"c","Track":"BOTH","Destination":{"Type":"S3","Location":"b"}}"#).unwrap();
/// assert_eq!(s.track, Some(sma_core::action::Track::Both));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct StartCallRecording {
    /// `CallId`: the leg (required).
    #[serde(flatten)]
    pub target: Target,
    /// `Track`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<Track>,
    /// `Destination`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub destination: Option<CallRecordingDestination>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

macro_rules! call_id_only {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
        #[serde(rename_all = "PascalCase")]
        #[non_exhaustive]
        pub struct $name {
            /// `CallId`: the leg being recorded (required).
            #[serde(flatten)]
            pub target: Target,
            /// Parameters this version does not know, kept as received.
            #[serde(flatten)]
            pub extra: wire::Extra,
        }

        impl $name {
            #[doc = concat!("`", stringify!($name), "` of the leg `target`.")]
            ///
            /// ```
            #[doc = concat!("let a = sma_core::action::", stringify!($name), "::new(sma_core::action::Target::call(\"c-1\"));")]
            /// assert_eq!(a.target.call_id().unwrap(), "c-1");
            /// ```
            pub fn new(target: impl Into<Target>) -> Self {
                $name { target: target.into(), extra: wire::Extra::new() }
            }
        }
    };
}

call_id_only! {
    /// `StopCallRecording`: stops the recording of a leg for good and delivers the file.
    /// Parameter on the wire: `CallId` (required). Not needed at the end of a call.
    ///
    /// See [StopCallRecording](https://docs.aws.amazon.com/chime-sdk/latest/dg/stop-call-recording.html).
    ///
    /// ```
    /// let s: sma_core::action::StopCallRecording = serde_json::from_str(r#"{"CallId":"c"}"#).unwrap();
    /// assert_eq!(s.target.call_id().unwrap(), "c");
    /// ```
    StopCallRecording
}

call_id_only! {
    /// `PauseCallRecording`: records a tone, then silence, until resumed.
    /// Parameter on the wire: `CallId` (required).
    ///
    /// See [PauseCallRecording](https://docs.aws.amazon.com/chime-sdk/latest/dg/pause-call-recording.html).
    ///
    /// ```
    /// let s: sma_core::action::PauseCallRecording = serde_json::from_str(r#"{"CallId":"c"}"#).unwrap();
    /// assert_eq!(s.target.call_id().unwrap(), "c");
    /// ```
    PauseCallRecording
}

call_id_only! {
    /// `ResumeCallRecording`: records a short tone, then the call's audio again.
    /// Parameter on the wire: `CallId` (required).
    ///
    /// See [ResumeCallRecording](https://docs.aws.amazon.com/chime-sdk/latest/dg/resume-call-recording.html).
    ///
    /// ```
    /// let s: sma_core::action::ResumeCallRecording = serde_json::from_str(r#"{"CallId":"c"}"#).unwrap();
    /// assert_eq!(s.target.call_id().unwrap(), "c");
    /// ```
    ResumeCallRecording
}

impl StartCallRecording {
    /// Records `track` of the leg `target` to `location` (`bucket` or `bucket/prefix`).
    ///
    /// ```
    /// use sma_core::action::{StartCallRecording, Target, Track};
    /// let s = StartCallRecording::new(Target::call("c-1"), Track::Both, "recordings/support");
    /// assert_eq!(s.destination.unwrap().location.as_deref(), Some("recordings/support"));
    /// ```
    pub fn new(target: impl Into<Target>, track: Track, location: impl Into<Text>) -> Self {
        StartCallRecording {
            target: target.into(),
            track: Some(track),
            destination: Some(CallRecordingDestination {
                kind: Some(StorageType::S3),
                location: Some(location.into()),
                extra: wire::Extra::new(),
            }),
            extra: wire::Extra::new(),
        }
    }
}
