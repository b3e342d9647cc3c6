//! Serving an [`App`] on AWS Lambda through `lambda_runtime`, and the Lambda context as a
//! handler argument.
//!
//! `sma` sits in front of `lambda_runtime`'s own event decoding, as a layer that sees each
//! invocation's raw body: the app answers from the bytes in one pass (so a body that is not an
//! invocation gets the failure policy's answer, never `lambda_runtime`'s error), and the
//! function `lambda_runtime` then calls only hands that answer back. A watchdog thread holds the
//! deadline for handlers that block their thread.

use super::watchdog::{self, Watchdog};
use super::{App, Error};
use crate::dispatch::extract::FromInvocation;
use crate::dispatch::handler::{HandlerError, Rejection};
use crate::dispatch::request::Request;
use lambda_runtime::tower::{Layer, Service};
use lambda_runtime::{LambdaEvent, LambdaInvocation};
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Instant;

impl App {
    /// Serves the application on AWS Lambda; outside Lambda (no `AWS_LAMBDA_RUNTIME_API` in the
    /// environment), answers the event files named on the command line (see [`run`](super::run)).
    pub async fn run(self) -> Result<(), Error> {
        self.check()?;
        let Some(api) = std::env::var_os("AWS_LAMBDA_RUNTIME_API") else {
            return self.run_local(std::env::args_os().skip(1).map(Into::into).collect()).await;
        };
        if !tracing::dispatcher::has_been_set() {
            lambda_runtime::tracing::init_default_subscriber();
        }
        if !self.logs_call_data() {
            quiet_panics();
        }
        let answers = Answers::default();
        let layer = OnePass {
            app: Arc::new(self),
            answers: answers.clone(),
            watchdog: Watchdog::start()?,
            api: api.to_string_lossy().into_owned(),
        };
        let hand_back = lambda_runtime::service_fn(move |event: LambdaEvent<()>| {
            let answer = answers.take(&event.context.request_id);
            async move { answer.ok_or_else(|| Error::from("no answer was prepared")) }
        });
        let runtime = lambda_runtime::Runtime::new(hand_back)
            .layer(layer)
            .layer(lambda_runtime::layers::TracingLayer::new());
        match managed_concurrency() {
            // Lambda Managed Instances: `sma` answers one invocation at a time (its deadline
            // watchdog is armed for one), and says so.
            Some(n) if n > 1 => {
                tracing::warn!(
                    "AWS_LAMBDA_MAX_CONCURRENCY is {n}: sma answers one invocation at a time"
                );
                runtime.run().await
            }
            // Unset (classic Lambda) or 1 (as `cargo lambda watch` sets it): one at a time,
            // without `lambda_runtime`'s warning about its concurrency feature.
            _ => runtime.run_concurrent().await,
        }
    }
}

/// `AWS_LAMBDA_MAX_CONCURRENCY`, when set to a number.
fn managed_concurrency() -> Option<u32> {
    std::env::var("AWS_LAMBDA_MAX_CONCURRENCY").ok()?.trim().parse().ok()
}

/// The answers the layer prepared, by request id, until `lambda_runtime` posts them.
#[derive(Clone, Default)]
struct Answers(Arc<Mutex<HashMap<String, Box<RawValue>>>>);

impl Answers {
    fn put(&self, request_id: String, answer: Box<RawValue>) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(request_id, answer);
    }

    fn take(&self, request_id: &str) -> Option<Box<RawValue>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).remove(request_id)
    }
}

/// The layer in front of `lambda_runtime`'s decoding.
struct OnePass {
    app: Arc<App>,
    answers: Answers,
    watchdog: Watchdog,
    api: String,
}

impl<S> Layer<S> for OnePass {
    type Service = OnePassService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        OnePassService {
            inner,
            app: self.app.clone(),
            answers: self.answers.clone(),
            watchdog: self.watchdog.clone(),
            api: Arc::from(self.api.as_str()),
        }
    }
}

#[derive(Clone)]
struct OnePassService<S> {
    inner: S,
    app: Arc<App>,
    answers: Answers,
    watchdog: Watchdog,
    api: Arc<str>,
}

type BoxError = lambda_runtime::tower::BoxError;

impl<S> Service<LambdaInvocation> for OnePassService<S>
where
    S: Service<LambdaInvocation, Response = (), Error = BoxError> + Clone + Send + 'static,
    S::Future: Send,
{
    type Response = ();
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<(), BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut invocation: LambdaInvocation) -> Self::Future {
        // The service that was polled ready goes with this call.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let (app, answers, api) = (self.app.clone(), self.answers.clone(), self.api.clone());
        let started = Instant::now();
        let event = std::mem::replace(&mut invocation.body, bytes::Bytes::from_static(b"null"));
        let request_id = invocation.context.request_id.clone();
        let invocation_id = invocation
            .parts
            .headers
            .get("lambda-runtime-invocation-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let budget = app.budget(invocation.context.deadline);
        let arming = {
            let (app, event, request_id) = (app.clone(), event.clone(), request_id.clone());
            self.watchdog.arm(
                watchdog::deadline(started, budget, app.margin()),
                Box::new(move || {
                    let answer = app.timed_out_answer(&event, budget);
                    post_response(&api, &request_id, invocation_id.as_deref(), &answer);
                }),
            )
        };
        let context = invocation.context.clone();
        Box::pin(async move {
            let answer = app.handle_slice(&event, context).await;
            if !arming.disarm() {
                // The watchdog answered at the deadline; this answer is late: drop it.
                return Ok(());
            }
            // The app writes serde_json's output, which is JSON text.
            match String::from_utf8(answer).ok().and_then(|t| RawValue::from_string(t).ok()) {
                Some(answer) => answers.put(request_id, answer),
                None => tracing::error!("the answer is not JSON text"),
            }
            inner.call(invocation).await
        })
    }
}

/// Posts `answer` for `request_id` to the Runtime API from the watchdog thread: plain HTTP/1.1
/// on the loopback address Lambda gives, as `lambda_runtime` does.
fn post_response(api: &str, request_id: &str, invocation_id: Option<&str>, answer: &[u8]) {
    use std::io::{Read, Write};
    let safe = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
    if !safe(request_id) || !invocation_id.is_none_or(safe) || !safe(api) {
        tracing::error!("cannot post the failure answer: unexpected characters in the request id");
        return;
    }
    let timeout = Some(std::time::Duration::from_secs(2));
    let sent = std::net::TcpStream::connect(api).and_then(|mut stream| {
        stream.set_write_timeout(timeout)?;
        stream.set_read_timeout(timeout)?;
        let id_header = invocation_id
            .map(|id| format!("Lambda-Runtime-Invocation-Id: {id}\r\n"))
            .unwrap_or_default();
        write!(
            stream,
            "POST /2018-06-01/runtime/invocation/{request_id}/response HTTP/1.1\r\nHost: {api}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n{id_header}\
             Connection: close\r\n\r\n",
            answer.len()
        )?;
        stream.write_all(answer)?;
        let mut status = [0u8; 12];
        stream.read_exact(&mut status)?;
        Ok(String::from_utf8_lossy(&status[9..12]).into_owned())
    });
    match sent {
        Ok(status) if status.starts_with('2') => {}
        Ok(status) => tracing::error!(%status, "the Runtime API refused the failure answer"),
        Err(e) => tracing::error!(error = %e, "cannot post the failure answer"),
    }
}

impl App {
    /// The failure policy's answer for a handler that did not finish within `budget`, as bytes:
    /// for the watchdog, which answers while the handler still holds its thread.
    pub(crate) fn timed_out_answer(&self, event: &[u8], budget: std::time::Duration) -> Vec<u8> {
        let error = HandlerError::TimedOut(budget);
        tracing::error!(
            error = %error,
            "the handler blocked its thread past the deadline; answering with the failure policy"
        );
        self.failure_for_bytes(event, &error).to_vec()
    }
}

/// Replaces the standard panic hook, which prints a panic's message to stderr (CloudWatch, on
/// Lambda): a handler's message may hold call data. The message is still logged, with the call
/// data removed, by the failure policy's ERROR line.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let at =
            info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!(
            "a handler panicked{at}; its message is in the ERROR log line that follows, without call data"
        );
    }));
}

/// The Lambda context of the invocation (a default context outside Lambda).
impl<E, A> FromInvocation<E, A> for lambda_runtime::Context {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        Ok(req.extension::<lambda_runtime::Context>().cloned().unwrap_or_default())
    }
}
