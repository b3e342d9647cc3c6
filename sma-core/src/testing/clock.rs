//! Time: the timers of the service (call timeout, digits timeouts, flush, media and recording
//! lengths) and what happens when they expire.

use super::service::{Results, collection};
use super::{Collecting, Simulator, Waiting};
use crate::contract::action::*;
use crate::contract::event::ErrorType;
use std::time::Duration;

/// `RepeatDurationInMilliseconds` is required; a response without it is rejected before it
/// reaches the service. Sent anyway ([`Simulator::send_rejected_responses`]), the simulator
/// waits this long.
const REPEAT_DURATION_IF_MISSING_MS: u64 = 5_000;
/// `CallTimeoutSeconds` when absent (CallAndBridge page).
const CALL_TIMEOUT_DEFAULT_S: u64 = 30;

/// What expires next.
enum Timer {
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
        self.step(format!("{} ms pass", by.as_millis()));
        let until = self.clock_ms.saturating_add(u64::try_from(by.as_millis()).unwrap_or(u64::MAX));
        self.run_clock_until(until);
        if let Some(Waiting::Media { action, ends_at: None }) = self.waiting.clone() {
            self.waiting = None;
            let results = self.media_results(&action, None);
            self.finished(action, results);
        }
        self.settle();
        self
    }

    /// Fires every timer due by `until`, moving the clock to each in turn, then to `until`.
    pub(super) fn run_clock_until(&mut self, until: u64) {
        while let Some((at, timer)) = self.next_timer().filter(|(at, _)| *at <= until) {
            if self.ended {
                break;
            }
            self.clock_ms = self.clock_ms.max(at);
            self.fire(timer);
            self.run();
        }
        self.clock_ms = self.clock_ms.max(until);
    }

    /// The earliest timer and when it expires.
    fn next_timer(&self) -> Option<(u64, Timer)> {
        let waiting = match &self.waiting {
            Some(Waiting::Digits(c)) => Some((self.digits_deadline(c), Timer::Digits)),
            Some(Waiting::Bridge { gives_up_at, .. }) => Some((*gives_up_at, Timer::Bridge)),
            Some(Waiting::Media { ends_at: Some(at), .. }) => Some((*at, Timer::Media)),
            _ => None,
        };
        let flush = self.flush_at.map(|at| (at, Timer::Flush));
        match (waiting, flush) {
            (Some(w), Some(f)) => Some(if f.0 < w.0 { f } else { w }),
            (w, f) => w.or(f),
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
                let Some(Waiting::Digits(c)) = self.waiting.take() else { return };
                if c.last_key.is_some() {
                    self.service("the caller stopped pressing keys: the input ends".into());
                    self.input_ended(c, None);
                } else {
                    self.service("nothing was pressed in time".into());
                    self.attempt_failed(c);
                }
            }
            Timer::Bridge => {
                let Some(Waiting::Bridge { action, leg_b, .. }) = self.waiting.take() else {
                    return;
                };
                self.service("LEG-B did not answer within CallTimeoutSeconds".into());
                self.not_answered(action, leg_b);
            }
            Timer::Media => {
                let Some(Waiting::Media { action, .. }) = self.waiting.take() else { return };
                self.service(format!("{} reached its duration", action.type_name()));
                let results = self.media_results(&action, None);
                self.finished(action, results);
            }
            Timer::Flush => {
                self.flush_at = None;
                if !self.buffered_digits.is_empty() {
                    self.service(format!(
                        "flushes {:?}: no match within FlushDigitsDurationInMilliseconds",
                        self.buffered_digits
                    ));
                    self.buffered_digits.clear();
                }
            }
        }
    }

    /// When an action held by [`Simulator::hold_media`] ends by itself: the length of a Pause,
    /// the `DurationInSeconds` of a RecordAudio; unknown for PlayAudio.
    pub(super) fn media_end(&self, action: &Action) -> Option<u64> {
        let length_ms = match action {
            Action::Pause(p) => p.duration_in_milliseconds.map(u64::from),
            Action::RecordAudio(r) => r.duration_in_seconds.map(|s| u64::from(s) * 1000),
            _ => None,
        };
        length_ms.map(|ms| self.clock_ms + ms)
    }

    /// When a CallAndBridge started now gives up on LEG-B.
    pub(super) fn bridge_deadline(&self, action: &CallAndBridge) -> u64 {
        let seconds = action.call_timeout_seconds.map_or(CALL_TIMEOUT_DEFAULT_S, u64::from);
        self.clock_ms + seconds * 1000
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
        self.legs.retain(|p| p.call_id != leg_b);
        self.failed(
            Action::CallAndBridge(action),
            ErrorType::CallNotAnswered,
            "Call not answered".into(),
        );
    }
}
