//! [`ConnectHost`]: the same `App` behind Amazon Connect, one Lambda call per block of the
//! interpreter flow.
//!
//! The flow runs one block at a time and calls the host after each (see [`protocol`]). The
//! host keeps what the SIP media application service keeps: the list of actions still to run,
//! the action running, the transaction attributes, the attempts of a digit collection. It sends
//! the app the event the service would send (NEW_INBOUND_CALL, ACTION_SUCCESSFUL with the
//! digits, ACTION_FAILED, HANGUP) through the app's byte entry, and answers the next block. A
//! contact started by `StartOutboundVoiceContact` (`InitiationMethod` `API` or `OUTBOUND`) starts
//! as an outbound call does: NEW_OUTBOUND_CALL with the contact's first attributes as
//! `ArgumentsMap`, RINGING (the actions answered to both are ignored, as the service ignores
//! them), then CALL_ANSWERED, whose actions run: Connect runs the flow once the call connects.
//! The flow waits [`protocol::INVOCATION_SECONDS`] for each Lambda call: the app's handlers get
//! what is left of them, and one still running is answered by the app's failure policy.
//!
//! What it runs, and how: `Speak` and `Pause` (SSML, breaks of at most 10 s), `PlayAudio` (an S3
//! object), `SpeakAndGetDigits` (one key, or stored input ended by `#`; the minimum and maximum
//! number of digits and `InputDigitsRegex` are checked here, as the service checks them, with
//! the failure prompt and `Repeat` attempts), `CallAndBridge` to one phone number (the contact
//! ends with the transfer when it connects) and `Hangup` of the customer. Any other action, or
//! an action addressed to another leg, is reported to the app as ACTION_FAILED with the
//! `ErrorType` of [`HostReadings::unsupported`], so that its failure path runs instead of the
//! call going on as if the action had run. An answer with no action ends the contact (Connect
//! cannot keep a contact in silence, as the service keeps a call).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use sma_core::prelude::*;
//! #[on(NewInboundCall)]
//! async fn greet(call: Call) -> Actions { call.leg_a().speak("Hello").into() }
//!
//! let host = sma_connect::host::ConnectHost::new(App::new(handlers![greet]));
//! let event = br#"{"Name":"ContactFlowEvent","Details":{"Parameters":{},"ContactData":{
//!   "ContactId":"c-1","InitiationMethod":"INBOUND","Channel":"VOICE","Attributes":{},
//!   "InstanceARN":"arn:aws:connect:us-east-1:111122223333:instance/i-1",
//!   "CustomerEndpoint":{"Type":"TELEPHONE_NUMBER","Address":"+16505550177"},
//!   "SystemEndpoint":{"Type":"TELEPHONE_NUMBER","Address":"+14155550123"}}}}"#;
//! let answer: serde_json::Value = serde_json::from_slice(&host.handle_slice(event).await).unwrap();
//! assert_eq!(answer["sma_next"], "Say");
//! assert_eq!(answer["sma_ssml"], "<speak>Hello</speak>");
//! # }
//! ```

mod contact;
pub mod protocol;
pub(crate) mod step;

use contact::Contact;
use protocol::*;
use serde_json::{Map, Value, json};
use sma_core::App;
use sma_core::digits_matcher::DigitsMatcher;
use sma_core::event::{ActionData, ActionRef, CallCreateRequest};
use std::collections::VecDeque;
use step::Step;

/// Handler calls one Lambda call may make (each failed unsupported action makes one more).
const MAX_TURNS: usize = 8;

/// The readings the host takes where the SIP media application documents give no value.
///
/// ```
/// let r = sma_connect::host::HostReadings::default();
/// assert_eq!(r.digits_exhausted, "NoValidDigits");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostReadings {
    /// `ErrorType` of ACTION_FAILED when every attempt of a `SpeakAndGetDigits` fails: the
    /// simulator's default reading (`ServiceReadings::digits_exhausted`).
    pub digits_exhausted: String,
    /// `ErrorType` when Connect reports that a transfer failed or was not answered in time.
    pub transfer_failed: String,
    /// `ErrorType` of an action the interpreter flow has no block for.
    pub unsupported: String,
}

impl Default for HostReadings {
    fn default() -> Self {
        HostReadings {
            digits_exhausted: "NoValidDigits".into(),
            transfer_failed: "CallNotAnswered".into(),
            unsupported: "ActionNotSupportedByConnect".into(),
        }
    }
}

/// The app behind Amazon Connect's interpreter flow. See the [module](self) documentation.
pub struct ConnectHost {
    app: App,
    readings: HostReadings,
    observer: Option<Observer>,
}

/// Sees each event the host sends the app.
type Observer = Box<dyn Fn(&[u8]) + Send + Sync>;

/// What happens next inside one Lambda call.
enum Next {
    /// Send the app this event, with this `ActionData`.
    Event(&'static str, Option<Value>),
    /// Run the next queued action.
    Queued,
    /// Run this action again (another attempt).
    Again(Value),
    /// Run nothing more: this block ends the contact.
    Stop(Step),
}

/// The call's state, carried in contact attributes between Lambda calls.
struct State {
    queue: VecDeque<Value>,
    running: Option<Value>,
    attributes: Value,
    sequence: u64,
    attempt: u32,
    started: String,
}

impl ConnectHost {
    /// The host of `app`, with the default readings.
    ///
    /// See the [module](self) documentation for an example.
    pub fn new(app: App) -> Self {
        ConnectHost { app, readings: HostReadings::default(), observer: None }
    }

    /// The same host with other readings.
    ///
    /// ```
    /// use sma_connect::host::{ConnectHost, HostReadings};
    /// let readings = HostReadings { transfer_failed: "SystemException".into(), ..HostReadings::default() };
    /// let host = ConnectHost::new(sma_core::App::new(sma_core::handlers![])).readings(readings);
    /// # let _ = host;
    /// ```
    pub fn readings(mut self, readings: HostReadings) -> Self {
        self.readings = readings;
        self
    }

    /// The same host, calling `observer` with the bytes of each event it sends the app, before
    /// the app answers: for tests (the walk of `sma_connect::walk` reads the digits the app
    /// received from them). The bytes carry call data: keep them out of logs.
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// let seen = Arc::new(Mutex::new(0));
    /// let count = Arc::clone(&seen);
    /// let host = sma_connect::host::ConnectHost::new(sma_core::App::new(sma_core::handlers![]))
    ///     .observe(move |_event| *count.lock().unwrap() += 1);
    /// # let _ = host;
    /// ```
    pub fn observe(mut self, observer: impl Fn(&[u8]) + Send + Sync + 'static) -> Self {
        self.observer = Some(Box::new(observer));
        self
    }

    /// Answers one Connect Lambda invocation (its JSON bytes) with the string map the flow
    /// reads under `$.External`. A body that is not a Connect flow event is answered with a
    /// hang-up, and the reason is logged without its values.
    ///
    /// See the [module](self) documentation for an example.
    pub async fn handle_slice(&self, event: &[u8]) -> Vec<u8> {
        self.handle_until(event, u64::MAX).await
    }

    /// [`ConnectHost::handle_slice`], within the Lambda deadline `deadline_ms` (epoch
    /// milliseconds, 0 when unknown) when it is sooner than the flow's [`INVOCATION_SECONDS`]:
    /// the app's handlers get what is left of it (less the app's margin), and one that takes
    /// longer is answered by the app's failure policy, as on the SIP media application.
    async fn handle_until(&self, event: &[u8], deadline_ms: u64) -> Vec<u8> {
        let flow_limit = now_ms().saturating_add(u128::from(INVOCATION_SECONDS) * 1000);
        let known = if deadline_ms == 0 { u64::MAX } else { deadline_ms };
        let deadline = u64::try_from(flow_limit).unwrap_or(u64::MAX).min(known);
        let contact = match Contact::read(event) {
            Ok(contact) => contact,
            Err(why) => {
                tracing::error!(%why, "sma-connect: not an Amazon Connect flow event");
                let mut out = Map::new();
                Step::Hangup.write(&mut out);
                return serde_json::to_vec(&out).unwrap_or_default();
            }
        };
        let mut state = State::read(&contact);
        let step = self.turns(&contact, &mut state, deadline).await;
        let mut out = state.write();
        step.write(&mut out);
        serde_json::to_vec(&out).unwrap_or_default()
    }

    /// Sends the app the events the block's result calls for, until a block is to run.
    async fn turns(&self, contact: &Contact, state: &mut State, deadline: u64) -> Step {
        let mut next = self.after_block(contact, state);
        for _ in 0..MAX_TURNS {
            match next {
                Next::Event(kind, data) => {
                    state.sequence += 1;
                    let event = contact.event(
                        kind,
                        data,
                        state.sequence,
                        &state.started,
                        &state.attributes,
                    );
                    let bytes = serde_json::to_vec(&event).unwrap_or_default();
                    if let Some(observer) = &self.observer {
                        observer(&bytes);
                    }
                    let mut context = lambda_runtime::Context::default();
                    context.deadline = deadline;
                    let answer = self.app.handle_slice(&bytes, context).await;
                    let answer: Value = serde_json::from_slice(&answer).unwrap_or(Value::Null);
                    // The service stores the complete map a response gives, `{}` clearing it.
                    if let Some(attributes) = answer.get("TransactionAttributes") {
                        state.attributes = attributes.clone();
                    }
                    next = match kind {
                        "HANGUP" => return Step::End,
                        // The service ignores the actions answered to these two events
                        // (spec: outbound calls); Connect runs the flow once the callee answered.
                        "NEW_OUTBOUND_CALL" => Next::Event("RINGING", None),
                        "RINGING" => Next::Event("CALL_ANSWERED", None),
                        _ => {
                            let actions = answer.get("Actions").and_then(Value::as_array).cloned();
                            state.queue = actions.unwrap_or_default().into();
                            Next::Queued
                        }
                    };
                }
                Next::Stop(step) => return step,
                Next::Queued | Next::Again(_) => {
                    let action = match next {
                        Next::Again(action) => action,
                        _ => {
                            let Some(action) = state.queue.pop_front() else { return Step::Hangup };
                            state.attempt = 1;
                            action
                        }
                    };
                    match step::of(&action, &contact.id, state.attempt) {
                        Ok(step) => {
                            state.running = Some(action);
                            return step;
                        }
                        Err(why) => {
                            tracing::warn!(%why, "sma-connect: an action the flow cannot run fails");
                            state.queue.clear();
                            next = Next::Event(
                                "ACTION_FAILED",
                                Some(failure(action, &self.readings.unsupported, &why)),
                            );
                        }
                    }
                }
            }
        }
        tracing::error!("sma-connect: the app answered {MAX_TURNS} times without a block to run");
        Step::Hangup
    }

    /// What the result of the block just run means: an event for the app, or the next action.
    fn after_block(&self, contact: &Contact, state: &mut State) -> Next {
        let result = contact.result();
        if result == START {
            state.started = now_ms().to_string();
            if !contact.outbound {
                return Next::Event("NEW_INBOUND_CALL", None);
            }
            // StartOutboundVoiceContact's `Attributes` are the contact's first attributes:
            // what CreateSipMediaApplicationCall's `ArgumentsMap` carried.
            let arguments = contact.arguments();
            let data = (!arguments.is_empty()).then(|| {
                let request = CallCreateRequest::new(arguments);
                serde_json::to_value(ActionData::new(ActionRef::CallCreateRequest(request)))
                    .unwrap_or(Value::Null)
            });
            return Next::Event("NEW_OUTBOUND_CALL", data);
        }
        if result == HUNG_UP {
            let data = json!({"Type": "Hangup", "Parameters": {"CallId": contact.id, "ParticipantTag": "LEG-A", "SipResponseCode": "0"}});
            return Next::Event("HANGUP", Some(data));
        }
        let Some(running) = state.running.take() else {
            tracing::error!("sma-connect: a block reported a result, but no action was running");
            return Next::Stop(Step::Hangup);
        };
        match result {
            KEYS | NO_INPUT
                if running.get("Type").and_then(Value::as_str) == Some("SpeakAndGetDigits") =>
            {
                let keys = if result == KEYS { contact.attribute(DIGITS) } else { "" };
                self.collected(running, keys, state)
            }
            FAILED => {
                state.queue.clear();
                let error = match contact.attribute(ERROR) {
                    "CallFailed" | "ConnectionTimeLimitExceeded" => {
                        self.readings.transfer_failed.as_str()
                    }
                    _ => "SystemException",
                };
                Next::Event(
                    "ACTION_FAILED",
                    Some(failure(running, error, "the Amazon Connect block failed")),
                )
            }
            _ if state.queue.is_empty() => Next::Event(
                "ACTION_SUCCESSFUL",
                Some(json!({"Type": running["Type"], "Parameters": running["Parameters"]})),
            ),
            _ => Next::Queued,
        }
    }

    /// Keys entered for a `SpeakAndGetDigits`: checked as the service checks them; a failed
    /// attempt runs the action again with its failure prompt, until `Repeat` attempts failed.
    fn collected(&self, running: Value, keys: &str, state: &mut State) -> Next {
        let p = &running["Parameters"];
        let n = keys.chars().count() as u64;
        let min = step::number(p.get("MinNumberOfDigits"))
            .unwrap_or(sma_core::action::defaults::MIN_NUMBER_OF_DIGITS.into());
        let max = step::number(p.get("MaxNumberOfDigits"))
            .unwrap_or(sma_core::action::defaults::MAX_NUMBER_OF_DIGITS.into());
        let regex_ok = p
            .get("InputDigitsRegex")
            .and_then(Value::as_str)
            .is_none_or(|r| DigitsMatcher::new(r).is_match(keys));
        if n > 0 && n >= min && n <= max && regex_ok {
            let mut data = json!({"Type": running["Type"], "Parameters": running["Parameters"]});
            data["ReceivedDigits"] = keys.into();
            return Next::Event("ACTION_SUCCESSFUL", Some(data));
        }
        let repeat =
            step::number(p.get("Repeat")).unwrap_or(sma_core::action::defaults::REPEAT.into());
        if u64::from(state.attempt) < repeat {
            state.attempt += 1;
            return Next::Again(running);
        }
        state.queue.clear();
        let error = self.readings.digits_exhausted.as_str();
        Next::Event("ACTION_FAILED", Some(failure(running, error, "No valid digits were entered.")))
    }

    /// Serves Connect's Lambda invocations until the runtime stops.
    ///
    /// ```no_run
    /// # async fn demo(app: sma_core::App) -> Result<(), lambda_runtime::Error> {
    /// sma_connect::host::ConnectHost::new(app).run().await
    /// # }
    /// ```
    pub async fn run(self) -> Result<(), lambda_runtime::Error> {
        let host = &self;
        lambda_runtime::run(lambda_runtime::service_fn(
            move |event: lambda_runtime::LambdaEvent<Value>| async move {
                let bytes = serde_json::to_vec(&event.payload)?;
                let answer = host.handle_until(&bytes, event.context.deadline).await;
                let answer: Value = serde_json::from_slice(&answer)?;
                Ok::<Value, lambda_runtime::Error>(answer)
            },
        ))
        .await
    }
}

/// The block kind and the static seconds of `action` on a call whose LEG-A is `leg_a`, for the
/// blocks that have one (the interpreter flow's variants).
pub(crate) fn step_of(action: &Value, leg_a: &str) -> Option<(&'static str, u64)> {
    match step::of(action, leg_a, 1).ok()? {
        Step::GetKeys { one: true, seconds, .. } => Some((STEP_GET_KEY, seconds)),
        Step::GetKeys { one: false, seconds, .. } => Some((STEP_GET_DIGITS, seconds)),
        Step::Transfer { seconds, .. } => Some((STEP_TRANSFER, seconds)),
        _ => None,
    }
}

/// `ActionData` of a failed action.
fn failure(action: Value, error: &str, message: &str) -> Value {
    json!({"Type": action["Type"], "Parameters": action["Parameters"], "ErrorType": error, "ErrorMessage": message})
}

fn now_ms() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis())
}

impl State {
    fn read(contact: &Contact) -> State {
        let json = |key: &str| {
            serde_json::from_str::<Value>(contact.attribute(key)).unwrap_or(Value::Null)
        };
        State {
            queue: json(QUEUE).as_array().cloned().unwrap_or_default().into(),
            running: Some(json(RUNNING)).filter(|r| !r.is_null()),
            attributes: json(ATTRIBUTES),
            sequence: contact.attribute(SEQUENCE).parse().unwrap_or(0),
            attempt: contact.attribute(ATTEMPT).parse().unwrap_or(1),
            started: contact.attribute(STARTED).to_owned(),
        }
    }

    /// The state as the string map the flow copies into the contact attributes.
    fn write(&self) -> Map<String, Value> {
        let text = |v: &Value| if v.is_null() { String::new() } else { v.to_string() };
        let queue = Value::Array(self.queue.iter().cloned().collect());
        let mut out = Map::new();
        out.insert(QUEUE.into(), text(&queue).into());
        out.insert(RUNNING.into(), self.running.as_ref().map(text).unwrap_or_default().into());
        out.insert(ATTRIBUTES.into(), text(&self.attributes).into());
        out.insert(SEQUENCE.into(), self.sequence.to_string().into());
        out.insert(ATTEMPT.into(), self.attempt.to_string().into());
        out.insert(STARTED.into(), self.started.clone().into());
        out
    }
}
