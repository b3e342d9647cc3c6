//! Nothing leaks into the logs: every shape of call data, fed through the Lambda entry, is
//! redacted. Alone in its test binary, so that no other test's tracing races with its
//! subscriber.

mod support;

use sma_core::prelude::*;
use support::call_data::*;
use support::logs::Buffer;

#[tokio::test]
async fn no_shape_of_call_data_reaches_the_logs() {
    let buffer = Buffer::default();
    let _guard = tracing::subscriber::set_default(buffer.subscriber());
    let app = app();
    for bytes in events() {
        app.handle_slice(&bytes, Context::default()).await;
    }
    // A handler that panics quoting the caller: the SIP header `x-case: panic` must not erase
    // part of the framework's "the handler panicked".
    App::new(handlers![panics]).handle_slice(&events()[0], Context::default()).await;
    let logs = buffer.text();
    assert!(logs.matches("ERROR").count() >= 6, "the failures are logged: {logs}");
    assert!(logs.contains("the handler panicked"), "{logs}");
    assert!(logs.contains("[redacted]"), "{logs}");
    assert_clean(&logs);
    // A header value the caller controls erases no word of the framework's messages.
    assert!(!logs.contains("[redacted]ked"), "{logs}");
}

#[on(NewInboundCall)]
async fn panics(call: Call) -> Actions {
    panic!("cannot route {}", call.leg_a().from_number().unwrap_or_default())
}
