//! `RecordAudio`: recording what the caller says to S3.

use super::{DtmfKey, StorageType, Target, secs};
use crate::contract::text::Text;
use crate::contract::wire; // the support `DeserializeWire` expands to
use crate::contract::wire::opt_int;
use serde::Serialize;
use sma_macros::DeserializeWire;
use std::time::Duration;

/// `RecordingDestination` of `RecordAudio`: `{"Type":"S3","BucketName":…,"Prefix"?:…}`. In the
/// ACTION_SUCCESSFUL event the same object comes back with the object `Key`.
///
/// See [RecordAudio](https://docs.aws.amazon.com/chime-sdk/latest/dg/record-audio.html).
///
/// ```
/// let d: sma_core::action::RecordingDestination = serde_json::from_str(
///     r#"{"Type":"S3","BucketName":"b","Key":"k.wav"}"#).unwrap();
/// assert_eq!(d.key.as_deref(), Some("k.wav"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct RecordingDestination {
    /// `Type`: `S3`.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<StorageType>,
    /// `BucketName`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket_name: Option<Text>,
    /// `Prefix`: key prefix (≤ 979 characters); the bucket root when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Text>,
    /// `Key`: the recording's object key (events only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<Text>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

/// `RecordAudio`: records what the caller says on a leg to S3. Interruptible.
///
/// Parameters on the wire: `CallId` / `ParticipantTag` (not both), `RecordingDestination`
/// (required), `DurationInSeconds` (> 0), `SilenceDurationInSeconds` (1–1000),
/// `SilenceThreshold` (1–1000, default 200) and `RecordingTerminators` (required).
///
/// ACTION_SUCCESSFUL carries `RecordingDestination` (with `Key`) and `RecordingTerminatorUsed`.
/// Error types: `InvalidActionParameter`, `SystemException`.
///
/// See [RecordAudio](https://docs.aws.amazon.com/chime-sdk/latest/dg/record-audio.html).
///
/// ```
/// let r: sma_core::action::RecordAudio = serde_json::from_str(
///     r##"{"DurationInSeconds":"10","RecordingTerminators":["#"],"RecordingDestination":{"Type":"S3","BucketName":"b"}}"##).unwrap();
/// assert_eq!(r.duration_in_seconds, Some(10));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct RecordAudio {
    /// `CallId` / `ParticipantTag`: the leg.
    #[serde(flatten)]
    pub target: Target,
    /// `DurationInSeconds`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub duration_in_seconds: Option<u32>,
    /// `SilenceDurationInSeconds`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub silence_duration_in_seconds: Option<u32>,
    /// `SilenceThreshold`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub silence_threshold: Option<u32>,
    /// `RecordingTerminators`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording_terminators: Option<Vec<DtmfKey>>,
    /// `RecordingDestination`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub recording_destination: Option<RecordingDestination>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl RecordAudio {
    /// Records the invoking leg into `bucket`, stopped by `#`.
    ///
    /// ```
    /// use sma_core::action::RecordAudio;
    /// let r = RecordAudio::new("voicemail").prefix("box-1").max_duration(std::time::Duration::from_secs(60));
    /// assert_eq!(r.duration_in_seconds, Some(60));
    /// ```
    pub fn new(bucket: impl Into<Text>) -> Self {
        RecordAudio {
            recording_terminators: Some(vec![DtmfKey::Pound]),
            recording_destination: Some(RecordingDestination {
                kind: Some(StorageType::S3),
                bucket_name: Some(bucket.into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    /// `RecordingDestination.Prefix`.
    pub fn prefix(mut self, prefix: impl Into<Text>) -> Self {
        self.recording_destination.get_or_insert_with(Default::default).prefix =
            Some(prefix.into());
        self
    }

    /// `DurationInSeconds`.
    pub fn max_duration(mut self, d: Duration) -> Self {
        self.duration_in_seconds = Some(secs(d));
        self
    }

    /// `SilenceDurationInSeconds` and `SilenceThreshold` (1–1000 each).
    pub fn stop_on_silence(mut self, silence: Duration, threshold: u32) -> Self {
        self.silence_duration_in_seconds = Some(secs(silence));
        self.silence_threshold = Some(threshold);
        self
    }

    /// `RecordingTerminators`.
    pub fn terminators(mut self, keys: impl IntoIterator<Item = DtmfKey>) -> Self {
        self.recording_terminators = Some(keys.into_iter().collect());
        self
    }
}
