//! The outbound-notification Lambda function (see `sma_examples::outbound_notification`).
//! Locally, `cargo run -p sma-examples --bin outbound-notification -- examples/events/new_outbound_call.json`.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), sma_core::Error> {
    sma_examples::outbound_notification::app().run().await
}
