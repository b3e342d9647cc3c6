//! One span per invocation with the call's identifiers, phone numbers redacted unless asked
//! for, and the cause of a failure logged at ERROR.

use serde_json::json;
use sma_core::prelude::*;
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("buffer")).into_owned()
    }
}

#[on(NewInboundCall)]
async fn broken(_call: Call) -> Result<Actions, std::io::Error> {
    Err(std::io::Error::other("directory lookup failed"))
}

fn new_call() -> serde_json::Value {
    json!({"SchemaVersion": "1.0", "Sequence": 1, "InvocationEventType": "NEW_INBOUND_CALL",
        "CallDetails": {"TransactionId": "tx-42", "AwsAccountId": "111122223333", "AwsRegion": "us-east-1",
            "SipMediaApplicationId": "sma-1", "Participants": [{"CallId": "call-a", "ParticipantTag": "LEG-A",
                "To": "+12065550100", "From": "+14155550199", "Direction": "Inbound",
                "StartTimeInMilliseconds": "1700000000000"}]}})
}

async fn logs_of(app: App) -> String {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber =
        tracing_subscriber::fmt().with_ansi(false).with_writer(move || writer.clone()).finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    app.handle(new_call(), Context::default()).await;
    buffer.text()
}

#[tokio::test]
async fn the_invocation_span_names_the_call_and_redacts_numbers() {
    let logs = logs_of(App::new(handlers![broken])).await;
    assert!(logs.contains("ERROR"), "{logs}");
    assert!(logs.contains("directory lookup failed"), "{logs}");
    assert!(logs.contains("transaction_id=tx-42"), "{logs}");
    assert!(logs.contains("sequence=1"), "{logs}");
    assert!(logs.contains("event=NEW_INBOUND_CALL"), "{logs}");
    assert!(logs.contains("LEG-A=call-a"), "{logs}");
    assert!(logs.contains("handler=\"broken\""), "{logs}");
    assert!(!logs.contains("+14155550199"), "the caller's number leaked: {logs}");
    assert!(logs.contains("+14•••••••99"), "{logs}");
}

#[tokio::test]
async fn numbers_are_logged_in_full_when_asked() {
    let logs = logs_of(App::new(handlers![broken]).log_phone_numbers(true)).await;
    assert!(logs.contains("+14155550199"), "{logs}");
}
