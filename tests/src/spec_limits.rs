//! The documented limits of a response, written from the tables of the spec (§1c, §1d),
//! independently of `sma-core`'s own check: the oracle the fuzz targets hold that check to.
//! A limit `sma-core` got wrong passes its own round trip, not this.

use serde_json::Value;

/// The 18 action types of the developer guide.
const ACTION_TYPES: [&str; 18] = [
    "CallAndBridge",
    "Hangup",
    "JoinChimeMeeting",
    "ModifyChimeMeetingAttendees",
    "Pause",
    "PlayAudio",
    "PlayAudioAndGetDigits",
    "ReceiveDigits",
    "RecordAudio",
    "SendDigits",
    "Speak",
    "SpeakAndGetDigits",
    "StartBotConversation",
    "StartCallRecording",
    "StopCallRecording",
    "PauseCallRecording",
    "ResumeCallRecording",
    "VoiceFocus",
];

/// A number as the service reads it: a JSON number or a numeric string.
fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Every documented limit `response` breaks, one line each (empty: none).
pub fn broken(response: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if response.get("SchemaVersion").and_then(Value::as_str) != Some("1.0") {
        out.push("SchemaVersion is not \"1.0\"".to_owned());
    }
    if let Some(map) = response.get("TransactionAttributes").and_then(Value::as_object) {
        if map.len() > 100 {
            out.push(format!("{} transaction attributes (at most 100)", map.len()));
        }
    }
    let actions = response.get("Actions").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    if actions.len() > 10 {
        out.push(format!("{} actions (at most 10)", actions.len()));
    }
    for (i, action) in actions.iter().enumerate() {
        let kind = action.get("Type").and_then(Value::as_str).unwrap_or_default();
        if !ACTION_TYPES.contains(&kind) {
            out.push(format!("Actions[{i}]: type {kind:?} is not one of the 18"));
            continue;
        }
        let p = action.get("Parameters").cloned().unwrap_or(Value::Null);
        let mut range = |key: &str, lo: f64, hi: f64| {
            if let Some(n) = p.pointer(key).and_then(number) {
                if n < lo || n > hi {
                    out.push(format!("Actions[{i}] ({kind}){key} is {n}, outside {lo}–{hi}"));
                }
            }
        };
        match kind {
            "CallAndBridge" => range("/CallTimeoutSeconds", 1.0, 120.0),
            "Pause" => range("/DurationInMilliseconds", 100.0, 30_000.0),
            "SendDigits" => range("/ToneDurationInMilliseconds", 50.0, 24_000.0),
            "RecordAudio" => {
                range("/SilenceDurationInSeconds", 1.0, 1000.0);
                range("/SilenceThreshold", 1.0, 1000.0);
            }
            "PlayAudioAndGetDigits" | "SpeakAndGetDigits" => {
                range("/MaxNumberOfDigits", 0.0, 128.0);
                range("/MinNumberOfDigits", 0.0, 128.0);
            }
            _ => {}
        }
        let mut longest = |key: &str, max: usize| {
            let n = p.pointer(key).and_then(Value::as_str).map_or(0, |s| s.chars().count());
            if n > max {
                out.push(format!("Actions[{i}] ({kind}){key} has {n} characters (at most {max})"));
            }
        };
        longest("/Text", 1000);
        longest("/SpeechParameters/Text", 1000);
        longest("/FailureSpeechParameters/Text", 1000);
        if kind == "SendDigits" {
            longest("/Digits", 50);
        }
        if kind == "CallAndBridge" {
            let n = p.get("Endpoints").and_then(Value::as_array).map_or(0, Vec::len);
            if n != 1 {
                out.push(format!("Actions[{i}] (CallAndBridge) has {n} endpoints (exactly 1)"));
            }
        }
        if kind == "ModifyChimeMeetingAttendees" {
            let n = p.get("AttendeeList").and_then(Value::as_array).map_or(0, Vec::len);
            if !(1..=100).contains(&n) {
                out.push(format!("Actions[{i}] has {n} attendees (1–100)"));
            }
        }
        if let Some(headers) = p.get("SipHeaders").and_then(Value::as_object) {
            for (name, value) in headers {
                let value = value.as_str().unwrap_or_default();
                if value.chars().any(|c| c == '\r' || c == '\n') {
                    out.push(format!("Actions[{i}] SIP header {name:?} has a line break"));
                }
            }
        }
    }
    out
}
