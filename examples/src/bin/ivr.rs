//! The IVR Lambda function. On AWS Lambda it serves the SIP media application; locally,
//! `cargo run -p sma-examples --bin ivr -- examples/events/new_inbound_call.json` prints what it
//! answers to that event.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), sma_core::Error> {
    let directory = sma_examples::ivr::Directory::from_env()?;
    sma_examples::ivr::app(directory).run().await
}
