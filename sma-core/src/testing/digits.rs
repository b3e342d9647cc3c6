//! Digits: collecting them key by key for a `*GetDigits` action, and the background
//! `ReceiveDigits` listener.
//!
//! See [PlayAudioAndGetDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/play-audio-get-digits.html),
//! [SpeakAndGetDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/speak-and-get-digits.html)
//! and [ReceiveDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/listen-to-digits.html).

use super::readings::{EmptyInput, KeysDuringMedia};
use super::service::{Results, collection, media_terminators};
use super::{Collecting, Simulator, Waiting};
use crate::contract::action::*;
use crate::contract::digits_matcher::DigitsMatcher;
use crate::contract::event::{ActionData, EventType};

impl Simulator {
    /// One key reaches the service at the current time: it goes to the `*GetDigits` action
    /// collecting, ends media it terminates, is DTMF input to a bot, or goes to the
    /// ReceiveDigits listener; else a prompt is playing and it is lost or kept (see
    /// [`KeysDuringMedia`]), or nothing listens.
    pub(super) fn key(&mut self, key: char) {
        match self.list.waiting.take() {
            Some(Waiting::Digits(c)) => self.collect(c, key),
            Some(Waiting::Media { action, .. })
                if media_terminators(&action).iter().any(|t| is_key(t, key)) =>
            {
                self.service(format!("{} stopped by the terminator {key}", action.type_name()));
                let terminator = DtmfKey::from(key.to_string().as_str());
                let results = self.media_results(&action, Some(terminator));
                self.finished(action, results);
            }
            Some(Waiting::Bot { action, mut keys, ends_at, .. }) => {
                // start-bot-conversation: `#` ends a DTMF input, `*` cancels it.
                let last_key = match key {
                    '#' => {
                        self.service(format!("the bot gets the DTMF input {keys:?} (# ends it)"));
                        self.record.bot_inputs.push(std::mem::take(&mut keys));
                        None
                    }
                    '*' => {
                        self.service(format!("the caller cancels the DTMF input {keys:?} (*)"));
                        keys.clear();
                        None
                    }
                    _ => {
                        keys.push(key);
                        Some(self.call.clock_ms)
                    }
                };
                self.list.waiting = Some(Waiting::Bot { action, keys, last_key, ends_at });
            }
            other => {
                let playing = matches!(other, Some(Waiting::Media { .. }));
                self.list.waiting = other;
                if self.keys.listener.is_none()
                    && playing
                    && self.script.readings.keys_during_media == KeysDuringMedia::KeptForNextInput
                {
                    self.service(format!("keeps {key} for the next input"));
                    self.keys.kept.push(key);
                } else {
                    self.listen(key);
                }
            }
        }
    }

    /// A key for the attempt in progress: a terminator ends the input (and is not part of the
    /// digits); reaching `MaxNumberOfDigits` ends it too.
    pub(super) fn collect(&mut self, mut c: Collecting, key: char) {
        let d = collection(&c.action);
        let terminators = d.and_then(|d| d.terminator_digits.clone());
        let is_terminator = match &terminators {
            Some(keys) => keys.iter().any(|t| is_key(t, key)),
            None => key == '#',
        };
        if is_terminator {
            return self.input_ended(c, Some(key));
        }
        c.entered.push(key);
        c.last_key = Some(self.call.clock_ms);
        let max = d.and_then(|d| d.max_number_of_digits).unwrap_or(defaults::MAX_NUMBER_OF_DIGITS);
        if u32::try_from(c.entered.chars().count()).unwrap_or(u32::MAX) >= max {
            self.service(format!("MaxNumberOfDigits ({max}) reached: the input ends"));
            return self.input_ended(c, None);
        }
        self.list.waiting = Some(Waiting::Digits(c));
    }

    /// The input of an attempt ended (terminator, maximum, or the gap after the last key):
    /// success when it has enough digits and the regex accepts them, else the attempt fails.
    pub(super) fn input_ended(&mut self, c: Collecting, terminator: Option<char>) {
        let Some(d) = collection(&c.action) else { return };
        let n = u32::try_from(c.entered.chars().count()).unwrap_or(u32::MAX);
        let min = d.min_number_of_digits.unwrap_or(defaults::MIN_NUMBER_OF_DIGITS);
        let max = d.max_number_of_digits.unwrap_or(defaults::MAX_NUMBER_OF_DIGITS);
        let empty_ok = n > 0
            || (terminator.is_some() && self.script.readings.empty_input == EmptyInput::Accepted);
        let count_ok = n >= min && n <= max && empty_ok;
        let regex_ok = d.input_digits_regex.as_ref().is_none_or(|r| {
            let re = DigitsMatcher::new(r.as_str());
            let with_terminator = terminator.map(|t| format!("{}{t}", c.entered));
            re.is_match(&c.entered) || with_terminator.is_some_and(|k| re.is_match(&k))
        });
        if count_ok && regex_ok {
            let digits = c.entered;
            self.finished(
                c.action,
                Results { digits: Some(digits), force_report: true, ..Results::default() },
            );
        } else {
            self.service(format!("{:?} is not a valid input", c.entered));
            self.attempt_failed(c);
        }
    }

    /// A failed attempt: the failure prompt and another attempt, or ACTION_FAILED when none is
    /// left.
    pub(super) fn attempt_failed(&mut self, c: Collecting) {
        if c.attempts_left > 1 {
            self.service("plays the failure prompt and asks again".into());
            let prompt = self.prompt_length(&c.action, true);
            self.list.waiting = Some(Waiting::Digits(Collecting {
                attempts_left: c.attempts_left - 1,
                entered: String::new(),
                attempt_started: self.call.clock_ms + prompt,
                last_key: None,
                action: c.action,
            }));
        } else {
            let error = self.script.readings.digits_exhausted.clone();
            self.failed(c.action, error, "No valid digits were entered.".into());
        }
    }

    /// A key pressed while no `*GetDigits` action waits: buffered for a ReceiveDigits
    /// listener, if armed. The listener checks the buffer against its regex once
    /// `InBetweenDigitsDurationInMilliseconds` pass without a key (listen-to-digits page), and
    /// discards it when `FlushDigitsDurationInMilliseconds` pass without a match (the timer
    /// restarts with each key).
    pub(super) fn listen(&mut self, key: char) {
        let Some(listener) = self.keys.listener.clone() else {
            let why = match self.list.waiting {
                Some(Waiting::Media { ref action, .. }) => {
                    format!("{} is playing and nothing collects digits", action.type_name())
                }
                _ => "nothing is listening".to_owned(),
            };
            self.service(format!("discards {key}: {why}"));
            return;
        };
        self.keys.buffered.push(key);
        let now = self.call.clock_ms;
        self.keys.check_at =
            Some(now + listener.in_between_digits_duration_in_milliseconds.map_or(0, u64::from));
        self.keys.flush_at =
            listener.flush_digits_duration_in_milliseconds.map(|ms| now + u64::from(ms));
    }

    /// The listener's check, `InBetweenDigitsDurationInMilliseconds` after the last key:
    /// DIGITS_RECEIVED when the buffered digits match, else they stay buffered until the flush.
    pub(super) fn check_buffer(&mut self) {
        let Some(listener) = self.keys.listener.clone() else { return };
        let matched = listener
            .input_digits_regex
            .as_ref()
            .is_some_and(|r| DigitsMatcher::new(r.as_str()).is_match(&self.keys.buffered));
        if !matched {
            self.service(format!("checks {:?}: no match yet", self.keys.buffered));
            return;
        }
        let digits = std::mem::take(&mut self.keys.buffered);
        self.keys.flush_at = None;
        if !self.script.readings.listener_persists {
            self.keys.listener = None;
        }
        let mut data = ActionData::new(Action::ReceiveDigits(listener));
        data.received_digits = Some(digits.into());
        let r = self.send(EventType::DigitsReceived, Some(data), None);
        self.take_list(r);
    }
}

/// `t` is the key `key`.
fn is_key(t: &DtmfKey, key: char) -> bool {
    let mut chars = t.as_str().chars();
    chars.next() == Some(key) && chars.next().is_none()
}
