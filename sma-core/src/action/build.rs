//! Builders: a constructor with the required parameters of each action, chained setters for the
//! optional ones, and helpers on [`Leg`] that fill in the leg's `CallId`.

use super::*;
use crate::extract::Leg;
use std::time::Duration;

fn millis(d: Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}

/// An empty `CallId` means "not given" (AWS samples send `""`); `sma` never writes one.
fn id(call_id: impl Into<CallId>) -> Option<CallId> {
    Some(call_id.into()).filter(|id| !id.as_str().is_empty())
}

fn secs(d: Duration) -> u32 {
    u32::try_from(d.as_secs()).unwrap_or(u32::MAX)
}

impl CallAndBridge {
    /// Bridges to a phone number: `BridgeEndpointType: PSTN`, `Uri` = `number`,
    /// `CallerIdNumber` = `caller_id` (owned by the account, or LEG-A's `From`).
    ///
    /// ```
    /// use sma_core::action::{CallAndBridge, E164};
    /// let b = CallAndBridge::to_pstn(E164::from("+12065550100"), E164::from("+12065550101"))
    ///     .timeout(std::time::Duration::from_secs(20));
    /// assert_eq!(b.call_timeout_seconds, Some(20));
    /// ```
    pub fn to_pstn(caller_id: E164, number: E164) -> Self {
        CallAndBridge {
            caller_id_number: Some(caller_id),
            endpoints: Some(vec![Endpoint {
                bridge_endpoint_type: Some(BridgeEndpointType::Pstn),
                arn: None,
                uri: Some(number.into_string()),
                extra: Map::new(),
            }]),
            ..Default::default()
        }
    }

    /// Bridges to a Voice Connector (group): `BridgeEndpointType: AWS`, its `Arn`, and `uri`
    /// as the user part of the Request-URI (1–36 characters).
    pub fn to_voice_connector(
        caller_id: E164,
        arn: impl Into<String>,
        uri: impl Into<String>,
    ) -> Self {
        CallAndBridge {
            caller_id_number: Some(caller_id),
            endpoints: Some(vec![Endpoint {
                bridge_endpoint_type: Some(BridgeEndpointType::Aws),
                arn: Some(arn.into()),
                uri: Some(uri.into()),
                extra: Map::new(),
            }]),
            ..Default::default()
        }
    }

    /// `CallTimeoutSeconds` (1–120; whole seconds).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.call_timeout_seconds = Some(secs(timeout));
        self
    }

    /// `RingbackTone`, looped to LEG-A while LEG-B rings.
    pub fn ringback(mut self, audio: AudioSource) -> Self {
        self.ringback_tone = Some(audio);
        self
    }

    /// Adds a SIP header sent to LEG-B.
    pub fn sip_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.sip_headers.get_or_insert_with(SipHeaders::new).insert(name.into(), value.into());
        self
    }
}

impl Hangup {
    /// Hangs up the leg at `target` with SIP code 0.
    ///
    /// ```
    /// use sma_core::action::{Hangup, LegAddress, SipResponseCode};
    /// let h = Hangup::new(LegAddress::call("c-1")).code(SipResponseCode::Busy);
    /// assert_eq!(h.sip_response_code, Some(SipResponseCode::Busy));
    /// ```
    pub fn new(target: LegAddress) -> Self {
        Hangup {
            target,
            sip_response_code: Some(SipResponseCode::NormalClearing),
            extra: Map::new(),
        }
    }

    /// `SipResponseCode`.
    pub fn code(mut self, code: SipResponseCode) -> Self {
        self.sip_response_code = Some(code);
        self
    }
}

impl JoinChimeMeeting {
    /// Joins LEG-A to a meeting with an attendee's `JoinToken`.
    ///
    /// ```
    /// let j = sma_core::action::JoinChimeMeeting::new("token").meeting_id("m-1");
    /// assert_eq!(j.meeting_id.as_deref(), Some("m-1"));
    /// ```
    pub fn new(join_token: impl Into<String>) -> Self {
        JoinChimeMeeting { join_token: Some(join_token.into()), ..Default::default() }
    }

    /// `MeetingId` (required for `chime-sdk-meetings` meetings).
    pub fn meeting_id(mut self, id: impl Into<String>) -> Self {
        self.meeting_id = Some(id.into());
        self
    }

    /// Addresses LEG-A by `CallId` (LEG-A is the only leg allowed).
    pub fn on(mut self, leg_a: LegAddress) -> Self {
        self.target = leg_a;
        self
    }
}

impl ModifyChimeMeetingAttendees {
    /// Mutes or unmutes `attendees` (1–100) of `meeting_id`, acting on the meeting leg.
    ///
    /// ```
    /// use sma_core::action::{MeetingOperation, ModifyChimeMeetingAttendees};
    /// let m = ModifyChimeMeetingAttendees::new(MeetingOperation::Mute, "m-1", ["a-1"]);
    /// assert_eq!(m.attendee_list, Some(vec!["a-1".to_string()]));
    /// ```
    pub fn new<I, S>(
        operation: MeetingOperation,
        meeting_id: impl Into<String>,
        attendees: I,
    ) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        ModifyChimeMeetingAttendees {
            operation: Some(operation),
            meeting_id: Some(meeting_id.into()),
            target: LegAddress::tag(ParticipantTag::LegB),
            attendee_list: Some(attendees.into_iter().map(Into::into).collect()),
            extra: Map::new(),
        }
    }

    /// Addresses the meeting leg explicitly (default: `ParticipantTag: LEG-B`).
    pub fn on(mut self, meeting_leg: LegAddress) -> Self {
        self.target = meeting_leg;
        self
    }
}

impl Pause {
    /// Pauses the leg at `target` for `duration` (100 ms – 30 s).
    ///
    /// ```
    /// use sma_core::action::{LegAddress, Pause};
    /// let p = Pause::new(LegAddress::default(), std::time::Duration::from_millis(1500));
    /// assert_eq!(p.duration_in_milliseconds, Some(1500));
    /// ```
    pub fn new(target: LegAddress, duration: Duration) -> Self {
        Pause { target, duration_in_milliseconds: Some(millis(duration)), extra: Map::new() }
    }
}

impl PlayAudio {
    /// Plays `audio` on the leg at `target`.
    ///
    /// ```
    /// use sma_core::action::{AudioSource, DtmfKey, LegAddress, PlayAudio};
    /// let p = PlayAudio::new(LegAddress::default(), AudioSource::s3("b", "k.wav")).repeat(2).terminators([DtmfKey::Pound]);
    /// assert_eq!(p.repeat, Some(2));
    /// ```
    pub fn new(target: LegAddress, audio: AudioSource) -> Self {
        PlayAudio { target, audio_source: Some(audio), ..Default::default() }
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

/// Setters shared by the two `*GetDigits` actions, on their [`DigitCollection`].
macro_rules! digit_setters {
    ($t:ty) => {
        impl $t {
            /// `InputDigitsRegex`.
            pub fn input_regex(mut self, regex: impl Into<DigitsRegex>) -> Self {
                self.digits.input_digits_regex = Some(regex.into());
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

digit_setters!(PlayAudioAndGetDigits);
digit_setters!(SpeakAndGetDigits);

impl PlayAudioAndGetDigits {
    /// Plays `prompt` and collects digits on the leg at `target`, playing `failure` after a
    /// failed attempt; each attempt waits 5 s unless [`attempt_timeout`](Self::attempt_timeout)
    /// says otherwise.
    ///
    /// ```
    /// use sma_core::action::{AudioSource, LegAddress, PlayAudioAndGetDigits};
    /// let p = PlayAudioAndGetDigits::new(LegAddress::default(), AudioSource::s3("b", "pin.wav"), AudioSource::s3("b", "again.wav"))
    ///     .min_digits(4).max_digits(4);
    /// assert_eq!(p.digits.repeat_duration_in_milliseconds, Some(5000));
    /// ```
    pub fn new(target: LegAddress, prompt: AudioSource, failure: AudioSource) -> Self {
        PlayAudioAndGetDigits {
            target,
            audio_source: Some(prompt),
            failure_audio_source: Some(failure),
            digits: DigitCollection {
                repeat_duration_in_milliseconds: Some(5000),
                ..Default::default()
            },
            ..Default::default()
        }
    }
}

impl SpeakAndGetDigits {
    /// Speaks `prompt` and collects digits on leg `call_id`, speaking `failure` after a failed
    /// attempt; each attempt waits 5 s unless [`attempt_timeout`](Self::attempt_timeout) says
    /// otherwise.
    ///
    /// ```
    /// use sma_core::action::SpeakAndGetDigits;
    /// let s = SpeakAndGetDigits::new("c-1", "Press 1 or 2.", "Sorry?").input_regex("^[12]$");
    /// assert_eq!(s.speech_parameters.unwrap().text.as_deref(), Some("Press 1 or 2."));
    /// ```
    pub fn new(
        call_id: impl Into<CallId>,
        prompt: impl Into<SpeechParameters>,
        failure: impl Into<SpeechParameters>,
    ) -> Self {
        SpeakAndGetDigits {
            call_id: id(call_id),
            speech_parameters: Some(prompt.into()),
            failure_speech_parameters: Some(failure.into()),
            digits: DigitCollection {
                repeat_duration_in_milliseconds: Some(5000),
                ..Default::default()
            },
            ..Default::default()
        }
    }
}

impl From<&str> for SpeechParameters {
    fn from(text: &str) -> Self {
        SpeechParameters { text: Some(text.to_owned()), ..Default::default() }
    }
}

impl From<String> for SpeechParameters {
    fn from(text: String) -> Self {
        SpeechParameters { text: Some(text), ..Default::default() }
    }
}

impl ReceiveDigits {
    /// Listens on the leg at `target` for digits matching `regex`, matching after
    /// `in_between` of silence and flushing the buffer after `flush` (> `in_between`).
    ///
    /// ```
    /// use sma_core::action::{LegAddress, ReceiveDigits};
    /// use std::time::Duration;
    /// let r = ReceiveDigits::new(LegAddress::default(), r"^\*\d$", Duration::from_secs(1), Duration::from_secs(10));
    /// assert_eq!(r.flush_digits_duration_in_milliseconds, Some(10_000));
    /// ```
    pub fn new(
        target: LegAddress,
        regex: impl Into<DigitsRegex>,
        in_between: Duration,
        flush: Duration,
    ) -> Self {
        ReceiveDigits {
            target,
            input_digits_regex: Some(regex.into()),
            in_between_digits_duration_in_milliseconds: Some(millis(in_between)),
            flush_digits_duration_in_milliseconds: Some(millis(flush)),
            extra: Map::new(),
        }
    }
}

impl RecordAudio {
    /// Records the leg at `target` into `bucket`, stopped by `#`.
    ///
    /// ```
    /// use sma_core::action::{LegAddress, RecordAudio};
    /// let r = RecordAudio::new(LegAddress::default(), "voicemail").prefix("box-1").max_duration(std::time::Duration::from_secs(60));
    /// assert_eq!(r.duration_in_seconds, Some(60));
    /// ```
    pub fn new(target: LegAddress, bucket: impl Into<String>) -> Self {
        RecordAudio {
            target,
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
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        if let Some(d) = self.recording_destination.as_mut() {
            d.prefix = Some(prefix.into());
        }
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

impl SendDigits {
    /// Sends `digits` on leg `call_id`.
    ///
    /// ```
    /// let s = sma_core::action::SendDigits::new("c-1", ",,1234#").tone_duration(std::time::Duration::from_millis(100));
    /// assert_eq!(s.tone_duration_in_milliseconds, Some(100));
    /// ```
    pub fn new(call_id: impl Into<CallId>, digits: impl Into<DtmfString>) -> Self {
        SendDigits { call_id: id(call_id), digits: Some(digits.into()), ..Default::default() }
    }

    /// `ToneDurationInMilliseconds` (50–24000).
    pub fn tone_duration(mut self, d: Duration) -> Self {
        self.tone_duration_in_milliseconds = Some(millis(d));
        self
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
            pub fn language(mut self, code: impl Into<String>) -> Self {
                self.language_code = Some(code.into());
                self
            }
            /// `VoiceId`, e.g. `Joanna`.
            pub fn voice(mut self, voice: impl Into<String>) -> Self {
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

impl Speak {
    /// Speaks `text` (≤ 1,000 characters) on leg `call_id`.
    ///
    /// ```
    /// use sma_core::action::{Engine, Speak};
    /// let s = Speak::new("c-1", "Hello").engine(Engine::Neural).voice("Joanna");
    /// assert_eq!(s.voice_id.as_deref(), Some("Joanna"));
    /// ```
    pub fn new(call_id: impl Into<CallId>, text: impl Into<String>) -> Self {
        Speak { call_id: id(call_id), text: Some(text.into()), ..Default::default() }
    }
}

impl SpeechParameters {
    /// Speech parameters for `text`.
    ///
    /// ```
    /// let p = sma_core::action::SpeechParameters::new("Hi").language("en-GB");
    /// assert_eq!(p.language_code.as_deref(), Some("en-GB"));
    /// ```
    pub fn new(text: impl Into<String>) -> Self {
        SpeechParameters { text: Some(text.into()), ..Default::default() }
    }
}

impl StartBotConversation {
    /// Hands LEG-A to the Lex V2 bot alias `bot_alias_arn`.
    ///
    /// ```
    /// let s = sma_core::action::StartBotConversation::new("arn:aws:lex:us-east-1:111122223333:bot-alias/B/A").locale("en_GB");
    /// assert_eq!(s.locale_id.as_deref(), Some("en_GB"));
    /// ```
    pub fn new(bot_alias_arn: impl Into<String>) -> Self {
        StartBotConversation { bot_alias_arn: Some(bot_alias_arn.into()), ..Default::default() }
    }

    /// `LocaleId`, e.g. `en_US`.
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale_id = Some(locale.into());
        self
    }

    /// Adds a welcome message (and sets `DialogAction.Type: ElicitIntent`, which the service
    /// requires with welcome messages).
    pub fn welcome(mut self, text: impl Into<String>, content_type: ContentType) -> Self {
        let config = self.configuration.get_or_insert_with(Default::default);
        config.welcome_messages.get_or_insert_with(Vec::new).push(WelcomeMessage {
            content: Some(text.into()),
            content_type: Some(content_type),
            extra: Map::new(),
        });
        let state = config.session_state.get_or_insert_with(Default::default);
        state.dialog_action =
            Some(DialogAction { kind: Some(DialogActionType::ElicitIntent), extra: Map::new() });
        self
    }

    /// Adds a Lex session attribute.
    pub fn session_attribute(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let config = self.configuration.get_or_insert_with(Default::default);
        let state = config.session_state.get_or_insert_with(Default::default);
        state
            .session_attributes
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into());
        self
    }

    /// Addresses LEG-A by `CallId` (LEG-A is the only leg allowed).
    pub fn on(mut self, leg_a: LegAddress) -> Self {
        self.target = leg_a;
        self
    }

    /// `Configuration.SessionState.DialogAction.Type`.
    pub fn dialog_action(mut self, kind: DialogActionType) -> Self {
        let config = self.configuration.get_or_insert_with(Default::default);
        let state = config.session_state.get_or_insert_with(Default::default);
        state.dialog_action = Some(DialogAction { kind: Some(kind), extra: Map::new() });
        self
    }
}

impl StartCallRecording {
    /// Records `track` of leg `call_id` to `location` (`bucket` or `bucket/prefix`).
    ///
    /// ```
    /// use sma_core::action::{StartCallRecording, Track};
    /// let s = StartCallRecording::new("c-1", Track::Both, "recordings/support");
    /// assert_eq!(s.destination.unwrap().location.as_deref(), Some("recordings/support"));
    /// ```
    pub fn new(call_id: impl Into<CallId>, track: Track, location: impl Into<String>) -> Self {
        StartCallRecording {
            call_id: id(call_id),
            track: Some(track),
            destination: Some(CallRecordingDestination {
                kind: Some(StorageType::S3),
                location: Some(location.into()),
                extra: Map::new(),
            }),
            extra: Map::new(),
        }
    }
}

macro_rules! call_id_new {
    ($($t:ident),+) => {$(
        impl $t {
            #[doc = concat!("`", stringify!($t), "` on leg `call_id`.")]
            ///
            /// ```
            #[doc = concat!("let a = sma_core::action::", stringify!($t), "::new(\"c-1\");")]
            /// assert_eq!(a.call_id.unwrap(), "c-1");
            /// ```
            pub fn new(call_id: impl Into<CallId>) -> Self {
                $t { call_id: id(call_id), extra: Map::new() }
            }
        }
    )+};
}

call_id_new!(StopCallRecording, PauseCallRecording, ResumeCallRecording);

impl VoiceFocus {
    /// Turns Voice Focus on or off for leg `call_id`.
    ///
    /// ```
    /// let v = sma_core::action::VoiceFocus::new("c-1", true);
    /// assert_eq!(v.enable, Some(true));
    /// ```
    pub fn new(call_id: impl Into<CallId>, enable: bool) -> Self {
        VoiceFocus { enable: Some(enable), call_id: id(call_id), extra: Map::new() }
    }
}

/// Actions addressed to this leg: its `CallId` is filled in (its tag when the event does not
/// list it).
impl Leg {
    /// `Hangup` of this leg (SIP code 0).
    ///
    /// ```
    /// use sma_core::{Leg, ParticipantTag};
    /// let h = Leg::by_tag(ParticipantTag::LegB).hangup();
    /// assert_eq!(h.target.participant_tag, Some(ParticipantTag::LegB));
    /// ```
    pub fn hangup(&self) -> Hangup {
        Hangup::new(self.address())
    }

    /// `Speak` on this leg.
    pub fn speak(&self, text: impl Into<String>) -> Speak {
        Speak { call_id: self.call_id().cloned(), ..Speak::new("", text) }
    }

    /// `SpeakAndGetDigits` on this leg.
    pub fn speak_and_get_digits(
        &self,
        prompt: impl Into<SpeechParameters>,
        failure: impl Into<SpeechParameters>,
    ) -> SpeakAndGetDigits {
        SpeakAndGetDigits {
            call_id: self.call_id().cloned(),
            ..SpeakAndGetDigits::new("", prompt, failure)
        }
    }

    /// `PlayAudio` on this leg.
    pub fn play(&self, audio: AudioSource) -> PlayAudio {
        PlayAudio::new(self.address(), audio)
    }

    /// `PlayAudioAndGetDigits` on this leg.
    pub fn play_and_get_digits(
        &self,
        prompt: AudioSource,
        failure: AudioSource,
    ) -> PlayAudioAndGetDigits {
        PlayAudioAndGetDigits::new(self.address(), prompt, failure)
    }

    /// `Pause` on this leg.
    pub fn pause(&self, duration: Duration) -> Pause {
        Pause::new(self.address(), duration)
    }

    /// `ReceiveDigits` on this leg.
    pub fn receive_digits(
        &self,
        regex: impl Into<DigitsRegex>,
        in_between: Duration,
        flush: Duration,
    ) -> ReceiveDigits {
        ReceiveDigits::new(self.address(), regex, in_between, flush)
    }

    /// `RecordAudio` of this leg into `bucket`.
    pub fn record(&self, bucket: impl Into<String>) -> RecordAudio {
        RecordAudio::new(self.address(), bucket)
    }

    /// `SendDigits` on this leg.
    pub fn send_digits(&self, digits: impl Into<DtmfString>) -> SendDigits {
        SendDigits { call_id: self.call_id().cloned(), ..SendDigits::new("", digits) }
    }

    /// `VoiceFocus` on this leg.
    pub fn voice_focus(&self, enable: bool) -> VoiceFocus {
        VoiceFocus { call_id: self.call_id().cloned(), ..VoiceFocus::new("", enable) }
    }

    /// `StartCallRecording` of this leg.
    pub fn start_recording(&self, track: Track, location: impl Into<String>) -> StartCallRecording {
        StartCallRecording {
            call_id: self.call_id().cloned(),
            ..StartCallRecording::new("", track, location)
        }
    }

    /// `StopCallRecording` of this leg.
    pub fn stop_recording(&self) -> StopCallRecording {
        StopCallRecording { call_id: self.call_id().cloned(), extra: Map::new() }
    }

    /// `PauseCallRecording` of this leg.
    pub fn pause_recording(&self) -> PauseCallRecording {
        PauseCallRecording { call_id: self.call_id().cloned(), extra: Map::new() }
    }

    /// `ResumeCallRecording` of this leg.
    pub fn resume_recording(&self) -> ResumeCallRecording {
        ResumeCallRecording { call_id: self.call_id().cloned(), extra: Map::new() }
    }

    /// `JoinChimeMeeting` for this leg (LEG-A).
    pub fn join_meeting(&self, join_token: impl Into<String>) -> JoinChimeMeeting {
        JoinChimeMeeting::new(join_token).on(self.address())
    }

    /// `StartBotConversation` for this leg (LEG-A).
    pub fn start_bot(&self, bot_alias_arn: impl Into<String>) -> StartBotConversation {
        StartBotConversation::new(bot_alias_arn).on(self.address())
    }
}
