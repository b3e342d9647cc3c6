//! The recording-on-demand Lambda function (see `sma_examples::recording_on_demand`). Locally,
//! `AGENT_NUMBER=+12065550100 RECORDINGS_BUCKET=my-bucket cargo run -p sma-examples --bin recording-on-demand -- examples/events/new_inbound_call.json`.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), sma_core::Error> {
    let desk = sma_examples::recording_on_demand::Desk::from_env()?;
    sma_examples::recording_on_demand::app(desk).run().await
}
