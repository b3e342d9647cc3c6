//! Reading recorded calls from the logs people have: `sma`'s own recording lines, a CloudWatch
//! Logs export, or the events a Python or Node handler printed.

use crate::runtime::RECORD_MARKER;
use serde_json::Value;
use std::collections::HashMap;

/// One recorded invocation: the event, and the response when the log has it.
///
/// ```
/// use sma_core::testing::replay::read_log;
/// let line = r#"{"SchemaVersion":"1.0","Sequence":"3","InvocationEventType":"HANGUP","CallDetails":{"TransactionId":"t-9","Participants":[]}}"#;
/// let calls = read_log(line);
/// let call = &calls[0];
/// assert_eq!(call.transaction_id, "t-9");
/// assert_eq!((call.invocations[0].sequence(), call.invocations[0].event_type()), (3, "HANGUP"));
/// assert!(call.invocations[0].response.is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// The invocation event, as logged.
    pub event: Value,
    /// The response the function gave, when the log shows it.
    pub response: Option<Value>,
    /// The call data were replaced by pseudonyms when it was recorded (see
    /// [`Recorder`](crate::Recorder)).
    pub pseudonymized: bool,
}

impl Recorded {
    /// `Sequence` of the event (0 when it has none).
    pub fn sequence(&self) -> u64 {
        match self.event.get("Sequence") {
            Some(Value::Number(n)) => n.as_u64().unwrap_or(0),
            Some(Value::String(s)) => s.trim().parse().unwrap_or(0),
            _ => 0,
        }
    }

    /// `InvocationEventType` of the event.
    pub fn event_type(&self) -> &str {
        self.event.get("InvocationEventType").and_then(Value::as_str).unwrap_or("?")
    }
}

/// The invocations of one call (one `TransactionId`), in `Sequence` order.
///
/// ```
/// use sma_core::testing::replay::read_log;
/// let line = r#"{"SchemaVersion":"1.0","Sequence":"3","InvocationEventType":"HANGUP","CallDetails":{"TransactionId":"t-9","Participants":[]}}"#;
/// let calls = read_log(line);
/// let call = &calls[0];
/// assert_eq!(call.transaction_id, "t-9");
/// assert_eq!((call.invocations[0].sequence(), call.invocations[0].event_type()), (3, "HANGUP"));
/// assert!(call.invocations[0].response.is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedCall {
    /// The call's `TransactionId`.
    pub transaction_id: String,
    /// Its invocations, ordered by `Sequence` (a retried invocation once).
    pub invocations: Vec<Recorded>,
}

/// Reads the recorded calls in `text`, whichever of these forms it is:
///
/// - lines written by [`Recorder`](crate::Recorder) (`{"sma":"invocation",…}`), as they are or
///   with a log prefix;
/// - the JSON output of `aws logs filter-log-events` (`{"events":[{"message":…},…]}`), whose
///   messages are any of the other forms;
/// - lines of invocation events printed by a handler (`print(json.dumps(event))`,
///   `console.log(JSON.stringify(event))`), with or without the Lambda runtime's prefix
///   (`2024-05-01T12:00:00.000Z\t<request id>\tINFO\t…`, `[INFO]\t…`); a printed response on a
///   later line of the same log stream is taken as that event's answer.
///
/// Lines that hold neither an event nor a response are skipped. Invocations are grouped into
/// calls by `TransactionId` and ordered by `Sequence`; an invocation logged twice (a retry) is
/// kept once.
///
/// ```
/// use sma_core::testing::replay::read_log;
/// let event = r#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"NEW_INBOUND_CALL","CallDetails":{"TransactionId":"t-1","Participants":[]}}"#;
/// let answer = r#"{"SchemaVersion":"1.0","Actions":[]}"#;
/// // As the Node.js runtime prints them: time, request id, level, message, tab-separated.
/// let log = format!("2024-05-01T12:00:00.000Z\t6d1c\tINFO\t{event}\n2024-05-01T12:00:00.020Z\t6d1c\tINFO\t{answer}\n");
/// let calls = read_log(&log);
/// assert_eq!(calls.len(), 1);
/// assert_eq!(calls[0].invocations[0].response, Some(serde_json::json!({"SchemaVersion":"1.0","Actions":[]})));
/// ```
pub fn read_log(text: &str) -> Vec<RecordedCall> {
    let mut reader = Reader::default();
    match serde_json::from_str::<Value>(text.trim()) {
        Ok(Value::Object(export)) if export.get("events").is_some_and(Value::is_array) => {
            let mut events: Vec<&Value> =
                export["events"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
            events.sort_by_key(|e| e.get("timestamp").and_then(Value::as_u64).unwrap_or(0));
            for e in events {
                let stream = e.get("logStreamName").and_then(Value::as_str).unwrap_or_default();
                let message = e.get("message").and_then(Value::as_str).unwrap_or_default();
                for line in message.lines() {
                    reader.line(stream, line);
                }
            }
        }
        _ => text.lines().for_each(|line| reader.line("", line)),
    }
    reader.calls()
}

#[derive(Default)]
struct Reader {
    invocations: Vec<Recorded>,
    /// Per log stream, the last event still waiting for its printed response.
    waiting: HashMap<String, usize>,
}

impl Reader {
    fn line(&mut self, stream: &str, line: &str) {
        let Some(value) = first_json_object(line) else { return };
        if value.get("sma").and_then(Value::as_str) == Some(RECORD_MARKER) {
            let pseudonymized = value.get("pseudonymized").and_then(Value::as_bool) == Some(true);
            let response = value.get("response").cloned().filter(|r| !r.is_null());
            if let Some(event) = value.get("event").cloned().filter(is_invocation) {
                self.invocations.push(Recorded { event, response, pseudonymized });
            }
            self.waiting.remove(stream);
        } else if is_invocation(&value) {
            self.waiting.insert(stream.to_owned(), self.invocations.len());
            self.invocations.push(Recorded { event: value, response: None, pseudonymized: false });
        } else if is_response(&value) {
            if let Some(i) = self.waiting.remove(stream) {
                self.invocations[i].response = Some(value);
            }
        }
    }

    fn calls(self) -> Vec<RecordedCall> {
        let mut calls: Vec<RecordedCall> = Vec::new();
        for r in self.invocations {
            let id = r
                .event
                .pointer("/CallDetails/TransactionId")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            match calls.iter_mut().find(|c| c.transaction_id == id) {
                Some(call) => {
                    let logged_twice = call.invocations.iter().any(|o| o.event == r.event);
                    if !logged_twice {
                        call.invocations.push(r);
                    }
                }
                None => calls.push(RecordedCall { transaction_id: id, invocations: vec![r] }),
            }
        }
        for call in &mut calls {
            call.invocations.sort_by_key(Recorded::sequence);
        }
        calls
    }
}

fn is_invocation(v: &Value) -> bool {
    v.get("InvocationEventType").is_some() && v.get("CallDetails").is_some()
}

fn is_response(v: &Value) -> bool {
    v.get("SchemaVersion").is_some()
        && (v.get("Actions").is_some() || v.get("TransactionAttributes").is_some())
}

/// The first JSON object in `line` after any prefix (a log line's timestamp, request id and
/// level).
fn first_json_object(line: &str) -> Option<Value> {
    let mut from = 0;
    for _ in 0..4 {
        let start = from + line[from..].find('{')?;
        let mut stream = serde_json::Deserializer::from_str(&line[start..]).into_iter::<Value>();
        if let Some(Ok(value @ Value::Object(_))) = stream.next() {
            return Some(value);
        }
        from = start + 1;
    }
    None
}
