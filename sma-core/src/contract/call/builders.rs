//! The actions a [`Leg`] builds addressed to itself (`call.leg_a().speak(..)`): one helper per
//! action that acts on one leg, each the action's own constructor with the leg as its target.

use super::Leg;
use crate::contract::action::{
    AudioSource, Checked, DigitsRegex, DtmfString, Hangup, JoinChimeMeeting, MeetingOperation,
    ModifyChimeMeetingAttendees, Pause, PauseCallRecording, PlayAudio, PlayAudioAndGetDigits,
    ReceiveDigits, RecordAudio, ResumeCallRecording, SendDigits, Speak, SpeakAndGetDigits,
    SpeechParameters, StartBotConversation, StartCallRecording, StopCallRecording, Track,
    VoiceFocus,
};
use crate::contract::text::Text;
use std::time::Duration;

impl Leg {
    /// `Pause` on this leg.
    ///
    /// ```
    /// use sma_core::{Leg, ParticipantTag};
    /// let p = Leg::by_tag(ParticipantTag::LegB).pause(std::time::Duration::from_secs(1));
    /// assert_eq!(p.target.participant_tag(), Some(&ParticipantTag::LegB));
    /// ```
    pub fn pause(&self, duration: Duration) -> Pause {
        Pause::new(duration).on(self)
    }

    /// `PlayAudio` on this leg.
    pub fn play(&self, audio: AudioSource) -> PlayAudio {
        PlayAudio::new(audio).on(self)
    }

    /// `PlayAudioAndGetDigits` on this leg.
    pub fn play_and_get_digits(
        &self,
        prompt: AudioSource,
        failure: AudioSource,
    ) -> PlayAudioAndGetDigits {
        PlayAudioAndGetDigits::new(prompt, failure).on(self)
    }

    /// `Speak` on this leg.
    ///
    /// ```
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/event_NEW_INBOUND_CALL_basic.json")).unwrap();
    /// let call = sma_core::Call::new(serde_json::from_str(&json).unwrap());
    /// let speak = call.leg_a().speak("Hello");
    /// assert_eq!(speak.target.call_id(), call.leg_a().call_id());
    /// ```
    pub fn speak(&self, text: impl Into<Text>) -> Speak {
        Speak::new(self, text)
    }

    /// `SpeakAndGetDigits` on this leg.
    pub fn speak_and_get_digits(
        &self,
        prompt: impl Into<SpeechParameters>,
        failure: impl Into<SpeechParameters>,
    ) -> SpeakAndGetDigits {
        SpeakAndGetDigits::new(self, prompt, failure)
    }

    /// `VoiceFocus` on this leg.
    pub fn voice_focus(&self, enable: bool) -> VoiceFocus {
        VoiceFocus::new(self, enable)
    }

    /// `ReceiveDigits` on this leg.
    pub fn receive_digits(
        &self,
        regex: impl Checked<DigitsRegex>,
        in_between: Duration,
        flush: Duration,
    ) -> ReceiveDigits {
        ReceiveDigits::new(regex, in_between, flush).on(self)
    }

    /// `SendDigits` on this leg.
    pub fn send_digits(&self, digits: impl Checked<DtmfString>) -> SendDigits {
        SendDigits::new(self, digits)
    }

    /// `RecordAudio` of this leg into `bucket`.
    pub fn record(&self, bucket: impl Into<Text>) -> RecordAudio {
        RecordAudio::new(bucket).on(self)
    }

    /// `StartCallRecording` of this leg.
    pub fn start_recording(&self, track: Track, location: impl Into<Text>) -> StartCallRecording {
        StartCallRecording::new(self, track, location)
    }

    /// `StopCallRecording` of this leg.
    pub fn stop_recording(&self) -> StopCallRecording {
        StopCallRecording::new(self)
    }

    /// `PauseCallRecording` of this leg.
    pub fn pause_recording(&self) -> PauseCallRecording {
        PauseCallRecording::new(self)
    }

    /// `ResumeCallRecording` of this leg.
    pub fn resume_recording(&self) -> ResumeCallRecording {
        ResumeCallRecording::new(self)
    }

    /// `Hangup` of this leg (SIP code 0).
    ///
    /// ```
    /// use sma_core::{Leg, ParticipantTag};
    /// let h = Leg::by_tag(ParticipantTag::LegB).hangup();
    /// assert_eq!(h.target.participant_tag(), Some(&ParticipantTag::LegB));
    /// ```
    pub fn hangup(&self) -> Hangup {
        Hangup::new().on(self)
    }

    /// `JoinChimeMeeting` for this leg (LEG-A).
    pub fn join_meeting(&self, join_token: impl Into<Text>) -> JoinChimeMeeting {
        JoinChimeMeeting::new(join_token).on(self)
    }

    /// `ModifyChimeMeetingAttendees` acting on this leg, the meeting leg (LEG-B).
    ///
    /// ```
    /// use sma_core::action::{MeetingOperation, ParticipantTag};
    /// let meeting = sma_core::Leg::by_tag(ParticipantTag::LegB);
    /// let mute = meeting.modify_attendees(MeetingOperation::Mute, "m-1", ["a-1"]);
    /// assert_eq!(mute.target.participant_tag(), Some(&ParticipantTag::LegB));
    /// ```
    pub fn modify_attendees<I, S>(
        &self,
        operation: MeetingOperation,
        meeting_id: impl Into<Text>,
        attendees: I,
    ) -> ModifyChimeMeetingAttendees
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        ModifyChimeMeetingAttendees::new(operation, meeting_id, attendees).on(self)
    }

    /// `StartBotConversation` for this leg (LEG-A).
    pub fn start_bot(&self, bot_alias_arn: impl Into<Text>) -> StartBotConversation {
        StartBotConversation::new(bot_alias_arn).on(self)
    }
}
