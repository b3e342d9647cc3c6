//! Actions that speak with Amazon Polly, and Amazon Voice Focus.

use super::play::digit_setters;
use super::{Checked, DigitCollection, DigitsRegex, DtmfKey, Target, millis};
use crate::contract::text::Text;
use crate::contract::wire; // the support `DeserializeWire` expands to
use crate::contract::wire::{open_enum, opt_bool};
use serde::Serialize;
use sma_macros::DeserializeWire;
use std::time::Duration;

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

/// Declares a struct that speaks with Polly: its own leading fields, then the Polly fields
/// `Speak` and `SpeechParameters` share (written once, here), then the unknown ones.
macro_rules! speech_struct {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
        #[serde(rename_all = "PascalCase")]
        #[non_exhaustive]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            /// `Text`: plain text or SSML (`TextType`), at most 1,000 characters.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub text: Option<Text>,
            /// `Engine`: `standard` (the default) or `neural`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub engine: Option<Engine>,
            /// `LanguageCode`, e.g. `en-US`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub language_code: Option<Text>,
            /// `TextType`: `text` (the default) or `ssml`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub text_type: Option<TextType>,
            /// `VoiceId`, e.g. `Joanna` (the default).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub voice_id: Option<Text>,
            /// Parameters this version does not know, kept as received.
            #[serde(flatten)]
            pub extra: wire::Extra,
        }
    };
}

speech_struct! {
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
    pub struct Speak {
        /// `CallId`: the leg (required).
        #[serde(flatten)]
        pub target: Target,
    }
}

impl Speak {
    /// Speaks `text` (≤ 1,000 characters) on the leg `target` (its `CallId`, which the
    /// documents require).
    ///
    /// ```
    /// use sma_core::action::{Engine, Speak, Target};
    /// let s = Speak::new(Target::call("c-1"), "Hello").engine(Engine::Neural).voice("Joanna");
    /// assert_eq!(s.voice_id.as_deref(), Some("Joanna"));
    /// ```
    pub fn new(target: impl Into<Target>, text: impl Into<Text>) -> Self {
        Speak { target: target.into(), text: Some(text.into()), ..Default::default() }
    }
}

speech_struct! {
    /// `SpeechParameters` / `FailureSpeechParameters` of `SpeakAndGetDigits`:
    /// `{Text, Engine?, LanguageCode?, TextType?, VoiceId?}`, read as in [`Speak`].
    ///
    /// See [SpeakAndGetDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/speak-and-get-digits.html).
    ///
    /// ```
    /// let p: sma_core::action::SpeechParameters = serde_json::from_str(r#"{"Text":"Hi","Engine":"neural"}"#).unwrap();
    /// assert_eq!(p.engine, Some(sma_core::action::Engine::Neural));
    /// ```
    pub struct SpeechParameters {}
}

impl SpeechParameters {
    /// Speech parameters for `text`.
    ///
    /// ```
    /// let p = sma_core::action::SpeechParameters::new("Hi").language("en-GB");
    /// assert_eq!(p.language_code.as_deref(), Some("en-GB"));
    /// ```
    pub fn new(text: impl Into<Text>) -> Self {
        SpeechParameters { text: Some(text.into()), ..Default::default() }
    }
}

impl From<&str> for SpeechParameters {
    fn from(text: &str) -> Self {
        SpeechParameters::new(text)
    }
}

impl From<String> for SpeechParameters {
    fn from(text: String) -> Self {
        SpeechParameters::new(text)
    }
}

/// A prompt kept as a [`Text`]: a `const` one is used without a copy on each invocation.
///
/// ```
/// use sma_core::action::SpeechParameters;
/// use sma_core::text::Text;
/// const MENU: Text = Text::from_static("Press 1 for sales.");
/// assert_eq!(SpeechParameters::from(MENU).text.as_deref(), Some("Press 1 for sales."));
/// ```
impl From<Text> for SpeechParameters {
    fn from(text: Text) -> Self {
        SpeechParameters::new(text)
    }
}

/// Setters shared by `Speak` and `SpeechParameters`.
macro_rules! voice_setters {
    ($t:ty) => {
        impl $t {
            /// `Engine`.
            pub fn engine(mut self, engine: Engine) -> Self {
                self.engine = Some(engine);
                self
            }
            /// `LanguageCode`, e.g. `en-US`.
            pub fn language(mut self, code: impl Into<Text>) -> Self {
                self.language_code = Some(code.into());
                self
            }
            /// `VoiceId`, e.g. `Joanna`.
            pub fn voice(mut self, voice: impl Into<Text>) -> Self {
                self.voice_id = Some(voice.into());
                self
            }
            /// `TextType: ssml`: the text is SSML.
            pub fn ssml(mut self) -> Self {
                self.text_type = Some(TextType::Ssml);
                self
            }
            /// `TextType`, written out (`text` is the default).
            pub fn text_type(mut self, text_type: TextType) -> Self {
                self.text_type = Some(text_type);
                self
            }
        }
    };
}

voice_setters!(Speak);
voice_setters!(SpeechParameters);

/// `SpeakAndGetDigits`: speaks a prompt and collects digits, speaking a failure prompt between
/// attempts.
///
/// Parameters on the wire: `CallId` (required), `InputDigitsRegex`, `SpeechParameters`
/// (required), `FailureSpeechParameters` (required), `MinNumberOfDigits`, `MaxNumberOfDigits`,
/// `TerminatorDigits`, `InBetweenDigitsDurationInMilliseconds`, `Repeat` and
/// `RepeatDurationInMilliseconds` (required), as in
/// [`PlayAudioAndGetDigits`](super::PlayAudioAndGetDigits).
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct SpeakAndGetDigits {
    /// `CallId`: the leg (required).
    #[serde(flatten)]
    pub target: Target,
    /// `SpeechParameters`: the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub speech_parameters: Option<SpeechParameters>,
    /// `FailureSpeechParameters`: spoken after a failed attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub failure_speech_parameters: Option<SpeechParameters>,
    /// The digit collection: `InputDigitsRegex`, `MinNumberOfDigits`, `MaxNumberOfDigits`,
    /// `TerminatorDigits`, `InBetweenDigitsDurationInMilliseconds`, `Repeat`,
    /// `RepeatDurationInMilliseconds`.
    #[serde(flatten)]
    pub digits: DigitCollection,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl SpeakAndGetDigits {
    /// Speaks `prompt` and collects digits on the leg `target`, speaking `failure` after a
    /// failed attempt; each attempt waits 5 s unless [`attempt_timeout`](Self::attempt_timeout)
    /// says otherwise.
    ///
    /// ```
    /// use sma_core::action::{SpeakAndGetDigits, Target};
    /// use sma_core::regex;
    /// let s = SpeakAndGetDigits::new(Target::call("c-1"), "Press 1 or 2.", "Sorry?").input_regex(regex!("^[12]$"));
    /// assert_eq!(s.speech_parameters.unwrap().text.as_deref(), Some("Press 1 or 2."));
    /// ```
    pub fn new(
        target: impl Into<Target>,
        prompt: impl Into<SpeechParameters>,
        failure: impl Into<SpeechParameters>,
    ) -> Self {
        SpeakAndGetDigits {
            target: target.into(),
            speech_parameters: Some(prompt.into()),
            failure_speech_parameters: Some(failure.into()),
            digits: DigitCollection::default_attempt(),
            extra: wire::Extra::new(),
        }
    }
}

digit_setters!(SpeakAndGetDigits);

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
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct VoiceFocus {
    /// `Enable`.
    #[serde(default, deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// `CallId`: the leg (required).
    #[serde(flatten)]
    pub target: Target,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl VoiceFocus {
    /// Turns Voice Focus on or off for the leg `target`.
    ///
    /// ```
    /// use sma_core::action::{Target, VoiceFocus};
    /// let v = VoiceFocus::new(Target::call("c-1"), true);
    /// assert_eq!(v.enable, Some(true));
    /// ```
    pub fn new(target: impl Into<Target>, enable: bool) -> Self {
        VoiceFocus { enable: Some(enable), target: target.into(), extra: wire::Extra::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_and_voice_setters() {
        let s = SpeakAndGetDigits::new(Target::call("c"), "a", SpeechParameters::new("b").ssml())
            .min_digits(1)
            .max_digits(2)
            .terminators([DtmfKey::Star])
            .attempts(3)
            .in_between_digits(Duration::from_millis(700));
        assert_eq!(s.digits.max_number_of_digits, Some(2));
        assert_eq!(s.digits.in_between_digits_duration_in_milliseconds, Some(700));
        assert_eq!(s.failure_speech_parameters.and_then(|p| p.text_type), Some(TextType::Ssml));
    }
}
