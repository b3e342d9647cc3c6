//! The IVR as a bare `lambda_runtime` function over purpose-built serde structs: the baseline
//! that `bench/compare.py` measures the `ivr` binary's size, start-up and memory against. It is
//! what `cargo lambda new` generates, logging set up the same way, with the IVR's logic.

use lambda_runtime::{Error, LambdaEvent, service_fn};
use sma_bench::typed::{Event, respond};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    lambda_runtime::tracing::init_default_subscriber();
    lambda_runtime::run(service_fn(|event: LambdaEvent<Event>| async move {
        Ok::<_, Error>(serde_json::to_value(respond(&event.payload))?)
    }))
    .await
}
