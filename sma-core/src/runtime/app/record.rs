//! Recording invocations for replay: one JSON line per invocation with the event and the
//! response, call data pseudonymized consistently within a call.

use super::pseudonyms::Pseudonyms;
use crate::contract::event::Invocation;
use crate::contract::response::Envelope;
use serde_json::Value;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

/// The `"sma"` marker of a recorded line.
pub const RECORD_MARKER: &str = "invocation";

/// A recorder as an [`App`](crate::App) keeps it: see [`Recorder::into_hook`].
pub(crate) type RecordHook = Arc<dyn Fn(&[u8], &Envelope) + Send + Sync>;

/// Writes, for every invocation an [`App`](crate::App) answers, one JSON line with the event
/// and the response, to stdout (CloudWatch Logs on Lambda) or a writer of your choice:
///
/// ```text
/// {"sma":"invocation","pseudonymized":true,"event":{…},"response":{…}}
/// ```
///
/// `sma_core::testing::replay` reads these lines back and replays them against new code.
///
/// Call data is replaced by pseudonyms unless [`Recorder::raw_values`] is chosen: phone numbers
/// (`To`, `From`, `Uri`, `CallerIdNumber`, as strings, JSON numbers, SIP or `tel:` URIs, or in
/// any national format), SIP header values, transaction attribute values, the `Arguments` of
/// call updates and creations, Lex slot values and session attributes; and wherever spoken
/// text, welcome messages or error messages quote any of them or any other number. A pseudonym
/// is a keyed hash of the value: the same number gets the same pseudonym everywhere (the flow
/// still makes sense), numbers stay numbers (`+1999…`, an area code no phone has). Digits the
/// caller pressed are kept as they are (a replay needs them).
///
/// The key is secret: by default a random key drawn once per process, so that nothing in the
/// line (its `TransactionId`, say) lets anyone recompute a pseudonym and test guesses of a
/// number against it; pseudonyms are then consistent within one process (a warm Lambda
/// container). With [`Recorder::key`] you give the key (from a secret store): pseudonyms are
/// consistent across processes, and `Replay::key` (`sma_core::testing::replay`, feature
/// `testing`) gives new answers the same pseudonyms. An event that cannot be read is recorded as unreadable, with
/// its size only: its content cannot be told apart from call data.
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

    /// Derives pseudonyms from `secret` instead of a random key of this process: pseudonyms stay
    /// consistent across processes, and cannot be recomputed without the secret. A replay of
    /// such a log with the same secret gives new answers the same pseudonyms.
    pub fn key(mut self, secret: &[u8]) -> Self {
        self.key = Some(secret.into());
        self
    }

    /// What an [`App`](crate::App) that records runs after each invocation: this recorder's
    /// work behind a pointer that only `App::record` makes, so that the code behind it (the
    /// response serialized a second time, into a `Value`, the event read again, the
    /// pseudonyms) is in a binary only when its app records.
    pub(crate) fn into_hook(self) -> RecordHook {
        Arc::new(move |event: &[u8], response: &Envelope| {
            // Reading the event again costs only those who record.
            let readable = Invocation::from_slice(event).is_ok();
            self.record(event, readable, response);
        })
    }

    /// Writes the line for one invocation: the event's bytes, whether the model could read them,
    /// and the response. A write error is logged, never raised: recording must not cost a call.
    pub(crate) fn record(&self, bytes: &[u8], readable: bool, response: &impl serde::Serialize) {
        let mut response = serde_json::to_value(response).unwrap_or(Value::Null);
        let event = match serde_json::from_slice::<Value>(bytes) {
            Ok(event) if readable || self.raw => Some(event),
            Err(_) if self.raw => Some(Value::String(String::from_utf8_lossy(bytes).into_owned())),
            _ => None,
        };
        let line = match event {
            Some(mut event) => {
                if !self.raw {
                    let key = Pseudonyms::for_event(self.key.as_deref(), &event);
                    key.apply(&mut event);
                    key.apply(&mut response);
                }
                serde_json::json!({
                    "sma": RECORD_MARKER,
                    "pseudonymized": !self.raw,
                    "event": event,
                    "response": response,
                })
            }
            None => {
                // The response of an unreadable event names no call data of its own: the
                // failure policy's answer (hang up, an apology).
                Pseudonyms::for_event(self.key.as_deref(), &Value::Null).apply(&mut response);
                serde_json::json!({
                    "sma": RECORD_MARKER,
                    "pseudonymized": true,
                    "unreadable": {"bytes": bytes.len()},
                    "response": response,
                })
            }
        };
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
