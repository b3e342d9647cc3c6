//! A function built with `sma`, served by the real `lambda_runtime` loop against a Runtime API
//! on loopback: bodies that are not invocations get the failure policy's answer (never an
//! error, which the service would retry and then drop the caller on), and the deadline holds for
//! a handler that blocks its thread on the current-thread runtime, as for one that waits.

mod support;

use serde_json::{Value, json};
use std::time::{Duration, Instant};
use support::runtime_api::{Posted, RuntimeApi};

const PROBE: &str = env!("CARGO_BIN_EXE_lambda_probe");
const CALLER: &str = "+14155550199";
const LEG_A: &str = "c0ffee00-0000-4000-8000-00000000000a";

fn event(kind: &str, action_data: Option<Value>) -> Vec<u8> {
    let mut e = json!({
        "SchemaVersion": "1.0", "Sequence": 2, "InvocationEventType": kind,
        "CallDetails": {
            "TransactionId": "t-1", "AwsAccountId": "123456789012", "AwsRegion": "us-east-1",
            "SipMediaApplicationId": "sma-1", "SipRuleId": "rule-1",
            "Participants": [{"CallId": LEG_A, "ParticipantTag": "LEG-A", "To": "+12065550100",
                "From": CALLER, "Direction": "Inbound",
                "StartTimeInMilliseconds": "1763805600000", "Status": "Connected"}]
        }
    });
    if let Some(data) = action_data {
        e["ActionData"] = data;
    }
    serde_json::to_vec(&e).expect("JSON")
}

/// The answer posted for `id` (failing on an error post or on silence).
async fn answer(api: &mut RuntimeApi, id: &str) -> (Value, Instant) {
    match api.next_post(Duration::from_secs(60)).await {
        Some(Posted::Response { id: got, body, at }) => {
            assert_eq!(got, id, "answers come back in order, on their request id");
            (serde_json::from_slice(&body).expect("a JSON answer"), at)
        }
        Some(Posted::Error { id, body }) => panic!("{id}: posted an error, not an answer: {body}"),
        None => panic!("{id}: no answer"),
    }
}

/// The ERROR lines the function logged (JSON lines on stdout).
fn errors(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|l| l["level"] == "ERROR")
        .collect()
}

fn hang_up() -> Value {
    json!({"SchemaVersion": "1.0", "Actions": [{"Type": "Hangup", "Parameters": {"SipResponseCode": 0}}]})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_that_are_not_invocations_get_the_failure_answer() {
    let mut api = RuntimeApi::start(Duration::from_secs(20)).await;
    let function = api.start_function(PROBE, &[]);
    let s3 = br#"{"Records":[{"eventSource":"aws:s3","s3":{"object":{"key":"a.wav"}}}]}"#;
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty", b"", "the event is empty"),
        ("text", b"hello, not json", "the event is not JSON"),
        ("array", b"[1, 2]", "the event is a JSON array, not an object"),
        ("string", b"\"NEW_INBOUND_CALL\"", "the event is a JSON string, not an object"),
        ("s3", s3, "not a SIP media application event"),
    ];
    for (id, body, _) in &cases {
        api.invoke(id, *body);
        let (got, _) = answer(&mut api, id).await;
        assert_eq!(got, hang_up(), "{id}");
    }
    // The function keeps serving.
    api.invoke("call", event("NEW_INBOUND_CALL", None));
    let (got, _) = answer(&mut api, "call").await;
    assert_eq!(got["Actions"][0]["Parameters"]["Text"], "hello");

    let (stdout, _) = function.stop();
    let errors = errors(&stdout);
    assert_eq!(errors.len(), cases.len(), "one ERROR line per unreadable event:\n{stdout}");
    for ((id, _, says), line) in cases.iter().zip(&errors) {
        let text = line.to_string();
        assert!(text.contains(says), "{id}: {text}");
        assert!(text.contains("answering with the failure policy"), "{id}: {text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deadline_holds_for_a_handler_that_blocks_and_for_one_that_waits() {
    let mut api = RuntimeApi::start(Duration::from_secs(20)).await;
    let function = api.start_function(PROBE, &[("PROBE_BLOCK_MS", "5000")]);
    // Warm up: the function is polling.
    api.invoke("warm", event("NEW_INBOUND_CALL", None));
    answer(&mut api, "warm").await;

    let hang_up_leg_a = json!({"SchemaVersion": "1.0", "Actions": [{"Type": "Hangup",
        "Parameters": {"CallId": LEG_A, "SipResponseCode": 0}}]});
    let speak = json!({"Type": "Speak", "Parameters": {"CallId": LEG_A, "Text": "hi"}});
    let cases = [
        ("blocks", event("ACTION_SUCCESSFUL", Some(speak))),
        (
            "waits",
            event(
                "DIGITS_RECEIVED",
                Some(json!({"Type": "ReceiveDigits",
            "Parameters": {"CallId": LEG_A}, "ReceivedDigits": "1"})),
            ),
        ),
    ];
    for (id, body) in cases {
        let sent = Instant::now();
        api.invoke(id, body);
        let (got, at) = answer(&mut api, id).await;
        // Timeout 1 s: the answer comes well before the handler's 5 s are over.
        let took = at - sent;
        assert!(took < Duration::from_millis(3500), "{id}: answered after {took:?}");
        assert_eq!(got, hang_up_leg_a, "{id}: the failure policy's answer");
        // The late answer is never sent, and the next invocation is served as usual.
        api.invoke(&format!("{id}-next"), event("NEW_INBOUND_CALL", None));
        let (next, _) = answer(&mut api, &format!("{id}-next")).await;
        assert_eq!(next["Actions"][0]["Parameters"]["Text"], "hello", "{id}");
    }
    assert!(api.next_post(Duration::from_secs(1)).await.is_none(), "nothing posted late");

    let (stdout, _) = function.stop();
    let errors = errors(&stdout);
    assert_eq!(errors.len(), 2, "one ERROR line per handler stopped:\n{stdout}");
    assert!(errors[0].to_string().contains("blocked its thread"), "{}", errors[0]);
    assert!(errors[1].to_string().contains("did not answer within"), "{}", errors[1]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_ends_the_call_without_call_data_in_the_logs() {
    let mut api = RuntimeApi::start(Duration::from_secs(20)).await;
    let function = api.start_function(PROBE, &[]);
    let update = json!({"Type": "CallUpdateRequest", "Parameters": {"Arguments": {}}});
    api.invoke("panics", event("CALL_UPDATE_REQUESTED", Some(update)));
    let (got, _) = answer(&mut api, "panics").await;
    assert_eq!(got["Actions"][0]["Type"], "Hangup");
    api.invoke("next", event("NEW_INBOUND_CALL", None));
    answer(&mut api, "next").await;

    let (stdout, stderr) = function.stop();
    assert!(stderr.contains("a handler panicked at"), "the quiet panic hook: {stderr}");
    assert!(!stderr.contains(CALLER) && !stdout.contains(CALLER), "{stderr}\n{stdout}");
    let errors = errors(&stdout);
    assert_eq!(errors.len(), 1, "{stdout}");
    assert!(errors[0].to_string().contains("cannot look up [redacted]"), "{}", errors[0]);
}

/// The watchdog posts to the address as `lambda_runtime` reads it: with a scheme and a base
/// path (`http://127.0.0.1:P/.rt`, as `cargo lambda watch` sets it), not only `host:port`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_watchdog_answers_at_an_address_with_a_scheme_and_a_path() {
    let mut api = RuntimeApi::start_at(Duration::from_secs(20), "/.rt").await;
    assert!(api.address().starts_with("http://127.0.0.1:") && api.address().ends_with("/.rt"));
    let _function = api.start_function(PROBE, &[("PROBE_BLOCK_MS", "4000")]);
    api.invoke("warm", event("NEW_INBOUND_CALL", None));
    answer(&mut api, "warm").await;
    let speak = json!({"Type": "Speak", "Parameters": {"CallId": LEG_A, "Text": "hi"}});
    let sent = Instant::now();
    api.invoke("blocks", event("ACTION_SUCCESSFUL", Some(speak)));
    let (got, at) = answer(&mut api, "blocks").await;
    assert!(at - sent < Duration::from_millis(3500), "answered after {:?}", at - sent);
    assert_eq!(got["Actions"][0]["Type"], "Hangup");
}

/// A panic outside any handler (at start-up, in the runtime) keeps its message on stderr; only
/// a handler's message, which may hold call data, is kept off it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_outside_handlers_keeps_its_message() {
    let api = RuntimeApi::start(Duration::from_secs(20)).await;
    let function = api.start_function(PROBE, &[("PROBE_PANIC_OUTSIDE_MS", "300")]);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (_, stderr) = function.stop();
    assert!(stderr.contains("the probe panicked outside any handler"), "{stderr}");
}

/// An address `lambda_runtime` cannot use stops the function at start, saying why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unusable_runtime_api_address_is_an_init_error_that_says_why() {
    let api = RuntimeApi::start(Duration::from_secs(20)).await;
    let function = api.start_function(PROBE, &[("AWS_LAMBDA_RUNTIME_API", "https://127.0.0.1:1")]);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (_, stderr) = function.stop();
    assert!(stderr.contains("AWS_LAMBDA_RUNTIME_API"), "{stderr}");
    assert!(stderr.contains("not http"), "{stderr}");
}

/// The log level comes from `AWS_LAMBDA_LOG_LEVEL`, else `RUST_LOG`, as `lambda_runtime` reads
/// them; `RUST_LOG` may list targets.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_level_variables_are_read_as_lambda_runtime_reads_them() {
    let cases: [(&[(&str, &str)], usize); 4] = [
        (&[], 1),
        (&[("AWS_LAMBDA_LOG_LEVEL", "off")], 0),
        (&[("RUST_LOG", "off")], 0),
        (&[("RUST_LOG", "lambda_runtime=off,sma_core=error")], 1),
    ];
    for (envs, expected) in cases {
        let mut api = RuntimeApi::start(Duration::from_secs(20)).await;
        let function = api.start_function(PROBE, envs);
        api.invoke("empty", b"".as_slice());
        let (got, _) = answer(&mut api, "empty").await;
        assert_eq!(got, hang_up(), "{envs:?}");
        let (stdout, _) = function.stop();
        assert_eq!(errors(&stdout).len(), expected, "{envs:?}:\n{stdout}");
    }
}
