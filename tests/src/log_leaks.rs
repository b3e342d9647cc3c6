//! What the Lambda path logs for one input, captured at TRACE, and an oracle of the call data
//! that must not be in it: written from the spec's list of the fields that hold phone numbers
//! and call values, not from `sma-core`'s redaction, so that it checks that code rather than
//! repeating it.

use serde_json::Value;
use std::cell::RefCell;
use tracing::Dispatch;

/// Fields whose values are phone numbers (the contract's §1a "Participant": `From` and `To`;
/// §1d-1 `CallAndBridge`: `CallerIdNumber` and the endpoints' `Uri`).
const PHONE_FIELDS: &[&str] = &["From", "To", "CallerIdNumber", "Uri"];
/// Objects whose values are all call data: SIP headers, transaction attributes, the arguments of
/// a call update, a bot's session attributes.
const CALL_DATA_MAPS: &[&str] =
    &["SipHeaders", "TransactionAttributes", "Arguments", "ArgumentsMap", "SessionAttributes"];
/// Fields the framework logs as they are, by design (the span of each invocation): a call value
/// that is part of one of these may be found in the logs through it.
const LOGGED_FIELDS: &[&str] = &[
    "TransactionId",
    "CallId",
    "ParticipantTag",
    "InvocationEventType",
    "InvocationEvent",
    "Type",
];
/// Values with fewer ASCII digits are not checked: they are not numbers a caller can be found
/// by, and short ones turn up in ordinary text.
const MIN_DIGITS: usize = 7;

thread_local! {
    static LOGS: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static DISPATCH: Dispatch = Dispatch::new(
        tracing_subscriber::fmt()
            .with_ansi(false)
            .without_time()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(|| Sink)
            .finish(),
    );
}

/// Appends to this thread's [`LOGS`].
struct Sink;

impl std::io::Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        LOGS.with_borrow_mut(|logs| logs.extend_from_slice(bytes));
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `f` with a subscriber that writes every span and event, TRACE included, as
/// `tracing-subscriber`'s text (Lambda mode's default format, here with targets and without its
/// level filter), and returns what it wrote on this thread. A current-thread Tokio runtime's `block_on` inside `f` logs here.
pub fn logged<R>(f: impl FnOnce() -> R) -> (R, String) {
    LOGS.with_borrow_mut(Vec::clear);
    let result = DISPATCH.with(|dispatch| tracing::dispatcher::with_default(dispatch, f));
    let logs = LOGS.with_borrow_mut(|logs| String::from_utf8_lossy(&std::mem::take(logs)).into());
    (result, logs)
}

/// Panics when `logs` hold, as it was sent, a phone number or a call value of the event in
/// `bytes` that has at least seven digits, unless it is part of a key or of a field the
/// framework logs by design. Bytes that are not JSON have no values to look for.
pub fn assert_no_call_data(bytes: &[u8], logs: &str) {
    let Ok(event) = serde_json::from_slice::<Value>(bytes) else { return };
    let (mut secrets, mut logged) = (Vec::new(), Vec::new());
    collect(&event, None, false, &mut secrets, &mut logged);
    for secret in secrets {
        let digits = secret.chars().filter(char::is_ascii_digit).count();
        if digits < MIN_DIGITS || logged.iter().any(|l| l.contains(secret.as_str())) {
            continue;
        }
        assert!(!logs.contains(secret.as_str()), "call data {secret:?} is in the logs:\n{logs}");
    }
}

/// The call data under `value` (`secret`: inside a map of call data), and what the framework
/// may log by design: every key (an error names the path it read), the values of
/// [`LOGGED_FIELDS`], and every JSON number (the span's sequence; no call value of the
/// contract is a number).
fn collect(
    value: &Value,
    key: Option<&str>,
    secret: bool,
    secrets: &mut Vec<String>,
    logged: &mut Vec<String>,
) {
    match value {
        Value::String(s) => {
            if secret || key.is_some_and(|k| PHONE_FIELDS.contains(&k)) {
                secrets.push(s.clone());
            }
            if key.is_some_and(|k| LOGGED_FIELDS.contains(&k)) {
                logged.push(s.clone());
            }
        }
        Value::Number(n) => logged.push(n.to_string()),
        Value::Array(items) => {
            for item in items {
                collect(item, key, secret, secrets, logged);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                logged.push(k.clone());
                let inside = secret || CALL_DATA_MAPS.contains(&k.as_str());
                collect(v, Some(k), inside, secrets, logged);
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}
