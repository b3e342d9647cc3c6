//! Time: the timers of the service (call timeout, digits timeouts, flush, media and recording
//! lengths) and what happens when they expire.

use super::execute::millis;
use super::service::{Results, collection};
use super::steps::Step;
use super::{Collecting, Simulator, Waiting};
use crate::contract::action::*;
use crate::contract::event::ErrorType;
use std::time::Duration;

/// `RepeatDurationInMilliseconds` is required; a response without it is rejected before it
/// reaches the service. Sent anyway ([`Simulator::send_rejected_responses`]), the simulator
/// waits this long.
const REPEAT_DURATION_IF_MISSING_MS: u64 = 5_000;

/// Lex ends a DTMF input this long after the last key (start-bot-conversation page).
const BOT_DTMF_END_MS: u64 = 5_000;

/// What expires next.
enum Timer {
    /// The ReceiveDigits listener checks its buffered digits against the regex.
    Check,
    /// A bot conversation ends.
    Bot,
    /// The caller's DTMF input to a bot ends (5 s after the last key).
    BotInput,
    /// The current digits attempt: nothing pressed in time, or the gap after the last key.
    Digits,
    /// LEG-B of a CallAndBridge did not answer within `CallTimeoutSeconds`.
    Bridge,
    /// Held media of known length ends.
    Media,
    /// The ReceiveDigits listener discards its buffered digits.
    Flush,
}

impl Simulator {
    /// Time passes: every timer of the service that expires by then fires, in order (a digits
    /// attempt times out, a CallAndBridge is not answered, a recording reaches its duration,
    /// the ReceiveDigits buffer is flushed), and an action held by [`Simulator::hold_media`]
    /// whose length is unknown (PlayAudio) finishes.
    ///
    /// ```
    /// use sma_core::prelude::*;
    /// use sma_core::testing::Simulator;
    /// use std::time::Duration;
    ///
    /// #[on(NewInboundCall)]
    /// async fn transfer(call: Call) -> Actions {
    ///     let bridge = sma_core::action::CallAndBridge::to_pstn(e164!("+12065550123"), e164!("+13125550142"))
    ///         .timeout(std::time::Duration::from_secs(5));
    ///     Actions::new().then(bridge)
    /// }
    ///
    /// #[on(ActionFailed, action = CallAndBridge)]
    /// async fn not_answered(call: Call) -> Actions {
    ///     Actions::new().then(call.leg_a().speak("Nobody answered.")).then(call.leg_a().hangup())
    /// }
    ///
    /// let mut sim = Simulator::from_router(handlers![transfer, not_answered]);
    /// sim.inbound_call("+14155550199", "+12065550123");
    /// sim.advance(Duration::from_secs(6));
    /// sim.assert_speaks("Nobody answered").assert_ended();
    /// ```
    pub fn advance(&mut self, by: Duration) -> &mut Self {
        self.step(Step::TimePasses(by.as_millis()));
        let until =
            self.call.clock_ms.saturating_add(u64::try_from(by.as_millis()).unwrap_or(u64::MAX));
        self.run_clock_until(until);
        self.settle();
        self
    }

    /// Fires every timer due by `until`, moving the clock to each in turn, then to `until`.
    pub(super) fn run_clock_until(&mut self, until: u64) {
        while let Some((at, timer)) = self.next_timer().filter(|(at, _)| *at <= until) {
            if self.call.ended {
                break;
            }
            self.call.clock_ms = self.call.clock_ms.max(at);
            self.fire(timer);
            self.run();
        }
        self.call.clock_ms = self.call.clock_ms.max(until);
    }

    /// The earliest timer and when it expires.
    fn next_timer(&self) -> Option<(u64, Timer)> {
        let waiting = match &self.list.waiting {
            Some(Waiting::Digits(c)) => Some((self.digits_deadline(c), Timer::Digits)),
            Some(Waiting::Bridge { gives_up_at, .. }) => Some((*gives_up_at, Timer::Bridge)),
            Some(Waiting::Media { ends_at: Some(at), .. }) => Some((*at, Timer::Media)),
            Some(Waiting::Bot { last_key: Some(at), .. }) => {
                Some((at + BOT_DTMF_END_MS, Timer::BotInput))
            }
            Some(Waiting::Bot { ends_at, .. }) => Some((*ends_at, Timer::Bot)),
            _ => None,
        };
        let check = self.keys.check_at.map(|at| (at, Timer::Check));
        let flush = self.keys.flush_at.map(|at| (at, Timer::Flush));
        // The earliest; on a tie, the listener's check before its flush, both before the rest.
        [check, flush, waiting].into_iter().flatten().min_by_key(|(at, _)| *at)
    }

    /// When the media or bot the service is running ends by itself, if it does. A recording
    /// waits for the caller (to talk, press a terminator, fall silent), not for time; a bot
    /// with no scripted result waits for the test.
    pub(super) fn playing_until(&self) -> Option<u64> {
        match &self.list.waiting {
            Some(Waiting::Media { action: Action::RecordAudio(_), .. }) => None,
            Some(Waiting::Media { ends_at, .. }) => *ends_at,
            // A bot plays on by itself only with a scripted result; without one it waits for
            // the test to end it (`bot_finishes`) or for time to pass (`advance`).
            Some(Waiting::Bot { .. }) if self.script.bot_result.is_none() => None,
            Some(Waiting::Bot { last_key: None, ends_at, .. }) => Some(*ends_at),
            Some(Waiting::Bot { last_key: Some(at), .. }) => Some(at + BOT_DTMF_END_MS),
            _ => None,
        }
    }

    /// When the current attempt's input ends: `RepeatDurationInMilliseconds` after the attempt
    /// starts while nothing is pressed, `InBetweenDigitsDurationInMilliseconds` (default: the
    /// repeat duration) after the last key.
    pub(super) fn digits_deadline(&self, c: &Collecting) -> u64 {
        let d = collection(&c.action);
        let repeat = d
            .and_then(|d| d.repeat_duration_in_milliseconds)
            .map_or(REPEAT_DURATION_IF_MISSING_MS, u64::from);
        match c.last_key {
            None => c.attempt_started + repeat,
            Some(last) => {
                let gap = d
                    .and_then(|d| d.in_between_digits_duration_in_milliseconds)
                    .map_or(repeat, u64::from);
                last + gap
            }
        }
    }

    fn fire(&mut self, timer: Timer) {
        match timer {
            Timer::Digits => {
                let Some(Waiting::Digits(c)) = self.list.waiting.take() else { return };
                if c.last_key.is_some() {
                    self.service("the caller stopped pressing keys: the input ends".into());
                    self.input_ended(c, None);
                } else {
                    self.service("nothing was pressed in time".into());
                    self.attempt_failed(c);
                }
            }
            Timer::Bridge => {
                let Some(Waiting::Bridge { action, leg_b, .. }) = self.list.waiting.take() else {
                    return;
                };
                self.service("LEG-B did not answer within CallTimeoutSeconds".into());
                self.not_answered(action, leg_b);
            }
            Timer::Media => {
                let Some(Waiting::Media { action, .. }) = self.list.waiting.take() else { return };
                self.service(format!("{} reached its duration", action.type_name()));
                let results = self.media_results(&action, None);
                self.finished(action, results);
            }
            Timer::Check => {
                self.keys.check_at = None;
                self.check_buffer();
            }
            Timer::Bot => self.bot_ends(None),
            Timer::BotInput => {
                if let Some(Waiting::Bot { keys, last_key, .. }) = &mut self.list.waiting {
                    let input = std::mem::take(keys);
                    *last_key = None;
                    self.service(format!(
                        "the DTMF input {input:?} ends (5 s after the last key) and goes to the bot"
                    ));
                    self.record.bot_inputs.push(input);
                }
            }
            Timer::Flush => {
                self.keys.flush_at = None;
                if !self.keys.buffered.is_empty() {
                    self.service(format!(
                        "flushes {:?}: no match within FlushDigitsDurationInMilliseconds",
                        self.keys.buffered
                    ));
                    self.keys.buffered.clear();
                }
            }
        }
    }

    /// When media started now ends by itself (see [`MediaTiming`](super::MediaTiming)): speech
    /// from its text, audio its set length times `Repeat`, a Pause its duration, SendDigits its
    /// tones, a RecordAudio its `DurationInSeconds` (without one, it records until a
    /// terminator, silence or a hang-up).
    pub(super) fn media_end(&self, action: &Action) -> Option<u64> {
        let timing = &self.script.media;
        let length_ms = match action {
            Action::Speak(s) => Some(millis(timing.speech(s.text.as_deref().unwrap_or_default()))),
            Action::PlayAudio(p) => {
                Some(millis(timing.audio) * u64::from(p.repeat.unwrap_or(1).max(1)))
            }
            Action::Pause(p) => p.duration_in_milliseconds.map(u64::from),
            Action::RecordAudio(r) => r.duration_in_seconds.map(|s| u64::from(s) * 1000),
            Action::SendDigits(d) => {
                let tone = u64::from(
                    d.tone_duration_in_milliseconds.unwrap_or(defaults::TONE_DURATION_MS),
                );
                let digits = d.digits.as_ref().map(|d| d.as_str()).unwrap_or_default();
                Some(digits.chars().map(|c| if c == ',' { 500 } else { tone }).sum())
            }
            _ => None,
        };
        length_ms.map(|ms| self.call.clock_ms + ms.max(1))
    }

    /// How long the prompt of a `*GetDigits` action plays before its attempt's timer starts:
    /// the speech's or the audio's length (the failure prompt's, for a retry).
    pub(super) fn prompt_length(&self, action: &Action, failure: bool) -> u64 {
        let timing = &self.script.media;
        match action {
            Action::SpeakAndGetDigits(s) => {
                let main = s.speech_parameters.as_ref();
                let params =
                    if failure { s.failure_speech_parameters.as_ref().or(main) } else { main };
                millis(timing.speech(params.and_then(|p| p.text.as_deref()).unwrap_or_default()))
            }
            Action::PlayAudioAndGetDigits(_) => millis(timing.audio),
            _ => 0,
        }
    }

    /// When a CallAndBridge started now gives up on LEG-B.
    pub(super) fn bridge_deadline(&self, action: &CallAndBridge) -> u64 {
        let seconds: u32 = action.call_timeout_seconds.unwrap_or(defaults::CALL_TIMEOUT_SECONDS);
        self.call.clock_ms + u64::from(seconds) * 1000
    }

    /// The result of a media action that ends: for RecordAudio, the recording's key and the
    /// terminator that stopped it, if one did.
    pub(super) fn media_results(&self, action: &Action, terminator: Option<DtmfKey>) -> Results {
        match action {
            Action::RecordAudio(r) => self.recording_results(r, terminator),
            _ => Results::default(),
        }
    }

    /// LEG-B of a CallAndBridge does not answer: ACTION_FAILED `CallNotAnswered`.
    pub(super) fn not_answered(&mut self, action: CallAndBridge, leg_b: CallId) {
        self.call.legs.retain(|p| p.call_id != leg_b);
        self.failed(
            Action::CallAndBridge(action),
            ErrorType::CallNotAnswered,
            "Call not answered".into(),
        );
    }
}
