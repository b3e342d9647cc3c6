//! The log oracle of the whole-path invariant (`sma_tests::log_leaks`): it finds a phone number
//! or a call value written in clear, passes what the framework logs by design, and fails an app
//! that was told to log call data, through the real Lambda path and its logging.

use sma_core::App;
use sma_tests::{invariants, log_leaks};
use std::panic::{AssertUnwindSafe, catch_unwind};

const EVENT: &str = r#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"NEW_INBOUND_CALL",
  "CallDetails":{"TransactionId":"tx-1","AwsAccountId":"111122223333","AwsRegion":"us-east-1",
  "SipMediaApplicationId":"sma-1","TransactionAttributes":{"case":"case 5550123456"},
  "Participants":[{"CallId":"call-a","ParticipantTag":"LEG-A","To":"+12065550100",
  "From":"+14155550199","Direction":"Inbound","StartTimeInMilliseconds":"1700000000000"}]}}"#;

/// Whether the oracle finds call data of `event` in `logs`.
fn finds(event: &str, logs: &str) -> bool {
    catch_unwind(|| log_leaks::assert_no_call_data(event.as_bytes(), logs)).is_err()
}

#[test]
fn a_number_or_a_call_value_in_clear_is_found() {
    assert!(finds(EVENT, "invocation{from=+14155550199}: answered"));
    assert!(finds(EVENT, "to +12065550100"));
    assert!(finds(EVENT, "attribute: case 5550123456."));
    assert!(!finds(EVENT, "invocation{from=+14•••••••99 to=+12•••••••00}: answered"));
}

#[test]
fn what_the_framework_logs_by_design_is_not_call_data() {
    // The span names the transaction: a transaction id that holds a number is logged as it is.
    let event = EVENT.replace(r#""tx-1""#, r#""tx-+14155550199""#);
    assert!(!finds(&event, "invocation{transaction_id=tx-+14155550199}: answered"));
    // An event that is not JSON has no values to look for.
    assert!(!finds(&EVENT[..120], "+14155550199"));
}

#[test]
fn an_app_that_logs_call_data_fails_the_whole_path_invariant() {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_time().build().expect("runtime");
    let told = App::new(invariants::router()).log_call_data(true);
    let failed = catch_unwind(AssertUnwindSafe(|| {
        invariants::whole_path(&told, &runtime, EVENT.as_bytes());
    }));
    assert!(failed.is_err(), "the span's numbers in clear went unnoticed");
    let (_, logs) = log_leaks::logged(|| {
        runtime.block_on(told.handle_slice(EVENT.as_bytes(), Default::default()))
    });
    assert!(logs.contains("+14155550199"), "the capture misses the span: {logs}");
    // The same app as it ships: numbers masked, the invariant holds.
    invariants::whole_path(&App::new(invariants::router()), &runtime, EVENT.as_bytes());
}
