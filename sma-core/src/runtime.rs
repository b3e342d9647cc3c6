//! The Lambda entrypoint: [`run`], the [`App`] builder, the failure policy and the default
//! answer to every event that no route matches.

use crate::action::{Action, Hangup, SipResponseCode, Speak};
use crate::event::{CallDetails, EventType, Invocation, ParticipantStatus};
use crate::extract::Call;
use crate::handler::{HandlerError, IntoResponse, Request, StateMap};
use crate::response::{Limits, Response};
use crate::router::{HandlerFuture, Router};
use serde::Deserialize;
use serde_json::Value;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tracing::Instrument;

/// The error type of [`run`] and [`App::run`]: any boxed error.
///
/// ```
/// let e: sma_core::Error = "SALES_NUMBER is not E.164".into();
/// assert_eq!(e.to_string(), "SALES_NUMBER is not E.164");
/// ```
pub type Error = lambda_runtime::Error;

/// The service hangs up a call whose Lambda has not answered within 20 seconds.
pub const SERVICE_DEADLINE: Duration = Duration::from_secs(20);

/// Serves the handlers of `router` on AWS Lambda with the default [`App`] settings.
///
/// Outside Lambda (no `AWS_LAMBDA_RUNTIME_API` in the environment) it answers the event JSON
/// files named on the command line and prints each response, so
/// `cargo run --bin my-handler -- event.json` shows what the handler answers.
///
/// ```no_run
/// use sma_core::prelude::*;
///
/// #[on(NewInboundCall)]
/// async fn greet(call: Call) -> Actions {
///     call.leg_a().hangup().into()
/// }
///
/// #[tokio::main]
/// async fn main() -> Result<(), sma_core::Error> {
///     sma_core::run(handlers![greet]).await
/// }
/// ```
pub async fn run(router: Router) -> Result<(), Error> {
    App::new(router).run().await
}

type Fallback = Arc<dyn Fn(Request) -> HandlerFuture + Send + Sync>;

/// What to answer when a handler cannot: it returned an error, panicked, ran out of time, was
/// given an event it cannot read, or built a response the service would reject.
///
/// The default, [`FailurePolicy::hang_up`], ends the call cleanly: a `Hangup` for every leg
/// still connected. The cause is always logged at ERROR level.
///
/// See [Hangup](https://docs.aws.amazon.com/chime-sdk/latest/dg/hangup.html).
///
/// ```
/// use sma_core::{FailurePolicy, HandlerError};
/// let policy = FailurePolicy::apologize("Sorry, something went wrong. Goodbye.");
/// let response = policy.respond(None, &HandlerError::Panicked("boom".into()));
/// assert_eq!(response.actions.map(|a| a.len()), Some(1)); // no call to speak to: hang up
/// ```
#[derive(Clone)]
pub struct FailurePolicy {
    respond: Arc<PolicyFn>,
}

type PolicyFn = dyn Fn(Option<&Invocation>, &HandlerError) -> Response + Send + Sync;

impl FailurePolicy {
    /// Hang up every leg still connected, with SIP code 0 (normal clearing).
    pub fn hang_up() -> Self {
        FailurePolicy::hang_up_with(SipResponseCode::NormalClearing)
    }

    /// Hang up every leg still connected, with this SIP code.
    pub fn hang_up_with(code: SipResponseCode) -> Self {
        FailurePolicy::custom(move |inv, _| Response::new(hang_up_connected(inv, code)))
    }

    /// Speak `text` to LEG-A (when it is connected), then hang up every leg still connected.
    pub fn apologize(text: impl Into<String>) -> Self {
        let text: String = text.into();
        FailurePolicy::custom(move |inv, _| {
            let mut actions = Vec::new();
            if let Some(a) = inv.and_then(Invocation::leg_a).filter(|p| !p.is_disconnected()) {
                actions.push(Action::from(Speak {
                    call_id: Some(a.call_id.clone()),
                    text: Some(text.clone()),
                    ..Default::default()
                }));
            }
            actions.extend(hang_up_connected(inv, SipResponseCode::NormalClearing));
            Response::new(actions)
        })
    }

    /// Any outcome: `f` gets the invocation (when it could be read) and the error.
    pub fn custom(
        f: impl Fn(Option<&Invocation>, &HandlerError) -> Response + Send + Sync + 'static,
    ) -> Self {
        FailurePolicy { respond: Arc::new(f) }
    }

    /// The outcome for `error` on `invocation`.
    pub fn respond(&self, invocation: Option<&Invocation>, error: &HandlerError) -> Response {
        (self.respond)(invocation, error)
    }
}

impl Default for FailurePolicy {
    fn default() -> Self {
        FailurePolicy::hang_up()
    }
}

impl std::fmt::Debug for FailurePolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FailurePolicy")
    }
}

/// `Hangup` for every leg not `Disconnected`; a bare `Hangup` (the invoking leg) when the
/// event lists no leg.
fn hang_up_connected(inv: Option<&Invocation>, code: SipResponseCode) -> Vec<Action> {
    match inv {
        Some(inv) => hang_up_details(&inv.call_details, code),
        None => vec![bare_hangup(code)],
    }
}

fn hang_up_details(details: &CallDetails, code: SipResponseCode) -> Vec<Action> {
    let legs: Vec<Action> = details
        .participants
        .iter()
        .filter(|p| p.status != Some(ParticipantStatus::Disconnected))
        .map(|p| {
            Action::from(Hangup {
                target: crate::action::LegAddress::call(p.call_id.clone()),
                sip_response_code: Some(code),
                extra: Default::default(),
            })
        })
        .collect();
    if details.participants.is_empty() { vec![bare_hangup(code)] } else { legs }
}

fn bare_hangup(code: SipResponseCode) -> Action {
    Action::from(Hangup { sip_response_code: Some(code), ..Default::default() })
}

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
    log_phone_numbers: bool,
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
            log_phone_numbers: false,
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
            let call = Call::new(req.invocation().clone());
            let fut = f(call);
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

    /// Log phone numbers in full (default: redacted to their first and last two digits).
    pub fn log_phone_numbers(mut self, yes: bool) -> Self {
        self.log_phone_numbers = yes;
        self
    }

    /// The route table.
    pub fn router(&self) -> &Router {
        &self.router
    }

    /// Checks the application before serving: no route taken twice, every `Shared<T>` a
    /// handler takes is registered.
    pub fn check(&self) -> Result<(), Error> {
        self.router.duplicates()?;
        self.router.check(&self.state)?;
        Ok(())
    }

    /// Answers one raw invocation event. Never fails: every problem becomes the failure
    /// policy's answer and an ERROR log.
    pub async fn handle(&self, event: Value, context: lambda_runtime::Context) -> Response {
        self.handle_report(event, context).await.response
    }

    /// Like [`App::handle`], also saying which handler answered and what went wrong, if
    /// anything (for the simulator's transcript).
    pub(crate) async fn handle_report(
        &self,
        event: Value,
        context: lambda_runtime::Context,
    ) -> Answered {
        match Invocation::deserialize(&event) {
            Ok(invocation) => {
                let span = self.span(&invocation);
                self.answer(invocation, context).instrument(span).await
            }
            Err(e) => {
                let error = HandlerError::InvalidEvent(e.to_string());
                tracing::error!(error = %error, "cannot read the invocation; answering with the failure policy");
                let best_effort = event
                    .get("CallDetails")
                    .cloned()
                    .and_then(|d| serde_json::from_value::<CallDetails>(d).ok());
                let response = match best_effort {
                    Some(details) => {
                        Response::new(hang_up_details(&details, SipResponseCode::NormalClearing))
                    }
                    None => self.policy.respond(None, &error),
                };
                Answered { response, handler: None, error: Some(error.to_string()) }
            }
        }
    }

    /// Answers one invocation.
    pub async fn handle_invocation(
        &self,
        invocation: Invocation,
        context: lambda_runtime::Context,
    ) -> Response {
        let span = self.span(&invocation);
        self.answer(invocation, context).instrument(span).await.response
    }

    async fn answer(&self, invocation: Invocation, context: lambda_runtime::Context) -> Answered {
        let budget = self.budget(&context);
        let invocation = Arc::new(invocation);
        let request =
            Request::from_parts(invocation.clone(), Arc::new(context), self.state.clone());
        let entry = self.router.find(&invocation).map(|e| (e.call, e.name));
        let (future, handler) = match (entry, &self.fallback) {
            (Some((call, name)), _) => {
                tracing::Span::current().record("handler", name);
                (call(request), name)
            }
            (None, Some(fallback)) => {
                tracing::Span::current().record("handler", "fallback");
                (fallback(request), "fallback")
            }
            (None, None) => return self.default_answer(&invocation),
        };
        let stored = invocation.call_details.transaction_attributes.as_ref();
        let outcome = run_guarded(future, budget).await.map(|mut response| {
            response.resolve_attributes(stored);
            response
        });
        let outcome =
            outcome.and_then(|response| match response.validate(&self.limits, Some(&invocation)) {
                Ok(()) => Ok(response),
                Err(violations) => Err(HandlerError::InvalidResponse(violations)),
            });
        match outcome {
            Ok(response) => {
                tracing::debug!(actions = response.actions.as_ref().map(Vec::len), "answered");
                Answered { response, handler: Some(handler), error: None }
            }
            Err(error) => {
                tracing::error!(error = %error, "answering with the failure policy");
                let response = self.failure(&invocation, &error);
                Answered { response, handler: Some(handler), error: Some(error.to_string()) }
            }
        }
    }

    /// The failure policy's answer, itself checked: a custom policy that builds an invalid
    /// response falls back to hanging up.
    fn failure(&self, invocation: &Invocation, error: &HandlerError) -> Response {
        let response = self.policy.respond(Some(invocation), error);
        match response.validate(&self.limits, Some(invocation)) {
            Ok(()) => response,
            Err(violations) => {
                tracing::error!(?violations, "the failure policy's answer is invalid; hanging up");
                Response::new(hang_up_connected(Some(invocation), SipResponseCode::NormalClearing))
            }
        }
    }

    fn default_answer(&self, invocation: &Invocation) -> Answered {
        let mut unhandled = None;
        let response = match &invocation.event_type {
            EventType::NewOutboundCall | EventType::Ringing | EventType::ActionInterrupted => {
                Response::empty()
            }
            EventType::ActionSuccessful
            | EventType::DigitsReceived
            | EventType::CallUpdateRequested => Response::keep_running(),
            EventType::Hangup => {
                let actions =
                    hang_up_details(&invocation.call_details, SipResponseCode::NormalClearing);
                let connected = invocation
                    .call_details
                    .participants
                    .iter()
                    .any(|p| p.status == Some(ParticipantStatus::Connected));
                if connected {
                    tracing::info!("no HANGUP handler: hanging up the legs still connected");
                    Response::new(actions)
                } else {
                    Response::empty()
                }
            }
            EventType::Other(name) => {
                tracing::warn!(event = %name, "unknown event type and no fallback; answering without actions");
                Response::keep_running()
            }
            EventType::NewInboundCall
            | EventType::CallAnswered
            | EventType::ActionFailed
            | EventType::InvalidLambdaResponse => {
                let error = HandlerError::Unhandled(format!(
                    "no route matches {} and no fallback is set",
                    invocation.event_type
                ));
                tracing::warn!(error = %error, "answering with the failure policy");
                unhandled = Some(error.to_string());
                self.failure(invocation, &error)
            }
        };
        Answered { response, handler: None, error: unhandled }
    }

    /// How long the handler may run: the sooner of the service deadline and the Lambda
    /// deadline, less the margin.
    fn budget(&self, context: &lambda_runtime::Context) -> Duration {
        let mut budget = self.timeout;
        if context.deadline > 0 {
            let left = context.deadline().duration_since(SystemTime::now()).unwrap_or_default();
            budget = budget.min(left);
        }
        budget.saturating_sub(self.margin)
    }

    fn span(&self, inv: &Invocation) -> tracing::Span {
        let redact = |s: &str| if self.log_phone_numbers { s.to_owned() } else { redact_number(s) };
        let legs: Vec<String> = inv
            .call_details
            .participants
            .iter()
            .map(|p| format!("{}={}", p.participant_tag, p.call_id))
            .collect();
        let caller = inv.leg_a().map(|p| redact(&p.from)).unwrap_or_default();
        let callee = inv.leg_a().map(|p| redact(&p.to)).unwrap_or_default();
        tracing::info_span!(
            "invocation",
            transaction_id = %inv.call_details.transaction_id,
            sequence = inv.sequence,
            event = %inv.event_type,
            action = inv.action_data.as_ref().map(|d| d.type_name().to_owned()),
            legs = %legs.join(","),
            from = %caller,
            to = %callee,
            handler = tracing::field::Empty,
        )
    }

    /// Serves the application on AWS Lambda; outside Lambda, answers the event files named on
    /// the command line (see [`run`]).
    pub async fn run(self) -> Result<(), Error> {
        self.check()?;
        if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_none() {
            return self.run_local(std::env::args_os().skip(1).map(Into::into).collect()).await;
        }
        if !tracing::dispatcher::has_been_set() {
            lambda_runtime::tracing::init_default_subscriber();
        }
        let app = Arc::new(self);
        lambda_runtime::run(lambda_runtime::service_fn(
            move |event: lambda_runtime::LambdaEvent<Value>| {
                let app = app.clone();
                async move { Ok::<Response, Error>(app.handle(event.payload, event.context).await) }
            },
        ))
        .await
    }

    /// Answers each event file and prints the response as pretty JSON.
    async fn run_local(&self, files: Vec<std::path::PathBuf>) -> Result<(), Error> {
        if files.is_empty() {
            return Err(format!(
                "not running in AWS Lambda (AWS_LAMBDA_RUNTIME_API is not set). Pass invocation \
                 event JSON files to answer them locally, e.g. `{} event.json`, or serve the \
                 function with `cargo lambda watch` and send events with `cargo lambda invoke \
                 --data-file event.json`",
                std::env::args().next().unwrap_or_else(|| "handler".into())
            )
            .into());
        }
        for file in files {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let event: Value = serde_json::from_str(&text)
                .map_err(|e| format!("{} is not JSON: {e}", file.display()))?;
            let response = self.handle(event, lambda_runtime::Context::default()).await;
            println!("{}", serde_json::to_string_pretty(&response)?);
        }
        Ok(())
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
    pub(crate) response: Response,
    pub(crate) handler: Option<&'static str>,
    pub(crate) error: Option<String>,
}

/// Runs a handler's future on its own task so that a panic is caught, and stops waiting at the
/// budget.
async fn run_guarded(future: HandlerFuture, budget: Duration) -> Result<Response, HandlerError> {
    let task = tokio::spawn(future);
    let abort = task.abort_handle();
    match tokio::time::timeout(budget, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(join)) => Err(HandlerError::Panicked(panic_message(join))),
        Err(_) => {
            abort.abort();
            Err(HandlerError::TimedOut(budget))
        }
    }
}

fn panic_message(join: tokio::task::JoinError) -> String {
    if !join.is_panic() {
        return join.to_string();
    }
    let payload = join.into_panic();
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with a non-string payload".to_owned())
}

/// Keeps the `+`, the first two and the last two digits: `+12•••••••87`.
fn redact_number(s: &str) -> String {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if digits < 6 {
        return s.to_owned();
    }
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen <= 2 || seen > digits - 2 { c } else { '•' }
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_the_ends() {
        assert_eq!(redact_number("+13125550142"), "+13•••••••42");
        assert_eq!(redact_number("SMA"), "SMA");
    }

    #[test]
    fn budget_takes_the_sooner_deadline() {
        let app = App::new(Router::default());
        let none = lambda_runtime::Context::default();
        assert_eq!(app.budget(&none), Duration::from_millis(19_500));
        let mut soon = lambda_runtime::Context::default();
        let in_two_s = SystemTime::now() + Duration::from_secs(2);
        soon.deadline = in_two_s.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_millis() as u64;
        assert!(app.budget(&soon) <= Duration::from_millis(1_500));
        assert!(app.budget(&soon) > Duration::from_millis(1_000));
    }
}
