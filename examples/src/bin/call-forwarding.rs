//! The call-forwarding Lambda function (see `sma_examples::call_forwarding`). Locally,
//! `FORWARD_TO=+12065550100 cargo run -p sma-examples --bin call-forwarding -- examples/events/new_inbound_call.json`.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), sma_core::Error> {
    let forwarding = sma_examples::call_forwarding::Forwarding::from_env()?;
    sma_examples::call_forwarding::app(forwarding).run().await
}
