//! Serving an [`App`] on AWS Lambda through `lambda_runtime`, and the Lambda context as a
//! handler argument.

use super::{App, Error};
use crate::dispatch::extract::FromInvocation;
use crate::dispatch::handler::Rejection;
use crate::dispatch::request::Request;
use serde_json::Value;
use std::sync::Arc;

impl App {
    /// Serves the application on AWS Lambda; outside Lambda (no `AWS_LAMBDA_RUNTIME_API` in the
    /// environment), answers the event files named on the command line (see [`run`](super::run)).
    pub async fn run(self) -> Result<(), Error> {
        self.check()?;
        if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_none() {
            return self.run_local(std::env::args_os().skip(1).map(Into::into).collect()).await;
        }
        if !tracing::dispatcher::has_been_set() {
            lambda_runtime::tracing::init_default_subscriber();
        }
        if !self.logs_call_data() {
            quiet_panics();
        }
        let app = Arc::new(self);
        lambda_runtime::run(lambda_runtime::service_fn(
            move |event: lambda_runtime::LambdaEvent<Value>| {
                let app = app.clone();
                async move { Ok::<_, Error>(app.handle(event.payload, event.context).await) }
            },
        ))
        .await
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
