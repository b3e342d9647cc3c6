//! Serving an [`App`] on AWS Lambda through `lambda_runtime`.
//!
//! `sma` sits in front of `lambda_runtime`'s own event decoding, as a layer that sees each
//! invocation's raw body. The app answers from the bytes in one pass, so a body that is not an
//! invocation gets the failure policy's answer, never `lambda_runtime`'s error. The answer then
//! goes on through `lambda_runtime`'s own service stack, once, as the body the inner function
//! reads. That function returns it as it is (a `Box<RawValue>`: one validating scan and one copy
//! of the answer, the price of staying on `lambda_runtime`'s path), and `lambda_runtime` posts
//! it. A watchdog thread holds the deadline for handlers that block their thread.
//!
//! Where Lambda allows it (Managed Instances set `AWS_LAMBDA_MAX_CONCURRENCY`), `lambda_runtime`
//! polls for that many invocations at once and the layer answers each on its own: the app is
//! shared (`Arc<App>`, `Send + Sync` by construction) and every invocation has its own guard and
//! its own arming of the watchdog.

use super::panics::quiet_panics;
use super::runtime_api::{RuntimeApi, post_response};
use super::watchdog::{self, Watchdog};
use crate::runtime::Error;
use crate::runtime::app::App;
use lambda_runtime::tower::{Layer, Service};
use lambda_runtime::{LambdaEvent, LambdaInvocation};
use serde_json::value::RawValue;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

/// Serves `app` on the Runtime API at `api` until the process ends.
pub(super) async fn serve(app: App, api: RuntimeApi) -> Result<(), Error> {
    if !tracing::dispatcher::has_been_set() {
        super::logs::init();
    }
    if !app.logs_call_data() {
        quiet_panics();
    }
    let isolate = managed_concurrency().is_some_and(|n| n > 1);
    let layer = AnswerLayer { app: Arc::new(app), watchdog: Watchdog::new(), api, isolate };
    // The layer puts the answer where the event was: this returns it to be posted.
    let hand_back = lambda_runtime::service_fn(|event: LambdaEvent<Box<RawValue>>| async move {
        Ok::<_, Error>(event.payload)
    });
    let runtime = lambda_runtime::Runtime::new(hand_back)
        .layer(layer)
        .layer(lambda_runtime::layers::TracingLayer::new());
    // `AWS_LAMBDA_MAX_CONCURRENCY` invocations at once on Lambda Managed Instances, each with
    // its own deadline guard and watchdog arming, its handler on a thread of its own
    // (`isolate`); one at a time where it is unset (classic Lambda) or 1 (as `cargo lambda
    // watch` sets it).
    runtime.run_concurrent().await
}

/// `AWS_LAMBDA_MAX_CONCURRENCY`, when set to a number (as `lambda_runtime` reads it).
fn managed_concurrency() -> Option<u32> {
    std::env::var("AWS_LAMBDA_MAX_CONCURRENCY").ok()?.trim().parse().ok()
}

/// The layer in front of `lambda_runtime`'s decoding.
struct AnswerLayer {
    app: Arc<App>,
    watchdog: Watchdog,
    api: RuntimeApi,
    /// Whether invocations are served concurrently: then each is answered on a blocking-pool
    /// thread of its own, so that a handler that blocks its thread holds up no other invocation
    /// (nor the tasks that bring them in), whatever the runtime's flavour.
    isolate: bool,
}

impl<S> Layer<S> for AnswerLayer {
    type Service = AnswerService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AnswerService {
            inner,
            app: self.app.clone(),
            watchdog: self.watchdog.clone(),
            api: Arc::new(self.api.clone()),
            isolate: self.isolate,
        }
    }
}

#[derive(Clone)]
struct AnswerService<S> {
    inner: S,
    app: Arc<App>,
    watchdog: Watchdog,
    api: Arc<RuntimeApi>,
    isolate: bool,
}

type BoxError = lambda_runtime::tower::BoxError;

impl<S> Service<LambdaInvocation> for AnswerService<S>
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
        let (app, api) = (self.app.clone(), self.api.clone());
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
        let isolate = self.isolate;
        Box::pin(async move {
            let answer = match isolate {
                false => app.handle_bytes(&event, context).await,
                true => answer_isolated(app, event, context).await,
            };
            if !arming.disarm() {
                // The watchdog answered at the deadline; this answer is late: drop it.
                return Ok(());
            }
            // The answer goes on as the body the inner function reads and returns.
            invocation.body = bytes::Bytes::from(answer);
            inner.call(invocation).await
        })
    }
}

/// Answers on a blocking-pool thread of its own, driving the handler there with the runtime's
/// handle: timers and I/O still run on the runtime, and a handler that blocks holds only this
/// thread (the watchdog answers for it at the deadline).
async fn answer_isolated(
    app: Arc<App>,
    event: bytes::Bytes,
    context: lambda_runtime::Context,
) -> Vec<u8> {
    let runtime = tokio::runtime::Handle::current();
    let (app2, event2) = (app.clone(), event.clone());
    let answered = tokio::task::spawn_blocking(move || {
        runtime.block_on(async move { app2.handle_bytes(&event2, context).await })
    })
    .await;
    answered.unwrap_or_else(|_| {
        // Handler panics are caught inside `handle_slice`: this is a panic of `sma` itself (its
        // message stays off the answer and the logs: it may hold call data).
        let error = crate::dispatch::handler::HandlerError::Panicked("inside sma".into());
        app.failure_for_bytes(&event, &error).to_vec()
    })
}
