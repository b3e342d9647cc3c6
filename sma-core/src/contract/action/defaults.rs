//! The values the service uses for parameters a response leaves out, as the action pages
//! document them: written once, read by the call simulator and by replay.

/// `CallAndBridge.CallTimeoutSeconds` (CallAndBridge page).
pub const CALL_TIMEOUT_SECONDS: u32 = 30;
/// `MaxNumberOfDigits` of the `*GetDigits` actions.
pub const MAX_NUMBER_OF_DIGITS: u32 = 128;
/// `MinNumberOfDigits` of the `*GetDigits` actions.
pub const MIN_NUMBER_OF_DIGITS: u32 = 0;
/// `Repeat` of PlayAudio and of the `*GetDigits` actions.
pub const REPEAT: u32 = 1;
/// `SendDigits.ToneDurationInMilliseconds`.
pub const TONE_DURATION_MS: u32 = 250;
/// `Hangup.SipResponseCode`: normal clearing.
pub const SIP_RESPONSE_CODE: u16 = 0;

/// A parameter left out takes its documented default: `(action, parameter, default as JSON)`.
/// Replay compares answers after applying it, so that `"CallTimeoutSeconds": 30` and no
/// `CallTimeoutSeconds` are the same answer.
///
/// See [CallAndBridge](https://docs.aws.amazon.com/chime-sdk/latest/dg/call-and-bridge.html)
/// and the other action pages.
///
/// ```
/// use sma_core::action::defaults::DOCUMENTED;
/// assert!(DOCUMENTED.contains(&("CallAndBridge", "CallTimeoutSeconds", "30")));
/// ```
pub const DOCUMENTED: &[(&str, &str, &str)] = &[
    ("CallAndBridge", "CallTimeoutSeconds", "30"),
    ("Hangup", "SipResponseCode", "0"),
    ("PlayAudio", "Repeat", "1"),
    ("PlayAudioAndGetDigits", "Repeat", "1"),
    ("PlayAudioAndGetDigits", "MinNumberOfDigits", "0"),
    ("PlayAudioAndGetDigits", "MaxNumberOfDigits", "128"),
    ("PlayAudioAndGetDigits", "TerminatorDigits", r##"["#"]"##),
    ("SpeakAndGetDigits", "Repeat", "1"),
    ("SpeakAndGetDigits", "MinNumberOfDigits", "0"),
    ("SpeakAndGetDigits", "MaxNumberOfDigits", "128"),
    ("SpeakAndGetDigits", "TerminatorDigits", r##"["#"]"##),
    ("SendDigits", "ToneDurationInMilliseconds", "250"),
    ("Speak", "Engine", r#""standard""#),
    ("Speak", "TextType", r#""text""#),
    ("Speak", "VoiceId", r#""Joanna""#),
    ("StartBotConversation", "LocaleId", r#""en_US""#),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_agrees_with_the_constants_and_is_json() {
        for (_, _, value) in DOCUMENTED {
            assert!(serde_json::from_str::<serde_json::Value>(value).is_ok(), "{value}");
        }
        let has = |a, p, v: String| DOCUMENTED.contains(&(a, p, v.as_str()));
        assert!(has("CallAndBridge", "CallTimeoutSeconds", CALL_TIMEOUT_SECONDS.to_string()));
        assert!(has("SpeakAndGetDigits", "MaxNumberOfDigits", MAX_NUMBER_OF_DIGITS.to_string()));
        assert!(has("SpeakAndGetDigits", "MinNumberOfDigits", MIN_NUMBER_OF_DIGITS.to_string()));
        assert!(has("PlayAudio", "Repeat", REPEAT.to_string()));
        assert!(has("SendDigits", "ToneDurationInMilliseconds", TONE_DURATION_MS.to_string()));
        assert!(has("Hangup", "SipResponseCode", SIP_RESPONSE_CODE.to_string()));
    }
}
