//! Replaying recorded calls against new code: the events a function received (recorded by
//! [`Recorder`](crate::Recorder), exported from CloudWatch, or printed by a Python or Node
//! handler) are fed to your route table in order, and each answer is compared with the
//! recorded one.
//!
//! Answers are compared by what they do (see [`Replay::strict`] for the literal form): the
//! attributes stored after the answer (an answer that echoes the unchanged map, as most Python
//! and Node handlers do, and one that leaves it out both keep it), parameters at their
//! documented defaults (`"CallTimeoutSeconds": 30` is the same as none), and the leg each
//! action addresses (resolved to its `CallId`; an empty `CallId` is no address).
//!
//! ```
//! use sma_core::prelude::*;
//! use sma_core::testing::replay::{Replay, read_log};
//!
//! #[on(NewInboundCall)]
//! async fn greet(call: Call) -> Actions {
//!     Actions::new().then(call.leg_a().speak("Hello!"))
//! }
//!
//! // What a Python handler printed on a real call: the event, then its answer.
//! let log = concat!(
//!     r#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"NEW_INBOUND_CALL","CallDetails":{"TransactionId":"t-1","AwsAccountId":"111122223333","AwsRegion":"us-east-1","SipMediaApplicationId":"sma-1","Participants":[{"CallId":"c-1","ParticipantTag":"LEG-A","To":"+12065550100","From":"+14155550199","Direction":"Inbound","StartTimeInMilliseconds":"1700000000000"}]}}"#, "\n",
//!     r#"{"SchemaVersion":"1.0","Actions":[{"Type":"Speak","Parameters":{"Text":"Hello!","CallId":"c-1"}}]}"#, "\n",
//! );
//! let report = Replay::from_router(handlers![greet]).run(&read_log(log));
//! assert!(report.is_same(), "{report}");
//! ```

mod diff;
mod effects;
mod read;

pub use diff::Difference;
pub use read::{Recorded, RecordedCall, read_log};

use crate::contract::response::Envelope;
use crate::dispatch::router::Router;
use crate::rules::limits::Limits;
use crate::runtime::{App, Pseudonyms};
use diff::Pattern;
use serde_json::Value;
use std::fmt;

/// Replays recorded calls against an [`App`] and reports how its answers differ from the
/// recorded ones.
///
/// ```
/// use sma_core::prelude::*;
/// use sma_core::testing::replay::{Replay, read_log};
///
/// #[on(NewInboundCall)]
/// async fn greet(call: Call) -> Actions {
///     Actions::new().then(call.leg_a().speak("Hi!"))
/// }
///
/// let log = concat!(
///     r#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"NEW_INBOUND_CALL","CallDetails":{"TransactionId":"t-1","AwsAccountId":"111122223333","AwsRegion":"us-east-1","SipMediaApplicationId":"sma-1","Participants":[{"CallId":"c-1","ParticipantTag":"LEG-A","To":"+12065550100","From":"+14155550199","Direction":"Inbound","StartTimeInMilliseconds":"1700000000000"}]}}"#, "\n",
///     r#"{"SchemaVersion":"1.0","Actions":[{"Type":"Speak","Parameters":{"Text":"Hello!","CallId":"c-1"}}]}"#, "\n",
/// );
/// let report = Replay::from_router(handlers![greet]).run(&read_log(log));
/// let call = &report.calls[0];
/// let invocation = &call.invocations[0];
/// assert_eq!((invocation.sequence, invocation.handler), (1, Some("greet")));
/// let difference = &invocation.differences[0];
/// assert_eq!(difference.path, "Actions[0].Parameters.Text");
/// assert_eq!(difference.to_string(), r#"Actions[0].Parameters.Text: recorded "Hello!" → now "Hi!""#);
/// assert!(!report.is_same());
/// ```
pub struct Replay {
    app: App,
    ignored: Vec<Pattern>,
    key: Option<Vec<u8>>,
    strict: bool,
    runtime: tokio::runtime::Runtime,
}

impl Replay {
    /// Replays against `app`.
    pub fn new(app: App) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap_or_else(|e| panic!("the replay needs a Tokio runtime: {e}"));
        Replay { app, ignored: Vec::new(), key: None, strict: false, runtime }
    }

    /// Replays against a route table with the default [`App`] settings.
    pub fn from_router(router: Router) -> Self {
        Replay::new(App::new(router))
    }

    /// Leaves a path out of the comparison, and everything under it: a difference you accept.
    /// `[*]` stands for any index: `Actions[*].Parameters.Text`,
    /// `TransactionAttributes.visits`.
    pub fn ignore(mut self, path: &str) -> Self {
        self.ignored.push(Pattern::new(path));
        self
    }

    /// Leaves out what is spoken: `Text` of Speak, and of the speech parameters of
    /// SpeakAndGetDigits.
    pub fn ignore_speak_text(self) -> Self {
        self.ignore("Actions[*].Parameters.Text")
            .ignore("Actions[*].Parameters.SpeechParameters.Text")
            .ignore("Actions[*].Parameters.FailureSpeechParameters.Text")
    }

    /// Compares the literal form of the answers instead of their effects: an echoed attribute
    /// map, a parameter written at its default, or a leg addressed by tag instead of `CallId`
    /// each count as a difference.
    ///
    /// ```
    /// use sma_core::prelude::*;
    /// use sma_core::testing::replay::{Replay, read_log};
    ///
    /// #[on(NewInboundCall)]
    /// async fn greet(call: Call) -> Actions {
    ///     Actions::new().then(call.leg_a().hangup())
    /// }
    ///
    /// // The Python handler wrote the default code and echoed the stored attributes.
    /// let log = concat!(
    ///     r#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"NEW_INBOUND_CALL","CallDetails":{"TransactionId":"t-1","TransactionAttributes":{"k":"v"},"AwsAccountId":"111122223333","AwsRegion":"us-east-1","SipMediaApplicationId":"sma-1","Participants":[{"CallId":"c-1","ParticipantTag":"LEG-A","To":"+12065550100","From":"+14155550199","Direction":"Inbound","StartTimeInMilliseconds":"1700000000000"}]}}"#, "\n",
    ///     r#"{"SchemaVersion":"1.0","Actions":[{"Type":"Hangup","Parameters":{"CallId":"c-1","SipResponseCode":"0"}}],"TransactionAttributes":{"k":"v"}}"#, "\n",
    /// );
    /// let calls = read_log(log);
    /// assert!(Replay::from_router(handlers![greet]).run(&calls).is_same());
    /// let strict = Replay::from_router(handlers![greet]).strict().run(&calls);
    /// assert_eq!(strict.differences().len(), 1, "{strict}"); // the echoed attributes
    /// ```
    pub fn strict(mut self) -> Self {
        self.strict = true;
        self
    }

    /// The secret the log was recorded with ([`Recorder::key`](crate::Recorder::key)), so that
    /// new answers get the same pseudonyms.
    pub fn key(mut self, secret: &[u8]) -> Self {
        self.key = Some(secret.to_vec());
        self
    }

    /// Replays each call: its events in order, each answer compared with the recorded one.
    pub fn run(&self, calls: &[RecordedCall]) -> ReplayReport {
        ReplayReport { calls: calls.iter().map(|c| self.call(c)).collect() }
    }

    fn call(&self, call: &RecordedCall) -> CallReport {
        let invocations = call.invocations.iter().map(|r| self.invocation(r)).collect();
        CallReport { transaction_id: call.transaction_id.clone(), invocations }
    }

    fn invocation(&self, recorded: &Recorded) -> InvocationReport {
        let event = bytes::Bytes::from(serde_json::to_vec(&recorded.event).unwrap_or_default());
        let (bytes, answered) = self.runtime.block_on(self.app.serve(&event, Default::default()));
        let mut now = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if recorded.pseudonymized {
            Pseudonyms::for_event(self.key.as_deref(), &recorded.event).apply(&mut now);
        }
        let differences = match &recorded.response {
            None => Vec::new(),
            Some(then) if self.strict => diff::compare(&canonical(then), &now, &self.ignored),
            Some(then) => {
                let then = effects::effects(&canonical(then), &recorded.event);
                diff::compare(&then, &effects::effects(&now, &recorded.event), &self.ignored)
            }
        };
        InvocationReport {
            sequence: recorded.sequence(),
            event_type: recorded.event_type().to_owned(),
            handler: answered.handler,
            compared: recorded.response.is_some(),
            answered: now,
            error: answered.error,
            differences,
        }
    }
}

/// A recorded response in the form `sma` writes, so that a Python `"SipResponseCode": "0"` and a
/// Rust `0` compare equal; kept as it is when it is not a response `sma` can read.
fn canonical(response: &Value) -> Value {
    match Envelope::check_json(response, &Limits::CURRENT) {
        Ok(envelope) => serde_json::to_value(&envelope).unwrap_or_else(|_| response.clone()),
        Err(_) => response.clone(),
    }
}

/// What a replay found.
///
/// ```
/// use sma_core::prelude::*;
/// use sma_core::testing::replay::{Replay, read_log};
///
/// #[on(NewInboundCall)]
/// async fn greet(call: Call) -> Actions {
///     Actions::new().then(call.leg_a().speak("Hi!"))
/// }
///
/// let log = concat!(
///     r#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"NEW_INBOUND_CALL","CallDetails":{"TransactionId":"t-1","AwsAccountId":"111122223333","AwsRegion":"us-east-1","SipMediaApplicationId":"sma-1","Participants":[{"CallId":"c-1","ParticipantTag":"LEG-A","To":"+12065550100","From":"+14155550199","Direction":"Inbound","StartTimeInMilliseconds":"1700000000000"}]}}"#, "\n",
///     r#"{"SchemaVersion":"1.0","Actions":[{"Type":"Speak","Parameters":{"Text":"Hello!","CallId":"c-1"}}]}"#, "\n",
/// );
/// let report = Replay::from_router(handlers![greet]).run(&read_log(log));
/// let call = &report.calls[0];
/// let invocation = &call.invocations[0];
/// assert_eq!((invocation.sequence, invocation.handler), (1, Some("greet")));
/// let difference = &invocation.differences[0];
/// assert_eq!(difference.path, "Actions[0].Parameters.Text");
/// assert_eq!(difference.to_string(), r#"Actions[0].Parameters.Text: recorded "Hello!" → now "Hi!""#);
/// assert!(!report.is_same());
/// ```
#[derive(Debug, Clone)]
pub struct ReplayReport {
    /// One report per recorded call.
    pub calls: Vec<CallReport>,
}

/// The replay of one call.
///
/// ```
/// use sma_core::prelude::*;
/// use sma_core::testing::replay::{Replay, read_log};
///
/// #[on(NewInboundCall)]
/// async fn greet(call: Call) -> Actions {
///     Actions::new().then(call.leg_a().speak("Hi!"))
/// }
///
/// let log = concat!(
///     r#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"NEW_INBOUND_CALL","CallDetails":{"TransactionId":"t-1","AwsAccountId":"111122223333","AwsRegion":"us-east-1","SipMediaApplicationId":"sma-1","Participants":[{"CallId":"c-1","ParticipantTag":"LEG-A","To":"+12065550100","From":"+14155550199","Direction":"Inbound","StartTimeInMilliseconds":"1700000000000"}]}}"#, "\n",
///     r#"{"SchemaVersion":"1.0","Actions":[{"Type":"Speak","Parameters":{"Text":"Hello!","CallId":"c-1"}}]}"#, "\n",
/// );
/// let report = Replay::from_router(handlers![greet]).run(&read_log(log));
/// let call = &report.calls[0];
/// let invocation = &call.invocations[0];
/// assert_eq!((invocation.sequence, invocation.handler), (1, Some("greet")));
/// let difference = &invocation.differences[0];
/// assert_eq!(difference.path, "Actions[0].Parameters.Text");
/// assert_eq!(difference.to_string(), r#"Actions[0].Parameters.Text: recorded "Hello!" → now "Hi!""#);
/// assert!(!report.is_same());
/// ```
#[derive(Debug, Clone)]
pub struct CallReport {
    /// The call's `TransactionId`.
    pub transaction_id: String,
    /// One report per invocation, in order.
    pub invocations: Vec<InvocationReport>,
}

/// The replay of one invocation.
///
/// ```
/// use sma_core::prelude::*;
/// use sma_core::testing::replay::{Replay, read_log};
///
/// #[on(NewInboundCall)]
/// async fn greet(call: Call) -> Actions {
///     Actions::new().then(call.leg_a().speak("Hi!"))
/// }
///
/// let log = concat!(
///     r#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"NEW_INBOUND_CALL","CallDetails":{"TransactionId":"t-1","AwsAccountId":"111122223333","AwsRegion":"us-east-1","SipMediaApplicationId":"sma-1","Participants":[{"CallId":"c-1","ParticipantTag":"LEG-A","To":"+12065550100","From":"+14155550199","Direction":"Inbound","StartTimeInMilliseconds":"1700000000000"}]}}"#, "\n",
///     r#"{"SchemaVersion":"1.0","Actions":[{"Type":"Speak","Parameters":{"Text":"Hello!","CallId":"c-1"}}]}"#, "\n",
/// );
/// let report = Replay::from_router(handlers![greet]).run(&read_log(log));
/// let call = &report.calls[0];
/// let invocation = &call.invocations[0];
/// assert_eq!((invocation.sequence, invocation.handler), (1, Some("greet")));
/// let difference = &invocation.differences[0];
/// assert_eq!(difference.path, "Actions[0].Parameters.Text");
/// assert_eq!(difference.to_string(), r#"Actions[0].Parameters.Text: recorded "Hello!" → now "Hi!""#);
/// assert!(!report.is_same());
/// ```
#[derive(Debug, Clone)]
pub struct InvocationReport {
    /// `Sequence` of the event.
    pub sequence: u64,
    /// `InvocationEventType` of the event.
    pub event_type: String,
    /// The handler that answered now (`None`: a default answer).
    pub handler: Option<&'static str>,
    /// The log had a response to compare with.
    pub compared: bool,
    /// The new answer, as sent (with pseudonyms when the log has them).
    pub answered: Value,
    /// What went wrong answering, if anything (the failure policy answered).
    pub error: Option<String>,
    /// How the new answer differs from the recorded one.
    pub differences: Vec<Difference>,
}

impl ReplayReport {
    /// No invocation answered differently (outside the ignored paths) and none failed.
    pub fn is_same(&self) -> bool {
        self.invocations().all(|i| i.differences.is_empty() && i.error.is_none())
    }

    /// Every difference, with the call and invocation it belongs to.
    pub fn differences(&self) -> Vec<(&CallReport, &InvocationReport, &Difference)> {
        self.calls
            .iter()
            .flat_map(|c| c.invocations.iter().map(move |i| (c, i)))
            .flat_map(|(c, i)| i.differences.iter().map(move |d| (c, i, d)))
            .collect()
    }

    fn invocations(&self) -> impl Iterator<Item = &InvocationReport> {
        self.calls.iter().flat_map(|c| c.invocations.iter())
    }
}

impl fmt::Display for ReplayReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let invocations = self.invocations().count();
        let compared = self.invocations().filter(|i| i.compared).count();
        let differences = self.invocations().map(|i| i.differences.len()).sum::<usize>();
        writeln!(
            f,
            "replayed {} call(s), {invocations} invocation(s) ({compared} with a recorded answer): {differences} difference(s)",
            self.calls.len()
        )?;
        for call in &self.calls {
            writeln!(f, "\ncall {}", call.transaction_id)?;
            for i in &call.invocations {
                let handler = i.handler.unwrap_or("(default)");
                let verdict = match (&i.error, i.compared, i.differences.len()) {
                    (Some(e), ..) => format!("FAILED: {e}"),
                    (None, false, _) => "answered (nothing recorded to compare)".to_owned(),
                    (None, true, 0) => "same".to_owned(),
                    (None, true, n) => format!("{n} difference(s)"),
                };
                writeln!(f, "  #{} {} → {handler}: {verdict}", i.sequence, i.event_type)?;
                for d in &i.differences {
                    writeln!(f, "      {d}")?;
                }
            }
        }
        Ok(())
    }
}
