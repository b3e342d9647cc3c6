//! Routes whose answer is fixed, written out as plain blocks of the interpreter flow.
//!
//! A route's answer is fixed when it does not depend on the call's state or on I/O. No tool can
//! prove that from a transcript (a scenario is a sample of paths, not the program), so the user
//! declares it, and [`fixed_answer`] checks what the scenarios show: every time the route ran it
//! answered the same actions, the event has a place in the flow (the flow's start, or the failure
//! branches of a transfer), and the answer ends the call (prompts, then the caller's hang-up), so
//! that nothing after it needs the host. The flow then plays those prompts and disconnects
//! without calling the Lambda function; the walk (`sma_connect::walk`) checks it against the
//! scenarios like any other flow. Transaction attributes such an answer sets are not kept: no
//! later event of the flow reads them.
//!
//! ```
//! use sma_connect::flow::{Variants, fixed::fixed_answer, interpreter};
//! use sma_core::prelude::*;
//!
//! #[on(NewInboundCall)]
//! async fn closed(call: Call) -> Actions {
//!     Actions::new().then(call.leg_a().speak("We are closed.")).then(call.leg_a().hangup())
//! }
//! let router = handlers![closed];
//! let event = br#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"NEW_INBOUND_CALL",
//!   "CallDetails":{"TransactionId":"t","AwsAccountId":"1","AwsRegion":"us-east-1",
//!   "SipMediaApplicationId":"s","Participants":[{"CallId":"c","ParticipantTag":"LEG-A",
//!   "To":"+14155550123","From":"+16505550177","Direction":"Inbound","StartTimeInMilliseconds":"1"}]}}"#;
//! let response = br#"{"SchemaVersion":"1.0","Actions":[{"Type":"Speak","Parameters":{"Text":"We are closed.","CallId":"c"}},
//!   {"Type":"Hangup","Parameters":{"SipResponseCode":"0","CallId":"c"}}]}"#;
//! let answer = fixed_answer(&router, "closed", [(&event[..], &response[..])]).unwrap();
//! let mut variants = Variants::default();
//! variants.fixed.push(answer);
//! let flow = interpreter("arn:aws:lambda:us-east-1:111122223333:function:f", &variants);
//! assert!(sma_connect::check(&flow.to_string()).is_ok());
//! assert!(!flow.to_string().contains("InvokeLambdaFunction")); // the whole call is plain blocks
//! ```

use crate::host::step::{self, Step};
use serde_json::{Value, json};
use sma_core::Router;
use sma_core::event::Invocation;
use std::fmt;

/// Where in the interpreter flow a fixed answer goes. See the [module](self) documentation
/// for an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Branch {
    /// The flow's start: the route of NEW_INBOUND_CALL.
    Start,
    /// The failure branches of a transfer: the route of ACTION_FAILED for CallAndBridge.
    TransferFailed,
}

/// A route's answer, checked fixed on the scenarios; see the [module](self) documentation.
#[derive(Debug, Clone, PartialEq)]
pub struct FixedAnswer {
    /// The handler's name.
    pub handler: String,
    /// Where the blocks go.
    pub branch: Branch,
    /// The blocks' steps, the last one the hang-up.
    pub(crate) steps: Vec<Step>,
}

/// Why a route cannot be written out as plain blocks.
///
/// ```
/// use sma_connect::flow::fixed::NotFixed;
/// assert_eq!(NotFixed::NoScenario.to_string(), "no scenario runs the route");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotFixed {
    /// The router has no handler of that name.
    NoHandler,
    /// No scenario ran the route: nothing shows its answer.
    NoScenario,
    /// The route handles an event that has no branch of its own in the flow.
    NoBranch(String),
    /// The route answered differently in two runs (the scenarios' exchange numbers, from 1).
    Differs(usize, usize),
    /// The answer does not end the call with prompts and a hang-up: this action follows.
    NotTerminal(String),
}

impl fmt::Display for NotFixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotFixed::NoHandler => f.write_str("the router has no handler of that name"),
            NotFixed::NoScenario => f.write_str("no scenario runs the route"),
            NotFixed::NoBranch(kind) => write!(f, "{kind} has no branch of its own in the flow"),
            NotFixed::Differs(a, b) => write!(f, "exchanges {a} and {b} answer differently"),
            NotFixed::NotTerminal(what) => {
                write!(f, "the answer does not end with prompts and a hang-up: {what}")
            }
        }
    }
}

impl std::error::Error for NotFixed {}

/// Checks on the scenarios' exchanges (event bytes, response bytes, every scenario's in turn)
/// that the route of `handler` answers the same prompts and hang-up each time it runs, where the
/// flow has a branch for it. See the [module](self) documentation for an example.
///
/// # Errors
///
/// [`NotFixed`], naming what the scenarios show against it.
pub fn fixed_answer<'a>(
    router: &Router,
    handler: &str,
    exchanges: impl IntoIterator<Item = (&'a [u8], &'a [u8])>,
) -> Result<FixedAnswer, NotFixed> {
    if !router.routes().any(|(_, name)| name == handler) {
        return Err(NotFixed::NoHandler);
    }
    let mut seen: Option<(usize, Branch, Value)> = None;
    for (i, (event, response)) in exchanges.into_iter().enumerate() {
        let Ok(invocation) = Invocation::from_slice(event) else { continue };
        if router.handler_for(&invocation) != Some(handler) {
            continue;
        }
        let kind = invocation.event_type.as_str();
        let action = invocation.action_data.as_ref().map(|d| d.type_name().to_owned());
        let branch = match (kind, action.as_deref()) {
            ("NEW_INBOUND_CALL", _) => Branch::Start,
            ("ACTION_FAILED", Some("CallAndBridge")) => Branch::TransferFailed,
            _ => return Err(NotFixed::NoBranch(kind.to_owned())),
        };
        let response: Value = serde_json::from_slice(response).unwrap_or(Value::Null);
        let actions = response.get("Actions").cloned().unwrap_or(Value::Null);
        match &seen {
            Some((first, before, answered)) if *before != branch || *answered != actions => {
                return Err(NotFixed::Differs(first + 1, i + 1));
            }
            Some(_) => {}
            None => seen = Some((i, branch, actions)),
        }
    }
    let Some((_, branch, actions)) = seen else { return Err(NotFixed::NoScenario) };
    let list = actions.as_array().map_or(&[][..], Vec::as_slice);
    let mut steps = Vec::new();
    for action in list {
        let leg = action.pointer("/Parameters/CallId").and_then(Value::as_str).unwrap_or_default();
        let kind = action.get("Type").and_then(Value::as_str).unwrap_or("an action without Type");
        match step::of(action, leg, 1) {
            Ok(s @ (Step::Say { .. } | Step::Play { .. })) if !steps.contains(&Step::Hangup) => {
                steps.push(s)
            }
            Ok(Step::Hangup) if !steps.contains(&Step::Hangup) => steps.push(Step::Hangup),
            _ => return Err(NotFixed::NotTerminal(kind.to_owned())),
        }
    }
    if steps.last() != Some(&Step::Hangup) {
        return Err(NotFixed::NotTerminal("no hang-up at the end".into()));
    }
    Ok(FixedAnswer { handler: handler.to_owned(), branch, steps })
}

impl FixedAnswer {
    /// The first block's identifier.
    pub(crate) fn first(&self) -> String {
        if self.steps.len() > 1 { self.id(0) } else { "bye".to_owned() }
    }

    fn id(&self, i: usize) -> String {
        let at = match self.branch {
            Branch::Start => "start",
            Branch::TransferFailed => "transfer-failed",
        };
        format!("fixed-{at}-{}", i + 1)
    }

    /// The plain blocks: one prompt each, then `bye` (the interpreter's disconnect). A prompt
    /// that fails goes on to the next block, as there is no host to report it to.
    pub(crate) fn blocks(&self) -> Vec<Value> {
        let prompts = self.steps.len() - 1;
        (0..prompts)
            .map(|i| {
                let next = if i + 1 == prompts { "bye".to_owned() } else { self.id(i + 1) };
                let parameters = match &self.steps[i] {
                    Step::Play { uri } => {
                        json!({"Media": {"Uri": uri, "SourceType": "S3", "MediaType": "Audio"}})
                    }
                    Step::Say { ssml } => json!({"SSML": ssml}),
                    _ => Value::Null,
                };
                json!({"Identifier": self.id(i), "Type": "MessageParticipant", "Parameters": parameters,
                    "Transitions": {"NextAction": next, "Errors": [{"NextAction": next, "ErrorType": "NoMatchingError"}]}})
            })
            .collect()
    }
}
