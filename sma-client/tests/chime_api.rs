//! The client against a Chime SDK Voice API stub on 127.0.0.1 (never AWS): what it sends, what
//! it refuses to send, and that the handler's side reads back the value the caller sent.

mod support;

use aws_sdk_chimesdkvoice::config::{BehaviorVersion, Credentials, Region};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sma_client::{ClientError, start_call, update_call};
use sma_core::TransactionId;
use sma_core::arguments::{ArgumentsMap, from_arguments};
use std::collections::BTreeMap;
use support::chime_stub::{self, Received};

/// A client of the stub at `address`: static credentials, a region, no retries, nothing
/// loaded from the machine's AWS configuration.
fn client(address: std::net::SocketAddr) -> aws_sdk_chimesdkvoice::Client {
    let config = aws_sdk_chimesdkvoice::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDTEST", "secret", None, None, "static"))
        .endpoint_url(format!("http://{address}"))
        .retry_config(aws_sdk_chimesdkvoice::config::retry::RetryConfig::disabled())
        .build();
    aws_sdk_chimesdkvoice::Client::from_conf(config)
}

async fn stub(status: u16, body: Value) -> (aws_sdk_chimesdkvoice::Client, Received) {
    let (address, received) = chime_stub::serve(status, body).await;
    (client(address), received)
}

fn call(id: &str) -> Value {
    json!({"SipMediaApplicationCall": {"TransactionId": id}})
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Reminder {
    appointment: String,
    minutes: u32,
    note: Option<String>,
}

#[tokio::test]
async fn start_call_sends_the_typed_arguments_and_headers_the_handler_reads_back() {
    let (client, received) = stub(201, call("t-42")).await;
    let reminder = Reminder { appointment: "A-17".into(), minutes: 15, note: None };
    let id = start_call(&client, "sma-1", "+14155550123", "+16505550177", &reminder)
        .sip_header("X-Campaign", "reminders")
        .await
        .expect("started");
    assert_eq!(id, TransactionId::from("t-42"));
    let received = received.lock().expect("log");
    let (method, path, body) = &received[0];
    assert_eq!((method.as_str(), path.as_str()), ("POST", "/sip-media-applications/sma-1/calls"));
    assert_eq!(body["FromPhoneNumber"], "+14155550123");
    assert_eq!(body["ToPhoneNumber"], "+16505550177");
    assert_eq!(body["SipHeaders"], json!({"X-Campaign": "reminders"}));
    assert_eq!(body["ArgumentsMap"], json!({"appointment": "A-17", "minutes": "15"}));
    // The handler's side: `Arguments<Reminder>` reads exactly this map.
    let map: ArgumentsMap = serde_json::from_value(body["ArgumentsMap"].clone()).expect("map");
    assert_eq!(from_arguments::<Reminder>(&map).expect("read back"), reminder);
}

#[tokio::test]
async fn update_call_sends_the_arguments_to_the_live_call() {
    let (client, received) = stub(202, call("t-42")).await;
    #[derive(Serialize)]
    #[serde(tag = "action", rename_all = "lowercase")]
    enum Update {
        Transfer { to: String },
    }
    let update = Update::Transfer { to: "+12065550111".into() };
    update_call(&client, "sma-1", &TransactionId::from("t-42"), &update).await.expect("sent");
    let received = received.lock().expect("log");
    let (_, path, body) = &received[0];
    assert_eq!(path, "/sip-media-applications/sma-1/calls/t-42");
    assert_eq!(body["Arguments"], json!({"action": "transfer", "to": "+12065550111"}));
}

#[tokio::test]
async fn what_the_api_refuses_is_not_sent_and_the_error_has_no_values() {
    let (client, received) = stub(201, call("t-1")).await;
    let (from, to) = ("+14155550123", "+16505550177");
    let too_many: BTreeMap<String, u32> = (0..21).map(|i| (format!("k{i}"), i)).collect();
    let refused = [
        start_call(&client, "sma-1", from, to, &too_many).await,
        start_call(&client, "sma-1", "555-0123", to, &()).await,
        start_call(&client, "sma-1", from, "+0123", &()).await,
        start_call(&client, " ", from, to, &()).await,
        start_call(&client, "sma-1", from, to, &()).sip_header("Contact", "x").await,
        start_call(&client, "sma-1", from, to, &()).sip_header("X-A", "1\r\nX-B: 2").await,
        start_call(&client, "sma-1", from, to, &()).sip_header("x-vc-a", "1").await,
        start_call(&client, "sma-1", from, to, &())
            .sip_header("X-A", "1")
            .sip_header("x-a", "2")
            .await,
        update_call(&client, "sma-1", &TransactionId::from("t-1"), &too_many).await,
        update_call(&client, "sma-1", &TransactionId::from(""), &()).await,
    ];
    for (i, result) in refused.into_iter().enumerate() {
        match result {
            Err(ClientError::Invalid(why)) => {
                assert!(!why.contains("555") && !why.contains("X-B: 2"), "{i}: {why}");
            }
            other => panic!("case {i}: not refused: {other:?}"),
        }
    }
    let headers: Vec<String> = (0..21).map(|i| format!("x-h{i}")).collect();
    let mut many = start_call(&client, "sma-1", from, to, &());
    for h in &headers {
        many = many.sip_header(h, "v");
    }
    assert!(matches!(many.await, Err(ClientError::Invalid(why)) if why.contains("21 entries")));
    assert!(received.lock().expect("log").is_empty(), "nothing was sent");
    // What the API takes is sent: no `+`, as its pattern allows, and 20 headers.
    let mut twenty = start_call(&client, "sma-1", "14155550123", to, &());
    for h in &headers[..20] {
        twenty = twenty.sip_header(h, "v");
    }
    twenty.await.expect("accepted");
}

#[tokio::test]
async fn an_api_error_comes_back_as_one() {
    let (client, _) = stub(400, json!({"Message": "Phone number is not in inventory"})).await;
    let err = start_call(&client, "sma-1", "+14155550123", "+16505550177", &())
        .await
        .expect_err("refused by the API");
    assert!(matches!(err, ClientError::Api(_)), "{err:?}");
    assert!(err.to_string().contains("Chime SDK Voice API"), "{err}");
}
