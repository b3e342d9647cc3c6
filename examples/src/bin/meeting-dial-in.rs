//! The meeting dial-in Lambda function (see `sma_examples::meeting_dial_in`). Locally,
//! `MEETINGS=123456=m-1:token cargo run -p sma-examples --bin meeting-dial-in -- examples/events/new_inbound_call.json`.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), sma_core::Error> {
    let meetings = sma_examples::meeting_dial_in::Meetings::from_env()?;
    sma_examples::meeting_dial_in::app(meetings).run().await
}
