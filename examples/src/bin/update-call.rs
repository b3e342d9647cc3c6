//! The update-call Lambda function (see `sma_examples::update_call`). Locally,
//! `AGENT_NUMBER=+12065550100 cargo run -p sma-examples --bin update-call -- examples/events/call_update_transfer.json`.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), sma_core::Error> {
    let agents = sma_examples::update_call::Agents::from_env()?;
    sma_examples::update_call::app(agents).run().await
}
