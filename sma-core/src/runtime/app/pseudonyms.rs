//! Pseudonyms: keyed hashes that replace call data in recorded invocations (see
//! [`Recorder`](super::record::Recorder)).

use super::redact::{CallValues, FREE_TEXT_KEYS, PHONE_KEYS, VALUE_KEYS, VALUE_MAPS, number_spans};
use serde_json::{Map, Value};
use siphasher::sip::SipHasher13;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

/// The pseudonyms of one call: each phone number, header value and attribute value of the call
/// replaced by a keyed hash of itself (a *pseudonym*; `StandIns` in earlier versions), the
/// same every time it appears, so that a recorded call keeps its shape (the same caller twice is
/// the same pseudonym twice) without its data. Phone numbers become `+1999…` numbers (no such
/// area code), other values `pseudo-…`.
///
/// ```
/// use sma_core::Pseudonyms;
/// let call = serde_json::json!({"CallDetails": {"TransactionId": "t-1", "Participants": [
///     {"From": "+14155550199", "To": "+12065550100"}]}});
/// let pseudonyms = Pseudonyms::for_event(None, &call);
/// let mut copy = call.clone();
/// pseudonyms.apply(&mut copy);
/// let from = copy["CallDetails"]["Participants"][0]["From"].as_str().unwrap().to_owned();
/// assert!(from.starts_with("+1999") && from.len() == 12);
/// // Idempotent: a pseudonym stays itself.
/// pseudonyms.apply(&mut copy);
/// assert_eq!(copy["CallDetails"]["Participants"][0]["From"], from.as_str());
/// ```
#[derive(Debug, Clone)]
pub struct Pseudonyms {
    k0: u64,
    k1: u64,
    /// The call's own values, found again in free text.
    values: CallValues,
}

/// The earlier name of [`Pseudonyms`].
///
/// ```
/// #[allow(deprecated)]
/// let _ = sma_core::StandIns::for_event(None, &serde_json::Value::Null);
/// ```
#[doc(hidden)]
#[deprecated(since = "0.2.0", note = "renamed `Pseudonyms`")]
pub type StandIns = Pseudonyms;

/// The prefix of a phone number pseudonym: +1 999 is no area code.
const PHONE_STAND_IN: &str = "+1999";
/// The prefix of any other pseudonym.
const VALUE_STAND_IN: &str = "pseudo-";

impl Pseudonyms {
    /// The pseudonyms for the call of `event`: keyed by `secret`, or else by a random key drawn
    /// once per process (nothing in a recorded line gives it away).
    pub fn for_event(secret: Option<&[u8]>, event: &Value) -> Self {
        let (k0, k1) = match secret {
            Some(material) => {
                let derive = |salt: u64| {
                    let mut h = SipHasher13::new_with_keys(salt, 0x736d_612d_7265_636f);
                    h.write(material);
                    h.finish()
                };
                (derive(1), derive(2))
            }
            None => process_key(),
        };
        Pseudonyms { k0, k1, values: CallValues::of_event(event) }
    }

    /// Replaces the call data in `value` (an event or a response) by pseudonyms.
    pub fn apply(&self, value: &mut Value) {
        match value {
            Value::Object(map) => self.apply_object(map),
            Value::Array(items) => items.iter_mut().for_each(|v| self.apply(v)),
            _ => {}
        }
    }

    fn apply_object(&self, map: &mut Map<String, Value>) {
        for (key, value) in map.iter_mut() {
            let key = key.as_str();
            if PHONE_KEYS.contains(&key) {
                match value {
                    Value::String(s) if looks_like_a_number(s) => *s = self.phone(s),
                    // A SIP or tel: URI, a national format: the numbers inside it.
                    Value::String(s) => *s = self.free_text(s),
                    Value::Number(n) => *value = Value::String(self.phone(&n.to_string())),
                    _ => self.apply(value),
                }
            } else if VALUE_MAPS.contains(&key) {
                match value {
                    Value::Object(values) => values.values_mut().for_each(|v| self.all_values(v)),
                    other => self.all_values(other),
                }
            } else if VALUE_KEYS.contains(&key) {
                self.all_values(value);
            } else if FREE_TEXT_KEYS.contains(&key) {
                match value {
                    Value::String(s) => *s = self.free_text(s),
                    other => self.apply(other),
                }
            } else {
                self.apply(value);
            }
        }
    }

    /// Every string and number inside `value` (an attribute may hold an object).
    fn all_values(&self, value: &mut Value) {
        match value {
            Value::String(s) => *s = self.text(s),
            Value::Number(n) => *value = Value::String(self.text(&n.to_string())),
            Value::Array(items) => items.iter_mut().for_each(|v| self.all_values(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.all_values(v)),
            _ => {}
        }
    }

    /// Free text with the call's values and every number of seven or more digits replaced.
    fn free_text(&self, text: &str) -> String {
        self.values.replace(text, 7, |v| self.value_pseudonym(v), |n| self.number_pseudonym(n))
    }

    /// The pseudonym of one of the call's values found in text: a number's if it is one.
    fn value_pseudonym(&self, value: &str) -> String {
        if looks_like_a_number(value) { self.phone(value) } else { self.text(value) }
    }

    /// A number found in text: `+1999…` for one with a `+`, else as many digits as it had.
    fn number_pseudonym(&self, number: &str) -> String {
        if number.trim_start_matches('(').starts_with('+') {
            return self.phone(number);
        }
        let digits = number.bytes().filter(u8::is_ascii_digit).count();
        let h = self.hash(number);
        (0..digits).map(|i| char::from(b'0' + ((h >> (i % 16 * 4)) % 10) as u8)).collect()
    }

    fn hash(&self, s: &str) -> u64 {
        let mut h = SipHasher13::new_with_keys(self.k0, self.k1);
        h.write(s.as_bytes());
        h.finish()
    }

    fn phone(&self, number: &str) -> String {
        if is_phone_pseudonym(number) {
            return number.to_owned();
        }
        // The same number in any format, the same pseudonym.
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        format!("{PHONE_STAND_IN}{:07}", self.hash(&digits) % 10_000_000)
    }

    fn text(&self, value: &str) -> String {
        if value.starts_with(VALUE_STAND_IN) || value.is_empty() {
            return value.to_owned();
        }
        format!("{VALUE_STAND_IN}{:016x}", self.hash(value))
    }
}

fn is_phone_pseudonym(s: &str) -> bool {
    s.len() == PHONE_STAND_IN.len() + 7
        && s.starts_with(PHONE_STAND_IN)
        && s[PHONE_STAND_IN.len()..].bytes().all(|b| b.is_ascii_digit())
}

/// A PSTN number (E.164, or digits in any format), not a SIP user part such as `"SMA"` or a
/// Voice Connector extension of letters: the whole string is one number shape.
fn looks_like_a_number(s: &str) -> bool {
    number_spans(s, 7).first().is_some_and(|span| span.start == 0 && span.end == s.len())
}

/// A key drawn once per process from the operating system's randomness (through the standard
/// library's randomly seeded hasher: no other dependency).
fn process_key() -> (u64, u64) {
    static KEY: OnceLock<(u64, u64)> = OnceLock::new();
    *KEY.get_or_init(|| {
        let state = std::collections::hash_map::RandomState::new();
        (state.hash_one(0x0073_6d61_u64), state.hash_one(0x006b_6579_u64))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_consistent_and_differ_between_keys() {
        let event = serde_json::json!({"CallDetails": {"TransactionId": "t-1"}});
        let a = Pseudonyms::for_event(None, &event);
        let secret = Pseudonyms::for_event(Some(b"s"), &event);
        let again = Pseudonyms::for_event(Some(b"s"), &serde_json::json!(null));
        assert_eq!(a.phone("+14155550199"), a.phone("+14155550199"));
        assert_eq!(a.phone("+14155550199"), a.phone("+1 (415) 555-0199"), "any format");
        assert_ne!(a.phone("+14155550199"), a.phone("+14155550198"));
        assert_ne!(a.phone("+14155550199"), secret.phone("+14155550199"));
        assert_eq!(secret.phone("+14155550199"), again.phone("+14155550199"));
        assert_eq!(a.text("gold"), a.text("gold"));
        assert!(a.text("gold").starts_with("pseudo-"));
        assert_eq!(a.text(&a.text("gold")), a.text("gold"));
    }

    #[test]
    fn call_data_is_replaced_and_the_rest_kept() {
        let mut v = serde_json::json!({
            "CallDetails": {"TransactionId": "t-1",
                "TransactionAttributes": {"tier": "gold", "n": {"deep": "x"}},
                "Participants": [{"From": "+14155550199", "To": "SMA",
                    "SipHeaders": {"X-Account": "12345"}}]},
            "ActionData": {"Type": "CallAndBridge", "ReceivedDigits": "1234",
                "Parameters": {"CallerIdNumber": "+14155550199",
                    "Endpoints": [{"BridgeEndpointType": "AWS", "Uri": "agent"}]}}});
        Pseudonyms::for_event(None, &v.clone()).apply(&mut v);
        let p = &v["CallDetails"]["Participants"][0];
        assert!(p["From"].as_str().unwrap().starts_with("+1999"));
        assert_eq!(p["To"], "SMA");
        assert!(p["SipHeaders"]["X-Account"].as_str().unwrap().starts_with("pseudo-"));
        let attrs = &v["CallDetails"]["TransactionAttributes"];
        assert!(attrs["tier"].as_str().unwrap().starts_with("pseudo-"));
        assert!(attrs["n"]["deep"].as_str().unwrap().starts_with("pseudo-"));
        let params = &v["ActionData"]["Parameters"];
        assert_eq!(params["CallerIdNumber"], p["From"], "the same number, the same pseudonym");
        assert_eq!(params["Endpoints"][0]["Uri"], "agent");
        assert_eq!(v["ActionData"]["ReceivedDigits"], "1234");
        assert_eq!(v["CallDetails"]["TransactionId"], "t-1");
    }
}
