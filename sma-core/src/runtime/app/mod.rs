//! The application: what answers one invocation, whoever hosts it (see `host`). [`App`] holds
//! the route table with its shared state, fallback, failure policy and limits; `answer` is how
//! it answers one event, from bytes to bytes; `policy` what answers when a handler cannot;
//! `guard` the task and deadline around a handler; `trace` the invocation span; `redact` and
//! `pseudonyms` keep call data out of logs and recordings; `record` the invocation log for replay.

pub(crate) mod answer;
pub(crate) mod guard;
pub(crate) mod policy;
pub(crate) mod pseudonyms;
pub(crate) mod record;
mod redact;
mod trace;

use crate::contract::call::Call;
use crate::contract::event::Invocation;
use crate::dispatch::extract::FromInvocation;
use crate::dispatch::extract::SharedState;
use crate::dispatch::handler::{HandlerFuture, IntoResponse, Rejection};
use crate::dispatch::request::{Request, StateMap};
use crate::dispatch::router::Router;
use crate::rules::limits::Limits;
use policy::FailurePolicy;
use record::{RecordHook, Recorder};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use trace::Redactor;

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
    /// The recorder's work, when recording (`Recorder::into_hook`: its code is in the binary
    /// only when an app records).
    recorder: Option<RecordHook>,
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

    /// Registers shared state, extracted by handlers as [`Shared<T>`](crate::Shared). Concurrent
    /// invocations share it, so it is [`SharedState`] (`Send + Sync`): a `Mutex` or an atomic
    /// for what handlers change.
    pub fn state<T: SharedState>(mut self, value: T) -> Self {
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
    pub fn check(&self) -> Result<(), crate::runtime::Error> {
        self.router.duplicates()?;
        self.router.check(&self.state)?;
        Ok(())
    }

    /// Logs every invocation's event and response as one JSON line, for replay (see
    /// [`Recorder`](Recorder)). Off by default, and then free: a binary that never calls this
    /// carries none of the recorder's code (about 100 KB of the example IVR's release binary,
    /// `BENCHMARKS.md`).
    ///
    /// ```
    /// use sma_core::{App, Recorder};
    /// let app = App::new(sma_core::handlers![]).record(Recorder::stdout());
    /// # drop(app);
    /// ```
    pub fn record(mut self, recorder: Recorder) -> Self {
        self.recorder = Some(recorder.into_hook());
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

/// The Lambda context of the invocation (a default context outside Lambda).
impl<E, A> FromInvocation<E, A> for lambda_runtime::Context {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        Ok(req.extension::<lambda_runtime::Context>().cloned().unwrap_or_default())
    }
}
