//! The voicemail Lambda function (see `sma_examples::voicemail`). Locally,
//! `VOICEMAIL_BUCKET=my-bucket cargo run -p sma-examples --bin voicemail -- examples/events/new_inbound_call.json`.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), sma_core::Error> {
    let mailbox = sma_examples::voicemail::Mailbox::from_env()?;
    sma_examples::voicemail::app(mailbox).run().await
}
