//! The `call-play-recording` Lambda function (see `sma_examples::play_recording`). Locally,
//! `cargo run -p sma-examples --bin play-recording -- examples/events/new_inbound_call.json`.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), sma_core::Error> {
    let recording = sma_examples::play_recording::Recording::from_env();
    sma_examples::play_recording::app(recording).run().await
}
