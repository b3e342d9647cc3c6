//! One span per invocation with the call's identifiers, phone numbers redacted unless asked
//! for, and the cause of a failure logged at ERROR.

mod support;

use serde_json::json;
use sma_core::prelude::*;
use support::logs::Buffer;

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
    assert!(logs.contains("directory lookup failed"), "the handler's own message stays: {logs}");
    assert!(logs.contains("transaction_id=tx-42"), "{logs}");
    assert!(logs.contains("sequence=1"), "{logs}");
    assert!(logs.contains("event=NEW_INBOUND_CALL"), "{logs}");
    assert!(logs.contains("LEG-A=call-a"), "{logs}");
    assert!(logs.contains("handler=\"broken\""), "{logs}");
    assert!(!logs.contains("+14155550199"), "the caller's number leaked: {logs}");
    assert!(logs.contains("+14•••••••99"), "{logs}");
}

#[tokio::test]
async fn a_filter_of_sma_core_at_warn_drops_the_span_and_keeps_the_errors() {
    use tracing_subscriber::layer::SubscriberExt;
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let filter: tracing_subscriber::filter::Targets = "info,sma_core=warn".parse().unwrap();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish()
        .with(filter);
    let _guard = tracing::subscriber::set_default(subscriber);
    App::new(handlers![broken]).handle(new_call(), Context::default()).await;
    let logs = buffer.text();
    assert!(logs.contains("ERROR") && logs.contains("directory lookup failed"), "{logs}");
    assert!(!logs.contains("invocation{") && !logs.contains("tx-42"), "no span: {logs}");
}

#[tokio::test]
async fn numbers_are_logged_in_full_when_asked() {
    let logs = logs_of(App::new(handlers![broken]).log_call_data(true)).await;
    assert!(logs.contains("+14155550199"), "{logs}");
}

// --- no call data at the default level, whatever the message ------------------------------

const CALLER: &str = "+14155550199";
const SECRET_HEADER: &str = "banana-split-7788";
const PIN: &str = "kiwi-4411";
const NOTE: &str = "mango-2233";
const OTHER_NUMBER: &str = "+1 415 555 0188";

/// Everything that must not reach a log line.
const SECRETS: &[&str] =
    &[CALLER, "4155550199", "2065550100", SECRET_HEADER, PIN, NOTE, "4155550188", "4155550177"];

fn call_with_secrets() -> serde_json::Value {
    json!({"SchemaVersion": "1.0", "Sequence": 3, "InvocationEventType": "NEW_INBOUND_CALL",
        "CallDetails": {"TransactionId": "tx-7", "AwsAccountId": "111122223333", "AwsRegion": "us-east-1",
            "SipMediaApplicationId": "sma-1",
            "TransactionAttributes": {"pin": PIN, "params": {"note": NOTE}},
            "Participants": [{"CallId": "call-a", "ParticipantTag": "LEG-A",
                "To": "+12065550100", "From": CALLER, "Direction": "Inbound",
                "StartTimeInMilliseconds": "1700000000000",
                "SipHeaders": {"X-Secret-Token": SECRET_HEADER}}]}})
}

mod leaky {
    use sma_core::prelude::*;

    fn everything(call: &Call) -> String {
        let leg = call.leg_a();
        let header = leg.participant().and_then(|p| p.sip_headers.clone()).unwrap_or_default();
        format!(
            "from {} token {} pin {} params {:?}",
            leg.from_number().unwrap_or_default(),
            header.header("x-secret-token").unwrap_or_default(),
            call.attribute("pin").unwrap_or_default(),
            call.attributes().value("params"),
        )
    }

    #[on(NewInboundCall)]
    pub(crate) async fn fails(call: Call) -> Result<Actions, std::io::Error> {
        Err(std::io::Error::other(everything(&call)))
    }

    #[on(NewInboundCall)]
    pub(crate) async fn panics(call: Call) -> Actions {
        panic!("{}", everything(&call))
    }

    #[on(NewInboundCall)]
    pub(crate) async fn bad_number(
        _call: Call,
    ) -> Result<Actions, Box<dyn std::error::Error + Send + Sync>> {
        let number: E164 = serde_json::from_value(serde_json::json!(super::OTHER_NUMBER))?;
        let bridge = sma_core::action::CallAndBridge::to_pstn(number.clone(), number);
        Ok(Actions::from(bridge))
    }

    #[derive(serde::Deserialize)]
    pub(crate) struct Typed {
        #[allow(dead_code)]
        pin: u32,
    }

    #[on(NewInboundCall)]
    pub(crate) async fn typed_state(_state: State<Typed>) -> Actions {
        Actions::new()
    }
}

#[tokio::test]
async fn no_phone_number_header_value_or_attribute_value_is_logged() {
    let apps = [
        App::new(handlers![leaky::fails]),
        App::new(handlers![leaky::panics]),
        App::new(handlers![leaky::bad_number]),
        App::new(handlers![leaky::typed_state]),
    ];
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    for app in &apps {
        app.handle(call_with_secrets(), Context::default()).await;
    }
    // An event that cannot be read, with the caller's number where a string belongs.
    let mut unreadable = call_with_secrets();
    unreadable["CallDetails"]["Participants"][0]["From"] = json!(14155550177u64);
    apps[0].handle(unreadable, Context::default()).await;
    let logs = buffer.text();
    assert_eq!(logs.matches("ERROR").count(), 5, "every failure is logged: {logs}");
    assert!(logs.contains("[redacted]"), "{logs}");
    assert!(logs.contains("CallDetails.Participants[0].From"), "the path is named: {logs}");
    for secret in SECRETS {
        assert!(!logs.contains(secret), "{secret} leaked:\n{logs}");
    }
}
