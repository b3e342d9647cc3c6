//! Actions that play, speak, listen or record on one leg.

use super::common::{
    AudioSource, CallId, DigitsRegex, DtmfKey, DtmfString, LegAddress, StorageType,
};
use crate::wire::{non_empty, open_enum, opt_bool, opt_int};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `Pause`: silence on a leg for a while. Interruptible by `UpdateSipMediaApplicationCall`.
///
/// Parameters on the wire: `CallId` / `ParticipantTag` (default the invoking leg) and
/// `DurationInMilliseconds` (required; 100–30000 per the troubleshooting table, docs send it as
/// a string). Error type: `InvalidActionParameter`.
///
/// See [Pause](https://docs.aws.amazon.com/chime-sdk/latest/dg/pause.html).
///
/// ```
/// let p: sma_core::action::Pause = serde_json::from_str(r#"{"DurationInMilliseconds":"3000"}"#).unwrap();
/// assert_eq!(p.duration_in_milliseconds, Some(3000));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Pause {
    /// `CallId` / `ParticipantTag`: the leg.
    #[serde(flatten)]
    pub target: LegAddress,
    /// `DurationInMilliseconds`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub duration_in_milliseconds: Option<u32>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `PlayAudio`: plays a WAV file from S3 on a leg. Interruptible.
///
/// Parameters on the wire: `CallId` / `ParticipantTag`, `PlaybackTerminators` (keys that stop
/// the playback), `Repeat` (> 0, default 1) and `AudioSource` (required). ACTION_SUCCESSFUL when
/// playback ends or a terminator is pressed. Error types: `InvalidAudioSource`,
/// `InvalidActionParameter`, `SystemException`.
///
/// See [PlayAudio](https://docs.aws.amazon.com/chime-sdk/latest/dg/play-audio.html).
///
/// ```
/// let p: sma_core::action::PlayAudio = serde_json::from_str(
///     r#"{"Repeat":"5","AudioSource":{"Type":"S3","BucketName":"b","Key":"k.wav"}}"#).unwrap();
/// assert_eq!(p.repeat, Some(5));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PlayAudio {
    /// `CallId` / `ParticipantTag`: the leg.
    #[serde(flatten)]
    pub target: LegAddress,
    /// `PlaybackTerminators`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub playback_terminators: Option<Vec<DtmfKey>>,
    /// `Repeat`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub repeat: Option<u32>,
    /// `AudioSource`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_source: Option<AudioSource>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `PlayAudioAndGetDigits`: plays a prompt and collects digits, replaying a failure prompt
/// between attempts. Not interruptible.
///
/// Parameters on the wire: `CallId` / `ParticipantTag`, `InputDigitsRegex`, `AudioSource`
/// (required), `FailureAudioSource` (required), `MinNumberOfDigits` (default 0),
/// `MaxNumberOfDigits` (default 128, > min), `TerminatorDigits` (default `["#"]`),
/// `InBetweenDigitsDurationInMilliseconds`, `Repeat` (attempts, default 1) and
/// `RepeatDurationInMilliseconds` (required, the wait per attempt).
///
/// ACTION_SUCCESSFUL carries `ReceivedDigits`; ACTION_FAILED when the attempts run out. Error
/// types: `InvalidAudioSource`, `InvalidActionParameter`, `SystemException`.
///
/// See [PlayAudioAndGetDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/play-audio-get-digits.html).
///
/// ```
/// let p: sma_core::action::PlayAudioAndGetDigits =
///     serde_json::from_str(r#"{"InputDigitsRegex":"^\\d{2}#$","RepeatDurationInMilliseconds":10000}"#).unwrap();
/// assert_eq!(p.digits.input_digits_regex.unwrap().as_str(), r"^\d{2}#$");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PlayAudioAndGetDigits {
    /// `CallId` / `ParticipantTag`: the leg.
    #[serde(flatten)]
    pub target: LegAddress,
    /// `AudioSource`: the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_source: Option<AudioSource>,
    /// `FailureAudioSource`: played after a failed attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_audio_source: Option<AudioSource>,
    /// The digit collection: `InputDigitsRegex`, `MinNumberOfDigits`, `MaxNumberOfDigits`,
    /// `TerminatorDigits`, `InBetweenDigitsDurationInMilliseconds`, `Repeat`,
    /// `RepeatDurationInMilliseconds`.
    #[serde(flatten)]
    pub digits: DigitCollection,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The digit-collection parameters that `PlayAudioAndGetDigits` and `SpeakAndGetDigits` share,
/// flattened into their `Parameters` on the wire: `InputDigitsRegex`, `MinNumberOfDigits`
/// (default 0), `MaxNumberOfDigits` (default 128), `TerminatorDigits` (default `["#"]`),
/// `InBetweenDigitsDurationInMilliseconds`, `Repeat` (attempts, default 1) and
/// `RepeatDurationInMilliseconds` (required: the wait per attempt).
///
/// See [PlayAudioAndGetDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/play-audio-get-digits.html).
///
/// ```
/// let d: sma_core::action::DigitCollection = serde_json::from_str(
///     r#"{"MinNumberOfDigits":"3","MaxNumberOfDigits":5,"RepeatDurationInMilliseconds":10000}"#).unwrap();
/// assert_eq!((d.min_number_of_digits, d.max_number_of_digits), (Some(3), Some(5)));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DigitCollection {
    /// `InputDigitsRegex`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_digits_regex: Option<DigitsRegex>,
    /// `MinNumberOfDigits`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub min_number_of_digits: Option<u32>,
    /// `MaxNumberOfDigits`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub max_number_of_digits: Option<u32>,
    /// `TerminatorDigits`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminator_digits: Option<Vec<DtmfKey>>,
    /// `InBetweenDigitsDurationInMilliseconds`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub in_between_digits_duration_in_milliseconds: Option<u32>,
    /// `Repeat`: the number of attempts.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub repeat: Option<u32>,
    /// `RepeatDurationInMilliseconds`: the wait per attempt.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub repeat_duration_in_milliseconds: Option<u32>,
}

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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReceiveDigits {
    /// `CallId` / `ParticipantTag`: the leg.
    #[serde(flatten)]
    pub target: LegAddress,
    /// `InputDigitsRegex`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_digits_regex: Option<DigitsRegex>,
    /// `InBetweenDigitsDurationInMilliseconds`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub in_between_digits_duration_in_milliseconds: Option<u32>,
    /// `FlushDigitsDurationInMilliseconds`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub flush_digits_duration_in_milliseconds: Option<u32>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RecordingDestination {
    /// `Type`: `S3`.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<StorageType>,
    /// `BucketName`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket_name: Option<String>,
    /// `Prefix`: key prefix (≤ 979 characters); the bucket root when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// `Key`: the recording's object key (events only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RecordAudio {
    /// `CallId` / `ParticipantTag`: the leg.
    #[serde(flatten)]
    pub target: LegAddress,
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
    pub recording_destination: Option<RecordingDestination>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SendDigits {
    /// `CallId`: the leg (required).
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    pub call_id: Option<CallId>,
    /// `Digits`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digits: Option<DtmfString>,
    /// `ToneDurationInMilliseconds`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub tone_duration_in_milliseconds: Option<u32>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

open_enum! {
    /// Amazon Polly engine: `Engine` of `Speak` and `SpeechParameters`.
    ///
    /// See [Speak](https://docs.aws.amazon.com/chime-sdk/latest/dg/speak.html).
    ///
    /// ```
    /// assert_eq!(sma_core::action::Engine::Neural.as_str(), "neural");
    /// ```
    pub enum Engine {
        /// `"standard"` (the default).
        Standard = "standard",
        /// `"neural"`.
        Neural = "neural",
    }
}

open_enum! {
    /// How `Text` is read: `TextType` of `Speak` and `SpeechParameters`.
    ///
    /// See [Speak](https://docs.aws.amazon.com/chime-sdk/latest/dg/speak.html).
    ///
    /// ```
    /// assert_eq!(sma_core::action::TextType::Ssml.as_str(), "ssml");
    /// ```
    pub enum TextType {
        /// `"text"`: plain text (the default).
        Text = "text",
        /// `"ssml"`: SSML markup.
        Ssml = "ssml",
    }
}

/// `Speak`: reads text aloud on a leg with Amazon Polly.
///
/// Parameters on the wire: `CallId` (required), `Text` (required, ≤ 1,000 characters), `Engine`,
/// `LanguageCode`, `TextType` and `VoiceId` (default `Joanna`). Error types: `AccessDenied`,
/// `InvalidActionParameter`, `ActionExecutionThrottled`, `MissingRequiredActionParameter`,
/// `SystemException`.
///
/// See [Speak](https://docs.aws.amazon.com/chime-sdk/latest/dg/speak.html).
///
/// ```
/// let s: sma_core::action::Speak = serde_json::from_str(r#"{"CallId":"c","Text":"Hello"}"#).unwrap();
/// assert_eq!(s.text.as_deref(), Some("Hello"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Speak {
    /// `CallId`: the leg (required).
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    pub call_id: Option<CallId>,
    /// `Text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `Engine`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<Engine>,
    /// `LanguageCode`, e.g. `en-US`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language_code: Option<String>,
    /// `TextType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_type: Option<TextType>,
    /// `VoiceId`, e.g. `Joanna`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice_id: Option<String>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `SpeechParameters` / `FailureSpeechParameters` of `SpeakAndGetDigits`:
/// `{Text, Engine?, LanguageCode?, TextType?, VoiceId?}`, read as in [`Speak`].
///
/// See [SpeakAndGetDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/speak-and-get-digits.html).
///
/// ```
/// let p: sma_core::action::SpeechParameters = serde_json::from_str(r#"{"Text":"Hi","Engine":"neural"}"#).unwrap();
/// assert_eq!(p.engine, Some(sma_core::action::Engine::Neural));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SpeechParameters {
    /// `Text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `Engine`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<Engine>,
    /// `LanguageCode`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language_code: Option<String>,
    /// `TextType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_type: Option<TextType>,
    /// `VoiceId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice_id: Option<String>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `SpeakAndGetDigits`: speaks a prompt and collects digits, speaking a failure prompt between
/// attempts.
///
/// Parameters on the wire: `CallId` (required), `InputDigitsRegex`, `SpeechParameters`
/// (required), `FailureSpeechParameters` (required), `MinNumberOfDigits`, `MaxNumberOfDigits`,
/// `TerminatorDigits`, `InBetweenDigitsDurationInMilliseconds`, `Repeat` and
/// `RepeatDurationInMilliseconds` (required), as in [`PlayAudioAndGetDigits`].
///
/// ACTION_SUCCESSFUL carries `ReceivedDigits`. Error types: `AccessDenied`,
/// `InvalidActionParameter`, `MissingRequiredActionParameter`, `SystemException`.
///
/// See [SpeakAndGetDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/speak-and-get-digits.html).
///
/// ```
/// let s: sma_core::action::SpeakAndGetDigits = serde_json::from_str(
///     r#"{"CallId":"c","SpeechParameters":{"Text":"Press 1"},"RepeatDurationInMilliseconds":"5000"}"#).unwrap();
/// assert_eq!(s.digits.repeat_duration_in_milliseconds, Some(5000));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SpeakAndGetDigits {
    /// `CallId`: the leg (required).
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    pub call_id: Option<CallId>,
    /// `SpeechParameters`: the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech_parameters: Option<SpeechParameters>,
    /// `FailureSpeechParameters`: spoken after a failed attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_speech_parameters: Option<SpeechParameters>,
    /// The digit collection: `InputDigitsRegex`, `MinNumberOfDigits`, `MaxNumberOfDigits`,
    /// `TerminatorDigits`, `InBetweenDigitsDurationInMilliseconds`, `Repeat`,
    /// `RepeatDurationInMilliseconds`.
    #[serde(flatten)]
    pub digits: DigitCollection,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `VoiceFocus`: turns Amazon Voice Focus noise reduction on or off for a leg.
///
/// Parameters on the wire: `Enable` (required boolean; docs print `True`) and `CallId`
/// (required). Error types: `ActionExecutionThrottled`, `MissingRequiredActionParameter`,
/// `SystemException`.
///
/// See [VoiceFocus](https://docs.aws.amazon.com/chime-sdk/latest/dg/voice-focus.html).
///
/// ```
/// let v: sma_core::action::VoiceFocus = serde_json::from_str(r#"{"Enable":"True","CallId":"c"}"#).unwrap();
/// assert_eq!(v.enable, Some(true));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VoiceFocus {
    /// `Enable`.
    #[serde(default, deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// `CallId`: the leg (required).
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    pub call_id: Option<CallId>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
