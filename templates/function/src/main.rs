//! Runs the handlers on AWS Lambda; outside Lambda, answers the event files named on the
//! command line: `cargo run -- events/new_inbound_call.json`.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), sma_core::Error> {
    handlers::app().run().await
}
