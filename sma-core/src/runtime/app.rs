//! The application: the route table with its shared state, fallback, failure policy and limits,
//! and how it answers one invocation.

use super::guard::{budget, run_guarded};
use super::policy::{FailurePolicy, hang_up_connected, hang_up_details};
use super::trace::{self, Redactor};
use crate::contract::action::SipResponseCode;
use crate::contract::call::Call;
use crate::contract::event::{CallDetails, EventType, Invocation, ParticipantStatus};
use crate::contract::response::{Envelope, Response};
use crate::dispatch::handler::HandlerFuture;
use crate::dispatch::handler::{HandlerError, IntoResponse};
use crate::dispatch::request::{Request, StateMap};
use crate::dispatch::router::Router;
use crate::rules::limits::Limits;
use crate::rules::rule::{Level, Violation};
use serde::Deserialize;
use serde_json::Value;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

/// The service hangs up a call whose Lambda has not answered within 20 seconds.
pub const SERVICE_DEADLINE: Duration = Duration::from_secs(20);

type Fallback = Arc<dyn Fn(Request) -> HandlerFuture + Send + Sync>;

/// A Lambda function answering a SIP media application: the route table plus shared state, a
/// fallback, the failure policy and the limits responses are checked against.
///
/// See [Using AWS Lambda with PSTN audio](https://docs.aws.amazon.com/chime-sdk/latest/dg/using-lambda.html).
///
/// # What answers an invocation
/// 1. the most specific route of the [`Router`];
/// 2. else the fallback, if one was set with [`App::fallback`];
/// 3. else the event's default:
///
/// | event | default answer |
/// |---|---|
/// | NEW_OUTBOUND_CALL, RINGING, ACTION_INTERRUPTED | `"Actions": []` (the service ignores the answer) |
/// | ACTION_SUCCESSFUL, DIGITS_RECEIVED, CALL_UPDATE_REQUESTED, unknown event types | no `Actions`: what is left of the running list continues |
/// | HANGUP | `Hangup` for every leg still connected (a bridged call's other leg stays up, and billed, otherwise) |
/// | NEW_INBOUND_CALL, CALL_ANSWERED, ACTION_FAILED, INVALID_LAMBDA_RESPONSE | the failure policy (by default: hang up), with a warning: no handler means nobody would talk to the caller |
///
/// A handler error, panic, or time-out, an event that cannot be read, and a response that
/// breaks the contract all get the [`FailurePolicy`] answer and an ERROR log; the next
/// invocation is served as usual.
///
/// ```no_run
/// use sma_core::prelude::*;
/// use std::time::Duration;
///
/// struct Directory { sales: String }
///
/// #[on(NewInboundCall)]
/// async fn greet(call: Call, dir: Shared<Directory>) -> Actions {
///     Actions::new().then(call.leg_a().speak(format!("Calling {}", dir.sales)))
/// }
///
/// #[tokio::main]
/// async fn main() -> Result<(), sma_core::Error> {
///     App::new(handlers![greet])
///         .state(Directory { sales: "+12065550100".into() })
///         .on_failure(FailurePolicy::apologize("Sorry, we cannot take your call right now."))
///         .timeout(Duration::from_secs(5))
///         .run()
///         .await
/// }
/// ```
#[derive(Clone)]
pub struct App {
    router: Router,
    state: Arc<StateMap>,
    fallback: Option<Fallback>,
    policy: FailurePolicy,
    timeout: Duration,
    margin: Duration,
    limits: Limits,
    log_call_data: bool,
    /// Responses that break a rejecting rule are answered as they are (logged, not replaced):
    /// for a model of the service that judges them itself.
    deliver_rejected: bool,
    recorder: Option<super::Recorder>,
}

impl App {
    /// An application serving `router`, with the defaults: no state, no fallback,
    /// [`FailurePolicy::hang_up`], the service's 20 s deadline less a 500 ms margin, the current
    /// [`Limits`], phone numbers redacted in logs.
    pub fn new(router: Router) -> Self {
        App {
            router,
            state: Arc::new(StateMap::default()),
            fallback: None,
            policy: FailurePolicy::default(),
            timeout: SERVICE_DEADLINE,
            margin: Duration::from_millis(500),
            limits: Limits::CURRENT,
            log_call_data: false,
            deliver_rejected: false,
            recorder: None,
        }
    }

    /// Registers shared state, extracted by handlers as [`Shared<T>`](crate::Shared).
    pub fn state<T: Send + Sync + 'static>(mut self, value: T) -> Self {
        Arc::make_mut(&mut self.state).insert(value);
        self
    }

    /// Answers invocations that no route matches (before the per-event defaults).
    pub fn fallback<F, Fut, R>(mut self, f: F) -> Self
    where
        F: Fn(Call) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoResponse + 'static,
    {
        let f = Arc::new(f);
        self.fallback = Some(Arc::new(move |req: Request| {
            let fut = f(Call::shared(req.invocation_arc()));
            Box::pin(async move { fut.await.into_response() }) as HandlerFuture
        }));
        self
    }

    /// What to answer when a handler cannot (default: [`FailurePolicy::hang_up`]).
    pub fn on_failure(mut self, policy: FailurePolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The longest a handler may run (default and maximum useful value: the service's 20 s).
    /// The Lambda's own deadline, when sooner, is honoured too.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time kept back from the deadline to send the failure answer (default 500 ms).
    pub fn deadline_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The limits responses are checked against (default [`Limits::CURRENT`]).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Strict mode: rules that published handlers break (see
    /// [`Rule`](crate::rules::Rule)) reject the response instead of warning.
    pub fn strict(mut self, yes: bool) -> Self {
        self.limits.readings.strict = yes;
        self
    }

    /// Log call data in full: phone numbers, SIP header values and transaction attribute values
    /// (default: redacted from every line logged, whatever the message, numbers down to their
    /// first and last two digits).
    pub fn log_call_data(mut self, yes: bool) -> Self {
        self.log_call_data = yes;
        self
    }

    /// Whether call data is logged in full.
    pub(crate) fn logs_call_data(&self) -> bool {
        self.log_call_data
    }

    /// Text about to be logged, with the call data of `inv` removed (see [`App::log_call_data`]).
    fn loggable(&self, inv: Option<&Invocation>, text: &str) -> String {
        if self.log_call_data { text.to_owned() } else { Redactor::for_invocation(inv).apply(text) }
    }

    /// The route table.
    pub fn router(&self) -> &Router {
        &self.router
    }

    /// Checks the application before serving: no route taken twice, every `Shared<T>` a
    /// handler takes is registered.
    pub fn check(&self) -> Result<(), super::Error> {
        self.router.duplicates()?;
        self.router.check(&self.state)?;
        Ok(())
    }

    /// Logs every invocation's event and response as one JSON line, for replay (see
    /// [`Recorder`](super::Recorder)). Off by default.
    ///
    /// ```
    /// use sma_core::{App, Recorder};
    /// let app = App::new(sma_core::handlers![]).record(Recorder::stdout());
    /// # drop(app);
    /// ```
    pub fn record(mut self, recorder: super::Recorder) -> Self {
        self.recorder = Some(recorder);
        self
    }

    /// Answers responses that break a rejecting rule as they are, instead of replacing them
    /// with the failure policy's answer (still logged at ERROR). For a model of the service
    /// that judges responses itself; never for a deployed function.
    #[cfg(feature = "testing")]
    pub(crate) fn deliver_rejected(mut self) -> Self {
        self.deliver_rejected = true;
        self
    }

    /// Answers one raw invocation event. Never fails: every problem becomes the failure
    /// policy's answer and an ERROR log. The event takes the same path as on Lambda: it is
    /// written to bytes and answered by [`App::handle_slice`].
    pub async fn handle(&self, event: Value, context: lambda_runtime::Context) -> Envelope {
        let bytes = serde_json::to_vec(&event).unwrap_or_default();
        self.serve(&bytes, context).await.1.response
    }

    /// Answers one invocation event given as JSON bytes with the response's JSON bytes: the
    /// whole path an invocation takes on Lambda, in one pass (the event is read from the bytes
    /// straight into the model). Never fails: bytes that are not an invocation (empty, not
    /// JSON, not an object, another service's event) get the failure policy's answer and one
    /// ERROR log.
    ///
    /// ```
    /// # async fn demo() {
    /// use sma_core::App;
    /// let app = App::new(sma_core::handlers![]);
    /// let answer = app.handle_slice(b"not json", Default::default()).await;
    /// assert_eq!(answer, br#"{"SchemaVersion":"1.0","Actions":[{"Type":"Hangup","Parameters":{"SipResponseCode":0}}]}"#);
    /// # }
    /// ```
    pub async fn handle_slice(&self, event: &[u8], context: lambda_runtime::Context) -> Vec<u8> {
        self.serve(event, context).await.0
    }

    /// The one entry every host uses (the Lambda loop, local mode, the simulator, replay):
    /// event bytes in; the response bytes out, with which handler answered and what went
    /// wrong. Records the exchange when a [`Recorder`](super::Recorder) is set.
    pub(crate) async fn serve(
        &self,
        event: &[u8],
        context: lambda_runtime::Context,
    ) -> (Vec<u8>, Answered) {
        let answered = self.answer_slice(event, context).await;
        if let Some(recorder) = &self.recorder {
            // Recording is opt-in: reading the event again costs only those who record.
            let readable = Invocation::from_slice(event).is_ok();
            recorder.record(event, readable, &answered.response);
        }
        (answered.response.to_vec(), answered)
    }

    /// Reads and answers the bytes of one event, saying which handler answered and what went
    /// wrong.
    async fn answer_slice(&self, event: &[u8], context: lambda_runtime::Context) -> Answered {
        match Invocation::from_slice(event).map(Arc::new) {
            Ok(invocation) => {
                let span = trace::span(&invocation, self.log_call_data);
                self.answer(invocation, context).instrument(span).await
            }
            Err(e) => {
                let error = HandlerError::InvalidEvent(e.to_string());
                let shown = self.loggable(None, &error.to_string());
                tracing::error!(error = %shown, "cannot read the invocation; answering with the failure policy");
                let response = self.unreadable(event, &error);
                Answered { response, handler: None, error: Some(error.to_string()) }
            }
        }
    }

    /// The answer to `error` on bytes that are not an invocation: hang up the legs they list,
    /// when their `CallDetails` can be read on their own, else the failure policy's answer.
    fn unreadable(&self, event: &[u8], error: &HandlerError) -> Envelope {
        /// The legs of an event that cannot be read whole.
        #[derive(Deserialize)]
        struct Legs {
            #[serde(rename = "CallDetails")]
            call_details: CallDetails,
        }
        let response = match serde_json::from_slice::<Legs>(event) {
            Ok(legs) => {
                Response::new(hang_up_details(&legs.call_details, SipResponseCode::NormalClearing))
            }
            Err(_) => self.policy.respond(None, error),
        };
        self.checked(response, None)
    }

    /// Answers one invocation.
    pub async fn handle_invocation(
        &self,
        invocation: Invocation,
        context: lambda_runtime::Context,
    ) -> Envelope {
        let span = trace::span(&invocation, self.log_call_data);
        self.answer(Arc::new(invocation), context).instrument(span).await.response
    }

    async fn answer(
        &self,
        invocation: Arc<Invocation>,
        context: lambda_runtime::Context,
    ) -> Answered {
        let budget = budget(self.timeout, context.deadline, self.margin);
        let request =
            Request::from_parts(invocation.clone(), self.state.clone()).with_extension(context);
        let entry = self.router.find(&invocation).map(|e| (e.call, e.name));
        let (guarded, handler) = match (entry, &self.fallback) {
            (Some((call, name)), _) => {
                tracing::Span::current().record("handler", name);
                (run_guarded(|| call(request), budget), name)
            }
            (None, Some(fallback)) => {
                tracing::Span::current().record("handler", "fallback");
                (run_guarded(|| fallback(request), budget), "fallback")
            }
            (None, None) => return self.default_answer(&invocation),
        };
        let stored = invocation.call_details.transaction_attributes.as_ref();
        let outcome = guarded.await.and_then(|response| {
            let envelope = response.resolve(stored).map_err(|e| HandlerError::InvalidResponse(e.into()))?;
            match self.judge(&envelope, &invocation) {
                Err(e) if self.deliver_rejected => {
                    let shown = self.loggable(Some(&invocation), &e.to_string());
                    tracing::error!(error = %shown, "answering with a response that breaks the contract, as configured");
                    Ok(envelope)
                }
                judged => judged.map(|()| envelope),
            }
        });
        match outcome {
            Ok(response) => {
                tracing::debug!(actions = response.actions.as_ref().map(Vec::len), "answered");
                Answered { response, handler: Some(handler), error: None }
            }
            Err(error) => {
                let shown = self.loggable(Some(&invocation), &error.to_string());
                tracing::error!(error = %shown, "answering with the failure policy");
                let response = self.failure(&invocation, &error);
                Answered { response, handler: Some(handler), error: Some(error.to_string()) }
            }
        }
    }

    /// Checks a handler's response: the violations that reject fail it; the others are logged
    /// at WARN with their evidence, and the response goes out.
    fn judge(&self, envelope: &Envelope, invocation: &Invocation) -> Result<(), HandlerError> {
        let strict = self.limits.readings.strict;
        let (rejected, warned): (Vec<Violation>, Vec<Violation>) = envelope
            .review(&self.limits, Some(invocation))
            .into_iter()
            .partition(|v| strict || v.level() == Level::Reject);
        for v in &warned {
            tracing::warn!(
                rule = %v.rule,
                location = %v.location,
                evidence = v.rule.evidence(),
                "sent a response the documents disallow but published handlers send: {}",
                self.loggable(Some(invocation), &v.detail)
            );
        }
        if rejected.is_empty() { Ok(()) } else { Err(HandlerError::InvalidResponse(rejected)) }
    }

    /// How long a handler may run on an invocation with this Lambda deadline (epoch ms).
    pub(crate) fn budget(&self, lambda_deadline_ms: u64) -> Duration {
        budget(self.timeout, lambda_deadline_ms, self.margin)
    }

    /// The time kept back from the deadline.
    pub(crate) fn margin(&self) -> Duration {
        self.margin
    }

    /// The failure policy's answer for `error` on the event in `event`; if the bytes cannot be
    /// read, as for an event that cannot be read.
    pub(crate) fn failure_for_bytes(&self, event: &[u8], error: &HandlerError) -> Envelope {
        match Invocation::from_slice(event) {
            Ok(invocation) => self.failure(&invocation, error),
            Err(_) => self.unreadable(event, error),
        }
    }

    /// The failure policy's answer.
    fn failure(&self, invocation: &Invocation, error: &HandlerError) -> Envelope {
        self.checked(self.policy.respond(Some(invocation), error), Some(invocation))
    }

    /// A framework-built response (the failure policy's, a default), resolved and checked: one
    /// that the service would reject (a custom policy can build one) falls back to hanging up.
    fn checked(&self, response: Response, invocation: Option<&Invocation>) -> Envelope {
        let stored = invocation.and_then(|inv| inv.call_details.transaction_attributes.as_ref());
        let envelope = response
            .resolve(stored)
            .map_err(Vec::<Violation>::from)
            .and_then(|envelope| envelope.validate(&self.limits, invocation).map(|()| envelope));
        envelope.unwrap_or_else(|violations| {
            let shown: Vec<String> =
                violations.iter().map(|v| self.loggable(invocation, &v.to_string())).collect();
            tracing::error!(?shown, "the failure policy's answer is invalid; hanging up");
            Envelope::new(hang_up_connected(invocation, SipResponseCode::NormalClearing).into_vec())
        })
    }

    fn default_answer(&self, invocation: &Invocation) -> Answered {
        let mut unhandled = None;
        let response = match &invocation.event_type {
            EventType::NewOutboundCall | EventType::Ringing | EventType::ActionInterrupted => {
                Envelope::empty()
            }
            EventType::ActionSuccessful
            | EventType::DigitsReceived
            | EventType::CallUpdateRequested => Envelope { actions: None, ..Envelope::empty() },
            EventType::Hangup => {
                let connected = invocation
                    .call_details
                    .participants
                    .iter()
                    .any(|p| p.status == Some(ParticipantStatus::Connected));
                if connected {
                    tracing::info!("no HANGUP handler: hanging up the legs still connected");
                    let actions =
                        hang_up_details(&invocation.call_details, SipResponseCode::NormalClearing);
                    self.checked(Response::new(actions), Some(invocation))
                } else {
                    Envelope::empty()
                }
            }
            EventType::Other(name) => {
                tracing::warn!(event = %name, "unknown event type and no fallback; answering without actions");
                Envelope { actions: None, ..Envelope::empty() }
            }
            EventType::NewInboundCall
            | EventType::CallAnswered
            | EventType::ActionFailed
            | EventType::InvalidLambdaResponse => {
                let error = HandlerError::Unhandled(format!(
                    "no route matches {} and no fallback is set",
                    invocation.event_type
                ));
                tracing::warn!(error = %self.loggable(Some(invocation), &error.to_string()), "answering with the failure policy");
                unhandled = Some(error.to_string());
                self.failure(invocation, &error)
            }
        };
        Answered { response, handler: None, error: unhandled }
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("router", &self.router)
            .field("state", &self.state)
            .field("fallback", &self.fallback.is_some())
            .field("timeout", &self.timeout)
            .field("limits", &self.limits)
            .finish()
    }
}

/// What answered an invocation, and what went wrong.
#[cfg_attr(not(feature = "testing"), allow(dead_code))]
pub(crate) struct Answered {
    pub(crate) response: Envelope,
    pub(crate) handler: Option<&'static str>,
    pub(crate) error: Option<String>,
}
