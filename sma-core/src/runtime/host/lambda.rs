//! Serving an [`App`] on AWS Lambda through `lambda_runtime`.
//!
//! `sma` sits in front of `lambda_runtime`'s own event decoding, as a layer that sees each
//! invocation's raw body. The app answers from the bytes in one pass, so a body that is not an
//! invocation gets the failure policy's answer, never `lambda_runtime`'s error. The answer then
//! goes on through `lambda_runtime`'s own service stack, once, as the body the inner function
//! reads. That function returns it as it is (a `Box<RawValue>`: one validating scan and one copy
//! of the answer, the price of staying on `lambda_runtime`'s path), and `lambda_runtime` posts
//! it. A watchdog thread holds the deadline for handlers that block their thread.

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
    let layer = AnswerLayer { app: Arc::new(app), watchdog: Watchdog::new(), api };
    // The layer puts the answer where the event was: this returns it to be posted.
    let hand_back = lambda_runtime::service_fn(|event: LambdaEvent<Box<RawValue>>| async move {
        Ok::<_, Error>(event.payload)
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

/// `AWS_LAMBDA_MAX_CONCURRENCY`, when set to a number.
fn managed_concurrency() -> Option<u32> {
    std::env::var("AWS_LAMBDA_MAX_CONCURRENCY").ok()?.trim().parse().ok()
}

/// The layer in front of `lambda_runtime`'s decoding.
struct AnswerLayer {
    app: Arc<App>,
    watchdog: Watchdog,
    api: RuntimeApi,
}

impl<S> Layer<S> for AnswerLayer {
    type Service = AnswerService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AnswerService {
            inner,
            app: self.app.clone(),
            watchdog: self.watchdog.clone(),
            api: Arc::new(self.api.clone()),
        }
    }
}

#[derive(Clone)]
struct AnswerService<S> {
    inner: S,
    app: Arc<App>,
    watchdog: Watchdog,
    api: Arc<RuntimeApi>,
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
        Box::pin(async move {
            let answer = app.handle_slice(&event, context).await;
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
