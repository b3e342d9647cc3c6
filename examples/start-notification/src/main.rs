//! Starts an outbound notification call (see `sma_examples::outbound_notification`): the other
//! half of the flow, sending the same [`Notice`] the handler reads with `Arguments<Notice>`.
//!
//! ```text
//! SIP_MEDIA_APPLICATION_ID=… cargo run -p start-notification -- \
//!     +14155550123 +16505550177 A-17 "Your appointment is tomorrow at 10."
//! ```
//!
//! It takes AWS credentials, region and endpoint from the usual places (`aws-config`), and
//! prints the new call's transaction id.

use sma_examples::outbound_notification::Notice;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [from, to, appointment, message] = args.as_slice() else {
        return Err("usage: start-notification <from> <to> <appointment> <message>".into());
    };
    let sma_id = std::env::var("SIP_MEDIA_APPLICATION_ID")
        .map_err(|_| "SIP_MEDIA_APPLICATION_ID is not set")?;
    let config = aws_config::load_from_env().await;
    let client = sma_client::aws_sdk_chimesdkvoice::Client::new(&config);
    let notice = Notice::new(message, appointment);
    let id = sma_client::start_call(&client, &sma_id, from, to, &notice).await?;
    println!("{id}");
    Ok(())
}
