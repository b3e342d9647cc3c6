//! Both halves of the outbound-notification flow with one type: the `start-notification`
//! binary sends a [`Notice`] through `sma-client` to a Chime SDK Voice API stub on 127.0.0.1
//! (AWS configuration from static environment values, never the machine's or the network's),
//! and the simulator places the call with exactly the `ArgumentsMap` the stub received.

#[path = "../../../sma-client/tests/support/chime_stub.rs"]
mod chime_stub;

use serde_json::{Value, json};
use sma_core::arguments::ArgumentsMap;
use sma_core::testing::Simulator;
use sma_examples::outbound_notification::{self, Notice};
use std::process::Command;

const FROM: &str = "+14155550123";
const TO: &str = "+16505550177";

/// Runs the binary against the stub at `endpoint`: (success, stdout, stderr).
fn start(endpoint: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_start-notification"))
        .args(args)
        .env("SIP_MEDIA_APPLICATION_ID", "sma-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", "AKIDTEST")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_CONFIG_FILE", "/nonexistent/sma-test-config")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/sma-test-credentials")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_SESSION_TOKEN")
        .output()
        .expect("run start-notification");
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.success(), text(out.stdout), text(out.stderr))
}

/// The stub, served on a runtime of its own while the test (and the simulator) run outside it.
fn stub(status: u16, body: Value) -> (tokio::runtime::Runtime, String, chime_stub::Received) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let (address, received) = runtime.block_on(chime_stub::serve(status, body));
    (runtime, format!("http://{address}"), received)
}

#[test]
fn the_starter_sends_the_notice_the_handler_reads() {
    let answer = json!({"SipMediaApplicationCall": {"TransactionId": "t-77"}});
    let (_runtime, endpoint, received) = stub(201, answer);
    let message = "Your appointment is tomorrow at 10.";
    let (ok, stdout, stderr) = start(&endpoint, &[FROM, TO, "A-17", message]);
    assert!(ok, "{stderr}");
    assert_eq!(stdout.trim(), "t-77", "prints the transaction id");

    let body: Value = {
        let received = received.lock().expect("log");
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].1, "/sip-media-applications/sma-1/calls");
        received[0].2.clone()
    };
    assert_eq!(
        (body["FromPhoneNumber"].as_str(), body["ToPhoneNumber"].as_str()),
        (Some(FROM), Some(TO))
    );
    let sent: ArgumentsMap = serde_json::from_value(body["ArgumentsMap"].clone()).expect("a map");

    // The handler's half, with what the API was given.
    let mut sim = Simulator::new(outbound_notification::app());
    sim.outbound_call(FROM, TO, &sent).answer();
    sim.assert_speaks(message);
    sim.press("1").assert_speaks("confirmed").assert_ended().assert_no_problems();
    let kept = sim.state::<Notice>().expect("attributes").expect("a Notice");
    assert_eq!((kept.appointment.as_str(), kept.outcome.as_str()), ("A-17", "confirmed"));
}

#[test]
fn a_number_the_api_refuses_is_not_sent() {
    let (_runtime, endpoint, received) = stub(201, json!({}));
    let (ok, _, stderr) = start(&endpoint, &["0123", TO, "A-17", "Hello."]);
    assert!(!ok);
    assert!(stderr.contains("FromPhoneNumber"), "{stderr}");
    assert!(received.lock().expect("log").is_empty());
}
