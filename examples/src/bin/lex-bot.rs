//! The Lex bot Lambda function (see `sma_examples::lex_bot`). Locally,
//! `BOT_ALIAS_ARN=… VOICE_CONNECTOR_ARN=… cargo run -p sma-examples --bin lex-bot -- examples/events/new_inbound_call.json`.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), sma_core::Error> {
    let center = sma_examples::lex_bot::ContactCenter::from_env()?;
    sma_examples::lex_bot::app(center).run().await
}
