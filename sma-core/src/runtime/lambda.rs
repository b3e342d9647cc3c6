//! Serving an [`App`] on AWS Lambda through `lambda_runtime`, and the Lambda context as a
//! handler argument.
//!
//! `sma` sits in front of `lambda_runtime`'s own event decoding, as a layer that sees each
//! invocation's raw body: the app answers from the bytes in one pass (so a body that is not an
//! invocation gets the failure policy's answer, never `lambda_runtime`'s error), and the answer
//! travels on through `lambda_runtime`'s own service stack as the body the inner function
//! reads: that function returns it as it is, and `lambda_runtime` posts it. A watchdog thread
//! holds the deadline for handlers that block their thread.

use super::watchdog::{self, Watchdog};
use super::{App, Error};
use crate::dispatch::extract::FromInvocation;
use crate::dispatch::handler::{HandlerError, Rejection};
use crate::dispatch::request::Request;
use lambda_runtime::tower::{Layer, Service};
use lambda_runtime::{LambdaEvent, LambdaInvocation};
use serde_json::value::RawValue;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
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
        let api = api.to_string_lossy().into_owned();
        let endpoint = RuntimeApi::parse(&api).map_err(|e| {
            format!("AWS_LAMBDA_RUNTIME_API is {api:?}: {e}; Lambda and cargo lambda set it to host:port, optionally with http:// and a path")
        })?;
        if !tracing::dispatcher::has_been_set() {
            lambda_runtime::tracing::init_default_subscriber();
        }
        if !self.logs_call_data() {
            quiet_panics();
        }
        let layer = OnePass { app: Arc::new(self), watchdog: Watchdog::start()?, api: endpoint };
        // The layer puts the answer where the event was: this returns it to be posted.
        let hand_back =
            lambda_runtime::service_fn(|event: LambdaEvent<Box<RawValue>>| async move {
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
}

/// `AWS_LAMBDA_MAX_CONCURRENCY`, when set to a number.
fn managed_concurrency() -> Option<u32> {
    std::env::var("AWS_LAMBDA_MAX_CONCURRENCY").ok()?.trim().parse().ok()
}

/// The layer in front of `lambda_runtime`'s decoding.
struct OnePass {
    app: Arc<App>,
    watchdog: Watchdog,
    api: RuntimeApi,
}

impl<S> Layer<S> for OnePass {
    type Service = OnePassService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        OnePassService {
            inner,
            app: self.app.clone(),
            watchdog: self.watchdog.clone(),
            api: Arc::new(self.api.clone()),
        }
    }
}

#[derive(Clone)]
struct OnePassService<S> {
    inner: S,
    app: Arc<App>,
    watchdog: Watchdog,
    api: Arc<RuntimeApi>,
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

/// Where the Runtime API is: `AWS_LAMBDA_RUNTIME_API`, read the way `lambda_runtime` reads it.
/// Lambda sets `host:port` (`127.0.0.1:9001`); `cargo lambda watch` and other emulators may add
/// `http://` and a base path (`http://127.0.0.1:9000/.rt`), which `lambda_runtime` puts in front
/// of every request path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RuntimeApi {
    /// `host:port`, for the connection and the `Host` header.
    authority: String,
    /// The base path, without a trailing `/` (empty for none).
    base_path: String,
}

impl RuntimeApi {
    /// Reads `host:port`, `http://host:port` or either with a base path.
    pub(crate) fn parse(api: &str) -> Result<Self, String> {
        let trimmed = api.trim();
        let rest = match trimmed.split_once("://") {
            None => trimmed,
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
            Some((scheme, _)) => {
                return Err(format!(
                    "the scheme {scheme:?} is not http (the Runtime API speaks plain HTTP)"
                ));
            }
        };
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let host_char = |b: u8| b.is_ascii_alphanumeric() || b"-._:[]".contains(&b);
        if authority.is_empty() || !authority.bytes().all(host_char) {
            return Err("it names no host:port".into());
        }
        let path_char = |b: u8| b.is_ascii_alphanumeric() || b"-._~/".contains(&b);
        if !path.bytes().all(path_char) {
            return Err("its path has characters a request path cannot take".into());
        }
        Ok(RuntimeApi {
            authority: authority.to_owned(),
            base_path: path.trim_end_matches('/').to_owned(),
        })
    }
}

/// Posts `answer` for `request_id` to the Runtime API from the watchdog thread: plain HTTP/1.1
/// on the address Lambda gives, as `lambda_runtime` does.
fn post_response(api: &RuntimeApi, request_id: &str, invocation_id: Option<&str>, answer: &[u8]) {
    use std::io::{Read, Write};
    let safe = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
    if !safe(request_id) || !invocation_id.is_none_or(safe) {
        tracing::error!("cannot post the failure answer: unexpected characters in the request id");
        return;
    }
    let RuntimeApi { authority, base_path } = api;
    let timeout = Some(std::time::Duration::from_secs(2));
    let sent = std::net::TcpStream::connect(authority.as_str()).and_then(|mut stream| {
        stream.set_write_timeout(timeout)?;
        stream.set_read_timeout(timeout)?;
        let id_header = invocation_id
            .map(|id| format!("Lambda-Runtime-Invocation-Id: {id}\r\n"))
            .unwrap_or_default();
        write!(
            stream,
            "POST {base_path}/2018-06-01/runtime/invocation/{request_id}/response HTTP/1.1\r\nHost: {authority}\r\n\
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

/// Keeps a handler's panic message off stderr (CloudWatch, on Lambda): it may hold call data,
/// and the failure policy's ERROR line logs it with the call data removed. Any other panic (at
/// start-up, in the runtime) goes to the hook that was there, message and all.
fn quiet_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !super::guard::in_handler() {
            return previous(info);
        }
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

#[cfg(test)]
mod tests {
    use super::RuntimeApi;

    #[test]
    fn the_runtime_api_address_forms_lambda_and_cargo_lambda_set() {
        let api = |s: &str| RuntimeApi::parse(s).map(|a| (a.authority, a.base_path));
        let plain = |a: &str, p: &str| Ok((a.to_owned(), p.to_owned()));
        assert_eq!(api("127.0.0.1:9001"), plain("127.0.0.1:9001", ""));
        assert_eq!(api("http://127.0.0.1:9000/.rt"), plain("127.0.0.1:9000", "/.rt"));
        assert_eq!(api("HTTP://localhost:9000/.rt/"), plain("localhost:9000", "/.rt"));
        assert_eq!(api("[::1]:9001"), plain("[::1]:9001", ""));
        assert!(api("https://127.0.0.1:9001").is_err());
        assert!(api("").is_err());
        assert!(api("127.0.0.1:9001/a b").is_err());
        assert!(api("http://user@host:1").is_err());
    }
}
