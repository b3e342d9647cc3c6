//! What hosts the application: the Lambda loop (`lambda`) and its log set-up (`logs`), the
//! watchdog that answers for a
//! handler blocking its thread past the deadline (`watchdog`, posting through `runtime_api`),
//! the panic hook (`panics`), and local mode (`local`). It knows how an invocation arrives and
//! leaves, not how it is answered: that is `app`'s, reached only through [`App`].

mod lambda;
mod local;
mod logs;
mod panics;
mod runtime_api;
mod watchdog;

pub use logs::install as lambda_logs;

use crate::runtime::Error;
use crate::runtime::app::App;
use runtime_api::RuntimeApi;

impl App {
    /// Serves the application on AWS Lambda; outside Lambda (no `AWS_LAMBDA_RUNTIME_API` in the
    /// environment), answers the event files named on the command line (see
    /// [`run`](crate::run)).
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), sma_core::Error> {
    /// sma_core::App::new(sma_core::handlers![]).run().await
    /// # }
    /// ```
    pub async fn run(self) -> Result<(), Error> {
        self.check()?;
        let Some(api) = std::env::var_os("AWS_LAMBDA_RUNTIME_API") else {
            let files = std::env::args_os().skip(1).map(Into::into).collect();
            return local::run(&self, files).await;
        };
        let api = api.to_string_lossy().into_owned();
        let endpoint = RuntimeApi::parse(&api).map_err(|e| {
            format!("AWS_LAMBDA_RUNTIME_API is {api:?}: {e}; Lambda and cargo lambda set it to host:port, optionally with http:// and a path")
        })?;
        lambda::serve(self, endpoint).await
    }
}
