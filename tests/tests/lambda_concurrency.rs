//! Concurrent invocations, as Lambda Managed Instances send them (`AWS_LAMBDA_MAX_CONCURRENCY`):
//! the probe function (`src/bin/lambda_probe.rs`, timeout 1 s, margin 200 ms) answers 8
//! invocations at once through the real `lambda_runtime` loop and a Runtime API on loopback.
//! Every answer goes to its own request, and every deadline holds, also for the invocation whose
//! handler blocks its thread past it.

mod support;

use serde_json::{Value, json};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use support::runtime_api::{Posted, RuntimeApi};

const PROBE: &str = env!("CARGO_BIN_EXE_lambda_probe");
const LEG_A: &str = "c0ffee00-0000-4000-8000-00000000000a";
/// How long each answering handler waits: 7 of them one after another would take 2.8 s.
const WAIT: &str = "400";
/// The handler's timeout (1 s) and a margin for a loaded machine; served one at a time, the
/// last of the 7 would answer after 2.8 s.
const IN_TIME: Duration = Duration::from_millis(1600);

fn event(kind: &str, transaction: &str, action_data: Option<Value>) -> Vec<u8> {
    let mut e = json!({
        "SchemaVersion": "1.0", "Sequence": 2, "InvocationEventType": kind,
        "CallDetails": {
            "TransactionId": transaction, "AwsAccountId": "123456789012",
            "AwsRegion": "us-east-1", "SipMediaApplicationId": "sma-1",
            "Participants": [{"CallId": LEG_A, "ParticipantTag": "LEG-A", "To": "+12065550100",
                "From": "+14155550199", "Direction": "Outbound",
                "StartTimeInMilliseconds": "1763805600000", "Status": "Connected"}]
        }
    });
    if let Some(data) = action_data {
        e["ActionData"] = data;
    }
    serde_json::to_vec(&e).expect("JSON")
}

/// Queues `count` CALL_ANSWERED invocations (and a blocking one, if `blocker`) at once; returns
/// each request id's answer and how long after queueing it came.
async fn round(
    api: &mut RuntimeApi,
    round: usize,
    count: usize,
    blocker: bool,
) -> HashMap<String, (Value, Duration)> {
    let sent = Instant::now();
    for i in 0..count {
        api.invoke(
            &format!("r{round}-{i}"),
            event("CALL_ANSWERED", &format!("t-{round}-{i}"), None),
        );
    }
    if blocker {
        let speak = json!({"Type": "Speak", "Parameters": {"CallId": LEG_A, "Text": "hi"}});
        api.invoke(&format!("r{round}-blocks"), event("ACTION_SUCCESSFUL", "t-b", Some(speak)));
    }
    let mut answers = HashMap::new();
    while answers.len() < count + usize::from(blocker) {
        match api.next_post(Duration::from_secs(10)).await {
            Some(Posted::Response { id, body, at }) => {
                let answer = serde_json::from_slice(&body).expect("a JSON answer");
                assert!(
                    answers.insert(id.clone(), (answer, at - sent)).is_none(),
                    "{id} answered twice"
                );
            }
            Some(Posted::Error { id, body }) => panic!("{id}: posted an error: {body}"),
            None => panic!("round {round}: only {} answers: {answers:?}", answers.len()),
        }
    }
    answers
}

fn check_answers(answers: &HashMap<String, (Value, Duration)>, round: usize, count: usize) {
    for i in 0..count {
        let (answer, took) = &answers[&format!("r{round}-{i}")];
        assert_eq!(
            answer["Actions"][0]["Parameters"]["Text"],
            format!("answered t-{round}-{i}"),
            "round {round}: each answer goes to its own request"
        );
        assert!(*took < IN_TIME, "round {round}, r{round}-{i}: answered after {took:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_invocations_at_once_one_blocking_past_its_deadline() {
    let mut api = RuntimeApi::start(Duration::from_secs(20)).await;
    let envs = [
        ("AWS_LAMBDA_MAX_CONCURRENCY", "8"),
        ("PROBE_THREADS", "2"),
        ("PROBE_WAIT_MS", WAIT),
        ("PROBE_BLOCK_MS", "2000"),
    ];
    let function = api.start_function(PROBE, &envs);
    round(&mut api, 0, 1, false).await; // warm: the workers are polling
    for r in 1..=3 {
        let answers = round(&mut api, r, 7, true).await;
        check_answers(&answers, r, 7);
        let (blocked, took) = &answers[&format!("r{r}-blocks")];
        assert_eq!(blocked["Actions"][0]["Type"], "Hangup", "the failure policy's answer");
        assert!(*took < IN_TIME, "round {r}: the blocked one answered after {took:?}");
        // The blocked handler's late answer is never posted; its thread comes back to serve.
        assert!(api.next_post(Duration::from_millis(2000)).await.is_none(), "a late post");
    }
    let (stdout, _) = function.stop();
    let stopped = stdout.lines().filter(|l| l.contains("blocked its thread")).count();
    assert_eq!(stopped, 3, "one ERROR line per blocked invocation:\n{stdout}");
    assert!(!stdout.contains("one invocation at a time"), "{stdout}");
}

/// On the current-thread runtime the README recommends, the invocations interleave at their
/// awaits: 8 waiting handlers answer together, not one after another.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_invocations_interleave_on_the_current_thread_runtime() {
    let mut api = RuntimeApi::start(Duration::from_secs(20)).await;
    let envs = [("AWS_LAMBDA_MAX_CONCURRENCY", "8"), ("PROBE_WAIT_MS", WAIT)];
    let _function = api.start_function(PROBE, &envs);
    round(&mut api, 0, 1, false).await;
    let answers = round(&mut api, 1, 8, false).await;
    check_answers(&answers, 1, 8);
}
