//! Transaction attributes: always the complete map, stored keys kept unless the handler says
//! otherwise, `{}` to clear, typed state through serde, and the size limits.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sma_core::prelude::*;
use sma_core::response::Limits;
use std::collections::BTreeMap;

fn event(kind: &str, attributes: Option<Value>) -> Value {
    let mut e = json!({"SchemaVersion": "1.0", "Sequence": 4, "InvocationEventType": kind,
        "ActionData": {"Type": "ReceiveDigits", "Parameters": {}, "ReceivedDigits": "5"},
        "CallDetails": {"TransactionId": "tx", "AwsAccountId": "1", "AwsRegion": "us-east-1", "SipMediaApplicationId": "s",
            "Participants": [{"CallId": "a", "ParticipantTag": "LEG-A", "To": "+1", "From": "+2", "Direction": "Inbound",
                "StartTimeInMilliseconds": "1", "Status": "Connected"}]}});
    if let Some(a) = attributes {
        e["CallDetails"]["TransactionAttributes"] = a;
    }
    e
}

async fn answer(app: &App, e: Value) -> Value {
    serde_json::to_value(app.handle(e, Context::default()).await).expect("json")
}

#[on(DigitsReceived)]
async fn remember(digits: Digits) -> Response {
    Response::empty().attribute("last", digits.as_str()).remove_attribute("stale")
}

#[on(ActionSuccessful)]
async fn forget() -> Response {
    Response::empty().clear_attributes()
}

#[on(ActionFailed)]
async fn untouched() -> Actions {
    Actions::new()
}

#[tokio::test]
async fn changes_are_applied_to_the_stored_map_and_the_whole_map_is_sent() {
    let app = App::new(handlers![remember, forget, untouched]);
    let stored = json!({"language": "fr", "stale": "x"});
    let r = answer(&app, event("DIGITS_RECEIVED", Some(stored.clone()))).await;
    assert_eq!(r["TransactionAttributes"], json!({"language": "fr", "last": "5"}));
    // Nothing stored yet: the map holds the change alone.
    let r = answer(&app, event("DIGITS_RECEIVED", None)).await;
    assert_eq!(r["TransactionAttributes"], json!({"last": "5"}));
    // Clearing sends {}, never null.
    let r = answer(&app, event("ACTION_SUCCESSFUL", Some(stored.clone()))).await;
    assert_eq!(r["TransactionAttributes"], json!({}));
    // No change: the field is omitted, which keeps what is stored.
    let r = answer(&app, event("ACTION_FAILED", Some(stored))).await;
    assert!(r.get("TransactionAttributes").is_none(), "{r}");
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Flow {
    #[serde(default)]
    attempts: u32,
    #[serde(default)]
    language: String,
}

#[on(DigitsReceived)]
async fn count(state: State<Flow>) -> Response {
    let next = Flow { attempts: state.attempts + 1, language: state.language.clone() };
    Response::empty().state(&next)
}

#[tokio::test]
async fn typed_state_is_read_and_written() {
    let app = App::new(handlers![count]);
    let r = answer(
        &app,
        event("DIGITS_RECEIVED", Some(json!({"attempts": "2", "language": "fr", "other": "kept"}))),
    )
    .await;
    assert_eq!(
        r["TransactionAttributes"],
        json!({"attempts": "3", "language": "fr", "other": "kept"})
    );
    let r = answer(&app, event("DIGITS_RECEIVED", None)).await;
    assert_eq!(r["TransactionAttributes"], json!({"attempts": "1", "language": ""}));
    // A stored value that does not fit the state is a rejection: the failure policy answers.
    let r = answer(&app, event("DIGITS_RECEIVED", Some(json!({"attempts": "many"})))).await;
    assert_eq!(r["Actions"][0]["Type"], "Hangup");
}

#[on(DigitsReceived)]
async fn hoard(call: Call) -> Response {
    let big: BTreeMap<String, String> =
        (0..101).map(|i| (format!("k{i}"), "v".to_owned())).collect();
    let _ = call;
    Response::empty().state(&big)
}

#[on(ActionSuccessful)]
async fn unwritable() -> Response {
    let map: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
    Response::empty().state(&map)
}

#[tokio::test]
async fn limits_are_enforced_on_the_complete_map() {
    let app = App::new(handlers![hoard, unwritable]);
    let r = answer(&app, event("DIGITS_RECEIVED", None)).await;
    assert_eq!(r["Actions"][0]["Type"], "Hangup", "101 pairs must not be sent: {r}");
    assert!(r.get("TransactionAttributes").is_none());
    // Under the legacy limits 11 pairs are already too many.
    let legacy = App::new(handlers![remember]).limits(Limits::LEGACY);
    let ten: serde_json::Map<String, Value> =
        (0..10).map(|i| (format!("k{i}"), json!("v"))).collect();
    let r = answer(&legacy, event("DIGITS_RECEIVED", Some(Value::Object(ten)))).await;
    assert_eq!(r["Actions"][0]["Type"], "Hangup", "{r}");
    // A state that cannot be written as attributes is caught too.
    let r = answer(&app, event("ACTION_SUCCESSFUL", None)).await;
    assert_eq!(r["Actions"][0]["Type"], "Hangup", "{r}");
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Callback {
    #[serde(default)]
    note: Option<String>,
}

#[on(DigitsReceived)]
async fn forget_the_note(state: State<Callback>) -> Response {
    assert_eq!(state.note.as_deref(), Some("call back"), "the stored note is read");
    Response::empty().state(&Callback { note: None })
}

#[tokio::test]
async fn a_none_field_removes_its_attribute() {
    let app = App::new(handlers![forget_the_note]);
    let stored = json!({"note": "call back", "other": "kept"});
    let r = answer(&app, event("DIGITS_RECEIVED", Some(stored))).await;
    assert_eq!(r["TransactionAttributes"], json!({"other": "kept"}));
}
