//! Actions that play audio or wait on one leg, and the digit collection of the `*GetDigits`
//! actions.

use super::{AudioSource, Checked, DigitsRegex, DtmfKey, Target, millis};
use crate::contract::wire; // the support `DeserializeWire` expands to
use crate::contract::wire::{opt_as_received, opt_int};
use serde::Serialize;
use sma_macros::DeserializeWire;
use std::time::Duration;

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
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Pause {
    /// `CallId` / `ParticipantTag`: the leg.
    #[serde(flatten)]
    pub target: Target,
    /// `DurationInMilliseconds`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub duration_in_milliseconds: Option<u32>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl Pause {
    /// Pauses the invoking leg for `duration` (100 ms – 30 s).
    ///
    /// ```
    /// let p = sma_core::action::Pause::new(std::time::Duration::from_millis(1500));
    /// assert_eq!(p.duration_in_milliseconds, Some(1500));
    /// ```
    pub fn new(duration: Duration) -> Self {
        Pause { duration_in_milliseconds: Some(millis(duration)), ..Default::default() }
    }
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct PlayAudio {
    /// `CallId` / `ParticipantTag`: the leg.
    #[serde(flatten)]
    pub target: Target,
    /// `PlaybackTerminators`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub playback_terminators: Option<Vec<DtmfKey>>,
    /// `Repeat`.
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub repeat: Option<u32>,
    /// `AudioSource`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub audio_source: Option<AudioSource>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl PlayAudio {
    /// Plays `audio` on the invoking leg.
    ///
    /// ```
    /// use sma_core::action::{AudioSource, DtmfKey, PlayAudio};
    /// let p = PlayAudio::new(AudioSource::s3("audio-bucket", "k.wav")).repeat(2).terminators([DtmfKey::Pound]);
    /// assert_eq!(p.repeat, Some(2));
    /// ```
    pub fn new(audio: AudioSource) -> Self {
        PlayAudio { audio_source: Some(audio), ..Default::default() }
    }

    /// `Repeat` (> 0).
    pub fn repeat(mut self, times: u32) -> Self {
        self.repeat = Some(times);
        self
    }

    /// `PlaybackTerminators`.
    pub fn terminators(mut self, keys: impl IntoIterator<Item = DtmfKey>) -> Self {
        self.playback_terminators = Some(keys.into_iter().collect());
        self
    }
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct PlayAudioAndGetDigits {
    /// `CallId` / `ParticipantTag`: the leg.
    #[serde(flatten)]
    pub target: Target,
    /// `AudioSource`: the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub audio_source: Option<AudioSource>,
    /// `FailureAudioSource`: played after a failed attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub failure_audio_source: Option<AudioSource>,
    /// The digit collection: `InputDigitsRegex`, `MinNumberOfDigits`, `MaxNumberOfDigits`,
    /// `TerminatorDigits`, `InBetweenDigitsDurationInMilliseconds`, `Repeat`,
    /// `RepeatDurationInMilliseconds`.
    #[serde(flatten)]
    pub digits: DigitCollection,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl PlayAudioAndGetDigits {
    /// Plays `prompt` and collects digits on the invoking leg, playing `failure` after a failed
    /// attempt; each attempt waits 5 s unless [`attempt_timeout`](Self::attempt_timeout) says
    /// otherwise.
    ///
    /// ```
    /// use sma_core::action::{AudioSource, PlayAudioAndGetDigits};
    /// let p = PlayAudioAndGetDigits::new(AudioSource::s3("audio-bucket", "pin.wav"), AudioSource::s3("audio-bucket", "again.wav"))
    ///     .min_digits(4).max_digits(4);
    /// assert_eq!(p.digits.repeat_duration_in_milliseconds, Some(5000));
    /// ```
    pub fn new(prompt: AudioSource, failure: AudioSource) -> Self {
        PlayAudioAndGetDigits {
            audio_source: Some(prompt),
            failure_audio_source: Some(failure),
            digits: DigitCollection::default_attempt(),
            ..Default::default()
        }
    }
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct DigitCollection {
    /// `InputDigitsRegex`.
    #[serde(
        default,
        deserialize_with = "opt_as_received",
        skip_serializing_if = "Option::is_none"
    )]
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

impl DigitCollection {
    /// One attempt of 5 s, the builders' starting point.
    pub(crate) fn default_attempt() -> Self {
        DigitCollection { repeat_duration_in_milliseconds: Some(5000), ..Default::default() }
    }
}

/// Setters shared by the two `*GetDigits` actions, on their [`DigitCollection`].
macro_rules! digit_setters {
    ($t:ty) => {
        impl $t {
            /// `InputDigitsRegex`: from `regex!(..)` or `DigitsRegex::parse(..)?`.
            pub fn input_regex(mut self, regex: impl Checked<DigitsRegex>) -> Self {
                self.digits.input_digits_regex = Some(regex.into_checked());
                self
            }
            /// `MinNumberOfDigits`.
            pub fn min_digits(mut self, n: u32) -> Self {
                self.digits.min_number_of_digits = Some(n);
                self
            }
            /// `MaxNumberOfDigits`.
            pub fn max_digits(mut self, n: u32) -> Self {
                self.digits.max_number_of_digits = Some(n);
                self
            }
            /// `TerminatorDigits`.
            pub fn terminators(mut self, keys: impl IntoIterator<Item = DtmfKey>) -> Self {
                self.digits.terminator_digits = Some(keys.into_iter().collect());
                self
            }
            /// `InBetweenDigitsDurationInMilliseconds`.
            pub fn in_between_digits(mut self, d: Duration) -> Self {
                self.digits.in_between_digits_duration_in_milliseconds = Some(millis(d));
                self
            }
            /// `Repeat`: the number of attempts.
            pub fn attempts(mut self, n: u32) -> Self {
                self.digits.repeat = Some(n);
                self
            }
            /// `RepeatDurationInMilliseconds`: the wait per attempt.
            pub fn attempt_timeout(mut self, d: Duration) -> Self {
                self.digits.repeat_duration_in_milliseconds = Some(millis(d));
                self
            }
        }
    };
}

pub(crate) use digit_setters;

digit_setters!(PlayAudioAndGetDigits);
