//! Recording invocations for replay: one JSON line per invocation with the event and the
//! response, call data pseudonymized consistently within a call.

use serde_json::{Map, Value};
use siphasher::sip::SipHasher13;
use std::hash::Hasher;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

/// The `"sma"` marker of a recorded line.
pub const RECORD_MARKER: &str = "invocation";

/// Writes, for every invocation an [`App`](crate::App) answers, one JSON line with the event
/// and the response, to stdout (CloudWatch Logs on Lambda) or a writer of your choice:
///
/// ```text
/// {"sma":"invocation","pseudonymized":true,"event":{…},"response":{…}}
/// ```
///
/// `sma_core::testing::replay` reads these lines back and replays them against new code.
///
/// Phone numbers (`To`, `From`, `Uri`, `CallerIdNumber`), SIP header values and transaction
/// attribute values are replaced by stand-ins unless [`Recorder::raw_values`] is chosen. A
/// stand-in is a keyed hash of the value: the same number gets the same stand-in everywhere in
/// a call (the flow still makes sense), numbers stay numbers (`+1999…`, an area code no phone
/// has). The key is the call's `TransactionId` unless you give one with [`Recorder::key`]:
/// with the default key, someone holding the log can test guesses of a number against its
/// stand-in; with a secret key, they cannot. Digits the caller pressed and spoken text are
/// kept as they are (a replay needs them).
///
/// ```
/// use sma_core::App;
/// use sma_core::Recorder;
/// let app = App::new(sma_core::handlers![]).record(Recorder::stdout().key(b"from a secret store"));
/// # drop(app);
/// ```
#[derive(Clone)]
pub struct Recorder {
    sink: Sink,
    raw: bool,
    key: Option<Arc<[u8]>>,
}

#[derive(Clone)]
enum Sink {
    Stdout,
    Writer(Arc<Mutex<dyn Write + Send>>),
}

impl Recorder {
    /// Records to stdout, one line per invocation (on Lambda: CloudWatch Logs).
    pub fn stdout() -> Self {
        Recorder { sink: Sink::Stdout, raw: false, key: None }
    }

    /// Records to `writer`, one line per invocation.
    ///
    /// ```
    /// let recorder = sma_core::Recorder::to_writer(std::io::sink());
    /// # drop(recorder);
    /// ```
    pub fn to_writer(writer: impl Write + Send + 'static) -> Self {
        Recorder { sink: Sink::Writer(Arc::new(Mutex::new(writer))), raw: false, key: None }
    }

    /// Keeps phone numbers, SIP header values and attribute values as they are.
    pub fn raw_values(mut self) -> Self {
        self.raw = true;
        self
    }

    /// Derives stand-ins from `secret` instead of the call's `TransactionId`: stand-ins stay
    /// consistent across calls, and cannot be reversed without the secret. A replay of such a
    /// log needs the same secret.
    pub fn key(mut self, secret: &[u8]) -> Self {
        self.key = Some(secret.into());
        self
    }

    /// Writes the line for one invocation. A write error is logged, never raised: recording
    /// must not cost a call.
    pub(crate) fn record(&self, mut event: Value, response: &impl serde::Serialize) {
        let mut response = serde_json::to_value(response).unwrap_or(Value::Null);
        if !self.raw {
            let key = StandIns::for_event(self.key.as_deref(), &event);
            key.apply(&mut event);
            key.apply(&mut response);
        }
        let line = serde_json::json!({
            "sma": RECORD_MARKER,
            "pseudonymized": !self.raw,
            "event": event,
            "response": response,
        });
        let mut text = line.to_string();
        text.push('\n');
        let written = match &self.sink {
            Sink::Stdout => std::io::stdout().lock().write_all(text.as_bytes()),
            Sink::Writer(w) => {
                w.lock().unwrap_or_else(PoisonError::into_inner).write_all(text.as_bytes())
            }
        };
        if let Err(e) = written {
            tracing::warn!(error = %e, "cannot write the recording of this invocation");
        }
    }
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sink = match self.sink {
            Sink::Stdout => "stdout",
            Sink::Writer(_) => "writer",
        };
        f.debug_struct("Recorder")
            .field("sink", &sink)
            .field("raw", &self.raw)
            .field("key", &self.key.as_ref().map(|_| "…"))
            .finish()
    }
}

/// The stand-ins of one call: a keyed hash of each value.
///
/// ```
/// use sma_core::StandIns;
/// let call = serde_json::json!({"CallDetails": {"TransactionId": "t-1", "Participants": [
///     {"From": "+14155550199", "To": "+12065550100"}]}});
/// let stand_ins = StandIns::for_event(None, &call);
/// let mut copy = call.clone();
/// stand_ins.apply(&mut copy);
/// let from = copy["CallDetails"]["Participants"][0]["From"].as_str().unwrap().to_owned();
/// assert!(from.starts_with("+1999") && from.len() == 12);
/// // Idempotent: a stand-in stays itself.
/// stand_ins.apply(&mut copy);
/// assert_eq!(copy["CallDetails"]["Participants"][0]["From"], from.as_str());
/// ```
#[derive(Debug, Clone)]
pub struct StandIns {
    k0: u64,
    k1: u64,
}

/// Keys whose values are phone numbers, wherever they appear.
const PHONE_KEYS: &[&str] = &["To", "From", "Uri", "CallerIdNumber"];
/// Keys whose object values are all call data.
const VALUE_MAPS: &[&str] = &["SipHeaders", "TransactionAttributes"];
/// The prefix of a phone number stand-in: +1 999 is no area code.
const PHONE_STAND_IN: &str = "+1999";
/// The prefix of any other stand-in.
const VALUE_STAND_IN: &str = "pseudo-";

impl StandIns {
    /// The stand-ins for the call of `event`: keyed by `secret`, or else by the event's
    /// `TransactionId`.
    pub fn for_event(secret: Option<&[u8]>, event: &Value) -> Self {
        let transaction =
            event.pointer("/CallDetails/TransactionId").and_then(Value::as_str).unwrap_or_default();
        let material = secret.unwrap_or(transaction.as_bytes());
        let derive = |salt: u64| {
            let mut h = SipHasher13::new_with_keys(salt, 0x736d_612d_7265_636f);
            h.write(material);
            h.finish()
        };
        StandIns { k0: derive(1), k1: derive(2) }
    }

    /// Replaces the call data in `value` (an event or a response) by stand-ins.
    pub fn apply(&self, value: &mut Value) {
        match value {
            Value::Object(map) => self.apply_object(map),
            Value::Array(items) => items.iter_mut().for_each(|v| self.apply(v)),
            _ => {}
        }
    }

    fn apply_object(&self, map: &mut Map<String, Value>) {
        for (key, value) in map.iter_mut() {
            if PHONE_KEYS.contains(&key.as_str()) {
                if let Value::String(s) = value {
                    if looks_like_a_number(s) {
                        *s = self.phone(s);
                    }
                }
            } else if VALUE_MAPS.contains(&key.as_str()) {
                if let Value::Object(values) = value {
                    values.values_mut().for_each(|v| self.all_strings(v));
                }
            } else {
                self.apply(value);
            }
        }
    }

    /// Every string inside `value` (an attribute may hold an object).
    fn all_strings(&self, value: &mut Value) {
        match value {
            Value::String(s) => *s = self.text(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.all_strings(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.all_strings(v)),
            _ => {}
        }
    }

    fn hash(&self, s: &str) -> u64 {
        let mut h = SipHasher13::new_with_keys(self.k0, self.k1);
        h.write(s.as_bytes());
        h.finish()
    }

    fn phone(&self, number: &str) -> String {
        if is_phone_stand_in(number) {
            return number.to_owned();
        }
        format!("{PHONE_STAND_IN}{:07}", self.hash(number) % 10_000_000)
    }

    fn text(&self, value: &str) -> String {
        if value.starts_with(VALUE_STAND_IN) || value.is_empty() {
            return value.to_owned();
        }
        format!("{VALUE_STAND_IN}{:016x}", self.hash(value))
    }
}

fn is_phone_stand_in(s: &str) -> bool {
    s.len() == PHONE_STAND_IN.len() + 7
        && s.starts_with(PHONE_STAND_IN)
        && s[PHONE_STAND_IN.len()..].bytes().all(|b| b.is_ascii_digit())
}

/// A PSTN number (E.164, or digits as some captures show), not a SIP user part such as
/// `"SMA"` or a Voice Connector extension of letters.
fn looks_like_a_number(s: &str) -> bool {
    let digits = s.strip_prefix('+').unwrap_or(s);
    digits.len() >= 7 && digits.bytes().all(|b| b.is_ascii_digit() || b == b' ' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_ins_are_consistent_within_a_call_and_differ_between_keys() {
        let event = serde_json::json!({"CallDetails": {"TransactionId": "t-1"}});
        let a = StandIns::for_event(None, &event);
        let other = StandIns::for_event(
            None,
            &serde_json::json!({"CallDetails": {"TransactionId": "t-2"}}),
        );
        let secret = StandIns::for_event(Some(b"s"), &event);
        assert_eq!(a.phone("+14155550199"), a.phone("+14155550199"));
        assert_ne!(a.phone("+14155550199"), a.phone("+14155550198"));
        assert_ne!(a.phone("+14155550199"), other.phone("+14155550199"));
        assert_ne!(a.phone("+14155550199"), secret.phone("+14155550199"));
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
        StandIns::for_event(None, &v.clone()).apply(&mut v);
        let p = &v["CallDetails"]["Participants"][0];
        assert!(p["From"].as_str().unwrap().starts_with("+1999"));
        assert_eq!(p["To"], "SMA");
        assert!(p["SipHeaders"]["X-Account"].as_str().unwrap().starts_with("pseudo-"));
        let attrs = &v["CallDetails"]["TransactionAttributes"];
        assert!(attrs["tier"].as_str().unwrap().starts_with("pseudo-"));
        assert!(attrs["n"]["deep"].as_str().unwrap().starts_with("pseudo-"));
        let params = &v["ActionData"]["Parameters"];
        assert_eq!(params["CallerIdNumber"], p["From"], "the same number, the same stand-in");
        assert_eq!(params["Endpoints"][0]["Uri"], "agent");
        assert_eq!(v["ActionData"]["ReceivedDigits"], "1234");
        assert_eq!(v["CallDetails"]["TransactionId"], "t-1");
    }
}
