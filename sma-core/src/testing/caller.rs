//! The test API of the parties: what the caller, the callee and the API calls do to the call.

use super::readings::EmptyList;
use super::service::Results;
use super::steps::Step;
use super::{Simulator, Waiting};
use crate::contract::action::*;
use crate::contract::arguments::{ArgumentsMap, to_arguments};
use crate::contract::event::{
    ActionData, ActionRef, CallCreateRequest, CallUpdateRequest, Direction, ErrorType, EventType,
    Participant, ParticipantStatus,
};
use serde::Serialize;

/// How long an inbound call nobody answers rings before the attempt times out (case-1 page).
const UNANSWERED_TIMEOUT_MS: u64 = 30_000;

impl Simulator {
    /// A call arrives from `from` to `to`: NEW_INBOUND_CALL on LEG-A.
    pub fn inbound_call(&mut self, from: &str, to: &str) -> &mut Self {
        self.inbound_call_with_headers(from, to, SipHeaders::new())
    }

    /// An inbound call whose INVITE carries custom SIP headers.
    pub fn inbound_call_with_headers(
        &mut self,
        from: &str,
        to: &str,
        headers: SipHeaders,
    ) -> &mut Self {
        self.step(Step::Dials { from: from.into(), to: to.into() });
        self.start_leg(
            ParticipantTag::LegA,
            "c0ffee00-0000-4000-8000-00000000000a",
            from,
            to,
            Direction::Inbound,
        );
        if !headers.is_empty() {
            self.call.legs[0].sip_headers = Some(headers);
        }
        let response = self.send(EventType::NewInboundCall, None, None);
        match &response.actions {
            Some(list) if !list.is_empty() => self.take_list(response),
            _ if self.call.ended => {}
            _ => {
                self.problem("NEW_INBOUND_CALL was answered without actions: the call is never answered; the caller hears ringing for 30 s, then the call ends".into());
                // case-1 page: the unanswered call attempt times out after 30 s.
                self.call.clock_ms += UNANSWERED_TIMEOUT_MS;
                self.end_leg(&ParticipantTag::LegA, SipResponseCode::Unavailable, false);
            }
        }
        self.settle();
        self
    }

    /// `CreateSipMediaApplicationCall` from `from` to `to`, with `ArgumentsMap`:
    /// NEW_OUTBOUND_CALL (its actions are ignored, its attributes kept), then RINGING.
    ///
    /// `arguments` is written as the API call sends it ([`to_arguments`]): pass the same type
    /// the handler reads with [`Arguments<T>`](crate::Arguments) (`&Reminder { .. }`), a map,
    /// or `[("key", "value")]`; `()` for none.
    ///
    /// # Panics
    ///
    /// If the API would refuse `arguments` (more than 20 entries, not a struct or a map).
    pub fn outbound_call(&mut self, from: &str, to: &str, arguments: impl Serialize) -> &mut Self {
        let arguments = api_arguments("CreateSipMediaApplicationCall", &arguments);
        self.step(Step::Places { from: from.into(), to: to.into(), arguments: arguments.clone() });
        self.call.outbound = true;
        self.start_leg(
            ParticipantTag::LegA,
            "c0ffee00-0000-4000-8000-00000000000a",
            from,
            to,
            Direction::Outbound,
        );
        let data = (!arguments.is_empty()).then(|| {
            ActionData::new(ActionRef::CallCreateRequest(CallCreateRequest {
                arguments: Some(arguments),
                extra: Default::default(),
            }))
        });
        let r = self.send(EventType::NewOutboundCall, data, None);
        self.ignored(&r, "NEW_OUTBOUND_CALL");
        let r = self.send(EventType::Ringing, None, None);
        self.ignored(&r, "RINGING");
        self.list.waiting = Some(Waiting::Outbound);
        self
    }

    /// The outbound callee answers: CALL_ANSWERED.
    pub fn answer(&mut self) -> &mut Self {
        self.step(Step::Answers);
        if self.call_answered("answer()") {
            self.settle();
        }
        self
    }

    /// CALL_ANSWERED for the ringing outbound call, and its answer run; `false` (and nothing
    /// sent) when the call has ended or is not a ringing outbound call (`step` names the step).
    pub(super) fn call_answered(&mut self, step: &str) -> bool {
        if self.after_end("an answer") {
            return false;
        }
        if !matches!(self.list.waiting, Some(Waiting::Outbound)) {
            self.misuse(&format!("{step} is for a ringing outbound call"));
            return false;
        }
        self.list.waiting = None;
        self.set_status(&ParticipantTag::LegA, ParticipantStatus::Connected);
        let r = self.send(EventType::CallAnswered, None, None);
        self.take_list(r);
        true
    }

    /// The outbound callee does not answer: HANGUP of LEG-A with SIP 480.
    pub fn no_answer(&mut self) -> &mut Self {
        self.step(Step::DoesNotAnswer);
        if self.after_end("a no-answer") {
            return self;
        }
        if !matches!(self.list.waiting, Some(Waiting::Outbound)) {
            return self.misuse("no_answer() is for a ringing outbound call");
        }
        self.list.waiting = None;
        self.end_leg(&ParticipantTag::LegA, SipResponseCode::Unavailable, true);
        self.settle();
        self
    }

    /// The caller presses `keys` (digits, `*`, `#`) one after the other, then stops: an input
    /// still open ends when `InBetweenDigitsDurationInMilliseconds` pass (the clock moves on
    /// by that much). Keys go to the `*GetDigits` action collecting (a terminator ends its
    /// input, `MaxNumberOfDigits` ends it too), end held media they terminate, or go to the
    /// ReceiveDigits listener. To pause between keys, use [`Simulator::press_keys`] and
    /// [`Simulator::advance`].
    pub fn press(&mut self, keys: &str) -> &mut Self {
        self.step(Step::Presses(keys.into()));
        if self.after_end("keys") {
            return self;
        }
        self.keys_now(keys);
        if let Some(Waiting::Digits(c)) = &self.list.waiting {
            if c.last_key.is_some() {
                let at = self.digits_deadline(c);
                self.run_clock_until(at);
            }
        }
        // A ReceiveDigits listener checks the keys once the in-between interval has passed.
        if let Some(at) = self.keys.check_at {
            self.run_clock_until(at);
        }
        self.settle();
        self
    }

    /// The caller presses `keys` now and may go on: nothing waits for the input to end.
    ///
    /// ```
    /// use sma_core::prelude::*;
    /// use sma_core::testing::Simulator;
    /// use std::time::Duration;
    ///
    /// #[on(NewInboundCall)]
    /// async fn ask(call: Call) -> Actions {
    ///     let pin = call.leg_a().speak_and_get_digits("Your PIN?", "Sorry?")
    ///         .in_between_digits(std::time::Duration::from_secs(3))
    ///         .attempt_timeout(std::time::Duration::from_secs(10));
    ///     Actions::new().then(pin)
    /// }
    ///
    /// #[on(ActionSuccessful, action = SpeakAndGetDigits)]
    /// async fn got(call: Call, digits: Digits) -> Actions {
    ///     Actions::new().then(call.leg_a().speak(format!("You entered {}", digits.as_str()))).then(call.leg_a().hangup())
    /// }
    ///
    /// let mut sim = Simulator::from_router(handlers![ask, got]);
    /// sim.inbound_call("+14155550199", "+12065550100");
    /// sim.press_keys("12").advance(Duration::from_secs(2)).press_keys("3");
    /// sim.advance(Duration::from_secs(4)); // more than 3 s after the last key: the input ends
    /// sim.assert_speaks("You entered 123");
    /// ```
    pub fn press_keys(&mut self, keys: &str) -> &mut Self {
        self.step(Step::PressesAndGoesOn(keys.into()));
        if self.after_end("keys") {
            return self;
        }
        self.keys_now(keys);
        self.settle();
        self
    }

    fn keys_now(&mut self, keys: &str) {
        for key in keys.chars() {
            if self.call.ended {
                self.problem(format!(
                    "the caller pressed {key} after the call ended: no key reaches the service"
                ));
                break;
            }
            self.key(key);
            self.run();
        }
    }

    /// The caller says nothing and presses nothing: a `*GetDigits` attempt times out after
    /// `RepeatDurationInMilliseconds` (the clock moves on by that much); a RecordAudio ends
    /// after `SilenceDurationInSeconds` of silence (without it, see
    /// [`RecordingSilence`](super::RecordingSilence)).
    pub fn stay_silent(&mut self) -> &mut Self {
        self.step(Step::StaysSilent);
        if self.after_end("silence") {
            return self;
        }
        match self.list.waiting.clone() {
            Some(Waiting::Digits(c)) => {
                let at = self.digits_deadline(&c);
                self.run_clock_until(at);
            }
            Some(Waiting::Media { action: Action::RecordAudio(r), .. })
                if self.silence_ends(&r).is_some() =>
            {
                let silence = self.silence_ends(&r).unwrap_or_default();
                self.run_clock_until(self.call.clock_ms + silence);
                // Unless its duration ended it first, the same recording stops on silence.
                let same = matches!(&self.list.waiting, Some(Waiting::Media { action: Action::RecordAudio(now), .. }) if *now == r);
                if let Some(Waiting::Media { action, .. }) =
                    same.then(|| self.list.waiting.take()).flatten()
                {
                    self.service("RecordAudio stopped on silence".into());
                    let results = self.media_results(&action, None);
                    self.finished(action, results);
                }
            }
            _ => self.service("nothing is waiting for the caller".into()),
        }
        self.settle();
        self
    }

    /// LEG-B of the running CallAndBridge answers: ACTION_SUCCESSFUL with both legs connected.
    pub fn bridge_answers(&mut self) -> &mut Self {
        self.step(Step::BridgeAnswers);
        if self.after_end("an answer") {
            return self;
        }
        let Some(Waiting::Bridge { mut action, .. }) = self.list.waiting.clone() else {
            return self.misuse("bridge_answers() needs a CallAndBridge in progress");
        };
        self.list.waiting = None;
        self.set_status(&ParticipantTag::LegB, ParticipantStatus::Connected);
        if let Some(a) = self.leg(&ParticipantTag::LegA) {
            action.target = Target::call(a.call_id.clone());
        }
        self.finished(
            Action::CallAndBridge(action),
            Results { force_report: true, ..Results::default() },
        );
        self.settle();
        self
    }

    /// LEG-B of the running CallAndBridge does not answer in time: ACTION_FAILED
    /// `CallNotAnswered`, LEG-A still connected.
    pub fn bridge_not_answered(&mut self) -> &mut Self {
        self.step(Step::BridgeNotAnswered);
        if self.after_end("a no-answer") {
            return self;
        }
        let Some(Waiting::Bridge { action, leg_b, .. }) = self.list.waiting.clone() else {
            return self.misuse("bridge_not_answered() needs a CallAndBridge in progress");
        };
        self.list.waiting = None;
        self.not_answered(action, leg_b);
        self.settle();
        self
    }

    /// A party hangs up `leg`: HANGUP for that leg.
    pub fn hangup(&mut self, leg: ParticipantTag) -> &mut Self {
        self.step(Step::HangsUp(leg.clone()));
        if self.after_end("a hang-up") {
            return self;
        }
        if self.leg(&leg).is_none_or(Participant::is_disconnected) {
            return self.misuse("that leg is not connected");
        }
        if let Some(Waiting::Bridge { .. }) = &self.list.waiting {
            if leg == ParticipantTag::LegA {
                self.call.legs.retain(|p| p.participant_tag != Some(ParticipantTag::LegB));
            }
        }
        self.list.waiting = None;
        self.list.queue.clear();
        self.end_leg(&leg, SipResponseCode::NormalClearing, true);
        self.settle();
        self
    }

    /// The next action the service runs fails with this error: ACTION_FAILED, and the rest of
    /// its list is dropped.
    pub fn fail_next(&mut self, error: ErrorType, message: &str) -> &mut Self {
        self.script.fail_next = Some((None, error, message.to_owned()));
        self
    }

    /// The next action of type `kind` the service runs fails with this error (the actions
    /// before it run): ACTION_FAILED, and the rest of its list is dropped.
    ///
    /// ```
    /// use sma_core::prelude::*;
    /// use sma_core::ActionType;
    /// use sma_core::testing::Simulator;
    ///
    /// #[on(NewInboundCall)]
    /// async fn greet(call: Call) -> Actions {
    ///     let a = call.leg_a();
    ///     Actions::new().then(a.speak("Hello.")).then(a.play(AudioSource::s3("audio-bucket", "missing.wav")))
    /// }
    ///
    /// #[on(ActionFailed, action = PlayAudio)]
    /// async fn no_audio(call: Call) -> Actions {
    ///     Actions::new().then(call.leg_a().speak("Sorry.")).then(call.leg_a().hangup())
    /// }
    ///
    /// let mut sim = Simulator::from_router(handlers![greet, no_audio]);
    /// sim.fail_next_of(ActionType::PlayAudio, ErrorType::InvalidAudioSource, "No such key.");
    /// sim.inbound_call("+14155550199", "+12065550100");
    /// sim.assert_speaks("Sorry.").assert_ended();
    /// ```
    pub fn fail_next_of(&mut self, kind: ActionType, error: ErrorType, message: &str) -> &mut Self {
        self.script.fail_next = Some((Some(kind), error, message.to_owned()));
        self
    }

    /// `UpdateSipMediaApplicationCall` with `arguments`: CALL_UPDATE_REQUESTED. The actions
    /// it is answered with replace the running list: an interruptible action still playing
    /// (PlayAudio, RecordAudio, Pause held by [`Simulator::hold_media`]) is stopped
    /// (ACTION_INTERRUPTED, answer ignored) and the rest of the old list never runs; any other
    /// running action finishes first. An answer without `Actions` keeps everything running
    /// (`[]` follows the [`EmptyList`] reading).
    ///
    /// See [Updating in-progress calls](https://docs.aws.amazon.com/chime-sdk/latest/dg/update-sip-call.html).
    ///
    /// `arguments` is written as the API call sends it ([`to_arguments`]): pass the same type
    /// the handler reads with [`Arguments<T>`](crate::Arguments) (`&Cancel { .. }`), a map, or
    /// `[("key", "value")]`.
    ///
    /// # Panics
    ///
    /// If the API would refuse `arguments` (more than 20 entries, not a struct or a map).
    pub fn update_call(&mut self, arguments: impl Serialize) -> &mut Self {
        let arguments = api_arguments("UpdateSipMediaApplicationCall", &arguments);
        self.step(Step::Updates(arguments.clone()));
        if self.after_end("UpdateSipMediaApplicationCall") {
            return self;
        }
        let data = ActionData::new(ActionRef::CallUpdateRequest(CallUpdateRequest {
            arguments: Some(arguments),
            extra: Default::default(),
        }));
        let r = self.send(EventType::CallUpdateRequested, Some(data), None);
        let update = self.call.sequence;
        let replaces = match &r.actions {
            None => false,
            Some(list) if list.is_empty() => {
                self.script.readings.empty_list == EmptyList::StopsRunning
            }
            Some(_) => true,
        };
        if replaces {
            if let Some(Waiting::Media { action, .. }) = self.list.waiting.clone() {
                if action.action_type().spec().is_some_and(|s| s.interruptible) {
                    self.list.waiting = None;
                    let i = self.send(
                        EventType::ActionInterrupted,
                        Some(ActionData::new(action)),
                        None,
                    );
                    self.ignored(&i, "ACTION_INTERRUPTED");
                }
            }
            // The rest of the old list never runs.
            self.list.queue.clear();
        }
        let still_running = self.list.waiting.is_some();
        self.take_list(r);
        if replaces && still_running && self.list.waiting.is_some() && !self.list.queue.is_empty() {
            self.service(format!(
                "the answer to #{update} waits for the running action, which cannot be interrupted"
            ));
            self.list.update_queued = Some(update);
        }
        self.settle();
        self
    }

    /// How long silence takes to end a recording: `SilenceDurationInSeconds`, or without it,
    /// per [`RecordingSilence`](super::RecordingSilence).
    fn silence_ends(&self, r: &RecordAudio) -> Option<u64> {
        match (r.silence_duration_in_seconds, self.script.readings.recording_silence) {
            (Some(s), _) => Some(u64::from(s) * 1000),
            (None, super::RecordingSilence::After200s) => Some(200_000),
            (None, super::RecordingSilence::Off) => None,
        }
    }

    /// A step the test takes after the call ended is a problem: nothing reaches the service
    /// (UpdateSipMediaApplicationCall answers NotFound). `true` when the call has ended.
    pub(super) fn after_end(&mut self, what: &str) -> bool {
        if self.call.ended {
            self.problem(format!(
                "{what} after the call ended: the call is over, nothing reaches the service"
            ));
        }
        self.call.ended
    }
}

/// `arguments` as `api` sends them; a value the API refuses fails the test, as the call fails.
fn api_arguments(api: &str, arguments: &impl Serialize) -> ArgumentsMap {
    to_arguments(arguments).unwrap_or_else(|e| panic!("{api} would be refused: {e}"))
}
