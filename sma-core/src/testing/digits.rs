//! Digits: collecting them for a `*GetDigits` action, and the background `ReceiveDigits`
//! listener.

use super::matcher::DigitsMatcher;
use super::service::{Results, collection};
use super::{Simulator, Waiting};
use crate::contract::action::*;
use crate::contract::event::{ActionData, EventType};

impl Simulator {
    pub(super) fn digits_entered(
        &mut self,
        action: Action,
        attempts_left: u32,
        keys: Option<&str>,
    ) {
        let Some(d) = collection(&action) else { return };
        let (regex, min, max, terminators) = (
            d.input_digits_regex.clone(),
            d.min_number_of_digits,
            d.max_number_of_digits,
            d.terminator_digits.clone(),
        );
        let terminators = terminators.unwrap_or_else(|| vec![DtmfKey::Pound]);
        let valid = keys.and_then(|keys| {
            let digits =
                terminators.iter().find_map(|t| keys.strip_suffix(t.as_str())).unwrap_or(keys);
            let n = u32::try_from(digits.chars().count()).unwrap_or(u32::MAX);
            let count_ok = n >= min.unwrap_or(0) && n <= max.unwrap_or(128) && n > 0;
            let regex_ok = regex.as_ref().is_none_or(|r| {
                let re = DigitsMatcher::new(r.as_str());
                re.is_match(digits) || re.is_match(keys)
            });
            (count_ok && regex_ok).then(|| digits.to_owned())
        });
        self.waiting = None;
        match valid {
            Some(digits) => self.finished(
                action,
                Results { digits: Some(digits), force_report: true, ..Results::default() },
            ),
            None if attempts_left > 1 => {
                self.service("plays the failure prompt and asks again".into());
                self.waiting = Some(Waiting::Digits { action, attempts_left: attempts_left - 1 });
            }
            None => {
                let error = self.readings.digits_exhausted.clone();
                self.failed(action, error, "No valid digits were entered.".into());
            }
        }
    }

    /// Digits pressed while no `*GetDigits` action waits: a ReceiveDigits listener, if armed.
    pub(super) fn listen(&mut self, keys: &str) {
        let Some(listener) = self.listener.clone() else {
            self.service("discards the digits: nothing is listening".into());
            return;
        };
        self.buffered_digits.push_str(keys);
        let matched = listener
            .input_digits_regex
            .as_ref()
            .is_some_and(|r| DigitsMatcher::new(r.as_str()).is_match(&self.buffered_digits));
        if !matched {
            self.service(format!("buffers {:?}: no match yet", self.buffered_digits));
            return;
        }
        let digits = std::mem::take(&mut self.buffered_digits);
        if !self.readings.listener_persists {
            self.listener = None;
        }
        let mut data = ActionData::new(Action::ReceiveDigits(listener));
        data.received_digits = Some(digits);
        let r = self.send(EventType::DigitsReceived, Some(data), None);
        self.take_list(r);
    }
}
