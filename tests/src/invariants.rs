//! The invariants the fuzz targets (`fuzz/`) and the bounded property test
//! (`tests/invariants.rs`) check on arbitrary input. Each function panics, with what broke, when
//! its invariant does not hold, and returns normally otherwise.

use crate::log_leaks;
use crate::normalize::{normalize_invocation, normalize_response};
use crate::spec_limits;
use serde_json::Value;
use sma_core::prelude::*;
use sma_core::response::{Envelope, Limits};
use sma_core::testing::DigitsMatcher;
use sma_core::{Invocation, Router};
use sma_syntax::regex::{DigitsRegex, RegexErrorKind};

/// Reading an invocation never panics; what reads writes a canonical form that reads back to the
/// same value, and equals the input up to the documented normalizations.
pub fn invocation(bytes: &[u8]) {
    let Ok(event) = Invocation::from_slice(bytes) else { return };
    // An oracle independent of the model: what the bytes say, read with plain JSON pointers.
    let raw: Value = serde_json::from_slice(bytes).expect("it read, so it is JSON");
    // The join-chime-meeting page spells the key `InvocationEvent` (spec §1a).
    let kind = raw.get("InvocationEventType").or_else(|| raw.get("InvocationEvent"));
    assert_eq!(
        kind.and_then(Value::as_str),
        Some(event.event_type.as_str()),
        "the event type read is not the one sent"
    );
    assert_eq!(
        raw.pointer("/CallDetails/TransactionId").and_then(Value::as_str),
        Some(event.call_details.transaction_id.as_str()),
        "the transaction id read is not the one sent"
    );
    let legs = raw.pointer("/CallDetails/Participants").and_then(Value::as_array).map(Vec::len);
    assert_eq!(legs, Some(event.call_details.participants.len()), "legs were lost or added");
    let written = serde_json::to_value(&event).expect("a read invocation serializes");
    let again: Invocation =
        serde_json::from_value(written.clone()).expect("the canonical form reads");
    assert_eq!(again, event, "the canonical form reads back to another value: {written}");
    let mut expected: Value = serde_json::from_slice(bytes).expect("it read, so it is JSON");
    normalize_invocation(&mut expected);
    let d = diff(&written, &expected);
    assert!(d.is_empty(), "serialize(parse(x)) != normalize(x): {}", d.join("; "));
}

/// Where two JSON values differ: `path: written vs expected`.
pub fn diff(written: &Value, expected: &Value) -> Vec<String> {
    fn walk(a: &Value, b: &Value, at: &str, out: &mut Vec<String>) {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                    let path = format!("{at}/{k}");
                    match (x.get(k), y.get(k)) {
                        (Some(p), Some(q)) => walk(p, q, &path, out),
                        (p, q) => out.push(format!("{path}: {p:?} vs {q:?}")),
                    }
                }
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (p, q)) in x.iter().zip(y).enumerate() {
                    walk(p, q, &format!("{at}/{i}"), out);
                }
            }
            (p, q) if p != q => out.push(format!("{at}: {p} vs {q}")),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(written, expected, "", &mut out);
    out
}

/// Reading and checking a response never panics; an accepted response round-trips up to the
/// documented normalizations, `sma`'s writer writes it as `serde_json` does, byte for byte,
/// and what validation accepts the envelope check accepts.
pub fn response(bytes: &[u8]) {
    let Ok(raw) = serde_json::from_slice::<Value>(bytes) else { return };
    let Ok(envelope) = Envelope::check_json(&raw, &Limits::CURRENT) else { return };
    let _ = envelope.review(&Limits::CURRENT, None);
    if envelope.validate(&Limits::CURRENT, None).is_ok() {
        assert!(envelope.check(&Limits::CURRENT).is_ok(), "validate accepted what check rejects");
        // The independent oracle: the limits of the spec's tables.
        let broken = spec_limits::broken(&raw);
        assert!(broken.is_empty(), "validate accepted a response the spec refuses: {broken:?}");
    }
    // The response writer against serde_json's: the same bytes.
    let bytes = envelope.to_vec();
    assert_eq!(bytes, serde_json::to_vec(&envelope).expect("an envelope serializes"));
    let written: Value = serde_json::from_slice(&bytes).expect("the response is JSON");
    let mut expected = raw;
    normalize_response(&mut expected);
    let d = diff(&written, &expected);
    assert!(d.is_empty(), "serialize(parse(x)) != normalize(x): {}", d.join("; "));
}

#[on(NewInboundCall)]
async fn greet(call: Call) -> Actions {
    let caller = call.leg_a();
    Actions::new()
        .then(caller.speak("Welcome."))
        .then(caller.speak_and_get_digits("Press 1.", "Sorry?").input_regex(regex!("^1$")))
}

#[on(ActionSuccessful, action = SpeakAndGetDigits)]
async fn chosen(call: Call, digits: Digits, state: Option<State<Menu>>) -> Response {
    let tries = state.map_or(0, |s| s.tries) + 1;
    let actions = if digits == "1" {
        call.hang_up_all()
    } else {
        Actions::from(call.leg_a().speak("Again."))
    };
    Response::new(actions).state(&Menu { tries })
}

#[on(Hangup)]
async fn gone(call: Call) -> Actions {
    call.hang_up_all()
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Menu {
    tries: u32,
}

/// A small route table, for [`whole_path`].
pub fn router() -> Router {
    handlers![greet, chosen, gone]
}

/// The whole path the Lambda runs, bytes to bytes through [`App::handle_slice`], whatever the
/// bytes: never panics; the answer is JSON the service reads as an envelope, within the limits
/// of the spec's tables (an oracle independent of `sma-core`'s check); when the bytes are an
/// invocation, the answer passes the check against that invocation (its legs and their state);
/// and what the path logs at TRACE holds none of the event's phone numbers and call values
/// ([`log_leaks`]).
pub fn whole_path(app: &App, runtime: &tokio::runtime::Runtime, bytes: &[u8]) {
    let (answer, logs) =
        log_leaks::logged(|| runtime.block_on(app.handle_slice(bytes, Context::default())));
    log_leaks::assert_no_call_data(bytes, &logs);
    let json: Value = serde_json::from_slice(&answer).expect("the answer is JSON");
    let read = Envelope::check_json(&json, &Limits::CURRENT);
    let Ok(envelope) = read else { panic!("the answer does not pass the envelope check: {json}") };
    let broken = spec_limits::broken(&json);
    assert!(broken.is_empty(), "the answer breaks documented limits: {broken:?}: {json}");
    if let Ok(invocation) = Invocation::from_slice(bytes) {
        let checked = envelope.validate(&Limits::CURRENT, Some(&invocation));
        assert!(checked.is_ok(), "the answer does not fit its invocation: {checked:?}: {json}");
    }
}

/// The string formats never panic; a regex the dialect accepts runs on the engines, the lengths
/// it computes bound the engine's full matches, and what it calls malformed the engines reject.
pub fn syntax(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let _ = sma_syntax::e164(text);
    let _ = sma_syntax::dtmf_string(text);
    let _ = sma_syntax::dtmf_keys(text);
    let _ = sma_syntax::sip_header_name(text);
    let (pattern, keys) = text.split_once('\n').unwrap_or((text, "1234#"));
    let keys: String =
        keys.chars().filter(|c| c.is_ascii_digit() || *c == '*' || *c == '#').take(64).collect();
    let matcher = DigitsMatcher::new(pattern);
    let found = matcher.is_match(&keys);
    match DigitsRegex::compile(pattern) {
        Ok(re) => {
            let runs = if re.has_look_ahead() {
                fancy_regex::Regex::new(pattern).is_ok()
            } else {
                regex::Regex::new(pattern).is_ok()
            };
            assert!(runs, "the dialect accepts {pattern:?}, which the engine does not run");
            let full = DigitsMatcher::new(&format!("^(?:{pattern})$"));
            if full.is_match(&keys) {
                let l = re.lengths();
                let n = keys.len() as u32;
                assert!(
                    n >= l.min && l.max.is_none_or(|m| n <= m),
                    "{pattern:?} matched {keys:?} outside {l:?}"
                );
            }
            if !re.has_look_ahead() {
                // An engine written apart from `regex` (no shared automata): a pattern of the
                // dialect means the same to both.
                let lite = regex_lite::Regex::new(pattern).expect("the dialect is plain syntax");
                assert_eq!(
                    found,
                    lite.is_match(&keys),
                    "the matcher and regex-lite disagree on {pattern:?} / {keys:?}"
                );
            }
        }
        Err(e) if e.kind == RegexErrorKind::Malformed => {
            assert!(regex::Regex::new(pattern).is_err(), "malformed, yet regex runs {pattern:?}");
            assert!(
                fancy_regex::Regex::new(pattern).is_err(),
                "malformed, yet fancy-regex runs {pattern:?}"
            );
        }
        Err(_) => {}
    }
}
